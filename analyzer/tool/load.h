//===- analyzer/tool/load.h - From the inputs to the model -------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_LOAD_H
#define CHOKEPOINT_ANALYZER_LOAD_H

#include "analyzer/facts/build.h"
#include "analyzer/manifests/load.h"
#include "analyzer/report/policy.h"
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
  std::vector<FileIdentity> Inputs; ///< LoadResult::Inputs
  /// In: names taken as control plane beside the well-known ones (the
  /// config file's `control-plane:`), for services that declare no plane.
  std::vector<std::string> ControlPlane;
  /// The inputs' inline suppressions that name a rule and give a reason
  /// (the others were warned about), for the policy.
  std::vector<SuppressionRule> Allows;
};

/// The model's inline suppressions as the policy takes them, checked as
/// the config file's are (admitSuppression): those without a reason or of
/// an unknown rule are warnings in Diags and left out.
std::vector<SuppressionRule> inlineSuppressions(const Model &M,
                                                DiagnosticList &Diags);

/// Reads every input of I and builds the model: the front ends turn the
/// files into facts (loadManifests, on I.Jobs threads), relations between
/// them are resolved and the graph is built (the `parse` and `build` phases
/// of --stats). Prints the diagnostics, and under --verbose what was
/// skipped, to Err. Returns false on bad input.
bool loadModel(const Invocation &I, LoadedModel &L, Stats &Timer,
               llvm::raw_ostream &Err);

} // namespace chokepoint

#endif
