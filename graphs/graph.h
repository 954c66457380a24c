//===- graphs/graph.h - The recovery graph ----------------------*- C++ -*-===//
//
// The one graph every front end builds and every rule reads: services,
// components and functions joined by traffic, control-plane and recovery
// edges (SPEC §1). This header owns the Boost.Graph type, its bundled edge
// properties and the node properties kept beside its rows; nothing here
// knows about YAML or clang.
//
// A GraphBuilder collects the nodes and declarations of every input; build()
// then makes the Graph in one go. The Graph has no mutators: it is a
// bidirectional compressed_sparse_row_graph that our walks (through
// forEachOut, forEachIn, source, target, kind, multiplier) and Boost's
// algorithms (through impl()) read alike. docs/design.md, "The graph", says
// why it is this one.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_GRAPH_H
#define CHOKEPOINT_GRAPHS_GRAPH_H

#include "graphs/kinds.h"
#include "graphs/location.h"
#include "graphs/maybe.h"
#include "graphs/spelling.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace chokepoint {

using NodeId = uint32_t;
/// An edge's position in the graph's compressed sparse rows, where edges are
/// grouped by source node (each node's in the order they were declared).
/// Outputs list edges in declaration order instead: Graph::edgesInOrder().
using EdgeId = uint32_t;
inline constexpr NodeId NoNode = UINT32_MAX;
inline constexpr EdgeId NoEdge = UINT32_MAX;

/// Properties of a deployable workload (services only). Unset optionals mean
/// the input did not say; rules apply the SPEC's defaults.
struct Workload {
  bool stateful = false;
  bool drainGuard = false;
  std::optional<double> drainSeconds;
  std::optional<double> graceSeconds; ///< default 30, as in Kubernetes
  std::optional<uint64_t> population; ///< entities it holds (sessions, ...)
  std::string zone;
  SourceLoc drainLoc; ///< where drain_seconds was written: drain-timeout
                      ///< points there
  /// Read from Kubernetes manifests: messages name Kubernetes' guards.
  bool kubernetes = false;
};

/// Bundled vertex properties.
struct NodeProps {
  std::string id; ///< stable id, used in every output
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
  Workload workload;              ///< meaningful for services only

  /// A function runs in every instance of its service: never single-owner
  /// on its own (SPEC §1), whatever its service's replicas.
  bool singleOwner() const { return owners == 1 && type != NodeType::Function; }
};

/// Bundled edge properties: what differs from one hop of a declaration to
/// the next. What every hop shares is its Declaration's, stored once. The
/// walks read a bundle for every edge they pass, so it is kept small.
struct EdgeProps {
  /// Its declaration's kind. Kept on the hop, not the declaration: the
  /// walks filter every edge by kind, and one load from the bundle beats
  /// two through the declaration.
  EdgeKind kind = EdgeKind::Call;
  uint16_t hop = 0; ///< 0-based position within its declaration
  /// What this hop multiplies the load by: its declaration's attempts on
  /// the first hop, 1 on the rest of a via chain (a chain multiplies once).
  /// Kept on the hop for the same reason as kind.
  uint32_t multiplier = 1;
  uint32_t decl = 0; ///< the declaration this hop belongs to
  SourceLoc loc;     ///< where this hop was written
};

/// One edge as the user wrote it (a `calls`/`recovers` item, an annotated
/// call). Declared with `via: [a, b]` from S, it is the hops S→a→b→target,
/// each an edge of the graph (Graph::hops); these attributes hold for every
/// one of them.
struct Declaration {
  uint32_t attempts = 1; ///< total tries, as declared
  Backoff backoff = Backoff::None;
  bool jitter = false;
  uint32_t fanout = 1;             ///< requests per trigger
  MaybeDouble budget;              ///< retry budget ratio
  MaybeDouble rateLimit;           ///< per second
  std::optional<uint32_t> timeoutMs;
  /// `on:` of a recovery edge. The graph keeps one copy of each distinct
  /// trigger (a million declarations hold a handful): addDeclaration
  /// copies the text it is given into the graph.
  std::string_view trigger;
  SourceLoc loc; ///< the item as a whole
};

/// Node ids to nodes: an open-addressing table of NodeIds that compares ids
/// through the nodes themselves (anything Nodes[NodeId] gives a NodeProps
/// of). It holds no copy of an id, and as it holds NodeIds, not addresses,
/// the builder hands it over as it is when the nodes move into the graph.
class IdIndex {
public:
  void reserve(size_t Count);

  /// The node with this id, or NoNode.
  template <typename Nodes>
  NodeId find(std::string_view Id, const Nodes &Ns) const {
    if (Slots.empty())
      return NoNode;
    uint32_t H = hash(Id);
    for (size_t I = H & mask();; I = (I + 1) & mask()) {
      const Slot &S = Slots[I];
      if (S.Node == NoNode)
        return NoNode;
      if (S.Hash == H && Ns[S.Node].id == Id)
        return S.Node;
    }
  }

  /// Adds node N, whose id is Id, unless a node with that id is there.
  /// Returns that node, or N. N need not be in Ns yet.
  template <typename Nodes>
  NodeId insert(NodeId N, std::string_view Id, const Nodes &Ns) {
    if (2 * (Count + 1) > Slots.size())
      grow(Count + 1);
    uint32_t H = hash(Id);
    for (size_t I = H & mask();; I = (I + 1) & mask()) {
      Slot &S = Slots[I];
      if (S.Node == NoNode) {
        S = {H, N};
        ++Count;
        return N;
      }
      if (S.Hash == H && Ns[S.Node].id == Id)
        return S.Node;
    }
  }

private:
  struct Slot {
    uint32_t Hash = 0;
    NodeId Node = NoNode;
  };
  static uint32_t hash(std::string_view S) {
    return uint32_t(std::hash<std::string_view>()(S));
  }
  size_t mask() const { return Slots.size() - 1; }
  /// Makes room for Needed ids, keeping the table at most half full.
  void grow(size_t Needed);

  std::vector<Slot> Slots; ///< a power of two of them, or none
  size_t Count = 0;
};

class GraphBuilder;

/// The graph, immutable once built. NodeId is the vertex index, EdgeId the
/// edge index of the compressed sparse rows.
class Graph {
public:
  using Impl =
      boost::compressed_sparse_row_graph<boost::bidirectionalS,
                                         boost::no_property, EdgeProps,
                                         boost::no_property, NodeId, EdgeId>;

  /// The empty graph.
  Graph() = default;
  /// A graph holds every node and edge of a run: it is moved, never copied.
  Graph(Graph &&) = default;
  Graph &operator=(Graph &&) = default;
  Graph(const Graph &) = delete;
  Graph &operator=(const Graph &) = delete;

  size_t numNodes() const { return boost::num_vertices(G); }
  size_t numEdges() const { return boost::num_edges(G); }
  /// How many edges leave / enter N, of every kind.
  uint32_t outDegree(NodeId N) const { return boost::out_degree(N, G); }
  uint32_t inDegree(NodeId N) const { return boost::in_degree(N, G); }
  size_t numDeclarations() const { return Decls.size(); }

  const NodeProps &node(NodeId N) const { return Nodes[N]; }
  const EdgeProps &edge(EdgeId E) const { return G[descriptor(E)]; }
  NodeId source(EdgeId E) const { return Sources[E]; }
  NodeId target(EdgeId E) const { return boost::target(descriptor(E), G); }
  EdgeKind kind(EdgeId E) const { return edge(E).kind; }
  uint32_t multiplier(EdgeId E) const { return edge(E).multiplier; }

  const Declaration &declaration(uint32_t D) const { return Decls[D]; }
  /// The hops of declaration D, in order: D's edges.
  std::span<const EdgeId> hops(uint32_t D) const {
    return {InOrder.data() + HopStart[D], InOrder.data() + HopStart[D + 1]};
  }
  /// The node that declared D: where its first hop leaves.
  NodeId declarer(uint32_t D) const { return source(hops(D).front()); }
  /// D's kind, which each of its hops carries.
  EdgeKind declarationKind(uint32_t D) const { return kind(hops(D).front()); }

  /// Every edge in declaration order, hop by hop: how outputs list edges.
  std::span<const EdgeId> edgesInOrder() const { return InOrder; }
  /// E's place in edgesInOrder(). Ties between edges are broken by it, not
  /// by EdgeId, so a witness path does not depend on how the rows are laid
  /// out, and the first declared edge wins, as a reader expects.
  uint32_t orderOf(EdgeId E) const {
    const EdgeProps &P = edge(E);
    return HopStart[P.decl] + P.hop;
  }

  /// The node with this id, or NoNode.
  NodeId find(std::string_view Id) const;

  /// Calls F(EdgeId) for each edge leaving / entering N, in declaration
  /// order; or F(EdgeId, NodeId) with the edge's other end, which the rows
  /// hold right there (a walk that only wants the neighbour then reads no
  /// other array).
  template <typename Fn> void forEachOut(NodeId N, Fn &&F) const {
    for (auto [I, End] = boost::out_edges(N, G); I != End; ++I)
      visit(F, boost::get(boost::edge_index, G, *I),
            [&] { return boost::target(*I, G); });
  }
  template <typename Fn> void forEachIn(NodeId N, Fn &&F) const {
    for (auto [I, End] = boost::in_edges(N, G); I != End; ++I)
      visit(F, boost::get(boost::edge_index, G, *I),
            [&] { return boost::source(*I, G); });
  }

  /// For Boost's algorithms. Its vertex and edge indices are NodeId and
  /// EdgeId.
  const Impl &impl() const { return G; }

private:
  friend class GraphBuilder;
  template <typename Fn, typename OtherFn>
  static void visit(Fn &F, EdgeId E, OtherFn &&Other) {
    if constexpr (std::is_invocable_v<Fn &, EdgeId, NodeId>)
      F(E, NodeId(Other()));
    else
      F(E);
  }
  /// The descriptor Boost's accessors take. They read only its index, so
  /// where the source is not needed the compiler drops its load.
  Impl::edge_descriptor descriptor(EdgeId E) const { return {Sources[E], E}; }

  Impl G;
  /// The nodes' properties, by NodeId. Beside the rows, not bundled in
  /// them: Boost's constructor would make a blank bundle for every node
  /// while the builder's were still held, two copies at the peak.
  std::vector<NodeProps> Nodes;
  /// Each edge's source. The rows keep only targets (a source would be a
  /// binary search of the row starts away); the walks that turn parent
  /// edges back into paths need it at once.
  std::vector<NodeId> Sources;
  std::vector<Declaration> Decls;
  /// Every edge in declaration order; declaration D's hops are
  /// InOrder[HopStart[D]] .. InOrder[HopStart[D + 1] - 1]. The rows group
  /// edges by source, which scatters a via chain's hops.
  std::vector<EdgeId> InOrder;
  std::vector<uint32_t> HopStart;
  IdIndex Ids;
  /// The one copy of each distinct trigger the declarations view (a deque:
  /// its strings never move, not even when the graph does).
  std::deque<std::string> Triggers;
};

/// Collects nodes and declarations, then builds the Graph once everything is
/// in. analyzer/facts/build.cpp adds the merged facts' services, then their
/// components, then every declaration; the unit tests build small graphs the
/// same way.
class GraphBuilder {
public:
  /// Makes room for this many more nodes, edges and declarations (an
  /// optimisation only).
  void reserve(size_t Nodes, size_t Edges, size_t Declarations);

  /// Adds a node; its id must be new (front ends check that first). A node
  /// that names no service is its own.
  NodeId addNode(NodeProps P);
  /// Adds a node unless one with its id exists; then returns NoNode.
  NodeId addNodeIfNew(NodeProps P);
  /// The node with this id, or NoNode.
  NodeId find(std::string_view Id) const;
  size_t numNodes() const { return Nodes.size(); }
  size_t numEdges() const { return Ends.size(); }
  const NodeProps &node(NodeId N) const { return Nodes[N]; }
  /// A node added, to fill in more of it (not its id: nodes are found by
  /// it).
  NodeProps &node(NodeId N) { return Nodes[N]; }

  /// A node a declaration's hop enters, and where that hop was written.
  using HopTarget = std::pair<NodeId, SourceLoc>;
  /// Adds declaration D, of kind Kind, from node From through Hops in order
  /// (the last is its target; there is at least one). Each hop is an edge
  /// with its own location; D's trigger is copied. Returns the declaration's
  /// index.
  uint32_t addDeclaration(NodeId From, EdgeKind Kind, Declaration D,
                          std::span<const HopTarget> Hops);

  /// The graph of everything added; the builder is left empty.
  Graph build();

private:
  std::vector<NodeProps> Nodes;
  IdIndex Ids;
  /// Each edge's ends and bundle, in declaration order.
  std::vector<std::pair<NodeId, NodeId>> Ends;
  std::vector<EdgeProps> Props;
  std::vector<Declaration> Decls;
  std::vector<uint32_t> HopStart{0};
  std::deque<std::string> Triggers;
  std::unordered_set<std::string_view> TriggerIndex;
};

} // namespace chokepoint

#endif
