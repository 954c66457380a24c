//===- analyzer/cli.cpp - Command line ------------------------------------===//
//
// Subcommands and options as tables, unknown ones answered with "did you
// mean", every usage error an exit code of 2 (the driver's job).
//
//===----------------------------------------------------------------------===//

#include "analyzer/tool/cli.h"

#include "analyzer/support/diagnostics.h"
#include "analyzer/report/emitter.h"

#include <array>
#include <charconv>
#include <functional>

namespace chokepoint {

namespace {

struct CommandInfo {
  std::string_view Name;
  Command Cmd;
  std::string_view Summary;
};
constexpr std::array<CommandInfo, 5> Commands = {{
    {"check", Command::Check, "analyse inputs and report findings"},
    {"graph", Command::Graph, "write the graph of the inputs, no findings"},
    {"rules", Command::Rules, "list the rules"},
    {"help", Command::Help, "show help for a command"},
    {"version", Command::Version, "print the version"},
}};

std::string_view commandName(Command C) {
  for (const CommandInfo &I : Commands)
    if (I.Cmd == C)
      return I.Name;
  return "";
}

/// Which commands take an option: a bit per Command.
constexpr unsigned bit(Command C) { return 1u << unsigned(C); }
constexpr unsigned InputCommands = bit(Command::Check) | bit(Command::Graph);

struct OptionSpec {
  std::string_view Long;
  char Short;
  bool TakesValue;
  unsigned Commands;
  std::string_view Help;
  std::function<bool(Options &, std::string_view, std::string &)> Apply;
};

/// A Kubernetes namespace name: a DNS label.
bool isNamespace(std::string_view V) {
  if (V.empty() || V.size() > 63 || V.front() == '-' || V.back() == '-')
    return false;
  for (char C : V)
    if (!((C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '-'))
      return false;
  return true;
}

bool splitRuleList(std::string_view V, bool Enable, Options &O,
                   std::string &Error) {
  // Split on every comma, so "", "a,", ",a" and "a,,b" all show an empty id
  // instead of passing as "no rules".
  std::string_view Rest = V;
  while (true) {
    size_t Comma = Rest.find(',');
    std::string_view Id = Rest.substr(0, Comma);
    if (Id.empty()) {
      Error = std::string(Enable ? "--enable" : "--disable") +
              " expects rule ids separated by commas, or all; found '" +
              std::string(V) + "'";
      return false;
    }
    O.Toggles.push_back({Enable, std::string(Id)});
    if (Comma == std::string_view::npos)
      return true;
    Rest = Rest.substr(Comma + 1);
  }
}

const std::vector<OptionSpec> &optionSpecs() {
  static const std::vector<OptionSpec> Specs = {
      {"format", 'f', true, InputCommands | bit(Command::Rules),
       "output format; FORMAT=FILE writes it to FILE (repeatable)",
       [](Options &O, std::string_view V, std::string &) {
         size_t Eq = V.find('=');
         O.Outputs.push_back(
             {std::string(V.substr(0, Eq)),
              Eq == std::string_view::npos ? "" : std::string(V.substr(Eq + 1))});
         return true;
       }},
      {"output", 'o', true, InputCommands,
       "write the output to FILE (atomically) instead of standard output",
       [](Options &O, std::string_view V, std::string &) {
         O.OutputFile = std::string(V);
         return true;
       }},
      {"fail-on", 0, true, bit(Command::Check),
       "lowest severity that makes the exit code 1: note, warning (default), "
       "error or never",
       [](Options &O, std::string_view V, std::string &Error) {
         Severity S;
         if (V == "never") {
           O.FailOn.reset();
           return true;
         }
         if (!parseSeverity(V, S)) {
           Error = "invalid --fail-on '" + std::string(V) +
                   "' (expected note, warning, error or never)" +
                   didYouMean(V, {"note", "warning", "error", "never"});
           return false;
         }
         O.FailOn = S;
         return true;
       }},
      {"enable", 0, true, bit(Command::Check),
       "run these rules (comma-separated ids, or all)",
       [](Options &O, std::string_view V, std::string &Error) {
         return splitRuleList(V, true, O, Error);
       }},
      {"disable", 0, true, bit(Command::Check),
       "do not run these rules (comma-separated ids, or all)",
       [](Options &O, std::string_view V, std::string &Error) {
         return splitRuleList(V, false, O, Error);
       }},
      {"rule-option", 0, true, bit(Command::Check),
       "set a rule option: RULE.OPTION=VALUE (see `chokepoint rules`)",
       [](Options &O, std::string_view V, std::string &Error) {
         size_t Eq = V.find('=');
         if (Eq == std::string_view::npos || V.find('.') > Eq) {
           Error = "--rule-option expects RULE.OPTION=VALUE, found '" +
                   std::string(V) + "'";
           return false;
         }
         O.RuleOpts[std::string(V.substr(0, Eq))] = std::string(V.substr(Eq + 1));
         return true;
       }},
      {"jobs", 'j', true, InputCommands,
       "read inputs on N threads (default: one per core)",
       [](Options &O, std::string_view V, std::string &Error) {
         unsigned N = 0;
         auto [P, Ec] = std::from_chars(V.data(), V.data() + V.size(), N);
         if (Ec != std::errc() || P != V.data() + V.size() || N == 0) {
           Error = "-j expects a positive number, found '" + std::string(V) + "'";
           return false;
         }
         O.Jobs = N;
         return true;
       }},
      {"namespace", 0, true, InputCommands,
       "the namespace of manifests that give none (default: default)",
       [](Options &O, std::string_view V, std::string &Error) {
         if (!isNamespace(V)) {
           Error = "--namespace expects a Kubernetes namespace (lower-case "
                   "letters, digits and '-'), found " +
                   quote(V);
           return false;
         }
         O.Build.DefaultNamespace = std::string(V);
         return true;
       }},
      {"control-plane-name", 0, true, InputCommands,
       "take services with NAME in their name or image as control plane, "
       "as etcd or consul are (repeatable)",
       [](Options &O, std::string_view V, std::string &Error) {
         if (V.empty() || V.find_first_of(" \t\n,") != std::string_view::npos) {
           Error = "--control-plane-name expects a name, found " + quote(V);
           return false;
         }
         O.Build.ControlPlaneNames.push_back(std::string(V));
         return true;
       }},
      {"mesh-default-retries", 0, true, InputCommands,
       "retries the mesh makes on every call no route configures (Istio's "
       "default is 2; off unless given)",
       [](Options &O, std::string_view V, std::string &Error) {
         unsigned N = 0;
         auto [P, Ec] = std::from_chars(V.data(), V.data() + V.size(), N);
         if (Ec != std::errc() || P != V.data() + V.size() || N > 100) {
           Error = "--mesh-default-retries expects a number of retries from "
                   "0 to 100, found " +
                   quote(V);
           return false;
         }
         O.Build.MeshDefaultRetries = N;
         return true;
       }},
      {"verbose", 'v', false, InputCommands,
       "also list the files and documents that were skipped",
       [](Options &O, std::string_view, std::string &) {
         O.Verbose = true;
         return true;
       }},
      {"stats", 0, false, InputCommands,
       "print time and peak memory of each phase to standard error",
       [](Options &O, std::string_view, std::string &) {
         O.Stats = true;
         return true;
       }},
      {"help", 'h', false, ~0u, "show this help",
       [](Options &O, std::string_view, std::string &) {
         if (O.Cmd != Command::Help)
           O.HelpFor = std::string(commandName(O.Cmd));
         O.Cmd = Command::Help;
         return true;
       }},
  };
  return Specs;
}

} // namespace

bool parseCommandLine(const std::vector<std::string> &Args, Options &O,
                      std::string &Error) {
  if (Args.empty()) {
    O.Cmd = Command::Help;
    return true;
  }
  std::string_view First = Args[0];
  if (First == "--help" || First == "-h") {
    O.Cmd = Command::Help;
    return true;
  }
  if (First == "--version") {
    O.Cmd = Command::Version;
    return true;
  }
  const CommandInfo *Cmd = nullptr;
  for (const CommandInfo &C : Commands)
    if (C.Name == First)
      Cmd = &C;
  if (!Cmd) {
    std::vector<std::string_view> Names;
    for (const CommandInfo &C : Commands)
      Names.push_back(C.Name);
    if (First.substr(0, 1) == "-")
      Error = "expected a command before '" + std::string(First) +
              "' (check, graph, rules, help or version)";
    else
      Error = "unknown command '" + std::string(First) + "'" +
              didYouMean(First, Names) +
              (didYouMean(First, Names).empty()
                   ? " (expected check, graph, rules, help or version; to "
                     "analyse a file, run `chokepoint check " +
                         std::string(First) + "`)"
                   : "");
    return false;
  }
  O.Cmd = Cmd->Cmd;
  bool OnlyInputs = false;
  for (size_t I = 1; I < Args.size(); ++I) {
    std::string_view A = Args[I];
    if (OnlyInputs || A == "-" || A.empty() || A[0] != '-') {
      if (O.Cmd == Command::Help) {
        O.HelpFor = std::string(A);
        continue;
      }
      if (!(bit(O.Cmd) & InputCommands)) {
        Error = "'" + std::string(Cmd->Name) + "' takes no inputs, found '" +
                std::string(A) + "'";
        return false;
      }
      O.Inputs.push_back(std::string(A));
      continue;
    }
    if (A == "--") {
      OnlyInputs = true;
      continue;
    }
    // Find the option: --long, --long=value, -s, -svalue.
    const OptionSpec *Spec = nullptr;
    std::string_view Value;
    bool HasValue = false;
    std::string Shown;
    if (A.substr(0, 2) == "--") {
      std::string_view Body = A.substr(2);
      size_t Eq = Body.find('=');
      std::string_view Key = Body.substr(0, Eq);
      if (Eq != std::string_view::npos) {
        Value = Body.substr(Eq + 1);
        HasValue = true;
      }
      for (const OptionSpec &S : optionSpecs())
        if (S.Long == Key)
          Spec = &S;
      Shown = "--" + std::string(Key);
      if (!Spec) {
        std::vector<std::string> Longs;
        for (const OptionSpec &S : optionSpecs())
          if (S.Commands & bit(O.Cmd))
            Longs.push_back("--" + std::string(S.Long));
        std::vector<std::string_view> Views(Longs.begin(), Longs.end());
        Error = "unknown option '" + Shown + "'" + didYouMean(Shown, Views);
        return false;
      }
    } else {
      for (const OptionSpec &S : optionSpecs())
        if (S.Short && S.Short == A[1])
          Spec = &S;
      Shown = std::string(A.substr(0, 2));
      if (!Spec) {
        Error = "unknown option '" + Shown + "'";
        return false;
      }
      if (A.size() > 2) {
        if (!Spec->TakesValue) {
          Error = "option '" + Shown + "' takes no value, found '" +
                  std::string(A) + "'";
          return false;
        }
        Value = A.substr(2);
        HasValue = true;
      }
    }
    if (!(Spec->Commands & bit(O.Cmd))) {
      Error = "option '" + Shown + "' does not apply to '" +
              std::string(Cmd->Name) + "'";
      return false;
    }
    if (Spec->TakesValue && !HasValue) {
      if (I + 1 >= Args.size()) {
        Error = "option '" + Shown + "' needs a value";
        return false;
      }
      Value = Args[++I];
    } else if (!Spec->TakesValue && HasValue) {
      Error = "option '" + Shown + "' takes no value";
      return false;
    }
    if (!Spec->Apply(O, Value, Error))
      return false;
    if (O.Cmd == Command::Help)
      return true;
  }
  return true;
}

std::string usage(Command C) {
  std::string S;
  auto Options = [&](Command For) {
    S += "\nOptions:\n";
    for (const OptionSpec &O : optionSpecs()) {
      if (!(O.Commands & bit(For)))
        continue;
      std::string Flag = "  ";
      Flag += O.Short ? std::string("-") + O.Short + ", " : "    ";
      Flag += "--" + std::string(O.Long);
      if (O.TakesValue)
        Flag += O.Long == "format"                 ? " FORMAT"
                : O.Long == "rule-option"          ? " RULE.OPTION=VALUE"
                : O.Long == "jobs"                 ? " N"
                : O.Long == "output"               ? " FILE"
                : O.Long == "fail-on"              ? " SEVERITY"
                : O.Long == "namespace"            ? " NAMESPACE"
                : O.Long == "control-plane-name"   ? " NAME"
                : O.Long == "mesh-default-retries" ? " N"
                                                   : " RULES";
      if (Flag.size() < 32)
        Flag.append(32 - Flag.size(), ' ');
      else
        Flag += "\n" + std::string(32, ' ');
      S += Flag + std::string(O.Help) + "\n";
    }
  };
  std::string Formats;
  for (const EmitterInfo *E : allEmitters())
    Formats += (Formats.empty() ? "" : ", ") + std::string(E->Name);
  switch (C) {
  case Command::Check:
    S = "Usage: chokepoint check [options] INPUT...\n\n"
        "Reads topologies (files, folders searched for *.yaml, *.yml and "
        "*.json,\nor - for standard input), builds one graph and reports "
        "findings.\nFormats: " +
        Formats +
        ".\nExit codes: 0 nothing at or above --fail-on, 1 findings at or "
        "above it,\n2 bad usage or bad input.\n";
    Options(Command::Check);
    return S;
  case Command::Graph:
    S = "Usage: chokepoint graph [options] INPUT...\n\n"
        "Writes the graph of the inputs (nodes, edges, flows), no findings.\n"
        "Formats: " +
        Formats + ".\n";
    Options(Command::Graph);
    return S;
  case Command::Rules:
    S = "Usage: chokepoint rules [--format text|json]\n\n"
        "Lists the rules, their default severities, summaries and options.\n";
    return S;
  default:
    break;
  }
  S = "chokepoint: finds single owners where customer traffic, control-plane "
      "lookups\nand recovery storms meet.\n\nUsage: chokepoint COMMAND "
      "[options] ...\n\nCommands:\n";
  for (const CommandInfo &Cmd : Commands) {
    std::string Line = "  " + std::string(Cmd.Name);
    Line.append(12 - Line.size(), ' ');
    S += Line + std::string(Cmd.Summary) + "\n";
  }
  S += "\nRun `chokepoint help COMMAND` for a command's options.\n";
  return S;
}

bool resolveRules(const Options &O, std::vector<const Rule *> &Enabled,
                  std::string &Error) {
  std::vector<std::string_view> Ids;
  for (const Rule *R : allRules())
    Ids.push_back(R->info().Id);
  std::vector<uint8_t> On(allRules().size(), 1);
  for (const auto &[Enable, Id] : O.Toggles) {
    if (Id == "all") {
      std::fill(On.begin(), On.end(), Enable);
      continue;
    }
    size_t I = 0;
    while (I < Ids.size() && Ids[I] != Id)
      ++I;
    if (I == Ids.size()) {
      Error = "unknown rule '" + Id + "' in --" +
              (Enable ? "enable" : "disable") + didYouMean(Id, Ids) +
              (didYouMean(Id, Ids).empty() ? " (`chokepoint rules` lists them)"
                                           : "");
      return false;
    }
    On[I] = Enable;
  }
  for (const auto &[Key, Value] : O.RuleOpts) {
    size_t Dot = Key.find('.');
    std::string RuleId = Key.substr(0, Dot), Opt = Key.substr(Dot + 1);
    const Rule *R = findRule(RuleId);
    if (!R) {
      Error = "unknown rule '" + RuleId + "' in --rule-option" +
              didYouMean(RuleId, Ids);
      return false;
    }
    const OptionInfo *Info = nullptr;
    std::vector<std::string_view> Names;
    for (const OptionInfo &OI : R->info().Options) {
      Names.push_back(OI.Name);
      if (OI.Name == Opt)
        Info = &OI;
    }
    if (!Info) {
      Error = "rule '" + RuleId + "' has no option '" + Opt + "'" +
              (Names.empty() ? std::string(" (it takes none)")
                             : didYouMean(Opt, Names));
      return false;
    }
    if (std::string Why = validateOption(*Info, Value); !Why.empty()) {
      Error = "invalid value '" + Value + "' for " + Key + ": " + Why;
      return false;
    }
  }
  for (size_t I = 0; I < On.size(); ++I)
    if (On[I])
      Enabled.push_back(allRules()[I]);
  return true;
}

} // namespace chokepoint
