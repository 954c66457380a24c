//===- analyzer/manifests/load.cpp - Input files to facts -----------------===//

#include "analyzer/manifests/load.h"

#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/inputs.h"

#include "llvm/Support/MemoryBuffer.h"

#include <atomic>
#include <thread>

namespace chokepoint {

namespace {

/// What reading one file gave.
struct FileResult {
  std::unique_ptr<Topology> Facts;
  DiagnosticList Diags;
  unsigned Claimed = 0;   ///< documents a front end read
  unsigned Unclaimed = 0; ///< documents none did
};

void readFile(const SourceManager &SM, uint32_t File, const InputFile &In,
              FileResult &R) {
  R.Facts = std::make_unique<Topology>();
  R.Facts->File = File;
  In.Reader->Read(SM, File, R.Diags, [&](Document &Doc) {
    if (Doc.empty())
      return true;
    const FrontEnd *F = claimant(Doc, In.Path);
    if (!F) {
      ++R.Unclaimed;
      return true;
    }
    ++R.Claimed;
    Walker W(Doc, SM, R.Diags);
    F->decode(W, *R.Facts);
    return !R.Diags.full();
  });
}

/// Loads every file's bytes into SM; reports those it cannot read.
std::vector<uint32_t> loadBuffers(const std::vector<InputFile> &Files,
                                  SourceManager &SM, DiagnosticList &Diags) {
  std::vector<uint32_t> Ids;
  for (const InputFile &F : Files) {
    auto Buffer =
        F.Stdin ? llvm::MemoryBuffer::getSTDIN()
                : llvm::MemoryBuffer::getFile(F.Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Diags.error({}, "cannot read " + quote(F.Path) + ": " +
                          why(Buffer.getError()));
      continue;
    }
    Ids.push_back(SM.add(F.Path, std::move(*Buffer)));
  }
  return Ids;
}

/// Reads every file, on several threads when there are several files.
std::vector<FileResult> readAll(const SourceManager &SM,
                                const std::vector<uint32_t> &Ids,
                                const std::vector<InputFile> &Files,
                                unsigned Jobs) {
  std::vector<FileResult> Results(Files.size());
  if (!Jobs)
    Jobs = std::max(1u, std::thread::hardware_concurrency());
  Jobs = std::min<unsigned>(Jobs, unsigned(Files.size()));
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next++) < Files.size();)
      readFile(SM, Ids[I], Files[I], Results[I]);
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

} // namespace

bool loadManifests(const std::vector<std::string> &Inputs,
                   const LoadOptions &Options, SourceManager &SM,
                   LoadResult &Out, DiagnosticList &Diags,
                   llvm::raw_ostream &Log) {
  std::vector<InputFile> Files = collectInputs(Inputs, Diags);
  std::vector<uint32_t> Ids = loadBuffers(Files, SM, Diags);
  if (Diags.hasErrors())
    return false;
  std::vector<FileResult> Results = readAll(SM, Ids, Files, Options.Jobs);
  Out.Files = Files.size();
  size_t Skipped = 0;
  for (size_t I = 0; I < Results.size(); ++I) {
    FileResult &R = Results[I];
    Diags.append(std::move(R.Diags));
    if (R.Claimed) {
      Out.Facts.push_back(std::move(R.Facts));
      if (Options.Verbose && R.Unclaimed)
        Log << "chokepoint: " << Files[I].Path << ": skipped " << R.Unclaimed
            << " document(s) that are not chokepoint topologies\n";
      continue;
    }
    if (Diags.hasErrors())
      continue;
    if (Files[I].Explicit) {
      Diags.error(SM.locate(Ids[I], 0),
                  R.Unclaimed
                      ? "not a chokepoint topology: expected 'chokepoint: 1' "
                        "at the top of a document (Kubernetes, Istio and "
                        "docker-compose manifests are not read yet)"
                      : "no document in this file: expected a chokepoint "
                        "topology ('chokepoint: 1' at the top)");
    } else {
      ++Skipped;
      if (Options.Verbose)
        Log << "chokepoint: skipped " << Files[I].Path
            << ": not a chokepoint topology\n";
    }
  }
  if (!Diags.hasErrors() && Out.Facts.empty())
    Diags.error({}, "no chokepoint topology in the inputs" +
                        (Skipped ? " (" + std::to_string(Skipped) +
                                       " file(s) skipped; --verbose lists "
                                       "them)"
                                 : std::string()));
  return !Diags.hasErrors();
}

} // namespace chokepoint
