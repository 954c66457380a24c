//===- analyzer/report/policy.cpp - Between the rules and the outputs -----===//

#include "analyzer/report/policy.h"

#include "rules/rule.h"

#include <algorithm>
#include <set>

namespace chokepoint {

bool isGlob(std::string_view Text) {
  return Text.find_first_of("*?[") != std::string_view::npos;
}

namespace {

/// Matches a '[...]' set at Glob[G] against C; moves G past the set. A set
/// with no closing ']' is a literal '['.
bool matchSet(std::string_view Glob, size_t &G, char C, bool &Ok) {
  size_t I = G + 1;
  bool Negate = I < Glob.size() && (Glob[I] == '!' || Glob[I] == '^');
  if (Negate)
    ++I;
  // A ']' right after '[' or '[!' is a member, as in the shell.
  size_t Close =
      I < Glob.size() ? Glob.find(']', I + 1) : std::string_view::npos;
  if (Close == std::string_view::npos) {
    Ok = C == '[';
    G += 1;
    return true;
  }
  bool In = false;
  for (size_t J = I; J < Close; ++J) {
    if (J + 2 < Close && Glob[J + 1] == '-') {
      In |= Glob[J] <= C && C <= Glob[J + 2];
      J += 2;
    } else {
      In |= Glob[J] == C;
    }
  }
  Ok = In != Negate;
  G = Close + 1;
  return true;
}

} // namespace

bool globMatch(std::string_view Glob, std::string_view Text) {
  // Iterative, with one backtrack point for the last '*': linear in
  // practice and never exponential, whatever the glob.
  size_t G = 0, T = 0, StarG = std::string_view::npos, StarT = 0;
  while (T < Text.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      StarG = ++G;
      StarT = T;
      continue;
    }
    if (G < Glob.size()) {
      size_t Next = G;
      bool Ok = false;
      if (Glob[G] == '[')
        matchSet(Glob, Next, Text[T], Ok);
      else {
        Ok = Glob[G] == '?' || Glob[G] == Text[T];
        Next = G + 1;
      }
      if (Ok) {
        G = Next;
        ++T;
        continue;
      }
    }
    if (StarG == std::string_view::npos)
      return false;
    G = StarG;
    T = ++StarT;
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

namespace {

void overrideSeverities(const Policy &P, std::vector<Finding> &Findings) {
  for (Finding &F : Findings) {
    auto It = P.Severities.find(F.Rule);
    if (It == P.Severities.end())
      continue;
    const std::optional<Severity> &S = F.Level == Tier::Elevated
                                           ? It->second.Elevated
                                           : It->second.Default;
    if (S)
      F.Sev = *S;
  }
}

/// Whether F touches a changed file: its node's place or a hop of a path.
bool affected(const std::vector<uint8_t> &Changed, const Finding &F) {
  auto In = [&](SourceLoc L) {
    return L.valid() && L.file < Changed.size() && Changed[L.file];
  };
  if (In(F.Loc))
    return true;
  for (const WitnessPath &W : F.Paths) {
    if (In(W.StartLoc))
      return true;
    for (const Hop &H : W.Hops)
      if (In(H.Loc))
        return true;
  }
  return false;
}

bool suppresses(const SuppressionRule &S, const Finding &F) {
  if (S.Rule != F.Rule)
    return false;
  if (S.Hops.empty())
    return S.Literal ? S.Node == F.Node : globMatch(S.Node, F.Node);
  for (const WitnessPath &W : F.Paths)
    for (const Hop &H : W.Hops)
      if (std::find(S.Hops.begin(), S.Hops.end(), H.Loc) != S.Hops.end())
        return true;
  return false;
}

/// Keeps the findings Keep says to keep, in order, in place: at 100k
/// findings a second vector beside the first was 23 MB at the run's memory
/// peak. Keep may move a finding it drops elsewhere.
template <typename Fn> void keepIf(std::vector<Finding> &Findings, Fn Keep) {
  size_t Out = 0;
  for (size_t I = 0; I < Findings.size(); ++I)
    if (Keep(Findings[I])) {
      if (Out != I)
        Findings[Out] = std::move(Findings[I]);
      ++Out;
    }
  Findings.erase(Findings.begin() + Out, Findings.end());
}

/// Moves the findings a live suppression matches to O.Suppressed; warns
/// about expired suppressions and, when asked, unused ones.
void suppress(const Policy &P, std::vector<Finding> &Findings,
              PolicyOutcome &O) {
  std::vector<uint8_t> Used(P.Suppressions.size(), 0);
  std::vector<uint8_t> Live(P.Suppressions.size(), 1);
  for (size_t I = 0; I < P.Suppressions.size(); ++I) {
    const SuppressionRule &S = P.Suppressions[I];
    if (!S.Expires.empty() && !P.Today.empty() && S.Expires < P.Today) {
      Live[I] = 0;
      (S.InSource ? O.SourceDiags : O.Diags)
          .add(DiagLevel::Warning, S.Loc,
               concat({"suppression of ", quote(S.Rule), " expired on ",
                       S.Expires,
                       ": it silences nothing any more; fix the finding "
                       "or renew the suppression"}));
    }
  }
  keepIf(Findings, [&](Finding &F) {
    size_t I = 0;
    while (I < P.Suppressions.size() &&
           !(Live[I] && suppresses(P.Suppressions[I], F)))
      ++I;
    if (I == P.Suppressions.size())
      return true;
    Used[I] = 1;
    // Later suppressions that match too are used as well: none of them is
    // stale while the finding exists.
    for (size_t J = I + 1; J < P.Suppressions.size(); ++J)
      if (Live[J] && suppresses(P.Suppressions[J], F))
        Used[J] = 1;
    O.Suppressed.push_back({std::move(F), &P.Suppressions[I]});
    return false;
  });
  if (P.ReportUnused)
    for (size_t I = 0; I < P.Suppressions.size(); ++I)
      if (Live[I] && !Used[I])
        (P.Suppressions[I].InSource ? O.SourceDiags : O.Diags)
            .add(DiagLevel::Warning, P.Suppressions[I].Loc,
                 concat({"unused suppression: no finding of ",
                         quote(P.Suppressions[I].Rule), " matches it"}));
}

/// Drops the findings the baseline holds; counts them and the entries no
/// finding matches any more.
void applyBaseline(const std::vector<BaselineEntry> &Baseline,
                   const std::set<std::string> &Now,
                   std::vector<Finding> &Findings, PolicyOutcome &O) {
  O.Baseline.Used = true;
  std::set<std::string_view> Known;
  for (const BaselineEntry &E : Baseline)
    Known.insert(E.Fingerprint);
  keepIf(Findings, [&](const Finding &F) {
    bool New = !Known.count(F.Fingerprint);
    O.Baseline.Known += !New;
    return New;
  });
  for (const BaselineEntry &E : Baseline)
    if (!Now.count(E.Fingerprint))
      O.Stale.push_back(&E);
  O.Baseline.Fixed = O.Stale.size();
}

} // namespace

PolicyOutcome applyPolicy(const Policy &P, std::vector<Finding> &Findings) {
  PolicyOutcome O;
  overrideSeverities(P, Findings);
  // A baseline entry is fixed when no finding of the run has its
  // fingerprint: suppressed findings and those --affected leaves out still
  // occur.
  std::set<std::string> Occurring;
  if (P.Baseline)
    for (const Finding &F : Findings)
      Occurring.insert(F.Fingerprint);
  if (P.ChangedFiles) {
    size_t Before = Findings.size();
    keepIf(Findings,
           [&](const Finding &F) { return affected(*P.ChangedFiles, F); });
    O.Unaffected = Before - Findings.size();
  }
  if (!P.Strict)
    suppress(P, Findings, O);
  if (P.Baseline)
    applyBaseline(*P.Baseline, Occurring, Findings, O);
  std::sort(Findings.begin(), Findings.end());
  std::sort(O.Suppressed.begin(), O.Suppressed.end(),
            [](const SuppressedFinding &A, const SuppressedFinding &B) {
              return A.F < B.F;
            });
  return O;
}

bool admitSuppression(const SuppressionRule &S, std::string_view Subject,
                      DiagnosticList &Diags) {
  if (!findRule(S.Rule)) {
    std::vector<std::string_view> Ids;
    for (const Rule *R : allRules())
      Ids.push_back(R->info().Id);
    Diags.add(DiagLevel::Warning, S.Loc,
              concat({"suppression names unknown rule ", quote(S.Rule),
                      " and is not used", didYouMean(S.Rule, Ids)}));
    return false;
  }
  if (S.Reason.empty()) {
    Diags.add(DiagLevel::Warning, S.Loc,
              concat({"suppression of ", quote(S.Rule), " for ", Subject,
                      " has no 'reason' and is not used: say why the finding "
                      "is acceptable"}));
    return false;
  }
  return true;
}

int exitCode(const Policy &P, const std::vector<Finding> &Findings) {
  if (!P.FailOn)
    return ExitClean;
  for (const Finding &F : Findings)
    if (F.Sev >= *P.FailOn)
      return ExitFindings;
  return ExitClean;
}

int exitCode(const Policy &P, const std::vector<Finding> &Findings,
             const PolicyOutcome &O) {
  if (P.FailOnStale && !O.Stale.empty())
    return ExitFindings;
  return exitCode(P, Findings);
}

} // namespace chokepoint
