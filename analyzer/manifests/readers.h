//===- analyzer/manifests/readers.h - YAML and JSON to Documents ----------*- C++ -*-===//
//
// YAML is read as libyaml events straight into the compact Document tree:
// LLVM's YAML parser would keep ~150 bytes a node alive per document (a
// 1M-edge file costs ~1 GB before the graph exists, see docs/design.md),
// libyaml needs almost nothing beyond the tree we keep. JSON has its own
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

/// Reads every document of File (multi-document YAML included). Returns
/// false after reporting an error to Diags; documents delivered before the
/// error have been seen by Sink.
bool readYaml(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              const DocumentSink &Sink);

/// Reads File as one JSON value.
bool readJson(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              const DocumentSink &Sink);

} // namespace chokepoint

#endif
