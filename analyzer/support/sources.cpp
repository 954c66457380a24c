//===- analyzer/sources.cpp - Input files and where things are ------------===//

#include "analyzer/support/sources.h"
#include "analyzer/support/text.h"

#include <algorithm>

namespace chokepoint {

uint32_t SourceManager::add(std::string Name,
                            std::unique_ptr<llvm::MemoryBuffer> Buffer) {
  File F;
  F.Name = std::move(Name);
  F.Buffer = std::move(Buffer);
  std::string_view T(F.Buffer->getBufferStart(), F.Buffer->getBufferSize());
  // Counted first, so the table is allocated once at its size (grown by
  // doubling it held up to twice that: 35 MB for a 53 MB file).
  F.LineStarts.reserve(countNewlines(T) + 1);
  F.LineStarts.push_back(0);
  appendLineStarts(T, 0, F.LineStarts);
  Files.push_back(std::move(F));
  return uint32_t(Files.size());
}

std::string_view SourceManager::text(uint32_t File) const {
  const auto &B = Files[File - 1].Buffer;
  return B ? std::string_view(B->getBufferStart(), B->getBufferSize())
           : std::string_view();
}

SourceLoc SourceManager::locate(uint32_t FileId, size_t Offset) const {
  const File &F = Files[FileId - 1];
  if (F.LineStarts.empty())
    return {FileId, 1, 1};
  auto It = std::upper_bound(F.LineStarts.begin(), F.LineStarts.end(),
                             uint32_t(Offset));
  uint32_t Line = uint32_t(It - F.LineStarts.begin());
  return {FileId, Line, uint32_t(Offset - F.LineStarts[Line - 1] + 1)};
}

SourceLoc SourceManager::locate(uint32_t FileId, size_t Offset,
                                LineHint &Hint) const {
  const File &F = Files[FileId - 1];
  const std::vector<uint32_t> &L = F.LineStarts;
  if (L.empty() || Hint.File != FileId || Hint.Line >= L.size() ||
      L[Hint.Line] > Offset) {
    SourceLoc Loc = locate(FileId, Offset);
    Hint = {FileId, Loc.line - 1};
    return Loc;
  }
  // Forward, a few lines at a time; far jumps fall back to the search.
  uint32_t Line = Hint.Line;
  for (unsigned Step = 0; Line + 1 < L.size() && L[Line + 1] <= Offset; ++Line)
    if (++Step == 64) {
      SourceLoc Loc = locate(FileId, Offset);
      Hint = {FileId, Loc.line - 1};
      return Loc;
    }
  Hint.Line = Line;
  return {FileId, Line + 1, uint32_t(Offset - L[Line] + 1)};
}

std::string_view SourceManager::lineText(SourceLoc Loc) const {
  if (!Loc.valid() || Loc.file > Files.size())
    return {};
  const File &F = Files[Loc.file - 1];
  if (!F.Buffer || Loc.line == 0 || Loc.line > F.LineStarts.size())
    return {};
  std::string_view T = text(Loc.file);
  size_t B = F.LineStarts[Loc.line - 1];
  size_t E = Loc.line < F.LineStarts.size() ? F.LineStarts[Loc.line] : T.size();
  std::string_view L = T.substr(B, E - B);
  while (!L.empty() && (L.back() == '\n' || L.back() == '\r'))
    L.remove_suffix(1);
  return L;
}

} // namespace chokepoint
