//===- bench/gen_topology.cpp - Synthetic topologies for benchmarks ------===//
//
// Writes a large, realistic native-format topology (YAML, or JSON with
// --json) so the analyzer can be timed on inputs of the size a big company
// has: 1k to 100k services and about ten graph edges per service.
//
// The shape, and why:
// - A few customer entries (gateways) route into the first of several tiers
//   of services; each service calls mostly into the next tiers near its own
//   position (its domain), so paths are as deep as real call chains (about
//   ten hops), not as deep as the service count.
// - Fan-out is heavy-tailed (Pareto, alpha 2): most services call two to
//   four others, a few call hundreds. Fan-in is heavy-tailed too: about a
//   third of all calls go to shared platform services ("hubs") picked by a
//   Zipf law, so the top hub is called by a large share of the company.
// - Control-plane clusters (etcd/consul-like, several replicas) are looked
//   up by most services through a component: a discovery client, a pool,
//   or for a few services the same single-owner supervisor that carries
//   their calls (the pattern chokepoint exists to find).
// - Recovery edges (reconnect, retry, recreate, resync, restart, failover)
//   hang off about a third of the services, half of them paced (rate_limit,
//   budget, or exponential backoff with jitter), half not. A few peer pairs
//   fail over to each other and a few services call back their callers, so
//   there are cycles of every kind.
// - Calls retry with attempts 1..4; a few stateful services have drain
//   settings, some with a grace period shorter than their drain.
//
// That is the default shape (`--shape company`). Other shapes stress what
// the company shape does not (`--shape NAME`, docs/benchmarks.md):
// - uniform: calls between uniformly random services (one giant strongly
//   connected component), an entry per 15 services, a control-plane
//   service per 20, a tenth of the calls lookups of random services;
// - hub: hub-and-spoke, an entry per 20 services (thousands) calling into a
//   few hundred hubs that fan out to the spokes, spokes calling hubs back;
// - chain: chains of 2,000 services, each calling the next few and two
//   further on: walks thousands of nodes deep;
// - islands: many small disjoint systems of 50 services, each with its own
//   entry and control plane.
// Every shape has single-owner supervisors carrying calls and lookups,
// single-replica services, recovery edges (half unpaced) and about ten
// graph edges per service.
//
// Deterministic: the same seed and size give the same bytes on every
// platform. The random numbers come from our own xoshiro256** (the standard
// distributions differ between library implementations) and every draw
// uses integer arithmetic or IEEE-exact double operations (+ - * / sqrt),
// never libm's log or pow.
//
//===----------------------------------------------------------------------===//

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

//===----------------------------------------------------------------------===//
// Random numbers
//===----------------------------------------------------------------------===//

/// xoshiro256** seeded through splitmix64, as its authors recommend.
class Random {
public:
  explicit Random(uint64_t Seed) {
    for (uint64_t &Word : S) {
      Seed += 0x9e3779b97f4a7c15ULL;
      uint64_t Z = Seed;
      Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
      Word = Z ^ (Z >> 31);
    }
  }

  uint64_t next() {
    uint64_t Result = rotl(S[1] * 5, 7) * 9;
    uint64_t T = S[1] << 17;
    S[2] ^= S[0];
    S[3] ^= S[1];
    S[1] ^= S[2];
    S[0] ^= S[3];
    S[2] ^= T;
    S[3] = rotl(S[3], 45);
    return Result;
  }

  /// Uniform in [0, N) (Lemire's multiply-shift; the bias is below 2^-32
  /// for our N and the result is the same everywhere).
  uint64_t below(uint64_t N) {
    __extension__ using Wide = unsigned __int128;
    return uint64_t((Wide(next()) * N) >> 64);
  }
  /// Uniform in [Lo, Hi].
  uint64_t range(uint64_t Lo, uint64_t Hi) { return Lo + below(Hi - Lo + 1); }
  /// True with probability PerMille / 1000.
  bool chance(unsigned PerMille) { return below(1000) < PerMille; }
  /// Uniform in (0, 1], exact in binary.
  double unit() { return double((next() >> 11) + 1) * 0x1p-53; }
  /// Pareto with alpha 2 and scale Xm: Xm / sqrt(U). Heavy tail, finite mean
  /// (2 Xm); only sqrt, which IEEE 754 rounds the same everywhere.
  double pareto2(double Xm) { return Xm / std::sqrt(unit()); }

  template <typename T, size_t K> const T &pick(const std::array<T, K> &A) {
    return A[below(K)];
  }

private:
  static uint64_t rotl(uint64_t X, int K) { return (X << K) | (X >> (64 - K)); }
  std::array<uint64_t, 4> S;
};

/// Zipf (s = 1) over [0, N): rank h drawn with weight 1/(h+1), integer
/// weights so every platform draws the same.
class Zipf {
public:
  explicit Zipf(size_t N) : Cumulative(N) {
    uint64_t Sum = 0;
    for (size_t H = 0; H < N; ++H)
      Cumulative[H] = Sum += (uint64_t(1) << 32) / (H + 1);
  }
  size_t draw(Random &R) const {
    uint64_t X = R.below(Cumulative.back());
    return size_t(std::upper_bound(Cumulative.begin(), Cumulative.end(), X) -
                  Cumulative.begin());
  }

private:
  std::vector<uint64_t> Cumulative;
};

//===----------------------------------------------------------------------===//
// The model being generated
//===----------------------------------------------------------------------===//

/// Component roles; a service has each at most once, so its id is fixed.
enum CompRole : uint8_t {
  ClientPool,     ///< pool of outbound connections, several owners
  ConnSupervisor, ///< one process supervising connections: single owner
  Discovery,      ///< service-discovery client, sometimes single owner
  WorkQueue,
  Cache,
  WriteLock, ///< a hub's serialising lock: single owner, called directly
  NumRoles,
};
constexpr std::array<std::string_view, NumRoles> RoleName = {
    "client-pool", "conn-supervisor", "discovery",
    "work-queue",  "cache",           "write-lock"};
constexpr std::array<std::string_view, NumRoles> RoleKind = {
    "pool", "supervisor", "client", "queue", "cache", "lock"};

struct Component {
  CompRole Role;
  uint32_t Owners;
};

enum class Kind : uint8_t {
  Call,
  Spawn,
  Lookup,
  Retry,
  Reconnect,
  Restart,
  Recreate,
  Resync,
  Failover
};
constexpr std::array<std::string_view, 9> KindName = {
    "call",    "spawn",    "lookup", "retry",   "reconnect",
    "restart", "recreate", "resync", "failover"};

enum class BackoffKind : uint8_t { Unset, None, Fixed, Exponential };

constexpr std::array<std::string_view, 7> Triggers = {
    "connection-lost", "timeout",    "session-exit", "leader-change",
    "endpoint-stale",  "node-drain", "process-crash"};
constexpr std::array<std::string_view, 4> Budgets = {"0.05", "0.1", "0.2",
                                                     "0.25"};

struct Edge {
  uint32_t To;
  int8_t ToComponent = -1; ///< a CompRole of the target, or -1: the service
  Kind K = Kind::Call;
  uint8_t Attempts = 1; ///< 0: written out as the default is not
  BackoffKind Backoff = BackoffKind::Unset;
  bool Jitter = false;
  int8_t Budget = -1; ///< index into Budgets
  uint32_t RateLimit = 0;
  uint32_t TimeoutMs = 0;
  uint32_t Fanout = 0;
  int8_t Trigger = -1;
  std::array<int8_t, 2> Via = {-1, -1}; ///< CompRoles of the caller
  bool Short = false;                   ///< written as a bare name

  unsigned viaCount() const { return (Via[0] >= 0) + (Via[1] >= 0); }
};

enum class Role : uint8_t { Gateway, Regular, Hub, ControlPlane };

struct Service {
  std::string Name;
  Role R = Role::Regular;
  unsigned Tier = 0;
  uint32_t Replicas = 1;
  bool DeclaredControl = false;
  bool Stateful = false;
  uint32_t DrainSeconds = 0, GraceSeconds = 0;
  bool DrainGuard = false;
  uint64_t Population = 0;
  uint32_t Capacity = 0;
  int Zone = -1;
  std::vector<Component> Components;
  std::vector<Edge> Calls, Recovers;

  int component(CompRole Role) const {
    for (const Component &C : Components)
      if (C.Role == Role)
        return Role;
    return -1;
  }
};

constexpr std::array<std::string_view, 24> Domains = {
    "orders",  "payments", "search",  "catalog",  "inventory", "shipping",
    "users",   "billing",  "ads",     "media",    "chat",      "voice",
    "video",   "notify",   "ranking", "fraud",    "loyalty",   "pricing",
    "reviews", "geo",      "maps",    "checkout", "messaging", "identity"};
constexpr std::array<std::string_view, 16> Roles = {
    "api",     "svc",  "worker",   "store",   "indexer",    "router",
    "sync",    "feed", "ingest",   "ranker",  "aggregator", "scheduler",
    "adapter", "bff",  "exporter", "resolver"};
constexpr std::array<std::string_view, 12> HubRoles = {
    "auth",        "user-profile", "feature-flags", "session-store",
    "ledger-db",   "rate-keeper",  "blob-store",    "event-bus",
    "geo-locator", "id-minter",    "audit-log",     "search-index"};
constexpr std::array<std::string_view, 6> Zones = {"us-east-1a", "us-east-1b",
                                                   "us-west-2a", "eu-west-1a",
                                                   "eu-west-1b", "ap-south-1a"};

//===----------------------------------------------------------------------===//
// Generation
//===----------------------------------------------------------------------===//

/// Number of service tiers between the gateways and the hubs.
constexpr unsigned Tiers = 8;

enum class Shape : uint8_t { Company, Uniform, Hub, Chain, Islands };
constexpr std::array<std::string_view, 5> ShapeName = {
    "company", "uniform", "hub", "chain", "islands"};

class Generator {
public:
  Generator(uint32_t N, uint64_t Seed, Shape S = Shape::Company)
      : N(N), R(Seed), TheShape(S) {}
  void run();
  std::vector<Service> Services;

  size_t nodes() const {
    size_t Count = Services.size();
    for (const Service &S : Services)
      Count += S.Components.size();
    return Count;
  }
  size_t declarations() const {
    size_t Count = 0;
    for (const Service &S : Services)
      Count += S.Calls.size() + S.Recovers.size();
    return Count;
  }
  size_t edges() const {
    size_t Count = 0;
    for (const Service &S : Services)
      for (const auto *List : {&S.Calls, &S.Recovers})
        for (const Edge &E : *List)
          Count += 1 + E.viaCount();
    return Count;
  }

private:
  void layout();
  void components(Service &S);
  void calls(uint32_t I);
  void lookups(uint32_t I);
  void recovers(uint32_t I);
  void cycles();
  void retries(Edge &E);
  void pacing(Edge &E);
  uint32_t localTarget(uint32_t I);
  // The other shapes.
  void runShape();
  void plainService(uint32_t I, Role Ro, unsigned Width);
  void plainCall(uint32_t I, uint32_t T, Kind K = Kind::Call);
  void plainLookup(uint32_t I, uint32_t T);
  uint32_t hub() { return HubBegin + HubCount - 1 - uint32_t(HubZipf.draw(R)); }
  std::string padded(uint64_t X, unsigned Width) const;

  uint32_t N;
  Random R;
  Shape TheShape;
  // Index ranges: gateways, tiered services, hubs, control plane.
  uint32_t GatewayCount = 0, TierBegin = 0, TierEnd = 0, HubBegin = 0,
           HubCount = 0, ControlBegin = 0, ControlCount = 0;
  Zipf HubZipf{1}, ControlZipf{1};
  std::vector<uint32_t> TierStart; ///< first index of each tier, and the end
};

std::string Generator::padded(uint64_t X, unsigned Width) const {
  std::string S = std::to_string(X);
  if (S.size() < Width)
    S.insert(0, Width - S.size(), '0');
  return S;
}

void Generator::layout() {
  // A few gateways, a few control-plane clusters, one hub per 200 services.
  GatewayCount = 2 + N / 10000;
  ControlCount = 3 + N / 25000;
  HubCount = std::max<uint32_t>(12, N / 200);
  uint32_t Min = GatewayCount + ControlCount + HubCount + Tiers;
  if (N < Min) {
    std::fprintf(
        stderr, "chokepoint-gen: error: --services must be at least %u\n", Min);
    std::exit(2);
  }
  TierBegin = GatewayCount;
  TierEnd = N - HubCount - ControlCount;
  HubBegin = TierEnd;
  ControlBegin = HubBegin + HubCount;
  HubZipf = Zipf(HubCount);
  ControlZipf = Zipf(ControlCount);
  for (unsigned T = 0; T <= Tiers; ++T)
    TierStart.push_back(TierBegin +
                        uint32_t(uint64_t(TierEnd - TierBegin) * T / Tiers));

  unsigned Width = unsigned(std::to_string(N).size());
  Services.resize(N);
  for (uint32_t I = 0; I < N; ++I) {
    Service &S = Services[I];
    if (I < GatewayCount) {
      S.R = Role::Gateway;
      S.Name = "edge-gateway-" + std::to_string(I);
      S.Replicas = uint32_t(R.range(20, 80));
      S.Zone = int(I % Zones.size());
    } else if (I < TierEnd) {
      S.R = Role::Regular;
      S.Tier =
          unsigned(std::upper_bound(TierStart.begin(), TierStart.end(), I) -
                   TierStart.begin() - 1);
      // Neighbouring services share a domain, as teams own blocks of them.
      S.Name = std::string(Domains[(I / 37) % Domains.size()]) + "-" +
               std::string(R.pick(Roles)) + "-" + padded(I, Width);
      if (R.chance(40))
        S.Replicas = 1;
      else
        S.Replicas = uint32_t(std::min(200.0, R.pareto2(2.0)));
      if (R.chance(100))
        S.Zone = int(R.below(Zones.size()));
    } else if (I < ControlBegin) {
      uint32_t H = I - HubBegin;
      S.R = Role::Hub;
      S.Tier = Tiers;
      S.Name = "platform-" + std::string(HubRoles[H % HubRoles.size()]) + "-" +
               padded(H, 4);
      S.Replicas = uint32_t(R.range(6, 60));
      S.Capacity = uint32_t(R.range(5, 200)) * 1000;
    } else {
      // Control plane: etcd is recognised by its name, consul is both named
      // and declared, config-store only declared.
      uint32_t C = I - ControlBegin;
      S.R = Role::ControlPlane;
      S.Tier = Tiers + 1;
      switch (C % 3) {
      case 0:
        S.Name = "etcd-" + std::to_string(C / 3);
        break;
      case 1:
        S.Name = "consul-" + std::to_string(C / 3);
        S.DeclaredControl = true;
        break;
      default:
        S.Name = "config-store-" + std::to_string(C / 3);
        S.DeclaredControl = true;
        break;
      }
      S.Replicas = R.chance(500) ? 3 : 5;
    }
    components(S);
  }

  // A few stateful services with drain settings, among the tiers.
  uint32_t Stateful = std::max<uint32_t>(3, N / 200);
  for (uint32_t K = 0; K < Stateful; ++K) {
    Service &S = Services[R.range(TierBegin, TierEnd - 1)];
    S.Stateful = true;
    S.Replicas = uint32_t(R.range(2, 24));
    S.DrainSeconds = uint32_t(R.range(2, 30)) * 10;
    if (R.chance(600))
      S.GraceSeconds = uint32_t(R.range(3, 36)) * 10; // sometimes too short
    S.DrainGuard = R.chance(500);
    if (R.chance(500))
      S.Population = R.range(1, 5000) * 1000;
  }
}

void Generator::components(Service &S) {
  auto Add = [&](CompRole Role, uint32_t Owners) {
    S.Components.push_back({Role, Owners});
  };
  switch (S.R) {
  case Role::Gateway:
    Add(ClientPool, uint32_t(R.range(32, 128)));
    break;
  case Role::Regular:
    if (R.chance(450))
      Add(ClientPool, uint32_t(R.range(2, 16)));
    if (R.chance(250))
      Add(ConnSupervisor, 1);
    if (R.chance(550))
      Add(Discovery, R.chance(300) ? 1 : uint32_t(R.range(2, 4)));
    if (R.chance(100))
      Add(WorkQueue, uint32_t(R.range(1, 8)));
    if (R.chance(80))
      Add(Cache, uint32_t(R.range(1, 32)));
    break;
  case Role::Hub:
    Add(ClientPool, uint32_t(R.range(8, 64)));
    Add(Discovery, uint32_t(R.range(2, 8)));
    if (R.chance(150))
      Add(WriteLock, 1);
    if (R.chance(300))
      Add(WorkQueue, uint32_t(R.range(4, 32)));
    break;
  case Role::ControlPlane:
    break;
  }
}

void Generator::retries(Edge &E) {
  unsigned X = unsigned(R.below(100));
  E.Attempts = X < 72 ? 1 : X < 86 ? 2 : X < 95 ? 3 : 4;
  if (E.Attempts > 1) {
    unsigned B = unsigned(R.below(4));
    E.Backoff = B == 0   ? BackoffKind::Unset
                : B == 1 ? BackoffKind::None
                : B == 2 ? BackoffKind::Fixed
                         : BackoffKind::Exponential;
    E.Jitter = E.Backoff == BackoffKind::Exponential && R.chance(700);
  } else if (R.chance(50)) {
    E.Attempts = 0; // written as `attempts: 1`
  }
  if (R.chance(200))
    E.TimeoutMs = uint32_t(R.range(1, 50)) * 100;
}

/// Half of the recovery edges are paced, each in one of the three ways the
/// SPEC accepts; the other half are not, some of them deceptively (fixed
/// backoff, or exponential without jitter).
void Generator::pacing(Edge &E) {
  switch (R.below(6)) {
  case 0:
    E.RateLimit = uint32_t(R.range(1, 100)) * 10;
    break;
  case 1:
    E.Budget = int8_t(R.below(Budgets.size()));
    break;
  case 2:
    E.Backoff = BackoffKind::Exponential;
    E.Jitter = true;
    break;
  case 3:
    break;
  case 4:
    E.Backoff = BackoffKind::Fixed;
    break;
  case 5:
    E.Backoff = BackoffKind::Exponential;
    break;
  }
}

uint32_t Generator::localTarget(uint32_t I) {
  const Service &S = Services[I];
  // Mostly the next tier, sometimes one further.
  unsigned To = S.Tier + 1 + (R.chance(200) ? 1 : 0);
  if (To >= Tiers)
    return hub();
  // The position in the target tier that corresponds to ours, +- a domain.
  uint64_t Pos = I - TierStart[S.Tier];
  uint64_t Size = TierStart[S.Tier + 1] - TierStart[S.Tier];
  uint64_t ToSize = TierStart[To + 1] - TierStart[To];
  int64_t Centre = int64_t(Pos * ToSize / std::max<uint64_t>(Size, 1));
  int64_t At = Centre + int64_t(R.below(81)) - 40;
  At = std::clamp<int64_t>(At, 0, int64_t(ToSize) - 1);
  return TierStart[To] + uint32_t(At);
}

void Generator::calls(uint32_t I) {
  Service &S = Services[I];
  std::vector<uint32_t> Targets;
  auto Fresh = [&](uint32_t T) {
    return T != I &&
           std::find(Targets.begin(), Targets.end(), T) == Targets.end();
  };
  int Pool = S.component(ClientPool), Sup = S.component(ConnSupervisor);

  if (S.R == Role::Gateway) {
    // Route tables into the first tier, spread over all of it.
    uint32_t Size = TierStart[1] - TierStart[0];
    uint32_t Count = std::min<uint32_t>(
        2000, std::max<uint32_t>(4, Size * 6 / 5 / GatewayCount));
    for (uint32_t K = 0; K < Count; ++K) {
      uint32_t T = TierStart[0] + uint32_t(R.below(Size));
      if (!Fresh(T))
        continue;
      Targets.push_back(T);
      Edge E;
      E.To = T;
      E.Short = !R.chance(300);
      if (!E.Short) {
        retries(E);
        if (R.chance(300))
          E.Via[0] = int8_t(Pool);
      }
      S.Calls.push_back(E);
    }
    return;
  }

  // Heavy-tailed fan-out; hubs call a few other (more popular) hubs.
  uint32_t Count;
  if (S.R == Role::Hub)
    Count = uint32_t(R.below(4));
  else
    Count = uint32_t(std::min(300.0, R.pareto2(3.5)));
  for (uint32_t K = 0; K < Count; ++K) {
    uint32_t T;
    if (S.R == Role::Hub) {
      T = hub();
      if (T <= I)
        continue; // only towards more popular hubs: no hub cycles
    } else {
      T = R.chance(330) ? hub() : localTarget(I);
    }
    if (!Fresh(T))
      continue;
    Targets.push_back(T);
    Edge E;
    E.To = T;
    const Service &Callee = Services[T];
    int Lock = Callee.component(WriteLock);
    if (Lock >= 0 && R.chance(200))
      E.ToComponent = int8_t(Lock);
    unsigned Route = unsigned(R.below(100));
    if (Pool >= 0 && Route < 45) {
      E.Via[0] = int8_t(Pool);
      if (Sup >= 0 && Route < 8) {
        E.Via[1] = int8_t(Sup);
        E.K = Kind::Spawn;
      }
    } else if (Sup >= 0 && Route < 60) {
      E.Via[0] = int8_t(Sup);
      E.K = R.chance(500) ? Kind::Spawn : Kind::Call;
    }
    if (E.viaCount() == 0 && E.ToComponent < 0 && R.chance(400)) {
      E.Short = true;
    } else {
      retries(E);
      if (R.chance(30))
        E.Fanout = uint32_t(R.range(2, 8));
    }
    S.Calls.push_back(E);
  }
}

void Generator::lookups(uint32_t I) {
  Service &S = Services[I];
  if (S.R == Role::ControlPlane || S.R == Role::Gateway)
    return;
  if (S.R == Role::Regular && !R.chance(650))
    return;
  int Disc = S.component(Discovery), Sup = S.component(ConnSupervisor),
      Pool = S.component(ClientPool);
  unsigned Count = R.chance(150) ? 2 : 1;
  uint32_t First = UINT32_MAX;
  for (unsigned K = 0; K < Count; ++K) {
    uint32_t T = ControlBegin + uint32_t(ControlZipf.draw(R));
    if (T == First)
      continue;
    First = T;
    Edge E;
    E.To = T;
    E.K = Kind::Lookup;
    // Most through a discovery client; a few through the single-owner
    // supervisor that also carries their calls; some through the pool.
    unsigned Route = unsigned(R.below(100));
    if (Sup >= 0 && Route < 12)
      E.Via[0] = int8_t(Sup);
    else if (Disc >= 0 && Route < 85)
      E.Via[0] = int8_t(Disc);
    else if (Pool >= 0 && Route < 92)
      E.Via[0] = int8_t(Pool);
    if (R.chance(300))
      E.TimeoutMs = uint32_t(R.range(1, 20)) * 250;
    S.Calls.push_back(E);
  }
  // Feature flags and the like: a lookup to a data-plane hub.
  if (S.R == Role::Regular && R.chance(40)) {
    Edge E;
    E.To = hub();
    E.K = Kind::Lookup;
    if (Disc >= 0)
      E.Via[0] = int8_t(Disc);
    S.Calls.push_back(E);
  }
}

void Generator::recovers(uint32_t I) {
  Service &S = Services[I];
  if (S.R == Role::ControlPlane || S.Calls.empty() || !R.chance(380))
    return;
  unsigned Count = R.chance(200) ? 2 : 1;
  int Sup = S.component(ConnSupervisor);
  for (unsigned K = 0; K < Count; ++K) {
    const Edge &Base = S.Calls[R.below(S.Calls.size())];
    Edge E;
    E.To = Base.To;
    E.ToComponent = Base.ToComponent;
    E.Trigger = int8_t(R.below(Triggers.size()));
    if (Base.K == Kind::Lookup) {
      E.K = Kind::Resync;
      E.Via = Base.Via;
    } else {
      unsigned X = unsigned(R.below(100));
      E.K = X < 32   ? Kind::Reconnect
            : X < 60 ? Kind::Retry
            : X < 82 ? Kind::Recreate
            : X < 92 ? Kind::Restart
                     : Kind::Resync;
      if (Sup >= 0 && (E.K == Kind::Recreate || E.K == Kind::Reconnect) &&
          R.chance(500))
        E.Via[0] = int8_t(Sup);
      else if (R.chance(300))
        E.Via = Base.Via;
    }
    if (R.chance(150))
      E.Attempts = uint8_t(R.range(2, 4));
    if (R.chance(100))
      E.Fanout = uint32_t(R.range(2, 20));
    pacing(E);
    S.Recovers.push_back(E);
  }
}

/// Cycles: peers that fail over to each other (recovery cycles, some with
/// retries: unbounded amplification), and callbacks to a caller (traffic
/// cycles, such as webhooks).
void Generator::cycles() {
  uint32_t Pairs = std::max<uint32_t>(2, N / 500);
  for (uint32_t K = 0; K < Pairs; ++K) {
    uint32_t A = uint32_t(R.range(TierBegin, TierEnd - 2));
    uint32_t B = A + 1;
    if (Services[A].Tier != Services[B].Tier)
      continue;
    for (auto [From, To] : {std::pair{A, B}, std::pair{B, A}}) {
      Edge E;
      E.To = To;
      E.K = Kind::Failover;
      E.Trigger = int8_t(R.below(Triggers.size()));
      if (R.chance(300))
        E.Attempts = uint8_t(R.range(2, 3));
      pacing(E);
      Services[From].Recovers.push_back(E);
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> Called; // (callee, caller)
  for (uint32_t I = TierBegin; I < TierEnd; ++I)
    for (const Edge &E : Services[I].Calls)
      if (E.K != Kind::Lookup && Services[E.To].R == Role::Regular)
        Called.push_back({E.To, I});
  uint32_t Callbacks = std::max<uint32_t>(2, N / 300);
  for (uint32_t K = 0; K < Callbacks && !Called.empty(); ++K) {
    auto [Callee, Caller] = Called[R.below(Called.size())];
    Edge E;
    E.To = Caller;
    Services[Callee].Calls.push_back(E);
  }
}

void Generator::plainService(uint32_t I, Role Ro, unsigned Width) {
  Service &S = Services[I];
  S.R = Ro;
  S.Name = std::string(Domains[(I / 37) % Domains.size()]) + "-" +
           std::string(R.pick(Roles)) + "-" + padded(I, Width);
  switch (Ro) {
  case Role::Gateway:
    S.Name = "edge-" + S.Name;
    S.Replicas = uint32_t(R.range(4, 40));
    break;
  case Role::ControlPlane:
    S.Name = "registry-" + padded(I, Width);
    S.DeclaredControl = true;
    S.Replicas = R.chance(500) ? 3 : 5;
    return; // no components
  case Role::Hub:
    S.Name = "platform-" + S.Name;
    S.Replicas = uint32_t(R.range(6, 60));
    break;
  case Role::Regular:
    S.Replicas = R.chance(400) ? 1 : uint32_t(R.range(2, 12));
    break;
  }
  components(S);
}

/// A call (or a spawn, or a lookup of a data-plane service) from I to T,
/// through I's pool or single-owner supervisor as the company shape routes
/// them, sometimes to T's write lock.
void Generator::plainCall(uint32_t I, uint32_t T, Kind K) {
  Service &S = Services[I];
  for (const Edge &Old : S.Calls)
    if (Old.To == T)
      return;
  Edge E;
  E.To = T;
  E.K = K;
  int Pool = S.component(ClientPool), Sup = S.component(ConnSupervisor);
  int Lock = Services[T].component(WriteLock);
  if (Lock >= 0 && R.chance(200))
    E.ToComponent = int8_t(Lock);
  unsigned Route = unsigned(R.below(100));
  if (Pool >= 0 && Route < 40)
    E.Via[0] = int8_t(Pool);
  else if (Sup >= 0 && Route < 60)
    E.Via[0] = int8_t(Sup);
  if (E.viaCount() == 0 && E.ToComponent < 0 && K == Kind::Call &&
      R.chance(400))
    E.Short = true;
  else if (K != Kind::Lookup)
    retries(E);
  S.Calls.push_back(E);
}

/// A lookup of control-plane service T, mostly through the discovery
/// client, some through the single-owner supervisor.
void Generator::plainLookup(uint32_t I, uint32_t T) {
  Service &S = Services[I];
  Edge E;
  E.To = T;
  E.K = Kind::Lookup;
  int Disc = S.component(Discovery), Sup = S.component(ConnSupervisor);
  unsigned Route = unsigned(R.below(100));
  if (Sup >= 0 && Route < 30)
    E.Via[0] = int8_t(Sup);
  else if (Disc >= 0 && Route < 85)
    E.Via[0] = int8_t(Disc);
  S.Calls.push_back(E);
}

void Generator::runShape() {
  unsigned Width = unsigned(std::to_string(N).size());
  Services.resize(N);
  // Per shape: which role each index has, then the calls.
  auto Fill = [&](auto RoleOf) {
    for (uint32_t I = 0; I < N; ++I)
      plainService(I, RoleOf(I), Width);
  };
  auto Calls = [&](uint32_t I, unsigned Count, auto Target) {
    for (unsigned K = 0; K < Count; ++K) {
      uint32_t T = Target();
      if (T == I || Services[T].R == Role::ControlPlane ||
          Services[T].R == Role::Gateway)
        continue;
      plainCall(I, T, R.chance(100) ? Kind::Lookup : Kind::Call);
    }
  };
  switch (TheShape) {
  case Shape::Company:
    break;
  case Shape::Uniform: {
    // An entry per 15 services, a control-plane service per 20, every
    // other service calling about 8 uniformly random others.
    Fill([&](uint32_t I) {
      return I % 15 == 0   ? Role::Gateway
             : I % 20 == 1 ? Role::ControlPlane
                           : Role::Regular;
    });
    for (uint32_t I = 0; I < N; ++I) {
      if (Services[I].R == Role::ControlPlane)
        continue;
      Calls(I, unsigned(R.range(4, 12)), [&] { return uint32_t(R.below(N)); });
      if (R.chance(700))
        plainLookup(I, uint32_t(R.below(N / 20)) * 20 + 1);
    }
    break;
  }
  case Shape::Hub: {
    // Entries (one per 20) call a few of the hubs (one per 250); hubs fan
    // out to spokes; spokes call hubs back and a neighbour.
    uint32_t Hubs = std::max<uint32_t>(4, N / 250);
    Fill([&](uint32_t I) {
      return I < Hubs       ? Role::Hub
             : I % 20 == 0  ? Role::Gateway
             : I % 100 == 1 ? Role::ControlPlane
                            : Role::Regular;
    });
    uint32_t Fan = std::max<uint32_t>(8, 2 * N / Hubs);
    for (uint32_t I = 0; I < N; ++I) {
      const Service &S = Services[I];
      if (S.R == Role::ControlPlane)
        continue;
      if (S.R == Role::Hub)
        Calls(I, Fan, [&] { return uint32_t(R.range(Hubs, N - 1)); });
      else if (S.R == Role::Gateway)
        Calls(I, unsigned(R.range(2, 4)),
              [&] { return uint32_t(R.below(Hubs)); });
      else {
        Calls(I, unsigned(R.range(2, 5)),
              [&] { return uint32_t(R.below(Hubs)); });
        Calls(I, 1, [&] { return uint32_t(R.range(Hubs, N - 1)); });
      }
      if (S.R != Role::Hub && R.chance(700))
        plainLookup(I, uint32_t(R.below(N / 100)) * 100 + 1);
    }
    break;
  }
  case Shape::Chain: {
    // Chains of 2,000: each calls the next three and one each up to 20, 60
    // and 200 further;
    // an entry every 100, a control-plane service every 250, looked up by
    // the services after it.
    const uint32_t Len = 2000;
    Fill([&](uint32_t I) {
      return I % 100 == 0   ? Role::Gateway
             : I % 250 == 1 ? Role::ControlPlane
                            : Role::Regular;
    });
    for (uint32_t I = 0; I < N; ++I) {
      if (Services[I].R == Role::ControlPlane)
        continue;
      uint32_t End = std::min(N, (I / Len + 1) * Len);
      for (uint32_t Step :
           {1u, 2u, 3u, uint32_t(R.range(4, 20)), uint32_t(R.range(21, 60)),
            uint32_t(R.range(61, 200))})
        if (I + Step < End)
          Calls(I, 1, [&] { return I + Step; });
      if (R.chance(700) && I % Len >= 1)
        plainLookup(I, I / 250 * 250 + 1);
    }
    break;
  }
  case Shape::Islands: {
    // Systems of 50: one entry, one control-plane service, calls inside.
    const uint32_t Size = 50;
    Fill([&](uint32_t I) {
      return I % Size == 0   ? Role::Gateway
             : I % Size == 1 ? Role::ControlPlane
                             : Role::Regular;
    });
    for (uint32_t I = 0; I < N; ++I) {
      if (Services[I].R == Role::ControlPlane)
        continue;
      uint32_t Lo = I / Size * Size, Hi = std::min(N, Lo + Size);
      Calls(I, unsigned(R.range(4, 12)),
            [&] { return uint32_t(R.range(Lo, Hi - 1)); });
      if (R.chance(700) && Lo + 1 < Hi)
        plainLookup(I, Lo + 1);
    }
    break;
  }
  }
  for (uint32_t I = 0; I < N; ++I)
    recovers(I);
}

void Generator::run() {
  if (TheShape != Shape::Company) {
    runShape();
    return;
  }
  layout();
  for (uint32_t I = 0; I < N; ++I) {
    calls(I);
    lookups(I);
  }
  for (uint32_t I = 0; I < N; ++I)
    recovers(I);
  cycles();
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

/// Writes YAML (block services, flow edge items, as people write them) or
/// JSON (one edge object per line) into one string.
class Writer {
public:
  Writer(const std::vector<Service> &Services, bool Json)
      : Services(Services), Json(Json) {}

  std::string write(uint32_t N, uint64_t Seed) {
    Out.reserve(size_t(N) * 640);
    std::string Title =
        "bench-" + std::to_string(N) + "-seed" + std::to_string(Seed);
    if (Json) {
      Out += "{\n  \"chokepoint\": 1,\n  \"name\": \"" + Title +
             "\",\n  \"services\": {";
      for (size_t I = 0; I < Services.size(); ++I)
        service(Services[I], I == 0);
      Out += "\n  }\n}\n";
    } else {
      Out += "# Generated by chokepoint-gen --services " + std::to_string(N) +
             " --seed " + std::to_string(Seed) +
             "\nchokepoint: 1\nname: " + Title + "\nservices:\n";
      for (const Service &S : Services)
        service(S, false);
    }
    return std::move(Out);
  }

private:
  // Fields of one mapping: "k: v" (YAML) or "\"k\": v" (JSON).
  void key(std::string_view K) {
    if (Json) {
      Out += '"';
      Out += K;
      Out += "\": ";
    } else {
      Out += K;
      Out += ": ";
    }
  }
  void str(std::string_view S) {
    if (Json)
      Out += '"';
    Out += S;
    if (Json)
      Out += '"';
  }
  void num(uint64_t X) { Out += std::to_string(X); }

  /// A flow mapping `{a: 1, b: 2}`, valid JSON when keys are quoted.
  class Flow {
  public:
    explicit Flow(Writer &W) : W(W) { W.Out += '{'; }
    ~Flow() { W.Out += '}'; }
    Writer &field(std::string_view K) {
      if (!First)
        W.Out += ", ";
      First = false;
      W.key(K);
      return W;
    }

  private:
    Writer &W;
    bool First = true;
  };

  void target(const Edge &E) {
    std::string T = Services[E.To].Name;
    if (E.ToComponent >= 0) {
      // Appended piece by piece: `"." + std::string(...)` trips GCC 12's
      // false positive -Wrestrict at -O3.
      T += '.';
      T += RoleName[size_t(E.ToComponent)];
    }
    str(T);
  }

  void edge(const Edge &E, bool Recovery) {
    if (E.Short) {
      target(E);
      return;
    }
    Flow F(*this);
    F.field("to");
    target(E);
    bool DefaultKind = Recovery ? E.K == Kind::Retry : E.K == Kind::Call;
    if (!DefaultKind || (Recovery && E.Trigger == 0)) {
      F.field("kind");
      str(KindName[size_t(E.K)]);
    }
    if (E.Attempts != 1) {
      F.field("attempts");
      num(E.Attempts ? E.Attempts : 1);
    }
    if (E.Backoff != BackoffKind::Unset) {
      F.field("backoff");
      str(E.Backoff == BackoffKind::None    ? "none"
          : E.Backoff == BackoffKind::Fixed ? "fixed"
                                            : "exponential");
    }
    if (E.Jitter) {
      F.field("jitter");
      Out += "true";
    }
    if (E.Budget >= 0) {
      F.field("budget");
      Out += Budgets[size_t(E.Budget)];
    }
    if (E.RateLimit) {
      F.field("rate_limit");
      num(E.RateLimit);
    }
    if (E.TimeoutMs) {
      F.field("timeout_ms");
      num(E.TimeoutMs);
    }
    if (E.Fanout) {
      F.field("fanout");
      num(E.Fanout);
    }
    if (E.viaCount()) {
      F.field("via");
      Out += '[';
      for (unsigned H = 0; H < E.viaCount(); ++H) {
        if (H)
          Out += ", ";
        str(RoleName[size_t(E.Via[H])]);
      }
      Out += ']';
    }
    if (Recovery && E.Trigger >= 0) {
      F.field("on");
      str(Triggers[size_t(E.Trigger)]);
    }
  }

  /// A `calls` or `recovers` list. The service always has a `replicas`
  /// field first, so in JSON the list always follows a field.
  void edges(std::string_view Name, const std::vector<Edge> &List,
             bool Recovery) {
    if (List.empty())
      return;
    if (Json) {
      Out += ",\n      \"";
      Out += Name;
      Out += "\": [";
      for (size_t I = 0; I < List.size(); ++I) {
        Out += I ? ",\n        " : "\n        ";
        edge(List[I], Recovery);
      }
      Out += "\n      ]";
      return;
    }
    Out += "    ";
    Out += Name;
    Out += ":\n";
    for (const Edge &E : List) {
      Out += "      - ";
      edge(E, Recovery);
      Out += '\n';
    }
  }

  /// One `key: value` line of a service (YAML) or `"key": value` (JSON).
  template <typename Fn> void line(std::string_view K, Fn &&Value) {
    if (Json) {
      Out += FirstField ? "\n      " : ",\n      ";
    } else {
      Out += "    ";
    }
    FirstField = false;
    key(K);
    Value();
    if (!Json)
      Out += '\n';
  }

  void service(const Service &S, bool First) {
    if (Json) {
      Out += First ? "\n    \"" : ",\n    \"";
      Out += S.Name;
      Out += "\": {";
    } else {
      Out += "  ";
      Out += S.Name;
      Out += ":\n";
    }
    FirstField = true;
    if (S.R == Role::Gateway)
      line("entry", [&] { str("customer"); });
    if (S.DeclaredControl)
      line("plane", [&] { str("control"); });
    line("replicas", [&] { num(S.Replicas); });
    if (S.Stateful) {
      line("stateful", [&] { Out += "true"; });
      line("drain_seconds", [&] { num(S.DrainSeconds); });
      if (S.GraceSeconds)
        line("grace_seconds", [&] { num(S.GraceSeconds); });
      if (S.DrainGuard)
        line("drain_guard", [&] { Out += "true"; });
      if (S.Population)
        line("population", [&] { num(S.Population); });
    }
    if (S.Capacity)
      line("capacity", [&] { num(S.Capacity); });
    if (S.Zone >= 0)
      line("zone", [&] { str(Zones[size_t(S.Zone)]); });
    if (!S.Components.empty()) {
      if (Json) {
        Out += FirstField ? "\n      " : ",\n      ";
        FirstField = false;
        Out += "\"components\": {";
        for (size_t I = 0; I < S.Components.size(); ++I) {
          Out += I ? ",\n        " : "\n        ";
          component(S.Components[I]);
        }
        Out += "\n      }";
      } else {
        Out += "    components:\n";
        for (const Component &C : S.Components) {
          Out += "      ";
          component(C);
          Out += '\n';
        }
      }
    }
    edges("calls", S.Calls, false);
    edges("recovers", S.Recovers, true);
    if (Json)
      Out += "\n    }";
  }

  void component(const Component &C) {
    str(RoleName[C.Role]);
    Out += ": ";
    Flow F(*this);
    F.field("kind");
    str(RoleKind[C.Role]);
    if (C.Owners != 1 || C.Role == ConnSupervisor) {
      F.field("owners");
      num(C.Owners);
    }
  }

  const std::vector<Service> &Services;
  bool Json;
  bool FirstField = true;
  std::string Out;
};

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

[[noreturn]] void usage(int Code) {
  std::fputs(
      "Usage: chokepoint-gen --services N [--seed S] [--shape NAME] [--out "
      "FILE] [--json]\n"
      "\n"
      "Writes a synthetic native-format topology of N services (about ten\n"
      "graph edges per service after via expansion), the same bytes for the\n"
      "same N and seed. A summary line (services, nodes, edges) goes to\n"
      "standard error.\n"
      "\n"
      "  --services N   number of services (at least 25; default 1000)\n"
      "  --seed S       random seed (default 1)\n"
      "  --shape NAME   company (default: tiers, hubs, a few gateways),\n"
      "                 uniform (random calls, one giant cycle), hub\n"
      "                 (hub-and-spoke, thousands of entries), chain (deep\n"
      "                 chains) or islands (many small disjoint systems)\n"
      "  --out FILE     output file (default: standard output)\n"
      "  --json         write JSON instead of YAML\n",
      Code ? stderr : stdout);
  std::exit(Code);
}

uint64_t parseNumber(const char *Flag, const char *Text, uint64_t Max) {
  char *End = nullptr;
  errno = 0;
  unsigned long long X = std::strtoull(Text, &End, 10);
  if (!*Text || *End || errno || X > Max || Text[0] == '-') {
    std::fprintf(stderr,
                 "chokepoint-gen: error: %s expects a number up to "
                 "%llu, found '%s'\n",
                 Flag, (unsigned long long)Max, Text);
    std::exit(2);
  }
  return X;
}

} // namespace

int main(int Argc, char **Argv) {
  uint64_t N = 1000, Seed = 1;
  std::string OutFile;
  bool Json = false;
  Shape TheShape = Shape::Company;
  for (int I = 1; I < Argc; ++I) {
    std::string_view A = Argv[I];
    auto Value = [&]() -> const char * {
      if (I + 1 >= Argc) {
        std::fprintf(stderr, "chokepoint-gen: error: %s needs a value\n",
                     Argv[I]);
        std::exit(2);
      }
      return Argv[++I];
    };
    if (A == "--services")
      N = parseNumber("--services", Value(), 10'000'000);
    else if (A == "--seed")
      Seed = parseNumber("--seed", Value(), UINT64_MAX);
    else if (A == "--out" || A == "-o")
      OutFile = Value();
    else if (A == "--json")
      Json = true;
    else if (A == "--shape") {
      std::string_view Name = Value();
      auto It = std::find(ShapeName.begin(), ShapeName.end(), Name);
      if (It == ShapeName.end()) {
        std::fprintf(stderr,
                     "chokepoint-gen: error: unknown shape '%.*s' (company, "
                     "uniform, hub, chain or islands)\n",
                     int(Name.size()), Name.data());
        std::exit(2);
      }
      TheShape = Shape(It - ShapeName.begin());
    } else if (A == "--help" || A == "-h")
      usage(0);
    else {
      std::fprintf(stderr, "chokepoint-gen: error: unknown option '%s'\n",
                   Argv[I]);
      usage(2);
    }
  }

  if (TheShape != Shape::Company && N < 100) {
    std::fprintf(stderr, "chokepoint-gen: error: --services must be at least "
                         "100 for --shape\n");
    return 2;
  }
  Generator G(uint32_t(N), Seed, TheShape);
  G.run();
  std::string Text = Writer(G.Services, Json).write(uint32_t(N), Seed);

  FILE *F = OutFile.empty() || OutFile == "-"
                ? stdout
                : std::fopen(OutFile.c_str(), "wb");
  if (!F) {
    std::fprintf(stderr, "chokepoint-gen: error: cannot write '%s': %s\n",
                 OutFile.c_str(), std::strerror(errno));
    return 2;
  }
  bool Ok = std::fwrite(Text.data(), 1, Text.size(), F) == Text.size();
  Ok = (F == stdout ? std::fflush(F) : std::fclose(F)) == 0 && Ok;
  if (!Ok) {
    std::fprintf(stderr, "chokepoint-gen: error: cannot write '%s'\n",
                 OutFile.empty() ? "-" : OutFile.c_str());
    return 2;
  }
  std::fprintf(stderr,
               "chokepoint-gen: services=%zu nodes=%zu declarations=%zu "
               "edges=%zu bytes=%zu\n",
               G.Services.size(), G.nodes(), G.declarations(), G.edges(),
               Text.size());
  return 0;
}
