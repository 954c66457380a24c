//===- analyzer/tool/settings.cpp - What a check runs with ----------------===//
//
// The options of check and config, the config file reader (a Walker over
// the file's one YAML document, as the native format is read: docs/config.md
// lists every key) and the merge of defaults, file and command line.
//
//===----------------------------------------------------------------------===//

#include "analyzer/tool/settings.h"

#include "analyzer/manifests/readers.h"
#include "analyzer/manifests/walker.h"
#include "analyzer/report/emitter.h"
#include "analyzer/support/diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <filesystem>

namespace chokepoint {

//===----------------------------------------------------------------------===//
// Options
//===----------------------------------------------------------------------===//

namespace {

CheckOptions &opts(Invocation &I) { return I.own<CheckOptions>(); }

bool applyFailOn(Invocation &I, std::string_view V, std::string &Error) {
  Severity S;
  if (V == "never") {
    opts(I).FailOn = std::optional<Severity>();
    return true;
  }
  if (!parseSeverity(V, S)) {
    Error = concat({"invalid --fail-on ", quote(V),
                    " (expected note, warning, error or never)",
                    didYouMean(V, {"note", "warning", "error", "never"})});
    return false;
  }
  opts(I).FailOn = std::optional<Severity>(S);
  return true;
}

/// --enable or --disable: rule ids separated by commas, or all.
bool applyRuleList(Invocation &I, std::string_view V, bool Enable,
                   std::string &Error) {
  // Split on every comma, so "", "a,", ",a" and "a,,b" all show an empty id
  // instead of passing as "no rules".
  std::string_view Rest = V;
  while (true) {
    size_t Comma = Rest.find(',');
    std::string_view Id = Rest.substr(0, Comma);
    if (Id.empty()) {
      Error = concat({Enable ? "--enable" : "--disable",
                      " expects rule ids separated by commas, or all; found ",
                      quote(V)});
      return false;
    }
    opts(I).Toggles.push_back({Enable, std::string(Id)});
    if (Comma == std::string_view::npos)
      return true;
    Rest = Rest.substr(Comma + 1);
  }
}

bool applyRuleOption(Invocation &I, std::string_view V, std::string &Error) {
  size_t Eq = V.find('=');
  if (Eq == std::string_view::npos || V.find('.') > Eq) {
    Error =
        concat({"--rule-option expects RULE.OPTION=VALUE, found ", quote(V)});
    return false;
  }
  opts(I).RuleOpts[std::string(V.substr(0, Eq))] =
      std::string(V.substr(Eq + 1));
  return true;
}

/// An option whose value is a file or a revision, which must not be empty.
template <std::string CheckOptions::*Field>
bool applyText(Invocation &I, std::string_view V, std::string &Error) {
  if (V.empty()) {
    Error = "an empty value is not a file or a revision";
    return false;
  }
  opts(I).*Field = std::string(V);
  return true;
}

template <bool CheckOptions::*Field>
bool applyFlag(Invocation &I, std::string_view, std::string &) {
  opts(I).*Field = true;
  return true;
}

} // namespace

const std::vector<OptionSpec> &checkOptionSpecs() {
  static const std::vector<OptionSpec> Specs = {
      {"fail-on", 0, "SEVERITY",
       "lowest severity that makes the exit code 1: note, warning (default), "
       "error or never",
       applyFailOn},
      {"enable", 0, "RULES", "run these rules (comma-separated ids, or all)",
       [](Invocation &I, std::string_view V, std::string &Error) {
         return applyRuleList(I, V, true, Error);
       }},
      {"disable", 0, "RULES",
       "do not run these rules (comma-separated ids, or all)",
       [](Invocation &I, std::string_view V, std::string &Error) {
         return applyRuleList(I, V, false, Error);
       }},
      {"rule-option", 0, "RULE.OPTION=VALUE",
       "set a rule option: RULE.OPTION=VALUE (see `chokepoint rules`)",
       applyRuleOption},
      {"config", 0, "FILE",
       "read settings from FILE instead of the nearest .chokepoint.yaml",
       applyText<&CheckOptions::ConfigFile>},
      {"no-config", 0, "", "read no config file",
       applyFlag<&CheckOptions::NoConfig>},
      {"baseline", 0, "FILE",
       "report only findings that FILE (--write-baseline) does not hold",
       applyText<&CheckOptions::Baseline>},
      {"write-baseline", 0, "FILE",
       "record the findings in FILE, for --baseline",
       applyText<&CheckOptions::WriteBaseline>},
      {"fail-on-stale", 0, "",
       "exit 1 when the baseline holds findings that no longer occur",
       applyFlag<&CheckOptions::FailOnStale>},
      {"affected", 0, "REV",
       "report only findings that touch a file changed since git revision "
       "REV",
       applyText<&CheckOptions::Affected>},
      {"strict", 0, "", "ignore every suppression",
       applyFlag<&CheckOptions::Strict>},
      {"report-unused-suppressions", 0, "",
       "warn about suppressions that match no finding",
       applyFlag<&CheckOptions::ReportUnused>},
  };
  return Specs;
}

std::vector<std::string_view> checkOptionNames() {
  std::vector<std::string_view> Names;
  for (const OptionSpec &S : checkOptionSpecs())
    Names.push_back(S.Long);
  return Names;
}

//===----------------------------------------------------------------------===//
// The config file
//===----------------------------------------------------------------------===//

namespace {

constexpr std::string_view ConfigName = ".chokepoint.yaml";
/// A config file is small; anything larger is a mistake, refused unread.
constexpr uint64_t MaxConfigSize = 16 << 20;

std::vector<std::string_view> ruleIds() {
  std::vector<std::string_view> Ids;
  for (const Rule *R : allRules())
    Ids.push_back(R->info().Id);
  return Ids;
}

size_t ruleIndex(std::string_view Id) {
  std::vector<std::string_view> Ids = ruleIds();
  return std::find(Ids.begin(), Ids.end(), Id) - Ids.begin();
}

/// The option "rule.option" names, in Info; or, with Info null, why there
/// is none ("unknown rule 'x' in WHERE; did you mean...").
std::string findRuleOption(std::string_view Key, std::string_view Where,
                           const OptionInfo *&Info) {
  Info = nullptr;
  size_t Dot = Key.find('.');
  std::string_view RuleId = Key.substr(0, Dot), Opt = Key.substr(Dot + 1);
  const Rule *R = findRule(RuleId);
  if (!R)
    return concat({"unknown rule ", quote(RuleId), " in ", Where,
                   didYouMean(RuleId, ruleIds())});
  std::vector<std::string_view> Names;
  for (const OptionInfo &OI : R->info().Options) {
    Names.push_back(OI.Name);
    if (OI.Name == Opt)
      Info = &OI;
  }
  if (Info)
    return "";
  return concat({"rule ", quote(RuleId), " has no option ", quote(Opt),
                 Names.empty() ? " (it takes none)" : didYouMean(Opt, Names)});
}

/// Whether Text is a date YYYY-MM-DD (a real one: month 1-12, day 1-31).
bool isDate(std::string_view Text) {
  if (Text.size() != 10 || Text[4] != '-' || Text[7] != '-')
    return false;
  for (size_t I : {0, 1, 2, 3, 5, 6, 8, 9})
    if (Text[I] < '0' || Text[I] > '9')
      return false;
  int Month = (Text[5] - '0') * 10 + (Text[6] - '0');
  int Day = (Text[8] - '0') * 10 + (Text[9] - '0');
  return Month >= 1 && Month <= 12 && Day >= 1 && Day <= 31;
}

} // namespace
bool readConfigText(Settings &S, uint32_t File, DiagnosticList &Diags);
namespace {

class ConfigReader {
public:
  ConfigReader(Walker &W, Settings &S, DiagnosticList &D) : W(W), S(S), D(D) {}
  void document(DocNode Root);

private:
  std::string at(DocNode N) { return where(*S.ConfigSM, W.loc(N)); }
  void rules(DocNode V);
  void toggles(DocNode V, bool Enable);
  void severity(DocNode Key, DocNode V);
  void option(DocNode Key, DocNode V);
  void suppression(DocNode Item);
  /// The rule Key names, or allRules().size() after an error.
  size_t rule(DocNode Key, std::string_view Where);

  Walker &W;
  Settings &S;
  DiagnosticList &D;
};

void ConfigReader::document(DocNode Root) {
  W.mapping(
      Root, "the config file", key("rules", [&](DocNode V) { rules(V); }),
      key("severity",
          [&](DocNode V) {
            W.names(V, "rules", [&](DocNode K, DocNode X) { severity(K, X); });
          }),
      key("options",
          [&](DocNode V) {
            W.names(V, "rule options",
                    [&](DocNode K, DocNode X) { option(K, X); });
          }),
      key("control-plane",
          [&](DocNode V) {
            W.sequence(V, "control-plane", [&](DocNode Item) {
              std::string_view Name;
              if (W.string(Item, "control-plane", Name))
                S.ControlPlane.push_back({std::string(Name), at(Item)});
            });
          }),
      key("sources",
          [&](DocNode V) {
            W.names(V, "source paths", [&](DocNode K, DocNode X) {
              std::string_view Service;
              if (W.string(X, "a service name", Service))
                S.SourceServices.push_back(
                    {{std::string(K.scalar()), at(K)}, std::string(Service)});
            });
          }),
      key("suppressions",
          [&](DocNode V) {
            W.sequence(V, "suppressions",
                       [&](DocNode Item) { suppression(Item); });
          }),
      key("baseline",
          [&](DocNode V) {
            std::string_view Path;
            if (!W.string(V, "baseline", Path))
              return;
            // Relative to the config file, as .clang-tidy's paths are.
            std::filesystem::path P(std::string{Path});
            if (P.is_relative())
              P = std::filesystem::path(S.ConfigPath).parent_path() / P;
            std::error_code Ec;
            S.Baseline = {
                P.lexically_normal()
                    .lexically_proximate(std::filesystem::current_path(Ec))
                    .string(),
                at(V)};
          }),
      key("fail-on", [&](DocNode V) {
        std::string_view Text;
        if (!W.string(V, "fail-on", Text))
          return;
        Severity Sev;
        if (Text == "never")
          S.FailOn = {std::nullopt, at(V)};
        else if (parseSeverity(Text, Sev))
          S.FailOn = {Sev, at(V)};
        else
          W.error(V, concat({"expected note, warning, error or never for "
                             "'fail-on', found ",
                             found(V),
                             didYouMean(Text, {"note", "warning", "error",
                                               "never"})}));
      }));
}

void ConfigReader::rules(DocNode V) {
  W.mapping(V, "'rules'", key("enable", [&](DocNode X) { toggles(X, true); }),
            key("disable", [&](DocNode X) { toggles(X, false); }));
}

/// `enable:` / `disable:`: rule ids or globs over them ("unguarded-*"),
/// applied in order, disable after enable.
void ConfigReader::toggles(DocNode V, bool Enable) {
  std::string_view Key = Enable ? "enable" : "disable";
  W.sequence(V, Key, [&](DocNode Item) {
    std::string_view Glob;
    if (!W.string(Item, Key, Glob))
      return;
    bool Any = false;
    for (size_t I = 0; I < allRules().size(); ++I)
      if (globMatch(Glob, allRules()[I]->info().Id)) {
        S.RuleOn[I] = {Enable, at(Item)};
        Any = true;
      }
    if (!Any)
      W.error(Item, concat({"no rule matches ", quote(Glob), " in '", Key, "'",
                            isGlob(Glob) ? " (`chokepoint rules` lists them)"
                                         : didYouMean(Glob, ruleIds())}));
  });
}

size_t ConfigReader::rule(DocNode Key, std::string_view Where) {
  std::string_view Id = Key.scalar();
  size_t I = ruleIndex(Id);
  if (I == allRules().size())
    W.error(Key, concat({"unknown rule ", quote(Id), " in '", Where, "'",
                         didYouMean(Id, ruleIds())}));
  return I;
}

/// `rule: error`, or `rule: {default: warning, elevated: error}`.
void ConfigReader::severity(DocNode Key, DocNode V) {
  size_t I = rule(Key, "severity");
  if (I == allRules().size())
    return;
  auto Level = [&](DocNode X, std::optional<Severity> &Out) {
    std::string_view Text;
    if (!W.string(X, "severity", Text))
      return;
    Severity Sev;
    if (parseSeverity(Text, Sev))
      Out = Sev;
    else
      W.error(X, concat({"expected note, warning or error for the severity of ",
                         quote(Key.scalar()), ", found ", found(X),
                         didYouMean(Text, {"note", "warning", "error"})}));
  };
  SeverityOverride O;
  if (V.isMapping())
    W.mapping(V, concat({"the severity of ", quote(Key.scalar())}),
              key("default", [&](DocNode X) { Level(X, O.Default); }),
              key("elevated", [&](DocNode X) { Level(X, O.Elevated); }));
  else {
    Level(V, O.Default);
    O.Elevated = O.Default;
  }
  S.Levels[I] = {O, at(V)};
}

/// `rule.option: value`, checked as --rule-option is.
void ConfigReader::option(DocNode Key, DocNode V) {
  std::string_view Name = Key.scalar();
  size_t Dot = Name.find('.');
  if (Dot == std::string_view::npos) {
    W.error(Key, concat({"expected RULE.OPTION for a rule option, found ",
                         quote(Name)}));
    return;
  }
  const OptionInfo *Info = nullptr;
  if (std::string Why = findRuleOption(Name, "'options'", Info); !Info) {
    W.error(Key, Why);
    return;
  }
  std::string_view Value;
  if (!W.string(V, Name, Value))
    return;
  if (std::string Why = validateOption(*Info, Value); !Why.empty()) {
    W.error(V, concat({"invalid value ", quote(Value), " for ", quote(Name),
                       ": ", Why}));
    return;
  }
  S.RuleOpts[std::string(Name)] = {std::string(Value), at(V)};
}

/// A suppression with what it needs; one without a reason, or naming an
/// unknown rule, is a warning and is not used (kube-score #504: never
/// silently ignored, never silently applied).
void ConfigReader::suppression(DocNode Item) {
  SuppressionRule R;
  R.Loc = W.loc(Item);
  bool HasRule = false, HasNode = false, Bad = false;
  auto Text = [&](DocNode V, std::string_view Key, std::string &Out) {
    std::string_view T;
    if (W.string(V, Key, T)) {
      Out = std::string(T);
      return true;
    }
    Bad |= !V.isNull();
    return false;
  };
  if (!W.mapping(
          Item, "a suppression",
          key("rule", [&](DocNode V) { HasRule = Text(V, "rule", R.Rule); }),
          key("node", [&](DocNode V) { HasNode = Text(V, "node", R.Node); }),
          key("reason", [&](DocNode V) { Text(V, "reason", R.Reason); }),
          key("expires",
              [&](DocNode V) {
                if (!Text(V, "expires", R.Expires))
                  return;
                if (!isDate(R.Expires)) {
                  W.error(V,
                          concat({"expected a date YYYY-MM-DD for 'expires', "
                                  "found ",
                                  found(V)}));
                  Bad = true;
                }
              })) ||
      Bad)
    return;
  if (!HasRule || !HasNode) {
    W.error(Item, concat({"a suppression needs 'rule' and 'node' (a node id "
                          "or a glob such as 'api.*')"}));
    return;
  }
  if (admitSuppression(R, quote(R.Node), D))
    S.Suppressions.push_back(std::move(R));
}

bool readConfig(Settings &S, DiagnosticList &Diags) {
  auto Buffer = llvm::MemoryBuffer::getFile(S.ConfigPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Diags.error({}, concat({"cannot read config file ", quote(S.ConfigPath),
                            ": ", why(Buffer.getError())}));
    return false;
  }
  if ((*Buffer)->getBufferSize() > MaxConfigSize) {
    Diags.error({}, concat({"config file ", quote(S.ConfigPath),
                            " is larger than 16 MiB"}));
    return false;
  }
  uint32_t File = S.ConfigSM->add(S.ConfigPath, std::move(*Buffer));
  return readConfigText(S, File, Diags);
}

} // namespace

bool readConfigText(Settings &S, uint32_t File, DiagnosticList &Diags) {
  S.RuleOn.assign(allRules().size(), {true, "default"});
  S.Levels.assign(allRules().size(), {});
  unsigned Documents = 0;
  readYaml(*S.ConfigSM, File, Diags, [&](Document &Doc) {
    if (++Documents > 1) {
      Diags.error(
          S.ConfigSM->locate(File, Doc.Nodes.empty() ? 0 : Doc.Nodes[0].Offset),
          "a config file holds one YAML document");
      return false;
    }
    if (Doc.empty())
      return true;
    Walker W(Doc, *S.ConfigSM, Diags);
    ConfigReader(W, S, Diags).document(Doc.root());
    return true;
  });
  return !Diags.hasErrors();
}

std::string findConfig(const std::string &Dir) {
  std::error_code Ec;
  std::filesystem::path P = std::filesystem::absolute(Dir, Ec);
  if (Ec)
    return "";
  P = P.lexically_normal();
  for (;; P = P.parent_path()) {
    std::filesystem::path C = P / ConfigName;
    if (std::filesystem::is_regular_file(C, Ec))
      // As the user would write it from here: relative when it can be,
      // so messages and `chokepoint config` do not depend on where the
      // repository is checked out.
      return C.lexically_proximate(std::filesystem::current_path(Ec)).string();
    if (P == P.parent_path())
      return "";
  }
}

//===----------------------------------------------------------------------===//
// Defaults, file, command line
//===----------------------------------------------------------------------===//

namespace {

/// The config file for the inputs: --config, or the nearest
/// .chokepoint.yaml above each input (standard input: the current
/// directory). Inputs under different config files are an error: one run
/// has one set of settings.
bool locateConfig(const CheckOptions &O, const std::vector<std::string> &Inputs,
                  Settings &S, std::string &Error) {
  if (O.NoConfig)
    return true;
  if (!O.ConfigFile.empty()) {
    S.ConfigPath = O.ConfigFile;
    S.ConfigWhy = "--config";
    return true;
  }
  std::string First;
  for (const std::string &In : Inputs) {
    std::error_code Ec;
    std::string Dir = In == "-" ? "." : In;
    if (!std::filesystem::is_directory(Dir, Ec))
      Dir = std::filesystem::path(Dir).parent_path().string();
    std::string Found = findConfig(Dir.empty() ? "." : Dir);
    if (Found.empty() && First.empty())
      continue;
    if (S.ConfigPath.empty() && First.empty()) {
      S.ConfigPath = Found;
      First = In;
      S.ConfigWhy = concat({"the nearest ", ConfigName, " above ", quote(In)});
    } else if (Found != S.ConfigPath) {
      Error = concat({"inputs ", quote(First), " and ", quote(In),
                      " are under different config files (",
                      S.ConfigPath.empty() ? "none" : quote(S.ConfigPath),
                      " and ", Found.empty() ? "none" : quote(Found),
                      "): check them in separate runs, or choose one with "
                      "--config FILE"});
      return false;
    }
  }
  return true;
}

/// The command line over the file.
bool applyCommandLine(const CheckOptions &O, Settings &S, std::string &Error) {
  std::vector<std::string_view> Ids = ruleIds();
  for (const auto &[Enable, Id] : O.Toggles) {
    if (Id == "all") {
      for (auto &On : S.RuleOn)
        On = {Enable, "command line"};
      continue;
    }
    size_t I = ruleIndex(Id);
    if (I == Ids.size()) {
      std::string Hint = didYouMean(Id, Ids);
      Error = concat({"unknown rule ", quote(Id), " in --",
                      Enable ? "enable" : "disable", Hint,
                      Hint.empty() ? " (`chokepoint rules` lists them)" : ""});
      return false;
    }
    S.RuleOn[I] = {Enable, "command line"};
  }
  for (const auto &[Key, Value] : O.RuleOpts) {
    const OptionInfo *Info = nullptr;
    if (std::string Why = findRuleOption(Key, "--rule-option", Info); !Info) {
      Error = Why;
      return false;
    }
    if (std::string Why = validateOption(*Info, Value); !Why.empty()) {
      Error = concat({"invalid value ", quote(Value), " for ", Key, ": ", Why});
      return false;
    }
    S.RuleOpts[Key] = {Value, "command line"};
  }
  if (O.FailOn)
    S.FailOn = {*O.FailOn, "command line"};
  if (!O.Baseline.empty())
    S.Baseline = {O.Baseline, "command line"};
  S.WriteBaseline = O.WriteBaseline;
  S.FailOnStale = O.FailOnStale;
  S.Strict = O.Strict;
  S.ReportUnused = O.ReportUnused;
  S.Affected = O.Affected;
  if (S.FailOnStale && S.Baseline.Value.empty()) {
    Error = "--fail-on-stale needs a baseline (--baseline FILE, or "
            "'baseline:' in the config file)";
    return false;
  }
  return true;
}

} // namespace

bool resolveSettings(const CheckOptions &O,
                     const std::vector<std::string> &Inputs, Settings &S,
                     llvm::raw_ostream &Err, bool Colors) {
  S.RuleOn.assign(allRules().size(), {true, "default"});
  S.Levels.assign(allRules().size(), {});
  std::string Error;
  if (!locateConfig(O, Inputs, S, Error)) {
    usageError(Err, Error);
    return false;
  }
  if (!S.ConfigPath.empty()) {
    DiagnosticList Diags;
    bool Ok = readConfig(S, Diags);
    for (const Diagnostic &D : Diags.all())
      printDiagnostic(Err, *S.ConfigSM, D, Colors);
    if (!Ok)
      return false;
  }
  if (!applyCommandLine(O, S, Error)) {
    usageError(Err, Error);
    return false;
  }
  return true;
}

void printSettings(const Settings &S, llvm::raw_ostream &OS) {
  auto From = [](const std::string &F) { return concat({"  # ", F}); };
  OS << "# chokepoint's effective configuration; each value says where it "
        "came from\n";
  OS << "# config file: "
     << (S.ConfigPath.empty()
             ? std::string("none")
             : concat({quote(S.ConfigPath), " (", S.ConfigWhy, ")"}))
     << "\n";
  OS << "rules:\n  enable:\n";
  for (size_t I = 0; I < allRules().size(); ++I)
    if (S.RuleOn[I].Value)
      OS << "    - " << allRules()[I]->info().Id << From(S.RuleOn[I].From)
         << "\n";
  OS << "  disable:";
  bool Any = false;
  for (size_t I = 0; I < allRules().size(); ++I)
    if (!S.RuleOn[I].Value) {
      OS << "\n    - " << allRules()[I]->info().Id << From(S.RuleOn[I].From);
      Any = true;
    }
  OS << (Any ? "\n" : " []\n");
  OS << "severity:\n";
  for (size_t I = 0; I < allRules().size(); ++I) {
    const RuleInfo &Info = allRules()[I]->info();
    const SeverityOverride &L = S.Levels[I].Value;
    OS << "  " << Info.Id
       << ": {default: " << name(L.Default.value_or(Info.DefaultSeverity));
    if (Info.ElevatedSeverity)
      OS << ", elevated: " << name(L.Elevated.value_or(*Info.ElevatedSeverity));
    OS << "}" << From(S.Levels[I].From) << "\n";
  }
  OS << "options:\n";
  for (const Rule *R : allRules())
    for (const OptionInfo &O : R->info().Options) {
      std::string Key = concat({R->info().Id, ".", O.Name});
      auto It = S.RuleOpts.find(Key);
      bool Set = It != S.RuleOpts.end();
      OS << "  " << Key << ": "
         << (Set ? It->second.Value : std::string(O.Default))
         << From(Set ? It->second.From : "default") << "\n";
    }
  OS << "fail-on: "
     << (S.FailOn.Value ? std::string(name(*S.FailOn.Value)) : "never")
     << From(S.FailOn.From) << "\n";
  OS << "control-plane:" << (S.ControlPlane.empty() ? " []" : "") << "\n";
  for (const Sourced<std::string> &C : S.ControlPlane)
    OS << "  - " << quote(C.Value) << From(C.From) << "\n";
  OS << "sources:" << (S.SourceServices.empty() ? " {}" : "") << "\n";
  for (const auto &[Glob, Service] : S.SourceServices)
    OS << "  " << quote(Glob.Value) << ": " << quote(Service) << From(Glob.From)
       << "\n";
  OS << "suppressions:" << (S.Suppressions.empty() ? " []" : "") << "\n";
  for (const SuppressionRule &R : S.Suppressions) {
    OS << "  - {rule: " << R.Rule << ", node: " << quote(R.Node)
       << ", reason: " << quote(R.Reason);
    if (!R.Expires.empty())
      OS << ", expires: " << R.Expires;
    OS << "}" << From(where(*S.ConfigSM, R.Loc)) << "\n";
  }
  OS << "baseline: "
     << (S.Baseline.Value.empty() ? std::string("none")
                                  : quote(S.Baseline.Value))
     << From(S.Baseline.From) << "\n";
  OS << "# --strict: " << (S.Strict ? "on" : "off") << "; suppressions in use: "
     << (S.Strict ? size_t(0) : S.Suppressions.size()) << "\n";
}

} // namespace chokepoint
