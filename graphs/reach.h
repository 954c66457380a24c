//===- graphs/reach.h - How many sources reach a node -----------*- C++ -*-===//
//
// Findings report how many customer entries, control-plane nodes and
// recovery edges reach their node. Counting distinct sources per node is a
// reachability problem; this does it exactly with bit sets over the
// condensation of the graph, 256 sources (or targets, whichever are fewer)
// per linear pass.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_REACH_H
#define CHOKEPOINT_GRAPHS_REACH_H

#include "graphs/graph.h"
#include "graphs/scc.h"

#include <vector>

namespace chokepoint {

/// A mark a source puts on a node. A propagating mark travels on from there
/// whatever the node blocks; a non-propagating one only counts there.
struct ReachSeed {
  NodeId Node;
  uint32_t Source;
  bool Propagates;
};

struct ReachQuery {
  const EdgeFilter *On = nullptr; ///< edges marks travel along
  bool Backward = false;          ///< travel against the edges' direction
  /// Nodes that stop marks arriving at them (they still count them). Null:
  /// nothing blocks.
  const std::vector<uint8_t> *Blocks = nullptr;
  std::vector<ReachSeed> Seeds;
  uint32_t NumSources = 0;
  /// Components of the edges marks travel on (On's edges that leave a node
  /// that passes marks on), when the caller already has them; computed
  /// otherwise.
  const Components *SCC = nullptr;
};

/// For each node of Targets, how many distinct sources' marks reach it.
std::vector<uint32_t> countSources(const Graph &G, const ReachQuery &Q,
                                   const std::vector<NodeId> &Targets);

/// For each node of Targets, the source with the largest weight (Weights is
/// indexed by source, each at least 1) among those whose marks reach it,
/// the smaller source on a tie; UINT32_MAX when none does. Linear: a
/// largest value travels where a set of sources would.
std::vector<uint32_t> heaviestSource(const Graph &G, const ReachQuery &Q,
                                     const std::vector<uint64_t> &Weights,
                                     const std::vector<NodeId> &Targets);

} // namespace chokepoint

#endif
