//===- analyzer/tool/driver.cpp - One run of chokepoint -------------------===//

#include "analyzer/tool/driver.h"

#include "analyzer/tool/cli.h"

namespace chokepoint {

int runChokepoint(const std::vector<std::string> &Args, llvm::raw_ostream &Out,
                  llvm::raw_ostream &Err) {
  Invocation I;
  std::string Error;
  if (!parseCommandLine(Args, I, Error))
    return usageError(Err, Error);
  return I.Command->Run(I, Out, Err);
}

} // namespace chokepoint
