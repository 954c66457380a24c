//===- analyzer/tool/outputs.h - Where a command's outputs go ----*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_OUTPUTS_H
#define CHOKEPOINT_ANALYZER_OUTPUTS_H

#include "analyzer/manifests/load.h"
#include "analyzer/tool/cli.h"

#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>
#include <vector>

namespace chokepoint {

/// One output to write: where, and what writes it.
struct OutputWriter {
  const OutputRequest *Request;
  std::function<void(llvm::raw_ostream &OS, bool ToStdout)> Write;
};

/// The File of an OutputRequest names standard output ("" or "-").
bool isStdout(const std::string &File);

/// Checks that no two outputs go to the same place.
bool checkTargets(const std::vector<OutputRequest> &Outputs,
                  std::string &Error);

/// Checks that no output would replace one of Inputs (compared by device
/// and inode after following links, so `in.yaml`, `./in.yaml`, a symlink
/// and a hard link to it are all caught).
bool checkNotInputs(const std::vector<OutputRequest> &Outputs,
                    const std::vector<FileIdentity> &Inputs,
                    std::string &Error);

/// Writes every output of a run, or none of them. Outputs to regular files
/// are first written to temporary files beside their targets and renamed
/// into place only once all of them were written, so a reader never sees a
/// half-written file and a failure leaves every target as it was. Special
/// files (/dev/null, a pipe) cannot be replaced by a rename and are written
/// directly. Standard output comes last.
bool writeOutputs(const std::vector<OutputWriter> &Outputs,
                  llvm::raw_ostream &Out, std::string &Error);

/// OS as a file stream when it is llvm::outs() or llvm::errs(), else null.
llvm::raw_fd_ostream *fileStream(llvm::raw_ostream &OS);

/// Flushes standard output (Out) and says whether all of it was written
/// (a full disk, a closed pipe); on failure the message, and the stream's
/// error is cleared. Out that is not a file stream (a test's string) is
/// always written.
bool stdoutWritten(llvm::raw_ostream &Out, std::string &Error);

/// The outputs check and graph write: I's --format requests (Default when
/// there is none), each known to the emitter registry, those without a
/// file going to -o; checked so that -o is used and no two go to one place.
bool resolveOutputs(const Invocation &I, std::string_view Default,
                    std::vector<OutputRequest> &Outputs, std::string &Error);

/// Whether text written to OS is coloured: --color=always, or auto when OS
/// is a terminal (Terminal: it is standard output or standard error, not a
/// file) and NO_COLOR is unset or empty. Enables OS's colours when it is.
bool useColors(ColorMode Mode, llvm::raw_ostream &OS, bool Terminal);

} // namespace chokepoint

#endif
