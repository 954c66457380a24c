//===- analyzer/picture/emit_svg.cpp - The graph drawn as SVG -------------===//
//
// The DOT picture laid out and rendered in-process by Graphviz (gvc), no
// external program. Each node's and edge's SVG group has the id the DOT
// gives it ("node:ID", "edge:D.H"), so tools and the HTML page find them.
// A graph of more than 300 nodes with no view option draws the findings'
// witness paths only, and its caption says so.
//
//===----------------------------------------------------------------------===//

#include "analyzer/picture/draw.h"
#include "analyzer/report/emitter.h"
#include "analyzer/support/text.h"

namespace chokepoint {
namespace {

void writeSvg(llvm::raw_ostream &OS, const Report &R, const EmitOptions &O) {
  std::string Svg, Error;
  if (drawSvg(R, makeView(R, O.View, /*AutoFocus=*/true), O.View.Layout, Svg,
              Error)) {
    OS << Svg;
    return;
  }
  // Graphviz failed to lay the graph out: a picture that says so, still
  // well-formed SVG, rather than half a file.
  OS << "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" "
        "height=\"40\"><text x=\"4\" y=\"24\">Graphviz could not draw the "
        "graph: "
     << xmlEscape(Error) << "</text></svg>\n";
}

const EmitterInfo Svg{"svg",
                      "the graph drawn as SVG by Graphviz, in-process "
                      "(--layout)",
                      writeSvg};
CHOKEPOINT_EMITTER(Svg);

} // namespace
} // namespace chokepoint
