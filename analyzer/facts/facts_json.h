//===- analyzer/facts/facts_json.h - One TU's facts as JSON -----*- C++ -*-===//
//
// `chokepoint extract` writes one translation unit's facts to a file, and
// `check`/`graph` read such files among their inputs (the facts front end,
// analyzer/manifests/code_facts.cpp), so the build can extract each TU as
// it compiles it. The format is versioned (`"chokepoint_facts": 1`) and
// documented in docs/code.md and docs/facts.schema.json.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_FACTS_FACTS_JSON_H
#define CHOKEPOINT_ANALYZER_FACTS_FACTS_JSON_H

#include "analyzer/facts/facts.h"

#include "llvm/Support/raw_ostream.h"

namespace chokepoint {

/// The version this chokepoint writes and reads.
inline constexpr uint64_t FactsFormatVersion = 1;
/// The top-level key that holds the version, and claims the document.
inline constexpr std::string_view FactsFormatKey = "chokepoint_facts";

/// Writes T, the facts of one TU whose files are still its own
/// (T.UnitFiles), as a facts document.
void writeUnitFacts(const Topology &T, llvm::raw_ostream &OS);

} // namespace chokepoint

#endif
