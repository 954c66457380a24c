// Service discovery: SFU endpoints are read from etcd.
#pragma once

#include "chokepoint/annotations.h"

#include <string>
#include <vector>

namespace CHOKEPOINT_SERVICE("voice-syncer") voice {

  class Discovery {
  public:
    /// The endpoints of Service's nodes, read from etcd -- through the same
    /// pool as the media connections.
    CHOKEPOINT_LOOKUP("etcd")
    std::vector<std::string> resolve(const std::string &Service);

  private:
    std::vector<std::string> parse(const std::string &Reply) const;
  };

} // namespace voice
