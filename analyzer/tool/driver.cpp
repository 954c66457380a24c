//===- analyzer/driver.cpp - One run of chokepoint ------------------------===//

#include "analyzer/tool/driver.h"

#include "analyzer/facts/build.h"
#include "analyzer/manifests/load.h"
#include "analyzer/report/emitter.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/cli.h"
#include "rules/rule.h"

#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <sys/resource.h>
#include <thread>

namespace chokepoint {

namespace {

constexpr int ExitClean = 0, ExitFindings = 1, ExitBad = 2;

llvm::StringRef sr(std::string_view S) { return {S.data(), S.size()}; }

/// Phase timings and peak memory for --stats (and bench/).
class Stats {
public:
  explicit Stats(bool On) : On(On), Last(std::chrono::steady_clock::now()) {}
  void phase(llvm::raw_ostream &Err, std::string_view Name) {
    if (!On)
      return;
    auto Now = std::chrono::steady_clock::now();
    double Secs = std::chrono::duration<double>(Now - Last).count();
    Last = Now;
    struct rusage U;
    getrusage(RUSAGE_SELF, &U);
    Err << llvm::format("stats: phase=%s seconds=%.3f peak_rss_mib=%.1f\n",
                        std::string(Name).c_str(), Secs,
                        double(U.ru_maxrss) / 1024.0);
  }

  /// Times one step inside a phase (a rule), without ending the phase.
  template <typename Fn>
  void step(llvm::raw_ostream &Err, std::string_view Name, Fn &&F) {
    auto Start = std::chrono::steady_clock::now();
    F();
    if (On)
      Err << llvm::format(
          "stats: rule=%s seconds=%.3f\n", std::string(Name).c_str(),
          std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                        Start)
              .count());
  }

private:
  bool On;
  std::chrono::steady_clock::time_point Last;
};

/// A run reports at most this many errors, as clang does: past it, errors
/// are mostly consequences of the first ones.
constexpr size_t ErrorLimit = DiagnosticList::ErrorLimit;

/// Prints the diagnostics up to the ErrorLimit-th error, then says that it
/// stopped. Each file stops reading at the limit on its own (files are read
/// in parallel), so the run's total can pass it; the cut keeps the output
/// the same whatever -j.
void printAll(llvm::raw_ostream &Err, const SourceManager &SM,
              const DiagnosticList &Diags) {
  bool Colors = Err.has_colors();
  size_t Errors = 0;
  for (const Diagnostic &D : Diags.all()) {
    if (D.Level == DiagLevel::Error && Errors == ErrorLimit)
      break;
    printDiagnostic(Err, SM, D, Colors);
    Errors += D.Level == DiagLevel::Error;
  }
  if (Diags.full()) // it kept one error past the limit: there were more
    Err << "chokepoint: too many errors; stopped after " << ErrorLimit << "\n";
}

bool isStdout(const std::string &File) { return File.empty() || File == "-"; }

/// Writes every output of a run, or none of them. Outputs to regular files
/// are first written to temporary files beside their targets and renamed
/// into place only once all of them were written, so a reader never sees a
/// half-written file and a failure leaves every target as it was. Special
/// files (/dev/null, a pipe) cannot be replaced by a rename and are written
/// directly. Standard output comes last.
bool writeOutputs(
    const std::vector<std::pair<const OutputRequest *,
                                std::function<void(llvm::raw_ostream &)>>>
        &Outputs,
    llvm::raw_ostream &Out, std::string &Error) {
  namespace fs = llvm::sys::fs;
  std::vector<std::pair<fs::TempFile, std::string>> Temps;
  auto Fail = [&](const std::string &File, const std::string &Why) {
    Error = "cannot write " + quote(File) + ": " + Why;
    for (auto &[T, Name] : Temps)
      llvm::consumeError(T.discard());
    return false;
  };
  for (const auto &[Req, Write] : Outputs) {
    if (isStdout(Req->File))
      continue;
    fs::file_status St;
    if (!fs::status(Req->File, St) && fs::exists(St) &&
        !fs::is_regular_file(St)) {
      if (fs::is_directory(St))
        return Fail(Req->File, "it is a folder");
      std::error_code Ec;
      llvm::raw_fd_ostream OS(Req->File, Ec);
      if (Ec)
        return Fail(Req->File, why(Ec));
      Write(OS);
      continue;
    }
    llvm::Expected<fs::TempFile> T =
        fs::TempFile::create(Req->File + ".tmp-%%%%%%");
    if (!T)
      return Fail(Req->File, why(llvm::errorToErrorCode(T.takeError())));
    Temps.emplace_back(std::move(*T), Req->File);
    llvm::raw_fd_ostream OS(Temps.back().first.FD, /*shouldClose=*/false);
    Write(OS);
    OS.flush();
    if (OS.has_error()) {
      std::string Why = why(OS.error());
      OS.clear_error();
      return Fail(Req->File, Why);
    }
  }
  for (size_t I = 0; I < Temps.size(); ++I)
    if (llvm::Error E = Temps[I].first.keep(Temps[I].second)) {
      std::string Why = why(llvm::errorToErrorCode(std::move(E)));
      for (size_t J = I + 1; J < Temps.size(); ++J)
        llvm::consumeError(Temps[J].first.discard());
      Error = "cannot write " + quote(Temps[I].second) + ": " + Why;
      return false;
    }
  for (const auto &[Req, Write] : Outputs)
    if (isStdout(Req->File)) {
      Write(Out);
      Out.flush();
    }
  return true;
}

/// Checks that no two outputs go to the same place.
bool checkTargets(const std::vector<OutputRequest> &Outputs,
                  std::string &Error) {
  std::vector<std::string> Seen;
  for (const OutputRequest &R : Outputs) {
    std::string Key = "-";
    if (!isStdout(R.File)) {
      std::error_code Ec;
      // Absolute first: weakly_canonical leaves a relative path whose first
      // part does not exist unchanged, so "x" and "./x" would differ.
      std::filesystem::path P = std::filesystem::weakly_canonical(
          std::filesystem::absolute(R.File, Ec), Ec);
      Key = Ec ? R.File : P.string();
    }
    if (std::find(Seen.begin(), Seen.end(), Key) != Seen.end()) {
      Error =
          "several formats would go to " +
          (Key == "-" ? std::string("standard output") : "'" + R.File + "'") +
          ": give each its own file with --format FORMAT=FILE";
      return false;
    }
    Seen.push_back(Key);
  }
  return true;
}

void writeRulesJson(llvm::raw_ostream &Out) {
  llvm::json::OStream J(Out, 2);
  J.array([&] {
    for (const Rule *R : allRules()) {
      const RuleInfo &I = R->info();
      J.object([&] {
        J.attribute("id", sr(I.Id));
        J.attribute("severity", sr(name(I.DefaultSeverity)));
        J.attribute("summary", sr(I.Summary));
        J.attribute("doc", "docs/rules/" + std::string(I.Id) + ".md");
        J.attributeArray("options", [&] {
          for (const OptionInfo &OI : I.Options)
            J.object([&] {
              J.attribute("name", sr(OI.Name));
              J.attribute("type", sr(name(OI.Type)));
              J.attribute("default", sr(OI.Default));
              J.attribute("description", sr(OI.Description));
            });
        });
      });
    }
  });
  Out << "\n";
}

void writeRulesText(llvm::raw_ostream &Out) {
  for (const Rule *R : allRules()) {
    const RuleInfo &I = R->info();
    Out << llvm::format("%-22s %-8s ", std::string(I.Id).c_str(),
                        std::string(name(I.DefaultSeverity)).c_str())
        << I.Summary << "\n";
    for (const OptionInfo &OI : I.Options)
      Out << std::string(32, ' ') << "option " << I.Id << "." << OI.Name
          << " (" << name(OI.Type) << ", default " << OI.Default
          << "): " << OI.Description << "\n";
  }
}

/// `chokepoint rules`: text or json, each --format to its own place, as
/// for `check`.
int listRules(const Options &O, llvm::raw_ostream &Out,
              llvm::raw_ostream &Err) {
  std::vector<OutputRequest> Requests = O.Outputs;
  if (Requests.empty())
    Requests.push_back({"text", ""});
  std::vector<std::pair<const OutputRequest *,
                        std::function<void(llvm::raw_ostream &)>>>
      Outputs;
  for (const OutputRequest &R : Requests) {
    if (R.Format != "text" && R.Format != "json") {
      Err << "chokepoint: error: 'rules' writes text or json, not '" << R.Format
          << "'" << didYouMean(R.Format, {"text", "json"}) << "\n";
      return ExitBad;
    }
    Outputs.push_back(
        {&R, R.Format == "json" ? writeRulesJson : writeRulesText});
  }
  std::string Error;
  if (!checkTargets(Requests, Error) || !writeOutputs(Outputs, Out, Error)) {
    Err << "chokepoint: error: " << Error << "\n";
    return ExitBad;
  }
  return ExitClean;
}

} // namespace

int runChokepoint(const std::vector<std::string> &Args, llvm::raw_ostream &Out,
                  llvm::raw_ostream &Err) {
  Options O;
  std::string Error;
  auto UsageError = [&](const std::string &Message) {
    Err << "chokepoint: error: " << Message << "\n";
    return ExitBad;
  };
  if (!parseCommandLine(Args, O, Error))
    return UsageError(Error);

  switch (O.Cmd) {
  case Command::Help:
    if (O.HelpFor.empty()) {
      Out << usage(Command::Help);
      return ExitClean;
    }
    for (Command C : {Command::Check, Command::Graph, Command::Rules})
      if (O.HelpFor == (C == Command::Check   ? "check"
                        : C == Command::Graph ? "graph"
                                              : "rules")) {
        Out << usage(C);
        return ExitClean;
      }
    if (O.HelpFor == "help" || O.HelpFor == "version") {
      Out << usage(Command::Help);
      return ExitClean;
    }
    return UsageError(
        "no help for '" + O.HelpFor + "'" +
        didYouMean(O.HelpFor, {"check", "graph", "rules", "help", "version"}) +
        " (commands: check, graph, rules, help, version)");
  case Command::Version:
    Out << "chokepoint " << CHOKEPOINT_VERSION << "\n";
    return ExitClean;
  case Command::Rules:
    return listRules(O, Out, Err);
  case Command::Check:
  case Command::Graph:
    break;
  }

  // Everything about the command line is checked before any input is read.
  std::vector<const Rule *> Enabled;
  if (O.Cmd == Command::Check && !resolveRules(O, Enabled, Error))
    return UsageError(Error);
  std::vector<OutputRequest> Outputs = O.Outputs;
  if (Outputs.empty())
    Outputs.push_back({O.Cmd == Command::Graph ? "json" : "text", ""});
  bool UsesOutputFile = false;
  for (OutputRequest &R : Outputs) {
    if (!findEmitter(R.Format)) {
      std::vector<std::string_view> Names;
      std::string List;
      for (const EmitterInfo *E : allEmitters()) {
        Names.push_back(E->Name);
        List += (List.empty() ? "" : ", ") + std::string(E->Name);
      }
      bool Planned = R.Format == "sarif" || R.Format == "dot" ||
                     R.Format == "svg" || R.Format == "html" ||
                     R.Format == "markdown";
      return UsageError(Planned ? "format '" + R.Format +
                                      "' is not in this version yet "
                                      "(available: " +
                                      List + ")"
                                : "unknown format '" + R.Format +
                                      "' (available: " + List + ")" +
                                      didYouMean(R.Format, Names));
    }
    if (R.File.empty()) {
      R.File = O.OutputFile;
      UsesOutputFile = true;
    }
  }
  // `-o x --format json=y` would write nothing to x: say so rather than
  // leave the user looking for a file that was never meant to be written.
  if (!O.OutputFile.empty() && !UsesOutputFile)
    return UsageError("-o '" + O.OutputFile +
                      "' is not used: every --format names its own file");
  if (!checkTargets(Outputs, Error))
    return UsageError(Error);
  if (O.Inputs.empty())
    return UsageError("no inputs: give files or folders to read, or - for "
                      "standard input");

  Stats Timer(O.Stats);
  DiagnosticList Diags;
  SourceManager SM;
  LoadResult Loaded;
  LoadOptions LO;
  LO.Jobs = O.Jobs;
  LO.Verbose = O.Verbose;
  loadManifests(O.Inputs, LO, SM, Loaded, Diags, Err);
  Timer.phase(Err, "parse");

  // The model, its analysis and the report are buried when the run ends,
  // not freed: the process is about to exit, and taking a million-edge
  // graph apart costs a quarter of a second for nothing (clang's
  // -disable-free does the same).
  auto OwnedModel = std::make_unique<Model>();
  Model &M = *OwnedModel;
  const BuildOptions &BO = O.Build;
  if (!Diags.hasErrors())
    resolveRelations(Loaded.Facts, BO, Diags);
  if (!Diags.hasErrors() && buildModel(Loaded.Facts, BO, M, Diags) &&
      M.G.numNodes() == 0)
    Diags.error({}, "the inputs define no services");
  if (O.Verbose && !Diags.hasErrors())
    for (const auto &[Loc, Line] : M.Verbose) {
      Err << "chokepoint: ";
      if (Loc.valid())
        Err << SM.name(Loc.file) << ":" << Loc.line << ":" << Loc.column
            << ": ";
      Err << Line << "\n";
    }
  Loaded.Facts.clear();
  if (Diags.hasErrors()) {
    printAll(Err, SM, Diags);
    return ExitBad;
  }
  printAll(Err, SM, Diags); // warnings, if any
  Timer.phase(Err, "build");

  auto OwnedAnalysis = std::make_unique<Analysis>(M.G);
  Analysis &A = *OwnedAnalysis;
  auto OwnedReport = std::make_unique<Report>();
  Report &R = *OwnedReport;
  R.SM = &SM;
  R.M = &M;
  R.A = &A;
  R.Files = Loaded.Files;
  R.GraphOnly = O.Cmd == Command::Graph;
  if (O.Cmd == Command::Check) {
    for (const Rule *Rl : Enabled)
      Timer.step(Err, Rl->info().Id, [&] {
        RuleContext Ctx(A, Rl->info(), O.RuleOpts, R.Findings);
        Rl->check(Ctx);
      });
    std::sort(R.Findings.begin(), R.Findings.end());
  }
  Timer.phase(Err, "rules");

  std::vector<std::pair<const OutputRequest *,
                        std::function<void(llvm::raw_ostream &)>>>
      Writers;
  for (const OutputRequest &Req : Outputs) {
    const EmitterInfo *E = findEmitter(Req.Format);
    Writers.push_back({&Req, [&R, E, &Req](llvm::raw_ostream &OS) {
                         R.Colors = isStdout(Req.File) && OS.has_colors() &&
                                    E->Name == "text";
                         E->Write(OS, R);
                       }});
  }
  if (!writeOutputs(Writers, Out, Error))
    return UsageError(Error);
  Timer.phase(Err, "output");

  int Exit = ExitClean;
  if (O.FailOn)
    for (const Finding &F : R.Findings)
      if (F.Sev >= *O.FailOn)
        Exit = ExitFindings;
  llvm::BuryPointer(std::move(OwnedReport));
  llvm::BuryPointer(std::move(OwnedAnalysis));
  llvm::BuryPointer(std::move(OwnedModel));
  return Exit;
}

} // namespace chokepoint
