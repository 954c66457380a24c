//===- analyzer/tool/load.h - From the inputs to the model -------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_LOAD_H
#define CHOKEPOINT_ANALYZER_LOAD_H

#include "analyzer/facts/build.h"
#include "analyzer/support/sources.h"
#include "analyzer/tool/cli.h"
#include "analyzer/tool/stats.h"

#include <memory>

namespace chokepoint {

/// What a command gets from its inputs.
struct LoadedModel {
  SourceManager SM;
  std::unique_ptr<Model> M;
  size_t Files = 0; ///< files read
};

/// Reads every input of I and builds the model: finds the files, reads
/// them (on I.Jobs threads), decodes their documents into facts and builds
/// the graph (the `parse` and `build` phases of --stats). Prints the
/// diagnostics, and under --verbose what it skipped, to Err. Returns false
/// on bad input.
bool loadModel(const Invocation &I, LoadedModel &L, Stats &Timer,
               llvm::raw_ostream &Err);

} // namespace chokepoint

#endif
