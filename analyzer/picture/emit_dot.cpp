//===- analyzer/picture/emit_dot.cpp - The graph as Graphviz DOT ----------===//
//
// The view (docs/outputs.md, "DOT") built through cgraph and written by it:
// node names are the node ids, quoted by cgraph; every label is an escaped
// HTML-like label. Not laid out: `dot -Tpng` and friends draw it.
//
//===----------------------------------------------------------------------===//

#include "analyzer/picture/draw.h"
#include "analyzer/report/emitter.h"

namespace chokepoint {
namespace {

void writeDot(llvm::raw_ostream &OS, const Report &R, const EmitOptions &O) {
  OS << drawDot(R, makeView(R, O.View, /*AutoFocus=*/false));
}

const EmitterInfo Dot{"dot",
                      "the graph as Graphviz DOT: clusters per service, "
                      "findings and their paths marked",
                      writeDot};
CHOKEPOINT_EMITTER(Dot);

} // namespace
} // namespace chokepoint
