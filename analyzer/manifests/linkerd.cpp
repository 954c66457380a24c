//===- analyzer/manifests/linkerd.cpp - Linkerd's retries -----------------===//
//
// Linkerd's retry policy (docs/manifests.md, "Linkerd"), in its two forms:
//
//   retry.linkerd.io/* annotations on a Service or on a mesh route (an
//   HTTPRoute or GRPCRoute attached to a Service): `limit` retries (1 when
//   only `http` or `grpc` conditions are given), `timeout` per try;
//   timeout.linkerd.io/request for the whole request
//
//   ServiceProfile (linkerd.io/v1alpha2), named after the host it is for:
//   a retryable route (`isRetryable: true`) retries as long as the budget
//   allows; spec.retryBudget.retryRatio (Linkerd's default 0.2) is that
//   budget
//
// Both set the attempts, timeout and budget of the mesh's calls to the
// Service.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/objects.h"

#include <charconv>

namespace chokepoint {

namespace {

void readServiceProfile(ObjectReader &R, const ObjectMeta &M) {
  Walker &W = R.W;
  DocNode Retryable, Budget, Ratio;
  double RetryRatio = 0.2;
  uint64_t TimeoutMs = 0;
  DocNode TimeoutNode;
  W.mapping(M.Spec, "the spec of " + M.what(), otherTool(),
            key("routes",
                [&](DocNode V) {
                  W.sequence(V, "routes", [&](DocNode Route) {
                    W.mapping(Route, "a route of " + M.what(), otherTool(),
                              key("isRetryable",
                                  [&](DocNode B) {
                                    bool Yes;
                                    if (W.boolean(B, "isRetryable", Yes) &&
                                        Yes && !Retryable.valid())
                                      Retryable = B;
                                  }),
                              key("timeout", [&](DocNode T) {
                                uint64_t Ms;
                                if (R.duration(T, "timeout", Ms) &&
                                    !TimeoutNode.valid()) {
                                  TimeoutMs = Ms;
                                  TimeoutNode = T;
                                }
                              }));
                  });
                }),
            key("retryBudget", [&](DocNode B) {
              Budget = B;
              W.mapping(B, "the retryBudget of " + M.what(), otherTool(),
                        key("retryRatio", [&](DocNode V) {
                          if (W.number(V, "retryRatio", RetryRatio))
                            Ratio = V;
                        }));
            }));
  if (!Retryable.valid() && !TimeoutNode.valid())
    return;
  RelationFact &P = R.relation(RelationFact::Kind::Policy, M);
  // The profile is named after the host it is for: name.ns.svc.cluster.local.
  P.Target = M.Id;
  if (TimeoutNode.valid())
    P.TimeoutMs.set(uint32_t(std::min<uint64_t>(TimeoutMs, Max32)),
                    W.loc(TimeoutNode));
  if (!Retryable.valid()) {
    P.Why = R.why(M, TimeoutNode);
    return;
  }
  // A retryable route retries while the budget allows: at least one retry
  // per request, the budget bounding them all.
  P.Attempts.set(2, W.loc(Retryable));
  DocNode BudgetAt = Ratio.valid() ? Ratio : Retryable;
  P.Budget.set(RetryRatio, W.loc(BudgetAt));
  P.Why = R.why(M, Retryable,
                Ratio.valid() ? "(a retryable route, retryRatio " +
                                    std::string(Ratio.scalar()) + ")"
                              : "(a retryable route; Linkerd's default "
                                "retryRatio 0.2)");
}

const ObjectKind ServiceProfile{"linkerd.io", "ServiceProfile",
                                readServiceProfile};
CHOKEPOINT_OBJECT_KIND(ServiceProfile);

} // namespace

void readLinkerdRetries(ObjectReader &R, const ObjectMeta &M,
                        const Name &Target) {
  Walker &W = R.W;
  if (!M.Annotations.valid() || !M.Annotations.isMapping())
    return;
  DocNode Conditions, Limit, Timeout, Request;
  W.mapping(M.Annotations, "the annotations of " + M.what(), otherTool(),
            key("retry.linkerd.io/http",
                [&](DocNode V) {
                  if (!Conditions.valid())
                    Conditions = V;
                }),
            key("retry.linkerd.io/grpc",
                [&](DocNode V) {
                  if (!Conditions.valid())
                    Conditions = V;
                }),
            key("retry.linkerd.io/limit", [&](DocNode V) { Limit = V; }),
            key("retry.linkerd.io/timeout", [&](DocNode V) { Timeout = V; }),
            key("timeout.linkerd.io/request", [&](DocNode V) { Request = V; }));
  uint64_t Retries = 1, Ms = 0;
  if (Limit.valid() &&
      !R.textInteger(Limit, "retry.linkerd.io/limit", 0, Max32 - 1, Retries))
    return;
  RelationFact P;
  P.K = RelationFact::Kind::Policy;
  P.Namespace = M.Namespace;
  P.Id = M.Id;
  P.Target = Target;
  DocNode Why;
  if (Conditions.valid() || Limit.valid()) {
    Why = Limit.valid() ? Limit : Conditions;
    P.Attempts.set(uint32_t(Retries + 1), W.loc(Why));
  }
  DocNode PerTry = Timeout.valid() ? Timeout : Request;
  if (PerTry.valid()) {
    std::string_view Text;
    if (!R.text(PerTry, "timeout", Text) ||
        !R.duration(PerTry,
                    Timeout.valid() ? "retry.linkerd.io/timeout"
                                    : "timeout.linkerd.io/request",
                    Ms))
      return;
    P.TimeoutMs.set(uint32_t(std::min<uint64_t>(Ms, Max32)), W.loc(PerTry));
    if (!Why.valid())
      Why = PerTry;
  }
  if (!Why.valid())
    return;
  P.Why = R.why(M, Why,
                P.Attempts ? "retries " + std::to_string(Retries) +
                                 (Retries == 1 ? " time" : " times")
                           : "");
  R.T.Relations.push_back(std::move(P));
}

} // namespace chokepoint
