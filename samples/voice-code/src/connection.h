// A connection to another service: an SFU media node or an etcd member.
#pragma once

#include <string>

namespace voice {

class Connection {
public:
  explicit Connection(std::string Endpoint) : Endpoint(std::move(Endpoint)) {}
  const std::string &endpoint() const { return Endpoint; }
  bool alive() const { return Alive; }
  void markDead() { Alive = false; }
  std::string request(const std::string &Body) { return Endpoint + ":" + Body; }

private:
  std::string Endpoint;
  bool Alive = true;
};

} // namespace voice
