//===- analyzer/manifests/frontend.h - Front ends and readers ---*- C++ -*-===//
//
// What turns input files into facts, in two registries:
//
// - A *reader* turns a file into documents (YAML, JSON), chosen by the
//   file's extension. Folders are searched for files some reader takes.
// - A *front end* claims the documents it understands — the native format
//   by its `chokepoint:` key, a Kubernetes manifest by `apiVersion` and
//   `kind`, a compose file by its shape — and decodes them into facts
//   (facts.h). It walks them with a Walker, so every front end reports bad
//   input the same way.
//
// Both register themselves from their own file (CHOKEPOINT_READER,
// CHOKEPOINT_FRONT_END): adding one edits no list.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_MANIFESTS_FRONTEND_H
#define CHOKEPOINT_ANALYZER_MANIFESTS_FRONTEND_H

#include "analyzer/facts/facts.h"
#include "analyzer/manifests/document.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/manifests/walker.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/support/sources.h"

#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace chokepoint {

struct ReaderInfo {
  std::string_view Name;                        ///< "yaml"
  std::span<const std::string_view> Extensions; ///< with the dot: ".yaml"
  /// Reads every document of File, in order, on up to Threads threads.
  /// Returns false after reporting an error to Diags; documents delivered
  /// before it have been seen.
  bool (*Read)(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
               const DocumentSink &Sink, unsigned Threads);
};

/// Every registered reader, sorted by name.
const std::vector<const ReaderInfo *> &allReaders();
/// The reader for a path, by its extension; null when none takes it.
const ReaderInfo *readerFor(std::string_view Path);
/// The reader of standard input, whose name says nothing: YAML, which
/// reads ordinary JSON too.
const ReaderInfo &standardInputReader();

/// How a front end may spread the decoding of one document over threads
/// (FrontEnd::decodeOnThreads).
struct Spread {
  unsigned Threads = 1;
  /// The fewest entries a mapping needs to be decoded apart: below, starting
  /// threads costs more than it saves. Tests and fuzzing set it low.
  size_t MinEntries = DefaultMinEntriesApart;
  /// Out: the Topologies decoded apart, in order.
  FactSet Apart;
};

class FrontEnd {
public:
  virtual ~FrontEnd() = default;
  /// A short name ("native") and what it reads, for --verbose and docs.
  virtual std::string_view name() const = 0;
  virtual std::string_view summary() const = 0;
  /// Whether this front end reads Doc, found in the file at Path. Claims
  /// look at a document's shape only, cheaply; the front ends' shapes are
  /// disjoint.
  virtual bool claims(const Document &Doc, std::string_view Path) const = 0;
  /// Records Doc's facts into T, reporting bad input through W.
  virtual void decode(Walker &W, Topology &T) const = 0;
  /// The same on up to S.Threads threads: a front end that can decode part
  /// of a large document apart puts those facts into Topologies of their
  /// own, appended to S.Apart in order; the caller puts them after T and
  /// whatever the file holds after this document after them. The facts
  /// are the ones decode() records, only in several Topologies (which the
  /// build merges as it merges files). By default: decode().
  virtual void decodeOnThreads(Walker &W, Topology &T, Spread &S) const {
    (void)S;
    decode(W, T);
  }
};

/// Every registered front end, sorted by name.
const std::vector<const FrontEnd *> &allFrontEnds();
/// The front end that reads Doc, or null when none does (the first that
/// claims it, by name).
const FrontEnd *claimant(const Document &Doc, std::string_view Path);

namespace detail {
struct ReaderRegistration {
  explicit ReaderRegistration(const ReaderInfo *R);
};
void registerFrontEnd(std::unique_ptr<FrontEnd> F);
template <typename F> struct FrontEndRegistration {
  FrontEndRegistration() { registerFrontEnd(std::make_unique<F>()); }
};
} // namespace detail

#define CHOKEPOINT_READER(Var)                                                 \
  static ::chokepoint::detail::ReaderRegistration Var##Registration(&Var)
#define CHOKEPOINT_FRONT_END(Class)                                            \
  static ::chokepoint::detail::FrontEndRegistration<Class> Class##Registration

/// The top-level mapping's value for Key, or an invalid node (a cheap test
/// for claims()).
DocNode topLevel(const Document &Doc, std::string_view Key);

} // namespace chokepoint

#endif
