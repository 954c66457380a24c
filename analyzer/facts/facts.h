//===- analyzer/facts/facts.h - What front ends record ----------*- C++ -*-===//
//
// Front ends (the native format, manifests, code) record plain, located
// facts and resolve nothing: a reference may point into another file, a
// service may be described by several sources. Every fact field is optional
// and keeps where it was written, so the merge (merge.h) can combine
// sources by service name, apply precedence, and report a value given twice
// differently at both places.
//
// Facts live in flat arrays (services own ranges of components and edges)
// and names are interned, so a 1M-edge topology costs tens of bytes an edge.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_FACTS_FACTS_H
#define CHOKEPOINT_ANALYZER_FACTS_FACTS_H

#include "graphs/graph.h"

#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chokepoint {

/// A value and where it was written.
template <typename T> struct Located {
  T Value{};
  SourceLoc Loc;
};

/// A fact a source may or may not state: unset means "this source did not
/// say", never "the default". Defaults are applied after the merge.
template <typename T> class Fact {
public:
  bool has() const { return Set; }
  explicit operator bool() const { return Set; }
  const T &operator*() const { return Value; }
  const T *operator->() const { return &Value; }
  SourceLoc loc() const { return Loc; }
  T valueOr(T Default) const { return Set ? Value : Default; }
  void set(T V, SourceLoc L) {
    Value = std::move(V);
    Loc = L;
    Set = true;
  }

private:
  T Value{};
  SourceLoc Loc;
  bool Set = false;
};

/// A name as written: its text (interned in its Topology), where it was,
/// and its dense id in that Topology (the same text, the same id), so later
/// stages resolve each distinct name once and then index by id.
struct Name {
  std::string_view Value;
  SourceLoc Loc;
  uint32_t Id = UINT32_MAX;
};

/// An edge as a source states it: a `calls`/`recovers` item, an annotated
/// call, an inferred dependency. Edges are not merged field by field: each
/// is a declaration of its own, except that an inferred edge gives way to a
/// declared one between the same nodes (see merge.h).
struct EdgeFact {
  // Fields widest first: a million edges at 100k services, and padding
  // between narrow and wide fields was 16 of 128 bytes.
  Name To;
  MaybeDouble Budget;
  MaybeDouble RateLimit;
  std::string_view Trigger; ///< `on:`
  std::optional<uint32_t> TimeoutMs;
  SourceLoc Loc; ///< the item
  uint32_t Attempts = 1;
  uint32_t Fanout = 1;
  uint32_t ViaBegin = 0, ViaCount = 0; ///< range of Topology::Via
  /// Index into Topology::Details, or NoDetail: what an inferred edge was
  /// read from, kept aside so that the millions of native edges stay small.
  uint32_t Detail = NoDetail;
  static constexpr uint32_t NoDetail = UINT32_MAX;
  EdgeKind Kind = EdgeKind::Call;
  Backoff BackoffKind = Backoff::None;
  bool Jitter = false;
  /// Guessed from a manifest (an address in an environment variable), not
  /// declared: it stands only where no source declares an edge of the same
  /// class between the same nodes.
  bool Inferred = false;
  /// How To names its target.
  enum class Reference : uint8_t {
    /// A node id (the native format): naming nothing is an error.
    Node,
    /// An address read from a manifest: a Service or workload name in the
    /// declaring service's namespace, or `name.ns`, `name.ns.svc`,
    /// `name.ns.svc.cluster.local`. Naming nothing is a remark ("not in the
    /// input"), never an error: manifests name what other teams run.
    Address,
    /// A whole value that is a plain name (`CATALOG_HOST: catalog`): it
    /// counts only when it is exactly the name of a Service or workload in
    /// the input, and is nothing otherwise.
    ExactName,
    /// The ConfigMap named To, in the declaring service's namespace: an
    /// edge to every address its data holds (Detail's Key: one key only).
    ConfigMap,
  };
  Reference Ref = Reference::Node;
  /// The kind follows the target: `lookup` when it is control plane,
  /// `call` otherwise (Kind is the fallback).
  bool KindFromTarget = false;
  /// Read from Kubernetes manifests: the mesh's policies for traffic to the
  /// target (route retries, connection pools, budgets) apply to it.
  bool Mesh = false;
};
static_assert(sizeof(EdgeFact) <= 112, "EdgeFact grew: see its first lines");

/// What an inferred edge was read from, for the remark that explains it.
struct EdgeDetail {
  /// "env CART_ADDR", "args", "depends_on": where, in words.
  std::string_view Source;
  /// The text the target was found in ("cart:7070").
  std::string_view Text;
  /// For a ConfigMap reference: the one key a valueFrom takes ("" for an
  /// envFrom, which takes every key).
  std::string_view Key;
};

struct ComponentFact {
  Name Id;
  Fact<ComponentKind> Kind;
  Fact<uint64_t> Owners;
  Fact<Plane> PlaneValue;
  Fact<double> Capacity;
};

/// One source's description of a service. Several may describe the same
/// service (a manifest its replicas, a native overlay its components): the
/// merge combines them.
struct ServiceFact {
  Name Id;
  /// `name:` of the document it was written in ("" when none): two
  /// descriptions that disagree and come from differently named documents
  /// are most likely separate topologies given together.
  std::string_view Topology;
  /// Where it lives (Kubernetes namespaces; "" for the native format):
  /// relational facts match objects of their own namespace.
  std::string_view Namespace;
  /// Read from a format with namespaces (Kubernetes, docker-compose): an
  /// empty Namespace means the run's default one (`--namespace`), and a
  /// name given in two namespaces becomes `name.ns` for both. A native
  /// description has none: it merges with the workload of its name.
  bool Namespaced = false;
  /// The object's kind, for messages ("Deployment"; "" for the native
  /// format).
  std::string_view Kind;
  /// Its controller (metadata.ownerReferences with `controller: true`): a
  /// Pod of a ReplicaSet, a ReplicaSet of a Deployment. When the controller
  /// is in the input too, it describes the workload and this object is
  /// left out (as `kubectl get all -o yaml` lists all three).
  std::string_view ControllerKind, ControllerName;
  /// Set by resolveRelations when the controller is in the input.
  bool Superseded = false;
  /// Its own name is an address others reach it by (a compose service), as
  /// a Kubernetes Service's is; a Kubernetes workload's name is not.
  bool Addressable = false;
  /// The image of its first container: a well-known control-plane image
  /// (`hashicorp/consul`) makes it control plane unless `plane` is given.
  Fact<std::string_view> Image;
  Fact<uint64_t> Replicas;
  /// A floor set by an autoscaler (Kubernetes HPA `minReplicas`): wins over
  /// Replicas, as a scaled workload never runs fewer.
  Fact<uint64_t> MinReplicas;
  /// Owners stated outright (`chokepoint.dev/owners`): win over both.
  Fact<uint64_t> Owners;
  Fact<Plane> PlaneValue;
  Fact<bool> Entry;
  Fact<bool> Stateful;
  Fact<bool> DrainGuard;
  Fact<double> DrainSeconds;
  Fact<double> GraceSeconds;
  Fact<double> Capacity;
  Fact<uint64_t> Population;
  Fact<std::string_view> Zone;
  uint32_t ComponentBegin = 0, ComponentCount = 0; ///< range of Components
  uint32_t EdgeBegin = 0, EdgeCount = 0;           ///< range of Edges
};

/// A named what-if for `chokepoint simulate`: nodes failing, each with the
/// fraction of it lost.
struct ScenarioFact {
  Name Id;
  std::vector<std::pair<Name, double>> Fail;
  std::optional<double> WindowSeconds;
};

//===----------------------------------------------------------------------===//
// Relational facts: objects that name others by label or by reference
// (a Kubernetes Service's selector, an autoscaler's target, a disruption
// budget's selector). A front end records them as it reads; they are
// resolved once every file has been read (resolveRelations in merge.h),
// since the object they name may be in any file.
//===----------------------------------------------------------------------===//

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

/// A label selector: every MatchLabels pair and every expression must hold
/// (Kubernetes `matchLabels` / `matchExpressions`, or a Service's plain
/// `selector`).
struct LabelSelector {
  enum class Op : uint8_t { In, NotIn, Exists, DoesNotExist };
  struct Expression {
    std::string_view Key;
    Op Operator = Op::In;
    std::vector<std::string_view> Values;
  };
  chokepoint::Labels MatchLabels;
  std::vector<Expression> MatchExpressions;

  /// An empty selector selects nothing here: Kubernetes reads an empty
  /// Service selector as "no automatic endpoints".
  bool empty() const { return MatchLabels.empty() && MatchExpressions.empty(); }
};

/// The labels of an object that became a service (a workload), and its
/// kind, which autoscalers name their target by.
struct LabelledFact {
  uint32_t Service = 0;  ///< index into Topology::Services
  std::string_view Kind; ///< e.g. Deployment
  chokepoint::Labels Labels;
};

struct RelationFact {
  enum class Kind : uint8_t {
    /// An addressable name (a Kubernetes Service) for the workloads its
    /// selector matches: a reference to Id that names no node resolves to
    /// each of them (an edge to each).
    Selects,
    /// An autoscaler: sets MinReplicas on the workload Target names.
    Scales,
    /// A disruption budget: guards (DrainGuard) the workloads it selects.
    Guards,
    /// Customer traffic enters at what Target names (an address: a Service
    /// of type LoadBalancer or NodePort names itself; an Ingress, a Gateway
    /// API route or a Gateway-bound VirtualService names its backends).
    Exposes,
    /// A mesh's policy for traffic to what Target names (an address):
    /// Attempts, TimeoutMs, Budget and SinglePool apply to every mesh edge
    /// (EdgeFact::Mesh) into it.
    Policy,
  };
  Kind K = Kind::Selects;
  std::string_view Namespace;
  Name Id;                     ///< the object's own name, where it was written
  LabelSelector Selector;      ///< Selects, Guards
  std::string_view TargetKind; ///< Scales: the target's kind
  Name Target;                 ///< Scales: the target's name; Exposes,
                               ///< Policy: an address
  Fact<uint64_t> MinReplicas;  ///< Scales
  /// Exposes, Policy: why, for the remark ("Service 'web' of type
  /// LoadBalancer"), located at the line that says so.
  Located<std::string_view> Why;
  // Policy:
  Fact<uint32_t> Attempts;  ///< total tries (Istio: 1 + retries.attempts)
  Fact<uint32_t> TimeoutMs; ///< per try, else per request
  Fact<double> Budget;      ///< retry budget ratio
  /// Callers reach the target through one connection (a DestinationRule's
  /// `http.maxConnections: 1` or `http1MaxPendingRequests: 1`): a
  /// single-owner `pool` component in each caller.
  Fact<bool> SinglePool;
  /// Retries back off exponentially with jitter (gRPC's do).
  bool Jittered = false;
  /// Policy: the gRPC service config that holds it, by name (a file of the
  /// input, or a ConfigMap of Namespace), when the object only points to
  /// one (`chokepoint.dev/grpc-service-config`).
  Name ServiceConfig;
};

/// A gRPC service config (a JSON file, or a ConfigMap value holding one):
/// the retry policy of calls to the service that points to it.
struct ServiceConfigFact {
  /// How it is named: a file's path (matched by its name or a path
  /// suffix), or a ConfigMap's name in Namespace.
  std::string_view Id;
  std::string_view Namespace;
  bool FromConfigMap = false;
  SourceLoc Loc;
  Fact<uint32_t> Attempts;  ///< the largest retryPolicy.maxAttempts
  Fact<uint32_t> Hedging;   ///< the largest hedgingPolicy.maxAttempts
  Fact<double> Budget;      ///< retryThrottling.tokenRatio
  Fact<uint32_t> TimeoutMs; ///< the first methodConfig timeout
};

/// A ConfigMap's data as references: what each key's value names, found
/// when it was read (the front end knows the address forms; the build only
/// resolves them).
struct ConfigMapFact {
  std::string_view Namespace;
  Name Id;
  struct Reference {
    std::string_view Key;
    Name Target; ///< as written, located in the value
    EdgeFact::Reference Ref = EdgeFact::Reference::Address;
    std::string_view Text; ///< the text it was found in
  };
  std::vector<Reference> References;
};

/// An inference a front end or resolveRelations made about a service,
/// shown as a remark at Loc.
struct NoteFact {
  uint32_t Service = 0; ///< index into Topology::Services
  SourceLoc Loc;
  std::string Message;
};

/// An object a front end read and left out, with why: listed by --verbose.
struct SkippedFact {
  SourceLoc Loc;
  std::string What; ///< "ServiceAccount 'frontend'"
  std::string Why;  ///< "carries no topology"
};

//===----------------------------------------------------------------------===//
// Code facts: what the code front end (analyzer/code/) records from C/C++
// translation units. Functions are named by a key that is the same in every
// TU (qualified name and parameter types), so a function declared in a
// header and called from several TUs is one node; the merge (build.cpp)
// makes the nodes and edges.
//===----------------------------------------------------------------------===//

/// A C/C++ function (SPEC §1 function node) as one TU sees it.
struct FunctionFact {
  std::string_view Key;           ///< QualifiedName + Signature
  std::string_view QualifiedName; ///< "voice::Pool::acquire"
  std::string_view Signature; ///< "(int, const char *)": tells overloads apart
  Name Service;               ///< the service it belongs to
  SourceLoc Loc;              ///< its first declaration
  /// The component (`service.name`) a call to it passes through: an
  /// OWNER on it or on its class. Value "" when none.
  Name Owner;
  Fact<bool> Entry;          ///< CHOKEPOINT_ENTRY("customer")
  Fact<bool> Lookup;         ///< CHOKEPOINT_LOOKUP: its calls are lookups
  Fact<uint32_t> Attempts;   ///< CHOKEPOINT_RETRY: on its calls
  Fact<Backoff> BackoffKind; ///< CHOKEPOINT_RETRY
  Fact<EdgeKind> Recovery;   ///< CHOKEPOINT_RECOVERY: its calls' kind
  std::string_view Trigger;  ///< CHOKEPOINT_RECOVERY
  /// Keys of the virtual methods it overrides directly: a virtual call to
  /// one of them may reach it.
  std::vector<std::string_view> Overrides;
};

/// A call seen in a function's body, or an edge an annotation states.
struct CallFact {
  uint32_t From = 0; ///< index into Topology::Functions
  enum class Target : uint8_t {
    Function, ///< To is a FunctionFact key
    Service,  ///< To is a service, or `service.component` (CHOKEPOINT_CALLS)
    Lookup,   ///< To is a service (CHOKEPOINT_LOOKUP): a lookup edge
  };
  Target K = Target::Function;
  Name To;
  /// A virtual call: it may reach every override of To seen in the run.
  bool Virtual = false;
  /// The component (`service.name`) the call passes through besides the
  /// callee's own: the object called is an OWNER variable. "" when none.
  Name Via;
};

/// An inline suppression: `allow:` on a native service, component or
/// `calls`/`recovers` item, a Kubernetes workload's
/// `chokepoint.dev/allow`, or CHOKEPOINT_ALLOW in C/C++. It silences one
/// rule on what it is written on.
/// Front ends record it as written; whether the rule exists and a reason is
/// given is checked after the build, by the code that checks the config
/// file's suppressions (report/policy.h), so both say the same.
struct AllowFact {
  enum class On : uint8_t {
    Service,   ///< Topology::Services[Service]
    Component, ///< Topology::Components[Index], of that service
    Edge,      ///< Topology::Edges[Index], of that service
    Function,  ///< Topology::Functions[Index] (code)
    Node,      ///< the service or `service.component` Node names (code)
  };
  On Target = On::Service;
  /// The service it belongs to (index into Topology::Services: the one
  /// about to be pushed while it is read), and for a component or an edge
  /// its index into Topology::Components or Topology::Edges.
  uint32_t Service = 0;
  uint32_t Index = 0;
  std::string_view Node;   ///< On::Node
  std::string_view Rule;   ///< as written, not checked yet
  std::string_view Reason; ///< "" when none was given
  SourceLoc Loc;           ///< the allow item (or its part of a text)
};

/// Facts of one input file (all its documents).
struct Topology {
  uint32_t File = 0;
  std::vector<ServiceFact> Services;
  std::vector<ComponentFact> Components;
  std::vector<EdgeFact> Edges;
  std::vector<Name> Via;
  std::vector<ScenarioFact> Scenarios;
  std::vector<LabelledFact> Labelled;
  std::vector<RelationFact> Relations;
  std::vector<EdgeDetail> Details;
  std::vector<ConfigMapFact> ConfigMaps;
  std::vector<NoteFact> Notes;
  std::vector<SkippedFact> Skipped;
  std::vector<ServiceConfigFact> ServiceConfigs;
  std::vector<FunctionFact> Functions; ///< code front end
  std::vector<CallFact> Calls;         ///< code front end
  std::vector<AllowFact> Allows;
  /// Code facts whose files the run has not given ids yet (a TU being
  /// analysed, a facts file of `chokepoint extract`): the absolute paths
  /// their locations name (SourceLoc::file - 1), the TU's own file first.
  /// Empty once UnitImporter (units.h) has given them the run's ids.
  std::vector<std::string> UnitFiles;

  /// Every distinct text the facts hold, and its id: 0, 1, ... in the order
  /// they were first interned (Ids.size() of them).
  llvm::StringMap<uint32_t> Ids;

  /// Interns S: its id, and its copy that lives as long as the Topology.
  std::pair<uint32_t, std::string_view> interned(std::string_view S) {
    auto It = Ids.try_emplace(llvm::StringRef(S.data(), S.size()),
                              uint32_t(Ids.size()))
                  .first;
    return {It->second,
            std::string_view(It->getKey().data(), It->getKey().size())};
  }
  std::string_view intern(std::string_view S) { return interned(S).second; }
  /// S interned, as a Name at L.
  Name name(std::string_view S, SourceLoc L) {
    auto [Id, Copy] = interned(S);
    return {Copy, L, Id};
  }
};

/// The facts of a whole run, one Topology per file, in input order.
using FactSet = std::vector<std::unique_ptr<Topology>>;

/// The fewest services a native document needs for `-j` to decode them on
/// several threads: below, starting threads and merging their facts costs
/// more than it saves (docs/design.md, "Services decoded on several
/// threads").
constexpr size_t DefaultMinEntriesApart = 4096;

} // namespace chokepoint

#endif
