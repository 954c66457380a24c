//===- graphs/scc.h - Strongly connected components -------------*- C++ -*-===//

#ifndef CHOKEPOINT_GRAPHS_SCC_H
#define CHOKEPOINT_GRAPHS_SCC_H

#include "graphs/graph.h"

#include <vector>

namespace chokepoint {

/// One flag per edge (indexed by EdgeId): the edges an algorithm may walk.
using EdgeFilter = std::vector<uint8_t>;

/// The edges whose kind is in Mask.
EdgeFilter edgesOfKinds(const Graph &G, KindMask Mask);

/// Strongly connected components over the edges of a filter.
struct Components {
  /// Component of each node. Numbered in reverse topological order: an edge
  /// between two components goes from the higher number to the lower.
  std::vector<uint32_t> Of;
  uint32_t Count = 0;
  /// Nodes grouped by component: members of C are
  /// Members[Start[C]] .. Members[Start[C+1]-1], in increasing NodeId.
  std::vector<NodeId> Members;
  std::vector<uint32_t> Start;
  /// Where each node sits among its component's members:
  /// Members[Start[Of[V]] + Rank[V]] == V. Searches inside one component
  /// index their scratch by it, so they cost the component, not the graph.
  std::vector<uint32_t> Rank;

  /// True when C is a cycle: more than one node, or one with a self-loop
  /// among the filtered edges.
  std::vector<uint8_t> Cyclic;
};

Components stronglyConnected(const Graph &G, const EdgeFilter &On);

} // namespace chokepoint

#endif
