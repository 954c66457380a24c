//===- analyzer/code/tu.h - One translation unit's facts --------*- C++ -*-===//
//
// Inside the code front end: analysing one TU (recorder.cpp) gives a
// CodeUnit (units.h) whose locations name files by the TU's own table, so
// TUs analysed on several threads never touch the run's SourceManager; the
// files get the run's ids in TU order afterwards, whatever -j.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_CODE_TU_H
#define CHOKEPOINT_ANALYZER_CODE_TU_H

#include "analyzer/code/code.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <memory>
#include <string>
#include <vector>

namespace chokepoint {

/// One TU to analyse: its main file and every command the database has
/// for it.
struct TUJob {
  std::string File;
  std::vector<clang::tooling::CompileCommand> Commands;
};

/// Parses Job's file with each of its commands and records its facts.
void analyzeTU(const TUJob &Job, const CodeOptions &Options, CodeUnit &Out);

} // namespace chokepoint

#endif
