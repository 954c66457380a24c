//===- analyzer/emitter.cpp - Output formats ------------------------------===//

#include "analyzer/report/emitter.h"

#include "analyzer/support/text.h"
#include "analyzer/support/threads.h"

#include <algorithm>
#include <string>
#include <vector>

namespace chokepoint {

const std::vector<const EmitterInfo *> &allEmitters() {
  return Registry<EmitterInfo>::all();
}

const EmitterInfo *findEmitter(std::string_view Name) {
  return Registry<EmitterInfo>::find(Name);
}

std::string emitterNames() {
  std::string S;
  for (const EmitterInfo *E : allEmitters()) {
    S += S.empty() ? "" : ", ";
    S += E->Name;
  }
  return S;
}

Tally tally(const std::vector<Finding> &Findings) {
  Tally T;
  for (const Finding &F : Findings)
    (F.Sev == Severity::Error     ? T.Errors
     : F.Sev == Severity::Warning ? T.Warnings
                                  : T.Notes)++;
  return T;
}

std::vector<std::string> tallyWords(const Tally &T) {
  std::vector<std::string> Parts;
  if (T.Errors)
    Parts.push_back(plural(T.Errors, "error", "errors"));
  if (T.Warnings)
    Parts.push_back(plural(T.Warnings, "warning", "warnings"));
  if (T.Notes)
    Parts.push_back(plural(T.Notes, "note", "notes"));
  return Parts;
}

std::string tallyText(const Tally &T) {
  std::vector<std::string> Parts = tallyWords(T);
  std::string S;
  for (size_t I = 0; I < Parts.size(); ++I)
    S += concat({I ? ", " : "", Parts[I]});
  return Parts.empty() ? "no findings" : S;
}

void writeHop(llvm::raw_ostream &OS, const Hop &H) {
  writeQuoted(OS, H.From);
  OS << " -> ";
  writeQuoted(OS, H.To);
  OS << " (" << H.Kind;
  // Only the hop that multiplies shows the attempts: the rest of a via chain
  // carries them too, but showing them there would read as multiplying again.
  if (H.Multiplier > 1)
    OS << ", " << H.Attempts << " attempts";
  if (H.Product > 1)
    OS << ", x" << H.Product << " so far";
  OS << ")";
}

std::string hopText(const Hop &H) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeHop(OS, H);
  return S;
}

std::string where(const SourceManager &SM, SourceLoc Loc) {
  if (!Loc.valid())
    return "";
  return concat({escape(SM.name(Loc.file)), ":", std::to_string(Loc.line), ":",
                 std::to_string(Loc.column)});
}

void makeInBatches(size_t Count, unsigned Jobs,
                   llvm::function_ref<void(llvm::raw_ostream &, size_t)> Make,
                   llvm::function_ref<void(const std::string &)> Put) {
  // A batch is a few hundred kilobytes of text: enough to make a thread
  // worth starting, little to hold.
  constexpr size_t Batch = 512;
  Jobs = unsigned(std::clamp<size_t>((Count + Batch - 1) / Batch, 1, Jobs));
  std::vector<std::string> Made(Jobs);
  for (size_t Round = 0; Round < Count; Round += Batch * Jobs) {
    onThreads(Jobs, [&](unsigned T) {
      Made[T].clear();
      // A string stream writes through at every call: JSON's writer makes
      // many small ones, so this one is given a buffer.
      llvm::raw_string_ostream S(Made[T]);
      S.SetBuffered();
      size_t Begin = std::min(Count, Round + T * Batch);
      size_t End = std::min(Count, Begin + Batch);
      for (size_t I = Begin; I < End; ++I)
        Make(S, I);
      S.flush();
    });
    for (const std::string &S : Made)
      if (!S.empty())
        Put(S);
  }
}

void writeInOrder(llvm::raw_ostream &OS, size_t Count, unsigned Jobs,
                  llvm::function_ref<void(llvm::raw_ostream &, size_t)> Write) {
  if (Jobs <= 1) {
    for (size_t I = 0; I < Count; ++I)
      Write(OS, I);
    return;
  }
  makeInBatches(Count, Jobs, Write, [&](const std::string &S) { OS << S; });
}

} // namespace chokepoint
