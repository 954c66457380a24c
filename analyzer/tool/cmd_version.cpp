//===- analyzer/tool/cmd_version.cpp - chokepoint version -----------------===//

#include "analyzer/report/policy.h"
#include "analyzer/tool/cli.h"

namespace chokepoint {
namespace {

int run(Invocation &, llvm::raw_ostream &Out, llvm::raw_ostream &) {
  Out << "chokepoint " << CHOKEPOINT_VERSION << "\n";
  return ExitClean;
}

const CommandInfo Version{"version", "print the version", 90, {"--version"},
                          /*TakesOperands=*/false, {}, {}, nullptr, run};
CHOKEPOINT_COMMAND(Version);

} // namespace
} // namespace chokepoint
