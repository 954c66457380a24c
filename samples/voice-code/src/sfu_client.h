// Media connections to the SFUs, through the pool.
#pragma once

#include "chokepoint/annotations.h"
#include "connection.h"

#include <string>

namespace CHOKEPOINT_SERVICE("voice-syncer") voice {

  /// Where media goes; an interface so tests can stand in for the SFU.
  class MediaSink {
  public:
    virtual ~MediaSink() = default;
    virtual bool open(const std::string &Endpoint) = 0;
  };

  class SfuClient : public MediaSink {
  public:
    /// Opens the call's media connection to Endpoint, trying three times.
    CHOKEPOINT_CALLS("sfu")
    CHOKEPOINT_RETRY(3, "none") bool open(const std::string &Endpoint) override;
  };

} // namespace voice
