//===- analyzer/heap/heap.h - tcmalloc's heap, in 2 MiB pages ---*- C++ -*-===//
//
// A large topology touches half a gigabyte of fresh heap, and in 4 KiB
// pages that is 130,000 page faults: on a virtual machine, where each costs
// a trip through the hypervisor, they were a quarter of a 100k-service run
// (docs/benchmarks.md). Linux gives a process 2 MiB pages where it asks
// for them (madvise(MADV_HUGEPAGE); Debian's default THP mode, "madvise",
// gives them to no one else), 512 times fewer faults for the same memory.
//
// Only with tcmalloc, whose system allocator can be wrapped: every span of
// memory it takes from the system is advised. Without tcmalloc, or on a
// kernel without transparent huge pages, nothing changes.
//
// And the memory a phase frees can be handed back to the system before the
// next one allocates (analyzer/support/memory.h says where and why).
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_HEAP_HEAP_H
#define CHOKEPOINT_ANALYZER_HEAP_HEAP_H

namespace chokepoint {

/// Asks the kernel for 2 MiB pages for all heap memory tcmalloc takes from
/// the system from now on. Call first thing in main. Returns whether the
/// advice is being given (false: no transparent huge pages here, or THP set
/// to "never").
bool adviseHugePages();

/// Returns the free memory tcmalloc holds to the system (what
/// releaseFreeMemory in analyzer/support/memory.h calls in the program).
void releaseFreeHeap();

} // namespace chokepoint

#endif
