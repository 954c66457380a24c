//===- rules/unguarded-scale-down.cpp -------------------------------------===//
//
// Nothing stops a routine scale-down from killing replicas of a stateful
// workload faster than they can hand off; the fix in the motivating outage
// was to block scale-down until pods had drained.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

namespace chokepoint {
namespace {

class UnguardedScaleDown : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "unguarded-scale-down",
        "a stateful workload with more than one replica has no drain guard "
        "(PodDisruptionBudget or drain_guard)",
        Severity::Warning,
        {}};
    return Info;
  }

  void check(RuleContext &Ctx) const override {
    const Graph &G = Ctx.graph();
    for (NodeId V = 0; V < G.numNodes(); ++V) {
      const NodeProps &N = G.node(V);
      if (N.type != NodeType::Service || !N.workload.stateful ||
          N.owners <= 1 || N.workload.drainGuard)
        continue;
      std::string Head = "stateful " + quoted(N.id) + " has " +
                         std::to_string(N.owners) + " replicas and no ";
      // In Kubernetes the guard people reach for does not hold here: a
      // scale-down deletes pods, it does not evict them, so a
      // PodDisruptionBudget never sees it (kubernetes#64917, the first
      // mistake of the motivating outage). Say which guard does.
      Ctx.report(V,
                 N.workload.kubernetes
                     ? Head + "PodDisruptionBudget: a scale-down can kill "
                              "replicas before they hand off, and not even a "
                              "PodDisruptionBudget would stop it (a replica "
                              "cut is a plain delete, not an eviction: "
                              "kubernetes#64917); the guard that does is a "
                              "drain-aware admission check, declared with "
                              "chokepoint.dev/drain-guard: \"true\""
                     : Head + "drain guard: a scale-down can kill replicas "
                              "before they hand off");
    }
  }
};

} // namespace
CHOKEPOINT_RULE(UnguardedScaleDown);
} // namespace chokepoint
