//===- analyzer/report/paths.h - Files as a repository sees them -*- C++
//-*-===//
//
// SARIF and Markdown point at files relative to the repository root (a
// code-scanning upload and a pull-request link both resolve paths there),
// and --affected asks git about the same repository. The root is found the
// way git finds it, without running git: the nearest folder holding `.git`
// above the first input file; without one, the current directory.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_REPORT_PATHS_H
#define CHOKEPOINT_ANALYZER_REPORT_PATHS_H

#include "analyzer/support/sources.h"

#include <string>
#include <string_view>

namespace chokepoint {

struct RepoPaths {
  /// The root, absolute, without a trailing '/'.
  std::string Root;
  /// File's path relative to Root with '/' between parts, or "" when the
  /// file is outside Root or is standard input.
  std::string relative(const SourceManager &SM, uint32_t File) const;
};

/// The repository of a run's inputs (SM's first file), or the current
/// directory.
RepoPaths findRepo(const SourceManager &SM);

/// Path as a URI reference: every byte but letters, digits, '-', '.', '_',
/// '~' and '/' percent-encoded, so no name can break out of a URI, a
/// Markdown link or an attribute.
std::string uriEscape(std::string_view Path);

} // namespace chokepoint

#endif
