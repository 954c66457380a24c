//===- graphs/amplification.h - Retry products along paths ------*- C++ -*-===//
//
// m(v): the largest product of multipliers along a path of traffic and
// recovery edges from a customer entry to v (SPEC §2, retry-amplification).
// Cycles whose edges all multiply by 1 do not change m; a cycle reachable
// from an entry that holds an edge multiplying by more is unbounded, and m is
// undefined in it and downstream of it.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_AMPLIFICATION_H
#define CHOKEPOINT_GRAPHS_AMPLIFICATION_H

#include "graphs/graph.h"
#include "graphs/scc.h"
#include "graphs/walks.h"

#include <vector>

namespace chokepoint {

/// a * b, saturating at UINT64_MAX.
inline uint64_t saturatingMul(uint64_t A, uint64_t B) {
  if (A != 0 && B > UINT64_MAX / A)
    return UINT64_MAX;
  return A * B;
}

struct Amplification {
  EdgeFilter On;    ///< traffic and recovery edges
  Components SCC;   ///< over On
  /// Components reachable from an entry that hold an edge with a
  /// multiplier above 1, in increasing component number.
  std::vector<uint32_t> Unbounded;
  std::vector<uint8_t> Tainted; ///< in or downstream of an unbounded cycle
  /// m(v), saturating; 0 where undefined (unreached or tainted).
  std::vector<uint64_t> Max;
  /// The last edge of a path achieving Max (NoEdge at the entry it starts).
  std::vector<EdgeId> Parent;
  /// Hops of that path.
  std::vector<uint32_t> PathLen;
};

/// Customer is the search from the entries over traffic and recovery edges.
Amplification amplify(const Graph &G, const Reach &Customer);
/// The same, given the components of traffic and recovery edges.
Amplification amplify(const Graph &G, const Reach &Customer,
                      Components CustomerSCC);

/// A path from an entry to V whose product is Max[V] (V defined).
Path maxProductPath(const Graph &G, const Amplification &A, NodeId V);

} // namespace chokepoint

#endif
