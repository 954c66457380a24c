//===- analyzer/manifests/inputs.h - Which files a run reads ----*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_INPUTS_H
#define CHOKEPOINT_ANALYZER_INPUTS_H

#include "analyzer/manifests/frontend.h"
#include "analyzer/support/diagnostics.h"

#include <string>
#include <system_error>
#include <vector>

namespace chokepoint {

struct InputFile {
  std::string Path;      ///< as the user wrote it, or found below a folder
  bool Explicit = false; ///< named on the command line (not found in a folder)
  const ReaderInfo *Reader = nullptr; ///< chosen by the extension
  bool Stdin = false;                 ///< "-"
};

/// Expands the command line's inputs: files as given, folders searched
/// recursively (sorted, hidden entries and symlinked folders skipped) for
/// files some reader takes (*.yaml, *.yml, *.json), "-" for standard
/// input. The same file named twice is read once. Unreadable or missing
/// paths are errors. A file named explicitly whose extension no reader
/// takes is read as YAML.
std::vector<InputFile> collectInputs(const std::vector<std::string> &Args,
                                     DiagnosticList &Diags);

} // namespace chokepoint

#endif
