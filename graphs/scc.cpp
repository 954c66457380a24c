//===- graphs/scc.cpp - Strongly connected components ---------------------===//
//
// Boost's Tarjan implementation (non-recursive DFS, so 100k-deep chains are
// fine), run on the graph itself through a filtered_graph that keeps the
// edges of the filter. docs/design.md has the figures against running it on
// a copy of the filtered edges.
//
//===----------------------------------------------------------------------===//

#include "graphs/scc.h"

#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>

namespace chokepoint {

namespace {
/// The edges of a filter, as the filtered view asks for them.
struct Kept {
  const Graph::Impl *G = nullptr;
  const EdgeFilter *On = nullptr;
  bool operator()(Graph::Impl::edge_descriptor E) const {
    return (*On)[boost::get(boost::edge_index, *G, E)];
  }
};
} // namespace

EdgeFilter edgesOfKinds(const Graph &G, KindMask Mask) {
  EdgeFilter On(G.numEdges());
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    On[E] = (Mask & maskOf(G.kind(E))) != 0;
  return On;
}

Components stronglyConnected(const Graph &G, const EdgeFilter &On) {
  Components R;
  size_t N = G.numNodes();
  R.Of.assign(N, 0);
  if (N == 0) {
    R.Start.assign(1, 0);
    return R;
  }
  // The search takes vertices in NodeId order and each one's edges in
  // declaration order, as it did over a copy of the filtered edges: the
  // components are numbered as they were.
  boost::filtered_graph<Graph::Impl, Kept> View(G.impl(), Kept{&G.impl(), &On});
  R.Count = uint32_t(boost::strong_components(
      View, boost::make_iterator_property_map(
                R.Of.begin(), boost::get(boost::vertex_index, G.impl()))));

  // Group members by component (counting sort keeps NodeId order inside).
  R.Start.assign(R.Count + 1, 0);
  for (NodeId V = 0; V < N; ++V)
    ++R.Start[R.Of[V] + 1];
  for (uint32_t C = 0; C < R.Count; ++C)
    R.Start[C + 1] += R.Start[C];
  R.Members.resize(N);
  R.Rank.resize(N);
  std::vector<uint32_t> Fill(R.Start.begin(), R.Start.end() - 1);
  for (NodeId V = 0; V < N; ++V) {
    uint32_t C = R.Of[V];
    R.Rank[V] = Fill[C] - R.Start[C];
    R.Members[Fill[C]++] = V;
  }

  R.Cyclic.assign(R.Count, 0);
  for (uint32_t C = 0; C < R.Count; ++C)
    if (R.Start[C + 1] - R.Start[C] > 1)
      R.Cyclic[C] = 1;
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    if (On[E] && G.source(E) == G.target(E))
      R.Cyclic[R.Of[G.source(E)]] = 1;
  return R;
}

} // namespace chokepoint
