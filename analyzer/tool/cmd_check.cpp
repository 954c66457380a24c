//===- analyzer/tool/cmd_check.cpp - chokepoint check ---------------------===//
//
// Reads the inputs, runs the enabled rules and reports their findings.
// Its own options choose the rules, set their options and say which
// severity fails the run.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/emitter.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/run.h"

#include <algorithm>

namespace chokepoint {
namespace {

/// What check's own options set.
struct CheckSettings {
  /// --enable/--disable in order: (enable?, rule id or "all").
  std::vector<std::pair<bool, std::string>> Toggles;
  RuleOptions RuleOpts; ///< --rule-option
  Policy P;             ///< --fail-on
};

bool applyFailOn(Invocation &I, std::string_view V, std::string &Error) {
  std::optional<Severity> &FailOn = I.own<CheckSettings>().P.FailOn;
  Severity S;
  if (V == "never") {
    FailOn.reset();
    return true;
  }
  if (!parseSeverity(V, S)) {
    Error = concat({"invalid --fail-on ", quote(V),
                    " (expected note, warning, error or never)",
                    didYouMean(V, {"note", "warning", "error", "never"})});
    return false;
  }
  FailOn = S;
  return true;
}

/// --enable or --disable: rule ids separated by commas, or all.
bool applyRuleList(Invocation &I, std::string_view V, bool Enable,
                   std::string &Error) {
  // Split on every comma, so "", "a,", ",a" and "a,,b" all show an empty id
  // instead of passing as "no rules".
  std::string_view Rest = V;
  while (true) {
    size_t Comma = Rest.find(',');
    std::string_view Id = Rest.substr(0, Comma);
    if (Id.empty()) {
      Error = concat({Enable ? "--enable" : "--disable",
                      " expects rule ids separated by commas, or all; found ",
                      quote(V)});
      return false;
    }
    I.own<CheckSettings>().Toggles.push_back({Enable, std::string(Id)});
    if (Comma == std::string_view::npos)
      return true;
    Rest = Rest.substr(Comma + 1);
  }
}

bool applyRuleOption(Invocation &I, std::string_view V, std::string &Error) {
  size_t Eq = V.find('=');
  if (Eq == std::string_view::npos || V.find('.') > Eq) {
    Error = concat({"--rule-option expects RULE.OPTION=VALUE, found ",
                    quote(V)});
    return false;
  }
  I.own<CheckSettings>().RuleOpts[std::string(V.substr(0, Eq))] =
      std::string(V.substr(Eq + 1));
  return true;
}

std::vector<std::string_view> ruleIds() {
  std::vector<std::string_view> Ids;
  for (const Rule *R : allRules())
    Ids.push_back(R->info().Id);
  return Ids;
}

/// The rules --enable and --disable leave on, in id order.
bool enabledRules(const CheckSettings &S, std::vector<const Rule *> &Enabled,
                  std::string &Error) {
  std::vector<std::string_view> Ids = ruleIds();
  std::vector<uint8_t> On(Ids.size(), 1);
  for (const auto &[Enable, Id] : S.Toggles) {
    if (Id == "all") {
      std::fill(On.begin(), On.end(), Enable);
      continue;
    }
    size_t I = std::find(Ids.begin(), Ids.end(), Id) - Ids.begin();
    if (I == Ids.size()) {
      std::string Hint = didYouMean(Id, Ids);
      Error = concat({"unknown rule ", quote(Id), " in --",
                      Enable ? "enable" : "disable", Hint,
                      Hint.empty() ? " (`chokepoint rules` lists them)" : ""});
      return false;
    }
    On[I] = Enable;
  }
  for (size_t I = 0; I < On.size(); ++I)
    if (On[I])
      Enabled.push_back(allRules()[I]);
  return true;
}

/// Checks each --rule-option against the option its rule declares.
bool checkRuleOptions(const CheckSettings &S, std::string &Error) {
  for (const auto &[Key, Value] : S.RuleOpts) {
    size_t Dot = Key.find('.');
    std::string RuleId = Key.substr(0, Dot), Opt = Key.substr(Dot + 1);
    const Rule *R = findRule(RuleId);
    if (!R) {
      Error = concat({"unknown rule ", quote(RuleId), " in --rule-option",
                      didYouMean(RuleId, ruleIds())});
      return false;
    }
    const OptionInfo *Info = nullptr;
    std::vector<std::string_view> Names;
    for (const OptionInfo &OI : R->info().Options) {
      Names.push_back(OI.Name);
      if (OI.Name == Opt)
        Info = &OI;
    }
    if (!Info) {
      Error = concat({"rule ", quote(RuleId), " has no option ", quote(Opt),
                      Names.empty() ? " (it takes none)"
                                    : didYouMean(Opt, Names)});
      return false;
    }
    if (std::string Why = validateOption(*Info, Value); !Why.empty()) {
      Error = concat({"invalid value ", quote(Value), " for ", Key, ": ", Why});
      return false;
    }
  }
  return true;
}

std::string usage(const CommandInfo &Self) {
  return concat(
      {"Usage: chokepoint check [options] INPUT...\n\n"
       "Reads topologies (files, folders searched for *.yaml, *.yml and "
       "*.json,\nor - for standard input), builds one graph and reports "
       "findings.\nFormats: ",
       emitterNames(),
       ".\nExit codes: 0 nothing at or above --fail-on, 1 findings at or "
       "above it,\n2 bad usage or bad input.\n",
       optionsHelp(Self)});
}

int run(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  const CheckSettings &S = I.own<CheckSettings>();
  AnalysisRequest Req;
  std::string Error;
  if (!enabledRules(S, Req.Rules, Error) || !checkRuleOptions(S, Error))
    return usageError(Err, Error);
  Req.RuleOpts = S.RuleOpts;
  Req.P = S.P;
  Req.DefaultFormat = "text";
  return runAnalysis(I, Req, Out, Err);
}

const CommandInfo Check{
    "check",
    "analyse inputs and report findings",
    10,
    {},
    /*TakesOperands=*/true,
    {"format", "output", "fail-on", "enable", "disable", "rule-option", "jobs",
     "max-input-size", "verbose", "stats", "color", "focus", "depth",
     "only-findings", "rule", "collapse", "max-nodes", "layout"},
    {{"fail-on", 0, "SEVERITY",
      "lowest severity that makes the exit code 1: note, warning (default), "
      "error or never",
      applyFailOn},
     {"enable", 0, "RULES", "run these rules (comma-separated ids, or all)",
      [](Invocation &I, std::string_view V, std::string &Error) {
        return applyRuleList(I, V, true, Error);
      }},
     {"disable", 0, "RULES",
      "do not run these rules (comma-separated ids, or all)",
      [](Invocation &I, std::string_view V, std::string &Error) {
        return applyRuleList(I, V, false, Error);
      }},
     {"rule-option", 0, "RULE.OPTION=VALUE",
      "set a rule option: RULE.OPTION=VALUE (see `chokepoint rules`)",
      applyRuleOption}},
    usage,
    run};
CHOKEPOINT_COMMAND(Check);

} // namespace
} // namespace chokepoint
