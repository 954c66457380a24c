//===- analyzer/manifests/readers.h - YAML and JSON to Documents ----------*-
//C++ -*-===//
//
// YAML is read as libyaml events straight into the compact Document tree:
// LLVM's YAML parser would keep ~150 bytes a node alive per document (a
// 1M-edge file costs ~1 GB before the graph exists, see docs/design.md),
// libyaml needs almost nothing beyond the tree we keep. The everyday subset
// of YAML is read faster still by a scanner of our own (yaml_scan.h) that
// gives the same tree and leaves the rest, errors included, to libyaml.
// JSON has its own
// small parser so it is JSON exactly (surrogate pairs, no YAML-isms) with
// JSON's own error messages.
//
// Both enforce the same limits on hostile input, each reported as an error
// at the place it is hit: nesting deeper than MaxDepth, aliases expanding
// past MaxAliasExpansion nodes (and more than tenfold the document), and
// encodings other than UTF-8.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_READERS_H
#define CHOKEPOINT_ANALYZER_READERS_H

#include "analyzer/support/diagnostics.h"
#include "analyzer/manifests/document.h"
#include "analyzer/support/sources.h"

#include <functional>
#include <string_view>
#include <vector>

namespace chokepoint {

inline constexpr unsigned MaxDepth = 512;
inline constexpr uint64_t MaxAliasExpansion = 1000000;

/// Checks that Text is UTF-8 a reader can take, before any parsing, so that
/// binary files, UTF-16 and Latin-1 are named as such at their first bad
/// byte instead of as a puzzling syntax error later. Control characters
/// other than tab, CR and LF are refused too when Yaml (JSON rejects them
/// itself where they matter). Returns "" or the message, with At set.
std::string checkEncoding(std::string_view Text, bool Yaml, size_t &At);

/// Called for each document; return false to stop reading.
using DocumentSink = std::function<bool(Document &)>;

/// How readYaml may read one large file on several threads. A file of one
/// document whose last top-level key holds a block mapping (a native
/// topology's `services:`) is cut before keys of that mapping into Threads
/// pieces, each parsed on its own thread, and their trees joined into the
/// one the whole file's parse gives, node for node. A file that cannot be
/// cut so, or a piece that does not read alone (an error, an anchor or an
/// alias, a construct that spans a cut), is read whole on one thread, as
/// are files under MinPieceBytes. docs/design.md says why this is exact.
struct YamlReadOptions {
  unsigned Threads = 1;
  size_t MinPieceBytes = size_t(1) << 20;
  /// Set to the number of pieces read (1: read whole), for tests.
  unsigned *Pieces = nullptr;
  /// Whether to try the scanner of YAML's everyday subset (yaml_scan.h)
  /// before libyaml; false reads with libyaml alone (tests, benchmarks).
  bool Scan = true;
  /// Set to the number of documents (or pieces) the scanner read, for
  /// tests.
  unsigned *Scanned = nullptr;
};

/// Reads every document of File (multi-document YAML included). Returns
/// false after reporting an error to Diags; documents delivered before the
/// error have been seen by Sink.
bool readYaml(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              const DocumentSink &Sink,
              const YamlReadOptions &Options = YamlReadOptions());

/// Where readYaml cuts the text of a YAML file (after its byte order
/// mark) into up to Pieces pieces: the start of each piece after the
/// first, always a line of Indent spaces and a key of the mapping whose
/// first key is at Entries. Starts is empty when the text has no such
/// mapping.
struct YamlCuts {
  std::vector<size_t> Starts;
  size_t Entries = 0;
  size_t Indent = 0;
};
YamlCuts yamlCuts(std::string_view Text, unsigned Pieces);

/// Reads File as one JSON value.
bool readJson(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              const DocumentSink &Sink);

} // namespace chokepoint

#endif
