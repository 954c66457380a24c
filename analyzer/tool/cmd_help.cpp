//===- analyzer/tool/cmd_help.cpp - chokepoint help -----------------------===//
//
// `chokepoint help` (also no arguments, --help, -h) lists the commands;
// `chokepoint help COMMAND` (also COMMAND --help) prints a command's help.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/policy.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/cli.h"

namespace chokepoint {
namespace {

std::string overview() {
  std::string S =
      "chokepoint: finds single owners where customer traffic, control-plane "
      "lookups\nand recovery storms meet.\n\nUsage: chokepoint COMMAND "
      "[options] ...\n\nCommands:\n";
  for (const CommandInfo *C : allCommands()) {
    std::string Line = concat({"  ", C->Name});
    Line.append(Line.size() < 12 ? 12 - Line.size() : 1, ' ');
    S += concat({Line, C->Summary, "\n"});
  }
  S += "\nRun `chokepoint help COMMAND` for a command's options.\n";
  return S;
}

int run(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  if (I.Operands.empty()) {
    Out << overview();
    return ExitClean;
  }
  const std::string &Topic = I.Operands.back();
  const CommandInfo *C = findCommand(Topic);
  if (!C) {
    std::vector<std::string_view> Names;
    for (const CommandInfo *Each : allCommands())
      Names.push_back(Each->Name);
    return usageError(Err, concat({"no help for ", quote(Topic),
                                   didYouMean(Topic, Names), " (commands: ",
                                   commandNames(", "), ")"}));
  }
  Out << (C->Usage ? C->Usage(*C) : overview());
  return ExitClean;
}

const CommandInfo Help{"help",
                       "show help for a command",
                       80,
                       {"--help", "-h"},
                       /*TakesOperands=*/true,
                       {},
                       {},
                       nullptr,
                       run};
CHOKEPOINT_COMMAND(Help);

} // namespace
} // namespace chokepoint
