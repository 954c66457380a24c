//===- analyzer/tool/run.cpp - What check and graph share -----------------===//

#include "analyzer/tool/run.h"

#include "analyzer/report/emitter.h"
#include "analyzer/report/report.h"
#include "analyzer/tool/load.h"
#include "analyzer/tool/outputs.h"

#include "llvm/Support/BuryPointer.h"

namespace chokepoint {

namespace {

/// Runs the rules, each timed under --stats, and returns their findings.
std::vector<Finding> runRules(const AnalysisRequest &Req, Analysis &A,
                              Stats &Timer, llvm::raw_ostream &Err) {
  std::vector<Finding> Findings;
  for (const Rule *Rl : Req.Rules)
    Timer.step(Err, Rl->info().Id, [&] {
      RuleContext Ctx(A, Rl->info(), Req.RuleOpts, Findings);
      Rl->check(Ctx);
    });
  return Findings;
}

/// Writes R in every format asked for.
bool writeReport(const Invocation &I, const std::vector<OutputRequest> &Outputs,
                 const Report &R, llvm::raw_ostream &Out, std::string &Error) {
  std::vector<OutputWriter> Writers;
  for (const OutputRequest &Req : Outputs) {
    const EmitterInfo *E = findEmitter(Req.Format);
    Writers.push_back({&Req, [&I, &R, E](llvm::raw_ostream &OS, bool Stdout) {
                         EmitOptions O;
                         O.Colors = useColors(I.Color, OS, Stdout);
                         E->Write(OS, R, O);
                       }});
  }
  return writeOutputs(Writers, Out, Error);
}

} // namespace

int runAnalysis(const Invocation &I, const AnalysisRequest &Req,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  // Everything about the command line is checked before any input is read.
  std::vector<OutputRequest> Outputs;
  std::string Error;
  if (!resolveOutputs(I, Req.DefaultFormat, Outputs, Error))
    return usageError(Err, Error);
  if (I.Operands.empty())
    return usageError(Err, "no inputs: give files or folders to read, or - "
                           "for standard input");

  Stats Timer(I.Stats);
  LoadedModel L;
  if (!loadModel(I, L, Timer, Err))
    return ExitBad;
  if (!checkNotInputs(Outputs, L.Inputs, Error))
    return usageError(Err, Error);
  // The model, its analysis and the report are buried when the run ends,
  // not freed: the process is about to exit, and taking a million-edge
  // graph apart costs a quarter of a second for nothing (clang's
  // -disable-free does the same).
  auto A = std::make_unique<Analysis>(L.M->G);
  std::vector<Finding> Findings = runRules(Req, *A, Timer, Err);
  applyPolicy(Req.P, Findings);
  Timer.phase(Err, "rules");

  auto R = std::make_unique<Report>(makeReport(
      L.SM, *L.M, *A, std::move(Findings), L.Files, Req.GraphOnly));
  if (!writeReport(I, Outputs, *R, Out, Error))
    return usageError(Err, Error);
  Timer.phase(Err, "output");

  int Exit = exitCode(Req.P, R->Findings);
  llvm::BuryPointer(std::move(R));
  llvm::BuryPointer(std::move(A));
  llvm::BuryPointer(std::move(L.M));
  return Exit;
}

} // namespace chokepoint
