//===- analyzer/manifests/code_facts.cpp - Facts files of `extract` -------===//
//
// Reads the facts `chokepoint extract` wrote for one translation unit
// (analyzer/facts/facts_json.cpp writes them; docs/code.md, "The facts
// format"), claimed by the top-level key `chokepoint_facts`, the format's
// version. The facts keep the TU's own file table (Topology::UnitFiles):
// the run gives those files ids in the order of the TUs' paths, as it does
// for TUs it analyses itself, so findings are the same either way. Bad
// input is an error at its line, with what was expected.
//
//===----------------------------------------------------------------------===//

#include "analyzer/facts/facts_json.h"
#include "analyzer/manifests/frontend.h"

#include "graphs/spelling.h"

#include <tuple>

namespace chokepoint {

namespace {

constexpr uint64_t Max32 = UINT32_MAX;

class FactsReader {
public:
  FactsReader(Walker &W, Topology &T) : W(W), T(T) {}

  void read() {
    DocNode Root = W.document().root();
    if (!T.UnitFiles.empty()) {
      W.error(Root, "a second facts document in one file: a facts file "
                    "holds one translation unit's facts");
      return;
    }
    if (!version(field(Root, FactsFormatKey)) || !files(Root))
      return;
    W.mapping(Root, "a facts file", key(FactsFormatKey, [](DocNode) {}),
              key("files", [](DocNode) {}),
              key("services",
                  [&](DocNode V) {
                    W.sequence(V, "services", [&](DocNode S) { service(S); });
                  }),
              key("functions",
                  [&](DocNode V) {
                    W.sequence(V, "functions", [&](DocNode F) { function(F); });
                  }),
              key("calls",
                  [&](DocNode V) {
                    W.sequence(V, "calls", [&](DocNode C) { call(C); });
                  }),
              key("allows", [&](DocNode V) {
                W.sequence(V, "allows", [&](DocNode A) { allow(A); });
              }));
    // Calls and allows name functions by index: known once every function
    // is read.
    for (auto [N, Key, Index] : FunctionRefs)
      if (Index >= T.Functions.size())
        W.error(N, concat({"expected the index of a function for ", quote(Key),
                           " (0 to ", std::to_string(T.Functions.size()),
                           " exclusive), found ", std::to_string(Index)}));
    T.UnitFiles = std::move(Files);
  }

private:
  bool version(DocNode V) {
    uint64_t N = 0;
    if (!W.integer(V, FactsFormatKey, 1, UINT64_MAX, N))
      return false;
    if (N != FactsFormatVersion) {
      W.error(V, concat({"facts format version ", std::to_string(N),
                         " is not one this chokepoint reads (version ",
                         std::to_string(FactsFormatVersion),
                         "): extract the facts again with this chokepoint"}));
      return false;
    }
    return true;
  }

  /// "files": the TU's own file first; absolute paths.
  bool files(DocNode Root) {
    DocNode V = field(Root, "files");
    if (!V.valid()) {
      W.error(Root, "a facts file needs 'files', the paths its locations "
                    "name (the translation unit's own first)");
      return false;
    }
    W.sequence(V, "files", [&](DocNode F) {
      std::string_view P;
      if (!W.string(F, "files", P))
        return;
      if (P.empty() || P.front() != '/') {
        W.error(F, concat({"expected an absolute path in 'files', found ",
                           quote(P)}));
        return;
      }
      Files.push_back(std::string(P));
    });
    if (V.isSequence() && V.size() == 0)
      W.error(V, "expected at least one file in 'files': the translation "
                 "unit's own");
    return !Files.empty() && !W.full();
  }

  /// [file, line, column]: file an index into "files", line and column
  /// from 1.
  void at(DocNode N, std::string_view Key, SourceLoc &Out) {
    auto Bad = [&] {
      W.error(N, concat({"expected [file, line, column] for ", quote(Key),
                         " (file an index into 'files', 0 to ",
                         std::to_string(Files.size()),
                         " exclusive; line and column from 1), found ",
                         std::string(N.describe())}));
    };
    if (!N.isSequence() || N.size() != 3) {
      Bad();
      return;
    }
    uint64_t V[3] = {};
    size_t I = 0;
    for (DocNode X : N) {
      if (!X.isScalar() || X.isNull())
        return Bad();
      uint64_t Lo = I == 0 ? 0 : 1, Hi = I == 0 ? Files.size() - 1 : Max32;
      if (!W.integer(X, Key, Lo, Hi, V[I],
                     I == 0 ? "a file is an index into 'files'" : ""))
        return;
      ++I;
    }
    Out = {uint32_t(V[0] + 1), uint32_t(V[1]), uint32_t(V[2])};
  }

  Name text(std::string_view S, SourceLoc L) { return T.name(S, L); }

  /// Whether a required key of Map was read (Has); an error naming it
  /// when it is not there (a bad value of it was reported already).
  bool need(DocNode Map, std::string_view What, std::string_view Key,
            bool Has) {
    if (!Has && !field(Map, Key).valid())
      W.error(Map, concat({What, " needs ", quote(Key)}));
    return Has;
  }

  /// {"name": ..., "at": ...}: a name where it was written.
  void located(DocNode V, std::string_view Key, Name &Out) {
    std::string_view S;
    bool HasName = false;
    SourceLoc L;
    if (!W.mapping(
            V, Key,
            key("name", [&](DocNode N) { HasName = W.string(N, "name", S); }),
            key("at", [&](DocNode A) { at(A, "at", L); })))
      return;
    if (need(V, concat({quote(Key), " of a facts file"}), "name", HasName))
      Out = text(S, L);
  }

  void service(DocNode S) {
    ServiceFact F;
    std::string_view Id;
    bool HasName = false;
    SourceLoc L;
    F.ComponentBegin = uint32_t(T.Components.size());
    W.mapping(
        S, "a service of a facts file",
        key("name", [&](DocNode N) { HasName = W.string(N, "name", Id); }),
        key("at", [&](DocNode A) { at(A, "at", L); }),
        key("components", [&](DocNode V) {
          W.sequence(V, "components", [&](DocNode C) { component(C); });
        }));
    F.ComponentCount = uint32_t(T.Components.size()) - F.ComponentBegin;
    if (!need(S, "a service of a facts file", "name", HasName))
      return;
    F.Id = text(Id, L);
    T.Services.push_back(F);
  }

  /// A component: its owners and kind are located at its name.
  void component(DocNode C) {
    ComponentFact F;
    std::string_view Id;
    bool HasName = false;
    SourceLoc L;
    std::optional<uint64_t> Owners;
    std::optional<ComponentKind> Kind;
    W.mapping(
        C, "a component of a facts file",
        key("name", [&](DocNode N) { HasName = W.string(N, "name", Id); }),
        key("at", [&](DocNode A) { at(A, "at", L); }),
        key("owners",
            [&](DocNode N) {
              uint64_t V;
              if (W.integer(N, "owners", 1, UINT64_MAX, V))
                Owners = V;
            }),
        key("kind", [&](DocNode N) {
          ComponentKind K;
          if (W.choice(N, "kind", "a component kind",
                       spellings<ComponentKind>(), K))
            Kind = K;
        }));
    if (!need(C, "a component of a facts file", "name", HasName))
      return;
    F.Id = text(Id, L);
    if (Owners)
      F.Owners.set(*Owners, L);
    if (Kind)
      F.Kind.set(*Kind, L);
    T.Components.push_back(F);
  }

  void function(DocNode N) {
    FunctionFact F;
    std::string_view Q, Sig;
    bool HasName = false, HasSig = false;
    W.mapping(
        N, "a function of a facts file",
        key("name", [&](DocNode V) { HasName = W.string(V, "name", Q); }),
        key("signature",
            [&](DocNode V) { HasSig = W.string(V, "signature", Sig); }),
        key("at", [&](DocNode V) { at(V, "at", F.Loc); }),
        key("service", [&](DocNode V) { located(V, "service", F.Service); }),
        key("owner", [&](DocNode V) { located(V, "owner", F.Owner); }),
        key("entry",
            [&](DocNode V) {
              SourceLoc L;
              at(V, "entry", L);
              F.Entry.set(true, L);
            }),
        key("lookup",
            [&](DocNode V) {
              SourceLoc L;
              at(V, "lookup", L);
              F.Lookup.set(true, L);
            }),
        key("retry", [&](DocNode V) { retry(V, F); }),
        key("recovery", [&](DocNode V) { recovery(V, F); }),
        key("overrides", [&](DocNode V) {
          W.sequence(V, "overrides", [&](DocNode K) {
            std::string_view S;
            if (W.string(K, "overrides", S))
              F.Overrides.push_back(T.intern(S));
          });
        }));
    if (!need(N, "a function of a facts file", "name", HasName) ||
        !need(N, "a function of a facts file", "signature", HasSig) ||
        !need(N, "a function of a facts file", "service",
              !F.Service.Value.empty()))
      return;
    F.QualifiedName = T.intern(Q);
    F.Signature = T.intern(Sig);
    F.Key = T.intern(concat({Q, Sig}));
    T.Functions.push_back(std::move(F));
  }

  void retry(DocNode V, FunctionFact &F) {
    uint64_t Attempts = 0;
    Backoff B = Backoff::None;
    SourceLoc L;
    bool Has = false;
    W.mapping(V, "'retry' of a facts file",
              key("attempts",
                  [&](DocNode N) {
                    Has = W.integer(N, "attempts", 1, Max32, Attempts);
                  }),
              key("backoff",
                  [&](DocNode N) {
                    W.choice(N, "backoff", "a backoff", spellings<Backoff>(),
                             B);
                  }),
              key("at", [&](DocNode N) { at(N, "at", L); }));
    if (!need(V, "'retry' of a facts file", "attempts", Has))
      return;
    F.Attempts.set(uint32_t(Attempts), L);
    F.BackoffKind.set(B, L);
  }

  void recovery(DocNode V, FunctionFact &F) {
    EdgeKind K = EdgeKind::Retry;
    std::string_view Trigger;
    SourceLoc L;
    bool Has = false;
    W.mapping(
        V, "'recovery' of a facts file",
        key("kind",
            [&](DocNode N) {
              Has = W.choice(N, "kind", "a recovery kind",
                             kindSpellings(RecoveryKinds), K);
            }),
        key("trigger", [&](DocNode N) { W.string(N, "trigger", Trigger); }),
        key("at", [&](DocNode N) { at(N, "at", L); }));
    if (!need(V, "'recovery' of a facts file", "kind", Has))
      return;
    F.Recovery.set(K, L);
    F.Trigger = T.intern(Trigger);
  }

  void call(DocNode N) {
    static constexpr Spelling<CallFact::Target> Targets[] = {
        {"function", CallFact::Target::Function},
        {"service", CallFact::Target::Service},
        {"lookup", CallFact::Target::Lookup}};
    CallFact C;
    bool HasFrom = false, HasTarget = false;
    uint64_t From = 0;
    DocNode FromNode;
    W.mapping(
        N, "a call of a facts file",
        key("from",
            [&](DocNode V) {
              FromNode = V;
              HasFrom = W.integer(V, "from", 0, Max32, From);
            }),
        key("target",
            [&](DocNode V) {
              HasTarget = W.choice(V, "target", "a call target",
                                   std::span(Targets), C.K);
            }),
        key("to", [&](DocNode V) { located(V, "to", C.To); }),
        key("virtual", [&](DocNode V) { W.boolean(V, "virtual", C.Virtual); }),
        key("via", [&](DocNode V) { located(V, "via", C.Via); }));
    if (!need(N, "a call of a facts file", "from", HasFrom) ||
        !need(N, "a call of a facts file", "target", HasTarget) ||
        !need(N, "a call of a facts file", "to", !C.To.Value.empty()))
      return;
    C.From = uint32_t(From);
    FunctionRefs.push_back({FromNode, "from", From});
    T.Calls.push_back(C);
  }

  void allow(DocNode N) {
    AllowFact A;
    bool HasRule = false, HasReason = false, HasFunction = false,
         HasNode = false;
    std::string_view Rule, Reason, Node;
    uint64_t Function = 0;
    DocNode FunctionNode;
    W.mapping(
        N, "an allow of a facts file",
        key("rule", [&](DocNode V) { HasRule = W.string(V, "rule", Rule); }),
        key("reason",
            [&](DocNode V) { HasReason = W.string(V, "reason", Reason); }),
        key("function",
            [&](DocNode V) {
              FunctionNode = V;
              HasFunction = W.integer(V, "function", 0, Max32, Function);
            }),
        key("node", [&](DocNode V) { HasNode = W.string(V, "node", Node); }),
        key("at", [&](DocNode V) { at(V, "at", A.Loc); }));
    if (!need(N, "an allow of a facts file", "rule", HasRule) ||
        !need(N, "an allow of a facts file", "reason", HasReason))
      return;
    if (HasFunction == HasNode) {
      W.error(N, "expected exactly one of 'function' and 'node' in an allow "
                 "of a facts file");
      return;
    }
    A.Rule = T.intern(Rule);
    A.Reason = T.intern(Reason);
    if (HasFunction) {
      A.Target = AllowFact::On::Function;
      A.Index = uint32_t(Function);
      FunctionRefs.push_back({FunctionNode, "function", Function});
    } else {
      A.Target = AllowFact::On::Node;
      A.Node = T.intern(Node);
    }
    T.Allows.push_back(A);
  }

  Walker &W;
  Topology &T;
  std::vector<std::string> Files;
  /// Function indexes read, checked once every function is read.
  std::vector<std::tuple<DocNode, std::string_view, uint64_t>> FunctionRefs;
};

class CodeFactsFrontEnd : public FrontEnd {
public:
  std::string_view name() const override { return "code-facts"; }
  std::string_view summary() const override {
    return "one translation unit's facts, from `chokepoint extract` "
           "('chokepoint_facts')";
  }
  bool claims(const Document &Doc, std::string_view) const override {
    return topLevel(Doc, FactsFormatKey).valid();
  }
  void decode(Walker &W, Topology &T) const override {
    FactsReader(W, T).read();
  }
};
CHOKEPOINT_FRONT_END(CodeFactsFrontEnd);

} // namespace

} // namespace chokepoint
