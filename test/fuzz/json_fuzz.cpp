//===- test/fuzz/json_fuzz.cpp - The JSON reader under libFuzzer ----------===//

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  chokepoint::fuzz::readOnly(Data, Size, chokepoint::fuzz::Reader::Json);
  return 0;
}
