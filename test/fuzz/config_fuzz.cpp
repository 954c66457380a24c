//===- test/fuzz/config_fuzz.cpp - The config file reader under libFuzzer -===//
//
// The input as a .chokepoint.yaml: the YAML reader, the walker over every
// key of docs/config.md (rules, severities, options, suppressions with
// their dates, the baseline path), and the printing of its diagnostics and
// of the effective settings, as `chokepoint config` does.
//
//===----------------------------------------------------------------------===//

#include "fuzz.h"

#include "analyzer/tool/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace chokepoint;
  Settings S;
  S.ConfigPath = ".chokepoint.yaml";
  uint32_t File = S.ConfigSM->add(
      S.ConfigPath, llvm::MemoryBuffer::getMemBufferCopy(
                        llvm::StringRef(reinterpret_cast<const char *>(Data),
                                        Size),
                        "fuzz"));
  DiagnosticList Diags;
  if (readConfigText(S, File, Diags))
    printSettings(S, llvm::nulls());
  fuzz::printAll(*S.ConfigSM, Diags);
  return 0;
}
