//===- analyzer/manifests/native.h - The native format ----------*- C++ -*-===//
//
// `chokepoint: 1` documents, in YAML or JSON, read by the "native" front
// end (native.cpp); docs/format.md is the user's reference.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_MANIFESTS_NATIVE_H
#define CHOKEPOINT_ANALYZER_MANIFESTS_NATIVE_H

#include "analyzer/manifests/document.h"
#include "analyzer/manifests/walker.h"

#include <string>
#include <string_view>

namespace chokepoint {

/// True when Doc's root is a mapping with a `chokepoint` key.
bool isNativeDocument(const Document &Doc);

/// Reads the inline suppressions a text holds (a string item of `allow:`,
/// the `chokepoint.dev/allow` annotation): entries `rule-id: reason`,
/// separated by line breaks or ';' (blank entries are skipped), each
/// appended to Out as a copy of Proto located at its entry. A rule id is
/// the text before the first ':'; an entry with no ':' has no reason (a
/// warning later, as for a config suppression). An entry whose rule is
/// empty or more than one word, and a text with no entry, are errors at
/// their place (Key names the key in them).
void allowsInText(Walker &W, DocNode V, std::string_view Text,
                  std::string_view Key, const AllowFact &Proto, Topology &T,
                  std::vector<AllowFact> &Out);

/// Rejects names the graph's ids cannot hold; returns why, or "".
std::string checkName(std::string_view Name);

} // namespace chokepoint

#endif
