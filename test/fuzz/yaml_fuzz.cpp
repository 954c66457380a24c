//===- test/fuzz/yaml_fuzz.cpp - The YAML reader under libFuzzer ----------===//

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  chokepoint::fuzz::readOnly(Data, Size, chokepoint::fuzz::Reader::Yaml);
  chokepoint::fuzz::yamlReadingsAgree(Data, Size);
  return 0;
}
