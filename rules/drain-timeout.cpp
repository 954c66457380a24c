//===- rules/drain-timeout.cpp --------------------------------------------===//
//
// A stateful workload killed before it has drained loses what it held: the
// scale-down of the motivating outage killed session processes before their
// hand-off, and every lost session came back as recovery traffic.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

#include <charconv>

namespace chokepoint {
namespace {

/// The shortest text that reads back as S: 30.0000001 must not print as 30
/// next to a 30 s grace period, nor 1234567 as 1.23457e+06.
std::string seconds(double S) {
  char Buf[64];
  auto [End, Ec] = std::to_chars(Buf, Buf + sizeof Buf, S);
  return std::string(Buf, Ec == std::errc() ? End : Buf) + " s";
}

class DrainTimeout : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "drain-timeout",
        "a stateful workload's grace period is shorter than the time it "
        "needs to drain",
        Severity::Error,
        {}};
    return Info;
  }

  void check(RuleContext &Ctx) const override {
    const Graph &G = Ctx.graph();
    for (NodeId V = 0; V < G.numNodes(); ++V) {
      const NodeProps &N = G.node(V);
      const Workload &W = N.workload;
      if (N.type != NodeType::Service || !W.stateful || !W.drainSeconds)
        continue;
      double Grace = W.graceSeconds.value_or(30.0);
      if (Grace >= *W.drainSeconds)
        continue;
      Finding &F = Ctx.report(
          V,
          quoted(N.id) + " needs " + seconds(*W.drainSeconds) +
              " to drain but is killed after its " + seconds(Grace) +
              " grace period" +
              (W.graceSeconds ? "" : " (the default)"));
      if (W.drainLoc.valid())
        F.Loc = W.drainLoc;
    }
  }
};

} // namespace
CHOKEPOINT_RULE(DrainTimeout);
} // namespace chokepoint
