//===- test/unit/graph_test.cpp - The graph model -------------------------===//

#include "graphs/graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace chokepoint;

namespace {

NodeId addService(GraphBuilder &B, const std::string &Id, uint64_t Owners = 1) {
  NodeProps P;
  P.id = Id;
  P.owners = Owners;
  return B.addNode(P);
}

SourceLoc line(uint32_t L) { return {1, L, 1}; }

TEST(Graph, ViaChainMultipliesOnce) {
  GraphBuilder B;
  NodeId S = addService(B, "s");
  NodeProps Pool;
  Pool.id = "s.pool";
  Pool.type = NodeType::Component;
  NodeId A = B.addNode(Pool);
  NodeId T = addService(B, "t", 3);
  Declaration D;
  D.attempts = 3;
  std::vector<GraphBuilder::HopTarget> Hops = {{A, line(10)}, {T, line(11)}};
  uint32_t Decl = B.addDeclaration(S, EdgeKind::Retry, D, Hops);
  Graph G = B.build();
  ASSERT_EQ(G.hops(Decl).size(), 2u);
  EdgeId E1 = G.hops(Decl)[0], E2 = G.hops(Decl)[1];
  EXPECT_EQ(G.source(E1), S);
  EXPECT_EQ(G.target(E1), A);
  EXPECT_EQ(G.source(E2), A);
  EXPECT_EQ(G.target(E2), T);
  EXPECT_EQ(G.multiplier(E1), 3u);
  EXPECT_EQ(G.multiplier(E2), 1u);
  EXPECT_EQ(G.kind(E2), EdgeKind::Retry);
  EXPECT_EQ(G.edge(E2).hop, 1u);
  EXPECT_EQ(G.edge(E2).loc, line(11));
  EXPECT_EQ(G.declaration(G.edge(E2).decl).attempts, 3u);
  EXPECT_EQ(G.declarer(Decl), S);
  EXPECT_EQ(G.declarationKind(Decl), EdgeKind::Retry);
  EXPECT_EQ(G.find("s.pool"), A);
  EXPECT_EQ(G.find("nope"), NoNode);
  EXPECT_EQ(G.node(A).service, A) << "no service given: the node is its own";
}

TEST(Graph, DuplicateIdsAreRefused) {
  GraphBuilder B;
  NodeId A = addService(B, "a");
  NodeProps Again;
  Again.id = "a";
  EXPECT_EQ(B.addNodeIfNew(Again), NoNode);
  EXPECT_EQ(B.find("a"), A);
  EXPECT_EQ(B.numNodes(), 1u);
}

/// Three declarations whose hops leave different nodes, so the rows (by
/// source) and the declaration order differ: c's edges come first in the
/// input, a's first in the rows.
Graph interleaved() {
  GraphBuilder B;
  NodeId A = addService(B, "a"), Bn = addService(B, "b"),
         C = addService(B, "c");
  std::vector<GraphBuilder::HopTarget> CToA = {{A, line(1)}};
  std::vector<GraphBuilder::HopTarget> AViaBToC = {{Bn, line(2)}, {C, line(3)}};
  std::vector<GraphBuilder::HopTarget> AToB = {{Bn, line(4)}};
  B.addDeclaration(C, EdgeKind::Call, {}, CToA);
  B.addDeclaration(A, EdgeKind::Lookup, {}, AViaBToC);
  B.addDeclaration(A, EdgeKind::Call, {}, AToB);
  return B.build();
}

TEST(Graph, EdgesListInDeclarationOrder) {
  Graph G = interleaved();
  std::vector<uint32_t> Lines;
  for (EdgeId E : G.edgesInOrder())
    Lines.push_back(G.edge(E).loc.line);
  EXPECT_EQ(Lines, (std::vector<uint32_t>{1, 2, 3, 4}));
  for (uint32_t K = 0; K < G.numEdges(); ++K)
    EXPECT_EQ(G.orderOf(G.edgesInOrder()[K]), K);
}

TEST(Graph, OutAndInEdgesInDeclarationOrder) {
  Graph G = interleaved();
  auto Lines = [&](NodeId V, bool In) {
    std::vector<uint32_t> L;
    auto Add = [&](EdgeId E) { L.push_back(G.edge(E).loc.line); };
    if (In)
      G.forEachIn(V, Add);
    else
      G.forEachOut(V, Add);
    return L;
  };
  NodeId A = G.find("a"), Bn = G.find("b"), C = G.find("c");
  EXPECT_EQ(Lines(A, false), (std::vector<uint32_t>{2, 4}));
  EXPECT_EQ(Lines(Bn, false), (std::vector<uint32_t>{3}));
  EXPECT_EQ(Lines(C, false), (std::vector<uint32_t>{1}));
  EXPECT_EQ(Lines(Bn, true), (std::vector<uint32_t>{2, 4}));
  EXPECT_EQ(Lines(A, true), (std::vector<uint32_t>{1}));
  // Boost sees the same edges.
  EXPECT_EQ(boost::in_degree(Bn, G.impl()), 2u);
  for (auto [I, End] = boost::edges(G.impl()); I != End; ++I) {
    EdgeId E = boost::get(boost::edge_index, G.impl(), *I);
    EXPECT_EQ(boost::source(*I, G.impl()), G.source(E));
    EXPECT_EQ(boost::target(*I, G.impl()), G.target(E));
  }
}

TEST(Graph, NoPhantomVertices) {
  GraphBuilder B;
  B.reserve(100, 100, 100);
  addService(B, "only");
  Graph G = B.build();
  EXPECT_EQ(G.numNodes(), 1u);
  EXPECT_EQ(boost::num_vertices(G.impl()), 1u);
}

// The id index holds views of the nodes' ids; a moved graph must find its
// nodes, short ids (kept inside the string) included.
TEST(Graph, MovedGraphFindsItsNodes) {
  Graph G;
  {
    GraphBuilder B;
    for (int I = 0; I < 1000; ++I)
      addService(B, "s" + std::to_string(I));
    Graph Built = B.build();
    G = std::move(Built);
  }
  Graph Moved(std::move(G));
  ASSERT_EQ(Moved.numNodes(), 1000u);
  for (NodeId V = 0; V < Moved.numNodes(); ++V)
    ASSERT_EQ(Moved.find("s" + std::to_string(V)), V);
}

TEST(Graph, EmptyGraph) {
  Graph G;
  EXPECT_EQ(G.numNodes(), 0u);
  EXPECT_EQ(G.numEdges(), 0u);
  EXPECT_EQ(G.find("x"), NoNode);
  Graph Built = GraphBuilder().build();
  EXPECT_EQ(Built.numNodes(), 0u);
  EXPECT_TRUE(Built.edgesInOrder().empty());
}

} // namespace
