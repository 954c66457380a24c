//===- analyzer/manifests/objects.cpp - Kubernetes-style objects ----------===//

#include "analyzer/manifests/objects.h"

#include "analyzer/manifests/native.h"

#include <charconv>
#include <cmath>

namespace chokepoint {

namespace {
std::vector<const ObjectKind *> &kindStorage() {
  static std::vector<const ObjectKind *> V;
  return V;
}
} // namespace

detail::ObjectKindRegistration::ObjectKindRegistration(const ObjectKind *K) {
  kindStorage().push_back(K);
}

const ObjectKind *findObjectKind(std::string_view Group,
                                 std::string_view Kind) {
  for (const ObjectKind *K : kindStorage())
    if (K->Group == Group && K->Kind == Kind)
      return K;
  return nullptr;
}

std::string ObjectMeta::what() const {
  return std::string(Kind) + " " + quote(Id.Value);
}

void ObjectReader::object(DocNode Root) { read(Root, false); }

void ObjectReader::read(DocNode Root, bool InList) {
  if (!Root.isMapping()) {
    W.error(Root, "expected a Kubernetes object (a mapping with 'apiVersion' "
                  "and 'kind') for an item of 'items', found " +
                      std::string(Root.describe()));
    return;
  }
  ObjectMeta M;
  if (!meta(Root, M))
    return;
  // `kubectl get -o yaml` wraps what it lists in a List (or DeploymentList).
  if (M.Kind.ends_with("List")) {
    if (DocNode Items = field(Root, "items"); Items.valid()) {
      W.sequence(Items, "items", [&](DocNode Item) { read(Item, true); });
      return;
    }
  }
  const ObjectKind *K = findObjectKind(M.Group, M.Kind);
  if (!K) {
    if (M.Kind == "Kustomization")
      W.remark(M.KindNode,
               "skipped a kustomization: chokepoint reads manifests, not what "
               "kustomize would build from them; run `kustomize build` and "
               "give its output (the files it lists are read when they are in "
               "the input)");
    else
      skip(M, "a kind that carries no topology");
    return;
  }
  if (M.Id.Value.empty()) {
    W.error(M.KindNode, "expected 'metadata.name' for a " +
                            std::string(M.Kind) +
                            ": chokepoint names its node after it");
    return;
  }
  K->Read(*this, M);
}

bool ObjectReader::meta(DocNode Root, ObjectMeta &M) {
  M.Root = Root;
  DocNode Api = field(Root, "apiVersion");
  M.KindNode = field(Root, "kind");
  std::string_view ApiVersion, Kind;
  if (!W.string(Api, "apiVersion", ApiVersion) ||
      !W.string(M.KindNode, "kind", Kind))
    return false;
  size_t Slash = ApiVersion.find('/');
  M.Group = Slash == std::string_view::npos
                ? std::string_view()
                : T.intern(ApiVersion.substr(0, Slash));
  M.Kind = T.intern(Kind);
  MappingOptions Other = otherTool();
  std::string What = "the metadata of a " + std::string(Kind);
  W.mapping(
      field(Root, "metadata"), What, Other,
      key("name",
          [&](DocNode V) {
            std::string_view S;
            if (W.string(V, "name", S))
              M.Id = T.name(S, W.loc(V));
          }),
      key("namespace",
          [&](DocNode V) {
            std::string_view S;
            if (W.string(V, "namespace", S))
              M.Namespace = T.intern(S);
          }),
      key("labels", [&](DocNode V) { M.Labels = V; }),
      key("annotations", [&](DocNode V) { M.Annotations = V; }),
      key("ownerReferences", [&](DocNode V) {
        W.sequence(V, "ownerReferences", [&](DocNode Ref) {
          std::string_view RefKind, RefName;
          bool Controller = false;
          W.mapping(
              Ref, "an owner reference", Other,
              key("kind", [&](DocNode K) { W.string(K, "kind", RefKind); }),
              key("name", [&](DocNode K) { W.string(K, "name", RefName); }),
              key("controller",
                  [&](DocNode K) { W.boolean(K, "controller", Controller); }));
          if (Controller && !RefKind.empty() && !RefName.empty()) {
            M.ControllerKind = T.intern(RefKind);
            M.ControllerName = T.intern(RefName);
          }
        });
      }));
  if (!M.Id.Loc.valid())
    M.Id.Loc = W.loc(Root);
  M.Spec = field(Root, "spec");
  return true;
}

void ObjectReader::skip(const ObjectMeta &M, std::string Why) {
  T.Skipped.push_back({W.loc(M.KindNode), M.what(), std::move(Why)});
}

void ObjectReader::labels(DocNode N, std::string_view What, Labels &Out) {
  W.names(N, What, [&](DocNode K, DocNode V) {
    std::string_view Value;
    if (V.isNull()) {
      Out.push_back({T.intern(K.scalar()), ""});
      return;
    }
    if (!V.isScalar()) {
      W.error(V, "expected a string for label " + quote(K.scalar()) +
                     ", found " + std::string(V.describe()));
      return;
    }
    Value = V.scalar();
    Out.push_back({T.intern(K.scalar()), T.intern(Value)});
  });
}

void ObjectReader::selector(DocNode N, std::string_view What,
                            LabelSelector &Out) {
  constexpr std::array<Spelling<LabelSelector::Op>, 4> Ops = {{
      {"In", LabelSelector::Op::In},
      {"NotIn", LabelSelector::Op::NotIn},
      {"Exists", LabelSelector::Op::Exists},
      {"DoesNotExist", LabelSelector::Op::DoesNotExist},
  }};
  W.mapping(N, What,
            key("matchLabels",
                [&](DocNode V) { labels(V, "match labels", Out.MatchLabels); }),
            key("matchExpressions", [&](DocNode V) {
              W.sequence(V, "matchExpressions", [&](DocNode Item) {
                LabelSelector::Expression E;
                bool HaveKey = false, HaveOp = false;
                W.mapping(Item, "a match expression",
                          key("key",
                              [&](DocNode K) {
                                std::string_view S;
                                if ((HaveKey = W.string(K, "key", S)))
                                  E.Key = T.intern(S);
                              }),
                          key("operator",
                              [&](DocNode K) {
                                HaveOp = W.choice(K, "operator", "an operator",
                                                  Ops, E.Operator);
                              }),
                          key("values", [&](DocNode K) {
                            W.sequence(K, "values", [&](DocNode Each) {
                              std::string_view S;
                              if (W.string(Each, "values", S))
                                E.Values.push_back(T.intern(S));
                            });
                          }));
                if (!W.full() && (!HaveKey || !HaveOp)) {
                  W.error(Item,
                          "a match expression needs 'key' and 'operator'");
                  return;
                }
                Out.MatchExpressions.push_back(std::move(E));
              });
            }));
}

bool ObjectReader::parseDuration(std::string_view S, uint64_t &Ms) {
  // Go's time.ParseDuration, as Istio and Linkerd read them: a sequence of
  // decimal numbers, each with a unit.
  if (S.empty())
    return false;
  if (S == "0") {
    Ms = 0;
    return true;
  }
  double Total = 0;
  while (!S.empty()) {
    size_t Digits = S.find_first_not_of("0123456789.");
    if (Digits == 0 || Digits == std::string_view::npos)
      return false;
    double V;
    auto [P, Ec] = std::from_chars(S.data(), S.data() + Digits, V);
    if (Ec != std::errc() || P != S.data() + Digits)
      return false;
    S.remove_prefix(Digits);
    size_t Unit = S.find_first_of("0123456789.");
    std::string_view U = S.substr(0, Unit);
    double Scale = U == "ns"                ? 1e-6
                   : U == "us" || U == "µs" ? 1e-3
                   : U == "ms"              ? 1
                   : U == "s"               ? 1e3
                   : U == "m"               ? 60e3
                   : U == "h"               ? 3600e3
                                            : -1;
    if (Scale < 0)
      return false;
    Total += V * Scale;
    S.remove_prefix(U.size());
  }
  if (!std::isfinite(Total) || Total > 1e15)
    return false;
  Ms = uint64_t(std::llround(Total));
  return true;
}

bool ObjectReader::duration(DocNode N, std::string_view Key, uint64_t &Ms) {
  if (N.isNull())
    return false;
  if (N.isScalar() && parseDuration(N.scalar(), Ms))
    return true;
  W.error(N, "expected a duration for '" + std::string(Key) +
                 "' (such as 1.5s, 300ms or 2m), found " + found(N));
  return false;
}

bool ObjectReader::durationIn(DocNode N, std::string_view Part,
                              std::string_view Key, uint64_t &Ms) {
  if (parseDuration(Part, Ms))
    return true;
  W.error(W.locIn(N, Part), "expected a duration for '" + std::string(Key) +
                                "' (such as 1.5s, 300ms or 2m), "
                                "found " +
                                quote(Part));
  return false;
}

bool ObjectReader::text(DocNode N, std::string_view Key,
                        std::string_view &Out) {
  if (!N.isScalar()) {
    W.error(N, "expected a string for '" + std::string(Key) + "', found " +
                   std::string(N.describe()));
    return false;
  }
  Out = N.scalar();
  return true;
}

bool ObjectReader::textInteger(DocNode N, std::string_view Key, uint64_t Min,
                               uint64_t Max, uint64_t &Out) {
  std::string_view S;
  if (!text(N, Key, S))
    return false;
  uint64_t V = 0;
  auto [P, Ec] = std::from_chars(S.data(), S.data() + S.size(), V);
  std::string K = "'" + std::string(Key) + "'";
  if (S.empty() || P != S.data() + S.size() ||
      (Ec != std::errc() && Ec != std::errc::result_out_of_range)) {
    W.error(N, "expected an integer for " + K + ", found " + quote(S));
    return false;
  }
  if (Ec == std::errc::result_out_of_range || V > Max) {
    W.error(N, K + " is too large: " + std::string(S) + " is above " +
                   std::to_string(Max));
    return false;
  }
  if (V < Min) {
    W.error(N, K + " must be at least " + std::to_string(Min) + ", found " +
                   std::string(S));
    return false;
  }
  Out = V;
  return true;
}

bool ObjectReader::textNumber(DocNode N, std::string_view Key, double &Out) {
  std::string_view S;
  if (!text(N, Key, S))
    return false;
  double V;
  auto [P, Ec] = std::from_chars(S.data(), S.data() + S.size(), V);
  if (S.empty() || P != S.data() + S.size() || Ec != std::errc() ||
      !std::isfinite(V) || S[0] == '-') {
    W.error(N, "expected a number of seconds for '" + std::string(Key) +
                   "', found " + quote(S));
    return false;
  }
  Out = V;
  return true;
}

bool ObjectReader::textBoolean(DocNode N, std::string_view Key, bool &Out) {
  std::string_view S;
  if (!text(N, Key, S))
    return false;
  if (S == "true" || S == "false") {
    Out = S == "true";
    return true;
  }
  W.error(N, "expected \"true\" or \"false\" for '" + std::string(Key) +
                 "', found " + quote(S));
  return false;
}

Name ObjectReader::nameIn(DocNode N, std::string_view Part) {
  return T.name(Part, W.locIn(N, Part));
}

Name ObjectReader::nameOf(DocNode N) { return T.name(N.scalar(), W.loc(N)); }

RelationFact &ObjectReader::relation(RelationFact::Kind K,
                                     const ObjectMeta &M) {
  RelationFact R;
  R.K = K;
  R.Namespace = M.Namespace;
  R.Id = M.Id;
  T.Relations.push_back(std::move(R));
  return T.Relations.back();
}

Located<std::string_view> ObjectReader::why(const ObjectMeta &M, DocNode N,
                                            std::string_view Detail) {
  std::string S = M.what();
  if (!Detail.empty())
    S += " " + std::string(Detail);
  return {T.intern(S), W.loc(N)};
}

} // namespace chokepoint
