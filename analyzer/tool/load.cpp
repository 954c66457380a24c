//===- analyzer/tool/load.cpp - From the inputs to the model --------------===//

#include "analyzer/tool/load.h"

#include "analyzer/code/code.h"
#include "analyzer/manifests/load.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/memory.h"
#include "analyzer/support/sort.h"
#include "analyzer/tool/outputs.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <set>

namespace chokepoint {

namespace {

/// A run reports at most this many errors, as clang does: past it, errors
/// are mostly consequences of the first ones.
constexpr size_t ErrorLimit = DiagnosticList::ErrorLimit;

} // namespace

/// Prints the diagnostics up to the ErrorLimit-th error, then says that it
/// stopped. Each file stops reading at the limit on its own (files are read
/// in parallel), so the run's total can pass it; the cut keeps the output
/// the same whatever -j.
void printAllDiagnostics(llvm::raw_ostream &Err, const SourceManager &SM,
                         const DiagnosticList &Diags, bool Colors) {
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

CodeOptions codeOptions(const Invocation &I) {
  CodeOptions Code;
  Code.BuildDir = I.BuildPath;
  Code.Jobs = I.Jobs;
  Code.KeepGoing = I.KeepGoing;
  Code.Verbose = I.Verbose;
  for (const auto &[Path, Service] : I.ServiceMap) {
    llvm::SmallString<256> Abs(Path);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    Code.ServiceMap.push_back({std::string(Abs), Service});
  }
  return Code;
}

namespace {

/// Splits the inputs between the front ends: with -p, C/C++ sources go to
/// the code front end, folders to both (the code front end takes the TUs
/// of the database below them), the rest to the manifests. Without -p a
/// C/C++ source is an error that says how to give its database.
void splitInputs(const Invocation &I, std::vector<std::string> &Manifests,
                 CodeOptions &Code, DiagnosticList &Diags) {
  Code = codeOptions(I);
  bool HasCode = !I.BuildPath.empty();
  for (const std::string &In : I.Operands) {
    bool Source = isSourceFile(In) && !llvm::sys::fs::is_directory(In);
    if (Source && !HasCode) {
      Diags.error(
          {}, concat({quote(In), " is C/C++ source: give its compile database "
                                 "with -p BUILD_DIR (CMake writes one with "
                                 "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON; other "
                                 "builds: bear -- make)"}));
      continue;
    }
    if (HasCode && (Source || llvm::sys::fs::is_directory(In)))
      Code.Inputs.push_back(In);
    if (!Source)
      Manifests.push_back(In);
  }
  if (!HasCode && (!I.ServiceMap.empty() || I.KeepGoing))
    Diags.error({}, concat({I.KeepGoing ? "--keep-going" : "--service-map",
                            " applies to C/C++ code, which needs -p "
                            "BUILD_DIR"}));
}

/// Declares the services ControlPlane names control plane, where no source
/// declares their plane (the config file adds to the well-known names; a
/// declaration in the topology wins).
void markControlPlane(FactSet &Facts,
                      const std::vector<std::string> &ControlPlane) {
  if (ControlPlane.empty())
    return;
  std::set<std::string_view> Declared;
  for (const auto &T : Facts)
    for (const ServiceFact &S : T->Services)
      if (S.PlaneValue)
        Declared.insert(S.Id.Value);
  for (const auto &T : Facts)
    for (ServiceFact &S : T->Services)
      if (!Declared.count(S.Id.Value) &&
          std::find(ControlPlane.begin(), ControlPlane.end(), S.Id.Value) !=
              ControlPlane.end())
        S.PlaneValue.set(Plane::Control, S.Id.Loc);
}

/// Gives the units' files the run's ids, in the order of their TUs' paths,
/// appends their facts after the manifests', and counts the sources and
/// headers read as inputs no output may replace.
void importUnits(std::vector<CodeUnit> &Units, SourceManager &SM,
                 LoadResult &Loaded, DiagnosticList &Diags) {
  orderUnits(Units, SM, Diags);
  UnitImporter Import(SM);
  std::vector<std::string> Read;
  for (CodeUnit &U : Units) {
    Read.insert(Read.end(), U.Read.begin(), U.Read.end());
    Import.import(U, Loaded.Facts, Diags);
  }
  Read.insert(Read.end(), Import.files().begin(), Import.files().end());
  for (const std::string &Path : Read) {
    llvm::sys::fs::file_status St;
    if (!llvm::sys::fs::status(Path, St))
      Loaded.Inputs.push_back(
          {St.getUniqueID().getDevice(), St.getUniqueID().getFile()});
  }
}

} // namespace

std::vector<SuppressionRule> inlineSuppressions(const Model &M,
                                                DiagnosticList &Diags) {
  // In the order they are written, so their warnings read down the files
  // (a workload's own annotations are read after its pod template's).
  std::vector<const Allow *> Sorted;
  for (const Allow &A : M.Allows)
    Sorted.push_back(&A);
  stableSort(Sorted,
             [](const Allow *X, const Allow *Y) { return X->Loc < Y->Loc; });
  std::vector<SuppressionRule> Out;
  for (const Allow *Each : Sorted) {
    const Allow &A = *Each;
    SuppressionRule S;
    S.Rule = A.Rule;
    S.Reason = A.Reason;
    S.Loc = A.Loc;
    S.InSource = true;
    if (A.Hops.empty()) {
      S.Node = M.G.node(A.Node).id;
      S.Literal = true;
    } else {
      S.Hops = A.Hops;
    }
    if (admitSuppression(S, A.Subject, Diags))
      Out.push_back(std::move(S));
  }
  return Out;
}

bool loadModel(const Invocation &I, LoadedModel &L, Stats &Timer,
               llvm::raw_ostream &Err) {
  DiagnosticList Diags;
  LoadResult Loaded;
  LoadOptions Options;
  Options.Jobs = I.Jobs;
  Options.Verbose = I.Verbose;
  Options.Excludes = I.Excludes;
  if (I.MaxInputSize)
    Options.MaxInputSize = I.MaxInputSize;
  std::vector<std::string> Manifests;
  CodeOptions Code;
  splitInputs(I, Manifests, Code, Diags);
  Code.SourceGlobs = L.SourceServices;
  Code.SourceRoot = L.SourceRoot;
  Code.Progress = Err.is_displayed();
  bool HasCode = !Code.BuildDir.empty();
  Options.MayFindNone = HasCode;
  if (!Diags.hasErrors() && (!Manifests.empty() || !HasCode))
    loadManifests(Manifests, Options, L.SM, Loaded, Diags, Err);
  // The seam to the code front end (analyzer/code/code.h): translation
  // units, analysed here or read from facts files of `chokepoint extract`,
  // become facts of the same model, one Topology per TU, in the order of
  // their paths.
  std::vector<CodeUnit> Units;
  takeUnits(Loaded.Facts, Units);
  if (!Diags.hasErrors() && HasCode) {
    size_t Analysed = 0;
    loadCode(Code, Units, Diags, Err, Analysed);
    Loaded.Files += Analysed;
  }
  if (!Diags.hasErrors() && !Units.empty())
    importUnits(Units, L.SM, Loaded, Diags);
  if (!Diags.hasErrors() && HasCode && Loaded.Facts.empty())
    Diags.error({}, "no chokepoint topology and no annotated code in the "
                    "inputs");
  // The documents' trees are freed (one per thread with -j): hand them back
  // before the build allocates (analyzer/support/memory.h).
  releaseFreeMemory();
  Timer.phase(Err, "parse");

  L.M = std::make_unique<Model>();
  L.Files = Loaded.Files;
  L.Inputs = std::move(Loaded.Inputs);
  markControlPlane(Loaded.Facts, L.ControlPlane);
  if (!Diags.hasErrors())
    resolveRelations(Loaded.Facts, I.Build, Diags);
  if (!Diags.hasErrors() &&
      buildModel(std::move(Loaded.Facts), I.Build, *L.M, Diags) &&
      L.M->G.numNodes() == 0)
    Diags.error({}, "the inputs define no services");
  if (!Diags.hasErrors())
    L.Allows = inlineSuppressions(*L.M, Diags);
  Loaded.Facts.clear();
  printAllDiagnostics(Err, L.SM, Diags,
                      useColors(I.Color, Err, /*Terminal=*/true));
  if (Diags.hasErrors())
    return false;
  if (I.Verbose)
    for (const auto &[Loc, Line] : L.M->Verbose) {
      Err << "chokepoint: ";
      if (Loc.valid())
        Err << escape(L.SM.name(Loc.file)) << ":" << Loc.line << ":"
            << Loc.column << ": ";
      Err << escape(Line) << "\n";
    }
  Timer.phase(Err, "build");
  return true;
}

} // namespace chokepoint
