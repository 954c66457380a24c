//===- analyzer/tool/cli.h - Command line ----------------------------*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_CLI_H
#define CHOKEPOINT_ANALYZER_CLI_H

#include "analyzer/facts/build.h"
#include "rules/finding.h"
#include "rules/rule.h"

#include <optional>
#include <string>
#include <vector>

namespace chokepoint {

enum class Command : uint8_t { Check, Graph, Rules, Help, Version };

struct OutputRequest {
  std::string Format;
  std::string File; ///< "" : -o, or standard output
};

struct Options {
  Command Cmd = Command::Help;
  std::string HelpFor; ///< `chokepoint help check`
  std::vector<std::string> Inputs;
  std::vector<OutputRequest> Outputs;
  std::string OutputFile;                ///< -o
  std::optional<Severity> FailOn = Severity::Warning; ///< nullopt: never
  /// --enable/--disable in order: (enable?, rule id or "all").
  std::vector<std::pair<bool, std::string>> Toggles;
  RuleOptions RuleOpts;
  unsigned Jobs = 0; ///< 0: one per core
  /// How manifests are read: --namespace, --control-plane-name.
  BuildOptions Build;
  bool Verbose = false;
  bool Stats = false;
};

/// Parses argv. On a usage error returns false with the message (without
/// the "chokepoint: error: " prefix) in Error.
bool parseCommandLine(const std::vector<std::string> &Args, Options &Out,
                      std::string &Error);

/// The usage text of a command (or the overview).
std::string usage(Command C);

/// Checks rule ids, option names and values, formats and output files;
/// returns the enabled rules in id order, or an error message.
bool resolveRules(const Options &O, std::vector<const Rule *> &Enabled,
                  std::string &Error);

} // namespace chokepoint

#endif
