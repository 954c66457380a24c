//===- test/common/in_words.h - Facts and diagnostics as text ---*- C++ -*-===//
//
// What two ways of reading the same file (on one thread, in pieces, with
// its services decoded apart) must agree on, as text a test can compare
// and print: the facts, in the order the build meets them, and the
// diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_TEST_COMMON_IN_WORDS_H
#define CHOKEPOINT_TEST_COMMON_IN_WORDS_H

#include "analyzer/facts/facts.h"
#include "analyzer/manifests/load.h"
#include "analyzer/support/diagnostics.h"

#include <string>
#include <vector>

namespace chokepoint {

/// Every diagnostic as "file-id:line:col: message", one a line.
inline std::string diagnosticsText(const DiagnosticList &Diags) {
  std::string Out;
  for (const Diagnostic &D : Diags.all())
    Out += std::to_string(D.Loc.file) + ":" + std::to_string(D.Loc.line) + ":" +
           std::to_string(D.Loc.column) + ": " + D.Message + "\n";
  return Out;
}

/// What the native front end records for one file, one line a fact: each
/// kind of fact across the file's Topologies in order.
inline std::string factsText(const FileFacts &R) {
  std::vector<const Topology *> All{R.Facts.get()};
  for (const auto &T : R.More)
    All.push_back(T.get());
  std::string Out;
  auto Loc = [](SourceLoc L) {
    return std::to_string(L.line) + ":" + std::to_string(L.column);
  };
  auto Put = [&](std::string_view S) { Out.append(S.data(), S.size()); };
  for (const Topology *T : All)
    for (const ServiceFact &S : T->Services) {
      Put("service ");
      Put(S.Id.Value);
      Put(" @" + Loc(S.Id.Loc) + " in ");
      Put(S.Topology);
      Put(" replicas " + std::to_string(S.Replicas.valueOr(0)) + " entry " +
          std::to_string(S.Entry.valueOr(false)) + " plane " +
          std::to_string(int(S.PlaneValue.valueOr(Plane::Data))) +
          " stateful " + std::to_string(S.Stateful.valueOr(false)) + " guard " +
          std::to_string(S.DrainGuard.valueOr(false)) + " drain " +
          std::to_string(S.DrainSeconds.valueOr(-1)) + " grace " +
          std::to_string(S.GraceSeconds.valueOr(-1)) + " capacity " +
          std::to_string(S.Capacity.valueOr(-1)) + " population " +
          std::to_string(S.Population.valueOr(0)) + " zone '");
      Put(S.Zone.valueOr(""));
      Put("'\n");
      for (uint32_t C = 0; C < S.ComponentCount; ++C) {
        Put("  component ");
        Put(T->Components[S.ComponentBegin + C].Id.Value);
        Put("\n");
      }
      for (uint32_t E = 0; E < S.EdgeCount; ++E) {
        const EdgeFact &F = T->Edges[S.EdgeBegin + E];
        Put("  edge to ");
        Put(F.To.Value);
        auto Maybe = [](MaybeDouble D) {
          return D ? std::to_string(*D) : std::string("-");
        };
        Put(" @" + Loc(F.Loc) + " kind " + std::to_string(int(F.Kind)) +
            " attempts " + std::to_string(F.Attempts) + " fanout " +
            std::to_string(F.Fanout) + " backoff " +
            std::to_string(int(F.BackoffKind)) + " jitter " +
            std::to_string(F.Jitter) + " budget " + Maybe(F.Budget) + " rate " +
            Maybe(F.RateLimit) + " timeout " +
            (F.TimeoutMs ? std::to_string(*F.TimeoutMs) : "-") + " on '");
        Put(F.Trigger);
        Put("' via");
        for (uint32_t V = 0; V < F.ViaCount; ++V) {
          Put(" ");
          Put(T->Via[F.ViaBegin + V].Value);
        }
        Put("\n");
      }
    }
  for (const Topology *T : All)
    for (const AllowFact &A : T->Allows) {
      Put("allow ");
      Put(A.Rule);
      Put(" on " + std::to_string(int(A.Target)) + " ");
      Put(A.Service < T->Services.size() ? T->Services[A.Service].Id.Value
                                         : std::string_view("?"));
      // Indices are into the allow's own Topology: say what they name.
      if (A.Target == AllowFact::On::Component &&
          A.Index < T->Components.size()) {
        Put(" component ");
        Put(T->Components[A.Index].Id.Value);
      } else if (A.Target == AllowFact::On::Edge && A.Index < T->Edges.size()) {
        Put(" edge to ");
        Put(T->Edges[A.Index].To.Value);
        Put(" @" + Loc(T->Edges[A.Index].Loc));
      }
      Put(" @" + Loc(A.Loc) + "\n");
    }
  for (const Topology *T : All)
    for (const ScenarioFact &S : T->Scenarios) {
      Put("scenario ");
      Put(S.Id.Value);
      Put("\n");
    }
  return Out;
}

} // namespace chokepoint

#endif
