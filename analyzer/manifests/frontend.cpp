//===- analyzer/manifests/frontend.cpp - Front ends and readers -----------===//

#include "analyzer/manifests/frontend.h"

#include <algorithm>

namespace chokepoint {

namespace {
std::vector<const ReaderInfo *> &readerStorage() {
  static std::vector<const ReaderInfo *> V;
  return V;
}
std::vector<std::unique_ptr<FrontEnd>> &frontEndStorage() {
  static std::vector<std::unique_ptr<FrontEnd>> V;
  return V;
}
} // namespace

detail::ReaderRegistration::ReaderRegistration(const ReaderInfo *R) {
  readerStorage().push_back(R);
}

void detail::registerFrontEnd(std::unique_ptr<FrontEnd> F) {
  frontEndStorage().push_back(std::move(F));
}

const std::vector<const ReaderInfo *> &allReaders() {
  static const std::vector<const ReaderInfo *> Sorted = [] {
    std::vector<const ReaderInfo *> V = readerStorage();
    std::sort(V.begin(), V.end(),
              [](auto *A, auto *B) { return A->Name < B->Name; });
    return V;
  }();
  return Sorted;
}

const ReaderInfo *readerFor(std::string_view Path) {
  size_t Dot = Path.rfind('.');
  size_t Slash = Path.rfind('/');
  if (Dot == std::string_view::npos ||
      (Slash != std::string_view::npos && Dot < Slash))
    return nullptr;
  std::string_view Ext = Path.substr(Dot);
  for (const ReaderInfo *R : allReaders())
    for (std::string_view E : R->Extensions)
      if (E == Ext)
        return R;
  return nullptr;
}

const ReaderInfo &standardInputReader() {
  const ReaderInfo *R = readerFor("-.yaml");
  return *R;
}

const std::vector<const FrontEnd *> &allFrontEnds() {
  static const std::vector<const FrontEnd *> Sorted = [] {
    std::vector<const FrontEnd *> V;
    for (auto &F : frontEndStorage())
      V.push_back(F.get());
    std::sort(V.begin(), V.end(),
              [](auto *A, auto *B) { return A->name() < B->name(); });
    return V;
  }();
  return Sorted;
}

const FrontEnd *claimant(const Document &Doc, std::string_view Path) {
  if (Doc.empty())
    return nullptr;
  for (const FrontEnd *F : allFrontEnds())
    if (F->claims(Doc, Path))
      return F;
  return nullptr;
}

DocNode topLevel(const Document &Doc, std::string_view Key) {
  return Doc.empty() ? DocNode() : field(Doc.root(), Key);
}

} // namespace chokepoint
