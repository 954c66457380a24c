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
/// Exact; the cost grows with min(sources, distinct targets) / 256 passes
/// over the graph (see exactPasses).
std::vector<uint32_t> countSources(const Graph &G, const ReachQuery &Q,
                                   const std::vector<NodeId> &Targets);

/// How many passes countSources would make for Q and Targets.
uint32_t exactPasses(const Graph &G, const ReachQuery &Q,
                     const std::vector<NodeId> &Targets);

/// A number of distinct sources: exact, or a bottom-k estimate.
struct SourceCount {
  uint32_t Value = 0;
  bool Estimated = false;
  friend bool operator==(const SourceCount &, const SourceCount &) = default;
};

/// The sketch size of sketchSources: counts below it are exact; above, the
/// estimate's relative standard error is at most 1/sqrt(k-2), 6.3%.
constexpr unsigned SketchSize = 256;
/// countSourcesBounded counts exactly up to this many passes of
/// countSources (2,048 sources or targets) whatever they cost; beyond, while
/// the target passes' regions are small (exactWorkBudget).
constexpr uint32_t ExactPassLimit = 8;

/// The work countSourcesBounded lets the target passes of an exact count
/// past ExactPassLimit passes take before it sketches instead: twice the
/// graph's nodes plus edges (docs/design.md, "Counting sources", has the
/// figures it was chosen by). A pass's work is its region's nodes plus the
/// lengths of the rows its search reads (on the query's filter or not);
/// pass p of P must end within (p + 1) / P of the budget. Counted, not
/// timed, so the choice is the same on every run.
uint64_t exactWorkBudget(const Graph &G);

/// For each node of Targets, the number of distinct sources whose marks
/// reach it, from one pass over the components in travel order carrying a
/// bottom-K sketch (the K smallest of the sources' hashes, a bijection of
/// the 32-bit source number, so no two sources share one). Exact, with
/// Estimated false, when fewer than K sources reach the node; beyond, the
/// estimate (K-1)/u, u the K-th smallest hash as a fraction of 2^32, with
/// Estimated true. Deterministic: the hash is fixed. Cost: the graph's
/// edges times the sketch merge (at most 2K steps), whatever the number of
/// sources or targets.
std::vector<SourceCount> sketchSources(const Graph &G, const ReachQuery &Q,
                                       const std::vector<NodeId> &Targets,
                                       unsigned K = SketchSize);

/// The counts findings carry, exact while that is cheap: countSources while
/// it takes at most ExactPassLimit passes, or target passes within
/// exactWorkBudget, so each pass touches a small part of the graph;
/// sketchSources otherwise (exact below SketchSize sources either way).
std::vector<SourceCount>
countSourcesBounded(const Graph &G, const ReachQuery &Q,
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
