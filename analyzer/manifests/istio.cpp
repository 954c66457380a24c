//===- analyzer/manifests/istio.cpp - Istio's traffic policy --------------===//
//
// The Istio kinds that change the graph (docs/manifests.md, "Istio"):
//
//   VirtualService   per HTTP route: retries (attempts = 1 +
//                    retries.attempts), perTryTimeout or timeout, on the
//                    mesh's calls to each destination host; bound to a
//                    Gateway, its destinations are customer entries
//   DestinationRule  connectionPool of one connection (tcp.maxConnections
//                    or http.http1MaxPendingRequests of 1): a single-owner
//                    pool in each caller; trafficPolicy.retryBudget: the
//                    budget of the calls to its host
//
// Gateway and ServiceEntry hold listeners and outside hosts: no topology.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/objects.h"

namespace chokepoint {

namespace {

/// One HTTP (or TCP, TLS) route of a VirtualService.
struct Route {
  std::vector<DocNode> Destinations; ///< their `host` nodes
  Fact<uint32_t> Attempts;
  Fact<uint32_t> TimeoutMs;
  DocNode AttemptsNode;
};

void routeDestinations(ObjectReader &R, DocNode List, Route &Out) {
  Walker &W = R.W;
  W.sequence(List, "route", [&](DocNode Item) {
    W.mapping(Item, "a route destination", otherTool(),
              key("destination", [&](DocNode D) {
                W.mapping(D, "a destination", otherTool(),
                          key("host", [&](DocNode H) {
                            std::string_view Host;
                            if (W.string(H, "host", Host))
                              Out.Destinations.push_back(H);
                          }));
              }));
  });
}

void readHttpRoute(ObjectReader &R, DocNode Item, Route &Out) {
  Walker &W = R.W;
  uint64_t PerTry = 0, Whole = 0;
  bool HavePerTry = false, HaveWhole = false;
  DocNode PerTryNode, WholeNode;
  W.mapping(Item, "an http route", otherTool(),
            key("route", [&](DocNode V) { routeDestinations(R, V, Out); }),
            key("timeout",
                [&](DocNode V) {
                  if ((HaveWhole = R.duration(V, "timeout", Whole)))
                    WholeNode = V;
                }),
            key("retries", [&](DocNode V) {
              W.mapping(
                  V, "retries", otherTool(),
                  key("attempts",
                      [&](DocNode A) {
                        uint64_t N;
                        if (W.integer(A, "attempts", 0, Max32 - 1, N)) {
                          Out.Attempts.set(uint32_t(N + 1), W.loc(A));
                          Out.AttemptsNode = A;
                        }
                      }),
                  key("perTryTimeout", [&](DocNode T) {
                    if ((HavePerTry = R.duration(T, "perTryTimeout", PerTry)))
                      PerTryNode = T;
                  }));
            }));
  // What one attempt may take: timeout_ms counts per try (SPEC §2's
  // timeout-inversion multiplies it by attempts).
  if (HavePerTry)
    Out.TimeoutMs.set(uint32_t(std::min<uint64_t>(PerTry, Max32)),
                      W.loc(PerTryNode));
  else if (HaveWhole)
    Out.TimeoutMs.set(uint32_t(std::min<uint64_t>(Whole, Max32)),
                      W.loc(WholeNode));
}

void readVirtualService(ObjectReader &R, const ObjectMeta &M) {
  Walker &W = R.W;
  bool Mesh = false, Gateway = false;
  std::vector<Route> Routes;
  W.mapping(M.Spec, "the spec of " + M.what(), otherTool(),
            key("gateways",
                [&](DocNode V) {
                  W.sequence(V, "gateways", [&](DocNode G) {
                    std::string_view Name;
                    if (W.string(G, "gateways", Name))
                      (Name == "mesh" ? Mesh : Gateway) = true;
                  });
                }),
            key("http",
                [&](DocNode V) {
                  W.sequence(V, "http", [&](DocNode Item) {
                    Routes.emplace_back();
                    readHttpRoute(R, Item, Routes.back());
                  });
                }),
            key("tcp",
                [&](DocNode V) {
                  W.sequence(V, "tcp", [&](DocNode Item) {
                    Routes.emplace_back();
                    W.mapping(Item, "a tcp route", otherTool(),
                              key("route", [&](DocNode L) {
                                routeDestinations(R, L, Routes.back());
                              }));
                  });
                }),
            key("tls", [&](DocNode V) {
              W.sequence(V, "tls", [&](DocNode Item) {
                Routes.emplace_back();
                W.mapping(Item, "a tls route", otherTool(),
                          key("route", [&](DocNode L) {
                            routeDestinations(R, L, Routes.back());
                          }));
              });
            }));
  // No `gateways`: the route applies to the mesh's own sidecars only.
  if (!Gateway)
    Mesh = true;
  for (const Route &Rt : Routes)
    for (DocNode Host : Rt.Destinations) {
      if (Gateway) {
        RelationFact &E = R.relation(RelationFact::Kind::Exposes, M);
        E.Target = R.nameOf(Host);
        E.Why = R.why(M, Host, "bound to a Gateway");
      }
      if (!Mesh || (!Rt.Attempts && !Rt.TimeoutMs))
        continue;
      RelationFact &P = R.relation(RelationFact::Kind::Policy, M);
      P.Target = R.nameOf(Host);
      P.Attempts = Rt.Attempts;
      P.TimeoutMs = Rt.TimeoutMs;
      if (Rt.Attempts)
        P.Why = R.why(M, Rt.AttemptsNode,
                      "retries " + std::to_string(*Rt.Attempts - 1) +
                          (*Rt.Attempts == 2 ? " time" : " times"));
      else
        P.Why = R.why(M, Host);
    }
}

void readDestinationRule(ObjectReader &R, const ObjectMeta &M) {
  Walker &W = R.W;
  DocNode Host, Pool, Budget;
  std::string PoolKey;
  double Percent = 20; // Istio's default when a budget gives none
  W.mapping(
      M.Spec, "the spec of " + M.what(), otherTool(),
      key("host", [&](DocNode V) { Host = V; }),
      key("trafficPolicy", [&](DocNode TP) {
        W.mapping(
            TP, "the trafficPolicy of " + M.what(), otherTool(),
            key("connectionPool",
                [&](DocNode CP) {
                  auto One = [&](DocNode V, std::string_view Key,
                                 std::string_view Shown) {
                    uint64_t N;
                    if (W.integer(V, Key, 0, Max32, N) && N == 1 &&
                        !Pool.valid()) {
                      Pool = V;
                      PoolKey = std::string(Shown);
                    }
                  };
                  W.mapping(
                      CP, "a connectionPool", otherTool(),
                      key("tcp",
                          [&](DocNode T) {
                            W.mapping(T, "connectionPool.tcp", otherTool(),
                                      key("maxConnections", [&](DocNode V) {
                                        One(V, "maxConnections",
                                            "tcp.maxConnections: 1");
                                      }));
                          }),
                      key("http", [&](DocNode H) {
                        W.mapping(
                            H, "connectionPool.http", otherTool(),
                            key("maxConnections",
                                [&](DocNode V) {
                                  One(V, "maxConnections",
                                      "http.maxConnections: 1");
                                }),
                            key("http1MaxPendingRequests", [&](DocNode V) {
                              One(V, "http1MaxPendingRequests",
                                  "http.http1MaxPendingRequests: 1");
                            }));
                      }));
                }),
            key("retryBudget", [&](DocNode B) {
              Budget = B;
              W.mapping(B, "a retryBudget", otherTool(),
                        key("percent", [&](DocNode V) {
                          if (W.number(V, "percent", Percent) && Percent > 100)
                            W.error(V, "'percent' must be at most 100, found " +
                                           std::string(V.scalar()));
                        }));
            }));
      }));
  std::string_view HostName;
  if (!W.string(Host, "host", HostName)) {
    if ((Pool.valid() || Budget.valid()) && !W.full())
      W.error(M.KindNode, M.what() + " needs 'spec.host': the service its "
                                     "policy is for");
    return;
  }
  if (Pool.valid()) {
    RelationFact &P = R.relation(RelationFact::Kind::Policy, M);
    P.Target = R.nameOf(Host);
    P.SinglePool.set(true, W.loc(Pool));
    P.Why = R.why(M, Pool, "(" + PoolKey + ")");
  }
  if (Budget.valid()) {
    RelationFact &P = R.relation(RelationFact::Kind::Policy, M);
    P.Target = R.nameOf(Host);
    P.Budget.set(Percent / 100, W.loc(Budget));
    P.Why = R.why(M, Budget, "(trafficPolicy.retryBudget)");
  }
}

const ObjectKind VirtualService{"networking.istio.io", "VirtualService",
                                readVirtualService};
CHOKEPOINT_OBJECT_KIND(VirtualService);
const ObjectKind DestinationRule{"networking.istio.io", "DestinationRule",
                                 readDestinationRule};
CHOKEPOINT_OBJECT_KIND(DestinationRule);

} // namespace

} // namespace chokepoint
