//===- analyzer/tool/outputs.cpp - Where a command's outputs go -----------===//

#include "analyzer/tool/outputs.h"

#include "analyzer/report/emitter.h"
#include "analyzer/support/diagnostics.h"

#include "llvm/Support/FileSystem.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>

namespace chokepoint {

bool isStdout(const std::string &File) { return File.empty() || File == "-"; }

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
      Error = concat({"several formats would go to ",
                      Key == "-" ? "standard output" : quote(R.File),
                      ": give each its own file with --format FORMAT=FILE"});
      return false;
    }
    Seen.push_back(Key);
  }
  return true;
}

bool checkNotInputs(const std::vector<OutputRequest> &Outputs,
                    const std::vector<FileIdentity> &Inputs,
                    std::string &Error) {
  for (const OutputRequest &R : Outputs) {
    struct stat St;
    if (isStdout(R.File) || ::stat(R.File.c_str(), &St) != 0)
      continue; // a file that does not exist yet is no input
    FileIdentity Id{uint64_t(St.st_dev), uint64_t(St.st_ino)};
    if (std::find(Inputs.begin(), Inputs.end(), Id) != Inputs.end()) {
      Error = concat({"output ", quote(R.File), " is also an input"});
      return false;
    }
  }
  return true;
}

namespace {

namespace fs = llvm::sys::fs;

/// Flushes OS and says whether everything written reached the file; on
/// failure, why, and the error is cleared so that the stream does not end
/// the process with LLVM's "IO failure on output stream".
bool flushed(llvm::raw_fd_ostream &OS, std::string &Why) {
  OS.flush();
  if (!OS.has_error())
    return true;
  Why = why(OS.error());
  OS.clear_error();
  return false;
}

/// Writes one output to its file: directly to a special file, else to a
/// temporary file kept in Temps for the rename.
bool writeOne(const OutputWriter &W,
              std::vector<std::pair<fs::TempFile, std::string>> &Temps,
              std::string &Why) {
  const std::string &File = W.Request->File;
  fs::file_status St;
  if (!fs::status(File, St) && fs::exists(St) && !fs::is_regular_file(St)) {
    if (fs::is_directory(St)) {
      Why = "it is a folder";
      return false;
    }
    std::error_code Ec;
    llvm::raw_fd_ostream OS(File, Ec);
    if (Ec) {
      Why = why(Ec);
      return false;
    }
    W.Write(OS, false);
    return flushed(OS, Why);
  }
  llvm::Expected<fs::TempFile> T = fs::TempFile::create(File + ".tmp-%%%%%%");
  if (!T) {
    Why = why(llvm::errorToErrorCode(T.takeError()));
    return false;
  }
  Temps.emplace_back(std::move(*T), File);
  llvm::raw_fd_ostream OS(Temps.back().first.FD, /*shouldClose=*/false);
  W.Write(OS, false);
  return flushed(OS, Why);
}

} // namespace

bool writeOutputs(const std::vector<OutputWriter> &Outputs,
                  llvm::raw_ostream &Out, std::string &Error) {
  std::vector<std::pair<fs::TempFile, std::string>> Temps;
  auto Fail = [&](const std::string &File, const std::string &Why,
                  size_t From) {
    Error = concat({"cannot write ", quote(File), ": ", Why});
    for (size_t J = From; J < Temps.size(); ++J)
      llvm::consumeError(Temps[J].first.discard());
    return false;
  };
  for (const OutputWriter &W : Outputs) {
    std::string Why;
    if (!isStdout(W.Request->File) && !writeOne(W, Temps, Why))
      return Fail(W.Request->File, Why, 0);
  }
  for (size_t I = 0; I < Temps.size(); ++I)
    if (llvm::Error E = Temps[I].first.keep(Temps[I].second))
      return Fail(Temps[I].second, why(llvm::errorToErrorCode(std::move(E))),
                  I + 1);
  for (const OutputWriter &W : Outputs)
    if (isStdout(W.Request->File)) {
      W.Write(Out, true);
      if (!stdoutWritten(Out, Error))
        return false;
    }
  return true;
}

llvm::raw_fd_ostream *fileStream(llvm::raw_ostream &OS) {
  // raw_fd_ostream has no kind of its own to test (LLVM 19 gives one only
  // to raw_fd_stream): the two the program writes to are known.
  if (&OS == &llvm::outs())
    return &llvm::outs();
  if (&OS == &llvm::errs())
    return &llvm::errs();
  return nullptr;
}

bool stdoutWritten(llvm::raw_ostream &Out, std::string &Error) {
  Out.flush();
  llvm::raw_fd_ostream *FD = fileStream(Out);
  std::string Why;
  if (!FD || flushed(*FD, Why))
    return true;
  Error = concat({"cannot write standard output: ", Why});
  return false;
}

namespace {

/// "unknown format 'x' (available: ...); did you mean ...".
std::string unknownFormat(const std::string &Format) {
  std::vector<std::string_view> Names;
  for (const EmitterInfo *E : allEmitters())
    Names.push_back(E->Name);
  return concat({"unknown format ", quote(Format), " (available: ",
                 emitterNames(), ")", didYouMean(Format, Names)});
}

} // namespace

bool resolveOutputs(const Invocation &I, std::string_view Default,
                    std::vector<OutputRequest> &Outputs, std::string &Error) {
  Outputs = I.Outputs;
  if (Outputs.empty())
    Outputs.push_back({std::string(Default), ""});
  bool UsesOutputFile = false;
  for (OutputRequest &R : Outputs) {
    if (!findEmitter(R.Format)) {
      Error = unknownFormat(R.Format);
      return false;
    }
    if (R.File.empty()) {
      R.File = I.OutputFile;
      UsesOutputFile = true;
    }
  }
  // `-o x --format json=y` would write nothing to x: say so rather than
  // leave the user looking for a file that was never meant to be written.
  if (!I.OutputFile.empty() && !UsesOutputFile) {
    Error = concat({"-o ", quote(I.OutputFile),
                    " is not used: every --format names its own file"});
    return false;
  }
  return checkTargets(Outputs, Error);
}

bool useColors(ColorMode Mode, llvm::raw_ostream &OS, bool Terminal) {
  const char *NoColor = std::getenv("NO_COLOR");
  bool On = Mode == ColorMode::Always ||
            (Mode == ColorMode::Auto && Terminal && OS.has_colors() &&
             !(NoColor && *NoColor));
  if (On)
    OS.enable_colors(true);
  return On;
}

} // namespace chokepoint
