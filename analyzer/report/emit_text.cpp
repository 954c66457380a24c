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
       << (N.singleOwner() ? std::string("single owner")
                         : plural(N.owners, "owner", "owners"))
       << ", " << name(N.plane) << " plane"
       << (N.entry ? ", customer entry" : "") << Carries << "\n";
  }
  for (EdgeId E : G.edgesInOrder()) {
    Hop H = hopOf(G, E);
    OS << At(H.Loc) << "edge ";
    writeHop(OS, H);
    OS << "\n";
  }
}

void writeText(llvm::raw_ostream &OS, const Report &R, const EmitOptions &O) {
  const SourceManager &SM = *R.SM;
  if (R.GraphOnly)
    writeGraphText(OS, R);
  // Colours (a terminal) are written as they go, on one thread.
  writeInOrder(
      OS, R.Findings.size(), O.Colors ? 1 : O.Jobs,
      [&](llvm::raw_ostream &Out, size_t I) {
        // printDiagnostic's lines, each message written straight to the
        // stream: a run at 100k services prints a million witness hops.
        const Finding &F = R.Findings[I];
        DiagLevel Level = F.Sev == Severity::Error     ? DiagLevel::Error
                          : F.Sev == Severity::Warning ? DiagLevel::Warning
                                                       : DiagLevel::Note;
        auto Line = [&](DiagLevel L, SourceLoc Loc, bool Snippet,
                        auto &&Message) {
          printDiagnosticLine(Out, SM, L, Loc, O.Colors, Message, Snippet);
        };
        Line(Level, F.Loc, true, [&](llvm::raw_ostream &S) {
          S << F.Message << " [" << F.Rule << "]";
        });
        for (const WitnessPath &P : F.Paths) {
          Line(DiagLevel::Note, P.StartLoc, false,
               [&](llvm::raw_ostream &S) { S << P.title(); });
          for (const Hop &H : P.Hops) // under its path's header
            Line(DiagLevel::Note, H.Loc, false, [&](llvm::raw_ostream &S) {
              S << "  ";
              writeHop(S, H);
            });
        }
        if (!F.Summary.empty())
          Line(DiagLevel::Note, F.Loc, false,
               [&](llvm::raw_ostream &S) { S << F.Summary; });
      });
  for (const Remark &I : R.Remarks) {
    Diagnostic D{DiagLevel::Remark, I.Loc, I.Message, {}};
    printDiagnostic(OS, SM, D, O.Colors, /*NoteSnippets=*/false);
  }
  std::string Summary = R.GraphOnly ? "graph" : tallyText(tally(R.Findings));
  // What the policy kept out of the list, so it is never silent
  // (clang-tidy: "Suppressed N warnings").
  if (!R.Suppressed.empty())
    Summary +=
        concat({"; ", std::to_string(R.Suppressed.size()), " suppressed"});
  if (R.Baseline.Used)
    Summary +=
        concat({"; ", std::to_string(R.Baseline.Known), " in the baseline, ",
                std::to_string(R.Baseline.Fixed), " fixed"});
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
