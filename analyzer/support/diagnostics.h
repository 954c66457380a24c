//===- analyzer/support/diagnostics.h - Errors as values ----------------*- C++ -*-===//
//
// Readers and checks append diagnostics to a list they are handed; the
// driver prints them and decides the exit code. There is no global error
// counter.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_DIAGNOSTICS_H
#define CHOKEPOINT_ANALYZER_DIAGNOSTICS_H

#include "analyzer/support/sources.h"
#include "analyzer/support/text.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace chokepoint {

enum class DiagLevel : uint8_t { Error, Warning, Note, Remark };

struct Diagnostic {
  DiagLevel Level = DiagLevel::Error;
  SourceLoc Loc; ///< invalid: about the run, not a place
  std::string Message;
  std::vector<Diagnostic> Notes;
};

/// The diagnostics of a file or a run. It keeps at most ErrorLimit + 1
/// errors: the one past the limit is the proof that there were more, so the
/// driver can say "too many errors" exactly when some were left unsaid, and
/// readers stop as soon as full() (clang's -ferror-limit works the same).
/// An error repeating one already kept (same place, same words: a node
/// reached twice through YAML aliases) is dropped.
class DiagnosticList {
public:
  static constexpr size_t ErrorLimit = 20;

  /// Appends and returns the diagnostic so notes can be attached; an error
  /// that is dropped returns a scratch diagnostic nobody prints.
  Diagnostic &add(DiagLevel Level, SourceLoc Loc, std::string Message);
  Diagnostic &error(SourceLoc Loc, std::string Message) {
    return add(DiagLevel::Error, Loc, std::move(Message));
  }
  /// Moves Other's diagnostics to the end of this list, within the limit.
  void append(DiagnosticList &&Other);

  size_t errorCount() const { return Errors; }
  bool hasErrors() const { return Errors != 0; }
  /// More errors than the limit were found: stop looking for others.
  bool full() const { return Errors > ErrorLimit; }
  const std::vector<Diagnostic> &all() const { return List; }
  bool empty() const { return List.empty(); }

private:
  Diagnostic &push(Diagnostic &&D);

  std::vector<Diagnostic> List;
  size_t Errors = 0;
  Diagnostic Dropped;
};

/// A system error's message as our messages read: lower-case first word
/// ("no such file or directory").
std::string why(const std::error_code &Ec);

/// Prints in clang's style: "file:line:col: error: message", then the line
/// and a caret under the column when the file's text is known.
/// With NoteSnippets false, only the diagnostic itself quotes its line.
void printDiagnostic(llvm::raw_ostream &OS, const SourceManager &SM,
                     const Diagnostic &D, bool Colors,
                     bool NoteSnippets = true);

/// One line of printDiagnostic, without notes: the place, the level, then
/// what Message writes, a line break, and the snippet when Snippet is true.
/// For callers with many lines to print (a finding's witness hops), which
/// write each message straight to the stream instead of into a Diagnostic.
void printDiagnosticLine(llvm::raw_ostream &OS, const SourceManager &SM,
                         DiagLevel Level, SourceLoc Loc, bool Colors,
                         llvm::function_ref<void(llvm::raw_ostream &)> Message,
                         bool Snippet);

/// The caret lines printed under a diagnostic ("" when the text is unknown).
/// Non-printable bytes are shown as <XX> and long lines are cut around the
/// column, so a binary file never floods the terminal.
std::string snippet(const SourceManager &SM, SourceLoc Loc);

/// Names longer than this many characters get no suggestion.
inline constexpr size_t MaxSuggestedLength = 64;

/// The closest of Candidates to Word, clangd's way: an edit distance of at
/// most (length+1)/3, where swapping two neighbouring characters counts as
/// one edit; "" when none is that close, or when Word is longer than
/// MaxSuggestedLength. Ties go to the smaller name. Linear in the
/// candidates' total length.
std::string closest(std::string_view Word,
                    const std::vector<std::string_view> &Candidates);
/// "; did you mean 'x'?" or "".
std::string didYouMean(std::string_view Word,
                       const std::vector<std::string_view> &Candidates);

} // namespace chokepoint

#endif
