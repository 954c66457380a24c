//===- analyzer/support/sort.h - A stable sort clang 19 accepts --*- C++
//-*-===//
//
// std::stable_sort's result without std::stable_sort: libstdc++ 12's takes
// its buffer from std::get_temporary_buffer, which clang 19 flags as
// deprecated, an error in the -Werror sanitizer and fuzz builds. Every
// stable sort of the project goes through here.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_SORT_H
#define CHOKEPOINT_ANALYZER_SORT_H

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <utility>
#include <vector>

namespace chokepoint {

/// Sorts V by Less, keeping the order of equal elements.
template <typename T, typename LessFn>
void stableSort(std::vector<T> &V, LessFn Less) {
  std::vector<size_t> Position(V.size());
  std::iota(Position.begin(), Position.end(), size_t(0));
  std::sort(Position.begin(), Position.end(), [&](size_t A, size_t B) {
    if (Less(V[A], V[B]))
      return true;
    if (Less(V[B], V[A]))
      return false;
    return A < B;
  });
  std::vector<T> Sorted;
  Sorted.reserve(V.size());
  for (size_t P : Position)
    Sorted.push_back(std::move(V[P]));
  V = std::move(Sorted);
}

} // namespace chokepoint

#endif
