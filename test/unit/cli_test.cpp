//===- test/unit/cli_test.cpp - The command table and its parser ----------===//
//
// Every registered command is well formed (the options it names exist, its
// name and rank are its own), and the parser hands each command its
// operands, shared options and own settings as the command line says.
//
//===----------------------------------------------------------------------===//

#include "analyzer/tool/cli.h"

#include <gtest/gtest.h>

#include <set>

using namespace chokepoint;

namespace {

const OptionSpec *option(const CommandInfo &C, std::string_view Long) {
  for (const OptionSpec &S : C.Own)
    if (S.Long == Long)
      return &S;
  for (const OptionSpec &S : sharedOptions())
    if (S.Long == Long)
      return &S;
  for (const OptionSpec &S : viewOptions())
    if (S.Long == Long)
      return &S;
  return nullptr;
}

TEST(Commands, TheSevenAreRegisteredInRankOrder) {
  std::vector<std::string_view> Names;
  for (const CommandInfo *C : allCommands())
    Names.push_back(C->Name);
  EXPECT_EQ(Names,
            (std::vector<std::string_view>{"check", "graph", "config",
                                           "extract", "rules", "help",
                                           "version"}));
}

TEST(Commands, EveryCommandIsWellFormed) {
  std::set<std::string_view> Names;
  std::set<unsigned> Ranks;
  for (const CommandInfo *C : allCommands()) {
    EXPECT_TRUE(Names.insert(C->Name).second) << C->Name << " twice";
    EXPECT_TRUE(Ranks.insert(C->Rank).second) << C->Name << "'s rank";
    EXPECT_FALSE(C->Summary.empty()) << C->Name;
    EXPECT_TRUE(C->Run) << C->Name;
    for (std::string_view Long : C->Options)
      EXPECT_TRUE(option(*C, Long)) << C->Name << " takes unknown --" << Long;
    for (const OptionSpec &Own : C->Own)
      EXPECT_NE(std::find(C->Options.begin(), C->Options.end(), Own.Long),
                C->Options.end())
          << C->Name << " declares --" << Own.Long << " but does not list it";
  }
}

Invocation parsed(std::vector<std::string> Args) {
  Invocation I;
  std::string Error;
  EXPECT_TRUE(parseCommandLine(Args, I, Error)) << Error;
  return I;
}

std::string refused(std::vector<std::string> Args) {
  Invocation I;
  std::string Error;
  EXPECT_FALSE(parseCommandLine(Args, I, Error));
  return Error;
}

TEST(Parse, OperandsAndSharedOptionsInAnyOrder) {
  Invocation I = parsed({"check", "a.yaml", "-j2", "--format=json", "-v",
                         "--color", "never", "--", "-b.yaml"});
  EXPECT_EQ(I.Command->Name, "check");
  EXPECT_EQ(I.Operands, (std::vector<std::string>{"a.yaml", "-b.yaml"}));
  EXPECT_EQ(I.Jobs, 2u);
  ASSERT_EQ(I.Outputs.size(), 1u);
  EXPECT_EQ(I.Outputs[0].Format, "json");
  EXPECT_TRUE(I.Verbose);
  EXPECT_EQ(I.Color, ColorMode::Never);
}

TEST(Parse, HelpTurnsAnyCommandIntoHelpAboutIt) {
  Invocation I = parsed({"graph", "x.yaml", "--help", "--bogus"});
  EXPECT_EQ(I.Command->Name, "help");
  EXPECT_EQ(I.Operands, std::vector<std::string>{"graph"});
  EXPECT_EQ(parsed({}).Command->Name, "help");
  EXPECT_EQ(parsed({"-h"}).Command->Name, "help");
  EXPECT_EQ(parsed({"--version", "ignored"}).Command->Name, "version");
}

TEST(Parse, UsageErrorsSayWhatIsWrong) {
  EXPECT_EQ(refused({"chek"}),
            "unknown command 'chek'; did you mean 'check'?");
  EXPECT_EQ(refused({"graph", "--fail-on", "error"}),
            "option '--fail-on' does not apply to 'graph'");
  EXPECT_EQ(refused({"check", "--colr=never"}),
            "unknown option '--colr'; did you mean '--color'?");
  EXPECT_EQ(refused({"check", "--color=sometimes"}),
            "invalid --color 'sometimes' (expected auto, always or never)");
  EXPECT_EQ(refused({"version", "x"}), "'version' takes no inputs, found 'x'");
  EXPECT_EQ(refused({"check", "-v2"}),
            "option '-v' takes no value, found '-v2'");
}

} // namespace
