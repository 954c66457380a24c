//===- graphs/analysis.h - What rules ask of a graph ------------*- C++ -*-===//
//
// The flows of SPEC §1 and the other whole-graph facts rules need, computed
// on first use and kept, so that disabled rules cost nothing and rules that
// share a fact compute it once. Rules run on several threads (-j): each fact
// is made once, by whichever rule asks first, while the others wait for it
// (under the fact's own lock), so every rule sees the same values on any
// thread.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_ANALYSIS_H
#define CHOKEPOINT_GRAPHS_ANALYSIS_H

#include "graphs/amplification.h"
#include "graphs/graph.h"
#include "graphs/reach.h"
#include "graphs/scc.h"
#include "graphs/walks.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace chokepoint {

/// A value made on first use, once, whichever thread asks first. Once
/// made, asking is one atomic load (rules ask per node, in loops).
template <typename T> class Lazy {
public:
  template <typename Make> const T &get(Make &&M) {
    if (!Ready.load(std::memory_order_acquire)) {
      std::lock_guard<std::mutex> Hold(Making);
      if (!Value) {
        Value.emplace(M());
        Ready.store(true, std::memory_order_release);
      }
    }
    return *Value;
  }
  /// Frees the value; the next get makes it again. Only while no thread
  /// may ask.
  void reset() {
    Ready.store(false, std::memory_order_relaxed);
    Value.reset();
  }

private:
  std::atomic<bool> Ready{false};
  std::mutex Making;
  std::optional<T> Value;
};

class Analysis {
public:
  explicit Analysis(const Graph &G) : G(G) {}
  const Graph &graph() const { return G; }

  /// Nodes with `entry: customer`, in id order.
  const std::vector<NodeId> &entries();
  /// Traffic and recovery edges: the ones customer traffic travels.
  const EdgeFilter &customerEdges();
  /// Lookups and edges into control-plane nodes.
  const EdgeFilter &controlEdgeSet();

  /// Customer traffic: the search from the entries over customerEdges().
  const Reach &customer();
  bool carriesCustomer(NodeId V) { return customer().reached(V); }
  /// Control-plane traffic: an incoming lookup, or any incoming edge of a
  /// control-plane node.
  bool carriesControl(NodeId V);
  /// On a recovery path (SPEC §1).
  const RecoveryWalk &recovery();
  bool onRecoveryPath(NodeId V) { return recovery().reached(V); }

  /// Shortest customer path from an entry to V (V carries customer traffic).
  Path customerPath(NodeId V);
  /// A path of control-plane traffic through V: from where the lookups
  /// start, through V, on to the nearest control-plane node.
  Path controlPath(NodeId V);
  /// Shortest recovery path to V (V on a recovery path).
  Path recoveryPath(NodeId V);

  // The counts below are exact while cheap and estimated beyond
  // (countSourcesBounded): each says which it is.

  /// How many customer entries reach each target.
  std::vector<SourceCount> countEntries(const std::vector<NodeId> &Targets);
  /// How many control-plane nodes each target serves: itself if control
  /// plane, and those its control-plane traffic reaches.
  std::vector<SourceCount>
  countControlNodes(const std::vector<NodeId> &Targets);
  /// How many of Decls (recovery declarations) reach each target by a
  /// recovery walk; ChainExpands as in walkRecovery().
  std::vector<SourceCount>
  countDeclarations(const std::vector<uint32_t> &Decls, bool ChainExpands,
                    const std::vector<NodeId> &Targets);
  /// For each target, the declaration of Decls with the largest weight
  /// (Weights[i] is Decls[i]'s, at least 1) among those whose recovery walk
  /// reaches it; the earlier on a tie, UINT32_MAX when none.
  std::vector<uint32_t>
  heaviestDeclaration(const std::vector<uint32_t> &Decls,
                      const std::vector<uint64_t> &Weights, bool ChainExpands,
                      const std::vector<NodeId> &Targets);

  /// The dependency search of `single-owner-control-plane` from every node
  /// that carries customer traffic / that is on a recovery path (sources in
  /// byLoad order, so its paths carry the most load).
  const DependencySearch &customerDependencies();
  const DependencySearch &recoveryDependencies();
  /// How many of Sources (distinct nodes) reach each target by a dependency
  /// path: a mark from each source at the targets of its lookups, carried
  /// on over traffic and lookup edges.
  std::vector<SourceCount> countDependents(const std::vector<NodeId> &Sources,
                                           const std::vector<NodeId> &Targets);

  /// Recovery declarations, in order.
  const std::vector<uint32_t> &recoveryDeclarations();

  /// Components over every edge.
  const Components &allComponents();
  /// Components over customerEdges().
  const Components &customerComponents();
  const EdgeFilter &allEdges();

  /// Retry products from the entries.
  const Amplification &amplification();

  /// The node of a component nearest to a customer entry (ties: smaller id),
  /// or its smallest id when no entry reaches it.
  NodeId nearestToEntry(const Components &SCC, uint32_t C);

  /// Keeps Text as long as the analysis (findings hold views of it); one
  /// copy of each distinct text. Safe on any thread.
  std::string_view keep(std::string Text);

  /// Frees the facts only rules read (components, indexes, searches),
  /// keeping the three flows a report shows per node (carriesCustomer,
  /// carriesControl, onRecoveryPath) and the kept texts. Asked for again,
  /// a fact is made again. Only while no rule runs.
  void releaseRuleFacts();

private:
  /// The marks of Decls' recovery walks, for countSources.
  ReachQuery declarationQuery(const std::vector<uint32_t> &Decls,
                              bool ChainExpands);

  /// Where control-plane traffic starts and where it ends (controlPath).
  struct ControlSearches {
    Reach FromOrigins, ToPlane;
  };
  /// What the marks of recovery declarations travel on (declarationQuery).
  struct WalkIndex {
    EdgeFilter TrafficOn;
    std::vector<uint8_t> SingleOwners;
    Components SCC;
  };
  /// Traffic and lookup edges and their components (countDependents).
  struct DependencyIndex {
    EdgeFilter On;
    Components SCC;
  };

  const Graph &G;
  Lazy<std::vector<NodeId>> Entries;
  Lazy<EdgeFilter> CustomerOn, ControlOn, AllOn;
  Lazy<Reach> Customer;
  Lazy<RecoveryWalk> Recovery;
  Lazy<DependencySearch> CustomerDeps, RecoveryDeps;
  Lazy<DependencyIndex> Dependency;
  Lazy<std::vector<uint32_t>> RecoveryDecls;
  Lazy<ControlSearches> Control;
  Lazy<Components> All, CustomerSCC, ControlSCC;
  Lazy<WalkIndex> Walk;
  Lazy<Amplification> Amp;
  Lazy<std::vector<uint8_t>> ControlCarriers;
  std::mutex KeptLock;
  std::unordered_set<std::string> Kept;
};

} // namespace chokepoint

#endif
