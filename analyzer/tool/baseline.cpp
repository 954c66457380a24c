//===- analyzer/tool/baseline.cpp - Known findings in a file --------------===//

#include "analyzer/tool/baseline.h"

#include "analyzer/manifests/readers.h"
#include "analyzer/manifests/walker.h"
#include "analyzer/support/text.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <tuple>

namespace chokepoint {

bool readBaseline(const SourceManager &SM, uint32_t File,
                  std::vector<BaselineEntry> &Out, DiagnosticList &Diags) {
  readJson(SM, File, Diags, [&](Document &Doc) {
    if (Doc.empty())
      return true;
    Walker W(Doc, SM, Diags);
    bool Version = false;
    W.mapping(
        Doc.root(), "a baseline file",
        key("version",
            [&](DocNode V) {
              uint64_t N = 0;
              Version = W.integer(V, "version", 1, 1, N,
                                  "this chokepoint reads baseline version 1");
            }),
        key("tool",
            [&](DocNode V) {
              std::string_view T;
              if (W.string(V, "tool", T) && T != "chokepoint")
                W.error(V, concat({"expected 'chokepoint' for 'tool', found ",
                                   found(V)}));
            }),
        key("findings", [&](DocNode V) {
          W.sequence(V, "findings", [&](DocNode Item) {
            BaselineEntry E;
            E.Loc = W.loc(Item);
            auto Text = [&](DocNode X, std::string_view Key, std::string &To) {
              std::string_view T;
              if (W.string(X, Key, T))
                To = std::string(T);
            };
            if (!W.mapping(
                    Item, "a baseline entry",
                    key("fingerprint",
                        [&](DocNode X) {
                          Text(X, "fingerprint", E.Fingerprint);
                        }),
                    key("rule", [&](DocNode X) { Text(X, "rule", E.Rule); }),
                    key("node", [&](DocNode X) { Text(X, "node", E.Node); }),
                    key("message",
                        [&](DocNode X) { Text(X, "message", E.Message); })))
              return;
            if (E.Fingerprint.empty()) {
              W.error(Item, "a baseline entry needs 'fingerprint'");
              return;
            }
            Out.push_back(std::move(E));
          });
        }));
    if (!Version && !Diags.hasErrors())
      W.error(Doc.root(), "a baseline file needs 'version': 1");
    return true;
  });
  return !Diags.hasErrors();
}

bool loadBaseline(SourceManager &SM, const std::string &Path,
                  std::vector<BaselineEntry> &Out, DiagnosticList &Diags) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Diags.error({}, concat({"cannot read baseline ", quote(Path), ": ",
                            why(Buffer.getError())}));
    return false;
  }
  uint32_t File = SM.add(Path, std::move(*Buffer));
  return readBaseline(SM, File, Out, Diags);
}

void writeBaseline(llvm::raw_ostream &Out, std::vector<BaselineEntry> Entries) {
  std::sort(Entries.begin(), Entries.end(),
            [](const BaselineEntry &A, const BaselineEntry &B) {
              return std::tie(A.Rule, A.Node, A.Fingerprint) <
                     std::tie(B.Rule, B.Node, B.Fingerprint);
            });
  JsonEscapingStream OS(Out);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("version", 1);
    J.attribute("tool", "chokepoint");
    J.attributeArray("findings", [&] {
      for (const BaselineEntry &E : Entries)
        J.object([&] {
          J.attribute("fingerprint", E.Fingerprint);
          J.attribute("rule", E.Rule);
          J.attribute("node", E.Node);
          J.attribute("message", E.Message);
        });
    });
  });
  OS << "\n";
}

} // namespace chokepoint
