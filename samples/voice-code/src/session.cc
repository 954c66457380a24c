#include "session.h"

namespace voice {

bool SessionManager::join(const std::string &Call) {
  Session &S = Sessions[Call];
  S.Call = Call;
  return connect(S);
}

bool SessionManager::connect(Session &S) {
  std::vector<std::string> Endpoints = Registry.resolve("sfu");
  if (Endpoints.empty())
    return false;
  S.Endpoint = Endpoints[std::hash<std::string>()(S.Call) % Endpoints.size()];
  return Media.open(S.Endpoint); // virtual: SfuClient::open
}

void SessionManager::disconnected(const std::string &Call) {
  auto It = Sessions.find(Call);
  if (It != Sessions.end() && Disconnect)
    Disconnect(It->second);
}

} // namespace voice
