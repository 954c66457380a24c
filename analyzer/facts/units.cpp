//===- analyzer/facts/units.cpp - A TU's facts into the run ---------------===//

#include "analyzer/facts/units.h"

#include "analyzer/support/sort.h"
#include "analyzer/support/text.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace chokepoint {

std::string shownPath(const std::string &Abs) {
  llvm::SmallString<256> Cwd;
  if (!llvm::sys::fs::current_path(Cwd)) {
    std::string C(Cwd);
    if (!C.ends_with("/"))
      C += '/';
    if (Abs.compare(0, C.size(), C) == 0)
      return Abs.substr(C.size());
  }
  return Abs;
}

uint32_t UnitImporter::fileId(const std::string &Abs) {
  auto It = Ids.find(Abs);
  if (It != Ids.end())
    return It->second;
  // Only to quote lines: a path a facts file names that is no regular file
  // (a device, a FIFO), or is too large to be a source, is read as empty.
  constexpr uint64_t MaxSource = uint64_t(1) << 30;
  llvm::sys::fs::file_status St;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      std::make_error_code(std::errc::invalid_argument);
  if (!llvm::sys::fs::status(Abs, St) && llvm::sys::fs::is_regular_file(St) &&
      St.getSize() <= MaxSource)
    Buffer = llvm::MemoryBuffer::getFile(Abs, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  uint32_t Id = SM.add(shownPath(Abs),
                       Buffer ? std::move(*Buffer)
                              : llvm::MemoryBuffer::getMemBuffer("", Abs));
  Ids[Abs] = Id;
  Files.push_back(Abs);
  return Id;
}

void UnitImporter::at(SourceLoc &L) const {
  if (L.file)
    L.file = L.file < Map.size() ? Map[L.file] : 0;
}

template <typename T> void UnitImporter::at(Fact<T> &F) const {
  if (F) {
    SourceLoc L = F.loc();
    at(L);
    F.set(*F, L);
  }
}

void UnitImporter::remap(Diagnostic &D) const {
  at(D.Loc);
  for (Diagnostic &N : D.Notes)
    remap(N);
}

void UnitImporter::import(CodeUnit &U, FactSet &Out, DiagnosticList &Diags) {
  Topology &T = *U.T;
  Map.assign(T.UnitFiles.size() + 1, 0);
  for (size_t I = 0; I < T.UnitFiles.size(); ++I)
    Map[I + 1] = fileId(T.UnitFiles[I]);
  for (const Diagnostic &D : U.Diags.all()) {
    Diagnostic Copy = D;
    remap(Copy);
    Diagnostic &Added = Diags.add(Copy.Level, Copy.Loc, Copy.Message);
    Added.Notes = std::move(Copy.Notes);
  }
  T.File = Map.size() > 1 ? Map[1] : 0;
  for (ServiceFact &S : T.Services)
    at(S.Id.Loc);
  for (ComponentFact &C : T.Components) {
    at(C.Id.Loc);
    at(C.Owners);
    at(C.Kind);
  }
  for (FunctionFact &F : T.Functions) {
    at(F.Loc);
    at(F.Service.Loc);
    at(F.Owner.Loc);
    at(F.Entry);
    at(F.Lookup);
    at(F.Attempts);
    at(F.BackoffKind);
    at(F.Recovery);
  }
  for (CallFact &C : T.Calls) {
    at(C.To.Loc);
    at(C.Via.Loc);
  }
  for (AllowFact &A : T.Allows)
    at(A.Loc);
  T.UnitFiles.clear();
  if (!T.Services.empty() || !T.Functions.empty() || !T.Allows.empty())
    Out.push_back(std::move(U.T));
}

void orderUnits(std::vector<CodeUnit> &Units, const SourceManager &SM,
                DiagnosticList &Diags) {
  stableSort(Units, [](const CodeUnit &A, const CodeUnit &B) {
    return unitPath(A) < unitPath(B);
  });
  auto Where = [&](const CodeUnit &U) {
    return U.FactsFile
               ? concat({"its facts file ", quote(SM.name(U.FactsFile))})
               : std::string("its source");
  };
  std::vector<CodeUnit> Kept;
  for (CodeUnit &U : Units) {
    if (!Kept.empty() && unitPath(Kept.back()) == unitPath(U)) {
      uint32_t At = U.FactsFile ? U.FactsFile : Kept.back().FactsFile;
      Diags.error(
          At ? SM.locate(At, 0) : SourceLoc(),
          concat({"translation unit ", quote(shownPath(unitPath(U))),
                  " is given twice: as ", Where(Kept.back()), " and as ",
                  Where(U), "; give each translation unit once"}));
      continue;
    }
    Kept.push_back(std::move(U));
  }
  Units = std::move(Kept);
}

void takeUnits(FactSet &Facts, std::vector<CodeUnit> &Units) {
  FactSet Rest;
  for (auto &T : Facts) {
    if (T->UnitFiles.empty()) {
      Rest.push_back(std::move(T));
      continue;
    }
    CodeUnit U;
    U.FactsFile = T->File;
    U.T = std::move(T);
    Units.push_back(std::move(U));
  }
  Facts = std::move(Rest);
}

} // namespace chokepoint
