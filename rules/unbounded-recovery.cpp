//===- rules/unbounded-recovery.cpp ---------------------------------------===//
//
// Recovery that nothing paces (no rate limit, no budget, no exponential
// backoff with jitter) arrives all at once; when it lands on a single owner,
// that owner takes the whole storm. One owner sending one request per
// failure is no storm: only recovery that can storm counts, and the message
// gives the size of the largest storm that reaches the node.
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
        "a recovery edge that can storm (many declaring owners, fanout or "
        "attempts) with no rate limit, no budget and no jittered exponential "
        "backoff reaches a single-owner node",
        Severity::Warning,
        {}};
    return Info;
  }

  static bool paced(const Declaration &D) {
    return D.rateLimit || D.budget ||
           (D.backoff == Backoff::Exponential && D.jitter);
  }

  /// Requests one failure sends: declaring owners x fanout x attempts.
  static uint64_t storm(const Graph &G, uint32_t D) {
    const Declaration &Decl = G.declaration(D);
    return saturatingMul(
        saturatingMul(G.node(G.declarer(D)).owners, Decl.fanout),
        Decl.attempts);
  }

  void check(RuleContext &Ctx) const override {
    Analysis &A = Ctx.analysis();
    const Graph &G = Ctx.graph();
    std::vector<uint32_t> Unpaced;
    std::vector<uint64_t> Storms;
    for (uint32_t D : A.recoveryDeclarations())
      if (!paced(G.declaration(D)) && storm(G, D) > 1) {
        Unpaced.push_back(D);
        Storms.push_back(storm(G, D));
      }
    if (Unpaced.empty())
      return;
    // Its own via chain and its target, then on from the target.
    RecoveryWalk W = walkRecovery(G, Unpaced, /*ChainExpands=*/false);
    std::vector<NodeId> Hits;
    for (NodeId V = 0; V < G.numNodes(); ++V)
      if (G.node(V).singleOwner() && W.reached(V))
        Hits.push_back(V);
    std::vector<SourceCount> Counts = A.countDeclarations(Unpaced, false, Hits);
    std::vector<uint32_t> Largest =
        A.heaviestDeclaration(Unpaced, Storms, false, Hits);
    for (size_t I = 0; I < Hits.size(); ++I) {
      NodeId V = Hits[I];
      uint32_t D = Largest[I];
      const Declaration &Decl = G.declaration(D);
      uint64_t Size = storm(G, D);
      std::string Msg = concat(
          {"unpaced recovery reaches single owner ", quoted(G.node(V).id),
           " from ", plural(Counts[I], "recovery edge", "recovery edges"),
           " with no rate limit, budget or jittered exponential backoff; the "
           "largest storm is ",
           plural(Size, "request", "requests"), " (",
           quoted(G.node(G.declarer(D)).id), ": ",
           plural(G.node(G.declarer(D)).owners, "owner", "owners"),
           " x fanout ", std::to_string(Decl.fanout), " x ",
           plural(Decl.attempts, "attempt", "attempts"), ")"});
      Finding &F = Ctx.report(V, std::move(Msg));
      F.Paths.push_back(
          Ctx.witness("recovery", "recovery path from", pathTo(G, W, V)));
      F.Counts = {countOf("recovery_edges", Counts[I]), {"storm_size", Size}};
      F.Summary =
          "reached by " + plural(Counts[I], "recovery edge", "recovery edges");
    }
  }
};

} // namespace
CHOKEPOINT_RULE(UnboundedRecovery);
} // namespace chokepoint
