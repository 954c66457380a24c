//===- analyzer/tool/load.cpp - From the inputs to the model --------------===//

#include "analyzer/tool/load.h"

#include "analyzer/facts/facts.h"
#include "analyzer/manifests/native.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/inputs.h"
#include "analyzer/tool/outputs.h"

#include "llvm/Support/MemoryBuffer.h"

#include <atomic>
#include <thread>

namespace chokepoint {

namespace {

/// A run reports at most this many errors, as clang does: past it, errors
/// are mostly consequences of the first ones.
constexpr size_t ErrorLimit = DiagnosticList::ErrorLimit;

/// What reading one file gave.
struct FileResult {
  std::unique_ptr<Topology> Facts;
  DiagnosticList Diags;
  unsigned NativeDocuments = 0;
  unsigned OtherDocuments = 0;
};

void readFile(const SourceManager &SM, uint32_t File, bool Json,
              FileResult &R) {
  R.Facts = std::make_unique<Topology>();
  R.Facts->File = File;
  auto Sink = [&](Document &Doc) {
    if (Doc.empty())
      return true;
    if (!isNativeDocument(Doc)) {
      ++R.OtherDocuments;
      return true;
    }
    ++R.NativeDocuments;
    decodeNative(Doc, SM, *R.Facts, R.Diags);
    return !R.Diags.full();
  };
  if (Json)
    readJson(SM, File, R.Diags, Sink);
  else
    readYaml(SM, File, R.Diags, Sink);
}

/// Prints the diagnostics up to the ErrorLimit-th error, then says that it
/// stopped. Each file stops reading at the limit on its own (files are read
/// in parallel), so the run's total can pass it; the cut keeps the output
/// the same whatever -j.
void printAll(llvm::raw_ostream &Err, const SourceManager &SM,
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

/// A file the run reads, with its id in the SourceManager.
struct LoadedFile {
  InputFile Input;
  uint32_t Id;
};

/// Finds the input files and loads their text.
std::vector<LoadedFile> loadFiles(const std::vector<std::string> &Inputs,
                                  SourceManager &SM, DiagnosticList &Diags) {
  std::vector<LoadedFile> Loaded;
  for (const InputFile &F : collectInputs(Inputs, Diags)) {
    auto Buffer = F.Stdin ? llvm::MemoryBuffer::getSTDIN()
                          : llvm::MemoryBuffer::getFile(
                                F.Path, /*IsText=*/false,
                                /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Diags.error({}, concat({"cannot read ", quote(F.Path), ": ",
                              why(Buffer.getError())}));
      continue;
    }
    Loaded.push_back({F, SM.add(F.Path, std::move(*Buffer))});
  }
  return Loaded;
}

/// Reads every file, on several threads when there are several files.
std::vector<FileResult> readAll(const SourceManager &SM,
                                const std::vector<LoadedFile> &Files,
                                unsigned Jobs) {
  std::vector<FileResult> Results(Files.size());
  Jobs = Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency());
  Jobs = std::min<unsigned>(Jobs, unsigned(Files.size()));
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next++) < Files.size();)
      readFile(SM, Files[I].Id, Files[I].Input.Json, Results[I]);
  };
  if (Jobs <= 1) {
    Work();
    return Results;
  }
  std::vector<std::thread> Pool;
  for (unsigned I = 0; I < Jobs; ++I)
    Pool.emplace_back(Work);
  for (std::thread &T : Pool)
    T.join();
  return Results;
}

/// The facts of the files that hold topologies, in order. A file named on
/// the command line must hold one; files found in folders that do not are
/// skipped (and listed under --verbose).
std::vector<std::unique_ptr<Topology>>
gatherFacts(const Invocation &I, const SourceManager &SM,
            const std::vector<LoadedFile> &Files,
            std::vector<FileResult> &Results, DiagnosticList &Diags,
            llvm::raw_ostream &Err) {
  std::vector<std::unique_ptr<Topology>> Facts;
  size_t Skipped = 0;
  for (size_t K = 0; K < Results.size(); ++K) {
    FileResult &R = Results[K];
    const std::string &Path = Files[K].Input.Path;
    Diags.append(std::move(R.Diags));
    if (R.NativeDocuments) {
      Facts.push_back(std::move(R.Facts));
      if (I.Verbose && R.OtherDocuments)
        Err << "chokepoint: " << escape(Path) << ": skipped " << R.OtherDocuments
            << " document(s) that are not chokepoint topologies\n";
      continue;
    }
    if (Diags.hasErrors())
      continue;
    if (Files[K].Input.Explicit) {
      Diags.error(SM.locate(Files[K].Id, 0),
                  R.OtherDocuments
                      ? "not a chokepoint topology: expected 'chokepoint: 1' "
                        "at the top of a document (Kubernetes, Istio and "
                        "docker-compose manifests are not read yet)"
                      : "no document in this file: expected a chokepoint "
                        "topology ('chokepoint: 1' at the top)");
    } else {
      ++Skipped;
      if (I.Verbose)
        Err << "chokepoint: skipped " << escape(Path)
            << ": not a chokepoint topology\n";
    }
  }
  if (!Diags.hasErrors() && Facts.empty()) {
    std::string Message = "no chokepoint topology in the inputs";
    if (Skipped)
      Message += concat({" (", std::to_string(Skipped),
                         " file(s) skipped; --verbose lists them)"});
    Diags.error({}, std::move(Message));
  }
  return Facts;
}

} // namespace

bool loadModel(const Invocation &I, LoadedModel &L, Stats &Timer,
               llvm::raw_ostream &Err) {
  bool Colors = useColors(I.Color, Err, /*Terminal=*/true);
  DiagnosticList Diags;
  std::vector<LoadedFile> Files = loadFiles(I.Operands, L.SM, Diags);
  if (Diags.hasErrors()) {
    printAll(Err, L.SM, Diags, Colors);
    return false;
  }
  std::vector<FileResult> Results = readAll(L.SM, Files, I.Jobs);
  std::vector<std::unique_ptr<Topology>> Facts =
      gatherFacts(I, L.SM, Files, Results, Diags, Err);
  Timer.phase(Err, "parse");

  L.M = std::make_unique<Model>();
  L.Files = Files.size();
  if (!Diags.hasErrors() && buildModel(Facts, *L.M, Diags) &&
      L.M->G.numNodes() == 0)
    Diags.error({}, "the inputs define no services");
  Facts.clear();
  printAll(Err, L.SM, Diags, Colors); // errors, or warnings if any
  if (Diags.hasErrors())
    return false;
  Timer.phase(Err, "build");
  return true;
}

} // namespace chokepoint
