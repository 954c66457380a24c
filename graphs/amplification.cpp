//===- graphs/amplification.cpp - Retry products along paths --------------===//

#include "graphs/amplification.h"

#include <algorithm>
#include <cassert>
#include <queue>

namespace chokepoint {

Amplification amplify(const Graph &G, const Reach &Customer) {
  return amplify(G, Customer,
                 stronglyConnected(G, edgesOfKinds(G, CustomerKinds)));
}

Amplification amplify(const Graph &G, const Reach &Customer,
                      Components CustomerSCC) {
  size_t N = G.numNodes();
  Amplification A;
  A.On = edgesOfKinds(G, CustomerKinds);
  A.SCC = std::move(CustomerSCC);
  const Components &S = A.SCC;

  // Unbounded cycles: reachable components holding an internal edge that
  // multiplies.
  std::vector<uint8_t> IsUnbounded(S.Count, 0);
  for (EdgeId E = 0; E < G.numEdges(); ++E) {
    NodeId U = G.source(E), V = G.target(E);
    if (A.On[E] && G.multiplier(E) > 1 && S.Of[U] == S.Of[V] &&
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
  // (Tarjan numbers sinks first). Ties prefer the shorter path, so
  // witnesses are short; then the edge declared first, so they are stable.
  A.Max.assign(N, 0);
  A.Parent.assign(N, NoEdge);
  A.PathLen.assign(N, UINT32_MAX);
  std::vector<uint32_t> &Len = A.PathLen;
  std::vector<uint64_t> Way(N, 0); // product of each member's best way in
  for (uint32_t C = S.Count; C-- > 0;) {
    NodeId First = S.Members[S.Start[C]];
    if (!Customer.reached(First) || A.Tainted[First])
      continue;
    // Each member's best way in: being an entry, or an edge from an earlier
    // component (the largest product, then the shorter path, then the edge
    // declared first).
    uint64_t Best = 0;
    for (uint32_t I = S.Start[C]; I < S.Start[C + 1]; ++I) {
      NodeId V = S.Members[I];
      uint64_t WayP = 0;
      uint32_t WayL = UINT32_MAX;
      EdgeId WayE = NoEdge;
      if (G.node(V).entry) {
        WayP = 1;
        WayL = 0;
      }
      G.forEachIn(V, [&](EdgeId E, NodeId U) {
        if (!A.On[E] || S.Of[U] == C || A.Max[U] == 0)
          return;
        uint64_t P = saturatingMul(A.Max[U], G.multiplier(E));
        uint32_t L = Len[U] + 1;
        if (P > WayP ||
            (P == WayP &&
             (L < WayL || (L == WayL && (WayE == NoEdge ||
                                         G.orderOf(E) < G.orderOf(WayE)))))) {
          WayP = P;
          WayL = L;
          WayE = E;
        }
      });
      Way[V] = WayP;
      Len[V] = WayL;
      A.Parent[V] = WayE;
      Best = std::max(Best, WayP);
    }
    assert(Best > 0 && "a reached component has an entry or an entering edge");
    // Inside the component every edge multiplies by 1, so every member gets
    // Best, by the shortest path from any way in that achieves it (several
    // may, each with its own length: a shortest-path search, not a BFS).
    using Item = std::pair<uint32_t, NodeId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> Queue;
    for (uint32_t I = S.Start[C]; I < S.Start[C + 1]; ++I) {
      NodeId V = S.Members[I];
      if (Way[V] == Best) {
        Queue.push({Len[V], V});
      } else {
        Len[V] = UINT32_MAX;
        A.Parent[V] = NoEdge;
      }
      A.Max[V] = Best;
    }
    while (!Queue.empty()) {
      auto [D, U] = Queue.top();
      Queue.pop();
      if (D != Len[U])
        continue;
      G.forEachOut(U, [&](EdgeId E, NodeId W) {
        if (!A.On[E] || S.Of[W] != C || Len[U] + 1 >= Len[W])
          return;
        Len[W] = Len[U] + 1;
        A.Parent[W] = E;
        Queue.push({Len[W], W});
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
