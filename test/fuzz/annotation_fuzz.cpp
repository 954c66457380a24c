//===- test/fuzz/annotation_fuzz.cpp - Annotation arguments under libFuzzer
//===//
//
// interpretAnnotation (analyzer/code/annotation.cpp), the clang-free check
// of a CHOKEPOINT_* annotation's arguments, on annotations decoded from the
// bytes: the first byte picks the kind (one of ours, most often, or the
// text that follows) and what it is attached to, then each argument is a
// type byte and a length-prefixed text or an 8-byte integer. An annotation
// it accepts must be whole: as many name places as names, the names a kind
// needs.
//
//===----------------------------------------------------------------------===//

#include "fuzz.h"

#include "analyzer/code/annotation.h"

#include <cstring>

namespace {

using namespace chokepoint;

/// Takes bytes from the front of the input.
struct Bytes {
  const uint8_t *Data;
  size_t Size;
  bool empty() const { return Size == 0; }
  uint8_t byte() {
    if (!Size)
      return 0;
    --Size;
    return *Data++;
  }
  std::string text() {
    size_t N = std::min<size_t>(byte(), Size);
    std::string S(reinterpret_cast<const char *>(Data), N);
    Data += N;
    Size -= N;
    return S;
  }
  int64_t integer() {
    uint8_t B[8] = {};
    size_t N = std::min<size_t>(8, Size);
    std::memcpy(B, Data, N);
    Data += N;
    Size -= N;
    int64_t V;
    std::memcpy(&V, B, 8);
    return V;
  }
};

constexpr const char *Kinds[] = {"chokepoint:service",  "chokepoint:owner",
                                 "chokepoint:entry",    "chokepoint:calls",
                                 "chokepoint:lookup",   "chokepoint:retry",
                                 "chokepoint:recovery", "chokepoint:allow"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Bytes In{Data, Size};
  SourceManager SM;
  uint32_t File = SM.add("fuzz.cc", llvm::MemoryBuffer::getMemBuffer(
                                        "CHOKEPOINT_OWNER(\"pool\", 1)\n"));
  RawAnnotation A;
  uint8_t First = In.byte();
  A.Kind = (First & 0x0f) < 8 ? Kinds[First & 0x0f] : "chokepoint:" + In.text();
  A.On = AnnotatedDecl((First >> 4) % 5);
  A.Loc = {File, 1, 1};
  for (uint32_t Column = 2; !In.empty() && A.Args.size() < 64; ++Column) {
    AnnotationArg Arg;
    uint8_t T = In.byte() % 3;
    Arg.T = AnnotationArg::Type(T);
    if (Arg.T == AnnotationArg::Type::Integer)
      Arg.Int = In.integer();
    else
      Arg.Text = In.text();
    Arg.Loc = {File, 1, Column};
    A.Args.push_back(std::move(Arg));
  }
  Annotation Out;
  DiagnosticList Diags;
  bool Ok = interpretAnnotation(A, Out, Diags);
  if (Ok == Diags.hasErrors())
    __builtin_trap(); // accepted with an error, or refused without one
  if (Ok) {
    if (Out.Names.size() != Out.NameLocs.size())
      __builtin_trap();
    bool NeedsName =
        Out.K != Annotation::Kind::Entry && Out.K != Annotation::Kind::Retry;
    if (NeedsName && Out.Names.empty())
      __builtin_trap();
    (void)macroName(Out.K);
  }
  fuzz::printAll(SM, Diags);
  return 0;
}
