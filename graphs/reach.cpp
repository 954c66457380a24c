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
// passes wins. Both give the same counts (tested against each other and
// against brute force).
//
//===----------------------------------------------------------------------===//

#include "graphs/reach.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace chokepoint {

namespace {

constexpr unsigned Width = 4; // 64-bit words per node per pass
constexpr unsigned Bits = Width * 64;

/// Adjacency in the direction marks travel, over the query's edges.
struct Adjacency {
  std::vector<uint32_t> Start;
  std::vector<NodeId> Next;
  template <typename Fn> void forEach(NodeId V, Fn &&F) const {
    for (uint32_t I = Start[V]; I < Start[V + 1]; ++I)
      F(Next[I]);
  }
};

/// Builds "from -> to" lists in travel direction; with Incoming, the lists
/// hold each node's predecessors instead.
Adjacency buildAdjacency(const Graph &G, const ReachQuery &Q, bool Incoming) {
  size_t N = G.numNodes();
  Adjacency A;
  A.Start.assign(N + 1, 0);
  auto Ends = [&](EdgeId E) {
    NodeId From = Q.Backward ? G.target(E) : G.source(E);
    NodeId To = Q.Backward ? G.source(E) : G.target(E);
    return Incoming ? std::pair(To, From) : std::pair(From, To);
  };
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    if ((*Q.On)[E])
      ++A.Start[Ends(E).first + 1];
  for (size_t V = 0; V < N; ++V)
    A.Start[V + 1] += A.Start[V];
  A.Next.resize(A.Start[N]);
  std::vector<uint32_t> Fill(A.Start.begin(), A.Start.end() - 1);
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    if ((*Q.On)[E]) {
      auto [Key, Other] = Ends(E);
      A.Next[Fill[Key]++] = Other;
    }
  return A;
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

} // namespace

std::vector<uint32_t> countSources(const Graph &G, const ReachQuery &Q,
                                   const std::vector<NodeId> &Targets) {
  size_t N = G.numNodes();
  std::vector<uint32_t> Counts(Targets.size(), 0);
  if (Targets.empty() || Q.Seeds.empty())
    return Counts;
  auto Passes = [&](NodeId V) { return !Q.Blocks || !(*Q.Blocks)[V]; };

  // Components of the edges along which arriving marks travel on.
  EdgeFilter TravelsOn(G.numEdges(), 0);
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    TravelsOn[E] = (*Q.On)[E] && Passes(Q.Backward ? G.target(E) : G.source(E));
  Components SCC = stronglyConnected(G, TravelsOn);
  // Components in the order marks travel: Tarjan numbers sinks first.
  std::vector<uint32_t> Order(SCC.Count);
  for (uint32_t I = 0; I < SCC.Count; ++I)
    Order[I] = Q.Backward ? I : SCC.Count - 1 - I;

  // Distinct targets, each with its slot in Counts.
  std::vector<uint32_t> SlotOf(N, UINT32_MAX);
  std::vector<NodeId> Distinct;
  for (NodeId T : Targets)
    if (SlotOf[T] == UINT32_MAX) {
      SlotOf[T] = uint32_t(Distinct.size());
      Distinct.push_back(T);
    }

  uint32_t SourcePasses = (Q.NumSources + Bits - 1) / Bits;
  uint32_t TargetPasses = uint32_t((Distinct.size() + Bits - 1) / Bits);
  std::vector<uint32_t> DistinctCounts(Distinct.size(), 0);

  if (SourcePasses <= TargetPasses) {
    // Carry sets of sources along the travel direction.
    Adjacency Pred = buildAdjacency(G, Q, /*Incoming=*/true);
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
            if (SCC.Of[A] != C && Passes(A))
              orInto(U, In.row(A));
          });
        for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I)
          std::copy(U, U + Width, In.row(SCC.Members[I]));
      }
      for (size_t K = 0; K < Distinct.size(); ++K) {
        uint64_t Row[Width];
        std::copy(In.row(Distinct[K]), In.row(Distinct[K]) + Width, Row);
        orInto(Row, InjAll.row(Distinct[K]));
        DistinctCounts[K] += popcount(Row);
      }
    }
  } else {
    // Carry sets of targets against the travel direction.
    Adjacency Succ = buildAdjacency(G, Q, /*Incoming=*/false);
    std::vector<ReachSeed> BySource = Q.Seeds;
    std::stable_sort(BySource.begin(), BySource.end(),
                     [](const ReachSeed &A, const ReachSeed &B) {
                       return A.Source < B.Source;
                     });
    BitRows Tin(N), Tinj(N);
    std::vector<uint8_t> HasTinj(N, 0);
    for (uint32_t Pass = 0; Pass < TargetPasses; ++Pass) {
      uint32_t Lo = Pass * Bits;
      uint32_t Hi = std::min<uint32_t>(Lo + Bits, uint32_t(Distinct.size()));
      Tin.clear();
      auto Own = [&](NodeId V, uint64_t *Row) {
        uint32_t Slot = SlotOf[V];
        if (Slot >= Lo && Slot < Hi)
          setBit(Row, Slot - Lo);
      };
      uint64_t T[Width];
      for (auto It = Order.rbegin(); It != Order.rend(); ++It) {
        uint32_t C = *It;
        std::fill(T, T + Width, 0);
        for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I) {
          NodeId M = SCC.Members[I];
          Own(M, T);
          if (Passes(M))
            Succ.forEach(M, [&](NodeId B) {
              if (SCC.Of[B] != C)
                orInto(T, Tin.row(B));
            });
        }
        for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I)
          std::copy(T, T + Width, Tin.row(SCC.Members[I]));
      }
      // What a mark injected at a node (travelling on regardless) reaches.
      std::fill(HasTinj.begin(), HasTinj.end(), 0);
      for (const ReachSeed &S : Q.Seeds) {
        if (!S.Propagates || HasTinj[S.Node])
          continue;
        HasTinj[S.Node] = 1;
        uint64_t *Row = Tinj.row(S.Node);
        std::fill(Row, Row + Width, 0);
        Own(S.Node, Row);
        Succ.forEach(S.Node, [&](NodeId B) { orInto(Row, Tin.row(B)); });
      }
      for (size_t I = 0; I < BySource.size();) {
        uint64_t Acc[Width] = {};
        size_t J = I;
        for (; J < BySource.size() && BySource[J].Source == BySource[I].Source;
             ++J) {
          if (BySource[J].Propagates)
            orInto(Acc, Tinj.row(BySource[J].Node));
          else
            Own(BySource[J].Node, Acc);
        }
        for (unsigned W = 0; W < Width; ++W)
          for (uint64_t Word = Acc[W]; Word; Word &= Word - 1)
            ++DistinctCounts[Lo + W * 64 + unsigned(std::countr_zero(Word))];
        I = J;
      }
    }
  }
  for (size_t K = 0; K < Targets.size(); ++K)
    Counts[K] = DistinctCounts[SlotOf[Targets[K]]];
  return Counts;
}

} // namespace chokepoint
