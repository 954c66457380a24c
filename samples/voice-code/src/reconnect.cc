#include "reconnect.h"

#include "pool.h"

namespace voice {

Reconnector::Reconnector(SessionManager &Sessions) : Sessions(Sessions) {
  // The handler is stored and called by SessionManager::disconnected.
  Sessions.onDisconnect([this](Session &S) { reconnect(S); });
}

void Reconnector::reconnect(Session &S) {
  ConnectionPool::instance().drop(S.Endpoint);
  Sessions.connect(S);
}

} // namespace voice
