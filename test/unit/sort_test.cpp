//===- test/unit/sort_test.cpp - stableSort
//--------------------------------===//

#include "analyzer/support/sort.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace chokepoint;

namespace {

using Item = std::pair<int, std::string>; // (key, what tells equals apart)

bool byKey(const Item &A, const Item &B) { return A.first < B.first; }

TEST(StableSort, OrdersByTheKeyAndKeepsEqualKeysInTheirOrder) {
  std::vector<Item> V = {{3, "a"}, {1, "b"}, {3, "c"}, {2, "d"},
                         {1, "e"}, {3, "f"}, {2, "g"}};
  stableSort(V, byKey);
  std::vector<Item> Want = {{1, "b"}, {1, "e"}, {2, "d"}, {2, "g"},
                            {3, "a"}, {3, "c"}, {3, "f"}};
  EXPECT_EQ(V, Want);
}

TEST(StableSort, MatchesStdStableSortOnManyEqualKeys) {
  // A pseudo-random sequence with few distinct keys: many ties.
  std::vector<Item> V;
  uint32_t X = 12345;
  for (int I = 0; I < 1000; ++I) {
    X = X * 1103515245u + 12345u;
    V.push_back({int((X >> 16) % 7), std::to_string(I)});
  }
  std::vector<Item> Want = V;
  // The reference, without std::stable_sort: insertion sort is stable.
  for (size_t I = 1; I < Want.size(); ++I)
    for (size_t J = I; J > 0 && byKey(Want[J], Want[J - 1]); --J)
      std::swap(Want[J], Want[J - 1]);
  stableSort(V, byKey);
  EXPECT_EQ(V, Want);
}

TEST(StableSort, MovesElementsThatCannotBeCopied) {
  std::vector<std::unique_ptr<int>> V;
  for (int I : {2, 0, 1})
    V.push_back(std::make_unique<int>(I));
  stableSort(V, [](const std::unique_ptr<int> &A,
                   const std::unique_ptr<int> &B) { return *A < *B; });
  ASSERT_EQ(V.size(), 3u);
  EXPECT_EQ(*V[0], 0);
  EXPECT_EQ(*V[1], 1);
  EXPECT_EQ(*V[2], 2);
}

} // namespace
