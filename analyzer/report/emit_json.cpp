//===- analyzer/emit_json.cpp - Machine-readable output -------------------===//
//
// The schema is docs/chokepoint.schema.json (checked by a test). Keys are
// written in a fixed order and findings are sorted, so the bytes are the
// same for the same input. Hidden characters and '<', '>', '&' are written
// as \uXXXX escapes (JsonEscapingStream), so no viewer reorders a value and
// no page that embeds one sees markup.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/emitter.h"
#include "analyzer/report/json_graph.h"
#include "analyzer/support/text.h"

#include "llvm/Support/JSON.h"

#include <algorithm>

namespace chokepoint {

void writeCounts(llvm::json::OStream &J, const std::vector<Count> &Counts) {
  J.attributeObject("counts", [&] {
    for (const Count &C : Counts)
      J.attribute(C.Name, C.Value);
  });
  if (std::any_of(Counts.begin(), Counts.end(),
                  [](const Count &C) { return C.Estimated; }))
    J.attributeObject("estimated", [&] {
      for (const Count &C : Counts)
        if (C.Estimated)
          J.attribute(C.Name, true);
    });
}

void writeLocation(llvm::json::OStream &J, const SourceManager &SM,
                   SourceLoc Loc) {
  if (!Loc.valid()) {
    J.value(nullptr);
    return;
  }
  J.object([&] {
    J.attribute("file", SM.name(Loc.file));
    J.attribute("line", Loc.line);
    J.attribute("column", Loc.column);
  });
}

namespace {

llvm::StringRef sr(std::string_view S) { return {S.data(), S.size()}; }

/// The report's "version": it changes when a field changes meaning or goes
/// away. 2: witness paths' positions as "at" against "sources", hops
/// without "from", attempts and multiplier only when not 1.
constexpr int JsonReportVersion = 2;

/// Where each file of the run is in the report's "sources" list, or
/// NotListed. A witness path's positions are written as [source, line,
/// column] against this list: at 100k findings the paths hold half a
/// million positions, and the file's name in each was a sixth of the
/// report.
class SourceIndex {
public:
  static constexpr uint32_t NotListed = UINT32_MAX;

  /// Lists the files the paths of Findings and Suppressed point into, in
  /// the order they were read.
  SourceIndex(const SourceManager &SM, const Report &R)
      : Index(SM.size() + 1, NotListed) {
    auto Mark = [&](SourceLoc L) {
      if (L.valid())
        Index[L.file] = 0;
    };
    auto MarkPaths = [&](const Finding &F) {
      for (const WitnessPath &P : F.Paths) {
        Mark(P.StartLoc);
        for (const Hop &H : P.Hops)
          Mark(H.Loc);
      }
    };
    for (const Finding &F : R.Findings)
      MarkPaths(F);
    for (const SuppressedFinding &S : R.Suppressed)
      MarkPaths(S.F);
    for (uint32_t File = 1; File < Index.size(); ++File)
      if (Index[File] != NotListed) {
        Index[File] = uint32_t(Listed.size());
        Listed.push_back(File);
      }
  }

  /// The file ids listed, in list order.
  const std::vector<uint32_t> &listed() const { return Listed; }

  /// `"at": [source, line, column]`, nothing for a position not in a file.
  void writeAt(llvm::json::OStream &J, SourceLoc L) const {
    if (!L.valid())
      return;
    // Written raw: half a million of them at 100k findings, and three
    // numbers need none of the writer's checks ("[0,12,5]", as it writes).
    J.attributeBegin("at");
    J.rawValue([&](llvm::raw_ostream &OS) {
      char Separator = '[';
      for (uint32_t N : {Index[L.file], L.line, L.column}) {
        OS << Separator;
        writeDecimal(OS, N);
        Separator = ',';
      }
      OS << ']';
    });
    J.attributeEnd();
  }

private:
  std::vector<uint32_t> Index;
  std::vector<uint32_t> Listed;
};

void writeFinding(llvm::json::OStream &J, const SourceManager &SM,
                  const SourceIndex &Sources, const Finding &F) {
  J.object([&] {
    J.attribute("rule", F.Rule);
    J.attribute("severity", sr(name(F.Sev)));
    J.attribute("message", F.Message);
    J.attribute("node", F.Node);
    J.attributeBegin("location");
    writeLocation(J, SM, F.Loc);
    J.attributeEnd();
    // A path's hops are contiguous (each leaves the node the one before it
    // reached, the first leaves the start), so a hop names only where it
    // goes; attempts and multiplier are written when they are not 1.
    J.attributeArray("paths", [&] {
      for (const WitnessPath &P : F.Paths)
        J.object([&] {
          J.attribute("kind", sr(P.Kind));
          J.attributeObject("start", [&] {
            J.attribute("node", sr(P.Start));
            Sources.writeAt(J, P.StartLoc);
          });
          J.attributeArray("hops", [&] {
            for (const Hop &H : P.Hops)
              J.object([&] {
                J.attribute("to", sr(H.To));
                J.attribute("kind", sr(H.Kind));
                if (H.Attempts != 1)
                  J.attribute("attempts", H.Attempts);
                if (H.Multiplier != 1)
                  J.attribute("multiplier", H.Multiplier);
                if (H.Product)
                  J.attribute("product", H.Product);
                Sources.writeAt(J, H.Loc);
              });
          });
        });
    });
    writeCounts(J, F.Counts);
    J.attribute("fingerprint", F.Fingerprint);
  });
}

void writeJson(llvm::raw_ostream &Out, const Report &R, const EmitOptions &O) {
  const SourceManager &SM = *R.SM;
  JsonEscapingStream OS(Out);
  // Compact: a report of 100k services is a tenth of its pretty size, and
  // every JSON tool reads it (`jq .` lays it out).
  llvm::json::OStream J(OS, 0);
  J.object([&] {
    J.attribute("version", JsonReportVersion);
    J.attributeObject("tool", [&] {
      J.attribute("name", "chokepoint");
      J.attribute("version", CHOKEPOINT_VERSION);
    });
    if (!R.GraphOnly) {
      SourceIndex Sources(SM, R);
      J.attributeArray("sources", [&] {
        for (uint32_t File : Sources.listed())
          J.value(SM.name(File));
      });
      J.attributeArray("findings", [&] {
        if (O.Jobs <= 1) {
          for (const Finding &F : R.Findings)
            writeFinding(J, SM, Sources, F);
          return;
        }
        // Each batch "f1,f2,...," is made unescaped on its thread and goes
        // into the array as one raw value (less its last comma) through
        // the escaping stream: the bytes of the one-thread loop above.
        makeInBatches(
            R.Findings.size(), O.Jobs,
            [&](llvm::raw_ostream &S, size_t I) {
              llvm::json::OStream One(S, 0);
              writeFinding(One, SM, Sources, R.Findings[I]);
              S << ',';
            },
            [&](const std::string &Batch) {
              J.rawValue([&](llvm::raw_ostream &Raw) {
                Raw << llvm::StringRef(Batch).drop_back();
              });
            });
      });
      // Suppressed findings are kept, marked, apart from the findings
      // that count: a consumer that counts "findings" is never misled.
      if (!R.Suppressed.empty())
        J.attributeArray("suppressed", [&] {
          for (const SuppressedFinding &S : R.Suppressed)
            J.object([&] {
              J.attributeBegin("finding");
              writeFinding(J, SM, Sources, S.F);
              J.attributeEnd();
              J.attributeObject("suppression", [&] {
                J.attribute("kind", S.By->InSource ? "inline" : "config");
                J.attribute("reason", S.By->Reason);
                if (!S.By->Expires.empty())
                  J.attribute("expires", S.By->Expires);
              });
            });
        });
      Tally T = tally(R.Findings);
      J.attributeObject("summary", [&] {
        J.attribute("errors", uint64_t(T.Errors));
        J.attribute("warnings", uint64_t(T.Warnings));
        J.attribute("notes", uint64_t(T.Notes));
        J.attribute("nodes", uint64_t(R.M->G.numNodes()));
        J.attribute("edges", uint64_t(R.M->G.numEdges()));
        J.attribute("files", uint64_t(R.Files));
        if (!R.Suppressed.empty())
          J.attribute("suppressed", uint64_t(R.Suppressed.size()));
        if (R.Baseline.Used)
          J.attributeObject("baseline", [&] {
            J.attribute("known", uint64_t(R.Baseline.Known));
            J.attribute("fixed", uint64_t(R.Baseline.Fixed));
          });
      });
    }
    if (O.Graph) {
      J.attributeBegin("graph");
      writeGraph(J, R);
      J.attributeEnd();
    }
  });
  OS << "\n";
}

const EmitterInfo Json{"json",
                       "findings, witness paths and the graph as JSON "
                       "(docs/chokepoint.schema.json)",
                       writeJson};
CHOKEPOINT_EMITTER(Json);

} // namespace
} // namespace chokepoint
