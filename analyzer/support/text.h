//===- analyzer/support/text.h - UTF-8, and text shown to users --*- C++ -*-===//
//
// Every piece of input text that reaches a user -- a name in a finding, a
// diagnostic, a remark, a JSON string -- is escaped here, the same way in
// every output, so a hostile name can neither hide, reorder nor break a line
// anywhere. One UTF-8 decoder serves the readers' encoding check, the
// escaping, caret columns and "did you mean".
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_TEXT_H
#define CHOKEPOINT_ANALYZER_TEXT_H

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

//===----------------------------------------------------------------------===//
// UTF-8
//===----------------------------------------------------------------------===//

/// One character decoded from UTF-8.
struct Utf8Char {
  uint32_t CodePoint = 0;
  /// Its bytes, 1 to 4; 0 when the bytes there are not UTF-8: a byte that
  /// starts no character, a cut sequence, an overlong form, a UTF-16
  /// surrogate or a code point past U+10FFFF.
  unsigned Length = 0;
};

/// Decodes, strictly, the character that starts at S[I] (I < S.size()).
Utf8Char decodeUtf8(std::string_view S, size_t I);

/// The bytes of the character Lead starts, in text already known to be
/// UTF-8 (checkEncoding): 2 to 4 for a lead byte, 1 for any other byte.
constexpr size_t utf8Length(unsigned char Lead) {
  return Lead >= 0xF0 ? 4 : Lead >= 0xE0 ? 3 : Lead >= 0xC0 ? 2 : 1;
}

/// A byte that continues a character: never cut text before one.
constexpr bool isUtf8Continuation(unsigned char C) { return (C & 0xC0) == 0x80; }

//===----------------------------------------------------------------------===//
// Whole-file scans
//
// A reader passes over every byte of a file before libyaml does: the line
// table, the encoding check, whether it is all ASCII. They take 16 bytes a
// step with SSE2 (every x86-64 has it; elsewhere they are their twins), so
// the passes cost a fraction of the parse. Each has a byte-at-a-time twin,
// *Bytewise, that defines what it computes; tests hold them equal.
//===----------------------------------------------------------------------===//

/// A byte the encoding check passes without a look: printable ASCII, tab,
/// line feed or carriage return.
constexpr bool isPlainTextByte(unsigned char C) {
  return (C >= 0x20 && C < 0x7F) || C == '\t' || C == '\n' || C == '\r';
}

/// The first index at or after From whose byte is not isPlainTextByte, or
/// T.size().
size_t skipPlainText(std::string_view T, size_t From);
size_t skipPlainTextBytewise(std::string_view T, size_t From);

/// The first index at or after From whose byte is not isPrintableAscii
/// (defined below, with escaping), or T.size().
size_t skipPrintableAscii(std::string_view T, size_t From);
size_t skipPrintableAsciiBytewise(std::string_view T, size_t From);

/// A byte JsonEscapingStream passes on without a look: ASCII below DEL
/// other than '<', '>' and '&'.
constexpr bool isJsonPlainByte(unsigned char C) {
  return C < 0x7F && C != '<' && C != '>' && C != '&';
}

/// The first index at or after From whose byte is not isJsonPlainByte, or
/// T.size().
size_t skipJsonPlain(std::string_view T, size_t From);
size_t skipJsonPlainBytewise(std::string_view T, size_t From);

/// Whether every byte of T is below 0x80.
bool isAscii(std::string_view T);
bool isAsciiBytewise(std::string_view T);

/// The number of '\n' bytes in T.
size_t countNewlines(std::string_view T);
size_t countNewlinesBytewise(std::string_view T);

/// Appends Base + the offset just after each '\n' of T, in order.
void appendLineStarts(std::string_view T, uint32_t Base,
                      std::vector<uint32_t> &Out);
void appendLineStartsBytewise(std::string_view T, uint32_t Base,
                              std::vector<uint32_t> &Out);

/// Appends CP (a code point up to U+10FFFF, not a surrogate) as UTF-8.
void appendUtf8(std::string &Out, uint32_t CP);

/// The code points of S; a byte that is not UTF-8 counts as one, so that
/// "cafe" is one edit from "café", not two.
std::vector<uint32_t> codePoints(std::string_view S);

//===----------------------------------------------------------------------===//
// Escaping
//===----------------------------------------------------------------------===//

/// A character that shows nothing or moves the text around it: C0 and C1
/// controls, DEL, bidirectional controls (U+202E...), zero-width and other
/// format characters, U+2028 and U+2029 -- whatever Unicode does not call
/// printable.
bool isHidden(uint32_t CP);

/// A byte that is a whole printable ASCII character (space to '~'): shown
/// as it is everywhere, the fast path through text that is nothing else.
constexpr bool isPrintableAscii(unsigned char C) {
  return C >= 0x20 && C < 0x7F;
}

/// Text from the input as it may be shown: tab, line feed and carriage
/// return as \t \n \r, other control characters and bytes that are not
/// UTF-8 as \xNN, other hidden characters as \uXXXX; everything else
/// (quotes, backslashes, '<' and non-ASCII letters included) as it is.
std::string escape(std::string_view Text);
/// Writes escape(Text) to OS; text that needs no escape (most names, most
/// file names) is written as it is, without a copy.
void writeEscaped(llvm::raw_ostream &OS, std::string_view Text);

/// Writes N in decimal: what `OS << N` writes, in a fraction of the time
/// (raw_ostream formats a number through a general routine), for the
/// millions of line and column numbers a large report holds.
void writeDecimal(llvm::raw_ostream &OS, uint64_t N);

/// escape(Text) between single quotes: how every name and every piece of
/// input text appears in a message, a note, a remark or a diagnostic.
std::string quote(std::string_view Text);
/// Writes quote(Text) to OS.
void writeQuoted(llvm::raw_ostream &OS, std::string_view Text);

/// escape(Text) with '&', '<', '>', '"' and '\'' as character references:
/// text from the input as it may stand in HTML, SVG or XML (an element's
/// text or a quoted attribute) and in Graphviz's HTML-like labels.
std::string xmlEscape(std::string_view Text);

/// A stream for JSON text: passes it on to OS with every hidden character
/// and '<', '>', '&' written as a \uXXXX escape (surrogate pairs past the
/// BMP). JSON text holds those only inside strings, where the escape reads
/// back as the same string, so a JSON value round-trips while no viewer
/// reorders it and no HTML page that embeds it sees a tag.
class JsonEscapingStream : public llvm::raw_ostream {
public:
  explicit JsonEscapingStream(llvm::raw_ostream &OS) : OS(OS) {}
  ~JsonEscapingStream() override;

private:
  void write_impl(const char *Ptr, size_t Size) override;
  uint64_t current_pos() const override { return Written; }
  void pass(std::string_view Text);

  llvm::raw_ostream &OS;
  std::string Partial; ///< a character cut by the end of the last write
  uint64_t Written = 0;
};

//===----------------------------------------------------------------------===//
// Words
//===----------------------------------------------------------------------===//

/// The pieces one after another. Messages are built with it rather than
/// with `"text" + std::string(...)`, which GCC 12 at -O3 warns about
/// (a false -Wrestrict).
std::string concat(std::initializer_list<std::string_view> Pieces);

/// "1 node", "3 nodes".
std::string plural(uint64_t N, std::string_view One, std::string_view Many);

/// An estimated number as text shows it: "~" and the number rounded to
/// three significant digits, with thousands separators: 15734 is
/// "~15,700", 1234567 "~1,230,000", 256 "~256".
std::string approximately(uint64_t N);

/// plural(N, ...), or with Estimated "~15,700 nodes" (always the plural:
/// an estimate is never exactly one).
std::string plural(uint64_t N, bool Estimated, std::string_view One,
                   std::string_view Many);

/// "a", "a and b", "a, b and c".
std::string joinWords(const std::vector<std::string> &Words);

} // namespace chokepoint

#endif
