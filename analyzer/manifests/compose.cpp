//===- analyzer/manifests/compose.cpp - docker-compose files --------------===//
//
// A compose file, found by its shape rather than its name: a top-level
// `services` mapping of services that hold compose keys, beside only the
// other top-level keys compose knows (docs/manifests.md, "docker-compose").
//
//   service            a service node, reached by its name
//   deploy.replicas    its owners (`scale`, the older spelling, too)
//   image              control plane by image, as for Kubernetes
//   depends_on, links  call edges (lookup to control plane), inferred
//   environment,       edges to the addresses they hold, as for Kubernetes
//   command, entrypoint
//   ports              a published port: a customer entry
//   restart, deploy.restart_policy   a restarting service reconnects to
//                      what it calls: a `restart` recovery edge to each,
//                      with Docker's doubling delay and no jitter
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/addresses.h"
#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/native.h"
#include "analyzer/manifests/objects.h"

namespace chokepoint {

namespace {

/// Keys a compose file may have at its top.
constexpr std::array<std::string_view, 8> TopLevel = {
    "version", "services", "networks", "volumes",
    "configs", "secrets",  "name",     "include"};

/// Keys only a compose service has: one of them makes a mapping a service.
constexpr std::array<std::string_view, 14> ServiceKeys = {
    "image",       "build",    "command",     "entrypoint",    "depends_on",
    "environment", "ports",    "deploy",      "restart",       "links",
    "volumes",     "env_file", "healthcheck", "container_name"};

class ComposeReader {
public:
  ComposeReader(Walker &W, Topology &T) : W(W), T(T) {}
  void document();

private:
  void service(DocNode Key, DocNode Value);
  void environment(DocNode V);
  void words(DocNode V, std::string_view Key);
  void addresses(DocNode Value, std::string_view Text, std::string Source,
                 bool Whole);
  void dependency(DocNode NameNode, std::string_view Name,
                  std::string_view Source);
  void ports(DocNode V, const ServiceFact &S);
  EdgeFact &edge(Name To, DocNode At, std::string_view Source,
                 std::string_view Text);

  Walker &W;
  Topology &T;
  std::string_view Project;
  /// The current service's depends_on and links edges: a restart
  /// reconnects to each.
  std::vector<size_t> Dependencies;
};

void ComposeReader::document() {
  DocNode Root = W.document().root();
  // Two compose files that disagree about a service are most likely two
  // ways to run one application: the merge says so, by their names.
  if (DocNode N = field(Root, "name"); N.isScalar() && !N.isNull())
    Project = T.intern(N.scalar());
  else
    Project = T.intern(W.path());
  MappingOptions Top = otherTool();
  Top.Extensions = true;
  W.mapping(Root, "a compose file", Top, key("services", [&](DocNode V) {
              W.names(V, "compose services",
                      [&](DocNode K, DocNode S) { service(K, S); });
            }));
}

EdgeFact &ComposeReader::edge(Name To, DocNode At, std::string_view Source,
                              std::string_view Text) {
  EdgeFact E;
  E.To = To;
  E.Loc = W.loc(At);
  E.Ref = EdgeFact::Reference::Address;
  E.KindFromTarget = true;
  E.Inferred = true;
  T.Details.push_back({T.intern(Source), T.intern(Text), {}});
  E.Detail = uint32_t(T.Details.size() - 1);
  T.Edges.push_back(E);
  return T.Edges.back();
}

void ComposeReader::dependency(DocNode NameNode, std::string_view Name,
                               std::string_view Source) {
  if (Name.empty()) {
    W.error(NameNode, "expected a service name in '" + std::string(Source) +
                          "', found an empty string");
    return;
  }
  edge(T.name(Name, W.locIn(NameNode, Name)), NameNode, Source, Name);
  Dependencies.push_back(T.Edges.size() - 1);
}

void ComposeReader::addresses(DocNode Value, std::string_view Text,
                              std::string Source, bool Whole) {
  llvm::SmallVector<Address, 4> Found;
  findAddresses(Text, Whole, Found);
  for (const Address &A : Found) {
    EdgeFact &E =
        edge(T.name(A.Host, W.locIn(Value, A.Host)), Value, Source, A.Token);
    if (A.How == Address::Form::Bare)
      E.Ref = EdgeFact::Reference::ExactName;
  }
}

void ComposeReader::environment(DocNode V) {
  if (V.isSequence()) {
    // ["KEY=value", "KEY"]
    W.sequence(V, "environment", [&](DocNode Item) {
      std::string_view S;
      if (!W.string(Item, "environment", S))
        return;
      size_t Eq = S.find('=');
      if (Eq == std::string_view::npos)
        return; // taken from the host's environment: unknown here
      addresses(Item, S.substr(Eq + 1),
                "environment " + std::string(S.substr(0, Eq)), true);
    });
    return;
  }
  W.names(V, "environment variables", [&](DocNode K, DocNode Value) {
    if (Value.isNull())
      return;
    if (!Value.isScalar()) {
      W.error(Value, "expected a string for environment variable " +
                         quote(K.scalar()) + ", found " +
                         std::string(Value.describe()));
      return;
    }
    addresses(Value, Value.scalar(), "environment " + std::string(K.scalar()),
              true);
  });
}

void ComposeReader::words(DocNode V, std::string_view Key) {
  if (V.isScalar() && !V.isNull()) {
    addresses(V, V.scalar(), std::string(Key), false);
    return;
  }
  W.sequence(V, Key, [&](DocNode Word) {
    if (!Word.isScalar()) {
      W.error(Word, "expected a string for an item of '" + std::string(Key) +
                        "', found " + std::string(Word.describe()));
      return;
    }
    addresses(Word, Word.scalar(), std::string(Key), false);
  });
}

void ComposeReader::ports(DocNode V, const ServiceFact &S) {
  DocNode First;
  W.sequence(V, "ports", [&](DocNode P) {
    if (First.valid())
      return;
    if (P.isScalar() && !P.isNull()) {
      First = P;
      return;
    }
    // The long syntax: published only when `published` is given.
    if (P.isMapping() && field(P, "published").valid())
      First = field(P, "published");
  });
  if (!First.valid())
    return;
  // An entry unless the service turns out to be control plane (the build
  // knows): a discovery server's published port is its operators'.
  RelationFact R;
  R.K = RelationFact::Kind::Exposes;
  R.Id = S.Id;
  R.Target = S.Id;
  R.Why = {T.intern("compose service " + quote(S.Id.Value) +
                    " publishes port " + quote(First.scalar())),
           W.loc(First)};
  T.Relations.push_back(std::move(R));
}

void ComposeReader::service(DocNode Key, DocNode Value) {
  ServiceFact S;
  if (!W.name(Key, "a compose service name", T, S.Id))
    return;
  if (std::string Why = checkName(S.Id.Value); !Why.empty()) {
    W.remark(Key, "skipped compose service " + quote(S.Id.Value) + ": " + Why);
    return;
  }
  S.Namespaced = true;
  S.Addressable = true;
  S.Kind = T.intern("compose service");
  S.Topology = Project;
  S.ComponentBegin = uint32_t(T.Components.size());
  S.EdgeBegin = uint32_t(T.Edges.size());
  Dependencies.clear();
  DocNode Ports, RestartNode;
  std::string_view Restart;
  bool RestartFromDeploy = false;
  W.mapping(Value, "compose service " + quote(S.Id.Value), otherTool(),
            key("image", [&](DocNode V) { W.string(V, "image", S.Image, T); }),
            key("scale",
                [&](DocNode V) {
                  if (!S.Replicas)
                    W.integer(V, "scale", 0, Max32, S.Replicas);
                }),
            key("deploy",
                [&](DocNode D) {
                  W.mapping(
                      D, "the deploy of " + quote(S.Id.Value), otherTool(),
                      key("replicas",
                          [&](DocNode V) {
                            W.integer(V, "replicas", 0, Max32, S.Replicas);
                          }),
                      key("restart_policy", [&](DocNode P) {
                        W.mapping(P, "a restart_policy", otherTool(),
                                  key("condition", [&](DocNode C) {
                                    std::string_view Cond;
                                    if (W.string(C, "condition", Cond) &&
                                        Cond != "none") {
                                      Restart = Cond;
                                      RestartNode = C;
                                      RestartFromDeploy = true;
                                    }
                                  }));
                      }));
                }),
            key("depends_on",
                [&](DocNode V) {
                  if (V.isMapping()) { // {db: {condition: service_healthy}}
                    W.names(V, "depends_on", [&](DocNode K, DocNode) {
                      dependency(K, K.scalar(), "depends_on");
                    });
                    return;
                  }
                  W.sequence(V, "depends_on", [&](DocNode Item) {
                    std::string_view N;
                    if (W.string(Item, "depends_on", N))
                      dependency(Item, N, "depends_on");
                  });
                }),
            key("links",
                [&](DocNode V) {
                  W.sequence(V, "links", [&](DocNode Item) {
                    std::string_view N; // "db" or "db:alias"
                    if (W.string(Item, "links", N))
                      dependency(Item, N.substr(0, N.find(':')), "links");
                  });
                }),
            key("environment", [&](DocNode V) { environment(V); }),
            key("command", [&](DocNode V) { words(V, "command"); }),
            key("entrypoint", [&](DocNode V) { words(V, "entrypoint"); }),
            key("ports", [&](DocNode V) { Ports = V; }),
            key("restart", [&](DocNode V) {
              std::string_view R;
              if (W.string(V, "restart", R) && R != "no" && Restart.empty()) {
                Restart = R;
                RestartNode = V;
              }
            }));
  ports(Ports, S);
  // A restarting service reconnects to everything it calls at once: a
  // restart edge to each, with Docker's delay that doubles (no jitter).
  // What it re-does with a control-plane service is lookups (it
  // re-registers, re-resolves): KindFromTarget makes that edge a lookup,
  // the one it has already.
  std::string Why =
      std::string(RestartFromDeploy ? "restart_policy: " : "restart: ") +
      std::string(Restart);
  for (size_t I = 0; I < Dependencies.size() && !Restart.empty(); ++I) {
    EdgeFact E = T.Edges[Dependencies[I]];
    E.Kind = EdgeKind::Restart;
    E.BackoffKind = Backoff::Exponential;
    E.Trigger = T.intern("container-exit");
    E.Loc = W.loc(RestartNode);
    E.To.Loc = E.Loc;
    T.Details.push_back({T.intern(Why), T.Details[E.Detail].Text, {}});
    E.Detail = uint32_t(T.Details.size() - 1);
    T.Edges.push_back(E);
  }
  S.EdgeCount = uint32_t(T.Edges.size()) - S.EdgeBegin;
  S.ComponentCount = 0;
  T.Services.push_back(std::move(S));
}

/// Claims a compose file by its shape: a `services` mapping whose entries
/// are compose services, beside compose's other top-level keys only.
class ComposeFrontEnd : public FrontEnd {
public:
  std::string_view name() const override { return "compose"; }
  std::string_view summary() const override {
    return "docker-compose files (a top-level 'services' of compose "
           "services), whatever their name";
  }
  bool claims(const Document &Doc, std::string_view) const override {
    DocNode Root = Doc.root();
    DocNode Services = field(Root, "services");
    if (!Services.valid() || !Services.isMapping())
      return false;
    for (auto It = Root.begin(); It != Root.end(); ++It) {
      DocNode K = *It;
      ++It;
      if (!K.isScalar())
        return false;
      std::string_view Key = K.scalar();
      if (!Key.starts_with("x-") &&
          std::find(TopLevel.begin(), TopLevel.end(), Key) == TopLevel.end())
        return false;
    }
    for (auto It = Services.begin(); It != Services.end(); ++It) {
      DocNode S = *++It;
      for (std::string_view K : ServiceKeys)
        if (field(S, K).valid())
          return true;
    }
    return false;
  }
  void decode(Walker &W, Topology &T) const override {
    ComposeReader(W, T).document();
  }
};
CHOKEPOINT_FRONT_END(ComposeFrontEnd);

} // namespace

} // namespace chokepoint
