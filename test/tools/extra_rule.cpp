//===- test/tools/extra_rule.cpp - chokepoint with one more rule ---------===//
//
// The chokepoint program with a rule made up for a test: it reports every
// node that carries customer traffic, with a count and a path kind no real
// rule has. test/output/new-rule.test validates its JSON against the
// schema and reads its text: a new rule's figures and paths need no edit to
// the schema or to any output format.
//
//===----------------------------------------------------------------------===//

#include "analyzer/tool/driver.h"
#include "rules/rule.h"

namespace chokepoint {
namespace {

class MadeUp : public Rule {
public:
  const RuleInfo &info() const override {
    static const RuleInfo Info{"made-up-rule",
                               "a rule that exists only in a test",
                               Severity::Note,
                               {}};
    return Info;
  }

  void check(RuleContext &Ctx) const override {
    Analysis &A = Ctx.analysis();
    for (NodeId V = 0; V < Ctx.graph().numNodes(); ++V) {
      if (!A.carriesCustomer(V) || Ctx.graph().node(V).entry)
        continue;
      Finding &F = Ctx.report(V, "made-up finding about " +
                                     quoted(Ctx.graph().node(V).id));
      F.Paths.push_back(
          Ctx.witness("made-up-kind", "made-up path from", A.customerPath(V)));
      F.Counts = {{"made_up_figure", 7}};
      F.Summary = "the made-up figure is " + plural(7, "unit", "units");
    }
  }
};

} // namespace
CHOKEPOINT_RULE(MadeUp);
} // namespace chokepoint

int main(int argc, char **argv) {
  std::vector<std::string> Args(argv + 1, argv + argc);
  return chokepoint::runChokepoint(Args, llvm::outs(), llvm::errs());
}
