//===- analyzer/heap/heap.cpp - tcmalloc's heap, in 2 MiB pages ----------===//

#include "analyzer/heap/heap.h"

#include <gperftools/malloc_extension.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>

namespace chokepoint {

namespace {

/// Whether the kernel would act on MADV_HUGEPAGE: THP built in and not
/// switched off ("[never]").
bool kernelOffersHugePages() {
  std::FILE *F = std::fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
  if (!F)
    return false;
  char Line[128] = {};
  bool Read = std::fgets(Line, sizeof Line, F) != nullptr;
  std::fclose(F);
  return Read && std::strstr(Line, "[never]") == nullptr;
}

/// tcmalloc's own system allocator, with every span it returns advised.
/// tcmalloc takes memory a megabyte or more at a time and the spans of the
/// heap are contiguous, so the advised ranges join into regions where the
/// kernel can place whole 2 MiB pages.
class HugePageAllocator : public SysAllocator {
public:
  explicit HugePageAllocator(SysAllocator *Next) : Next(Next) {}

  void *Alloc(size_t Size, size_t *Actual, size_t Alignment) override {
    void *P = Next->Alloc(Size, Actual, Alignment);
    if (!P)
      return nullptr;
    // madvise wants page-aligned ranges; tcmalloc's spans are, but say so.
    static const uintptr_t Page = uintptr_t(::sysconf(_SC_PAGESIZE));
    uintptr_t Begin = (reinterpret_cast<uintptr_t>(P) + Page - 1) & ~(Page - 1);
    uintptr_t End = (reinterpret_cast<uintptr_t>(P) + *Actual) & ~(Page - 1);
    if (End > Begin) // advice only: a refusal leaves 4 KiB pages
      ::madvise(reinterpret_cast<void *>(Begin), End - Begin, MADV_HUGEPAGE);
    return P;
  }

private:
  SysAllocator *Next;
};

} // namespace

bool adviseHugePages() {
  static const bool Advised = [] {
    if (!kernelOffersHugePages())
      return false;
    MallocExtension *M = MallocExtension::instance();
    SysAllocator *Next = M->GetSystemAllocator();
    if (!Next)
      return false; // not tcmalloc after all
    // Lives as long as the heap: never freed.
    static HugePageAllocator Wrapper(Next);
    M->SetSystemAllocator(&Wrapper);
    return true;
  }();
  return Advised;
}

void releaseFreeHeap() { MallocExtension::instance()->ReleaseFreeMemory(); }

} // namespace chokepoint
