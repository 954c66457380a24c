//===- graphs/location.h - Where something was written ----------*- C++ -*-===//

#ifndef CHOKEPOINT_GRAPHS_LOCATION_H
#define CHOKEPOINT_GRAPHS_LOCATION_H

#include <cstdint>
#include <tuple>

namespace chokepoint {

/// A place in an input: a file of the run's source table (1-based; 0 means
/// "nowhere", e.g. a node the tool made up), a 1-based line and a 1-based
/// byte column, as clang counts them.
struct SourceLoc {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;

  bool valid() const { return file != 0; }
  friend bool operator==(const SourceLoc &, const SourceLoc &) = default;
  friend bool operator<(const SourceLoc &A, const SourceLoc &B) {
    return std::tie(A.file, A.line, A.column) <
           std::tie(B.file, B.line, B.column);
  }
};

} // namespace chokepoint

#endif
