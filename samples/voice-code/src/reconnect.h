// What happens when an SFU connection drops: every session on it reconnects
// at once.
#pragma once

#include "chokepoint/annotations.h"
#include "session.h"

namespace CHOKEPOINT_SERVICE("voice-syncer") voice {

  class Reconnector {
  public:
    explicit Reconnector(SessionManager &Sessions);

    /// Fired for each session whose SFU connection dropped: resolve the SFUs
    /// again and reconnect, with no backoff and no limit.
    CHOKEPOINT_RECOVERY("reconnect", "sfu-disconnect")
    void reconnect(Session &S);

  private:
    SessionManager &Sessions;
  };

} // namespace voice
