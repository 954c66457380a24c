//===- graphs/graph.cpp - The recovery graph ------------------------------===//

// Copying a directed adjacency_list walks Boost's edge iterators, in which
// GCC 12 sees a maybe-uninitialized optional that is never read. The
// warning points into Boost's header, so it is silenced before the include.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "graphs/graph.h"

#include <algorithm>
#include <cassert>

namespace chokepoint {

Graph::Graph(const Graph &Other)
    : G(Other.G), NumNodes(Other.NumNodes), Src(Other.Src), Dst(Other.Dst), Kinds(Other.Kinds),
      Multipliers(Other.Multipliers), Decls(Other.Decls) {
  indexIds();
  indexEdges();
}

Graph &Graph::operator=(const Graph &Other) {
  if (this != &Other) {
    G = Other.G;
    NumNodes = Other.NumNodes;
    Src = Other.Src;
    Dst = Other.Dst;
    Kinds = Other.Kinds;
    Multipliers = Other.Multipliers;
    AdjacencyValid = false;
    Decls = Other.Decls;
    indexIds();
    indexEdges();
  }
  return *this;
}

void Graph::indexEdges() {
  Edges.assign(boost::num_edges(G), {});
  for (size_t V = 0; V < boost::num_vertices(G); ++V)
    for (auto [I, E] = boost::out_edges(V, G); I != E; ++I)
      Edges[G[*I].index] = *I;
}

void Graph::buildAdjacency() const {
  size_t N = numNodes(), M = numEdges();
  Adj.OutStart.assign(N + 1, 0);
  Adj.InStart.assign(N + 1, 0);
  for (EdgeId E = 0; E < M; ++E) {
    ++Adj.OutStart[Src[E] + 1];
    ++Adj.InStart[Dst[E] + 1];
  }
  for (size_t V = 0; V < N; ++V) {
    Adj.OutStart[V + 1] += Adj.OutStart[V];
    Adj.InStart[V + 1] += Adj.InStart[V];
  }
  Adj.Out.resize(M);
  Adj.In.resize(M);
  std::vector<uint32_t> O(Adj.OutStart.begin(), Adj.OutStart.end() - 1);
  std::vector<uint32_t> I(Adj.InStart.begin(), Adj.InStart.end() - 1);
  for (EdgeId E = 0; E < M; ++E) {
    Adj.Out[O[Src[E]]++] = E;
    Adj.In[I[Dst[E]]++] = E;
  }
  AdjacencyValid = true;
}

void Graph::reserve(size_t Nodes, size_t NewEdges, size_t Declarations) {
  ById.reserve(ById.size() + Nodes);
  // Boost's adjacency_list cannot reserve vertices, but a new one can be
  // made with them all at once; addNode then fills them in.
  if (boost::num_vertices(G) == 0) {
    Impl Fresh(Nodes);
    G.swap(Fresh);
  }
  size_t M = Src.size() + NewEdges;
  for (auto *V : {&Src, &Dst})
    V->reserve(M);
  Kinds.reserve(M);
  Multipliers.reserve(M);
  Edges.reserve(M);
  Decls.reserve(Decls.size() + Declarations);
}

std::string_view Graph::IdStore::save(std::string_view S) {
  if (Used + S.size() > Capacity) {
    Capacity = std::max<size_t>(S.size(), 64 * 1024);
    Blocks.push_back(std::make_unique<char[]>(Capacity));
    Used = 0;
  }
  char *At = Blocks.back().get() + Used;
  std::copy(S.begin(), S.end(), At);
  Used += S.size();
  return {At, S.size()};
}

void Graph::indexIds() {
  Ids = IdStore();
  ById.clear();
  ById.reserve(NumNodes);
  for (NodeId V = 0; V < NumNodes; ++V)
    ById.emplace(Ids.save(G[V].id), V);
}

NodeId Graph::addNode(NodeProps P) {
  NodeId N = addNodeIfNew(std::move(P));
  assert(N != NoNode && "node ids are unique");
  return N;
}

NodeId Graph::addNodeIfNew(NodeProps P) {
  NodeId N = NodeId(NumNodes);
  std::string_view Key = Ids.save(P.id);
  if (!ById.try_emplace(Key, N).second) {
    Ids.undo(Key);
    return NoNode;
  }
  AdjacencyValid = false;
  if (P.service == NoNode)
    P.service = N;
  if (N < boost::num_vertices(G))
    G[N] = std::move(P);
  else
    boost::add_vertex(std::move(P), G);
  ++NumNodes;
  return N;
}

uint32_t Graph::addDeclaration(Declaration D, EdgeProps P,
                               const std::vector<HopTarget> &Hops) {
  NodeId From = D.source;
  P.kind = D.kind;
  uint32_t Index = beginDeclaration(std::move(D));
  for (const auto &[To, Loc] : Hops) {
    P.loc = Loc;
    addHop(From, To, P);
    From = To;
  }
  return Index;
}

uint32_t Graph::beginDeclaration(Declaration D) {
  D.firstEdge = EdgeId(Edges.size());
  D.hopCount = 0;
  Decls.push_back(std::move(D));
  return uint32_t(Decls.size() - 1);
}

EdgeId Graph::addHop(NodeId From, NodeId To, EdgeProps P) {
  assert(!Decls.empty() && "addHop needs a declaration");
  Declaration &D = Decls.back();
  P.index = EdgeId(Edges.size());
  P.decl = uint32_t(Decls.size() - 1);
  P.hop = D.hopCount++;
  P.multiplier = P.hop == 0 ? P.attempts : 1;
  D.target = To;
  Src.push_back(From);
  Dst.push_back(To);
  Kinds.push_back(P.kind);
  Multipliers.push_back(P.multiplier);
  AdjacencyValid = false;
  Edges.push_back(boost::add_edge(From, To, std::move(P), G).first);
  return EdgeId(Edges.size() - 1);
}

NodeId Graph::find(std::string_view Id) const {
  auto It = ById.find(Id);
  return It == ById.end() ? NoNode : It->second;
}

} // namespace chokepoint
