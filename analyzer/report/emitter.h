//===- analyzer/report/emitter.h - Output formats ----------------------*- C++ -*-===//
//
// An emitter is one file, analyzer/report/emit_<format>.cpp, that registers
// itself with CHOKEPOINT_EMITTER; every one reads the same const Report
// (findings as plain Finding records with their titles and summaries, the
// graph with its flows), so formats never disagree and none needs to know
// any rule.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_EMITTER_H
#define CHOKEPOINT_ANALYZER_EMITTER_H

#include "analyzer/report/report.h"
#include "analyzer/report/view.h"
#include "analyzer/support/registry.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <string_view>
#include <vector>

namespace chokepoint {

/// How one output is written, beyond what it shows.
struct EmitOptions {
  /// Colour the text (--color, and whether the output is a terminal);
  /// formats without colours ignore it.
  bool Colors = false;
  /// What the pictures (dot, svg, html) draw; other formats ignore it.
  ViewOptions View;
  /// Whether the JSON report holds the graph (--no-graph: not); other
  /// formats ignore it.
  bool Graph = true;
  /// Threads a format may write with (-j, resolved); the bytes written do
  /// not depend on it.
  unsigned Jobs = 1;
};

struct EmitterInfo {
  std::string_view Name;    ///< the --format name
  std::string_view Summary; ///< one line for the help
  void (*Write)(llvm::raw_ostream &OS, const Report &R, const EmitOptions &O);
};

/// Every registered emitter, sorted by name.
const std::vector<const EmitterInfo *> &allEmitters();
const EmitterInfo *findEmitter(std::string_view Name);
/// Their names, "json, text", for help and messages.
std::string emitterNames();

/// Emitters are listed by name.
inline std::string_view sortKey(const EmitterInfo &E) { return E.Name; }

/// Registers the EmitterInfo Var, from its emitter's file.
#define CHOKEPOINT_EMITTER(Var)                                                \
  static ::chokepoint::Registry<::chokepoint::EmitterInfo>::Add                \
      Var##Registration(&Var)

/// Counts by severity, for summaries.
struct Tally {
  size_t Errors = 0, Warnings = 0, Notes = 0;
};
Tally tally(const std::vector<Finding> &Findings);
/// The non-zero counts in words: {"1 error", "3 warnings"}.
std::vector<std::string> tallyWords(const Tally &T);

/// The findings by severity in words: "1 error, 2 warnings", or "no
/// findings".
std::string tallyText(const Tally &T);

/// A witness hop in words: "'a' -> 'b' (call, 3 attempts, x6 so far)".
std::string hopText(const Hop &H);
/// Writes hopText(H) to OS.
void writeHop(llvm::raw_ostream &OS, const Hop &H);

/// "file:line:col" of a location, or "" when it has none.
std::string where(const SourceManager &SM, SourceLoc Loc);

/// Makes items 0 to Count - 1 in batches on up to Jobs threads: each
/// batch is a run of items made by Make(S, Index) into a string S of its
/// own, and Put is given the batches in order, a round of Jobs batches at
/// a time, so no more than a round is held in memory. Make must only read
/// what it shares.
void makeInBatches(size_t Count, unsigned Jobs,
                   llvm::function_ref<void(llvm::raw_ostream &, size_t)> Make,
                   llvm::function_ref<void(const std::string &)> Put);

/// Writes items 0 to Count - 1 to OS in order, each by Write(OS, Index):
/// on one thread straight to OS, on more through makeInBatches. The bytes
/// are the same for any Jobs.
void writeInOrder(llvm::raw_ostream &OS, size_t Count, unsigned Jobs,
                  llvm::function_ref<void(llvm::raw_ostream &, size_t)> Write);

} // namespace chokepoint

#endif
