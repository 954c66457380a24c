//===- test/unit/text_test.cpp - UTF-8 and the escaping of shown text -----===//
//
// The one decoder (strict: what it refuses, checkEncoding refuses), the one
// escaping function for messages, and the JSON stream that escapes hidden
// characters and '<', '>', '&' however its writes cut the text.
//
//===----------------------------------------------------------------------===//

#include "analyzer/support/text.h"

#include <gtest/gtest.h>

#include <string>

using namespace chokepoint;
using namespace std::string_literals;

namespace {

std::pair<uint32_t, unsigned> decoded(std::string_view S) {
  Utf8Char C = decodeUtf8(S, 0);
  return {C.CodePoint, C.Length};
}

TEST(DecodeUtf8, ReadsOneCharacterOfEachLength) {
  EXPECT_EQ(decoded("a"), std::make_pair(uint32_t('a'), 1u));
  EXPECT_EQ(decoded("\xC3\xA9"), std::make_pair(0xE9u, 2u));
  EXPECT_EQ(decoded("\xE2\x80\xAE!"), std::make_pair(0x202Eu, 3u));
  EXPECT_EQ(decoded("\xF0\x9F\x98\x80"), std::make_pair(0x1F600u, 4u));
  EXPECT_EQ(decoded("\xF4\x8F\xBF\xBF"), std::make_pair(0x10FFFFu, 4u));
}

TEST(DecodeUtf8, RefusesWhatIsNotUtf8) {
  for (std::string Bad : {"\x80"s, "\xC0\x80"s, "\xC1\xBF"s, // stray, overlong
                          "\xE0\x80\x80"s, "\xF0\x80\x80\x80"s,
                          "\xED\xA0\x80"s,     // a UTF-16 surrogate
                          "\xF4\x90\x80\x80"s, // past U+10FFFF
                          "\xF5\x80\x80\x80"s, "\xFF"s,
                          "\xE2\x80"s,  // cut short
                          "\xE2(\xAE"s}) // not a continuation
    EXPECT_EQ(decodeUtf8(Bad, 0).Length, 0u) << testing::PrintToString(Bad);
}

TEST(AppendUtf8, WritesWhatDecodeReads) {
  for (uint32_t CP : {0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFFu, 0x10000u,
                      0x10FFFFu}) {
    std::string S;
    appendUtf8(S, CP);
    EXPECT_EQ(decoded(S), std::make_pair(CP, unsigned(S.size())));
  }
}

TEST(CodePoints, CountsABadByteAsOne) {
  EXPECT_EQ(codePoints("caf\xC3\xA9"),
            (std::vector<uint32_t>{'c', 'a', 'f', 0xE9}));
  EXPECT_EQ(codePoints("a\xE9z"), (std::vector<uint32_t>{'a', 0xE9, 'z'}));
}

TEST(Escape, HidesNothingAndReordersNothing) {
  EXPECT_EQ(escape("api-1 \"x\" <b> & c:\\d"), "api-1 \"x\" <b> & c:\\d");
  EXPECT_EQ(escape("r\xC3\xA9gistry \xF0\x9F\x98\x80"),
            "r\xC3\xA9gistry \xF0\x9F\x98\x80");
  EXPECT_EQ(escape("a\xE2\x80\xAE" "b\xE2\x80\xA8" "c\xE2\x80\x8D" "d"),
            "a\\u202Eb\\u2028c\\u200Dd");
  EXPECT_EQ(escape("\xEF\xBB\xBFz\xE2\x81\xA6"), "\\uFEFFz\\u2066");
  EXPECT_EQ(escape("\xC0\x80"), "\\xC0\\x80"); // overlong NUL: two bad bytes
}

TEST(Escape, QuoteIsEscapeInQuotes) {
  for (std::string S : {"plain"s, "tab\there"s, "bidi\xE2\x80\xAE"s, ""s})
    EXPECT_EQ(quote(S), concat({"'", escape(S), "'"}));
}

TEST(Escape, WrittenToAStreamAsReturned) {
  // The stream forms write a name's printable run as it is and escape the
  // rest: the same text as escape() and quote(), wherever the hidden
  // character falls (the run is found 16 bytes a step).
  const std::string Name = "payments-ledger-writer-primary-0";
  for (std::string Hidden : {"\xE2\x80\xAE"s, "\n"s, "\t"s, "\x01"s, "\xFF"s,
                             "\xC3\xA9"s, "\x7F"s, ""s})
    for (size_t At = 0; At <= Name.size(); ++At) {
      std::string S = Name.substr(0, At) + Hidden + Name.substr(At);
      std::string Escaped, Quoted;
      llvm::raw_string_ostream E(Escaped), Q(Quoted);
      writeEscaped(E, S);
      writeQuoted(Q, S);
      EXPECT_EQ(Escaped, escape(S)) << "at " << At;
      EXPECT_EQ(Quoted, quote(S)) << "at " << At;
    }
  std::string Escaped;
  llvm::raw_string_ostream E(Escaped);
  writeEscaped(E, Name + "\xE2\x80\xAE");
  EXPECT_EQ(Escaped, Name + "\\u202E");
}

TEST(WriteDecimal, WritesWhatTheStreamWouldWrite) {
  for (uint64_t N : {uint64_t(0), uint64_t(7), uint64_t(10), uint64_t(99),
                     uint64_t(100), uint64_t(UINT32_MAX), UINT64_MAX}) {
    std::string Fast, Stream;
    llvm::raw_string_ostream F(Fast), S(Stream);
    writeDecimal(F, N);
    S << N;
    EXPECT_EQ(Fast, Stream);
  }
}

TEST(Escape, IsIdempotent) {
  // Escaping again changes nothing: a message built from quoted names can
  // pass through escape() once more without doubling anything.
  std::string Once = escape("x\xE2\x80\xAE\t\x01\xE9");
  EXPECT_EQ(escape(Once), Once);
}

TEST(IsHidden, KnowsControlsFormatsAndSeparators) {
  for (uint32_t CP : {0x00u, 0x1Bu, 0x7Fu, 0x85u, 0x9Fu, 0x200Bu, 0x200Eu,
                      0x2028u, 0x2029u, 0x202Au, 0x202Eu, 0x2066u, 0x2069u,
                      0xFEFFu, 0xE0001u})
    EXPECT_TRUE(isHidden(CP)) << CP;
  for (uint32_t CP : {uint32_t('a'), uint32_t('<'), 0xE9u, 0x65E5u, 0x1F600u})
    EXPECT_FALSE(isHidden(CP)) << CP;
}

/// Writes Text through a JsonEscapingStream in pieces of Step bytes.
std::string jsonEscaped(std::string_view Text, size_t Step) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  {
    JsonEscapingStream J(OS);
    J.SetUnbuffered(); // every piece reaches write_impl as it is
    for (size_t I = 0; I < Text.size(); I += Step)
      J << Text.substr(I, Step);
  }
  OS.flush();
  return Out;
}

TEST(JsonEscapingStream, EscapesHiddenCharactersAndMarkup) {
  std::string In = "{\"a<b>&c\": \"x\xE2\x80\xAEy\xE2\x80\xA8z\xC2\x85\x7F"
                   "\xF3\xA0\x80\x81 \xC3\xA9\xF0\x9F\x98\x80\"}\n";
  std::string Want = "{\"a\\u003cb\\u003e\\u0026c\": \"x\\u202ey\\u2028z"
                     "\\u0085\\u007f\\udb40\\udc01 \xC3\xA9\xF0\x9F\x98\x80\"}\n";
  // Whatever the writes cut, a character is judged whole.
  for (size_t Step : {1, 2, 3, 5, 64})
    EXPECT_EQ(jsonEscaped(In, Step), Want) << "step " << Step;
}

TEST(JsonEscapingStream, PassesBadBytesOn) {
  EXPECT_EQ(jsonEscaped("\"a\xE9z\"", 1), "\"a\xE9z\"");
  EXPECT_EQ(jsonEscaped("\"cut \xE2\x80", 2), "\"cut \xE2\x80");
}

TEST(Words, PluralAndJoin) {
  EXPECT_EQ(plural(1, "node", "nodes"), "1 node");
  EXPECT_EQ(plural(0, "node", "nodes"), "0 nodes");
  EXPECT_EQ(joinWords({}), "");
  EXPECT_EQ(joinWords({"a"}), "a");
  EXPECT_EQ(joinWords({"a", "b"}), "a and b");
  EXPECT_EQ(joinWords({"a", "b", "c"}), "a, b and c");
}

TEST(Words, EstimatesAreRoundedToThreeDigitsWithATilde) {
  EXPECT_EQ(approximately(256), "~256");
  EXPECT_EQ(approximately(999), "~999");
  EXPECT_EQ(approximately(1234), "~1,230");
  EXPECT_EQ(approximately(1235), "~1,240");
  EXPECT_EQ(approximately(15734), "~15,700");
  EXPECT_EQ(approximately(99960), "~100,000");
  EXPECT_EQ(approximately(1234567), "~1,230,000");
  EXPECT_EQ(plural(15734, true, "entry", "entries"), "~15,700 entries");
  EXPECT_EQ(plural(15734, false, "entry", "entries"), "15734 entries");
  EXPECT_EQ(plural(1, false, "entry", "entries"), "1 entry");
}

} // namespace

//===----------------------------------------------------------------------===//
// Whole-file scans: each against its byte-at-a-time twin, with the byte that
// matters at every place of a block (the scans step 16 bytes) and in the
// tail after the last whole block.
//===----------------------------------------------------------------------===//

namespace {

/// Plain text of N bytes: a line of a YAML mapping, repeated.
std::string plainText(size_t N) {
  static const std::string Line = "  svc-a:\t{to: \"b\", attempts: 3}\r\n";
  std::string T;
  while (T.size() < N)
    T += Line;
  T.resize(N);
  return T;
}

/// Printable ASCII of N bytes: space to '~', over and over.
std::string printableText(size_t N) {
  std::string T;
  for (size_t I = 0; I < N; ++I)
    T += char(' ' + I % 95);
  return T;
}

/// Every text of up to 50 bytes (Base(N), plainText by default) with byte
/// C put at one place.
template <typename Check>
void atEveryPlace(unsigned char C, Check &&Test,
                  std::string (*Base)(size_t) = plainText) {
  for (size_t N = 0; N <= 50; ++N)
    for (size_t At = 0; At < N; ++At) {
      std::string T = Base(N);
      T[At] = char(C);
      Test(T, At);
    }
}

/// The bytes for which Is holds, in order.
template <typename Pred> std::string bytesWhere(Pred Is) {
  std::string All;
  for (int C = 0; C < 256; ++C)
    if (Is(static_cast<unsigned char>(C)))
      All += char(C);
  return All;
}

} // namespace

TEST(Scans, SkipPlainTextStopsAtEachByteThatIsNotPlain) {
  for (unsigned char Bad : {0x00, 0x01, 0x1F, 0x7F, 0x80, 0xC3, 0xFF})
    atEveryPlace(Bad, [&](const std::string &T, size_t At) {
      EXPECT_EQ(skipPlainText(T, 0), At) << "byte " << unsigned(Bad);
      EXPECT_EQ(skipPlainText(T, 0), skipPlainTextBytewise(T, 0));
      if (At > 0) {
        EXPECT_EQ(skipPlainText(T, At - 1), At) << "from just before it";
      }
      EXPECT_EQ(skipPlainText(T, At + 1), skipPlainTextBytewise(T, At + 1))
          << "from just after it";
    });
}

TEST(Scans, SkipPlainTextPassesTabsBreaksAndPrintableAscii) {
  std::string All = bytesWhere(isPlainTextByte);
  EXPECT_EQ(All.size(), 95u + 3u) << "space to '~', tab, LF, CR";
  for (size_t From = 0; From <= All.size(); ++From)
    EXPECT_EQ(skipPlainText(All, From), All.size());
}

TEST(Scans, SkipPrintableAsciiStopsAtEachByteThatIsNotPrintable) {
  for (unsigned char Bad :
       {0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xC3, 0xFF})
    atEveryPlace(
        Bad,
        [&](const std::string &T, size_t At) {
          EXPECT_EQ(skipPrintableAscii(T, 0), At) << "byte " << unsigned(Bad);
          EXPECT_EQ(skipPrintableAsciiBytewise(T, 0), At);
          EXPECT_EQ(skipPrintableAscii(T, At + 1),
                    skipPrintableAsciiBytewise(T, At + 1))
              << "from just after it";
        },
        printableText);
}

TEST(Scans, SkipPrintableAsciiPassesSpaceToTilde) {
  std::string All = bytesWhere(isPrintableAscii);
  EXPECT_EQ(All.size(), 95u);
  for (size_t From = 0; From <= All.size(); ++From)
    EXPECT_EQ(skipPrintableAscii(All, From), All.size());
}

TEST(Scans, SkipJsonPlainStopsAtMarkupDelAndHighBytes) {
  for (unsigned char Bad : {0x3C, 0x3E, 0x26, 0x7F, 0x80, 0xC3, 0xFF}) // <>&
    atEveryPlace(Bad, [&](const std::string &T, size_t At) {
      EXPECT_EQ(skipJsonPlain(T, 0), At) << "byte " << unsigned(Bad);
      EXPECT_EQ(skipJsonPlainBytewise(T, 0), At);
      EXPECT_EQ(skipJsonPlain(T, At + 1), skipJsonPlainBytewise(T, At + 1))
          << "from just after it";
    });
  std::string All = bytesWhere(isJsonPlainByte);
  EXPECT_EQ(All.size(), 127u - 3u) << "below DEL, less '<', '>', '&'";
  for (size_t From = 0; From <= All.size(); ++From)
    EXPECT_EQ(skipJsonPlain(All, From), All.size());
}

TEST(Scans, IsAsciiFindsAHighByteAnywhere) {
  for (unsigned char High : {0x80, 0xC3, 0xFF})
    atEveryPlace(High, [&](const std::string &T, size_t) {
      EXPECT_FALSE(isAscii(T));
      EXPECT_FALSE(isAsciiBytewise(T));
    });
  for (size_t N = 0; N <= 50; ++N)
    EXPECT_TRUE(isAscii(plainText(N) + std::string(1, '\x7F')))
        << "DEL and controls are ASCII";
}

TEST(Scans, LineStartsMatchTheBytewiseTableWhereverTheBreaksFall) {
  atEveryPlace('\n', [&](const std::string &T, size_t) {
    for (uint32_t Base : {0u, 7u}) {
      std::vector<uint32_t> Fast{Base}, Slow{Base};
      appendLineStarts(T, Base, Fast);
      appendLineStartsBytewise(T, Base, Slow);
      EXPECT_EQ(Fast, Slow);
    }
    EXPECT_EQ(countNewlines(T), countNewlinesBytewise(T));
  });
  std::string Breaks(40, '\n');
  std::vector<uint32_t> Starts;
  appendLineStarts(Breaks, 0, Starts);
  ASSERT_EQ(Starts.size(), 40u) << "a break in every byte of a block";
  EXPECT_EQ(Starts.front(), 1u);
  EXPECT_EQ(Starts.back(), 40u);
  EXPECT_EQ(countNewlines(Breaks), 40u);
}
