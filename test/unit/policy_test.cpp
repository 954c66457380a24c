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

//===----------------------------------------------------------------------===//
// Globs, suppressions, baselines, --affected
//===----------------------------------------------------------------------===//

TEST(Glob, StarMatchesAnyRunQuestionOneCharacter) {
  EXPECT_TRUE(globMatch("api.*", "api.pool"));
  EXPECT_TRUE(globMatch("api.*", "api."));
  EXPECT_FALSE(globMatch("api.*", "api"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_TRUE(globMatch("a?c", "abc"));
  EXPECT_FALSE(globMatch("a?c", "ac"));
  EXPECT_TRUE(globMatch("*-pool*", "voice-pool-2"));
  EXPECT_FALSE(globMatch("unguarded-*", "shared-single-owner"));
}

TEST(Glob, SetsRangesNegationAndALiteralOpenBracket) {
  EXPECT_TRUE(globMatch("n[0-9]", "n7"));
  EXPECT_FALSE(globMatch("n[0-9]", "nx"));
  EXPECT_TRUE(globMatch("n[!0-9]", "nx"));
  EXPECT_TRUE(globMatch("[]]", "]"));
  EXPECT_TRUE(globMatch("a[", "a["));
  EXPECT_FALSE(globMatch("a[", "ab"));
}

TEST(Glob, ManyStarsStayLinearNotExponential) {
  std::string Text(5000, 'a'), Glob;
  for (int I = 0; I < 200; ++I)
    Glob += "*a";
  Glob += "b";
  EXPECT_FALSE(globMatch(Glob, Text)); // returns at once
}

Policy withSuppression(std::string Rule, std::string Node,
                       std::string Expires = "") {
  Policy P;
  SuppressionRule S;
  S.Rule = std::move(Rule);
  S.Node = std::move(Node);
  S.Reason = "accepted";
  S.Loc = {1, 3, 5};
  S.Expires = std::move(Expires);
  P.Suppressions.push_back(S);
  P.Today = "2026-12-01";
  return P;
}

TEST(Suppressions, MatchOneRuleAndTheNodesTheGlobNames) {
  Policy P = withSuppression("a-rule", "api.*");
  std::vector<Finding> Fs = {finding("a-rule", "api.pool", Severity::Error),
                             finding("b-rule", "api.pool", Severity::Error),
                             finding("a-rule", "db", Severity::Error)};
  PolicyOutcome O = applyPolicy(P, Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{"a-rule@db:error",
                                                 "b-rule@api.pool:error"}));
  ASSERT_EQ(O.Suppressed.size(), 1u);
  EXPECT_EQ(O.Suppressed[0].F.Node, "api.pool");
  EXPECT_EQ(O.Suppressed[0].By->Reason, "accepted");
  EXPECT_TRUE(O.Diags.empty());
}

TEST(Suppressions, StrictIgnoresThemAndTheExitCodeSeesTheFinding) {
  Policy P = withSuppression("a-rule", "*");
  P.Strict = true;
  std::vector<Finding> Fs = {finding("a-rule", "x", Severity::Warning)};
  PolicyOutcome O = applyPolicy(P, Fs);
  EXPECT_EQ(Fs.size(), 1u);
  EXPECT_TRUE(O.Suppressed.empty());
  EXPECT_EQ(exitCode(P, Fs, O), ExitFindings);
}

TEST(Suppressions, AnExpiredOneSilencesNothingAndWarnsAtItsPlace) {
  Policy P = withSuppression("a-rule", "*", "2026-11-30");
  std::vector<Finding> Fs = {finding("a-rule", "x", Severity::Warning)};
  PolicyOutcome O = applyPolicy(P, Fs);
  EXPECT_EQ(Fs.size(), 1u);
  ASSERT_EQ(O.Diags.all().size(), 1u);
  EXPECT_EQ(O.Diags.all()[0].Level, DiagLevel::Warning);
  EXPECT_EQ(O.Diags.all()[0].Loc, (SourceLoc{1, 3, 5}));
  // On its last day it still holds.
  Policy Today = withSuppression("a-rule", "*", "2026-12-01");
  std::vector<Finding> Gs = {finding("a-rule", "x", Severity::Warning)};
  EXPECT_EQ(applyPolicy(Today, Gs).Suppressed.size(), 1u);
}

TEST(Suppressions, UnusedOnesAreReportedOnlyWhenAsked) {
  Policy P = withSuppression("a-rule", "nothing-matches");
  std::vector<Finding> Fs = {finding("a-rule", "x", Severity::Warning)};
  EXPECT_TRUE(applyPolicy(P, Fs).Diags.empty());
  P.ReportUnused = true;
  EXPECT_EQ(applyPolicy(P, Fs).Diags.all().size(), 1u);
}

TEST(Suppressions, AnInlineOneMatchesItsNodeLiterallyAndWarnsInTheInputs) {
  // A name may hold glob characters: an inline allow on 'a*' is about that
  // node only, never about 'ab'.
  Policy P = withSuppression("a-rule", "a*");
  P.Suppressions[0].Literal = true;
  P.Suppressions[0].InSource = true;
  std::vector<Finding> Fs = {finding("a-rule", "ab", Severity::Warning),
                             finding("a-rule", "a*", Severity::Warning, {}, 2)};
  PolicyOutcome O = applyPolicy(P, Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{"a-rule@ab:warning"}));
  ASSERT_EQ(O.Suppressed.size(), 1u);
  EXPECT_EQ(O.Suppressed[0].F.Node, "a*");
  // Its warnings point into the inputs, apart from the config file's.
  Policy Unused = withSuppression("a-rule", "none");
  Unused.Suppressions[0].Literal = Unused.Suppressions[0].InSource = true;
  Unused.ReportUnused = true;
  O = applyPolicy(Unused, Fs);
  EXPECT_TRUE(O.Diags.empty());
  EXPECT_EQ(O.SourceDiags.all().size(), 1u);
}

TEST(Suppressions, AnEdgeOneMatchesFindingsWhosePathsTakeItsHops) {
  Policy P = withSuppression("a-rule", "");
  P.Suppressions[0].Hops = {{1, 7, 3}};
  Finding Through = finding("a-rule", "x", Severity::Warning);
  Through.Paths.resize(1);
  Through.Paths[0].Hops.resize(2);
  Through.Paths[0].Hops[1].Loc = {1, 7, 3};
  Finding Elsewhere = finding("a-rule", "y", Severity::Warning, {}, 2);
  Elsewhere.Paths = Through.Paths;
  Elsewhere.Paths[0].Hops[1].Loc = {1, 8, 3};
  std::vector<Finding> Fs = {Through, Elsewhere};
  PolicyOutcome O = applyPolicy(P, Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{"a-rule@y:warning"}));
  EXPECT_EQ(O.Suppressed.size(), 1u);
}

TEST(Suppressions, OnlyAKnownRuleWithAReasonIsAdmitted) {
  SuppressionRule S;
  S.Rule = "shared-single-owner";
  S.Reason = "partitioned per tenant";
  S.Loc = {1, 2, 3};
  DiagnosticList D;
  EXPECT_TRUE(admitSuppression(S, "'api'", D));
  EXPECT_TRUE(D.empty());
  S.Reason.clear();
  EXPECT_FALSE(admitSuppression(S, "'api'", D));
  S.Reason = "x";
  S.Rule = "shared-single-ownr";
  EXPECT_FALSE(admitSuppression(S, "'api'", D));
  ASSERT_EQ(D.all().size(), 2u);
  EXPECT_EQ(D.all()[0].Level, DiagLevel::Warning);
  EXPECT_EQ(D.all()[0].Message,
            "suppression of 'shared-single-owner' for 'api' has no 'reason' "
            "and is not used: say why the finding is acceptable");
  EXPECT_EQ(D.all()[1].Message,
            "suppression names unknown rule 'shared-single-ownr' and is not "
            "used; did you mean 'shared-single-owner'?");
  EXPECT_EQ(D.all()[1].Loc, (SourceLoc{1, 2, 3}));
}

TEST(Baseline, HidesKnownFindingsCountsThemAndTheFixedEntries) {
  Policy P;
  P.Baseline = std::vector<BaselineEntry>{{"fp-old", "a-rule", "x", "m", {}},
                                          {"fp-gone", "a-rule", "y", "m", {}}};
  P.FailOnStale = true;
  Finding Old = finding("a-rule", "x", Severity::Warning);
  Old.Fingerprint = "fp-old";
  Finding New = finding("a-rule", "z", Severity::Warning);
  New.Fingerprint = "fp-new";
  std::vector<Finding> Fs = {Old, New};
  PolicyOutcome O = applyPolicy(P, Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{"a-rule@z:warning"}));
  EXPECT_TRUE(O.Baseline.Used);
  EXPECT_EQ(O.Baseline.Known, 1u);
  EXPECT_EQ(O.Baseline.Fixed, 1u);
  ASSERT_EQ(O.Stale.size(), 1u);
  EXPECT_EQ(O.Stale[0]->Fingerprint, "fp-gone");
  // Stale entries fail the run under --fail-on-stale even when nothing new
  // is found.
  P.FailOn.reset();
  EXPECT_EQ(exitCode(P, Fs, O), ExitFindings);
  P.FailOnStale = false;
  EXPECT_EQ(exitCode(P, Fs, O), ExitClean);
}

TEST(Affected, KeepsFindingsWhoseNodeOrHopsAreInAChangedFile) {
  Policy P;
  P.ChangedFiles = std::vector<uint8_t>{0, 0, 1};           // file 2 changed
  Finding Here = finding("a-rule", "x", Severity::Warning); // file 1
  Finding ByHop = finding("a-rule", "y", Severity::Warning);
  WitnessPath W;
  Hop H;
  H.Loc = {2, 4, 1};
  W.Hops.push_back(H);
  ByHop.Paths.push_back(W);
  std::vector<Finding> Fs = {Here, ByHop};
  PolicyOutcome O = applyPolicy(P, Fs);
  EXPECT_EQ(shown(Fs), (std::vector<std::string>{"a-rule@y:warning"}));
  EXPECT_EQ(O.Unaffected, 1u);
}

} // namespace
