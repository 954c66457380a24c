//===- analyzer/report/policy.h - Between the rules and the outputs -*- C++ -*-===//
//
// The one stage that decides what the rules' findings become before any
// output sees them: severity overrides per rule (a config file will fill
// them), and later suppressions and baselines; and the exit code that
// --fail-on asks for. Rules only say which of their severities a finding
// has (Tier); outputs only show what comes out of here.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_POLICY_H
#define CHOKEPOINT_ANALYZER_POLICY_H

#include "analyzer/support/diagnostics.h"
#include "rules/finding.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chokepoint {

/// Exit codes: nothing at or above --fail-on; findings at or above it; bad
/// usage or bad input (decided before the policy stage runs).
inline constexpr int ExitClean = 0, ExitFindings = 1, ExitBad = 2;

/// A rule's severities as a run wants them; unset keeps the rule's own.
struct SeverityOverride {
  std::optional<Severity> Default;  ///< for findings at Tier::Default
  std::optional<Severity> Elevated; ///< for findings at Tier::Elevated
};

/// A suppression: findings of one rule about the nodes a glob matches (or,
/// written on an edge, whose witness paths take that edge) are kept out of
/// the exit code and the text, and kept, marked, in JSON and SARIF.
struct SuppressionRule {
  std::string Rule; ///< a rule id, checked when the suppression is read
  std::string Node; ///< a glob over node ids ('*', '?', '[...]')
  /// Node is one node's id, matched as it is (an inline allow: a name may
  /// hold '*' or '[').
  bool Literal = false;
  /// Written on an edge: the places of its hops; the suppression matches a
  /// finding whose witness paths pass one of them (Node is then unused).
  std::vector<SourceLoc> Hops;
  std::string Reason;    ///< required; what JSON and SARIF show
  SourceLoc Loc;         ///< where it is written
  bool InSource = false; ///< beside the node (`allow:`), not in the config
  std::string Expires;   ///< "YYYY-MM-DD" or ""; after it, it is a warning
};

/// A finding a suppression silenced, and the suppression.
struct SuppressedFinding {
  Finding F;
  const SuppressionRule *By = nullptr;
};

/// A finding recorded by --write-baseline, read back by --baseline.
struct BaselineEntry {
  std::string Fingerprint, Rule, Node, Message;
  SourceLoc Loc; ///< where the entry is written in the baseline file
};

/// What --baseline made of a run.
struct BaselineSummary {
  bool Used = false;
  size_t Known = 0; ///< findings the baseline holds: not reported again
  size_t Fixed = 0; ///< baseline entries no finding matches any more
};

struct Policy {
  /// By rule id.
  std::map<std::string, SeverityOverride, std::less<>> Severities;
  /// The lowest severity that makes the exit code 1; nullopt: never.
  std::optional<Severity> FailOn = Severity::Warning;
  /// Config file and inline suppressions; --strict ignores them all.
  std::vector<SuppressionRule> Suppressions;
  bool Strict = false;
  /// Today, "YYYY-MM-DD", for `expires:` (a parameter, so tests can pin it).
  std::string Today;
  /// --baseline: findings already known, reported no more.
  std::optional<std::vector<BaselineEntry>> Baseline;
  /// --fail-on-stale: baseline entries that no longer occur fail the run.
  bool FailOnStale = false;
  /// --affected: by file id, whether the file changed; a finding stays when
  /// its node or a hop of its witness paths is in a changed file.
  std::optional<std::vector<uint8_t>> ChangedFiles;
  /// --report-unused-suppressions.
  bool ReportUnused = false;
};

/// What the policy stage did besides changing the findings.
struct PolicyOutcome {
  std::vector<SuppressedFinding> Suppressed; ///< sorted like findings
  BaselineSummary Baseline;
  std::vector<const BaselineEntry *> Stale; ///< in the baseline, not found
  size_t Unaffected = 0;                    ///< dropped by --affected
  /// Warnings about suppressions (expired, unused): file:line:col, in the
  /// config file's sources (Diags) or, for inline ones, the inputs'.
  DiagnosticList Diags, SourceDiags;
};

/// Whether S may be used: it names a registered rule and gives a reason.
/// When it may not, a warning at S.Loc says why ("did you mean" for a
/// misspelt rule), and the caller drops it: a suppression is neither
/// silently ignored nor silently applied (kube-score #504). Subject names
/// what it is written for ("'db'", "the edge 'api' -> 'db'"). The one check
/// of config file and inline suppressions alike.
bool admitSuppression(const SuppressionRule &S, std::string_view Subject,
                      DiagnosticList &Diags);

/// Applies P to a run's findings: severity overrides, --affected, the
/// suppressions, the baseline; then sorts what is left for output.
PolicyOutcome applyPolicy(const Policy &P, std::vector<Finding> &Findings);

/// ExitFindings when a finding is at or above P.FailOn, else ExitClean.
int exitCode(const Policy &P, const std::vector<Finding> &Findings);
/// The same, and ExitFindings under --fail-on-stale when the baseline holds
/// entries that no longer occur.
int exitCode(const Policy &P, const std::vector<Finding> &Findings,
             const PolicyOutcome &O);

/// Whether Glob ('*' any run of characters, '?' one character, '[abc]' /
/// '[a-z]' / '[!a]' a set) matches all of Text.
bool globMatch(std::string_view Glob, std::string_view Text);
/// Whether Text holds a glob character.
bool isGlob(std::string_view Text);

} // namespace chokepoint

#endif
