//===- test/unit/services_apart_test.cpp - Services decoded on threads ----===//
//
// With several threads the native front end decodes a large services
// mapping in runs of entries, each into a Topology of its own. The facts
// must be the one-thread decode's, in the same order across the file's
// Topologies; anything that could make a run mean something else (a name
// given twice across runs, a merge key, an error in a run) sends the
// mapping back to the one-thread walk, with its diagnostics. Each test says
// whether the runs were used, so none passes by falling back.
//
//===----------------------------------------------------------------------===//

#include "analyzer/facts/facts.h"
#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/load.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"
#include "test/common/in_words.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <string>

using namespace chokepoint;

namespace {

/// A native document of Count services, each with a zone; service I calls
/// the next two (with backoff, jitter and a timeout every fourth), has
/// a component (with an allow) every third, a recovery edge with a trigger
/// and an allow every fifth and an allow of its own every seventh. Extra is
/// written into service Mark's mapping.
std::string topology(unsigned Count, unsigned Mark = UINT32_MAX,
                     const std::string &Extra = "") {
  std::string Out =
      "chokepoint: 1\nname: shop\nscenarios:\n  s: {fail: svc-0}\n"
      "services:\n";
  auto Id = [](unsigned I) { return "svc-" + std::to_string(I); };
  for (unsigned I = 0; I < Count; ++I) {
    Out += "  " + Id(I) + ":\n    replicas: " + std::to_string(1 + I % 4) +
           "\n    zone: z" + std::to_string(I % 3) + "\n";
    if (I % 3 == 0)
      Out += "    components:\n      pool:\n        kind: pool\n"
             "        allow: [{rule: shared-single-owner, reason: sized}]\n";
    Out += "    calls:\n";
    for (unsigned J = 1; J <= 2; ++J)
      Out += "      - {to: " + Id((I + J) % Count) +
             (I % 3 == 0 ? ", via: [pool]" : "") +
             ", attempts: " + std::to_string(J) +
             (I % 4 == 0 ? ", backoff: exponential, jitter: true, "
                           "timeout_ms: 250"
                         : "") +
             "}\n";
    if (I % 5 == 0)
      Out += "    recovers:\n      - {to: " + Id((I + 7) % Count) +
             ", kind: reconnect, on: lost, allow: [{rule: unbounded-recovery, "
             "reason: paced}]}\n";
    if (I % 7 == 0)
      Out += "    allow:\n      - {rule: drain-timeout, reason: known}\n";
    if (I == Mark)
      Out += Extra;
  }
  return Out;
}

/// One readFacts of Text on Threads threads, and its facts in words.
struct Decoded {
  SourceManager SM;
  FileFacts R;

  Decoded(const std::string &Text, unsigned Threads,
          size_t MinEntries = DefaultMinEntriesApart) {
    uint32_t File =
        SM.add("t.yaml", llvm::MemoryBuffer::getMemBufferCopy(Text, "t"));
    readFacts(SM, File, *readerFor("t.yaml"), "t.yaml", R, Threads, MinEntries);
  }

  /// Topologies the file's facts were decoded into.
  size_t topologies() const { return 1 + R.More.size(); }

  /// Every fact, in the order the build meets them.
  std::string facts() const { return factsText(R); }

  std::string diagnostics() const { return diagnosticsText(R.Diags); }
};

/// "" when A and B are the same text, else their first differing line
/// (a whole diff of 30,000 lines would take gtest a minute to make).
std::string firstDifference(const std::string &A, const std::string &B) {
  size_t Line = 1, I = 0;
  for (; I < A.size() && I < B.size() && A[I] == B[I]; ++I)
    Line += A[I] == '\n';
  if (I == A.size() && I == B.size())
    return "";
  auto LineAt = [&](const std::string &S) {
    size_t Begin = S.rfind('\n', I ? I - 1 : 0);
    Begin = (Begin == std::string::npos || I == 0) ? 0 : Begin + 1;
    return S.substr(Begin, S.find('\n', Begin) - Begin);
  };
  return "line " + std::to_string(Line) + ": '" + LineAt(A) + "' against '" +
         LineAt(B) + "'";
}

TEST(ServicesApart, LargeMappingGivesTheOneThreadFactsInOrder) {
  std::string Text = topology(9000);
  Decoded One(Text, 1), Two(Text, 2), Five(Text, 5);
  EXPECT_EQ(One.topologies(), 1u);
  // The document's own Topology (its scenario), then one per run.
  EXPECT_EQ(Two.topologies(), 3u);
  EXPECT_EQ(Five.topologies(), 6u);
  EXPECT_EQ(One.diagnostics(), "");
  EXPECT_EQ(firstDifference(Two.facts(), One.facts()), "");
  EXPECT_EQ(firstDifference(Five.facts(), One.facts()), "");
}

TEST(ServicesApart, SmallMappingStaysOnOneThread) {
  std::string Text = topology(300);
  Decoded One(Text, 1), Two(Text, 2);
  EXPECT_EQ(Two.topologies(), 1u);
  EXPECT_EQ(firstDifference(Two.facts(), One.facts()), "");
}

TEST(ServicesApart, ThresholdIsAnOptionAndRunsNeverOutnumberEntries) {
  // As the load fuzz target sets it: three services on three threads are
  // three runs; two services on three threads, two runs.
  Decoded One(topology(3), 1), Three(topology(3), 3, 2), Two(topology(2), 3, 2);
  EXPECT_EQ(Three.topologies(), 4u);
  EXPECT_EQ(Two.topologies(), 3u);
  EXPECT_EQ(firstDifference(Three.facts(), One.facts()), "");
}

TEST(ServicesApart, DocumentsAfterItKeepTheirPlace) {
  // A second document's services come after the first's runs, as on one
  // thread, and a third's after the second's.
  std::string Text = topology(9000) +
                     "---\nchokepoint: 1\nservices:\n  late: {replicas: 2}\n"
                     "---\nchokepoint: 1\nservices:\n  later: {replicas: 3}\n";
  Decoded One(Text, 1), Two(Text, 2);
  EXPECT_EQ(Two.topologies(), 4u);
  EXPECT_EQ(firstDifference(Two.facts(), One.facts()), "");
  EXPECT_NE(One.facts().find("service later"), std::string::npos);
}

/// A mapping the runs must not decode: each case what makes it so, and
/// the file it is in.
struct Refused {
  const char *Name;
  std::string Text;
};

std::ostream &operator<<(std::ostream &OS, const Refused &R) {
  return OS << R.Name;
}

class ServicesApartRefuses : public ::testing::TestWithParam<Refused> {};

TEST_P(ServicesApartRefuses, AndTheOneThreadWalkReportsAsAlways) {
  const std::string &Text = GetParam().Text;
  Decoded One(Text, 1), Two(Text, 2);
  EXPECT_EQ(Two.topologies(), 1u);
  EXPECT_EQ(Two.diagnostics(), One.diagnostics());
  EXPECT_EQ(firstDifference(Two.facts(), One.facts()), "");
}

std::string withServiceAppended(const std::string &Service) {
  return topology(9000) + Service;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ServicesApartRefuses,
    ::testing::Values(
        // svc-10 again at the end: another run than the first svc-10.
        Refused{"NameGivenTwiceAcrossRuns",
                withServiceAppended("  svc-10: {replicas: 9}\n")},
        Refused{"MergeKey", withServiceAppended("  <<: {extra: {}}\n")},
        Refused{"KeyThatIsNotAName",
                withServiceAppended("  [a, b]: {replicas: 1}\n")},
        Refused{"UnknownKeyInALateRun",
                topology(9000, 8500, "    replicaz: 3\n")},
        Refused{"RecoversItemWithoutToInTheFirstRun",
                topology(9000, 11, "    recovers:\n      - {kind: retry}\n")}),
    [](const ::testing::TestParamInfo<Refused> &I) {
      return std::string(I.param.Name);
    });

} // namespace
