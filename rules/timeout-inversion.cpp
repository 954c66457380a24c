//===- rules/timeout-inversion.cpp ----------------------------------------===//
//
// A caller that waits 1 s for a service that retries 3 x 800 ms below gives
// up while the service is still working, and (if it retries too) sends the
// same work again: orphaned work, multiplied. The timeouts of a chain must
// shrink on the way down; this names each service where they do not.
//
//===----------------------------------------------------------------------===//

#include "rules/rule.h"

namespace chokepoint {
namespace {

class TimeoutInversion : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{
        "timeout-inversion",
        "a caller's timeout is shorter than the attempts x timeout of a call "
        "the service it calls makes",
        Severity::Warning,
        {}};
    return Info;
  }

  /// A `call` or `spawn` item with a timeout: the only ones compared.
  static bool timed(const Graph &G, uint32_t D) {
    return isTraffic(G.declarationKind(D)) && G.declaration(D).timeoutMs;
  }
  static uint64_t timeout(const Graph &G, uint32_t D) {
    return *G.declaration(D).timeoutMs;
  }
  /// How long the service can spend on the item: attempts x timeout.
  static uint64_t spends(const Graph &G, uint32_t D) {
    return uint64_t(G.declaration(D).attempts) * timeout(G, D);
  }
  static NodeId serviceOf(const Graph &G, NodeId V) {
    return G.node(V).service;
  }

  void check(RuleContext &Ctx) const override {
    const Graph &G = Ctx.graph();
    constexpr uint32_t None = UINT32_MAX;
    // Per service: the item it declares that can take longest, and the
    // shortest timeout a caller from another service gives it.
    std::vector<uint32_t> Longest(G.numNodes(), None),
        Shortest(G.numNodes(), None);
    for (uint32_t D = 0; D < G.numDeclarations(); ++D) {
      if (!timed(G, D))
        continue;
      NodeId From = serviceOf(G, G.declarer(D));
      NodeId To = serviceOf(G, G.target(G.hops(D).back()));
      uint32_t &L = Longest[From];
      if (L == None || spends(G, D) > spends(G, L))
        L = D;
      if (From == To)
        continue;
      uint32_t &S = Shortest[To];
      if (S == None || timeout(G, D) < timeout(G, S) ||
          (timeout(G, D) == timeout(G, S) &&
           carriesMore(G, G.declarer(D), G.declarer(S))))
        S = D;
    }
    // How many callers of each service give up before it can.
    std::vector<uint32_t> Callers(G.numNodes(), 0);
    for (uint32_t D = 0; D < G.numDeclarations(); ++D) {
      if (!timed(G, D))
        continue;
      NodeId From = serviceOf(G, G.declarer(D));
      NodeId To = serviceOf(G, G.target(G.hops(D).back()));
      if (From != To && Longest[To] != None &&
          timeout(G, D) < spends(G, Longest[To]))
        ++Callers[To];
    }
    for (NodeId V = 0; V < G.numNodes(); ++V)
      if (Callers[V])
        report(Ctx, V, Shortest[V], Longest[V], Callers[V]);
  }

  void report(RuleContext &Ctx, NodeId V, uint32_t Outer, uint32_t Inner,
              uint32_t Callers) const {
    const Graph &G = Ctx.graph();
    uint64_t Waits = timeout(G, Outer), Spends = spends(G, Inner);
    const Declaration &In = G.declaration(Inner);
    NodeId Caller = G.declarer(Outer);
    NodeId Callee = G.target(G.hops(Inner).back());
    std::string Msg = concat(
        {quoted(G.node(V).id), " can spend ", std::to_string(Spends),
         " ms on one request (", plural(In.attempts, "attempt", "attempts"),
         " x ", std::to_string(*In.timeoutMs), " ms to ",
         quoted(G.node(Callee).id), ") but ", quoted(G.node(Caller).id),
         " gives up after ", std::to_string(Waits),
         " ms: the caller abandons work that is still being retried"});
    Finding &F = Ctx.report(V, std::move(Msg));
    F.Paths.push_back(Ctx.witness(
        "timeout",
        Ctx.keep(concat({std::to_string(Waits), " ms timeout from"})),
        declarationPrefix(G, Outer, unsigned(G.hops(Outer).size() - 1))));
    F.Paths.push_back(Ctx.witness(
        "retry",
        Ctx.keep(concat({plural(In.attempts, "attempt", "attempts"), " x ",
                         std::to_string(*In.timeoutMs),
                         " ms = ", std::to_string(Spends), " ms from"})),
        declarationPrefix(G, Inner, unsigned(G.hops(Inner).size() - 1))));
    F.Counts = {{"caller_timeout_ms", Waits},
                {"retry_time_ms", Spends},
                {"callers", Callers}};
    F.Summary = concat({plural(Callers, "caller gives", "callers give"),
                        " up before ", quoted(G.node(V).id), " does"});
  }
};

} // namespace
CHOKEPOINT_RULE(TimeoutInversion);
} // namespace chokepoint
