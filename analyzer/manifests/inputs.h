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
///
/// What users keep beside their manifests is not read (docs/manifests.md,
/// "Folders"): paths matching a glob of Excludes (`--exclude`), paths a
/// `.gitignore` of the folder searched (or of a folder above it, up to the
/// root of its git work tree) ignores, and Helm charts (a folder with a
/// Chart.yaml), each chart with a remark.
std::vector<InputFile> collectInputs(const std::vector<std::string> &Args,
                                     const std::vector<std::string> &Excludes,
                                     DiagnosticList &Diags);

/// Whether Path matches Glob as a .gitignore pattern matches a path
/// relative to its folder: `*` and `?` match within one name, `**` across
/// names, `[...]` one character of a set.
bool pathGlobMatch(std::string_view Glob, std::string_view Path);

/// What other tool a document nobody reads belongs to, by its file's name
/// or its shape (a CI pipeline, a Helm values file, ...), with what to do
/// instead; "" when it looks like none.
std::string otherToolsFile(std::string_view Path, const Document &Doc);

/// Where Text has a Go template action (`{{ ... }}` on one line), as an
/// unrendered Helm template does; npos if nowhere.
size_t templateAction(std::string_view Text);

} // namespace chokepoint

#endif
