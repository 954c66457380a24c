//===- test/unit/yaml_scan_test.cpp - The everyday subset, read as libyaml reads
//it -===//
//
// readYaml tries the scanner of YAML's everyday subset (yaml_scan.h) before
// libyaml. Each case here is read both ways and must give the same trees
// (every node's offset, kind, style, text and links) and the same
// diagnostics; each also says whether the scanner read it or gave it to
// libyaml, so no case passes by falling back, and none by not falling
// back where libyaml has to decide.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/readers.h"
#include "test/common/yaml_reads.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>

using namespace chokepoint;

namespace {

struct Case {
  const char *Name;
  const char *Text;
};

/// A failing case is named, not dumped as bytes.
void PrintTo(const Case &C, std::ostream *OS) { *OS << C.Name; }

std::string caseName(const testing::TestParamInfo<Case> &I) {
  return I.param.Name;
}

/// The file read with libyaml alone and with the scanner first.
struct BothWays {
  YamlRead Libyaml, Scanned;
  explicit BothWays(std::string_view Text)
      : Libyaml(Text, libyamlOnly()), Scanned(Text, YamlReadOptions()) {}
  static YamlReadOptions libyamlOnly() {
    YamlReadOptions O;
    O.Scan = false;
    return O;
  }
};

/// What the scanner reads itself: every document of each.
constexpr Case Read[] = {
    {"NestedBlockMappings", "a: 1\nb:\n  c: x\n  d:\n    e: y\nf: z\n"},
    {"TopologyAsGenerated",
     "# Generated\nchokepoint: 1\nname: t\nservices:\n  api:\n    entry: "
     "customer\n    components:\n      pool: {kind: pool, owners: 87}\n"
     "    calls:\n      - {to: db, attempts: 2, backoff: fixed}\n      - "
     "cache\n      - {to: db, via: [pool]}\n  db:\n    replicas: 3\n"},
    {"FlowDocumentOverLines",
     "{\n  \"chokepoint\": 1,\n  \"services\": {\n    \"a\": {\"calls\": "
     "[\"b\", {\"to\": \"c\"}]},\n    \"b\": {}\n  }\n}\n"},
    {"FlowValueOverLines", "a: {x: 1,\n  y: [p,\n    q]}\nb: 2\n"},
    {"SequenceRoot", "- a\n- b c\n- {x: 1}\n- [1, 2]\n"},
    {"MappingsInSequenceItems",
     "items:\n  - name: a\n    image: x\n  -   name: b\n      port: 80\n"
     "  - c\n"},
    {"EmptyValues", "a:\nb:   # none\nc:\n  d:\ne:"},
    {"EmptyCollections", "a: {}\nb: []\nc: [{}, []]\n"},
    {"CommentsEverywhere",
     "# top\na: 1 # after\n# column 0 inside\n  # indented\nb:\n"
     "    # before the first key\n  c: 2\n\n\n# trailing\n"},
    {"SpacesInsidePlainScalars",
     "a: one two  three\nb: [x y, z  w]\nkey with spaces: v\n"},
    {"QuotedScalars",
     "\"a\": 'b'\n'c d': \"e # not a comment\"\nf: ['g', \"h\"]\n"
     "i: \"\"\nj: ''\n"},
    {"PunctuationInPlainScalars",
     "a: x-y_z.w/v~u\nb: -1\nc: ~\nd: <<\ne: a'b\"c\nf: ./p\ng: (x)\n"},
    {"IndentedRoot", "   a: 1\n   b:\n     - x\n"},
    {"Documents", "a: 1\n---\nb: 2\n--- # third\n- c\n"},
    {"FirstDocumentMarked", "---\na: 1\n"},
    {"NoFinalNewline", "a: b"},
    {"NoDocument", "# only a comment\n\n"},
    {"ColonsAtLineEndsInFlow", "{a:\n  1, b:\n  2}\n"},
    {"ColonsInsidePlainScalars",
     "image: registry:5000/x:1.0\nports:\n  - 8080:80\na::b: c\n"},
    {"CommasBracketsAndHashesInPlainScalars",
     "a: x,y,z\nb: f(x)[0]{1}\nc: x#y # and a comment\n"},
    {"SequencesAsDeepAsTheirKey", "a:\n- x\n- y: 1\n  z: 2\nb: 1\nc:\n- no\n"},
    {"SequenceAsDeepAsItsKeyInAnItem",
     "- a:\n  - x\n  b: 1\n- command:\n  - sh\n"},
    {"SequenceAsDeepAsItsKeyEndingTheMapping", "top:\n  a:\n  - x\nb: 1\n"},
};

class ScannerReads : public testing::TestWithParam<Case> {};

TEST_P(ScannerReads, AsLibyamlDoes) {
  BothWays R(GetParam().Text);
  EXPECT_TRUE(R.Scanned.Ok);
  EXPECT_EQ(R.Scanned.Scanned, R.Scanned.Docs.size());
  EXPECT_EQ(firstDifference(R.Libyaml, R.Scanned), "");
  EXPECT_EQ(R.Libyaml.Scanned, 0u); // Scan = false is libyaml alone
}

INSTANTIATE_TEST_SUITE_P(Subset, ScannerReads, testing::ValuesIn(Read),
                         caseName);

/// What the scanner leaves to libyaml: libyaml's tree, or its error.
constexpr Case GivenUp[] = {
    {"Tab", "a:\tb\n"},
    {"CarriageReturns", "a: 1\r\nb: 2\r\n"},
    {"NonAscii", "a: caf\xC3\xA9\n"},
    {"AnchorAndAlias", "a: &x 1\nb: *x\n"},
    {"Tag", "a: !!str 1\n"},
    {"BlockScalar", "a: |\n  text\n"},
    {"FoldedScalar", "a: >\n  text\n"},
    {"EscapeInDoubleQuotes", "a: \"x\\ty\"\n"},
    {"QuoteInSingleQuotes", "a: 'it''s'\n"},
    {"PlainScalarOverLines", "a: one\n  two\n"},
    {"PlainScalarOverLinesInFlow", "a: [one\n  two]\n"},
    {"DocumentEnd", "a: 1\n...\n"},
    {"KeyStartingAsAMarker", "a: 1\n---b: 2\n"},
    {"KeyStartingAsAnEndMarker", "a:\n  x: 1\n...b: 2\n"},
    {"ContentAfterAMarker", "a: 1\n--- b\n"},
    {"FirstKeyStartingAsAMarker", "---a: 1\n"},
    {"Directive", "%YAML 1.1\n---\na: 1\n"},
    {"SpaceBeforeColon", "a : 1\n"},
    {"ColonInsideAFlowScalar", "a: [x:y]\n"},
    {"HashInsideAFlowScalar", "a: [x#y]\n"},
    {"IndentlessSequenceThenDeeperLine", "a:\n- x\n  y\n"},
    {"TrailingCommaInFlow", "a: [1, 2,]\n"},
    {"EmptyLastDocument", "a: 1\n---\n"},
    {"ScalarRoot", "just text\n"},
    {"ValueOnTheNextLine", "a:\n  b\n"},
    {"ImplicitPairInFlowSequence", "a: [b: c]\n"},
    {"ExplicitKey", "? a\n: b\n"},
    {"BadIndentation", "a:\n    b: 1\n  c: 2\n"},
    {"UnclosedFlow", "a: [1, 2\n"},
    {"KeyAfterValue", "a: b: c\n"},
    {"FlowOnTheKeysColumn", "a: {x: 1,\ny: 2}\n"},
};

class ScannerGivesUp : public testing::TestWithParam<Case> {};

TEST_P(ScannerGivesUp, AndLibyamlReads) {
  BothWays R(GetParam().Text);
  EXPECT_EQ(R.Scanned.Scanned, 0u);
  EXPECT_EQ(firstDifference(R.Libyaml, R.Scanned), "");
}

INSTANTIATE_TEST_SUITE_P(OutsideTheSubset, ScannerGivesUp,
                         testing::ValuesIn(GivenUp), caseName);

TEST(ScannerGivesUp, AfterADocumentEachDocumentIsSeenOnce) {
  // The first document is the scanner's, the second libyaml's: libyaml
  // reads the first again, and the sink must not see it twice.
  BothWays R("a: 1\n---\nb: &x 2\n---\nc: 3\n");
  EXPECT_EQ(R.Scanned.Docs.size(), 3u);
  EXPECT_EQ(firstDifference(R.Libyaml, R.Scanned), "");
}

TEST(ScannerGivesUp, ErrorsAreLibyamlsWithTheirPlace) {
  BothWays R("a: 1\nb: [2, 3\n");
  EXPECT_FALSE(R.Scanned.Ok);
  EXPECT_NE(R.Scanned.diagnostics(), "");
  EXPECT_EQ(firstDifference(R.Libyaml, R.Scanned), "");
}

TEST(ScannerReads, EachPieceOfALargeFile) {
  std::string T = "chokepoint: 1\nservices:\n";
  for (int I = 0; I < 2000; ++I)
    T += "  s" + std::to_string(I) + ":\n    calls:\n      - {to: s" +
         std::to_string((I + 1) % 2000) + ", attempts: 2}\n";
  YamlReadOptions Cut;
  Cut.Threads = 3;
  Cut.MinPieceBytes = 0;
  YamlRead Pieces(T, Cut), Whole(T, BothWays::libyamlOnly());
  EXPECT_EQ(Pieces.Pieces, 3u);
  EXPECT_EQ(Pieces.Scanned, 3u);
  EXPECT_EQ(firstDifference(Whole, Pieces), "");
}

TEST(ScannerGivesUp, AtNestingLibyamlRefuses) {
  // 600 levels: past MaxDepth, which libyaml's reading reports.
  std::string T = "a: " + std::string(600, '[') + std::string(600, ']') + "\n";
  BothWays R(T);
  EXPECT_FALSE(R.Scanned.Ok);
  EXPECT_NE(R.Scanned.diagnostics().find("nesting is deeper"),
            std::string::npos);
  EXPECT_EQ(firstDifference(R.Libyaml, R.Scanned), "");
}

} // namespace
