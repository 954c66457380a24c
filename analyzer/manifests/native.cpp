//===- analyzer/manifests/native.cpp - The native topology format ---------===//
//
// `chokepoint: 1` documents (SPEC §3), in YAML or JSON; docs/format.md is the
// user's reference, and every key below is there. One handler per key; the
// Walker does the rest (unknown and duplicate keys, types, ranges).
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/native.h"

#include "analyzer/manifests/frontend.h"
#include "analyzer/support/text.h"
#include "analyzer/support/threads.h"

#include <algorithm>
#include <unordered_set>

namespace chokepoint {

namespace {

// Spellings from graphs/spelling.h; only `entry` has its own.
constexpr std::array<Spelling<bool>, 1> Entries = {{{"customer", true}}};
/// What a `calls` item may name, and a `recovers` item.
constexpr auto CallKinds = kindSpellings(TrafficKinds | ControlKinds);
constexpr auto RecoveryItemKinds = kindSpellings(RecoveryKinds);

constexpr uint64_t Max32 = UINT32_MAX;

class Decoder {
public:
  Decoder(Walker &W, Topology &T) : W(W), T(T) {}

  /// Decodes the document into T; given a Spread of several threads and a
  /// large services mapping, its services into Topologies of their own
  /// (servicesApart).
  void document(Spread *Spreading = nullptr);

private:
  /// Room in T for the services of Entries (a mapping's keys and values,
  /// alternating) and their edges.
  void reserve(std::span<const DocNode> Entries);
  /// Decodes the services of the mapping Services on S.Threads threads,
  /// each a run of its entries into a Topology of its own, appended to
  /// S.Apart in order, at most one run an entry. Returns false, having
  /// recorded nothing, when one thread would do (fewer than S.MinEntries
  /// entries), when W is at its error limit, when the mapping is not a
  /// plain one (a merge key, a key that is not a name, a name given twice)
  /// or when any run has something to report: then the one-thread walk
  /// decodes it, and reports exactly as always.
  bool servicesApart(DocNode Services, Spread &S);
  void service(DocNode Key, DocNode Value);
  void component(DocNode Key, DocNode Value);
  void edge(DocNode Item, bool Recovery);
  /// `kind` of an edge item: from the list it is in; a kind of the other
  /// list is an error that names the right one.
  void edgeKind(DocNode V, bool Recovery, EdgeKind &Out);
  void scenario(DocNode Key, DocNode Value);
  void failing(DocNode V, ScenarioFact &S);
  /// `allow:` of a service, a component or an edge item, into Out.
  void allows(DocNode V, AllowFact::On Target, std::vector<AllowFact> &Out);
  /// Records Out, read for the fact about to be pushed at Index (of the
  /// service about to be pushed).
  void commit(std::vector<AllowFact> &Out, uint32_t Index);

  Walker &W;
  Topology &T;
  std::string_view TopologyName;
};

/// Room in T for the services and edges about to be read: a large
/// topology has a million edges, and a vector grown one at a time copies
/// them over and over (5% of the time at 100k services).
void Decoder::reserve(std::span<const DocNode> Entries) {
  // A mapping's children are its keys and values, alternating.
  size_t Edges = 0;
  for (size_t I = 1; I < Entries.size(); I += 2) {
    if (!Entries[I].isMapping())
      continue;
    size_t J = 0;
    std::string_view Key;
    for (DocNode X : Entries[I]) {
      if (J++ % 2 == 0)
        Key = X.isScalar() ? X.scalar() : std::string_view();
      else if ((Key == "calls" || Key == "recovers") && X.isSequence())
        Edges += X.size();
    }
  }
  auto Grow = [](auto &Vector, size_t More) {
    if (Vector.capacity() < Vector.size() + More)
      Vector.reserve(std::max(Vector.size() + More, 2 * Vector.capacity()));
  };
  Grow(T.Edges, Edges);
  Grow(T.Services, Entries.size() / 2);
}

bool Decoder::servicesApart(DocNode Services, Spread &S) {
  unsigned Threads = S.Threads;
  if (Threads < 2 || W.full() || !Services.isMapping() ||
      Services.size() / 2 < std::max<size_t>(S.MinEntries, 2))
    return false;
  // No more runs than entries.
  Threads = unsigned(std::min<size_t>(Threads, Services.size() / 2));
  std::vector<DocNode> Entries;
  Entries.reserve(Services.size());
  std::unordered_set<std::string_view> Seen;
  Seen.reserve(Services.size() / 2);
  for (DocNode N : Services) {
    bool IsKey = Entries.size() % 2 == 0;
    Entries.push_back(N);
    if (IsKey && (!N.isScalar() || N.isNull() ||
                  (N.style() == ScalarStyle::Plain && N.scalar() == "<<") ||
                  !Seen.insert(N.scalar()).second))
      return false;
  }
  Seen = {};
  size_t Count = Entries.size() / 2;
  std::vector<std::unique_ptr<Topology>> Parts(Threads);
  std::vector<DiagnosticList> Said(Threads);
  onThreads(Threads, [&](unsigned I) {
    size_t Begin = Count * I / Threads, End = Count * (I + 1) / Threads;
    auto Part = std::make_unique<Topology>();
    Part->File = T.File;
    Walker PartW(W.document(), W.sources(), Said[I]);
    Decoder D(PartW, *Part);
    if (!TopologyName.empty())
      D.TopologyName = Part->intern(TopologyName);
    std::span<const DocNode> Run(Entries.data() + 2 * Begin, 2 * (End - Begin));
    D.reserve(Run);
    for (size_t K = 0; K < Run.size(); K += 2)
      D.service(Run[K], Run[K + 1]);
    Parts[I] = std::move(Part);
  });
  for (const DiagnosticList &D : Said)
    if (!D.empty())
      return false;
  for (std::unique_ptr<Topology> &Part : Parts)
    S.Apart.push_back(std::move(Part));
  return true;
}

void Decoder::document(Spread *Spreading) {
  DocNode Root = W.document().root();
  // The version first: a document of another version is not read further,
  // since its keys would only give a flood of errors that mean nothing.
  DocNode Version = topLevel(W.document(), "chokepoint");
  if (!(Version.isScalar() && Version.style() == ScalarStyle::Plain &&
        Version.scalar() == "1")) {
    if (Version.isScalar() && Version.style() == ScalarStyle::Plain &&
        looksInteger(Version.scalar()))
      W.error(Version,
              "unsupported format version " + std::string(Version.scalar()) +
                  " for 'chokepoint': this chokepoint reads version 1");
    else
      W.error(Version,
              "expected the format version 1 for 'chokepoint', found " +
                  found(Version));
    return;
  }
  // The topology's name, wherever it is written: services record it.
  if (DocNode N = topLevel(W.document(), "name"); N.valid() && N.isScalar())
    TopologyName = T.intern(N.scalar());
  MappingOptions Top;
  Top.Extensions = true;
  W.mapping(Root, "a chokepoint document", Top,
            key("chokepoint", [](DocNode) {}), // checked above
            key("name",
                [&](DocNode V) {
                  Name N;
                  if (!V.isNull())
                    W.name(V, "a name for the topology", T, N);
                }),
            key("services",
                [&](DocNode V) {
                  if (Spreading && servicesApart(V, *Spreading))
                    return;
                  if (V.isMapping()) {
                    std::vector<DocNode> Entries;
                    Entries.reserve(V.size());
                    for (DocNode N : V)
                      Entries.push_back(N);
                    reserve(Entries);
                  }
                  W.names(V, "services",
                          [&](DocNode K, DocNode S) { service(K, S); });
                }),
            key("scenarios", [&](DocNode V) {
              W.names(V, "scenarios",
                      [&](DocNode K, DocNode S) { scenario(K, S); });
            }));
}

void Decoder::service(DocNode Key, DocNode Value) {
  ServiceFact S;
  if (!W.name(Key, "a service name", T, S.Id))
    return;
  if (std::string Why = checkName(S.Id.Value); !Why.empty()) {
    W.error(Key, "invalid service name " + quote(S.Id.Value) + ": " + Why);
    return;
  }
  S.Topology = TopologyName;
  S.ComponentBegin = uint32_t(T.Components.size());
  S.EdgeBegin = uint32_t(T.Edges.size());
  llvm::SmallVector<DocNode, 1> Calls, Recovers;
  std::vector<AllowFact> Allows;
  W.mapping(
      Value, "service " + quote(S.Id.Value),
      key("replicas",
          [&](DocNode V) { W.integer(V, "replicas", 0, Max32, S.Replicas); }),
      key("plane",
          [&](DocNode V) {
            W.choice(V, "plane", "a plane", spellings<Plane>(), S.PlaneValue);
          }),
      key("entry",
          [&](DocNode V) {
            W.choice(V, "entry", "an entry", Entries, S.Entry);
          }),
      key("stateful", [&](DocNode V) { W.boolean(V, "stateful", S.Stateful); }),
      key("drain_seconds",
          [&](DocNode V) { W.number(V, "drain_seconds", S.DrainSeconds); }),
      key("grace_seconds",
          [&](DocNode V) { W.number(V, "grace_seconds", S.GraceSeconds); }),
      key("drain_guard",
          [&](DocNode V) { W.boolean(V, "drain_guard", S.DrainGuard); }),
      key("capacity", [&](DocNode V) { W.number(V, "capacity", S.Capacity); }),
      key("population",
          [&](DocNode V) {
            W.integer(V, "population", 0, UINT64_MAX / 2, S.Population);
          }),
      key("zone", [&](DocNode V) { W.string(V, "zone", S.Zone, T); }),
      key("components",
          [&](DocNode V) {
            W.names(V, "components",
                    [&](DocNode CK, DocNode CV) { component(CK, CV); });
          }),
      key("calls",
          [&](DocNode V) {
            if (V.isSequence())
              Calls.push_back(V);
            else // null: no edges; anything else: an error
              W.sequence(V, "calls", [](DocNode) {});
          }),
      key("recovers",
          [&](DocNode V) {
            if (V.isSequence())
              Recovers.push_back(V);
            else
              W.sequence(V, "recovers", [](DocNode) {});
          }),
      key("allow",
          [&](DocNode V) { allows(V, AllowFact::On::Service, Allows); }));
  S.ComponentCount = uint32_t(T.Components.size()) - S.ComponentBegin;
  // Edges after components, so a `via` can name a component written later.
  for (DocNode List : Calls)
    W.sequence(List, "calls", [&](DocNode Item) { edge(Item, false); });
  for (DocNode List : Recovers)
    W.sequence(List, "recovers", [&](DocNode Item) { edge(Item, true); });
  S.EdgeCount = uint32_t(T.Edges.size()) - S.EdgeBegin;
  commit(Allows, uint32_t(T.Services.size()));
  T.Services.push_back(std::move(S));
}

void Decoder::component(DocNode Key, DocNode Value) {
  ComponentFact C;
  if (!W.name(Key, "a component name", T, C.Id))
    return;
  if (std::string Why = checkName(C.Id.Value); !Why.empty()) {
    W.error(Key, "invalid component name " + quote(C.Id.Value) + ": " + Why);
    return;
  }
  std::vector<AllowFact> Allows;
  W.mapping(
      Value, "component " + quote(C.Id.Value),
      key("kind",
          [&](DocNode V) {
            W.choice(V, "kind", "a component kind", spellings<ComponentKind>(),
                     C.Kind);
          }),
      key("owners",
          [&](DocNode V) {
            W.integer(V, "owners", 1, Max32, C.Owners,
                      "a component has at least one owner");
          }),
      key("plane",
          [&](DocNode V) {
            W.choice(V, "plane", "a plane", spellings<Plane>(), C.PlaneValue);
          }),
      key("capacity", [&](DocNode V) { W.number(V, "capacity", C.Capacity); }),
      key("allow",
          [&](DocNode V) { allows(V, AllowFact::On::Component, Allows); }));
  commit(Allows, uint32_t(T.Components.size()));
  T.Components.push_back(C);
}

void Decoder::edgeKind(DocNode V, bool Recovery, EdgeKind &Out) {
  std::span<const Spelling<EdgeKind>> Other =
      Recovery ? CallKinds : RecoveryItemKinds;
  if (V.isScalar())
    for (const auto &C : Other)
      if (C.Name == V.scalar()) {
        W.error(V, "'" + std::string(C.Name) +
                       (Recovery ? "' is not a recovery kind: list it under "
                                   "'calls'"
                                 : "' is a recovery kind: list it under "
                                   "'recovers'"));
        return;
      }
  if (Recovery)
    W.choice(V, "kind", "a recovery kind", RecoveryItemKinds, Out);
  else
    W.choice(V, "kind", "an edge kind", CallKinds, Out);
}

void Decoder::edge(DocNode Item, bool Recovery) {
  EdgeFact E;
  E.Loc = W.loc(Item);
  E.Kind = Recovery ? EdgeKind::Retry : EdgeKind::Call;
  std::string_view What = Recovery ? "a recovers item" : "a calls item";
  if (Item.isScalar() && !Item.isNull()) {
    // The short form: just the target.
    W.name(Item, "a service name", T, E.To);
    T.Edges.push_back(E);
    return;
  }
  if (!Item.isMapping()) {
    W.error(Item, "expected a service name or a mapping with 'to' for " +
                      std::string(What) + ", found " +
                      std::string(Item.describe()));
    return;
  }
  bool HaveTo = false, SawTo = false; // a bad 'to' is reported once
  std::vector<AllowFact> Allows;
  W.mapping(
      Item, What,
      key("to",
          [&](DocNode V) {
            SawTo = true;
            HaveTo = W.name(V, "a service or service.component name for 'to'",
                            T, E.To);
          }),
      key("kind", [&](DocNode V) { edgeKind(V, Recovery, E.Kind); }),
      key("attempts",
          [&](DocNode V) {
            W.integer(V, "attempts", 1, Max32, E.Attempts,
                      "attempts counts every try, the first included");
          }),
      key("backoff",
          [&](DocNode V) {
            W.choice(V, "backoff", "a backoff", spellings<Backoff>(),
                     E.BackoffKind);
          }),
      key("jitter", [&](DocNode V) { W.boolean(V, "jitter", E.Jitter); }),
      key("budget", [&](DocNode V) { W.number(V, "budget", E.Budget); }),
      key("rate_limit",
          [&](DocNode V) { W.number(V, "rate_limit", E.RateLimit); }),
      key("timeout_ms",
          [&](DocNode V) {
            W.integer(V, "timeout_ms", 0, Max32, E.TimeoutMs);
          }),
      key("fanout",
          [&](DocNode V) {
            W.integer(V, "fanout", 1, Max32, E.Fanout,
                      "fanout counts the requests one trigger sends");
          }),
      key("via",
          [&](DocNode V) {
            if (!V.isNull() && !V.isSequence()) {
              W.error(V, "expected a sequence of component names for 'via', "
                         "found " +
                             std::string(V.describe()));
              return;
            }
            E.ViaBegin = uint32_t(T.Via.size());
            W.sequence(V, "via", [&](DocNode Hop) {
              Name N;
              if (W.name(Hop, "a component name", T, N))
                T.Via.push_back(N);
            });
            E.ViaCount = uint32_t(T.Via.size()) - E.ViaBegin;
          }),
      key("on",
          [&](DocNode K, DocNode V) {
            if (!Recovery) {
              W.error(K,
                      "'on' names what fires a recovery edge: it belongs to a "
                      "recovers item, not a calls item");
              return;
            }
            std::string_view Trigger;
            if (W.string(V, "on", Trigger))
              E.Trigger = T.intern(Trigger);
          }),
      key("allow", [&](DocNode V) { allows(V, AllowFact::On::Edge, Allows); }));
  if (!HaveTo) {
    if (!SawTo && !W.full())
      W.error(Item, std::string(What) +
                        " needs 'to': the service or service.component it "
                        "goes to");
    return;
  }
  commit(Allows, uint32_t(T.Edges.size()));
  T.Edges.push_back(E);
}

void Decoder::allows(DocNode V, AllowFact::On Target,
                     std::vector<AllowFact> &Out) {
  AllowFact Proto;
  Proto.Target = Target;
  W.sequence(V, "allow", [&](DocNode Item) {
    if (Item.isScalar() && !Item.isNull()) {
      // The short form, as the Kubernetes annotation writes it.
      std::string_view Text;
      if (W.string(Item, "allow", Text))
        allowsInText(W, Item, Text, "allow", Proto, T, Out);
      return;
    }
    if (!Item.isMapping()) {
      W.error(Item, "expected 'rule-id: reason' or a mapping with 'rule' and "
                    "'reason' for an allow item, found " +
                        std::string(Item.describe()));
      return;
    }
    AllowFact A = Proto;
    if (Item.size() == 2) {
      // `- rule-id: reason` unquoted is a mapping of one key: the short
      // form as YAML reads it, unless the key is one of the long form's.
      auto It = Item.begin();
      DocNode Key = *It, Value = *++It;
      if (Key.isScalar() && Key.scalar() != "rule" &&
          Key.scalar() != "reason" && Key.scalar() != "<<") {
        std::string_view Rule = Key.scalar(), Reason;
        if (!Value.isNull() && !W.string(Value, Rule, Reason))
          return;
        if (Rule.empty() ||
            Rule.find_first_of(" \t") != std::string_view::npos) {
          W.error(Key,
                  "expected a rule id as the key of an allow item, found " +
                      quote(Rule));
          return;
        }
        A.Rule = T.intern(Rule);
        A.Reason = T.intern(Reason);
        A.Loc = W.loc(Key);
        Out.push_back(A);
        return;
      }
    }
    A.Loc = W.loc(Item);
    bool HaveRule = false, BadRule = false; // a bad 'rule' is reported once
    W.mapping(Item, "an allow item",
              key("rule",
                  [&](DocNode R) {
                    std::string_view Rule;
                    if (!W.string(R, "rule", Rule)) {
                      BadRule = !R.isNull();
                      return;
                    }
                    A.Rule = T.intern(Rule);
                    HaveRule = !Rule.empty();
                  }),
              key("reason", [&](DocNode R) {
                std::string_view Reason;
                if (W.string(R, "reason", Reason))
                  A.Reason = T.intern(Reason);
              }));
    if (HaveRule)
      Out.push_back(A);
    else if (!BadRule && !W.full())
      W.error(Item, "an allow item needs 'rule': the id of the rule it "
                    "silences");
  });
}

void Decoder::commit(std::vector<AllowFact> &Out, uint32_t Index) {
  for (AllowFact &A : Out) {
    A.Service = uint32_t(T.Services.size());
    A.Index = Index;
    T.Allows.push_back(A);
  }
}

void Decoder::failing(DocNode V, ScenarioFact &S) {
  if (V.isScalar() && !V.isNull()) {
    Name N;
    if (W.name(V, "a node to fail", T, N))
      S.Fail.push_back({N, 1.0});
    return;
  }
  if (!V.isMapping() && !V.isNull()) {
    W.error(V, "expected a node id or a mapping of node id to fraction for "
               "'fail', found " +
                   std::string(V.describe()));
    return;
  }
  W.names(V, "failing nodes", [&](DocNode NK, DocNode NV) {
    Name N;
    if (!W.name(NK, "a node to fail", T, N))
      return;
    double F = 1.0;
    if (!NV.isNull()) {
      if (!W.number(NV, "fraction", F))
        return;
      if (F <= 0 || F > 1) {
        W.error(NV, "a failing fraction must be above 0 and at most 1, "
                    "found " +
                        std::string(NV.scalar()));
        return;
      }
    }
    S.Fail.push_back({N, F});
  });
}

void Decoder::scenario(DocNode Key, DocNode Value) {
  ScenarioFact S;
  if (!W.name(Key, "a scenario name", T, S.Id))
    return;
  bool HaveFail = false;
  W.mapping(Value, "scenario " + quote(S.Id.Value),
            key("fail",
                [&](DocNode V) {
                  HaveFail = true;
                  failing(V, S);
                }),
            key("window", [&](DocNode V) {
              double Window;
              if (!W.number(V, "window", Window))
                return;
              if (Window <= 0)
                W.error(V, "'window' must be above 0 seconds");
              else
                S.WindowSeconds = Window;
            }));
  if (!HaveFail && !W.full()) {
    W.error(Key, "scenario " + quote(S.Id.Value) +
                     " needs 'fail': the nodes it fails");
    return;
  }
  T.Scenarios.push_back(std::move(S));
}

/// The native format as a front end: it claims documents whose top-level
/// mapping has a `chokepoint` key.
class NativeFrontEnd : public FrontEnd {
public:
  std::string_view name() const override { return "native"; }
  std::string_view summary() const override {
    return "chokepoint's own topology format ('chokepoint: 1')";
  }
  bool claims(const Document &Doc, std::string_view) const override {
    return isNativeDocument(Doc);
  }
  void decode(Walker &W, Topology &T) const override {
    Decoder(W, T).document();
  }
  void decodeOnThreads(Walker &W, Topology &T, Spread &S) const override {
    Decoder(W, T).document(&S);
  }
};
CHOKEPOINT_FRONT_END(NativeFrontEnd);

} // namespace

void allowsInText(Walker &W, DocNode V, std::string_view Text,
                  std::string_view Key, const AllowFact &Proto, Topology &T,
                  std::vector<AllowFact> &Out) {
  auto Trim = [](std::string_view S) {
    size_t B = S.find_first_not_of(" \t\r\n");
    if (B == std::string_view::npos)
      return std::string_view();
    return S.substr(B, S.find_last_not_of(" \t\r\n") - B + 1);
  };
  auto Expected = [&](std::string Found) {
    return "expected 'rule-id: reason' for '" + std::string(Key) + "', found " +
           Found;
  };
  bool Any = false;
  std::string_view Rest = Text;
  while (true) {
    size_t End = Rest.find_first_of(";\n");
    std::string_view Entry = Trim(Rest.substr(0, End));
    if (!Entry.empty()) {
      Any = true;
      size_t Colon = Entry.find(':');
      std::string_view Rule = Trim(Entry.substr(0, Colon));
      std::string_view Reason =
          Colon == std::string_view::npos ? "" : Trim(Entry.substr(Colon + 1));
      if (Rule.empty() || Rule.find_first_of(" \t") != std::string_view::npos)
        W.error(W.locIn(V, Entry), Expected(quote(Entry)));
      else {
        AllowFact A = Proto;
        A.Rule = T.intern(Rule);
        A.Reason = T.intern(Reason);
        A.Loc = W.locIn(V, Entry);
        Out.push_back(A);
      }
    }
    if (End == std::string_view::npos)
      break;
    Rest.remove_prefix(End + 1);
  }
  if (!Any)
    W.error(V, Expected(found(V)));
}

std::string checkName(std::string_view Name) {
  if (Name.empty())
    return "a name must not be empty";
  // C0 controls, DEL and the C1 controls U+0080..U+009F would break a line
  // of output. Other hidden characters (bidi controls, zero-width ones) are
  // allowed, as in the manifests of other tools, and escaped wherever a
  // name is shown.
  for (size_t I = 0; I < Name.size();) {
    if (isPrintableAscii(static_cast<unsigned char>(Name[I]))) {
      ++I; // the common case, without decoding
      continue;
    }
    Utf8Char C = decodeUtf8(Name, I);
    uint32_t CP = C.Length ? C.CodePoint : static_cast<unsigned char>(Name[I]);
    if (CP < 0x20 || (CP >= 0x7F && CP <= 0x9F))
      return "a name must not hold control characters";
    I += C.Length ? C.Length : 1;
  }
  if (Name.find('.') != std::string_view::npos)
    return "a name must not contain '.': node ids use it between a service "
           "and its component";
  if (Name.find(':') != std::string_view::npos)
    return "a name must not contain ':': node ids of code use '::'";
  return "";
}

bool isNativeDocument(const Document &Doc) {
  return topLevel(Doc, "chokepoint").valid();
}

} // namespace chokepoint
