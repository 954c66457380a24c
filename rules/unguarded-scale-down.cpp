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
      Ctx.report(V,
                 "stateful " + quoted(N.id) + " has " +
                     std::to_string(N.owners) +
                     " replicas and no drain guard: a scale-down can kill "
                     "replicas before they hand off");
    }
  }
};

} // namespace
CHOKEPOINT_RULE(UnguardedScaleDown);
} // namespace chokepoint
