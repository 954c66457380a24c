//===- analyzer/heap/huge_pages.h - The heap in 2 MiB pages -----*- C++ -*-===//
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
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_HEAP_HUGE_PAGES_H
#define CHOKEPOINT_ANALYZER_HEAP_HUGE_PAGES_H

namespace chokepoint {

/// Asks the kernel for 2 MiB pages for all heap memory tcmalloc takes from
/// the system from now on. Call first thing in main. Returns whether the
/// advice is being given (false: no transparent huge pages here, or THP set
/// to "never").
bool adviseHugePages();

} // namespace chokepoint

#endif
