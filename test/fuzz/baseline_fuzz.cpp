//===- test/fuzz/baseline_fuzz.cpp - The baseline reader under libFuzzer --===//
//
// The input as a --baseline file: the JSON reader and the walker over its
// entries; what it reads is written back as --write-baseline would, and
// run through the policy stage against a finding, as a run does.
//
//===----------------------------------------------------------------------===//

#include "fuzz.h"

#include "analyzer/tool/baseline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace chokepoint;
  SourceManager SM;
  uint32_t File = fuzz::addInput(SM, Data, Size, fuzz::Reader::Json);
  DiagnosticList Diags;
  std::vector<BaselineEntry> Entries;
  if (readBaseline(SM, File, Entries, Diags)) {
    writeBaseline(llvm::nulls(), Entries);
    Policy P;
    P.Baseline = Entries;
    Finding F;
    F.Rule = "shared-single-owner";
    F.Node = "api";
    F.Fingerprint = "0123456789abcdef";
    std::vector<Finding> Findings = {F};
    applyPolicy(P, Findings);
  }
  fuzz::printAll(SM, Diags);
  return 0;
}
