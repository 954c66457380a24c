//===- test/unit/brute_force.h - SPEC §1 and §2 by enumeration --*- C++ -*-===//
//
// The flows of SPEC §1 and the conditions of the rules of SPEC §2, computed
// the slow, literal way for small graphs: by enumerating every simple path
// with a depth-first search. Nothing here calls graphs/ beyond reading the
// Graph (nodes, edges, declarations): edge kinds are classified again, and
// there is no BFS, no SCC algorithm and no bit set, so a bug in those cannot
// hide by being shared with the oracle.
//
// Simple paths are enough everywhere: a walk that repeats a node can be cut
// to a simple path that is no longer, reaches the same end, passes through a
// subset of the same nodes (so a stopping rule still holds), and — every
// multiplier being at least 1 — multiplies by no more.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_TEST_UNIT_BRUTE_FORCE_H
#define CHOKEPOINT_TEST_UNIT_BRUTE_FORCE_H

#include "graphs/graph.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace chokepoint::bf {

inline constexpr uint32_t Inf = UINT32_MAX;

enum class Class { Traffic, Control, Recovery };

/// SPEC §1 "Edges": traffic call/spawn, control lookup, the rest recovery.
inline Class classify(EdgeKind K) {
  switch (K) {
  case EdgeKind::Call:
  case EdgeKind::Spawn:
    return Class::Traffic;
  case EdgeKind::Lookup:
    return Class::Control;
  case EdgeKind::Retry:
  case EdgeKind::Reconnect:
  case EdgeKind::Restart:
  case EdgeKind::Recreate:
  case EdgeKind::Resync:
  case EdgeKind::Failover:
    return Class::Recovery;
  }
  return Class::Traffic;
}

inline const char *spelling(EdgeKind K) {
  static const char *const Names[] = {"call",     "spawn",     "lookup",
                                      "retry",    "reconnect", "restart",
                                      "recreate", "resync",    "failover"};
  return Names[unsigned(K)];
}

/// The graph read once into plain arrays.
struct Net {
  explicit Net(const Graph &G) : G(G), N(G.numNodes()), M(G.numEdges()) {
    Out.resize(N);
    for (EdgeId E = 0; E < M; ++E) {
      From.push_back(G.source(E));
      To.push_back(G.target(E));
      Out[From[E]].push_back(E);
    }
    // Each edge's declaration and place in it, from the declarations'
    // hop lists alone.
    HopOf.assign(M, 0);
    DeclOf.assign(M, 0);
    for (uint32_t D = 0; D < G.numDeclarations(); ++D)
      for (unsigned I = 0; I < G.hops(D).size(); ++I) {
        HopOf[G.hops(D)[I]] = I;
        DeclOf[G.hops(D)[I]] = D;
      }
  }
  const Graph &G;
  size_t N, M;
  std::vector<NodeId> From, To;
  std::vector<std::vector<EdgeId>> Out;
  std::vector<unsigned> HopOf;
  std::vector<uint32_t> DeclOf;

  Class cls(EdgeId E) const { return classify(G.edge(E).kind); }
  bool single(NodeId V) const { return G.node(V).owners == 1; }
  bool controlPlane(NodeId V) const {
    return G.node(V).plane == Plane::Control;
  }
  /// Customer traffic travels traffic and recovery edges; a lookup ends it.
  bool customerEdge(EdgeId E) const { return cls(E) != Class::Control; }
  /// Control-plane traffic: lookups, and any edge into a control-plane node.
  bool controlEdge(EdgeId E) const {
    return cls(E) == Class::Control || controlPlane(To[E]);
  }
  bool trafficEdge(EdgeId E) const { return cls(E) == Class::Traffic; }
  uint64_t multiplier(EdgeId E) const {
    // SPEC §1: a via chain's attempts multiply the whole chain once, so only
    // a declaration's first hop multiplies.
    return HopOf[E] == 0 ? G.declaration(DeclOf[E]).attempts : 1;
  }
  const std::string &id(NodeId V) const { return G.node(V).id; }
};

using Ok = std::function<bool(EdgeId)>;
/// Whether a path may go on from its last node.
using GoOn = std::function<bool(const std::vector<NodeId> &,
                                const std::vector<EdgeId> &)>;
using Visit = std::function<void(const std::vector<NodeId> &,
                                 const std::vector<EdgeId> &)>;

/// Every simple path from S over edges satisfying Take (the empty path
/// included), each passed to V; a path is extended only when Extend holds
/// for it.
inline void forEachSimplePath(const Net &Nt, NodeId S, const Ok &Take,
                              const GoOn &Extend, const Visit &V) {
  std::vector<NodeId> Nodes{S};
  std::vector<EdgeId> Edges;
  std::vector<uint8_t> OnPath(Nt.N, 0);
  OnPath[S] = 1;
  std::function<void()> Rec = [&] {
    V(Nodes, Edges);
    if (!Extend(Nodes, Edges))
      return;
    for (EdgeId E : Nt.Out[Nodes.back()]) {
      NodeId T = Nt.To[E];
      if (!Take(E) || OnPath[T])
        continue;
      OnPath[T] = 1;
      Nodes.push_back(T);
      Edges.push_back(E);
      Rec();
      Edges.pop_back();
      Nodes.pop_back();
      OnPath[T] = 0;
    }
  };
  Rec();
}

inline bool always(const std::vector<NodeId> &, const std::vector<EdgeId> &) {
  return true;
}

/// Dist[a][b]: fewest edges of Take on a path from a to b (0 when a == b).
/// Back[a]: a lies on a cycle of Take edges (a self-loop counts).
struct Pairs {
  std::vector<std::vector<uint32_t>> Dist;
  std::vector<uint8_t> OnCycle;
  bool reaches(NodeId A, NodeId B) const { return Dist[A][B] != Inf; }
  /// Mutually reachable: one strongly connected component.
  bool together(NodeId A, NodeId B) const {
    return reaches(A, B) && reaches(B, A);
  }
};

inline Pairs allPairs(const Net &Nt, const Ok &Take) {
  Pairs P;
  P.Dist.assign(Nt.N, std::vector<uint32_t>(Nt.N, Inf));
  for (NodeId A = 0; A < Nt.N; ++A)
    forEachSimplePath(
        Nt, A, Take, always,
        [&](const std::vector<NodeId> &Ns, const std::vector<EdgeId> &Es) {
          uint32_t &D = P.Dist[A][Ns.back()];
          D = std::min<uint32_t>(D, uint32_t(Es.size()));
        });
  P.OnCycle.assign(Nt.N, 0);
  for (EdgeId E = 0; E < Nt.M; ++E)
    if (Take(E) && P.reaches(Nt.To[E], Nt.From[E]))
      P.OnCycle[Nt.From[E]] = 1;
  return P;
}

/// Fewest edges from any of Starts to each node, by enumeration.
inline std::vector<uint32_t> distancesFrom(const Net &Nt,
                                           const std::vector<NodeId> &Starts,
                                           const Ok &Take) {
  std::vector<uint32_t> D(Nt.N, Inf);
  for (NodeId S : Starts)
    forEachSimplePath(
        Nt, S, Take, always,
        [&](const std::vector<NodeId> &Ns, const std::vector<EdgeId> &Es) {
          D[Ns.back()] = std::min<uint32_t>(D[Ns.back()], uint32_t(Es.size()));
        });
  return D;
}

//===----------------------------------------------------------------------===//
// Recovery walks (SPEC §1 "on a recovery path", §2 unbounded-recovery)
//===----------------------------------------------------------------------===//

/// Unpaced: no rate_limit, no budget, and not exponential with jitter.
inline bool unpaced(const Graph &G, uint32_t D) {
  const Declaration &Decl = G.declaration(D);
  return !Decl.rateLimit && !Decl.budget &&
         !(Decl.backoff == Backoff::Exponential && Decl.jitter);
}

/// SPEC §2 unbounded-recovery: the requests one failure sends, declaring
/// owners x fanout x attempts (these graphs keep it far from overflow).
inline uint64_t storm(const Graph &G, uint32_t D) {
  const Declaration &Decl = G.declaration(D);
  return G.node(G.source(G.hops(D)[0])).owners * Decl.fanout * Decl.attempts;
}

/// SPEC §2 witness tie-break: a path from A carries more load than one of
/// the same length from B when A has more owners, or as many and a smaller
/// id.
inline bool moreLoad(const Graph &G, NodeId A, NodeId B) {
  if (G.node(A).owners != G.node(B).owners)
    return G.node(A).owners > G.node(B).owners;
  return G.node(A).id < G.node(B).id;
}

/// For one declaration: the fewest edges (its own hops counted from its
/// source, then traffic edges) by which its recovery walk reaches each node.
///
/// Every hop's target is reached. The walk goes on over traffic edges from
/// the target of the last hop, and, with ChainExpands (the "on a recovery
/// path" reading, where every hop is a recovery edge that enters a node),
/// from every hop's target too, whatever the owners of that start; it stops
/// at every other single-owner node it reaches, which is itself reached.
inline std::vector<uint32_t> recoveryWalk(const Net &Nt, uint32_t D,
                                          bool ChainExpands) {
  std::span<const EdgeId> Hops = Nt.G.hops(D);
  std::vector<uint32_t> Dist(Nt.N, Inf);
  for (unsigned I = 0; I < Hops.size(); ++I) {
    NodeId Seed = Nt.To[Hops[I]];
    uint32_t Base = I + 1;
    Dist[Seed] = std::min(Dist[Seed], Base);
    if (!ChainExpands && I + 1 != Hops.size())
      continue;
    forEachSimplePath(
        Nt, Seed, [&](EdgeId E) { return Nt.trafficEdge(E); },
        [&](const std::vector<NodeId> &Ns, const std::vector<EdgeId> &Es) {
          return Es.empty() || !Nt.single(Ns.back());
        },
        [&](const std::vector<NodeId> &Ns, const std::vector<EdgeId> &Es) {
          Dist[Ns.back()] =
              std::min<uint32_t>(Dist[Ns.back()], Base + uint32_t(Es.size()));
        });
  }
  return Dist;
}

//===----------------------------------------------------------------------===//
// Dependencies (SPEC §2 single-owner-control-plane)
//===----------------------------------------------------------------------===//

/// Fewest edges from S to each node over paths that start with a lookup
/// edge and go on over traffic and lookup edges; Inf where there is none.
/// Enumerated as simple paths of (node, state) pairs, state 0 being S before
/// its first edge, so a path may come back through S once it has left it.
inline std::vector<uint32_t> dependencyDist(const Net &Nt, NodeId S) {
  std::vector<uint32_t> Dist(Nt.N, Inf);
  std::vector<uint8_t> OnPath(Nt.N, 0); // state 1 only: state 0 is S alone
  std::function<void(NodeId, uint32_t)> Rec = [&](NodeId U, uint32_t Len) {
    for (EdgeId E : Nt.Out[U]) {
      Class C = Nt.cls(E);
      bool Ok = Len == 0 ? C == Class::Control
                         : C == Class::Control || C == Class::Traffic;
      NodeId T = Nt.To[E];
      if (!Ok || OnPath[T])
        continue;
      Dist[T] = std::min(Dist[T], Len + 1);
      OnPath[T] = 1;
      Rec(T, Len + 1);
      OnPath[T] = 0;
    }
  };
  Rec(S, 0);
  return Dist;
}

//===----------------------------------------------------------------------===//
// Everything a property test compares
//===----------------------------------------------------------------------===//

struct Facts {
  explicit Facts(const Graph &G) : Nt(G) {}
  Net Nt;

  std::vector<NodeId> Entries;
  /// Customer traffic: fewest edges from an entry; how many entries reach.
  std::vector<uint32_t> CustomerDist;
  std::vector<uint32_t> CustomerEntries;
  /// EntryDist[e][v]: fewest customer edges from the e-th entry.
  std::vector<std::vector<uint32_t>> EntryDist;
  /// OriginFrom[o][v]: fewest control edges from the o-th origin.
  std::vector<std::vector<uint32_t>> OriginFrom;
  /// DependencyDist[s][v]: dependencyDist(s)[v].
  std::vector<std::vector<uint32_t>> DependencyDist;
  /// Carries control-plane traffic.
  std::vector<uint8_t> Control;
  /// Control-plane nodes reached over control edges (itself included).
  std::vector<uint32_t> ControlNodes;
  /// Nodes with an outgoing control edge and no incoming one.
  std::vector<NodeId> Origins;
  std::vector<uint32_t> OriginDist; ///< fewest control edges from an origin
  std::vector<uint32_t> PlaneDist;  ///< fewest control edges to a plane node

  std::vector<uint32_t> RecoveryDecls;
  std::vector<uint32_t> UnpacedDecls;
  /// Per recovery declaration, its walk with ChainExpands / without.
  std::map<uint32_t, std::vector<uint32_t>> WalkOn, WalkOwn;
  std::vector<uint32_t> RecoveryDist;  ///< on a recovery path: fewest edges
  std::vector<uint32_t> RecoveryCount; ///< declarations whose walk reaches
  std::vector<uint32_t> UnpacedDist;   ///< unbounded-recovery's walks
  std::vector<uint32_t> UnpacedCount;
  /// The largest storm among the unpaced declarations whose walk reaches.
  std::vector<uint64_t> UnpacedStorm;

  Pairs Customer; ///< over customer edges
  Pairs All;      ///< over every edge

  /// Retry products. Unbounded: the member sets of unbounded components.
  std::vector<std::set<NodeId>> Unbounded;
  std::vector<uint8_t> Tainted;
  std::vector<uint64_t> MaxProduct; ///< m(v); 0 when undefined
  std::vector<uint32_t> MaxLen;     ///< fewest edges among paths achieving m
  /// Recovery cycles: member sets of components holding a recovery edge.
  std::vector<std::set<NodeId>> RecoveryCycles;
};

inline uint64_t satMul(uint64_t A, uint64_t B) {
  if (A == 0 || B == 0)
    return 0;
  return A > UINT64_MAX / B ? UINT64_MAX : A * B;
}

inline Facts computeFacts(const Graph &G) {
  Facts F(G);
  const Net &Nt = F.Nt;
  size_t N = Nt.N;
  Ok Customer = [&](EdgeId E) { return Nt.customerEdge(E); };
  Ok Control = [&](EdgeId E) { return Nt.controlEdge(E); };

  for (NodeId V = 0; V < N; ++V)
    if (G.node(V).entry)
      F.Entries.push_back(V);

  // Customer traffic.
  F.CustomerDist.assign(N, Inf);
  F.CustomerEntries.assign(N, 0);
  for (NodeId E : F.Entries) {
    std::vector<uint32_t> D = distancesFrom(Nt, {E}, Customer);
    F.EntryDist.push_back(D);
    for (NodeId V = 0; V < N; ++V)
      if (D[V] != Inf) {
        ++F.CustomerEntries[V];
        F.CustomerDist[V] = std::min(F.CustomerDist[V], D[V]);
      }
  }

  // Control-plane traffic: an incoming lookup, or a control-plane node with
  // any incoming edge.
  F.Control.assign(N, 0);
  for (EdgeId E = 0; E < Nt.M; ++E)
    if (Nt.cls(E) == Class::Control || Nt.controlPlane(Nt.To[E]))
      F.Control[Nt.To[E]] = 1;
  F.ControlNodes.assign(N, 0);
  for (NodeId V = 0; V < N; ++V) {
    std::vector<uint32_t> D = distancesFrom(Nt, {V}, Control);
    for (NodeId C = 0; C < N; ++C)
      if (D[C] != Inf && Nt.controlPlane(C))
        ++F.ControlNodes[V];
  }
  std::vector<uint8_t> HasIn(N, 0), HasOut(N, 0);
  for (EdgeId E = 0; E < Nt.M; ++E)
    if (Nt.controlEdge(E)) {
      HasOut[Nt.From[E]] = 1;
      HasIn[Nt.To[E]] = 1;
    }
  for (NodeId V = 0; V < N; ++V)
    if (HasOut[V] && !HasIn[V])
      F.Origins.push_back(V);
  F.OriginDist = distancesFrom(Nt, F.Origins, Control);
  for (NodeId O : F.Origins)
    F.OriginFrom.push_back(distancesFrom(Nt, {O}, Control));
  for (NodeId V = 0; V < N; ++V)
    F.DependencyDist.push_back(dependencyDist(Nt, V));
  F.PlaneDist.assign(N, Inf);
  for (NodeId V = 0; V < N; ++V) {
    std::vector<uint32_t> D = distancesFrom(Nt, {V}, Control);
    for (NodeId C = 0; C < N; ++C)
      if (Nt.controlPlane(C))
        F.PlaneDist[V] = std::min(F.PlaneDist[V], D[C]);
  }

  // Recovery walks.
  F.RecoveryDist.assign(N, Inf);
  F.RecoveryCount.assign(N, 0);
  F.UnpacedDist.assign(N, Inf);
  F.UnpacedCount.assign(N, 0);
  F.UnpacedStorm.assign(N, 0);
  for (uint32_t D = 0; D < G.numDeclarations(); ++D) {
    if (classify(G.declarationKind(D)) != Class::Recovery)
      continue;
    F.RecoveryDecls.push_back(D);
    F.WalkOn[D] = recoveryWalk(Nt, D, true);
    F.WalkOwn[D] = recoveryWalk(Nt, D, false);
    for (NodeId V = 0; V < N; ++V)
      if (F.WalkOn[D][V] != Inf) {
        ++F.RecoveryCount[V];
        F.RecoveryDist[V] = std::min(F.RecoveryDist[V], F.WalkOn[D][V]);
      }
    if (!unpaced(G, D) || storm(G, D) <= 1)
      continue;
    F.UnpacedDecls.push_back(D);
    for (NodeId V = 0; V < N; ++V)
      if (F.WalkOwn[D][V] != Inf) {
        ++F.UnpacedCount[V];
        F.UnpacedStorm[V] = std::max(F.UnpacedStorm[V], storm(G, D));
        F.UnpacedDist[V] = std::min(F.UnpacedDist[V], F.WalkOwn[D][V]);
      }
  }

  // Components by mutual reachability.
  F.Customer = allPairs(Nt, Customer);
  F.All = allPairs(Nt, [](EdgeId) { return true; });
  auto Members = [&](const Pairs &P, NodeId A) {
    std::set<NodeId> S;
    for (NodeId X = 0; X < N; ++X)
      if (P.together(A, X))
        S.insert(X);
    return S;
  };

  // Retry products. A component is unbounded when an entry reaches it and
  // an edge inside it (both ends in it: a self-loop, or an edge whose end
  // reaches back to its start) multiplies by more than 1.
  std::set<std::set<NodeId>> Unb;
  for (EdgeId E = 0; E < Nt.M; ++E) {
    NodeId A = Nt.From[E], B = Nt.To[E];
    if (Customer(E) && Nt.multiplier(E) > 1 && F.CustomerDist[A] != Inf &&
        F.Customer.reaches(B, A))
      Unb.insert(Members(F.Customer, A));
  }
  F.Unbounded.assign(Unb.begin(), Unb.end());
  F.Tainted.assign(N, 0);
  for (const std::set<NodeId> &C : F.Unbounded)
    for (NodeId X : C)
      for (NodeId V = 0; V < N; ++V)
        if (F.Customer.reaches(X, V))
          F.Tainted[V] = 1;
  F.MaxProduct.assign(N, 0);
  F.MaxLen.assign(N, Inf);
  for (NodeId E : F.Entries)
    forEachSimplePath(
        Nt, E, Customer, always,
        [&](const std::vector<NodeId> &Ns, const std::vector<EdgeId> &Es) {
          NodeId V = Ns.back();
          if (F.Tainted[V])
            return;
          uint64_t P = 1;
          for (EdgeId X : Es)
            P = satMul(P, Nt.multiplier(X));
          uint32_t L = uint32_t(Es.size());
          if (P > F.MaxProduct[V] ||
              (P == F.MaxProduct[V] && L < F.MaxLen[V])) {
            F.MaxProduct[V] = P;
            F.MaxLen[V] = L;
          }
        });

  // Recovery cycles over every edge.
  std::set<std::set<NodeId>> Rc;
  for (EdgeId E = 0; E < Nt.M; ++E)
    if (Nt.cls(E) == Class::Recovery && F.All.reaches(Nt.To[E], Nt.From[E]))
      Rc.insert(Members(F.All, Nt.From[E]));
  F.RecoveryCycles.assign(Rc.begin(), Rc.end());
  return F;
}

/// SPEC §2: the node of a cycle nearest to a customer entry (customer
/// distance), ties to the smaller id; with no entry reaching it, the
/// smallest id.
inline NodeId namedNode(const Facts &F, const std::set<NodeId> &Members) {
  NodeId Best = NoNode;
  for (NodeId V : Members) {
    if (Best == NoNode) {
      Best = V;
      continue;
    }
    uint32_t DV = F.CustomerDist[V], DB = F.CustomerDist[Best];
    if (DV < DB || (DV == DB && F.Nt.id(V) < F.Nt.id(Best)))
      Best = V;
  }
  return Best;
}

/// The fewest edges of a closed walk from V back to V that takes an edge
/// satisfying Pick, over edges of P's kind (P computed with the same Take).
inline uint32_t shortestCycle(const Net &Nt, const Pairs &P, const Ok &Take,
                              NodeId V, const Ok &Pick) {
  uint64_t Best = Inf;
  for (EdgeId E = 0; E < Nt.M; ++E) {
    if (!Take(E) || !Pick(E))
      continue;
    uint64_t A = P.Dist[V][Nt.From[E]], B = P.Dist[Nt.To[E]][V];
    if (A == Inf || B == Inf)
      continue;
    Best = std::min(Best, A + 1 + B);
  }
  return uint32_t(Best);
}

} // namespace chokepoint::bf

#endif
