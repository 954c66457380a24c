//===- analyzer/facts/build.h - Facts to the graph --------------------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_BUILD_H
#define CHOKEPOINT_ANALYZER_BUILD_H

#include "analyzer/support/diagnostics.h"
#include "analyzer/facts/facts.h"
#include "graphs/graph.h"

#include <memory>
#include <string>
#include <vector>

namespace chokepoint {

/// A what-if scenario with its nodes resolved.
struct Scenario {
  std::string Name;
  SourceLoc Loc;
  std::vector<std::pair<NodeId, double>> Fail;
  std::optional<double> WindowSeconds;
};

/// Something the tool inferred rather than read, shown to the user.
struct Inference {
  NodeId Node;
  std::string Message;
};

/// The graph of a run and what came with it.
struct Model {
  Graph G;
  std::vector<Scenario> Scenarios;
  std::vector<Inference> Inferences;
};

/// Merges the facts of every file into one graph by service name, resolving
/// every reference. Reports duplicates and dangling references to Diags
/// (at the place they were written) and returns false if there were any.
bool buildModel(const std::vector<std::unique_ptr<Topology>> &Facts,
                Model &M, DiagnosticList &Diags);

/// The well-known control-plane service a name matches ("" if none):
/// etcd, consul, zookeeper, coredns, kube-dns, eureka, nacos, as the whole
/// name or a part of it between '-', '_' or digits.
std::string_view wellKnownControlPlane(std::string_view Name);

} // namespace chokepoint

#endif
