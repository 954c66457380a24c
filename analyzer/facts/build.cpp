//===- analyzer/facts/build.cpp - Facts to the graph ----------------------===//

#include "analyzer/facts/build.h"

#include "analyzer/facts/code_graph.h"
#include "analyzer/support/memory.h"

#include "llvm/ADT/SmallVector.h"

#include <array>
#include <charconv>
#include <deque>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace chokepoint {

namespace {
/// Where Known occurs in Name as a whole part, between separators.
bool holdsPart(std::string_view Name, std::string_view Known) {
  auto Separator = [](char C) {
    return C == '-' || C == '_' || C == '/' || (C >= '0' && C <= '9');
  };
  if (Known.empty())
    return false;
  for (size_t At = Name.find(Known); At != std::string_view::npos;
       At = Name.find(Known, At + 1)) {
    size_t End = At + Known.size();
    if ((At == 0 || Separator(Name[At - 1])) &&
        (End == Name.size() || Separator(Name[End])))
      return true;
  }
  return false;
}
} // namespace

std::string_view wellKnownControlPlane(std::string_view Name) {
  static constexpr std::array<std::string_view, 7> Known = {
      "etcd", "consul", "zookeeper", "coredns", "kube-dns", "eureka", "nacos"};
  for (std::string_view K : Known)
    if (holdsPart(Name, K))
      return K;
  return {};
}

std::string_view wellKnownControlPlane(std::string_view Name,
                                       const std::vector<std::string> &Extra) {
  if (std::string_view K = wellKnownControlPlane(Name); !K.empty())
    return K;
  for (const std::string &K : Extra)
    if (holdsPart(Name, K))
      return K;
  return {};
}

std::string_view imageRepository(std::string_view Image) {
  Image = Image.substr(0, Image.find('@'));
  size_t Slash = Image.rfind('/');
  size_t Colon = Image.rfind(':');
  if (Colon != std::string_view::npos &&
      (Slash == std::string_view::npos || Colon > Slash))
    Image = Image.substr(0, Colon);
  // A first part with a '.' or a ':' (or "localhost") is a registry.
  size_t First = Image.find('/');
  if (First != std::string_view::npos) {
    std::string_view Head = Image.substr(0, First);
    if (Head.find_first_of(".:") != std::string_view::npos ||
        Head == "localhost")
      Image = Image.substr(First + 1);
  }
  return Image;
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

/// A namespace as the run reads it: objects that name none are in the
/// default one (`--namespace`), and so are native descriptions.
std::string_view namespaceOf(std::string_view Ns, const BuildOptions &O) {
  return Ns.empty() ? std::string_view(O.DefaultNamespace) : Ns;
}

/// "ns\0name": a key for objects of one namespace.
std::string scoped(std::string_view Ns, std::string_view Name) {
  std::string S(Ns);
  S += '\0';
  S += Name;
  return S;
}

/// Where a service or component is described: the file (its index in the
/// FactSet) and the fact's index there.
struct Part {
  uint32_t File;
  uint32_t Index;
};

/// The labelled objects of a run, indexed so that a selector looks only at
/// the objects of its namespace that carry its first matchLabels pair:
/// thousands of Services over thousands of workloads stay linear. Objects
/// whose controller is in the input are left out: the controller stands
/// for them.
class LabelIndex {
public:
  LabelIndex(const FactSet &Facts, const BuildOptions &O) {
    for (uint32_t F = 0; F < Facts.size(); ++F) {
      const Topology &T = *Facts[F];
      for (uint32_t I = 0; I < T.Labelled.size(); ++I) {
        const LabelledFact &L = T.Labelled[I];
        const ServiceFact &S = T.Services[L.Service];
        if (S.Superseded)
          continue;
        std::string_view Ns = namespaceOf(S.Namespace, O);
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

/// "1 attempt", "3 attempts".
std::string attempts(uint32_t N) {
  return std::to_string(N) + (N == 1 ? " attempt" : " attempts");
}

/// "a", "a and b", "a, b and c" (or "or").
std::string listed(const std::vector<std::string> &Items,
                   std::string_view Last = " and ") {
  std::string S;
  for (size_t I = 0; I < Items.size(); ++I)
    S += (I == 0 ? "" : I + 1 == Items.size() ? std::string(Last) : ", ") +
         Items[I];
  return S;
}

/// "Deployment 'web'", or "'web'" for an object of no kind.
std::string described(std::string_view Kind, std::string_view Name) {
  return Kind.empty() ? quote(Name) : std::string(Kind) + " " + quote(Name);
}

} // namespace

//===----------------------------------------------------------------------===//
// Relations
//===----------------------------------------------------------------------===//

namespace {

/// Workloads by (namespace, kind, name): autoscaler targets, controllers.
class WorkloadsByName {
public:
  WorkloadsByName(const FactSet &Facts, const BuildOptions &O) {
    for (uint32_t F = 0; F < Facts.size(); ++F) {
      const Topology &T = *Facts[F];
      for (const LabelledFact &L : T.Labelled) {
        const ServiceFact &S = T.Services[L.Service];
        Map.try_emplace(key(namespaceOf(S.Namespace, O), L.Kind, S.Id.Value),
                        Part{F, L.Service});
      }
    }
  }
  const Part *find(std::string_view Ns, std::string_view Kind,
                   std::string_view Name) const {
    auto It = Map.find(key(Ns, Kind, Name));
    return It == Map.end() ? nullptr : &It->second;
  }

private:
  static std::string key(std::string_view Ns, std::string_view Kind,
                         std::string_view Name) {
    return scoped(scoped(Ns, Kind), Name);
  }
  std::unordered_map<std::string, Part> Map;
};

/// Leaves out objects whose controller is in the input (a ReplicaSet of a
/// Deployment, a Pod of a ReplicaSet), listing them for --verbose.
void supersede(FactSet &Facts, const WorkloadsByName &ByName,
               const BuildOptions &O) {
  for (auto &TP : Facts)
    for (ServiceFact &S : TP->Services) {
      if (S.ControllerKind.empty() ||
          !ByName.find(namespaceOf(S.Namespace, O), S.ControllerKind,
                       S.ControllerName))
        continue;
      S.Superseded = true;
      TP->Skipped.push_back({S.Id.Loc, described(S.Kind, S.Id.Value),
                             "its controller, " +
                                 described(S.ControllerKind, S.ControllerName) +
                                 ", is in the input and describes it"});
    }
}

} // namespace

void resolveRelations(FactSet &Facts, const BuildOptions &Options,
                      DiagnosticList &Diags) {
  bool Any = false, Controlled = false;
  for (const auto &TP : Facts) {
    Any |= !TP->Relations.empty();
    for (const ServiceFact &S : TP->Services)
      Controlled |= !S.ControllerKind.empty();
  }
  if (!Any && !Controlled)
    return;
  WorkloadsByName ByName(Facts, Options);
  if (Controlled)
    supersede(Facts, ByName, Options);
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
      return false;
    }
    bool New = !Into;
    Into.set(*From, From.loc());
    return New;
  };
  for (auto &TP : Facts)
    for (const RelationFact &R : TP->Relations) {
      std::string_view Ns = namespaceOf(R.Namespace, Options);
      std::string Who =
          R.Why.Value.empty() ? quote(R.Id.Value) : std::string(R.Why.Value);
      if (R.K == RelationFact::Kind::Scales) {
        const Part *P = ByName.find(Ns, R.TargetKind, R.Target.Value);
        if (!P || Facts[P->File]->Services[P->Index].Superseded) {
          Diags.add(DiagLevel::Remark, R.Target.Loc,
                    Who + " scales " + described(R.TargetKind, R.Target.Value) +
                        ", which is not in the input");
          continue;
        }
        Topology &T = *Facts[P->File];
        ServiceFact &S = T.Services[P->Index];
        if (R.MinReplicas && Set(S.MinReplicas, R.MinReplicas, S.Id.Value,
                                 "an autoscaler floor"))
          T.Notes.push_back(
              {P->Index, R.MinReplicas.loc(),
               quote(S.Id.Value) + " counts " + show(*R.MinReplicas) +
                   (*R.MinReplicas == 1 ? " owner: " : " owners: ") + Who +
                   // A floor written where the autoscaler's kind is, is
                   // Kubernetes' default: the autoscaler did not give one.
                   (R.MinReplicas.loc() == R.Why.Loc
                        ? " sets no minReplicas, and Kubernetes' default of 1 "
                          "wins over replicas"
                        : " may scale it down to minReplicas " +
                              show(*R.MinReplicas) +
                              ", which wins over replicas")});
        continue;
      }
      if (R.K != RelationFact::Kind::Guards)
        continue; // the others name addresses: resolved in buildModel
      if (!Index)
        Index.emplace(Facts, Options);
      Index->forEachSelected(
          Facts, Ns, R.Selector, [&](uint32_t File, const LabelledFact &L) {
            Topology &T = *Facts[File];
            ServiceFact &S = T.Services[L.Service];
            if (S.DrainGuard)
              return;
            S.DrainGuard.set(true, R.Id.Loc);
            T.Notes.push_back({L.Service, R.Id.Loc,
                               quote(S.Id.Value) + " has a drain guard: " +
                                   Who + " selects it"});
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
  std::string_view Id;        ///< its node id: the name, or `name.ns`
  std::string_view Namespace; ///< where its manifests put it
  bool Namespaced = false;    ///< described by a manifest
  bool Addressable = false;   ///< its name is an address (compose)

  const ServiceFact &fields() const { return Merged ? Merged->Fields : *First; }
  std::span<const ComponentFact> components() const {
    if (Merged)
      return Merged->Components;
    return {FirstFile->Components.data() + First->ComponentBegin,
            First->ComponentCount};
  }
};

/// What a mesh says about traffic to one node, from every policy that
/// names it.
struct NodePolicy {
  bool Jittered = false; ///< exponential backoff with jitter
  Fact<uint32_t> Attempts;
  Fact<uint32_t> TimeoutMs;
  Fact<double> Budget;
  std::string AttemptsWhy, BudgetWhy;
  /// The single-owner pool callers reach it through: its name (`sfu-pool`),
  /// where it was said, and why.
  std::string Pool;
  SourceLoc PoolLoc;
  std::string PoolWhy;
};

/// How an address resolved.
struct Resolution {
  enum Outcome : uint8_t {
    Found,
    NotInInput,     ///< a cluster name that names nothing here
    SelectsNothing, ///< a Service here whose selector matches no workload
    External,       ///< not a cluster name (an outside host): nothing to say
  };
  Outcome How = NotInInput;
  llvm::SmallVector<NodeId, 1> Nodes;
  std::string_view Service; ///< the Service it went through, if any
};

class Builder {
public:
  Builder(FactSet &Facts, const BuildOptions &Options, Model &M,
          DiagnosticList &Diags)
      : Facts(Facts), Options(Options), M(M), Diags(Diags) {}

  bool run();

private:
  void mergeServices();
  /// Node ids: a name that manifests give in several namespaces becomes
  /// `name.ns` for each; returns the names given in several.
  std::unordered_map<std::string_view, std::vector<std::string_view>>
  namesInSeveralNamespaces() const;
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
  /// The plane of a service that declares none: inferred from its name or
  /// its image, with the reason.
  void inferPlane(NodeProps &P, const ServiceFact &S, SourceLoc &Why);
  void addNotes();
  void addComponents();
  void addEdges();
  /// Resolves the inline suppressions (after the edges: an edge's allow
  /// needs its hops' places, which are final only once it was added).
  /// The inline suppressions, on what they are written on (Functions: the
  /// code's function nodes, for CHOKEPOINT_ALLOW on a function).
  void addAllows(const FunctionNodes &Functions);
  void addScenarios();
  void addSelections();
  void addExposures();
  void addPolicies();
  /// The gRPC service config of this name (a file's name or path suffix,
  /// or a ConfigMap of namespace Ns), or null.
  const ServiceConfigFact *findServiceConfig(std::string_view Name,
                                             std::string_view Ns) const;
  /// Fills R from the service config it points to; remarks when it is not
  /// in the input.
  bool applyServiceConfig(RelationFact &R);
  /// Policies filled from service configs, read with the others.
  std::vector<const RelationFact *> ConfigPolicies;
  /// Calls F(relation, its target's nodes) for each relation of kind K,
  /// with a remark for those whose target is not in the input.
  template <typename Fn>
  void forEachTarget(RelationFact::Kind K, std::string_view Verb, Fn &&F);
  /// Finds the callers that reach a single-pool target, before components
  /// are made: each gets its pool.
  void findPools();
  void reportUnconnected();

  /// The nodes a reference names: "service", "service.component", or a
  /// name that selects workloads (several nodes). Reports and returns none
  /// if it names nothing.
  llvm::SmallVector<NodeId, 1> resolve(size_t File, const Name &N,
                                       std::string_view Namespace,
                                       std::string_view Role);
  /// An address read from a manifest, seen from namespace Ns (cached).
  const Resolution &resolveAddress(std::string_view Text, std::string_view Ns,
                                   bool ExactName);
  Resolution lookUpAddress(std::string_view Text, std::string_view Ns,
                           bool ExactName) const;
  NodeId resolveNode(std::string_view Text) const;
  void reportUnresolved(const Name &N, std::string_view Role);
  /// The component of service SV with this name, or NoNode.
  NodeId componentOf(NodeId SV, std::string_view Name) const;
  /// Names (without the service) of SV's components, for suggestions.
  std::vector<std::string_view> componentNames(NodeId SV) const;
  std::vector<std::string_view> serviceNames() const;

  /// One edge a manifest reference gives, with what it was read from.
  struct ManifestEdge {
    const ServiceRecord *From;
    const EdgeFact *E;
    Name To; ///< the reference (a ConfigMap's, expanded)
    EdgeFact::Reference Ref;
    std::string Source; ///< "env X", "ConfigMap 'c' key 'k'"
    std::string_view Text;
  };
  /// Calls F(edge) for each reference E gives (one, or a ConfigMap's),
  /// reporting a ConfigMap that is not in the input.
  template <typename Fn>
  void forEachReference(const ServiceRecord &R, const Topology &T,
                        const EdgeFact &E, Fn &&F);
  void addManifestEdge(const ManifestEdge &ME, bool Inferred,
                       std::vector<GraphBuilder::HopTarget> &Hops);
  /// Adds D, of kind Kind, from SV through Hops to To (written at ToLoc).
  void addDeclaration(NodeId SV, NodeId To, SourceLoc ToLoc, EdgeKind Kind,
                      Declaration D,
                      std::vector<GraphBuilder::HopTarget> &Hops);
  /// Whether a declaration leaves each node, by NodeId: a workload with
  /// none is listed under --verbose.
  std::vector<uint8_t> Declares;

  FactSet &Facts;
  const BuildOptions &Options;
  Model &M;
  GraphBuilder G;
  DiagnosticList &Diags;
  std::vector<ServiceRecord> Services; ///< in order of first description
  std::unordered_map<std::string_view, uint32_t> ServiceIndex;
  /// The record of each (file, service index); NoRecord when left out.
  std::vector<std::vector<uint32_t>> RecordOf;
  static constexpr uint32_t NoRecord = UINT32_MAX;
  /// Texts made while building that views point to: node ids for names
  /// given in several namespaces, reasons of policies.
  std::deque<std::string> MadeIds;
  /// Services by "ns\0name" (their manifests' name in their namespace).
  std::unordered_map<std::string, uint32_t> ByScopedName;
  /// Namespaces manifests name, for `name.ns` addresses.
  std::unordered_set<std::string_view> Namespaces;
  /// The namespaces each name is in (workloads and Services), to say where
  /// a name not found in its own namespace is.
  std::unordered_map<std::string_view, std::vector<std::string_view>>
      NamespacesOf;
  /// ", which is not in the input", or where it is instead when the name
  /// is in other namespaces only.
  std::string notInInput(std::string_view Text, std::string_view Ns);
  /// Each service's components are consecutive nodes: the first and how
  /// many, by service node.
  std::vector<std::pair<NodeId, uint32_t>> ComponentNodes;
  /// References already resolved to one node, per file, by name id (names
  /// repeat: hubs are named by thousands of edges).
  std::vector<std::vector<NodeId>> Resolved;
  /// What each name that selects workloads stands for, by namespace and
  /// name ("ns\0name"): their nodes, in input order.
  std::unordered_map<std::string, llvm::SmallVector<NodeId, 1>> Selected;
  /// Addresses resolved, by "ns\0text\0mode".
  std::unordered_map<std::string, Resolution> Addresses;
  /// ConfigMaps by "ns\0name".
  std::unordered_map<std::string, const ConfigMapFact *> ConfigMaps;
  /// Mesh policies by the node they are about.
  std::unordered_map<NodeId, NodePolicy> Policies;
  /// Pools to make, by service node: (pool name, target policy node).
  std::unordered_map<NodeId, std::vector<std::pair<std::string, NodeId>>>
      PoolsOf;
  /// Manifest edges added, as (from, to, kind): one edge each, however many
  /// values name the target.
  std::unordered_set<uint64_t> ManifestEdges;
  /// Declared edges between two nodes, by class, with the kind declared
  /// first: an inferred one gives way.
  std::unordered_map<uint64_t, EdgeKind> Declared;
  /// Inferred edges that gave way, by class: said once each.
  std::unordered_set<uint64_t> Overruled;
  bool AnyInferred = false;
  size_t InferredEdges = 0;
  /// Names not in the input, for --verbose: (name, who named it).
  std::vector<std::pair<std::string, std::string>> Missing;
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
  std::string Owner = "service " + quote(R.Id);
  std::string_view First = I.Topology, Now = S.Topology;
  mergeField(I.Replicas, S.Replicas, "replicas", Owner, First, Now);
  mergeField(I.MinReplicas, S.MinReplicas, "minReplicas", Owner, First, Now);
  mergeField(I.Owners, S.Owners, "owners", Owner, First, Now);
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
  if (!I.Image && S.Image)
    I.Image = S.Image; // an image is a hint, not a fact to disagree on
  if (I.Kind.empty())
    I.Kind = S.Kind;
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
                   "component " + quote(std::string(R.Id) + "." +
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

std::unordered_map<std::string_view, std::vector<std::string_view>>
Builder::namesInSeveralNamespaces() const {
  std::unordered_map<std::string_view, std::vector<std::string_view>> Seen,
      Several;
  for (const auto &T : Facts)
    for (const ServiceFact &S : T->Services) {
      if (!S.Namespaced || S.Superseded)
        continue;
      std::vector<std::string_view> &Ns = Seen[S.Id.Value];
      std::string_view N = namespaceOf(S.Namespace, Options);
      if (std::find(Ns.begin(), Ns.end(), N) == Ns.end())
        Ns.push_back(N);
    }
  for (auto &[Name, Ns] : Seen)
    if (Ns.size() > 1) {
      std::sort(Ns.begin(), Ns.end());
      Several.emplace(Name, std::move(Ns));
    }
  return Several;
}

void Builder::mergeServices() {
  size_t Total = 0;
  for (const auto &T : Facts)
    Total += T->Services.size();
  ServiceIndex.reserve(Total);
  Services.reserve(Total);
  RecordOf.resize(Facts.size());
  auto Several = namesInSeveralNamespaces();
  for (uint32_t F = 0; F < Facts.size(); ++F) {
    const Topology &T = *Facts[F];
    RecordOf[F].assign(T.Services.size(), NoRecord);
    for (uint32_t I = 0; I < T.Services.size(); ++I) {
      const ServiceFact &S = T.Services[I];
      if (S.Superseded)
        continue;
      std::string_view Id = S.Id.Value;
      std::string_view Ns = namespaceOf(S.Namespace, Options);
      if (auto It = Several.find(Id); It != Several.end()) {
        if (!S.Namespaced) {
          std::vector<std::string> Ids;
          for (std::string_view N : It->second)
            Ids.push_back(quote(std::string(Id) + "." + std::string(N)));
          Diags.error(S.Id.Loc, "service " + quote(Id) +
                                    " is ambiguous: manifests describe it in "
                                    "several namespaces, as " +
                                    listed(Ids));
          continue;
        }
        MadeIds.push_back(std::string(Id) + "." + std::string(Ns));
        Id = MadeIds.back();
      }
      auto [It, New] = ServiceIndex.try_emplace(Id, uint32_t(Services.size()));
      RecordOf[F][I] = It->second;
      if (New) {
        Services.emplace_back();
        ServiceRecord &R = Services.back();
        R.First = &S;
        R.FirstFile = &T;
        R.Parts.push_back({F, I});
        R.Id = Id;
        R.Namespace = Ns;
        R.Namespaced = S.Namespaced;
        R.Addressable = S.Addressable;
        continue;
      }
      ServiceRecord &R = Services[It->second];
      R.Parts.push_back({F, I});
      bool FirstManifest = S.Namespaced && !R.Namespaced;
      if (FirstManifest) {
        R.Namespace = Ns; // the manifest says where the service lives
        R.Namespaced = true;
      }
      R.Addressable |= S.Addressable;
      mergeService(R, S, T);
      // A manifest, not a native overlay read before it, declares the
      // workload: its node, and the findings about it, point there.
      if (FirstManifest) {
        R.Merged->Fields.Id = S.Id;
        R.Merged->Fields.Kind = S.Kind;
      }
    }
  }
  for (uint32_t K = 0; K < Services.size(); ++K) {
    const ServiceRecord &R = Services[K];
    if (!R.Namespaced)
      continue;
    Namespaces.insert(R.Namespace);
    ByScopedName.try_emplace(scoped(R.Namespace, R.fields().Id.Value), K);
    NamespacesOf[R.fields().Id.Value].push_back(R.Namespace);
  }
  for (uint32_t K = 0; K < Services.size(); ++K)
    if (!Services[K].Namespaced) // native: in the default namespace
      ByScopedName.try_emplace(scoped(Options.DefaultNamespace, Services[K].Id),
                               K);
}

void Builder::addSelections() {
  std::optional<LabelIndex> Index;
  for (const auto &T : Facts)
    for (const RelationFact &R : T->Relations) {
      if (R.K != RelationFact::Kind::Selects)
        continue;
      if (!Index)
        Index.emplace(Facts, Options);
      std::string_view Ns = namespaceOf(R.Namespace, Options);
      Namespaces.insert(Ns);
      NamespacesOf[R.Id.Value].push_back(Ns);
      llvm::SmallVector<NodeId, 1> &Nodes = Selected[scoped(Ns, R.Id.Value)];
      Index->forEachSelected(
          Facts, Ns, R.Selector, [&](uint32_t File, const LabelledFact &L) {
            uint32_t Rec = RecordOf[File][L.Service];
            if (Rec == NoRecord)
              return;
            NodeId V = Services[Rec].Node;
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

void Builder::inferPlane(NodeProps &P, const ServiceFact &S, SourceLoc &Why) {
  const std::vector<std::string> &Extra = Options.ControlPlaneNames;
  if (std::string_view K = wellKnownControlPlane(S.Id.Value, Extra);
      !K.empty()) {
    P.plane = Plane::Control;
    P.planeOrigin = PlaneOrigin::Inferred;
    bool Given = wellKnownControlPlane(S.Id.Value).empty();
    P.planeReason = "its name matches " +
                    std::string(Given ? ""
                                      : "the well-known control-plane "
                                        "service ") +
                    "'" + std::string(K) + "'" +
                    (Given ? ", given with --control-plane-name" : "");
    return;
  }
  if (!S.Image)
    return;
  std::string_view Repo = imageRepository(*S.Image);
  if (std::string_view K = wellKnownControlPlane(Repo, Extra); !K.empty()) {
    bool Given = wellKnownControlPlane(Repo).empty();
    P.plane = Plane::Control;
    P.planeOrigin = PlaneOrigin::Inferred;
    P.planeReason =
        "its image " + quote(*S.Image) + " is " +
        (Given
             ? "'" + std::string(K) + "', given with --control-plane-name"
             : "the well-known control-plane service '" + std::string(K) + "'");
    Why = S.Image.loc();
  }
}

void Builder::addServices() {
  for (ServiceRecord &R : Services) {
    const ServiceFact &S = R.fields();
    NodeProps P;
    P.id = std::string(R.Id);
    P.type = NodeType::Service;
    // Owners stated outright win; then an autoscaler's floor, which wins
    // over the replicas a workload declares: a scaled workload may run
    // that few.
    P.owners = S.Owners        ? *S.Owners
               : S.MinReplicas ? *S.MinReplicas
                               : S.Replicas.valueOr(1);
    P.entry = S.Entry.valueOr(false);
    P.loc = S.Id.Loc;
    Workload &W = P.workload;
    W.stateful = S.Stateful.valueOr(false);
    W.drainGuard = S.DrainGuard.valueOr(false);
    W.kubernetes = R.Namespaced;
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
    SourceLoc Why;
    if (S.PlaneValue) {
      P.plane = *S.PlaneValue;
      P.planeOrigin = PlaneOrigin::Declared;
    } else {
      inferPlane(P, S, Why);
    }
    R.Node = G.addNode(std::move(P));
    const NodeProps &N = G.node(R.Node);
    if (N.planeOrigin == PlaneOrigin::Inferred)
      M.Inferences.push_back(
          {R.Node, quote(N.id) + " is taken as control plane: " + N.planeReason,
           Why});
  }
}

void Builder::addNotes() {
  for (uint32_t F = 0; F < Facts.size(); ++F)
    for (const NoteFact &N : Facts[F]->Notes)
      if (uint32_t Rec = RecordOf[F][N.Service]; Rec != NoRecord)
        M.Inferences.push_back({Services[Rec].Node, N.Message, N.Loc});
}

void Builder::addComponents() {
  ComponentNodes.assign(G.numNodes(), {NoNode, 0});
  for (const ServiceRecord &R : Services) {
    NodeId SV = R.Node;
    std::span<const ComponentFact> Cs = R.components();
    NodeId First = NodeId(G.numNodes());
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
    if (auto It = PoolsOf.find(SV); It != PoolsOf.end())
      for (const auto &[Pool, Target] : It->second) {
        const NodePolicy &NP = Policies[Target];
        NodeProps P;
        P.id = G.node(SV).id + "." + Pool;
        // A pool a native description declares already is that pool.
        if (G.find(P.id) != NoNode)
          continue;
        P.type = NodeType::Component;
        P.kind = ComponentKind::Pool;
        P.owners = 1;
        P.service = SV;
        P.loc = NP.PoolLoc;
        P.plane = G.node(SV).plane;
        P.planeOrigin = PlaneOrigin::Inherited;
        NodeId C = G.addNode(std::move(P));
        M.Inferences.push_back(
            {C, quote(G.node(C).id) + " is a single-owner pool: " + NP.PoolWhy,
             NP.PoolLoc});
      }
    ComponentNodes[SV] = {First, uint32_t(G.numNodes() - First)};
  }
}

//===----------------------------------------------------------------------===//
// Addresses: what manifests name
//===----------------------------------------------------------------------===//

Resolution Builder::lookUpAddress(std::string_view Text, std::string_view Ns,
                                  bool ExactName) const {
  Resolution R;
  // name, name.ns, name.ns.svc, name.ns.svc.<cluster domain>.
  llvm::SmallVector<std::string_view, 5> Parts;
  for (size_t At = 0;;) {
    size_t Dot = Text.find('.', At);
    Parts.push_back(Text.substr(At, Dot - At));
    if (Dot == std::string_view::npos)
      break;
    At = Dot + 1;
  }
  std::string_view Name = Parts[0];
  if (Name.empty() || Text.find('*') != std::string_view::npos) {
    R.How = Resolution::External;
    return R;
  }
  if (Parts.size() == 2) {
    // `name.ns` only when ns is a namespace of the input: `example.com`
    // is a host outside.
    if (!Namespaces.count(Parts[1])) {
      R.How = Resolution::External;
      return R;
    }
    Ns = Parts[1];
  } else if (Parts.size() > 2) {
    if (Parts[2] != "svc") {
      R.How = Resolution::External;
      return R;
    }
    Ns = Parts[1];
  }
  if (auto It = Selected.find(scoped(Ns, Name)); It != Selected.end()) {
    R.Service = It->first;
    R.Service.remove_prefix(Ns.size() + 1);
    R.Nodes = It->second;
    R.How = R.Nodes.empty() ? Resolution::SelectsNothing : Resolution::Found;
    return R;
  }
  if (auto It = ByScopedName.find(scoped(Ns, Name)); It != ByScopedName.end()) {
    const ServiceRecord &S = Services[It->second];
    // A bare value names a Service, or a service reached by its name
    // (compose); a workload's own name is not an address in Kubernetes.
    if (!ExactName || S.Addressable || !S.Namespaced) {
      R.Nodes.push_back(S.Node);
      R.How = Resolution::Found;
      return R;
    }
  }
  R.How = ExactName ? Resolution::External : Resolution::NotInInput;
  return R;
}

const Resolution &Builder::resolveAddress(std::string_view Text,
                                          std::string_view Ns, bool ExactName) {
  std::string Key = scoped(Ns, Text);
  Key += ExactName ? "\1" : "";
  auto It = Addresses.find(Key);
  if (It == Addresses.end())
    It = Addresses.emplace(Key, lookUpAddress(Text, Ns, ExactName)).first;
  return It->second;
}

template <typename Fn>
void Builder::forEachTarget(RelationFact::Kind K, std::string_view Verb,
                            Fn &&F) {
  std::vector<const RelationFact *> All;
  for (const auto &T : Facts)
    for (const RelationFact &R : T->Relations)
      if (R.K == K && R.ServiceConfig.Value.empty())
        All.push_back(&R);
  if (K == RelationFact::Kind::Policy)
    All.insert(All.end(), ConfigPolicies.begin(), ConfigPolicies.end());
  for (const RelationFact *RP : All) {
    const RelationFact &R = *RP;
    const Resolution &Res = resolveAddress(
        R.Target.Value, namespaceOf(R.Namespace, Options), false);
    if (Res.How == Resolution::NotInInput ||
        Res.How == Resolution::SelectsNothing) {
      Diags.add(DiagLevel::Remark, R.Target.Loc,
                std::string(R.Why.Value) + " " + std::string(Verb) + " " +
                    quote(R.Target.Value) +
                    (Res.How == Resolution::NotInInput
                         ? ", which is not in the input"
                         : ", a Service that selects no workload in the "
                           "input"));
      continue;
    }
    F(R, Res.Nodes);
  }
}

std::string Builder::notInInput(std::string_view Text, std::string_view Ns) {
  auto It = Text.find('.') == std::string_view::npos ? NamespacesOf.find(Text)
                                                     : NamespacesOf.end();
  if (It == NamespacesOf.end())
    return ", which is not in the input";
  std::vector<std::string_view> &Where = It->second;
  std::sort(Where.begin(), Where.end());
  Where.erase(std::unique(Where.begin(), Where.end()), Where.end());
  std::vector<std::string> Quoted, As;
  for (std::string_view W : Where) {
    Quoted.push_back(quote(W));
    As.push_back(quote(std::string(Text) + "." + std::string(W)));
  }
  return ", which is not in namespace " + quote(Ns) + " (only in " +
         listed(Quoted) + ": name it as " + listed(As, " or ") + ")";
}

void Builder::addExposures() {
  forEachTarget(RelationFact::Kind::Exposes, "sends customer traffic to",
                [&](const RelationFact &R, std::span<const NodeId> Nodes) {
                  for (NodeId V : Nodes) {
                    NodeProps &N = G.node(V);
                    if (N.entry)
                      continue;
                    // A discovery server's published port or load
                    // balancer is for its operators and clients, not for
                    // customers.
                    if (N.plane == Plane::Control) {
                      M.Inferences.push_back(
                          {V,
                           quote(N.id) + " is not taken as a customer entry (" +
                               std::string(R.Why.Value) +
                               "): it is control plane",
                           R.Why.Loc});
                      continue;
                    }
                    N.entry = true;
                    M.Inferences.push_back({V,
                                            quote(N.id) +
                                                " is a customer entry (" +
                                                std::string(R.Why.Value) + ")",
                                            R.Why.Loc});
                  }
                });
}

const ServiceConfigFact *Builder::findServiceConfig(std::string_view Name,
                                                    std::string_view Ns) const {
  for (const auto &T : Facts)
    for (const ServiceConfigFact &C : T->ServiceConfigs)
      if (C.FromConfigMap
              ? namespaceOf(C.Namespace, Options) == Ns && C.Id == Name
              : C.Id == Name ||
                    (C.Id.size() > Name.size() && C.Id.ends_with(Name) &&
                     C.Id[C.Id.size() - Name.size() - 1] == '/'))
        return &C;
  return nullptr;
}

bool Builder::applyServiceConfig(RelationFact &R) {
  std::string_view Ns = namespaceOf(R.Namespace, Options);
  const ServiceConfigFact *C = findServiceConfig(R.ServiceConfig.Value, Ns);
  if (!C) {
    Diags.add(DiagLevel::Remark, R.ServiceConfig.Loc,
              std::string(R.Why.Value) + " names gRPC service config " +
                  quote(R.ServiceConfig.Value) +
                  ", which is not in the input (a JSON file, or a ConfigMap "
                  "of namespace " +
                  quote(Ns) + ")");
    return false;
  }
  // Every try counts, hedged or retried; gRPC treats more than 5 as 5.
  uint32_t Tries = std::max(C->Attempts.valueOr(1), C->Hedging.valueOr(1));
  std::string What = "gRPC service config " + quote(R.ServiceConfig.Value);
  if (Tries > 1) {
    SourceLoc At = C->Attempts && *C->Attempts == Tries ? C->Attempts.loc()
                                                        : C->Hedging.loc();
    R.Attempts.set(std::min<uint32_t>(Tries, 5), At);
    R.Jittered = true;
    What += " (maxAttempts " + std::to_string(Tries) +
            (Tries > 5 ? ", which gRPC treats as 5" : "") +
            "; exponential backoff with jitter)";
  }
  if (C->Budget)
    R.Budget = C->Budget;
  if (C->TimeoutMs)
    R.TimeoutMs = C->TimeoutMs;
  MadeIds.push_back(std::move(What));
  R.Why.Value = MadeIds.back();
  return true;
}

void Builder::addPolicies() {
  // Policies that point to a gRPC service config take its values first.
  std::deque<RelationFact> Pointed;
  for (const auto &T : Facts)
    for (const RelationFact &R : T->Relations)
      if (R.K == RelationFact::Kind::Policy && !R.ServiceConfig.Value.empty())
        Pointed.push_back(R);
  for (RelationFact &R : Pointed)
    if (applyServiceConfig(R))
      ConfigPolicies.push_back(&R);
  forEachTarget(
      RelationFact::Kind::Policy, "applies to",
      [&](const RelationFact &R, std::span<const NodeId> Nodes) {
        std::string Why(R.Why.Value);
        for (NodeId V : Nodes) {
          NodePolicy &P = Policies[V];
          // Several routes to one target: the most attempts, as the worst
          // case the analysis must see.
          if (R.Attempts && (!P.Attempts || *R.Attempts > *P.Attempts)) {
            P.Attempts = R.Attempts;
            P.AttemptsWhy = Why;
          }
          if (R.TimeoutMs && !P.TimeoutMs)
            P.TimeoutMs = R.TimeoutMs;
          P.Jittered |= R.Jittered;
          if (R.Budget && !P.Budget) {
            P.Budget = R.Budget;
            P.BudgetWhy = Why;
          }
          if (R.SinglePool && *R.SinglePool && P.Pool.empty()) {
            std::string_view Host = R.Target.Value;
            P.Pool = std::string(Host.substr(0, Host.find('.'))) + "-pool";
            P.PoolLoc = R.SinglePool.loc();
            P.PoolWhy = Why + " lets each caller hold one connection to " +
                        quote(G.node(V).id);
          }
        }
      });
}

template <typename Fn>
void Builder::forEachReference(const ServiceRecord &R, const Topology &T,
                               const EdgeFact &E, Fn &&F) {
  const EdgeDetail *D =
      E.Detail == EdgeFact::NoDetail ? nullptr : &T.Details[E.Detail];
  if (E.Ref != EdgeFact::Reference::ConfigMap) {
    F(ManifestEdge{&R, &E, E.To, E.Ref,
                   D ? std::string(D->Source) : std::string(),
                   D ? D->Text : std::string_view()});
    return;
  }
  auto It = ConfigMaps.find(scoped(R.Namespace, E.To.Value));
  if (It == ConfigMaps.end()) {
    std::string From = D ? std::string(D->Source) : "env";
    M.Inferences.push_back({R.Node,
                            quote(R.Id) + " reads ConfigMap " +
                                quote(E.To.Value) + " in " + From +
                                ", which is not in the input",
                            E.To.Loc});
    Missing.push_back({"ConfigMap " + quote(E.To.Value), std::string(R.Id)});
    return;
  }
  for (const ConfigMapFact::Reference &Ref : It->second->References) {
    if (D && !D->Key.empty() && Ref.Key != D->Key)
      continue;
    F(ManifestEdge{&R, &E, Ref.Target, Ref.Ref,
                   "ConfigMap " + quote(E.To.Value) + " key " + quote(Ref.Key),
                   Ref.Text});
  }
}

void Builder::findPools() {
  bool Any = false;
  for (auto &[V, P] : Policies)
    Any |= !P.Pool.empty();
  if (!Any)
    return;
  for (const ServiceRecord &R : Services)
    for (const Part &P : R.Parts) {
      const Topology &T = *Facts[P.File];
      const ServiceFact &S = T.Services[P.Index];
      for (uint32_t K = S.EdgeBegin; K < S.EdgeBegin + S.EdgeCount; ++K) {
        const EdgeFact &E = T.Edges[K];
        if (!E.Mesh || E.Ref == EdgeFact::Reference::Node)
          continue;
        forEachReference(R, T, E, [&](const ManifestEdge &ME) {
          const Resolution &Res =
              resolveAddress(ME.To.Value, R.Namespace,
                             ME.Ref == EdgeFact::Reference::ExactName);
          for (NodeId To : Res.Nodes) {
            auto It = Policies.find(To);
            if (It == Policies.end() || It->second.Pool.empty() || To == R.Node)
              continue;
            auto &Pools = PoolsOf[R.Node];
            std::pair<std::string, NodeId> Want{It->second.Pool, To};
            if (std::find_if(Pools.begin(), Pools.end(), [&](auto &X) {
                  return X.first == Want.first;
                }) == Pools.end())
              Pools.push_back(Want);
          }
        });
      }
    }
}

//===----------------------------------------------------------------------===//
// References of the native format
//===----------------------------------------------------------------------===//

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
      Ids.assign(Facts[File]->Ids.size(), Unresolved);
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
  if (auto It = Selected.find(scoped(Namespace, N.Value));
      It != Selected.end()) {
    if (It->second.empty())
      Diags.error(N.Loc, quote(N.Value) + " in " + std::string(Role) +
                             " selects no workload in the inputs");
    return It->second;
  }
  // A workload's name in a namespace where its id is `name.ns`.
  if (auto It = ByScopedName.find(scoped(Namespace, N.Value));
      It != ByScopedName.end())
    return {Services[It->second].Node};
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

//===----------------------------------------------------------------------===//
// Edges
//===----------------------------------------------------------------------===//

uint64_t edgeKey(NodeId From, NodeId To, unsigned Class) {
  return (uint64_t(From) << 34) | (uint64_t(To) << 2) | uint64_t(Class);
}

void Builder::addDeclaration(NodeId SV, NodeId To, SourceLoc ToLoc,
                             EdgeKind Kind, Declaration D,
                             std::vector<GraphBuilder::HopTarget> &Hops) {
  Hops.push_back({To, ToLoc});
  G.addDeclaration(SV, Kind, std::move(D), Hops);
  Hops.pop_back();
  if (Declares.size() <= SV)
    Declares.resize(G.numNodes());
  Declares[SV] = 1;
}

/// The declaration an edge fact makes, before a mesh's policy applies.
Declaration declarationOf(const EdgeFact &E) {
  Declaration D;
  D.trigger = E.Trigger; // the graph keeps its own copy
  D.loc = E.Loc;
  D.attempts = E.Attempts;
  D.backoff = E.BackoffKind;
  D.jitter = E.Jitter;
  D.budget = E.Budget;
  D.rateLimit = E.RateLimit;
  D.timeoutMs = E.TimeoutMs;
  D.fanout = E.Fanout;
  return D;
}

void Builder::addManifestEdge(const ManifestEdge &ME, bool Inferred,
                              std::vector<GraphBuilder::HopTarget> &Hops) {
  const ServiceRecord &R = *ME.From;
  const EdgeFact &E = *ME.E;
  NodeId SV = R.Node;
  bool Exact = ME.Ref == EdgeFact::Reference::ExactName;
  const Resolution &Res = resolveAddress(ME.To.Value, R.Namespace, Exact);
  std::string From =
      ME.Source.empty() ? std::string("its manifest") : ME.Source;
  std::string Seen = ME.Text.empty() || ME.Text == ME.To.Value
                         ? std::string()
                         : " (" + quote(ME.Text) + ")";
  if (Res.How == Resolution::NotInInput ||
      Res.How == Resolution::SelectsNothing) {
    M.Inferences.push_back(
        {SV,
         quote(R.Id) + " names " + quote(ME.To.Value) + " in " + From + Seen +
             (Res.How == Resolution::NotInInput
                  ? notInInput(ME.To.Value, R.Namespace) + ": no edge"
                  : ", a Service that selects no workload in the input: no "
                    "edge"),
         ME.To.Loc});
    Missing.push_back({quote(ME.To.Value), std::string(R.Id)});
    return;
  }
  for (NodeId To : Res.Nodes) {
    if (To == SV)
      continue; // a workload naming its own Service
    EdgeKind Kind = E.KindFromTarget && G.node(To).plane == Plane::Control
                        ? EdgeKind::Lookup
                        : E.Kind;
    uint64_t ClassKey = edgeKey(SV, To, unsigned(classOf(Kind)));
    if (Inferred) {
      auto It = Declared.find(ClassKey);
      if (It != Declared.end()) {
        // Every inference is explained, the ones not made too.
        if (Overruled.insert(ClassKey).second)
          M.Inferences.push_back(
              {SV,
               "no " + std::string(name(Kind)) + " inferred from " + From +
                   Seen + ": the " + std::string(name(It->second)) + " " +
                   quote(R.Id) + " -> " + quote(G.node(To).id) +
                   " declared elsewhere overrules it",
               ME.To.Loc});
        continue;
      }
    }
    if (!ManifestEdges.insert(edgeKey(SV, To, unsigned(Kind))).second)
      continue;
    if (!Inferred && AnyInferred)
      Declared.emplace(ClassKey, Kind);
    Declaration D = declarationOf(E);
    std::string Through = Res.Service.empty() || Res.Service == G.node(To).id
                              ? std::string()
                              : " (Service " + quote(Res.Service) + ")";
    if (Inferred) {
      ++InferredEdges;
      M.Inferences.push_back(
          {SV,
           "inferred " + std::string(name(Kind)) + " " + quote(R.Id) + " -> " +
               quote(G.node(To).id) + Through + " from " + From + Seen +
               (Kind == EdgeKind::Lookup && Kind != E.Kind
                    ? ": " + quote(G.node(To).id) + " is control plane"
                    : ""),
           ME.To.Loc});
    }
    Hops.clear();
    if (E.Mesh && isTraffic(Kind)) {
      auto It = Policies.find(To);
      const NodePolicy *P = It == Policies.end() ? nullptr : &It->second;
      std::string Edge = quote(R.Id) + " -> " + quote(G.node(To).id);
      if (P && P->Attempts) {
        D.attempts = *P->Attempts;
        M.Inferences.push_back(
            {SV,
             Edge + " makes " + attempts(D.attempts) + ": " + P->AttemptsWhy,
             P->Attempts.loc()});
      } else if (Options.MeshDefaultRetries && *Options.MeshDefaultRetries) {
        D.attempts = 1 + *Options.MeshDefaultRetries;
        M.Inferences.push_back(
            {SV,
             Edge + " makes " + attempts(D.attempts) +
                 ": no route sets retries, and the mesh retries " +
                 show(uint64_t(*Options.MeshDefaultRetries)) +
                 " times by default (--mesh-default-retries)",
             ME.To.Loc});
      }
      if (P && P->TimeoutMs)
        D.timeoutMs = *P->TimeoutMs;
      if (P && P->Jittered) {
        D.backoff = Backoff::Exponential;
        D.jitter = true;
      }
      if (P && P->Budget) {
        D.budget = *P->Budget;
        M.Inferences.push_back({SV,
                                Edge + " has a retry budget of " +
                                    show(*P->Budget) + ": " + P->BudgetWhy,
                                P->Budget.loc()});
      }
      if (P && !P->Pool.empty())
        if (NodeId C = componentOf(SV, P->Pool); C != NoNode)
          Hops.push_back({C, P->PoolLoc});
    }
    addDeclaration(SV, To, ME.To.Loc, Kind, std::move(D), Hops);
  }
}

void Builder::addEdges() {
  // A declared edge between two nodes overrules an inferred one of the
  // same class: a source that says how a service calls another knows
  // better than an address found in its environment.
  for (const auto &T : Facts)
    for (const EdgeFact &E : T->Edges)
      AnyInferred |= E.Inferred;

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
          if (E.Ref != EdgeFact::Reference::Node) {
            forEachReference(R, T, E, [&](const ManifestEdge &ME) {
              addManifestEdge(ME, Inferred, Hops);
            });
            continue;
          }
          llvm::SmallVector<NodeId, 1> Targets =
              resolve(P.File, E.To, R.Namespace, "'to'");
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
            unsigned Class = unsigned(classOf(E.Kind));
            if (Inferred && Declared.count(edgeKey(SV, To, Class)))
              continue;
            if (!Inferred && AnyInferred)
              Declared.emplace(edgeKey(SV, To, Class), E.Kind);
            addDeclaration(SV, To, E.To.Loc, E.Kind, declarationOf(E), Hops);
          }
        }
      }
    }
  }
}

void Builder::addAllows(const FunctionNodes &Functions) {
  std::set<std::pair<SourceLoc, NodeId>> CodeSeen;
  for (uint32_t F = 0; F < Facts.size(); ++F) {
    const Topology &T = *Facts[F];
    for (const AllowFact &A : T.Allows) {
      bool InCode = A.Target == AllowFact::On::Function ||
                    A.Target == AllowFact::On::Node;
      NodeId SV = NoNode;
      if (!InCode) {
        // A workload another object of the input controls is described by
        // that controller, whose own allows stand (they are the same text,
        // a pod template's annotations copied).
        uint32_t Rec =
            A.Service < RecordOf[F].size() ? RecordOf[F][A.Service] : NoRecord;
        if (Rec == NoRecord)
          continue;
        SV = Services[Rec].Node;
      }
      Allow Out;
      Out.Rule = std::string(A.Rule);
      Out.Reason = std::string(A.Reason);
      Out.Loc = A.Loc;
      switch (A.Target) {
      case AllowFact::On::Service:
        Out.Node = SV;
        break;
      case AllowFact::On::Component:
        Out.Node = G.find(G.node(SV).id + "." +
                          std::string(T.Components[A.Index].Id.Value));
        break;
      case AllowFact::On::Edge: {
        // The places every hop of the item points at: its `via` items,
        // then its `to` (as addEdges adds them).
        const EdgeFact &E = T.Edges[A.Index];
        for (uint32_t V = E.ViaBegin; V < E.ViaBegin + E.ViaCount; ++V)
          Out.Hops.push_back(T.Via[V].Loc);
        Out.Hops.push_back(E.To.Loc);
        Out.Subject =
            "the edge " + quote(G.node(SV).id) + " -> " + quote(E.To.Value);
        break;
      }
      case AllowFact::On::Function:
        if (A.Index < T.Functions.size())
          if (auto It = Functions.find(T.Functions[A.Index].Key);
              It != Functions.end())
            Out.Node = It->second;
        break;
      case AllowFact::On::Node:
        Out.Node = G.find(A.Node);
        if (Out.Node == NoNode)
          Diags.error(A.Loc, concat({"CHOKEPOINT_ALLOW on ", quote(A.Node),
                                     ", which is no node of the graph"}));
        break;
      }
      if (Out.Hops.empty()) {
        if (Out.Node == NoNode)
          continue; // a component or function that was not made: an error
        Out.Subject = quote(G.node(Out.Node).id);
      }
      // A header's CHOKEPOINT_ALLOW is seen by every TU that includes it:
      // once.
      if (InCode && !CodeSeen.insert({A.Loc, Out.Node}).second)
        continue;
      M.Allows.push_back(std::move(Out));
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
        for (NodeId V : resolve(F, N, Options.DefaultNamespace, "a scenario"))
          S.Fail.push_back({V, Fraction});
      M.Scenarios.push_back(std::move(S));
    }
}

/// Says what the manifests did not give: workloads from which no edge
/// leaves (for --verbose), names not in the input (for --verbose), and a
/// run that inferred no edge at all (always: a clean graph there would be
/// a lie).
void Builder::reportUnconnected() {
  size_t Workloads = 0;
  Declares.resize(G.numNodes());
  for (const ServiceRecord &R : Services) {
    if (!R.Namespaced)
      continue;
    ++Workloads;
    if (!Declares[R.Node])
      M.Verbose.push_back(
          {G.node(R.Node).loc,
           "no edge inferred or declared from " +
               described(R.fields().Kind, R.Id) +
               ": nothing it holds names a service in the input"});
  }
  // Once each: the same manifest given twice (a folder and the release file
  // made of it) names the same missing service twice.
  std::set<std::pair<std::string, std::string>> Said;
  for (const auto &Name : Missing)
    if (Said.insert(Name).second)
      M.Verbose.push_back({{},
                           "not in the input: " + Name.first + ", named by " +
                               quote(Name.second)});
  bool AnyManifestEdge = false;
  for (const auto &T : Facts)
    for (const EdgeFact &E : T->Edges)
      AnyManifestEdge |= E.Ref != EdgeFact::Reference::Node;
  if (Workloads > 1 && !InferredEdges && !AnyManifestEdge)
    Diags.add(DiagLevel::Remark, {},
              "no edge could be inferred from the manifests of " +
                  std::to_string(Workloads) +
                  (Workloads == 1 ? " workload" : " workloads") +
                  ": nothing they hold (env, args, command, ConfigMaps, "
                  "depends_on, links) names a service in the input, so calls "
                  "kept elsewhere (a config file, service discovery) are not "
                  "in the graph; declare them with chokepoint.dev/calls or a "
                  "native overlay");
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
    for (const ConfigMapFact &C : T->ConfigMaps)
      ConfigMaps.try_emplace(
          scoped(namespaceOf(C.Namespace, Options), C.Id.Value), &C);
  }
  G.reserve(Nodes, Edges, Decls);
  Resolved.resize(Facts.size());
  for (const auto &T : Facts)
    for (const SkippedFact &S : T->Skipped)
      M.Verbose.push_back({S.Loc, "skipped " + S.What + ": " + S.Why});
  addServices();
  addCodeServices(Facts, G, M); // code_graph.h
  addNotes();
  addSelections();
  addExposures();
  addPolicies();
  findPools();
  addComponents();
  addEdges();
  FunctionNodes Functions = addCodeGraph(
      Facts, G,
      [&](size_t File, const Name &N, std::string_view Role) {
        return resolve(File, N, "", Role);
      },
      Diags);
  addAllows(Functions);
  addScenarios();
  reportUnconnected();
  // Everything the graph needs is copied out of the facts by now: release
  // them before the rows are laid out (at 100k services they are 200 MB).
  Facts.clear();
  releaseFreeMemory();
  M.G = G.build();
  return Diags.errorCount() == Before;
}

} // namespace

bool buildModel(FactSet &&Facts, const BuildOptions &Options, Model &M,
                DiagnosticList &Diags) {
  FactSet Owned = std::move(Facts);
  return Builder(Owned, Options, M, Diags).run();
}

} // namespace chokepoint
