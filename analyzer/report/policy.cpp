//===- analyzer/report/policy.cpp - Between the rules and the outputs -----===//

#include "analyzer/report/policy.h"

#include <algorithm>

namespace chokepoint {

void applyPolicy(const Policy &P, std::vector<Finding> &Findings) {
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
  std::sort(Findings.begin(), Findings.end());
}

int exitCode(const Policy &P, const std::vector<Finding> &Findings) {
  if (!P.FailOn)
    return ExitClean;
  for (const Finding &F : Findings)
    if (F.Sev >= *P.FailOn)
      return ExitFindings;
  return ExitClean;
}

} // namespace chokepoint
