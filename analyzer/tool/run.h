//===- analyzer/tool/run.h - What check and graph share ----------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_RUN_H
#define CHOKEPOINT_ANALYZER_RUN_H

#include "analyzer/report/policy.h"
#include "analyzer/tool/cli.h"
#include "rules/rule.h"

#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// What a command asks of an analysis run, beyond the shared options.
struct AnalysisRequest {
  std::vector<const Rule *> Rules; ///< enabled, in id order; none for graph
  RuleOptions RuleOpts;
  Policy P;
  std::string_view DefaultFormat; ///< when no --format is given
  bool GraphOnly = false;         ///< `chokepoint graph`
  /// From check's settings (settings.h): --affected REV, --write-baseline
  /// FILE, the config file's extra control-plane names, and the sources
  /// the policy's places (suppressions, baseline entries) point into.
  std::string Affected;
  std::string WriteBaseline;
  std::vector<std::string> ControlPlane;
  /// The config file's `sources:` (globs to services) and its folder.
  std::vector<std::pair<std::string, std::string>> SourceServices;
  std::string SourceRoot;
  std::shared_ptr<const SourceManager> PolicySM;
  bool Colors = false; ///< for the policy's warnings on standard error
};

/// The pipeline after the command line: checks the outputs and inputs
/// asked for, loads the model, runs the rules, applies the policy, writes
/// the report to every output. Returns the exit code.
int runAnalysis(const Invocation &I, const AnalysisRequest &Req,
                llvm::raw_ostream &Out, llvm::raw_ostream &Err);

} // namespace chokepoint

#endif
