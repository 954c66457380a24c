//===- analyzer/tool/settings.h - What a check runs with ---------*- C++
//-*-===//
//
// The settings of `chokepoint check` come from three places, in this order,
// each overriding the one before: the defaults, the config file (the
// nearest .chokepoint.yaml above the inputs, or --config FILE), and the
// command line. `chokepoint config` prints the result with the place each
// value came from; `check` runs with it. Bad settings are errors at their
// place (file:line:col for the config file), exit 2, before any input is
// read.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_TOOL_SETTINGS_H
#define CHOKEPOINT_ANALYZER_TOOL_SETTINGS_H

#include "analyzer/report/policy.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"
#include "analyzer/tool/cli.h"
#include "rules/rule.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chokepoint {

/// What check's (and config's) own options set, as given.
struct CheckOptions {
  /// --enable/--disable in order: (enable?, rule id or "all").
  std::vector<std::pair<bool, std::string>> Toggles;
  RuleOptions RuleOpts;                          ///< --rule-option
  std::optional<std::optional<Severity>> FailOn; ///< --fail-on
  std::string ConfigFile;                        ///< --config
  bool NoConfig = false;                         ///< --no-config
  std::string Baseline, WriteBaseline; ///< --baseline, --write-baseline
  bool FailOnStale = false;            ///< --fail-on-stale
  std::string Affected;                ///< --affected REV
  bool Strict = false;                 ///< --strict
  bool ReportUnused = false;           ///< --report-unused-suppressions
};

/// The options check and config take, beyond the shared ones.
const std::vector<OptionSpec> &checkOptionSpecs();
/// Their long names, for a CommandInfo's option list.
std::vector<std::string_view> checkOptionNames();

/// A value and where it came from: "default", "command line", or the
/// config file's "file:line:col".
template <typename T> struct Sourced {
  T Value{};
  std::string From = "default";
};

/// The settings of a run, each with its origin.
struct Settings {
  /// The config file's text lives here (its diagnostics and suppressions
  /// point into it), apart from the inputs.
  std::shared_ptr<SourceManager> ConfigSM = std::make_shared<SourceManager>();
  std::string ConfigPath; ///< "" when there is none
  std::string ConfigWhy;  ///< how it was found: "--config", "found above ..."

  std::vector<Sourced<bool>> RuleOn;             ///< by allRules() index
  std::vector<Sourced<SeverityOverride>> Levels; ///< by allRules() index
  std::map<std::string, Sourced<std::string>, std::less<>> RuleOpts;
  Sourced<std::optional<Severity>> FailOn{Severity::Warning};
  std::vector<Sourced<std::string>> ControlPlane; ///< extra names
  /// Source path globs to services, for the code front end.
  std::vector<std::pair<Sourced<std::string>, std::string>> SourceServices;
  std::vector<SuppressionRule> Suppressions; ///< Loc in ConfigSM
  Sourced<std::string> Baseline;             ///< path; "" none
  std::string WriteBaseline;
  bool FailOnStale = false, Strict = false, ReportUnused = false;
  std::string Affected;
};

/// Finds and reads the config file for Inputs, then applies O over it.
/// Prints what is wrong to Err (the config file's errors at their place,
/// warnings about suppressions too) and returns false on an error.
bool resolveSettings(const CheckOptions &O,
                     const std::vector<std::string> &Inputs, Settings &S,
                     llvm::raw_ostream &Err, bool Colors);

/// Reads the config file already in S.ConfigSM as File into S (the fuzz
/// target's entry). Returns false when Diags holds an error.
bool readConfigText(Settings &S, uint32_t File, DiagnosticList &Diags);

/// The nearest .chokepoint.yaml in Dir or a folder above it, or "".
std::string findConfig(const std::string &Dir);

/// Prints S as a config file that gives the same settings, each value with
/// its origin as a comment.
void printSettings(const Settings &S, llvm::raw_ostream &OS);

} // namespace chokepoint

#endif
