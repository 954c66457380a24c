//===- graphs/walks.h - Breadth-first walks and witness paths ---*- C++ -*-===//
//
// The three flows of SPEC §1 are breadth-first walks; their parent edges give
// the shortest witness paths. Every walk here is linear in the graph.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_WALKS_H
#define CHOKEPOINT_GRAPHS_WALKS_H

#include "graphs/graph.h"
#include "graphs/scc.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace chokepoint {

inline constexpr uint32_t Unreached = UINT32_MAX;

/// A witness path: where it starts, and the edges it takes from there.
struct Path {
  NodeId Start = NoNode;
  std::vector<EdgeId> Hops;

  bool empty() const { return Start == NoNode; }
};

/// A breadth-first search from several sources at once.
struct Reach {
  std::vector<uint32_t> Dist;  ///< hops from the nearest source, or Unreached
  std::vector<EdgeId> Parent;  ///< the edge the search came in by
  bool reached(NodeId V) const { return Dist[V] != Unreached; }
};

/// Whether a path from A carries more load than one of the same length from
/// B (SPEC §2): A has more owners, or as many and the smaller id.
inline bool carriesMore(const Graph &G, NodeId A, NodeId B) {
  const NodeProps &X = G.node(A), &Y = G.node(B);
  return X.owners != Y.owners ? X.owners > Y.owners : X.id < Y.id;
}

/// Nodes sorted so that the one carrying the most load comes first
/// (carriesMore): a breadth-first search that takes its sources in this
/// order, and its frontier in the order it was filled, gives every node the
/// most-loaded start among its shortest paths.
std::vector<NodeId> byLoad(const Graph &G, std::vector<NodeId> Nodes);

/// Forward search over the edges of On from Sources (taken in the order
/// given, so ties go to the earlier source; byLoad() orders them as the
/// witness paths of SPEC §2 want).
Reach searchForward(const Graph &G, const std::vector<NodeId> &Sources,
                    const EdgeFilter &On);
/// Backward search: walks edges against their direction, so Parent[V] is
/// the edge leaving V on a shortest path to a source.
Reach searchBackward(const Graph &G, const std::vector<NodeId> &Sources,
                     const EdgeFilter &On);

/// Shortest path from a source of a forward search to V (V reached).
Path pathFromSource(const Graph &G, const Reach &R, NodeId V);
/// Shortest path from V to a source of a backward search (V reached).
Path pathToSource(const Graph &G, const Reach &R, NodeId V);

/// Nodes with `entry: customer`, in id order.
std::vector<NodeId> customerEntries(const Graph &G);

/// The dependency search of `single-owner-control-plane` (SPEC §2): from
/// Sources, paths that start with a lookup edge and go on over traffic and
/// lookup edges. Two states per node: a source before its first edge, which
/// may leave by lookups only, and any node after one, which may leave by
/// traffic and lookup edges. Dist and Parent are the second state's (a
/// source is reached only when such a path comes back to it).
struct DependencySearch {
  Reach After;
  /// source(After.Parent[V]) was left from its first state (a source).
  std::vector<uint8_t> FromSource;
  bool reached(NodeId V) const { return After.reached(V); }
};

/// Sources taken in the order given (byLoad() for the witness tie-break).
DependencySearch searchDependencies(const Graph &G,
                                    const std::vector<NodeId> &Sources);

/// Shortest dependency path to V (V reached): from the source it starts at.
Path dependencyPath(const Graph &G, const DependencySearch &S, NodeId V);

/// Edges carrying control-plane traffic: lookups, and every edge into a
/// control-plane node.
EdgeFilter controlEdges(const Graph &G);

/// A walk from the hops of recovery declarations over traffic edges
/// (SPEC §1 "on a recovery path", and the walk of `unbounded-recovery`).
///
/// Each hop of a declaration enters its target at distance hop+1. A hop's
/// target is an expanding seed when ChainExpands is true or the hop is the
/// declaration's last; the walk goes on over traffic edges from expanding
/// seeds (whatever their owners) and from every node it reaches that has more
/// than one owner. A single owner the walk reaches is reached, and the walk
/// stops there. Non-expanding seeds are reached, nothing more.
///
/// A node can be reached in three ways, kept apart so that every witness
/// path is one the SPEC allows: as a non-expanding seed (Chain), as an
/// expanding seed (Seed), and by the walk (Walk). Each level is walked in
/// the order of its paths' starts (byLoad() of the declaring nodes), so the
/// first path to reach a node at a level starts at the declaring node with
/// the most owners, then the smaller id (SPEC §2's witness tie-break).
struct RecoveryWalk {
  std::vector<uint32_t> ChainDist;
  std::vector<EdgeId> ChainParent; ///< the hop that entered it
  std::vector<uint32_t> SeedDist;
  std::vector<EdgeId> SeedParent; ///< the hop that entered it
  std::vector<uint32_t> WalkDist;
  std::vector<EdgeId> WalkParent; ///< the traffic edge the walk came by
  /// The walk left source(WalkParent) from that node's Seed state (it may be
  /// a single owner) rather than from its Walk state.
  std::vector<uint8_t> WalkFromSeed;

  uint32_t dist(NodeId V) const {
    return std::min({ChainDist[V], SeedDist[V], WalkDist[V]});
  }
  bool reached(NodeId V) const { return dist(V) != Unreached; }
};

RecoveryWalk walkRecovery(const Graph &G, const std::vector<uint32_t> &Decls,
                          bool ChainExpands);

/// Shortest path to V of a recovery walk: the declaration's hops up to the
/// seed, then the traffic edges of the walk; of the shortest, the one whose
/// declaring node carries the most load (carriesMore).
Path pathTo(const Graph &G, const RecoveryWalk &W, NodeId V);

/// The hops 0..Hop of declaration D, starting at the node that declared it.
Path declarationPrefix(const Graph &G, uint32_t D, unsigned Hop);

/// Shortest path from From to To using only edges of On between nodes of
/// component C. Both must be in C. Empty when From == To.
Path pathInside(const Graph &G, const Components &SCC, uint32_t C,
                const EdgeFilter &On, NodeId From, NodeId To);

/// The shortest cycle through Start that takes an edge satisfying Pick (of
/// the shortest, the one whose picked edge was declared first), all inside
/// Start's component of SCC; empty if there is none. It searches from Start
/// and back to Start at once, a level at a time, and stops as soon as no
/// edge it has not weighed could close a cycle as short: a search as deep
/// as the cycle is long, not one over the whole component.
Path shortestCycleThrough(const Graph &G, const Components &SCC,
                          const EdgeFilter &On, NodeId Start,
                          const std::function<bool(EdgeId)> &Pick);

} // namespace chokepoint

#endif
