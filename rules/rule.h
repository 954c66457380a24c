//===- rules/rule.h - A rule: a descriptor and a check ----------*- C++ -*-===//
//
// A rule is one file under rules/: a RuleInfo (id, summary, severities,
// options) and a check over the analysed graph. It registers
// itself with CHOKEPOINT_RULE, so adding one edits no list; its doc page is
// docs/rules/<id>.md and its test test/rules/<id>.test (a meta-test checks
// the three agree).
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_RULES_RULE_H
#define CHOKEPOINT_RULES_RULE_H

#include "analyzer/support/text.h"
#include "graphs/analysis.h"
#include "rules/finding.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

enum class OptionType : uint8_t { Integer, Number, Boolean, String };
std::string_view name(OptionType T);

/// A typed rule option, e.g. retry-amplification.threshold.
struct OptionInfo {
  std::string_view Name;
  OptionType Type;
  std::string_view Default;
  std::string_view Description;
};

struct RuleInfo {
  std::string_view Id; ///< kebab-case, permanent
  std::string_view Summary;
  Severity DefaultSeverity;
  std::vector<OptionInfo> Options;
  /// The severity of the rule's worse case, where its doc page names one
  /// (shared-single-owner on a recovery path); a rule without one reports
  /// every finding at DefaultSeverity.
  std::optional<Severity> ElevatedSeverity = std::nullopt;

  /// The severity of a finding reported at tier T.
  Severity severity(Tier T) const;
};

/// The count a finding carries for a number of sources (graphs/reach.h),
/// estimated or not.
inline Count countOf(std::string Name, SourceCount C) {
  return {std::move(Name), C.Value, C.Estimated};
}

/// plural() of a number of sources: "3 nodes", or "~15,700 nodes" when
/// estimated.
inline std::string plural(SourceCount C, std::string_view One,
                          std::string_view Many) {
  return plural(C.Value, C.Estimated, One, Many);
}

/// Option values for one run, as text; checked against each rule's
/// OptionInfo by validateOption before any rule runs.
using RuleOptions = std::map<std::string, std::string, std::less<>>;

/// Checks that Value parses as the option's type; on failure returns why.
std::string validateOption(const OptionInfo &O, std::string_view Value);

class RuleContext {
public:
  RuleContext(Analysis &A, const RuleInfo &Info, const RuleOptions &Options,
              std::vector<Finding> &Out)
      : A(A), Info(Info), Options(Options), Out(Out) {}

  Analysis &analysis() { return A; }
  const Graph &graph() { return A.graph(); }

  /// An option's value (its default unless the run set it).
  int64_t integerOption(std::string_view Name) const;

  /// Starts a finding about node V at V's declaration, at the rule's
  /// default severity or, for its worse case, its elevated one (a rule
  /// never picks a Severity itself: the policy stage may override them).
  /// The rule fills in paths, counts and their summary.
  Finding &report(NodeId V, std::string Message, Tier T = Tier::Default);

  /// A witness path in plain values, titled Heading and its start node
  /// ("customer path from entry" gives "customer path from entry 'web'").
  /// With Products, each hop records the running product of multipliers,
  /// starting from 1. Kind and Heading are kept as views: string literals,
  /// or text made by keep().
  WitnessPath witness(std::string_view Kind, std::string_view Heading,
                      const Path &P, bool Products = false);
  /// Text kept for the rest of the run (a heading made of figures).
  std::string_view keep(std::string Text) { return A.keep(std::move(Text)); }

private:
  std::string_view option(std::string_view Name) const;
  Analysis &A;
  const RuleInfo &Info;
  const RuleOptions &Options;
  std::vector<Finding> &Out;
};

/// A node id in a message, escaped as every name shown to a user is
/// (quote() in analyzer/support/text.h): 'id'.
inline std::string quoted(std::string_view Id) { return quote(Id); }

/// Edge E as a witness hop (no running product).
Hop hopOf(const Graph &G, EdgeId E);

class Rule {
public:
  virtual ~Rule() = default;
  virtual const RuleInfo &info() const = 0;
  virtual void check(RuleContext &Ctx) const = 0;
};

/// Every registered rule, sorted by id.
const std::vector<const Rule *> &allRules();
/// The rule with this id, or null.
const Rule *findRule(std::string_view Id);
/// The doc page of the rule with this id (docs/rules/<id>.md, built into
/// the binary), or "" when there is none.
std::string_view ruleDoc(std::string_view Id);

namespace detail {
void registerRule(std::unique_ptr<Rule> R);
template <typename R> struct RuleRegistration {
  RuleRegistration() { registerRule(std::make_unique<R>()); }
};
} // namespace detail

#define CHOKEPOINT_RULE(Class)                                                 \
  static ::chokepoint::detail::RuleRegistration<Class> Class##Registration

} // namespace chokepoint

#endif
