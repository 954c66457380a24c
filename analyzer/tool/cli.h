//===- analyzer/tool/cli.h - Commands and options as tables -----*- C++ -*-===//
//
// A command is one file, analyzer/tool/cmd_<name>.cpp, holding a CommandInfo
// that registers itself with CHOKEPOINT_COMMAND: its name and help, the
// shared options it takes, options of its own, and the function that runs
// it. The parser and `chokepoint help` know no command by name, so adding
// one edits no list. Usage errors are values: the parser returns the
// message, the driver prints it and exits 2.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_CLI_H
#define CHOKEPOINT_ANALYZER_CLI_H

#include "analyzer/report/view.h"
#include "analyzer/facts/build.h"
#include "analyzer/support/registry.h"

#include "llvm/Support/raw_ostream.h"

#include <any>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

struct CommandInfo;

/// One --format: a format, and the file it goes to.
struct OutputRequest {
  std::string Format;
  std::string File; ///< "": -o, or standard output
};

/// --color: colour the text output when it goes to a terminal and NO_COLOR
/// is not set (Auto), always, or never.
enum class ColorMode : uint8_t { Auto, Always, Never };

/// A command line, parsed.
struct Invocation {
  const CommandInfo *Command = nullptr;
  /// What is not an option: the inputs; for `help`, the topic.
  std::vector<std::string> Operands;

  // The shared options (sharedOptions()).
  std::vector<OutputRequest> Outputs; ///< --format, in order
  std::string OutputFile;             ///< -o
  unsigned Jobs = 0;                  ///< -j; 0: one per core
  bool Verbose = false;               ///< -v
  uint64_t MaxInputSize = 0;          ///< --max-input-size; 0: the default
  bool Stats = false;                 ///< --stats
  bool NoGraph = false;               ///< --no-graph: JSON without the graph
  ColorMode Color = ColorMode::Auto;  ///< --color
  bool StopParsing = false;           ///< set by --help: read no further
  ViewOptions View;                   ///< the pictures' view options
  /// How manifests are read: --namespace, --control-plane-name,
  /// --mesh-default-retries.
  BuildOptions Build;
  std::vector<std::string> Excludes; ///< --exclude, in order
  // The code front end's (analyzer/code/code.h).
  std::string BuildPath; ///< -p: the folder of compile_commands.json
  /// --service-map PATH=SERVICE, in order.
  std::vector<std::pair<std::string, std::string>> ServiceMap;
  bool KeepGoing = false; ///< --keep-going

  /// The command's own settings, of a type its file defines: its own
  /// options write them and its Run reads them. Made on first use.
  template <typename T> T &own() {
    if (!Own.has_value())
      Own.emplace<T>();
    return std::any_cast<T &>(Own);
  }

private:
  std::any Own;
};

/// An option. Takes a value when ValueName is set.
struct OptionSpec {
  std::string_view Long; ///< spelled --Long
  char Short;            ///< spelled -Short; 0: none
  std::string_view ValueName; ///< its value in the help ("FILE"); "": a flag
  std::string_view Help;
  /// Applies it (Value is "" for a flag). On a bad value returns false with
  /// the message, without "chokepoint: error: ", in Error.
  bool (*Apply)(Invocation &I, std::string_view Value, std::string &Error);
};

struct CommandInfo {
  std::string_view Name;
  std::string_view Summary; ///< its line in `chokepoint help`
  /// Its place in that list and in messages that list commands: check 10,
  /// graph 20, rules 40, help 80, version 90.
  unsigned Rank;
  /// Other spellings of it as the first argument ("--version").
  std::vector<std::string_view> Spellings;
  /// Whether it takes operands (inputs, or help's topic).
  bool TakesOperands;
  /// The options it takes, in the order its help lists them: shared ones
  /// and its own, by long name. -h/--help is taken by every command.
  std::vector<std::string_view> Options;
  /// Options of its own.
  std::vector<OptionSpec> Own;
  /// Its help text; null: the overview of `chokepoint help`.
  std::string (*Usage)(const CommandInfo &Self);
  /// Runs it; returns the exit code.
  int (*Run)(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err);
};

/// Every registered command, by Rank.
const std::vector<const CommandInfo *> &allCommands();
/// The command with this name, or null.
const CommandInfo *findCommand(std::string_view Name);
/// The options several commands take: --format, -o, -j, -v, --stats,
/// --color, -p, --service-map, --keep-going, --help.
const std::vector<OptionSpec> &sharedOptions();

/// The options that shape a picture (--focus, --depth, --only-findings,
/// --rule, --collapse, --layout; analyzer/tool/view_options.cpp): a command
/// takes them, like shared ones, by listing their names.
const std::vector<OptionSpec> &viewOptions();

/// V as a whole unsigned number from Min to Max, into N; false if it is
/// not one (the option values -j, --depth, --max-nodes...).
bool parseCount(std::string_view V, unsigned Min, unsigned Max, unsigned &N);

/// Parses argv (without the program name). On a usage error returns false
/// with the message (without "chokepoint: error: ") in Error.
bool parseCommandLine(const std::vector<std::string> &Args, Invocation &I,
                      std::string &Error);

/// The help's "Options:" section for C.
std::string optionsHelp(const CommandInfo &C);
/// The command names, "a, b or c" (Last = " or ") or "a, b, c" (", ").
std::string commandNames(std::string_view Last);
/// Prints "chokepoint: error: Message" and returns ExitBad.
int usageError(llvm::raw_ostream &Err, std::string_view Message);

/// Commands are listed by rank.
inline unsigned sortKey(const CommandInfo &C) { return C.Rank; }

/// Registers the CommandInfo Var, from its command's file.
#define CHOKEPOINT_COMMAND(Var)                                                \
  static ::chokepoint::Registry<::chokepoint::CommandInfo>::Add                \
      Var##Registration(&Var)

} // namespace chokepoint

#endif
