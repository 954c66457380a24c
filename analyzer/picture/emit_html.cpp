//===- analyzer/picture/emit_html.cpp - A self-contained audit page -------===//
//
// One HTML file for an architecture review: a summary (findings per rule and
// severity, the inputs read, the inferences made), the picture (the SVG
// inline), and each finding with its message, its witness paths and the
// source lines they point at. Clicking a finding's button highlights its
// nodes and edges in the picture.
//
// Nothing is loaded from anywhere: the style and the script are inline, and
// a Content-Security-Policy allows exactly those two (by their SHA-256) and
// nothing else, so even a name that got through as markup could neither run
// nor fetch. Every text from the input goes through xmlEscape; the data the
// script reads is JSON in a <script type="application/json"> block, written
// through JsonEscapingStream, whose '<' is \u003c: no name can end it. With
// scripts off the page reads the same, without the highlight.
//
//===----------------------------------------------------------------------===//

#include "analyzer/picture/draw.h"
#include "analyzer/report/emitter.h"
#include "analyzer/support/text.h"

#include "llvm/Support/Base64.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SHA256.h"

#include <map>

namespace chokepoint {
namespace {

constexpr std::string_view Style = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:0 1.5em 3em;color:#1c2833}
h1{font-size:1.6em;margin:1em 0 .2em}h2{border-bottom:1px solid #d5d8dc;padding-bottom:.2em;margin-top:1.6em}
code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
pre{background:#f4f6f7;padding:.3em .6em;margin:.1em 0 .4em;overflow-x:auto;white-space:pre}
table{border-collapse:collapse}th,td{border:1px solid #d5d8dc;padding:.25em .7em;text-align:left}td.n{text-align:right}
.verdict{font-size:1.15em;margin:0}.caption{color:#5d6d7e}
.sev{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;font-weight:600;text-transform:uppercase}
.sev.error{background:#f5b7b1}.sev.warning{background:#fad7a0}.sev.note{background:#d6eaf8}
.finding{border:1px solid #d5d8dc;border-left:6px solid #aab7b8;border-radius:4px;padding:.3em 1em .6em;margin:1em 0}
.finding.error{border-left-color:#c0392b}.finding.warning{border-left-color:#d68910}.finding.note{border-left-color:#2e86c1}
.finding.selected{box-shadow:0 0 0 3px #5dade2}.finding h3{font-size:1em;margin:.5em 0}
.path h4{font-size:.95em;margin:.6em 0 .2em}.path ol{margin:0;padding-left:1.6em}
#picture figure{margin:0;overflow:auto;border:1px solid #d5d8dc;border-radius:4px}
#picture svg{max-width:100%;height:auto;display:block}
#picture svg text{font-family:"Liberation Sans",Arial,Helvetica,sans-serif}
button.show{display:none;font:inherit;font-size:.9em;cursor:pointer;margin:.2em 0}
.js button.show{display:inline-block}.js .hint{display:block}.hint{display:none;color:#5d6d7e}
svg.focus g.node,svg.focus g.edge,svg.focus g.cluster{opacity:.22}
svg.focus g.node.hl,svg.focus g.edge.hl{opacity:1}
svg.focus g.node.hl polygon,svg.focus g.node.hl ellipse,svg.focus g.node.hl path{stroke:#1b4f72;stroke-width:3}
svg.focus g.edge.hl path{stroke-width:4}
)css";

constexpr std::string_view Script = R"js(
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var data = JSON.parse(document.getElementById("chokepoint-marks").textContent);
  var svg = document.querySelector("#picture svg");
  var current = -1;
  function clear() {
    document.querySelectorAll(".hl").forEach(function (e) { e.classList.remove("hl"); });
    document.querySelectorAll(".finding.selected").forEach(function (e) { e.classList.remove("selected"); });
    document.querySelectorAll("button.show").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    if (svg) svg.classList.remove("focus");
  }
  function show(i, button) {
    clear();
    if (current === i) { current = -1; return; }
    current = i;
    document.getElementById("finding-" + (i + 1)).classList.add("selected");
    button.setAttribute("aria-pressed", "true");
    if (!svg) return;
    svg.classList.add("focus");
    var f = data.findings[i];
    f.nodes.concat(f.edges).forEach(function (id) {
      var e = document.getElementById(id);
      if (e) e.classList.add("hl");
    });
  }
  document.querySelectorAll("button.show").forEach(function (b) {
    b.addEventListener("click", function () { show(Number(b.getAttribute("data-finding")), b); });
  });
})();
)js";

/// 'sha256-...' of Text, for the Content-Security-Policy.
std::string cspHash(std::string_view Text) {
  auto Digest = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(Text.data()), Text.size()));
  return concat({"'sha256-", llvm::encodeBase64(Digest), "'"});
}

/// "file:line:col" of Loc, escaped, in <code>, or "" when it has none.
std::string at(const SourceManager &SM, SourceLoc Loc) {
  if (!Loc.valid())
    return "";
  return concat(
      {"<code class=\"loc\">",
       xmlEscape(concat({SM.name(Loc.file), ":", std::to_string(Loc.line), ":",
                         std::to_string(Loc.column)})),
       "</code>"});
}

/// The source line Loc points into, as a <pre>, or "".
std::string sourceLine(const SourceManager &SM, SourceLoc Loc) {
  std::string_view Line = Loc.valid() ? SM.lineText(Loc) : "";
  if (Line.empty())
    return "";
  return concat({"<pre>", xmlEscape(Line), "</pre>"});
}

void writeHead(llvm::raw_ostream &OS, const Report &R) {
  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n"
     << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
        "'none'; style-src "
     << cspHash(Style) << "; script-src " << cspHash(Script)
     << "; base-uri 'none'; form-action 'none'\">\n"
     << "<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n<meta name=\"generator\" content=\"chokepoint "
     << CHOKEPOINT_VERSION << "\">\n<title>chokepoint audit: "
     << (R.GraphOnly ? "graph" : tallyText(tally(R.Findings)))
     << "</title>\n<style>" << Style << "</style>\n</head>\n<body>\n";
}

/// The findings per rule and severity.
void writeCounts(llvm::raw_ostream &OS, const Report &R) {
  std::map<std::string, Tally> ByRule;
  for (const Finding &F : R.Findings)
    (F.Sev == Severity::Error     ? ByRule[F.Rule].Errors
     : F.Sev == Severity::Warning ? ByRule[F.Rule].Warnings
                                  : ByRule[F.Rule].Notes)++;
  if (ByRule.empty())
    return;
  OS << "<table class=\"counts\">\n<thead><tr><th>rule</th><th>errors</th>"
        "<th>warnings</th><th>notes</th></tr></thead>\n<tbody>\n";
  for (const auto &[Rule, T] : ByRule)
    OS << "<tr><td><code>" << xmlEscape(Rule) << "</code></td><td class=\"n\">"
       << T.Errors << "</td><td class=\"n\">" << T.Warnings
       << "</td><td class=\"n\">" << T.Notes << "</td></tr>\n";
  OS << "</tbody>\n</table>\n";
}

void writeSummary(llvm::raw_ostream &OS, const Report &R) {
  const SourceManager &SM = *R.SM;
  const Graph &G = R.M->G;
  OS << "<header>\n<h1>chokepoint audit</h1>\n<p class=\"verdict\">"
     << (R.GraphOnly ? "the graph alone: no rule ran"
                     : tallyText(tally(R.Findings)))
     << "; " << plural(G.numNodes(), "node", "nodes") << ", "
     << plural(G.numEdges(), "edge", "edges") << ", "
     << plural(R.Files, "file", "files") << "</p>\n</header>\n"
     << "<section id=\"summary\">\n<h2>Summary</h2>\n";
  writeCounts(OS, R);
  OS << "<h3>Inputs read</h3>\n<ul>\n";
  for (uint32_t F = 1; F <= SM.size(); ++F)
    OS << "<li><code>" << xmlEscape(SM.name(F)) << "</code></li>\n";
  OS << "</ul>\n<h3>Inferences</h3>\n";
  if (R.Remarks.empty())
    OS << "<p>None: every plane was declared or the default.</p>\n";
  else {
    OS << "<ul>\n";
    for (const Remark &I : R.Remarks)
      OS << "<li>" << at(SM, G.node(I.Node).loc) << " " << xmlEscape(I.Message)
         << "</li>\n";
    OS << "</ul>\n";
  }
  OS << "</section>\n";
}

void writePicture(llvm::raw_ostream &OS, const Report &R, const View &V,
                  const EmitOptions &O) {
  OS << "<section id=\"picture\">\n<h2>Graph</h2>\n";
  if (!V.Caption.empty())
    OS << "<p class=\"caption\">" << xmlEscape(V.Caption) << "</p>\n";
  if (!R.GraphOnly)
    OS << "<p class=\"hint\">Press a finding's <em>show on graph</em> to "
          "highlight its paths.</p>\n";
  std::string Svg, Error;
  if (drawSvg(R, V, O.View.Layout, Svg, Error)) {
    // Inline SVG: from the <svg> element on, without the XML prolog.
    size_t Start = Svg.find("<svg");
    OS << "<figure>\n"
       << std::string_view(Svg).substr(Start == std::string::npos ? 0 : Start)
       << "</figure>\n";
  } else {
    OS << "<p>Graphviz could not draw the graph: " << xmlEscape(Error)
       << "</p>\n";
  }
  OS << "</section>\n";
}

void writeFinding(llvm::raw_ostream &OS, const SourceManager &SM,
                  const Finding &F, size_t Index) {
  std::string_view Sev = name(F.Sev);
  OS << "<article class=\"finding " << Sev << "\" id=\"finding-" << Index + 1
     << "\">\n<h3><span class=\"sev " << Sev << "\">" << Sev << "</span> "
     << xmlEscape(F.Message) << " <code>[" << xmlEscape(F.Rule)
     << "]</code></h3>\n<p>" << at(SM, F.Loc) << "</p>\n"
     << sourceLine(SM, F.Loc)
     << "<button type=\"button\" class=\"show\" aria-pressed=\"false\" "
        "data-finding=\""
     << Index << "\">show on graph</button>\n";
  for (const WitnessPath &P : F.Paths) {
    OS << "<div class=\"path\">\n<h4>" << at(SM, P.StartLoc) << " "
       << xmlEscape(P.title()) << "</h4>\n<ol>\n";
    for (const Hop &H : P.Hops)
      OS << "<li>" << at(SM, H.Loc) << " " << xmlEscape(hopText(H)) << "\n"
         << sourceLine(SM, H.Loc) << "</li>\n";
    OS << "</ol>\n</div>\n";
  }
  if (!F.Summary.empty())
    OS << "<p class=\"counts\">" << xmlEscape(F.Summary) << "</p>\n";
  OS << "</article>\n";
}

/// What the script reads: per finding, in page order, the SVG ids of its
/// nodes and edges in the picture.
void writeMarks(llvm::raw_ostream &Out, const Report &R, const View &V) {
  std::map<const Finding *, const FindingMarks *> Marks;
  for (const FindingMarks &M : V.Findings)
    Marks[M.F] = &M;
  Out << "<script type=\"application/json\" id=\"chokepoint-marks\">";
  {
    JsonEscapingStream OS(Out);
    llvm::json::OStream J(OS);
    J.object([&] {
      J.attributeArray("findings", [&] {
        for (const Finding &F : R.Findings)
          J.object([&] {
            auto It = Marks.find(&F);
            J.attributeArray("nodes", [&] {
              if (It != Marks.end())
                for (NodeId N : It->second->Nodes)
                  J.value(drawnNodeId(R.M->G, N));
            });
            J.attributeArray("edges", [&] {
              if (It != Marks.end())
                for (uint32_t E : It->second->Edges)
                  J.value(V.Edges[E].Id);
            });
          });
      });
    });
  }
  Out << "</script>\n";
}

void writeHtml(llvm::raw_ostream &OS, const Report &R, const EmitOptions &O) {
  View V = makeView(R, O.View, /*AutoFocus=*/true);
  writeHead(OS, R);
  writeSummary(OS, R);
  writePicture(OS, R, V, O);
  if (!R.GraphOnly) {
    OS << "<section id=\"findings\">\n<h2>Findings</h2>\n";
    if (R.Findings.empty())
      OS << "<p>No findings.</p>\n";
    for (size_t I = 0; I < R.Findings.size(); ++I)
      writeFinding(OS, *R.SM, R.Findings[I], I);
    OS << "</section>\n";
  }
  writeMarks(OS, R, V);
  OS << "<script>" << Script << "</script>\n</body>\n</html>\n";
}

const EmitterInfo Html{"html",
                       "a self-contained audit page: summary, findings with "
                       "their paths and source lines, the picture",
                       writeHtml};
CHOKEPOINT_EMITTER(Html);

} // namespace
} // namespace chokepoint
