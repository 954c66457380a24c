//===- analyzer/json_graph.cpp - The graph as JSON ------------------------===//

#include "analyzer/report/json_graph.h"

#include <charconv>

namespace chokepoint {

static llvm::StringRef sr(std::string_view S) { return {S.data(), S.size()}; }

/// Writes a double in the shortest form that reads back as the same value:
/// `budget: 0.1` comes out as 0.1, not llvm::json's 0.10000000000000001.
/// Inputs never hold NaN or infinities (the reader rejects them).
static void number(llvm::json::OStream &J, llvm::StringRef Key, double V) {
  char Buf[32];
  auto [End, Ec] = std::to_chars(Buf, Buf + sizeof Buf, V);
  (void)Ec; // 32 bytes hold any double
  J.attributeBegin(Key);
  J.rawValue(llvm::StringRef(Buf, size_t(End - Buf)));
  J.attributeEnd();
}

void writeGraph(llvm::json::OStream &J, const Report &R) {
  const SourceManager &SM = *R.SM;
  const Model &M = *R.M;
  const Graph &G = M.G;
  J.object([&] {
    J.attributeArray("nodes", [&] {
      for (NodeId V = 0; V < G.numNodes(); ++V) {
        const NodeProps &N = G.node(V);
        J.object([&] {
          J.attribute("id", N.id);
          J.attribute("type", sr(name(N.type)));
          if (N.kind != ComponentKind::Unspecified)
            J.attribute("kind", sr(name(N.kind)));
          if (N.type != NodeType::Service)
            J.attribute("service", G.node(N.service).id);
          J.attribute("owners", N.owners);
          J.attribute("plane", sr(name(N.plane)));
          if (N.planeOrigin == PlaneOrigin::Inferred)
            J.attribute("plane_reason", N.planeReason);
          J.attribute("entry", N.entry);
          if (N.capacity)
            number(J, "capacity", *N.capacity);
          if (N.type == NodeType::Service) {
            const Workload &W = N.workload;
            J.attribute("stateful", W.stateful);
            if (W.drainSeconds)
              number(J, "drain_seconds", *W.drainSeconds);
            if (W.graceSeconds)
              number(J, "grace_seconds", *W.graceSeconds);
            J.attribute("drain_guard", W.drainGuard);
            if (W.population)
              J.attribute("population", *W.population);
            if (!W.zone.empty())
              J.attribute("zone", W.zone);
          }
          J.attributeObject("flows", [&] {
            J.attribute("customer", R.Flows[V].Customer);
            J.attribute("control", R.Flows[V].Control);
            J.attribute("recovery", R.Flows[V].Recovery);
          });
          J.attributeBegin("location");
          writeLocation(J, SM, N.loc);
          J.attributeEnd();
        });
      }
    });
    J.attributeArray("edges", [&] {
      for (EdgeId E : G.edgesInOrder()) {
        const EdgeProps &P = G.edge(E);
        const Declaration &D = G.declaration(P.decl);
        J.object([&] {
          J.attribute("from", G.node(G.source(E)).id);
          J.attribute("to", G.node(G.target(E)).id);
          J.attribute("kind", sr(name(P.kind)));
          J.attribute("attempts", D.attempts);
          J.attribute("multiplier", P.multiplier);
          J.attribute("backoff", sr(name(D.backoff)));
          J.attribute("jitter", D.jitter);
          if (D.budget)
            number(J, "budget", *D.budget);
          if (D.rateLimit)
            number(J, "rate_limit", *D.rateLimit);
          if (D.timeoutMs)
            J.attribute("timeout_ms", *D.timeoutMs);
          J.attribute("fanout", D.fanout);
          if (!D.trigger.empty())
            J.attribute("on", llvm::StringRef(D.trigger));
          J.attribute("declaration", P.decl);
          J.attribute("hop", P.hop);
          J.attributeBegin("location");
          writeLocation(J, SM, P.loc);
          J.attributeEnd();
        });
      }
    });
    J.attributeArray("inferences", [&] {
      for (const Remark &I : R.Remarks)
        J.object([&] {
          J.attribute("node", G.node(I.Node).id);
          J.attribute("message", I.Message);
          J.attributeBegin("location");
          writeLocation(J, SM, I.Loc);
          J.attributeEnd();
        });
    });
    J.attributeArray("scenarios", [&] {
      for (const Scenario &S : M.Scenarios)
        J.object([&] {
          J.attribute("name", S.Name);
          J.attributeObject("fail", [&] {
            for (auto &[V, F] : S.Fail)
              number(J, G.node(V).id, F);
          });
          if (S.WindowSeconds)
            number(J, "window", *S.WindowSeconds);
        });
    });
  });
}

} // namespace chokepoint
