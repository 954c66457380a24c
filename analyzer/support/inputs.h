//===- analyzer/support/inputs.h - Which files a run reads --------------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_INPUTS_H
#define CHOKEPOINT_ANALYZER_INPUTS_H

#include "analyzer/support/diagnostics.h"

#include <string>
#include <system_error>
#include <vector>

namespace chokepoint {

struct InputFile {
  std::string Path;      ///< as the user wrote it, or found below a folder
  bool Explicit = false; ///< named on the command line (not found in a folder)
  bool Json = false;     ///< read as JSON (*.json); otherwise YAML
  bool Stdin = false;    ///< "-"
};

/// Expands the command line's inputs: files as given, folders searched
/// recursively (sorted, hidden entries and symlinked folders skipped) for
/// *.yaml, *.yml and *.json, "-" for standard input. The same file named
/// twice is read once. Unreadable or missing paths are errors.
/// A system error's message as our messages read: lower-case first word
/// ("no such file or directory").
std::string why(const std::error_code &Ec);

std::vector<InputFile> collectInputs(const std::vector<std::string> &Args,
                                     DiagnosticList &Diags);

} // namespace chokepoint

#endif
