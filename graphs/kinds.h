//===- graphs/kinds.h - What nodes and edges are ----------------*- C++ -*-===//
//
// The enums of SPEC §1 (node types, component kinds, planes, edge kinds,
// backoff) and the grouping of edge kinds into traffic, control plane and
// recovery. How each is written is in graphs/spelling.h.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_KINDS_H
#define CHOKEPOINT_GRAPHS_KINDS_H

#include <cstdint>

namespace chokepoint {

/// What a node is. Ids: `service`, `service.component`,
/// `service::qualified::function`.
enum class NodeType : uint8_t { Service, Component, Function };

/// The part a component plays inside its service. `Unspecified` when the
/// input did not say; it changes nothing in the analysis, only the display.
enum class ComponentKind : uint8_t {
  Unspecified,
  Supervisor,
  Pool,
  Queue,
  Lock,
  Worker,
  Client,
  Cache,
};

enum class Plane : uint8_t { Data, Control };

/// Why a node has the plane it has. Every inference is shown to the user.
enum class PlaneOrigin : uint8_t {
  Default,   ///< nothing said: data plane
  Declared,  ///< `plane:` in the input
  Inherited, ///< a component or function takes its service's plane
  Inferred,  ///< a well-known control-plane name or image; see planeReason
};

/// Edge kinds of SPEC §1, grouped by what fires them.
enum class EdgeKind : uint8_t {
  // traffic
  Call,
  Spawn,
  // control plane
  Lookup,
  // recovery: fired by a failure
  Retry,
  Reconnect,
  Restart,
  Recreate,
  Resync,
  Failover,
};
inline constexpr unsigned NumEdgeKinds = 9;

enum class EdgeClass : uint8_t { Traffic, Control, Recovery };

constexpr EdgeClass classOf(EdgeKind K) {
  switch (K) {
  case EdgeKind::Call:
  case EdgeKind::Spawn:
    return EdgeClass::Traffic;
  case EdgeKind::Lookup:
    return EdgeClass::Control;
  default:
    return EdgeClass::Recovery;
  }
}
constexpr bool isTraffic(EdgeKind K) {
  return classOf(K) == EdgeClass::Traffic;
}
constexpr bool isRecovery(EdgeKind K) {
  return classOf(K) == EdgeClass::Recovery;
}

/// A set of edge kinds, for algorithms that walk only some of them.
using KindMask = uint16_t;
constexpr KindMask maskOf(EdgeKind K) { return KindMask(1u << unsigned(K)); }
inline constexpr KindMask AllKinds = (1u << NumEdgeKinds) - 1;
inline constexpr KindMask TrafficKinds =
    maskOf(EdgeKind::Call) | maskOf(EdgeKind::Spawn);
inline constexpr KindMask ControlKinds = maskOf(EdgeKind::Lookup);
inline constexpr KindMask RecoveryKinds =
    AllKinds & ~TrafficKinds & ~ControlKinds;
/// Customer traffic travels over traffic and recovery edges; a lookup ends it.
inline constexpr KindMask CustomerKinds = TrafficKinds | RecoveryKinds;

enum class Backoff : uint8_t { None, Fixed, Exponential };

} // namespace chokepoint

#endif
