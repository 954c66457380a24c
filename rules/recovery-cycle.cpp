//===- rules/recovery-cycle.cpp -------------------------------------------===//
//
// When recovery feeds back into its own cause (a restart that triggers the
// failure that triggers the restart), the storm sustains itself.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

namespace chokepoint {
namespace {

class RecoveryCycle : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "recovery-cycle",
        "a cycle of edges holds a recovery edge: recovery re-triggers its own "
        "cause",
        Severity::Warning,
        {}};
    return Info;
  }

  void check(RuleContext &Ctx) const override {
    Analysis &A = Ctx.analysis();
    const Graph &G = Ctx.graph();
    const Components &SCC = A.allComponents();
    std::vector<uint8_t> HasRecovery(SCC.Count, 0);
    for (EdgeId E = 0; E < G.numEdges(); ++E)
      if (isRecovery(G.kind(E)) &&
          SCC.Of[G.source(E)] == SCC.Of[G.target(E)] &&
          SCC.Cyclic[SCC.Of[G.source(E)]])
        HasRecovery[SCC.Of[G.source(E)]] = 1;
    for (uint32_t C = 0; C < SCC.Count; ++C) {
      if (!HasRecovery[C])
        continue;
      NodeId V = A.nearestToEntry(SCC, C);
      uint32_t Size = SCC.Start[C + 1] - SCC.Start[C];
      Finding &F = Ctx.report(V,
                              "recovery cycle through " +
                                  quoted(G.node(V).id) +
                                  ": recovery re-triggers its own cause");
      F.Paths.push_back(Ctx.witness(
          "cycle", "cycle through",
          shortestCycleThrough(G, SCC, A.allEdges(), V, [&](EdgeId E) {
            return isRecovery(G.kind(E));
          })));
      F.Counts = {{"cycle_nodes", Size}};
      F.Summary = "the cycle spans " + plural(Size, "node", "nodes");
    }
  }
};

} // namespace
CHOKEPOINT_RULE(RecoveryCycle);
} // namespace chokepoint
