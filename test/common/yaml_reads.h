//===- test/common/yaml_reads.h - One readYaml, and what two must share ---*-
//C++ -*-===//
//
// readYaml reads a file several ways (libyaml alone, the scanner of the
// everyday subset first, in pieces on threads) that must give the same
// trees and the same diagnostics. The unit tests and the fuzz target
// compare them with this.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_TEST_COMMON_YAML_READS_H
#define CHOKEPOINT_TEST_COMMON_YAML_READS_H

#include "analyzer/manifests/document.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"
#include "test/common/in_words.h"

#include "llvm/Support/MemoryBuffer.h"

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// One readYaml of Text as t.yaml with Options (whose counters it points
/// at its own), every document kept.
struct YamlRead {
  SourceManager SM;
  uint32_t File = 0;
  DiagnosticList Diags;
  std::vector<Document> Docs;
  unsigned Pieces = 0;
  unsigned Scanned = 0;
  bool Ok = false;

  YamlRead(std::string_view Text, YamlReadOptions Options) {
    File =
        SM.add("t.yaml", llvm::MemoryBuffer::getMemBufferCopy(
                             llvm::StringRef(Text.data(), Text.size()), "t"));
    Options.Pieces = &Pieces;
    Options.Scanned = &Scanned;
    Ok = readYaml(
        SM, File, Diags,
        [&](Document &D) {
          Docs.push_back(std::move(D));
          return true;
        },
        Options);
  }

  std::string diagnostics() const { return diagnosticsText(Diags); }
};

/// Where two reads differ, in words ("" when they agree): success, the
/// diagnostics, and every document's root, ordinal, file, scalar text and
/// every field of every node.
inline std::string firstDifference(const YamlRead &A, const YamlRead &B) {
  if (A.Ok != B.Ok)
    return "one read failed, the other did not";
  if (A.diagnostics() != B.diagnostics())
    return "diagnostics differ:\n" + A.diagnostics() + "against\n" +
           B.diagnostics();
  if (A.Docs.size() != B.Docs.size())
    return std::to_string(A.Docs.size()) + " documents against " +
           std::to_string(B.Docs.size());
  for (size_t D = 0; D < A.Docs.size(); ++D) {
    const Document &X = A.Docs[D], &Y = B.Docs[D];
    std::string In = "document " + std::to_string(D + 1) + ": ";
    if (X.Root != Y.Root || X.Ordinal != Y.Ordinal || X.File != Y.File)
      return In + "root, ordinal or file differ";
    if (X.Text != Y.Text)
      return In + "scalar text '" + X.Text + "' against '" + Y.Text + "'";
    if (X.Nodes.size() != Y.Nodes.size())
      return In + std::to_string(X.Nodes.size()) + " nodes against " +
             std::to_string(Y.Nodes.size());
    for (size_t I = 0; I < X.Nodes.size(); ++I) {
      const Document::Node &M = X.Nodes[I], &N = Y.Nodes[I];
      if (M.Offset != N.Offset || M.Kind != N.Kind || M.Style != N.Style ||
          M.A != N.A || M.B != N.B || M.Next != N.Next)
        return In + "node " + std::to_string(I) + " differs (offset " +
               std::to_string(M.Offset) + " against " +
               std::to_string(N.Offset) + ")";
    }
  }
  return "";
}

} // namespace chokepoint

#endif
