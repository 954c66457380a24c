//===- graphs/analysis.cpp - What rules ask of a graph --------------------===//

#include "graphs/analysis.h"

#include <algorithm>

namespace chokepoint {

const std::vector<NodeId> &Analysis::entries() {
  return Entries.get([&] { return customerEntries(G); });
}

const EdgeFilter &Analysis::customerEdges() {
  return CustomerOn.get([&] { return edgesOfKinds(G, CustomerKinds); });
}

const EdgeFilter &Analysis::controlEdgeSet() {
  return ControlOn.get([&] { return controlEdges(G); });
}

const EdgeFilter &Analysis::allEdges() {
  return AllOn.get([&] { return EdgeFilter(G.numEdges(), 1); });
}

const Reach &Analysis::customer() {
  return Customer.get(
      [&] { return searchForward(G, byLoad(G, entries()), customerEdges()); });
}

bool Analysis::carriesControl(NodeId V) {
  return ControlCarriers.get([&] {
    const EdgeFilter &On = controlEdgeSet();
    std::vector<uint8_t> Carriers(G.numNodes(), 0);
    for (EdgeId E = 0; E < G.numEdges(); ++E)
      if (On[E])
        Carriers[G.target(E)] = 1;
    return Carriers;
  })[V];
}

const std::vector<uint32_t> &Analysis::recoveryDeclarations() {
  return RecoveryDecls.get([&] {
    std::vector<uint32_t> Decls;
    for (uint32_t D = 0; D < G.numDeclarations(); ++D)
      if (isRecovery(G.declarationKind(D)))
        Decls.push_back(D);
    return Decls;
  });
}

const RecoveryWalk &Analysis::recovery() {
  return Recovery.get([&] {
    return walkRecovery(G, recoveryDeclarations(), /*ChainExpands=*/true);
  });
}

Path Analysis::customerPath(NodeId V) {
  return pathFromSource(G, customer(), V);
}

Path Analysis::recoveryPath(NodeId V) { return pathTo(G, recovery(), V); }

Path Analysis::controlPath(NodeId V) {
  const EdgeFilter &On = controlEdgeSet();
  const ControlSearches &S = Control.get([&] {
    // Lookups start where control-plane traffic leaves a node that none
    // arrives at; control-plane nodes are where it ends.
    std::vector<NodeId> Origins, Planes;
    for (NodeId X = 0; X < G.numNodes(); ++X) {
      bool Out = false, In = false;
      G.forEachOut(X, [&](EdgeId E) { Out |= On[E] != 0; });
      G.forEachIn(X, [&](EdgeId E) { In |= On[E] != 0; });
      if (Out && !In)
        Origins.push_back(X);
      if (G.node(X).plane == Plane::Control)
        Planes.push_back(X);
    }
    return ControlSearches{searchForward(G, byLoad(G, Origins), On),
                           searchBackward(G, Planes, On)};
  });
  Path P;
  if (S.FromOrigins.reached(V) && S.FromOrigins.Dist[V] > 0) {
    P = pathFromSource(G, S.FromOrigins, V);
  } else {
    // Inside a cycle of lookups no origin exists: show the incoming edge
    // from the node that carries the most load.
    EdgeId First = NoEdge;
    G.forEachIn(V, [&](EdgeId E) {
      if (On[E] &&
          (First == NoEdge || carriesMore(G, G.source(E), G.source(First))))
        First = E;
    });
    if (First == NoEdge)
      return {};
    P.Start = G.source(First);
    P.Hops.push_back(First);
  }
  if (S.ToPlane.reached(V)) {
    Path Rest = pathToSource(G, S.ToPlane, V);
    P.Hops.insert(P.Hops.end(), Rest.Hops.begin(), Rest.Hops.end());
  }
  return P;
}

namespace {
/// The dependency search from every node that Is, most load first.
template <typename Pred>
DependencySearch dependenciesFrom(const Graph &G, Pred &&Is) {
  std::vector<NodeId> Sources;
  for (NodeId V = 0; V < G.numNodes(); ++V)
    if (Is(V))
      Sources.push_back(V);
  return searchDependencies(G, byLoad(G, std::move(Sources)));
}
} // namespace

const DependencySearch &Analysis::customerDependencies() {
  return CustomerDeps.get([&] {
    return dependenciesFrom(G, [&](NodeId V) { return carriesCustomer(V); });
  });
}

const DependencySearch &Analysis::recoveryDependencies() {
  return RecoveryDeps.get([&] {
    return dependenciesFrom(G, [&](NodeId V) { return onRecoveryPath(V); });
  });
}

std::vector<SourceCount>
Analysis::countDependents(const std::vector<NodeId> &Sources,
                          const std::vector<NodeId> &Targets) {
  const DependencyIndex &D = Dependency.get([&] {
    EdgeFilter On(G.numEdges(), 0);
    for (EdgeId E = 0; E < G.numEdges(); ++E)
      On[E] = G.kind(E) == EdgeKind::Lookup || isTraffic(G.kind(E));
    Components SCC = stronglyConnected(G, On);
    return DependencyIndex{std::move(On), std::move(SCC)};
  });
  // A dependency path starts with a lookup: each source marks the targets
  // of its lookups, and the marks travel on from there.
  ReachQuery Q;
  Q.On = &D.On;
  Q.SCC = &D.SCC;
  for (NodeId S : Sources) {
    G.forEachOut(S, [&](EdgeId E, NodeId T) {
      if (G.kind(E) == EdgeKind::Lookup)
        Q.Seeds.push_back({T, Q.NumSources, true});
    });
    ++Q.NumSources;
  }
  return countSourcesBounded(G, Q, Targets);
}

std::vector<SourceCount>
Analysis::countEntries(const std::vector<NodeId> &Targets) {
  ReachQuery Q;
  Q.On = &customerEdges();
  Q.SCC = &customerComponents();
  for (NodeId E : entries())
    Q.Seeds.push_back({E, Q.NumSources++, true});
  return countSourcesBounded(G, Q, Targets);
}

std::vector<SourceCount>
Analysis::countControlNodes(const std::vector<NodeId> &Targets) {
  ReachQuery Q;
  Q.On = &controlEdgeSet();
  Q.Backward = true;
  Q.SCC =
      &ControlSCC.get([&] { return stronglyConnected(G, controlEdgeSet()); });
  for (NodeId V = 0; V < G.numNodes(); ++V)
    if (G.node(V).plane == Plane::Control)
      Q.Seeds.push_back({V, Q.NumSources++, true});
  return countSourcesBounded(G, Q, Targets);
}

ReachQuery Analysis::declarationQuery(const std::vector<uint32_t> &Decls,
                                      bool ChainExpands) {
  // A declaration marks every hop's target; marks travel on over traffic
  // edges from the nodes where they expand, and stop at single owners.
  const WalkIndex &W = Walk.get([&] {
    EdgeFilter TrafficOn = edgesOfKinds(G, TrafficKinds);
    std::vector<uint8_t> SingleOwners(G.numNodes());
    for (NodeId V = 0; V < G.numNodes(); ++V)
      SingleOwners[V] = G.node(V).singleOwner();
    EdgeFilter TravelsOn = TrafficOn;
    for (EdgeId E = 0; E < G.numEdges(); ++E)
      TravelsOn[E] = TravelsOn[E] && !SingleOwners[G.source(E)];
    Components SCC = stronglyConnected(G, TravelsOn);
    return WalkIndex{std::move(TrafficOn), std::move(SingleOwners),
                     std::move(SCC)};
  });
  ReachQuery Q;
  Q.On = &W.TrafficOn;
  Q.Blocks = &W.SingleOwners;
  Q.SCC = &W.SCC;
  for (uint32_t D : Decls) {
    std::span<const EdgeId> Hops = G.hops(D);
    for (unsigned I = 0; I < Hops.size(); ++I)
      Q.Seeds.push_back({G.target(Hops[I]), Q.NumSources,
                         ChainExpands || I + 1 == Hops.size()});
    ++Q.NumSources;
  }
  return Q;
}

std::vector<SourceCount>
Analysis::countDeclarations(const std::vector<uint32_t> &Decls,
                            bool ChainExpands,
                            const std::vector<NodeId> &Targets) {
  return countSourcesBounded(G, declarationQuery(Decls, ChainExpands), Targets);
}

std::vector<uint32_t> Analysis::heaviestDeclaration(
    const std::vector<uint32_t> &Decls, const std::vector<uint64_t> &Weights,
    bool ChainExpands, const std::vector<NodeId> &Targets) {
  std::vector<uint32_t> Best = heaviestSource(
      G, declarationQuery(Decls, ChainExpands), Weights, Targets);
  for (uint32_t &B : Best)
    if (B != UINT32_MAX)
      B = Decls[B];
  return Best;
}

const Components &Analysis::allComponents() {
  return All.get([&] { return stronglyConnected(G, allEdges()); });
}

const Components &Analysis::customerComponents() {
  return CustomerSCC.get([&] { return stronglyConnected(G, customerEdges()); });
}

const Amplification &Analysis::amplification() {
  return Amp.get([&] { return amplify(G, customer(), customerComponents()); });
}

std::string_view Analysis::keep(std::string Text) {
  std::lock_guard<std::mutex> Hold(KeptLock);
  return *Kept.insert(std::move(Text)).first; // nodes never move
}

void Analysis::releaseRuleFacts() {
  // Kept: Customer, Recovery and ControlCarriers (the report's flows).
  Entries.reset();
  CustomerOn.reset();
  ControlOn.reset();
  AllOn.reset();
  CustomerDeps.reset();
  RecoveryDeps.reset();
  Dependency.reset();
  RecoveryDecls.reset();
  Control.reset();
  All.reset();
  CustomerSCC.reset();
  ControlSCC.reset();
  Walk.reset();
  Amp.reset();
}

NodeId Analysis::nearestToEntry(const Components &SCC, uint32_t C) {
  const Reach &R = customer();
  NodeId Best = NoNode;
  for (uint32_t I = SCC.Start[C]; I < SCC.Start[C + 1]; ++I) {
    NodeId V = SCC.Members[I];
    if (Best == NoNode)
      Best = V;
    else if (R.Dist[V] != R.Dist[Best] ? R.Dist[V] < R.Dist[Best]
                                       : G.node(V).id < G.node(Best).id)
      Best = V;
  }
  return Best;
}

} // namespace chokepoint
