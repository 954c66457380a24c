//===- analyzer/manifests/load.h - Input files to facts ---------*- C++ -*-===//
//
// The first stage of a run: the command line's inputs are expanded into
// files, each file is read by the reader its extension names, and each
// document goes to the front end that claims it. Files are read in
// parallel; the facts and diagnostics come out in input order whatever the
// number of threads.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_MANIFESTS_LOAD_H
#define CHOKEPOINT_ANALYZER_MANIFESTS_LOAD_H

#include "analyzer/facts/facts.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"

#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// The default --max-input-size: far above any real topology (a 1M-edge
/// native topology is about 50 MB), far below what would exhaust memory.
inline constexpr uint64_t DefaultMaxInputSize = uint64_t(1) << 30;

struct LoadOptions {
  unsigned Jobs = 0;    ///< threads; 0: one per core
  bool Verbose = false; ///< list skipped files and documents on Log
  /// An input larger than this is an error, found before it is read
  /// (regular files) or as soon as it is passed (standard input, pipes).
  uint64_t MaxInputSize = DefaultMaxInputSize;
  /// Globs of paths not to read (`--exclude`; collectInputs).
  std::vector<std::string> Excludes;
  /// Other inputs (C/C++ code) may hold the run's facts: inputs with no
  /// topology are no error here.
  bool MayFindNone = false;
};

/// "1 GiB", "512 MiB", "1000 bytes": a size as the messages show it.
std::string showSize(uint64_t Bytes);

/// What reading one file gave.
struct FileFacts {
  std::unique_ptr<Topology> Facts;
  /// The file's facts after Facts, in order, when a front end decoded part
  /// of a document apart on several threads (decodeOnThreads): those parts,
  /// then a Topology for what the file holds after them.
  FactSet More;
  DiagnosticList Diags;
  unsigned Claimed = 0;   ///< documents a front end read
  unsigned Unclaimed = 0; ///< documents none did
  /// For a file nobody reads: the other tool its first document belongs
  /// to (otherToolsFile), and where that document starts.
  std::string OtherTool;
  SourceLoc OtherToolLoc;
};

struct ReaderInfo;

/// Reads one file of SM with Reader, on up to Threads threads, and gives
/// each document to the front end that claims it (Path is what claims()
/// sees). loadManifests does this for every input; the fuzz targets for
/// one buffer.
/// MinEntriesApart: the fewest services a native document needs to have them
/// decoded on several threads (Spread::MinEntries).
void readFacts(const SourceManager &SM, uint32_t File, const ReaderInfo &Reader,
               std::string_view Path, FileFacts &Out, unsigned Threads = 1,
               size_t MinEntriesApart = DefaultMinEntriesApart);

/// Which file an input is, whatever path named it: outputs are compared
/// with it so that a report never replaces a topology.
struct FileIdentity {
  uint64_t Device = 0, Inode = 0;
  friend bool operator==(const FileIdentity &, const FileIdentity &) = default;
};

struct LoadResult {
  FactSet Facts;    ///< one Topology per file that held facts
  size_t Files = 0; ///< files read
  /// The files named on the command line or that held facts (not files
  /// found in a folder and skipped: an old report there may be replaced).
  std::vector<FileIdentity> Inputs;
};

/// Reads Inputs (files, folders, "-") into facts, adding each file to SM.
/// Reports unreadable inputs, bad documents, an explicitly named file that
/// no front end reads, and a run with nothing to read, to Diags; returns
/// false if there was any error.
bool loadManifests(const std::vector<std::string> &Inputs,
                   const LoadOptions &Options, SourceManager &SM,
                   LoadResult &Out, DiagnosticList &Diags,
                   llvm::raw_ostream &Log);

} // namespace chokepoint

#endif
