//===- analyzer/manifests/grpc.cpp - gRPC service configs -----------------===//
//
// A gRPC service config (docs/manifests.md, "gRPC service config") says how
// clients retry the calls of a service: methodConfig[].retryPolicy
// .maxAttempts (every try, the first included; gRPC treats more than 5 as
// 5), hedgingPolicy.maxAttempts, the methods' timeout, and retryThrottling
// (its tokenRatio as the budget). gRPC's retry backoff is exponential with
// jitter. A config is found by its shape: a JSON or YAML document whose
// top-level keys are the service config's own, with methodConfig or
// retryThrottling among them; or a ConfigMap value holding one. A workload
// points to its config with `chokepoint.dev/grpc-service-config`: the calls
// to it take the policy.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/objects.h"

#include <charconv>

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 6> TopLevel = {
    "methodConfig",        "retryThrottling",   "loadBalancingConfig",
    "loadBalancingPolicy", "healthCheckConfig", "retryPolicy"};

void keepLargest(Fact<uint32_t> &Into, uint64_t V, SourceLoc L) {
  if (!Into || V > *Into)
    Into.set(uint32_t(V), L);
}

/// Reads a service config document with the walker (a file of its own).
void readDocument(ObjectReader &R, ServiceConfigFact &C) {
  Walker &W = R.W;
  auto Policy = [&](DocNode P, std::string_view What, Fact<uint32_t> &Into) {
    W.mapping(P, What, otherTool(), key("maxAttempts", [&](DocNode V) {
                uint64_t N;
                if (W.integer(V, "maxAttempts", 2, Max32, N,
                              "gRPC rejects a policy of fewer tries"))
                  keepLargest(Into, N, W.loc(V));
              }));
  };
  W.mapping(
      W.document().root(), "a gRPC service config", otherTool(),
      key("methodConfig",
          [&](DocNode V) {
            W.sequence(V, "methodConfig", [&](DocNode M) {
              W.mapping(M, "a methodConfig", otherTool(),
                        key("retryPolicy",
                            [&](DocNode P) {
                              Policy(P, "a retryPolicy", C.Attempts);
                            }),
                        key("hedgingPolicy",
                            [&](DocNode P) {
                              Policy(P, "a hedgingPolicy", C.Hedging);
                            }),
                        key("timeout", [&](DocNode T) {
                          uint64_t Ms;
                          if (R.duration(T, "timeout", Ms) && !C.TimeoutMs)
                            C.TimeoutMs.set(
                                uint32_t(std::min<uint64_t>(Ms, Max32)),
                                W.loc(T));
                        }));
            });
          }),
      key("retryThrottling", [&](DocNode V) {
        W.mapping(V, "retryThrottling", otherTool(),
                  key("tokenRatio",
                      [&](DocNode T) { W.number(T, "tokenRatio", C.Budget); }));
      }));
}

/// Claims a gRPC service config by its shape.
class GrpcServiceConfigFrontEnd : public FrontEnd {
public:
  std::string_view name() const override { return "grpc-service-config"; }
  std::string_view summary() const override {
    return "gRPC service configs ('methodConfig', 'retryThrottling')";
  }
  bool claims(const Document &Doc, std::string_view) const override {
    DocNode Root = Doc.root();
    if (!Root.isMapping() || (!field(Root, "methodConfig").isSequence() &&
                              !field(Root, "retryThrottling").isMapping()))
      return false;
    for (auto It = Root.begin(); It != Root.end(); ++It) {
      DocNode K = *It;
      ++It;
      if (!K.isScalar() || std::find(TopLevel.begin(), TopLevel.end(),
                                     K.scalar()) == TopLevel.end())
        return false;
    }
    return true;
  }
  void decode(Walker &W, Topology &T) const override {
    ServiceConfigFact C;
    C.Id = T.intern(W.path());
    C.Loc = W.loc(W.document().root());
    ObjectReader R(W, T);
    readDocument(R, C);
    T.ServiceConfigs.push_back(std::move(C));
  }
};
CHOKEPOINT_FRONT_END(GrpcServiceConfigFrontEnd);

/// The value of the first `"Key": ...` after From in Text, or "".
std::string_view valueAfter(std::string_view Text, std::string_view Key,
                            size_t From) {
  size_t At = Text.find(Key, From);
  if (At == std::string_view::npos)
    return {};
  std::string_view Rest = Text.substr(At + Key.size());
  size_t Start = Rest.find_first_not_of("\"' \t\r\n:");
  if (Start == std::string_view::npos)
    return {};
  Rest = Rest.substr(Start);
  return Rest.substr(0, Rest.find_first_of("\"', \t\r\n}"));
}

} // namespace

bool readEmbeddedServiceConfig(ObjectReader &R, DocNode Value,
                               ServiceConfigFact &C) {
  // A ConfigMap value is text: its config is found by its keys, not walked
  // (it is JSON inside a string).
  std::string_view Text = Value.scalar();
  if (Text.find("\"methodConfig\"") == std::string_view::npos &&
      Text.find("\"retryThrottling\"") == std::string_view::npos)
    return false;
  Walker &W = R.W;
  auto Attempts = [&](std::string_view Policy, Fact<uint32_t> &Into) {
    for (size_t At = Text.find(Policy); At != std::string_view::npos;
         At = Text.find(Policy, At + 1)) {
      std::string_view V = valueAfter(Text, "maxAttempts", At);
      uint64_t N = 0;
      auto [P, Ec] = std::from_chars(V.data(), V.data() + V.size(), N);
      if (V.empty() || Ec != std::errc() || P != V.data() + V.size() || N < 2) {
        W.error(V.empty() ? W.loc(Value) : W.locIn(Value, V),
                "expected an integer of at least 2 for 'maxAttempts' in a "
                "gRPC service config, found " +
                    quote(V));
        continue;
      }
      keepLargest(Into, std::min<uint64_t>(N, Max32), W.locIn(Value, V));
    }
  };
  Attempts("\"retryPolicy\"", C.Attempts);
  Attempts("\"hedgingPolicy\"", C.Hedging);
  if (std::string_view V = valueAfter(Text, "\"tokenRatio\"", 0); !V.empty()) {
    double D;
    auto [P, Ec] = std::from_chars(V.data(), V.data() + V.size(), D);
    if (Ec == std::errc() && P == V.data() + V.size() && D >= 0)
      C.Budget.set(D, W.locIn(Value, V));
  }
  if (std::string_view V = valueAfter(Text, "\"timeout\"", 0); !V.empty()) {
    uint64_t Ms;
    if (R.durationIn(Value, V, "timeout", Ms))
      C.TimeoutMs.set(uint32_t(std::min<uint64_t>(Ms, Max32)),
                      W.locIn(Value, V));
  }
  C.Loc = W.loc(Value);
  return true;
}

} // namespace chokepoint
