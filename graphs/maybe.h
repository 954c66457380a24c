//===- graphs/maybe.h - An optional double in eight bytes -------*- C++ -*-===//
//
// std::optional<double> takes sixteen bytes; a graph of a million
// declarations holds two of them each. No input gives a NaN (the readers
// accept finite numbers only), so a NaN marks "not given" and the value
// takes eight. The interface is std::optional's, as far as the code reads it
// (what nothing reads is left out).
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_MAYBE_H
#define CHOKEPOINT_GRAPHS_MAYBE_H

#include <cassert>
#include <cmath>
#include <limits>
#include <optional>

namespace chokepoint {

class MaybeDouble {
public:
  constexpr MaybeDouble() = default;
  constexpr MaybeDouble(std::nullopt_t) {}
  MaybeDouble(double V) : V(V) { assert(!std::isnan(V) && "NaN is 'unset'"); }

  bool has_value() const { return !std::isnan(V); }
  explicit operator bool() const { return has_value(); }
  double operator*() const { return V; }

  friend bool operator==(const MaybeDouble &A, const MaybeDouble &B) {
    return A.has_value() == B.has_value() && (!A.has_value() || A.V == B.V);
  }

private:
  double V = std::numeric_limits<double>::quiet_NaN();
};

} // namespace chokepoint

#endif
