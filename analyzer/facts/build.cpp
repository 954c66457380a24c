//===- analyzer/build.cpp - Facts to the graph ----------------------------===//

#include "analyzer/facts/build.h"

#include <array>
#include <unordered_map>

namespace chokepoint {

std::string_view wellKnownControlPlane(std::string_view Name) {
  static constexpr std::array<std::string_view, 7> Known = {
      "etcd", "consul", "zookeeper", "coredns", "kube-dns", "eureka", "nacos"};
  auto Separator = [](char C) {
    return C == '-' || C == '_' || (C >= '0' && C <= '9');
  };
  for (std::string_view K : Known)
    for (size_t At = Name.find(K); At != std::string_view::npos;
         At = Name.find(K, At + 1)) {
      size_t End = At + K.size();
      if ((At == 0 || Separator(Name[At - 1])) &&
          (End == Name.size() || Separator(Name[End])))
        return K;
    }
  return {};
}

namespace {

class Builder {
public:
  Builder(const std::vector<std::unique_ptr<Topology>> &Facts, Model &M,
          DiagnosticList &Diags)
      : Facts(Facts), M(M), Diags(Diags) {}

  bool run();

private:
  void addServices();
  void addEdges();
  void addScenarios();
  /// Resolves "service" or "service.component"; reports and returns NoNode
  /// if it names nothing.
  NodeId resolve(size_t File, const Name &N, std::string_view Role);
  /// The component of service SV with this name, or NoNode.
  NodeId componentOf(NodeId SV, std::string_view Name) const;
  /// Names (without the service) of SV's components, for suggestions.
  std::vector<std::string_view> componentNames(NodeId SV) const;
  std::vector<std::string_view> serviceNames() const;
  /// Calls F(file, service fact, service node) for every service that made
  /// it into the graph, in input order.
  template <typename Fn> void forEachService(Fn &&F);

  const std::vector<std::unique_ptr<Topology>> &Facts;
  Model &M;
  GraphBuilder G;
  DiagnosticList &Diags;
  /// Service node of each (file, service index).
  std::vector<std::vector<NodeId>> ServiceNode;
  /// Each service's components are consecutive nodes: the first and how
  /// many, by service node.
  std::vector<std::pair<NodeId, uint32_t>> Components;
  /// References already resolved, per file, by name id (names repeat: hubs
  /// are named by thousands of edges).
  std::vector<std::vector<NodeId>> Resolved;
};

template <typename Fn> void Builder::forEachService(Fn &&F) {
  for (size_t File = 0; File < Facts.size(); ++File) {
    const Topology &T = *Facts[File];
    for (size_t I = 0; I < T.Services.size(); ++I)
      if (ServiceNode[File][I] != NoNode)
        F(File, T.Services[I], ServiceNode[File][I]);
  }
}

NodeId Builder::componentOf(NodeId SV, std::string_view Name) const {
  auto [First, Count] = Components[SV];
  size_t Prefix = G.node(SV).id.size() + 1;
  for (NodeId C = First; C < First + Count; ++C)
    if (std::string_view(G.node(C).id).substr(Prefix) == Name)
      return C;
  return NoNode;
}

std::vector<std::string_view> Builder::componentNames(NodeId SV) const {
  std::vector<std::string_view> Names;
  auto [First, Count] = Components[SV];
  for (NodeId C = First; C < First + Count; ++C)
    Names.push_back(std::string_view(G.node(C).id).substr(G.node(SV).id.size() + 1));
  return Names;
}

std::vector<std::string_view> Builder::serviceNames() const {
  std::vector<std::string_view> Names;
  for (NodeId V = 0; V < G.numNodes(); ++V)
    if (G.node(V).type == NodeType::Service)
      Names.push_back(G.node(V).id);
  return Names;
}

void Builder::addServices() {
  ServiceNode.resize(Facts.size());
  // Services first, so component nodes of one service never come between
  // them; then each service's components.
  for (size_t F = 0; F < Facts.size(); ++F) {
    const Topology &T = *Facts[F];
    ServiceNode[F].assign(T.Services.size(), NoNode);
    for (size_t I = 0; I < T.Services.size(); ++I) {
      const ServiceFact &S = T.Services[I];
      NodeProps P;
      P.id = std::string(S.Id.Value);
      P.type = NodeType::Service;
      P.owners = S.Replicas;
      P.entry = S.Entry;
      P.loc = S.Id.Loc;
      P.workload = S.W;
      P.capacity = S.W.capacity;
      if (S.PlaneValue) {
        P.plane = *S.PlaneValue;
        P.planeOrigin = PlaneOrigin::Declared;
      } else if (std::string_view K = wellKnownControlPlane(P.id); !K.empty()) {
        P.plane = Plane::Control;
        P.planeOrigin = PlaneOrigin::Inferred;
        P.planeReason = "its name matches the well-known control-plane "
                        "service '" +
                        std::string(K) + "'";
      }
      ServiceNode[F][I] = G.addNodeIfNew(std::move(P));
      if (ServiceNode[F][I] == NoNode) {
        Diagnostic &D = Diags.error(S.Id.Loc, "service " + quote(S.Id.Value) +
                                                  " is defined twice");
        D.Notes.push_back({DiagLevel::Note, G.node(G.find(S.Id.Value)).loc,
                           "first defined here", {}});
        continue;
      }
      if (G.node(ServiceNode[F][I]).planeOrigin == PlaneOrigin::Inferred)
        M.Inferences.push_back(
            {ServiceNode[F][I],
             "'" + G.node(ServiceNode[F][I]).id +
                 "' is taken as control plane: " +
                 G.node(ServiceNode[F][I]).planeReason});
    }
  }
  Components.assign(G.numNodes(), {NoNode, 0});
  forEachService([&](size_t F, const ServiceFact &S, NodeId SV) {
    const Topology &T = *Facts[F];
    Components[SV] = {NodeId(G.numNodes()), S.ComponentCount};
    for (uint32_t C = S.ComponentBegin; C < S.ComponentBegin + S.ComponentCount;
         ++C) {
      const ComponentFact &CF = T.Components[C];
      NodeProps P;
      P.id = G.node(SV).id + "." + std::string(CF.Id.Value);
      P.type = NodeType::Component;
      P.kind = CF.Kind;
      P.owners = CF.Owners;
      P.service = SV;
      P.loc = CF.Id.Loc;
      P.capacity = CF.Capacity;
      if (CF.PlaneValue) {
        P.plane = *CF.PlaneValue;
        P.planeOrigin = PlaneOrigin::Declared;
      } else {
        P.plane = G.node(SV).plane;
        P.planeOrigin = PlaneOrigin::Inherited;
      }
      G.addNode(std::move(P));
    }
  });
}

NodeId Builder::resolve(size_t File, const Name &N, std::string_view Role) {
  std::string_view Text = N.Value;
  constexpr NodeId Unresolved = NoNode - 1;
  NodeId *Cached = nullptr;
  if (N.Id != UINT32_MAX) {
    std::vector<NodeId> &Ids = Resolved[File];
    if (Ids.empty())
      Ids.assign(Facts[File]->Texts.size(), Unresolved);
    Cached = &Ids[N.Id];
    if (*Cached != Unresolved)
      return *Cached;
  }
  NodeId V = G.find(Text);
  if (V == NoNode) {
    size_t Dot = Text.find('.');
    NodeId SV = Dot == std::string_view::npos ? NoNode
                                              : G.find(Text.substr(0, Dot));
    if (SV != NoNode && G.node(SV).type == NodeType::Service)
      V = componentOf(SV, Text.substr(Dot + 1));
  }
  if (V != NoNode) {
    if (Cached)
      *Cached = V;
    return V;
  }
  size_t Dot = Text.find('.');
  std::string_view Service = Text.substr(0, Dot);
  NodeId SV = G.find(Service);
  if (Dot == std::string_view::npos || SV == NoNode ||
      G.node(SV).type != NodeType::Service) {
    std::vector<std::string_view> Names = serviceNames();
    std::string Hint = didYouMean(Service, Names);
    // A bare component name: the user forgot its service.
    for (NodeId V = 0;
         Hint.empty() && Dot == std::string_view::npos && V < G.numNodes(); ++V)
      if (G.node(V).type == NodeType::Component &&
          std::string_view(G.node(V).id)
                  .substr(G.node(G.node(V).service).id.size() + 1) == Service)
        Hint = "; did you mean " + quote(G.node(V).id) + "?";
    Diags.error(N.Loc, "unknown service " + quote(Service) + " in " +
                           std::string(Role) + Hint);
    return NoNode;
  }
  std::string_view Component = Text.substr(Dot + 1);
  Diags.error(N.Loc, "service " + quote(Service) + " has no component " +
                         quote(Component) +
                         didYouMean(Component, componentNames(SV)));
  return NoNode;
}

void Builder::addEdges() {
  std::vector<GraphBuilder::HopTarget> Hops;
  forEachService([&](size_t F, const ServiceFact &S, NodeId SV) {
    const Topology &T = *Facts[F];
    for (uint32_t K = S.EdgeBegin; K < S.EdgeBegin + S.EdgeCount; ++K) {
      if (Diags.full())
        return;
      const EdgeFact &E = T.Edges[K];
      NodeId To = resolve(F, E.To, "'to'");
      Hops.clear();
      bool Ok = To != NoNode;
      for (uint32_t V = E.ViaBegin; V < E.ViaBegin + E.ViaCount; ++V) {
        const Name &Via = T.Via[V];
        NodeId C = componentOf(SV, Via.Value);
        if (C == NoNode) {
          Diags.error(Via.Loc, "'via' names " + quote(Via.Value) +
                                   ", which is not a component of " +
                                   quote(G.node(SV).id) +
                                   didYouMean(Via.Value, componentNames(SV)));
          Ok = false;
          continue;
        }
        Hops.push_back({C, Via.Loc});
      }
      if (!Ok)
        continue;
      Hops.push_back({To, E.To.Loc});

      Declaration D;
      D.trigger = std::string(E.Trigger);
      D.loc = E.Loc;
      D.attempts = E.Attempts;
      D.backoff = E.BackoffKind;
      D.jitter = E.Jitter;
      D.budget = E.Budget;
      D.rateLimit = E.RateLimit;
      D.timeoutMs = E.TimeoutMs;
      D.fanout = E.Fanout;
      G.addDeclaration(SV, E.Kind, std::move(D), Hops);
    }
  });
}

void Builder::addScenarios() {
  for (size_t F = 0; F < Facts.size(); ++F)
    for (const ScenarioFact &SF : Facts[F]->Scenarios) {
      Scenario S;
      S.Name = std::string(SF.Id.Value);
      S.Loc = SF.Id.Loc;
      S.WindowSeconds = SF.WindowSeconds;
      for (const auto &[N, Fraction] : SF.Fail)
        if (NodeId V = resolve(F, N, "a scenario"); V != NoNode)
          S.Fail.push_back({V, Fraction});
      M.Scenarios.push_back(std::move(S));
    }
}

bool Builder::run() {
  size_t Before = Diags.errorCount();
  size_t Nodes = 0, Edges = 0, Decls = 0;
  for (const auto &T : Facts) {
    Nodes += T->Services.size() + T->Components.size();
    Decls += T->Edges.size();
    Edges += T->Edges.size() + T->Via.size();
  }
  G.reserve(Nodes, Edges, Decls);
  Resolved.resize(Facts.size());
  addServices();
  addEdges();
  addScenarios();
  M.G = G.build();
  return Diags.errorCount() == Before;
}

} // namespace

bool buildModel(const std::vector<std::unique_ptr<Topology>> &Facts, Model &M,
                DiagnosticList &Diags) {
  return Builder(Facts, M, Diags).run();
}

} // namespace chokepoint
