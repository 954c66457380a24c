//===- analyzer/manifests/yaml_scan.h - YAML's everyday subset, fast ------*-
//C++ -*-===//
//
// Most YAML a user hands us is a small part of the language: block mappings
// and sequences, flow collections on a line, plain names and numbers,
// quoted strings without escapes, comments. libyaml reads that part at
// about 20 MB/s (every token and every scalar allocated); the scanner here
// reads it several times faster and reports the same events at the same
// places, so the tree the reader builds is the one libyaml's events would
// build, node for node.
//
// It never decides anything libyaml might decide otherwise: on the first
// thing outside the subset (an escape, a block scalar, an anchor, a tab, a
// key it is not sure of, any error) it gives up, and the reader reads the
// file with libyaml, which also says what is wrong and where. The test
// that it agrees with libyaml wherever it does not give up is a fuzz
// target (yaml_fuzz) and test/unit/yaml_scan_test.cpp; docs/design.md,
// "The everyday subset, read without libyaml", has the subset.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_YAML_SCAN_H
#define CHOKEPOINT_ANALYZER_YAML_SCAN_H

#include <cstddef>
#include <string_view>

namespace chokepoint {

/// What the scanner reports, in the order libyaml's parser would, with
/// libyaml's start marks (as offsets into the scanned text plus its base).
class YamlEvents {
public:
  virtual ~YamlEvents() = default;
  virtual void documentStart() = 0;
  /// Returns false to stop reading.
  virtual bool documentEnd() = 0;
  /// A scalar: Quoted is any style but plain.
  virtual void scalar(size_t At, bool Quoted, std::string_view Text) = 0;
  /// A mapping or sequence opens; returns false to give up (too deep).
  virtual bool open(size_t At, bool Mapping) = 0;
  virtual void close() = 0;
};

enum class YamlScan {
  Done,    ///< every document reported
  Stopped, ///< documentEnd asked to stop
  GaveUp,  ///< something outside the subset: read the text with libyaml
};

/// Scans Text (no byte order mark), reporting each node at Base + its
/// offset in Text. After GaveUp, the events reported so far (documents
/// ended included) are the first events of libyaml's reading, but nothing
/// says how far libyaml agrees after them.
YamlScan scanYaml(std::string_view Text, size_t Base, YamlEvents &Events);

} // namespace chokepoint

#endif
