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

#include <cmath>
#include <memory>
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

/// A random query on a random graph: N nodes (20, 120 or 600 by round),
/// sparse with a few back edges so there are chains and cycles, a tenth of
/// the edges off, a fifth of the nodes blocking (none every fifth round),
/// backward every third round; Sources() sources with one to three seeds
/// each, a third of them not propagating. Held by pointer: Q points into it.
struct RandomCase {
  unsigned N = 0;
  TestGraph T;
  EdgeFilter On;
  std::vector<uint8_t> Blocks;
  ReachQuery Q;
};

template <typename SourcesFn>
std::unique_ptr<RandomCase> randomCase(std::mt19937_64 &R, int Round,
                                       SourcesFn Sources) {
  auto Below = [&](uint64_t N) { return uint32_t(R() % N); };
  auto C = std::make_unique<RandomCase>();
  unsigned N = C->N = Round % 4 == 0 ? 20 : Round % 4 == 1 ? 120 : 600;
  for (unsigned I = 0; I < N; ++I)
    C->T.service("v" + std::to_string(I), 2);
  for (unsigned I = 0; I < 2 * N; ++I) {
    NodeId A = Below(N), B = Below(N);
    if (A > B && Below(4) != 0)
      std::swap(A, B);
    C->T.call(A, B);
  }
  const Graph &G = C->T.graph();
  C->On.resize(G.numEdges());
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    C->On[E] = Below(10) != 0;
  C->Blocks.resize(N);
  for (NodeId V = 0; V < N; ++V)
    C->Blocks[V] = Below(5) == 0;
  ReachQuery &Q = C->Q;
  Q.On = &C->On;
  Q.Backward = Round % 3 == 0;
  Q.Blocks = Round % 5 == 4 ? nullptr : &C->Blocks;
  Q.NumSources = Sources();
  for (uint32_t S = 0; S < Q.NumSources; ++S)
    for (uint32_t K = 0, Seeds = 1 + Below(3); K < Seeds; ++K)
      Q.Seeds.push_back({Below(N), S, Below(3) != 0});
  return C;
}

/// Random queries on random graphs, in both modes, against bruteCount.
TEST(CountSources, RandomQueriesMatchOneSearchPerSource) {
  std::mt19937_64 R(4242);
  auto Below = [&](uint64_t N) { return uint32_t(R() % N); };
  for (int Round = 0; Round < 40; ++Round) {
    SCOPED_TRACE("round " + std::to_string(Round));
    std::unique_ptr<RandomCase> C = randomCase(
        R, Round, [&] { return Round % 2 ? 5 + Below(20) : 257 + Below(500); });
    unsigned N = C->N;
    const Graph &G = C->T.graph();
    const ReachQuery &Q = C->Q;
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

/// Random queries on random graphs (as above) for sketchSources with a
/// small sketch, so that both of its regions are hit: below K sources the
/// count is the brute force's and says it is exact; from K on it is marked
/// estimated, and at least K.
TEST(SketchSources, ExactBelowTheSketchSizeEstimatedFromIt) {
  std::mt19937_64 R(777);
  auto Below = [&](uint64_t N) { return uint32_t(R() % N); };
  unsigned Exact = 0, Estimated = 0;
  for (int Round = 0; Round < 40; ++Round) {
    SCOPED_TRACE("round " + std::to_string(Round));
    std::unique_ptr<RandomCase> C =
        randomCase(R, Round, [&] { return 5 + Below(Round % 2 ? 20 : 400); });
    unsigned N = C->N;
    const Graph &G = C->T.graph();
    const ReachQuery &Q = C->Q;
    std::vector<NodeId> Targets;
    for (unsigned K = 0, M = 1 + Below(N); K < M; ++K)
      Targets.push_back(Below(N));
    unsigned Sketch = Round % 2 ? 4 : 16 + Below(100);
    std::vector<uint32_t> Want = bruteCount(G, Q, Targets);
    std::vector<SourceCount> Got = sketchSources(G, Q, Targets, Sketch);
    ASSERT_EQ(Got.size(), Want.size());
    for (size_t K = 0; K < Want.size(); ++K) {
      SCOPED_TRACE("target " + std::to_string(Targets[K]) + ", sketch " +
                   std::to_string(Sketch));
      if (Want[K] < Sketch) {
        ASSERT_EQ(Got[K], (SourceCount{Want[K], false}));
        ++Exact;
      } else {
        ASSERT_TRUE(Got[K].Estimated);
        ASSERT_GE(Got[K].Value, Sketch);
        ASSERT_LE(Got[K].Value, Q.NumSources);
        ++Estimated;
      }
    }
    // With the default sketch every count here is below it: all exact.
    std::vector<SourceCount> Full = sketchSources(G, Q, Targets);
    for (size_t K = 0; K < Want.size(); ++K) {
      if (Want[K] < SketchSize) {
        ASSERT_EQ(Full[K], (SourceCount{Want[K], false}));
      }
    }
  }
  // Both regions were hit, many times.
  EXPECT_GT(Exact, 1000u);
  EXPECT_GT(Estimated, 1000u);
}

TEST(CountSourcesBounded, ExactWhileCheapSketchedBeyond) {
  // A line of 3,000 nodes, every node a source: node k is reached by k+1.
  // 12 passes of 256 either way: past ExactPassLimit, so sketched.
  const unsigned Len = 3000;
  TestGraph T = line(Len);
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  ReachQuery Q;
  Q.On = &On;
  for (unsigned S = 0; S < Len; ++S)
    Q.Seeds.push_back({NodeId(S), S, true});
  Q.NumSources = Len;
  std::vector<NodeId> All = range(0, Len);
  ASSERT_GT(exactPasses(G, Q, All), ExactPassLimit);
  // Pass k's region is the line up to its last target, so the passes' work
  // grows as the square of their number: by the third it is past its share
  // of twice the line's 3,000 nodes and 2,999 edges.
  ASSERT_EQ(exactWorkBudget(G), 2u * (Len + Len - 1));
  std::vector<SourceCount> Got = countSourcesBounded(G, Q, All);
  for (NodeId K = 0; K < Len; ++K) {
    if (K + 1 < SketchSize) {
      ASSERT_EQ(Got[K], (SourceCount{K + 1, false})) << "node " << K;
    } else {
      ASSERT_TRUE(Got[K].Estimated) << "node " << K;
    }
  }
  // A few targets: 1 target pass, exact however many sources.
  std::vector<NodeId> Few = {0, 1500, Len - 1};
  ASSERT_LE(exactPasses(G, Q, Few), ExactPassLimit);
  EXPECT_EQ(
      countSourcesBounded(G, Q, Few),
      (std::vector<SourceCount>{{1, false}, {1501, false}, {Len, false}}));
}

/// Groups of sources calling a hub that calls 256 targets, a group's
/// targets one target pass, whose region is the group: its 256 targets and
/// the 256 edges into them, the hub and the edges into it from its sources,
/// and the sources. Each group's work is then its own nodes plus edges, the
/// whole's one graph, half of exactWorkBudget.
struct Groups {
  static constexpr unsigned Targets = 256;
  TestGraph T;
  EdgeFilter On;
  ReachQuery Q;
  std::vector<NodeId> All;
  explicit Groups(const std::vector<unsigned> &SourcesOf) {
    for (unsigned G = 0; G < SourcesOf.size(); ++G) {
      std::string P = "g" + std::to_string(G) + ".";
      NodeId Hub = T.service(P + "hub", 2);
      for (unsigned S = 0; S < SourcesOf[G]; ++S) {
        NodeId Src = T.service(P + "s" + std::to_string(S), 2);
        T.call(Src, Hub);
        Q.Seeds.push_back({Src, Q.NumSources++, true});
      }
      for (unsigned K = 0; K < Targets; ++K) {
        NodeId Dst = T.service(P + "t" + std::to_string(K), 2);
        T.call(Hub, Dst);
        All.push_back(Dst);
      }
    }
    On.assign(T.graph().numEdges(), 1);
    Q.On = &On;
  }
  /// Each target's count, from the sources of its group.
  std::vector<SourceCount> expected(const std::vector<unsigned> &SourcesOf,
                                    bool Estimated) const {
    std::vector<SourceCount> Want;
    for (unsigned S : SourcesOf)
      for (unsigned K = 0; K < Targets; ++K)
        Want.push_back({S, Estimated});
    return Want;
  }
};

TEST(CountSourcesBounded, ExactPastThePassLimitWhileTheRegionsAreSmall) {
  // 12 groups of 300 sources: 12 target passes, 15 of sources.
  std::vector<unsigned> SourcesOf(12, 300);
  Groups S(SourcesOf);
  const Graph &G = S.T.graph();
  ASSERT_GT(exactPasses(G, S.Q, S.All), ExactPassLimit);
  // 300 sources reach each target: past the sketch, yet counted exactly.
  EXPECT_EQ(countSourcesBounded(G, S.Q, S.All),
            S.expected(SourcesOf, /*Estimated=*/false));
}

TEST(CountSourcesBounded, EachPassEndsWithinItsShareOfTheBudget) {
  // Eleven groups of 300 sources and one of 2,000, whose pass's work (4,513
  // of the 16,756 in all) is more than a twelfth of the budget (twice
  // 16,756) but the rest, each 1,113, are less: the heavy pass last, each
  // pass ends within its share; first, it does not, and the count is
  // sketched. (The groups' counts are 300 or 2,000 either way; sketched,
  // they are estimates of them.)
  std::vector<unsigned> HeavyLast(12, 300);
  HeavyLast.back() = 2000;
  std::vector<unsigned> HeavyFirst = HeavyLast;
  std::swap(HeavyFirst.front(), HeavyFirst.back());
  Groups Last(HeavyLast), First(HeavyFirst);
  const Graph &GL = Last.T.graph(), &GF = First.T.graph();
  ASSERT_EQ(exactWorkBudget(GL), 2u * 16756);
  EXPECT_EQ(countSourcesBounded(GL, Last.Q, Last.All),
            Last.expected(HeavyLast, /*Estimated=*/false));
  std::vector<SourceCount> Got = countSourcesBounded(GF, First.Q, First.All);
  ASSERT_EQ(Got.size(), First.All.size());
  for (size_t K = 0; K < Got.size(); ++K)
    ASSERT_TRUE(Got[K].Estimated) << "target " << K;
}

/// On a large random graph the estimates stay within the documented error:
/// each within four standard errors (4/sqrt(K-2), 25% at K = 256) of the
/// exact count. The graph and hash are fixed, so this is one fixed outcome,
/// checked once. (The counts of one graph share most of their sources, so
/// their errors are not independent: the spread is checked below.)
TEST(SketchSources, EstimatesStayWithinTheStatedBoundOnALargeGraph) {
  std::mt19937_64 R(2026);
  auto Below = [&](uint64_t N) { return uint32_t(R() % N); };
  const unsigned N = 20000, Sources = 6000;
  TestGraph T;
  for (unsigned I = 0; I < N; ++I)
    T.service("v" + std::to_string(I), 2);
  // Mostly forward edges (long chains of reach) with some back edges
  // (cycles): counts from 0 to all the sources.
  for (unsigned I = 0; I < 3 * N; ++I) {
    NodeId A = Below(N), B = Below(N);
    if (A > B && Below(20) != 0)
      std::swap(A, B);
    T.call(A, B);
  }
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  std::vector<uint8_t> Blocks(N);
  for (NodeId V = 0; V < N; ++V)
    Blocks[V] = Below(8) == 0;
  ReachQuery Q;
  Q.On = &On;
  Q.Blocks = &Blocks;
  Q.NumSources = Sources;
  for (uint32_t S = 0; S < Sources; ++S)
    Q.Seeds.push_back({Below(N), S, true});
  std::vector<NodeId> All = range(0, N);
  std::vector<uint32_t> Want = countSources(G, Q, All);
  std::vector<SourceCount> Got = countSourcesBounded(G, Q, All);
  double Se = 1.0 / std::sqrt(double(SketchSize - 2));
  unsigned Large = 0;
  for (NodeId V = 0; V < N; ++V) {
    if (Want[V] < SketchSize) {
      ASSERT_EQ(Got[V], (SourceCount{Want[V], false})) << "node " << V;
      continue;
    }
    ASSERT_TRUE(Got[V].Estimated) << "node " << V;
    double Err = (double(Got[V].Value) - Want[V]) / Want[V];
    ASSERT_LE(std::abs(Err), 4 * Se)
        << "node " << V << ": " << Got[V].Value << " for " << Want[V];
    ++Large;
  }
  ASSERT_GT(Large, N / 4) << "the graph should have many large counts";
}

/// The spread of the estimates is the documented one: 300 disjoint
/// systems (a cycle of 4 and a tail of 4), each with its own sources,
/// 256 to 5,000 of them, so their errors are independent. Their root mean
/// square relative error is near the standard error 1/sqrt(K-2) (between
/// half and one and a half of it), their mean near 0 (unbiased: within
/// three standard errors of the mean), and none is off by 4 standard
/// errors.
TEST(SketchSources, ErrorsHaveTheStatedSpreadAcrossIndependentCounts) {
  const unsigned Systems = 300, Size = 8;
  TestGraph T;
  for (unsigned I = 0; I < Systems * Size; ++I)
    T.service("v" + std::to_string(I), 2);
  for (unsigned S = 0; S < Systems; ++S) {
    NodeId B = S * Size;
    for (unsigned I = 0; I < 4; ++I)
      T.call(B + I, B + (I + 1) % 4);
    for (unsigned I = 3; I + 1 < Size; ++I)
      T.call(B + I, B + I + 1);
  }
  const Graph &G = T.graph();
  EdgeFilter On(G.numEdges(), 1);
  ReachQuery Q;
  Q.On = &On;
  std::vector<uint32_t> Want;
  for (unsigned S = 0; S < Systems; ++S) {
    uint32_t Count = SketchSize + (S * 7919) % 4745;
    for (uint32_t K = 0; K < Count; ++K)
      Q.Seeds.push_back({NodeId(S * Size + K % 4), Q.NumSources++, true});
    Want.push_back(Count);
  }
  // The last node of each system, which every source of it reaches.
  std::vector<NodeId> Ends;
  for (unsigned S = 0; S < Systems; ++S)
    Ends.push_back(S * Size + Size - 1);
  std::vector<SourceCount> Got = sketchSources(G, Q, Ends);
  double Se = 1.0 / std::sqrt(double(SketchSize - 2));
  double Sum = 0, SumSq = 0;
  for (unsigned S = 0; S < Systems; ++S) {
    ASSERT_TRUE(Got[S].Estimated);
    double Err = (double(Got[S].Value) - Want[S]) / Want[S];
    ASSERT_LE(std::abs(Err), 4 * Se)
        << "system " << S << ": " << Got[S].Value << " for " << Want[S];
    Sum += Err;
    SumSq += Err * Err;
  }
  double Rms = std::sqrt(SumSq / Systems), Mean = Sum / Systems;
  EXPECT_GE(Rms, 0.5 * Se);
  EXPECT_LE(Rms, 1.5 * Se);
  EXPECT_LE(std::abs(Mean), 3 * Se / std::sqrt(double(Systems)));
  RecordProperty("rms_relative_error", std::to_string(Rms));
  RecordProperty("mean_relative_error", std::to_string(Mean));
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
