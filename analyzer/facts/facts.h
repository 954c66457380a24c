//===- analyzer/facts/facts.h - Facts read from inputs -------------*- C++ -*-===//
//
// What front ends record: plain, located facts, before any name is resolved.
// Several files' facts merge into one graph by service name (build.h), so a
// reference may point into another file; every fact keeps where it was
// written, for errors found only then.
//
// Facts live in flat arrays (services own ranges of components and edges)
// and names are interned, so a 1M-edge topology costs tens of bytes an edge.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_TOPOLOGY_H
#define CHOKEPOINT_ANALYZER_TOPOLOGY_H

#include "graphs/graph.h"

#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string_view>
#include <vector>

namespace chokepoint {

template <typename T> struct Located {
  T Value{};
  SourceLoc Loc;
};

/// A name as written: its text (interned in its Topology), where it was,
/// and its dense id in that Topology (the same text, the same id), so later
/// stages resolve each distinct name once and then index by id.
struct Name {
  std::string_view Value;
  SourceLoc Loc;
  uint32_t Id = UINT32_MAX;
};

/// A `calls` or `recovers` item.
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
};

struct ComponentFact {
  Name Id;
  ComponentKind Kind = ComponentKind::Unspecified;
  uint64_t Owners = 1;
  std::optional<Plane> PlaneValue;
  std::optional<double> Capacity;
};

/// A service's workload as read: what the graph keeps of it, and what the
/// graph does not keep (a service's capacity is NodeProps::capacity, as a
/// component's is; where replicas and grace_seconds were written is for
/// errors about the facts).
struct WorkloadFact : Workload {
  std::optional<double> capacity; ///< requests per second
  SourceLoc graceLoc;             ///< where grace_seconds was written
  SourceLoc replicasLoc;
};

struct ServiceFact {
  Name Id;
  uint64_t Replicas = 1;
  std::optional<Plane> PlaneValue;
  bool Entry = false;
  WorkloadFact W;
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

/// Facts of one input file (all its documents).
struct Topology {
  uint32_t File = 0;
  std::vector<ServiceFact> Services;
  std::vector<ComponentFact> Components;
  std::vector<EdgeFact> Edges;
  std::vector<Name> Via;
  std::vector<ScenarioFact> Scenarios;
  std::vector<Name> Names; ///< `name:` of each document that gave one

  /// Every distinct text the facts hold, and its id (its index in Texts).
  llvm::StringMap<uint32_t> Ids;
  std::vector<std::string_view> Texts;

  /// Interns S: the returned view lives as long as the Topology.
  std::string_view intern(std::string_view S) { return Texts[idOf(S)]; }
  uint32_t idOf(std::string_view S) {
    auto [It, New] =
        Ids.try_emplace(llvm::StringRef(S.data(), S.size()), uint32_t(Texts.size()));
    if (New)
      Texts.push_back(std::string_view(It->getKey().data(), It->getKey().size()));
    return It->second;
  }
};

} // namespace chokepoint

#endif
