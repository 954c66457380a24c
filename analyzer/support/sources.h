//===- analyzer/support/sources.h - Input files and where things are ----*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_SOURCES_H
#define CHOKEPOINT_ANALYZER_SOURCES_H

#include "graphs/location.h"

#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// The files of one run. Ids start at 1 (0 is "no file"). Buffers stay alive
/// for the run so diagnostics and findings can quote their lines; each
/// file's line table is built when it is added, so lookups are const and
/// safe from several threads.
class SourceManager {
public:
  uint32_t add(std::string Name, std::unique_ptr<llvm::MemoryBuffer> Buffer);

  size_t size() const { return Files.size(); }
  const std::string &name(uint32_t File) const { return Files[File - 1].Name; }
  std::string_view text(uint32_t File) const;

  /// Line and byte column of an offset into File's text.
  SourceLoc locate(uint32_t File, size_t Offset) const;

  /// The same, for callers that ask about offsets in mostly increasing
  /// order (a decoder walking a document): Hint remembers the last line and
  /// is moved forward, so a whole file costs one pass over its line table.
  struct LineHint {
    uint32_t File = 0;
    uint32_t Line = 0; ///< 0-based index into the line table
  };
  SourceLoc locate(uint32_t File, size_t Offset, LineHint &Hint) const;
  /// The text of Loc's line, without its line break ("" when unknown).
  std::string_view lineText(SourceLoc Loc) const;

private:
  struct File {
    std::string Name;
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<uint32_t> LineStarts;
  };
  std::vector<File> Files;
};

} // namespace chokepoint

#endif
