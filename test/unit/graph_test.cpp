//===- test/unit/graph_test.cpp - The graph model -------------------------===//

#include "graphs/graph.h"

#include <gtest/gtest.h>

using namespace chokepoint;

namespace {

NodeId addService(Graph &G, const std::string &Id, uint64_t Owners = 1) {
  NodeProps P;
  P.id = Id;
  P.owners = Owners;
  return G.addNode(P);
}

TEST(Graph, ViaChainMultipliesOnce) {
  Graph G;
  NodeId S = addService(G, "s");
  NodeProps Pool;
  Pool.id = "s.pool";
  Pool.type = NodeType::Component;
  NodeId A = G.addNode(Pool);
  NodeId T = addService(G, "t", 3);
  Declaration D;
  D.source = S;
  uint32_t Decl = G.beginDeclaration(D);
  EdgeProps P;
  P.attempts = 3;
  EdgeId E1 = G.addHop(S, A, P);
  EdgeId E2 = G.addHop(A, T, P);
  EXPECT_EQ(G.edge(E1).multiplier, 3u);
  EXPECT_EQ(G.edge(E2).multiplier, 1u);
  EXPECT_EQ(G.edge(E2).attempts, 3u);
  EXPECT_EQ(G.edge(E2).hop, 1u);
  EXPECT_EQ(G.declaration(Decl).hopCount, 2u);
  EXPECT_EQ(G.declaration(Decl).target, T);
  EXPECT_EQ(G.find("s.pool"), A);
  EXPECT_EQ(G.find("nope"), NoNode);
  EXPECT_EQ(G.node(A).service, A) << "no service given: the node is its own";
}

TEST(Graph, EdgePropertiesSurviveGrowth) {
  // Edge descriptors are kept across many insertions.
  Graph G;
  NodeId A = addService(G, "a"), B = addService(G, "b");
  for (int I = 0; I < 10000; ++I) {
    G.beginDeclaration({});
    EdgeProps P;
    P.attempts = uint32_t(I + 1);
    G.addHop(A, B, P);
  }
  for (EdgeId E = 0; E < G.numEdges(); ++E)
    ASSERT_EQ(G.edge(E).attempts, E + 1);
}

} // namespace
