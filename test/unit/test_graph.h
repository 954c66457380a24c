//===- test/unit/test_graph.h - Small graphs for unit tests -----*- C++ -*-===//
//
// Builds graphs through the real GraphBuilder the way analyzer/facts/build.cpp
// does: services first, then components (`service.component`, inheriting the
// service's plane), then declarations whose `via` hops run through the
// declaring service's components. Every node and every edge gets a distinct
// source line (node N at line N+1, the edge K-th in declaration order at
// line 1000+K), so a witness hop read back from a Finding names exactly one
// edge.
//
// A test may add more after looking at the graph: graph() builds again from
// everything added so far.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_TEST_UNIT_TEST_GRAPH_H
#define CHOKEPOINT_TEST_UNIT_TEST_GRAPH_H

#include "graphs/graph.h"

#include <optional>
#include <string>
#include <vector>

namespace chokepoint::unit {

inline constexpr uint32_t EdgeLineBase = 1000;

/// Guards and attempts of a declaration; everything else defaults.
struct DeclOptions {
  uint32_t Attempts = 1;
  Backoff Back = Backoff::None;
  bool Jitter = false;
  MaybeDouble Budget;
  MaybeDouble RateLimit;
  uint32_t Fanout = 1;
  std::optional<uint32_t> TimeoutMs;
};

class TestGraph {
public:
  NodeId service(const std::string &Id, uint64_t Owners = 1, bool Entry = false,
                 Plane P = Plane::Data) {
    NodeProps N;
    N.id = Id;
    N.type = NodeType::Service;
    N.owners = Owners;
    N.entry = Entry;
    N.plane = P;
    N.planeOrigin =
        P == Plane::Control ? PlaneOrigin::Declared : PlaneOrigin::Default;
    return add(std::move(N));
  }

  NodeId component(NodeId Service, const std::string &Name, uint64_t Owners = 1,
                   std::optional<Plane> P = {}) {
    NodeProps N;
    N.id = Nodes[Service].id + "." + Name;
    N.type = NodeType::Component;
    N.kind = ComponentKind::Supervisor;
    N.owners = Owners;
    N.service = Service;
    N.plane = P.value_or(Nodes[Service].plane);
    N.planeOrigin = P ? PlaneOrigin::Declared : PlaneOrigin::Inherited;
    return add(std::move(N));
  }

  /// A node added, to fill in more of it (its workload, say).
  NodeProps &node(NodeId N) {
    Built.reset();
    return Nodes[N];
  }

  /// A declaration From -> Via... -> To. Returns its index.
  uint32_t edge(NodeId From, NodeId To, EdgeKind K,
                const std::vector<NodeId> &Via = {}, DeclOptions O = {}) {
    Decl D;
    D.From = From;
    D.Kind = K;
    D.D.loc = {1, EdgeLineBase + NumEdges, 1};
    D.D.attempts = O.Attempts;
    D.D.backoff = O.Back;
    D.D.jitter = O.Jitter;
    D.D.budget = O.Budget;
    D.D.rateLimit = O.RateLimit;
    D.D.fanout = O.Fanout;
    D.D.timeoutMs = O.TimeoutMs;
    // One line per hop, so each witness hop maps back to exactly one edge.
    for (NodeId Next : Via)
      D.Hops.push_back({Next, {1, EdgeLineBase + NumEdges++, 1}});
    D.Hops.push_back({To, {1, EdgeLineBase + NumEdges++, 1}});
    Decls.push_back(std::move(D));
    Built.reset();
    return uint32_t(Decls.size() - 1);
  }

  uint32_t call(NodeId From, NodeId To, uint32_t Attempts = 1,
                const std::vector<NodeId> &Via = {}) {
    DeclOptions O;
    O.Attempts = Attempts;
    return edge(From, To, EdgeKind::Call, Via, O);
  }

  /// The graph of everything added so far. Valid until something more is
  /// added.
  const Graph &graph() {
    if (!Built)
      Built = build();
    return *Built;
  }

  /// A graph of its own of everything added so far.
  Graph build() const {
    GraphBuilder B;
    for (const NodeProps &N : Nodes)
      B.addNode(N);
    for (const Decl &D : Decls)
      B.addDeclaration(D.From, D.Kind, D.D, D.Hops);
    return B.build();
  }

private:
  NodeId add(NodeProps N) {
    N.loc = {1, uint32_t(Nodes.size() + 1), 1};
    if (N.service == NoNode)
      N.service = NodeId(Nodes.size());
    Nodes.push_back(std::move(N));
    Built.reset();
    return NodeId(Nodes.size() - 1);
  }

  struct Decl {
    NodeId From = NoNode;
    EdgeKind Kind = EdgeKind::Call;
    Declaration D;
    std::vector<GraphBuilder::HopTarget> Hops;
  };
  std::vector<NodeProps> Nodes;
  std::vector<Decl> Decls;
  uint32_t NumEdges = 0;
  std::optional<Graph> Built;
};

} // namespace chokepoint::unit

#endif
