//===- test/unit/yaml_pieces_test.cpp - One YAML file read in pieces ------===//
//
// readYaml with several threads cuts a large single-document file before
// keys of its last top-level mapping and parses the pieces on their own.
// Whatever it is given, the result must be the whole file's parse, node for
// node, or (when a piece does not read alone) the whole file's parse made
// again on one thread, errors and all. Each test says whether the pieces
// were used, so none passes by falling back.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/document.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"
#include "test/common/in_words.h"
#include "test/common/yaml_reads.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace chokepoint;

namespace {

/// One readYaml of Text on Threads threads, cutting however small it is.
struct PieceRead : YamlRead {
  PieceRead(const std::string &Text, unsigned Threads)
      : YamlRead(Text, [&] {
          YamlReadOptions Options;
          Options.Threads = Threads;
          Options.MinPieceBytes = 0;
          return Options;
        }()) {}
};

/// Fails the test where two reads' trees or diagnostics differ.
void expectSameDocuments(const PieceRead &Whole, const PieceRead &Cut) {
  EXPECT_EQ(firstDifference(Whole, Cut), "");
}

/// A native-looking topology of N services written with what YAML allows
/// inside them: flow and block collections, block scalars, quoted and
/// non-ASCII keys and values, comments at any indentation, empty
/// collections, nulls, tags, and line ends of Eol.
std::string topology(unsigned N, const std::string &Eol, unsigned Seed) {
  std::mt19937 Rng(Seed);
  auto Pick = [&](unsigned K) { return unsigned(Rng() % K); };
  std::string T = "# generated" + Eol + "chokepoint: 1" + Eol + "name: t" +
                  Eol + "services:" + Eol;
  for (unsigned I = 0; I < N; ++I) {
    std::string Id = "svc-" + std::to_string(I);
    switch (Pick(4)) {
    case 0:
      T += "  " + Id + ":" + Eol;
      break;
    case 1:
      T += "  \"" + Id + "\":" + Eol;
      break;
    case 2:
      T += "  'caf\xC3\xA9-" + Id + "':" + Eol;
      break;
    default:
      T += "  " + Id + ": # a comment" + Eol;
      break;
    }
    T += "    replicas: " + std::to_string(Pick(9)) + Eol;
    if (Pick(3) == 0)
      T += "# a comment in column 0" + Eol;
    if (Pick(3) == 0)
      T += "    note: |" + Eol + "      text \xE6\x97\xA5" + Eol + Eol +
           "      more" + Eol;
    if (Pick(2))
      T += "    calls:" + Eol + "      - {to: svc-" + std::to_string(Pick(N)) +
           ", attempts: " + std::to_string(Pick(4)) + "}" + Eol +
           "      - svc-" + std::to_string(Pick(N)) + Eol +
           "      - !!str plain" + Eol;
    else
      T += "    calls: []" + Eol;
    if (Pick(4) == 0)
      T += "    components: {}" + Eol + "    empty:" + Eol;
    if (Pick(4) == 0)
      T += "    say: \"a \\u00e9 \\\"quoted\\\" " + Id + "\"" + Eol;
  }
  return T;
}

TEST(YamlPieces, GiveTheWholeFilesTreeOnEveryThreadCount) {
  for (const char *Eol : {"\n", "\r\n"})
    for (unsigned Threads : {2u, 3u, 5u, 8u}) {
      std::string Text = topology(400, Eol, Threads);
      PieceRead Whole(Text, 1), Cut(Text, Threads);
      EXPECT_EQ(Whole.Pieces, 1u);
      EXPECT_EQ(Cut.Pieces, Threads) << Threads << " threads";
      expectSameDocuments(Whole, Cut);
    }
}

TEST(YamlPieces, KeepByteOffsetsAfterAByteOrderMarkAndADocumentStart) {
  std::string Text = "\xEF\xBB\xBF---\n" + topology(200, "\n", 7);
  PieceRead Whole(Text, 1), Cut(Text, 4);
  EXPECT_EQ(Cut.Pieces, 4u);
  expectSameDocuments(Whole, Cut);
}

TEST(YamlPieces, CutOnlyBeforeKeysOfTheLastTopLevelMapping) {
  std::string Text = topology(300, "\n", 3);
  YamlCuts Cuts = yamlCuts(Text, 6);
  ASSERT_EQ(Cuts.Starts.size(), 5u);
  EXPECT_EQ(Cuts.Indent, 2u);
  EXPECT_EQ(Cuts.Entries, Text.find("services:\n") + 12);
  size_t Prev = Cuts.Entries;
  for (size_t S : Cuts.Starts) {
    EXPECT_GT(S, Prev);
    EXPECT_EQ(Text[S - 1], '\n');
    EXPECT_EQ(Text.substr(S, 2), "  ");
    EXPECT_NE(Text[S + 2], ' ');
    EXPECT_NE(Text[S + 2], '#');
    Prev = S;
  }
}

/// A case of the parameterised tests below: its name says what the text
/// holds.
struct NamedText {
  const char *Name;
  std::string Text;
};

void PrintTo(const NamedText &T, std::ostream *OS) { *OS << T.Name; }

std::string caseName(const testing::TestParamInfo<NamedText> &I) {
  return I.param.Name;
}

/// Texts the cutter must refuse.
class YamlPiecesRefuse : public testing::TestWithParam<NamedText> {};

TEST_P(YamlPiecesRefuse, AndTheFileIsReadWhole) {
  const std::string &Text = GetParam().Text;
  EXPECT_TRUE(yamlCuts(Text, 4).Starts.empty());
  PieceRead Whole(Text, 1), Cut(Text, 4);
  EXPECT_EQ(Cut.Pieces, 1u);
  expectSameDocuments(Whole, Cut);
}

std::string entries(const std::string &Indent, unsigned N) {
  std::string T;
  for (unsigned I = 0; I < N; ++I)
    T += Indent + "s" + std::to_string(I) + ": {replicas: 1}\n";
  return T;
}

INSTANTIATE_TEST_SUITE_P(
    YamlPieces, YamlPiecesRefuse,
    testing::Values(
        NamedText{"FlowStyleFile",
                  "{a: 1, services: {" + std::string(200, ' ') + "x: 1}}\n"},
        NamedText{"LastKeyHoldsASequence",
                  "services:\n" + std::string(50, ' ') + "\n  - a\n  - b\n"},
        NamedText{"LastKeyHasAValueOnItsLine",
                  "services: &all\n" + entries("  ", 50)},
        NamedText{"ALineLessIndentedThanTheEntries",
                  "services:\n" + entries("    ", 25) + "  x: 1\n" +
                      entries("    ", 25)},
        NamedText{"ATagDirective",
                  "%TAG !e! tag:example.com,2026:\n---\nservices:\n" +
                      entries("  ", 50)},
        NamedText{"NothingIndented", entries("", 50)},
        NamedText{"ATabBeforeAKey", "services:\n" + entries("  ", 20) +
                                        "\tx: 1\n" + entries("  ", 20)}),
    caseName);

/// Texts the cutter cuts where a piece cannot be read alone: the read
/// falls back to the whole file, with the whole file's result.
class YamlPiecesFallBack : public testing::TestWithParam<NamedText> {};

TEST_P(YamlPiecesFallBack, ToTheWholeFilesResult) {
  const std::string &Text = GetParam().Text;
  EXPECT_FALSE(yamlCuts(Text, 4).Starts.empty()); // it was cut
  PieceRead Whole(Text, 1), Cut(Text, 4);
  EXPECT_EQ(Cut.Pieces, 1u);
  expectSameDocuments(Whole, Cut);
}

/// N entries each holding Construct, whose own lines (indented as the
/// entries' keys) are where the cuts land.
std::string repeated(const std::string &Construct, unsigned N) {
  std::string T = "chokepoint: 1\nservices:\n";
  for (unsigned I = 0; I < N; ++I)
    T += "  s" + std::to_string(I) + ": " + Construct + "\n";
  return T;
}

std::string deepEntryAtTheEnd(unsigned Depth) {
  return "services:\n" + entries("  ", 60) +
         "  deep: " + std::string(Depth, '[') + std::string(Depth, ']') + "\n";
}

INSTANTIATE_TEST_SUITE_P(
    YamlPieces, YamlPiecesFallBack,
    testing::Values(
        NamedText{"AnAliasOfAnAnchorInAnotherPiece",
                  "services:\n  first: &base {replicas: 2}\n" +
                      entries("  ", 60) + "  last: *base\n"},
        NamedText{"AnAnchorUsedInItsOwnPiece",
                  "services:\n" + entries("  ", 60) +
                      "  a: &x {replicas: 2}\n  b: *x\n"},
        NamedText{"AQuotedStringOverLinesIndentedAsKeys",
                  repeated("\"one\n  two\n  three\n  four\"", 40)},
        NamedText{"AFlowMappingOverLinesIndentedAsKeys",
                  repeated("{a: 1,\n  b: 2,\n  c: 3}", 40)},
        NamedText{"AnExplicitKeyWithoutValueBeforeEachCut",
                  // Its empty value is placed at the next token: in the
                  // whole file, the next piece's first key.
                  repeated("\n    ? lock", 40)},
        NamedText{"AnErrorInALaterPiece",
                  "services:\n" + entries("  ", 60) + "  bad: [1, 2\n"},
        NamedText{"ASecondDocument",
                  "a: 1\n---\nservices:\n" + entries("  ", 60)},
        NamedText{"NestingPastTheLimitInALaterPiece", deepEntryAtTheEnd(511)}),
    caseName);

TEST(YamlPieces, CountTheLevelsOpenAroundAPiece) {
  // The whole file holds the root and `services` around the entry: 510
  // more levels are the most it may nest (the fall-back case above has 511).
  std::string Text = deepEntryAtTheEnd(510);
  PieceRead Whole(Text, 1), Cut(Text, 4);
  ASSERT_TRUE(Whole.Ok) << Whole.diagnostics();
  // The long last line takes the last share: three pieces, the deep entry
  // in the last.
  EXPECT_EQ(Cut.Pieces, 3u);
  EXPECT_LT(yamlCuts(Text, 4).Starts.back(), Text.find("  deep:"));
  expectSameDocuments(Whole, Cut);
  PieceRead Deeper(deepEntryAtTheEnd(511), 1);
  EXPECT_NE(Deeper.diagnostics().find("nesting is deeper than 512 levels"),
            std::string::npos);
}

TEST(YamlPieces, SmallFilesAreReadWhole) {
  std::string Text = topology(50, "\n", 1);
  SourceManager SM;
  uint32_t File =
      SM.add("t.yaml", llvm::MemoryBuffer::getMemBufferCopy(Text, "t"));
  DiagnosticList Diags;
  unsigned Pieces = 0;
  YamlReadOptions Options;
  Options.Threads = 4;
  Options.Pieces = &Pieces; // the default MinPieceBytes, 1 MiB
  EXPECT_TRUE(readYaml(
      SM, File, Diags, [](Document &) { return true; }, Options));
  EXPECT_EQ(Pieces, 1u);
}

} // namespace
