//===- analyzer/facts/build.cpp - Facts to the graph ----------------------===//

#include "analyzer/facts/build.h"

#include "analyzer/facts/code_graph.h"

#include "llvm/ADT/SmallVector.h"

#include <array>
#include <charconv>
#include <span>
#include <unordered_map>
#include <unordered_set>

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

bool selects(const LabelSelector &Selector, const Labels &L) {
  if (Selector.empty())
    return false;
  auto Find = [&](std::string_view Key) -> const std::string_view * {
    for (const auto &[K, V] : L)
      if (K == Key)
        return &V;
    return nullptr;
  };
  for (const auto &[K, V] : Selector.MatchLabels) {
    const std::string_view *Have = Find(K);
    if (!Have || *Have != V)
      return false;
  }
  for (const LabelSelector::Expression &E : Selector.MatchExpressions) {
    const std::string_view *Have = Find(E.Key);
    bool In = Have && std::find(E.Values.begin(), E.Values.end(), *Have) !=
                          E.Values.end();
    bool Holds = E.Operator == LabelSelector::Op::In       ? In
                 : E.Operator == LabelSelector::Op::NotIn  ? !In
                 : E.Operator == LabelSelector::Op::Exists ? Have != nullptr
                                                           : Have == nullptr;
    if (!Holds)
      return false;
  }
  return true;
}

namespace {

//===----------------------------------------------------------------------===//
// Showing fact values in messages
//===----------------------------------------------------------------------===//

std::string show(uint64_t V) { return std::to_string(V); }
std::string show(double V) {
  char Buf[32];
  auto [End, Ec] = std::to_chars(Buf, Buf + sizeof Buf, V);
  return std::string(Buf, Ec == std::errc() ? End : Buf);
}
std::string show(bool V) { return V ? "true" : "false"; }
std::string show(std::string_view V) { return quote(V); }
template <typename E>
requires std::is_enum_v<E> std::string show(E V) {
  return std::string(name(V));
}

/// Where a service or component is described: the file (its index in the
/// FactSet) and the fact's index there.
struct Part {
  uint32_t File;
  uint32_t Index;
};

/// The labelled objects of a run, indexed so that a selector looks only at
/// the objects of its namespace that carry its first matchLabels pair:
/// thousands of Services over thousands of workloads stay linear.
class LabelIndex {
public:
  explicit LabelIndex(const FactSet &Facts) {
    for (uint32_t F = 0; F < Facts.size(); ++F) {
      const Topology &T = *Facts[F];
      for (uint32_t I = 0; I < T.Labelled.size(); ++I) {
        const LabelledFact &L = T.Labelled[I];
        std::string_view Ns = T.Services[L.Service].Namespace;
        ByNamespace[std::string(Ns)].push_back({F, I});
        for (const auto &[K, V] : L.Labels)
          ByLabel[key(Ns, K, V)].push_back({F, I});
      }
    }
  }

  /// Calls F(file, labelled fact) for each object in Namespace that
  /// Selector selects, in input order.
  template <typename Fn>
  void forEachSelected(const FactSet &Facts, std::string_view Namespace,
                       const LabelSelector &Selector, Fn &&F) const {
    if (Selector.empty())
      return;
    const std::vector<Part> *Candidates = nullptr;
    if (!Selector.MatchLabels.empty()) {
      const auto &[K, V] = Selector.MatchLabels.front();
      auto It = ByLabel.find(key(Namespace, K, V));
      Candidates = It == ByLabel.end() ? nullptr : &It->second;
    } else if (auto It = ByNamespace.find(std::string(Namespace));
               It != ByNamespace.end()) {
      Candidates = &It->second;
    }
    if (!Candidates)
      return;
    for (const Part &P : *Candidates) {
      const LabelledFact &L = Facts[P.File]->Labelled[P.Index];
      if (selects(Selector, L.Labels))
        F(P.File, L);
    }
  }

private:
  static std::string key(std::string_view Ns, std::string_view K,
                         std::string_view V) {
    std::string S(Ns);
    S += '\0';
    S += K;
    S += '\0';
    S += V;
    return S;
  }
  std::unordered_map<std::string, std::vector<Part>> ByNamespace, ByLabel;
};

} // namespace

//===----------------------------------------------------------------------===//
// Relations
//===----------------------------------------------------------------------===//

void resolveRelations(FactSet &Facts, DiagnosticList &Diags) {
  // Workloads by (namespace, kind, name), for autoscaler targets.
  struct Key {
    std::string_view Namespace, Kind, Name;
    bool operator==(const Key &) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key &K) const {
      std::hash<std::string_view> H;
      return H(K.Namespace) ^ (H(K.Kind) * 31) ^ (H(K.Name) * 1009);
    }
  };
  std::unordered_map<Key, Part, KeyHash> ByName;
  bool Any = false;
  for (uint32_t F = 0; F < Facts.size(); ++F) {
    const Topology &T = *Facts[F];
    Any |= !T.Relations.empty();
    for (const LabelledFact &L : T.Labelled) {
      const ServiceFact &S = T.Services[L.Service];
      ByName.try_emplace({S.Namespace, L.Kind, S.Id.Value}, Part{F, L.Service});
    }
  }
  if (!Any)
    return;
  std::optional<LabelIndex> Index;
  auto Set = [&](Fact<uint64_t> &Into, const Fact<uint64_t> &From,
                 std::string_view Service, std::string_view What) {
    if (Into && *Into != *From) {
      Diagnostic &D =
          Diags.error(From.loc(), "service " + quote(Service) + " is given " +
                                      std::string(What) + " " + show(*From) +
                                      " here but " + show(*Into) + " before");
      D.Notes.push_back({DiagLevel::Note,
                         Into.loc(),
                         std::string(What) + " " + show(*Into) + " given here",
                         {}});
      return;
    }
    Into.set(*From, From.loc());
  };
  for (auto &TP : Facts)
    for (const RelationFact &R : TP->Relations) {
      if (R.K == RelationFact::Kind::Scales) {
        auto It = ByName.find({R.Namespace, R.TargetKind, R.Target.Value});
        if (It == ByName.end()) {
          Diags.error(R.Target.Loc, "no " + std::string(R.TargetKind) + " " +
                                        quote(R.Target.Value) +
                                        " in the inputs for " +
                                        quote(R.Id.Value) + " to scale");
          continue;
        }
        ServiceFact &S = Facts[It->second.File]->Services[It->second.Index];
        if (R.MinReplicas)
          Set(S.MinReplicas, R.MinReplicas, S.Id.Value, "an autoscaler floor");
        continue;
      }
      if (R.K != RelationFact::Kind::Guards)
        continue; // Selects: resolved with the references, in buildModel
      if (!Index)
        Index.emplace(Facts);
      Index->forEachSelected(Facts, R.Namespace, R.Selector,
                             [&](uint32_t File, const LabelledFact &L) {
                               ServiceFact &S =
                                   Facts[File]->Services[L.Service];
                               if (!S.DrainGuard)
                                 S.DrainGuard.set(true, R.Id.Loc);
                             });
    }
}

//===----------------------------------------------------------------------===//
// Merge and build
//===----------------------------------------------------------------------===//

namespace {

/// One service as every source describes it. Most services are described
/// once: their record points at that fact and copies nothing. A second
/// description makes a merged copy of the fields and of the components.
struct ServiceRecord {
  llvm::SmallVector<Part, 1> Parts;
  const ServiceFact *First = nullptr;
  const Topology *FirstFile = nullptr;
  struct MergedFacts {
    ServiceFact Fields; ///< ranges unused
    std::vector<ComponentFact> Components;
  };
  std::unique_ptr<MergedFacts> Merged;
  NodeId Node = NoNode;

  const ServiceFact &fields() const { return Merged ? Merged->Fields : *First; }
  std::span<const ComponentFact> components() const {
    if (Merged)
      return Merged->Components;
    return {FirstFile->Components.data() + First->ComponentBegin,
            First->ComponentCount};
  }
};

class Builder {
public:
  Builder(const FactSet &Facts, Model &M, DiagnosticList &Diags)
      : Facts(Facts), M(M), Diags(Diags) {}

  bool run();

private:
  void mergeServices();
  /// Combines one more description of a field: the first value stands, a
  /// different one later is an error at both places.
  template <typename T>
  void mergeField(Fact<T> &Into, const Fact<T> &From, std::string_view Key,
                  const std::string &Owner, std::string_view FirstTopology,
                  std::string_view Topology);
  /// Adds another description S (from T) to R.
  void mergeService(ServiceRecord &R, const ServiceFact &S, const Topology &T);
  void mergeComponent(ComponentFact &Into, const ComponentFact &C,
                      const std::string &Owner, std::string_view FirstTopology,
                      std::string_view Topology);
  void addServices();
  void addComponents();
  void addEdges();
  void addScenarios();
  /// The nodes a reference names: "service", "service.component", or a
  /// name that selects workloads (several nodes). Reports and returns none
  /// if it names nothing.
  llvm::SmallVector<NodeId, 1> resolve(size_t File, const Name &N,
                                       std::string_view Namespace,
                                       std::string_view Role);
  NodeId resolveNode(std::string_view Text) const;
  void reportUnresolved(const Name &N, std::string_view Role);
  /// The component of service SV with this name, or NoNode.
  NodeId componentOf(NodeId SV, std::string_view Name) const;
  /// Names (without the service) of SV's components, for suggestions.
  std::vector<std::string_view> componentNames(NodeId SV) const;
  std::vector<std::string_view> serviceNames() const;

  const FactSet &Facts;
  Model &M;
  GraphBuilder G;
  DiagnosticList &Diags;
  std::vector<ServiceRecord> Services; ///< in order of first description
  std::unordered_map<std::string_view, uint32_t> ServiceIndex;
  /// Each service's components are consecutive nodes: the first and how
  /// many, by service node.
  std::vector<std::pair<NodeId, uint32_t>> ComponentNodes;
  /// References already resolved to one node, per file, by name id (names
  /// repeat: hubs are named by thousands of edges).
  std::vector<std::vector<NodeId>> Resolved;
  /// What each name that selects workloads stands for, by namespace and
  /// name ("ns\0name"): their nodes, in input order.
  std::unordered_map<std::string, llvm::SmallVector<NodeId, 1>> Selected;
  void addSelections();
};

template <typename T>
void Builder::mergeField(Fact<T> &Into, const Fact<T> &From,
                         std::string_view Key, const std::string &Owner,
                         std::string_view FirstTopology,
                         std::string_view Topology) {
  if (!From)
    return;
  if (!Into) {
    Into.set(*From, From.loc());
    return;
  }
  if (*Into == *From)
    return;
  std::string Message = Owner + " is given '" + std::string(Key) + "' " +
                        show(*From) + " here but " + show(*Into) + " before";
  if (!Topology.empty() && !FirstTopology.empty() && Topology != FirstTopology)
    Message += "; topologies " + quote(FirstTopology) + " and " +
               quote(Topology) + " look separate: check them one at a time";
  Diagnostic &D = Diags.error(From.loc(), std::move(Message));
  D.Notes.push_back(
      {DiagLevel::Note,
       Into.loc(),
       "'" + std::string(Key) + "' " + show(*Into) + " given here",
       {}});
}

void Builder::mergeService(ServiceRecord &R, const ServiceFact &S,
                           const Topology &T) {
  if (!R.Merged) {
    std::span<const ComponentFact> Own = R.components();
    auto M = std::make_unique<ServiceRecord::MergedFacts>();
    M->Fields = *R.First;
    M->Components.assign(Own.begin(), Own.end());
    R.Merged = std::move(M);
  }
  ServiceFact &I = R.Merged->Fields;
  std::string Owner = "service " + quote(S.Id.Value);
  std::string_view First = I.Topology, Now = S.Topology;
  mergeField(I.Replicas, S.Replicas, "replicas", Owner, First, Now);
  mergeField(I.MinReplicas, S.MinReplicas, "minReplicas", Owner, First, Now);
  mergeField(I.PlaneValue, S.PlaneValue, "plane", Owner, First, Now);
  mergeField(I.Entry, S.Entry, "entry", Owner, First, Now);
  mergeField(I.Stateful, S.Stateful, "stateful", Owner, First, Now);
  mergeField(I.DrainGuard, S.DrainGuard, "drain_guard", Owner, First, Now);
  mergeField(I.DrainSeconds, S.DrainSeconds, "drain_seconds", Owner, First,
             Now);
  mergeField(I.GraceSeconds, S.GraceSeconds, "grace_seconds", Owner, First,
             Now);
  mergeField(I.Capacity, S.Capacity, "capacity", Owner, First, Now);
  mergeField(I.Population, S.Population, "population", Owner, First, Now);
  mergeField(I.Zone, S.Zone, "zone", Owner, First, Now);
  std::vector<ComponentFact> &Cs = R.Merged->Components;
  for (uint32_t C = S.ComponentBegin; C < S.ComponentBegin + S.ComponentCount;
       ++C) {
    const ComponentFact &CF = T.Components[C];
    auto Same = std::find_if(Cs.begin(), Cs.end(), [&](auto &X) {
      return X.Id.Value == CF.Id.Value;
    });
    if (Same == Cs.end()) {
      Cs.push_back(CF);
      continue;
    }
    mergeComponent(*Same, CF,
                   "component " + quote(std::string(S.Id.Value) + "." +
                                        std::string(CF.Id.Value)),
                   First, Now);
  }
}

void Builder::mergeComponent(ComponentFact &I, const ComponentFact &C,
                             const std::string &Owner,
                             std::string_view FirstTopology,
                             std::string_view Topology) {
  mergeField(I.Kind, C.Kind, "kind", Owner, FirstTopology, Topology);
  mergeField(I.Owners, C.Owners, "owners", Owner, FirstTopology, Topology);
  mergeField(I.PlaneValue, C.PlaneValue, "plane", Owner, FirstTopology,
             Topology);
  mergeField(I.Capacity, C.Capacity, "capacity", Owner, FirstTopology,
             Topology);
}

void Builder::mergeServices() {
  size_t Total = 0;
  for (const auto &T : Facts)
    Total += T->Services.size();
  ServiceIndex.reserve(Total);
  Services.reserve(Total);
  for (uint32_t F = 0; F < Facts.size(); ++F) {
    const Topology &T = *Facts[F];
    for (uint32_t I = 0; I < T.Services.size(); ++I) {
      const ServiceFact &S = T.Services[I];
      auto [It, New] =
          ServiceIndex.try_emplace(S.Id.Value, uint32_t(Services.size()));
      if (New) {
        Services.emplace_back();
        Services.back().First = &S;
        Services.back().FirstFile = &T;
        Services.back().Parts.push_back({F, I});
        continue;
      }
      ServiceRecord &R = Services[It->second];
      R.Parts.push_back({F, I});
      mergeService(R, S, T);
    }
  }
}

void Builder::addSelections() {
  std::optional<LabelIndex> Index;
  for (const auto &T : Facts)
    for (const RelationFact &R : T->Relations) {
      if (R.K != RelationFact::Kind::Selects)
        continue;
      if (!Index)
        Index.emplace(Facts);
      std::string Key(R.Namespace);
      Key += '\0';
      Key += R.Id.Value;
      llvm::SmallVector<NodeId, 1> &Nodes = Selected[Key];
      Index->forEachSelected(
          Facts, R.Namespace, R.Selector,
          [&](uint32_t File, const LabelledFact &L) {
            NodeId V = G.find(Facts[File]->Services[L.Service].Id.Value);
            if (std::find(Nodes.begin(), Nodes.end(), V) == Nodes.end())
              Nodes.push_back(V);
          });
    }
}

NodeId Builder::componentOf(NodeId SV, std::string_view Name) const {
  auto [First, Count] = ComponentNodes[SV];
  size_t Prefix = G.node(SV).id.size() + 1;
  for (NodeId C = First; C < First + Count; ++C)
    if (std::string_view(G.node(C).id).substr(Prefix) == Name)
      return C;
  return NoNode;
}

std::vector<std::string_view> Builder::componentNames(NodeId SV) const {
  std::vector<std::string_view> Names;
  auto [First, Count] = ComponentNodes[SV];
  for (NodeId C = First; C < First + Count; ++C)
    Names.push_back(
        std::string_view(G.node(C).id).substr(G.node(SV).id.size() + 1));
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
  for (ServiceRecord &R : Services) {
    const ServiceFact &S = R.fields();
    NodeProps P;
    P.id = std::string(S.Id.Value);
    P.type = NodeType::Service;
    // An autoscaler's floor wins over the replicas a workload declares:
    // a scaled workload never runs fewer.
    P.owners = S.MinReplicas ? *S.MinReplicas : S.Replicas.valueOr(1);
    P.entry = S.Entry.valueOr(false);
    P.loc = S.Id.Loc;
    Workload &W = P.workload;
    W.stateful = S.Stateful.valueOr(false);
    W.drainGuard = S.DrainGuard.valueOr(false);
    if (S.DrainSeconds) {
      W.drainSeconds = *S.DrainSeconds;
      W.drainLoc = S.DrainSeconds.loc();
    }
    if (S.GraceSeconds)
      W.graceSeconds = *S.GraceSeconds;
    if (S.Capacity)
      P.capacity = *S.Capacity;
    if (S.Population)
      W.population = *S.Population;
    if (S.Zone)
      W.zone = std::string(*S.Zone);
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
    R.Node = G.addNode(std::move(P));
    const NodeProps &N = G.node(R.Node);
    if (N.planeOrigin == PlaneOrigin::Inferred)
      M.Inferences.push_back(
          {R.Node,
           quote(N.id) + " is taken as control plane: " + N.planeReason});
  }
}

void Builder::addComponents() {
  ComponentNodes.assign(G.numNodes(), {NoNode, 0});
  for (const ServiceRecord &R : Services) {
    NodeId SV = R.Node;
    std::span<const ComponentFact> Cs = R.components();
    ComponentNodes[SV] = {NodeId(G.numNodes()), uint32_t(Cs.size())};
    for (const ComponentFact &CF : Cs) {
      NodeProps P;
      P.id = G.node(SV).id + "." + std::string(CF.Id.Value);
      P.type = NodeType::Component;
      P.kind = CF.Kind.valueOr(ComponentKind::Unspecified);
      P.owners = CF.Owners.valueOr(1);
      P.service = SV;
      P.loc = CF.Id.Loc;
      if (CF.Capacity)
        P.capacity = *CF.Capacity;
      if (CF.PlaneValue) {
        P.plane = *CF.PlaneValue;
        P.planeOrigin = PlaneOrigin::Declared;
      } else {
        P.plane = G.node(SV).plane;
        P.planeOrigin = PlaneOrigin::Inherited;
      }
      G.addNode(std::move(P));
    }
  }
}

NodeId Builder::resolveNode(std::string_view Text) const {
  NodeId V = G.find(Text);
  if (V != NoNode)
    return V;
  size_t Dot = Text.find('.');
  NodeId SV =
      Dot == std::string_view::npos ? NoNode : G.find(Text.substr(0, Dot));
  if (SV != NoNode && G.node(SV).type == NodeType::Service)
    return componentOf(SV, Text.substr(Dot + 1));
  return NoNode;
}

llvm::SmallVector<NodeId, 1> Builder::resolve(size_t File, const Name &N,
                                              std::string_view Namespace,
                                              std::string_view Role) {
  constexpr NodeId Unresolved = NoNode - 1;
  NodeId *Cached = nullptr;
  if (N.Id != UINT32_MAX) {
    std::vector<NodeId> &Ids = Resolved[File];
    if (Ids.empty())
      Ids.assign(Facts[File]->Texts.size(), Unresolved);
    Cached = &Ids[N.Id];
    if (*Cached != Unresolved)
      return {*Cached};
  }
  if (NodeId V = resolveNode(N.Value); V != NoNode) {
    if (Cached)
      *Cached = V;
    return {V};
  }
  // A name that stands for the workloads it selects.
  std::string Key(Namespace);
  Key += '\0';
  Key += N.Value;
  if (auto It = Selected.find(Key); It != Selected.end()) {
    if (It->second.empty())
      Diags.error(N.Loc, quote(N.Value) + " in " + std::string(Role) +
                             " selects no workload in the inputs");
    return It->second;
  }
  reportUnresolved(N, Role);
  return {};
}

void Builder::reportUnresolved(const Name &N, std::string_view Role) {
  std::string_view Text = N.Value;
  size_t Dot = Text.find('.');
  std::string_view Service = Text.substr(0, Dot);
  NodeId SV = G.find(Service);
  if (Dot == std::string_view::npos || SV == NoNode ||
      G.node(SV).type != NodeType::Service) {
    std::string Hint = didYouMean(Service, serviceNames());
    // A bare component name: the user forgot its service.
    for (NodeId V = 0;
         Hint.empty() && Dot == std::string_view::npos && V < G.numNodes(); ++V)
      if (G.node(V).type == NodeType::Component &&
          std::string_view(G.node(V).id)
                  .substr(G.node(G.node(V).service).id.size() + 1) == Service)
        Hint = "; did you mean " + quote(G.node(V).id) + "?";
    Diags.error(N.Loc, "unknown service " + quote(Service) + " in " +
                           std::string(Role) + Hint);
    return;
  }
  std::string_view Component = Text.substr(Dot + 1);
  Diags.error(N.Loc, "service " + quote(Service) + " has no component " +
                         quote(Component) +
                         didYouMean(Component, componentNames(SV)));
}

void Builder::addEdges() {
  // A declared edge between two nodes overrules an inferred one of the
  // same class: a source that says how a service calls another knows
  // better than an address found in its environment.
  struct PairHash {
    size_t operator()(uint64_t K) const { return std::hash<uint64_t>()(K); }
  };
  std::unordered_set<uint64_t, PairHash> Declared;
  bool AnyInferred = false;
  for (const auto &T : Facts)
    for (const EdgeFact &E : T->Edges)
      AnyInferred |= E.Inferred;
  auto Key = [](NodeId From, NodeId To, EdgeKind K) {
    return (uint64_t(From) << 34) | (uint64_t(To) << 2) | uint64_t(classOf(K));
  };

  std::vector<GraphBuilder::HopTarget> Hops;
  for (bool Inferred : {false, true}) {
    if (Inferred && !AnyInferred)
      break;
    for (const ServiceRecord &R : Services) {
      NodeId SV = R.Node;
      for (const Part &P : R.Parts) {
        const Topology &T = *Facts[P.File];
        const ServiceFact &S = T.Services[P.Index];
        for (uint32_t K = S.EdgeBegin; K < S.EdgeBegin + S.EdgeCount; ++K) {
          if (Diags.full())
            return;
          const EdgeFact &E = T.Edges[K];
          if (E.Inferred != Inferred)
            continue;
          llvm::SmallVector<NodeId, 1> Targets =
              resolve(P.File, E.To, S.Namespace, "'to'");
          Hops.clear();
          bool Ok = !Targets.empty();
          for (uint32_t V = E.ViaBegin; V < E.ViaBegin + E.ViaCount; ++V) {
            const Name &Via = T.Via[V];
            NodeId C = componentOf(SV, Via.Value);
            if (C == NoNode) {
              Diags.error(Via.Loc,
                          "'via' names " + quote(Via.Value) +
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
          for (NodeId To : Targets) {
            if (Inferred && Declared.count(Key(SV, To, E.Kind)))
              continue;
            if (!Inferred && AnyInferred)
              Declared.insert(Key(SV, To, E.Kind));
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
            Hops.pop_back();
          }
        }
      }
    }
  }
}

void Builder::addScenarios() {
  for (size_t F = 0; F < Facts.size(); ++F)
    for (const ScenarioFact &SF : Facts[F]->Scenarios) {
      Scenario S;
      S.Name = std::string(SF.Id.Value);
      S.Loc = SF.Id.Loc;
      S.WindowSeconds = SF.WindowSeconds;
      for (const auto &[N, Fraction] : SF.Fail)
        for (NodeId V : resolve(F, N, "", "a scenario"))
          S.Fail.push_back({V, Fraction});
      M.Scenarios.push_back(std::move(S));
    }
}

bool Builder::run() {
  size_t Before = Diags.errorCount();
  mergeServices();
  if (Diags.errorCount() != Before)
    return false;
  size_t Nodes = Services.size(), Edges = 0, Decls = 0;
  for (const ServiceRecord &R : Services)
    Nodes += R.components().size();
  for (const auto &T : Facts) {
    Decls += T->Edges.size();
    Edges += T->Edges.size() + T->Via.size();
  }
  G.reserve(Nodes, Edges, Decls);
  Resolved.resize(Facts.size());
  addServices();
  addCodeServices(Facts, G, M); // code_graph.h
  addComponents();
  addSelections();
  addEdges();
  addCodeGraph(
      Facts, G,
      [&](size_t File, const Name &N, std::string_view Role) {
        return resolve(File, N, "", Role);
      },
      Diags);
  addScenarios();
  M.G = G.build();
  return Diags.errorCount() == Before;
}

} // namespace

bool buildModel(const FactSet &Facts, Model &M, DiagnosticList &Diags) {
  return Builder(Facts, M, Diags).run();
}

} // namespace chokepoint
