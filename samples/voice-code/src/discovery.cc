#include "discovery.h"

#include "pool.h"

#include <sstream>

namespace voice {

std::vector<std::string> Discovery::resolve(const std::string &Service) {
  ConnectionPool &Pool = ConnectionPool::instance();
  Connection *Etcd = Pool.acquire("etcd:2379");
  std::string Reply = Etcd->request("GET /registry/" + Service);
  Pool.release(Etcd);
  return parse(Reply);
}

std::vector<std::string> Discovery::parse(const std::string &Reply) const {
  std::vector<std::string> Endpoints;
  std::istringstream In(Reply);
  for (std::string Line; std::getline(In, Line, ',');)
    if (!Line.empty())
      Endpoints.push_back(Line);
  return Endpoints;
}

} // namespace voice
