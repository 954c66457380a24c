//===- analyzer/code/tooling.cpp - The compile database and the TUs -------===//
//
// Which TUs a run reads (the inputs against compile_commands.json), reading
// them on -j threads, and moving each TU's facts into the run in the
// database's order, so the output is the same whatever -j.
//
//===----------------------------------------------------------------------===//

#include "analyzer/code/tu.h"
#include "analyzer/support/threads.h"

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

/// Analyses every job on Jobs threads; Results[I] is Jobs[I]'s.
std::vector<CodeUnit> analyzeAll(const std::vector<TUJob> &Jobs,
                                 const CodeOptions &O, llvm::raw_ostream &Log) {
  std::vector<CodeUnit> Results(Jobs.size());
  unsigned Threads = threadCount(O.Jobs);
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
            << escape(shownPath(Jobs[I].File));
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

/// The compile database of O's -p folder, or null after an error that
/// says how to make one.
static std::unique_ptr<clang::tooling::CompilationDatabase>
openDatabase(const CodeOptions &O, std::string &DbPath, DiagnosticList &Diags) {
  llvm::SmallString<256> P(O.BuildDir);
  path::append(P, "compile_commands.json");
  DbPath = std::string(P);
  if (!fs::exists(P)) {
    Diags.error({}, concat({"no compile_commands.json in ", quote(O.BuildDir),
                            " (-p): ", HowToMake}));
    return nullptr;
  }
  std::string Error;
  auto Db = clang::tooling::JSONCompilationDatabase::loadFromFile(
      P, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db)
    Diags.error({}, concat({"cannot read the compile database ", quote(DbPath),
                            ": ", escape(Error)}));
  return Db;
}

bool loadCode(const CodeOptions &O, std::vector<CodeUnit> &Units,
              DiagnosticList &Diags, llvm::raw_ostream &Log, size_t &Analysed) {
  std::string DbPath;
  auto Db = openDatabase(O, DbPath, Diags);
  if (!Db)
    return false;
  std::vector<TUJob> Jobs = selectJobs(*Db, O, DbPath, Diags);
  if (Diags.hasErrors())
    return false;
  std::vector<CodeUnit> Results = analyzeAll(Jobs, O, Log);
  Analysed = Results.size();
  size_t Skipped = 0;
  for (CodeUnit &R : Results) {
    if (R.Failed && O.KeepGoing) {
      ++Skipped;
      continue;
    }
    Units.push_back(std::move(R));
  }
  if (Skipped)
    Log << "chokepoint: skipped "
        << plural(Skipped, "translation unit", "translation units")
        << " that did not compile (--keep-going)\n";
  return true;
}

bool extractUnit(const CodeOptions &O, const std::string &File, CodeUnit &Out,
                 DiagnosticList &Diags) {
  std::string DbPath;
  auto Db = openDatabase(O, DbPath, Diags);
  if (!Db)
    return false;
  CodeOptions One = O;
  One.Inputs = {File};
  if (fs::is_directory(File)) {
    Diags.error({}, concat({quote(File), " is a folder: chokepoint extract "
                                         "reads one translation unit"}));
    return false;
  }
  std::vector<TUJob> Jobs = selectJobs(*Db, One, DbPath, Diags);
  if (Diags.hasErrors() || Jobs.empty())
    return false;
  analyzeTU(Jobs.front(), One, Out);
  return true;
}

} // namespace chokepoint
