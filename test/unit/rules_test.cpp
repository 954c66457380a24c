//===- test/unit/rules_test.cpp - The six rules on hand-made graphs -------===//
//
// Each rule run through the registry as the driver runs it, on graphs small
// enough to work out from docs/rules/ by hand: which nodes fire,
// at what severity, with which counts and witness paths, and the near
// misses that must not fire.
//
//===----------------------------------------------------------------------===//

#include "unit/test_graph.h"

#include "rules/rule.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace chokepoint;
using unit::DeclOptions;
using unit::TestGraph;

namespace {

std::vector<Finding> run(const Graph &G, const RuleOptions &O = {}) {
  Analysis A(G);
  std::vector<Finding> Out;
  for (const Rule *R : allRules()) {
    RuleContext Ctx(A, R->info(), O, Out);
    R->check(Ctx);
  }
  return Out;
}

std::vector<Finding> of(const std::vector<Finding> &All,
                        const std::string &Rule) {
  std::vector<Finding> Out;
  for (const Finding &F : All)
    if (F.Rule == Rule)
      Out.push_back(F);
  return Out;
}

/// "node:severity" for each finding of Rule, sorted.
std::vector<std::string> fired(const std::vector<Finding> &All,
                               const std::string &Rule) {
  std::vector<std::string> Out;
  for (const Finding &F : of(All, Rule))
    Out.push_back(F.Node + ":" + std::string(name(F.Sev)));
  std::sort(Out.begin(), Out.end());
  return Out;
}

uint64_t count(const Finding &F, const std::string &Name) {
  for (const Count &C : F.Counts)
    if (C.Name == Name)
      return C.Value;
  ADD_FAILURE() << "no count " << Name << " in " << F;
  return 0;
}

std::string show(const WitnessPath &P) {
  std::string S = std::string(P.Kind) + ": " + std::string(P.Start);
  for (const Hop &H : P.Hops)
    S += " -" + std::string(H.Kind) + "-> " + std::string(H.To);
  return S;
}

std::vector<std::string> paths(const Finding &F) {
  std::vector<std::string> Out;
  for (const WitnessPath &P : F.Paths)
    Out.push_back(show(P));
  return Out;
}

using Strings = std::vector<std::string>;

//===----------------------------------------------------------------------===//
// shared-single-owner
//===----------------------------------------------------------------------===//

/// The outage in miniature: a single-owner pool carries the calls to the
/// SFUs, the etcd lookups and (optionally) the re-creation storm.
struct Outage {
  TestGraph T;
  NodeId Clients, Gateway, Syncer, Pool, Sfu, Etcd;
  explicit Outage(bool Recovery, uint64_t PoolOwners = 1) {
    Clients = T.service("clients", 1000, true);
    Gateway = T.service("gateway", 60);
    Syncer = T.service("syncer", 30);
    Sfu = T.service("sfu", 800);
    Etcd = T.service("etcd", 5, false, Plane::Control);
    Pool = T.component(Syncer, "pool", PoolOwners);
    T.call(Clients, Gateway);
    T.call(Gateway, Syncer);
    T.call(Syncer, Sfu, 3, {Pool});
    T.edge(Syncer, Etcd, EdgeKind::Lookup, {Pool});
    if (Recovery)
      T.edge(Syncer, Sfu, EdgeKind::Recreate, {Pool});
  }
};

TEST(SharedSingleOwner, OnARecoveryPathItIsAnError) {
  Outage O(/*Recovery=*/true);
  std::vector<Finding> All = run(O.T.graph());
  ASSERT_EQ(fired(All, "shared-single-owner"), Strings{"syncer.pool:error"});
  const Finding F = of(All, "shared-single-owner")[0];
  EXPECT_EQ(paths(F),
            (Strings{"customer: clients -call-> gateway -call-> syncer "
                     "-call-> syncer.pool",
                     "control-plane: syncer -lookup-> syncer.pool -lookup-> "
                     "etcd",
                     "recovery: syncer -recreate-> syncer.pool"}));
  EXPECT_EQ(count(F, "customer_entries"), 1u);
  EXPECT_EQ(count(F, "control_plane_nodes"), 1u);
  EXPECT_EQ(count(F, "recovery_edges"), 1u);
  EXPECT_EQ(F.Loc, O.T.graph().node(O.Pool).loc);
  // What the text format shows comes with the finding, in words.
  EXPECT_EQ(F.Level, Tier::Elevated);
  EXPECT_EQ(F.Paths[0].title(), "customer path from entry 'clients'");
  EXPECT_EQ(F.Paths[1].title(), "control-plane path from 'syncer'");
  EXPECT_EQ(F.Paths[2].title(), "recovery path from 'syncer'");
  EXPECT_EQ(F.Summary, "reached by 1 customer entry and 1 recovery edge; "
                       "serves 1 control-plane node");
}

TEST(SharedSingleOwner, OffTheRecoveryPathItIsAWarning) {
  Outage O(/*Recovery=*/false);
  std::vector<Finding> All = run(O.T.graph());
  ASSERT_EQ(fired(All, "shared-single-owner"), Strings{"syncer.pool:warning"});
  const Finding F = of(All, "shared-single-owner")[0];
  EXPECT_EQ(F.Paths.size(), 2u) << "no recovery path to show";
  EXPECT_EQ(count(F, "recovery_edges"), 0u);
  EXPECT_EQ(F.Level, Tier::Default);
}

TEST(Severities, EveryFindingHasTheSeverityItsRuleDeclaresForItsTier) {
  // Both tiers of shared-single-owner and retry-amplification, and the
  // default of the others: a rule asks for a tier, never a severity.
  TestGraph T;
  NodeId Edge = T.service("edge", 1, true);
  NodeId A = T.service("a", 2), B = T.service("b", 2);
  NodeId Etcd = T.service("etcd", 1, false, Plane::Control);
  T.call(Edge, A);
  T.call(A, B, 3);
  T.call(B, A);
  T.edge(Edge, Etcd, EdgeKind::Lookup);
  T.edge(A, Edge, EdgeKind::Retry);
  std::vector<Finding> All = run(T.graph());
  ASSERT_FALSE(All.empty());
  bool Elevated = false;
  for (const Finding &F : All) {
    const RuleInfo &Info = findRule(F.Rule)->info();
    EXPECT_EQ(F.Sev, Info.severity(F.Level)) << F;
    Elevated |= F.Level == Tier::Elevated;
  }
  EXPECT_TRUE(Elevated);
}

TEST(Severities, ARuleDeclaresItsElevatedSeverity) {
  const RuleInfo &Shared = findRule("shared-single-owner")->info();
  EXPECT_EQ(Shared.severity(Tier::Default), Severity::Warning);
  EXPECT_EQ(Shared.severity(Tier::Elevated), Severity::Error);
  EXPECT_EQ(findRule("retry-amplification")->info().ElevatedSeverity,
            Severity::Error);
  EXPECT_EQ(findRule("drain-timeout")->info().severity(Tier::Default),
            Severity::Error);
  EXPECT_FALSE(findRule("unbounded-recovery")->info().ElevatedSeverity);
}

TEST(SharedSingleOwner, PartitionedPoolIsFine) {
  Outage O(/*Recovery=*/true, /*PoolOwners=*/4);
  EXPECT_TRUE(fired(run(O.T.graph()), "shared-single-owner").empty());
}

TEST(SharedSingleOwner, CountsEveryEntryAndControlPlaneNode) {
  // svc calls db and looks up etcd, both through its single-owner pool.
  // Two entries reach the pool; a third looks svc up, and a lookup ends
  // customer traffic. The pool's lookups reach etcd, which calls consul
  // (an edge into a control-plane node): two control-plane nodes.
  TestGraph T;
  NodeId Web = T.service("web", 3, true), App = T.service("app", 3, true),
         Batch = T.service("batch", 3, true), Svc = T.service("svc", 3),
         Db = T.service("db", 3),
         Etcd = T.service("etcd", 3, false, Plane::Control),
         Consul = T.service("consul", 3, false, Plane::Control);
  NodeId Pool = T.component(Svc, "pool", 1);
  T.call(Web, Svc);
  T.call(App, Svc);
  T.edge(Batch, Svc, EdgeKind::Lookup);
  T.call(Svc, Db, 1, {Pool});
  T.edge(Svc, Etcd, EdgeKind::Lookup, {Pool});
  T.call(Etcd, Consul);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "shared-single-owner"), Strings{"svc.pool:warning"});
  const Finding F = of(All, "shared-single-owner")[0];
  EXPECT_EQ(F.Loc, T.graph().node(Pool).loc);
  EXPECT_EQ(count(F, "customer_entries"), 2u);
  EXPECT_EQ(count(F, "control_plane_nodes"), 2u);
  // Lookups originate at batch (svc has an incoming one): the shortest way
  // from there to the pool, then on to the nearest control-plane node.
  EXPECT_EQ(paths(F)[1], "control-plane: batch -lookup-> svc -lookup-> "
                         "svc.pool -lookup-> etcd");
}

TEST(SharedSingleOwner, ConsumerOfALookupIsNotItsCarrier) {
  // The pool calls etcd (a control-plane node) but nothing looks up
  // through it: it consumes control-plane traffic, it does not carry it.
  TestGraph T;
  NodeId Api = T.service("api", 3, true), Svc = T.service("svc", 3),
         Etcd = T.service("etcd", 3, false, Plane::Control);
  NodeId Pool = T.component(Svc, "pool", 1);
  T.call(Api, Svc, 1, {});
  T.call(Svc, Pool);
  T.call(Pool, Etcd);
  EXPECT_TRUE(fired(run(T.graph()), "shared-single-owner").empty());
}

TEST(SharedSingleOwner, ControlPlaneNodeCountsItself) {
  // A single-owner etcd that customer traffic reaches directly.
  TestGraph T;
  NodeId Api = T.service("api", 2, true);
  NodeId Etcd = T.service("etcd", 1, false, Plane::Control);
  T.call(Api, Etcd);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "shared-single-owner"), Strings{"etcd:warning"});
  const Finding F = of(All, "shared-single-owner")[0];
  EXPECT_EQ(count(F, "control_plane_nodes"), 1u);
  EXPECT_EQ(paths(F), (Strings{"customer: api -call-> etcd",
                               "control-plane: api -call-> etcd"}));
  (void)Etcd;
}

TEST(SharedSingleOwner, LookupsEndCustomerTraffic) {
  // api -lookup-> registry -call-> cache: neither carries customer traffic,
  // though registry is single-owner with an incoming lookup.
  TestGraph T;
  NodeId Api = T.service("api", 2, true), Reg = T.service("registry", 1),
         Cache = T.service("cache", 1);
  T.edge(Api, Reg, EdgeKind::Lookup);
  T.call(Reg, Cache);
  EXPECT_TRUE(fired(run(T.graph()), "shared-single-owner").empty());
  (void)Cache;
}

//===----------------------------------------------------------------------===//
// unbounded-recovery
//===----------------------------------------------------------------------===//

/// s -<kind> via [p]-> t -call-> u, with p and t single owners.
std::vector<Finding> recoveryWith(DeclOptions O) {
  TestGraph T;
  NodeId S = T.service("s", 3), Tg = T.service("t", 1), U = T.service("u", 1);
  NodeId P = T.component(S, "p", 1);
  T.edge(S, Tg, EdgeKind::Reconnect, {P}, O);
  T.call(Tg, U);
  return run(T.graph());
}

TEST(UnboundedRecovery, PacingTable) {
  DeclOptions None;
  EXPECT_EQ(fired(recoveryWith(None), "unbounded-recovery"),
            (Strings{"s.p:warning", "t:warning", "u:warning"}));
  DeclOptions Rate;
  Rate.RateLimit = 10;
  EXPECT_TRUE(fired(recoveryWith(Rate), "unbounded-recovery").empty());
  DeclOptions Budget;
  Budget.Budget = 0.1;
  EXPECT_TRUE(fired(recoveryWith(Budget), "unbounded-recovery").empty());
  DeclOptions ExpJitter;
  ExpJitter.Back = Backoff::Exponential;
  ExpJitter.Jitter = true;
  EXPECT_TRUE(fired(recoveryWith(ExpJitter), "unbounded-recovery").empty());
  DeclOptions ExpOnly;
  ExpOnly.Back = Backoff::Exponential;
  EXPECT_EQ(fired(recoveryWith(ExpOnly), "unbounded-recovery").size(), 3u)
      << "exponential backoff without jitter still arrives in waves";
  DeclOptions FixedJitter;
  FixedJitter.Back = Backoff::Fixed;
  FixedJitter.Jitter = true;
  EXPECT_EQ(fired(recoveryWith(FixedJitter), "unbounded-recovery").size(), 3u);
}

TEST(UnboundedRecovery, TheWalkGoesOnFromTheTargetOnly) {
  // s -retry via [p]-> t; p -call-> x; t -call-> m -call-> w -call-> z.
  // p: on the chain (single owner, reported) but does not expand, so x is
  // not reached; t expands although single-owner; m has two owners; w is
  // the next single owner, where the walk stops: z is not reached.
  TestGraph T;
  NodeId S = T.service("s", 3), Tg = T.service("t", 1), X = T.service("x", 1),
         M = T.service("m", 2), W = T.service("w", 1), Z = T.service("z", 1);
  NodeId P = T.component(S, "p", 1);
  T.edge(S, Tg, EdgeKind::Retry, {P});
  T.call(P, X);
  T.call(Tg, M);
  T.call(M, W);
  T.call(W, Z);
  std::vector<Finding> All = run(T.graph());
  EXPECT_EQ(fired(All, "unbounded-recovery"),
            (Strings{"s.p:warning", "t:warning", "w:warning"}));
  for (const Finding &F : of(All, "unbounded-recovery")) {
    EXPECT_EQ(count(F, "recovery_edges"), 1u);
    if (F.Node == "w") {
      EXPECT_EQ(paths(F), Strings{"recovery: s -retry-> s.p -retry-> t "
                                  "-call-> m -call-> w"});
    }
  }
  (void)X, (void)Z;
}

TEST(UnboundedRecovery, CountsDeclarationsNotHops) {
  // Two unpaced declarations reach t; one of them twice over (via [q, q]
  // and then its target t), which still counts once. A paced one does not
  // count.
  TestGraph T;
  NodeId A = T.service("a", 3), B = T.service("b", 3), Tg = T.service("t", 1),
         C = T.service("c", 3);
  NodeId Q = T.component(A, "q", 2);
  T.edge(A, Tg, EdgeKind::Restart, {Q, Q});
  T.edge(B, Tg, EdgeKind::Resync);
  DeclOptions Paced;
  Paced.RateLimit = 5;
  T.edge(C, Tg, EdgeKind::Failover, {}, Paced);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "unbounded-recovery"), Strings{"t:warning"});
  const Finding F = of(All, "unbounded-recovery")[0];
  EXPECT_EQ(count(F, "recovery_edges"), 2u);
  EXPECT_NE(F.Message.find("from 2 recovery edges"), std::string::npos)
      << F.Message;
  EXPECT_EQ(paths(F), Strings{"recovery: b -resync-> t"}) << "the shortest";
}

//===----------------------------------------------------------------------===//
// retry-amplification
//===----------------------------------------------------------------------===//

/// e -x3-> a -x3-> b -x2-> c -x4-> d.
TestGraph layers() {
  TestGraph T;
  NodeId E = T.service("e", 2, true), A = T.service("a", 2),
         B = T.service("b", 2), C = T.service("c", 2), D = T.service("d", 2);
  T.call(E, A, 3);
  T.call(A, B, 3);
  T.call(B, C, 2);
  T.call(C, D, 4);
  return T;
}

TEST(RetryAmplification, NamesWhereTheProductFirstPassesTheThreshold) {
  TestGraph T = layers();
  // m: e 1, a 3, b 9, c 18, d 72. T = 10: c (9 <= 10 < 18), and not d.
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "retry-amplification"), Strings{"c:warning"});
  const Finding F = of(All, "retry-amplification")[0];
  EXPECT_EQ(count(F, "product"), 18u);
  EXPECT_EQ(count(F, "threshold"), 10u);
  EXPECT_EQ(paths(F), Strings{"amplification: e -call-> a -call-> b -call-> "
                              "c"});
  std::vector<uint64_t> Products;
  for (const Hop &H : F.Paths[0].Hops)
    Products.push_back(H.Product);
  EXPECT_EQ(Products, (std::vector<uint64_t>{3, 9, 18}));

  EXPECT_EQ(fired(run(T.graph(), {{"retry-amplification.threshold", "8"}}),
                  "retry-amplification"),
            Strings{"b:warning"});
  EXPECT_EQ(fired(run(T.graph(), {{"retry-amplification.threshold", "9"}}),
                  "retry-amplification"),
            Strings{"c:warning"})
      << "a product equal to the threshold does not exceed it";
  EXPECT_TRUE(fired(run(T.graph(), {{"retry-amplification.threshold", "72"}}),
                    "retry-amplification")
                  .empty());
  EXPECT_EQ(fired(run(T.graph(), {{"retry-amplification.threshold", "1"}}),
                  "retry-amplification"),
            Strings{"a:warning"});
}

TEST(RetryAmplification, ViaChainMultipliesOnce) {
  // e -x4 via [p, q]-> u -x3-> v: 4 at p, q and u (not 64), 12 at v.
  TestGraph T;
  NodeId E = T.service("e", 2, true), U = T.service("u", 2),
         V = T.service("v", 2);
  NodeId P = T.component(E, "p"), Q = T.component(E, "q");
  T.call(E, U, 4, {P, Q});
  T.call(U, V, 3);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "retry-amplification"), Strings{"v:warning"});
  EXPECT_EQ(count(of(All, "retry-amplification")[0], "product"), 12u);
  (void)V;
}

TEST(RetryAmplification, UnboundedCycleIsOneErrorAndSilencesDownstream) {
  // e -> a -> b -retry x2-> a: unbounded; named a (nearer to e). b -x20-> c
  // would pass the threshold, but c is downstream of the cycle.
  TestGraph T;
  NodeId E = T.service("e", 2, true), A = T.service("a", 2),
         B = T.service("b", 2), C = T.service("c", 2);
  T.call(E, A);
  T.call(A, B);
  DeclOptions Twice;
  Twice.Attempts = 2;
  T.edge(B, A, EdgeKind::Retry, {}, Twice);
  T.call(B, C, 20);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "retry-amplification"), Strings{"a:error"});
  const Finding F = of(All, "retry-amplification")[0];
  EXPECT_EQ(paths(F), (Strings{"customer: e -call-> a",
                               "cycle: a -call-> b -retry-> a"}));
  EXPECT_EQ(count(F, "cycle_nodes"), 2u);
  (void)C;
}

TEST(RetryAmplification, EqualProductsPreferTheShorterPath) {
  // Two edges into v both make 20: y -> v after three hops (declared
  // first) and e -> v straight from the entry. The witness is the short one.
  TestGraph T;
  NodeId E = T.service("e", 2, true), X = T.service("x", 2),
         Y = T.service("y", 2), V = T.service("v", 2);
  T.call(E, X);
  T.call(X, Y);
  T.call(Y, V, 20);
  T.call(E, V, 20);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "retry-amplification"), Strings{"v:warning"});
  EXPECT_EQ(paths(of(All, "retry-amplification")[0]),
            Strings{"amplification: e -call-> v"});
  // A larger product wins over a shorter path.
  T.call(Y, V, 30);
  All = run(T.graph());
  EXPECT_EQ(paths(of(All, "retry-amplification")[0]),
            Strings{"amplification: e -call-> x -call-> y -call-> v"});
  EXPECT_EQ(count(of(All, "retry-amplification")[0], "product"), 30u);
  (void)V;
}

// Regression (property test, seed 20260320): f and g are entries calling
// each other; the path to g's retrying call must start at g itself, not go
// round through f.
TEST(RetryAmplification, WitnessStartsAtTheNearestWayIntoACycle) {
  TestGraph T;
  NodeId F = T.service("f", 1, true), G = T.service("g", 3, true),
         H = T.service("h", 2);
  T.call(F, G);
  T.call(G, F);
  T.call(G, H, 20);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "retry-amplification"), Strings{"h:warning"});
  EXPECT_EQ(paths(of(All, "retry-amplification")[0]),
            Strings{"amplification: g -call-> h"});
}

//===----------------------------------------------------------------------===//
// recovery-cycle
//===----------------------------------------------------------------------===//

TEST(RecoveryCycle, NamesTheNodeNearestAnEntryTiesBySmallerId) {
  // e -> zz and e -> aa (both one hop), zz -restart-> aa -call-> zz. "zz"
  // is added first (smaller NodeId) but "aa" is the smaller id.
  TestGraph T;
  NodeId E = T.service("e", 2, true), Zz = T.service("zz", 2),
         Aa = T.service("aa", 2);
  T.call(E, Zz);
  T.call(E, Aa);
  T.edge(Zz, Aa, EdgeKind::Restart);
  T.call(Aa, Zz);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "recovery-cycle"), Strings{"aa:warning"});
  const Finding F = of(All, "recovery-cycle")[0];
  EXPECT_EQ(paths(F), Strings{"cycle: aa -call-> zz -restart-> aa"});
  EXPECT_EQ(count(F, "cycle_nodes"), 2u);
}

TEST(RecoveryCycle, NearestBeatsSmallerId) {
  // e -> zz -> aa: zz is one hop from the entry, aa two.
  TestGraph T;
  NodeId E = T.service("e", 2, true), Zz = T.service("zz", 2),
         Aa = T.service("aa", 2);
  T.call(E, Zz);
  T.call(Zz, Aa);
  T.edge(Aa, Zz, EdgeKind::Reconnect);
  EXPECT_EQ(fired(run(T.graph()), "recovery-cycle"), Strings{"zz:warning"});
}

TEST(RecoveryCycle, WithoutAnEntryTheSmallestId) {
  // A lookup closes the cycle; customer distance plays no part.
  TestGraph T;
  NodeId C = T.service("c", 2), B = T.service("b", 2), D = T.service("d", 2);
  T.edge(C, B, EdgeKind::Failover);
  T.edge(B, D, EdgeKind::Lookup);
  T.call(D, C);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "recovery-cycle"), Strings{"b:warning"});
  EXPECT_EQ(count(of(All, "recovery-cycle")[0], "cycle_nodes"), 3u);
}

TEST(RecoveryCycle, NeedsARecoveryEdgeInsideTheCycle) {
  // a <-> b by calls; a -retry-> c outside the cycle: nothing. A recovery
  // self-loop is a cycle of its own.
  TestGraph T;
  NodeId A = T.service("a", 2), B = T.service("b", 2), C = T.service("c", 2);
  T.call(A, B);
  T.call(B, A);
  T.edge(A, C, EdgeKind::Retry);
  EXPECT_TRUE(fired(run(T.graph()), "recovery-cycle").empty());
  T.edge(C, C, EdgeKind::Restart);
  std::vector<Finding> All = run(T.graph());
  ASSERT_EQ(fired(All, "recovery-cycle"), Strings{"c:warning"});
  EXPECT_EQ(paths(of(All, "recovery-cycle")[0]),
            Strings{"cycle: c -restart-> c"});
  EXPECT_EQ(count(of(All, "recovery-cycle")[0], "cycle_nodes"), 1u);
}

//===----------------------------------------------------------------------===//
// drain-timeout and unguarded-scale-down
//===----------------------------------------------------------------------===//

struct Workloads {
  TestGraph T;
  NodeId add(const std::string &Id, uint64_t Replicas, bool Stateful,
             std::optional<double> Drain, std::optional<double> Grace,
             bool Guard) {
    NodeId V = T.service(Id, Replicas);
    Workload &W = T.node(V).workload;
    W.stateful = Stateful;
    W.drainSeconds = Drain;
    W.graceSeconds = Grace;
    W.drainGuard = Guard;
    if (Drain)
      W.drainLoc = {1, 700 + V, 5};
    return V;
  }
};

TEST(DrainTimeout, GracePeriodShorterThanTheDrain) {
  Workloads W;
  NodeId Sessions = W.add("sessions", 3, true, 120, {}, true);
  W.add("equal", 3, true, 30, {}, true); // 30 s default grace = drain
  W.add("long-grace", 3, true, 120, 180, true);
  NodeId Short = W.add("short-grace", 3, true, 20, 10, true);
  W.add("stateless", 3, false, 120, {}, true);
  W.add("no-drain", 3, true, {}, 1, true);
  std::vector<Finding> All = run(W.T.graph());
  ASSERT_EQ(fired(All, "drain-timeout"),
            (Strings{"sessions:error", "short-grace:error"}));
  EXPECT_EQ(of(All, "drain-timeout")[0].Loc,
            W.T.graph().node(Sessions).workload.drainLoc)
      << "points at drain_seconds";
  EXPECT_EQ(of(All, "drain-timeout")[1].Loc,
            W.T.graph().node(Short).workload.drainLoc);
  EXPECT_TRUE(of(All, "drain-timeout")[0].Paths.empty());
}

TEST(UnguardedScaleDown, StatefulReplicasWithoutAGuard) {
  Workloads W;
  W.add("sessions", 3, true, {}, {}, false);
  W.add("guarded", 3, true, {}, {}, true);
  W.add("single", 1, true, {}, {}, false);
  W.add("stateless", 3, false, {}, {}, false);
  std::vector<Finding> All = run(W.T.graph());
  ASSERT_EQ(fired(All, "unguarded-scale-down"), Strings{"sessions:warning"});
  EXPECT_TRUE(of(All, "unguarded-scale-down")[0].Paths.empty());
}

TEST(Workloads, OnlyServicesAreWorkloads) {
  // A component carrying workload fields (no front end sets them) is not a
  // deployable unit: neither workload rule looks at it.
  TestGraph T;
  NodeId S = T.service("s", 2);
  NodeId C = T.component(S, "c", 3);
  Workload &W = T.node(C).workload;
  W.stateful = true;
  W.drainSeconds = 100;
  std::vector<Finding> All = run(T.graph());
  EXPECT_TRUE(fired(All, "drain-timeout").empty());
  EXPECT_TRUE(fired(All, "unguarded-scale-down").empty());
}

} // namespace
