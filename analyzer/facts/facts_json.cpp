//===- analyzer/facts/facts_json.cpp - One TU's facts as JSON -------------===//
//
// The writer of the facts format (docs/code.md, "The facts format"); its
// reader is the facts front end (analyzer/manifests/code_facts.cpp). Every
// location is [file, line, column], file an index into "files".
//
//===----------------------------------------------------------------------===//

#include "analyzer/facts/facts_json.h"

#include "graphs/spelling.h"

#include "llvm/Support/JSON.h"

namespace chokepoint {

namespace {

class FactsWriter {
public:
  explicit FactsWriter(llvm::raw_ostream &OS) : J(OS, 1) {}

  void write(const Topology &T) {
    J.object([&] {
      J.attribute(FactsFormatKey, FactsFormatVersion);
      J.attributeArray("files", [&] {
        for (const std::string &F : T.UnitFiles)
          J.value(F);
      });
      J.attributeArray("services", [&] {
        for (const ServiceFact &S : T.Services)
          service(T, S);
      });
      J.attributeArray("functions", [&] {
        for (const FunctionFact &F : T.Functions)
          function(F);
      });
      J.attributeArray("calls", [&] {
        for (const CallFact &C : T.Calls)
          call(C);
      });
      J.attributeArray("allows", [&] {
        for (const AllowFact &A : T.Allows)
          J.object([&] {
            J.attribute("rule", str(A.Rule));
            J.attribute("reason", str(A.Reason));
            if (A.Target == AllowFact::On::Function)
              J.attribute("function", A.Index);
            else
              J.attribute("node", str(A.Node));
            at("at", A.Loc);
          });
      });
    });
  }

private:
  static llvm::StringRef str(std::string_view S) {
    return {S.data(), S.size()};
  }

  /// "Key": [file, line, column], left out when L is nowhere.
  void at(llvm::StringRef Key, SourceLoc L) {
    if (!L.valid())
      return;
    J.attributeArray(Key, [&] {
      J.value(int64_t(L.file) - 1);
      J.value(int64_t(L.line));
      J.value(int64_t(L.column));
    });
  }

  /// "Key": {"name": ..., "at": ...}, left out when N is empty.
  void name(llvm::StringRef Key, const Name &N) {
    if (N.Value.empty())
      return;
    J.attributeObject(Key, [&] {
      J.attribute("name", str(N.Value));
      at("at", N.Loc);
    });
  }

  void service(const Topology &T, const ServiceFact &S) {
    J.object([&] {
      J.attribute("name", str(S.Id.Value));
      at("at", S.Id.Loc);
      J.attributeArray("components", [&] {
        for (uint32_t I = 0; I < S.ComponentCount; ++I) {
          const ComponentFact &C = T.Components[S.ComponentBegin + I];
          J.object([&] {
            J.attribute("name", str(C.Id.Value));
            at("at", C.Id.Loc);
            if (C.Owners)
              J.attribute("owners", *C.Owners);
            if (C.Kind)
              J.attribute("kind", str(spell(*C.Kind)));
          });
        }
      });
    });
  }

  void function(const FunctionFact &F) {
    J.object([&] {
      J.attribute("name", str(F.QualifiedName));
      J.attribute("signature", str(F.Signature));
      at("at", F.Loc);
      name("service", F.Service);
      name("owner", F.Owner);
      if (F.Entry && *F.Entry)
        at("entry", F.Entry.loc());
      if (F.Lookup && *F.Lookup)
        at("lookup", F.Lookup.loc());
      if (F.Attempts)
        J.attributeObject("retry", [&] {
          J.attribute("attempts", *F.Attempts);
          J.attribute("backoff",
                      str(spell(F.BackoffKind.valueOr(Backoff::None))));
          at("at", F.Attempts.loc());
        });
      if (F.Recovery)
        J.attributeObject("recovery", [&] {
          J.attribute("kind", str(spell(*F.Recovery)));
          J.attribute("trigger", str(F.Trigger));
          at("at", F.Recovery.loc());
        });
      if (!F.Overrides.empty())
        J.attributeArray("overrides", [&] {
          for (std::string_view K : F.Overrides)
            J.value(str(K));
        });
    });
  }

  void call(const CallFact &C) {
    static constexpr std::string_view Targets[] = {"function", "service",
                                                   "lookup"};
    J.object([&] {
      J.attribute("from", C.From);
      J.attribute("target", str(Targets[size_t(C.K)]));
      J.attributeObject("to", [&] {
        J.attribute("name", str(C.To.Value));
        at("at", C.To.Loc);
      });
      if (C.Virtual)
        J.attribute("virtual", true);
      name("via", C.Via);
    });
  }

  llvm::json::OStream J;
};

} // namespace

void writeUnitFacts(const Topology &T, llvm::raw_ostream &OS) {
  FactsWriter(OS).write(T);
  OS << "\n";
}

} // namespace chokepoint
