//===- analyzer/picture/draw.h - The graph drawn through Graphviz -*- C++
//-*-===//
//
// A View of the report built as a Graphviz graph with cgraph (a cluster per
// service holding its components, node shape by type, colours by finding
// severity, edge style by kind, a legend), then written as DOT by cgraph or
// laid out and rendered to SVG in-process by gvc. Only this component links
// Graphviz; no Graphviz type leaves draw.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_DRAW_H
#define CHOKEPOINT_ANALYZER_DRAW_H

#include "analyzer/report/view.h"

#include <string>
#include <string_view>

namespace chokepoint {

/// The view as DOT, written by cgraph (its quoting, its order: nodes and
/// edges as they were added, which is graph order).
std::string drawDot(const Report &R, const View &V);

/// The view laid out by Layout ("" for dot; one of layoutEngines()) and
/// rendered as SVG, in-process. On failure returns false with Graphviz's
/// message in Error.
bool drawSvg(const Report &R, const View &V, std::string_view Layout,
             std::string &Svg, std::string &Error);

} // namespace chokepoint

#endif
