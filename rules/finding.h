//===- rules/finding.h - The one record every emitter reads -----*- C++ -*-===//
//
// A finding names one node for one rule, and carries the witness paths that
// prove it. No Boost, no clang, no YAML: plain values, so every emitter
// (text, JSON, and later SARIF, HTML...) and every test reads the same thing.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_RULES_FINDING_H
#define CHOKEPOINT_RULES_FINDING_H

#include "graphs/location.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

enum class Severity : uint8_t { Note, Warning, Error };
std::string_view name(Severity S);
/// Parses "note", "warning" or "error".
bool parseSeverity(std::string_view Text, Severity &Out);

/// One edge of a witness path. Its names are views of the graph's node
/// ids and of the edge kinds' spellings, which outlive every finding of a
/// run: a run at 100k services holds about a million hops, and three
/// strings each were a tenth of its memory.
struct Hop {
  std::string_view From, To; ///< node ids
  std::string_view Kind;     ///< edge kind: call, lookup, retry...
  SourceLoc Loc;        ///< where the edge was written
  uint32_t Attempts = 1; ///< as declared (every hop of a via chain has them)
  /// What this hop multiplies the load by: Attempts on a declaration's first
  /// hop, 1 on the rest of its via chain (a chain multiplies once).
  uint32_t Multiplier = 1;
  /// For paths that track retry products: the product after this hop
  /// (0 when the path does not track it).
  uint64_t Product = 0;
};

/// A path that proves part of a finding: where it starts and its hops.
/// Its words are views, as a Hop's names are: of string literals, of the
/// graph's node ids, or of text the analysis keeps for the run
/// (Analysis::keep) — a run at 100k services holds 300,000 paths.
struct WitnessPath {
  /// What it shows, as a stable word for machines: "customer",
  /// "control-plane", "recovery", "amplification", "cycle"... (JSON `kind`).
  std::string_view Kind;
  /// What it shows, for people, before the start node: "customer path from
  /// entry" (title() adds the node).
  std::string_view Heading;
  std::string_view Start; ///< node id
  SourceLoc StartLoc;
  std::vector<Hop> Hops;

  /// The heading and the start node, e.g. "customer path from entry
  /// 'gateway'" (the text format's note).
  std::string title() const;
};

/// A named figure about a finding, e.g. {"customer_entries", 3}; the name
/// is a JSON key, snake_case. Estimated: the value is an estimate (a count
/// of sources past what is counted exactly, docs/design.md), which outputs
/// mark as such ("~15,700", JSON "estimated").
struct Count {
  std::string Name;
  uint64_t Value = 0;
  bool Estimated = false;
};

/// Which of its rule's two severities a finding was reported with: the
/// default, or the elevated one the rule declares for its worse case.
enum class Tier : uint8_t { Default, Elevated };

/// One finding. Everything an output shows is here, in words or in plain
/// values, so an output needs no knowledge of any rule.
struct Finding {
  std::string Rule;
  Severity Sev = Severity::Warning;
  Tier Level = Tier::Default; ///< what the policy's overrides key on
  std::string Message; ///< lower-case, no final period
  std::string Node;    ///< the node it names
  SourceLoc Loc;       ///< where to look first
  std::vector<WitnessPath> Paths;
  std::vector<Count> Counts;
  /// The counts in words, one clause, or "" when there is nothing to say:
  /// "reached by 1 customer entry and 5 recovery edges; serves 1
  /// control-plane node", "the cycle spans 3 nodes".
  std::string Summary;
  /// Stable across edits that do not touch the finding: a hash of the rule
  /// and the node id.
  std::string Fingerprint;
};

/// Orders findings for output: by location, then rule, then node.
bool operator<(const Finding &A, const Finding &B);

/// For test failures that read well.
std::ostream &operator<<(std::ostream &OS, const Finding &F);

} // namespace chokepoint

#endif
