//===- test/fuzz/facts_fuzz.cpp - Facts files under libFuzzer -------------===//
//
// The facts front end (the files `chokepoint extract` writes) and what a
// run does with what it reads, as loadModel does it: the unit ordered, its
// files given the run's ids (read from disk; a path that names no regular
// file reads as empty) and the model built from its facts.
//
//===----------------------------------------------------------------------===//

#include "fuzz.h"

#include "analyzer/facts/units.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace chokepoint;
  SourceManager SM;
  uint32_t File = fuzz::addInput(SM, Data, Size, fuzz::Reader::Json);
  FileFacts Read;
  readFacts(SM, File, *readerFor("fuzz.json"), "fuzz.facts.json", Read);
  DiagnosticList Diags = std::move(Read.Diags);
  if (Read.Claimed && !Diags.hasErrors() && !Read.Facts->UnitFiles.empty()) {
    std::vector<CodeUnit> Units(1);
    Units[0].FactsFile = File;
    Units[0].T = std::move(Read.Facts);
    orderUnits(Units, SM, Diags);
    UnitImporter Import(SM);
    FactSet All;
    for (CodeUnit &U : Units)
      Import.import(U, All, Diags);
    if (!All.empty() && !Diags.hasErrors()) {
      BuildOptions Options;
      resolveRelations(All, Options, Diags);
      Model M;
      if (!Diags.hasErrors())
        buildModel(std::move(All), Options, M, Diags);
    }
  }
  fuzz::printAll(SM, Diags);
  return 0;
}
