//===- analyzer/code/tooling.cpp - The compile database and the TUs -------===//
//
// Which TUs a run reads (the inputs against compile_commands.json), reading
// them on -j threads, and moving each TU's facts into the run in the
// database's order, so the output is the same whatever -j.
//
//===----------------------------------------------------------------------===//

#include "analyzer/code/tu.h"

#include "analyzer/support/text.h"

#include "clang/Tooling/JSONCompilationDatabase.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace chokepoint {

namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::string absolutePath(llvm::StringRef P) {
  llvm::SmallString<256> A(P);
  fs::make_absolute(A);
  path::remove_dots(A, /*remove_dot_dot=*/true);
  return std::string(A);
}

/// How a path is shown: relative to the working directory when it lies
/// below it (as a build's own messages are), else absolute.
std::string shown(const std::string &Abs) {
  llvm::SmallString<256> Cwd;
  if (!fs::current_path(Cwd)) {
    std::string C(Cwd);
    if (!C.ends_with("/"))
      C += '/';
    if (Abs.compare(0, C.size(), C) == 0)
      return Abs.substr(C.size());
  }
  return Abs;
}

const char *const HowToMake =
    "generate one with CMake (-DCMAKE_EXPORT_COMPILE_COMMANDS=ON) or, for "
    "other builds, with bear (bear -- make)";

/// The TUs of Db that Inputs name (all when there are none), sorted by
/// path. Reports inputs that name no TU of the database.
std::vector<TUJob> selectJobs(const clang::tooling::CompilationDatabase &Db,
                              const CodeOptions &O, const std::string &DbPath,
                              DiagnosticList &Diags) {
  std::vector<std::string> All = Db.getAllFiles();
  for (std::string &F : All)
    F = absolutePath(F);
  std::sort(All.begin(), All.end());
  All.erase(std::unique(All.begin(), All.end()), All.end());
  std::vector<std::string> Chosen;
  if (O.Inputs.empty())
    Chosen = All;
  for (const std::string &In : O.Inputs) {
    std::string A = absolutePath(In);
    if (fs::is_directory(A)) {
      std::string Dir = A.ends_with("/") ? A : A + "/";
      for (const std::string &F : All)
        if (F.compare(0, Dir.size(), Dir) == 0)
          Chosen.push_back(F);
      continue;
    }
    if (!std::binary_search(All.begin(), All.end(), A)) {
      Diags.error({}, concat({quote(In), " is not in the compile database ",
                              quote(DbPath), ": ", HowToMake,
                              ", and build it once so that it lists every "
                              "source"}));
      continue;
    }
    Chosen.push_back(A);
  }
  std::sort(Chosen.begin(), Chosen.end());
  Chosen.erase(std::unique(Chosen.begin(), Chosen.end()), Chosen.end());
  std::vector<TUJob> Jobs;
  for (const std::string &F : Chosen)
    Jobs.push_back({F, Db.getCompileCommands(F)});
  return Jobs;
}

/// Moves one TU's facts into the run: its files get the run's ids (the
/// same file read by several TUs, one id).
class Importer {
public:
  Importer(SourceManager &SM) : SM(SM) {}

  void import(TUFacts &TU, FactSet &Out, DiagnosticList &Diags) {
    Map.assign(TU.Files.size() + 1, 0);
    for (size_t I = 0; I < TU.Files.size(); ++I)
      Map[I + 1] = fileId(TU.Files[I]);
    for (const Diagnostic &D : TU.Diags.all()) {
      Diagnostic Copy = D;
      remap(Copy);
      Diagnostic &Added = Diags.add(Copy.Level, Copy.Loc, Copy.Message);
      Added.Notes = std::move(Copy.Notes);
    }
    Topology &T = *TU.T;
    T.File = Map[1];
    for (ServiceFact &S : T.Services)
      at(S.Id.Loc);
    for (ComponentFact &C : T.Components) {
      at(C.Id.Loc);
      at(C.Owners);
      at(C.Kind);
    }
    for (FunctionFact &F : T.Functions) {
      at(F.Loc);
      at(F.Service.Loc);
      at(F.Owner.Loc);
      at(F.Entry);
      at(F.Lookup);
      at(F.Attempts);
      at(F.BackoffKind);
      at(F.Recovery);
    }
    for (CallFact &C : T.Calls) {
      at(C.To.Loc);
      at(C.Via.Loc);
    }
    for (AllowFact &A : T.Allows)
      at(A.Loc);
    if (!T.Services.empty() || !T.Functions.empty() || !T.Allows.empty())
      Out.push_back(std::move(TU.T));
  }

private:
  uint32_t fileId(const std::string &Abs) {
    auto It = Ids.find(Abs);
    if (It != Ids.end())
      return It->second;
    auto Buffer = llvm::MemoryBuffer::getFile(Abs, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    uint32_t Id =
        SM.add(shown(Abs), Buffer ? std::move(*Buffer)
                                  : llvm::MemoryBuffer::getMemBuffer("", Abs));
    Ids[Abs] = Id;
    return Id;
  }
  void at(SourceLoc &L) {
    if (L.file)
      L.file = Map[L.file];
  }
  template <typename T> void at(Fact<T> &F) {
    if (F) {
      SourceLoc L = F.loc();
      at(L);
      F.set(*F, L);
    }
  }
  void remap(Diagnostic &D) {
    at(D.Loc);
    for (Diagnostic &N : D.Notes)
      remap(N);
  }

  SourceManager &SM;
  llvm::StringMap<uint32_t> Ids;
  std::vector<uint32_t> Map;
};

/// Analyses every job on Jobs threads; Results[I] is Jobs[I]'s.
std::vector<TUFacts> analyzeAll(const std::vector<TUJob> &Jobs,
                                const CodeOptions &O, llvm::raw_ostream &Log) {
  std::vector<TUFacts> Results(Jobs.size());
  unsigned Threads =
      O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
  Threads = std::max(1u, std::min<unsigned>(Threads, unsigned(Jobs.size())));
  std::atomic<size_t> Next{0};
  std::mutex ProgressLock;
  size_t Started = 0;
  auto Work = [&] {
    for (size_t I; (I = Next++) < Jobs.size();) {
      if (O.Progress) {
        std::lock_guard<std::mutex> L(ProgressLock);
        // One line, rewritten: "[12/240] src/voice/pool.cc".
        Log << "\r\x1b[K[" << ++Started << "/" << Jobs.size() << "] "
            << escape(shown(Jobs[I].File));
        Log.flush();
      }
      analyzeTU(Jobs[I], O, Results[I]);
    }
  };
  if (Threads == 1) {
    Work();
  } else {
    std::vector<std::thread> Pool;
    for (unsigned I = 0; I < Threads; ++I)
      Pool.emplace_back(Work);
    for (std::thread &T : Pool)
      T.join();
  }
  if (O.Progress && !Jobs.empty()) {
    Log << "\r\x1b[K";
    Log.flush();
  }
  return Results;
}

} // namespace

bool isSourceFile(std::string_view Path) {
  std::string_view Ext =
      path::extension(llvm::StringRef(Path.data(), Path.size()));
  for (std::string_view E :
       {".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".m", ".mm"})
    if (Ext == E)
      return true;
  return false;
}

bool loadCode(const CodeOptions &O, SourceManager &SM, FactSet &Out,
              DiagnosticList &Diags, llvm::raw_ostream &Log, size_t &Units) {
  llvm::SmallString<256> DbPath(O.BuildDir);
  path::append(DbPath, "compile_commands.json");
  if (!fs::exists(DbPath)) {
    Diags.error({}, concat({"no compile_commands.json in ", quote(O.BuildDir),
                            " (-p): ", HowToMake}));
    return false;
  }
  std::string Error;
  auto Db = clang::tooling::JSONCompilationDatabase::loadFromFile(
      DbPath, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db) {
    Diags.error({}, concat({"cannot read the compile database ",
                            quote(std::string(DbPath)), ": ", escape(Error)}));
    return false;
  }
  std::vector<TUJob> Jobs = selectJobs(*Db, O, std::string(DbPath), Diags);
  if (Diags.hasErrors())
    return false;
  std::vector<TUFacts> Results = analyzeAll(Jobs, O, Log);
  Units = Results.size();
  Importer Import(SM);
  size_t Skipped = 0;
  for (size_t I = 0; I < Results.size(); ++I) {
    TUFacts &R = Results[I];
    if (R.Failed && O.KeepGoing) {
      ++Skipped;
      continue;
    }
    Import.import(R, Out, Diags);
  }
  if (Skipped)
    Log << "chokepoint: skipped "
        << plural(Skipped, "translation unit", "translation units")
        << " that did not compile (--keep-going)\n";
  if (O.Verbose)
    for (const auto &T : Out)
      for (const AllowFact &A : T->Allows)
        Log << "chokepoint: " << escape(SM.name(A.Loc.file)) << ":"
            << A.Loc.line << ": CHOKEPOINT_ALLOW(" << quote(A.Rule) << ", "
            << quote(A.Reason)
            << ") recorded; suppressions are not applied yet\n";
  return !Diags.hasErrors();
}

} // namespace chokepoint
