//===- analyzer/manifests/walker.h - Walking documents by key ---*- C++ -*-===//
//
// Every front end and the config file read their documents through this,
// the way clangd reads its config: raw nodes, one handler per known key,
//
//   W.mapping(Node, "service 'api'",
//             key("replicas", [&](DocNode V) { W.integer(V, ...); }),
//             key("calls", [&](DocNode V) { ... }));
//
// and one place for what every reader must get right: "X should be a
// mapping", duplicate keys (at both places), unknown keys with "did you
// mean" among the known keys not given, YAML merge keys (`<<: *defaults`),
// and scalars typed and range-checked with the same words everywhere. The
// handlers are a parameter pack, so walking a mapping allocates nothing and
// a mapping may have any number of known keys.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_MANIFESTS_WALKER_H
#define CHOKEPOINT_ANALYZER_MANIFESTS_WALKER_H

#include "analyzer/facts/facts.h"
#include "analyzer/manifests/document.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"

#include "llvm/ADT/SmallVector.h"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace chokepoint {

/// A known key and what to do with its value: F(value) or F(key, value).
template <typename Fn> struct KeyHandler {
  std::string_view Name;
  Fn Handle;
};
template <typename Fn>
KeyHandler<std::decay_t<Fn>> key(std::string_view Name, Fn &&F) {
  return {Name, std::forward<Fn>(F)};
}

/// How a mapping treats keys it does not know.
struct MappingOptions {
  /// Keys starting with `x-` are extension fields (docker-compose's
  /// convention): a place for anchors, not read.
  bool Extensions = false;
  /// Unknown keys are not errors (formats of other tools, where only some
  /// keys matter to chokepoint).
  bool IgnoreUnknown = false;
};

class Walker {
public:
  Walker(const Document &D, const SourceManager &SM, DiagnosticList &Diags)
      : D(D), SM(SM), Diags(Diags) {}

  const Document &document() const { return D; }
  const SourceManager &sources() const { return SM; }
  /// The file's name, as the run shows it.
  std::string_view path() const { return SM.name(D.File); }
  SourceLoc loc(DocNode N) { return SM.locate(D.File, N.offset(), Hint); }
  Diagnostic &error(DocNode N, std::string Message) {
    return Diags.error(loc(N), std::move(Message));
  }
  Diagnostic &error(SourceLoc L, std::string Message) {
    return Diags.error(L, std::move(Message));
  }
  /// A remark: something skipped or assumed, said where it is.
  void remark(DocNode N, std::string Message) {
    Diags.add(DiagLevel::Remark, loc(N), std::move(Message));
  }
  /// Where Part, a piece of the scalar N's text (a view into it), was
  /// written: found in the file from N on, so that the column points into
  /// a value rather than at its start; N's own place when it was written
  /// with escapes that make the two differ.
  SourceLoc locIn(DocNode N, std::string_view Part);
  /// Past the run's error limit: stop looking (nothing more is kept).
  bool full() const { return Diags.full(); }

  /// Walks a mapping whose keys are known. A null (`key:` with nothing)
  /// gives every key its default. Returns false, after reporting it, when
  /// Map is not a mapping.
  template <typename... Fns>
  bool mapping(DocNode Map, std::string_view What, MappingOptions Options,
               KeyHandler<Fns>... Handlers);
  template <typename... Fns>
  bool mapping(DocNode Map, std::string_view What,
               KeyHandler<Fns>... Handlers) {
    return mapping(Map, What, MappingOptions(), std::move(Handlers)...);
  }

  /// Walks a mapping of names (services, components): F(key, value) per
  /// entry; duplicate names reported.
  template <typename Fn> bool names(DocNode Map, std::string_view What, Fn &&F);

  /// Calls F(key, value, merged) for each entry of Map, then for each entry
  /// merged into it by YAML merge keys (`<<: *a`, `<<: [*a, *b]`), depth
  /// first, so that earlier entries win as YAML says. Reports merge values
  /// that are not mappings.
  template <typename Fn> void entries(DocNode Map, Fn &&F);

  /// A sequence: F(item) for each; null is empty; anything else is an
  /// error ("expected a sequence for 'calls', found a mapping").
  template <typename Fn> bool sequence(DocNode N, std::string_view Key, Fn &&F);

  // Scalars. Each returns true and sets Out when the value is good; reports
  // an error and returns false when it is not; and returns false quietly for
  // a null (`key:` with nothing), which leaves Out unset: the default.
  bool string(DocNode N, std::string_view Key, std::string_view &Out);
  bool integer(DocNode N, std::string_view Key, uint64_t Min, uint64_t Max,
               uint64_t &Out, std::string_view Why = "");
  bool number(DocNode N, std::string_view Key, double &Out);
  bool boolean(DocNode N, std::string_view Key, bool &Out);
  /// One of Table's spellings; What names the kind of value ("a plane").
  template <typename E>
  bool choice(DocNode N, std::string_view Key, std::string_view What,
              std::span<const Spelling<std::type_identity_t<E>>> Table, E &Out);

  /// The same scalars into narrower integers and optionals (an edge's
  /// attributes).
  bool integer(DocNode N, std::string_view Key, uint64_t Min, uint64_t Max,
               uint32_t &Out, std::string_view Why = "") {
    uint64_t V;
    if (!integer(N, Key, Min, Max, V, Why))
      return false;
    Out = uint32_t(V);
    return true;
  }
  bool integer(DocNode N, std::string_view Key, uint64_t Min, uint64_t Max,
               std::optional<uint32_t> &Out) {
    uint32_t V;
    if (!integer(N, Key, Min, Max, V))
      return false;
    Out = V;
    return true;
  }
  bool number(DocNode N, std::string_view Key, MaybeDouble &Out) {
    double V;
    if (!number(N, Key, V))
      return false;
    Out = V;
    return true;
  }

  /// The same scalars into a Fact, located at the value.
  template <typename T>
  bool integer(DocNode N, std::string_view Key, uint64_t Min, uint64_t Max,
               Fact<T> &Out, std::string_view Why = "") {
    uint64_t V;
    return integer(N, Key, Min, Max, V, Why) && set(Out, T(V), N);
  }
  bool number(DocNode N, std::string_view Key, Fact<double> &Out) {
    double V;
    return number(N, Key, V) && set(Out, V, N);
  }
  bool boolean(DocNode N, std::string_view Key, Fact<bool> &Out) {
    bool V;
    return boolean(N, Key, V) && set(Out, V, N);
  }
  bool string(DocNode N, std::string_view Key, Fact<std::string_view> &Out,
              Topology &T) {
    std::string_view V;
    return string(N, Key, V) && set(Out, T.intern(V), N);
  }
  template <typename E>
  bool choice(DocNode N, std::string_view Key, std::string_view What,
              std::span<const Spelling<std::type_identity_t<E>>> Table,
              Fact<E> &Out) {
    E V;
    return choice(N, Key, What, Table, V) && set(Out, V, N);
  }

  /// A name (a reference or a key): null is an error, as a reference has
  /// no default. Interned in T, located.
  bool name(DocNode N, std::string_view What, Topology &T, Name &Out);

private:
  template <typename T> bool set(Fact<T> &Out, T V, DocNode N) {
    Out.set(std::move(V), loc(N));
    return true;
  }
  bool keyText(DocNode Key, std::string_view &Out);
  /// Reports a key given twice in one mapping, at both places.
  void duplicateKey(DocNode Key, std::string_view Text, std::string_view What,
                    DocNode First);
  /// Reports an unknown key of Map with "did you mean" among the known
  /// keys Map does not give (its merged mappings included).
  void unknownKey(DocNode Key, std::string_view What,
                  std::span<const std::string_view> Keys, DocNode Map);
  void notMapping(DocNode Map, std::string_view What);
  void badChoice(DocNode N, std::string_view Key, std::string_view What,
                 const std::vector<std::string_view> &Names);

  const Document &D;
  const SourceManager &SM;
  DiagnosticList &Diags;
  SourceManager::LineHint Hint;
};

/// The value of Key in the mapping Map (its own keys, merges not
/// followed), or an invalid node when Map is not a mapping or lacks it.
DocNode field(DocNode Map, std::string_view Key);

/// A scalar as the user wrote it, for "found ...": "a string \"3\"" for a
/// quoted one, "'two'" for a plain one, "a mapping" for the others.
std::string found(DocNode N);

/// True when S reads as a plain integer, as Walker::integer takes it.
bool looksInteger(std::string_view S);

/// "a, b, c".
std::string joined(std::span<const std::string_view> Items);

//===----------------------------------------------------------------------===//
// Templates
//===----------------------------------------------------------------------===//

template <typename Fn> void Walker::entries(DocNode Map, Fn &&F) {
  // Most mappings merge nothing: no allocation unless merges nest deeply.
  llvm::SmallVector<std::pair<DocNode, bool>, 4> Todo{{Map, false}};
  while (!Todo.empty() && !full()) {
    auto [M, Merged] = Todo.back();
    Todo.pop_back();
    llvm::SmallVector<DocNode, 2> Merges;
    for (auto It = M.begin(); It != M.end() && !full(); ++It) {
      DocNode Key = *It;
      DocNode Value = *++It;
      if (Key.isScalar() && Key.style() == ScalarStyle::Plain &&
          Key.scalar() == "<<") {
        if (Value.isSequence())
          for (DocNode Each : Value)
            Merges.push_back(Each);
        else
          Merges.push_back(Value);
        continue;
      }
      F(Key, Value, Merged);
    }
    for (auto It = Merges.rbegin(); It != Merges.rend(); ++It) {
      if (It->isMapping())
        Todo.push_back({*It, true});
      else
        error(*It, "expected a mapping to merge with '<<', found " +
                       std::string(It->describe()));
    }
  }
}

template <typename... Fns>
bool Walker::mapping(DocNode Map, std::string_view What, MappingOptions Options,
                     KeyHandler<Fns>... Handlers) {
  constexpr size_t N = sizeof...(Fns);
  if (Map.isNull())
    return true;
  if (!Map.isMapping()) {
    notMapping(Map, What);
    return false;
  }
  const std::array<std::string_view, N> Keys{Handlers.Name...};
  std::array<DocNode, N> Seen{};
  entries(Map, [&](DocNode Key, DocNode Value, bool Merged) {
    std::string_view K;
    if (!keyText(Key, K))
      return;
    if (Options.Extensions && K.substr(0, 2) == "x-")
      return;
    size_t I = 0;
    while (I < N && Keys[I] != K)
      ++I;
    if (I == N) {
      if (!Options.IgnoreUnknown)
        unknownKey(Key, What, Keys, Map);
      return;
    }
    if (Seen[I].valid()) {
      if (!Merged)
        duplicateKey(Key, K, What, Seen[I]);
      return; // a merged key loses to the mapping's own
    }
    Seen[I] = Key;
    size_t J = 0;
    auto Call = [&](auto &H) {
      if (J++ != I)
        return;
      if constexpr (std::is_invocable_v<decltype(H.Handle) &, DocNode, DocNode>)
        H.Handle(Key, Value);
      else
        H.Handle(Value);
    };
    (Call(Handlers), ...);
  });
  return true;
}

template <typename Fn>
bool Walker::names(DocNode Map, std::string_view What, Fn &&F) {
  if (Map.isNull())
    return true;
  if (!Map.isMapping()) {
    error(Map, "expected a mapping of " + std::string(What) + ", found " +
                   std::string(Map.describe()));
    return false;
  }
  // Most mappings of names are small (a service's components): a linear
  // scan finds duplicates there without allocating; large ones (the
  // services of a big topology) use a hash map.
  constexpr size_t Small = 16;
  llvm::SmallVector<std::pair<std::string_view, DocNode>, Small> Few;
  std::unordered_map<std::string_view, DocNode> Many;
  bool UseMap = Map.size() / 2 > Small;
  if (UseMap)
    Many.reserve(Map.size() / 2);
  entries(Map, [&](DocNode Key, DocNode Value, bool Merged) {
    std::string_view K;
    if (!keyText(Key, K))
      return;
    DocNode Prev;
    if (UseMap) {
      auto [It, New] = Many.emplace(K, Key);
      if (!New)
        Prev = It->second;
    } else {
      for (const auto &[Name, Node] : Few)
        if (Name == K)
          Prev = Node;
      if (!Prev.valid())
        Few.push_back({K, Key});
    }
    if (Prev.valid()) {
      if (!Merged)
        duplicateKey(Key, K, What, Prev);
      return;
    }
    F(Key, Value);
  });
  return true;
}

template <typename Fn>
bool Walker::sequence(DocNode N, std::string_view Key, Fn &&F) {
  if (N.isNull())
    return true;
  if (!N.isSequence()) {
    error(N, "expected a sequence for '" + std::string(Key) + "', found " +
                 std::string(N.describe()));
    return false;
  }
  for (DocNode Item : N) {
    if (full())
      return false;
    F(Item);
  }
  return true;
}

template <typename E>
bool Walker::choice(DocNode N, std::string_view Key, std::string_view What,
                    std::span<const Spelling<std::type_identity_t<E>>> Table,
                    E &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default
  if (N.isScalar())
    for (const auto &Entry : Table)
      if (Entry.Name == N.scalar()) {
        Out = Entry.Value;
        return true;
      }
  // An error: only now is the list of names worth making.
  std::vector<std::string_view> Names;
  for (const auto &Entry : Table)
    Names.push_back(Entry.Name);
  badChoice(N, Key, What, Names);
  return false;
}

} // namespace chokepoint

#endif
