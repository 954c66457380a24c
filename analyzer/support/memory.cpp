//===- analyzer/support/memory.cpp - Freed memory back to the system ------===//

#include "analyzer/support/memory.h"

#include <atomic>

namespace chokepoint {

namespace {
std::atomic<ReleaseFn> Release{nullptr};
} // namespace

void setReleaseFreeMemory(ReleaseFn F) { Release.store(F); }

void releaseFreeMemory() {
  if (ReleaseFn F = Release.load())
    F();
}

} // namespace chokepoint
