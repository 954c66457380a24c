//===- analyzer/tool/driver.cpp - One run of chokepoint -------------------===//

#include "analyzer/tool/driver.h"

#include "analyzer/report/policy.h"
#include "analyzer/tool/cli.h"
#include "analyzer/tool/outputs.h"

namespace chokepoint {

int runChokepoint(const std::vector<std::string> &Args, llvm::raw_ostream &Out,
                  llvm::raw_ostream &Err) {
  Invocation I;
  std::string Error;
  int Exit = parseCommandLine(Args, I, Error) ? I.Command->Run(I, Out, Err)
                                              : usageError(Err, Error);
  // Whatever wrote to standard output (help, version, a report), a write
  // that failed is bad for the run, reported once (writeOutputs has said
  // it already when it returned 2) and never LLVM's fatal error at exit.
  if (!stdoutWritten(Out, Error) && Exit != ExitBad)
    Exit = usageError(Err, Error);
  // Standard error that cannot be written cannot be told about it either.
  if (llvm::raw_fd_ostream *E = fileStream(Err))
    E->clear_error();
  return Exit;
}

} // namespace chokepoint
