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

struct Policy {
  /// By rule id.
  std::map<std::string, SeverityOverride, std::less<>> Severities;
  /// The lowest severity that makes the exit code 1; nullopt: never.
  std::optional<Severity> FailOn = Severity::Warning;
};

/// Applies P to a run's findings (severity overrides), then sorts them for
/// output.
void applyPolicy(const Policy &P, std::vector<Finding> &Findings);

/// ExitFindings when a finding is at or above P.FailOn, else ExitClean.
int exitCode(const Policy &P, const std::vector<Finding> &Findings);

} // namespace chokepoint

#endif
