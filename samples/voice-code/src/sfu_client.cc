#include "sfu_client.h"

#include "pool.h"

namespace voice {

bool SfuClient::open(const std::string &Endpoint) {
  ConnectionPool &Pool = ConnectionPool::instance();
  for (int Attempt = 0; Attempt < 3; ++Attempt) {
    Connection *C = Pool.acquire(Endpoint);
    if (C->alive()) {
      C->request("JOIN");
      Pool.release(C);
      return true;
    }
    Pool.release(C);
  }
  return false;
}

} // namespace voice
