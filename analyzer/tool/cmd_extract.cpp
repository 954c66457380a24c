//===- analyzer/tool/cmd_extract.cpp - chokepoint extract -----------------===//
//
// Analyses one translation unit of a compile database and writes its facts
// (analyzer/facts/facts_json.h), which check and graph read among their
// inputs as if they had analysed the TU themselves: the build runs one
// extraction per TU (cmake/Chokepoint.cmake), in parallel and only for the
// TUs that changed.
//
//===----------------------------------------------------------------------===//

#include "analyzer/facts/facts_json.h"
#include "analyzer/tool/load.h"
#include "analyzer/tool/outputs.h"

#include "llvm/Support/FileSystem.h"

namespace chokepoint {
namespace {

/// extract's own options.
struct ExtractOptions {
  std::string Depfile; ///< --depfile
};

/// A path as a Makefile rule names it: spaces, '#' and '$' escaped.
std::string makeEscaped(const std::string &P) {
  std::string S;
  for (char C : P) {
    if (C == ' ' || C == '#')
      S += '\\';
    if (C == '$')
      S += '$';
    S += C;
  }
  return S;
}

/// The depfile: Target depends on every file the TU read.
void writeDepfile(llvm::raw_ostream &OS, const std::string &Target,
                  const std::vector<std::string> &Read) {
  OS << makeEscaped(Target) << ":";
  for (const std::string &P : Read)
    OS << " \\\n  " << makeEscaped(P);
  OS << "\n";
}

std::string usage(const CommandInfo &Self) {
  return concat(
      {"Usage: chokepoint extract -p BUILD_DIR [options] FILE\n\n"
       "Writes the facts of one translation unit, FILE, a source of "
       "BUILD_DIR/compile_commands.json,\nto -o (a *.facts.json file that "
       "check and graph read among their inputs; docs/code.md).\n",
       optionsHelp(Self)});
}

int run(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  if (I.BuildPath.empty())
    return usageError(Err, "extract needs the compile database: -p BUILD_DIR "
                           "(CMake writes one with "
                           "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON; other builds: "
                           "bear -- make)");
  if (I.Operands.size() != 1)
    return usageError(Err,
                      concat({"extract reads one translation unit, found ",
                              std::to_string(I.Operands.size()), " inputs"}));
  const std::string &File = I.Operands.front();
  bool Colors = useColors(I.Color, Err, /*Terminal=*/true);
  CodeOptions Options = codeOptions(I);
  Options.Jobs = 1;
  CodeUnit U;
  DiagnosticList Diags;
  SourceManager SM;
  if (!extractUnit(Options, File, U, Diags)) {
    printAllDiagnostics(Err, SM, Diags, Colors);
    return ExitBad;
  }
  // The facts keep the TU's own file table; only the diagnostics need the
  // files (to quote their lines).
  std::vector<std::string> Files = U.T->UnitFiles;
  if (U.Diags.hasErrors()) {
    FactSet Scratch;
    UnitImporter(SM).import(U, Scratch, Diags);
    printAllDiagnostics(Err, SM, Diags, Colors);
    return ExitBad;
  }
  OutputRequest Request{"facts", I.OutputFile};
  const std::string &Depfile = I.own<ExtractOptions>().Depfile;
  if (!Depfile.empty() && isStdout(I.OutputFile))
    return usageError(Err, "--depfile names what -o depends on: give -o FILE");
  OutputRequest DepRequest{"depfile", Depfile};
  std::vector<FileIdentity> Inputs;
  for (const std::string &P : Files) {
    llvm::sys::fs::file_status St;
    if (!llvm::sys::fs::status(P, St))
      Inputs.push_back(
          {St.getUniqueID().getDevice(), St.getUniqueID().getFile()});
  }
  std::string Error;
  std::vector<OutputRequest> Requests{Request};
  if (!Depfile.empty())
    Requests.push_back(DepRequest);
  if (!checkTargets(Requests, Error) ||
      !checkNotInputs(Requests, Inputs, Error))
    return usageError(Err, Error);
  const Topology &T = *U.T;
  std::vector<OutputWriter> Writers{
      {&Request, [&](llvm::raw_ostream &OS, bool) { writeUnitFacts(T, OS); }}};
  if (!Depfile.empty())
    Writers.push_back({&DepRequest, [&](llvm::raw_ostream &OS, bool) {
                         writeDepfile(OS, I.OutputFile, U.Read);
                       }});
  if (!writeOutputs(Writers, Out, Error))
    return usageError(Err, Error);
  return ExitClean;
}

const CommandInfo ExtractCommand{
    "extract",
    "write one translation unit's facts, for check and graph to read",
    35,
    {},
    /*TakesOperands=*/true,
    {"build-path", "output", "depfile", "service-map", "color"},
    {{"depfile", 0, "FILE",
      "also write a Makefile depfile: -o depends on every file the TU read "
      "(for build systems; cmake/Chokepoint.cmake uses it)",
      [](Invocation &I, std::string_view V, std::string &) {
        I.own<ExtractOptions>().Depfile = std::string(V);
        return true;
      }}},
    usage,
    run};
CHOKEPOINT_COMMAND(ExtractCommand);

} // namespace
} // namespace chokepoint
