//===- analyzer/code/code.h - The code front end ----------------*- C++ -*-===//
//
// Reads C and C++ through Clang LibTooling, one translation unit at a time,
// into the same facts the manifests give (facts.h: FunctionFact, CallFact,
// services and components), which the merge turns into nodes and edges.
// The AST consumer (recorder.cpp) only records; nothing here resolves a
// name across files.
//
// This header is the seam: it includes no clang header, so the tool calls
// the front end without seeing clang, and only analyzer/code/*.cpp do.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_CODE_CODE_H
#define CHOKEPOINT_ANALYZER_CODE_CODE_H

#include "analyzer/facts/facts.h"
#include "analyzer/facts/units.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chokepoint {

struct CodeOptions {
  std::string BuildDir; ///< -p: holds compile_commands.json
  /// Source files and folders among the inputs; none: every TU of the
  /// database. A folder means every TU below it.
  std::vector<std::string> Inputs;
  /// --service-map PATH=SERVICE: a function declared in a file below PATH
  /// belongs to SERVICE when no CHOKEPOINT_SERVICE encloses it (the
  /// longest PATH wins).
  std::vector<std::pair<std::string, std::string>> ServiceMap;
  /// The config file's `sources:`: path globs (pathGlobMatch, over the path
  /// relative to SourceRoot, the config file's folder) to services, in the
  /// order written; the first that matches wins, and only where no
  /// ServiceMap entry (the command line) holds the file.
  std::vector<std::pair<std::string, std::string>> SourceGlobs;
  std::string SourceRoot; ///< absolute, with a trailing '/'
  unsigned Jobs = 0;      ///< TUs analysed at once; 0: one per core
  bool KeepGoing = false; ///< --keep-going: skip TUs that do not compile
  bool Verbose = false;   ///< list ALLOW suppressions
  bool Progress = false;  ///< "[12/240] src/pool.cc" lines (a terminal)
};

/// True for a path a C or C++ compiler reads as a translation unit (.c,
/// .cc, .cpp, .cxx, .c++, .C, .m, .mm).
bool isSourceFile(std::string_view Path);

/// Analyses the TUs Options names, in the database's order of file names
/// whatever Jobs, into Units: each TU's facts and diagnostics, their files
/// named by the TU's own table (units.h; UnitImporter gives them the run's
/// ids). Bad input that is no TU's (a missing database, a file not in it)
/// goes to Diags. Progress and --keep-going's count go to Log; a TU that
/// did not compile is left out under --keep-going. Analysed counts the TUs
/// analysed, those left out too. Returns false on an error in Diags.
bool loadCode(const CodeOptions &Options, std::vector<CodeUnit> &Units,
              DiagnosticList &Diags, llvm::raw_ostream &Log, size_t &Analysed);

/// `chokepoint extract`: analyses the one TU File of Options' database into
/// Out. Returns false after reporting a database error to Diags.
bool extractUnit(const CodeOptions &Options, const std::string &File,
                 CodeUnit &Out, DiagnosticList &Diags);

} // namespace chokepoint

#endif
