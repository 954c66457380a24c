//===- test/unit/native_format_test.cpp - The native format decoder -------===//
//
// From a document to facts: which documents are native, how merge keys,
// aliases and empty values decode, which names are refused, and that
// errors point where the text is and stop at the run's limit.
//
//===----------------------------------------------------------------------===//

#include "analyzer/facts/facts.h"
#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/native.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <string>

using namespace chokepoint;

namespace {

/// Reads Text as YAML (or JSON) and decodes every document the native front
/// end claims, as a run does.
struct Decoded {
  SourceManager SM;
  DiagnosticList Diags;
  Topology T;
  std::vector<bool> Native; ///< claimed by the native front end, per document

  explicit Decoded(std::string_view Text, bool Json = false) {
    uint32_t File = SM.add("t", llvm::MemoryBuffer::getMemBufferCopy(
                                    llvm::StringRef(Text.data(), Text.size())));
    T.File = File;
    auto Sink = [&](Document &D) {
      const FrontEnd *F = claimant(D, "t");
      EXPECT_EQ(F != nullptr, isNativeDocument(D));
      Native.push_back(F && F->name() == "native");
      if (Native.back()) {
        Walker W(D, SM, Diags);
        F->decode(W, T);
      }
      return !Diags.full();
    };
    bool Read = Json ? readJson(SM, File, Diags, Sink)
                     : readYaml(SM, File, Diags, Sink);
    EXPECT_TRUE(Read || Diags.hasErrors());
  }

  const ServiceFact *service(std::string_view Name) const {
    for (const ServiceFact &S : T.Services)
      if (S.Id.Value == Name)
        return &S;
    return nullptr;
  }

  /// Every error as "line:col: message", one per line.
  std::string errors() const {
    std::string Out;
    for (const Diagnostic &D : Diags.all())
      if (D.Level == DiagLevel::Error)
        Out += std::to_string(D.Loc.line) + ":" + std::to_string(D.Loc.column) +
               ": " + D.Message + "\n";
    return Out;
  }
};

TEST(NativeFormat, KnowsItsDocumentsByTheChokepointKey) {
  Decoded D("chokepoint: 1\n---\nkind: Service\n---\n[chokepoint]\n---\n"
            "x: {chokepoint: 1}\n---\n");
  EXPECT_EQ(D.Native, (std::vector<bool>{true, false, false, false, false}));
  Decoded J(R"({"kind": "x", "chokepoint": 1})", /*Json=*/true);
  EXPECT_EQ(J.Native, (std::vector<bool>{true}));
}

TEST(NativeFormat, DecodesAServiceWithItsComponentsAndEdges) {
  Decoded D(R"(chokepoint: 1
services:
  api:
    replicas: 0x10
    entry: customer
    stateful: True
    drain_seconds: 1.5e1
    components: {pool: {kind: pool, owners: 0o7}}
    calls:
      - db
      - {to: db.main, via: [pool], attempts: +3, backoff: exponential, jitter: TRUE, timeout_ms: 0}
    recovers:
      - {to: db, on: crash}
      - {to: db, kind: failover, fanout: 4, budget: .5}
  db: {components: {main: {}}}
)");
  ASSERT_EQ(D.errors(), "");
  const ServiceFact *Api = D.service("api");
  ASSERT_NE(Api, nullptr);
  EXPECT_EQ(*Api->Replicas, 16u);
  EXPECT_TRUE(*Api->Entry);
  EXPECT_TRUE(*Api->Stateful);
  EXPECT_EQ(*Api->DrainSeconds, 15.0);
  EXPECT_EQ(Api->DrainSeconds.loc().line, 7u);
  EXPECT_EQ(Api->DrainSeconds.loc().column, 20u);
  // What the document did not say stays unset, for the merge.
  EXPECT_FALSE(Api->GraceSeconds);
  EXPECT_FALSE(Api->PlaneValue);
  ASSERT_EQ(Api->ComponentCount, 1u);
  const ComponentFact &Pool = D.T.Components[Api->ComponentBegin];
  EXPECT_EQ(Pool.Id.Value, "pool");
  EXPECT_EQ(*Pool.Kind, ComponentKind::Pool);
  EXPECT_EQ(*Pool.Owners, 7u);
  ASSERT_EQ(Api->EdgeCount, 4u);
  const EdgeFact *E = &D.T.Edges[Api->EdgeBegin];
  // Calls first, then recovers; the short form is just the target.
  EXPECT_EQ(E[0].To.Value, "db");
  EXPECT_EQ(E[0].Kind, EdgeKind::Call);
  EXPECT_EQ(E[1].To.Value, "db.main");
  EXPECT_EQ(E[1].Attempts, 3u);
  EXPECT_EQ(E[1].BackoffKind, Backoff::Exponential);
  EXPECT_TRUE(E[1].Jitter);
  EXPECT_EQ(E[1].TimeoutMs, 0u);
  ASSERT_EQ(E[1].ViaCount, 1u);
  EXPECT_EQ(D.T.Via[E[1].ViaBegin].Value, "pool");
  EXPECT_EQ(E[2].Kind, EdgeKind::Retry); // the default in recovers
  EXPECT_EQ(E[2].Trigger, "crash");
  EXPECT_EQ(E[3].Kind, EdgeKind::Failover);
  EXPECT_EQ(E[3].Fanout, 4u);
  EXPECT_EQ(E[3].Budget, 0.5);
  // Locations: the service name, the item, the value of 'to'.
  EXPECT_EQ(Api->Id.Loc.line, 3u);
  EXPECT_EQ(Api->Id.Loc.column, 3u);
  EXPECT_EQ(E[1].Loc.line, 11u);
  EXPECT_EQ(E[1].Loc.column, 9u);
  EXPECT_EQ(E[1].To.Loc.column, 14u);
}

TEST(NativeFormat, EmptyValuesKeepTheirDefaults) {
  Decoded D(R"(chokepoint: 1
name:
services:
  api:
    replicas:
    plane:
    entry:
    stateful:
    zone:
    components:
      pool:
        kind:
        owners:
    calls:
      - to: db
        kind:
        attempts:
        backoff:
        via:
    recovers:
  db:
)");
  ASSERT_EQ(D.errors(), "");
  const ServiceFact *Api = D.service("api");
  ASSERT_NE(Api, nullptr);
  // An empty value is the same as no key: unset, so the merge and then the
  // defaults decide.
  EXPECT_FALSE(Api->Replicas);
  EXPECT_FALSE(Api->PlaneValue);
  EXPECT_FALSE(Api->Entry);
  EXPECT_FALSE(Api->Stateful);
  EXPECT_FALSE(Api->Zone);
  const ComponentFact &Pool = D.T.Components[Api->ComponentBegin];
  EXPECT_FALSE(Pool.Kind);
  EXPECT_FALSE(Pool.Owners);
  ASSERT_EQ(Api->EdgeCount, 1u);
  EXPECT_EQ(D.T.Edges[Api->EdgeBegin].Kind, EdgeKind::Call);
  EXPECT_EQ(D.T.Edges[Api->EdgeBegin].Attempts, 1u);
  EXPECT_EQ(D.T.Edges[Api->EdgeBegin].ViaCount, 0u);
  EXPECT_NE(D.service("db"), nullptr);
  EXPECT_EQ(Api->Topology, "");
}

TEST(NativeFormat, ReferencesHaveNoDefault) {
  Decoded D("chokepoint: 1\nservices:\n  api:\n    calls:\n      - to:\n"
            "      - {to: db, via: [~]}\n      -\n");
  EXPECT_EQ(D.errors(),
            "5:12: expected a service or service.component name for 'to', "
            "found null\n"
            "6:24: expected a component name, found null\n"
            "7:8: expected a service name or a mapping with 'to' for a calls "
            "item, found null\n");
}

TEST(NativeFormat, MergeKeysFollowYaml) {
  Decoded D(R"(chokepoint: 1
services:
  <<: {extra: {replicas: 4}, api: {replicas: 99}}
  api: &svc {replicas: 3, stateful: true, zone: z}
  own:
    <<: *svc
    replicas: 5
  first:
    <<: [{replicas: 7}, *svc]
  nested: {<<: {<<: *svc, zone: y}}
)");
  ASSERT_EQ(D.errors(), "");
  // The mapping's own keys win over merged ones, also among services: the
  // merged 'api' loses to the one written here.
  EXPECT_EQ(*D.service("api")->Replicas, 3u);
  EXPECT_EQ(*D.service("extra")->Replicas, 4u);
  EXPECT_EQ(D.service("<<"), nullptr);
  EXPECT_EQ(*D.service("own")->Replicas, 5u);
  EXPECT_TRUE(*D.service("own")->Stateful);
  // Earlier merged mappings win over later ones.
  EXPECT_EQ(*D.service("first")->Replicas, 7u);
  EXPECT_TRUE(*D.service("first")->Stateful);
  // A merged mapping's own merges are part of it.
  EXPECT_EQ(*D.service("nested")->Replicas, 3u);
  EXPECT_EQ(*D.service("nested")->Zone, "y");
  // api, own, first, nested, then the merged extra.
  EXPECT_EQ(D.T.Services.size(), 5u);
}

TEST(NativeFormat, MergedErrorsPointIntoTheAnchorOnce) {
  // The typo is written once, in the anchor, and merged twice: an error for
  // each service, where it is written. A quoted "<<" is an ordinary key.
  // "Did you mean" offers only keys the mapping did not give: 'replicas'
  // is there already, 'plane' is not.
  Decoded D(R"(chokepoint: 1
services:
  a: &base {replicas: 2, replicsa: 3, plan: data}
  b: {<<: *base}
  c: {"<<": *base}
)");
  EXPECT_EQ(D.errors(),
            "3:26: unknown key 'replicsa' in service 'a' (expected one of: "
            "replicas, plane, entry, stateful, drain_seconds, grace_seconds, "
            "drain_guard, capacity, population, zone, components, calls, "
            "recovers, allow)\n"
            "3:39: unknown key 'plan' in service 'a'; did you mean 'plane'?\n"
            "3:26: unknown key 'replicsa' in service 'b' (expected one of: "
            "replicas, plane, entry, stateful, drain_seconds, grace_seconds, "
            "drain_guard, capacity, population, zone, components, calls, "
            "recovers, allow)\n"
            "3:39: unknown key 'plan' in service 'b'; did you mean 'plane'?\n"
            "5:7: unknown key '<<' in service 'c' (expected one of: replicas, "
            "plane, entry, stateful, drain_seconds, grace_seconds, "
            "drain_guard, capacity, population, zone, components, calls, "
            "recovers, allow)\n");
}

TEST(NativeFormat, AnAliasedItemDecodesOnceForEachUse) {
  Decoded D(R"(chokepoint: 1
services:
  a: {calls: &c [db, {to: db, attempts: 0}]}
  b: {calls: *c}
  db: {}
)");
  // Both services get both items (the bad value is not taken), but the bad
  // 'attempts' is one error: the same words at the same place, said once.
  EXPECT_EQ(D.errors(), "3:41: 'attempts' must be at least 1 (attempts "
                        "counts every try, the first included), found 0\n");
  EXPECT_EQ(D.service("a")->EdgeCount, 2u);
  EXPECT_EQ(D.service("b")->EdgeCount, 2u);
  EXPECT_EQ(D.T.Edges[D.service("b")->EdgeBegin + 1].Attempts, 1u);
}

TEST(NativeFormat, AnUnsupportedVersionStopsTheDocument) {
  Decoded D("chokepoint: 2\nservices: {api: {image: x}}\nextra: 1\n");
  EXPECT_EQ(D.errors(), "1:13: unsupported format version 2 for "
                        "'chokepoint': this chokepoint reads version 1\n");
  EXPECT_TRUE(D.T.Services.empty());
}

TEST(NativeFormat, StopsAtTheErrorLimit) {
  std::string Text = "chokepoint: 1\nservices:\n  api:\n";
  for (int I = 0; I < 40; ++I)
    Text += "    k" + std::to_string(I) + ": 1\n";
  Decoded D(Text);
  EXPECT_EQ(D.Diags.errorCount(), DiagnosticList::ErrorLimit + 1);
  EXPECT_TRUE(D.Diags.full());
}

TEST(NativeFormat, JsonKeysAreNeverMergeKeys) {
  Decoded D(R"({"chokepoint": 1, "services": {"<<": {"replicas": 2}}})",
            /*Json=*/true);
  ASSERT_EQ(D.errors(), "");
  ASSERT_NE(D.service("<<"), nullptr); // a service named "<<", as written
  EXPECT_EQ(*D.service("<<")->Replicas, 2u);
}

TEST(NativeFormat, ChecksNames) {
  EXPECT_EQ(checkName("voice-syncer"), "");
  EXPECT_EQ(checkName("caf\xC3\xA9 \xE6\x97\xA5 <x>"), "");
  EXPECT_EQ(checkName(""), "a name must not be empty");
  EXPECT_EQ(checkName("a.b"), "a name must not contain '.': node ids use it "
                              "between a service and its component");
  EXPECT_EQ(checkName("a:b"),
            "a name must not contain ':': node ids of code use '::'");
  for (std::string_view Bad : {"a\tb", "a\nb", "\x7F", "a\xC2\x85"})
    EXPECT_EQ(checkName(Bad), "a name must not hold control characters")
        << quote(Bad);
  EXPECT_EQ(checkName("a\xC2\xA0z"), ""); // U+00A0 is a space, not a control
}

} // namespace
