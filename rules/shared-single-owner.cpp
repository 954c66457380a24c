//===- rules/shared-single-owner.cpp --------------------------------------===//
//
// The outage pattern itself: one owner serialises customer traffic and the
// control-plane lookups the system needs to recover. When it is also on a
// recovery path, the repair storm lands on it too.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

namespace chokepoint {
namespace {

class SharedSingleOwner : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "shared-single-owner",
        "a single-owner node carries customer traffic and control-plane "
        "traffic (an error when it is also on a recovery path)",
        Severity::Warning,
        {},
        /*ElevatedSeverity=*/Severity::Error};
    return Info;
  }

  void check(RuleContext &Ctx) const override {
    Analysis &A = Ctx.analysis();
    const Graph &G = Ctx.graph();
    std::vector<NodeId> Hits;
    for (NodeId V = 0; V < G.numNodes(); ++V)
      if (G.node(V).singleOwner() && A.carriesCustomer(V) &&
          A.carriesControl(V))
        Hits.push_back(V);
    if (Hits.empty())
      return;
    std::vector<SourceCount> Entries = A.countEntries(Hits);
    std::vector<SourceCount> Planes = A.countControlNodes(Hits);
    std::vector<SourceCount> Recoveries =
        A.countDeclarations(A.recoveryDeclarations(), true, Hits);
    for (size_t I = 0; I < Hits.size(); ++I) {
      NodeId V = Hits[I];
      bool Recovery = A.onRecoveryPath(V);
      std::string Msg = "single owner " + quoted(G.node(V).id) +
                        (Recovery ? " carries customer and control-plane "
                                    "traffic on a recovery path"
                                  : " carries both customer and control-plane "
                                    "traffic");
      Finding &F = Ctx.report(V, std::move(Msg),
                              Recovery ? Tier::Elevated : Tier::Default);
      F.Paths.push_back(Ctx.witness("customer", "customer path from entry",
                                    A.customerPath(V)));
      F.Paths.push_back(Ctx.witness("control-plane", "control-plane path from",
                                    A.controlPath(V)));
      if (Recovery)
        F.Paths.push_back(Ctx.witness("recovery", "recovery path from",
                                      A.recoveryPath(V)));
      F.Counts = {countOf("customer_entries", Entries[I]),
                  countOf("control_plane_nodes", Planes[I]),
                  countOf("recovery_edges", Recoveries[I])};
      F.Summary =
          "reached by " +
          joinWords({plural(Entries[I], "customer entry", "customer entries"),
                     plural(Recoveries[I], "recovery edge", "recovery edges")}) +
          "; serves " +
          plural(Planes[I], "control-plane node", "control-plane nodes");
    }
  }
};

} // namespace
CHOKEPOINT_RULE(SharedSingleOwner);
} // namespace chokepoint
