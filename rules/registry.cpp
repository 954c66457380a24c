//===- rules/registry.cpp - Rule registry and finding helpers -------------===//

#include "rules/rule.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdio>
#include <tuple>

namespace chokepoint {

std::string_view name(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "?";
}

bool parseSeverity(std::string_view Text, Severity &Out) {
  for (Severity S : {Severity::Note, Severity::Warning, Severity::Error})
    if (Text == name(S)) {
      Out = S;
      return true;
    }
  return false;
}

std::string_view name(OptionType T) {
  switch (T) {
  case OptionType::Integer:
    return "integer";
  case OptionType::Number:
    return "number";
  case OptionType::Boolean:
    return "boolean";
  case OptionType::String:
    return "string";
  }
  return "?";
}

bool operator<(const Finding &A, const Finding &B) {
  return std::tie(A.Loc, A.Rule, A.Node) < std::tie(B.Loc, B.Rule, B.Node);
}

std::ostream &operator<<(std::ostream &OS, const Finding &F) {
  OS << F.Rule << " " << name(F.Sev) << " at " << F.Node << ": " << F.Message;
  for (const WitnessPath &P : F.Paths) {
    OS << "\n  " << P.Kind << ": " << P.Start;
    for (const Hop &H : P.Hops)
      OS << " -" << H.Kind << "-> " << H.To;
  }
  for (const Count &C : F.Counts)
    OS << "\n  " << C.Name << " = " << (C.Estimated ? "~" : "") << C.Value;
  return OS;
}

std::string validateOption(const OptionInfo &O, std::string_view Value) {
  const char *B = Value.data(), *E = Value.data() + Value.size();
  switch (O.Type) {
  case OptionType::Integer: {
    int64_t V;
    auto [P, Ec] = std::from_chars(B, E, V);
    if (Value.empty() || P != E ||
        (Ec != std::errc() && Ec != std::errc::result_out_of_range))
      return "expected an integer";
    if (Ec == std::errc::result_out_of_range)
      return "out of range (at most " + std::to_string(INT64_MAX) + ")";
    if (V < 1)
      return "expected a positive integer";
    return "";
  }
  case OptionType::Number: {
    double V;
    auto [P, Ec] = std::from_chars(B, E, V);
    if (Ec != std::errc() || P != E || Value.empty())
      return "expected a number";
    return "";
  }
  case OptionType::Boolean:
    return Value == "true" || Value == "false" ? ""
                                               : "expected true or false";
  case OptionType::String:
    return "";
  }
  return "";
}

//===----------------------------------------------------------------------===//
// Registry
//===----------------------------------------------------------------------===//

namespace {
std::vector<std::unique_ptr<Rule>> &storage() {
  static std::vector<std::unique_ptr<Rule>> Rules;
  return Rules;
}
} // namespace

void detail::registerRule(std::unique_ptr<Rule> R) {
  storage().push_back(std::move(R));
}

const std::vector<const Rule *> &allRules() {
  static const std::vector<const Rule *> Sorted = [] {
    std::vector<const Rule *> V;
    for (auto &R : storage())
      V.push_back(R.get());
    std::sort(V.begin(), V.end(), [](const Rule *A, const Rule *B) {
      return A->info().Id < B->info().Id;
    });
    return V;
  }();
  return Sorted;
}

const Rule *findRule(std::string_view Id) {
  for (const Rule *R : allRules())
    if (R->info().Id == Id)
      return R;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// RuleContext
//===----------------------------------------------------------------------===//

std::string_view RuleContext::option(std::string_view Name) const {
  std::string Key = std::string(Info.Id) + "." + std::string(Name);
  if (auto It = Options.find(Key); It != Options.end())
    return It->second;
  for (const OptionInfo &O : Info.Options)
    if (O.Name == Name)
      return O.Default;
  assert(false && "rule asked for an option it does not declare");
  return "";
}

int64_t RuleContext::integerOption(std::string_view Name) const {
  std::string_view Text = option(Name);
  int64_t V = 0;
  std::from_chars(Text.data(), Text.data() + Text.size(), V);
  return V;
}

namespace {
/// FNV-1a, 64-bit: stable across platforms and releases.
std::string fingerprint(std::string_view Rule, std::string_view Node) {
  uint64_t H = 0xcbf29ce484222325ull;
  auto Mix = [&](std::string_view S) {
    for (unsigned char C : S) {
      H ^= C;
      H *= 0x100000001b3ull;
    }
  };
  Mix(Rule);
  Mix(std::string_view("\0", 1));
  Mix(Node);
  char Buf[17];
  std::snprintf(Buf, sizeof Buf, "%016llx", (unsigned long long)H);
  return Buf;
}
} // namespace

Severity RuleInfo::severity(Tier T) const {
  assert((T == Tier::Default || ElevatedSeverity) &&
         "rule reports an elevated finding but declares no elevated severity");
  return T == Tier::Elevated && ElevatedSeverity ? *ElevatedSeverity
                                                 : DefaultSeverity;
}

Finding &RuleContext::report(NodeId V, std::string Message, Tier T) {
  const NodeProps &N = graph().node(V);
  Finding F;
  F.Rule = std::string(Info.Id);
  F.Sev = Info.severity(T);
  F.Level = T;
  F.Message = std::move(Message);
  F.Node = N.id;
  F.Loc = N.loc;
  F.Fingerprint = fingerprint(F.Rule, F.Node);
  Out.push_back(std::move(F));
  return Out.back();
}

Hop hopOf(const Graph &G, EdgeId E) {
  const EdgeProps &EP = G.edge(E);
  Hop H;
  H.From = G.node(G.source(E)).id;
  H.To = G.node(G.target(E)).id;
  H.Kind = name(EP.kind);
  H.Loc = EP.loc;
  H.Attempts = G.declaration(EP.decl).attempts;
  H.Multiplier = EP.multiplier;
  return H;
}

std::string WitnessPath::title() const {
  return concat({Heading, " ", quote(Start)});
}

WitnessPath RuleContext::witness(std::string_view Kind,
                                 std::string_view Heading, const Path &P,
                                 bool Products) {
  const Graph &G = graph();
  WitnessPath W;
  W.Kind = Kind;
  W.Heading = Heading;
  W.Start = G.node(P.Start).id;
  W.StartLoc = G.node(P.Start).loc;
  uint64_t Product = 1;
  for (EdgeId E : P.Hops) {
    Hop H = hopOf(G, E);
    if (Products) {
      Product = saturatingMul(Product, H.Multiplier);
      H.Product = Product;
    }
    W.Hops.push_back(std::move(H));
  }
  return W;
}

} // namespace chokepoint
