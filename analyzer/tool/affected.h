//===- analyzer/tool/affected.h - Files changed since a revision -*- C++
//-*-===//
//
// --affected REV keeps the findings whose node or witness hops are in a
// file changed since REV, as dependency-cruiser's --affected does. git is
// asked, in the repository of the first input, for the files that differ
// from REV (committed, staged or not) and the untracked ones; git is the
// one program chokepoint runs.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_TOOL_AFFECTED_H
#define CHOKEPOINT_ANALYZER_TOOL_AFFECTED_H

#include "analyzer/support/sources.h"

#include <string>
#include <vector>

namespace chokepoint {

/// By file id of SM, whether the file changed since Rev. False with the
/// message in Error when git is missing, the inputs are in no repository or
/// Rev names no commit.
bool changedFiles(const SourceManager &SM, const std::string &Rev,
                  std::vector<uint8_t> &Out, std::string &Error);

} // namespace chokepoint

#endif
