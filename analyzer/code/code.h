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
  unsigned Jobs = 0;      ///< TUs analysed at once; 0: one per core
  bool KeepGoing = false; ///< --keep-going: skip TUs that do not compile
  bool Verbose = false;   ///< list ALLOW suppressions
  bool Progress = false;  ///< "[12/240] src/pool.cc" lines (a terminal)
};

/// True for a path a C or C++ compiler reads as a translation unit (.c,
/// .cc, .cpp, .cxx, .c++, .C, .m, .mm).
bool isSourceFile(std::string_view Path);

/// Analyses the TUs Options names; appends their facts to Out (one
/// Topology per TU that holds any, in the database's order of file names,
/// whatever Jobs), adds the files they quote to SM, and reports bad input
/// (a missing database, a file not in it, a malformed annotation, a TU
/// that does not compile) to Diags. Progress and --keep-going's count go
/// to Log. Units counts the TUs analysed. Returns false on an error.
bool loadCode(const CodeOptions &Options, SourceManager &SM, FactSet &Out,
              DiagnosticList &Diags, llvm::raw_ostream &Log, size_t &Units);

} // namespace chokepoint

#endif
