//===- analyzer/facts/build.h - Facts to the graph --------------*- C++ -*-===//
//
// The one step between front ends and rules: the facts of every source are
// merged by service name and the graph is built once from the result.
//
//   resolveRelations  selectors and targets between objects of any file
//   merge             one record per service and component; a field given
//                     two different values is an error at both places
//   build             nodes, then every declaration's hops; references
//                     resolved, with "did you mean" when they name nothing
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_FACTS_BUILD_H
#define CHOKEPOINT_ANALYZER_FACTS_BUILD_H

#include "analyzer/facts/facts.h"
#include "analyzer/support/diagnostics.h"
#include "graphs/graph.h"

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
  NodeId Node; ///< the node it is about
  std::string Message;
  /// The line that caused it (an env value, a Service's `type:`); when
  /// invalid, the node's own declaration.
  SourceLoc Loc;
};

/// An inline suppression (AllowFact) with what it is written on resolved:
/// a node, or the places of the hops an edge item made.
struct Allow {
  std::string Rule, Reason; ///< as written; Reason "" when none
  SourceLoc Loc;
  /// For messages: "'api.pool'", "the edge 'api' -> 'db'".
  std::string Subject;
  NodeId Node = NoNode;        ///< on a service or a component
  std::vector<SourceLoc> Hops; ///< on an edge: its `via` hops, then `to`
};

/// The graph of a run and what came with it.
struct Model {
  Graph G;
  std::vector<Scenario> Scenarios;
  std::vector<Inference> Inferences;
  /// Inline suppressions, in input order.
  std::vector<Allow> Allows;
  /// What --verbose lists: objects left out, names not in the input,
  /// workloads from which no edge could be inferred; at a place or not.
  std::vector<std::pair<SourceLoc, std::string>> Verbose;
};

/// What the command line says about reading manifests.
struct BuildOptions {
  /// The namespace of manifests that name none (`--namespace`).
  std::string DefaultNamespace = "default";
  /// Names taken as control plane besides the well-known ones
  /// (`--control-plane-name`), matched the same way.
  std::vector<std::string> ControlPlaneNames;
  /// Retries a mesh makes on every hop that no route configures
  /// (`--mesh-default-retries`; Istio's default is 2): off when unset.
  std::optional<uint32_t> MeshDefaultRetries;
};

/// Applies the relational facts of every file to the facts they name: an
/// autoscaler's floor to its target's MinReplicas, a disruption budget to
/// the DrainGuard of the workloads it selects. Objects are matched within
/// their namespace. Reports targets that name nothing to Diags.
void resolveRelations(FactSet &Facts, const BuildOptions &Options,
                      DiagnosticList &Diags);
inline void resolveRelations(FactSet &Facts, DiagnosticList &Diags) {
  resolveRelations(Facts, BuildOptions(), Diags);
}

/// Merges the facts of every file into one graph by service name, resolving
/// every reference. Precedence: MinReplicas over Replicas; a declared edge
/// over an inferred one between the same nodes. A field two sources give
/// different values, and a reference that names nothing, are errors at the
/// place they were written. Returns false if there were any. The facts are
/// consumed: they are released once merged, before the graph is laid out,
/// so that the two are never held at once (the Model refers to none of
/// them).
bool buildModel(FactSet &&Facts, const BuildOptions &Options, Model &M,
                DiagnosticList &Diags);
inline bool buildModel(FactSet &&Facts, Model &M, DiagnosticList &Diags) {
  return buildModel(std::move(Facts), BuildOptions(), M, Diags);
}

/// The well-known control-plane service a name matches ("" if none):
/// etcd, consul, zookeeper, coredns, kube-dns, eureka, nacos, and any of
/// Extra, as the whole name or a part of it between '-', '_', '/' or
/// digits.
std::string_view wellKnownControlPlane(std::string_view Name);
std::string_view wellKnownControlPlane(std::string_view Name,
                                       const std::vector<std::string> &Extra);

/// The repository part of a container image, without registry, tag or
/// digest: "hashicorp/consul" for "docker.io/hashicorp/consul:1.17@sha256:..".
std::string_view imageRepository(std::string_view Image);

/// True when Selector selects an object labelled L (an empty selector
/// selects nothing).
bool selects(const LabelSelector &Selector, const Labels &L);

} // namespace chokepoint

#endif
