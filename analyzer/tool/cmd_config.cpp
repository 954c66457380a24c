//===- analyzer/tool/cmd_config.cpp - chokepoint config -------------------===//
//
// Prints the settings check would run with for the same inputs and
// options: the config file it finds (or --config), each value with where
// it came from (default, file:line:col, command line), as clang-tidy's
// --dump-config does. Reads no input beyond the config file.
//
//===----------------------------------------------------------------------===//

#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/outputs.h"
#include "analyzer/tool/settings.h"

namespace chokepoint {
namespace {

std::string usage(const CommandInfo &Self) {
  return concat({"Usage: chokepoint config [options] [INPUT...]\n\n"
                 "Prints the effective configuration for the inputs (default: "
                 "the current\ndirectory): the config file found, and each "
                 "setting with where it came from.\n",
                 optionsHelp(Self)});
}

int run(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  Settings S;
  std::vector<std::string> Inputs = I.Operands;
  if (Inputs.empty())
    Inputs.push_back(".");
  if (!resolveSettings(I.own<CheckOptions>(), Inputs, S, Err,
                       useColors(I.Color, Err, /*Terminal=*/true)))
    return 2;
  printSettings(S, Out);
  return 0;
}

std::vector<std::string_view> options() {
  std::vector<std::string_view> Names = checkOptionNames();
  Names.push_back("color");
  return Names;
}

const CommandInfo Config{"config",
                         "print the effective configuration and where each "
                         "value comes from",
                         30,
                         {},
                         /*TakesOperands=*/true,
                         options(),
                         checkOptionSpecs(),
                         usage,
                         run};
CHOKEPOINT_COMMAND(Config);

} // namespace
} // namespace chokepoint
