//===- test/heap/heap_test.cpp - tcmalloc's heap, in 2 MiB pages --------===//
//
// adviseHugePages() wraps tcmalloc's system allocator: memory tcmalloc
// takes from the system afterwards must lie in a mapping the kernel marks
// as advised for huge pages ("hg" among its VmFlags in /proc/self/smaps).
// releaseFreeHeap() hands what the program freed back: the resident set
// shrinks by it.

#include "analyzer/heap/heap.h"

#include <gperftools/malloc_extension.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

bool thpOffered() {
  std::ifstream In("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string Line;
  return std::getline(In, Line) && Line.find("[never]") == std::string::npos;
}

/// The VmFlags of the mapping holding P, or "" when none does.
std::string vmFlagsOf(const void *P) {
  std::ifstream In("/proc/self/smaps");
  uintptr_t A = reinterpret_cast<uintptr_t>(P);
  bool Inside = false;
  for (std::string Line; std::getline(In, Line);) {
    uintptr_t Lo, Hi;
    char Dash;
    std::istringstream S(Line);
    if (Line.find(':') == std::string::npos ||
        Line.find(':') > Line.find(' ')) { // a mapping's header line
      if (S >> std::hex >> Lo >> Dash >> Hi && Dash == '-')
        Inside = Lo <= A && A < Hi;
      continue;
    }
    if (Inside && Line.rfind("VmFlags:", 0) == 0)
      return Line.substr(8);
  }
  return "";
}

TEST(TcmallocHeap, AdviceIsGivenExactlyWhenTheKernelOffersHugePages) {
  EXPECT_EQ(chokepoint::adviseHugePages(), thpOffered());
  // Asking twice installs nothing twice.
  EXPECT_EQ(chokepoint::adviseHugePages(), thpOffered());
}

TEST(TcmallocHeap, MemoryTakenFromTheSystemAfterwardsIsAdvised) {
  bool Advised = chokepoint::adviseHugePages();
  // Larger than anything tcmalloc holds in reserve: fresh from the system.
  constexpr size_t Size = 64u << 20;
  char *P = static_cast<char *>(std::malloc(Size));
  ASSERT_NE(P, nullptr);
  std::memset(P, 1, Size);
  std::string Flags = vmFlagsOf(P + Size / 2);
  ASSERT_FALSE(Flags.empty()) << "no mapping holds the allocation";
  EXPECT_EQ(Flags.find(" hg") != std::string::npos, Advised)
      << "VmFlags:" << Flags;
  std::free(P);
}

/// The resident set, in bytes (/proc/self/statm).
size_t residentBytes() {
  std::ifstream In("/proc/self/statm");
  size_t Size = 0, Resident = 0;
  In >> Size >> Resident;
  return Resident * size_t(::sysconf(_SC_PAGESIZE));
}

size_t pageHeapFreeBytes() {
  size_t Bytes = 0;
  EXPECT_TRUE(MallocExtension::instance()->GetNumericProperty(
      "tcmalloc.pageheap_free_bytes", &Bytes));
  return Bytes;
}

TEST(TcmallocHeap, ReleasingTheHeapGivesFreedMemoryBack) {
  // tcmalloc would give some back on its own, at a rate: not here, so that
  // what is free when the release is asked for is known.
  MallocExtension::instance()->SetMemoryReleaseRate(0);
  constexpr size_t Blocks = 64, Block = 1u << 20;
  std::vector<char *> Held;
  for (size_t I = 0; I < Blocks; ++I) {
    Held.push_back(static_cast<char *>(std::malloc(Block)));
    ASSERT_NE(Held.back(), nullptr);
    std::memset(Held.back(), 1, Block);
  }
  for (char *P : Held)
    std::free(P); // tcmalloc keeps them...
  size_t FreeBefore = pageHeapFreeBytes(), Before = residentBytes();
  ASSERT_GE(FreeBefore, Blocks * Block / 2) << "the setup freed nothing";
  chokepoint::releaseFreeHeap(); // ...until asked
  size_t After = residentBytes();
  EXPECT_EQ(pageHeapFreeBytes(), 0u);
  EXPECT_LT(After + Blocks * Block / 2, Before)
      << "resident " << Before << " bytes before the release, " << After
      << " after";
}

} // namespace
