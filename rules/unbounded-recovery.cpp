//===- rules/unbounded-recovery.cpp ---------------------------------------===//
//
// Recovery that nothing paces (no rate limit, no budget, no exponential
// backoff with jitter) arrives all at once; when it lands on a single owner,
// that owner takes the whole storm.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

namespace chokepoint {
namespace {

class UnboundedRecovery : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "unbounded-recovery",
        "a recovery edge with no rate limit, no budget and no jittered "
        "exponential backoff reaches a single-owner node",
        Severity::Warning,
        {}};
    return Info;
  }

  static bool paced(const Declaration &D) {
    return D.rateLimit || D.budget ||
           (D.backoff == Backoff::Exponential && D.jitter);
  }

  void check(RuleContext &Ctx) const override {
    Analysis &A = Ctx.analysis();
    const Graph &G = Ctx.graph();
    std::vector<uint32_t> Unpaced;
    for (uint32_t D : A.recoveryDeclarations())
      if (!paced(G.declaration(D)))
        Unpaced.push_back(D);
    if (Unpaced.empty())
      return;
    // Its own via chain and its target, then on from the target.
    RecoveryWalk W = walkRecovery(G, Unpaced, /*ChainExpands=*/false);
    std::vector<NodeId> Hits;
    for (NodeId V = 0; V < G.numNodes(); ++V)
      if (G.node(V).singleOwner() && W.reached(V))
        Hits.push_back(V);
    std::vector<uint32_t> Counts = A.countDeclarations(Unpaced, false, Hits);
    for (size_t I = 0; I < Hits.size(); ++I) {
      NodeId V = Hits[I];
      std::string Msg = "unpaced recovery reaches single owner " +
                        quoted(G.node(V).id) + " from " +
                        std::to_string(Counts[I]) +
                        (Counts[I] == 1 ? " recovery edge" : " recovery edges") +
                        " with no rate limit, budget or jittered exponential "
                        "backoff";
      Finding &F = Ctx.report(V, std::move(Msg));
      F.Paths.push_back(
          Ctx.witness("recovery", "recovery path from", pathTo(G, W, V)));
      F.Counts = {{"recovery_edges", Counts[I]}};
      F.Summary =
          "reached by " + plural(Counts[I], "recovery edge", "recovery edges");
    }
  }
};

} // namespace
CHOKEPOINT_RULE(UnboundedRecovery);
} // namespace chokepoint
