//===- analyzer/support/memory.h - Freed memory to the system ---*- C++ -*-===//
//
// Where a phase has just freed something large (the build, its facts,
// before it lays out the graph's rows), the memory is handed back before
// the next allocations, so that the peak is what is live, not that plus
// what the allocator kept. At 100k services (hub shape): 520 -> 490 MiB
// peak, CPU unchanged (docs/benchmarks.md). It is done at the end of the
// parse too (analyzer/tool/load.cpp), where the documents' trees have just
// been freed: with -j 2 there is one per thread, and the build's peak on
// hub fell from 510 to 483 MiB (494 -> 465 with one thread).
//
// Only the program knows its allocator: main installs tcmalloc's release
// (analyzer/heap/heap.h); elsewhere (tests, the C library's malloc) this
// does nothing.
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_SUPPORT_MEMORY_H
#define CHOKEPOINT_ANALYZER_SUPPORT_MEMORY_H

namespace chokepoint {

using ReleaseFn = void (*)();

/// What releaseFreeMemory calls; nullptr (the default) for nothing.
void setReleaseFreeMemory(ReleaseFn F);

/// Gives the heap memory freed so far back to the system, if a release
/// was installed.
void releaseFreeMemory();

} // namespace chokepoint

#endif
