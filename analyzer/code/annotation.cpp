//===- analyzer/code/annotation.cpp - Reading CHOKEPOINT_* arguments ------===//

#include "analyzer/code/annotation.h"

#include "analyzer/manifests/native.h"
#include "graphs/spelling.h"
#include "rules/rule.h"

#include <array>

namespace chokepoint {

namespace {

constexpr std::string_view Prefix = "chokepoint:";

/// What one argument must be.
enum class ArgRole : uint8_t {
  Service,   ///< a service name (checkName)
  Component, ///< a component name (checkName)
  Owners,    ///< an integer >= 1
  Attempts,  ///< an integer >= 1
  EntryKind, ///< "customer"
  BackoffName,
  RecoveryKind,
  Trigger, ///< any non-empty string
  Rule,    ///< a rule id
  Reason,  ///< any non-empty string
};

bool isInteger(ArgRole R) {
  return R == ArgRole::Owners || R == ArgRole::Attempts;
}

std::string_view describe(ArgRole R) {
  switch (R) {
  case ArgRole::Service:
    return "a service name";
  case ArgRole::Component:
    return "a component name";
  case ArgRole::Owners:
    return "a number of owners";
  case ArgRole::Attempts:
    return "a number of attempts";
  case ArgRole::EntryKind:
    return "the entry kind \"customer\"";
  case ArgRole::BackoffName:
    return "a backoff (none, fixed or exponential)";
  case ArgRole::RecoveryKind:
    return "a recovery kind (retry, reconnect, restart, recreate, resync or "
           "failover)";
  case ArgRole::Trigger:
    return "a trigger";
  case ArgRole::Rule:
    return "a rule id";
  case ArgRole::Reason:
    return "a reason";
  }
  return "";
}

/// Each annotation: its kind, the macro that writes it, what it may be
/// attached to, and its arguments (the last repeats when Variadic).
struct Spec {
  std::string_view Name; ///< after "chokepoint:"
  Annotation::Kind K;
  std::string_view Macro;
  std::vector<AnnotatedDecl> On;
  std::string_view OnWords; ///< for the message
  std::vector<ArgRole> Args;
  bool Variadic = false;
};

using D = AnnotatedDecl;
const std::array<Spec, 8> &specs() {
  static const std::array<Spec, 8> Specs = {{
      {"allow",
       Annotation::Kind::Allow,
       "CHOKEPOINT_ALLOW",
       {D::Namespace, D::Class, D::Function, D::Variable},
       "a namespace, class, function or variable",
       {ArgRole::Rule, ArgRole::Reason}},
      {"calls",
       Annotation::Kind::Calls,
       "CHOKEPOINT_CALLS",
       {D::Function},
       "a function",
       {ArgRole::Service},
       /*Variadic=*/true},
      {"entry",
       Annotation::Kind::Entry,
       "CHOKEPOINT_ENTRY",
       {D::Function},
       "a function",
       {ArgRole::EntryKind}},
      {"lookup",
       Annotation::Kind::Lookup,
       "CHOKEPOINT_LOOKUP",
       {D::Function},
       "a function",
       {ArgRole::Service}},
      {"owner",
       Annotation::Kind::Owner,
       "CHOKEPOINT_OWNER",
       {D::Class, D::Function, D::Variable},
       "a class, a function or a global variable",
       {ArgRole::Component, ArgRole::Owners}},
      {"recovery",
       Annotation::Kind::Recovery,
       "CHOKEPOINT_RECOVERY",
       {D::Function},
       "a function",
       {ArgRole::RecoveryKind, ArgRole::Trigger}},
      {"retry",
       Annotation::Kind::Retry,
       "CHOKEPOINT_RETRY",
       {D::Function},
       "a function",
       {ArgRole::Attempts, ArgRole::BackoffName}},
      {"service",
       Annotation::Kind::Service,
       "CHOKEPOINT_SERVICE",
       {D::Namespace, D::Class},
       "a namespace or a class",
       {ArgRole::Service}},
  }};
  return Specs;
}

std::string_view declWord(AnnotatedDecl On) {
  switch (On) {
  case D::Namespace:
    return "a namespace";
  case D::Class:
    return "a class";
  case D::Function:
    return "a function";
  case D::Variable:
    return "a variable";
  case D::Other:
    break;
  }
  return "this declaration";
}

std::string found(const AnnotationArg &A) {
  switch (A.T) {
  case AnnotationArg::Type::String:
    return concat({"the string ", quote(A.Text)});
  case AnnotationArg::Type::Integer:
    return concat({"the number ", std::to_string(A.Int)});
  case AnnotationArg::Type::Other:
    break;
  }
  return concat({quote(A.Text), ", which is not a literal"});
}

/// "CHOKEPOINT_OWNER takes 2 arguments (a component name and a number of
/// owners)".
std::string takes(const Spec &S) {
  std::vector<std::string> Words;
  for (ArgRole R : S.Args)
    Words.push_back(std::string(describe(R)));
  size_t N = S.Args.size();
  return concat({S.Macro, S.Variadic ? " takes at least " : " takes ",
                 plural(N, "argument", "arguments"), " (", joinWords(Words),
                 S.Variadic ? ", repeated" : "", ")"});
}

/// Checks one argument; fills Out and returns true, or reports.
bool checkArg(const Spec &S, ArgRole R, const AnnotationArg &A, SourceLoc At,
              Annotation &Out, DiagnosticList &Diags) {
  SourceLoc Loc = A.Loc.valid() ? A.Loc : At;
  bool WantInt = isInteger(R);
  auto Wrong = [&] {
    Diags.error(Loc,
                concat({S.Macro, " expects ", describe(R), " (",
                        WantInt ? "an integer literal" : "a string literal",
                        ") here, found ", found(A)}));
    return false;
  };
  if (WantInt != (A.T == AnnotationArg::Type::Integer) ||
      A.T == AnnotationArg::Type::Other)
    return Wrong();
  if (WantInt) {
    if (A.Int < 1 || (R == ArgRole::Attempts && A.Int > 1000000)) {
      Diags.error(Loc, concat({S.Macro, " expects ", describe(R),
                               R == ArgRole::Attempts ? " from 1 to 1000000"
                                                      : " of at least 1",
                               ", found ", std::to_string(A.Int)}));
      return false;
    }
    Out.Count = uint64_t(A.Int);
    return true;
  }
  std::string_view T = A.Text;
  std::string Why;
  switch (R) {
  case ArgRole::Service:
  case ArgRole::Component:
    Why = checkName(T);
    if (!Why.empty())
      Why = concat({"invalid ", R == ArgRole::Service ? "service" : "component",
                    " name ", quote(T), ": ", Why});
    break;
  case ArgRole::EntryKind:
    if (T != "customer")
      Why = concat({S.Macro,
                    " expects \"customer\", the only entry kind, "
                    "found ",
                    quote(T), didYouMean(T, {"customer"})});
    break;
  case ArgRole::BackoffName:
    if (auto B = parse<Backoff>(T))
      Out.BackoffKind = *B;
    else
      Why = concat({S.Macro, " expects ", describe(R), ", found ", quote(T),
                    didYouMean(T, {"none", "fixed", "exponential"})});
    break;
  case ArgRole::RecoveryKind: {
    auto K = parse<EdgeKind>(T);
    if (K && isRecovery(*K)) {
      Out.Recovery = *K;
      break;
    }
    std::vector<std::string_view> Kinds;
    for (const auto &Sp : spellings<EdgeKind>())
      if (isRecovery(Sp.Value))
        Kinds.push_back(Sp.Name);
    Why = concat({S.Macro, " expects ", describe(R), ", found ", quote(T),
                  didYouMean(T, Kinds)});
    break;
  }
  case ArgRole::Rule:
    if (!findRule(T)) {
      std::vector<std::string_view> Ids;
      for (const Rule *Ru : allRules())
        Ids.push_back(Ru->info().Id);
      std::string Hint = didYouMean(T, Ids);
      Why = concat({S.Macro, " names unknown rule ", quote(T), Hint,
                    Hint.empty() ? " (`chokepoint rules` lists them)" : ""});
    }
    break;
  case ArgRole::Trigger:
  case ArgRole::Reason:
    if (T.empty())
      Why = concat({S.Macro, " expects ", describe(R),
                    ", found an empty "
                    "string"});
    break;
  case ArgRole::Owners:
  case ArgRole::Attempts:
    break;
  }
  if (!Why.empty()) {
    Diags.error(Loc, std::move(Why));
    return false;
  }
  Out.Names.push_back(A.Text);
  Out.NameLocs.push_back(Loc);
  return true;
}

} // namespace

bool isChokepointAnnotation(std::string_view Kind) {
  return Kind.substr(0, Prefix.size()) == Prefix;
}

std::string_view macroName(Annotation::Kind K) {
  for (const Spec &S : specs())
    if (S.K == K)
      return S.Macro;
  return "";
}

bool interpretAnnotation(const RawAnnotation &A, Annotation &Out,
                         DiagnosticList &Diags) {
  std::string_view Kind = std::string_view(A.Kind).substr(
      isChokepointAnnotation(A.Kind) ? Prefix.size() : 0);
  const Spec *S = nullptr;
  std::vector<std::string_view> Names;
  for (const Spec &Each : specs()) {
    Names.push_back(Each.Name);
    if (Each.Name == Kind)
      S = &Each;
  }
  if (!S) {
    std::string Hint = closest(Kind, Names);
    Diags.error(A.Loc,
                concat({"unknown annotation ", quote(A.Kind),
                        Hint.empty() ? "" : "; did you mean ",
                        Hint.empty() ? "" : quote(concat({Prefix, Hint})),
                        Hint.empty() ? "" : "?",
                        " (include chokepoint/annotations.h and use its "
                        "CHOKEPOINT_* macros)"}));
    return false;
  }
  Out = Annotation();
  Out.K = S->K;
  Out.Loc = A.Loc;
  if (std::find(S->On.begin(), S->On.end(), A.On) == S->On.end()) {
    Diags.error(A.Loc, concat({S->Macro, " applies to ", S->OnWords, ", not ",
                               declWord(A.On)}));
    return false;
  }
  size_t Want = S->Args.size(), Have = A.Args.size();
  if (Have < Want || (!S->Variadic && Have > Want)) {
    Diags.error(A.Loc, concat({takes(*S), ", found ", std::to_string(Have)}));
    return false;
  }
  bool Ok = true;
  for (size_t I = 0; I < Have; ++I) {
    ArgRole R = S->Args[std::min(I, Want - 1)];
    Ok &= checkArg(*S, R, A.Args[I], A.Loc, Out, Diags);
  }
  return Ok;
}

} // namespace chokepoint
