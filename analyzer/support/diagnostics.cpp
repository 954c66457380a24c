//===- analyzer/diagnostics.cpp - Errors as values ------------------------===//

#include "analyzer/support/diagnostics.h"

#include "llvm/ADT/StringRef.h"
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

std::string snippet(const SourceManager &SM, SourceLoc Loc) {
  if (!Loc.valid() || SM.text(Loc.file).empty())
    return "";
  std::string_view Line = SM.lineText(Loc);
  size_t Col = Loc.column ? Loc.column - 1 : 0;
  // Cut long lines to a window around the column, on character boundaries.
  constexpr size_t Window = 100;
  size_t From = Col > Window ? Col - Window : 0;
  while (From > 0 && From < Line.size() &&
         isUtf8Continuation(static_cast<unsigned char>(Line[From])))
    ++From;
  size_t To = std::min(Line.size(), Col + Window);
  std::string Text = From > 0 ? "..." : "";
  std::string Pad(Text.size(), ' '); // Text up to the column, blanked
  for (size_t I = From; I < To;) {
    // A run of printable ASCII shows as it is, one column a byte.
    if (size_t Run = std::min(skipPrintableAscii(Line, I), To); Run > I) {
      Text.append(Line.substr(I, Run - I));
      if (I < Col)
        Pad.append(std::min(Run, Col) - I, ' ');
      I = Run;
      continue;
    }
    Utf8Char Ch = decodeUtf8(Line, I);
    size_t N = Ch.Length;
    unsigned char C = Line[I];
    std::string Shown;
    int Width = 1;
    if (N > 1)
      Width = llvm::sys::unicode::columnWidthUTF8(
          llvm::StringRef(Line.data() + I, N));
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
        std::snprintf(Buf, sizeof Buf, "<U+%04X>", unsigned(Ch.CodePoint));
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

void printDiagnosticLine(llvm::raw_ostream &OS, const SourceManager &SM,
                         DiagLevel Level, SourceLoc Loc, bool Colors,
                         llvm::function_ref<void(llvm::raw_ostream &)> Message,
                         bool Snippet) {
  if (Colors)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
  if (Loc.valid()) {
    writeEscaped(OS, SM.name(Loc.file));
    OS << ':';
    writeDecimal(OS, Loc.line);
    OS << ':';
    writeDecimal(OS, Loc.column);
    OS << ": ";
  } else {
    OS << "chokepoint: ";
  }
  if (Colors)
    OS.changeColor(Level == DiagLevel::Error     ? llvm::raw_ostream::RED
                   : Level == DiagLevel::Warning ? llvm::raw_ostream::MAGENTA
                                                 : llvm::raw_ostream::BLACK,
                   true);
  OS << levelName(Level) << ": ";
  if (Colors)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
  Message(OS);
  if (Colors)
    OS.resetColor();
  OS << "\n";
  if (Snippet && Loc.valid())
    OS << snippet(SM, Loc);
}

void printDiagnostic(llvm::raw_ostream &OS, const SourceManager &SM,
                     const Diagnostic &D, bool Colors, bool NoteSnippets) {
  auto Line = [&](const Diagnostic &X, bool Snippet) {
    printDiagnosticLine(
        OS, SM, X.Level, X.Loc, Colors,
        [&](llvm::raw_ostream &Out) { Out << X.Message; }, Snippet);
  };
  Line(D, true);
  for (const Diagnostic &N : D.Notes)
    Line(N, NoteSnippets);
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
