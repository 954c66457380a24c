//===- analyzer/tool/view_options.cpp - What a picture draws --------------===//
//
// The options of the picture formats (dot, svg, html): check and graph take
// them by name. Values are checked here as far as the command line can
// tell; whether they fit the formats asked for and name nodes of the graph
// is checked by checkViewOptions and checkViewNodes (analyzer/report/view.h)
// before anything is written.
//
//===----------------------------------------------------------------------===//

#include "analyzer/support/diagnostics.h"
#include "analyzer/support/text.h"
#include "analyzer/tool/cli.h"

namespace chokepoint {
namespace {

/// --focus: node ids separated by commas; repeatable.
bool applyFocus(Invocation &I, std::string_view V, std::string &Error) {
  std::string_view Rest = V;
  while (true) {
    size_t Comma = Rest.find(',');
    std::string_view Id = Rest.substr(0, Comma);
    if (Id.empty()) {
      Error = concat(
          {"--focus expects node ids separated by commas, found ", quote(V)});
      return false;
    }
    I.View.Focus.push_back(std::string(Id));
    if (Comma == std::string_view::npos)
      return true;
    Rest = Rest.substr(Comma + 1);
  }
}

bool applyDepth(Invocation &I, std::string_view V, std::string &Error) {
  unsigned N = 0;
  if (!parseCount(V, 0, 1000, N)) {
    Error = concat(
        {"--depth expects a number of steps from 0 to 1000, found ", quote(V)});
    return false;
  }
  I.View.Depth = N;
  return true;
}

bool applyMaxNodes(Invocation &I, std::string_view V, std::string &Error) {
  unsigned N = 0;
  if (!parseCount(V, 0, 1000000, N)) {
    Error = concat({"--max-nodes expects a number of nodes from 0 (no cap) "
                    "to 1000000, found ",
                    quote(V)});
    return false;
  }
  I.View.MaxNodes = N;
  return true;
}

bool applyCollapse(Invocation &I, std::string_view V, std::string &Error) {
  if (V != "components") {
    Error = concat({"invalid --collapse ", quote(V), " (expected components)",
                    didYouMean(V, {"components"})});
    return false;
  }
  I.View.Collapse = true;
  return true;
}

bool applyLayout(Invocation &I, std::string_view V, std::string &Error) {
  const std::vector<std::string_view> &Engines = layoutEngines();
  if (std::find(Engines.begin(), Engines.end(), V) == Engines.end()) {
    Error = concat({"invalid --layout ", quote(V),
                    " (expected dot, neato, fdp, sfdp or circo)",
                    didYouMean(V, Engines)});
    return false;
  }
  I.View.Layout = std::string(V);
  return true;
}

} // namespace

const std::vector<OptionSpec> &viewOptions() {
  static const std::vector<OptionSpec> Specs = {
      {"focus", 0, "NODES",
       "draw only these nodes (comma-separated ids) and their neighbours",
       applyFocus},
      {"depth", 0, "N",
       "with --focus: how many steps of neighbours to draw (default 1)",
       applyDepth},
      {"only-findings", 0, "", "draw only the findings' witness paths",
       [](Invocation &I, std::string_view, std::string &) {
         I.View.OnlyFindings = true;
         return true;
       }},
      {"rule", 0, "RULE", "draw only the witness paths of this rule's findings",
       [](Invocation &I, std::string_view V, std::string &) {
         I.View.Rule = std::string(V);
         return true;
       }},
      {"collapse", 0, "components",
       "draw each service as one node, its components folded in",
       applyCollapse},
      {"max-nodes", 0, "N",
       "the most nodes a focus or findings view draws (default 200; 0: all)",
       applyMaxNodes},
      {"layout", 0, "ENGINE",
       "Graphviz layout of svg and html: dot (default), neato, fdp, sfdp or "
       "circo",
       applyLayout},
  };
  return Specs;
}

} // namespace chokepoint
