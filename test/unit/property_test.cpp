//===- test/unit/property_test.cpp - Flows and rules against brute force --===//
//
// A few hundred small random graphs, built through the real Graph API. For
// each, the three flows of SPEC §1, the counts on findings and the findings
// of every rule (run through the registry as the driver runs them) are
// compared with brute_force.h, which enumerates simple paths instead; every
// witness path is checked hop by hop and checked to be as short as its kind
// allows.
//
// Reproducing a failure: the message prints the seed and the graph; run
// chokepoint_unittests --gtest_filter='Property.*' with the environment
// CHOKEPOINT_PROPERTY_SEED=<seed> CHOKEPOINT_PROPERTY_COUNT=1.
//
//===----------------------------------------------------------------------===//

#include "unit/brute_force.h"
#include "unit/test_graph.h"

#include "graphs/analysis.h"
#include "rules/rule.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>

using namespace chokepoint;
using chokepoint::unit::EdgeLineBase;

namespace {

constexpr uint64_t DefaultSeed = 20260317;
constexpr unsigned DefaultCount = 1500;

uint64_t envOr(const char *Name, uint64_t Default) {
  const char *V = std::getenv(Name);
  return V && *V ? std::strtoull(V, nullptr, 0) : Default;
}

//===----------------------------------------------------------------------===//
// The generator
//===----------------------------------------------------------------------===//

/// mt19937_64 is specified exactly by the standard; the distributions are
/// not, so they are written out here and a seed means the same graph on
/// every platform.
class Rng {
public:
  explicit Rng(uint64_t Seed) : R(Seed) {}
  uint32_t below(uint32_t N) { return uint32_t(R() % N); }
  uint32_t between(uint32_t Lo, uint32_t Hi) { return Lo + below(Hi - Lo + 1); }
  bool chance(uint32_t Percent) { return below(100) < Percent; }

private:
  std::mt19937_64 R;
};

Graph makeGraph(uint64_t Seed) {
  Rng R(Seed);
  unit::TestGraph T;
  uint32_t Total = R.between(5, 9);
  uint32_t NumServices = R.between(2, std::min<uint32_t>(5, Total));
  // Service names in shuffled order, so that node order and id order differ
  // (ties in the cycle rules go by id, not by NodeId).
  std::vector<std::string> Names = {"a", "b", "c", "d", "e", "f", "g"};
  for (size_t I = Names.size(); I > 1; --I)
    std::swap(Names[I - 1], Names[R.below(uint32_t(I))]);
  auto Owners = [&] { return R.chance(50) ? 1u : R.between(2, 3); };

  std::vector<NodeId> Services;
  for (uint32_t I = 0; I < NumServices; ++I) {
    NodeId V = T.service(Names[I], Owners(), R.chance(35),
                         R.chance(25) ? Plane::Control : Plane::Data);
    Workload &W = T.node(V).workload;
    W.stateful = R.chance(30);
    if (R.chance(60)) {
      static const double Drain[] = {10, 30, 45, 120};
      W.drainSeconds = Drain[R.below(4)];
      W.drainLoc = {1, 500 + V, 3};
    }
    if (R.chance(50)) {
      static const double Grace[] = {5, 30, 60, 200};
      W.graceSeconds = Grace[R.below(4)];
    }
    W.drainGuard = R.chance(40);
    Services.push_back(V);
  }
  // Components, grouped by service as the builder adds them.
  std::vector<uint32_t> ComponentsOf(NumServices, 0);
  for (uint32_t I = NumServices; I < Total; ++I)
    ++ComponentsOf[R.below(NumServices)];
  std::vector<std::vector<NodeId>> Parts(NumServices);
  for (uint32_t S = 0; S < NumServices; ++S)
    for (uint32_t C = 0; C < ComponentsOf[S]; ++C) {
      std::optional<Plane> P;
      if (R.chance(20))
        P = R.chance(50) ? Plane::Control : Plane::Data;
      Parts[S].push_back(
          T.component(Services[S], std::string(1, char('p' + C)), Owners(), P));
    }

  static const EdgeKind Kinds[] = {
      EdgeKind::Call,     EdgeKind::Call,      EdgeKind::Call,
      EdgeKind::Spawn,    EdgeKind::Lookup,    EdgeKind::Lookup,
      EdgeKind::Retry,    EdgeKind::Reconnect, EdgeKind::Restart,
      EdgeKind::Recreate, EdgeKind::Resync,    EdgeKind::Failover};
  bool Layered = R.chance(50);
  uint32_t NumDecls = R.between(2, 11);
  for (uint32_t I = 0; I < NumDecls; ++I) {
    uint32_t S = R.below(NumServices);
    EdgeKind K = Kinds[R.below(std::size(Kinds))];
    std::vector<NodeId> Via;
    if (!Parts[S].empty()) {
      uint32_t Len = R.chance(50) ? 0 : R.chance(60) ? 1 : 2;
      for (uint32_t H = 0; H < Len; ++H)
        Via.push_back(Parts[S][R.below(uint32_t(Parts[S].size()))]);
    }
    NodeId To = R.below(Total);
    // Half the graphs are mostly layered (edges go to later services), so
    // that products grow along long paths instead of being lost in cycles.
    if (Layered && !R.chance(10)) {
      std::vector<NodeId> Later;
      for (NodeId V = 0; V < Total; ++V)
        if (T.node(T.node(V).service).id > T.node(Services[S]).id ||
            (T.node(V).service == Services[S] && V != Services[S]))
          Later.push_back(V);
      if (!Later.empty())
        To = Later[R.below(uint32_t(Later.size()))];
    }
    unit::DeclOptions O;
    O.Attempts = R.chance(50) ? 1 : R.between(2, 4);
    if (R.chance(15))
      O.RateLimit = 50;
    if (R.chance(15))
      O.Budget = 0.1;
    O.Back = Backoff(R.below(3));
    O.Jitter = R.chance(50);
    if (R.chance(20))
      O.Fanout = R.between(2, 3);
    if (R.chance(40)) {
      static const uint32_t Timeouts[] = {100, 250, 300, 1000};
      O.TimeoutMs = Timeouts[R.below(4)];
    }
    T.edge(Services[S], To, K, Via, O);
  }
  return T.build();
}

/// The graph as text: one line per node and per edge, then the same as a
/// native-format document (edge ids there follow the builder's order).
std::string dump(const Graph &G) {
  std::ostringstream OS;
  for (NodeId V = 0; V < G.numNodes(); ++V) {
    const NodeProps &N = G.node(V);
    OS << "  n" << V << " " << N.id << " owners=" << N.owners
       << " plane=" << name(N.plane) << (N.entry ? " entry" : "");
    if (N.workload.stateful)
      OS << " stateful";
    if (N.workload.drainSeconds)
      OS << " drain=" << *N.workload.drainSeconds;
    if (N.workload.graceSeconds)
      OS << " grace=" << *N.workload.graceSeconds;
    if (N.workload.drainGuard)
      OS << " drain_guard";
    OS << "\n";
  }
  for (EdgeId E : G.edgesInOrder()) {
    const EdgeProps &P = G.edge(E);
    const Declaration &D = G.declaration(P.decl);
    OS << "  e" << E << " " << G.node(G.source(E)).id << " -> "
       << G.node(G.target(E)).id << " " << bf::spelling(P.kind) << " decl "
       << P.decl << " hop " << P.hop << " attempts " << D.attempts;
    if (D.rateLimit)
      OS << " rate_limit";
    if (D.budget)
      OS << " budget";
    if (D.fanout != 1)
      OS << " fanout " << D.fanout;
    if (D.timeoutMs)
      OS << " timeout_ms " << *D.timeoutMs;
    OS << " backoff " << name(D.backoff) << (D.jitter ? " jitter" : "") << "\n";
  }
  OS << "  as a native document:\nchokepoint: 1\nservices:\n";
  for (NodeId S = 0; S < G.numNodes(); ++S) {
    const NodeProps &N = G.node(S);
    if (N.type != NodeType::Service)
      continue;
    OS << "  " << N.id << ":\n    replicas: " << N.owners << "\n";
    if (N.plane == Plane::Control)
      OS << "    plane: control\n";
    if (N.entry)
      OS << "    entry: customer\n";
    if (N.workload.stateful)
      OS << "    stateful: true\n";
    if (N.workload.drainSeconds)
      OS << "    drain_seconds: " << *N.workload.drainSeconds << "\n";
    if (N.workload.graceSeconds)
      OS << "    grace_seconds: " << *N.workload.graceSeconds << "\n";
    if (N.workload.drainGuard)
      OS << "    drain_guard: true\n";
    bool Any = false;
    for (NodeId C = 0; C < G.numNodes(); ++C)
      if (C != S && G.node(C).service == S) {
        if (!Any)
          OS << "    components:\n";
        Any = true;
        OS << "      " << G.node(C).id.substr(N.id.size() + 1)
           << ": {owners: " << G.node(C).owners;
        if (G.node(C).planeOrigin == PlaneOrigin::Declared)
          OS << ", plane: " << name(G.node(C).plane);
        OS << "}\n";
      }
    for (bool Recovers : {false, true}) {
      bool Header = false;
      for (uint32_t Di = 0; Di < G.numDeclarations(); ++Di) {
        if (G.declarer(Di) != S || (bf::classify(G.declarationKind(Di)) ==
                                    bf::Class::Recovery) != Recovers)
          continue;
        if (!Header)
          OS << (Recovers ? "    recovers:\n" : "    calls:\n");
        Header = true;
        const Declaration &P = G.declaration(Di);
        std::span<const EdgeId> Hops = G.hops(Di);
        OS << "      - {to: " << G.node(G.target(Hops.back())).id
           << ", kind: " << bf::spelling(G.declarationKind(Di));
        if (Hops.size() > 1) {
          OS << ", via: [";
          for (unsigned I = 0; I + 1 < Hops.size(); ++I) {
            const std::string &Id = G.node(G.target(Hops[I])).id;
            OS << (I ? ", " : "") << Id.substr(N.id.size() + 1);
          }
          OS << "]";
        }
        OS << ", attempts: " << P.attempts << ", backoff: " << name(P.backoff)
           << ", jitter: " << (P.jitter ? "true" : "false");
        if (P.rateLimit)
          OS << ", rate_limit: " << *P.rateLimit;
        if (P.budget)
          OS << ", budget: " << *P.budget;
        if (P.fanout != 1)
          OS << ", fanout: " << P.fanout;
        if (P.timeoutMs)
          OS << ", timeout_ms: " << *P.timeoutMs;
        OS << "}\n";
      }
    }
  }
  return OS.str();
}

//===----------------------------------------------------------------------===//
// The checker
//===----------------------------------------------------------------------===//

/// A witness path read back into edge ids.
struct Walked {
  NodeId Start = NoNode;
  std::vector<EdgeId> Edges;
  std::vector<NodeId> Nodes; ///< Start, then the end of each edge
};

class Checker {
public:
  Checker(const Graph &G, const bf::Facts &F) : G(G), F(F), Nt(F.Nt) {}

  std::vector<std::string> Errors;

  void fail(const std::string &What) { Errors.push_back(What); }
  const std::string &id(NodeId V) const { return G.node(V).id; }

  template <typename T>
  void same(const T &Got, const T &Want, const std::string &What) {
    if (!(Got == Want)) {
      std::ostringstream OS;
      OS << What << ": got " << Got << ", want " << Want;
      fail(OS.str());
    }
  }

  /// Reads a witness back, checking that each hop is an edge of the graph
  /// (found by its unique source line) from the previous hop's end.
  bool read(const WitnessPath &W, Walked &Out, const std::string &What) {
    Out = {};
    Out.Start = G.find(W.Start);
    if (Out.Start == NoNode) {
      fail(What + ": starts at unknown node '" + std::string(W.Start) + "'");
      return false;
    }
    if (!(W.StartLoc == G.node(Out.Start).loc))
      fail(What + ": start location is not " + std::string(W.Start) + "'s");
    Out.Nodes.push_back(Out.Start);
    for (size_t I = 0; I < W.Hops.size(); ++I) {
      const Hop &H = W.Hops[I];
      std::string Here = What + " hop " + std::to_string(I);
      // The K-th edge in declaration order was written at line base+K.
      uint32_t K = H.Loc.line - EdgeLineBase;
      EdgeId E = H.Loc.line < EdgeLineBase || K >= G.numEdges()
                     ? NoEdge
                     : G.edgesInOrder()[K];
      if (E == NoEdge || !(G.edge(E).loc == H.Loc)) {
        fail(Here + ": no edge written at line " + std::to_string(H.Loc.line));
        return false;
      }
      if (H.From != id(Out.Nodes.back()) || H.From != id(Nt.From[E]) ||
          H.To != id(Nt.To[E]) || H.Kind != bf::spelling(G.edge(E).kind) ||
          H.Attempts != G.declaration(G.edge(E).decl).attempts) {
        fail(Here + ": " + std::string(H.From) + " -" + std::string(H.Kind) +
             "-> " + std::string(H.To) + " does not match edge e" +
             std::to_string(E) + " or does not " + "continue from " +
             id(Out.Nodes.back()));
        return false;
      }
      Out.Edges.push_back(E);
      Out.Nodes.push_back(Nt.To[E]);
    }
    return true;
  }

  bool allEdges(const Walked &P, const bf::Ok &Ok, const std::string &What,
                const std::string &Kind) {
    for (EdgeId E : P.Edges)
      if (!Ok(E)) {
        fail(What + ": edge e" + std::to_string(E) + " is not " + Kind);
        return false;
      }
    return true;
  }

  /// SPEC §2: of Candidates (starts of the shortest paths of their kind),
  /// the one with the most owners, then the smaller id.
  void bestStart(NodeId Start, const std::vector<NodeId> &Candidates,
                 const std::string &What) {
    NodeId Best = NoNode;
    for (NodeId C : Candidates)
      if (Best == NoNode || bf::moreLoad(G, C, Best))
        Best = C;
    if (Best != NoNode && Start != Best)
      fail(What + ": starts at " + id(Start) + ", not at " + id(Best) +
           ", the start with the most load among the shortest");
  }

  void customerPath(const WitnessPath &W, NodeId V, const std::string &What) {
    Walked P;
    if (!read(W, P, What))
      return;
    std::vector<NodeId> Shortest;
    for (size_t I = 0; I < F.Entries.size(); ++I)
      if (F.EntryDist[I][V] == F.CustomerDist[V])
        Shortest.push_back(F.Entries[I]);
    bestStart(P.Start, Shortest, What);
    if (!G.node(P.Start).entry)
      fail(What + ": starts at " + id(P.Start) + ", not at an entry");
    allEdges(
        P, [&](EdgeId E) { return Nt.customerEdge(E); }, What,
        "a customer edge");
    if (P.Nodes.back() != V)
      fail(What + ": ends at " + id(P.Nodes.back()));
    same(P.Edges.size(), size_t(F.CustomerDist[V]), What + " length");
  }

  void controlPath(const WitnessPath &W, NodeId V, const std::string &What) {
    Walked P;
    if (!read(W, P, What))
      return;
    if (!allEdges(
            P, [&](EdgeId E) { return Nt.controlEdge(E); }, What,
            "a control edge"))
      return;
    // Shortest on both sides of V, so V is where the second part starts.
    size_t At = P.Nodes.size();
    for (size_t I = P.Nodes.size(); I-- > 0;)
      if (P.Nodes[I] == V) {
        At = I;
        break;
      }
    if (At == P.Nodes.size()) {
      fail(What + ": does not pass " + id(V));
      return;
    }
    if (F.OriginDist[V] != bf::Inf) {
      if (std::find(F.Origins.begin(), F.Origins.end(), P.Start) ==
          F.Origins.end())
        fail(What + ": starts at " + id(P.Start) +
             ", where no lookup originates");
      std::vector<NodeId> Shortest;
      for (size_t I = 0; I < F.Origins.size(); ++I)
        if (F.OriginFrom[I][V] == F.OriginDist[V])
          Shortest.push_back(F.Origins[I]);
      bestStart(P.Start, Shortest, What);
      same(At, size_t(F.OriginDist[V]), What + " length to the node");
    } else if (At == 0) {
      fail(What + ": no control edge into the node");
    } else {
      std::vector<NodeId> Into;
      for (EdgeId E = 0; E < Nt.M; ++E)
        if (Nt.To[E] == V && Nt.controlEdge(E))
          Into.push_back(Nt.From[E]);
      bestStart(P.Start, Into, What);
    }
    size_t Rest = P.Edges.size() - At;
    if (F.PlaneDist[V] == bf::Inf) {
      same(Rest, size_t(0), What + " length after the node");
    } else {
      if (!Nt.controlPlane(P.Nodes.back()))
        fail(What + ": ends at " + id(P.Nodes.back()) +
             ", not a control-plane node");
      same(Rest, size_t(F.PlaneDist[V]), What + " length after the node");
    }
  }

  /// A recovery path: hops 0..i of one of Decls from its source, then
  /// traffic edges (only from the last hop unless ChainExpands) whose inner
  /// nodes are not single owners; as short as the brute force allows.
  void recoveryPath(const WitnessPath &W, NodeId V,
                    const std::vector<uint32_t> &Decls, bool ChainExpands,
                    uint32_t Want, const std::string &What) {
    Walked P;
    if (!read(W, P, What))
      return;
    if (P.Edges.empty()) {
      fail(What + ": empty");
      return;
    }
    uint32_t D = G.edge(P.Edges[0]).decl;
    std::span<const EdgeId> Hops = G.hops(D);
    if (Hops[0] != P.Edges[0] ||
        std::find(Decls.begin(), Decls.end(), D) == Decls.end()) {
      fail(What + ": does not start with the first hop of a declaration "
                  "it may use");
      return;
    }
    if (P.Start != G.declarer(D))
      fail(What + ": starts at " + id(P.Start) + ", not the declarer");
    std::vector<NodeId> Shortest;
    for (uint32_t K : Decls)
      if ((ChainExpands ? F.WalkOn : F.WalkOwn).at(K)[V] == Want)
        Shortest.push_back(G.declarer(K));
    bestStart(P.Start, Shortest, What);
    size_t Prefix = 0;
    while (Prefix < P.Edges.size() && Prefix < Hops.size() &&
           P.Edges[Prefix] == Hops[Prefix])
      ++Prefix;
    size_t Rest = P.Edges.size() - Prefix;
    if (Rest && !ChainExpands && Prefix != Hops.size())
      fail(What + ": walks on from a via-chain node");
    for (size_t I = Prefix; I < P.Edges.size(); ++I) {
      EdgeId E = P.Edges[I];
      if (!Nt.trafficEdge(E)) {
        fail(What + ": edge e" + std::to_string(E) +
             " after the declaration's hops is not traffic");
        return;
      }
      if (I + 1 < P.Edges.size() && Nt.single(Nt.To[E]))
        fail(What + ": walks on past single owner " + id(Nt.To[E]));
    }
    if (P.Nodes.back() != V)
      fail(What + ": ends at " + id(P.Nodes.back()));
    same(P.Edges.size(), size_t(Want), What + " length");
  }

  /// A closed walk from V through an edge satisfying Pick, over Take edges,
  /// inside V's component, as short as such a walk can be.
  void cyclePath(const WitnessPath &W, NodeId V, const bf::Pairs &Pairs,
                 const bf::Ok &Take, const bf::Ok &Pick,
                 const std::string &What) {
    Walked P;
    if (!read(W, P, What))
      return;
    if (P.Start != V || P.Nodes.back() != V)
      fail(What + ": does not start and end at " + id(V));
    allEdges(P, Take, What, "of the component's kind");
    bool Picked = false;
    for (EdgeId E : P.Edges)
      Picked |= Pick(E);
    if (!Picked)
      fail(What + ": takes no edge of the kind that makes the cycle");
    for (NodeId X : P.Nodes)
      if (!Pairs.together(X, V))
        fail(What + ": leaves the component at " + id(X));
    same(P.Edges.size(), size_t(bf::shortestCycle(Nt, Pairs, Take, V, Pick)),
         What + " length");
  }

  const Graph &G;
  const bf::Facts &F;
  const bf::Net &Nt;
};

std::string describe(const Finding &F) {
  std::ostringstream OS;
  OS << F;
  return OS.str();
}

uint64_t countOf(const Finding &F, const std::string &Name, Checker &C) {
  for (const Count &K : F.Counts)
    if (K.Name == Name)
      return K.Value;
  C.fail(F.Rule + " at " + F.Node + ": no count '" + Name + "'");
  return UINT64_MAX;
}

//===----------------------------------------------------------------------===//
// Flows and the graphs/ algorithms
//===----------------------------------------------------------------------===//

void checkFlows(const Graph &G, const bf::Facts &F, Checker &C) {
  Analysis A(G);
  size_t N = G.numNodes();
  std::vector<NodeId> All;
  for (NodeId V = 0; V < N; ++V)
    All.push_back(V);
  // Small graphs: every count is exact (countSourcesBounded), and says so.
  auto Exact = [&](std::vector<SourceCount> Counts, const char *What) {
    std::vector<uint32_t> Values;
    for (const SourceCount &K : Counts) {
      if (K.Estimated)
        C.fail(std::string(What) + ": estimated on a small graph");
      Values.push_back(K.Value);
    }
    return Values;
  };
  std::vector<uint32_t> Entries = Exact(A.countEntries(All), "entries");
  std::vector<uint32_t> Planes =
      Exact(A.countControlNodes(All), "control-plane nodes");
  std::vector<uint32_t> Recoveries = Exact(
      A.countDeclarations(A.recoveryDeclarations(), true, All), "recoveries");
  std::vector<uint32_t> Unpaced =
      Exact(A.countDeclarations(F.UnpacedDecls, false, All), "unpaced");
  RecoveryWalk Own = walkRecovery(G, F.UnpacedDecls, false);
  if (A.recoveryDeclarations() != F.RecoveryDecls)
    C.fail("recovery declarations differ");

  for (NodeId V = 0; V < N; ++V) {
    std::string At = " at " + C.id(V);
    C.same(A.carriesCustomer(V), F.CustomerDist[V] != bf::Inf,
           "carries customer traffic" + At);
    C.same(A.customer().Dist[V], F.CustomerDist[V], "customer distance" + At);
    C.same(A.carriesControl(V), bool(F.Control[V]),
           "carries control-plane traffic" + At);
    C.same(A.onRecoveryPath(V), F.RecoveryDist[V] != bf::Inf,
           "on a recovery path" + At);
    C.same(A.recovery().dist(V), F.RecoveryDist[V], "recovery distance" + At);
    C.same(Own.dist(V), F.UnpacedDist[V], "unpaced walk distance" + At);
    C.same(Entries[V], F.CustomerEntries[V], "customer_entries" + At);
    C.same(Planes[V], F.ControlNodes[V], "control_plane_nodes" + At);
    C.same(Recoveries[V], F.RecoveryCount[V], "recovery_edges" + At);
    C.same(Unpaced[V], F.UnpacedCount[V], "unpaced recovery_edges" + At);

    auto Plain = [&](const std::string &Kind, const Path &P) {
      WitnessPath Out;
      Out.Kind = Kind;
      Out.Start = C.id(P.Start);
      Out.StartLoc = G.node(P.Start).loc;
      for (EdgeId E : P.Hops) {
        Hop H;
        H.From = C.id(G.source(E));
        H.To = C.id(G.target(E));
        H.Kind = bf::spelling(G.edge(E).kind);
        H.Loc = G.edge(E).loc;
        H.Attempts = G.declaration(G.edge(E).decl).attempts;
        Out.Hops.push_back(H);
      }
      return Out;
    };
    if (A.carriesCustomer(V))
      C.customerPath(Plain("customer", A.customerPath(V)), V,
                     "customer path" + At);
    if (A.carriesControl(V))
      C.controlPath(Plain("control-plane", A.controlPath(V)), V,
                    "control-plane path" + At);
    if (A.onRecoveryPath(V))
      C.recoveryPath(Plain("recovery", A.recoveryPath(V)), V, F.RecoveryDecls,
                     true, F.RecoveryDist[V], "recovery path" + At);
    if (Own.reached(V))
      C.recoveryPath(Plain("recovery", pathTo(G, Own, V)), V, F.UnpacedDecls,
                     false, F.UnpacedDist[V], "unpaced recovery path" + At);
  }

  // Strongly connected components over every edge and over customer edges.
  auto CheckScc = [&](const Components &S, const bf::Pairs &P,
                      const bf::Ok &Take, const std::string &What) {
    for (NodeId X = 0; X < N; ++X) {
      for (NodeId Y = 0; Y < N; ++Y)
        C.same(S.Of[X] == S.Of[Y], P.together(X, Y),
               What + ": " + C.id(X) + " and " + C.id(Y) + " together");
      C.same(bool(S.Cyclic[S.Of[X]]), bool(P.OnCycle[X]),
             What + ": cyclic at " + C.id(X));
    }
    for (EdgeId E = 0; E < G.numEdges(); ++E)
      if (Take(E) && S.Of[G.source(E)] != S.Of[G.target(E)] &&
          !(S.Of[G.source(E)] > S.Of[G.target(E)]))
        C.fail(What + ": components not in reverse topological order");
  };
  CheckScc(
      A.allComponents(), F.All, [](EdgeId) { return true; },
      "components over every edge");
  const Amplification &Amp = A.amplification();
  CheckScc(
      Amp.SCC, F.Customer, [&](EdgeId E) { return F.Nt.customerEdge(E); },
      "components over customer edges");

  // Retry products.
  std::set<std::set<NodeId>> Unbounded;
  for (uint32_t K : Amp.Unbounded)
    Unbounded.insert(
        std::set<NodeId>(Amp.SCC.Members.begin() + Amp.SCC.Start[K],
                         Amp.SCC.Members.begin() + Amp.SCC.Start[K + 1]));
  if (Unbounded !=
      std::set<std::set<NodeId>>(F.Unbounded.begin(), F.Unbounded.end()))
    C.fail("unbounded components differ");
  for (NodeId V = 0; V < N; ++V) {
    std::string At = " at " + C.id(V);
    C.same(bool(Amp.Tainted[V]), bool(F.Tainted[V]), "tainted" + At);
    C.same(Amp.Max[V], F.MaxProduct[V], "m(v)" + At);
    if (!F.MaxProduct[V])
      continue;
    C.same(Amp.PathLen[V], F.MaxLen[V], "max-product path length" + At);
    Path P = maxProductPath(G, Amp, V);
    uint64_t Product = 1;
    NodeId X = P.Start;
    for (EdgeId E : P.Hops) {
      if (G.source(E) != X || !F.Nt.customerEdge(E))
        C.fail("max-product path" + At + " is not a customer path");
      Product = bf::satMul(Product, F.Nt.multiplier(E));
      X = G.target(E);
    }
    if (!G.node(P.Start).entry || X != V)
      C.fail("max-product path" + At + " does not run from an entry to it");
    C.same(Product, F.MaxProduct[V], "max-product path product" + At);
    C.same(uint32_t(P.Hops.size()), F.MaxLen[V], "max-product path hops" + At);
  }
}

//===----------------------------------------------------------------------===//
// The rules
//===----------------------------------------------------------------------===//

/// timeout-inversion at one service: the longest attempts x timeout of its
/// own items, the shortest timeout of a caller that gives up before it, and
/// how many callers do.
struct Inversion {
  uint64_t Spends = 0;
  uint64_t Waits = UINT64_MAX;
  uint32_t Callers = 0;
};

/// single-owner-control-plane's counts and witnesses (SPEC §2).
void checkControlPlane(const Graph &G, const bf::Facts &F, const Finding &Fd,
                       NodeId V, Checker &C, const std::string &What) {
  const bf::Net &Nt = F.Nt;
  uint32_t Customers = 0, Repairs = 0;
  uint32_t CustomerLen = bf::Inf, RepairLen = bf::Inf;
  for (NodeId S = 0; S < G.numNodes(); ++S) {
    uint32_t D = F.DependencyDist[S][V];
    if (D == bf::Inf)
      continue;
    if (F.CustomerDist[S] != bf::Inf) {
      ++Customers;
      CustomerLen = std::min(CustomerLen, D);
    }
    if (F.RecoveryDist[S] != bf::Inf) {
      ++Repairs;
      RepairLen = std::min(RepairLen, D);
    }
  }
  C.same(countOf(Fd, "customer_dependents", C), uint64_t(Customers),
         What + " customer_dependents");
  C.same(countOf(Fd, "recovery_dependents", C), uint64_t(Repairs),
         What + " recovery_dependents");
  bool Itself = F.RecoveryDist[V] != bf::Inf;
  std::vector<std::string> Kinds{"customer", "dependency"};
  if (Itself || Repairs)
    Kinds.push_back("recovery");
  std::vector<std::string> Have;
  for (const WitnessPath &W : Fd.Paths)
    Have.emplace_back(W.Kind);
  if (Have != Kinds) {
    C.fail(What + ": paths of the wrong kinds or order");
    return;
  }
  // A dependency path: a lookup, then traffic and lookup edges, from a
  // start that Is one of the sources, as short as any, the most loaded.
  auto Dependency = [&](const WitnessPath &W, NodeId To, uint32_t Want,
                        auto &&IsSource, const std::string &Of) -> NodeId {
    Walked P;
    if (!C.read(W, P, Of))
      return NoNode;
    for (size_t I = 0; I < P.Edges.size(); ++I) {
      bf::Class K = Nt.cls(P.Edges[I]);
      if (I == 0 ? K != bf::Class::Control : K == bf::Class::Recovery)
        C.fail(Of + ": hop " + std::to_string(I) + " is not a dependency edge");
    }
    if (P.Nodes.back() != To)
      C.fail(Of + ": ends at " + C.id(P.Nodes.back()));
    if (!IsSource(P.Start))
      C.fail(Of + ": starts at " + C.id(P.Start) + ", not a source");
    C.same(uint32_t(P.Edges.size()), Want, Of + " length");
    std::vector<NodeId> Shortest;
    for (NodeId S = 0; S < G.numNodes(); ++S)
      if (IsSource(S) && F.DependencyDist[S][To] == Want)
        Shortest.push_back(S);
    C.bestStart(P.Start, Shortest, Of);
    return P.Start;
  };
  NodeId Dependent = Dependency(
      Fd.Paths[1], V, CustomerLen,
      [&](NodeId S) { return F.CustomerDist[S] != bf::Inf; },
      What + " dependency path");
  if (Dependent != NoNode)
    C.customerPath(Fd.Paths[0], Dependent, What + " customer path");
  if (Kinds.size() < 3)
    return;
  if (Itself) {
    C.recoveryPath(Fd.Paths[2], V, F.RecoveryDecls, true, F.RecoveryDist[V],
                   What + " recovery path");
    return;
  }
  // The recovery path to a node, then its dependency path to V.
  const WitnessPath &W = Fd.Paths[2];
  if (W.Hops.size() < RepairLen) {
    C.fail(What + ": recovery path too short");
    return;
  }
  size_t Split = W.Hops.size() - RepairLen;
  WitnessPath Head = W, Tail = W;
  Head.Hops.resize(Split);
  Tail.Hops.erase(Tail.Hops.begin(), Tail.Hops.begin() + Split);
  if (Split == 0) {
    C.fail(What + ": recovery path has no recovery part");
    return;
  }
  Tail.Start = Head.Hops.back().To;
  NodeId R = G.find(Tail.Start);
  if (R == NoNode || F.RecoveryDist[R] == bf::Inf) {
    C.fail(What + ": recovery path's dependency does not start on a "
                  "recovery path");
    return;
  }
  Tail.StartLoc = G.node(R).loc;
  Dependency(
      Tail, V, RepairLen,
      [&](NodeId S) { return F.RecoveryDist[S] != bf::Inf; },
      What + " repair dependency path");
  C.recoveryPath(Head, R, F.RecoveryDecls, true, F.RecoveryDist[R],
                 What + " recovery path");
}

/// timeout-inversion's two witnesses: a caller's item whose timeout is the
/// shortest, from the most loaded such caller, and one of the service's
/// items that spends the longest, each hop by hop as declared.
void checkTimeoutWitness(const Graph &G, const Finding &Fd, NodeId V,
                         const Inversion &I, Checker &C,
                         const std::string &What) {
  auto Declared = [&](const WitnessPath &W, const std::string &Of) {
    Walked P;
    if (!C.read(W, P, Of) || P.Edges.empty())
      return UINT32_MAX;
    uint32_t D = G.edge(P.Edges[0]).decl;
    std::span<const EdgeId> Hops = G.hops(D);
    if (P.Start != G.declarer(D) ||
        !std::equal(Hops.begin(), Hops.end(), P.Edges.begin(), P.Edges.end()))
      C.fail(Of + ": not one declaration's hops");
    return D;
  };
  uint32_t Outer = Declared(Fd.Paths[0], What + " timeout path");
  uint32_t Inner = Declared(Fd.Paths[1], What + " retry path");
  if (Outer == UINT32_MAX || Inner == UINT32_MAX)
    return;
  const Declaration &O = G.declaration(Outer), &In = G.declaration(Inner);
  if (!O.timeoutMs || *O.timeoutMs != I.Waits ||
      G.node(G.target(G.hops(Outer).back())).service != V)
    C.fail(What + ": the timeout path is not a shortest timeout into it");
  else {
    std::vector<NodeId> Callers;
    for (uint32_t D = 0; D < G.numDeclarations(); ++D)
      if (G.declaration(D).timeoutMs == O.timeoutMs &&
          bf::classify(G.declarationKind(D)) == bf::Class::Traffic &&
          G.node(G.target(G.hops(D).back())).service == V &&
          G.node(G.declarer(D)).service != V)
        Callers.push_back(G.declarer(D));
    C.bestStart(G.declarer(Outer), Callers, What + " timeout path");
  }
  if (!In.timeoutMs || uint64_t(In.attempts) * *In.timeoutMs != I.Spends ||
      G.node(G.declarer(Inner)).service != V)
    C.fail(What + ": the retry path is not a longest item of the service");
  std::string Waits = std::to_string(I.Waits),
              Spends = std::to_string(I.Spends);
  if (Fd.Message.find("can spend " + Spends + " ms") == std::string::npos ||
      Fd.Message.find("after " + Waits + " ms") == std::string::npos)
    C.fail(What + ": the message does not give both figures");
}

void checkRules(const Graph &G, const bf::Facts &F, uint64_t T,
                bool SetThreshold, Checker &C,
                std::map<std::string, unsigned> &Seen) {
  const bf::Net &Nt = F.Nt;
  RuleOptions Opts;
  if (SetThreshold)
    Opts["retry-amplification.threshold"] = std::to_string(T);
  Analysis A(G);
  std::vector<Finding> Out;
  for (const Rule *R : allRules()) {
    RuleContext Ctx(A, R->info(), Opts, Out);
    R->check(Ctx);
  }

  // What the SPEC says must be reported, by (rule, node).
  std::map<std::pair<std::string, std::string>, Severity> Want;
  for (NodeId V = 0; V < G.numNodes(); ++V) {
    const NodeProps &N = G.node(V);
    if (N.owners == 1 && F.CustomerDist[V] != bf::Inf && F.Control[V])
      Want[{"shared-single-owner", N.id}] =
          F.RecoveryDist[V] != bf::Inf ? Severity::Error : Severity::Warning;
    if (N.owners == 1 && F.UnpacedDist[V] != bf::Inf)
      Want[{"unbounded-recovery", N.id}] = Severity::Warning;
    if (N.owners == 1 && N.plane == Plane::Control &&
        F.CustomerDist[V] == bf::Inf) {
      bool Customer = false, Repair = F.RecoveryDist[V] != bf::Inf;
      for (NodeId S = 0; S < G.numNodes(); ++S)
        if (F.DependencyDist[S][V] != bf::Inf) {
          Customer |= F.CustomerDist[S] != bf::Inf;
          Repair |= F.RecoveryDist[S] != bf::Inf;
        }
      if (Customer)
        Want[{"single-owner-control-plane", N.id}] =
            Repair ? Severity::Error : Severity::Warning;
    }
    if (N.type == NodeType::Service && N.workload.stateful &&
        N.workload.drainSeconds &&
        N.workload.graceSeconds.value_or(30) < *N.workload.drainSeconds)
      Want[{"drain-timeout", N.id}] = Severity::Error;
    if (N.type == NodeType::Service && N.workload.stateful && N.owners > 1 &&
        !N.workload.drainGuard)
      Want[{"unguarded-scale-down", N.id}] = Severity::Warning;
  }
  // retry-amplification: where the product first passes T, and one error
  // per unbounded cycle.
  struct Threshold {
    uint64_t Product = 0;
    uint32_t Len = bf::Inf;
  };
  std::map<NodeId, Threshold> Passes;
  for (EdgeId E = 0; E < Nt.M; ++E) {
    NodeId U = Nt.From[E], V = Nt.To[E];
    uint64_t M = F.MaxProduct[U];
    if (!Nt.customerEdge(E) || F.Tainted[V] || M == 0 || M > T)
      continue;
    uint64_t P = bf::satMul(M, Nt.multiplier(E));
    if (P <= T)
      continue;
    Threshold &B = Passes[V];
    if (P > B.Product || (P == B.Product && F.MaxLen[U] + 1 < B.Len))
      B = {P, F.MaxLen[U] + 1};
  }
  for (auto &[V, B] : Passes)
    Want[{"retry-amplification", Nt.id(V)}] = Severity::Warning;
  // timeout-inversion: per service, callers from other services and the
  // items it declares, both call or spawn with a timeout.
  auto Timed = [&](uint32_t D) {
    return Nt.G.declaration(D).timeoutMs &&
           bf::classify(G.declarationKind(D)) == bf::Class::Traffic;
  };
  auto ServiceOf = [&](NodeId V) { return G.node(V).service; };
  std::map<NodeId, Inversion> Inversions;
  for (uint32_t Outer = 0; Outer < G.numDeclarations(); ++Outer) {
    NodeId S = ServiceOf(G.target(G.hops(Outer).back()));
    if (!Timed(Outer) || ServiceOf(G.declarer(Outer)) == S)
      continue;
    for (uint32_t Inner = 0; Inner < G.numDeclarations(); ++Inner) {
      if (!Timed(Inner) || ServiceOf(G.declarer(Inner)) != S)
        continue;
      uint64_t Spends = uint64_t(G.declaration(Inner).attempts) *
                        *G.declaration(Inner).timeoutMs;
      Inversion &I = Inversions[S];
      I.Spends = std::max(I.Spends, Spends);
    }
  }
  for (auto It = Inversions.begin(); It != Inversions.end();) {
    Inversion &I = It->second;
    for (uint32_t Outer = 0; Outer < G.numDeclarations(); ++Outer) {
      uint64_t T = Timed(Outer) ? *G.declaration(Outer).timeoutMs : 0;
      if (Timed(Outer) &&
          ServiceOf(G.target(G.hops(Outer).back())) == It->first &&
          ServiceOf(G.declarer(Outer)) != It->first && T < I.Spends) {
        ++I.Callers;
        I.Waits = std::min(I.Waits, T);
      }
    }
    if (I.Callers == 0) {
      It = Inversions.erase(It);
      continue;
    }
    Want[{"timeout-inversion", Nt.id(It->first)}] = Severity::Warning;
    ++It;
  }
  std::map<std::string, const std::set<NodeId> *> UnboundedAt, CycleAt;
  for (const std::set<NodeId> &S : F.Unbounded) {
    NodeId V = bf::namedNode(F, S);
    Want[{"retry-amplification", Nt.id(V)}] = Severity::Error;
    UnboundedAt[Nt.id(V)] = &S;
  }
  for (const std::set<NodeId> &S : F.RecoveryCycles) {
    NodeId V = bf::namedNode(F, S);
    Want[{"recovery-cycle", Nt.id(V)}] = Severity::Warning;
    CycleAt[Nt.id(V)] = &S;
  }

  for (const Finding &Fd : Out)
    ++Seen[Fd.Rule + " " + std::string(name(Fd.Sev))];
  std::map<std::pair<std::string, std::string>, Severity> Got;
  for (const Finding &Fd : Out)
    if (!Got.emplace(std::pair(Fd.Rule, Fd.Node), Fd.Sev).second)
      C.fail("two findings of " + Fd.Rule + " at " + Fd.Node);
  for (auto &[Key, Sev] : Want) {
    auto It = Got.find(Key);
    if (It == Got.end())
      C.fail("missing " + Key.first + " " + std::string(name(Sev)) + " at " +
             Key.second);
    else if (It->second != Sev)
      C.fail(Key.first + " at " + Key.second + ": severity " +
             std::string(name(It->second)) + ", want " +
             std::string(name(Sev)));
  }
  for (const Finding &Fd : Out)
    if (!Want.count({Fd.Rule, Fd.Node}))
      C.fail("unexpected finding " + describe(Fd));

  // Counts, locations and witness paths of each finding.
  for (const Finding &Fd : Out) {
    NodeId V = G.find(Fd.Node);
    if (V == NoNode || !Want.count({Fd.Rule, Fd.Node}))
      continue;
    std::string What = Fd.Rule + " at " + Fd.Node;
    if (Fd.Message.find("'" + Fd.Node + "'") == std::string::npos)
      C.fail(What + ": the message does not name the node");
    SourceLoc Loc = G.node(V).loc;
    if (Fd.Rule == "drain-timeout" && G.node(V).workload.drainLoc.valid())
      Loc = G.node(V).workload.drainLoc;
    if (!(Fd.Loc == Loc))
      C.fail(What + ": wrong location");
    auto PathKinds = [&](std::vector<std::string> Kinds) {
      std::vector<std::string> Have;
      for (const WitnessPath &W : Fd.Paths)
        Have.emplace_back(W.Kind);
      if (Have != Kinds) {
        C.fail(What + ": paths of the wrong kinds or order");
        return false;
      }
      return true;
    };

    if (Fd.Rule == "shared-single-owner") {
      bool Rec = F.RecoveryDist[V] != bf::Inf;
      C.same(countOf(Fd, "customer_entries", C), uint64_t(F.CustomerEntries[V]),
             What + " customer_entries");
      C.same(countOf(Fd, "control_plane_nodes", C), uint64_t(F.ControlNodes[V]),
             What + " control_plane_nodes");
      C.same(countOf(Fd, "recovery_edges", C), uint64_t(F.RecoveryCount[V]),
             What + " recovery_edges");
      if (!PathKinds(
              Rec ? std::vector<std::string>{"customer", "control-plane",
                                             "recovery"}
                  : std::vector<std::string>{"customer", "control-plane"}))
        continue;
      C.customerPath(Fd.Paths[0], V, What + " customer path");
      C.controlPath(Fd.Paths[1], V, What + " control-plane path");
      if (Rec)
        C.recoveryPath(Fd.Paths[2], V, F.RecoveryDecls, true, F.RecoveryDist[V],
                       What + " recovery path");
    } else if (Fd.Rule == "unbounded-recovery") {
      uint64_t K = countOf(Fd, "recovery_edges", C);
      C.same(K, uint64_t(F.UnpacedCount[V]), What + " recovery_edges");
      if (Fd.Message.find("from " + std::to_string(F.UnpacedCount[V]) +
                          " recovery edge") == std::string::npos)
        C.fail(What + ": the message does not give the count");
      C.same(countOf(Fd, "storm_size", C), F.UnpacedStorm[V],
             What + " storm_size");
      if (Fd.Message.find("the largest storm is " +
                          std::to_string(F.UnpacedStorm[V]) + " request") ==
          std::string::npos)
        C.fail(What + ": the message does not give the storm's size");
      if (PathKinds({"recovery"}))
        C.recoveryPath(Fd.Paths[0], V, F.UnpacedDecls, false, F.UnpacedDist[V],
                       What + " recovery path");
    } else if (Fd.Rule == "single-owner-control-plane") {
      checkControlPlane(G, F, Fd, V, C, What);
    } else if (Fd.Rule == "timeout-inversion") {
      const Inversion &I = Inversions[V];
      C.same(countOf(Fd, "caller_timeout_ms", C), I.Waits,
             What + " caller_timeout_ms");
      C.same(countOf(Fd, "retry_time_ms", C), I.Spends,
             What + " retry_time_ms");
      C.same(countOf(Fd, "callers", C), uint64_t(I.Callers), What + " callers");
      if (PathKinds({"timeout", "retry"}))
        checkTimeoutWitness(G, Fd, V, I, C, What);
    } else if (Fd.Rule == "retry-amplification" && UnboundedAt.count(Fd.Node)) {
      const std::set<NodeId> &S = *UnboundedAt[Fd.Node];
      C.same(countOf(Fd, "cycle_nodes", C), uint64_t(S.size()),
             What + " cycle_nodes");
      if (!PathKinds({"customer", "cycle"}))
        continue;
      C.customerPath(Fd.Paths[0], V, What + " customer path");
      C.cyclePath(
          Fd.Paths[1], V, F.Customer,
          [&](EdgeId E) { return Nt.customerEdge(E); },
          [&](EdgeId E) { return Nt.multiplier(E) > 1; }, What + " cycle path");
    } else if (Fd.Rule == "retry-amplification") {
      const Threshold &B = Passes[V];
      C.same(countOf(Fd, "product", C), B.Product, What + " product");
      C.same(countOf(Fd, "threshold", C), T, What + " threshold");
      if (!PathKinds({"amplification"}))
        continue;
      Walked P;
      if (!C.read(Fd.Paths[0], P, What + " amplification path"))
        continue;
      if (!G.node(P.Start).entry)
        C.fail(What + ": amplification path does not start at an entry");
      C.allEdges(
          P, [&](EdgeId E) { return Nt.customerEdge(E); },
          What + " amplification path", "a customer edge");
      if (P.Edges.empty() || P.Nodes.back() != V) {
        C.fail(What + ": amplification path does not end at the node");
        continue;
      }
      uint64_t Product = 1;
      for (size_t I = 0; I < P.Edges.size(); ++I) {
        Product = bf::satMul(Product, Nt.multiplier(P.Edges[I]));
        C.same(Fd.Paths[0].Hops[I].Product, Product,
               What + " running product at hop " + std::to_string(I));
      }
      EdgeId Last = P.Edges.back();
      uint64_t Before = Product / Nt.multiplier(Last);
      C.same(Before, F.MaxProduct[Nt.From[Last]],
             What + " product before the last edge is m(u)");
      C.same(Product, B.Product, What + " path product");
      C.same(uint32_t(P.Edges.size()), B.Len, What + " path length");
    } else if (Fd.Rule == "recovery-cycle") {
      const std::set<NodeId> &S = *CycleAt[Fd.Node];
      C.same(countOf(Fd, "cycle_nodes", C), uint64_t(S.size()),
             What + " cycle_nodes");
      if (PathKinds({"cycle"}))
        C.cyclePath(
            Fd.Paths[0], V, F.All, [](EdgeId) { return true; },
            [&](EdgeId E) { return Nt.cls(E) == bf::Class::Recovery; },
            What + " cycle path");
    } else {
      PathKinds({});
    }
  }
}

TEST(Property, FlowsAndRulesMatchBruteForce) {
  uint64_t Seed = envOr("CHOKEPOINT_PROPERTY_SEED", DefaultSeed);
  unsigned Count = unsigned(envOr("CHOKEPOINT_PROPERTY_COUNT", DefaultCount));
  unsigned Failed = 0;
  // Enough graphs must produce each kind of finding for the run to mean
  // anything; counted here and checked at the end.
  std::map<std::string, unsigned> Seen;
  for (unsigned I = 0; I < Count && Failed < 5; ++I) {
    uint64_t S = Seed + I;
    Graph G = makeGraph(S);
    if (std::getenv("CHOKEPOINT_PROPERTY_DUMP"))
      std::cerr << "seed " << S << ":\n" << dump(G);
    bf::Facts F = bf::computeFacts(G);
    Checker C(G, F);
    checkFlows(G, F, C);
    static const uint64_t Thresholds[] = {1, 2, 3, 5, 20};
    checkRules(G, F, 10, false, C, Seen);
    checkRules(G, F, Thresholds[S % 5], true, C, Seen);
    if (!C.Errors.empty()) {
      ++Failed;
      std::ostringstream OS;
      OS << "seed " << S << " (CHOKEPOINT_PROPERTY_SEED=" << S
         << " CHOKEPOINT_PROPERTY_COUNT=1):\n";
      for (size_t K = 0; K < C.Errors.size() && K < 20; ++K)
        OS << "  " << C.Errors[K] << "\n";
      if (C.Errors.size() > 20)
        OS << "  ... " << C.Errors.size() - 20 << " more\n";
      OS << "graph:\n" << dump(G);
      ADD_FAILURE() << OS.str();
    }
  }
  std::ostringstream Stats;
  for (auto &[K, N] : Seen)
    Stats << " " << K << ": " << N << ";";
  std::cout << "findings over " << Count
            << " graphs, two runs each:" << Stats.str() << "\n";
  if (Count >= DefaultCount) {
    for (const char *K :
         {"shared-single-owner warning", "shared-single-owner error",
          "single-owner-control-plane warning",
          "single-owner-control-plane error", "timeout-inversion warning",
          "unbounded-recovery warning", "retry-amplification warning",
          "retry-amplification error", "recovery-cycle warning",
          "drain-timeout error", "unguarded-scale-down warning"}) {
      EXPECT_GE(Seen[K], 10u) << "too few graphs exercise " << K;
    }
  }
}

} // namespace
