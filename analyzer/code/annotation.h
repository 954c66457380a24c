//===- analyzer/code/annotation.h - Reading CHOKEPOINT_* arguments -*- C++
//-*-===//
//
// The annotations of include/chokepoint/annotations.h reach the AST as
// `annotate` attributes: a string ("chokepoint:owner") and argument
// expressions. The recorder (recorder.cpp) turns each into a RawAnnotation
// -- the literal values and where each was written -- and this file, which
// knows nothing of clang, checks it against what the macro takes. Bad
// input is an error at the annotation (or the argument) with what was
// expected. The fuzz target test/fuzz/annotation_fuzz.cpp drives it.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_CODE_ANNOTATION_H
#define CHOKEPOINT_ANALYZER_CODE_ANNOTATION_H

#include "analyzer/support/diagnostics.h"
#include "graphs/kinds.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// One argument of an annotation as written.
struct AnnotationArg {
  enum class Type : uint8_t {
    String,  ///< a string literal: Text
    Integer, ///< an integer literal, maybe negated: Int
    Other,   ///< anything else: Text is how it was written
  };
  Type T = Type::Other;
  std::string Text;
  int64_t Int = 0;
  SourceLoc Loc;
};

/// What an annotation is attached to.
enum class AnnotatedDecl : uint8_t {
  Namespace,
  Class,
  Function,
  Variable,
  Other
};

struct RawAnnotation {
  std::string Kind; ///< the attribute's string, "chokepoint:owner"
  std::vector<AnnotationArg> Args;
  SourceLoc Loc; ///< the macro, where the user wrote it
  AnnotatedDecl On = AnnotatedDecl::Other;
};

/// An annotation that passed its checks.
struct Annotation {
  enum class Kind : uint8_t {
    Service,
    Owner,
    Entry,
    Calls,
    Lookup,
    Retry,
    Recovery,
    Allow
  };
  Kind K = Kind::Service;
  SourceLoc Loc;
  /// The string arguments: SERVICE, LOOKUP its service; OWNER its
  /// component; CALLS its services; RECOVERY its trigger; ALLOW its rule
  /// and reason.
  std::vector<std::string> Names;
  std::vector<SourceLoc> NameLocs;
  uint64_t Count = 0;                  ///< OWNER owners, RETRY attempts
  Backoff BackoffKind = Backoff::None; ///< RETRY
  EdgeKind Recovery = EdgeKind::Retry; ///< RECOVERY
};

/// True when Kind starts with "chokepoint:": an annotation of ours (the
/// rest of the attribute's arguments are then ours to check).
bool isChokepointAnnotation(std::string_view Kind);

/// Checks A against what its macro takes; reports what is wrong to Diags
/// and returns false, or fills Out. Knows nothing of clang.
bool interpretAnnotation(const RawAnnotation &A, Annotation &Out,
                         DiagnosticList &Diags);

/// The macro that writes K, "CHOKEPOINT_OWNER".
std::string_view macroName(Annotation::Kind K);

} // namespace chokepoint

#endif
