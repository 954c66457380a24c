//===- analyzer/picture/draw.cpp - The graph drawn through Graphviz -------===//
//
// Names go into the graph as they are: cgraph quotes them when it writes
// DOT. Every text a reader sees (labels, the caption, the legend) is an
// HTML-like label whose input text went through xmlEscape, so a name shows
// its hidden characters as \uXXXX, as in every other output, and can hold
// '<', '&' or '"' without ending the label.
//
// The text layout is Graphviz's own estimate of font metrics (no pango, no
// fontconfig): only the dot, neato and core plugins are loaded, built in,
// so the same graph gives the same SVG bytes on any machine with this
// Graphviz, whatever fonts it has, and no plugin is looked for on disk.
//
//===----------------------------------------------------------------------===//

#include "analyzer/picture/draw.h"

#include "analyzer/support/text.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstring>
#include <map>
#include <memory>

extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace chokepoint {
namespace {

//===----------------------------------------------------------------------===//
// Graphviz, set up once
//===----------------------------------------------------------------------===//

/// Graphviz's messages of the current call (it reports through a global
/// callback; chokepoint draws on one thread).
std::string &graphvizMessages() {
  static std::string Messages;
  return Messages;
}

int collectMessage(char *Text) {
  graphvizMessages() += Text;
  return 0;
}

/// The gvc context with the built-in plugins only (demand loading off: no
/// config file is read, no library opened).
GVC_t *context() {
  static lt_symlist_t Builtins[] = {
      {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
      {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
      {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
      {nullptr, nullptr}};
  static GVC_t *Context = [] {
    agseterrf(collectMessage);
    agseterr(AGERR); // warnings (font guesses, overlaps) are not ours to show
    return gvContextPlugins(Builtins, /*demand_loading=*/0);
  }();
  return Context;
}

/// cgraph's writer appends to the std::string it is handed as its channel.
int putString(void *Channel, const char *Text) {
  static_cast<std::string *>(Channel)->append(Text);
  return 1;
}
int flushNothing(void *) { return 0; }
Agiodisc_t StringIo = {nullptr, putString, flushNothing};
Agdisc_t Disc = {&AgMemDisc, &AgIdDisc, &StringIo};

struct CloseGraph {
  void operator()(Agraph_t *G) const { agclose(G); }
};
using GraphPtr = std::unique_ptr<Agraph_t, CloseGraph>;

/// cgraph takes char * where it copies the text.
char *cs(const std::string &S) { return const_cast<char *>(S.c_str()); }
char *cs(const char *S) { return const_cast<char *>(S); }

//===----------------------------------------------------------------------===//
// Styles
//===----------------------------------------------------------------------===//

constexpr const char *Font = "Helvetica";
constexpr const char *ErrorFill = "#f5b7b1", *WarningFill = "#fad7a0",
                     *NoteFill = "#d6eaf8", *EntryFill = "#d5f5e3",
                     *ControlFill = "#e8daef", *TrafficColour = "#4d4d4d",
                     *LookupColour = "#2e86c1", *RecoveryColour = "#d35400";

const char *fillOf(Severity S) {
  return S == Severity::Error     ? ErrorFill
         : S == Severity::Warning ? WarningFill
                                  : NoteFill;
}

const char *shapeOf(const NodeProps &N) {
  if (N.type == NodeType::Service)
    return "box";
  if (N.type == NodeType::Function)
    return "note";
  switch (N.kind) {
  case ComponentKind::Supervisor:
    return "hexagon";
  case ComponentKind::Pool:
    return "cylinder";
  case ComponentKind::Queue:
    return "cds";
  case ComponentKind::Lock:
    return "octagon";
  case ComponentKind::Worker:
    return "component";
  case ComponentKind::Cache:
    return "box3d";
  default:
    return "ellipse";
  }
}

/// The name a node shows: a component's or function's own part inside its
/// service's cluster, a service's id.
std::string_view shownName(const Graph &G, const NodeProps &N, bool InCluster) {
  std::string_view Id = N.id;
  if (!InCluster || N.type == NodeType::Service)
    return Id;
  std::string_view Service = G.node(N.service).id;
  size_t Skip = Service.size() + (N.type == NodeType::Function ? 2 : 1);
  return Id.size() > Skip ? Id.substr(Skip) : Id;
}

/// The second line of a node: what it is, its owners, plane and entry.
std::string detailsOf(const NodeProps &N) {
  std::string S(N.type == NodeType::Component &&
                        N.kind != ComponentKind::Unspecified
                    ? name(N.kind)
                    : name(N.type));
  if (N.singleOwner())
    S += " · single owner";
  else
    S += concat({" · ", std::to_string(N.owners),
                 N.type == NodeType::Service ? " replicas" : " owners"});
  if (N.plane == Plane::Control)
    S += N.planeOrigin == PlaneOrigin::Inferred ? " · control plane (inferred)"
                                                : " · control plane";
  if (N.entry)
    S += " · customer entry";
  return S;
}

/// An edge's label: its kind, and on a declaration's first hop the
/// attributes that pace or multiply it.
std::string edgeLabel(const Graph &G, const DrawnEdge &DE) {
  const EdgeProps &P = G.edge(DE.First);
  const Declaration &D = G.declaration(P.decl);
  std::string S(name(P.kind));
  auto Number = [](double V) {
    std::string T = std::to_string(V);
    T.erase(T.find_last_not_of('0') + 1);
    if (!T.empty() && T.back() == '.')
      T.pop_back();
    return T;
  };
  if (P.hop == 0) {
    if (D.attempts > 1)
      S += concat({" ×", std::to_string(D.attempts)});
    if (D.backoff != Backoff::None)
      S += concat({" · ", name(D.backoff), D.jitter ? "+jitter" : ""});
    if (D.rateLimit)
      S += concat({" · ", Number(*D.rateLimit), "/s"});
    if (D.budget)
      S += concat({" · budget ", Number(*D.budget)});
    if (D.fanout > 1)
      S += concat({" · fanout ", std::to_string(D.fanout)});
    if (D.timeoutMs)
      S += concat({" · ", std::to_string(*D.timeoutMs), " ms"});
    if (!D.trigger.empty())
      S += concat({" · on ", D.trigger});
  }
  std::string Html = xmlEscape(S);
  if (DE.Edges.size() > 1)
    Html += concat({" (+", std::to_string(DE.Edges.size() - 1), ")"});
  return Html;
}

//===----------------------------------------------------------------------===//
// Building the graph
//===----------------------------------------------------------------------===//

class Builder {
public:
  Builder(const Report &R, const View &V) : V(V), G(R.M->G) {}

  GraphPtr build() {
    GraphPtr Out(agopen(cs("chokepoint"), Agdirected, &Disc));
    Gr = Out.get();
    // A service's components are drawn in its cluster, with the service
    // itself when it is drawn too.
    HasMembers.assign(G.numNodes(), 0);
    for (NodeId N : V.Nodes)
      if (G.node(N).type != NodeType::Service)
        HasMembers[G.node(N).service] = 1;
    // Folded, a service that holds a single-owner component is marked as
    // one: the chokepoint must not vanish into its service.
    HoldsSingleOwner.assign(G.numNodes(), 0);
    for (NodeId N = 0; N < G.numNodes(); ++N)
      if (V.Collapsed && V.DrawnAs[N] != NoNode && V.DrawnAs[N] != N &&
          G.node(N).type == NodeType::Component && G.node(N).singleOwner())
        HoldsSingleOwner[V.DrawnAs[N]] = 1;
    internLabels();
    defaults();
    if (!V.Caption.empty())
      html(Gr, "label", captionLabel());
    addNodes();
    addEdges();
    addLegend();
    for (char *S : Interned)
      agstrfree(Gr, S);
    return Out;
  }

private:
  void set(void *Obj, const char *Attr, const std::string &Value) {
    agsafeset(Obj, cs(Attr), cs(Value), cs(""));
  }
  /// Sets an HTML-like label; Html is markup whose input text is escaped.
  void html(void *Obj, const char *Attr, const std::string &Html) {
    char *S = agstrdup_html(Gr, cs(Html));
    agsafeset(Obj, cs(Attr), S, cs(""));
    agstrfree(Gr, S);
  }

  /// cgraph keeps one copy of each string, marked HTML or not by whoever
  /// made it first: a node named "web" made before the label <web> of its
  /// cluster would turn that label into plain text (and the label first
  /// makes the name an HTML string, which cgraph writes as <web>: the same
  /// name to a DOT reader, as labels are well-formed). So every label is
  /// made, as HTML, before any name.
  void internLabels() {
    auto Intern = [&](const std::string &Html) {
      Interned.push_back(agstrdup_html(Gr, cs(Html)));
    };
    Intern(captionLabel());
    Intern(legendLabel());
    for (NodeId N : V.Nodes) {
      Intern(nodeLabel(N, HasMembers[G.node(N).service]));
      if (HasMembers[N] || G.node(N).type != NodeType::Service)
        Intern(clusterLabel(G.node(N).service));
    }
    for (const DrawnEdge &DE : V.Edges)
      Intern(edgeLabel(G, DE));
  }

  std::string captionLabel() {
    return concat({"<B>", xmlEscape(V.Caption), "</B>"});
  }
  std::string clusterLabel(NodeId S) {
    return concat({"<B>", xmlEscape(G.node(S).id), "</B>"});
  }
  std::string nodeLabel(NodeId N, bool InCluster) {
    const NodeProps &P = G.node(N);
    std::string Label = concat(
        {"<B>", xmlEscape(shownName(G, P, InCluster)),
         "</B><BR/><FONT POINT-SIZE=\"9\">", xmlEscape(detailsOf(P)),
         HoldsSingleOwner[N] ? " · holds a single owner" : "", "</FONT>"});
    if (const std::optional<Severity> &Worst = V.Worst[N])
      Label += concat({"<BR/><FONT POINT-SIZE=\"9\"><B>", name(*Worst),
                       "</B>: ", findingsNamed(N), "</FONT>"});
    return Label;
  }

  /// The graph's, nodes' and edges' defaults. A node's margin leaves room
  /// for a viewer's font wider than the estimated metrics.
  void defaults() {
    static const struct {
      int Kind;
      const char *Name, *Value;
    } Defaults[] = {
        {AGRAPH, "rankdir", "LR"},      {AGRAPH, "fontname", Font},
        {AGRAPH, "fontsize", "12"},     {AGRAPH, "labelloc", "t"},
        {AGRAPH, "labeljust", "l"},     {AGRAPH, "nodesep", "0.3"},
        {AGRAPH, "ranksep", "0.7"},     {AGNODE, "fontname", Font},
        {AGNODE, "fontsize", "11"},     {AGNODE, "style", "filled"},
        {AGNODE, "fillcolor", "white"}, {AGNODE, "margin", "0.25,0.06"},
        {AGEDGE, "fontname", Font},     {AGEDGE, "fontsize", "9"},
    };
    for (const auto &D : Defaults)
      agattr(Gr, D.Kind, cs(D.Name), cs(D.Value));
  }

  /// The cluster of service S, made on first use.
  Agraph_t *cluster(NodeId S) {
    auto [It, New] = Clusters.try_emplace(S, nullptr);
    if (New) {
      std::string Name = concat({"cluster:", drawnNodeId(G, S).substr(5)});
      It->second = agsubg(Gr, cs(Name), 1);
      set(It->second, "id", Name);
      html(It->second, "label", clusterLabel(S));
      set(It->second, "style", "rounded");
      set(It->second, "color", "#aab7b8");
    }
    return It->second;
  }

  void addNodes() {
    for (NodeId N : V.Nodes) {
      const NodeProps &P = G.node(N);
      bool InCluster = HasMembers[P.service];
      Agraph_t *Home = InCluster ? cluster(P.service) : Gr;
      std::string Id = drawnNodeId(G, N);
      Agnode_t *A = agnode(Home, cs(Id.substr(5)), 1);
      Nodes[N] = A;
      set(A, "id", Id);
      style(A, N, P, InCluster);
    }
  }

  void style(Agnode_t *A, NodeId N, const NodeProps &P, bool InCluster) {
    const std::optional<Severity> &Worst = V.Worst[N];
    std::string Classes(name(P.type));
    std::string Style = "filled";
    set(A, "shape", shapeOf(P));
    // Graphviz 2.43 sizes a cds (a queue) shorter than its label: 25 pt
    // around three lines that take 29, which then cross its border. A
    // taller margin keeps them inside.
    if (std::strcmp(shapeOf(P), "cds") == 0)
      set(A, "margin", "0.25,0.15");
    if (P.type == NodeType::Service)
      Style += ",rounded";
    if (P.plane == Plane::Control) {
      Style += ",dashed";
      Classes += " control-plane";
    }
    if (P.entry) {
      set(A, "peripheries", "2");
      Classes += " entry";
    }
    if ((P.singleOwner() && P.type != NodeType::Function) ||
        HoldsSingleOwner[N]) {
      set(A, "penwidth", "3");
      Classes += " single-owner";
    }
    if (Worst)
      Classes += concat({" finding ", name(*Worst)});
    const char *Fill = Worst                       ? fillOf(*Worst)
                       : P.entry                   ? EntryFill
                       : P.plane == Plane::Control ? ControlFill
                                                   : "white";
    set(A, "fillcolor", Fill);
    set(A, "style", Style);
    set(A, "class", Classes);
    html(A, "label", nodeLabel(N, InCluster));
  }

  /// The rules of the shown findings that name drawn node N, "a, b".
  std::string findingsNamed(NodeId N) {
    std::vector<std::string_view> Rules;
    for (const FindingMarks &M : V.Findings) {
      NodeId Named = G.find(M.F->Node);
      if (Named == NoNode || V.DrawnAs[Named] != N)
        continue;
      if (std::find(Rules.begin(), Rules.end(), M.F->Rule) == Rules.end())
        Rules.push_back(M.F->Rule);
    }
    std::string S;
    for (std::string_view Rule : Rules)
      S += concat({S.empty() ? "" : ", ", xmlEscape(Rule)});
    return S;
  }

  void addEdges() {
    for (const DrawnEdge &DE : V.Edges) {
      Agedge_t *A = agedge(Gr, Nodes[DE.From], Nodes[DE.To], nullptr, 1);
      EdgeKind K = G.kind(DE.First);
      EdgeClass C = classOf(K);
      set(A, "id", DE.Id);
      set(A, "color",
          C == EdgeClass::Traffic   ? TrafficColour
          : C == EdgeClass::Control ? LookupColour
                                    : RecoveryColour);
      set(A, "fontcolor",
          C == EdgeClass::Traffic   ? TrafficColour
          : C == EdgeClass::Control ? LookupColour
                                    : RecoveryColour);
      if (C == EdgeClass::Control)
        set(A, "style", "dashed");
      if (K == EdgeKind::Spawn)
        set(A, "arrowhead", "onormal");
      if (C == EdgeClass::Recovery)
        set(A, "arrowhead", "vee");
      set(A, "penwidth",
          DE.OnPath                  ? "3"
          : C == EdgeClass::Recovery ? "1.6"
                                     : "1");
      std::string Classes(C == EdgeClass::Traffic   ? "traffic"
                          : C == EdgeClass::Control ? "control"
                                                    : "recovery");
      Classes += concat({" ", name(K), DE.OnPath ? " path" : ""});
      set(A, "class", Classes);
      // An external label, placed after the layout: Graphviz 2.42's dot
      // frees memory twice when it lays out labelled edges between nodes
      // of one rank inside clusters (found by AddressSanitizer on
      // samples/roblox-2021; docs/design.md).
      html(A, "xlabel", edgeLabel(G, DE));
    }
  }

  void addLegend() {
    Agraph_t *L = agsubg(Gr, cs("cluster::legend"), 1);
    set(L, "id", "legend");
    set(L, "label", "");
    set(L, "color", "#d5d8dc");
    Agnode_t *N = agnode(L, cs(":legend"), 1);
    set(N, "id", "legend-table");
    set(N, "shape", "plaintext");
    set(N, "style", "");
    html(N, "label", legendLabel());
  }

  static std::string legendLabel() {
    auto Cell = [](const char *Fill, const char *Text) {
      return concat({"<TD BGCOLOR=\"", Fill, "\">", Text, "</TD>"});
    };
    auto Line = [](const char *Colour, const char *Text) {
      return concat(
          {"<TD><FONT COLOR=\"", Colour, "\">", Text, "</FONT></TD>"});
    };
    return concat(
        {"<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" "
         "CELLPADDING=\"3\"><TR><TD COLSPAN=\"2\"><B>legend</B></TD>"
         "</TR><TR>",
         Cell(ErrorFill, "error finding"), Cell(WarningFill, "warning finding"),
         "</TR><TR>", Cell(EntryFill, "customer entry (double border)"),
         Cell(ControlFill, "control plane (dashed border)"),
         "</TR><TR><TD>thick border: single owner</TD>"
         "<TD>box: service; other shapes: components</TD></TR><TR>",
         Line(TrafficColour, "── call, spawn (traffic)"),
         Line(LookupColour, "- - lookup (control plane)"), "</TR><TR>",
         Line(RecoveryColour, "━━ recovery (retry, reconnect...)"),
         "<TD><B>thick edge: a finding's witness path</B></TD></TR>"
         "</TABLE>"});
  }

  const View &V;
  const Graph &G;
  Agraph_t *Gr = nullptr;
  std::map<NodeId, Agraph_t *> Clusters;
  std::map<NodeId, Agnode_t *> Nodes;
  std::vector<uint8_t> HasMembers; ///< per node: a service with members drawn
  /// Per node: a service drawn folded with a single-owner component in it.
  std::vector<uint8_t> HoldsSingleOwner;
  std::vector<char *> Interned;    ///< the labels, held while building
};

} // namespace

std::string drawDot(const Report &R, const View &V) {
  context(); // the error callback
  GraphPtr Gr = Builder(R, V).build();
  std::string Out;
  agwrite(Gr.get(), &Out);
  return Out;
}

bool drawSvg(const Report &R, const View &V, std::string_view Layout,
             std::string &Svg, std::string &Error) {
  GVC_t *Gvc = context();
  graphvizMessages().clear();
  GraphPtr Gr = Builder(R, V).build();
  std::string Engine(Layout.empty() ? "dot" : Layout);
  if (gvLayout(Gvc, Gr.get(), Engine.c_str()) != 0) {
    Error = graphvizMessages().empty() ? "layout failed" : graphvizMessages();
    return false;
  }
  char *Data = nullptr;
  unsigned Length = 0;
  int Rc = gvRenderData(Gvc, Gr.get(), "svg", &Data, &Length);
  if (Rc == 0)
    Svg.assign(Data, Length);
  gvFreeRenderData(Data);
  gvFreeLayout(Gvc, Gr.get());
  if (Rc != 0)
    Error =
        graphvizMessages().empty() ? "rendering failed" : graphvizMessages();
  return Rc == 0;
}

} // namespace chokepoint
