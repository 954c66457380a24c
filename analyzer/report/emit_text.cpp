//===- analyzer/emit_text.cpp - clang-style text ---------------------------===//
//
//   file:line:col: error: message [rule-id]
//     <the line, and a caret>
//   file:line:col: note: customer path from entry 'gateway'
//   file:line:col: note:   'gateway' -> 'voice-syncer' (call)
//   ...
//   2 errors, 3 warnings; 14 nodes, 19 edges, 1 file
//
// and for `chokepoint graph`, a line per node and edge, then
//   graph; 14 nodes, 19 edges, 1 file
//
//===----------------------------------------------------------------------===//

#include "analyzer/support/diagnostics.h"
#include "analyzer/report/emitter.h"
#include "analyzer/support/text.h"
#include "rules/rule.h"

namespace chokepoint {
namespace {

std::string hopText(const Hop &H) {
  std::string S = "  " + quote(H.From) + " -> " + quote(H.To) + " (" + H.Kind;
  // Only the hop that multiplies shows the attempts: the rest of a via chain
  // carries them too, but showing them there would read as multiplying again.
  if (H.Multiplier > 1)
    S += ", " + std::to_string(H.Attempts) + " attempts";
  if (H.Product > 1)
    S += ", x" + std::to_string(H.Product) + " so far";
  return S + ")";
}

/// `chokepoint graph --format text`: a line per node and per edge, where it
/// was declared. No rule ran, so the summary must not claim "no findings".
void writeGraphText(llvm::raw_ostream &OS, const Report &R) {
  const SourceManager &SM = *R.SM;
  const Graph &G = R.M->G;
  auto At = [&](SourceLoc Loc) {
    std::string W = where(SM, Loc);
    return W.empty() ? std::string() : W + ": ";
  };
  for (NodeId V = 0; V < G.numNodes(); ++V) {
    const NodeProps &N = G.node(V);
    std::string What = N.type == NodeType::Service ? "service"
                       : N.kind != ComponentKind::Unspecified
                           ? std::string(name(N.kind)) + " component"
                           : std::string(name(N.type));
    std::vector<std::string> Flows;
    if (R.Flows[V].Customer)
      Flows.push_back("customer");
    if (R.Flows[V].Control)
      Flows.push_back("control-plane");
    if (R.Flows[V].Recovery)
      Flows.push_back("recovery");
    std::string Carries;
    if (!Flows.empty())
      Carries = "; carries " + joinWords(Flows) + " traffic";
    OS << At(N.loc) << "node " << quote(N.id) << ": " << What << ", "
       << (N.owners == 1 ? std::string("single owner")
                         : plural(N.owners, "owner", "owners"))
       << ", " << name(N.plane) << " plane"
       << (N.entry ? ", customer entry" : "") << Carries << "\n";
  }
  for (EdgeId E : G.edgesInOrder()) {
    Hop H = hopOf(G, E);
    // hopText indents hops under a path header; an edge line stands alone.
    OS << At(H.Loc) << "edge" << hopText(H).substr(1) << "\n";
  }
}

void writeText(llvm::raw_ostream &OS, const Report &R, const EmitOptions &O) {
  const SourceManager &SM = *R.SM;
  if (R.GraphOnly)
    writeGraphText(OS, R);
  for (const Finding &F : R.Findings) {
    Diagnostic D;
    D.Level = F.Sev == Severity::Error     ? DiagLevel::Error
              : F.Sev == Severity::Warning ? DiagLevel::Warning
                                           : DiagLevel::Note;
    D.Loc = F.Loc;
    D.Message = F.Message + " [" + F.Rule + "]";
    for (const WitnessPath &P : F.Paths) {
      D.Notes.push_back({DiagLevel::Note, P.StartLoc, P.Title, {}});
      for (const Hop &H : P.Hops)
        D.Notes.push_back({DiagLevel::Note, H.Loc, hopText(H), {}});
    }
    if (!F.Summary.empty())
      D.Notes.push_back({DiagLevel::Note, F.Loc, F.Summary, {}});
    printDiagnostic(OS, SM, D, O.Colors, /*NoteSnippets=*/false);
  }
  for (const Remark &I : R.Remarks) {
    Diagnostic D{DiagLevel::Remark, I.Loc, I.Message, {}};
    printDiagnostic(OS, SM, D, O.Colors, /*NoteSnippets=*/false);
  }
  Tally T = tally(R.Findings);
  std::string Summary;
  if (R.GraphOnly)
    Summary = "graph";
  else if (R.Findings.empty())
    Summary = "no findings";
  else {
    std::vector<std::string> Parts;
    if (T.Errors)
      Parts.push_back(plural(T.Errors, "error", "errors"));
    if (T.Warnings)
      Parts.push_back(plural(T.Warnings, "warning", "warnings"));
    if (T.Notes)
      Parts.push_back(plural(T.Notes, "note", "notes"));
    for (size_t I = 0; I < Parts.size(); ++I)
      Summary += (I ? ", " : "") + Parts[I];
  }
  const Graph &G = R.M->G;
  OS << Summary << "; " << plural(G.numNodes(), "node", "nodes") << ", "
     << plural(G.numEdges(), "edge", "edges") << ", "
     << plural(R.Files, "file", "files") << "\n";
}

const EmitterInfo Text{"text",
                       "clang-style diagnostics with a note per witness hop",
                       writeText};
CHOKEPOINT_EMITTER(Text);

} // namespace
} // namespace chokepoint
