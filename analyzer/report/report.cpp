//===- analyzer/report/report.cpp - What every output reads ---------------===//

#include "analyzer/report/report.h"

#include "analyzer/support/text.h"

namespace chokepoint {

Report makeReport(const SourceManager &SM, const Model &M, Analysis &A,
                  std::vector<Finding> Findings, size_t Files,
                  bool GraphOnly) {
  Report R;
  R.SM = &SM;
  R.M = &M;
  R.Findings = std::move(Findings);
  R.Files = Files;
  R.GraphOnly = GraphOnly;
  const Graph &G = M.G;
  R.Flows.resize(G.numNodes());
  for (NodeId V = 0; V < G.numNodes(); ++V)
    R.Flows[V] = {A.carriesCustomer(V), A.carriesControl(V),
                  A.onRecoveryPath(V)};
  // An inference's message quotes the node's name: escaped here like every
  // name shown (escaping twice changes nothing).
  for (const Inference &I : M.Inferences)
    R.Remarks.push_back({I.Node, escape(I.Message),
                         I.Loc.valid() ? I.Loc : M.G.node(I.Node).loc});
  return R;
}

} // namespace chokepoint
