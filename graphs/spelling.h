//===- graphs/spelling.h - How the graph's enums are written ----*- C++ -*-===//
//
// One table per enum, {spelling, value}, in the enum's order: a std::array
// a reader can take whole, or as a span through spellings<E>(). Every front
// end parses with it and every output prints with it, so a spelling is
// written once: a new edge kind is one enum value and one row here.
// Spellings are lower-case and stable (they are part of the input format
// and the outputs).
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_GRAPHS_SPELLING_H
#define CHOKEPOINT_GRAPHS_SPELLING_H

#include "graphs/kinds.h"

#include <array>
#include <cassert>
#include <optional>
#include <span>
#include <string_view>

namespace chokepoint {

template <typename E> struct Spelling {
  std::string_view Name;
  E Value;
};

inline constexpr auto NodeTypeSpellings = std::to_array<Spelling<NodeType>>({
    {"service", NodeType::Service},
    {"component", NodeType::Component},
    {"function", NodeType::Function},
});

/// `Unspecified` has no spelling: an input cannot say it, and outputs leave
/// the kind out.
inline constexpr auto ComponentKindSpellings =
    std::to_array<Spelling<ComponentKind>>({
        {"supervisor", ComponentKind::Supervisor},
        {"pool", ComponentKind::Pool},
        {"queue", ComponentKind::Queue},
        {"lock", ComponentKind::Lock},
        {"worker", ComponentKind::Worker},
        {"client", ComponentKind::Client},
        {"cache", ComponentKind::Cache},
    });

inline constexpr auto PlaneSpellings = std::to_array<Spelling<Plane>>({
    {"data", Plane::Data},
    {"control", Plane::Control},
});

/// Grouped as the enum is: traffic, control plane, recovery (kindSpellings
/// hands out a group's run of rows).
inline constexpr auto EdgeKindSpellings = std::to_array<Spelling<EdgeKind>>({
    {"call", EdgeKind::Call},
    {"spawn", EdgeKind::Spawn},
    {"lookup", EdgeKind::Lookup},
    {"retry", EdgeKind::Retry},
    {"reconnect", EdgeKind::Reconnect},
    {"restart", EdgeKind::Restart},
    {"recreate", EdgeKind::Recreate},
    {"resync", EdgeKind::Resync},
    {"failover", EdgeKind::Failover},
});
static_assert(std::size(EdgeKindSpellings) == NumEdgeKinds);

inline constexpr auto BackoffSpellings = std::to_array<Spelling<Backoff>>({
    {"none", Backoff::None},
    {"fixed", Backoff::Fixed},
    {"exponential", Backoff::Exponential},
});

/// The table of enum E.
template <typename E> constexpr std::span<const Spelling<E>> spellings();
template <>
constexpr std::span<const Spelling<NodeType>> spellings<NodeType>() {
  return NodeTypeSpellings;
}
template <>
constexpr std::span<const Spelling<ComponentKind>> spellings<ComponentKind>() {
  return ComponentKindSpellings;
}
template <> constexpr std::span<const Spelling<Plane>> spellings<Plane>() {
  return PlaneSpellings;
}
template <>
constexpr std::span<const Spelling<EdgeKind>> spellings<EdgeKind>() {
  return EdgeKindSpellings;
}
template <> constexpr std::span<const Spelling<Backoff>> spellings<Backoff>() {
  return BackoffSpellings;
}

/// How V is written; empty for a value without a spelling.
template <typename E> constexpr std::string_view spell(E V) {
  for (const Spelling<E> &S : spellings<E>())
    if (S.Value == V)
      return S.Name;
  return {};
}

/// The value written Text, among the rows Among (by default every row of
/// E's table); nullopt if none is written so.
template <typename E>
constexpr std::optional<E> parse(std::string_view Text,
                                 std::span<const Spelling<E>> Among) {
  for (const Spelling<E> &S : Among)
    if (S.Name == Text)
      return S.Value;
  return std::nullopt;
}
template <typename E> constexpr std::optional<E> parse(std::string_view Text) {
  return parse<E>(Text, spellings<E>());
}

/// The rows of the edge kinds in Mask, which must be consecutive rows of
/// the table: a class or neighbouring classes, e.g. the kinds a `calls`
/// item may name, kindSpellings(TrafficKinds | ControlKinds). Used in a
/// constant expression, a mask with a gap does not compile.
constexpr std::span<const Spelling<EdgeKind>> kindSpellings(KindMask Mask) {
  std::span<const Spelling<EdgeKind>> All = EdgeKindSpellings;
  size_t First = 0;
  while (First < All.size() && !(Mask & maskOf(All[First].Value)))
    ++First;
  size_t End = First;
  while (End < All.size() && (Mask & maskOf(All[End].Value)))
    ++End;
  [[maybe_unused]] bool Run = true;
  for (size_t I = End; I < All.size(); ++I)
    Run = Run && !(Mask & maskOf(All[I].Value));
  assert(Run && "the kinds of the mask are consecutive rows");
  return All.subspan(First, End - First);
}

constexpr std::string_view name(NodeType T) { return spell(T); }
constexpr std::string_view name(ComponentKind K) { return spell(K); }
constexpr std::string_view name(Plane P) { return spell(P); }
constexpr std::string_view name(EdgeKind K) { return spell(K); }
constexpr std::string_view name(Backoff B) { return spell(B); }

} // namespace chokepoint

#endif
