//===- graphs/graph.h - The recovery graph ----------------------*- C++ -*-===//
//
// The one graph every front end builds and every rule reads: services,
// components and functions joined by traffic, control-plane and recovery
// edges (SPEC §1). This header owns the Boost.Graph type and the bundled
// node and edge properties; nothing here knows about YAML or clang.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_GRAPH_H
#define CHOKEPOINT_GRAPHS_GRAPH_H

#include "graphs/location.h"

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chokepoint {

using NodeId = uint32_t;
using EdgeId = uint32_t;
inline constexpr NodeId NoNode = UINT32_MAX;
inline constexpr EdgeId NoEdge = UINT32_MAX;

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
constexpr bool isTraffic(EdgeKind K) { return classOf(K) == EdgeClass::Traffic; }
constexpr bool isRecovery(EdgeKind K) {
  return classOf(K) == EdgeClass::Recovery;
}
/// Customer traffic travels over traffic and recovery edges; a lookup ends it.
constexpr bool carriesCustomer(EdgeKind K) { return K != EdgeKind::Lookup; }

/// A set of edge kinds, for algorithms that walk only some of them.
using KindMask = uint16_t;
constexpr KindMask maskOf(EdgeKind K) { return KindMask(1u << unsigned(K)); }
inline constexpr KindMask AllKinds = (1u << NumEdgeKinds) - 1;
inline constexpr KindMask TrafficKinds =
    maskOf(EdgeKind::Call) | maskOf(EdgeKind::Spawn);
inline constexpr KindMask ControlKinds = maskOf(EdgeKind::Lookup);
inline constexpr KindMask RecoveryKinds =
    AllKinds & ~TrafficKinds & ~ControlKinds;
inline constexpr KindMask CustomerKinds = TrafficKinds | RecoveryKinds;

enum class Backoff : uint8_t { None, Fixed, Exponential };

/// Spellings used in inputs and outputs. Lower-case, stable.
std::string_view name(NodeType T);
std::string_view name(ComponentKind K);
std::string_view name(Plane P);
std::string_view name(EdgeKind K);
std::string_view name(Backoff B);

/// Properties of a deployable workload (services only). Unset optionals mean
/// the input did not say; rules apply the SPEC's defaults.
struct Workload {
  bool stateful = false;
  bool drainGuard = false;
  std::optional<double> drainSeconds;
  std::optional<double> graceSeconds; ///< default 30, as in Kubernetes
  std::optional<double> capacity;     ///< requests per second
  std::optional<uint64_t> population; ///< entities it holds (sessions, ...)
  std::string zone;
  SourceLoc drainLoc; ///< where drain_seconds was written
  SourceLoc graceLoc; ///< where grace_seconds was written
  SourceLoc replicasLoc;
  /// Read from Kubernetes manifests: messages name Kubernetes' guards.
  bool kubernetes = false;
};

/// Bundled vertex properties.
struct NodeProps {
  std::string id;     ///< stable id, used in every output
  NodeType type = NodeType::Service;
  ComponentKind kind = ComponentKind::Unspecified;
  /// Replicas of a service, partitions of a component; a function has its
  /// service's. A node is single-owner when owners == 1.
  uint64_t owners = 1;
  Plane plane = Plane::Data;
  PlaneOrigin planeOrigin = PlaneOrigin::Default;
  std::string planeReason; ///< for PlaneOrigin::Inferred: why
  bool entry = false;      ///< `entry: customer`
  NodeId service = NoNode; ///< the service it belongs to (itself for one)
  SourceLoc loc;           ///< where it was declared
  std::optional<double> capacity; ///< requests per second, when declared
  Workload workload;       ///< meaningful for services only

  bool singleOwner() const { return owners == 1; }
};

/// Bundled edge properties. An edge declared with `via: [a, b]` becomes the
/// hops S→a→b→target; each hop carries the declaration's kind and attributes.
struct EdgeProps {
  EdgeId index = NoEdge; ///< position in Graph's edge table; stable
  EdgeKind kind = EdgeKind::Call;
  Backoff backoff = Backoff::None;
  bool jitter = false;
  uint32_t attempts = 1; ///< total tries, as declared
  /// What this hop multiplies the load by: `attempts` on a declaration's
  /// first hop, 1 on the rest of its via chain (a chain multiplies once).
  uint32_t multiplier = 1;
  uint32_t fanout = 1; ///< requests per trigger
  std::optional<double> budget;    ///< retry budget ratio
  std::optional<double> rateLimit; ///< per second
  std::optional<uint32_t> timeoutMs;
  uint32_t decl = 0; ///< the declaration this hop belongs to
  uint16_t hop = 0;  ///< 0-based position within that declaration
  SourceLoc loc;     ///< where this hop was written
};

/// One edge as the user wrote it (a `calls`/`recovers` item, an annotated
/// call): a run of consecutive hops in the edge table.
struct Declaration {
  NodeId source = NoNode; ///< the node that declared it (a service)
  NodeId target = NoNode; ///< where the last hop lands
  EdgeId firstEdge = NoEdge;
  uint16_t hopCount = 0;
  EdgeKind kind = EdgeKind::Call;
  std::string trigger; ///< `on:` of a recovery edge
  SourceLoc loc;       ///< the item as a whole

  EdgeId hopEdge(unsigned I) const { return firstEdge + I; }
  EdgeId lastEdge() const { return firstEdge + hopCount - 1; }
};

class Graph {
public:
  /// Vertices in a vector (NodeId is the vertex index), out-edges in
  /// vectors. Directed: the walks that go against edges use the compact
  /// in-edge index below, so Boost need not keep in-edge lists too. A
  /// directed adjacency_list keeps each edge's bundled properties in their
  /// own allocation, so the descriptors kept in Edges stay valid as the
  /// graph grows.
  using Impl = boost::adjacency_list<boost::vecS, boost::vecS,
                                     boost::directedS, NodeProps, EdgeProps>;

  Graph() = default;
  /// Edge descriptors point into the graph that made them, and Boost's
  /// adjacency_list has no move constructor (a move copies it), so copying
  /// or moving a Graph rebuilds the edge table over the new storage.
  Graph(const Graph &Other);
  Graph &operator=(const Graph &Other);

  /// Makes room for this many more nodes and edges (an optimisation only).
  void reserve(size_t Nodes, size_t Edges, size_t Declarations);
  /// Adds a node; its id must be new (front ends check that first).
  NodeId addNode(NodeProps P);
  /// Adds a node unless one with its id exists; then returns NoNode.
  NodeId addNodeIfNew(NodeProps P);
  /// A node a declaration's hop enters, and where that hop was written.
  using HopTarget = std::pair<NodeId, SourceLoc>;
  /// Adds declaration D from D.source through Hops in order (the last is
  /// the target); every hop takes P's attributes with D's kind and its own
  /// location. Returns the declaration's index.
  uint32_t addDeclaration(Declaration D, EdgeProps P,
                          const std::vector<HopTarget> &Hops);
  /// Starts a declaration; the hops follow with addHop, in order.
  uint32_t beginDeclaration(Declaration D);
  /// Adds the next hop of the current declaration. Sets index, decl, hop and
  /// multiplier (attempts on the first hop, 1 after).
  EdgeId addHop(NodeId From, NodeId To, EdgeProps P);

  size_t numNodes() const { return NumNodes; }
  size_t numEdges() const { return Edges.size(); }
  size_t numDeclarations() const { return Decls.size(); }

  const NodeProps &node(NodeId N) const { return G[N]; }
  NodeProps &node(NodeId N) { return G[N]; }
  const EdgeProps &edge(EdgeId E) const { return G[Edges[E]]; }
  NodeId source(EdgeId E) const { return Src[E]; }
  NodeId target(EdgeId E) const { return Dst[E]; }
  EdgeKind kind(EdgeId E) const { return Kinds[E]; }
  uint32_t multiplier(EdgeId E) const { return Multipliers[E]; }
  const Declaration &declaration(uint32_t D) const { return Decls[D]; }
  const std::vector<Declaration> &declarations() const { return Decls; }

  /// The node with this id, or NoNode.
  NodeId find(std::string_view Id) const;

  /// Calls F(EdgeId) for each edge leaving / entering N, in insertion order.
  /// Walks a compact index (built on first use after a change) rather than
  /// Boost's lists: the analyses walk every edge several times.
  template <typename Fn> void forEachOut(NodeId N, Fn &&F) const {
    const Adjacency &A = adjacency();
    for (uint32_t I = A.OutStart[N], E = A.OutStart[N + 1]; I < E; ++I)
      F(A.Out[I]);
  }
  template <typename Fn> void forEachIn(NodeId N, Fn &&F) const {
    const Adjacency &A = adjacency();
    for (uint32_t I = A.InStart[N], E = A.InStart[N + 1]; I < E; ++I)
      F(A.In[I]);
  }
  size_t inDegree(NodeId N) const {
    return adjacency().InStart[N + 1] - adjacency().InStart[N];
  }

  const Impl &impl() const { return G; }

private:
  /// Points Edges at this graph's own edges, by their stored index.
  void indexEdges();

  /// Out- and in-edges of every node as EdgeIds, grouped by node in EdgeId
  /// order (compressed sparse rows).
  struct Adjacency {
    std::vector<uint32_t> OutStart, InStart;
    std::vector<EdgeId> Out, In;
  };
  const Adjacency &adjacency() const {
    if (!AdjacencyValid)
      buildAdjacency();
    return Adj;
  }
  void buildAdjacency() const;

  Impl G;
  /// Nodes added; G may hold more vertices, made ahead by reserve().
  size_t NumNodes = 0;
  std::vector<Impl::edge_descriptor> Edges;
  // Copies of the fields every walk reads, one array each, so the hot loops
  // stay in cache instead of chasing Boost's edge list.
  std::vector<NodeId> Src, Dst;
  std::vector<EdgeKind> Kinds;
  std::vector<uint32_t> Multipliers;
  mutable Adjacency Adj;
  mutable bool AdjacencyValid = false;
  std::vector<Declaration> Decls;
  /// Node ids for the lookup table, kept in blocks that never move (a
  /// NodeProps::id may move when the vertex storage grows), so the table's
  /// keys are views and adding a node allocates nothing per id.
  class IdStore {
  public:
    std::string_view save(std::string_view S);
    /// Takes back the last save (its id was a duplicate).
    void undo(std::string_view S) { Used -= S.size(); }

  private:
    std::vector<std::unique_ptr<char[]>> Blocks;
    size_t Used = 0, Capacity = 0;
  };
  IdStore Ids;
  std::unordered_map<std::string_view, NodeId> ById;
  /// Rebuilds ById (and Ids) from the nodes, for copies.
  void indexIds();
};

} // namespace chokepoint

#endif
