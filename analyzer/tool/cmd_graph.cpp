//===- analyzer/tool/cmd_graph.cpp - chokepoint graph ---------------------===//
//
// Reads the inputs like check and writes their graph (nodes with their
// flows, edges, inferences, scenarios) without running any rule.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/emitter.h"
#include "analyzer/tool/run.h"

namespace chokepoint {
namespace {

std::string usage(const CommandInfo &Self) {
  return concat({"Usage: chokepoint graph [options] INPUT...\n\n"
                 "Writes the graph of the inputs (nodes, edges, flows), no "
                 "findings.\nFormats: ",
                 emitterNames(), ".\n", optionsHelp(Self)});
}

int run(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  AnalysisRequest Req;
  Req.P.FailOn.reset(); // no rule runs: nothing to fail on
  Req.DefaultFormat = "json";
  Req.GraphOnly = true;
  return runAnalysis(I, Req, Out, Err);
}

const CommandInfo GraphCommand{
    "graph",
    "write the graph of the inputs, no findings",
    20,
    {},
    /*TakesOperands=*/true,
    {"format", "output", "jobs", "max-input-size", "build-path", "service-map", "keep-going", "namespace",
     "control-plane-name", "mesh-default-retries", "exclude", "verbose",
     "stats", "color", "focus", "depth", "collapse", "max-nodes", "layout"},
    {},
    usage,
    run};
CHOKEPOINT_COMMAND(GraphCommand);

} // namespace
} // namespace chokepoint
