//===- test/unit/spelling_test.cpp - One spelling table per enum ----------===//

#include "graphs/spelling.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace chokepoint;

namespace {

/// Every row reads back as its value, and no two rows share a spelling.
template <typename E> void roundTrips() {
  std::set<std::string_view> Seen;
  for (const Spelling<E> &S : spellings<E>()) {
    EXPECT_FALSE(S.Name.empty());
    EXPECT_TRUE(Seen.insert(S.Name).second) << S.Name;
    EXPECT_EQ(name(S.Value), S.Name);
    EXPECT_EQ(parse<E>(S.Name), S.Value) << S.Name;
  }
  EXPECT_EQ(parse<E>("no-such-spelling"), std::nullopt);
  EXPECT_EQ(parse<E>(""), std::nullopt);
}

TEST(Spelling, EveryTableRoundTrips) {
  roundTrips<NodeType>();
  roundTrips<ComponentKind>();
  roundTrips<Plane>();
  roundTrips<EdgeKind>();
  roundTrips<Backoff>();
}

TEST(Spelling, EveryEdgeKindHasARow) {
  for (unsigned K = 0; K < NumEdgeKinds; ++K)
    EXPECT_FALSE(name(EdgeKind(K)).empty()) << K;
}

TEST(Spelling, UnspecifiedComponentKindIsNotWritten) {
  EXPECT_EQ(name(ComponentKind::Unspecified), "");
  EXPECT_EQ(parse<ComponentKind>("unspecified"), std::nullopt);
}

std::string names(std::span<const Spelling<EdgeKind>> Rows) {
  std::string S;
  for (const auto &R : Rows)
    S += (S.empty() ? "" : " ") + std::string(R.Name);
  return S;
}

TEST(Spelling, KindGroupsAreRunsOfTheTable) {
  constexpr auto CallItem = kindSpellings(TrafficKinds | ControlKinds);
  EXPECT_EQ(names(CallItem), "call spawn lookup");
  EXPECT_EQ(names(kindSpellings(RecoveryKinds)),
            "retry reconnect restart recreate resync failover");
  EXPECT_EQ(names(kindSpellings(AllKinds)), names(EdgeKindSpellings));
  EXPECT_EQ(parse<EdgeKind>("retry", CallItem), std::nullopt)
      << "a recovery kind is not among a calls item's kinds";
  EXPECT_EQ(parse<EdgeKind>("lookup", CallItem), EdgeKind::Lookup);
}

} // namespace
