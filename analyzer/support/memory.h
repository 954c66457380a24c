//===- analyzer/support/memory.h - Freed memory back to the system -*- C++
//-*-===//
//
// A phase that has just freed something large (the parse its documents, the
// build its facts) hands the memory back before the next phase allocates,
// so that a run's peak is the most any one phase holds, not that plus what
// the allocator kept from the phase before. At 100k services that is 33 MiB
// of peak (docs/benchmarks.md).
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
