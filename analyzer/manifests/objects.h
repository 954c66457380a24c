//===- analyzer/manifests/objects.h - Kubernetes-style objects --*- C++ -*-===//
//
// Kubernetes, Istio, Linkerd and the Gateway API all write objects the same
// way: `apiVersion`, `kind`, `metadata` (name, namespace, labels,
// annotations) and a `spec`. One front end (kubernetes.cpp) claims every
// such document, unwraps `List`s, reads the metadata once, and hands the
// object to the reader registered for its API group and kind. Each mesh
// keeps its readers in its own file (istio.cpp, linkerd.cpp) and registers
// them with CHOKEPOINT_OBJECT_KIND, as front ends and rules register
// themselves. A kind nobody registered is skipped, never an error: a
// cluster holds many kinds that carry no topology.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_MANIFESTS_OBJECTS_H
#define CHOKEPOINT_ANALYZER_MANIFESTS_OBJECTS_H

#include "analyzer/facts/facts.h"
#include "analyzer/manifests/walker.h"

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// Objects carry many keys of their tools chokepoint does not read: their
/// mappings are walked with unknown keys ignored.
inline MappingOptions otherTool() {
  MappingOptions O;
  O.IgnoreUnknown = true;
  return O;
}

/// The largest count an object may give (replicas, attempts).
inline constexpr uint64_t Max32 = UINT32_MAX;

/// An object's identity and metadata, as read.
struct ObjectMeta {
  DocNode Root;
  DocNode KindNode;
  std::string_view
      Group; ///< "" for the core group, "apps", "networking.istio.io"
  std::string_view Kind;      ///< interned
  Name Id;                    ///< metadata.name
  std::string_view Namespace; ///< metadata.namespace; "" when not given
  DocNode Labels, Annotations, Spec;
  std::string_view ControllerKind, ControllerName;

  /// "Deployment 'web'", for messages.
  std::string what() const;
};

/// The state of reading one document's objects, and the helpers every
/// object reader shares.
class ObjectReader {
public:
  ObjectReader(Walker &W, Topology &T) : W(W), T(T) {}

  Walker &W;
  Topology &T;

  /// Reads one object (a List's items each in turn).
  void object(DocNode Root);

  /// Records that an object was left out, with why (--verbose lists it).
  void skip(const ObjectMeta &M, std::string Why);

  /// A mapping of label keys to values (metadata.labels, a Service's
  /// selector, matchLabels).
  void labels(DocNode N, std::string_view What, Labels &Out);
  /// A LabelSelector: matchLabels and matchExpressions.
  void selector(DocNode N, std::string_view What, LabelSelector &Out);

  /// A duration as Istio and Linkerd write them ("1.5s", "300ms", "2m",
  /// "1h", "1m30s"), in milliseconds. Reports what does not parse.
  bool duration(DocNode N, std::string_view Key, uint64_t &Ms);
  /// The same, from text found inside another value (an annotation that
  /// holds YAML): Part is a view into N's scalar.
  bool durationIn(DocNode N, std::string_view Part, std::string_view Key,
                  uint64_t &Ms);

  // Annotation values are strings ("3", "true"): these read them as the
  // type the key needs, plain or quoted, and say what was expected.
  bool textInteger(DocNode N, std::string_view Key, uint64_t Min, uint64_t Max,
                   uint64_t &Out);
  bool textNumber(DocNode N, std::string_view Key, double &Out);
  bool textBoolean(DocNode N, std::string_view Key, bool &Out);
  bool text(DocNode N, std::string_view Key, std::string_view &Out);

  /// A located name for a reference found in N's text (a view into it).
  Name nameIn(DocNode N, std::string_view Part);
  /// A located name for a whole scalar.
  Name nameOf(DocNode N);

  /// Adds a relation of this object.
  RelationFact &relation(RelationFact::Kind K, const ObjectMeta &M);
  /// "VirtualService 'reviews'", interned, located at N: the why of a
  /// relation.
  Located<std::string_view> why(const ObjectMeta &M, DocNode N,
                                std::string_view Detail = "");

private:
  void read(DocNode Root, bool InList);
  bool meta(DocNode Root, ObjectMeta &M);
  bool parseDuration(std::string_view S, uint64_t &Ms);
};

/// A reader for one kind of object.
struct ObjectKind {
  std::string_view Group; ///< "" for the core group (apiVersion: v1)
  std::string_view Kind;
  void (*Read)(ObjectReader &R, const ObjectMeta &M);
};

/// The reader registered for a group and kind, or null.
const ObjectKind *findObjectKind(std::string_view Group, std::string_view Kind);

namespace detail {
struct ObjectKindRegistration {
  explicit ObjectKindRegistration(const ObjectKind *K);
};
} // namespace detail

#define CHOKEPOINT_OBJECT_KIND(Var)                                            \
  static ::chokepoint::detail::ObjectKindRegistration Var##Registration(&Var)

/// Linkerd's retry.linkerd.io/* and timeout.linkerd.io/* annotations of M
/// (a Service, or a mesh route), as a policy for the mesh's calls to
/// Target (linkerd.cpp).
void readLinkerdRetries(ObjectReader &R, const ObjectMeta &M,
                        const Name &Target);

/// Reads the gRPC service config a ConfigMap value holds, as text, into C;
/// false when it holds none (grpc.cpp).
bool readEmbeddedServiceConfig(ObjectReader &R, DocNode Value,
                               ServiceConfigFact &C);

/// The annotations chokepoint reads on a workload (SPEC §3), for messages
/// and "did you mean".
inline constexpr std::string_view AnnotationPrefix = "chokepoint.dev/";

} // namespace chokepoint

#endif
