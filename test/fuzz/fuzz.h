//===- test/fuzz/fuzz.h - What the fuzz targets share -------------*- C++
//-*-===//
//
// Each target is one LLVMFuzzerTestOneInput calling one of these, so a
// target stays a few lines and the path it drives is the driver's own.
// Everything a run reports is also printed (to nowhere), because printing
// quotes hostile text and draws carets under it: that is part of what a
// user's input reaches.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_TEST_FUZZ_FUZZ_H
#define CHOKEPOINT_TEST_FUZZ_FUZZ_H

#include "analyzer/facts/build.h"
#include "analyzer/facts/facts.h"
#include "analyzer/facts/units.h"
#include "analyzer/manifests/document.h"
#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/load.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"
#include "analyzer/tool/load.h"
#include "test/common/in_words.h"
#include "test/common/yaml_reads.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace chokepoint::fuzz {

enum class Reader { Yaml, Json };

/// The input as a file of its own, named as the driver would see it.
inline uint32_t addInput(SourceManager &SM, const uint8_t *Data, size_t Size,
                         Reader R) {
  return SM.add(
      R == Reader::Json ? "fuzz.json" : "fuzz.yaml",
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "fuzz"));
}

/// Prints every diagnostic the way the driver does, to nowhere.
inline void printAll(const SourceManager &SM, const DiagnosticList &Diags) {
  for (const Diagnostic &D : Diags.all())
    printDiagnostic(llvm::nulls(), SM, D, /*Colors=*/false);
}

/// Asks every node of Doc what a front end asks: its kind, text, place,
/// description and children. Nodes are visited as stored, once each, so an
/// alias costs one step however far it would expand.
inline void walk(const SourceManager &SM, const Document &Doc) {
  SourceManager::LineHint Hint;
  for (uint32_t I = 0; I < Doc.Nodes.size(); ++I) {
    DocNode N(&Doc, I);
    (void)N.describe();
    (void)N.scalar();
    (void)N.isNull();
    (void)SM.locate(Doc.File, N.offset(), Hint);
    uint32_t Children = 0;
    for (DocNode C : N) {
      (void)C.kind();
      ++Children;
    }
    if (Children != N.size())
      __builtin_trap(); // the tree contradicts itself
  }
}

/// readYaml or readJson alone: every document walked.
inline void readOnly(const uint8_t *Data, size_t Size, Reader R) {
  SourceManager SM;
  uint32_t File = addInput(SM, Data, Size, R);
  DiagnosticList Diags;
  auto Sink = [&](Document &Doc) {
    if (!Doc.empty())
      walk(SM, Doc);
    return true;
  };
  if (R == Reader::Json)
    readJson(SM, File, Diags, Sink);
  else
    readYaml(SM, File, Diags, Sink);
  printAll(SM, Diags);
}

/// readYaml of the input three ways: with libyaml alone, with the
/// scanner of the everyday subset first, and in pieces on three threads
/// (cut however small): all must agree on success, every diagnostic and
/// every node, or the target traps.
inline void yamlReadingsAgree(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  YamlReadOptions Libyaml, Scanned, Cut;
  Libyaml.Scan = false;
  Cut.Threads = 3;
  Cut.MinPieceBytes = 0;
  YamlRead A(Text, Libyaml), B(Text, Scanned), C(Text, Cut);
  if (!firstDifference(A, B).empty())
    __builtin_trap(); // the scanner read the file otherwise than libyaml
  if (!firstDifference(B, C).empty())
    __builtin_trap(); // reading in pieces changed what the file says
}

/// One input file: its name (which picks its reader) and its bytes.
struct InputPart {
  std::string_view Name;
  std::string_view Bytes;
};

/// The driver's load path for these files: each read, each document decoded
/// by the front end that claims it, and, when that gave no error, the
/// relations between objects of every file resolved and the model built
/// (which resolves every reference and suggests names for unknown ones),
/// then its inline suppressions checked. The same calls as loadManifests
/// and loadModel make.
inline void loadFiles(std::span<const InputPart> Parts,
                      const BuildOptions &Options = BuildOptions()) {
  SourceManager SM;
  DiagnosticList Diags;
  FactSet All;
  for (const InputPart &P : Parts) {
    uint32_t File =
        SM.add(std::string(P.Name),
               llvm::MemoryBuffer::getMemBufferCopy(
                   llvm::StringRef(P.Bytes.data(), P.Bytes.size()), P.Name));
    FileFacts Read;
    readFacts(SM, File, *readerFor(P.Name), P.Name, Read);
    Diags.append(std::move(Read.Diags));
    if (Read.Claimed) {
      All.push_back(std::move(Read.Facts));
      for (std::unique_ptr<Topology> &Part : Read.More)
        All.push_back(std::move(Part));
    }
  }
  // Facts files (`chokepoint extract`) name their own files until they are
  // imported, as loadModel imports them; built unimported, their places
  // would name files the run does not have.
  std::vector<CodeUnit> Units;
  takeUnits(All, Units);
  if (!Units.empty() && !Diags.hasErrors()) {
    orderUnits(Units, SM, Diags);
    UnitImporter Import(SM);
    for (CodeUnit &U : Units)
      Import.import(U, All, Diags);
  }
  if (!All.empty() && !Diags.hasErrors()) {
    resolveRelations(All, Options, Diags);
    Model M;
    if (!Diags.hasErrors() && buildModel(std::move(All), Options, M, Diags))
      inlineSuppressions(M, Diags);
  }
  printAll(SM, Diags);
}

/// readFacts of the input on one thread, and on three with a native
/// document's services decoded apart however few there are: the same
/// facts in the order the build meets them and the same diagnostics, or a
/// trap.
inline void decodeApartMatchesOneThread(const uint8_t *Data, size_t Size,
                                        Reader R) {
  SourceManager SM;
  uint32_t File = addInput(SM, Data, Size, R);
  std::string_view Name = SM.name(File);
  FileFacts One, Three;
  readFacts(SM, File, *readerFor(Name), Name, One, 1);
  readFacts(SM, File, *readerFor(Name), Name, Three, 3,
            /*MinEntriesApart=*/2);
  bool Agree = One.Claimed == Three.Claimed &&
               diagnosticsText(One.Diags) == diagnosticsText(Three.Diags) &&
               factsText(One) == factsText(Three);
  if (!Agree)
    __builtin_trap(); // decoding apart changed what the file says
}

/// loadFiles for the input as one file, read as R reads.
inline void load(const uint8_t *Data, size_t Size, Reader R) {
  InputPart Part{R == Reader::Json ? "fuzz.json" : "fuzz.yaml",
                 {reinterpret_cast<const char *>(Data), Size}};
  loadFiles({&Part, 1});
}

} // namespace chokepoint::fuzz

#endif
