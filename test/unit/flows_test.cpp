//===- test/unit/flows_test.cpp - Walks, components and retry products ----===//
//
// Hand-made graphs for graphs/walks.h, graphs/scc.h and
// graphs/amplification.h, each small enough to work out by hand from SPEC
// §1/§2; the random cross-check of flows and rules against brute force is
// property_test.cpp. One random test here holds the cycle search that stops
// early to weighing every picked edge.
//
//===----------------------------------------------------------------------===//

#include "unit/test_graph.h"

#include "graphs/amplification.h"
#include "graphs/analysis.h"
#include "graphs/reach.h"
#include "graphs/scc.h"
#include "graphs/walks.h"

#include <gtest/gtest.h>

#include <random>

using namespace chokepoint;
using unit::DeclOptions;
using unit::TestGraph;

namespace {

/// "a -call-> b -retry-> c" style, for readable expectations.
std::string show(const Graph &G, const Path &P) {
  if (P.empty())
    return "<none>";
  std::string S = G.node(P.Start).id;
  NodeId At = P.Start;
  for (EdgeId E : P.Hops) {
    if (G.source(E) != At)
      S += " <gap>";
    At = G.target(E);
    S += " -" + std::string(name(G.edge(E).kind)) + "-> " +
         G.node(G.target(E)).id;
  }
  return S;
}

//===----------------------------------------------------------------------===//
// Graphs returned by value (regression)
//===----------------------------------------------------------------------===//

// Regression: Graph once kept Boost edge descriptors, which point into the
// adjacency_list that made them, and adjacency_list has no move constructor.
// Returning a Graph by value left the new graph reading the old one's edges:
// the property test crashed in pathTo on its first graph. A built graph owns
// all it reads.
TEST(GraphMove, ReturnedGraphReadsItsOwnEdges) {
  auto Make = [] {
    TestGraph T;
    NodeId A = T.service("a"), B = T.service("b");
    T.call(A, B, 3);
    DeclOptions Twice;
    Twice.Attempts = 2;
    T.edge(B, A, EdgeKind::Retry, {}, Twice);
    return T.build();
  };
  Graph G = Make();
  ASSERT_EQ(G.numEdges(), 2u);
  EdgeId AB = G.edgesInOrder()[0], BA = G.edgesInOrder()[1];
  EXPECT_EQ(G.multiplier(AB), 3u);
  EXPECT_EQ(G.multiplier(BA), 2u);
  EXPECT_EQ(G.kind(BA), EdgeKind::Retry);
  EXPECT_EQ(G.node(G.source(BA)).id, "b");
  EXPECT_EQ(G.node(G.target(BA)).id, "a");
  EXPECT_EQ(show(G, declarationPrefix(G, 1, 0)), "b -retry-> a");
}

//===----------------------------------------------------------------------===//
// searchForward / searchBackward
//===----------------------------------------------------------------------===//

TEST(Search, ForwardFromSeveralSourcesTakesTheNearest) {
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c"),
         D = T.service("d"), E = T.service("e");
  T.call(A, B);
  T.call(B, C);
  T.call(C, D);
  T.edge(E, D, EdgeKind::Lookup);
  T.call(E, C);
  const Graph &G = T.graph();
  Reach R = searchForward(G, {A, E}, edgesOfKinds(G, TrafficKinds));
  EXPECT_EQ(R.Dist[A], 0u);
  EXPECT_EQ(R.Dist[E], 0u);
  EXPECT_EQ(R.Dist[B], 1u);
  EXPECT_EQ(R.Dist[C], 1u) << "from e, not two hops from a";
  EXPECT_EQ(R.Dist[D], 2u) << "the lookup e->d is filtered out";
  EXPECT_EQ(show(G, pathFromSource(G, R, D)), "e -call-> c -call-> d");
  EXPECT_EQ(show(G, pathFromSource(G, R, A)), "a");

  Reach Only = searchForward(G, {A}, edgesOfKinds(G, TrafficKinds));
  EXPECT_FALSE(Only.reached(E));
  EXPECT_EQ(Only.Dist[D], 3u);
}

TEST(Search, TiesGoToTheEarlierSource) {
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c");
  T.call(B, C); // edge 0
  T.call(A, C); // edge 1
  const Graph &G = T.graph();
  EdgeFilter All(G.numEdges(), 1);
  EXPECT_EQ(show(G, pathFromSource(G, searchForward(G, {A, B}, All), C)),
            "a -call-> c");
  EXPECT_EQ(show(G, pathFromSource(G, searchForward(G, {B, A}, All), C)),
            "b -call-> c");
}

TEST(Search, BackwardWalksAgainstTheEdges) {
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c"),
         D = T.service("d");
  T.call(A, B);
  T.call(B, C);
  T.call(A, C);
  T.call(C, D);
  const Graph &G = T.graph();
  Reach R = searchBackward(G, {D}, EdgeFilter(G.numEdges(), 1));
  EXPECT_EQ(R.Dist[C], 1u);
  EXPECT_EQ(R.Dist[B], 2u);
  EXPECT_EQ(R.Dist[A], 2u) << "a -> c -> d, not through b";
  EXPECT_EQ(show(G, pathToSource(G, R, A)), "a -call-> c -call-> d");
  EXPECT_EQ(show(G, pathToSource(G, R, D)), "d");
}

/// Two entries, api and web; db; etcd in the control plane.
struct FlowGraph {
  TestGraph T;
  NodeId Api, Web, Db, Etcd;
  FlowGraph() {
    Api = T.service("api", 4, /*Entry=*/true);
    Web = T.service("web", 2, /*Entry=*/true);
    Db = T.service("db");
    Etcd = T.service("etcd", 3, false, Plane::Control);
    T.call(Api, Db);                       // 0: traffic into the data plane
    T.edge(Api, Db, EdgeKind::Lookup);     // 1: a lookup
    T.call(Web, Etcd);                     // 2: a call into the control plane
    T.edge(Db, Etcd, EdgeKind::Reconnect); // 3: recovery into the control plane
  }
};

TEST(Flows, EntriesAndControlEdges) {
  FlowGraph F;
  const Graph &G = F.T.graph();
  EXPECT_EQ(customerEntries(G), (std::vector<NodeId>{F.Api, F.Web}));
  EdgeFilter On = controlEdges(G), InOrder;
  for (EdgeId E : G.edgesInOrder())
    InOrder.push_back(On[E]);
  EXPECT_EQ(InOrder, (EdgeFilter{0, 1, 1, 1}));
}

/// What the rules read of an analysis, gathered: counts, paths and flows.
struct Asked {
  std::vector<SourceCount> Entries, Control;
  std::vector<std::vector<EdgeId>> ControlPaths, CustomerPaths;
  std::vector<uint8_t> Flows;
  friend bool operator==(const Asked &, const Asked &) = default;
};

Asked ask(Analysis &A) {
  const Graph &G = A.graph();
  std::vector<NodeId> All;
  for (NodeId V = 0; V < G.numNodes(); ++V)
    All.push_back(V);
  Asked R{A.countEntries(All), A.countControlNodes(All), {}, {}, {}};
  for (NodeId V : All) {
    R.ControlPaths.push_back(A.controlPath(V).Hops);
    R.CustomerPaths.push_back(A.customerPath(V).Hops);
    R.Flows.push_back(uint8_t(A.carriesCustomer(V) | A.carriesControl(V) << 1 |
                              A.onRecoveryPath(V) << 2));
  }
  return R;
}

TEST(Analysis, FactsReleasedAfterTheRulesAreMadeAgainTheSame) {
  FlowGraph F;
  F.T.edge(F.Web, F.Db, EdgeKind::Retry);
  Analysis A(F.T.graph());
  Asked Before = ask(A);
  // Something to lose: both entries reach db (api calls it, web retries
  // it), and a control-plane path runs through it.
  ASSERT_EQ(Before.Entries[F.Db].Value, 2u);
  ASSERT_FALSE(Before.ControlPaths[F.Db].empty());
  A.releaseRuleFacts();
  EXPECT_EQ(ask(A), Before);
  A.releaseRuleFacts();
  A.releaseRuleFacts();
  EXPECT_EQ(ask(A), Before);
}

//===----------------------------------------------------------------------===//
// walkRecovery / pathTo
//===----------------------------------------------------------------------===//

/// s -retry via [a, b]-> t; a -call-> x; b -call-> y; t -call-> m -call-> w
/// -call-> q, with a, t, w single owners and b, m many.
struct ChainGraph {
  TestGraph T;
  NodeId S, A, B, Tgt, X, Y, M, W, Q;
  uint32_t Decl;
  ChainGraph() {
    S = T.service("s", 3);
    Tgt = T.service("t", 1);
    X = T.service("x", 1);
    Y = T.service("y", 2);
    M = T.service("m", 2);
    W = T.service("w", 1);
    Q = T.service("q", 2);
    A = T.component(S, "a", 1);
    B = T.component(S, "b", 2);
    Decl = T.edge(S, Tgt, EdgeKind::Retry, {A, B});
    T.call(A, X);
    T.call(B, Y);
    T.call(Tgt, M);
    T.call(M, W);
    T.call(W, Q);
  }
};

TEST(RecoveryWalk, OnARecoveryPathEveryHopExpands) {
  ChainGraph C;
  const Graph &G = C.T.graph();
  RecoveryWalk R = walkRecovery(G, {C.Decl}, /*ChainExpands=*/true);
  EXPECT_EQ(R.dist(C.A), 1u);
  EXPECT_EQ(R.dist(C.B), 2u);
  EXPECT_EQ(R.dist(C.Tgt), 3u);
  EXPECT_EQ(R.dist(C.X), 2u) << "a is entered by a recovery hop: it expands "
                                "although it is a single owner";
  EXPECT_EQ(R.dist(C.Y), 3u);
  EXPECT_EQ(R.dist(C.M), 4u);
  EXPECT_EQ(R.dist(C.W), 5u) << "a single owner reached is on the path";
  EXPECT_FALSE(R.reached(C.Q)) << "the walk stops at single owner w";
  EXPECT_FALSE(R.reached(C.S)) << "the declarer is not entered";
  EXPECT_EQ(show(G, pathTo(G, R, C.X)), "s -retry-> s.a -call-> x");
  EXPECT_EQ(show(G, pathTo(G, R, C.W)),
            "s -retry-> s.a -retry-> s.b -retry-> t -call-> m -call-> w");
}

TEST(RecoveryWalk, UnboundedRecoveryExpandsOnlyFromTheTarget) {
  ChainGraph C;
  const Graph &G = C.T.graph();
  RecoveryWalk R = walkRecovery(G, {C.Decl}, /*ChainExpands=*/false);
  EXPECT_EQ(R.dist(C.A), 1u);
  EXPECT_EQ(R.dist(C.B), 2u);
  EXPECT_EQ(R.dist(C.Tgt), 3u);
  EXPECT_FALSE(R.reached(C.X)) << "via-chain nodes do not expand";
  EXPECT_FALSE(R.reached(C.Y)) << "not even with several owners";
  EXPECT_EQ(R.dist(C.W), 5u);
  EXPECT_FALSE(R.reached(C.Q));
  EXPECT_EQ(show(G, pathTo(G, R, C.A)), "s -retry-> s.a");
  EXPECT_EQ(show(G, pathTo(G, R, C.B)), "s -retry-> s.a -retry-> s.b");
}

TEST(RecoveryWalk, ChainNodeReachedByTheWalkExpandsWhenShared) {
  // s -restart via [b]-> t, t -call-> b, b -call-> y: b (two owners) is on
  // the chain and reached again by the walk from t, so it expands then.
  TestGraph T;
  NodeId S = T.service("s", 2), Tgt = T.service("t", 1), Y = T.service("y", 1);
  NodeId B = T.component(S, "b", 2);
  uint32_t D = T.edge(S, Tgt, EdgeKind::Restart, {B});
  T.call(Tgt, B);
  T.call(B, Y);
  const Graph &G = T.graph();
  RecoveryWalk R = walkRecovery(G, {D}, false);
  EXPECT_EQ(R.dist(B), 1u);
  EXPECT_EQ(R.dist(Y), 4u);
  EXPECT_EQ(show(G, pathTo(G, R, Y)),
            "s -restart-> s.b -restart-> t -call-> s.b -call-> y");

  // The same with a single-owner b: reached, but it stops the walk.
  TestGraph U;
  S = U.service("s", 2), Tgt = U.service("t", 1), Y = U.service("y", 1);
  B = U.component(S, "b", 1);
  D = U.edge(S, Tgt, EdgeKind::Restart, {B});
  U.call(Tgt, B);
  U.call(B, Y);
  EXPECT_FALSE(walkRecovery(U.graph(), {D}, false).reached(Y));
}

TEST(RecoveryWalk, SingleOwnerWalkedFirstThenSeededExpandsFromTheSeed) {
  // w is a single owner. The walk of decl 1 reaches it at 2 (and stops);
  // decl 2 enters it at 3 through its via chain, so it expands from there:
  // z is reached at 4, by a path through decl 2's hops only.
  TestGraph T;
  NodeId S1 = T.service("s1", 2), S2 = T.service("s2", 2),
         M = T.service("m", 2), W = T.service("w", 1), Z = T.service("z", 1);
  NodeId C1 = T.component(S2, "c1", 2), C2 = T.component(S2, "c2", 2);
  uint32_t D1 = T.edge(S1, M, EdgeKind::Reconnect);
  T.call(M, W);
  T.call(W, Z);
  uint32_t D2 = T.edge(S2, W, EdgeKind::Recreate, {C1, C2});
  const Graph &G = T.graph();
  for (bool ChainExpands : {false, true}) {
    SCOPED_TRACE(ChainExpands);
    RecoveryWalk R = walkRecovery(G, {D1, D2}, ChainExpands);
    EXPECT_EQ(R.WalkDist[W], 2u);
    EXPECT_EQ(R.SeedDist[W], 3u);
    EXPECT_EQ(R.dist(W), 2u);
    EXPECT_EQ(show(G, pathTo(G, R, W)), "s1 -reconnect-> m -call-> w");
    EXPECT_EQ(R.dist(Z), 4u);
    EXPECT_TRUE(R.WalkFromSeed[Z]);
    EXPECT_EQ(show(G, pathTo(G, R, Z)),
              "s2 -recreate-> s2.c1 -recreate-> s2.c2 -recreate-> w -call-> z");
    // Without decl 2 nothing passes w.
    EXPECT_FALSE(walkRecovery(G, {D1}, ChainExpands).reached(Z));
  }
}

TEST(RecoveryWalk, SeedWinsATieWithTheWalk) {
  // m (two owners) is a seed at 1 and walked to at 2: its successor's path
  // starts from the seed, the shorter one.
  TestGraph T;
  NodeId S = T.service("s", 2), M = T.service("m", 2), N = T.service("n", 2),
         Z = T.service("z", 1);
  uint32_t D1 = T.edge(S, N, EdgeKind::Retry);
  uint32_t D2 = T.edge(S, M, EdgeKind::Retry);
  T.call(N, M);
  T.call(M, Z);
  const Graph &G = T.graph();
  RecoveryWalk R = walkRecovery(G, {D1, D2}, true);
  EXPECT_EQ(R.dist(M), 1u);
  EXPECT_EQ(R.dist(Z), 2u);
  EXPECT_EQ(show(G, pathTo(G, R, Z)), "s -retry-> m -call-> z");
}

TEST(RecoveryWalk, OnlyTrafficEdgesAreWalked) {
  TestGraph T;
  NodeId S = T.service("s", 2), A = T.service("a", 2), B = T.service("b", 2),
         C = T.service("c", 2);
  uint32_t D = T.edge(S, A, EdgeKind::Failover);
  T.edge(A, B, EdgeKind::Lookup);
  T.edge(A, C, EdgeKind::Spawn);
  T.edge(C, B, EdgeKind::Resync, {}); // a recovery edge of another decl
  RecoveryWalk R = walkRecovery(T.graph(), {D}, true);
  EXPECT_TRUE(R.reached(C)) << "spawn is traffic";
  EXPECT_FALSE(R.reached(B)) << "neither lookups nor other recovery edges "
                                "are walked";
}

TEST(RecoveryWalk, TiesGoToTheDeclarerWithTheMostOwners) {
  // Two declarations reach z in two hops each; the one declared first comes
  // from the node with fewer owners. SPEC §2: the path that carries the most
  // load is shown. Among equal owners, the smaller id.
  TestGraph T;
  NodeId Op = T.service("operator", 1), Fleet = T.service("fleet", 40),
         Mid = T.service("mid", 3), Z = T.service("z", 1);
  NodeId Alpha = T.service("alpha", 40);
  uint32_t D1 = T.edge(Op, Mid, EdgeKind::Failover);
  uint32_t D2 = T.edge(Fleet, Mid, EdgeKind::Reconnect);
  T.call(Mid, Z);
  const Graph &G = T.graph();
  EXPECT_EQ(show(G, pathTo(G, walkRecovery(G, {D1, D2}, true), Z)),
            "fleet -reconnect-> mid -call-> z");
  uint32_t D3 = T.edge(Alpha, Mid, EdgeKind::Reconnect);
  const Graph &G2 = T.graph();
  EXPECT_EQ(show(G2, pathTo(G2, walkRecovery(G2, {D1, D2, D3}, true), Z)),
            "alpha -reconnect-> mid -call-> z");
}

TEST(RecoveryWalk, AWalkedPathFromMoreOwnersBeatsASeedAtItsLevel) {
  // m is a seed at level 2 (from s, one owner) and walked to at level 2
  // (from t, five owners): what m passes on starts at t.
  TestGraph T;
  NodeId S = T.service("s", 1), Tt = T.service("t", 5), A = T.service("a", 2),
         M = T.service("m", 2), Z = T.service("z", 1);
  NodeId SP = T.component(S, "p", 2);
  uint32_t D1 = T.edge(S, M, EdgeKind::Retry, {SP});
  uint32_t D2 = T.edge(Tt, A, EdgeKind::Retry);
  T.call(A, M);
  T.call(M, Z);
  const Graph &G = T.graph();
  RecoveryWalk R = walkRecovery(G, {D1, D2}, true);
  EXPECT_EQ(R.dist(M), 2u);
  EXPECT_EQ(show(G, pathTo(G, R, Z)), "t -retry-> a -call-> m -call-> z");
  EXPECT_EQ(show(G, pathTo(G, R, M)), "t -retry-> a -call-> m");
}

TEST(Search, ByLoadPutsTheMostOwnersFirstThenTheSmallerId) {
  TestGraph T;
  NodeId B = T.service("b", 2), A = T.service("a", 2), C = T.service("c", 9),
         D = T.service("d", 1);
  std::vector<NodeId> Want{C, A, B, D};
  EXPECT_EQ(byLoad(T.graph(), {D, B, A, C}), Want);
}

TEST(Search, ByLoadOrdersIdsByteByBytePastTheirFirstEight) {
  // Ids that share eight bytes or more, one a prefix of another, one with a
  // NUL where another ends, and bytes above 0x7f: the order is std::string's
  // (unsigned bytes), as carriesMore has it.
  TestGraph T;
  std::vector<std::string> Ids = {"ranking-ingest-2",
                                  "ranking-ingest-10",
                                  "ranking-",
                                  "ranking",
                                  std::string("ranking\0", 8),
                                  std::string("rank\0ing", 8),
                                  "ranking-ingest-1",
                                  "ranking\xc3\xa9",
                                  "rankinh",
                                  "r",
                                  ""};
  std::vector<NodeId> Nodes;
  for (const std::string &Id : Ids)
    Nodes.push_back(T.service(Id, 3));
  const Graph &G = T.graph();
  std::vector<NodeId> Want = Nodes;
  std::sort(Want.begin(), Want.end(),
            [&](NodeId A, NodeId B) { return carriesMore(G, A, B); });
  EXPECT_EQ(byLoad(G, Nodes), Want);
  std::vector<NodeId> Reversed(Nodes.rbegin(), Nodes.rend());
  EXPECT_EQ(byLoad(G, Reversed), Want);
  EXPECT_EQ(G.node(Want.front()).id, "");
  EXPECT_EQ(G.node(Want[Want.size() - 2]).id, "ranking\xc3\xa9")
      << "a byte above 0x7f sorts after the ASCII ids that share the bytes "
         "before it";
  EXPECT_EQ(G.node(Want.back()).id, "rankinh");
}

//===----------------------------------------------------------------------===//
// Dependencies (single-owner-control-plane)
//===----------------------------------------------------------------------===//

TEST(Dependencies, StartWithALookupThenTrafficAndLookups) {
  TestGraph T;
  NodeId Web = T.service("web", 4), Agent = T.service("agent", 9),
         Leader = T.service("leader"), Log = T.service("log"),
         Side = T.service("side"), After = T.service("after"),
         Rec = T.service("rec");
  T.edge(Web, Agent, EdgeKind::Lookup);
  T.edge(Agent, Leader, EdgeKind::Lookup);
  T.call(Leader, Log);
  T.call(Web, Side);                     // a call first: not a dependency
  T.edge(Side, After, EdgeKind::Lookup); // unless side is a source itself
  T.edge(Leader, Rec, EdgeKind::Resync); // recovery edges are not followed
  const Graph &G = T.graph();
  DependencySearch S = searchDependencies(G, {Web});
  EXPECT_FALSE(S.reached(Web));
  EXPECT_EQ(show(G, dependencyPath(G, S, Leader)),
            "web -lookup-> agent -lookup-> leader");
  EXPECT_EQ(show(G, dependencyPath(G, S, Log)),
            "web -lookup-> agent -lookup-> leader -call-> log");
  EXPECT_FALSE(S.reached(Side));
  EXPECT_FALSE(S.reached(After));
  EXPECT_FALSE(S.reached(Rec));
  EXPECT_EQ(
      show(G, dependencyPath(G, searchDependencies(G, {Web, Side}), After)),
      "side -lookup-> after");
}

TEST(Dependencies, APathMayComeBackThroughItsSource) {
  // web looks up cfg, cfg calls web back, and web calls x: a walk
  // web -lookup-> cfg -call-> web -call-> x, with web in its second state.
  TestGraph T;
  NodeId Web = T.service("web", 4), Cfg = T.service("cfg"), X = T.service("x");
  T.edge(Web, Cfg, EdgeKind::Lookup);
  T.call(Cfg, Web);
  T.call(Web, X);
  const Graph &G = T.graph();
  DependencySearch S = searchDependencies(G, {Web});
  EXPECT_EQ(show(G, dependencyPath(G, S, X)),
            "web -lookup-> cfg -call-> web -call-> x");
}

TEST(Dependencies, TiesGoToTheSourceWithTheMostOwners) {
  TestGraph T;
  NodeId Few = T.service("few", 2), Many = T.service("many", 50),
         Reg = T.service("reg");
  T.edge(Few, Reg, EdgeKind::Lookup);
  T.edge(Many, Reg, EdgeKind::Lookup);
  const Graph &G = T.graph();
  EXPECT_EQ(show(G, dependencyPath(
                        G, searchDependencies(G, byLoad(G, {Few, Many})), Reg)),
            "many -lookup-> reg");
}

TEST(RecoveryWalk, DeclarationPrefix) {
  ChainGraph C;
  const Graph &G = C.T.graph();
  EXPECT_EQ(show(G, declarationPrefix(G, C.Decl, 0)), "s -retry-> s.a");
  EXPECT_EQ(show(G, declarationPrefix(G, C.Decl, 2)),
            "s -retry-> s.a -retry-> s.b -retry-> t");
}

//===----------------------------------------------------------------------===//
// scc.h and cycle paths
//===----------------------------------------------------------------------===//

TEST(Components, FilteredAndInReverseTopologicalOrder) {
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c"),
         D = T.service("d"), E = T.service("e");
  T.call(A, B);
  T.call(B, C);
  T.call(C, B);
  T.edge(C, A, EdgeKind::Lookup); // closes a-b-c only over every edge
  T.call(C, D);
  T.edge(E, E, EdgeKind::Lookup); // a self-loop, filtered out below
  const Graph &G = T.graph();

  Components Traffic = stronglyConnected(G, edgesOfKinds(G, TrafficKinds));
  EXPECT_EQ(Traffic.Count, 4u);
  EXPECT_EQ(Traffic.Of[B], Traffic.Of[C]);
  EXPECT_NE(Traffic.Of[A], Traffic.Of[B]);
  EXPECT_GT(Traffic.Of[A], Traffic.Of[B]) << "edges go from higher to lower";
  EXPECT_GT(Traffic.Of[C], Traffic.Of[D]);
  EXPECT_TRUE(Traffic.Cyclic[Traffic.Of[B]]);
  EXPECT_FALSE(Traffic.Cyclic[Traffic.Of[A]]);
  EXPECT_FALSE(Traffic.Cyclic[Traffic.Of[E]]) << "its self-loop is filtered";
  uint32_t K = Traffic.Of[B];
  EXPECT_EQ(std::vector<NodeId>(Traffic.Members.begin() + Traffic.Start[K],
                                Traffic.Members.begin() + Traffic.Start[K + 1]),
            (std::vector<NodeId>{B, C}));

  Components All = stronglyConnected(G, EdgeFilter(G.numEdges(), 1));
  EXPECT_EQ(All.Count, 3u);
  EXPECT_EQ(All.Of[A], All.Of[C]);
  EXPECT_TRUE(All.Cyclic[All.Of[E]]) << "a self-loop is a cycle";
  EXPECT_EQ(All.Start.back(), G.numNodes());

  for (const Components *S : {&Traffic, &All})
    for (NodeId V = 0; V < G.numNodes(); ++V)
      EXPECT_EQ(S->Members[S->Start[S->Of[V]] + S->Rank[V]], V)
          << "Rank places " << G.node(V).id << " among its members";

  Graph Empty;
  Components None = stronglyConnected(Empty, {});
  EXPECT_EQ(None.Count, 0u);
  EXPECT_EQ(None.Start, (std::vector<uint32_t>{0}));
}

TEST(Components, ShortestCycleThroughAPickedEdge) {
  // a -> b -> a (calls) and a -> c -retry-> d -> a: the shortest cycle
  // through a is a-b-a, but the shortest through a recovery edge is
  // a-c-d-a.
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c"),
         D = T.service("d");
  T.call(A, B);
  T.call(B, A);
  T.call(A, C);
  T.edge(C, D, EdgeKind::Retry);
  T.call(D, A);
  const Graph &G = T.graph();
  EdgeFilter All(G.numEdges(), 1);
  Components S = stronglyConnected(G, All);
  auto IsRecovery = [&](EdgeId E) { return isRecovery(G.edge(E).kind); };
  EXPECT_EQ(show(G, shortestCycleThrough(G, S, All, A, IsRecovery)),
            "a -call-> c -retry-> d -call-> a");
  EXPECT_EQ(show(G, shortestCycleThrough(G, S, All, D, IsRecovery)),
            "d -call-> a -call-> c -retry-> d");
  EXPECT_EQ(
      show(G, shortestCycleThrough(G, S, All, B, [](EdgeId) { return true; })),
      "b -call-> a -call-> b");
  EXPECT_TRUE(
      shortestCycleThrough(G, S, All, A, [](EdgeId) { return false; }).empty());
  EXPECT_EQ(show(G, pathInside(G, S, S.Of[A], All, B, D)),
            "b -call-> a -call-> c -retry-> d");
  EXPECT_EQ(show(G, pathInside(G, S, S.Of[A], All, B, B)), "b");
}

TEST(Components, PathInsideStaysInItsComponent) {
  // a -> b -> c -> a, and c -> d where d <-> e is a component of its own: a
  // path inside d's component never leaves it.
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c"),
         D = T.service("d"), E = T.service("e");
  T.call(A, B);
  T.call(B, C);
  T.call(C, A);
  T.call(D, E);
  T.call(E, D);
  T.call(C, D);
  const Graph &G = T.graph();
  EdgeFilter All(G.numEdges(), 1);
  Components S = stronglyConnected(G, All);
  EXPECT_EQ(show(G, pathInside(G, S, S.Of[D], All, E, D)), "e -call-> d");
  EXPECT_EQ(show(G, pathInside(G, S, S.Of[A], All, C, B)),
            "c -call-> a -call-> b");
}

/// Breadth-first distances from (or, Backward, to) Start over the edges of
/// On, whole graph, for the brute force below.
std::vector<uint32_t> distancesOver(const Graph &G, const EdgeFilter &On,
                                    NodeId Start, bool Backward) {
  std::vector<uint32_t> Dist(G.numNodes(), Unreached);
  std::vector<NodeId> Queue{Start};
  Dist[Start] = 0;
  for (size_t I = 0; I < Queue.size(); ++I) {
    NodeId U = Queue[I];
    auto Visit = [&](EdgeId E, NodeId W) {
      if (On[E] && Dist[W] == Unreached) {
        Dist[W] = Dist[U] + 1;
        Queue.push_back(W);
      }
    };
    if (Backward)
      G.forEachIn(U, Visit);
    else
      G.forEachOut(U, Visit);
  }
  return Dist;
}

TEST(Components, ShortestCycleThroughMatchesWeighingEveryPickedEdge) {
  // Random graphs with cycles of every length; the search that stops early
  // must choose what weighing every picked edge on a cycle through the
  // start chooses: the shortest such cycle, then the edge declared first.
  std::mt19937_64 R(31337);
  auto Below = [&](uint64_t N) { return uint32_t(R() % N); };
  unsigned Compared = 0;
  for (int Round = 0; Round < 60; ++Round) {
    TestGraph T;
    unsigned N = 5 + Below(60);
    for (unsigned I = 0; I < N; ++I)
      T.service("v" + std::to_string(I));
    for (unsigned I = 0, M = N + Below(2 * N); I < M; ++I)
      T.edge(Below(N), Below(N),
             Below(4) == 0 ? EdgeKind::Retry : EdgeKind::Call);
    const Graph &G = T.graph();
    EdgeFilter On(G.numEdges());
    for (EdgeId E = 0; E < G.numEdges(); ++E)
      On[E] = Below(8) != 0;
    Components S = stronglyConnected(G, On);
    auto Picked = [&](EdgeId E) { return G.edge(E).kind == EdgeKind::Retry; };
    for (NodeId Start = 0; Start < N; ++Start) {
      std::vector<uint32_t> From = distancesOver(G, On, Start, false);
      std::vector<uint32_t> To = distancesOver(G, On, Start, true);
      EdgeId Want = NoEdge;
      uint64_t WantLen = UINT64_MAX;
      for (EdgeId E = 0; E < G.numEdges(); ++E) {
        NodeId U = G.source(E), W = G.target(E);
        if (!On[E] || !Picked(E) || From[U] == Unreached || To[W] == Unreached)
          continue;
        uint64_t Len = uint64_t(From[U]) + 1 + To[W];
        if (Len < WantLen ||
            (Len == WantLen && G.orderOf(E) < G.orderOf(Want))) {
          WantLen = Len;
          Want = E;
        }
      }
      Path P = shortestCycleThrough(G, S, On, Start, Picked);
      SCOPED_TRACE("round " + std::to_string(Round) + ", start v" +
                   std::to_string(Start) + ": " + show(G, P));
      if (Want == NoEdge) {
        EXPECT_TRUE(P.empty());
        continue;
      }
      ++Compared;
      ASSERT_EQ(P.Start, Start);
      ASSERT_EQ(P.Hops.size(), WantLen);
      EXPECT_EQ(P.Hops[From[G.source(Want)]], Want)
          << "the picked edge declared first among the shortest";
      NodeId At = Start;
      for (EdgeId E : P.Hops) {
        EXPECT_TRUE(On[E]);
        EXPECT_EQ(G.source(E), At);
        At = G.target(E);
      }
      EXPECT_EQ(At, Start);
    }
  }
  EXPECT_GT(Compared, 200u) << "enough starts lie on a picked cycle";
}

TEST(Components, ShortestCycleThroughWeighsOnlyTheStartsNeighbourhood) {
  // A ring of 20,000 calls through s, and a retry s -> t -> s beside it:
  // the two-hop cycle is found after weighing a handful of edges, not the
  // ring's. Picking only the ring's edge back into s makes the search go
  // all the way round.
  TestGraph T;
  constexpr unsigned Ring = 20000;
  std::vector<NodeId> V;
  for (unsigned I = 0; I < Ring; ++I)
    V.push_back(T.service("r" + std::to_string(I)));
  for (unsigned I = 0; I < Ring; ++I)
    T.call(V[I], V[(I + 1) % Ring]);
  NodeId Tt = T.service("t");
  T.edge(V[0], Tt, EdgeKind::Retry);
  T.call(Tt, V[0]);
  const Graph &G = T.graph();
  EdgeFilter All(G.numEdges(), 1);
  Components S = stronglyConnected(G, All);
  unsigned Weighed = 0;
  Path Short = shortestCycleThrough(G, S, All, V[0], [&](EdgeId E) {
    ++Weighed;
    return G.edge(E).kind == EdgeKind::Retry;
  });
  EXPECT_EQ(show(G, Short), "r0 -retry-> t -call-> r0");
  EXPECT_LT(Weighed, 10u);

  EdgeId Back = NoEdge;
  G.forEachIn(V[0], [&](EdgeId E, NodeId From) {
    if (From == V[Ring - 1])
      Back = E;
  });
  Path Long = shortestCycleThrough(G, S, All, V[0],
                                   [&](EdgeId E) { return E == Back; });
  EXPECT_EQ(Long.Hops.size(), Ring);
  EXPECT_EQ(Long.Hops.back(), Back);
}

//===----------------------------------------------------------------------===//
// amplification.h
//===----------------------------------------------------------------------===//

Amplification amplified(const Graph &G) {
  return amplify(
      G, searchForward(G, customerEntries(G), edgesOfKinds(G, CustomerKinds)));
}

TEST(Amplification, ViaChainMultipliesOnce) {
  TestGraph T;
  NodeId E = T.service("e", 2, true), S = T.service("s", 2),
         U = T.service("u", 2);
  NodeId P = T.component(S, "p"), Q = T.component(S, "q");
  T.call(E, S, 2);
  T.call(S, U, 3, {P, Q});
  const Graph &G = T.graph();
  Amplification A = amplified(G);
  EXPECT_EQ(A.Max[E], 1u);
  EXPECT_EQ(A.Max[S], 2u);
  EXPECT_EQ(A.Max[P], 6u) << "the chain's attempts on its first hop";
  EXPECT_EQ(A.Max[Q], 6u) << "and not again on the next hops";
  EXPECT_EQ(A.Max[U], 6u);
  EXPECT_EQ(show(G, maxProductPath(G, A, U)),
            "e -call-> s -call-> s.p -call-> s.q -call-> u");
  EXPECT_EQ(A.PathLen[U], 4u);
}

TEST(Amplification, LookupsDoNotCarryTheProduct) {
  TestGraph T;
  NodeId E = T.service("e", 2, true), S = T.service("s", 2),
         U = T.service("u", 2);
  DeclOptions O;
  O.Attempts = 5;
  T.edge(E, S, EdgeKind::Lookup, {}, O);
  T.edge(E, U, EdgeKind::Retry, {}, O);
  Amplification A = amplified(T.graph());
  EXPECT_EQ(A.Max[S], 0u) << "not reached by customer traffic";
  EXPECT_EQ(A.Max[U], 5u) << "recovery edges carry it";
}

TEST(Amplification, LargestProductThenShortestPath) {
  // e -> a (x2) -> t, e -> b -> c -> t (x4 on b->c), e -> t (x1).
  TestGraph T;
  NodeId E = T.service("e", 2, true), A = T.service("a", 2),
         B = T.service("b", 2), C = T.service("c", 2), Tn = T.service("t", 2);
  T.call(E, A, 2);
  T.call(A, Tn);
  T.call(E, B);
  T.call(B, C, 4);
  T.call(C, Tn);
  T.call(E, Tn);
  const Graph &G = T.graph();
  Amplification A8 = amplified(G);
  EXPECT_EQ(A8.Max[Tn], 4u);
  EXPECT_EQ(show(G, maxProductPath(G, A8, Tn)),
            "e -call-> b -call-> c -call-> t");
}

TEST(Amplification, SaturatesInsteadOfOverflowing) {
  EXPECT_EQ(saturatingMul(UINT64_MAX / 2, 2), UINT64_MAX - 1);
  EXPECT_EQ(saturatingMul(UINT64_MAX / 2 + 1, 2), UINT64_MAX);
  EXPECT_EQ(saturatingMul(0, UINT64_MAX), 0u);
  EXPECT_EQ(saturatingMul(1ull << 32, 1ull << 32), UINT64_MAX);

  // 70 layers of 2 attempts: 2^70 does not fit.
  TestGraph T;
  NodeId Prev = T.service("n0", 2, true);
  std::vector<NodeId> Layer{Prev};
  for (int I = 1; I <= 70; ++I) {
    NodeId V = T.service("n" + std::to_string(I), 2);
    T.call(Prev, V, 2);
    Layer.push_back(V);
    Prev = V;
  }
  Amplification A = amplified(T.graph());
  EXPECT_EQ(A.Max[Layer[63]], 1ull << 63);
  EXPECT_EQ(A.Max[Layer[64]], UINT64_MAX);
  EXPECT_EQ(A.Max[Layer[70]], UINT64_MAX) << "and stays saturated";
  EXPECT_EQ(A.PathLen[Layer[70]], 70u);
}

TEST(Amplification, MultiplyingCycleIsUnboundedAndTaintsDownstream) {
  // e -> a -> b (x2) -> a; b -> d; e -> c; c -> d is fine only on its own.
  TestGraph T;
  NodeId E = T.service("e", 2, true), A = T.service("a", 2),
         B = T.service("b", 2), C = T.service("c", 2), D = T.service("d", 2),
         F = T.service("f", 2);
  T.call(E, A);
  T.call(A, B, 2);
  T.call(B, A);
  T.call(B, D);
  T.call(E, C, 3);
  T.call(C, F);
  const Graph &G = T.graph();
  Amplification Amp = amplified(G);
  ASSERT_EQ(Amp.Unbounded.size(), 1u);
  EXPECT_EQ(Amp.SCC.Of[A], Amp.Unbounded[0]);
  EXPECT_EQ(Amp.SCC.Of[B], Amp.Unbounded[0]);
  EXPECT_TRUE(Amp.Tainted[A]);
  EXPECT_TRUE(Amp.Tainted[B]);
  EXPECT_TRUE(Amp.Tainted[D]) << "downstream of the cycle";
  EXPECT_FALSE(Amp.Tainted[E]);
  EXPECT_FALSE(Amp.Tainted[C]);
  EXPECT_EQ(Amp.Max[A], 0u) << "undefined in the cycle";
  EXPECT_EQ(Amp.Max[D], 0u) << "and after it";
  EXPECT_EQ(Amp.Max[F], 3u) << "unaffected elsewhere";
}

TEST(Amplification, CyclesThatDoNotMultiplyOrAreNotReachedAreBounded) {
  TestGraph T;
  NodeId E = T.service("e", 2, true), A = T.service("a", 2),
         B = T.service("b", 2), X = T.service("x", 2), Y = T.service("y", 2),
         S = T.service("s", 2), U = T.service("u", 2);
  NodeId P = T.component(S, "p", 2);
  T.call(E, A, 2);
  T.call(A, B);
  T.call(B, A); // a cycle of multipliers 1
  T.call(X, Y, 3);
  T.call(Y, X); // multiplies, but no entry reaches it
  // A via chain round a cycle: only its first hop multiplies, and that
  // hop is not in the cycle p -> u -> p.
  T.call(E, S);
  T.call(S, U, 4, {P});
  T.call(U, P);
  const Graph &G = T.graph();
  Amplification Amp = amplified(G);
  EXPECT_TRUE(Amp.Unbounded.empty());
  EXPECT_EQ(Amp.Max[A], 2u);
  EXPECT_EQ(Amp.Max[B], 2u);
  EXPECT_EQ(Amp.Max[X], 0u);
  EXPECT_FALSE(Amp.Tainted[X]);
  EXPECT_EQ(Amp.Max[U], 4u);
  EXPECT_EQ(Amp.Max[P], 4u);
}

TEST(Amplification, SelfLoopThatMultipliesIsUnbounded) {
  TestGraph T;
  NodeId E = T.service("e", 2, true), A = T.service("a", 2),
         B = T.service("b", 2);
  T.call(E, A);
  DeclOptions O;
  O.Attempts = 2;
  T.edge(A, A, EdgeKind::Retry, {}, O);
  T.call(A, B);
  Amplification Amp = amplified(T.graph());
  ASSERT_EQ(Amp.Unbounded.size(), 1u);
  EXPECT_EQ(Amp.SCC.Of[A], Amp.Unbounded[0]);
  EXPECT_TRUE(Amp.Tainted[B]);
  EXPECT_EQ(Amp.Max[E], 1u);
}

// Regression: inside a cycle of multipliers 1, m is spread from one way in;
// when several ways in reach the same product, each member must still get
// the shortest of them. Found by the property test, seed 20260320: entries
// f and g call each other; g's path was "f -> g", not just "g".
TEST(Amplification, EveryWayIntoACycleCountsForTheShortestPath) {
  TestGraph T;
  NodeId F = T.service("f", 1, true), G1 = T.service("g", 3, true);
  T.call(G1, F);
  T.call(F, G1);
  const Graph &G = T.graph();
  Amplification A = amplified(G);
  EXPECT_EQ(A.Max[F], 1u);
  EXPECT_EQ(A.Max[G1], 1u);
  EXPECT_EQ(A.PathLen[F], 0u);
  EXPECT_EQ(A.PathLen[G1], 0u);
  EXPECT_EQ(show(G, maxProductPath(G, A, G1)), "g");

  // Two ways into a-b-c-d (a ring) with the same product 2, entering at a
  // (3 hops from the entry) and at c (1 hop): d is nearer through c.
  TestGraph U;
  NodeId E = U.service("e", 2, true), X = U.service("x", 2),
         Y = U.service("y", 2), A1 = U.service("a", 2), B = U.service("b", 2),
         C = U.service("c", 2), D = U.service("d", 2);
  U.call(E, X);
  U.call(X, Y);
  U.call(Y, A1, 2); // into a: product 2, 3 hops
  U.call(E, C, 2);  // into c: product 2, 1 hop
  U.call(A1, B);
  U.call(B, C);
  U.call(C, D);
  U.call(D, A1);
  Amplification R = amplified(U.graph());
  EXPECT_EQ(R.Max[D], 2u);
  EXPECT_EQ(R.PathLen[C], 1u);
  EXPECT_EQ(R.PathLen[D], 2u);
  EXPECT_EQ(R.PathLen[A1], 3u) << "both ways in are 3 hops from e";
  EXPECT_EQ(show(U.graph(), maxProductPath(U.graph(), R, D)),
            "e -call-> c -call-> d");

  // A larger product still beats a shorter path.
  TestGraph V;
  E = V.service("e", 2, true), X = V.service("x", 2), A1 = V.service("a", 2),
  B = V.service("b", 2);
  V.call(E, X, 3);
  V.call(X, A1); // product 3, 2 hops
  V.call(E, B);  // product 1, 1 hop
  V.call(A1, B);
  V.call(B, A1);
  Amplification W = amplified(V.graph());
  EXPECT_EQ(W.Max[B], 3u);
  EXPECT_EQ(show(V.graph(), maxProductPath(V.graph(), W, B)),
            "e -call-> x -call-> a -call-> b");
}

} // namespace
