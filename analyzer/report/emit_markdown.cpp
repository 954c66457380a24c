//===- analyzer/report/emit_markdown.cpp - A pull-request comment ---------===//
//
//   <!-- chokepoint -->
//   ### chokepoint: 1 error, 1 warning
//   | severity | findings |      counts, then suppressed and baseline lines
//   | --- | --- | ...
//   | | rule | node | where | message |       one row per finding
//   <details><summary>Witness paths</summary>   each finding's paths
//   ```mermaid ... ```                          only the nodes on them
//   </details>
//
// Names are hostile until escaped: input text first goes through escape()
// (hidden characters as \uXXXX), then every character Markdown or HTML
// reads as syntax is escaped for where it lands: a backslash before
// Markdown punctuation, entities for '<', '>', '&', '@' (no mention) and
// '#' (no issue link); in mermaid labels, every character but letters,
// digits and spaces as mermaid's #NNN; code. docs/outputs.md has an
// example; test/output/markdown.test checks the hostile cases.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/emitter.h"
#include "analyzer/report/paths.h"
#include "analyzer/support/text.h"
#include "rules/rule.h"

#include <cstdlib>
#include <map>

namespace chokepoint {
namespace {

/// Rows of the table and findings in the details: a comment stays well
/// under GitHub's 65536 characters, and the rest is in the other outputs.
constexpr size_t MaxRows = 50;
/// Nodes in the diagram: past this, it is left out (a picture of hundreds
/// of nodes helps nobody in a comment).
constexpr size_t MaxDiagramNodes = 40;

/// Text (already escape()d, or the tool's own words) for Markdown prose or
/// a table cell.
std::string md(std::string_view Text) {
  std::string S;
  for (char C : Text) {
    switch (C) {
    case '<':
      S += "&lt;";
      break;
    case '>':
      S += "&gt;";
      break;
    case '&':
      S += "&amp;";
      break;
    case '@':
      S += "&#64;";
      break;
    case '#':
      S += "&#35;";
      break;
    // What Markdown reads as syntax inside a line: escapes, code, emphasis,
    // strike-through, links and images (an escaped '[' makes '](' and '!'
    // plain) and table cells. Nothing here starts a line, so list and
    // heading markers need no escape.
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '|':
    case '~':
      S += '\\';
      S += C;
      break;
    default:
      S += C;
    }
  }
  return S;
}

/// A mermaid label: letters, digits, spaces, '-', '.' and '_' as they are,
/// every other character as #NNN; (mermaid's entity codes), so no quote,
/// bracket or arrow in a name can end the label or the diagram.
std::string mermaidLabel(std::string_view Text) {
  std::string Escaped = escape(Text), S;
  for (size_t I = 0; I < Escaped.size();) {
    unsigned char C = Escaped[I];
    if ((C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
        (C >= '0' && C <= '9') || C == ' ' || C == '-' || C == '.' ||
        C == '_') {
      S += char(C);
      ++I;
      continue;
    }
    Utf8Char U = decodeUtf8(Escaped, I);
    uint32_t CP = U.Length ? U.CodePoint : C;
    S += concat({"#", std::to_string(CP), ";"});
    I += U.Length ? U.Length : 1;
  }
  return S;
}

class MarkdownWriter {
public:
  MarkdownWriter(llvm::raw_ostream &OS, const Report &R)
      : OS(OS), R(R), SM(*R.SM), Repo(findRepo(SM)) {
    // In a GitHub Actions job links go to the commit under test: a link
    // relative to the repository does not resolve in a comment.
    const char *Server = std::getenv("GITHUB_SERVER_URL");
    const char *Repository = std::getenv("GITHUB_REPOSITORY");
    const char *Sha = std::getenv("GITHUB_SHA");
    if (Server && *Server && Repository && *Repository && Sha && *Sha)
      LinkBase = concat(
          {Server, "/", uriEscape(Repository), "/blob/", uriEscape(Sha), "/"});
  }

  void write();

private:
  void counts();
  void table();
  void details();
  void diagram();
  /// "[file:line](file#Lline)", or the place as text when it has no file
  /// in the repository.
  std::string link(SourceLoc Loc) const;

  llvm::raw_ostream &OS;
  const Report &R;
  const SourceManager &SM;
  RepoPaths Repo;
  std::string LinkBase;
};

std::string MarkdownWriter::link(SourceLoc Loc) const {
  if (!Loc.valid())
    return "";
  std::string Rel = Repo.relative(SM, Loc.file);
  std::string Shown = md(concat({escape(Rel.empty() ? SM.name(Loc.file) : Rel),
                                 ":", std::to_string(Loc.line)}));
  if (Rel.empty())
    return Shown;
  return concat({"[", Shown, "](", LinkBase, uriEscape(Rel), "#L",
                 std::to_string(Loc.line), ")"});
}

void MarkdownWriter::write() {
  OS << "<!-- chokepoint -->\n";
  std::vector<std::string> Parts = tallyWords(tally(R.Findings));
  OS << "### chokepoint: "
     << (R.GraphOnly     ? std::string("graph")
         : Parts.empty() ? std::string("no findings")
                         : joinWords(Parts))
     << "\n\n";
  counts();
  if (!R.Findings.empty()) {
    table();
    details();
  }
}

void MarkdownWriter::counts() {
  Tally T = tally(R.Findings);
  OS << "| severity | findings |\n| --- | --- |\n"
     << "| error | " << T.Errors << " |\n"
     << "| warning | " << T.Warnings << " |\n"
     << "| note | " << T.Notes << " |\n";
  if (!R.Suppressed.empty())
    OS << "| suppressed | " << R.Suppressed.size() << " |\n";
  OS << "\n";
  if (R.Baseline.Used)
    OS << plural(R.Findings.size(), "new finding", "new findings") << "; "
       << R.Baseline.Known << " in the baseline, not shown; "
       << plural(R.Baseline.Fixed, "baseline entry", "baseline entries")
       << " fixed.\n\n";
  const Graph &G = R.M->G;
  OS << plural(G.numNodes(), "node", "nodes") << ", "
     << plural(G.numEdges(), "edge", "edges") << ", "
     << plural(R.Files, "file", "files") << ".\n\n";
}

void MarkdownWriter::table() {
  OS << "| severity | rule | node | where | message |\n"
     << "| --- | --- | --- | --- | --- |\n";
  for (size_t I = 0; I < R.Findings.size() && I < MaxRows; ++I) {
    const Finding &F = R.Findings[I];
    OS << "| " << name(F.Sev) << " | [" << md(F.Rule)
       << "](https://chokepoint.dev/docs/rules/" << uriEscape(F.Rule)
       << ".md) | " << md(quote(F.Node)) << " | " << link(F.Loc) << " | "
       << md(F.Message) << " |\n";
  }
  if (R.Findings.size() > MaxRows)
    OS << "\n"
       << R.Findings.size() - MaxRows
       << " more findings are not shown here; the text, JSON and SARIF "
          "outputs list them all.\n";
  OS << "\n";
}

void MarkdownWriter::details() {
  OS << "<details><summary>Witness paths</summary>\n\n";
  for (size_t I = 0; I < R.Findings.size() && I < MaxRows; ++I) {
    const Finding &F = R.Findings[I];
    OS << "**" << md(F.Rule) << "** at " << md(quote(F.Node)) << " ("
       << link(F.Loc) << ")";
    if (!F.Summary.empty())
      OS << ": " << md(F.Summary);
    OS << "\n\n";
    if (F.Paths.empty())
      continue;
    for (const WitnessPath &P : F.Paths) {
      OS << "- " << md(P.title()) << " (" << link(P.StartLoc) << ")\n";
      for (const Hop &H : P.Hops)
        OS << "  - " << md(hopText(H)) << " ("
           << link(H.Loc) << ")\n";
    }
    OS << "\n";
  }
  diagram();
  OS << "</details>\n";
}

void MarkdownWriter::diagram() {
  // Nodes in the order the paths first name them; each edge once.
  std::map<std::string, size_t> Ids;
  std::vector<std::string> Names;
  std::vector<std::tuple<size_t, size_t, std::string>> Edges;
  auto Id = [&](std::string_view N) {
    auto [It, New] = Ids.try_emplace(std::string(N), Names.size());
    if (New)
      Names.push_back(std::string(N));
    return It->second;
  };
  for (size_t I = 0; I < R.Findings.size() && I < MaxRows; ++I)
    for (const WitnessPath &P : R.Findings[I].Paths) {
      Id(P.Start);
      for (const Hop &H : P.Hops) {
        auto E = std::make_tuple(Id(H.From), Id(H.To), std::string(H.Kind));
        if (std::find(Edges.begin(), Edges.end(), E) == Edges.end())
          Edges.push_back(E);
      }
    }
  if (Names.empty())
    return;
  if (Names.size() > MaxDiagramNodes) {
    OS << "The witness paths pass " << Names.size()
       << " nodes: too many for a diagram here.\n\n";
    return;
  }
  std::vector<uint8_t> Named(Names.size(), 0);
  for (const Finding &F : R.Findings)
    if (auto It = Ids.find(F.Node); It != Ids.end())
      Named[It->second] = 1;
  OS << "```mermaid\nflowchart LR\n";
  for (size_t I = 0; I < Names.size(); ++I)
    OS << "  n" << I << "[\"" << mermaidLabel(Names[I]) << "\"]\n";
  for (const auto &[From, To, Kind] : Edges)
    OS << "  n" << From << " -->|" << mermaidLabel(Kind) << "| n" << To << "\n";
  // The nodes findings name stand out.
  bool Any = false;
  for (size_t I = 0; I < Names.size(); ++I)
    if (Named[I]) {
      OS << (Any ? "," : "  class ") << "n" << I;
      Any = true;
    }
  if (Any)
    OS << " finding\n  classDef finding stroke:#d73a49,stroke-width:3px\n";
  OS << "```\n\n";
}

void writeMarkdown(llvm::raw_ostream &OS, const Report &R,
                   const EmitOptions &) {
  MarkdownWriter(OS, R).write();
}

const EmitterInfo Markdown{"markdown",
                           "a pull-request comment: counts, a table of "
                           "findings, witness paths and a mermaid diagram",
                           writeMarkdown};
CHOKEPOINT_EMITTER(Markdown);

} // namespace
} // namespace chokepoint
