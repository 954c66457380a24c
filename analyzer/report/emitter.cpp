//===- analyzer/emitter.cpp - Output formats ------------------------------===//

#include "analyzer/report/emitter.h"

#include "analyzer/support/text.h"


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

std::string where(const SourceManager &SM, SourceLoc Loc) {
  if (!Loc.valid())
    return "";
  return concat({escape(SM.name(Loc.file)), ":", std::to_string(Loc.line), ":",
                 std::to_string(Loc.column)});
}

} // namespace chokepoint
