//===- analyzer/tool/driver.h - One run of chokepoint ----------------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_DRIVER_H
#define CHOKEPOINT_ANALYZER_DRIVER_H

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace chokepoint {

/// Runs the command line (without the program name); returns the exit code:
/// 0 clean, 1 findings at or above --fail-on, 2 bad usage or bad input.
int runChokepoint(const std::vector<std::string> &Args, llvm::raw_ostream &Out,
                  llvm::raw_ostream &Err);

} // namespace chokepoint

#endif
