//===- rules/retry-amplification.cpp --------------------------------------===//
//
// Retries multiply: three tries at each of three layers is 27 requests for
// one. Names where the product of attempts first passes the threshold, and
// every cycle that multiplies without bound.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

namespace chokepoint {
namespace {

class RetryAmplification : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "retry-amplification",
        "the product of attempts along a customer path passes the threshold, "
        "or a retrying cycle multiplies it without bound (an error)",
        Severity::Warning,
        {{"threshold", OptionType::Integer, "10",
          "the product of attempts above which a path is reported"}},
        /*ElevatedSeverity=*/Severity::Error};
    return Info;
  }

  static uint64_t product(const Graph &G, const Path &P) {
    uint64_t M = 1;
    for (EdgeId E : P.Hops)
      M = saturatingMul(M, G.multiplier(E));
    return M;
  }

  /// 'a' -call x3-> 'b' -restart-> 'a'
  static std::string spell(const Graph &G, const Path &P) {
    std::string S = quoted(G.node(P.Start).id);
    for (EdgeId E : P.Hops) {
      S += concat({" -", name(G.kind(E))});
      if (G.multiplier(E) > 1)
        S += concat({" x", std::to_string(G.multiplier(E))});
      S += concat({"-> ", quoted(G.node(G.target(E)).id)});
    }
    return S;
  }

  void check(RuleContext &Ctx) const override {
    Analysis &A = Ctx.analysis();
    const Graph &G = Ctx.graph();
    const Amplification &Amp = A.amplification();
    uint64_t T = uint64_t(Ctx.integerOption("threshold"));

    for (uint32_t C : Amp.Unbounded) {
      NodeId V = A.nearestToEntry(Amp.SCC, C);
      uint32_t Size = Amp.SCC.Start[C + 1] - Amp.SCC.Start[C];
      Path Entry = A.customerPath(V);
      Path Cycle = shortestCycleThrough(
          G, Amp.SCC, Amp.On, V, [&](EdgeId E) { return G.multiplier(E) > 1; });
      // Once through the loop from the entry: what would hold if it did
      // not close.
      uint64_t Once = product(G, Entry);
      Once = saturatingMul(Once, product(G, Cycle));
      Finding &F =
          Ctx.report(V,
                     concat({"retrying cycle through ", quoted(G.node(V).id),
                             " multiplies customer traffic without bound: ",
                             spell(G, Cycle),
                             " repeats, where one pass would multiply "
                             "it ",
                             std::to_string(Once), "-fold"}),
                     Tier::Elevated);
      F.Paths.push_back(
          Ctx.witness("customer", "customer path from entry", Entry));
      F.Paths.push_back(
          Ctx.witness("cycle", "cycle through", Cycle, /*Products=*/true));
      F.Counts = {{"cycle_nodes", Size}, {"product_once", Once}};
      F.Summary = "the cycle spans " + plural(Size, "node", "nodes");
    }

    // Where the product first passes T: m(u) <= T < m(u) * multiplier.
    for (NodeId V = 0; V < G.numNodes(); ++V) {
      if (Amp.Tainted[V])
        continue;
      EdgeId Best = NoEdge;
      uint64_t BestProduct = 0;
      uint32_t BestLen = 0;
      G.forEachIn(V, [&](EdgeId E) {
        NodeId U = G.source(E);
        uint64_t M = Amp.Max[U];
        if (!Amp.On[E] || M == 0 || M > T)
          return;
        uint64_t P = saturatingMul(M, G.multiplier(E));
        if (P <= T)
          return;
        // The largest product, then the shortest path, then the first edge.
        uint32_t Len = Amp.PathLen[U] + 1;
        if (Best == NoEdge || P > BestProduct ||
            (P == BestProduct && Len < BestLen)) {
          Best = E;
          BestProduct = P;
          BestLen = Len;
        }
      });
      if (Best == NoEdge)
        continue;
      Finding &F = Ctx.report(
          V,
          "retries multiply customer traffic " + std::to_string(BestProduct) +
              "-fold by the time it reaches " + quoted(G.node(V).id) +
              " (threshold " + std::to_string(T) + ")");
      Path P = maxProductPath(G, Amp, G.source(Best));
      P.Hops.push_back(Best);
      F.Paths.push_back(Ctx.witness("amplification",
                                    "retries multiply along this path from "
                                    "entry",
                                    P, /*Products=*/true));
      F.Counts = {{"product", BestProduct}, {"threshold", T}};
    }
  }
};

} // namespace
CHOKEPOINT_RULE(RetryAmplification);
} // namespace chokepoint
