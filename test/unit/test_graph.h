//===- test/unit/test_graph.h - Small graphs for unit tests -----*- C++ -*-===//
//
// Builds graphs through the real Graph API the way analyzer/facts/build.cpp does:
// services first, then components (`service.component`, inheriting the
// service's plane), then declarations whose `via` hops run through the
// declaring service's components. Every node and every edge gets a distinct
// source line (node N at line N+1, edge E at line 1000+E), so a witness hop
// read back from a Finding names exactly one edge.
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
  std::optional<double> Budget;
  std::optional<double> RateLimit;
};

class TestGraph {
public:
  Graph G;

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
    N.loc = {1, uint32_t(G.numNodes() + 1), 1};
    return G.addNode(std::move(N));
  }

  NodeId component(NodeId Service, const std::string &Name, uint64_t Owners = 1,
                   std::optional<Plane> P = {}) {
    NodeProps N;
    N.id = G.node(Service).id + "." + Name;
    N.type = NodeType::Component;
    N.kind = ComponentKind::Supervisor;
    N.owners = Owners;
    N.service = Service;
    N.plane = P.value_or(G.node(Service).plane);
    N.planeOrigin = P ? PlaneOrigin::Declared : PlaneOrigin::Inherited;
    N.loc = {1, uint32_t(G.numNodes() + 1), 1};
    return G.addNode(std::move(N));
  }

  /// A declaration From -> Via... -> To. Returns its index.
  uint32_t edge(NodeId From, NodeId To, EdgeKind K,
                const std::vector<NodeId> &Via = {}, DeclOptions O = {}) {
    Declaration D;
    D.source = From;
    D.kind = K;
    D.loc = {1, EdgeLineBase + uint32_t(G.numEdges()), 1};
    EdgeProps P;
    P.attempts = O.Attempts;
    P.backoff = O.Back;
    P.jitter = O.Jitter;
    P.budget = O.Budget;
    P.rateLimit = O.RateLimit;
    // One line per hop, so each witness hop maps back to exactly one edge.
    std::vector<Graph::HopTarget> Hops;
    for (NodeId Next : Via)
      Hops.push_back(
          {Next, {1, EdgeLineBase + uint32_t(G.numEdges() + Hops.size()), 1}});
    Hops.push_back(
        {To, {1, EdgeLineBase + uint32_t(G.numEdges() + Hops.size()), 1}});
    uint32_t Index = G.addDeclaration(std::move(D), P, Hops);
    return Index;
  }

  uint32_t call(NodeId From, NodeId To, uint32_t Attempts = 1,
                const std::vector<NodeId> &Via = {}) {
    DeclOptions O;
    O.Attempts = Attempts;
    return edge(From, To, EdgeKind::Call, Via, O);
  }
};

} // namespace chokepoint::unit

#endif
