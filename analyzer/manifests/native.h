//===- analyzer/manifests/native.h - The native topology format ----*- C++ -*-===//
//
// `chokepoint: 1` documents (SPEC §3), in YAML or JSON. docs/format.md is
// the user's reference; every key below is there.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_NATIVE_FORMAT_H
#define CHOKEPOINT_ANALYZER_NATIVE_FORMAT_H

#include "analyzer/support/diagnostics.h"
#include "analyzer/manifests/document.h"
#include "analyzer/facts/facts.h"

namespace chokepoint {

/// True when Doc's root is a mapping with a `chokepoint` key.
bool isNativeDocument(const Document &Doc);

/// Decodes a native document into T, reporting every error it finds (up to
/// the run's error limit) to Diags.
void decodeNative(const Document &Doc, const SourceManager &SM, Topology &T,
                  DiagnosticList &Diags);

/// Rejects names the graph's ids cannot hold; returns why, or "".
std::string checkName(std::string_view Name);

} // namespace chokepoint

#endif
