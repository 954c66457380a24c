//===- analyzer/report/view.h - What a picture shows ------------*- C++ -*-===//
//
// The pictures (dot, svg, html) draw a view of the graph: all of it, or the
// part the view options pick (--focus/--depth, --only-findings, --rule,
// --collapse components), or, for a large graph, the findings' witness
// paths alone. A View is that choice worked out once, as plain node and edge
// lists, so every picture format draws the same thing and the selection is
// testable without Graphviz.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_VIEW_H
#define CHOKEPOINT_ANALYZER_VIEW_H

#include "analyzer/report/report.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// The view options of the command line.
struct ViewOptions {
  std::vector<std::string> Focus; ///< --focus: node ids
  std::optional<unsigned> Depth;  ///< --depth (with --focus; default 1)
  bool OnlyFindings = false;      ///< --only-findings
  std::string Rule;               ///< --rule: one rule's findings ("": all)
  bool Collapse = false;          ///< --collapse components
  std::string Layout;             ///< --layout ("": dot)
  /// --max-nodes: the most nodes a focus or findings view draws (0: no
  /// cap; unset: DefaultMaxNodes).
  std::optional<unsigned> MaxNodes;

  /// Whether an option that picks what is drawn was given.
  bool selects() const {
    return !Focus.empty() || OnlyFindings || !Rule.empty() || Collapse;
  }
  /// Whether any view option was given.
  bool any() const { return selects() || Depth || !Layout.empty() || MaxNodes; }
};

/// The layout engines --layout takes, dot first (the default).
const std::vector<std::string_view> &layoutEngines();

/// Whether a --format name draws a picture: dot, svg or html.
bool isPictureFormat(std::string_view Format);

/// Whether a picture format draws the findings' view by itself when the
/// graph is large and no option says what to draw: svg and html, which are
/// laid out; not dot.
bool autoFocuses(std::string_view Format);

/// Checks the view options against the command line before any input is
/// read: they need a picture format among Formats; --depth needs --focus;
/// --rule names a known rule. Returns the message, or "" when they hold.
std::string checkViewOptions(const ViewOptions &O,
                             const std::vector<std::string_view> &Formats);

/// Checks what needs the graph: each --focus names a node (with "did you
/// mean"). Returns the message, or "".
std::string checkViewNodes(const ViewOptions &O, const Graph &G);

/// The graph nodes above which svg and html draw only the findings' witness
/// paths when no view option says what to draw.
inline constexpr size_t AutoFocusNodes = 300;

/// The most nodes a view that selects (--focus, --only-findings, --rule, or
/// the automatic findings view) draws unless --max-nodes says otherwise:
/// Graphviz's dot lays out a few hundred nodes in well under a second, but
/// a thousand nodes in dense clusters take it minutes (docs/design.md,
/// "Pictures"). Findings are kept whole, the worst first; a focus keeps its
/// nearest nodes. The caption says how many were left out.
inline constexpr unsigned DefaultMaxNodes = 200;

/// One edge as drawn: a graph edge, or with --collapse the graph edges of
/// one kind between the same two services.
struct DrawnEdge {
  NodeId From = NoNode, To = NoNode; ///< drawn nodes
  EdgeId First = NoEdge;             ///< the first of Edges declared
  std::vector<EdgeId> Edges;         ///< the graph edges it shows
  bool OnPath = false;               ///< on a shown finding's witness path
  /// Its id in every picture, "edge:D.H" with D and H the JSON
  /// `declaration` and `hop` of First.
  std::string Id;
};

/// What one finding shown touches, in drawn nodes and edges.
struct FindingMarks {
  const Finding *F = nullptr;
  std::vector<NodeId> Nodes;   ///< drawn nodes, sorted, each once
  std::vector<uint32_t> Edges; ///< indices into View::Edges, sorted
};

/// The part of the graph a picture draws.
struct View {
  std::vector<NodeId> Nodes;    ///< drawn nodes, in graph order
  std::vector<NodeId> DrawnAs;  ///< per graph node: its drawn node, or NoNode
  std::vector<DrawnEdge> Edges; ///< in declaration order
  std::vector<FindingMarks> Findings; ///< the findings shown, in report order
  /// Per graph node: the worst severity of a shown finding that names it
  /// (or, collapsed, one of its components), if any.
  std::vector<std::optional<Severity>> Worst;
  bool Collapsed = false;
  /// What was left out and why, for the picture's caption ("" when the
  /// whole graph is drawn).
  std::string Caption;
  /// What was left out that no option asked to leave out (the automatic
  /// findings view, the --max-nodes cap), for a remark on standard error:
  /// "1 of 8 nodes: the paths of ..." ("" when nothing was).
  std::string LeftOut;
};

/// The view O picks of R. With AutoFocus (svg, html), a graph of more than
/// AutoFocusNodes nodes and no option that selects draws the findings'
/// witness paths only, and the caption says so.
View makeView(const Report &R, const ViewOptions &O, bool AutoFocus);

/// Whether DOT, as Graphviz 2.43 reads it, can spell S in a quoted string:
/// it has no escape for a backslash that ends the string or stands before a
/// line break (`"a\"` leaves the string open).
bool dotSpells(std::string_view S);

/// The id a picture gives node N: "node:" and its id, which is its DOT name
/// after "node:". An id DOT cannot spell, or that holds a hidden character
/// (a bidi control, a zero-width space, U+2028: one that escape() writes as
/// \uXXXX or \xNN, see analyzer/support/text.h), gets "node:#:N" with N its
/// index in the graph: a name or attribute is never written with the
/// character raw, and a lone ':' is in no node id, so it names no other node.
/// Labels show such an id escaped.
std::string drawnNodeId(const Graph &G, NodeId N);

} // namespace chokepoint

#endif
