//===- analyzer/native_format.cpp - The native topology format ------------===//
//
// Walked the way clangd walks its config: raw nodes, one handler per known
// key, duplicate keys reported, unknown keys answered with "did you mean",
// every value located so later errors still point at it.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/native.h"

#include "llvm/ADT/SmallVector.h"

#include <array>
#include <charconv>
#include <cmath>
#include <span>
#include <unordered_map>

namespace chokepoint {

namespace {

std::string list(std::span<const std::string_view> Items) {
  std::string S;
  for (size_t I = 0; I < Items.size(); ++I) {
    if (I)
      S += ", ";
    S += Items[I];
  }
  return S;
}

template <typename E> struct EnumEntry {
  std::string_view Name;
  E Value;
};

class Decoder {
public:
  Decoder(const Document &D, const SourceManager &SM, Topology &T,
          DiagnosticList &Diags)
      : D(D), SM(SM), T(T), Diags(Diags) {}

  void document();

private:
  // Located errors.
  SourceLoc loc(DocNode N) { return SM.locate(D.File, N.offset(), Hint); }
  Diagnostic &error(DocNode N, std::string Message) {
    return Diags.error(loc(N), std::move(Message));
  }
  /// Past the error limit: stop looking (DiagnosticList keeps no more).
  bool full() const { return Diags.full(); }

  /// Calls F(key, value, merged) for each entry of Map, then for each entry
  /// merged into it by YAML merge keys (`<<: *a`, `<<: [*a, *b]`), depth
  /// first, so that earlier entries win as YAML says; merged mappings may
  /// merge others in turn. Reports merge values that are not mappings.
  template <typename Fn> void entries(DocNode Map, Fn &&F);

  /// Walks a mapping whose keys are known: F(key index, key, value) once per
  /// key present. Reports non-mappings, duplicate and unknown keys, and
  /// applies YAML merge keys (`<<: *defaults`) beneath the mapping's own.
  template <typename Fn>
  bool fields(DocNode Map, std::string_view What,
              std::span<const std::string_view> Keys, Fn &&F,
              bool Extensions = false);
  /// Walks a mapping of names: F(key, value) per entry; duplicates reported.
  template <typename Fn>
  bool names(DocNode Map, std::string_view What, Fn &&F);

  bool keyText(DocNode Key, std::string_view &Out);
  // Scalars: each returns true and sets Out when the value is good, reports
  // an error and returns false when it is not, and returns false quietly
  // for a null (`key:` with nothing), which leaves the default in place.
  // name() is for references, which have no default: null is an error.
  bool string(DocNode N, std::string_view Key, std::string_view &Out);
  bool name(DocNode N, std::string_view What, Name &Out);
  bool integer(DocNode N, std::string_view Key, uint64_t Min, uint64_t Max,
               uint64_t &Out, std::string_view Why = "");
  bool number(DocNode N, std::string_view Key, double &Out);
  bool boolean(DocNode N, std::string_view Key, bool &Out);
  template <typename E, size_t K>
  bool choice(DocNode N, std::string_view Key, std::string_view What,
              const std::array<EnumEntry<E>, K> &Table, E &Out);

  void service(DocNode Key, DocNode Value);
  void component(DocNode Key, DocNode Value);
  void edge(DocNode Item, bool Recovery);
  void scenario(DocNode Key, DocNode Value);

  const Document &D;
  const SourceManager &SM;
  Topology &T;
  DiagnosticList &Diags;
  SourceManager::LineHint Hint;
};

//===----------------------------------------------------------------------===//
// Walking mappings
//===----------------------------------------------------------------------===//

bool Decoder::keyText(DocNode Key, std::string_view &Out) {
  if (!Key.isScalar() || Key.isNull()) {
    error(Key,
          "expected a name as a key, found " + std::string(Key.describe()));
    return false;
  }
  Out = Key.scalar();
  return true;
}

template <typename Fn> void Decoder::entries(DocNode Map, Fn &&F) {
  // Every edge item is a mapping: no allocation unless merges nest deeply.
  llvm::SmallVector<std::pair<DocNode, bool>, 4> Todo{{Map, false}};
  while (!Todo.empty() && !full()) {
    auto [M, Merged] = Todo.back();
    Todo.pop_back();
    std::vector<DocNode> Merges;
    for (auto It = M.begin(); It != M.end() && !full(); ++It) {
      DocNode Key = *It;
      DocNode Value = *++It;
      if (Key.isScalar() && Key.style() == ScalarStyle::Plain &&
          Key.scalar() == "<<") {
        if (Value.isSequence())
          for (DocNode Each : Value)
            Merges.push_back(Each);
        else
          Merges.push_back(Value);
        continue;
      }
      F(Key, Value, Merged);
    }
    for (auto It = Merges.rbegin(); It != Merges.rend(); ++It) {
      if (It->isMapping())
        Todo.push_back({*It, true});
      else
        error(*It, "expected a mapping to merge with '<<', found " +
                       std::string(It->describe()));
    }
  }
}

template <typename Fn>
bool Decoder::fields(DocNode Map, std::string_view What,
                     std::span<const std::string_view> Keys, Fn &&F,
                     bool Extensions) {
  if (Map.isNull())
    return true; // `key:` with nothing: every field takes its default
  if (!Map.isMapping()) {
    error(Map, "expected a mapping for " + std::string(What) + ", found " +
                   std::string(Map.describe()));
    return false;
  }
  std::array<DocNode, 16> Seen{};
  entries(Map, [&](DocNode Key, DocNode Value, bool Merged) {
    std::string_view K;
    if (!keyText(Key, K))
      return;
    // Extension keys (`x-defaults: &d {...}`), as docker-compose has them:
    // a place for anchors that is not itself read.
    if (Extensions && K.substr(0, 2) == "x-")
      return;
    size_t I = 0;
    while (I < Keys.size() && Keys[I] != K)
      ++I;
    if (I == Keys.size()) {
      std::string Hint = didYouMean(
          K, std::vector<std::string_view>(Keys.begin(), Keys.end()));
      error(Key, "unknown key " + quote(K) + " in " + std::string(What) +
                     (Hint.empty() ? " (expected one of: " + list(Keys) + ")"
                                   : Hint));
      return;
    }
    if (Seen[I].valid()) {
      if (!Merged) {
        Diagnostic &Dg = error(Key, "duplicate key " + quote(K) + " in " +
                                        std::string(What));
        Dg.Notes.push_back(
            {DiagLevel::Note, loc(Seen[I]), "first given here", {}});
      }
      return; // a merged key loses to the mapping's own
    }
    Seen[I] = Key;
    F(I, Key, Value);
  });
  return true;
}

template <typename Fn>
bool Decoder::names(DocNode Map, std::string_view What, Fn &&F) {
  if (Map.isNull())
    return true;
  if (!Map.isMapping()) {
    error(Map, "expected a mapping of " + std::string(What) + ", found " +
                   std::string(Map.describe()));
    return false;
  }
  // Most mappings of names are small (a service's components): a linear
  // scan finds duplicates there without allocating; large ones (the
  // services of a big topology) use a hash map.
  constexpr size_t Small = 16;
  llvm::SmallVector<std::pair<std::string_view, DocNode>, Small> Few;
  std::unordered_map<std::string_view, DocNode> Many;
  bool UseMap = Map.size() / 2 > Small;
  if (UseMap)
    Many.reserve(Map.size() / 2);
  entries(Map, [&](DocNode Key, DocNode Value, bool Merged) {
    std::string_view K;
    if (!keyText(Key, K))
      return;
    DocNode Prev;
    if (UseMap) {
      auto [It, New] = Many.emplace(K, Key);
      if (!New)
        Prev = It->second;
    } else {
      for (const auto &[Name, Node] : Few)
        if (Name == K)
          Prev = Node;
      if (!Prev.valid())
        Few.push_back({K, Key});
    }
    if (Prev.valid()) {
      if (!Merged) {
        Diagnostic &Dg = error(Key, "duplicate key " + quote(K) + " in " +
                                        std::string(What));
        Dg.Notes.push_back(
            {DiagLevel::Note, loc(Prev), "first given here", {}});
      }
      return;
    }
    F(Key, Value);
  });
  return true;
}

//===----------------------------------------------------------------------===//
// Scalars
//===----------------------------------------------------------------------===//

/// A scalar as the user wrote it, for "found ...": "a string \"3\"" for a
/// quoted one, "'two'" for a plain one, "a mapping" for the others.
std::string found(DocNode N) {
  if (!N.isScalar() || N.isNull())
    return std::string(N.describe());
  std::string Q = quote(N.scalar());
  if (N.style() == ScalarStyle::Quoted) {
    Q.front() = Q.back() = '"';
    return "a string " + Q;
  }
  return Q;
}

/// True when S reads as a plain integer, as integer() takes it.
bool looksInteger(std::string_view S) {
  S = S.substr(!S.empty() && (S[0] == '-' || S[0] == '+'));
  if (S.size() > 2 && S[0] == '0' && (S[1] == 'x' || S[1] == 'o'))
    S.remove_prefix(2);
  return !S.empty() &&
         S.find_first_not_of("0123456789abcdefABCDEF") ==
             std::string_view::npos &&
         S.find_first_of("0123456789") != std::string_view::npos;
}

bool Decoder::string(DocNode N, std::string_view Key, std::string_view &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default (the brief)
  if (!N.isScalar() || N.isNull()) {
    error(N, "expected a string for '" + std::string(Key) + "', found " +
                 std::string(N.describe()));
    return false;
  }
  Out = T.intern(N.scalar());
  return true;
}

bool Decoder::name(DocNode N, std::string_view What, Name &Out) {
  if (!N.isScalar() || N.isNull()) {
    error(N, "expected " + std::string(What) + ", found " +
                 std::string(N.describe()));
    return false;
  }
  uint32_t Id = T.idOf(N.scalar());
  Out = {T.Texts[Id], loc(N), Id};
  return true;
}

bool Decoder::integer(DocNode N, std::string_view Key, uint64_t Min,
                      uint64_t Max, uint64_t &Out, std::string_view Why) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default (the brief)
  std::string K = "'" + std::string(Key) + "'";
  if (!N.isScalar() || N.isNull() || N.style() != ScalarStyle::Plain) {
    bool QuotedNumber = N.isScalar() && N.style() == ScalarStyle::Quoted &&
                        looksInteger(N.scalar());
    error(N, "expected an integer for " + K + ", found " + found(N) +
                 (QuotedNumber ? " (a quoted number is a string: drop the "
                                 "quotes)"
                               : ""));
    return false;
  }
  std::string_view S = N.scalar();
  bool Negative = !S.empty() && S[0] == '-';
  std::string_view Digits = S.substr(!S.empty() && (S[0] == '-' || S[0] == '+'));
  int Base = 10;
  if (Digits.size() > 2 && Digits[0] == '0' && (Digits[1] == 'x' || Digits[1] == 'o')) {
    Base = Digits[1] == 'x' ? 16 : 8;
    Digits.remove_prefix(2);
  }
  uint64_t V = 0;
  auto [P, Ec] = std::from_chars(Digits.data(), Digits.data() + Digits.size(),
                                 V, Base);
  if (Digits.empty() || P != Digits.data() + Digits.size() ||
      (Ec != std::errc() && Ec != std::errc::result_out_of_range)) {
    double F;
    auto [FP, FEc] = std::from_chars(S.data(), S.data() + S.size(), F);
    if (FEc == std::errc() && FP == S.data() + S.size())
      error(N, "expected a whole number for " + K + ", found " + std::string(S));
    else
      error(N, "expected an integer for " + K + ", found " +
                   std::string(N.describe()) + " " + quote(S));
    return false;
  }
  if (Negative && V != 0) {
    error(N, K + " must not be negative, found " + std::string(S));
    return false;
  }
  if (Ec == std::errc::result_out_of_range || V > Max) {
    error(N, K + " is too large: " + std::string(S) + " is above " +
                 std::to_string(Max));
    return false;
  }
  if (V < Min) {
    error(N, K + " must be at least " + std::to_string(Min) +
                 (Why.empty() ? "" : " (" + std::string(Why) + ")") +
                 ", found " + std::string(S));
    return false;
  }
  Out = V;
  return true;
}

bool Decoder::number(DocNode N, std::string_view Key, double &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default (the brief)
  std::string K = "'" + std::string(Key) + "'";
  if (!N.isScalar() || N.isNull() || N.style() != ScalarStyle::Plain) {
    bool QuotedNumber = false;
    if (N.isScalar() && N.style() == ScalarStyle::Quoted) {
      std::string_view S = N.scalar();
      double V;
      auto [P, Ec] = std::from_chars(S.data(), S.data() + S.size(), V);
      QuotedNumber =
          !S.empty() && Ec == std::errc() && P == S.data() + S.size();
    }
    error(N, "expected a number for " + K + ", found " + found(N) +
                 (QuotedNumber ? " (a quoted number is a string: drop the "
                                 "quotes)"
                               : ""));
    return false;
  }
  std::string_view S = N.scalar();
  std::string_view Body = S.substr(!S.empty() && S[0] == '+');
  double V;
  auto [P, Ec] = std::from_chars(Body.data(), Body.data() + Body.size(), V);
  bool Parsed = !Body.empty() && P == Body.data() + Body.size() &&
                (Ec == std::errc() || Ec == std::errc::result_out_of_range);
  // YAML's own spellings of infinity and not-a-number.
  std::string_view Unsigned =
      S.substr(!S.empty() && (S[0] == '-' || S[0] == '+'));
  bool Special = Unsigned == ".inf" || Unsigned == ".Inf" ||
                 Unsigned == ".INF" || Unsigned == ".nan" ||
                 Unsigned == ".NaN" || Unsigned == ".NAN";
  if ((Parsed && (Ec != std::errc() || !std::isfinite(V))) || Special) {
    error(N, "expected a finite number for " + K + ", found " + quote(S));
    return false;
  }
  if (!Parsed) {
    // "1m", "30s", "5%": a number with a unit, which the format never reads.
    size_t Digits = S.find_first_not_of("+-.0123456789eE");
    bool Unit = Digits != 0 && Digits != std::string_view::npos &&
                std::isalpha(static_cast<unsigned char>(S.back()));
    error(N, "expected a number for " + K + ", found " + found(N) +
                 (Unit ? " (a plain number: units are not read)" : ""));
    return false;
  }
  if (V < 0) {
    error(N, K + " must not be negative, found " + std::string(S));
    return false;
  }
  Out = V;
  return true;
}

bool Decoder::boolean(DocNode N, std::string_view Key, bool &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default (the brief)
  std::string_view S = N.isScalar() ? N.scalar() : std::string_view();
  if (N.isScalar() && N.style() == ScalarStyle::Plain) {
    if (S == "true" || S == "True" || S == "TRUE") {
      Out = true;
      return true;
    }
    if (S == "false" || S == "False" || S == "FALSE") {
      Out = false;
      return true;
    }
  }
  error(N, "expected true or false for '" + std::string(Key) + "', found " +
               found(N));
  return false;
}

template <typename E, size_t K>
bool Decoder::choice(DocNode N, std::string_view Key, std::string_view What,
                     const std::array<EnumEntry<E>, K> &Table, E &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default (the brief)
  if (N.isScalar())
    for (const auto &Entry : Table)
      if (Entry.Name == N.scalar()) {
        Out = Entry.Value;
        return true;
      }
  // An error: only now is the list of names worth making.
  std::vector<std::string_view> Names;
  for (const auto &Entry : Table)
    Names.push_back(Entry.Name);
  if (!N.isScalar()) {
    error(N, "expected " + std::string(What) + " for '" + std::string(Key) +
                 "' (one of: " + list(Names) + "), found " +
                 std::string(N.describe()));
    return false;
  }
  std::string_view S = N.scalar();
  std::string Hint = didYouMean(S, Names);
  std::string_view Bare = What.substr(What.substr(0, 3) == "an "  ? 3
                                      : What.substr(0, 2) == "a " ? 2
                                                                  : 0);
  error(N,
        "unknown " + std::string(Bare) + " " + quote(S) +
            (Hint.empty() ? " (expected one of: " + list(Names) + ")" : Hint));
  return false;
}

//===----------------------------------------------------------------------===//
// The format
//===----------------------------------------------------------------------===//

constexpr std::array<std::string_view, 4> TopKeys = {"chokepoint", "name",
                                                     "services", "scenarios"};
constexpr std::array<std::string_view, 13> ServiceKeys = {
    "replicas",   "plane",    "entry",   "stateful",      "drain_seconds",
    "grace_seconds", "drain_guard", "capacity", "population", "zone",
    "components", "calls",    "recovers"};
constexpr std::array<std::string_view, 4> ComponentKeys = {"kind", "owners",
                                                           "plane", "capacity"};
constexpr std::array<std::string_view, 11> EdgeKeys = {
    "to",         "kind",    "attempts",   "backoff", "jitter", "budget",
    "rate_limit", "timeout_ms", "fanout",  "via",     "on"};
constexpr std::array<std::string_view, 2> ScenarioKeys = {"fail", "window"};

constexpr std::array<EnumEntry<Plane>, 2> Planes = {
    {{"data", Plane::Data}, {"control", Plane::Control}}};
constexpr std::array<EnumEntry<bool>, 1> Entries = {{{"customer", true}}};
constexpr std::array<EnumEntry<ComponentKind>, 7> ComponentKinds = {{
    {"supervisor", ComponentKind::Supervisor},
    {"pool", ComponentKind::Pool},
    {"queue", ComponentKind::Queue},
    {"lock", ComponentKind::Lock},
    {"worker", ComponentKind::Worker},
    {"client", ComponentKind::Client},
    {"cache", ComponentKind::Cache},
}};
constexpr std::array<EnumEntry<EdgeKind>, 3> CallKinds = {{
    {"call", EdgeKind::Call},
    {"spawn", EdgeKind::Spawn},
    {"lookup", EdgeKind::Lookup},
}};
constexpr std::array<EnumEntry<EdgeKind>, 6> RecoveryKinds = {{
    {"retry", EdgeKind::Retry},
    {"reconnect", EdgeKind::Reconnect},
    {"restart", EdgeKind::Restart},
    {"recreate", EdgeKind::Recreate},
    {"resync", EdgeKind::Resync},
    {"failover", EdgeKind::Failover},
}};
constexpr std::array<EnumEntry<Backoff>, 3> Backoffs = {{
    {"none", Backoff::None},
    {"fixed", Backoff::Fixed},
    {"exponential", Backoff::Exponential},
}};

constexpr uint64_t Max32 = UINT32_MAX;

void Decoder::document() {
  DocNode Root = D.root();
  // The version first: a document of another version is not read further,
  // since its keys would only give a flood of errors that mean nothing.
  for (auto It = Root.begin(); It != Root.end(); ++It) {
    DocNode Key = *It;
    DocNode V = *++It;
    if (!Key.isScalar() || Key.scalar() != "chokepoint")
      continue;
    if (V.isScalar() && V.style() == ScalarStyle::Plain && V.scalar() == "1")
      break;
    if (V.isScalar() && V.style() == ScalarStyle::Plain &&
        looksInteger(V.scalar()))
      error(V, "unsupported format version " + std::string(V.scalar()) +
                   " for 'chokepoint': this chokepoint reads version 1");
    else
      error(V, "expected the format version 1 for 'chokepoint', found " +
                   found(V));
    return;
  }
  fields(Root, "a chokepoint document", TopKeys,
         [&](size_t I, DocNode Key, DocNode V) {
           switch (I) {
           case 0: // chokepoint, checked above
             return;
           case 1: { // name
             Name N;
             if (!V.isNull() && name(V, "a name for the topology", N))
               T.Names.push_back(N);
             return;
           }
           case 2: // services
             names(V, "services",
                   [&](DocNode K, DocNode S) { service(K, S); });
             return;
           case 3: // scenarios
             names(V, "scenarios",
                   [&](DocNode K, DocNode S) { scenario(K, S); });
             return;
           }
           (void)Key;
         },
         /*Extensions=*/true);
}

void Decoder::service(DocNode Key, DocNode Value) {
  ServiceFact S;
  if (!name(Key, "a service name", S.Id))
    return;
  if (std::string Why = checkName(S.Id.Value); !Why.empty()) {
    error(Key, "invalid service name " + quote(S.Id.Value) + ": " + Why);
    return;
  }
  S.ComponentBegin = uint32_t(T.Components.size());
  S.EdgeBegin = uint32_t(T.Edges.size());
  std::string What = "service " + quote(S.Id.Value);
  llvm::SmallVector<DocNode, 1> Calls, Recovers;
  fields(Value, What, ServiceKeys, [&](size_t I, DocNode K, DocNode V) {
    switch (I) {
    case 0: // replicas
      if (integer(V, "replicas", 0, Max32, S.Replicas))
        S.W.replicasLoc = loc(V);
      break;
    case 1: { // plane
      Plane P;
      if (choice(V, "plane", "a plane", Planes, P))
        S.PlaneValue = P;
      break;
    }
    case 2: // entry
      choice(V, "entry", "an entry", Entries, S.Entry);
      break;
    case 3:
      boolean(V, "stateful", S.W.stateful);
      break;
    case 4: {
      double X;
      if (number(V, "drain_seconds", X)) {
        S.W.drainSeconds = X;
        S.W.drainLoc = loc(V);
      }
      break;
    }
    case 5: {
      double X;
      if (number(V, "grace_seconds", X)) {
        S.W.graceSeconds = X;
        S.W.graceLoc = loc(V);
      }
      break;
    }
    case 6:
      boolean(V, "drain_guard", S.W.drainGuard);
      break;
    case 7: {
      double X;
      if (number(V, "capacity", X))
        S.W.capacity = X;
      break;
    }
    case 8: {
      uint64_t X;
      if (integer(V, "population", 0, UINT64_MAX / 2, X))
        S.W.population = X;
      break;
    }
    case 9: {
      std::string_view Z;
      if (string(V, "zone", Z))
        S.W.zone = std::string(Z);
      break;
    }
    case 10: // components
      names(V, "components", [&](DocNode CK, DocNode CV) { component(CK, CV); });
      break;
    case 11:
    case 12: {
      bool Recovery = I == 12;
      if (V.isNull())
        break;
      if (!V.isSequence()) {
        error(V, std::string("expected a sequence for '") +
                     (Recovery ? "recovers" : "calls") + "', found " +
                     std::string(V.describe()));
        break;
      }
      (Recovery ? Recovers : Calls).push_back(V);
      break;
    }
    }
    (void)K;
  });
  S.ComponentCount = uint32_t(T.Components.size()) - S.ComponentBegin;
  // Edges after components, so a `via` can name a component written later.
  for (DocNode List : Calls)
    for (DocNode Item : List) {
      if (full())
        break;
      edge(Item, false);
    }
  for (DocNode List : Recovers)
    for (DocNode Item : List) {
      if (full())
        break;
      edge(Item, true);
    }
  S.EdgeCount = uint32_t(T.Edges.size()) - S.EdgeBegin;
  T.Services.push_back(std::move(S));
}

void Decoder::component(DocNode Key, DocNode Value) {
  ComponentFact C;
  if (!name(Key, "a component name", C.Id))
    return;
  if (std::string Why = checkName(C.Id.Value); !Why.empty()) {
    error(Key, "invalid component name " + quote(C.Id.Value) + ": " + Why);
    return;
  }
  fields(Value, "component " + quote(C.Id.Value), ComponentKeys,
         [&](size_t I, DocNode, DocNode V) {
           switch (I) {
           case 0:
             choice(V, "kind", "a component kind", ComponentKinds, C.Kind);
             break;
           case 1:
             integer(V, "owners", 1, Max32, C.Owners,
                     "a component has at least one owner");
             break;
           case 2: {
             Plane P;
             if (choice(V, "plane", "a plane", Planes, P))
               C.PlaneValue = P;
             break;
           }
           case 3: {
             double X;
             if (number(V, "capacity", X))
               C.Capacity = X;
             break;
           }
           }
         });
  T.Components.push_back(C);
}

void Decoder::edge(DocNode Item, bool Recovery) {
  EdgeFact E;
  E.Loc = loc(Item);
  E.Kind = Recovery ? EdgeKind::Retry : EdgeKind::Call;
  std::string_view What = Recovery ? "a recovers item" : "a calls item";
  if (Item.isScalar() && !Item.isNull()) {
    // The short form: just the target.
    name(Item, "a service name", E.To);
    T.Edges.push_back(E);
    return;
  }
  if (!Item.isMapping()) {
    error(Item, "expected a service name or a mapping with 'to' for " +
                    std::string(What) + ", found " +
                    std::string(Item.describe()));
    return;
  }
  bool HaveTo = false, SawTo = false; // a bad 'to' is reported once
  uint64_t U;
  double X;
  fields(Item, What, EdgeKeys, [&](size_t I, DocNode K, DocNode V) {
    switch (I) {
    case 0: // to
      SawTo = true;
      HaveTo = name(V, "a service or service.component name for 'to'", E.To);
      break;
    case 1: { // kind
      if (Recovery) {
        EdgeKind Kind;
        if (V.isScalar())
          for (const auto &C : CallKinds)
            if (C.Name == V.scalar()) {
              error(V, "'" + std::string(C.Name) +
                           "' is not a recovery kind: list it under 'calls'");
              return;
            }
        if (choice(V, "kind", "a recovery kind", RecoveryKinds, Kind))
          E.Kind = Kind;
      } else {
        EdgeKind Kind;
        if (V.isScalar())
          for (const auto &C : RecoveryKinds)
            if (C.Name == V.scalar()) {
              error(V, "'" + std::string(C.Name) +
                           "' is a recovery kind: list it under 'recovers'");
              return;
            }
        if (choice(V, "kind", "an edge kind", CallKinds, Kind))
          E.Kind = Kind;
      }
      break;
    }
    case 2:
      if (integer(V, "attempts", 1, Max32, U,
                  "attempts counts every try, the first included"))
        E.Attempts = uint32_t(U);
      break;
    case 3:
      choice(V, "backoff", "a backoff", Backoffs, E.BackoffKind);
      break;
    case 4:
      boolean(V, "jitter", E.Jitter);
      break;
    case 5:
      if (number(V, "budget", X))
        E.Budget = X;
      break;
    case 6:
      if (number(V, "rate_limit", X))
        E.RateLimit = X;
      break;
    case 7:
      if (integer(V, "timeout_ms", 0, Max32, U))
        E.TimeoutMs = uint32_t(U);
      break;
    case 8:
      if (integer(V, "fanout", 1, Max32, U,
                  "fanout counts the requests one trigger sends"))
        E.Fanout = uint32_t(U);
      break;
    case 9: { // via
      if (V.isNull())
        break;
      if (!V.isSequence()) {
        error(V, "expected a sequence of component names for 'via', found " +
                     std::string(V.describe()));
        break;
      }
      E.ViaBegin = uint32_t(T.Via.size());
      for (DocNode Hop : V) {
        Name N;
        if (name(Hop, "a component name", N))
          T.Via.push_back(N);
      }
      E.ViaCount = uint32_t(T.Via.size()) - E.ViaBegin;
      break;
    }
    case 10: // on
      if (!Recovery) {
        error(K, "'on' names what fires a recovery edge: it belongs to a "
                 "recovers item, not a calls item");
        break;
      }
      string(V, "on", E.Trigger);
      break;
    }
  });
  if (!HaveTo) {
    if (!SawTo && !full())
      error(Item, std::string(What) +
                      " needs 'to': the service or service.component it goes "
                      "to");
    return;
  }
  T.Edges.push_back(E);
}

void Decoder::scenario(DocNode Key, DocNode Value) {
  ScenarioFact S;
  if (!name(Key, "a scenario name", S.Id))
    return;
  bool HaveFail = false;
  fields(Value, "scenario " + quote(S.Id.Value), ScenarioKeys,
         [&](size_t I, DocNode, DocNode V) {
           if (I == 1) {
             double W;
             if (number(V, "window", W)) {
               if (W <= 0)
                 error(V, "'window' must be above 0 seconds");
               else
                 S.WindowSeconds = W;
             }
             return;
           }
           HaveFail = true;
           if (V.isScalar() && !V.isNull()) {
             Name N;
             if (name(V, "a node to fail", N))
               S.Fail.push_back({N, 1.0});
             return;
           }
           if (!V.isMapping() && !V.isNull()) {
             error(V, "expected a node id or a mapping of node id to "
                      "fraction for 'fail', found " +
                          std::string(V.describe()));
             return;
           }
           names(V, "failing nodes", [&](DocNode NK, DocNode NV) {
             Name N;
             if (!name(NK, "a node to fail", N))
               return;
             double F = 1.0;
             if (!NV.isNull()) {
               if (!number(NV, "fraction", F))
                 return;
               if (F <= 0 || F > 1) {
                 error(NV, "a failing fraction must be above 0 and at most 1, "
                           "found " +
                               std::string(NV.scalar()));
                 return;
               }
             }
             S.Fail.push_back({N, F});
           });
         });
  if (!HaveFail && !full()) {
    error(Key, "scenario " + quote(S.Id.Value) +
                   " needs 'fail': the nodes it fails");
    return;
  }
  T.Scenarios.push_back(std::move(S));
}

} // namespace

std::string checkName(std::string_view Name) {
  if (Name.empty())
    return "a name must not be empty";
  for (size_t I = 0; I < Name.size(); ++I) {
    unsigned char C = Name[I];
    // C0 controls, DEL, and the C1 controls U+0080..U+009F (0xC2 0x80..).
    if (C < 0x20 || C == 0x7F ||
        (C == 0xC2 && I + 1 < Name.size() &&
         static_cast<unsigned char>(Name[I + 1]) < 0xA0))
      return "a name must not hold control characters";
  }
  if (Name.find('.') != std::string_view::npos)
    return "a name must not contain '.': node ids use it between a service "
           "and its component";
  if (Name.find(':') != std::string_view::npos)
    return "a name must not contain ':': node ids of code use '::'";
  return "";
}

bool isNativeDocument(const Document &Doc) {
  if (Doc.empty())
    return false;
  DocNode Root = Doc.root();
  if (!Root.isMapping())
    return false;
  for (auto It = Root.begin(); It != Root.end(); ++It) {
    DocNode Key = *It;
    ++It;
    if (Key.isScalar() && Key.scalar() == "chokepoint")
      return true;
  }
  return false;
}

void decodeNative(const Document &Doc, const SourceManager &SM, Topology &T,
                  DiagnosticList &Diags) {
  Decoder(Doc, SM, T, Diags).document();
}

} // namespace chokepoint
