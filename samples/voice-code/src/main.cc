// A stand-in for the node's event loop: enough to build the sample.
#include "pool.h"
#include "reconnect.h"

#include <cstdio>

int main() {
  voice::SfuClient Sfu;
  voice::SessionManager Sessions(Sfu);
  voice::Reconnector Reconnect(Sessions);
  bool Joined = Sessions.join("call-1");
  Sessions.disconnected("call-1");
  std::printf("joined: %d, pooled connections: %zu\n", Joined,
              voice::ConnectionPool::instance().size());
  return 0;
}
