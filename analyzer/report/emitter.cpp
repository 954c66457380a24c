//===- analyzer/emitter.cpp - Output formats ------------------------------===//

#include "analyzer/report/emitter.h"

#include <algorithm>

namespace chokepoint {

namespace {
std::vector<const EmitterInfo *> &storage() {
  static std::vector<const EmitterInfo *> V;
  return V;
}
} // namespace

detail::EmitterRegistration::EmitterRegistration(const EmitterInfo *E) {
  storage().push_back(E);
}

const std::vector<const EmitterInfo *> &allEmitters() {
  static const std::vector<const EmitterInfo *> Sorted = [] {
    std::vector<const EmitterInfo *> V = storage();
    std::sort(V.begin(), V.end(), [](auto *A, auto *B) { return A->Name < B->Name; });
    return V;
  }();
  return Sorted;
}

const EmitterInfo *findEmitter(std::string_view Name) {
  for (const EmitterInfo *E : allEmitters())
    if (E->Name == Name)
      return E;
  return nullptr;
}

Tally tally(const std::vector<Finding> &Findings) {
  Tally T;
  for (const Finding &F : Findings)
    (F.Sev == Severity::Error     ? T.Errors
     : F.Sev == Severity::Warning ? T.Warnings
                                  : T.Notes)++;
  return T;
}

std::string where(const SourceManager &SM, SourceLoc Loc) {
  if (!Loc.valid())
    return "";
  return SM.name(Loc.file) + ":" + std::to_string(Loc.line) + ":" +
         std::to_string(Loc.column);
}

} // namespace chokepoint
