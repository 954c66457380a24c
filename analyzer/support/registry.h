//===- analyzer/support/registry.h - Things that register themselves -*- C++ -*-===//
//
// Emitters and commands (like rules) are each one file that registers a
// static descriptor from a static initialiser, so adding one edits no list.
// Registry<T> keeps them; sortKey(const T &), found by argument-dependent
// lookup, gives the order they are listed in, and T::Name their name.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_REGISTRY_H
#define CHOKEPOINT_ANALYZER_REGISTRY_H

#include <algorithm>
#include <string_view>
#include <vector>

namespace chokepoint {

template <typename T> class Registry {
public:
  /// A static object of this type registers E at start-up.
  struct Add {
    explicit Add(const T *E) { entries().push_back(E); }
  };

  /// Every registered descriptor, by sortKey; sorted once, on first use
  /// (after every static initialiser has run).
  static const std::vector<const T *> &all() {
    static const std::vector<const T *> Sorted = [] {
      std::vector<const T *> V = entries();
      std::sort(V.begin(), V.end(), [](const T *A, const T *B) {
        return sortKey(*A) < sortKey(*B);
      });
      return V;
    }();
    return Sorted;
  }

  /// The descriptor whose Name is Name, or null.
  static const T *find(std::string_view Name) {
    for (const T *E : all())
      if (E->Name == Name)
        return E;
    return nullptr;
  }

private:
  static std::vector<const T *> &entries() {
    static std::vector<const T *> V;
    return V;
  }
};

} // namespace chokepoint

#endif
