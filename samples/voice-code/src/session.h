// Voice sessions: a customer joins a call.
#pragma once

#include "chokepoint/annotations.h"
#include "discovery.h"
#include "sfu_client.h"

#include <functional>
#include <map>
#include <string>

namespace CHOKEPOINT_SERVICE("voice-syncer") voice {

  struct Session {
    std::string Call;
    std::string Endpoint;
  };

  class SessionManager {
  public:
    explicit SessionManager(MediaSink &Media) : Media(Media) {}

    /// A customer joins Call: find an SFU, open the media connection.
    CHOKEPOINT_ENTRY("customer")
    bool join(const std::string &Call);

    /// Called when a session's SFU connection drops.
    void onDisconnect(std::function<void(Session &)> Handler) {
      Disconnect = std::move(Handler);
    }
    void disconnected(const std::string &Call);

    /// Makes the session's media connection again (joins and reconnects).
    bool connect(Session &S);

  private:
    MediaSink &Media;
    Discovery Registry;
    std::map<std::string, Session> Sessions;
    std::function<void(Session &)> Disconnect;
  };

} // namespace voice
