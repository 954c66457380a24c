//===- analyzer/report/report.h - What every output reads -------*- C++ -*-===//
//
// The report of a run, assembled once after the rules and the policy stage:
// the findings, the graph with each node's flows already computed, the
// remarks, the sources. Emitters get it const: an output can show the run
// but never change it, nor make another output differ from it.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_REPORT_H
#define CHOKEPOINT_ANALYZER_REPORT_H

#include "analyzer/facts/build.h"
#include "analyzer/report/policy.h"
#include "analyzer/support/sources.h"
#include "graphs/analysis.h"
#include "rules/finding.h"

#include <string>
#include <vector>

namespace chokepoint {

/// The flows of SPEC §1 through one node.
struct NodeFlows {
  bool Customer = false; ///< carries customer traffic
  bool Control = false;  ///< carries control-plane traffic
  bool Recovery = false; ///< is on a recovery path
};

/// Something the tool inferred rather than read, as every output shows it
/// (names escaped).
struct Remark {
  NodeId Node; ///< the node it is about
  std::string Message;
  /// The line that caused it (an env value, a Service's `type:`), or the
  /// node's own declaration.
  SourceLoc Loc;
};

struct Report {
  const SourceManager *SM = nullptr;
  const Model *M = nullptr;
  std::vector<NodeFlows> Flows;  ///< by node id
  std::vector<Finding> Findings; ///< after the policy stage, sorted
  std::vector<Remark> Remarks;   ///< in the order they were made
  size_t Files = 0;              ///< files read
  bool GraphOnly = false;        ///< `chokepoint graph`: no rule ran
  /// Findings a suppression silenced: not in Findings, not in the exit
  /// code; JSON and SARIF show them, marked, the others count them.
  std::vector<SuppressedFinding> Suppressed;
  /// Where the config file's suppressions point (SuppressionRule::Loc when
  /// not InSource); null when there is none.
  const SourceManager *PolicySM = nullptr;
  BaselineSummary Baseline; ///< what --baseline left out
};

/// The report of a run: every node's flows, read from A now, so that no
/// output needs A; the model's inferences as remarks.
Report makeReport(const SourceManager &SM, const Model &M, Analysis &A,
                  std::vector<Finding> Findings, size_t Files,
                  bool GraphOnly);

} // namespace chokepoint

#endif
