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
#include <string_view>
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
  Name To;
  EdgeKind Kind = EdgeKind::Call;
  uint32_t Attempts = 1;
  Backoff BackoffKind = Backoff::None;
  bool Jitter = false;
  std::optional<double> Budget;
  std::optional<double> RateLimit;
  std::optional<uint32_t> TimeoutMs;
  uint32_t Fanout = 1;
  uint32_t ViaBegin = 0, ViaCount = 0; ///< range of Topology::Via
  std::string_view Trigger;            ///< `on:`
  SourceLoc Loc;                       ///< the item
  /// Guessed from a manifest (an address in an environment variable), not
  /// declared: it stands only where no source declares an edge of the same
  /// class between the same nodes.
  bool Inferred = false;
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
  Fact<uint64_t> Replicas;
  /// A floor set by an autoscaler (Kubernetes HPA `minReplicas`): wins over
  /// Replicas, as a scaled workload never runs fewer.
  Fact<uint64_t> MinReplicas;
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
  };
  Kind K = Kind::Selects;
  std::string_view Namespace;
  Name Id;                     ///< the object's own name, where it was written
  LabelSelector Selector;      ///< Selects, Guards
  std::string_view TargetKind; ///< Scales: the target's kind
  Name Target;                 ///< Scales: the target's name
  Fact<uint64_t> MinReplicas;  ///< Scales
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

/// A suppression written in code (CHOKEPOINT_ALLOW): listed under
/// --verbose until suppressions are applied.
struct AllowFact {
  std::string_view Rule;
  std::string_view Reason;
  std::string_view Node; ///< the declaration's node id, when it has one
  SourceLoc Loc;
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
  std::vector<FunctionFact> Functions; ///< code front end
  std::vector<CallFact> Calls;         ///< code front end
  std::vector<AllowFact> Allows;       ///< code front end

  /// Every distinct text the facts hold, and its id (its index in Texts).
  llvm::StringMap<uint32_t> Ids;
  std::vector<std::string_view> Texts;

  /// Interns S: the returned view lives as long as the Topology.
  std::string_view intern(std::string_view S) { return Texts[idOf(S)]; }
  uint32_t idOf(std::string_view S) {
    auto [It, New] = Ids.try_emplace(llvm::StringRef(S.data(), S.size()),
                                     uint32_t(Texts.size()));
    if (New)
      Texts.push_back(
          std::string_view(It->getKey().data(), It->getKey().size()));
    return It->second;
  }
};

/// The facts of a whole run, one Topology per file, in input order.
using FactSet = std::vector<std::unique_ptr<Topology>>;

} // namespace chokepoint

#endif
