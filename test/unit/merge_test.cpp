//===- test/unit/merge_test.cpp - Facts of several sources, one graph -----===//
//
// The merge on hand-made facts, as front ends of different kinds would
// record them: descriptions of one service combine, precedence holds
// (an autoscaler's floor over replicas, a declared edge over an inferred
// one), a field given two different values is an error at both places, and
// relational facts (selectors, targets) find what they name in any file.
//
//===----------------------------------------------------------------------===//

#include "analyzer/facts/build.h"

#include <gtest/gtest.h>

using namespace chokepoint;

namespace {

/// Facts of one file, written the way a front end records them.
class FileFacts {
public:
  explicit FileFacts(uint32_t File)
      : T(std::make_unique<Topology>()), File(File) {
    T->File = File;
  }

  /// Adds a service; the returned reference stays valid until the next one.
  ServiceFact &service(std::string_view Name, uint32_t Line = 1) {
    ServiceFact S;
    S.Id = name(Name, Line);
    S.ComponentBegin = uint32_t(T->Components.size());
    S.EdgeBegin = uint32_t(T->Edges.size());
    T->Services.push_back(S);
    return T->Services.back();
  }
  /// Adds a component to the last service.
  ComponentFact &component(std::string_view Name, uint32_t Line = 1) {
    ComponentFact C;
    C.Id = name(Name, Line);
    T->Components.push_back(C);
    ++T->Services.back().ComponentCount;
    return T->Components.back();
  }
  /// Adds an edge from the last service.
  EdgeFact &edge(std::string_view To, EdgeKind Kind = EdgeKind::Call,
                 uint32_t Line = 1) {
    EdgeFact E;
    E.To = name(To, Line);
    E.Kind = Kind;
    E.Loc = at(Line);
    T->Edges.push_back(E);
    ++T->Services.back().EdgeCount;
    return T->Edges.back();
  }
  /// Labels the last service as a workload of this kind.
  void labels(std::string_view Kind, Labels L) {
    T->Labelled.push_back(
        {uint32_t(T->Services.size() - 1), T->intern(Kind), std::move(L)});
  }
  RelationFact &relation(RelationFact::Kind K, std::string_view Name,
                         uint32_t Line = 1) {
    RelationFact R;
    R.K = K;
    R.Id = name(Name, Line);
    T->Relations.push_back(R);
    return T->Relations.back();
  }

  /// An inline suppression of Rule on the last service, on its last
  /// component or on its last edge.
  void allow(AllowFact::On Target, std::string_view Rule, uint32_t Line) {
    AllowFact A;
    A.Target = Target;
    A.Service = uint32_t(T->Services.size() - 1);
    A.Index = Target == AllowFact::On::Component
                  ? uint32_t(T->Components.size() - 1)
                  : uint32_t(T->Edges.size() - 1);
    A.Rule = T->intern(Rule);
    A.Reason = T->intern("because");
    A.Loc = at(Line);
    T->Allows.push_back(A);
  }

  SourceLoc at(uint32_t Line) const { return {File, Line, 1}; }
  Name name(std::string_view Text, uint32_t Line) {
    return T->name(Text, at(Line));
  }
  std::string_view intern(std::string_view S) { return T->intern(S); }

  std::unique_ptr<Topology> T; ///< moved into the merge by Merged
  uint32_t File;
};

struct Merged {
  Model M;
  DiagnosticList Diags;
  bool Ok = false;

  explicit Merged(std::vector<FileFacts *> Files) {
    FactSet Facts;
    for (FileFacts *F : Files)
      Facts.push_back(std::move(F->T));
    resolveRelations(Facts, Diags);
    Ok = !Diags.hasErrors() && buildModel(std::move(Facts), M, Diags);
  }

  const NodeProps &node(std::string_view Id) const {
    NodeId V = M.G.find(Id);
    EXPECT_NE(V, NoNode) << Id;
    return M.G.node(V);
  }
  /// "from -kind-> to" for every edge, in order.
  std::vector<std::string> edges() const {
    std::vector<std::string> Out;
    for (EdgeId E : M.G.edgesInOrder())
      Out.push_back(M.G.node(M.G.source(E)).id + " -" +
                    std::string(name(M.G.kind(E))) + "-> " +
                    M.G.node(M.G.target(E)).id);
    return Out;
  }
  /// Every error and note as "file:line: message".
  std::string diagnostics() const {
    std::string Out;
    for (const Diagnostic &D : Diags.all()) {
      Out += std::to_string(D.Loc.file) + ":" + std::to_string(D.Loc.line) +
             ": " + D.Message + "\n";
      for (const Diagnostic &N : D.Notes)
        Out += std::to_string(N.Loc.file) + ":" + std::to_string(N.Loc.line) +
               ": note: " + N.Message + "\n";
    }
    return Out;
  }
};

TEST(Merge, DescriptionsOfOneServiceCombine) {
  FileFacts Manifest(1), Overlay(2);
  Manifest.service("voice", 3).Replicas.set(30, Manifest.at(4));
  Manifest.edge("etcd", EdgeKind::Lookup, 5);
  Manifest.service("etcd", 8).PlaneValue.set(Plane::Control, Manifest.at(9));
  ServiceFact &V = Overlay.service("voice", 2);
  V.Replicas.set(30, Overlay.at(3)); // the same value: no conflict
  V.Stateful.set(true, Overlay.at(4));
  Overlay.component("pool", 6).Kind.set(ComponentKind::Supervisor,
                                        Overlay.at(6));
  Overlay.edge("etcd", EdgeKind::Call, 7);
  Merged R({&Manifest, &Overlay});
  ASSERT_TRUE(R.Ok) << R.diagnostics();
  EXPECT_EQ(R.node("voice").owners, 30u);
  EXPECT_TRUE(R.node("voice").workload.stateful);
  EXPECT_EQ(R.node("voice").loc, Manifest.at(3)); // the first description
  EXPECT_EQ(R.node("voice.pool").kind, ComponentKind::Supervisor);
  EXPECT_EQ(R.edges(), (std::vector<std::string>{"voice -lookup-> etcd",
                                                 "voice -call-> etcd"}));
}

TEST(Merge, InlineSuppressionsOfEverySourceReachTheMergedNodes) {
  // A manifest's allow on its workload and a native overlay's allows on
  // the same service, a component and an edge: all four survive the merge,
  // each on what it was written on.
  FileFacts Manifest(1), Overlay(2);
  Manifest.service("voice", 3).Replicas.set(30, Manifest.at(4));
  Manifest.allow(AllowFact::On::Service, "unguarded-scale-down", 5);
  Manifest.service("etcd", 8).PlaneValue.set(Plane::Control, Manifest.at(9));
  Overlay.service("voice", 2);
  Overlay.allow(AllowFact::On::Service, "drain-timeout", 3);
  Overlay.component("pool", 6);
  Overlay.allow(AllowFact::On::Component, "shared-single-owner", 7);
  EdgeFact &E = Overlay.edge("etcd", EdgeKind::Lookup, 9);
  E.ViaBegin = uint32_t(Overlay.T->Via.size());
  Overlay.T->Via.push_back(Overlay.name("pool", 10));
  E.ViaCount = 1;
  Overlay.allow(AllowFact::On::Edge, "single-owner-control-plane", 11);
  Merged R({&Manifest, &Overlay});
  ASSERT_TRUE(R.Ok) << R.diagnostics();
  ASSERT_EQ(R.M.Allows.size(), 4u);
  auto NodeOf = [&](const Allow &A) { return R.M.G.node(A.Node).id; };
  EXPECT_EQ(R.M.Allows[0].Rule, "unguarded-scale-down");
  EXPECT_EQ(NodeOf(R.M.Allows[0]), "voice");
  EXPECT_EQ(R.M.Allows[0].Loc, Manifest.at(5));
  EXPECT_EQ(NodeOf(R.M.Allows[1]), "voice");
  EXPECT_EQ(R.M.Allows[1].Reason, "because");
  EXPECT_EQ(NodeOf(R.M.Allows[2]), "voice.pool");
  EXPECT_EQ(R.M.Allows[2].Subject, "'voice.pool'");
  // The edge's: no node, the places of its hops (the via item, then 'to').
  EXPECT_EQ(R.M.Allows[3].Node, NoNode);
  EXPECT_EQ(R.M.Allows[3].Hops,
            (std::vector<SourceLoc>{Overlay.at(10), Overlay.at(9)}));
  EXPECT_EQ(R.M.Allows[3].Subject, "the edge 'voice' -> 'etcd'");
}

TEST(Merge, AValueGivenTwiceDifferentlyIsAnErrorAtBothPlaces) {
  FileFacts A(1), B(2);
  ServiceFact &S = A.service("db", 1);
  S.Topology = A.intern("shop");
  S.Replicas.set(3, A.at(2));
  A.component("pool", 3).Owners.set(1, A.at(3));
  ServiceFact &T = B.service("db", 1);
  T.Topology = B.intern("shop-fixed");
  T.Replicas.set(5, B.at(2));
  T.Zone.set(B.intern("eu"), B.at(4));
  B.component("pool", 3).Owners.set(16, B.at(3));
  Merged R({&A, &B});
  EXPECT_FALSE(R.Ok);
  EXPECT_EQ(R.diagnostics(),
            "2:2: service 'db' is given 'replicas' 5 here but 3 before; "
            "topologies 'shop' and 'shop-fixed' look separate: check them one "
            "at a time\n"
            "1:2: note: 'replicas' 3 given here\n"
            "2:3: component 'db.pool' is given 'owners' 16 here but 1 before; "
            "topologies 'shop' and 'shop-fixed' look separate: check them one "
            "at a time\n"
            "1:3: note: 'owners' 1 given here\n");
}

TEST(Merge, AnAutoscalerFloorWinsOverReplicas) {
  FileFacts Deploy(1), Hpa(2);
  ServiceFact &S = Deploy.service("api", 1);
  S.Namespace = Deploy.intern("shop");
  S.Replicas.set(1, Deploy.at(2));
  Deploy.labels("Deployment", {});
  RelationFact &R = Hpa.relation(RelationFact::Kind::Scales, "api-hpa", 1);
  R.Namespace = Hpa.intern("shop");
  R.TargetKind = Hpa.intern("Deployment");
  R.Target = Hpa.name("api", 3);
  R.MinReplicas.set(4, Hpa.at(4));
  Merged M({&Deploy, &Hpa});
  ASSERT_TRUE(M.Ok) << M.diagnostics();
  EXPECT_EQ(M.node("api").owners, 4u);
}

TEST(Merge, AnAutoscalerTargetNotInItsNamespaceIsARemark) {
  FileFacts Deploy(1), Hpa(2);
  Deploy.service("api", 1).Namespace = Deploy.intern("other");
  Deploy.labels("Deployment", {});
  RelationFact &R = Hpa.relation(RelationFact::Kind::Scales, "api-hpa", 1);
  R.Namespace = Hpa.intern("shop");
  R.TargetKind = Hpa.intern("Deployment");
  R.Target = Hpa.name("api", 3);
  R.MinReplicas.set(4, Hpa.at(4));
  Merged M({&Deploy, &Hpa});
  // Manifests name what other teams run: not an error, but never silent.
  EXPECT_TRUE(M.Ok);
  EXPECT_EQ(M.diagnostics(),
            "2:3: 'api-hpa' scales Deployment 'api', which is not in the "
            "input\n");
  EXPECT_EQ(M.node("api").owners, 1u);
}

TEST(Merge, ADisruptionBudgetGuardsWhatItSelects) {
  FileFacts F(1);
  F.service("sessions", 1).Stateful.set(true, F.at(1));
  F.labels("StatefulSet", {{"app", "sessions"}, {"tier", "voice"}});
  F.service("other", 2);
  F.labels("StatefulSet", {{"app", "other"}, {"tier", "voice"}});
  RelationFact &R = F.relation(RelationFact::Kind::Guards, "pdb", 3);
  R.Selector.MatchLabels = {{"tier", "voice"}};
  R.Selector.MatchExpressions = {{"app", LabelSelector::Op::NotIn, {"other"}}};
  Merged M({&F});
  ASSERT_TRUE(M.Ok) << M.diagnostics();
  EXPECT_TRUE(M.node("sessions").workload.drainGuard);
  EXPECT_FALSE(M.node("other").workload.drainGuard);
}

TEST(Merge, ANameThatSelectsWorkloadsStandsForEachOfThem) {
  FileFacts F(1);
  F.service("web", 1).Entry.set(true, F.at(1));
  F.edge("catalog", EdgeKind::Call, 2);
  F.service("catalog-v1", 3);
  F.labels("Deployment", {{"app", "catalog"}, {"version", "v1"}});
  F.service("catalog-v2", 4);
  F.labels("Deployment", {{"app", "catalog"}, {"version", "v2"}});
  F.service("cart", 5);
  F.labels("Deployment", {{"app", "cart"}});
  F.relation(RelationFact::Kind::Selects, "catalog", 6).Selector.MatchLabels = {
      {"app", "catalog"}};
  Merged M({&F});
  ASSERT_TRUE(M.Ok) << M.diagnostics();
  EXPECT_EQ(M.edges(), (std::vector<std::string>{"web -call-> catalog-v1",
                                                 "web -call-> catalog-v2"}));
}

TEST(Merge, ANameThatSelectsNothingIsAnError) {
  FileFacts F(1);
  F.service("web", 1);
  F.edge("catalog", EdgeKind::Call, 2);
  F.relation(RelationFact::Kind::Selects, "catalog", 6).Selector.MatchLabels = {
      {"app", "catalog"}};
  Merged M({&F});
  EXPECT_FALSE(M.Ok);
  EXPECT_EQ(M.diagnostics(),
            "1:2: 'catalog' in 'to' selects no workload in the inputs\n");
}

TEST(Merge, ADeclaredEdgeOverrulesAnInferredOne) {
  FileFacts Manifest(1), Overlay(2);
  Manifest.service("api", 1);
  Manifest.edge("db", EdgeKind::Call, 2).Inferred = true;     // overruled
  Manifest.edge("etcd", EdgeKind::Lookup, 3).Inferred = true; // stands
  Manifest.service("db", 4);
  Manifest.service("etcd", 5);
  Overlay.service("api", 1);
  Overlay.component("pool", 2);
  EdgeFact &E = Overlay.edge("db", EdgeKind::Call, 3);
  E.Attempts = 3;
  Overlay.T->Via.push_back(Overlay.name("pool", 3));
  E.ViaBegin = 0;
  E.ViaCount = 1;
  Merged M({&Manifest, &Overlay});
  ASSERT_TRUE(M.Ok) << M.diagnostics();
  EXPECT_EQ(M.edges(), (std::vector<std::string>{"api -call-> api.pool",
                                                 "api.pool -call-> db",
                                                 "api -lookup-> etcd"}));
}

TEST(Merge, SelectorsHoldOnlyWhenEveryRequirementDoes) {
  Labels L = {{"app", "a"}, {"tier", "web"}};
  LabelSelector S;
  EXPECT_FALSE(selects(S, L)); // empty: selects nothing
  S.MatchLabels = {{"app", "a"}};
  EXPECT_TRUE(selects(S, L));
  S.MatchLabels.push_back({"tier", "db"});
  EXPECT_FALSE(selects(S, L));
  S.MatchLabels = {};
  S.MatchExpressions = {{"tier", LabelSelector::Op::In, {"web", "api"}}};
  EXPECT_TRUE(selects(S, L));
  S.MatchExpressions.push_back({"canary", LabelSelector::Op::DoesNotExist, {}});
  EXPECT_TRUE(selects(S, L));
  S.MatchExpressions.push_back({"app", LabelSelector::Op::Exists, {}});
  EXPECT_TRUE(selects(S, L));
  S.MatchExpressions.push_back({"app", LabelSelector::Op::NotIn, {"a"}});
  EXPECT_FALSE(selects(S, L));
}

} // namespace
