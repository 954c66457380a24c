//===- analyzer/facts/code_graph.h - Code facts to nodes and edges -*- C++
//-*-===//
//
// The part of the merge that reads what the code front end recorded
// (FunctionFact, CallFact): functions of every TU merged by key into
// function nodes (`service::qualified::name`), and their calls into edges.
// buildModel (build.cpp) calls it at two points of its build; it knows
// nothing of clang.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_FACTS_CODE_GRAPH_H
#define CHOKEPOINT_ANALYZER_FACTS_CODE_GRAPH_H

#include "analyzer/facts/build.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <functional>

namespace chokepoint {

/// Resolves a reference written in file File (a service or
/// `service.component`), reporting one that names nothing.
using ResolveFn = std::function<llvm::SmallVector<NodeId, 1>(
    size_t File, const Name &N, std::string_view Role)>;

/// Adds the services code names by CHOKEPOINT_CALLS or CHOKEPOINT_LOOKUP
/// and no source describes (a service the code is a client of), each with
/// a remark; a name close to a known service is left for ResolveFn to
/// report with "did you mean". Call after the services, before their
/// components.
void addCodeServices(const FactSet &Facts, GraphBuilder &G, Model &M);

/// Each function's node, by FunctionFact::Key.
using FunctionNodes = llvm::StringMap<NodeId>;

/// Adds the function nodes and their edges, and returns the nodes. Call
/// after every other node.
FunctionNodes addCodeGraph(const FactSet &Facts, GraphBuilder &G,
                           const ResolveFn &Resolve, DiagnosticList &Diags);

} // namespace chokepoint

#endif
