//===- graphs/graph.cpp - The recovery graph ------------------------------===//

#include "graphs/graph.h"

#include <cassert>

namespace chokepoint {

void IdIndex::reserve(size_t Needed) {
  if (2 * Needed > Slots.size())
    grow(Needed);
}

void IdIndex::grow(size_t Needed) {
  size_t Size = 16;
  while (Size < 2 * Needed)
    Size *= 2;
  std::vector<Slot> Old(Size);
  Old.swap(Slots);
  for (const Slot &S : Old)
    if (S.Node != NoNode) {
      size_t I = S.Hash & mask();
      while (Slots[I].Node != NoNode)
        I = (I + 1) & mask();
      Slots[I] = S;
    }
}

NodeId Graph::find(std::string_view Id) const { return Ids.find(Id, Nodes); }

void GraphBuilder::reserve(size_t MoreNodes, size_t MoreEdges,
                           size_t MoreDeclarations) {
  Nodes.reserve(Nodes.size() + MoreNodes);
  Ids.reserve(Nodes.size() + MoreNodes);
  Ends.reserve(Ends.size() + MoreEdges);
  Props.reserve(Props.size() + MoreEdges);
  Decls.reserve(Decls.size() + MoreDeclarations);
  HopStart.reserve(HopStart.size() + MoreDeclarations);
}

NodeId GraphBuilder::addNode(NodeProps P) {
  NodeId N = addNodeIfNew(std::move(P));
  assert(N != NoNode && "node ids are unique");
  return N;
}

NodeId GraphBuilder::addNodeIfNew(NodeProps P) {
  NodeId N = NodeId(Nodes.size());
  if (Ids.insert(N, P.id, Nodes) != N)
    return NoNode;
  if (P.service == NoNode)
    P.service = N;
  Nodes.push_back(std::move(P));
  return N;
}

NodeId GraphBuilder::find(std::string_view Id) const {
  return Ids.find(Id, Nodes);
}

uint32_t GraphBuilder::addDeclaration(NodeId From, EdgeKind Kind, Declaration D,
                                      std::span<const HopTarget> Hops) {
  assert(!Hops.empty() && "a declaration has a target");
  uint32_t Index = uint32_t(Decls.size());
  EdgeProps P;
  P.kind = Kind;
  P.decl = Index;
  for (const auto &[To, Loc] : Hops) {
    P.multiplier = P.hop == 0 ? D.attempts : 1;
    P.loc = Loc;
    Ends.emplace_back(From, To);
    Props.push_back(P);
    ++P.hop;
    From = To;
  }
  if (!D.trigger.empty()) {
    auto It = TriggerIndex.find(D.trigger);
    if (It == TriggerIndex.end())
      It = TriggerIndex.insert(Triggers.emplace_back(D.trigger)).first;
    D.trigger = *It;
  }
  Decls.push_back(D);
  HopStart.push_back(uint32_t(Ends.size()));
  return Index;
}

Graph GraphBuilder::build() {
  Graph Out;
  size_t N = Nodes.size(), M = Ends.size();
  // Boost sorts the edges into rows by source, stably: each node's out-edges
  // stay in declaration order.
  Out.G = Graph::Impl(boost::edges_are_unsorted_multi_pass, Ends.begin(),
                      Ends.end(), Props.begin(), N);
  Ends = {};
  Props = {};
  Out.Nodes = std::move(Nodes);
  Nodes = {};
  Out.Ids = std::move(Ids);
  Ids = {};

  Out.Decls = std::move(Decls);
  Out.Triggers = std::move(Triggers);
  Triggers = {};
  TriggerIndex = {};
  Out.HopStart = std::move(HopStart);
  Out.Sources.resize(M);
  Out.InOrder.resize(M);
  for (NodeId V = 0; V < N; ++V)
    for (auto [I, End] = boost::out_edges(V, Out.G); I != End; ++I) {
      EdgeId E = boost::get(boost::edge_index, Out.G, *I);
      const EdgeProps &P = Out.G[*I];
      Out.Sources[E] = V;
      Out.InOrder[Out.HopStart[P.decl] + P.hop] = E;
    }

  // Boost lists each node's in-edges in row order, i.e. by source. List
  // them in declaration order, as the out-edges are: the walks that go
  // against the edges then break ties the same way in both directions (the
  // first declared edge wins). Boost's own routine does it, on the
  // backward rows its CSR graph keeps as a public member (no constructor
  // takes their order); an in-edge's bundle there is its EdgeId.
  {
    std::vector<std::pair<NodeId, NodeId>> Reversed(M);
    for (uint32_t K = 0; K < M; ++K) {
      EdgeId E = Out.InOrder[K];
      Reversed[K] = {Out.target(E), Out.Sources[E]};
    }
    Out.G.m_backward.assign_unsorted_multi_pass_edges(
        Reversed.begin(), Reversed.end(), Out.InOrder.begin(), N,
        boost::typed_identity_property_map<NodeId>(), boost::keep_all());
  }

  Decls = {};
  HopStart = {0};
  return Out;
}

} // namespace chokepoint
