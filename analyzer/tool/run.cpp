//===- analyzer/tool/run.cpp - What check and graph share -----------------===//

#include "analyzer/tool/run.h"
#include "analyzer/support/memory.h"
#include "analyzer/support/threads.h"

#include "analyzer/report/emitter.h"
#include "analyzer/report/report.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/affected.h"
#include "analyzer/tool/baseline.h"
#include "analyzer/tool/load.h"
#include "analyzer/tool/outputs.h"

#include "llvm/Support/BuryPointer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iterator>
#include <optional>

namespace chokepoint {

namespace {

/// Runs the rules on up to Jobs threads (0: one per core) and returns their
/// findings in the rules' order: the same findings, in the same order, for
/// every Jobs. On several threads each rule fills a list of its own and the
/// lists are joined after; the facts rules share are made once, by the
/// first rule to ask (graphs/analysis.h). On one, the rules write straight
/// into the one list, which spares the memory of a second copy.
std::vector<Finding> runRules(const AnalysisRequest &Req, Analysis &A,
                              unsigned Jobs, Stats &Timer,
                              llvm::raw_ostream &Err) {
  size_t N = Req.Rules.size();
  std::vector<Finding> Findings;
  Jobs = threadCount(Jobs);
  size_t Threads = std::min<size_t>(Jobs, N);
  if (Threads <= 1) {
    for (const Rule *Rl : Req.Rules)
      Timer.step(Err, Rl->info().Id, [&] {
        RuleContext Ctx(A, Rl->info(), Req.RuleOpts, Findings);
        Rl->check(Ctx);
      });
    return Findings;
  }
  std::vector<std::vector<Finding>> Found(N);
  std::vector<double> Seconds(N);
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next.fetch_add(1)) < N;) {
      auto Start = std::chrono::steady_clock::now();
      RuleContext Ctx(A, Req.Rules[I]->info(), Req.RuleOpts, Found[I]);
      Req.Rules[I]->check(Ctx);
      Seconds[I] = Stats::secondsSince(Start);
    }
  };
  onThreads(unsigned(Threads), [&](unsigned) { Work(); });
  // The joined list and the rules' own are alive at once: free what only
  // the rules read first, and hand it back, so the join does not raise
  // the peak (islands at 100k: 108,601 findings of 232 bytes, 25 MB).
  A.releaseRuleFacts();
  releaseFreeMemory();
  size_t Total = 0;
  for (size_t I = 0; I < N; ++I) {
    Timer.stepTook(Err, Req.Rules[I]->info().Id, Seconds[I]);
    Total += Found[I].size();
  }
  Findings.reserve(Total);
  for (std::vector<Finding> &F : Found) {
    std::move(F.begin(), F.end(), std::back_inserter(Findings));
    std::vector<Finding>().swap(F);
  }
  return Findings;
}

/// The findings --write-baseline records: what the policy reports when no
/// baseline hides any.
std::vector<BaselineEntry> baselineEntries(const Policy &P,
                                           std::vector<Finding> Findings) {
  Policy All = P;
  All.Baseline.reset();
  All.ReportUnused = false;
  applyPolicy(All, Findings);
  std::vector<BaselineEntry> Entries;
  for (const Finding &F : Findings)
    Entries.push_back({F.Fingerprint, F.Rule, F.Node, F.Message, {}});
  return Entries;
}

/// Writes R in every format asked for, and the baseline file when asked:
/// all of them or none.
bool writeReport(const Invocation &I, const std::vector<OutputRequest> &Outputs,
                 const Report &R, const OutputRequest *Baseline,
                 const std::vector<BaselineEntry> &Entries,
                 llvm::raw_ostream &Out, std::string &Error) {
  std::vector<OutputWriter> Writers;
  if (Baseline)
    Writers.push_back({Baseline, [&Entries](llvm::raw_ostream &OS, bool) {
                         writeBaseline(OS, Entries);
                       }});
  for (const OutputRequest &Req : Outputs) {
    const EmitterInfo *E = findEmitter(Req.Format);
    Writers.push_back({&Req, [&I, &R, E](llvm::raw_ostream &OS, bool Stdout) {
                         EmitOptions O;
                         O.Colors = useColors(I.Color, OS, Stdout);
                         O.View = I.View;
                         O.Graph = !I.NoGraph;
                         O.Jobs = threadCount(I.Jobs);
                         E->Write(OS, R, O);
                       }});
  }
  return writeOutputs(Writers, Out, Error);
}

/// Says on standard error what the pictures left out that no option asked
/// to leave out (the automatic findings view, the --max-nodes cap): their
/// caption says it too, but a picture written to a file is not looked at
/// before the run ends. Pictures that leave out the same get one remark (dot
/// is never focused by itself, svg and html are).
void remarkLeftOut(const Invocation &I,
                   const std::vector<OutputRequest> &Outputs, const Report &R,
                   const SourceManager &SM, llvm::raw_ostream &Err) {
  std::optional<std::string> LeftOut[2]; // by autoFocuses(format)
  std::vector<std::pair<std::string, std::vector<std::string>>> Said;
  for (const OutputRequest &O : Outputs) {
    if (!isPictureFormat(O.Format))
      continue;
    std::optional<std::string> &L = LeftOut[autoFocuses(O.Format)];
    if (!L)
      L = makeView(R, I.View, autoFocuses(O.Format)).LeftOut;
    if (L->empty())
      continue;
    auto It = std::find_if(Said.begin(), Said.end(),
                           [&](const auto &S) { return S.first == *L; });
    if (It == Said.end())
      Said.push_back({*L, {O.Format}});
    else if (std::find(It->second.begin(), It->second.end(), O.Format) ==
             It->second.end())
      It->second.push_back(O.Format);
  }
  for (const auto &[Text, Names] : Said) {
    printDiagnostic(
        Err, SM,
        {DiagLevel::Remark,
         {},
         concat({"the ", joinWords(Names),
                 Names.size() == 1 ? " picture draws " : " pictures draw ",
                 Text}),
         {}},
        useColors(I.Color, Err, /*Terminal=*/true));
  }
}

} // namespace

int runAnalysis(const Invocation &I, const AnalysisRequest &Req,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  // Everything about the command line is checked before any input is read.
  std::vector<OutputRequest> Outputs;
  std::string Error;
  if (!resolveOutputs(I, Req.DefaultFormat, Outputs, Error))
    return usageError(Err, Error);
  std::vector<std::string_view> Formats;
  for (const OutputRequest &O : Outputs)
    Formats.push_back(O.Format);
  if (std::string E = checkViewOptions(I.View, Formats); !E.empty())
    return usageError(Err, E);
  if (I.NoGraph &&
      std::find(Formats.begin(), Formats.end(), "json") == Formats.end())
    return usageError(Err, "--no-graph leaves the graph out of the JSON "
                           "report: use it with --format json");
  if (I.Operands.empty() && I.BuildPath.empty())
    return usageError(Err, "no inputs: give files or folders to read, - "
                           "for standard input, or -p BUILD_DIR for C/C++ "
                           "code");

  // The baseline file is one more output, checked with the others.
  OutputRequest BaselineOut{"baseline", Req.WriteBaseline};
  if (!Req.WriteBaseline.empty()) {
    std::vector<OutputRequest> All = Outputs;
    All.push_back(BaselineOut);
    if (isStdout(Req.WriteBaseline) || !checkTargets(All, Error))
      return usageError(Err, Error.empty() ? "--write-baseline needs a file"
                                           : Error);
  }

  Stats Timer(I.Stats);
  LoadedModel L;
  L.ControlPlane = Req.ControlPlane;
  L.SourceServices = Req.SourceServices;
  L.SourceRoot = Req.SourceRoot;
  if (!loadModel(I, L, Timer, Err))
    return ExitBad;
  {
    // No output, the baseline file included, may replace an input.
    std::vector<OutputRequest> All = Outputs;
    if (!Req.WriteBaseline.empty())
      All.push_back(BaselineOut);
    if (!checkNotInputs(All, L.Inputs, Error))
      return usageError(Err, Error);
  }
  Policy P = Req.P;
  // Inline suppressions after the config file's: a finding both match is
  // shown as the config file's.
  P.Suppressions.insert(P.Suppressions.end(), L.Allows.begin(), L.Allows.end());
  if (!Req.Affected.empty()) {
    std::vector<uint8_t> Changed;
    if (!changedFiles(L.SM, Req.Affected, Changed, Error))
      return usageError(Err, Error);
    P.ChangedFiles = std::move(Changed);
  }
  if (std::string E = checkViewNodes(I.View, L.M->G); !E.empty())
    return usageError(Err, E);
  // The model, its analysis and the report are buried when the run ends,
  // not freed: the process is about to exit, and taking a million-edge
  // graph apart costs a quarter of a second for nothing (clang's
  // -disable-free does the same).
  auto A = std::make_unique<Analysis>(L.M->G);
  std::vector<Finding> Findings = runRules(Req, *A, I.Jobs, Timer, Err);
  std::vector<BaselineEntry> Entries;
  if (!Req.WriteBaseline.empty())
    Entries = baselineEntries(P, Findings);
  PolicyOutcome O = applyPolicy(P, Findings);
  Timer.phase(Err, "rules");
  if (Req.PolicySM)
    for (const Diagnostic &D : O.Diags.all())
      printDiagnostic(Err, *Req.PolicySM, D, Req.Colors);
  for (const Diagnostic &D : O.SourceDiags.all())
    printDiagnostic(Err, L.SM, D, Req.Colors);

  auto R = std::make_unique<Report>(makeReport(
      L.SM, *L.M, *A, std::move(Findings), L.Files, Req.GraphOnly));
  R->Suppressed = std::move(O.Suppressed);
  R->PolicySM = Req.PolicySM.get();
  R->Baseline = O.Baseline;
  if (!writeReport(I, Outputs, *R,
                   Req.WriteBaseline.empty() ? nullptr : &BaselineOut, Entries,
                   Out, Error))
    return usageError(Err, Error);
  remarkLeftOut(I, Outputs, *R, L.SM, Err);
  Timer.phase(Err, "output");

  if (P.FailOnStale && !O.Stale.empty())
    Err << "chokepoint: "
        << plural(O.Stale.size(), "baseline entry no longer occurs",
                  "baseline entries no longer occur")
        << " (--fail-on-stale): update the baseline with --write-baseline\n";
  int Exit = exitCode(P, R->Findings, O);
  llvm::BuryPointer(std::move(R));
  llvm::BuryPointer(std::move(A));
  llvm::BuryPointer(std::move(L.M));
  return Exit;
}

} // namespace chokepoint
