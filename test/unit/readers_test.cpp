//===- test/unit/readers_test.cpp - JSON, YAML and the document tree ------===//
//
// The readers seen from below the command line: the tree they build (kinds,
// styles, text, byte offsets, aliases), the exact place and words of their
// errors, the limits on hostile input, and the diagnostics helpers they use
// (quote, snippet, closest, the error limit).
//
//===----------------------------------------------------------------------===//

#include "analyzer/support/diagnostics.h"
#include "analyzer/manifests/document.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/support/sources.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

using namespace chokepoint;

namespace {

/// One run of a reader over Text: the documents it gave and its errors.
struct Read {
  SourceManager SM;
  uint32_t File = 0;
  DiagnosticList Diags;
  std::vector<Document> Docs;
  bool Ok = false;

  Read(std::string_view Text, bool Json, size_t StopAfter = SIZE_MAX) {
    File = SM.add(Json ? "t.json" : "t.yaml",
                  llvm::MemoryBuffer::getMemBufferCopy(
                      llvm::StringRef(Text.data(), Text.size()), "t"));
    auto Sink = [&](Document &D) {
      Docs.push_back(std::move(D));
      return Docs.size() < StopAfter;
    };
    Ok = Json ? readJson(SM, File, Diags, Sink)
              : readYaml(SM, File, Diags, Sink);
  }

  /// "line:col: message" of the only error, or what went wrong instead.
  std::string error() const {
    if (Diags.errorCount() != 1)
      return std::to_string(Diags.errorCount()) + " errors";
    const Diagnostic &D = Diags.all()[0];
    return std::to_string(D.Loc.line) + ":" + std::to_string(D.Loc.column) +
           ": " + D.Message;
  }

  /// Line and column of a node.
  std::string at(DocNode N) const {
    SourceLoc L = SM.locate(File, N.offset());
    return std::to_string(L.line) + ":" + std::to_string(L.column);
  }
};

/// The children of a node, in order.
std::vector<DocNode> children(DocNode N) {
  std::vector<DocNode> Out;
  for (DocNode C : N)
    Out.push_back(C);
  return Out;
}

/// The value of Key in a mapping (an invalid node if absent).
DocNode get(DocNode Map, std::string_view Key) {
  for (auto It = Map.begin(); It != Map.end(); ++It) {
    DocNode K = *It;
    DocNode V = *++It;
    if (K.isScalar() && K.scalar() == Key)
      return V;
  }
  return DocNode();
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

TEST(JsonReader, BuildsTheTreeWithKindsStylesAndOffsets) {
  Read R(R"({"a": [1, "x", true, null], "b": {}, "c": []})", /*Json=*/true);
  ASSERT_TRUE(R.Ok) << R.error();
  ASSERT_EQ(R.Docs.size(), 1u);
  DocNode Root = R.Docs[0].root();
  EXPECT_TRUE(Root.isMapping());
  EXPECT_EQ(Root.size(), 6u); // three keys, three values
  std::vector<DocNode> A = children(get(Root, "a"));
  ASSERT_EQ(A.size(), 4u);
  EXPECT_EQ(A[0].scalar(), "1");
  EXPECT_EQ(A[0].style(), ScalarStyle::Plain);
  EXPECT_EQ(A[0].describe(), "a number");
  EXPECT_EQ(A[1].scalar(), "x");
  EXPECT_EQ(A[1].style(), ScalarStyle::Quoted);
  EXPECT_EQ(A[1].describe(), "a string");
  EXPECT_EQ(A[2].describe(), "a boolean");
  EXPECT_TRUE(A[3].isNull());
  EXPECT_EQ(A[3].describe(), "null");
  // Offsets are bytes: '1' is the 8th byte, the string's opening quote the
  // 11th.
  EXPECT_EQ(A[0].offset(), 7u);
  EXPECT_EQ(A[1].offset(), 10u);
  EXPECT_EQ(R.at(get(Root, "b")), "1:34");
  EXPECT_TRUE(get(Root, "b").isMapping());
  EXPECT_EQ(get(Root, "b").size(), 0u);
  EXPECT_FALSE(get(Root, "b").begin() != get(Root, "b").end());
  EXPECT_TRUE(get(Root, "c").isSequence());
  EXPECT_EQ(get(Root, "c").size(), 0u);
}

TEST(JsonReader, QuotedNullIsAStringNotNull) {
  Read R(R"(["null", null, "", "true"])", true);
  ASSERT_TRUE(R.Ok);
  std::vector<DocNode> A = children(R.Docs[0].root());
  EXPECT_FALSE(A[0].isNull());
  EXPECT_TRUE(A[1].isNull());
  EXPECT_FALSE(A[2].isNull()); // "" is an empty string
  EXPECT_EQ(A[2].describe(), "a string");
  EXPECT_EQ(A[3].describe(), "a string");
}

TEST(JsonReader, DecodesEscapesAndSurrogatePairs) {
  Read R(
      R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u4e2d", "\ud83d\ude80", "\u0000x"])",
      true);
  ASSERT_TRUE(R.Ok) << R.error();
  std::vector<DocNode> A = children(R.Docs[0].root());
  EXPECT_EQ(A[0].scalar(), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(A[1].scalar(), "\xC3\xA9\xE4\xB8\xAD");
  EXPECT_EQ(A[2].scalar(), "\xF0\x9F\x9A\x80"); // U+1F680
  EXPECT_EQ(A[3].scalar(), std::string_view("\0x", 2));
}

TEST(JsonReader, KeepsUtf8AsWritten) {
  Read R("{\"caf\xC3\xA9\": \"\xE6\x97\xA5\"}", true);
  ASSERT_TRUE(R.Ok) << R.error();
  EXPECT_EQ(get(R.Docs[0].root(), "caf\xC3\xA9").scalar(), "\xE6\x97\xA5");
}

TEST(JsonReader, AcceptsEveryNumberFormOfRfc8259) {
  Read R("[0, -0, 12, -3.25, 1e5, 1E-3, 2.5e+10]", true);
  ASSERT_TRUE(R.Ok) << R.error();
  std::vector<std::string_view> Got;
  for (DocNode N : R.Docs[0].root())
    Got.push_back(N.scalar());
  EXPECT_EQ(Got, (std::vector<std::string_view>{"0", "-0", "12", "-3.25", "1e5",
                                                "1E-3", "2.5e+10"}));
}

TEST(JsonReader, KeepsDuplicateKeysForTheDecoder) {
  // The decoder reports duplicates with both places; the parser keeps both.
  Read R(R"({"a": 1, "a": 2})", true);
  ASSERT_TRUE(R.Ok);
  EXPECT_EQ(R.Docs[0].root().size(), 4u);
}

TEST(JsonReader, SkipsAUtf8ByteOrderMarkButCountsItsBytes) {
  Read R("\xEF\xBB\xBF{\"a\": 1}", true);
  ASSERT_TRUE(R.Ok) << R.error();
  EXPECT_EQ(R.at(get(R.Docs[0].root(), "a")), "1:10");
}

TEST(JsonReader, AnEmptyFileIsAnEmptyDocument) {
  Read R(" \n\t\r\n", true);
  EXPECT_TRUE(R.Ok);
  ASSERT_EQ(R.Docs.size(), 1u);
  EXPECT_TRUE(R.Docs[0].empty());
  EXPECT_FALSE(R.Diags.hasErrors());
}

struct JsonError {
  const char *Text;
  const char *Error;
};

/// A case's test name: its expected error's words, place first, as gtest
/// spells names ("1:8: trailing comma before '}'..." gives
/// "1_8_trailing_comma_before_..."), so a failure says what it was about.
std::string errorCaseName(std::string_view Error) {
  std::string Name;
  for (char C : Error) {
    if (std::isalnum(static_cast<unsigned char>(C)))
      Name += C;
    else if (!Name.empty() && Name.back() != '_')
      Name += '_';
  }
  while (!Name.empty() && Name.back() == '_')
    Name.pop_back();
  return Name;
}

/// Names each case of a suite by its error; a second case with the same
/// error (another input that fails alike) gets "_2", a third "_3".
template <typename Case> struct ErrorCaseName {
  std::string operator()(const testing::TestParamInfo<Case> &I) const {
    static std::map<std::string, unsigned> Seen;
    std::string Name = errorCaseName(I.param.Error);
    unsigned N = ++Seen[Name];
    return N == 1 ? Name : Name + "_" + std::to_string(N);
  }
};

void PrintTo(const JsonError &E, std::ostream *OS) {
  *OS << testing::PrintToString(std::string(E.Text)) << " gives " << E.Error;
}

class JsonErrors : public testing::TestWithParam<JsonError> {};

TEST_P(JsonErrors, PointAtTheByteWithWhatWasExpected) {
  Read R(GetParam().Text, true);
  EXPECT_FALSE(R.Ok);
  EXPECT_EQ(R.error(), GetParam().Error);
}

INSTANTIATE_TEST_SUITE_P(
    Json, JsonErrors,
    testing::Values(
        JsonError{"{\"a\": 1,}", "1:8: trailing comma before '}' is not "
                                 "allowed in JSON"},
        JsonError{"[1, 2, ]", "1:6: trailing comma before ']' is not allowed "
                              "in JSON"},
        JsonError{"{\"a\" 1}", "1:6: expected ':' after the key, found '1'"},
        JsonError{"{\"a\": 1 \"b\": 2}",
                  "1:9: expected ',' or '}' after an object member, found "
                  "'\"'"},
        JsonError{"[1 2]", "1:4: expected ',' or ']' after an array element, "
                           "found '2'"},
        JsonError{"{\"a\": \"b", "1:7: expected a closing '\"' for this "
                                 "string, found end of file"},
        JsonError{"{\"a\": \"b\nc\"}",
                  "1:7: expected a closing '\"' for this string, found end "
                  "of line (a line break in a string is written \\n)"},
        JsonError{"[\"\\x\"]", "1:3: invalid escape '\\x' in a string: "
                               "expected one of \\\" \\\\ \\/ \\b \\f \\n "
                               "\\r \\t \\uXXXX"},
        JsonError{"[\"\\u12\"]", "1:7: expected 4 hex digits after \\u, "
                                 "found '\"'"},
        JsonError{"[\"\\ud800\"]",
                  "1:3: unpaired UTF-16 surrogate '\\ud800': expected a low "
                  "surrogate \\udc00 to \\udfff right after it"},
        JsonError{"[\"\\ud800\\u0041\"]",
                  "1:3: unpaired UTF-16 surrogate '\\ud800': expected a low "
                  "surrogate \\udc00 to \\udfff right after it"},
        JsonError{"[\"\\udfff\"]",
                  "1:3: unpaired UTF-16 surrogate '\\udfff': a low surrogate "
                  "must follow a high one (\\ud800 to \\udbff)"},
        JsonError{"{} x", "1:4: expected end of file after the JSON value, "
                          "found 'x'"},
        JsonError{"[01]", "1:2: leading zeros are not allowed in JSON "
                          "numbers, found '01'"},
        JsonError{"[1.]", "1:4: expected a digit after '.', found ']'"},
        JsonError{"[-]", "1:3: expected a digit, found ']'"},
        JsonError{"[1e]", "1:4: expected a digit in the exponent, found ']'"},
        JsonError{"[.5]", "1:2: expected a JSON value, found '.5'"},
        JsonError{"[tru]", "1:2: expected a JSON value, found 'tru'"},
        JsonError{"[NaN]", "1:2: expected a JSON value, found 'NaN'"},
        JsonError{"{'a': 1}", "1:2: expected a string key or '}', found "
                              "\"'\" (JSON strings take double quotes)"},
        JsonError{"{a: 1}", "1:2: expected a string key or '}', found 'a' "
                            "(JSON keys are quoted)"},
        JsonError{"{\"a\": 1, }", "1:8: trailing comma before '}' is not "
                                  "allowed in JSON"},
        JsonError{"[1, /* c */ 2]", "1:5: expected a JSON value, found '/' "
                                    "(JSON has no comments)"},
        JsonError{"{\"a\":\n  [1,\n", "2:6: expected a JSON value, found "
                                      "end of file"},
        JsonError{"[\"\t\"]", "1:3: control character U+0009 in a string: "
                              "escape it as \\t"},
        JsonError{"[\x01]", "1:2: expected a JSON value, found control "
                            "character U+0001"}),
    ErrorCaseName<JsonError>());

TEST(JsonReader, NestingIsLimitedTo512Levels) {
  std::string Ok = std::string(512, '[') + std::string(512, ']');
  Read A(Ok, true);
  EXPECT_TRUE(A.Ok) << A.error();
  std::string Deep = std::string(100000, '[') + std::string(100000, ']');
  Read B(Deep, true);
  EXPECT_FALSE(B.Ok);
  EXPECT_EQ(B.error(), "1:513: nesting is deeper than 512 levels");
}

//===----------------------------------------------------------------------===//
// YAML
//===----------------------------------------------------------------------===//

TEST(YamlReader, GivesEveryDocumentWithItsOrdinal) {
  Read R("a: 1\n---\nb: 2\n---\n# only a comment\n", false);
  ASSERT_TRUE(R.Ok) << R.error();
  ASSERT_EQ(R.Docs.size(), 3u);
  EXPECT_EQ(R.Docs[0].Ordinal, 1u);
  EXPECT_EQ(R.Docs[1].Ordinal, 2u);
  EXPECT_EQ(get(R.Docs[1].root(), "b").scalar(), "2");
  EXPECT_EQ(R.at(get(R.Docs[1].root(), "b")), "3:4");
  // '---' with nothing after it is a document holding a null, not no
  // document (the driver takes it as "not a topology").
  EXPECT_TRUE(R.Docs[2].root().isNull());
  EXPECT_EQ(R.Docs[0].File, R.File);
}

TEST(YamlReader, StopsWhenTheSinkSaysSo) {
  Read R("a: 1\n---\nb: [\n", false, /*StopAfter=*/1);
  EXPECT_TRUE(R.Ok); // the broken second document was never read
  EXPECT_EQ(R.Docs.size(), 1u);
  EXPECT_FALSE(R.Diags.hasErrors());
}

TEST(YamlReader, StylesAndNulls) {
  Read R("a: 3\nb: \"3\"\nc: '3'\nd: !!str 3\ne: |\n  3\nf:\ng: ~\nh: null\n"
         "i: \"~\"\nj: NULL\nk: yes\n",
         false);
  ASSERT_TRUE(R.Ok) << R.error();
  DocNode Root = R.Docs[0].root();
  EXPECT_EQ(get(Root, "a").style(), ScalarStyle::Plain);
  EXPECT_EQ(get(Root, "a").describe(), "a number");
  for (const char *K : {"b", "c", "d", "e"})
    EXPECT_EQ(get(Root, K).style(), ScalarStyle::Quoted) << K;
  EXPECT_EQ(get(Root, "e").scalar(), "3\n");
  for (const char *K : {"f", "g", "h", "j"})
    EXPECT_TRUE(get(Root, K).isNull()) << K;
  EXPECT_FALSE(get(Root, "i").isNull());
  EXPECT_EQ(get(Root, "k").describe(), "a string"); // not a boolean
}

TEST(YamlReader, OffsetsAreBytesEvenAfterWideCharacters) {
  // libyaml counts characters; the tree holds bytes.
  Read R("\xE6\x97\xA5\xE6\x9C\xAC: {x: 1}\ncaf\xC3\xA9: [a, b]\n", false);
  ASSERT_TRUE(R.Ok) << R.error();
  DocNode Root = R.Docs[0].root();
  EXPECT_EQ(R.at(get(Root, "\xE6\x97\xA5\xE6\x9C\xAC")), "1:9");
  EXPECT_EQ(R.at(get(get(Root, "\xE6\x97\xA5\xE6\x9C\xAC"), "x")), "1:13");
  std::vector<DocNode> L = children(get(Root, "caf\xC3\xA9"));
  EXPECT_EQ(R.at(L[1]), "2:12"); // "café" is five bytes
}

TEST(YamlReader, AnAliasResolvesToItsAnchorButKeepsItsOwnPlace) {
  Read R("base: &b {x: 1}\nuse: *b\nlist: [*b, *b]\n", false);
  ASSERT_TRUE(R.Ok) << R.error();
  DocNode Root = R.Docs[0].root();
  DocNode Use = get(Root, "use");
  EXPECT_TRUE(Use.isMapping());
  EXPECT_EQ(get(Use, "x").scalar(), "1");
  EXPECT_EQ(Use.index(), get(Root, "base").index()); // the same node
  EXPECT_EQ(R.at(Use), "2:6");                       // where '*b' is
  std::vector<DocNode> L = children(get(Root, "list"));
  EXPECT_EQ(R.at(L[1]), "3:12");
  // Children seen through an alias point into the anchor: the '1'.
  EXPECT_EQ(R.at(get(Use, "x")), "1:14");
}

TEST(YamlReader, MergeKeysStayInTheTreeForTheDecoder) {
  Read R("a: &a {x: 1}\nb: {<<: *a, y: 2}\n", false);
  ASSERT_TRUE(R.Ok);
  DocNode B = get(R.Docs[0].root(), "b");
  std::vector<DocNode> C = children(B);
  ASSERT_EQ(C.size(), 4u);
  EXPECT_EQ(C[0].scalar(), "<<");
  EXPECT_EQ(C[0].style(), ScalarStyle::Plain);
  EXPECT_TRUE(C[1].isMapping());
}

TEST(YamlReader, RefusesAliasBombsAndCycles) {
  std::string Bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char Prev = 'a';
  for (char C = 'b'; C <= 'j'; ++C, ++Prev) {
    Bomb += std::string(1, C) + ": &" + C + " [";
    for (int I = 0; I < 10; ++I)
      Bomb += std::string(I ? ", " : "") + "*" + Prev;
    Bomb += "]\n";
  }
  Read A(Bomb, false);
  EXPECT_FALSE(A.Ok);
  // a = 11 nodes, b = 111, c = 1111, d = 11111, e = 111111. The aliases
  // of b to e expand to 110 + 1110 + 11110 + 111110 = 123440 nodes, and
  // each '*e' on the line of 'f' adds 111111: the eighth passes 1,000,000,
  // at column 8 + 7 * 4 = 36.
  EXPECT_EQ(A.error(), "6:36: aliases expand this document past 1000000 "
                       "nodes (an alias bomb?)");

  Read B("a: &a [1, *a]\n", false);
  EXPECT_EQ(B.error(), "1:11: alias '*a' refers to a node that contains it");
  Read C("a: *nope\n", false);
  EXPECT_EQ(C.error(), "1:4: unknown alias '*nope': no anchor '&nope' before "
                       "it in this document");
}

TEST(YamlReader, ManyAliasesInABigDocumentAreFine) {
  // Past 1,000,000 expanded nodes but not tenfold the document: a big
  // topology that reuses anchors is not a bomb.
  std::string Big = "base: &b [1, 2, 3, 4, 5, 6, 7, 8, 9]\nlist:\n";
  for (int I = 0; I < 120000; ++I)
    Big += "  - [*b, " + std::to_string(I) + "]\n";
  Read R(Big, false);
  EXPECT_TRUE(R.Ok) << R.error();
}

TEST(YamlReader, NestingIsLimitedTo512Levels) {
  Read A(std::string(512, '[') + std::string(512, ']'), false);
  EXPECT_TRUE(A.Ok) << A.error();
  Read B(std::string(100000, '['), false);
  EXPECT_EQ(B.error(), "1:513: nesting is deeper than 512 levels");
}

struct YamlError {
  const char *Text;
  const char *Error;
};

void PrintTo(const YamlError &E, std::ostream *OS) {
  *OS << testing::PrintToString(std::string(E.Text)) << " gives " << E.Error;
}

class YamlErrors : public testing::TestWithParam<YamlError> {};

TEST_P(YamlErrors, PointAtTheByteWithWhatWasExpected) {
  Read R(GetParam().Text, false);
  EXPECT_FALSE(R.Ok);
  EXPECT_EQ(R.error(), GetParam().Error);
}

INSTANTIATE_TEST_SUITE_P(
    Yaml, YamlErrors,
    testing::Values(
        YamlError{"a:\n  b: 1\n c: 2\n",
                  "3:2: bad indentation of 'c': expected 0 or 2 spaces to "
                  "line up with a key above, found 1"},
        YamlError{"a:\n  - x: 1\n   y: 2\n",
                  "3:4: bad indentation of 'y': expected 0, 2 or 4 spaces to "
                  "line up with a key above, found 3"},
        // Deeper than the key above: the line continues its value.
        YamlError{"a:\n  - x: 1\n     y: 2\n",
                  "3:7: unexpected ':' here: quote a value that holds ': ', "
                  "or check the indentation of this line"},
        YamlError{"a: {b: 1\n", "1:9: expected ',' or '}' in this flow "
                                "mapping, found end of file"},
        YamlError{"a: [1, 2\nb: 3\n", "2:2: expected ',' or ']' in this flow "
                                      "sequence, found ':'"},
        YamlError{"a:\n\tb: 1\n", "2:1: tab character: YAML indents with "
                                  "spaces only"},
        YamlError{"a: b: c\n", "1:5: unexpected ':' here: quote a value that "
                               "holds ': ', or check the indentation of this "
                               "line"},
        YamlError{"a: 1\nb\n", "2:2: expected ':' after 'b', found end of "
                               "file"},
        YamlError{"a: \"x\n", "1:4: expected a closing '\"' for this string, "
                              "found end of file"},
        YamlError{"a: 'x\n", "1:4: expected a closing \"'\" for this string, "
                             "found end of file"},
        YamlError{"a: \"\\q\"\n", "1:5: invalid escape '\\q' in a "
                                  "double-quoted string"},
        YamlError{"a: `x`\n", "1:4: expected a value, found '`' (reserved in "
                              "YAML: quote a value that starts with it)"},
        YamlError{"a: [1]]\n", "1:7: unexpected ']': no '[' is open here"},
        YamlError{"a: - b\n", "1:4: unexpected '-' item here: start a "
                              "sequence on a new line, below its key"},
        YamlError{"a: !e!x 1\n", "1:4: unknown tag handle '!e!': only '!' and "
                                 "'!!' are predefined"},
        YamlError{"a: \"x\" y\n", "1:8: expected the next key on a new "
                                  "line, found 'y'"},
        YamlError{"a: |x\n  b\n", "1:5: expected the end of the line, found "
                                  "'x'"},
        YamlError{"%YAML 2.0\n---\na: 1\n", "1:1: unsupported %YAML version: "
                                            "expected 1.1 or 1.2"},
        YamlError{"a: |0\n  x\n", "1:5: expected an indentation indicator "
                                  "from 1 to 9, found 0"},
        YamlError{"a: [*]\n", "1:6: expected a name after '*' (letters, "
                              "digits, '-' or '_'), found ']'"},
        YamlError{"a: &\n", "1:5: expected a name after '&' (letters, "
                            "digits, '-' or '_'), found end of file"},
        YamlError{"a: !<x\n", "1:7: expected '>' to close the tag, found end "
                              "of file"},
        YamlError{"a: \"\\u12G4\"\n", "1:9: expected a hex digit in the "
                                      "escape, found 'G'"}),
    ErrorCaseName<YamlError>());

TEST(YamlReader, ErrorsInsideAFlowCollectionNoteWhereItStarts) {
  Read R("a:\n  b: [1,\n     2\n", false);
  ASSERT_EQ(R.Diags.errorCount(), 1u);
  const Diagnostic &D = R.Diags.all()[0];
  EXPECT_EQ(D.Message, "expected ',' or ']' in this flow sequence, found end "
                       "of file");
  EXPECT_EQ(D.Loc.line, 3u);
  EXPECT_EQ(D.Loc.column, 7u);
  ASSERT_EQ(D.Notes.size(), 1u);
  EXPECT_EQ(D.Notes[0].Message, "the flow sequence starts here");
  EXPECT_EQ(D.Notes[0].Loc.line, 2u);
  EXPECT_EQ(D.Notes[0].Loc.column, 6u);
}

//===----------------------------------------------------------------------===//
// Encodings
//===----------------------------------------------------------------------===//

struct EncodingCase {
  const char *Name; ///< what the case is about, for the test's name
  std::string Text;
  bool Yaml;
  size_t At;
  const char *Message; ///< "" when the text is fine
};

void PrintTo(const EncodingCase &E, std::ostream *OS) {
  *OS << testing::PrintToString(E.Text) << (E.Yaml ? " as YAML" : " as JSON");
}

class Encoding : public testing::TestWithParam<EncodingCase> {};

TEST_P(Encoding, NamesTheFirstBadByte) {
  size_t At = SIZE_MAX;
  std::string Why = checkEncoding(GetParam().Text, GetParam().Yaml, At);
  EXPECT_EQ(Why, GetParam().Message);
  if (!Why.empty()) {
    EXPECT_EQ(At, GetParam().At);
  }
}

using namespace std::string_literals;

INSTANTIATE_TEST_SUITE_P(
    Text, Encoding,
    testing::Values(
        EncodingCase{"PlainAsciiTabsAndLineBreaks", "plain ASCII\n\ttab\r\n", true, 0, ""},
        EncodingCase{"MultiByteCharacters", "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x9A\x80", true, 0, ""},
        EncodingCase{"ByteOrderMark", "\xEF\xBB\xBF"
                     "a: 1",
                     true, 0, ""},
        EncodingCase{"NextLineIsYaml", "next line \xC2\x85 is YAML", true, 0, ""},
        EncodingCase{"NulInYaml", "a\0b"s, true, 1,
                     "expected UTF-8 text, found a NUL byte (is this a "
                     "binary file?)"},
        EncodingCase{"NulInJson", "a\0b"s, false, 1,
                     "expected UTF-8 text, found a NUL byte (is this a "
                     "binary file?)"},
        EncodingCase{"Latin1Byte", "caf\xE9!", true, 3,
                     "expected UTF-8 text, found byte 0xE9, which is not "
                     "valid UTF-8 here"},
        EncodingCase{"StrayContinuationByte", "x\x80", false, 1,
                     "expected UTF-8 text, found byte 0x80, which is not "
                     "valid UTF-8 here"},
        EncodingCase{"OverlongInTwoBytes", "\xC0\xAF", true, 0, // overlong '/'
                     "expected UTF-8 text, found byte 0xC0, which is not "
                     "valid UTF-8 here"},
        EncodingCase{"OverlongInThreeBytes", "ab\xE0\x80\xAF", true, 2, // overlong in three bytes
                     "expected UTF-8 text, found byte 0xE0, which is not "
                     "valid UTF-8 here"},
        EncodingCase{"Surrogate", "\xED\xA0\x80", true, 0, // a surrogate
                     "expected UTF-8 text, found byte 0xED, which is not "
                     "valid UTF-8 here"},
        EncodingCase{"PastU10FFFF", "\xF4\x90\x80\x80", true, 0, // past U+10FFFF
                     "expected UTF-8 text, found byte 0xF4, which is not "
                     "valid UTF-8 here"},
        EncodingCase{"CutByTheEnd", "ok \xE2\x82", true, 3, // cut by the end
                     "expected UTF-8 text, found byte 0xE2, which is not "
                     "valid UTF-8 here"},
        EncodingCase{"FormFeedInYaml", "a\x0C", true, 1,
                     "control character U+000C is not allowed in YAML (is "
                     "this a binary file?)"},
        EncodingCase{"FormFeedInJsonIsLeftToItsParser", "a\x0C", false, 0, ""}, // JSON's parser rejects it
        EncodingCase{"DeleteInYaml", "\x7F", true, 0,
                     "control character U+007F is not allowed in YAML (is "
                     "this a binary file?)"},
        EncodingCase{"C1ControlInYaml", "\xC2\x9B", true, 0,
                     "control character U+009B is not allowed in YAML (is "
                     "this a binary file?)"},
        EncodingCase{"NonCharacterInYaml", "\xEF\xBF\xBE", true, 0,
                     "control character U+FFFE is not allowed in YAML (is "
                     "this a binary file?)"},
        EncodingCase{"Utf16WithByteOrderMark", "\xFF\xFE"
                     "a\0:\0"s,
                     true, 0,
                     "file is UTF-16 encoded: chokepoint reads UTF-8 text "
                     "(iconv -f UTF-16 -t UTF-8 converts it)"},
        EncodingCase{"Utf16BigEndianWithoutMark", "\0a\0:\0 \0"
                     "1"s,
                     false, 0,
                     "file is UTF-16 encoded: chokepoint reads UTF-8 text "
                     "(iconv -f UTF-16 -t UTF-8 converts it)"},
        EncodingCase{"Utf16LittleEndianWithoutMark", "a\0:\0 \0"
                     "1\0"s,
                     true, 0,
                     "file is UTF-16 encoded: chokepoint reads UTF-8 text "
                     "(iconv -f UTF-16 -t UTF-8 converts it)"},
        EncodingCase{"Utf32WithByteOrderMark", "\xFF\xFE\0\0a\0\0\0"s, true, 0,
                     "file is UTF-32 encoded: chokepoint reads UTF-8 text "
                     "(iconv -f UTF-32 -t UTF-8 converts it)"}),
    [](const testing::TestParamInfo<EncodingCase> &I) {
      return std::string(I.param.Name);
    });

//===----------------------------------------------------------------------===//
// Diagnostics helpers
//===----------------------------------------------------------------------===//

TEST(Quote, EscapesWhatWouldHideOrBreakALine) {
  EXPECT_EQ(quote("api"), "'api'");
  EXPECT_EQ(quote("it's"), "'it's'");
  EXPECT_EQ(quote("caf\xC3\xA9 \xE6\x97\xA5"), "'caf\xC3\xA9 \xE6\x97\xA5'");
  EXPECT_EQ(quote("a\tb\nc\rd"), "'a\\tb\\nc\\rd'");
  EXPECT_EQ(quote(std::string_view("\0\x1B\x7F", 3)), "'\\x00\\x1B\\x7F'");
  EXPECT_EQ(quote("\xE9t\xE9"), "'\\xE9t\\xE9'");    // Latin-1
  EXPECT_EQ(quote("a\xC2\x85z"), "'a\\u0085z'");     // C1 control
  EXPECT_EQ(quote("a\xE2\x80\xAEz"), "'a\\u202Ez'"); // RTL override
  EXPECT_EQ(quote("a\xE2\x80\x8Bz"), "'a\\u200Bz'"); // zero width space
  EXPECT_EQ(quote("e\xCC\x81"), "'e\xCC\x81'");      // combining accent
}

/// The two lines snippet() prints under a diagnostic at Line:Column.
std::string snippetOf(std::string_view Text, uint32_t Line, uint32_t Column) {
  SourceManager SM;
  uint32_t F = SM.add("s", llvm::MemoryBuffer::getMemBufferCopy(
                               llvm::StringRef(Text.data(), Text.size())));
  return snippet(SM, {F, Line, Column});
}

TEST(Snippet, PutsTheCaretUnderTheColumnAsATerminalShowsIt) {
  EXPECT_EQ(snippetOf("ab: cd\n", 1, 5), "ab: cd\n    ^\n");
  // A tab stays a tab above and below, so both lines expand alike.
  EXPECT_EQ(snippetOf("\tab\n", 1, 2), "\tab\n\t^\n");
  // Wide characters take two columns; the column is in bytes.
  EXPECT_EQ(snippetOf("\xE6\x97\xA5: x\n", 1, 6), "\xE6\x97\xA5: x\n    ^\n");
  // Bytes that are not UTF-8, and characters that print nothing, are shown
  // escaped, and the caret moves past the escape.
  EXPECT_EQ(snippetOf("a\xE9z\n", 1, 3), "a<E9>z\n     ^\n");
  EXPECT_EQ(snippetOf("a\xC0\xAFz\n", 1, 4), "a<C0><AF>z\n         ^\n");
  EXPECT_EQ(snippetOf("a\xE2\x80\xAEz\n", 1, 5), "a<U+202E>z\n         ^\n");
  // CRLF: the CR is not shown.
  EXPECT_EQ(snippetOf("a: 1\r\nb\r\n", 2, 1), "b\n^\n");
  // Past the end of the line (an error at the end of the file).
  EXPECT_EQ(snippetOf("ab", 1, 3), "ab\n  ^\n");
  // A run of printable ASCII longer than a 16-byte step, then a tab and a
  // wide character before the column.
  EXPECT_EQ(snippetOf("services-of-the-company:\t\xE6\x97\xA5 x\n", 1, 30),
            "services-of-the-company:\t\xE6\x97\xA5 x\n" +
                std::string(24, ' ') + "\t   ^\n");
}

TEST(Snippet, CutsLongLinesAroundTheColumn) {
  std::string Line = std::string(300, 'x') + "Y" + std::string(300, 'z');
  std::string S = snippetOf(Line, 1, 301);
  EXPECT_EQ(S, "..." + std::string(100, 'x') + "Y" + std::string(99, 'z') +
                   "...\n" + std::string(103, ' ') + "^\n");
  // Never in the middle of a character.
  std::string Wide;
  for (int I = 0; I < 100; ++I)
    Wide += "\xC3\xA9";
  S = snippetOf(Wide + "!", 1, 202);
  EXPECT_EQ(S.find("<"), std::string::npos) << S;
}

TEST(Snippet, IsEmptyWithoutText) {
  EXPECT_EQ(snippetOf("", 1, 1), "");
  SourceManager SM;
  EXPECT_EQ(snippet(SM, {}), "");
}

TEST(Closest, FindsTyposWithinAThirdOfTheLength) {
  std::vector<std::string_view> Keys = {"replicas", "plane", "entry",   "fail",
                                        "window",   "name",  "services"};
  EXPECT_EQ(closest("replica", Keys), "replicas");
  EXPECT_EQ(closest("fial", Keys), "fail"); // a swap is one edit
  EXPECT_EQ(closest("nmae", Keys), "name");
  EXPECT_EQ(closest("servces", Keys), "services");
  EXPECT_EQ(closest("zzz", Keys), "");
  EXPECT_EQ(closest("", Keys), "");
  EXPECT_EQ(closest("x", {}), "");
  // Code points, not bytes: one edit each.
  EXPECT_EQ(closest("cafe", {"caf\xC3\xA9"}), "caf\xC3\xA9");
  EXPECT_EQ(closest("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
                    {"\xE6\x97\xA5\xE6\x9C\xAC"}),
            "\xE6\x97\xA5\xE6\x9C\xAC");
  // Ties go to the smaller name, whatever the order given.
  EXPECT_EQ(closest("ab", {"ac", "aa"}), "aa");
  EXPECT_EQ(closest("ab", {"aa", "ac"}), "aa");
  EXPECT_EQ(didYouMean("replica", Keys), "; did you mean 'replicas'?");
  EXPECT_EQ(didYouMean("zzz", Keys), "");
}

/// Optimal string alignment distance over bytes, the whole table: what
/// closest() must agree with on ASCII.
unsigned fullDistance(std::string_view A, std::string_view B) {
  std::vector<std::vector<unsigned>> D(A.size() + 1,
                                       std::vector<unsigned>(B.size() + 1));
  for (size_t I = 0; I <= A.size(); ++I)
    for (size_t J = 0; J <= B.size(); ++J) {
      if (I == 0 || J == 0) {
        D[I][J] = unsigned(I + J);
        continue;
      }
      D[I][J] = std::min({D[I - 1][J] + 1, D[I][J - 1] + 1,
                          D[I - 1][J - 1] + (A[I - 1] != B[J - 1])});
      if (I > 1 && J > 1 && A[I - 1] == B[J - 2] && A[I - 2] == B[J - 1])
        D[I][J] = std::min(D[I][J], D[I - 2][J - 2] + 1);
    }
  return D[A.size()][B.size()];
}

TEST(Closest, AgreesWithTheWholeTableOnRandomNames) {
  // closest() fills only a band of the table and stops early; it must pick
  // what the full table picks: the nearest within (length+1)/3, ties to the
  // smaller name. Small alphabets make near misses common.
  uint64_t Seed = 12345;
  auto Next = [&] {
    Seed = Seed * 6364136223846793005ull + 1442695040888963407ull;
    return unsigned(Seed >> 33);
  };
  auto Word = [&] {
    std::string S(1 + Next() % 12, 'a');
    for (char &C : S)
      C = char('a' + Next() % 3);
    return S;
  };
  for (int Round = 0; Round < 2000; ++Round) {
    std::string W = Word();
    std::vector<std::string> Names;
    for (unsigned I = 0, N = 1 + Next() % 8; I < N; ++I)
      Names.push_back(Word());
    std::vector<std::string_view> Views(Names.begin(), Names.end());
    unsigned Max = unsigned(W.size() + 1) / 3, Best = Max + 1;
    std::string Expected;
    for (const std::string &C : Names) {
      unsigned D = fullDistance(W, C);
      if (D < Best || (D == Best && C < Expected)) {
        Best = D;
        Expected = C;
      }
    }
    if (Best > Max)
      Expected.clear();
    ASSERT_EQ(closest(W, Views), Expected) << W << " among " << Names.size();
  }
}

TEST(Closest, NamesPastTheLengthCapGetNoSuggestion) {
  // A typo in a name longer than MaxSuggestedLength is not suggested: such
  // names are generated, and a hostile file full of them must not make the
  // search quadratic. One character less is still searched.
  std::string Long(MaxSuggestedLength, 'a'), Longer = Long + "a";
  std::string LongTypo = Long, LongerTypo = Longer;
  LongTypo[10] = 'b';
  LongerTypo[10] = 'b';
  EXPECT_EQ(closest(LongTypo, {Long}), Long);
  EXPECT_EQ(closest(LongerTypo, {Longer}), "");
  // The same for 100,000-character names, at once.
  std::string Huge(100000, 'x'), HugeTypo = Huge;
  HugeTypo[50000] = 'y';
  EXPECT_EQ(closest(HugeTypo, {Huge}), "");
}

TEST(DiagnosticList, KeepsOneErrorPastTheLimitAndThenNoMore) {
  DiagnosticList L;
  for (int I = 0; I < 20; ++I)
    L.error({1, uint32_t(I + 1), 1}, "e" + std::to_string(I));
  EXPECT_EQ(L.errorCount(), 20u);
  EXPECT_FALSE(L.full()); // exactly at the limit: nothing was left unsaid
  L.error({1, 99, 1}, "one more");
  EXPECT_TRUE(L.full());
  L.error({1, 100, 1}, "dropped")
      .Notes.push_back({DiagLevel::Note, {}, "dropped too", {}});
  EXPECT_EQ(L.errorCount(), 21u);
  EXPECT_EQ(L.all().size(), 21u);
  // Warnings and notes are not errors and are kept.
  L.add(DiagLevel::Warning, {}, "w");
  EXPECT_EQ(L.all().size(), 22u);
}

TEST(DiagnosticList, DropsAnErrorRepeatedAtTheSamePlace) {
  DiagnosticList L;
  L.error({1, 2, 3}, "same");
  L.error({1, 2, 3}, "same");
  L.error({1, 2, 4}, "same");
  L.error({1, 2, 3}, "other");
  EXPECT_EQ(L.errorCount(), 3u);
}

TEST(DiagnosticList, AppendKeepsOrderAndTheLimit) {
  DiagnosticList A, B, Run;
  for (int I = 0; I < 15; ++I)
    A.error({1, uint32_t(I + 1), 1}, "a");
  for (int I = 0; I < 15; ++I)
    B.error({2, uint32_t(I + 1), 1}, "b");
  Run.append(std::move(A));
  Run.append(std::move(B));
  EXPECT_EQ(Run.errorCount(), 21u);
  EXPECT_TRUE(Run.full());
  EXPECT_EQ(Run.all()[14].Loc.file, 1u);
  EXPECT_EQ(Run.all()[15].Loc.file, 2u);
  EXPECT_TRUE(A.empty());
}

} // namespace
