//===- analyzer/manifests/load.cpp - Input files to facts -----------------===//

#include "analyzer/manifests/load.h"
#include "analyzer/support/threads.h"

#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/inputs.h"
#include "analyzer/support/text.h"

#include "llvm/Support/MemoryBuffer.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chokepoint {

void readFacts(const SourceManager &SM, uint32_t File, const ReaderInfo &Reader,
               std::string_view Path, FileFacts &R, unsigned Threads,
               size_t MinEntriesApart) {
  R.Facts = std::make_unique<Topology>();
  R.Facts->File = File;
  Topology *Current = R.Facts.get();
  bool AfterApart = false;
  Reader.Read(
      SM, File, R.Diags,
      [&](Document &Doc) {
        // An empty document (`---` with nothing, or only comments, before the
        // next) is nobody's: `helm template` prints them for disabled parts.
        if (Doc.empty() || Doc.root().isNull())
          return true;
        const FrontEnd *F = claimant(Doc, Path);
        if (!F) {
          if (!R.Unclaimed++) {
            R.OtherTool = otherToolsFile(Path, Doc);
            R.OtherToolLoc = SM.locate(File, Doc.root().offset());
          }
          return true;
        }
        ++R.Claimed;
        if (AfterApart) {
          // Facts after those decoded apart go after them: input order.
          R.More.push_back(std::make_unique<Topology>());
          R.More.back()->File = File;
          Current = R.More.back().get();
          AfterApart = false;
        }
        Walker W(Doc, SM, R.Diags);
        Spread S;
        S.Threads = Threads;
        S.MinEntries = MinEntriesApart;
        F->decodeOnThreads(W, *Current, S);
        AfterApart = !S.Apart.empty();
        for (std::unique_ptr<Topology> &Part : S.Apart)
          R.More.push_back(std::move(Part));
        return !R.Diags.full();
      },
      Threads);
}

namespace {

/// Reads a stream (standard input, a pipe, a FIFO) to its end, or until it
/// passes Cap. Returns false with errno's reason in Error.
bool readStream(int FD, uint64_t Cap, std::string &Out, bool &TooLarge,
                std::string &Error) {
  std::vector<char> Buf(1 << 20);
  for (;;) {
    ssize_t N = ::read(FD, Buf.data(), Buf.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      Error = why(std::error_code(errno, std::generic_category()));
      return false;
    }
    if (N == 0)
      return true;
    if (Out.size() + size_t(N) > Cap) {
      TooLarge = true;
      return true;
    }
    Out.append(Buf.data(), size_t(N));
  }
}

/// The bytes of one input, or an error: a regular file larger than the cap
/// is refused before it is read; a stream is read up to the cap. A FIFO is
/// opened without waiting for a writer, so one nobody writes to ends the
/// read at once instead of hanging the run.
std::unique_ptr<llvm::MemoryBuffer> readInput(const InputFile &F, uint64_t Cap,
                                              FileIdentity &Id,
                                              DiagnosticList &Diags) {
  std::string Name = F.Stdin ? std::string("standard input") : quote(F.Path);
  auto Larger = [&] {
    Diags.error({}, Name + " is larger than " + showSize(Cap) +
                        ", the input size limit (--max-input-size)");
    return nullptr;
  };
  auto CannotRead = [&](const std::string &Why) {
    Diags.error({}, "cannot read " + Name + ": " + Why);
    return nullptr;
  };
  int FD = 0;
  if (!F.Stdin) {
    FD = ::open(F.Path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (FD < 0)
      return CannotRead(why(std::error_code(errno, std::generic_category())));
  }
  struct stat St;
  bool Regular = ::fstat(FD, &St) == 0 && S_ISREG(St.st_mode);
  if (!F.Stdin)
    Id = {uint64_t(St.st_dev), uint64_t(St.st_ino)};
  bool Fifo = !Regular && S_ISFIFO(St.st_mode);
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  if (Regular && uint64_t(St.st_size) > Cap) {
    Larger();
  } else if (Regular && !F.Stdin) {
    auto B = llvm::MemoryBuffer::getOpenFile(
        FD, F.Path, uint64_t(St.st_size), /*RequiresNullTerminator=*/false);
    if (!B)
      CannotRead(why(B.getError()));
    else
      Buffer = std::move(*B);
  } else {
    // Blocking reads from here: the writer, if any, is connected.
    if (!F.Stdin)
      ::fcntl(FD, F_SETFL, ::fcntl(FD, F_GETFL) & ~O_NONBLOCK);
    std::string Text, Error;
    bool TooLarge = false;
    if (!readStream(FD, Cap, Text, TooLarge, Error))
      CannotRead(Error);
    else if (TooLarge)
      Larger();
    else if (Fifo && Text.empty() && !F.Stdin)
      CannotRead("it is a FIFO with nothing written to it (was its writer "
                 "started first?)");
    else
      Buffer = llvm::MemoryBuffer::getMemBufferCopy(Text, F.Path);
  }
  if (!F.Stdin)
    ::close(FD);
  return Buffer;
}

/// A file with errors that holds a Go template action is an unrendered
/// Helm template: found in a folder it is skipped with a remark instead;
/// named explicitly, its errors stand and a remark says what it is.
void explainTemplate(const SourceManager &SM, uint32_t File,
                     const InputFile &In, FileFacts &R) {
  std::string_view Text = SM.text(File);
  size_t At = templateAction(Text);
  if (At == std::string_view::npos)
    return;
  if (!In.Explicit) {
    R.Diags = DiagnosticList();
    R.Facts = std::make_unique<Topology>();
    R.More.clear();
    R.Claimed = R.Unclaimed = 0;
  }
  R.Diags.add(DiagLevel::Remark, SM.locate(File, At),
              std::string(In.Explicit ? "this looks like" : "skipped") +
                  " an unrendered Helm template (a template action here): "
                  "render it with `helm template` first");
}

/// Loads every file's bytes into SM, and which file each is into
/// Identities; reports those it cannot read.
std::vector<uint32_t> loadBuffers(const std::vector<InputFile> &Files,
                                  uint64_t Cap, SourceManager &SM,
                                  std::vector<FileIdentity> &Identities,
                                  DiagnosticList &Diags) {
  std::vector<uint32_t> Ids;
  for (const InputFile &F : Files) {
    FileIdentity Id;
    if (auto Buffer = readInput(F, Cap, Id, Diags)) {
      Ids.push_back(SM.add(F.Path, std::move(Buffer)));
      Identities.push_back(Id);
    }
  }
  return Ids;
}

/// Reads every file, on several threads when there are several files.
std::vector<FileFacts> readAll(const SourceManager &SM,
                               const std::vector<uint32_t> &Ids,
                               const std::vector<InputFile> &Files,
                               unsigned Jobs) {
  std::vector<FileFacts> Results(Files.size());
  Jobs = threadCount(Jobs);
  // Threads beyond one a file go to reading each file in pieces (a single
  // large topology); with more files than threads, one thread a file.
  unsigned Each = std::max<size_t>(1, Jobs / std::max<size_t>(1, Files.size()));
  Jobs = std::min<unsigned>(Jobs, unsigned(Files.size()));
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I; (I = Next++) < Files.size();)
      readFacts(SM, Ids[I], *Files[I].Reader, Files[I].Path, Results[I], Each);
  };
  if (Jobs <= 1) {
    Work();
    return Results;
  }
  onThreads(Jobs, [&](unsigned) { Work(); });
  return Results;
}

} // namespace

std::string showSize(uint64_t Bytes) {
  for (auto [Unit, Name] : {std::pair<uint64_t, const char *>{1ull << 30, "GiB"},
                            {1ull << 20, "MiB"},
                            {1ull << 10, "KiB"}})
    if (Bytes >= Unit && Bytes % Unit == 0)
      return std::to_string(Bytes / Unit) + " " + Name;
  return std::to_string(Bytes) + (Bytes == 1 ? " byte" : " bytes");
}

bool loadManifests(const std::vector<std::string> &Inputs,
                   const LoadOptions &Options, SourceManager &SM,
                   LoadResult &Out, DiagnosticList &Diags,
                   llvm::raw_ostream &Log) {
  std::vector<InputFile> Files = collectInputs(Inputs, Options.Excludes, Diags);
  std::vector<FileIdentity> Identities;
  std::vector<uint32_t> Ids =
      loadBuffers(Files, Options.MaxInputSize, SM, Identities, Diags);
  if (Diags.hasErrors())
    return false;
  std::vector<FileFacts> Results = readAll(SM, Ids, Files, Options.Jobs);
  Out.Files = Files.size();
  size_t Skipped = 0;
  for (size_t I = 0; I < Results.size(); ++I) {
    FileFacts &R = Results[I];
    if (R.Diags.hasErrors())
      explainTemplate(SM, Ids[I], Files[I], R);
    Diags.append(std::move(R.Diags));
    if ((R.Claimed || Files[I].Explicit) && !Files[I].Stdin)
      Out.Inputs.push_back(Identities[I]);
    if (R.Claimed) {
      if (Options.Verbose && R.Unclaimed)
        Log << "chokepoint: " << escape(Files[I].Path) << ": skipped "
            << R.Unclaimed << " document(s) that no front end reads\n";
      Out.Facts.push_back(std::move(R.Facts));
      for (std::unique_ptr<Topology> &Part : R.More)
        Out.Facts.push_back(std::move(Part));
      continue;
    }
    if (Diags.hasErrors())
      continue;
    if (!Files[I].Explicit && !R.OtherTool.empty()) {
      ++Skipped;
      Diags.add(DiagLevel::Remark, R.OtherToolLoc,
                "skipped: not manifests but " + R.OtherTool);
    } else if (Files[I].Explicit) {
      Diags.error(SM.locate(Ids[I], 0),
                  R.Unclaimed
                      ? "not a topology chokepoint reads: expected a "
                        "chokepoint document ('chokepoint: 1' at the top), "
                        "Kubernetes objects ('apiVersion' and 'kind') or a "
                        "docker-compose file ('services')" +
                            (R.OtherTool.empty() ? std::string()
                                                 : "; this is " + R.OtherTool)
                      : "no document in this file: expected a chokepoint "
                        "topology ('chokepoint: 1' at the top)");
    } else {
      ++Skipped;
      if (Options.Verbose)
        Log << "chokepoint: skipped " << escape(Files[I].Path)
            << ": not a chokepoint topology\n";
    }
  }
  if (!Diags.hasErrors() && Out.Facts.empty() && !Options.MayFindNone)
    Diags.error({}, "no chokepoint topology in the inputs" +
                        (Skipped ? " (" + std::to_string(Skipped) +
                                       " file(s) skipped; --verbose lists "
                                       "them)"
                                 : std::string()));
  return !Diags.hasErrors();
}

} // namespace chokepoint
