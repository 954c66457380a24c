//===- analyzer/diagnostics.cpp - Errors as values ------------------------===//

#include "analyzer/support/diagnostics.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Unicode.h"

#include <algorithm>
#include <cstdio>

namespace chokepoint {

Diagnostic &DiagnosticList::push(Diagnostic &&D) {
  if (D.Level == DiagLevel::Error) {
    if (full())
      return Dropped = Diagnostic();
    for (const Diagnostic &Old : List)
      if (Old.Level == DiagLevel::Error && Old.Loc == D.Loc &&
          Old.Message == D.Message)
        return Dropped = Diagnostic();
    ++Errors;
  }
  List.push_back(std::move(D));
  return List.back();
}

Diagnostic &DiagnosticList::add(DiagLevel Level, SourceLoc Loc,
                                std::string Message) {
  return push({Level, Loc, std::move(Message), {}});
}

void DiagnosticList::append(DiagnosticList &&Other) {
  for (Diagnostic &D : Other.List)
    push(std::move(D));
  Other.List.clear();
  Other.Errors = 0;
}

std::string why(const std::error_code &Ec) {
  std::string M = Ec.message();
  if (!M.empty() && M[0] >= 'A' && M[0] <= 'Z' &&
      (M.size() < 2 || !(M[1] >= 'A' && M[1] <= 'Z')))
    M[0] = char(M[0] - 'A' + 'a');
  return M;
}

std::string quote(std::string_view S) {
  std::string Out = "'";
  for (size_t I = 0; I < S.size();) {
    unsigned char C = S[I];
    size_t N = C < 0x80 ? 1 : 0;
    if (C >= 0x80) {
      N = (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 0;
      if (N == 0 || I + N > S.size())
        N = 0;
      for (size_t K = 1; N && K < N; ++K)
        if ((static_cast<unsigned char>(S[I + K]) & 0xC0) != 0x80)
          N = 0;
    }
    // Characters beyond ASCII that print nothing visible or reorder the
    // line (C1 controls, bidirectional overrides, zero-width marks) are
    // escaped as \uXXXX: a message must show what the input holds.
    uint32_t CP = 0;
    if (N > 1) {
      CP = C & (0xFF >> (N + 1));
      for (size_t K = 1; K < N; ++K)
        CP = CP << 6 | (static_cast<unsigned char>(S[I + K]) & 0x3F);
    }
    bool Hidden = N > 1 && !llvm::sys::unicode::isPrintable(int(CP));
    if (N == 1 && C >= 0x20 && C != 0x7F) {
      Out += char(C);
    } else if (N > 1 && !Hidden) {
      Out.append(S.substr(I, N));
    } else if (C == '\t') {
      Out += "\\t";
    } else if (C == '\n') {
      Out += "\\n";
    } else if (C == '\r') {
      Out += "\\r";
    } else {
      char Buf[16];
      if (Hidden)
        std::snprintf(Buf, sizeof Buf, "\\u%04X", unsigned(CP));
      else
        std::snprintf(Buf, sizeof Buf, "\\x%02X", unsigned(C));
      Out += Buf;
      N = Hidden ? N : 1;
    }
    I += N;
  }
  return Out + "'";
}

static std::string_view levelName(DiagLevel L) {
  switch (L) {
  case DiagLevel::Error:
    return "error";
  case DiagLevel::Warning:
    return "warning";
  case DiagLevel::Note:
    return "note";
  case DiagLevel::Remark:
    return "remark";
  }
  return "?";
}

/// Length of the UTF-8 sequence starting at S[I], or 0 if invalid there.
static size_t utf8Length(std::string_view S, size_t I) {
  unsigned char C = S[I];
  size_t N = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3
             : (C >> 3) == 30 ? 4 : 0;
  if (N == 0 || I + N > S.size())
    return 0;
  for (size_t K = 1; K < N; ++K)
    if ((static_cast<unsigned char>(S[I + K]) & 0xC0) != 0x80)
      return 0;
  return N;
}

std::string snippet(const SourceManager &SM, SourceLoc Loc) {
  if (!Loc.valid() || SM.text(Loc.file).empty())
    return "";
  std::string_view Line = SM.lineText(Loc);
  size_t Col = Loc.column ? Loc.column - 1 : 0;
  // Cut long lines to a window around the column, on character boundaries.
  constexpr size_t Window = 100;
  size_t From = Col > Window ? Col - Window : 0;
  while (From > 0 && From < Line.size() &&
         (static_cast<unsigned char>(Line[From]) & 0xC0) == 0x80)
    ++From;
  size_t To = std::min(Line.size(), Col + Window);
  std::string Text = From > 0 ? "..." : "";
  std::string Pad(Text.size(), ' '); // Text up to the column, blanked
  for (size_t I = From; I < To;) {
    size_t N = utf8Length(Line, I);
    unsigned char C = Line[I];
    std::string Shown;
    int Width = 1;
    if (N > 1) {
      Width = llvm::sys::unicode::columnWidthUTF8(
          llvm::StringRef(Line.data() + I, N));
      if (Width == llvm::sys::unicode::ErrorInvalidUTF8)
        N = 1; // an overlong form or a surrogate: show its bytes one by one
    }
    if (C == '\t' || (N == 1 && C >= 0x20 && C < 0x7F)) {
      Shown.assign(1, char(C));
      Width = 1;
    } else if (N > 1 && Width >= 0) {
      // East Asian wide characters take two columns, combining marks none:
      // the caret must count columns as the terminal shows them.
      Shown.assign(Line.substr(I, N));
    } else {
      char Buf[16];
      if (N > 1) {
        // Printable nowhere (a C1 control, a zero-width format character).
        llvm::UTF32 CP = 0;
        const llvm::UTF8 *P = reinterpret_cast<const llvm::UTF8 *>(&Line[I]);
        llvm::UTF32 *Q = &CP;
        llvm::ConvertUTF8toUTF32(&P, P + N, &Q, Q + 1, llvm::strictConversion);
        std::snprintf(Buf, sizeof Buf, "<U+%04X>", unsigned(CP));
      } else {
        std::snprintf(Buf, sizeof Buf, "<%02X>", C);
        N = 1; // also a byte that starts no character (N == 0)
      }
      Shown = Buf;
      Width = int(Shown.size());
    }
    if (I < Col)
      Pad += C == '\t' ? std::string("\t") : std::string(size_t(Width), ' ');
    Text += Shown;
    I += N;
  }
  if (To < Line.size())
    Text += "...";
  return Text + "\n" + Pad + "^\n";
}

void printDiagnostic(llvm::raw_ostream &OS, const SourceManager &SM,
                     const Diagnostic &D, bool Colors, bool NoteSnippets) {
  auto Header = [&](const Diagnostic &X, bool Snippet) {
    if (Colors)
      OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
    if (X.Loc.valid())
      OS << SM.name(X.Loc.file) << ":" << X.Loc.line << ":" << X.Loc.column
         << ": ";
    else
      OS << "chokepoint: ";
    if (Colors)
      OS.changeColor(X.Level == DiagLevel::Error     ? llvm::raw_ostream::RED
                     : X.Level == DiagLevel::Warning ? llvm::raw_ostream::MAGENTA
                                                     : llvm::raw_ostream::BLACK,
                     true);
    OS << levelName(X.Level) << ": ";
    if (Colors)
      OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
    OS << X.Message;
    if (Colors)
      OS.resetColor();
    OS << "\n";
    if (Snippet && X.Loc.valid())
      OS << snippet(SM, X.Loc);
  };
  Header(D, true);
  for (const Diagnostic &N : D.Notes)
    Header(N, NoteSnippets);
}

/// The code points of S (a byte that is not UTF-8 counts as one), so that
/// "cafe" is one edit from "café", not two.
static std::vector<uint32_t> codePoints(std::string_view S) {
  std::vector<uint32_t> Out;
  for (size_t I = 0; I < S.size();) {
    size_t N = utf8Length(S, I);
    unsigned char C = S[I];
    if (N <= 1) {
      Out.push_back(C);
      ++I;
      continue;
    }
    uint32_t CP = C & (0xFF >> (N + 1));
    for (size_t K = 1; K < N; ++K)
      CP = CP << 6 | (static_cast<unsigned char>(S[I + K]) & 0x3F);
    Out.push_back(CP);
    I += N;
  }
  return Out;
}

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment): "fial" is one typo away from "fail", not two. Only
/// distances up to Max matter, so only the band of cells within Max of the
/// diagonal is filled, and the walk stops as soon as a whole row is past
/// Max: Max + 1 is returned for "further than Max". O(|A| * Max).
static unsigned editDistance(const std::vector<uint32_t> &A,
                             const std::vector<uint32_t> &B, unsigned Max) {
  size_t N = A.size(), M = B.size();
  if ((N > M ? N - M : M - N) > Max)
    return Max + 1;
  const unsigned Far = Max + 1;
  std::vector<unsigned> Prev2(M + 1, Far), Prev(M + 1, Far), Cur(M + 1, Far);
  for (size_t J = 0; J <= std::min<size_t>(M, Max); ++J)
    Prev[J] = unsigned(J);
  for (size_t I = 1; I <= N; ++I) {
    size_t Lo = I > Max ? I - Max : 1, Hi = std::min(M, I + Max);
    std::fill(Cur.begin(), Cur.end(), Far);
    Cur[0] = I <= Max ? unsigned(I) : Far;
    unsigned RowMin = Cur[0];
    for (size_t J = Lo; J <= Hi; ++J) {
      unsigned Cost = A[I - 1] == B[J - 1] ? 0 : 1;
      unsigned D = std::min({Prev[J] + 1, Cur[J - 1] + 1, Prev[J - 1] + Cost});
      if (I > 1 && J > 1 && A[I - 1] == B[J - 2] && A[I - 2] == B[J - 1])
        D = std::min(D, Prev2[J - 2] + 1);
      Cur[J] = std::min(D, Far);
      RowMin = std::min(RowMin, Cur[J]);
    }
    if (RowMin > Max)
      return Far;
    std::swap(Prev2, Prev);
    std::swap(Prev, Cur);
  }
  return std::min(Prev[M], Far);
}

std::string closest(std::string_view Word,
                    const std::vector<std::string_view> &Candidates) {
  // Suggestions help with names people type. A name longer than this was
  // generated or pasted, and comparing it with a million others would cost
  // more than the answer is worth (a hostile input could make it cost
  // hours).
  if (Word.size() > 4 * MaxSuggestedLength)
    return "";
  std::vector<uint32_t> W = codePoints(Word);
  if (W.size() > MaxSuggestedLength)
    return "";
  unsigned Max = unsigned(W.size() + 1) / 3;
  std::string_view Best;
  unsigned BestDist = Max + 1;
  std::vector<uint32_t> Cs;
  for (std::string_view C : Candidates) {
    // A name with more bytes than Word has code points plus Max cannot be
    // close, nor one with fewer than Word's code points less Max (a code
    // point is one to four bytes): skip those cheaply, as a graph may have
    // a million names.
    if (C.size() + Max < W.size() || C.size() > 4 * (W.size() + Max))
      continue;
    Cs = codePoints(C);
    // Ties go to the smaller name: a candidate need only be looked at as
    // far as it could still win.
    if (BestDist == 0)
      break;
    unsigned Bound = BestDist > Max ? Max : C < Best ? BestDist : BestDist - 1;
    unsigned D = editDistance(W, Cs, Bound);
    if (D <= Bound &&
        (D < BestDist || (D == BestDist && (Best.empty() || C < Best)))) {
      BestDist = D;
      Best = C;
    }
  }
  return BestDist <= Max ? std::string(Best) : std::string();
}

std::string didYouMean(std::string_view Word,
                       const std::vector<std::string_view> &Candidates) {
  std::string C = closest(Word, Candidates);
  return C.empty() ? "" : "; did you mean " + quote(C) + "?";
}

} // namespace chokepoint
