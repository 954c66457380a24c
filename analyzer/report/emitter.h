//===- analyzer/report/emitter.h - Output formats ----------------------*- C++ -*-===//
//
// An emitter is one file under analyzer/emit_*.cpp that registers itself with
// CHOKEPOINT_EMITTER; every one reads the same Report (findings as plain
// Finding records, plus the graph), so formats never disagree.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_EMITTER_H
#define CHOKEPOINT_ANALYZER_EMITTER_H

#include "analyzer/facts/build.h"
#include "analyzer/support/sources.h"
#include "graphs/analysis.h"
#include "rules/finding.h"

#include "llvm/Support/raw_ostream.h"

#include <string_view>
#include <vector>

namespace chokepoint {

/// Everything an emitter may show. Findings are sorted.
struct Report {
  const SourceManager *SM = nullptr;
  const Model *M = nullptr;
  Analysis *A = nullptr;
  std::vector<Finding> Findings;
  size_t Files = 0;
  bool Colors = false; ///< the stream is a terminal that takes colors
  bool GraphOnly = false; ///< `chokepoint graph`: no findings were computed
};

struct EmitterInfo {
  std::string_view Name;
  std::string_view Summary;
  void (*Write)(llvm::raw_ostream &OS, Report &R);
};

/// Every registered emitter, sorted by name.
const std::vector<const EmitterInfo *> &allEmitters();
const EmitterInfo *findEmitter(std::string_view Name);

namespace detail {
struct EmitterRegistration {
  explicit EmitterRegistration(const EmitterInfo *E);
};
} // namespace detail

#define CHOKEPOINT_EMITTER(Var)                                                \
  static ::chokepoint::detail::EmitterRegistration Var##Registration(&Var)

/// Counts by severity, for summaries.
struct Tally {
  size_t Errors = 0, Warnings = 0, Notes = 0;
};
Tally tally(const std::vector<Finding> &Findings);

/// "file:line:col" of a location, or "" when it has none.
std::string where(const SourceManager &SM, SourceLoc Loc);

} // namespace chokepoint

#endif
