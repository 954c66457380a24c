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
#include "rules/rule.h"

namespace chokepoint {
namespace {

std::string plural(uint64_t N, std::string_view One, std::string_view Many) {
  return std::to_string(N) + " " + std::string(N == 1 ? One : Many);
}

std::string pathHeader(const WitnessPath &P) {
  std::string Start = quoted(P.Start);
  if (P.Kind == "customer")
    return "customer path from entry " + Start;
  if (P.Kind == "amplification")
    return "retries multiply along this path from entry " + Start;
  if (P.Kind == "cycle")
    return "cycle through " + Start;
  return P.Kind + " path from " + Start;
}

std::string hopText(const Hop &H) {
  std::string S = "  " + quoted(H.From) + " -> " + quoted(H.To) + " (" + H.Kind;
  // Only the hop that multiplies shows the attempts: the rest of a via chain
  // carries them too, but showing them there would read as multiplying again.
  if (H.Multiplier > 1)
    S += ", " + std::to_string(H.Attempts) + " attempts";
  if (H.Product > 1)
    S += ", x" + std::to_string(H.Product) + " so far";
  return S + ")";
}

/// The counts a finding carries, as one sentence, or "".
std::string countsText(const Finding &F) {
  std::vector<std::string> Reaching;
  std::string Serves;
  for (const Count &C : F.Counts) {
    if (C.Name == "customer_entries")
      Reaching.push_back(plural(C.Value, "customer entry", "customer entries"));
    else if (C.Name == "recovery_edges")
      Reaching.push_back(plural(C.Value, "recovery edge", "recovery edges"));
    else if (C.Name == "control_plane_nodes")
      Serves = "serves " + plural(C.Value, "control-plane node",
                                  "control-plane nodes");
    else if (C.Name == "cycle_nodes")
      return "the cycle spans " + plural(C.Value, "node", "nodes");
  }
  std::string S;
  for (size_t I = 0; I < Reaching.size(); ++I)
    S += (I == 0 ? "reached by " : I + 1 == Reaching.size() ? " and " : ", ") +
         Reaching[I];
  if (!Serves.empty())
    S += (S.empty() ? "" : "; ") + Serves;
  return S;
}

/// `chokepoint graph --format text`: a line per node and per edge, where it
/// was declared. No rule ran, so the summary must not claim "no findings".
void writeGraphText(llvm::raw_ostream &OS, Report &R) {
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
    if (R.A->carriesCustomer(V))
      Flows.push_back("customer");
    if (R.A->carriesControl(V))
      Flows.push_back("control-plane");
    if (R.A->onRecoveryPath(V))
      Flows.push_back("recovery");
    std::string Carries;
    for (size_t I = 0; I < Flows.size(); ++I)
      Carries += (I == 0                  ? "; carries "
                  : I + 1 == Flows.size() ? " and "
                                          : ", ") +
                 Flows[I];
    if (!Flows.empty())
      Carries += " traffic";
    OS << At(N.loc) << "node " << quoted(N.id) << ": " << What << ", "
       << (N.owners == 1 ? std::string("single owner")
                         : plural(N.owners, "owner", "owners"))
       << ", " << name(N.plane) << " plane"
       << (N.entry ? ", customer entry" : "") << Carries << "\n";
  }
  for (EdgeId E = 0; E < G.numEdges(); ++E) {
    Hop H = hopOf(G, E);
    // hopText indents hops under a path header; an edge line stands alone.
    OS << At(H.Loc) << "edge" << hopText(H).substr(1) << "\n";
  }
}

void writeText(llvm::raw_ostream &OS, Report &R) {
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
      D.Notes.push_back({DiagLevel::Note, P.StartLoc, pathHeader(P), {}});
      for (const Hop &H : P.Hops)
        D.Notes.push_back({DiagLevel::Note, H.Loc, hopText(H), {}});
    }
    if (std::string C = countsText(F); !C.empty())
      D.Notes.push_back({DiagLevel::Note, F.Loc, C, {}});
    printDiagnostic(OS, SM, D, R.Colors, /*NoteSnippets=*/false);
  }
  for (const Inference &I : R.M->Inferences) {
    Diagnostic D{DiagLevel::Remark,
                 I.Loc.valid() ? I.Loc : R.M->G.node(I.Node).loc,
                 I.Message,
                 {}};
    printDiagnostic(OS, SM, D, R.Colors, /*NoteSnippets=*/false);
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
