#include "pool.h"

#include <functional>

namespace voice {

ConnectionPool &ConnectionPool::instance() {
  static ConnectionPool Pool;
  return Pool;
}

ConnectionPool::Partition &
ConnectionPool::partitionOf(const std::string &Endpoint) {
  return Partitions[std::hash<std::string>()(Endpoint) % VOICE_POOL_PARTITIONS];
}

Connection *ConnectionPool::acquire(const std::string &Endpoint) {
  Partition &P = partitionOf(Endpoint);
  std::lock_guard<std::mutex> Guard(P.Lock);
  auto &Free = P.Idle[Endpoint];
  while (!Free.empty()) {
    std::unique_ptr<Connection> C = std::move(Free.back());
    Free.pop_back();
    if (C->alive())
      return C.release();
  }
  return dial(Endpoint);
}

void ConnectionPool::release(Connection *C) {
  Partition &P = partitionOf(C->endpoint());
  std::lock_guard<std::mutex> Guard(P.Lock);
  if (!C->alive()) {
    delete C;
    return;
  }
  P.Idle[C->endpoint()].emplace_back(C);
}

void ConnectionPool::drop(const std::string &Endpoint) {
  Partition &P = partitionOf(Endpoint);
  std::lock_guard<std::mutex> Guard(P.Lock);
  P.Idle.erase(Endpoint);
}

size_t ConnectionPool::size() const {
  size_t N = 0;
  for (const Partition &P : Partitions) {
    std::lock_guard<std::mutex> Guard(P.Lock);
    for (const auto &Entry : P.Idle)
      N += Entry.second.size();
  }
  return N;
}

Connection *ConnectionPool::dial(const std::string &Endpoint) {
  // Connecting, TLS and the handshake all happen on the partition's thread.
  return new Connection(Endpoint);
}

} // namespace voice
