//===- test/unit/reach_test.cpp - Counting sources that reach nodes -------===//
//
// countSources has two internal modes: it carries sets of sources forward
// when there are no more 256-source passes than 256-target passes, and sets
// of targets backward otherwise. Neither is visible from outside, so each
// test picks its numbers to force one (the comments say which), and the
// answers are checked against closed forms and against a plain
// one-search-per-source count.
//
//===----------------------------------------------------------------------===//

#include "unit/test_graph.h"

#include "graphs/reach.h"
#include "graphs/scc.h"

#include <gtest/gtest.h>

#include <random>

using namespace chokepoint;
using unit::TestGraph;

namespace {

/// The marks by definition: for each source, a search from its seeds. A
/// seed counts at its node; a propagating one sends a mark to each
/// neighbour in the travel direction; an arriving mark counts and travels
/// on unless its node blocks. Marks[s][v]: source s's mark counts at v.
std::vector<std::vector<uint8_t>> bruteMarks(const Graph &G,
                                             const ReachQuery &Q) {
  size_t N = G.numNodes();
  std::vector<std::vector<NodeId>> Next(N);
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    if ((*Q.On)[E]) {
      NodeId A = G.source(E), B = G.target(E);
      if (Q.Backward)
        std::swap(A, B);
      Next[A].push_back(B);
    }
  auto Blocks = [&](NodeId V) { return Q.Blocks && (*Q.Blocks)[V]; };
  std::vector<std::vector<uint8_t>> Marks;
  for (uint32_t S = 0; S < Q.NumSources; ++S) {
    std::vector<uint8_t> Counted(N, 0), Arrived(N, 0);
    std::vector<NodeId> Stack;
    auto Arrive = [&](NodeId V) {
      Counted[V] = 1;
      if (!Arrived[V]) {
        Arrived[V] = 1;
        if (!Blocks(V))
          Stack.push_back(V);
      }
    };
    for (const ReachSeed &Seed : Q.Seeds) {
      if (Seed.Source != S)
        continue;
      Counted[Seed.Node] = 1;
      if (Seed.Propagates)
        for (NodeId W : Next[Seed.Node])
          Arrive(W);
    }
    while (!Stack.empty()) {
      NodeId V = Stack.back();
      Stack.pop_back();
      for (NodeId W : Next[V])
        Arrive(W);
    }
    Marks.push_back(std::move(Counted));
  }
  return Marks;
}

std::vector<uint32_t> bruteCount(const Graph &G, const ReachQuery &Q,
                                 const std::vector<NodeId> &Targets) {
  std::vector<uint32_t> Counts(Targets.size(), 0);
  for (const std::vector<uint8_t> &Counted : bruteMarks(G, Q))
    for (size_t K = 0; K < Targets.size(); ++K)
      Counts[K] += Counted[Targets[K]];
  return Counts;
}

/// heaviestSource by definition: the largest weight among the sources whose
/// marks count at each target, the smaller source on a tie.
std::vector<uint32_t> bruteHeaviest(const Graph &G, const ReachQuery &Q,
                                    const std::vector<uint64_t> &Weights,
                                    const std::vector<NodeId> &Targets) {
  std::vector<uint32_t> Best(Targets.size(), UINT32_MAX);
  std::vector<std::vector<uint8_t>> Marks = bruteMarks(G, Q);
  for (uint32_t S = 0; S < Q.NumSources; ++S)
    for (size_t K = 0; K < Targets.size(); ++K)
      if (Marks[S][Targets[K]] &&
          (Best[K] == UINT32_MAX || Weights[S] > Weights[Best[K]]))
        Best[K] = S;
  return Best;
}

/// A line n0 -> n1 -> ... of Len services.
TestGraph line(unsigned Len) {
  TestGraph T;
  for (unsigned I = 0; I < Len; ++I)
    T.service("n" + std::to_string(I), 2);
  for (unsigned I = 0; I + 1 < Len; ++I)
    T.call(I, I + 1);
  return T;
}

std::vector<NodeId> range(NodeId Lo, NodeId Hi) {
  std::vector<NodeId> V;
  for (NodeId I = Lo; I < Hi; ++I)
    V.push_back(I);
  return V;
}

TEST(CountSources, BlockingNodesCountMarksButStopThem) {
  // a -> b -> c -> d, b blocks.
  TestGraph T = line(4);
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  std::vector<uint8_t> Blocks = {0, 1, 0, 0};
  ReachQuery Q;
  Q.On = &On;
  Q.Blocks = &Blocks;
  Q.Seeds = {{0, 0, true},  // arrives at b, stops there
             {1, 1, true},  // injected at b: travels on regardless
             {2, 2, false}, // counts at c only
             {3, 3, true}}; // d has nowhere to go
  Q.NumSources = 4;
  // Few sources, few targets: source mode.
  EXPECT_EQ(countSources(G, Q, {0, 1, 2, 3}),
            (std::vector<uint32_t>{1, 2, 2, 2}));
  EXPECT_EQ(countSources(G, Q, {3, 3, 1}), (std::vector<uint32_t>{2, 2, 2}))
      << "a target listed twice gets its count twice";

  Q.Blocks = nullptr;
  EXPECT_EQ(countSources(G, Q, {0, 1, 2, 3}),
            (std::vector<uint32_t>{1, 2, 3, 3}));
}

TEST(CountSources, SeedsOfOneSourceCountOnce) {
  TestGraph T = line(3);
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  ReachQuery Q;
  Q.On = &On;
  // Source 0 marks n0 and n1 (a via chain and its target, say).
  Q.Seeds = {{0, 0, false}, {1, 0, true}, {2, 1, false}};
  Q.NumSources = 2;
  EXPECT_EQ(countSources(G, Q, {0, 1, 2}), (std::vector<uint32_t>{1, 1, 2}));
}

TEST(CountSources, CyclesShareTheirMarks) {
  // a -> b -> c -> a, c -> d; e -> b. Everyone in the cycle sees every
  // mark that enters it.
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c"),
         D = T.service("d"), E = T.service("e");
  T.call(A, B);
  T.call(B, C);
  T.call(C, A);
  T.call(C, D);
  T.call(E, B);
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  ReachQuery Q;
  Q.On = &On;
  Q.Seeds = {{A, 0, true}, {E, 1, true}, {D, 2, true}};
  Q.NumSources = 3;
  std::vector<NodeId> All = {A, B, C, D, E};
  EXPECT_EQ(countSources(G, Q, All), (std::vector<uint32_t>{2, 2, 2, 3, 1}));

  // With b blocking, marks entering at b stop there; a's own mark gets to
  // b and no further.
  std::vector<uint8_t> Blocks(5, 0);
  Blocks[B] = 1;
  Q.Blocks = &Blocks;
  EXPECT_EQ(countSources(G, Q, All), (std::vector<uint32_t>{1, 2, 0, 1, 1}));
  EXPECT_EQ(countSources(G, Q, All), bruteCount(G, Q, All));
}

TEST(CountSources, BackwardCountsWhatEachNodeReaches) {
  // Backward: a source's mark travels against the edges, so a node counts
  // the sources it can reach. a -> b -> c, a -> d; c and d are sources.
  TestGraph T;
  NodeId A = T.service("a"), B = T.service("b"), C = T.service("c"),
         D = T.service("d");
  T.call(A, B);
  T.call(B, C);
  T.call(A, D);
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  ReachQuery Q;
  Q.On = &On;
  Q.Backward = true;
  Q.Seeds = {{C, 0, true}, {D, 1, true}};
  Q.NumSources = 2;
  EXPECT_EQ(countSources(G, Q, {A, B, C, D}),
            (std::vector<uint32_t>{2, 1, 1, 1}));
  // b blocks: c's mark counts at b but does not go on to a.
  std::vector<uint8_t> Blocks = {0, 1, 0, 0};
  Q.Blocks = &Blocks;
  EXPECT_EQ(countSources(G, Q, {A, B, C, D}),
            (std::vector<uint32_t>{1, 1, 1, 1}));
}

TEST(CountSources, FilteredEdgesCarryNothing) {
  TestGraph T = line(3);
  T.edge(0, 2, EdgeKind::Lookup);
  const Graph &G = T.graph();
  EdgeFilter Traffic = edgesOfKinds(G, TrafficKinds);
  Traffic[G.edgesInOrder()[1]] = 0; // n1 -> n2 is off too
  ReachQuery Q;
  Q.On = &Traffic;
  Q.Seeds = {{0, 0, true}};
  Q.NumSources = 1;
  EXPECT_EQ(countSources(G, Q, {1, 2}), (std::vector<uint32_t>{1, 0}));
}

TEST(CountSources, NothingToCount) {
  TestGraph T = line(2);
  EdgeFilter On(T.graph().numEdges(), 1);
  ReachQuery Q;
  Q.On = &On;
  EXPECT_EQ(countSources(T.graph(), Q, {0, 1}), (std::vector<uint32_t>{0, 0}));
  Q.Seeds = {{0, 0, true}};
  Q.NumSources = 1;
  EXPECT_TRUE(countSources(T.graph(), Q, {}).empty());
}

/// Every node of a line is a propagating source; node Block (if any)
/// blocks. At node k: the sources at or before k, or, past the block, the
/// sources from the block on (marks from before it stop there, but the
/// block's own seed travels on).
std::vector<uint32_t> lineCounts(const std::vector<NodeId> &Targets,
                                 unsigned Sources, NodeId Block) {
  std::vector<uint32_t> Want;
  for (NodeId K : Targets) {
    NodeId First = Block != NoNode && K > Block ? Block : 0;
    NodeId Last = std::min<NodeId>(K, Sources - 1);
    Want.push_back(Last < First ? 0 : Last - First + 1);
  }
  return Want;
}

struct LineCase {
  unsigned Nodes, Sources;
  std::vector<NodeId> Targets;
  const char *Mode;
};

TEST(CountSources, ManySourcesOrManyTargets) {
  const unsigned Long = 700;
  std::vector<LineCase> Cases = {
      // 300 sources (2 passes) vs 4 targets (1 pass): target mode.
      {Long, 300, {50, 255, 256, 299, 650}, "target mode"},
      // 700 sources (3 passes) vs 300 targets (2 passes): target mode,
      // two passes over the targets.
      {Long, 700, range(200, 500), "target mode, two passes"},
      // 300 sources (2 passes) vs 700 targets (3 passes): source mode, two
      // passes over the sources.
      {Long, 300, range(0, Long), "source mode, two passes"},
      // 3 sources vs 2 targets: one pass each, source mode.
      {Long, 3, {1, 699}, "source mode"},
  };
  for (const LineCase &C : Cases)
    for (NodeId Block : {NoNode, NodeId(100), NodeId(280)}) {
      SCOPED_TRACE(std::string(C.Mode) + ", block " +
                   (Block == NoNode ? "none" : std::to_string(Block)));
      TestGraph T = line(C.Nodes);
      const Graph &G = T.graph();
      EdgeFilter On(G.numEdges(), 1);
      std::vector<uint8_t> Blocks(G.numNodes(), 0);
      if (Block != NoNode)
        Blocks[Block] = 1;
      ReachQuery Q;
      Q.On = &On;
      Q.Blocks = &Blocks;
      for (unsigned S = 0; S < C.Sources; ++S)
        Q.Seeds.push_back({NodeId(S), S, true});
      Q.NumSources = C.Sources;
      EXPECT_EQ(countSources(G, Q, C.Targets),
                lineCounts(C.Targets, C.Sources, Block));
    }
}

TEST(CountSources, ManySourcesInACycle) {
  // A ring of 400 with one exit; 400 sources (2 passes) and 3 targets
  // (1 pass): target mode. Every mark goes round the ring.
  TestGraph T;
  const unsigned Ring = 400;
  for (unsigned I = 0; I <= Ring; ++I)
    T.service("r" + std::to_string(I), 2);
  for (unsigned I = 0; I < Ring; ++I)
    T.call(I, (I + 1) % Ring);
  T.call(7, Ring);
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  ReachQuery Q;
  Q.On = &On;
  for (unsigned S = 0; S < Ring; ++S)
    Q.Seeds.push_back({NodeId(S), S, true});
  Q.NumSources = Ring;
  EXPECT_EQ(countSources(G, Q, {0, 399, Ring}),
            (std::vector<uint32_t>{Ring, Ring, Ring}));
  // The same sources, with every ring node a target too: source mode.
  std::vector<NodeId> All = range(0, Ring + 1);
  EXPECT_EQ(countSources(G, Q, All), std::vector<uint32_t>(Ring + 1, Ring));
}

/// Random queries on random graphs, in both modes, against bruteCount.
TEST(CountSources, RandomQueriesMatchOneSearchPerSource) {
  std::mt19937_64 R(4242);
  auto Below = [&](uint64_t N) { return uint32_t(R() % N); };
  for (int Round = 0; Round < 40; ++Round) {
    SCOPED_TRACE("round " + std::to_string(Round));
    unsigned N = Round % 4 == 0 ? 20 : Round % 4 == 1 ? 120 : 600;
    TestGraph T;
    for (unsigned I = 0; I < N; ++I)
      T.service("v" + std::to_string(I), 2);
    // Sparse with a few back edges, so there are chains and cycles.
    for (unsigned I = 0; I < 2 * N; ++I) {
      NodeId A = Below(N), B = Below(N);
      if (A > B && Below(4) != 0)
        std::swap(A, B);
      T.call(A, B);
    }
    const Graph &G = T.graph();
    EdgeFilter On(G.numEdges());
    for (EdgeId E = 0; E < G.numEdges(); ++E)
      On[E] = Below(10) != 0;
    std::vector<uint8_t> Blocks(N);
    for (NodeId V = 0; V < N; ++V)
      Blocks[V] = Below(5) == 0;
    ReachQuery Q;
    Q.On = &On;
    Q.Backward = Round % 3 == 0;
    Q.Blocks = Round % 5 == 4 ? nullptr : &Blocks;
    Q.NumSources = Round % 2 ? 5 + Below(20) : 257 + Below(500);
    for (uint32_t S = 0; S < Q.NumSources; ++S)
      for (uint32_t K = 0, Seeds = 1 + Below(3); K < Seeds; ++K)
        Q.Seeds.push_back({Below(N), S, Below(3) != 0});
    std::vector<NodeId> Targets;
    unsigned NumTargets = Round % 3 == 1 ? N : 1 + Below(std::min(N, 300u));
    for (unsigned K = 0; K < NumTargets; ++K)
      Targets.push_back(Below(N));
    ASSERT_EQ(countSources(G, Q, Targets), bruteCount(G, Q, Targets));
    // Weights with ties, so the smaller source must win them.
    std::vector<uint64_t> Weights;
    for (uint32_t S = 0; S < Q.NumSources; ++S)
      Weights.push_back(1 + Below(8));
    ASSERT_EQ(heaviestSource(G, Q, Weights, Targets),
              bruteHeaviest(G, Q, Weights, Targets));
  }
}

TEST(HeaviestSource, TheLargestWeightThatReachesThenTheSmallerSource) {
  // Sources s0 (weight 5, from n0), s1 (9, from n1) and s2 (9, marks at n1
  // and n3 that do not travel). n1 sees all three: s1, the smaller of the
  // two 9s. n2 blocks: s0's and s1's marks count there and stop, so n3 sees
  // only s2's own mark.
  TestGraph T = line(4); // n0 -> n1 -> n2 -> n3
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  std::vector<uint8_t> Blocks{0, 0, 1, 0};
  ReachQuery Q;
  Q.On = &On;
  Q.Blocks = &Blocks;
  Q.NumSources = 3;
  Q.Seeds = {{0, 0, true}, {1, 1, true}, {1, 2, false}, {3, 2, false}};
  std::vector<uint32_t> Want{0, 1, 1, 2};
  EXPECT_EQ(heaviestSource(G, Q, {5, 9, 9}, {0, 1, 2, 3}), Want);
  EXPECT_EQ(heaviestSource(G, Q, {5, 9, 9}, {}), std::vector<uint32_t>{});
}

} // namespace
