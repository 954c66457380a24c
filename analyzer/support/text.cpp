//===- analyzer/support/text.cpp - UTF-8, and text shown to users ---------===//

#include "analyzer/support/text.h"

#include "llvm/Support/Unicode.h"

#include <bit>
#include <charconv>
#include <cstdio>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chokepoint {

Utf8Char decodeUtf8(std::string_view S, size_t I) {
  unsigned char C = S[I];
  if (C < 0x80)
    return {C, 1};
  // C0 and C1 would only start overlong forms; F5..FF start nothing.
  unsigned N = C >= 0xC2 && C <= 0xDF   ? 2
               : C >= 0xE0 && C <= 0xEF ? 3
               : C >= 0xF0 && C <= 0xF4 ? 4
                                        : 0;
  if (N == 0 || I + N > S.size())
    return {};
  uint32_t CP = C & (0x7F >> N);
  for (unsigned K = 1; K < N; ++K) {
    unsigned char D = S[I + K];
    if (!isUtf8Continuation(D))
      return {};
    CP = CP << 6 | (D & 0x3F);
  }
  if ((N == 3 && CP < 0x800) || (N == 4 && CP < 0x10000) ||
      (CP >= 0xD800 && CP <= 0xDFFF) || CP > 0x10FFFF)
    return {};
  return {CP, N};
}

//===----------------------------------------------------------------------===//
// Whole-file scans
//===----------------------------------------------------------------------===//

size_t skipPlainTextBytewise(std::string_view T, size_t From) {
  size_t I = From;
  while (I < T.size() && isPlainTextByte(static_cast<unsigned char>(T[I])))
    ++I;
  return I;
}

size_t skipPrintableAsciiBytewise(std::string_view T, size_t From) {
  size_t I = From;
  while (I < T.size() && isPrintableAscii(static_cast<unsigned char>(T[I])))
    ++I;
  return I;
}

size_t skipJsonPlainBytewise(std::string_view T, size_t From) {
  size_t I = From;
  while (I < T.size() && isJsonPlainByte(static_cast<unsigned char>(T[I])))
    ++I;
  return I;
}

bool isAsciiBytewise(std::string_view T) {
  for (char C : T)
    if (static_cast<unsigned char>(C) >= 0x80)
      return false;
  return true;
}

size_t countNewlinesBytewise(std::string_view T) {
  size_t N = 0;
  for (char C : T)
    N += C == '\n';
  return N;
}

void appendLineStartsBytewise(std::string_view T, uint32_t Base,
                              std::vector<uint32_t> &Out) {
  for (size_t I = 0; I < T.size(); ++I)
    if (T[I] == '\n')
      Out.push_back(Base + uint32_t(I + 1));
}

#if defined(__SSE2__)
namespace {

constexpr size_t Block = 16;
using Bits = unsigned; // one per byte of a block

inline __m128i loadBlock(const char *P) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i *>(P));
}
/// Bytes of the block equal to C.
inline Bits bytesEqual(const char *P, char C) {
  return unsigned(
      _mm_movemask_epi8(_mm_cmpeq_epi8(loadBlock(P), _mm_set1_epi8(C))));
}
/// Bytes of the block that are not isPlainTextByte.
inline Bits bytesNotPlain(const char *P) {
  __m128i V = loadBlock(P);
  // Signed: 0x80 and above are negative, so below 0x20 takes them too.
  __m128i Low = _mm_cmplt_epi8(V, _mm_set1_epi8(0x20));
  __m128i Breaks =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(V, _mm_set1_epi8('\t')),
                                _mm_cmpeq_epi8(V, _mm_set1_epi8('\n'))),
                   _mm_cmpeq_epi8(V, _mm_set1_epi8('\r')));
  __m128i Del = _mm_cmpeq_epi8(V, _mm_set1_epi8(0x7F));
  return unsigned(
      _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(Breaks, Low), Del)));
}
/// Bytes of the block that are not isPrintableAscii.
inline Bits bytesNotPrintable(const char *P) {
  __m128i V = loadBlock(P);
  // Signed: 0x80 and above are negative, so below 0x20 takes them too.
  __m128i Low = _mm_cmplt_epi8(V, _mm_set1_epi8(0x20));
  __m128i Del = _mm_cmpeq_epi8(V, _mm_set1_epi8(0x7F));
  return unsigned(_mm_movemask_epi8(_mm_or_si128(Low, Del)));
}
/// Bytes of the block that are not isJsonPlainByte.
inline Bits bytesNotJsonPlain(const char *P) {
  __m128i V = loadBlock(P);
  __m128i Marks =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(V, _mm_set1_epi8('<')),
                                _mm_cmpeq_epi8(V, _mm_set1_epi8('>'))),
                   _mm_or_si128(_mm_cmpeq_epi8(V, _mm_set1_epi8('&')),
                                _mm_cmpeq_epi8(V, _mm_set1_epi8(0x7F))));
  // 0x80 and above: the sign bit.
  return unsigned(_mm_movemask_epi8(_mm_or_si128(Marks, V)));
}
inline Bits bytesHigh(const char *P) {
  return unsigned(_mm_movemask_epi8(loadBlock(P)));
}

/// The first index at or after From of a byte Stop marks in its block,
/// whole blocks at a time; the tail by the byte-at-a-time twin.
template <typename StopBits, typename Twin>
size_t skipBlocks(std::string_view T, size_t From, StopBits Stop, Twin Tail) {
  size_t I = From;
  for (; I + Block <= T.size(); I += Block)
    if (Bits Bad = Stop(T.data() + I))
      return I + size_t(std::countr_zero(Bad));
  return Tail(T, I);
}
} // namespace

size_t skipPlainText(std::string_view T, size_t From) {
  return skipBlocks(T, From, bytesNotPlain, skipPlainTextBytewise);
}

size_t skipPrintableAscii(std::string_view T, size_t From) {
  return skipBlocks(T, From, bytesNotPrintable, skipPrintableAsciiBytewise);
}

size_t skipJsonPlain(std::string_view T, size_t From) {
  return skipBlocks(T, From, bytesNotJsonPlain, skipJsonPlainBytewise);
}

bool isAscii(std::string_view T) {
  size_t I = 0;
  for (; I + Block <= T.size(); I += Block)
    if (bytesHigh(T.data() + I))
      return false;
  return isAsciiBytewise(T.substr(I));
}

size_t countNewlines(std::string_view T) {
  size_t N = 0, I = 0;
  for (; I + Block <= T.size(); I += Block)
    N += size_t(std::popcount(bytesEqual(T.data() + I, '\n')));
  return N + countNewlinesBytewise(T.substr(I));
}

void appendLineStarts(std::string_view T, uint32_t Base,
                      std::vector<uint32_t> &Out) {
  size_t I = 0;
  for (; I + Block <= T.size(); I += Block)
    for (Bits M = bytesEqual(T.data() + I, '\n'); M; M &= M - 1)
      Out.push_back(Base + uint32_t(I + size_t(std::countr_zero(M)) + 1));
  appendLineStartsBytewise(T.substr(I), Base + uint32_t(I), Out);
}
#else
// Without SSE2, byte at a time.
size_t skipPlainText(std::string_view T, size_t From) {
  return skipPlainTextBytewise(T, From);
}
size_t skipPrintableAscii(std::string_view T, size_t From) {
  return skipPrintableAsciiBytewise(T, From);
}
size_t skipJsonPlain(std::string_view T, size_t From) {
  return skipJsonPlainBytewise(T, From);
}
bool isAscii(std::string_view T) { return isAsciiBytewise(T); }
size_t countNewlines(std::string_view T) { return countNewlinesBytewise(T); }
void appendLineStarts(std::string_view T, uint32_t Base,
                      std::vector<uint32_t> &Out) {
  appendLineStartsBytewise(T, Base, Out);
}
#endif

void appendUtf8(std::string &Out, uint32_t CP) {
  if (CP < 0x80) {
    Out += char(CP);
  } else if (CP < 0x800) {
    Out += char(0xC0 | (CP >> 6));
    Out += char(0x80 | (CP & 0x3F));
  } else if (CP < 0x10000) {
    Out += char(0xE0 | (CP >> 12));
    Out += char(0x80 | ((CP >> 6) & 0x3F));
    Out += char(0x80 | (CP & 0x3F));
  } else {
    Out += char(0xF0 | (CP >> 18));
    Out += char(0x80 | ((CP >> 12) & 0x3F));
    Out += char(0x80 | ((CP >> 6) & 0x3F));
    Out += char(0x80 | (CP & 0x3F));
  }
}

std::vector<uint32_t> codePoints(std::string_view S) {
  std::vector<uint32_t> Out;
  for (size_t I = 0; I < S.size();) {
    Utf8Char C = decodeUtf8(S, I);
    Out.push_back(C.Length ? C.CodePoint : static_cast<unsigned char>(S[I]));
    I += C.Length ? C.Length : 1;
  }
  return Out;
}

bool isHidden(uint32_t CP) {
  if (CP < 0x80)
    return CP < 0x20 || CP == 0x7F;
  return !llvm::sys::unicode::isPrintable(int(CP));
}

namespace {
/// Appends escape(S) to Out: escape() and quote() without a second string.
void appendEscaped(std::string &Out, std::string_view S) {
  char Buf[16];
  for (size_t I = 0; I < S.size();) {
    // Printable ASCII goes through as it is, a run at a time: most names
    // are nothing else.
    size_t Plain = skipPrintableAscii(S, I);
    Out.append(S.data() + I, Plain - I);
    if ((I = Plain) == S.size())
      break;
    Utf8Char C = decodeUtf8(S, I);
    if (C.Length == 0) {
      std::snprintf(Buf, sizeof Buf, "\\x%02X",
                    unsigned(static_cast<unsigned char>(S[I])));
      Out += Buf;
      ++I;
      continue;
    }
    if (!isHidden(C.CodePoint))
      Out.append(S.substr(I, C.Length));
    else if (C.CodePoint == '\t')
      Out += "\\t";
    else if (C.CodePoint == '\n')
      Out += "\\n";
    else if (C.CodePoint == '\r')
      Out += "\\r";
    else if (C.CodePoint < 0x80) {
      std::snprintf(Buf, sizeof Buf, "\\x%02X", unsigned(C.CodePoint));
      Out += Buf;
    } else {
      std::snprintf(Buf, sizeof Buf, "\\u%04X", unsigned(C.CodePoint));
      Out += Buf;
    }
    I += C.Length;
  }
}

} // namespace

std::string escape(std::string_view S) {
  std::string Out;
  Out.reserve(S.size());
  appendEscaped(Out, S);
  return Out;
}

void writeEscaped(llvm::raw_ostream &OS, std::string_view S) {
  size_t Plain = skipPrintableAscii(S, 0);
  OS.write(S.data(), Plain);
  if (Plain < S.size()) // the rest starts on a character's first byte
    OS << escape(S.substr(Plain));
}

std::string xmlEscape(std::string_view Text) {
  std::string Out;
  for (char C : escape(Text))
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  return Out;
}

std::string quote(std::string_view S) {
  std::string Out;
  Out.reserve(S.size() + 2);
  Out += '\'';
  appendEscaped(Out, S);
  Out += '\'';
  return Out;
}

void writeDecimal(llvm::raw_ostream &OS, uint64_t N) {
  char Digits[20]; // 2^64 - 1 has 20
  char *End = std::to_chars(Digits, Digits + sizeof Digits, N).ptr;
  OS.write(Digits, size_t(End - Digits));
}

void writeQuoted(llvm::raw_ostream &OS, std::string_view S) {
  OS << '\'';
  writeEscaped(OS, S);
  OS << '\'';
}

//===----------------------------------------------------------------------===//
// JsonEscapingStream
//===----------------------------------------------------------------------===//

JsonEscapingStream::~JsonEscapingStream() {
  flush();
  // A character still cut at the end was never whole: pass its bytes on.
  OS << Partial;
}

void JsonEscapingStream::write_impl(const char *Ptr, size_t Size) {
  Written += Size;
  std::string_view Text(Ptr, Size);
  std::string Joined;
  if (!Partial.empty()) {
    Joined = std::move(Partial) + std::string(Text);
    Partial.clear();
    Text = Joined;
  }
  // Keep a character the end of this write cuts for the next one.
  size_t Lead = Text.size();
  while (Lead > 0 && Text.size() - Lead < 4 &&
         isUtf8Continuation(static_cast<unsigned char>(Text[Lead - 1])))
    --Lead;
  if (Lead > 0 &&
      Lead - 1 + utf8Length(static_cast<unsigned char>(Text[Lead - 1])) >
          Text.size()) {
    Partial.assign(Text.substr(Lead - 1));
    Text = Text.substr(0, Lead - 1);
  }
  pass(Text);
}

void JsonEscapingStream::pass(std::string_view T) {
  auto Unit = [&](uint32_t U) {
    char Buf[16];
    std::snprintf(Buf, sizeof Buf, "\\u%04x", unsigned(U));
    OS << Buf;
  };
  size_t Run = 0;
  for (size_t I = 0; I < T.size();) {
    if ((I = skipJsonPlain(T, I)) == T.size())
      break;
    unsigned char C = T[I];
    Utf8Char Ch = decodeUtf8(T, I);
    size_t N = Ch.Length ? Ch.Length : 1;
    bool Escape = C < 0x80 || (Ch.Length && isHidden(Ch.CodePoint));
    if (!Escape) {
      I += N;
      continue;
    }
    OS << T.substr(Run, I - Run);
    if (Ch.CodePoint < 0x10000) {
      Unit(Ch.CodePoint);
    } else { // a surrogate pair, as JSON spells characters past the BMP
      Unit(0xD800 + ((Ch.CodePoint - 0x10000) >> 10));
      Unit(0xDC00 + ((Ch.CodePoint - 0x10000) & 0x3FF));
    }
    I += N;
    Run = I;
  }
  OS << T.substr(Run);
}

//===----------------------------------------------------------------------===//
// Words
//===----------------------------------------------------------------------===//

std::string concat(std::initializer_list<std::string_view> Pieces) {
  size_t Size = 0;
  for (std::string_view P : Pieces)
    Size += P.size();
  std::string S;
  S.reserve(Size);
  for (std::string_view P : Pieces)
    S += P;
  return S;
}

std::string plural(uint64_t N, std::string_view One, std::string_view Many) {
  std::string S = std::to_string(N);
  S += ' ';
  S += N == 1 ? One : Many;
  return S;
}

std::string approximately(uint64_t N) {
  uint64_t Scale = 1;
  while (N / Scale >= 1000)
    Scale *= 10;
  // Half up: 1235 is ~1,240.
  uint64_t Rounded =
      (N / Scale + (N % Scale >= (Scale + 1) / 2 ? 1 : 0)) * Scale;
  std::string Digits = std::to_string(Rounded), S = "~";
  for (size_t I = 0; I < Digits.size(); ++I) {
    if (I > 0 && (Digits.size() - I) % 3 == 0)
      S += ',';
    S += Digits[I];
  }
  return S;
}

std::string plural(uint64_t N, bool Estimated, std::string_view One,
                   std::string_view Many) {
  if (!Estimated)
    return plural(N, One, Many);
  std::string S = approximately(N);
  S += ' ';
  S += Many;
  return S;
}

std::string joinWords(const std::vector<std::string> &Words) {
  std::string S;
  for (size_t I = 0; I < Words.size(); ++I) {
    if (I > 0)
      S += I + 1 == Words.size() ? " and " : ", ";
    S += Words[I];
  }
  return S;
}

} // namespace chokepoint
