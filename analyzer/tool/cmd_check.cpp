//===- analyzer/tool/cmd_check.cpp - chokepoint check ---------------------===//
//
// Reads the inputs, runs the enabled rules and reports their findings.
// Its options (settings.h, shared with `chokepoint config`) choose the
// rules, set their options, the config file, suppressions, baselines and
// which severity fails the run.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/emitter.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/baseline.h"
#include "analyzer/tool/outputs.h"
#include "analyzer/tool/run.h"
#include "analyzer/tool/settings.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <chrono>
#include <ctime>

namespace chokepoint {
namespace {

/// Today in UTC, "YYYY-MM-DD", for suppressions' `expires:`.
std::string today() {
  std::time_t Now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm Utc{};
  gmtime_r(&Now, &Utc);
  char Buf[16];
  std::strftime(Buf, sizeof Buf, "%Y-%m-%d", &Utc);
  return Buf;
}

/// The request check's settings make.
bool makeRequest(Settings &S, AnalysisRequest &Req, llvm::raw_ostream &Err,
                 bool Colors) {
  for (size_t I = 0; I < allRules().size(); ++I) {
    if (S.RuleOn[I].Value)
      Req.Rules.push_back(allRules()[I]);
    const SeverityOverride &L = S.Levels[I].Value;
    if (L.Default || L.Elevated)
      Req.P.Severities[std::string(allRules()[I]->info().Id)] = L;
  }
  for (const auto &[Key, Value] : S.RuleOpts)
    Req.RuleOpts[Key] = Value.Value;
  Req.P.FailOn = S.FailOn.Value;
  Req.P.Suppressions = S.Suppressions;
  Req.P.Strict = S.Strict;
  Req.P.Today = today();
  Req.P.FailOnStale = S.FailOnStale;
  Req.P.ReportUnused = S.ReportUnused;
  for (const Sourced<std::string> &C : S.ControlPlane)
    Req.ControlPlane.push_back(C.Value);
  for (const auto &[Glob, Service] : S.SourceServices)
    Req.SourceServices.push_back({Glob.Value, Service});
  if (!S.ConfigPath.empty()) {
    llvm::SmallString<256> Root(S.ConfigPath);
    llvm::sys::fs::make_absolute(Root);
    llvm::sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
    llvm::sys::path::remove_filename(Root);
    Req.SourceRoot = concat({Root.str(), "/"});
  }
  Req.Affected = S.Affected;
  Req.WriteBaseline = S.WriteBaseline;
  Req.PolicySM = S.ConfigSM;
  Req.Colors = Colors;
  // A baseline that does not exist yet is what --write-baseline is about
  // to create: reading it is skipped, not an error, only then.
  bool Creating =
      !S.WriteBaseline.empty() && !llvm::sys::fs::exists(S.Baseline.Value);
  if (!S.Baseline.Value.empty() && !Creating) {
    DiagnosticList Diags;
    std::vector<BaselineEntry> Entries;
    bool Ok = loadBaseline(*S.ConfigSM, S.Baseline.Value, Entries, Diags);
    for (const Diagnostic &D : Diags.all())
      printDiagnostic(Err, *S.ConfigSM, D, Colors);
    if (!Ok)
      return false;
    Req.P.Baseline = std::move(Entries);
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
  bool Colors = useColors(I.Color, Err, /*Terminal=*/true);
  Settings S;
  AnalysisRequest Req;
  // -p alone names no input to look above: the config file is the
  // working directory's, as for standard input.
  std::vector<std::string> Where = I.Operands;
  if (Where.empty() && !I.BuildPath.empty())
    Where.push_back(".");
  if (!resolveSettings(I.own<CheckOptions>(), Where, S, Err, Colors) ||
      !makeRequest(S, Req, Err, Colors))
    return ExitBad;
  Req.DefaultFormat = "text";
  return runAnalysis(I, Req, Out, Err);
}

std::vector<std::string_view> options() {
  std::vector<std::string_view> Names = {"format", "output", "no-graph"};
  for (std::string_view N : checkOptionNames())
    Names.push_back(N);
  for (std::string_view N :
       {"jobs", "max-input-size", "build-path", "service-map", "keep-going", "namespace", "control-plane-name",
        "mesh-default-retries", "exclude", "verbose", "stats", "color", "focus",
        "depth", "only-findings", "rule", "collapse", "max-nodes", "layout"})
    Names.push_back(N);
  return Names;
}

const CommandInfo Check{"check",
                        "analyse inputs and report findings",
                        10,
                        {},
                        /*TakesOperands=*/true,
                        options(),
                        checkOptionSpecs(),
                        usage,
                        run};
CHOKEPOINT_COMMAND(Check);

} // namespace
} // namespace chokepoint
