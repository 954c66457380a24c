//===- rules/single-owner-control-plane.cpp -------------------------------===//
//
// A discovery server, a configuration store, a Raft leader: a single owner
// on the control plane that customer traffic never passes, but that every
// request needs through a lookup. When it stops, so does everything that
// looks it up; when the repair needs it too, recovery waits on it.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

namespace chokepoint {
namespace {

class SingleOwnerControlPlane : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "single-owner-control-plane",
        "a single-owner control-plane node that customer traffic depends on "
        "through lookups (an error when recovery depends on it too)",
        Severity::Warning,
        {},
        /*ElevatedSeverity=*/Severity::Error};
    return Info;
  }

  void check(RuleContext &Ctx) const override {
    Analysis &A = Ctx.analysis();
    const Graph &G = Ctx.graph();
    const DependencySearch &Customer = A.customerDependencies();
    std::vector<NodeId> Hits;
    for (NodeId V = 0; V < G.numNodes(); ++V) {
      const NodeProps &N = G.node(V);
      if (N.singleOwner() && N.plane == Plane::Control &&
          !A.carriesCustomer(V) && Customer.reached(V))
        Hits.push_back(V);
    }
    if (Hits.empty())
      return;
    std::vector<NodeId> CustomerNodes, RecoveryNodes;
    for (NodeId V = 0; V < G.numNodes(); ++V) {
      if (A.carriesCustomer(V))
        CustomerNodes.push_back(V);
      if (A.onRecoveryPath(V))
        RecoveryNodes.push_back(V);
    }
    std::vector<SourceCount> Dependents =
        A.countDependents(CustomerNodes, Hits);
    std::vector<SourceCount> Repairs = A.countDependents(RecoveryNodes, Hits);
    for (size_t I = 0; I < Hits.size(); ++I) {
      NodeId V = Hits[I];
      bool Itself = A.onRecoveryPath(V);
      bool Recovery = Itself || Repairs[I].Value > 0;
      Path Dependency = dependencyPath(G, Customer, V);
      std::string Msg =
          concat({"single-owner control-plane node ", quoted(G.node(V).id),
                  " is a dependency of customer traffic",
                  Recovery ? " and of its recovery" : ""});
      Finding &F = Ctx.report(V, std::move(Msg),
                              Recovery ? Tier::Elevated : Tier::Default);
      F.Paths.push_back(Ctx.witness("customer", "customer path from entry",
                                    A.customerPath(Dependency.Start)));
      F.Paths.push_back(
          Ctx.witness("dependency", "dependency path from", Dependency));
      if (Recovery)
        F.Paths.push_back(Ctx.witness("recovery", "recovery path from",
                                      repairPath(A, V, Itself)));
      F.Counts = {countOf("customer_dependents", Dependents[I]),
                  countOf("recovery_dependents", Repairs[I])};
      F.Summary =
          concat({"depended on by ",
                  plural(Dependents[I], "node carrying customer traffic",
                         "nodes carrying customer traffic"),
                  " and ",
                  plural(Repairs[I], "node on a recovery path",
                         "nodes on a recovery path")});
    }
  }

  /// How the repair reaches V: the recovery path to V when V is on one,
  /// else the recovery path to the node whose dependency path to V is
  /// shortest, followed by that dependency path.
  static Path repairPath(Analysis &A, NodeId V, bool Itself) {
    if (Itself)
      return A.recoveryPath(V);
    Path Dependency = dependencyPath(A.graph(), A.recoveryDependencies(), V);
    Path P = A.recoveryPath(Dependency.Start);
    P.Hops.insert(P.Hops.end(), Dependency.Hops.begin(), Dependency.Hops.end());
    return P;
  }
};

} // namespace
CHOKEPOINT_RULE(SingleOwnerControlPlane);
} // namespace chokepoint
