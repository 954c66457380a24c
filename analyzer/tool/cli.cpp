//===- analyzer/tool/cli.cpp - Commands and options as tables -------------===//
//
// The registry of commands, the options they share, and the parser: the
// first argument picks a command (with "did you mean"), the rest are its
// operands and options, each checked against what the command takes.
//
//===----------------------------------------------------------------------===//

#include "analyzer/tool/cli.h"

#include "analyzer/manifests/native.h"
#include "analyzer/report/policy.h"
#include "analyzer/support/diagnostics.h"

#include <algorithm>
#include <charconv>
#include <climits>

namespace chokepoint {

//===----------------------------------------------------------------------===//
// The registry
//===----------------------------------------------------------------------===//

const std::vector<const CommandInfo *> &allCommands() {
  return Registry<CommandInfo>::all();
}

const CommandInfo *findCommand(std::string_view Name) {
  return Registry<CommandInfo>::find(Name);
}

std::string commandNames(std::string_view Last) {
  std::string S;
  const auto &All = allCommands();
  for (size_t I = 0; I < All.size(); ++I) {
    if (I > 0)
      S += I + 1 == All.size() ? Last : ", ";
    S += All[I]->Name;
  }
  return S;
}

int usageError(llvm::raw_ostream &Err, std::string_view Message) {
  Err << "chokepoint: error: " << Message << "\n";
  return ExitBad;
}

//===----------------------------------------------------------------------===//
// The shared options
//===----------------------------------------------------------------------===//

bool parseCount(std::string_view V, unsigned Min, unsigned Max, unsigned &N) {
  auto [P, Ec] = std::from_chars(V.data(), V.data() + V.size(), N);
  return Ec == std::errc() && P == V.data() + V.size() && N >= Min && N <= Max;
}

namespace {

bool applyJobs(Invocation &I, std::string_view V, std::string &Error) {
  unsigned N = 0;
  if (!parseCount(V, 1, UINT_MAX, N)) {
    Error = concat({"-j expects a positive number, found ", quote(V)});
    return false;
  }
  I.Jobs = N;
  return true;
}

/// "64M", "1G", "4096": bytes, or K, M, G (also KiB, MiB, GiB) for powers
/// of 1024.
bool applyMaxInputSize(Invocation &I, std::string_view V, std::string &Error) {
  uint64_t N = 0;
  auto [P, Ec] = std::from_chars(V.data(), V.data() + V.size(), N);
  std::string_view Unit = V.substr(P - V.data());
  constexpr std::pair<std::string_view, unsigned> Units[] = {
      {"", 0},     {"K", 10}, {"KiB", 10}, {"M", 20},
      {"MiB", 20}, {"G", 30}, {"GiB", 30}};
  for (auto [Name, Shift] : Units)
    if (Ec == std::errc() && N > 0 && Unit == Name && N <= (~0ull >> Shift)) {
      I.MaxInputSize = N << Shift;
      return true;
    }
  Error = concat({"--max-input-size expects a positive size in bytes, "
                  "optionally with K, M or G (as 64M), found ",
                  quote(V)});
  return false;
}

bool applyColor(Invocation &I, std::string_view V, std::string &Error) {
  constexpr std::pair<std::string_view, ColorMode> Modes[] = {
      {"auto", ColorMode::Auto},
      {"always", ColorMode::Always},
      {"never", ColorMode::Never}};
  for (auto [Name, Mode] : Modes)
    if (V == Name) {
      I.Color = Mode;
      return true;
    }
  Error = concat({"invalid --color ", quote(V),
                  " (expected auto, always or never)",
                  didYouMean(V, {"auto", "always", "never"})});
  return false;
}

/// --service-map PATH=SERVICE.
bool applyServiceMap(Invocation &I, std::string_view V, std::string &Error) {
  size_t Eq = V.rfind('=');
  if (Eq == std::string_view::npos || Eq == 0) {
    Error = concat({"--service-map expects PATH=SERVICE, found ", quote(V)});
    return false;
  }
  std::string_view Service = V.substr(Eq + 1);
  if (std::string Why = checkName(Service); !Why.empty()) {
    Error = concat(
        {"invalid service name ", quote(Service), " in --service-map: ", Why});
    return false;
  }
  I.ServiceMap.push_back({std::string(V.substr(0, Eq)), std::string(Service)});
  return true;
}

/// A Kubernetes namespace name: a DNS label.
bool isNamespace(std::string_view V) {
  if (V.empty() || V.size() > 63 || V.front() == '-' || V.back() == '-')
    return false;
  for (char C : V)
    if (!((C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '-'))
      return false;
  return true;
}

bool applyNamespace(Invocation &I, std::string_view V, std::string &Error) {
  if (!isNamespace(V)) {
    Error = concat({"--namespace expects a Kubernetes namespace (lower-case "
                    "letters, digits and '-'), found ",
                    quote(V)});
    return false;
  }
  I.Build.DefaultNamespace = std::string(V);
  return true;
}

bool applyControlPlaneName(Invocation &I, std::string_view V,
                           std::string &Error) {
  if (V.empty() || V.find_first_of(" \t\n,") != std::string_view::npos) {
    Error = concat({"--control-plane-name expects a name, found ", quote(V)});
    return false;
  }
  I.Build.ControlPlaneNames.push_back(std::string(V));
  return true;
}

bool applyMeshDefaultRetries(Invocation &I, std::string_view V,
                             std::string &Error) {
  unsigned N = 0;
  if (!parseCount(V, 0, 100, N)) {
    Error = concat({"--mesh-default-retries expects a number of retries from "
                    "0 to 100, found ",
                    quote(V)});
    return false;
  }
  I.Build.MeshDefaultRetries = N;
  return true;
}

/// --help: the command becomes `help`, about the command it was given to.
bool applyHelp(Invocation &I, std::string_view, std::string &) {
  if (I.Command->Name != "help")
    I.Operands = {std::string(I.Command->Name)};
  I.Command = findCommand("help");
  I.StopParsing = true;
  return true;
}

} // namespace

const std::vector<OptionSpec> &sharedOptions() {
  static const std::vector<OptionSpec> Specs = {
      {"format", 'f', "FORMAT",
       "output format; FORMAT=FILE writes it to FILE (repeatable)",
       [](Invocation &I, std::string_view V, std::string &) {
         size_t Eq = V.find('=');
         I.Outputs.push_back(
             {std::string(V.substr(0, Eq)),
              Eq == std::string_view::npos ? "" : std::string(V.substr(Eq + 1))});
         return true;
       }},
      {"output", 'o', "FILE",
       "write the output to FILE (atomically) instead of standard output",
       [](Invocation &I, std::string_view V, std::string &) {
         I.OutputFile = std::string(V);
         return true;
       }},
      {"jobs", 'j', "N",
       "read inputs and translation units on N threads (default: one per "
       "core)",
       applyJobs},
      {"build-path", 'p', "BUILD_DIR",
       "read C/C++ sources with BUILD_DIR/compile_commands.json (alone: "
       "every source it lists)",
       [](Invocation &I, std::string_view V, std::string &) {
         I.BuildPath = std::string(V);
         return true;
       }},
      {"service-map", 0, "PATH=SERVICE",
       "functions in files below PATH belong to SERVICE unless "
       "CHOKEPOINT_SERVICE says otherwise (repeatable)",
       applyServiceMap},
      {"keep-going", 0, "",
       "analyse the translation units that compile, skip the others",
       [](Invocation &I, std::string_view, std::string &) {
         I.KeepGoing = true;
         return true;
       }},
      {"max-input-size", 0, "SIZE",
       "refuse an input larger than SIZE (default 1G; K, M, G suffixes)",
       applyMaxInputSize},
      {"namespace", 0, "NAMESPACE",
       "the namespace of manifests that give none (default: default)",
       applyNamespace},
      {"control-plane-name", 0, "NAME",
       "take services with NAME in their name or image as control plane, "
       "as etcd or consul are (repeatable)",
       applyControlPlaneName},
      {"mesh-default-retries", 0, "N",
       "retries the mesh makes on every call no route configures (Istio's "
       "default is 2; off unless given)",
       applyMeshDefaultRetries},
      {"exclude", 0, "GLOB",
       "do not read paths that match GLOB (repeatable; docs/manifests.md)",
       [](Invocation &I, std::string_view V, std::string &Error) {
         if (V.empty()) {
           Error = "--exclude expects a glob, found ''";
           return false;
         }
         I.Excludes.push_back(std::string(V));
         return true;
       }},
      {"verbose", 'v', "",
       "also list the files and documents that were skipped",
       [](Invocation &I, std::string_view, std::string &) {
         I.Verbose = true;
         return true;
       }},
      {"stats", 0, "",
       "print time and peak memory of each phase to standard error",
       [](Invocation &I, std::string_view, std::string &) {
         I.Stats = true;
         return true;
       }},
      {"no-graph", 0, "",
       "leave the graph out of the JSON report (findings and summary only)",
       [](Invocation &I, std::string_view, std::string &) {
         I.NoGraph = true;
         return true;
       }},
      {"color", 0, "WHEN",
       "when to colour the text: auto (default), always or never", applyColor},
      {"help", 'h', "", "show this help", applyHelp},
  };
  return Specs;
}

//===----------------------------------------------------------------------===//
// The parser
//===----------------------------------------------------------------------===//

namespace {

bool takes(const CommandInfo &C, const OptionSpec &S) {
  return S.Long == "help" ||
         std::find(C.Options.begin(), C.Options.end(), S.Long) !=
             C.Options.end();
}

/// The option that matches, looked for among C's own options, then the
/// shared ones, then every other command's (which C does not take).
template <typename Pred>
const OptionSpec *lookup(const CommandInfo &C, Pred Matches) {
  auto In = [&](const std::vector<OptionSpec> &Specs) -> const OptionSpec * {
    for (const OptionSpec &S : Specs)
      if (Matches(S))
        return &S;
    return nullptr;
  };
  if (const OptionSpec *S = In(C.Own))
    return S;
  if (const OptionSpec *S = In(sharedOptions()))
    return S;
  if (const OptionSpec *S = In(viewOptions()))
    return S;
  for (const CommandInfo *Other : allCommands())
    if (const OptionSpec *S = In(Other->Own))
      return S;
  return nullptr;
}

/// The long option names C takes, as typed: for "did you mean".
std::vector<std::string> longNames(const CommandInfo &C) {
  std::vector<std::string> Names;
  for (std::string_view Long : C.Options)
    Names.push_back(concat({"--", Long}));
  Names.push_back("--help");
  return Names;
}

/// An option as found on the command line.
struct Spelled {
  const OptionSpec *Spec = nullptr;
  std::string Shown; ///< "--format" or "-f", for messages
  std::string_view Value;
  bool HasValue = false; ///< --long=value, or -svalue
};

/// Finds the option A spells: --long, --long=value, -s or -svalue.
bool spelled(const CommandInfo &C, std::string_view A, Spelled &S,
             std::string &Error) {
  if (A.substr(0, 2) == "--") {
    std::string_view Body = A.substr(2);
    size_t Eq = Body.find('=');
    std::string_view Key = Body.substr(0, Eq);
    S.HasValue = Eq != std::string_view::npos;
    if (S.HasValue)
      S.Value = Body.substr(Eq + 1);
    S.Shown = concat({"--", Key});
    S.Spec = lookup(C, [&](const OptionSpec &O) { return O.Long == Key; });
    if (!S.Spec) {
      std::vector<std::string> Names = longNames(C);
      std::vector<std::string_view> Views(Names.begin(), Names.end());
      Error = concat(
          {"unknown option ", quote(S.Shown), didYouMean(S.Shown, Views)});
    }
    return S.Spec;
  }
  S.Shown = std::string(A.substr(0, 2));
  S.Spec = lookup(C, [&](const OptionSpec &O) { return O.Short == A[1]; });
  if (!S.Spec) {
    Error = concat({"unknown option ", quote(S.Shown)});
    return false;
  }
  if (A.size() > 2) {
    if (S.Spec->ValueName.empty()) {
      Error = concat({"option ", quote(S.Shown), " takes no value, found ",
                      quote(A)});
      return false;
    }
    S.Value = A.substr(2);
    S.HasValue = true;
  }
  return true;
}

/// Reads the option at Args[K] (and its value, which may be Args[K + 1]).
bool parseOption(const std::vector<std::string> &Args, size_t &K,
                 Invocation &I, std::string &Error) {
  Spelled S;
  if (!spelled(*I.Command, Args[K], S, Error))
    return false;
  if (!takes(*I.Command, *S.Spec)) {
    Error = concat({"option ", quote(S.Shown), " does not apply to ",
                    quote(I.Command->Name)});
    return false;
  }
  bool TakesValue = !S.Spec->ValueName.empty();
  if (TakesValue && !S.HasValue) {
    if (K + 1 >= Args.size()) {
      Error = concat({"option ", quote(S.Shown), " needs a value"});
      return false;
    }
    S.Value = Args[++K];
  } else if (!TakesValue && S.HasValue) {
    Error = concat({"option ", quote(S.Shown), " takes no value"});
    return false;
  }
  return S.Spec->Apply(I, S.Value, Error);
}

/// The command the first argument names, or spells like --version (then
/// nothing after it is read, as `chokepoint --version` always did).
const CommandInfo *pickCommand(std::string_view First, Invocation &I,
                               std::string &Error) {
  std::vector<std::string_view> Names;
  for (const CommandInfo *C : allCommands()) {
    Names.push_back(C->Name);
    I.StopParsing = std::find(C->Spellings.begin(), C->Spellings.end(),
                              First) != C->Spellings.end();
    if (C->Name == First || I.StopParsing)
      return C;
  }
  std::string Hint = didYouMean(First, Names);
  if (First.substr(0, 1) == "-")
    Error = concat({"expected a command before ", quote(First), " (",
                    commandNames(" or "), ")"});
  else if (!Hint.empty())
    Error = concat({"unknown command ", quote(First), Hint});
  else
    Error = concat({"unknown command ", quote(First), " (expected ",
                    commandNames(" or "),
                    "; to analyse a file, run `chokepoint check ", First,
                    "`)"});
  return nullptr;
}

} // namespace

bool parseCommandLine(const std::vector<std::string> &Args, Invocation &I,
                      std::string &Error) {
  I.Command =
      Args.empty() ? findCommand("help") : pickCommand(Args[0], I, Error);
  if (!I.Command)
    return false;
  bool OnlyOperands = false;
  for (size_t K = 1; K < Args.size() && !I.StopParsing; ++K) {
    std::string_view A = Args[K];
    if (OnlyOperands || A == "-" || A.empty() || A[0] != '-') {
      if (!I.Command->TakesOperands) {
        Error = concat({quote(I.Command->Name), " takes no inputs, found ",
                        quote(A)});
        return false;
      }
      I.Operands.push_back(std::string(A));
    } else if (A == "--") {
      OnlyOperands = true;
    } else if (!parseOption(Args, K, I, Error)) {
      return false;
    }
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Help
//===----------------------------------------------------------------------===//

std::string optionsHelp(const CommandInfo &C) {
  std::string S = "\nOptions:\n";
  std::vector<std::string_view> Names = C.Options;
  Names.push_back("help");
  for (std::string_view Long : Names) {
    const OptionSpec *O =
        lookup(C, [&](const OptionSpec &X) { return X.Long == Long; });
    if (!O) // a name nobody declares (test/unit/cli_test.cpp catches it)
      continue;
    std::string Flag = "  ";
    Flag += O->Short ? std::string{'-', O->Short, ',', ' '} : "    ";
    Flag += concat({"--", O->Long});
    if (!O->ValueName.empty())
      Flag += concat({" ", O->ValueName});
    if (Flag.size() < 32)
      Flag.append(32 - Flag.size(), ' ');
    else
      Flag.append("\n").append(32, ' ');
    S += Flag;
    S += O->Help;
    S += "\n";
  }
  return S;
}

} // namespace chokepoint
