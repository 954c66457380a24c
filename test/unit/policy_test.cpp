//===- test/unit/policy_test.cpp - Between the rules and the outputs ------===//
//
// The policy stage on hand-made findings: severity overrides by rule and
// tier, the order findings leave in, and the exit code --fail-on asks for.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/policy.h"

#include <gtest/gtest.h>

using namespace chokepoint;

namespace {

Finding finding(std::string Rule, std::string Node, Severity S,
                Tier T = Tier::Default, uint32_t Line = 1) {
  Finding F;
  F.Rule = std::move(Rule);
  F.Node = std::move(Node);
  F.Sev = S;
  F.Level = T;
  F.Loc = {1, Line, 1};
  return F;
}

std::vector<std::string> shown(const std::vector<Finding> &Fs) {
  std::vector<std::string> Out;
  for (const Finding &F : Fs)
    Out.push_back(F.Rule + "@" + F.Node + ":" + std::string(name(F.Sev)));
  return Out;
}

TEST(Policy, WithoutOverridesKeepsSeveritiesAndSorts) {
  std::vector<Finding> Fs = {finding("b-rule", "x", Severity::Error, {}, 2),
                             finding("a-rule", "y", Severity::Warning, {}, 2),
                             finding("c-rule", "z", Severity::Note, {}, 1)};
  applyPolicy(Policy(), Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{
                           "c-rule@z:note", "a-rule@y:warning",
                           "b-rule@x:error"}));
}

TEST(Policy, OverridesApplyByRuleAndTier) {
  Policy P;
  P.Severities["shared-single-owner"].Default = Severity::Note;
  P.Severities["drain-timeout"].Default = Severity::Warning;
  P.Severities["drain-timeout"].Elevated = Severity::Note; // no such finding
  std::vector<Finding> Fs = {
      finding("shared-single-owner", "a", Severity::Warning, Tier::Default, 1),
      finding("shared-single-owner", "b", Severity::Error, Tier::Elevated, 2),
      finding("drain-timeout", "c", Severity::Error, Tier::Default, 3),
      finding("unbounded-recovery", "d", Severity::Warning, Tier::Default, 4)};
  applyPolicy(P, Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{
                           "shared-single-owner@a:note",
                           "shared-single-owner@b:error", // tier untouched
                           "drain-timeout@c:warning",
                           "unbounded-recovery@d:warning"}));
}

TEST(Policy, AnOverrideCanRaiseTheElevatedTierToo) {
  Policy P;
  P.Severities["retry-amplification"] = {Severity::Error, Severity::Error};
  std::vector<Finding> Fs = {
      finding("retry-amplification", "a", Severity::Warning),
      finding("retry-amplification", "b", Severity::Error, Tier::Elevated, 2)};
  applyPolicy(P, Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{
                           "retry-amplification@a:error",
                           "retry-amplification@b:error"}));
}

TEST(Policy, ExitCodeFollowsFailOn) {
  std::vector<Finding> Warn = {finding("r", "a", Severity::Warning)};
  Policy P;
  EXPECT_EQ(exitCode(P, Warn), ExitFindings); // default: warning
  EXPECT_EQ(exitCode(P, {}), ExitClean);
  P.FailOn = Severity::Error;
  EXPECT_EQ(exitCode(P, Warn), ExitClean);
  P.FailOn = Severity::Note;
  EXPECT_EQ(exitCode(P, Warn), ExitFindings);
  P.FailOn.reset(); // never
  EXPECT_EQ(exitCode(P, Warn), ExitClean);
}

TEST(Policy, ExitCodeSeesOverriddenSeverities) {
  Policy P;
  P.FailOn = Severity::Error;
  P.Severities["r"].Default = Severity::Error;
  std::vector<Finding> Fs = {finding("r", "a", Severity::Warning)};
  EXPECT_EQ(exitCode(P, Fs), ExitClean);
  applyPolicy(P, Fs);
  EXPECT_EQ(exitCode(P, Fs), ExitFindings);
}

} // namespace
