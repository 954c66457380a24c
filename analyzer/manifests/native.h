//===- analyzer/manifests/native.h - The native format ----------*- C++ -*-===//
//
// `chokepoint: 1` documents, in YAML or JSON, read by the "native" front
// end (native.cpp); docs/format.md is the user's reference.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_MANIFESTS_NATIVE_H
#define CHOKEPOINT_ANALYZER_MANIFESTS_NATIVE_H

#include "analyzer/manifests/document.h"

#include <string>
#include <string_view>

namespace chokepoint {

/// True when Doc's root is a mapping with a `chokepoint` key.
bool isNativeDocument(const Document &Doc);

/// Rejects names the graph's ids cannot hold; returns why, or "".
std::string checkName(std::string_view Name);

} // namespace chokepoint

#endif
