//===- analyzer/manifests/kubernetes.cpp - Kubernetes manifests -----------===//
//
// The front end for Kubernetes objects (docs/manifests.md is the user's
// reference): every document with `apiVersion` and `kind` is claimed here,
// and the kinds of the core API are read here:
//
//   workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet,
//   ReplicationController, Job, CronJob, Pod)  a service each, named after
//                     the workload; replicas, grace period, chokepoint.dev/*
//                     annotations, the image; edges from the addresses its
//                     containers' env, args, command and ConfigMaps hold
//   Service           an address for the workloads its selector matches; a
//                     LoadBalancer or NodePort is a customer entry
//   Ingress, HTTPRoute, GRPCRoute  customer entries at their backends
//   HorizontalPodAutoscaler  minReplicas, the floor of its target
//   PodDisruptionBudget      a drain guard on what it selects
//   ConfigMap         data whose addresses workloads take in
//
// Meshes read their own kinds in istio.cpp and linkerd.cpp.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/addresses.h"
#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/native.h"
#include "analyzer/manifests/objects.h"

#include <charconv>

namespace chokepoint {

namespace {

std::string show(double V) {
  char Buf[32];
  auto [End, Ec] = std::to_chars(Buf, Buf + sizeof Buf, V);
  return std::string(Buf, Ec == std::errc() ? End : Buf);
}

/// The annotations of SPEC §3, and what a workload makes of each.
constexpr std::array<std::string_view, 10> Annotations = {
    "chokepoint.dev/plane",         "chokepoint.dev/entry",
    "chokepoint.dev/owners",        "chokepoint.dev/calls",
    "chokepoint.dev/lookups",       "chokepoint.dev/stateful",
    "chokepoint.dev/drain-seconds", "chokepoint.dev/drain-guard",
    "chokepoint.dev/allow",         "chokepoint.dev/grpc-service-config"};

/// Reads one workload into a ServiceFact.
class WorkloadReader {
public:
  WorkloadReader(ObjectReader &R, const ObjectMeta &M)
      : R(R), W(R.W), T(R.T), M(M), What(M.what()) {}

  void read();

private:
  void spec(DocNode Spec);
  void podTemplate(DocNode Template, std::string_view Where);
  void podSpec(DocNode Spec);
  void container(DocNode C, bool Main);
  void env(DocNode List, std::string_view Container);
  void envFrom(DocNode List);
  void words(DocNode List, std::string_view Key);
  void volumes(DocNode List);
  void annotations(DocNode Map);
  void istioProxyConfig(DocNode V);
  /// Edges to every address Value holds.
  void addressEdges(DocNode Value, std::string Source, bool Whole);
  /// An edge to every address a ConfigMap holds (all keys, or Key).
  void configMapEdge(DocNode NameNode, std::string_view Key,
                     std::string Source);
  /// Declared edges from `chokepoint.dev/calls` or `lookups`.
  void declaredEdges(DocNode Value, std::string_view Key, EdgeKind Kind);
  EdgeFact &edge(Name To, DocNode At);
  uint32_t detail(std::string_view Source, std::string_view Text,
                  std::string_view Key = {});

  ObjectReader &R;
  Walker &W;
  Topology &T;
  const ObjectMeta &M;
  std::string What;
  ServiceFact S;
  Labels PodLabels;
  bool HavePodLabels = false;
  bool SeenMain = false;
  /// Drain seconds the workload's chokepoint.dev annotation gave: it wins
  /// over Istio's drain duration.
  bool DeclaredDrain = false;
  Fact<double> IstioDrain;
};

void WorkloadReader::read() {
  if (std::string Why = checkName(M.Id.Value); !Why.empty()) {
    W.remark(M.KindNode, "skipped " + What + ": " + Why);
    return;
  }
  S.Id = M.Id;
  S.Namespace = M.Namespace;
  S.Namespaced = true;
  S.Kind = M.Kind;
  S.ControllerKind = M.ControllerKind;
  S.ControllerName = M.ControllerName;
  S.ComponentBegin = uint32_t(T.Components.size());
  S.EdgeBegin = uint32_t(T.Edges.size());
  if (M.Kind == "StatefulSet")
    S.Stateful.set(true, W.loc(M.KindNode));
  if (M.Kind == "Pod") {
    podTemplate(M.Root, "");
  } else {
    spec(M.Spec);
  }
  annotations(M.Annotations);
  S.EdgeCount = uint32_t(T.Edges.size()) - S.EdgeBegin;
  uint32_t Index = uint32_t(T.Services.size());
  if (!DeclaredDrain && IstioDrain) {
    S.DrainSeconds = IstioDrain;
    T.Notes.push_back(
        {Index, IstioDrain.loc(),
         quote(M.Id.Value) + " drains for " + show(*IstioDrain) +
             " s: Istio's terminationDrainDuration in proxy.istio.io/config "
             "(nothing checks it against the grace period)"});
  }
  if (M.Kind == "DaemonSet" && !S.Owners) {
    // One pod per node: how many nodes is not in the manifests.
    S.Replicas.set(2, W.loc(M.KindNode));
    T.Notes.push_back(
        {Index, W.loc(M.KindNode),
         quote(M.Id.Value) +
             " counts 2 owners: a DaemonSet runs one pod per node, and the "
             "manifests do not say how many nodes (chokepoint.dev/owners "
             "does)"});
  }
  T.Services.push_back(std::move(S));
  T.Labelled.push_back(
      {Index, M.Kind, HavePodLabels ? std::move(PodLabels) : Labels()});
}

void WorkloadReader::spec(DocNode Spec) {
  std::string SpecWhat = "the spec of " + What;
  bool Replicas = M.Kind == "Deployment" || M.Kind == "StatefulSet" ||
                  M.Kind == "ReplicaSet" || M.Kind == "ReplicationController";
  if (M.Kind == "CronJob") {
    W.mapping(Spec, SpecWhat, otherTool(), key("jobTemplate", [&](DocNode J) {
                W.mapping(J, "the jobTemplate of " + What, otherTool(),
                          key("spec", [&](DocNode JS) {
                            W.mapping(
                                JS, "the job spec of " + What, otherTool(),
                                key("parallelism",
                                    [&](DocNode V) {
                                      W.integer(V, "parallelism", 0, Max32,
                                                S.Replicas);
                                    }),
                                key("template", [&](DocNode Tpl) {
                                  podTemplate(Tpl, "the pod template of ");
                                }));
                          }));
              }));
    return;
  }
  W.mapping(Spec, SpecWhat, otherTool(),
            key("replicas",
                [&](DocNode V) {
                  if (Replicas)
                    W.integer(V, "replicas", 0, Max32, S.Replicas);
                }),
            key("parallelism",
                [&](DocNode V) {
                  if (M.Kind == "Job")
                    W.integer(V, "parallelism", 0, Max32, S.Replicas);
                }),
            key("template", [&](DocNode Tpl) {
              podTemplate(Tpl, "the pod template of ");
            }));
}

void WorkloadReader::podTemplate(DocNode Template, std::string_view Where) {
  std::string TplWhat = std::string(Where) + What;
  if (M.Kind == "Pod") {
    // The pod is its own template: labels and annotations of its metadata.
    if (M.Labels.valid()) {
      R.labels(M.Labels, "labels", PodLabels);
      HavePodLabels = true;
    }
    podSpec(M.Spec);
    return;
  }
  DocNode TemplateAnnotations;
  W.mapping(Template, TplWhat, otherTool(),
            key("metadata",
                [&](DocNode Meta) {
                  W.mapping(Meta, "the metadata of " + TplWhat, otherTool(),
                            key("labels",
                                [&](DocNode L) {
                                  R.labels(L, "labels", PodLabels);
                                  HavePodLabels = true;
                                }),
                            key("annotations",
                                [&](DocNode A) { TemplateAnnotations = A; }));
                }),
            key("spec", [&](DocNode Spec) { podSpec(Spec); }));
  // The pod's own annotations first (Istio reads its proxy config there);
  // the workload's, read after, win.
  annotations(TemplateAnnotations);
}

void WorkloadReader::podSpec(DocNode Spec) {
  std::string SpecWhat = "the pod spec of " + What;
  DocNode Containers, InitContainers;
  W.mapping(Spec, SpecWhat, otherTool(),
            key("terminationGracePeriodSeconds",
                [&](DocNode V) {
                  W.integer(V, "terminationGracePeriodSeconds", 0,
                            UINT64_MAX / 2, S.GraceSeconds);
                }),
            key("containers", [&](DocNode V) { Containers = V; }),
            key("initContainers", [&](DocNode V) { InitContainers = V; }),
            key("volumes", [&](DocNode V) { volumes(V); }));
  W.sequence(InitContainers, "initContainers",
             [&](DocNode C) { container(C, false); });
  W.sequence(Containers, "containers", [&](DocNode C) {
    container(C, !SeenMain);
    SeenMain = true;
  });
}

void WorkloadReader::container(DocNode C, bool Main) {
  std::string_view ContainerName;
  if (DocNode N = field(C, "name"); N.isScalar())
    ContainerName = N.scalar();
  W.mapping(C, "a container of " + What, otherTool(),
            key("image",
                [&](DocNode V) {
                  if (Main)
                    W.string(V, "image", S.Image, T);
                }),
            key("env", [&](DocNode V) { env(V, ContainerName); }),
            key("envFrom", [&](DocNode V) { envFrom(V); }),
            key("args", [&](DocNode V) { words(V, "args"); }),
            key("command", [&](DocNode V) { words(V, "command"); }));
}

void WorkloadReader::env(DocNode List, std::string_view Container) {
  W.sequence(List, "env", [&](DocNode Item) {
    std::string_view VarName;
    DocNode Value, From;
    W.mapping(Item, "an env item of " + What, otherTool(),
              key("name", [&](DocNode V) { W.string(V, "name", VarName); }),
              key("value", [&](DocNode V) { Value = V; }),
              key("valueFrom", [&](DocNode V) { From = V; }));
    std::string Source = "env " + std::string(VarName);
    if (Value.valid() && !Value.isNull()) {
      if (!Value.isScalar()) {
        W.error(Value, "expected a string for 'value', found " +
                           std::string(Value.describe()));
        return;
      }
      addressEdges(Value, Source, true);
      return;
    }
    if (!From.valid())
      return;
    W.mapping(From, "the valueFrom of " + Source, otherTool(),
              key("configMapKeyRef", [&](DocNode Ref) {
                DocNode CmName;
                std::string_view Key;
                W.mapping(
                    Ref, "a configMapKeyRef", otherTool(),
                    key("name", [&](DocNode V) { CmName = V; }),
                    key("key", [&](DocNode V) { W.string(V, "key", Key); }));
                if (CmName.valid() && !CmName.isNull())
                  configMapEdge(CmName, Key, Source);
              }));
  });
}

void WorkloadReader::envFrom(DocNode List) {
  W.sequence(List, "envFrom", [&](DocNode Item) {
    W.mapping(Item, "an envFrom item of " + What, otherTool(),
              key("configMapRef", [&](DocNode Ref) {
                W.mapping(Ref, "a configMapRef", otherTool(),
                          key("name", [&](DocNode V) {
                            configMapEdge(V, {}, "envFrom");
                          }));
              }));
  });
}

void WorkloadReader::volumes(DocNode List) {
  W.sequence(List, "volumes", [&](DocNode Item) {
    W.mapping(Item, "a volume of " + What, otherTool(),
              key("configMap", [&](DocNode Ref) {
                W.mapping(Ref, "a configMap volume", otherTool(),
                          key("name", [&](DocNode V) {
                            configMapEdge(V, {}, "a volume");
                          }));
              }));
  });
}

void WorkloadReader::words(DocNode List, std::string_view Key) {
  W.sequence(List, Key, [&](DocNode Word) {
    if (!Word.isScalar()) {
      W.error(Word, "expected a string for an item of '" + std::string(Key) +
                        "', found " + std::string(Word.describe()));
      return;
    }
    addressEdges(Word, std::string(Key), false);
  });
}

uint32_t WorkloadReader::detail(std::string_view Source, std::string_view Text,
                                std::string_view Key) {
  T.Details.push_back({T.intern(Source), T.intern(Text), T.intern(Key)});
  return uint32_t(T.Details.size() - 1);
}

EdgeFact &WorkloadReader::edge(Name To, DocNode At) {
  EdgeFact E;
  E.To = To;
  E.Loc = W.loc(At);
  E.Mesh = true;
  T.Edges.push_back(E);
  return T.Edges.back();
}

void WorkloadReader::addressEdges(DocNode Value, std::string Source,
                                  bool Whole) {
  llvm::SmallVector<Address, 4> Found;
  findAddresses(Value.scalar(), Whole, Found);
  for (const Address &A : Found) {
    EdgeFact &E = edge(R.nameIn(Value, A.Host), Value);
    E.Ref = A.How == Address::Form::Bare ? EdgeFact::Reference::ExactName
                                         : EdgeFact::Reference::Address;
    E.KindFromTarget = true;
    E.Inferred = true;
    E.Detail = detail(Source, A.Token);
  }
}

void WorkloadReader::configMapEdge(DocNode NameNode, std::string_view Key,
                                   std::string Source) {
  std::string_view CmName;
  if (!W.string(NameNode, "name", CmName))
    return;
  EdgeFact &E = edge(R.nameOf(NameNode), NameNode);
  E.Ref = EdgeFact::Reference::ConfigMap;
  E.KindFromTarget = true;
  E.Inferred = true;
  E.Detail = detail(Source, {}, Key);
}

void WorkloadReader::declaredEdges(DocNode Value, std::string_view Key,
                                   EdgeKind Kind) {
  std::string_view List;
  if (!R.text(Value, Key, List))
    return;
  std::string_view Rest = List;
  while (true) {
    size_t Comma = Rest.find(',');
    std::string_view Item = Rest.substr(0, Comma);
    while (!Item.empty() && Item.front() == ' ')
      Item.remove_prefix(1);
    while (!Item.empty() && Item.back() == ' ')
      Item.remove_suffix(1);
    // name, name.ns, name.ns.svc...: every part a DNS label.
    bool Ok = !Item.empty();
    for (size_t At = 0; Ok;) {
      size_t Dot = Item.find('.', At);
      Ok = isDnsLabel(Item.substr(At, Dot - At));
      if (Dot == std::string_view::npos)
        break;
      At = Dot + 1;
    }
    if (!Ok) {
      W.error(W.locIn(Value, Item.empty() ? List : Item),
              "expected service names separated by commas for '" +
                  std::string(Key) + "', found " + quote(List));
      return;
    }
    EdgeFact &E = edge(R.nameIn(Value, Item), Value);
    E.Ref = EdgeFact::Reference::Address;
    E.Kind = Kind;
    if (Comma == std::string_view::npos)
      break;
    Rest.remove_prefix(Comma + 1);
  }
}

void WorkloadReader::istioProxyConfig(DocNode V) {
  // proxy.istio.io/config holds a ProxyConfig as YAML or JSON text; its
  // terminationDrainDuration is how long the sidecar drains on shutdown.
  if (!V.isScalar())
    return;
  std::string_view Text = V.scalar();
  constexpr std::string_view Key = "terminationDrainDuration";
  size_t At = Text.find(Key);
  if (At == std::string_view::npos)
    return;
  std::string_view Rest = Text.substr(At + Key.size());
  size_t Start = Rest.find_first_not_of("\"': \t");
  if (Start == std::string_view::npos)
    return;
  Rest = Rest.substr(Start);
  std::string_view Value = Rest.substr(0, Rest.find_first_of("\"', \t\r\n}"));
  uint64_t Ms;
  if (R.durationIn(V, Value, Key, Ms))
    IstioDrain.set(double(Ms) / 1000.0, W.locIn(V, Value));
}

void WorkloadReader::annotations(DocNode Map) {
  if (!Map.valid() || Map.isNull())
    return;
  std::string AnnWhat = "the annotations of " + What;
  if (!Map.isMapping()) {
    W.error(Map, "expected a mapping for " + AnnWhat + ", found " +
                     std::string(Map.describe()));
    return;
  }
  // Our own annotations are checked: a misspelt one would silently do
  // nothing. Other tools' are theirs.
  W.entries(Map, [&](DocNode K, DocNode, bool) {
    if (!K.isScalar() || !K.scalar().starts_with(AnnotationPrefix))
      return;
    std::string_view Key = K.scalar();
    if (std::find(Annotations.begin(), Annotations.end(), Key) !=
        Annotations.end())
      return;
    std::vector<std::string_view> Known(Annotations.begin(), Annotations.end());
    std::string Hint = didYouMean(Key, Known);
    W.error(K, "unknown annotation " + quote(Key) + Hint +
                   (Hint.empty() ? " (chokepoint reads: " + joined(Known) + ")"
                                 : ""));
  });
  constexpr std::array<Spelling<Plane>, 2> Planes = {
      {{"data", Plane::Data}, {"control", Plane::Control}}};
  constexpr std::array<Spelling<bool>, 1> Entries = {{{"customer", true}}};
  W.mapping(
      Map, AnnWhat, otherTool(),
      key("chokepoint.dev/plane",
          [&](DocNode V) {
            W.choice(V, "chokepoint.dev/plane", "a plane", Planes,
                     S.PlaneValue);
          }),
      key("chokepoint.dev/entry",
          [&](DocNode V) {
            W.choice(V, "chokepoint.dev/entry", "an entry", Entries, S.Entry);
          }),
      key("chokepoint.dev/owners",
          [&](DocNode V) {
            uint64_t N;
            if (R.textInteger(V, "chokepoint.dev/owners", 1, Max32, N))
              S.Owners.set(N, W.loc(V));
          }),
      key("chokepoint.dev/calls",
          [&](DocNode V) {
            declaredEdges(V, "chokepoint.dev/calls", EdgeKind::Call);
          }),
      key("chokepoint.dev/lookups",
          [&](DocNode V) {
            declaredEdges(V, "chokepoint.dev/lookups", EdgeKind::Lookup);
          }),
      key("chokepoint.dev/stateful",
          [&](DocNode V) {
            bool B;
            if (R.textBoolean(V, "chokepoint.dev/stateful", B))
              S.Stateful.set(B, W.loc(V));
          }),
      key("chokepoint.dev/drain-seconds",
          [&](DocNode V) {
            double D;
            if (R.textNumber(V, "chokepoint.dev/drain-seconds", D)) {
              S.DrainSeconds.set(D, W.loc(V));
              DeclaredDrain = true;
            }
          }),
      key("chokepoint.dev/drain-guard",
          [&](DocNode V) {
            bool B;
            if (R.textBoolean(V, "chokepoint.dev/drain-guard", B))
              S.DrainGuard.set(B, W.loc(V));
          }),
      key("chokepoint.dev/allow",
          [&](DocNode V) {
            // "rule-id: reason" entries, separated by line breaks or ';':
            // each silences its rule on this workload.
            std::string_view Text;
            if (!R.text(V, "chokepoint.dev/allow", Text))
              return;
            AllowFact Proto;
            Proto.Target = AllowFact::On::Service;
            Proto.Service = uint32_t(T.Services.size());
            allowsInText(W, V, Text, "chokepoint.dev/allow", Proto, T,
                         T.Allows);
          }),
      key("chokepoint.dev/grpc-service-config",
          [&](DocNode V) {
            std::string_view Config;
            if (!R.text(V, "chokepoint.dev/grpc-service-config", Config))
              return;
            // The calls to this workload follow the config it publishes.
            RelationFact &P = R.relation(RelationFact::Kind::Policy, M);
            P.Target = M.Id;
            P.ServiceConfig = R.nameOf(V);
            P.Why = R.why(M, V);
          }),
      key("proxy.istio.io/config", [&](DocNode V) { istioProxyConfig(V); }));
}

void readWorkload(ObjectReader &R, const ObjectMeta &M) {
  WorkloadReader(R, M).read();
}

/// A Service: an address for the workloads its selector matches.
void readService(ObjectReader &R, const ObjectMeta &M) {
  Walker &W = R.W;
  RelationFact Rel;
  Rel.K = RelationFact::Kind::Selects;
  Rel.Namespace = M.Namespace;
  Rel.Id = M.Id;
  std::string_view Type;
  DocNode TypeNode;
  W.mapping(M.Spec, "the spec of " + M.what(), otherTool(),
            key("selector",
                [&](DocNode V) {
                  R.labels(V, "the selector of " + M.what(),
                           Rel.Selector.MatchLabels);
                }),
            key("type", [&](DocNode V) {
              if (W.string(V, "type", Type))
                TypeNode = V;
            }));
  R.T.Relations.push_back(std::move(Rel));
  readLinkerdRetries(R, M, M.Id);
  if (Type == "LoadBalancer" || Type == "NodePort") {
    RelationFact &E = R.relation(RelationFact::Kind::Exposes, M);
    E.Target = M.Id;
    E.Why = R.why(M, TypeNode, "of type " + std::string(Type));
  }
}

/// An Ingress: customer traffic enters at every backend Service.
void readIngress(ObjectReader &R, const ObjectMeta &M) {
  Walker &W = R.W;
  auto Backend = [&](DocNode B) {
    W.mapping(B, "a backend of " + M.what(), otherTool(),
              key("service",
                  [&](DocNode Svc) {
                    W.mapping(Svc, "the service of a backend", otherTool(),
                              key("name", [&](DocNode N) {
                                std::string_view S;
                                if (!W.string(N, "name", S))
                                  return;
                                RelationFact &E =
                                    R.relation(RelationFact::Kind::Exposes, M);
                                E.Target = R.nameOf(N);
                                E.Why = R.why(M, N);
                              }));
                  }),
              key("serviceName", [&](DocNode N) { // extensions/v1beta1
                std::string_view S;
                if (!W.string(N, "serviceName", S))
                  return;
                RelationFact &E = R.relation(RelationFact::Kind::Exposes, M);
                E.Target = R.nameOf(N);
                E.Why = R.why(M, N);
              }));
  };
  W.mapping(M.Spec, "the spec of " + M.what(), otherTool(),
            key("defaultBackend", Backend), key("backend", Backend),
            key("rules", [&](DocNode Rules) {
              W.sequence(Rules, "rules", [&](DocNode Rule) {
                W.mapping(Rule, "a rule of " + M.what(), otherTool(),
                          key("http", [&](DocNode H) {
                            W.mapping(
                                H, "the http of a rule", otherTool(),
                                key("paths", [&](DocNode Paths) {
                                  W.sequence(Paths, "paths", [&](DocNode P) {
                                    W.mapping(P, "a path of " + M.what(),
                                              otherTool(),
                                              key("backend", Backend));
                                  });
                                }));
                          }));
              });
            }));
}

/// A Gateway API route. Attached to a Gateway, its backends are customer
/// entries; attached to a Service (a mesh route, GAMMA), it is the mesh's
/// policy for traffic to that Service (linkerd.cpp reads its retries).
void readRoute(ObjectReader &R, const ObjectMeta &M) {
  Walker &W = R.W;
  bool ToGateway = false;
  std::vector<DocNode> ServiceParents;
  DocNode Rules;
  W.mapping(
      M.Spec, "the spec of " + M.what(), otherTool(),
      key("parentRefs",
          [&](DocNode Refs) {
            W.sequence(Refs, "parentRefs", [&](DocNode Ref) {
              std::string_view Kind = "Gateway";
              DocNode NameNode;
              W.mapping(
                  Ref, "a parentRef", otherTool(),
                  key("kind", [&](DocNode K) { W.string(K, "kind", Kind); }),
                  key("name", [&](DocNode N) { NameNode = N; }));
              if (Kind == "Service")
                ServiceParents.push_back(NameNode);
              else
                ToGateway = true;
            });
          }),
      key("rules", [&](DocNode V) { Rules = V; }));
  for (DocNode Parent : ServiceParents) {
    std::string_view Name;
    if (W.string(Parent, "name", Name))
      readLinkerdRetries(R, M, R.nameOf(Parent));
  }
  if (!ToGateway)
    return; // a mesh route: its policy is all it says
  W.sequence(Rules, "rules", [&](DocNode Rule) {
    W.mapping(
        Rule, "a rule of " + M.what(), otherTool(),
        key("backendRefs", [&](DocNode Refs) {
          W.sequence(Refs, "backendRefs", [&](DocNode Ref) {
            std::string_view Kind = "Service", Ns;
            DocNode NameNode;
            W.mapping(
                Ref, "a backendRef", otherTool(),
                key("kind", [&](DocNode K) { W.string(K, "kind", Kind); }),
                key("namespace",
                    [&](DocNode N) { W.string(N, "namespace", Ns); }),
                key("name", [&](DocNode N) { NameNode = N; }));
            std::string_view Backend;
            if (Kind != "Service" || !W.string(NameNode, "name", Backend))
              return;
            RelationFact &E = R.relation(RelationFact::Kind::Exposes, M);
            E.Target = Ns.empty() ? R.nameOf(NameNode)
                                  : Name{R.T.intern(std::string(Backend) + "." +
                                                    std::string(Ns)),
                                         W.loc(NameNode), UINT32_MAX};
            E.Why = R.why(M, NameNode);
          });
        }));
  });
}

void readAutoscaler(ObjectReader &R, const ObjectMeta &M) {
  Walker &W = R.W;
  RelationFact &Rel = R.relation(RelationFact::Kind::Scales, M);
  Rel.Why = R.why(M, M.KindNode);
  bool HaveTarget = false;
  W.mapping(M.Spec, "the spec of " + M.what(), otherTool(),
            key("scaleTargetRef",
                [&](DocNode Ref) {
                  std::string_view Kind;
                  W.mapping(Ref, "the scaleTargetRef of " + M.what(),
                            otherTool(),
                            key("kind",
                                [&](DocNode K) {
                                  if (W.string(K, "kind", Kind))
                                    Rel.TargetKind = R.T.intern(Kind);
                                }),
                            key("name", [&](DocNode N) {
                              std::string_view S;
                              if (W.string(N, "name", S)) {
                                Rel.Target = R.nameOf(N);
                                HaveTarget = true;
                              }
                            }));
                }),
            key("minReplicas", [&](DocNode V) {
              W.integer(V, "minReplicas", 0, Max32, Rel.MinReplicas);
            }));
  if (!HaveTarget || Rel.TargetKind.empty()) {
    if (!W.full())
      W.error(M.KindNode, M.what() +
                              " needs 'spec.scaleTargetRef' with 'kind' and "
                              "'name': the workload it scales");
    R.T.Relations.pop_back();
    return;
  }
  // minReplicas defaults to 1 in Kubernetes: an autoscaler without it may
  // take its target down to one replica, whatever `replicas` says.
  if (!Rel.MinReplicas)
    Rel.MinReplicas.set(1, W.loc(M.KindNode));
}

void readDisruptionBudget(ObjectReader &R, const ObjectMeta &M) {
  RelationFact &Rel = R.relation(RelationFact::Kind::Guards, M);
  Rel.Why = R.why(M, M.KindNode);
  R.W.mapping(M.Spec, "the spec of " + M.what(), otherTool(),
              key("selector", [&](DocNode V) {
                R.selector(V, "the selector of " + M.what(), Rel.Selector);
              }));
}

void readConfigMap(ObjectReader &R, const ObjectMeta &M) {
  ConfigMapFact C;
  C.Namespace = M.Namespace;
  C.Id = M.Id;
  DocNode Data = field(M.Root, "data");
  R.W.names(Data, "ConfigMap data", [&](DocNode K, DocNode V) {
    if (V.isNull())
      return;
    if (!V.isScalar()) {
      R.W.error(V, "expected a string for the data key " + quote(K.scalar()) +
                       ", found " + std::string(V.describe()));
      return;
    }
    ServiceConfigFact Grpc;
    if (readEmbeddedServiceConfig(R, V, Grpc)) {
      Grpc.Id = M.Id.Value;
      Grpc.Namespace = M.Namespace;
      Grpc.FromConfigMap = true;
      R.T.ServiceConfigs.push_back(std::move(Grpc));
      return; // a config, not addresses to call
    }
    llvm::SmallVector<Address, 4> Found;
    findAddresses(V.scalar(), true, Found);
    for (const Address &A : Found)
      C.References.push_back({R.T.intern(K.scalar()), R.nameIn(V, A.Host),
                              A.How == Address::Form::Bare
                                  ? EdgeFact::Reference::ExactName
                                  : EdgeFact::Reference::Address,
                              R.T.intern(A.Token)});
  });
  R.T.ConfigMaps.push_back(std::move(C));
}

#define WORKLOAD(Var, Group, Kind)                                             \
  const ObjectKind Var{Group, Kind, readWorkload};                             \
  CHOKEPOINT_OBJECT_KIND(Var)

WORKLOAD(Deployment, "apps", "Deployment");
WORKLOAD(StatefulSet, "apps", "StatefulSet");
WORKLOAD(DaemonSet, "apps", "DaemonSet");
WORKLOAD(ReplicaSet, "apps", "ReplicaSet");
WORKLOAD(OldDeployment, "extensions", "Deployment");
WORKLOAD(OldDaemonSet, "extensions", "DaemonSet");
WORKLOAD(OldReplicaSet, "extensions", "ReplicaSet");
WORKLOAD(ReplicationController, "", "ReplicationController");
WORKLOAD(Job, "batch", "Job");
WORKLOAD(CronJob, "batch", "CronJob");
WORKLOAD(Pod, "", "Pod");
#undef WORKLOAD

const ObjectKind Service{"", "Service", readService};
CHOKEPOINT_OBJECT_KIND(Service);
const ObjectKind ConfigMap{"", "ConfigMap", readConfigMap};
CHOKEPOINT_OBJECT_KIND(ConfigMap);
const ObjectKind Ingress{"networking.k8s.io", "Ingress", readIngress};
CHOKEPOINT_OBJECT_KIND(Ingress);
const ObjectKind OldIngress{"extensions", "Ingress", readIngress};
CHOKEPOINT_OBJECT_KIND(OldIngress);
const ObjectKind HttpRoute{"gateway.networking.k8s.io", "HTTPRoute", readRoute};
CHOKEPOINT_OBJECT_KIND(HttpRoute);
const ObjectKind GrpcRoute{"gateway.networking.k8s.io", "GRPCRoute", readRoute};
CHOKEPOINT_OBJECT_KIND(GrpcRoute);
const ObjectKind Autoscaler{"autoscaling", "HorizontalPodAutoscaler",
                            readAutoscaler};
CHOKEPOINT_OBJECT_KIND(Autoscaler);
const ObjectKind DisruptionBudget{"policy", "PodDisruptionBudget",
                                  readDisruptionBudget};
CHOKEPOINT_OBJECT_KIND(DisruptionBudget);

/// Claims every document that is a Kubernetes-style object: a mapping with
/// string `apiVersion` and `kind`.
class KubernetesFrontEnd : public FrontEnd {
public:
  std::string_view name() const override { return "kubernetes"; }
  std::string_view summary() const override {
    return "Kubernetes objects ('apiVersion' and 'kind'), Istio and Linkerd "
           "included, as `helm template`, `kustomize build` and `kubectl get "
           "-o yaml` print them";
  }
  bool claims(const Document &Doc, std::string_view) const override {
    DocNode Api = topLevel(Doc, "apiVersion"), Kind = topLevel(Doc, "kind");
    return Api.valid() && Kind.valid() && Api.isScalar() && Kind.isScalar() &&
           !Api.isNull() && !Kind.isNull() &&
           !topLevel(Doc, "chokepoint").valid();
  }
  void decode(Walker &W, Topology &T) const override {
    ObjectReader(W, T).object(W.document().root());
  }
};
CHOKEPOINT_FRONT_END(KubernetesFrontEnd);

} // namespace

} // namespace chokepoint
