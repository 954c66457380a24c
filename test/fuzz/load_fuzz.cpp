//===- test/fuzz/load_fuzz.cpp - The load path under libFuzzer ----------===//
//
// The whole load path, through each reader in turn: every front end, the
// merge and the model build see what a YAML file and a JSON file can give
// them.
//
//===----------------------------------------------------------------------===//

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace chokepoint::fuzz;
  load(Data, Size, Reader::Yaml);
  load(Data, Size, Reader::Json);
  decodeApartMatchesOneThread(Data, Size, Reader::Yaml);
  decodeApartMatchesOneThread(Data, Size, Reader::Json);
  return 0;
}
