//===- graphs/walks.cpp - Breadth-first walks and witness paths -----------===//

#include "graphs/walks.h"

#include <algorithm>
#include <cassert>
#include <tuple>

namespace chokepoint {

namespace {

/// Level-synchronous search. Forward follows edges; backward walks them
/// against their direction.
Reach search(const Graph &G, const std::vector<NodeId> &Sources,
             const EdgeFilter &On, bool Backward) {
  Reach R;
  R.Dist.assign(G.numNodes(), Unreached);
  R.Parent.assign(G.numNodes(), NoEdge);
  std::vector<NodeId> Frontier, Next;
  for (NodeId S : Sources)
    if (R.Dist[S] == Unreached) {
      R.Dist[S] = 0;
      Frontier.push_back(S);
    }
  for (uint32_t Level = 0; !Frontier.empty(); ++Level) {
    Next.clear();
    for (NodeId U : Frontier) {
      auto Visit = [&](EdgeId E, NodeId W) {
        if (!On[E])
          return;
        if (R.Dist[W] != Unreached)
          return;
        R.Dist[W] = Level + 1;
        R.Parent[W] = E;
        Next.push_back(W);
      };
      if (Backward)
        G.forEachIn(U, Visit);
      else
        G.forEachOut(U, Visit);
    }
    std::swap(Frontier, Next);
  }
  return R;
}

} // namespace

Reach searchForward(const Graph &G, const std::vector<NodeId> &Sources,
                    const EdgeFilter &On) {
  return search(G, Sources, On, false);
}

Reach searchBackward(const Graph &G, const std::vector<NodeId> &Sources,
                     const EdgeFilter &On) {
  return search(G, Sources, On, true);
}

Path pathFromSource(const Graph &G, const Reach &R, NodeId V) {
  assert(R.reached(V));
  Path P;
  for (NodeId X = V;;) {
    EdgeId E = R.Parent[X];
    if (E == NoEdge) {
      P.Start = X;
      break;
    }
    P.Hops.push_back(E);
    X = G.source(E);
  }
  std::reverse(P.Hops.begin(), P.Hops.end());
  return P;
}

Path pathToSource(const Graph &G, const Reach &R, NodeId V) {
  assert(R.reached(V));
  Path P;
  P.Start = V;
  for (NodeId X = V; R.Parent[X] != NoEdge; X = G.target(R.Parent[X]))
    P.Hops.push_back(R.Parent[X]);
  return P;
}

std::vector<NodeId> byLoad(const Graph &G, std::vector<NodeId> Nodes) {
  // The order of carriesMore, sorted on keys side by side: a comparison
  // reads two keys, not two nodes' properties (a cache miss each on a large
  // graph), and an id's first eight bytes, big-endian, order most ids
  // without reading them. Equal prefixes fall back to the whole ids.
  struct Key {
    uint64_t Owners;
    uint64_t Prefix;
    std::string_view Id;
    NodeId Node;
  };
  std::vector<Key> Keys;
  Keys.reserve(Nodes.size());
  for (NodeId V : Nodes) {
    const NodeProps &P = G.node(V);
    uint64_t Prefix = 0;
    for (size_t I = 0; I < 8; ++I)
      Prefix =
          Prefix << 8 |
          (I < P.id.size() ? uint64_t(static_cast<unsigned char>(P.id[I])) : 0);
    Keys.push_back({P.owners, Prefix, P.id, V});
  }
  std::sort(Keys.begin(), Keys.end(), [](const Key &A, const Key &B) {
    if (A.Owners != B.Owners)
      return A.Owners > B.Owners;
    if (A.Prefix != B.Prefix)
      return A.Prefix < B.Prefix;
    return A.Id < B.Id;
  });
  for (size_t I = 0; I < Keys.size(); ++I)
    Nodes[I] = Keys[I].Node;
  return Nodes;
}

DependencySearch searchDependencies(const Graph &G,
                                    const std::vector<NodeId> &Sources) {
  DependencySearch S;
  Reach &R = S.After;
  R.Dist.assign(G.numNodes(), Unreached);
  R.Parent.assign(G.numNodes(), NoEdge);
  S.FromSource.assign(G.numNodes(), 0);
  // Level 0 is the sources in their first state; after it, the frontier
  // holds nodes in the second. Filled in the order of the one before, each
  // frontier stays in the order of its paths' starts.
  std::vector<NodeId> Frontier, Next;
  std::vector<uint8_t> Started(G.numNodes(), 0);
  for (NodeId X : Sources)
    if (!Started[X]) {
      Started[X] = 1;
      Frontier.push_back(X);
    }
  for (uint32_t Level = 0; !Frontier.empty(); ++Level) {
    Next.clear();
    for (NodeId U : Frontier)
      G.forEachOut(U, [&](EdgeId E, NodeId T) {
        EdgeKind K = G.kind(E);
        if (K != EdgeKind::Lookup && (Level == 0 || !isTraffic(K)))
          return;
        if (R.Dist[T] != Unreached)
          return;
        R.Dist[T] = Level + 1;
        R.Parent[T] = E;
        S.FromSource[T] = Level == 0;
        Next.push_back(T);
      });
    std::swap(Frontier, Next);
  }
  return S;
}

Path dependencyPath(const Graph &G, const DependencySearch &S, NodeId V) {
  assert(S.reached(V));
  Path P;
  for (NodeId X = V;;) {
    EdgeId E = S.After.Parent[X];
    P.Hops.push_back(E);
    bool Done = S.FromSource[X];
    X = G.source(E);
    if (Done) {
      P.Start = X;
      break;
    }
  }
  std::reverse(P.Hops.begin(), P.Hops.end());
  return P;
}

std::vector<NodeId> customerEntries(const Graph &G) {
  std::vector<NodeId> Entries;
  for (NodeId V = 0; V < G.numNodes(); ++V)
    if (G.node(V).entry)
      Entries.push_back(V);
  return Entries;
}

EdgeFilter controlEdges(const Graph &G) {
  EdgeFilter On(G.numEdges());
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    On[E] = G.kind(E) == EdgeKind::Lookup ||
            G.node(G.target(E)).plane == Plane::Control;
  return On;
}

RecoveryWalk walkRecovery(const Graph &G, const std::vector<uint32_t> &Decls,
                          bool ChainExpands) {
  size_t N = G.numNodes();
  RecoveryWalk W;
  W.ChainDist.assign(N, Unreached);
  W.ChainParent.assign(N, NoEdge);
  W.SeedDist.assign(N, Unreached);
  W.SeedParent.assign(N, NoEdge);
  W.WalkDist.assign(N, Unreached);
  W.WalkParent.assign(N, NoEdge);
  W.WalkFromSeed.assign(N, 0);

  // The declaring nodes, ranked by the load their paths carry.
  std::vector<NodeId> Declarers;
  for (uint32_t D : Decls)
    Declarers.push_back(G.declarer(D));
  std::sort(Declarers.begin(), Declarers.end());
  Declarers.erase(std::unique(Declarers.begin(), Declarers.end()),
                  Declarers.end());
  Declarers = byLoad(G, std::move(Declarers));
  std::vector<uint32_t> RankOf(N, 0);
  for (uint32_t I = 0; I < Declarers.size(); ++I)
    RankOf[Declarers[I]] = I;

  // Seeds: every hop's target, at distance hop+1, taken in level order
  // (ties go to the declaring node that carries more load, then to the hop
  // declared first).
  struct Seed {
    uint32_t Dist;
    uint32_t Rank;  ///< its declaring node's place in byLoad order
    uint32_t Order; ///< the hop's place in declaration order
    EdgeId Hop;
    bool Expands;
  };
  std::vector<Seed> Seeds;
  for (uint32_t D : Decls) {
    std::span<const EdgeId> Hops = G.hops(D);
    for (unsigned I = 0; I < Hops.size(); ++I)
      Seeds.push_back({I + 1, RankOf[G.declarer(D)], G.orderOf(Hops[I]),
                       Hops[I], ChainExpands || I + 1 == Hops.size()});
  }
  std::sort(Seeds.begin(), Seeds.end(), [](const Seed &A, const Seed &B) {
    return std::tie(A.Dist, A.Rank, A.Order) <
           std::tie(B.Dist, B.Rank, B.Order);
  });

  // A frontier entry is a node, whether it expands from its Seed state, and
  // the rank of the start of the path that brought it. A frontier is sorted
  // by rank: the walk fills the next one in the order of the current one.
  struct Item {
    NodeId Node;
    bool FromSeed;
    uint32_t Rank;
  };
  size_t NextSeed = 0;
  // The expanding seeds of a level, sorted by rank; chain seeds are only
  // recorded.
  auto TakeSeeds = [&](uint32_t Level, std::vector<Item> &Into) {
    for (; NextSeed < Seeds.size() && Seeds[NextSeed].Dist == Level;
         ++NextSeed) {
      const Seed &S = Seeds[NextSeed];
      NodeId T = G.target(S.Hop);
      if (!S.Expands) {
        if (W.ChainDist[T] == Unreached) {
          W.ChainDist[T] = Level;
          W.ChainParent[T] = S.Hop;
        }
        continue;
      }
      if (W.SeedDist[T] != Unreached)
        continue;
      W.SeedDist[T] = Level;
      W.SeedParent[T] = S.Hop;
      Into.push_back({T, true, S.Rank});
    }
  };
  // Multi-owner nodes expand once, from whichever state reached them first,
  // the better-ranked when both did at one level; a single owner expands
  // only as a seed (once: its Seed state is set once).
  std::vector<uint8_t> Expanded(N, 0);
  std::vector<Item> Frontier, Next, Seeded, Walked;
  auto Admit = [&](const Item &I) {
    if (G.node(I.Node).singleOwner() ? I.FromSeed : !Expanded[I.Node]) {
      Expanded[I.Node] = 1;
      Next.push_back(I);
    }
  };
  uint32_t Level = 0;
  while (!Frontier.empty() || NextSeed < Seeds.size()) {
    Seeded.clear();
    Walked.clear();
    if (Frontier.empty()) {
      Level = Seeds[NextSeed].Dist - 1;
    } else {
      for (const Item &U : Frontier)
        G.forEachOut(U.Node, [&](EdgeId E, NodeId T) {
          if (!isTraffic(G.kind(E)) || W.WalkDist[T] != Unreached)
            return;
          W.WalkDist[T] = Level + 1;
          W.WalkParent[T] = E;
          W.WalkFromSeed[T] = U.FromSeed;
          // A single owner serialises what reaches it: the walk stops there.
          if (!G.node(T).singleOwner())
            Walked.push_back({T, false, U.Rank});
        });
    }
    TakeSeeds(Level + 1, Seeded);
    // Both lists are sorted by rank; merged, seeds first on a tie.
    Next.clear();
    size_t I = 0, J = 0;
    while (I < Seeded.size() || J < Walked.size())
      Admit(J == Walked.size() ||
                    (I < Seeded.size() && Seeded[I].Rank <= Walked[J].Rank)
                ? Seeded[I++]
                : Walked[J++]);
    std::swap(Frontier, Next);
    ++Level;
  }
  return W;
}

Path declarationPrefix(const Graph &G, uint32_t D, unsigned Hop) {
  std::span<const EdgeId> Hops = G.hops(D);
  Path P;
  P.Start = G.declarer(D);
  P.Hops.assign(Hops.begin(), Hops.begin() + Hop + 1);
  return P;
}

namespace {
/// The path a recovery walk's parents give for V in one of its states.
Path recoveryPathIn(const Graph &G, const RecoveryWalk &W, NodeId V,
                    int State) {
  auto Prefix = [&](EdgeId Hop) {
    return declarationPrefix(G, G.edge(Hop).decl, G.edge(Hop).hop);
  };
  if (State == 0)
    return Prefix(W.ChainParent[V]);
  if (State == 1)
    return Prefix(W.SeedParent[V]);
  std::vector<EdgeId> Walked;
  NodeId X = V;
  for (;;) {
    EdgeId E = W.WalkParent[X];
    Walked.push_back(E);
    bool FromSeed = W.WalkFromSeed[X];
    X = G.source(E);
    if (FromSeed)
      break; // X expanded as a seed; otherwise from its Walk state
  }
  Path P = Prefix(W.SeedParent[X]);
  P.Hops.insert(P.Hops.end(), Walked.rbegin(), Walked.rend());
  return P;
}
} // namespace

Path pathTo(const Graph &G, const RecoveryWalk &W, NodeId V) {
  assert(W.reached(V));
  uint32_t D = W.dist(V);
  const uint32_t Dists[] = {W.ChainDist[V], W.SeedDist[V], W.WalkDist[V]};
  Path Best;
  for (int State = 0; State < 3; ++State) {
    if (Dists[State] != D)
      continue;
    Path P = recoveryPathIn(G, W, V, State);
    if (Best.empty() || carriesMore(G, P.Start, Best.Start))
      Best = std::move(P);
  }
  return Best;
}

Path shortestCycleThrough(const Graph &G, const Components &SCC,
                          const EdgeFilter &On, NodeId Start,
                          const std::function<bool(EdgeId)> &Pick) {
  // A cycle through a picked edge U -> W is the path Start..U, the edge, and
  // W..Start: its length From[U] + 1 + To[W]. Both searches stay inside the
  // component, their distances indexed by rank there (a graph of many small
  // cycles costs one small search per cycle).
  uint32_t C = SCC.Of[Start];
  size_t Size = SCC.Start[C + 1] - SCC.Start[C];
  std::vector<uint32_t> From(Size, Unreached), To(Size, Unreached);
  auto Rank = [&](NodeId V) { return SCC.Rank[V]; };
  auto Inside = [&](EdgeId E, NodeId W) { return On[E] && SCC.Of[W] == C; };

  EdgeId Best = NoEdge;
  uint64_t BestLen = UINT64_MAX;
  // Each edge is weighed once both its ends have their distances: when the
  // later of the two is found.
  auto Weigh = [&](EdgeId E, NodeId U, NodeId W) {
    if (!Pick(E))
      return;
    uint64_t Len = uint64_t(From[Rank(U)]) + 1 + To[Rank(W)];
    if (Len < BestLen || (Len == BestLen && G.orderOf(E) < G.orderOf(Best))) {
      BestLen = Len;
      Best = E;
    }
  };
  auto FoundFrom = [&](NodeId U, uint32_t D) {
    From[Rank(U)] = D;
    G.forEachOut(U, [&](EdgeId E, NodeId W) {
      if (Inside(E, W) && To[Rank(W)] != Unreached)
        Weigh(E, U, W);
    });
  };
  auto FoundTo = [&](NodeId W, uint32_t D) {
    To[Rank(W)] = D;
    G.forEachIn(W, [&](EdgeId E, NodeId U) {
      if (Inside(E, U) && From[Rank(U)] != Unreached)
        Weigh(E, U, W);
    });
  };
  To[Rank(Start)] = 0;
  FoundFrom(Start, 0);

  // Every node within Level of Start (of a side) has its distance; an edge
  // not yet weighed has an end beyond one side's Level, so its cycle is at
  // least Level + 2 long.
  struct Side {
    bool Forward;
    uint32_t Level = 0;
    std::vector<NodeId> Frontier, Next;
    uint64_t bound() const {
      return Frontier.empty() ? UINT64_MAX : uint64_t(Level) + 2;
    }
  } Fwd{true, 0, {Start}, {}}, Bwd{false, 0, {Start}, {}};
  while (!Fwd.Frontier.empty() || !Bwd.Frontier.empty()) {
    if (BestLen < std::min(Fwd.bound(), Bwd.bound()))
      break;
    // The bound rises with the lower Level: grow that side (the smaller
    // frontier on a tie).
    bool GrowFwd =
        Bwd.Frontier.empty() ||
        (!Fwd.Frontier.empty() &&
         (Fwd.Level != Bwd.Level ? Fwd.Level < Bwd.Level
                                 : Fwd.Frontier.size() <= Bwd.Frontier.size()));
    Side &S = GrowFwd ? Fwd : Bwd;
    uint32_t D = S.Level + 1;
    S.Next.clear();
    for (NodeId X : S.Frontier) {
      auto Visit = [&](EdgeId E, NodeId Y) {
        if (!Inside(E, Y))
          return;
        if (S.Forward ? From[Rank(Y)] != Unreached : To[Rank(Y)] != Unreached)
          return;
        S.Next.push_back(Y);
        if (S.Forward)
          FoundFrom(Y, D);
        else
          FoundTo(Y, D);
      };
      if (S.Forward)
        G.forEachOut(X, Visit);
      else
        G.forEachIn(X, Visit);
    }
    S.Frontier.swap(S.Next);
    S.Level = D;
  }
  if (Best == NoEdge)
    return {};
  Path P = pathInside(G, SCC, C, On, Start, G.source(Best));
  P.Start = Start;
  P.Hops.push_back(Best);
  Path Back = pathInside(G, SCC, C, On, G.target(Best), Start);
  P.Hops.insert(P.Hops.end(), Back.Hops.begin(), Back.Hops.end());
  return P;
}

Path pathInside(const Graph &G, const Components &SCC, uint32_t C,
                const EdgeFilter &On, NodeId From, NodeId To) {
  Path P;
  P.Start = From;
  if (From == To)
    return P;
  // Parent edge of each member reached, by rank; NoEdge until then.
  std::vector<EdgeId> Parent(SCC.Start[C + 1] - SCC.Start[C], NoEdge);
  auto Seen = [&](NodeId V) {
    return V == From || Parent[SCC.Rank[V]] != NoEdge;
  };
  std::vector<NodeId> Queue{From};
  for (size_t I = 0; I < Queue.size() && !Seen(To); ++I)
    G.forEachOut(Queue[I], [&](EdgeId E, NodeId W) {
      if (!On[E] || SCC.Of[W] != C || Seen(W))
        return;
      Parent[SCC.Rank[W]] = E;
      Queue.push_back(W);
    });
  assert(Seen(To) && "both ends are in one component");
  for (NodeId X = To; X != From; X = G.source(Parent[SCC.Rank[X]]))
    P.Hops.push_back(Parent[SCC.Rank[X]]);
  std::reverse(P.Hops.begin(), P.Hops.end());
  return P;
}

} // namespace chokepoint
