//===- analyzer/facts/units.h - A TU's facts into the run -------*- C++ -*-===//
//
// The code front end analyses each translation unit on its own thread, and
// `chokepoint extract` writes one TU's facts to a file another run reads
// (facts_json.h): in both cases the facts name files by a table of the
// TU's own (Topology::UnitFiles), not by the run's SourceManager. Here they
// get the run's ids, one TU after the other in the order of their paths,
// so that reading the TUs or their facts files gives the same run.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_FACTS_UNITS_H
#define CHOKEPOINT_ANALYZER_FACTS_UNITS_H

#include "analyzer/facts/facts.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"

#include "llvm/ADT/StringMap.h"

#include <memory>
#include <string>
#include <vector>

namespace chokepoint {

/// One TU's facts before the run has given their files ids: the
/// locations of T and of Diags name T->UnitFiles.
struct CodeUnit {
  std::unique_ptr<Topology> T;
  /// Malformed annotations, and clang's own errors when it did not compile.
  DiagnosticList Diags;
  bool Failed = false; ///< did not compile
  /// Every file the TU read (absolute paths, sorted): what a build's
  /// extraction depends on (`chokepoint extract --depfile`).
  std::vector<std::string> Read;
  /// Where the facts were read from, when from a facts file (the run's
  /// file id), for "given twice"; 0: analysed in this run.
  uint32_t FactsFile = 0;
};

/// The TU a unit's facts are of: the absolute path of its main file.
inline const std::string &unitPath(const CodeUnit &U) {
  return U.T->UnitFiles.front();
}

/// How an absolute path is shown: relative to the working directory when
/// it lies below it (as a build's own messages are), else as it is.
std::string shownPath(const std::string &Abs);

/// Gives units' files the run's ids: the same file named by several TUs
/// gets one id. Files are added to SM (read from disk, as the code front
/// end read them) the first time a unit names them.
class UnitImporter {
public:
  explicit UnitImporter(SourceManager &SM) : SM(SM) {}

  /// Moves U's locations to the run's file ids and its diagnostics to
  /// Diags, and U's Topology to Out when it holds any fact.
  void import(CodeUnit &U, FactSet &Out, DiagnosticList &Diags);

  /// The absolute paths of the files added, in order.
  const std::vector<std::string> &files() const { return Files; }

private:
  uint32_t fileId(const std::string &Abs);
  void at(SourceLoc &L) const;
  template <typename T> void at(Fact<T> &F) const;
  void remap(Diagnostic &D) const;

  SourceManager &SM;
  llvm::StringMap<uint32_t> Ids;
  std::vector<std::string> Files;
  std::vector<uint32_t> Map;
};

/// Orders units by their TU's path (the order the run imports them in,
/// whatever -j and whichever were read from facts files) and reports a TU
/// given twice (a source and its facts file, or two facts files of one
/// TU), keeping the first.
void orderUnits(std::vector<CodeUnit> &Units, const SourceManager &SM,
                DiagnosticList &Diags);

/// Moves the facts read from facts files (`chokepoint extract`) out of
/// Facts, as units still to be imported: their locations name the units'
/// own files until UnitImporter gives those the run's ids.
void takeUnits(FactSet &Facts, std::vector<CodeUnit> &Units);

} // namespace chokepoint

#endif
