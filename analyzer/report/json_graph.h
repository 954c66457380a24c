//===- analyzer/report/json_graph.h - The graph as JSON ----------------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_JSON_GRAPH_H
#define CHOKEPOINT_ANALYZER_JSON_GRAPH_H

#include "analyzer/report/report.h"

#include "llvm/Support/JSON.h"

namespace chokepoint {

/// A finding's "counts" attribute, then, when some are estimates,
/// "estimated": {NAME: true, ...} (JSON and SARIF properties alike).
void writeCounts(llvm::json::OStream &J, const std::vector<Count> &Counts);

/// {"file", "line", "column"}, or null.
void writeLocation(llvm::json::OStream &J, const SourceManager &SM,
                   SourceLoc Loc);

/// {"nodes": [...], "edges": [...], "inferences": [...], "scenarios": [...]}
/// with each node's flows (customer, control, recovery).
void writeGraph(llvm::json::OStream &J, const Report &R);

} // namespace chokepoint

#endif
