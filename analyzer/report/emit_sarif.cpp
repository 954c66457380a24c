//===- analyzer/report/emit_sarif.cpp - SARIF 2.1.0 -----------------------===//
//
// What code scanning (GitHub's upload-sarif, GitLab, the SARIF viewers)
// reads: one run whose driver lists every rule with its help, and a result
// per finding with its place relative to the repository root (%SRCROOT%),
// its witness paths as code flows, and a fingerprint that does not move
// with unrelated lines. Suppressed findings stay, with their reason; a
// clean run still has "results": []. docs/outputs.md shows an example;
// test/output/sarif.test runs the SARIF SDK's validator and the OASIS
// schema over it.
//
// Strings go through JsonEscapingStream, as in the JSON format: hidden
// characters and '<', '>', '&' are \u escapes, so no viewer reorders a
// name and no page that embeds one sees markup.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/emitter.h"
#include "analyzer/report/json_graph.h"
#include "analyzer/report/paths.h"
#include "analyzer/support/text.h"
#include "rules/rule.h"

#include "llvm/Support/JSON.h"

namespace chokepoint {
namespace {

constexpr std::string_view InformationUri = "https://chokepoint.dev";
constexpr std::string_view RootId = "%SRCROOT%";

llvm::StringRef sr(std::string_view S) { return {S.data(), S.size()}; }

std::string_view level(Severity S) {
  return S == Severity::Error     ? "error"
         : S == Severity::Warning ? "warning"
                                  : "note";
}

/// A sentence as SARIF wants its messages: capitalised, a final period.
std::string sentence(std::string_view Text) {
  std::string S(Text);
  if (!S.empty() && S[0] >= 'a' && S[0] <= 'z')
    S[0] = char(S[0] - 'a' + 'A');
  if (!S.empty() && S.back() != '.')
    S += '.';
  return S;
}

/// "shared-single-owner" -> "SharedSingleOwner": SARIF's convention for a
/// rule's name beside its id.
std::string pascalCase(std::string_view Id) {
  std::string S;
  bool Up = true;
  for (char C : Id) {
    if (C == '-' || C == '_') {
      Up = true;
      continue;
    }
    S += Up && C >= 'a' && C <= 'z' ? char(C - 'a' + 'A') : C;
    Up = false;
  }
  return S;
}

std::string helpUri(std::string_view Id) {
  return concat({InformationUri, "/docs/rules/", Id, ".md"});
}

class SarifWriter {
public:
  SarifWriter(llvm::json::OStream &J, const Report &R)
      : J(J), R(R), SM(*R.SM), Repo(findRepo(SM)) {}

  void write();

private:
  void rules();
  void result(const Finding &F, const SuppressionRule *By);
  void physicalLocation(SourceLoc Loc) { physicalLocation(SM, Loc); }
  /// Loc in Sources (the inputs', or the config file's).
  void physicalLocation(const SourceManager &Sources, SourceLoc Loc);
  void location(SourceLoc Loc, std::string_view Message);
  void codeFlows(const Finding &F);
  /// Loc's column counted in code points, as "columnKind" says.
  uint32_t column(const SourceManager &Sources, SourceLoc Loc) const;

  llvm::json::OStream &J;
  const Report &R;
  const SourceManager &SM;
  RepoPaths Repo;
};

void SarifWriter::write() {
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "chokepoint");
            J.attribute("version", CHOKEPOINT_VERSION);
            J.attribute("semanticVersion", CHOKEPOINT_VERSION);
            J.attribute("informationUri", sr(InformationUri));
            J.attributeArray("rules", [&] { rules(); });
          });
        });
        J.attribute("columnKind", "unicodeCodePoints");
        J.attributeArray("results", [&] {
          // Findings and suppressed findings in one order, so a result
          // keeps its place whether or not it is suppressed.
          size_t A = 0, B = 0;
          while (A < R.Findings.size() || B < R.Suppressed.size()) {
            if (B == R.Suppressed.size() ||
                (A < R.Findings.size() && R.Findings[A] < R.Suppressed[B].F))
              result(R.Findings[A++], nullptr);
            else {
              result(R.Suppressed[B].F, R.Suppressed[B].By);
              ++B;
            }
          }
        });
      });
    });
  });
}

void SarifWriter::rules() {
  for (const Rule *Rl : allRules()) {
    const RuleInfo &I = Rl->info();
    std::string Levels = concat({"Reported as ", name(I.DefaultSeverity)});
    if (I.ElevatedSeverity)
      Levels +=
          concat({", or ", name(*I.ElevatedSeverity), " in its worse case"});
    J.object([&] {
      J.attribute("id", sr(I.Id));
      J.attribute("name", pascalCase(I.Id));
      J.attributeObject("shortDescription",
                        [&] { J.attribute("text", sentence(I.Summary)); });
      J.attributeObject("fullDescription", [&] {
        J.attribute("text", concat({sentence(I.Summary), " ", Levels, "."}));
      });
      J.attributeObject("help", [&] {
        J.attribute("text", concat({sentence(I.Summary), " See ", helpUri(I.Id),
                                    " for examples and how to fix it."}));
        J.attribute("markdown", concat({sentence(I.Summary), " See [", I.Id,
                                        "](", helpUri(I.Id),
                                        ") for examples and how to fix it."}));
      });
      J.attribute("helpUri", helpUri(I.Id));
      J.attributeObject("defaultConfiguration", [&] {
        J.attribute("level", sr(level(I.DefaultSeverity)));
      });
    });
  }
}

uint32_t SarifWriter::column(const SourceManager &Sources,
                             SourceLoc Loc) const {
  std::string_view Line = Sources.lineText(Loc);
  size_t Bytes = std::min<size_t>(Loc.column - 1, Line.size());
  uint32_t Col = 1;
  for (size_t I = 0; I < Bytes;) {
    Utf8Char C = decodeUtf8(Line, I);
    I += C.Length ? C.Length : 1;
    ++Col;
  }
  return Col;
}

void SarifWriter::physicalLocation(const SourceManager &Sources,
                                   SourceLoc Loc) {
  J.attributeObject("physicalLocation", [&] {
    J.attributeObject("artifactLocation", [&] {
      std::string Rel = Repo.relative(Sources, Loc.file);
      if (!Rel.empty()) {
        J.attribute("uri", uriEscape(Rel));
        J.attribute("uriBaseId", sr(RootId));
      } else {
        // Outside the repository, or standard input: the name as given,
        // a relative reference code scanning will not resolve.
        J.attribute("uri", uriEscape(Sources.name(Loc.file)));
      }
    });
    J.attributeObject("region", [&] {
      J.attribute("startLine", Loc.line);
      J.attribute("startColumn", column(Sources, Loc));
    });
  });
}

void SarifWriter::location(SourceLoc Loc, std::string_view Message) {
  J.object([&] {
    if (Loc.valid())
      physicalLocation(Loc);
    J.attributeObject("message",
                      [&] { J.attribute("text", sentence(Message)); });
  });
}

void SarifWriter::codeFlows(const Finding &F) {
  J.attributeArray("codeFlows", [&] {
    for (const WitnessPath &P : F.Paths)
      J.object([&] {
        J.attributeObject("message",
                          [&] { J.attribute("text", sentence(P.title())); });
        J.attributeArray("threadFlows", [&] {
          J.object([&] {
            J.attributeArray("locations", [&] {
              J.object([&] {
                J.attributeBegin("location");
                location(P.StartLoc, concat({"start at ", quote(P.Start)}));
                J.attributeEnd();
              });
              for (const Hop &H : P.Hops)
                J.object([&] {
                  J.attributeBegin("location");
                  location(H.Loc, hopText(H));
                  J.attributeEnd();
                });
            });
          });
        });
      });
  });
}

void SarifWriter::result(const Finding &F, const SuppressionRule *By) {
  const auto &Rules = allRules();
  size_t Index = 0;
  while (Index < Rules.size() && Rules[Index]->info().Id != F.Rule)
    ++Index;
  J.object([&] {
    J.attribute("ruleId", F.Rule);
    if (Index < Rules.size())
      J.attribute("ruleIndex", uint64_t(Index));
    J.attribute("level", sr(level(F.Sev)));
    std::string Text = sentence(F.Message);
    if (!F.Summary.empty())
      Text += concat({" ", sentence(F.Summary)});
    J.attributeObject("message", [&] { J.attribute("text", Text); });
    if (F.Loc.valid())
      J.attributeArray("locations", [&] {
        J.object([&] {
          physicalLocation(F.Loc);
          J.attributeArray("logicalLocations", [&] {
            J.object([&] {
              J.attribute("fullyQualifiedName", F.Node);
              J.attribute("kind", "module");
            });
          });
        });
      });
    if (!F.Paths.empty())
      codeFlows(F);
    J.attributeObject("partialFingerprints", [&] {
      J.attribute("chokepointFingerprint/v1", F.Fingerprint);
    });
    if (R.Baseline.Used)
      J.attribute("baselineState", "new");
    if (By)
      J.attributeArray("suppressions", [&] {
        J.object([&] {
          J.attribute("kind", By->InSource ? "inSource" : "external");
          J.attribute("status", "accepted");
          J.attribute("justification", By->Reason);
          // An inline suppression is in the inputs; a config file's in
          // the config file, read apart from them.
          const SourceManager *Sources = By->InSource ? &SM : R.PolicySM;
          if (By->Loc.valid() && Sources) {
            J.attributeBegin("location");
            J.object([&] { physicalLocation(*Sources, By->Loc); });
            J.attributeEnd();
          }
        });
      });
    J.attributeObject("properties", [&] {
      J.attribute("node", F.Node);
      writeCounts(J, F.Counts);
    });
  });
}

void writeSarif(llvm::raw_ostream &Out, const Report &R, const EmitOptions &) {
  JsonEscapingStream OS(Out);
  llvm::json::OStream J(OS, 2);
  SarifWriter(J, R).write();
  OS << "\n";
}

const EmitterInfo Sarif{"sarif",
                        "SARIF 2.1.0 for code scanning: rules with help, "
                        "witness paths as code flows",
                        writeSarif};
CHOKEPOINT_EMITTER(Sarif);

} // namespace
} // namespace chokepoint
