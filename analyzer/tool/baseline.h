//===- analyzer/tool/baseline.h - Known findings in a file -------*- C++
//-*-===//
//
// --write-baseline records a run's findings, --baseline reads them back.
// The file is JSON, one entry per finding sorted by rule, node and
// fingerprint, keys in a fixed order, so it diffs well in review:
//
//   {"version": 1, "tool": "chokepoint", "findings": [
//     {"fingerprint": "...", "rule": "...", "node": "...", "message": "..."}]}
//
// Findings match by fingerprint (rule and node: docs/design.md); rule,
// node and message are there for the people who read the diff. It is read
// with the project's JSON reader and a Walker, so a bad file gets the same
// file:line:col errors as a bad topology.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_TOOL_BASELINE_H
#define CHOKEPOINT_ANALYZER_TOOL_BASELINE_H

#include "analyzer/report/policy.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"

#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace chokepoint {

/// Reads the baseline file SM holds as File. Returns false when Diags holds
/// an error.
bool readBaseline(const SourceManager &SM, uint32_t File,
                  std::vector<BaselineEntry> &Out, DiagnosticList &Diags);

/// Loads Path into SM and reads it.
bool loadBaseline(SourceManager &SM, const std::string &Path,
                  std::vector<BaselineEntry> &Out, DiagnosticList &Diags);

/// Writes the entries as a baseline file, sorted.
void writeBaseline(llvm::raw_ostream &OS, std::vector<BaselineEntry> Entries);

} // namespace chokepoint

#endif
