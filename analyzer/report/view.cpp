//===- analyzer/report/view.cpp - What a picture shows --------------------===//

#include "analyzer/report/view.h"

#include "analyzer/support/diagnostics.h"
#include "analyzer/support/text.h"
#include "rules/rule.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace chokepoint {

const std::vector<std::string_view> &layoutEngines() {
  static const std::vector<std::string_view> Engines = {"dot", "neato", "fdp",
                                                        "sfdp", "circo"};
  return Engines;
}

bool isPictureFormat(std::string_view Format) {
  return Format == "dot" || Format == "svg" || Format == "html";
}

bool autoFocuses(std::string_view Format) {
  return Format == "svg" || Format == "html";
}

namespace {

/// The first view option given, as typed, for messages.
std::string firstOption(const ViewOptions &O) {
  if (!O.Focus.empty())
    return "--focus";
  if (O.Depth)
    return "--depth";
  if (O.OnlyFindings)
    return "--only-findings";
  if (!O.Rule.empty())
    return "--rule";
  if (O.Collapse)
    return "--collapse";
  if (O.MaxNodes)
    return "--max-nodes";
  return "--layout";
}

} // namespace

std::string checkViewOptions(const ViewOptions &O,
                             const std::vector<std::string_view> &Formats) {
  if (!O.any())
    return "";
  if (std::none_of(Formats.begin(), Formats.end(), isPictureFormat))
    return concat({firstOption(O),
                   " shapes a picture: use it with --format dot, svg or html"});
  if (O.MaxNodes && !O.selects() &&
      std::none_of(Formats.begin(), Formats.end(), autoFocuses))
    return "--max-nodes caps a focus or findings view: give --focus, "
           "--only-findings or --rule too (svg and html of a graph over 300 "
           "nodes draw the findings' view by themselves)";
  if (O.Depth && O.Focus.empty())
    return "--depth counts steps from the --focus nodes: give --focus too";
  if (!O.Rule.empty() && !findRule(O.Rule)) {
    std::vector<std::string_view> Ids;
    for (const Rule *R : allRules())
      Ids.push_back(R->info().Id);
    std::string Hint = didYouMean(O.Rule, Ids);
    return concat({"unknown rule ", quote(O.Rule), " in --rule", Hint,
                   Hint.empty() ? " (`chokepoint rules` lists them)" : ""});
  }
  return "";
}

std::string checkViewNodes(const ViewOptions &O, const Graph &G) {
  for (const std::string &Id : O.Focus) {
    if (G.find(Id) != NoNode)
      continue;
    // "Did you mean" among the node ids, as for references in the input.
    std::vector<std::string_view> Ids;
    for (NodeId V = 0; V < G.numNodes(); ++V)
      Ids.push_back(G.node(V).id);
    return concat({"no node ", quote(Id), " in the graph for --focus",
                   didYouMean(Id, Ids)});
  }
  return "";
}

bool dotSpells(std::string_view S) {
  return !S.ends_with('\\') && S.find("\\\n") == std::string_view::npos;
}

std::string drawnNodeId(const Graph &G, NodeId N) {
  const std::string &Id = G.node(N).id;
  return dotSpells(Id) && escape(Id) == Id
             ? concat({"node:", Id})
             : concat({"node:#:", std::to_string(N)});
}

namespace {

/// The graph edge a witness path's hop is: an edge of its kind from From to
/// To written where the hop was (the first such edge when none was).
EdgeId edgeOfHop(const Graph &G, const Hop &H) {
  NodeId From = G.find(H.From), To = G.find(H.To);
  EdgeId Found = NoEdge;
  if (From == NoNode || To == NoNode)
    return NoEdge;
  G.forEachOut(From, [&](EdgeId E, NodeId T) {
    if (T != To || name(G.kind(E)) != H.Kind)
      return;
    if (Found == NoEdge ||
        (G.edge(E).loc == H.Loc && G.edge(Found).loc != H.Loc))
      Found = E;
  });
  return Found;
}

/// The graph nodes and edges of finding F: the node it names and every
/// node and edge of its witness paths.
void partsOf(const Graph &G, const Finding &F, std::vector<NodeId> &Nodes,
             std::vector<EdgeId> &Edges) {
  auto AddNode = [&](std::string_view Id) {
    if (NodeId V = G.find(Id); V != NoNode)
      Nodes.push_back(V);
  };
  AddNode(F.Node);
  for (const WitnessPath &P : F.Paths) {
    AddNode(P.Start);
    for (const Hop &H : P.Hops) {
      AddNode(H.From);
      AddNode(H.To);
      if (EdgeId E = edgeOfHop(G, H); E != NoEdge)
        Edges.push_back(E);
    }
  }
}

/// Marks the nodes within Depth steps of the focus nodes, over edges of any
/// kind in either direction. A service's components and functions count as
/// the service: focusing on it starts from them too. With more than Max
/// nodes (0: no cap) the nearest are kept, ties broken by id, the focus
/// nodes always; Left counts the others.
std::vector<uint8_t> neighbourhood(const Graph &G, const ViewOptions &O,
                                   unsigned Max, size_t &Left) {
  std::vector<uint8_t> In(G.numNodes(), 0);
  std::vector<NodeId> Frontier, Order; // Order: by distance, then as found
  std::vector<unsigned> Distance(G.numNodes(), 0);
  unsigned Step = 0;
  auto Add = [&](NodeId V) {
    if (!In[V]) {
      In[V] = 1;
      Distance[V] = Step;
      Frontier.push_back(V);
      Order.push_back(V);
    }
  };
  for (const std::string &Id : O.Focus) {
    NodeId F = G.find(Id);
    for (NodeId V = 0; V < G.numNodes(); ++V)
      if (V == F ||
          (G.node(F).type == NodeType::Service && G.node(V).service == F))
        Add(V);
  }
  size_t Seeds = Order.size();
  for (unsigned Depth = O.Depth.value_or(1); Step < Depth;) {
    ++Step;
    std::vector<NodeId> Now;
    Now.swap(Frontier);
    for (NodeId V : Now) {
      G.forEachOut(V, [&](EdgeId, NodeId T) { Add(T); });
      G.forEachIn(V, [&](EdgeId, NodeId S) { Add(S); });
    }
  }
  Left = 0;
  if (Max == 0 || Order.size() <= std::max<size_t>(Max, Seeds))
    return In;
  std::sort(Order.begin() + Seeds, Order.end(), [&](NodeId A, NodeId B) {
    return std::tie(Distance[A], G.node(A).id) <
           std::tie(Distance[B], G.node(B).id);
  });
  for (size_t I = std::max<size_t>(Max, Seeds); I < Order.size(); ++I) {
    In[Order[I]] = 0;
    ++Left;
  }
  return In;
}

/// "'a', 'b'".
std::string quotedList(const std::vector<std::string> &Ids) {
  std::string S;
  for (const std::string &Id : Ids)
    S += concat({S.empty() ? "" : ", ", quote(Id)});
  return S;
}

/// What the cap on drawn nodes left out.
struct LeftOut {
  size_t Nodes = 0;    ///< of a focus neighbourhood
  size_t Findings = 0; ///< whose paths are not drawn
  size_t Shown = 0;    ///< findings considered
  unsigned Max = 0;    ///< the cap
};

/// Works out which graph nodes and edges are drawn: the focus neighbourhood
/// and, when findings select, only their parts; a view that selects draws
/// at most Max nodes (0: no cap).
void select(const Report &R, const ViewOptions &O, bool FindingsOnly,
            unsigned Max, std::vector<uint8_t> &NodeIn,
            std::vector<uint8_t> &EdgeIn, std::vector<const Finding *> &Shown,
            LeftOut &Left) {
  const Graph &G = R.M->G;
  for (const Finding &F : R.Findings)
    if (O.Rule.empty() || F.Rule == O.Rule)
      Shown.push_back(&F);
  Left.Max = Max;
  NodeIn.assign(G.numNodes(), 1);
  EdgeIn.assign(G.numEdges(), 1);
  if (!O.Focus.empty())
    NodeIn = neighbourhood(G, O, FindingsOnly ? 0 : Max, Left.Nodes);
  if (FindingsOnly) {
    // The worst findings first, in report order among equals; each drawn
    // whole or not at all, while the nodes drawn stay within Max (the
    // first is drawn whatever its size).
    // (std::sort on positions, not std::stable_sort: libstdc++ 12's
    // stable_sort uses get_temporary_buffer, which clang 19 flags deprecated.)
    std::vector<size_t> Position(Shown.size());
    std::iota(Position.begin(), Position.end(), size_t(0));
    std::sort(Position.begin(), Position.end(), [&](size_t A, size_t B) {
      if (Shown[A]->Sev != Shown[B]->Sev)
        return Shown[A]->Sev > Shown[B]->Sev;
      return A < B;
    });
    std::vector<const Finding *> Order;
    Order.reserve(Shown.size());
    for (size_t P : Position)
      Order.push_back(Shown[P]);
    Left.Shown = Order.size();
    std::vector<uint8_t> PathNode(G.numNodes(), 0), PathEdge(G.numEdges(), 0);
    size_t Count = 0;
    bool Any = false;
    for (const Finding *F : Order) {
      std::vector<NodeId> Ns;
      std::vector<EdgeId> Es;
      partsOf(G, *F, Ns, Es);
      std::sort(Ns.begin(), Ns.end());
      Ns.erase(std::unique(Ns.begin(), Ns.end()), Ns.end());
      size_t New = 0;
      for (NodeId V : Ns)
        New += NodeIn[V] && !PathNode[V];
      if (Max != 0 && Any && Count + New > Max) {
        ++Left.Findings;
        continue;
      }
      Any = true;
      Count += New;
      for (NodeId V : Ns)
        PathNode[V] = 1;
      for (EdgeId E : Es)
        PathEdge[E] = 1;
    }
    for (NodeId V = 0; V < G.numNodes(); ++V)
      NodeIn[V] = NodeIn[V] && PathNode[V];
    EdgeIn = PathEdge;
  }
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    EdgeIn[E] = EdgeIn[E] && NodeIn[G.source(E)] && NodeIn[G.target(E)];
}

/// What the automatic findings view says of itself, after "the graph has
/// more than 300 nodes" and a separator.
constexpr std::string_view AutoWhy =
    "only the findings' witness paths are drawn (--focus, --only-findings, "
    "--rule or --collapse choose another view)";

/// "more than 300 nodes".
std::string autoSize() {
  return concat(
      {"the graph has more than ", std::to_string(AutoFocusNodes), " nodes"});
}

/// What the cap on drawn nodes left out, in words, appended to Parts.
void capParts(const LeftOut &Left, std::vector<std::string> &Parts) {
  std::string More = concat({" (at most ", std::to_string(Left.Max),
                             " nodes; --max-nodes N draws more, 0 all)"});
  if (Left.Findings)
    Parts.push_back(
        concat({"the paths of ", std::to_string(Left.Shown - Left.Findings),
                " of ", plural(Left.Shown, "finding", "findings"),
                ", the worst first", More}));
  if (Left.Nodes)
    Parts.push_back(
        concat({plural(Left.Nodes, "node", "nodes"),
                " of the neighbourhood left out, the nearest kept", More}));
}

/// "a; b; c".
std::string joined(const std::vector<std::string> &Parts) {
  std::string S;
  for (const std::string &P : Parts)
    S += concat({S.empty() ? "" : "; ", P});
  return S;
}

/// "D of N nodes".
std::string drawnOf(const Report &R, size_t Drawn) {
  return concat({std::to_string(Drawn), " of ",
                 plural(R.M->G.numNodes(), "node", "nodes")});
}

/// The caption that says what the view leaves out.
std::string caption(const Report &R, const ViewOptions &O, bool Auto,
                    const LeftOut &Left, size_t Drawn) {
  std::vector<std::string> Parts;
  if (Auto)
    Parts.push_back(concat({autoSize(), ": ", AutoWhy}));
  if (!O.Focus.empty())
    Parts.push_back(concat({"focus on ", quotedList(O.Focus), " at depth ",
                            std::to_string(O.Depth.value_or(1))}));
  if (!O.Rule.empty())
    Parts.push_back(concat({"witness paths of ", quote(O.Rule)}));
  else if (O.OnlyFindings)
    Parts.push_back("witness paths of the findings");
  if (O.Collapse)
    Parts.push_back("components folded into their services");
  capParts(Left, Parts);
  if (Parts.empty())
    return "";
  return concat({joined(Parts), ": ", drawnOf(R, Drawn)});
}

/// What the view left out that no option asked for, for the remark:
/// "D of N nodes: " and why ("" when nothing was).
std::string leftOut(const Report &R, bool Auto, const LeftOut &Left,
                    size_t Drawn) {
  std::vector<std::string> Parts;
  if (Auto)
    Parts.push_back(concat({autoSize(), ", so ", AutoWhy}));
  capParts(Left, Parts);
  if (Parts.empty())
    return "";
  return concat({drawnOf(R, Drawn), ": ", joined(Parts)});
}

} // namespace

View makeView(const Report &R, const ViewOptions &O, bool AutoFocus) {
  const Graph &G = R.M->G;
  View V;
  V.Collapsed = O.Collapse;
  bool Auto = AutoFocus && !O.selects() && !R.GraphOnly &&
              G.numNodes() > AutoFocusNodes;
  std::vector<uint8_t> NodeIn, EdgeIn;
  std::vector<const Finding *> Shown;
  LeftOut Left;
  select(R, O, Auto || O.OnlyFindings || !O.Rule.empty(),
         O.MaxNodes.value_or(DefaultMaxNodes), NodeIn, EdgeIn, Shown, Left);

  // Drawn nodes: each selected node, or with --collapse its service.
  V.DrawnAs.assign(G.numNodes(), NoNode);
  for (NodeId N = 0; N < G.numNodes(); ++N)
    if (NodeIn[N])
      V.DrawnAs[N] = O.Collapse ? G.node(N).service : N;
  std::vector<uint8_t> Drawn(G.numNodes(), 0);
  for (NodeId N = 0; N < G.numNodes(); ++N)
    if (V.DrawnAs[N] != NoNode)
      Drawn[V.DrawnAs[N]] = 1;
  for (NodeId N = 0; N < G.numNodes(); ++N)
    if (Drawn[N])
      V.Nodes.push_back(N);

  // Drawn edges, in declaration order; collapsed, one per kind between two
  // services, and none inside a service.
  std::vector<uint32_t> EdgeIndex(G.numEdges(), UINT32_MAX);
  std::map<std::tuple<NodeId, NodeId, EdgeKind>, uint32_t> Merged;
  for (EdgeId E : G.edgesInOrder()) {
    if (!EdgeIn[E])
      continue;
    NodeId From = V.DrawnAs[G.source(E)], To = V.DrawnAs[G.target(E)];
    if (O.Collapse && From == To)
      continue;
    uint32_t Slot = O.Collapse ? Merged[{From, To, G.kind(E)}] : 0;
    if (Slot == 0) {
      const EdgeProps &P = G.edge(E);
      V.Edges.push_back({From,
                         To,
                         E,
                         {},
                         false,
                         concat({"edge:", std::to_string(P.decl), ".",
                                 std::to_string(P.hop)})});
      Slot = V.Edges.size();
      if (O.Collapse)
        Merged[{From, To, G.kind(E)}] = Slot;
    }
    EdgeIndex[E] = Slot - 1;
    V.Edges[Slot - 1].Edges.push_back(E);
  }

  // What each shown finding touches, as drawn.
  V.Worst.assign(G.numNodes(), std::nullopt);
  for (const Finding *F : Shown) {
    FindingMarks M{F, {}, {}};
    std::vector<NodeId> Ns;
    std::vector<EdgeId> Es;
    partsOf(G, *F, Ns, Es);
    for (NodeId N : Ns)
      if (V.DrawnAs[N] != NoNode)
        M.Nodes.push_back(V.DrawnAs[N]);
    for (EdgeId E : Es)
      if (EdgeIndex[E] != UINT32_MAX) {
        M.Edges.push_back(EdgeIndex[E]);
        V.Edges[EdgeIndex[E]].OnPath = true;
      }
    std::sort(M.Nodes.begin(), M.Nodes.end());
    M.Nodes.erase(std::unique(M.Nodes.begin(), M.Nodes.end()), M.Nodes.end());
    std::sort(M.Edges.begin(), M.Edges.end());
    M.Edges.erase(std::unique(M.Edges.begin(), M.Edges.end()), M.Edges.end());
    if (NodeId N = G.find(F->Node); N != NoNode && V.DrawnAs[N] != NoNode) {
      std::optional<Severity> &W = V.Worst[V.DrawnAs[N]];
      if (!W || *W < F->Sev)
        W = F->Sev;
    }
    V.Findings.push_back(std::move(M));
  }
  V.Caption = caption(R, O, Auto, Left, V.Nodes.size());
  V.LeftOut = leftOut(R, Auto, Left, V.Nodes.size());
  return V;
}

} // namespace chokepoint
