//===- graphs/reach.cpp - How many sources reach a node -------------------===//
//
// A mark arriving at node x travels on along the query's edges unless x
// blocks; a mark injected at x with Propagates travels on regardless. Nodes
// of one strongly connected component of the "travels on" edges (all of
// which pass marks on) see the same marks, so one pass over the
// components in topological order settles every node.
//
// Source mode carries sets of sources forward; target mode carries sets of
// targets backward. Each pass handles Width*64 of them; the mode with fewer
// passes wins. A target pass touches only the region that can reach its
// targets (found by a backward search, which keeps the predecessors it
// finds so the pass pushes each settled set back along them without
// reading a row again), so when walks stop early, as recovery walks do at
// single owners, many passes cost little more than one. Both modes give
// the same counts (tested against each other and against brute force).
// Both read the graph's own rows through the query's filter: no copy of
// the graph's filtered edges is made, only of a target pass's region's
// (docs/design.md has the figures).
//
//===----------------------------------------------------------------------===//

#include "graphs/reach.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <optional>
#include <span>

namespace chokepoint {

namespace {

constexpr unsigned Width = 4; // 64-bit words per node per pass
constexpr unsigned Bits = Width * 64;

/// A node's neighbours over the query's edges, read from the graph's rows:
/// with Against, the ends of the edges entering it, else of those leaving.
struct Adjacency {
  const Graph &G;
  const EdgeFilter &On;
  bool Against;
  template <typename Fn> void forEach(NodeId V, Fn &&F) const {
    auto Visit = [&](EdgeId E, NodeId Other) {
      if (On[E])
        F(Other);
    };
    if (Against)
      G.forEachIn(V, Visit);
    else
      G.forEachOut(V, Visit);
  }
  /// How many edges forEach reads at V, on the filter or not.
  uint32_t rowLength(NodeId V) const {
    return Against ? G.inDegree(V) : G.outDegree(V);
  }
};

/// Whether marks arriving at V travel on (V does not block).
inline bool passesOn(const ReachQuery &Q, NodeId V) {
  return !Q.Blocks || !(*Q.Blocks)[V];
}

/// Neighbours in the direction marks travel; with Incoming, the nodes marks
/// come from instead.
Adjacency adjacency(const Graph &G, const ReachQuery &Q, bool Incoming) {
  return {G, *Q.On, Q.Backward != Incoming};
}

struct BitRows {
  std::vector<uint64_t> Words;
  explicit BitRows(size_t Rows) : Words(Rows * Width, 0) {}
  uint64_t *row(size_t R) { return &Words[R * Width]; }
  void clear() { std::fill(Words.begin(), Words.end(), 0); }
};

inline void orInto(uint64_t *Dst, const uint64_t *Src) {
  for (unsigned I = 0; I < Width; ++I)
    Dst[I] |= Src[I];
}
inline void setBit(uint64_t *Row, unsigned B) { Row[B / 64] |= 1ull << (B % 64); }
inline unsigned popcount(const uint64_t *Row) {
  unsigned C = 0;
  for (unsigned I = 0; I < Width; ++I)
    C += unsigned(std::popcount(Row[I]));
  return C;
}

/// The components of the edges along which arriving marks travel on: the
/// query's, or computed into Own.
const Components &travelComponents(const Graph &G, const ReachQuery &Q,
                                   Components &Own) {
  if (Q.SCC)
    return *Q.SCC;
  EdgeFilter TravelsOn(G.numEdges(), 0);
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    TravelsOn[E] =
        (*Q.On)[E] &&
        passesOn(Q, Q.Backward ? G.target(E) : G.source(E));
  Own = stronglyConnected(G, TravelsOn);
  return Own;
}

/// Components in the order marks travel: Tarjan numbers sinks first.
std::vector<uint32_t> travelOrder(const ReachQuery &Q, const Components &SCC) {
  std::vector<uint32_t> Order(SCC.Count);
  for (uint32_t I = 0; I < SCC.Count; ++I)
    Order[I] = Q.Backward ? I : SCC.Count - 1 - I;
  return Order;
}

/// The distinct nodes of Targets, in their first order, and each one's
/// slot among them.
struct DistinctTargets {
  std::vector<uint32_t> SlotOf;
  std::vector<NodeId> Nodes;
  DistinctTargets(size_t N, const std::vector<NodeId> &Targets)
      : SlotOf(N, UINT32_MAX) {
    for (NodeId T : Targets)
      if (SlotOf[T] == UINT32_MAX) {
        SlotOf[T] = uint32_t(Nodes.size());
        Nodes.push_back(T);
      }
  }
  uint32_t passes() const { return uint32_t((Nodes.size() + Bits - 1) / Bits); }
  std::span<const NodeId> ofPass(uint32_t Pass) const {
    size_t Lo = size_t(Pass) * Bits;
    return std::span<const NodeId>(Nodes).subspan(
        Lo, std::min<size_t>(Bits, Nodes.size() - Lo));
  }
};

/// The region of a target pass: its targets, and every node with a path of
/// passing nodes to one (the path's first node need not pass: it may
/// inject). The search reads the rows of the targets and of the passing
/// nodes it takes; its work is the nodes it takes plus those rows' lengths.
/// Each node it reads the row of keeps the nodes it found there (its
/// predecessors), for the pass to push its set back to them. A node of the
/// region is named by its position in it, so what a pass keeps per node
/// costs the region, not the graph.
class RegionSearch {
  Adjacency Pred;
  const ReachQuery &Q;
  std::vector<uint32_t> InRegion; ///< the pass whose region has the node
  std::vector<uint32_t> Pos;      ///< its position there
  std::vector<NodeId> Region, Queue;
  std::vector<uint32_t> Preds, PredStart, PredEnd; ///< by position

  void take(NodeId V, uint32_t Pass) {
    InRegion[V] = Pass;
    Pos[V] = uint32_t(Region.size());
    Region.push_back(V);
    PredStart.push_back(0);
    PredEnd.push_back(0);
  }

public:
  RegionSearch(const Graph &G, const ReachQuery &Q)
      : Pred(adjacency(G, Q, /*Incoming=*/true)), Q(Q),
        InRegion(G.numNodes(), UINT32_MAX), Pos(G.numNodes(), 0) {}

  /// Finds the region of pass Pass (numbered from 0, each once) and returns
  /// its work, or stops once that passes Budget and returns more than it.
  uint64_t search(uint32_t Pass, std::span<const NodeId> Targets,
                  uint64_t Budget = UINT64_MAX) {
    Region.clear();
    Queue.clear();
    Preds.clear();
    PredStart.clear();
    PredEnd.clear();
    for (NodeId T : Targets) {
      take(T, Pass);
      Queue.push_back(T);
    }
    uint64_t Work = Targets.size();
    for (size_t I = 0; I < Queue.size() && Work <= Budget; ++I) {
      NodeId V = Queue[I];
      Work += Pred.rowLength(V);
      PredStart[Pos[V]] = uint32_t(Preds.size());
      Pred.forEach(V, [&](NodeId X) {
        if (InRegion[X] != Pass) {
          take(X, Pass);
          ++Work;
          if (passesOn(Q, X))
            Queue.push_back(X);
        }
        Preds.push_back(Pos[X]);
      });
      PredEnd[Pos[V]] = uint32_t(Preds.size());
    }
    return Work;
  }
  /// The last search's region, each node at its position.
  const std::vector<NodeId> &region() const { return Region; }
  /// The positions of the predecessors found at position P, a target or a
  /// passing node (none for another).
  std::span<const uint32_t> predsOf(uint32_t P) const {
    return std::span<const uint32_t>(Preds).subspan(PredStart[P],
                                                    PredEnd[P] - PredStart[P]);
  }
};

/// Exact counts per distinct target (countSources), by the mode with fewer
/// passes; or, with a Budget, by target passes while each ends within its
/// share of it, and nothing (an empty result) once one does not. The share
/// after pass p of P is (p + 1) / P of Budget, so giving up on a graph where
/// every region is most of it costs a fraction of one pass, not the
/// budget's worth of them.
std::optional<std::vector<uint32_t>>
countExact(const Graph &G, const ReachQuery &Q, const DistinctTargets &Distinct,
           std::optional<uint64_t> Budget = std::nullopt) {
  size_t N = G.numNodes();
  std::vector<uint32_t> DistinctCounts(Distinct.Nodes.size(), 0);
  if (Distinct.Nodes.empty() || Q.Seeds.empty())
    return DistinctCounts;

  Components Own;
  const Components &SCC = travelComponents(G, Q, Own);
  std::vector<uint32_t> Order = travelOrder(Q, SCC);

  uint32_t SourcePasses = (Q.NumSources + Bits - 1) / Bits;
  uint32_t TargetPasses = Distinct.passes();
  const std::vector<uint32_t> &SlotOf = Distinct.SlotOf;

  if (!Budget && SourcePasses <= TargetPasses) {
    // Carry sets of sources along the travel direction.
    Adjacency Pred = adjacency(G, Q, /*Incoming=*/true);
    BitRows In(N), InjProp(N), InjAll(N);
    for (uint32_t Pass = 0; Pass < SourcePasses; ++Pass) {
      uint32_t Lo = Pass * Bits, Hi = Lo + Bits;
      In.clear();
      InjProp.clear();
      InjAll.clear();
      for (const ReachSeed &S : Q.Seeds)
        if (S.Source >= Lo && S.Source < Hi) {
          setBit(InjAll.row(S.Node), S.Source - Lo);
          if (S.Propagates)
            setBit(InjProp.row(S.Node), S.Source - Lo);
        }
      uint64_t U[Width];
      for (uint32_t C : Order) {
        std::fill(U, U + Width, 0);
        for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I)
          Pred.forEach(SCC.Members[I], [&](NodeId A) {
            orInto(U, InjProp.row(A));
            if (SCC.Of[A] != C && passesOn(Q, A))
              orInto(U, In.row(A));
          });
        for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I)
          std::copy(U, U + Width, In.row(SCC.Members[I]));
      }
      for (size_t K = 0; K < Distinct.Nodes.size(); ++K) {
        NodeId T = Distinct.Nodes[K];
        uint64_t Row[Width];
        std::copy(In.row(T), In.row(T) + Width, Row);
        orInto(Row, InjAll.row(T));
        DistinctCounts[K] += popcount(Row);
      }
    }
  } else {
    // Carry sets of targets against the travel direction, pass by pass over
    // the region that can reach the pass's targets. A component's set,
    // once settled, is pushed back to the predecessors the region search
    // found, so the pass reads no row of the graph again.
    RegionSearch Search(G, Q);
    // Seeds grouped by node.
    std::vector<uint32_t> SeedStart(N + 1, 0);
    for (const ReachSeed &S : Q.Seeds)
      ++SeedStart[S.Node + 1];
    for (size_t V = 0; V < N; ++V)
      SeedStart[V + 1] += SeedStart[V];
    std::vector<const ReachSeed *> SeedsAt(Q.Seeds.size());
    {
      std::vector<uint32_t> Fill(SeedStart.begin(), SeedStart.end() - 1);
      for (const ReachSeed &S : Q.Seeds)
        SeedsAt[Fill[S.Node]++] = &S;
    }
    // Processing rank of each component: sinks of the travel direction first.
    std::vector<uint32_t> Rank(SCC.Count);
    for (uint32_t I = 0; I < SCC.Count; ++I)
      Rank[Order[SCC.Count - 1 - I]] = I;

    // By position in the pass's region: Tin, what a mark arriving at the
    // node reaches (its component's set, or a blocking node's own bit); Up,
    // the sets of its successors in other components, pushed back to it.
    BitRows Tin(0), Up(0), Acc(Q.NumSources);
    uint64_t Work = 0;
    std::vector<uint32_t> Touched(Q.NumSources, UINT32_MAX);
    std::vector<std::pair<uint32_t, uint32_t>> Sorted; // rank, position
    std::vector<uint32_t> TouchedSources;
    for (uint32_t Pass = 0; Pass < TargetPasses; ++Pass) {
      uint32_t Lo = Pass * Bits;
      uint32_t Hi = Lo + uint32_t(Distinct.ofPass(Pass).size());
      auto Own = [&](NodeId V, uint64_t *Row) {
        uint32_t Slot = SlotOf[V];
        if (Slot >= Lo && Slot < Hi)
          setBit(Row, Slot - Lo);
      };
      if (!Budget) {
        Search.search(Pass, Distinct.ofPass(Pass));
      } else {
        // *Budget (p + 1) / P without overflow; Work is within the last.
        uint64_t Share = *Budget / TargetPasses * (Pass + 1) +
                         *Budget % TargetPasses * (Pass + 1) / TargetPasses;
        Work += Search.search(Pass, Distinct.ofPass(Pass), Share - Work);
        if (Work > Share)
          return std::nullopt;
      }
      const std::vector<NodeId> &Region = Search.region();
      size_t R = Region.size();
      Tin.Words.resize(R * Width);
      Up.Words.assign(R * Width, 0);
      // Whole components, sinks first. (A passing member of a component
      // brings in all of it: the members reach each other through nodes
      // that pass.)
      Sorted.clear();
      for (uint32_t P = 0; P < R; ++P)
        Sorted.emplace_back(Rank[SCC.Of[Region[P]]], P);
      std::sort(Sorted.begin(), Sorted.end());
      uint64_t T[Width];
      for (size_t I = 0; I < R;) {
        uint32_t Rk = Sorted[I].first;
        size_t J = I;
        std::fill(T, T + Width, 0);
        for (; J < R && Sorted[J].first == Rk; ++J) {
          uint32_t P = Sorted[J].second;
          Own(Region[P], T);
          if (passesOn(Q, Region[P]))
            orInto(T, Up.row(P));
        }
        for (size_t K = I; K < J; ++K) {
          uint32_t P = Sorted[K].second;
          std::copy(T, T + Width, Tin.row(P));
          for (uint32_t X : Search.predsOf(P))
            if (Rank[SCC.Of[Region[X]]] != Rk)
              orInto(Up.row(X), T);
        }
        I = J;
      }
      // Each seed's marks, gathered per source.
      TouchedSources.clear();
      for (uint32_t P = 0; P < R; ++P) {
        NodeId X = Region[P];
        for (uint32_t K = SeedStart[X]; K < SeedStart[X + 1]; ++K) {
          const ReachSeed &S = *SeedsAt[K];
          uint64_t *A = Acc.row(S.Source);
          if (Touched[S.Source] != Pass) {
            Touched[S.Source] = Pass;
            TouchedSources.push_back(S.Source);
            std::fill(A, A + Width, 0);
          }
          if (!S.Propagates) {
            Own(X, A);
            continue;
          }
          // What a mark injected at X reaches: X, then on regardless (a
          // passing node's Up is within its Tin already).
          orInto(A, Tin.row(P));
          orInto(A, Up.row(P));
        }
      }
      for (uint32_t Src : TouchedSources) {
        const uint64_t *A = Acc.row(Src);
        for (unsigned W = 0; W < Width; ++W)
          for (uint64_t Word = A[W]; Word; Word &= Word - 1)
            ++DistinctCounts[Lo + W * 64 + unsigned(std::countr_zero(Word))];
      }
    }
  }
  return DistinctCounts;
}

uint32_t passesOf(const ReachQuery &Q, const DistinctTargets &Distinct) {
  if (Distinct.Nodes.empty() || Q.Seeds.empty())
    return 0;
  return std::min<uint32_t>((Q.NumSources + Bits - 1) / Bits,
                            Distinct.passes());
}

} // namespace

std::vector<uint32_t> countSources(const Graph &G, const ReachQuery &Q,
                                   const std::vector<NodeId> &Targets) {
  DistinctTargets Distinct(G.numNodes(), Targets);
  std::vector<uint32_t> DistinctCounts = *countExact(G, Q, Distinct);
  std::vector<uint32_t> Counts(Targets.size());
  for (size_t K = 0; K < Targets.size(); ++K)
    Counts[K] = DistinctCounts[Distinct.SlotOf[Targets[K]]];
  return Counts;
}

uint32_t exactPasses(const Graph &G, const ReachQuery &Q,
                     const std::vector<NodeId> &Targets) {
  return passesOf(Q, DistinctTargets(G.numNodes(), Targets));
}

uint64_t exactWorkBudget(const Graph &G) {
  return (uint64_t(G.numNodes()) + G.numEdges()) * 2;
}

namespace {

/// The hash of a source: murmur3's 32-bit finaliser, a bijection of the
/// 32-bit numbers (each step is invertible), so distinct sources never
/// share a hash and a sketch of fewer than K hashes is an exact set.
inline uint32_t sourceHash(uint32_t S) {
  uint32_t H = S ^ 0x9e3779b9u;
  H ^= H >> 16;
  H *= 0x85ebca6bu;
  H ^= H >> 13;
  H *= 0xc2b2ae35u;
  H ^= H >> 16;
  return H;
}

using Sketch = std::vector<uint32_t>; ///< sorted, distinct, at most K

/// Sketch of the union of U and S (both sketches) into U; Tmp is scratch.
void mergeInto(Sketch &U, const uint32_t *S, size_t SN, unsigned K,
               Sketch &Tmp) {
  if (SN == 0)
    return;
  if (U.empty()) {
    U.assign(S, S + std::min<size_t>(SN, K));
    return;
  }
  // Nothing of S is below U's K-th value: U stays.
  if (U.size() == K && S[0] >= U.back())
    return;
  Tmp.clear();
  size_t I = 0, J = 0;
  while (Tmp.size() < K && (I < U.size() || J < SN)) {
    uint32_t X;
    if (J == SN || (I < U.size() && U[I] < S[J]))
      X = U[I++];
    else if (I == U.size() || S[J] < U[I])
      X = S[J++];
    else {
      X = U[I++];
      ++J;
    }
    Tmp.push_back(X);
  }
  U.swap(Tmp);
}

/// Per node, a sorted list of the hashes of its seeds (those that
/// propagate, or all).
struct SeedLists {
  std::vector<uint32_t> Start, Hashes, Ends;
  SeedLists(size_t N, const ReachQuery &Q, bool OnlyPropagating)
      : Start(N + 1, 0) {
    for (const ReachSeed &S : Q.Seeds)
      if (S.Propagates || !OnlyPropagating)
        ++Start[S.Node + 1];
    for (size_t V = 0; V < N; ++V)
      Start[V + 1] += Start[V];
    Hashes.resize(Start[N]);
    std::vector<uint32_t> Fill(Start.begin(), Start.end() - 1);
    for (const ReachSeed &S : Q.Seeds)
      if (S.Propagates || !OnlyPropagating)
        Hashes[Fill[S.Node]++] = sourceHash(S.Source);
    // Sorted and distinct within each node (a source may seed a node
    // twice); the list's end moves in to the last distinct hash.
    for (size_t V = 0; V < N; ++V) {
      auto B = Hashes.begin() + Start[V], E = Hashes.begin() + Start[V + 1];
      std::sort(B, E);
      Ends.push_back(uint32_t(std::unique(B, E) - Hashes.begin()));
    }
  }
  const uint32_t *at(NodeId V) const { return Hashes.data() + Start[V]; }
  size_t size(NodeId V) const { return Ends[V] - Start[V]; }
};

/// What a sketch says: its size while below K, else the estimate.
SourceCount estimate(const Sketch &S, unsigned K, uint32_t NumSources) {
  if (S.size() < K)
    return {uint32_t(S.size()), false};
  // (K-1)/u with u = (h_K + 1) / 2^32: unbiased for the K-th smallest of
  // uniform hashes; never below K, never above the number of sources.
  double U = (double(S[K - 1]) + 1.0) / 4294967296.0;
  double E = std::floor((K - 1) / U + 0.5);
  E = std::clamp(E, double(K), double(std::max(NumSources, K)));
  return {uint32_t(E), true};
}

} // namespace

std::vector<SourceCount> sketchSources(const Graph &G, const ReachQuery &Q,
                                       const std::vector<NodeId> &Targets,
                                       unsigned K) {
  assert(K >= 2);
  size_t N = G.numNodes();
  std::vector<SourceCount> Counts(Targets.size());
  if (Targets.empty() || Q.Seeds.empty())
    return Counts;
  Components Own;
  const Components &SCC = travelComponents(G, Q, Own);
  Adjacency Pred = adjacency(G, Q, /*Incoming=*/true);
  Adjacency Succ = adjacency(G, Q, /*Incoming=*/false);
  SeedLists InjProp(N, Q, true), InjAll(N, Q, false);

  // Slots of target nodes; each target's count is taken when its component
  // is settled.
  std::vector<uint32_t> SlotOf(N, UINT32_MAX);
  std::vector<SourceCount> Distinct;
  for (NodeId T : Targets)
    if (SlotOf[T] == UINT32_MAX) {
      SlotOf[T] = uint32_t(Distinct.size());
      Distinct.emplace_back();
    }

  // How many times each component's sketch is still to be read (edges to
  // other components from its members that pass marks on): a sketch is
  // freed after its last read, or moved into the only reader.
  std::vector<uint32_t> Readers(SCC.Count, 0);
  for (NodeId A = 0; A < N; ++A)
    if (passesOn(Q, A))
      Succ.forEach(A, [&](NodeId B) {
        if (SCC.Of[B] != SCC.Of[A])
          ++Readers[SCC.Of[A]];
      });

  std::vector<Sketch> In(SCC.Count);
  // A union is idempotent: a predecessor, or a predecessor's component, met
  // again by another edge into C adds nothing, so each is merged once per C
  // (a giant component otherwise merges a node's seeds once per edge).
  std::vector<uint32_t> NodeMergedFor(N, UINT32_MAX);
  std::vector<uint32_t> SketchMergedFor(SCC.Count, UINT32_MAX);
  Sketch Tmp, Row;
  for (uint32_t C : travelOrder(Q, SCC)) {
    Sketch U;
    for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I)
      Pred.forEach(SCC.Members[I], [&](NodeId A) {
        if (NodeMergedFor[A] != C) {
          NodeMergedFor[A] = C;
          mergeInto(U, InjProp.at(A), InjProp.size(A), K, Tmp);
        }
        uint32_t From = SCC.Of[A];
        if (From == C || !passesOn(Q, A))
          return;
        Sketch &S = In[From];
        bool Fresh = SketchMergedFor[From] != C;
        SketchMergedFor[From] = C;
        if (--Readers[From] == 0) {
          if (U.empty())
            U.swap(S);
          else if (Fresh)
            mergeInto(U, S.data(), S.size(), K, Tmp);
          Sketch().swap(S);
        } else if (Fresh) {
          mergeInto(U, S.data(), S.size(), K, Tmp);
        }
      });
    for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I) {
      NodeId M = SCC.Members[I];
      if (SlotOf[M] == UINT32_MAX)
        continue;
      Row = U;
      mergeInto(Row, InjAll.at(M), InjAll.size(M), K, Tmp);
      Distinct[SlotOf[M]] = estimate(Row, K, Q.NumSources);
    }
    if (Readers[C] > 0)
      In[C].swap(U);
  }
  for (size_t I = 0; I < Targets.size(); ++I)
    Counts[I] = Distinct[SlotOf[Targets[I]]];
  return Counts;
}

std::vector<SourceCount>
countSourcesBounded(const Graph &G, const ReachQuery &Q,
                    const std::vector<NodeId> &Targets) {
  DistinctTargets Distinct(G.numNodes(), Targets);
  std::optional<uint64_t> Budget;
  if (passesOf(Q, Distinct) > ExactPassLimit)
    Budget = exactWorkBudget(G);
  std::optional<std::vector<uint32_t>> Exact =
      countExact(G, Q, Distinct, Budget);
  if (!Exact)
    return sketchSources(G, Q, Targets);
  std::vector<SourceCount> Counts(Targets.size());
  for (size_t K = 0; K < Targets.size(); ++K)
    Counts[K] = {(*Exact)[Distinct.SlotOf[Targets[K]]], false};
  return Counts;
}

std::vector<uint32_t> heaviestSource(const Graph &G, const ReachQuery &Q,
                                     const std::vector<uint64_t> &Weights,
                                     const std::vector<NodeId> &Targets) {
  // One value per node instead of a set: the heaviest source so far. The
  // largest of a set is the largest of its parts, so one pass in travel
  // order settles it, as a source pass of countSources settles 256 bits.
  struct Heaviest {
    uint64_t Weight = 0;
    uint32_t Source = UINT32_MAX;
    void take(const Heaviest &O) {
      if (O.Weight > Weight || (O.Weight == Weight && O.Source < Source))
        *this = O;
    }
  };
  size_t N = G.numNodes();
  std::vector<uint32_t> Result(Targets.size(), UINT32_MAX);
  if (Targets.empty() || Q.Seeds.empty())
    return Result;
  Components Own;
  const Components &SCC = travelComponents(G, Q, Own);
  Adjacency Pred = adjacency(G, Q, /*Incoming=*/true);
  std::vector<Heaviest> In(N), InjProp(N), InjAll(N);
  for (const ReachSeed &S : Q.Seeds) {
    Heaviest H{Weights[S.Source], S.Source};
    InjAll[S.Node].take(H);
    if (S.Propagates)
      InjProp[S.Node].take(H);
  }
  for (uint32_t C : travelOrder(Q, SCC)) {
    Heaviest U;
    for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I)
      Pred.forEach(SCC.Members[I], [&](NodeId A) {
        U.take(InjProp[A]);
        if (SCC.Of[A] != C && passesOn(Q, A))
          U.take(In[A]);
      });
    for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I)
      In[SCC.Members[I]] = U;
  }
  for (size_t K = 0; K < Targets.size(); ++K) {
    Heaviest H = In[Targets[K]];
    H.take(InjAll[Targets[K]]);
    Result[K] = H.Source;
  }
  return Result;
}

} // namespace chokepoint
