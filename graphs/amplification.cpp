//===- graphs/amplification.cpp - Retry products along paths --------------===//

#include "graphs/amplification.h"

#include <algorithm>
#include <cassert>

namespace chokepoint {

Amplification amplify(const Graph &G, const Reach &Customer) {
  size_t N = G.numNodes();
  Amplification A;
  A.On = edgesOfKinds(G, CustomerKinds);
  A.SCC = stronglyConnected(G, A.On);
  const Components &S = A.SCC;

  // Unbounded cycles: reachable components holding an internal edge that
  // multiplies.
  std::vector<uint8_t> IsUnbounded(S.Count, 0);
  for (EdgeId E = 0; E < G.numEdges(); ++E) {
    NodeId U = G.source(E), V = G.target(E);
    if (A.On[E] && G.edge(E).multiplier > 1 && S.Of[U] == S.Of[V] &&
        Customer.reached(U))
      IsUnbounded[S.Of[U]] = 1;
  }
  std::vector<NodeId> TaintSources;
  for (uint32_t C = 0; C < S.Count; ++C)
    if (IsUnbounded[C]) {
      A.Unbounded.push_back(C);
      TaintSources.insert(TaintSources.end(), S.Members.begin() + S.Start[C],
                          S.Members.begin() + S.Start[C + 1]);
    }
  Reach Taint = searchForward(G, TaintSources, A.On);
  A.Tainted.assign(N, 0);
  for (NodeId V = 0; V < N; ++V)
    A.Tainted[V] = Taint.reached(V);

  // Longest multiplicative path over the condensation, in topological order
  // (Tarjan numbers sinks first). Ties prefer the shorter path, then the
  // lower edge id, so witnesses are short and stable.
  A.Max.assign(N, 0);
  A.Parent.assign(N, NoEdge);
  A.PathLen.assign(N, UINT32_MAX);
  std::vector<uint32_t> &Len = A.PathLen;
  for (uint32_t C = S.Count; C-- > 0;) {
    NodeId First = S.Members[S.Start[C]];
    if (!Customer.reached(First) || A.Tainted[First])
      continue;
    uint64_t Best = 0;
    uint32_t BestLen = UINT32_MAX;
    EdgeId BestEdge = NoEdge;
    NodeId BestNode = NoNode;
    for (uint32_t I = S.Start[C]; I < S.Start[C + 1]; ++I) {
      NodeId V = S.Members[I];
      if (G.node(V).entry && (Best < 1 || (Best == 1 && BestLen > 0))) {
        Best = 1;
        BestLen = 0;
        BestEdge = NoEdge;
        BestNode = V;
      }
      G.forEachIn(V, [&](EdgeId E) {
        NodeId U = G.source(E);
        if (!A.On[E] || S.Of[U] == C || A.Max[U] == 0)
          return;
        uint64_t P = saturatingMul(A.Max[U], G.edge(E).multiplier);
        uint32_t L = Len[U] + 1;
        if (P > Best || (P == Best && (L < BestLen ||
                                       (L == BestLen && E < BestEdge)))) {
          Best = P;
          BestLen = L;
          BestEdge = E;
          BestNode = V;
        }
      });
    }
    assert(Best > 0 && "a reached component has an entry or an entering edge");
    // Inside the component every edge multiplies by 1: spread from the best
    // entry point.
    A.Max[BestNode] = Best;
    A.Parent[BestNode] = BestEdge;
    Len[BestNode] = BestLen;
    std::vector<NodeId> Queue{BestNode};
    for (size_t I = 0; I < Queue.size(); ++I) {
      NodeId U = Queue[I];
      G.forEachOut(U, [&](EdgeId E) {
        NodeId W = G.target(E);
        if (!A.On[E] || S.Of[W] != C || A.Max[W] != 0)
          return;
        A.Max[W] = Best;
        A.Parent[W] = E;
        Len[W] = Len[U] + 1;
        Queue.push_back(W);
      });
    }
  }
  return A;
}

Path maxProductPath(const Graph &G, const Amplification &A, NodeId V) {
  assert(A.Max[V] != 0);
  Path P;
  NodeId X = V;
  for (; A.Parent[X] != NoEdge; X = G.source(A.Parent[X]))
    P.Hops.push_back(A.Parent[X]);
  P.Start = X;
  std::reverse(P.Hops.begin(), P.Hops.end());
  return P;
}

} // namespace chokepoint
