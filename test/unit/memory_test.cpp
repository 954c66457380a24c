//===- test/unit/memory_test.cpp - releaseFreeMemory's hook ---------------===//

#include "analyzer/support/memory.h"

#include <gtest/gtest.h>

namespace {

int Calls = 0;
void countCall() { ++Calls; }

TEST(ReleaseFreeMemory, CallsTheInstalledReleaseAndNothingOnceRemoved) {
  Calls = 0;
  chokepoint::setReleaseFreeMemory(countCall);
  chokepoint::releaseFreeMemory();
  chokepoint::releaseFreeMemory();
  EXPECT_EQ(Calls, 2);
  chokepoint::setReleaseFreeMemory(nullptr);
  chokepoint::releaseFreeMemory();
  EXPECT_EQ(Calls, 2);
}

} // namespace
