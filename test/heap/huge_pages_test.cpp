//===- test/heap/huge_pages_test.cpp - The heap in 2 MiB pages ------------===//
//
// adviseHugePages() wraps tcmalloc's system allocator: memory tcmalloc
// takes from the system afterwards must lie in a mapping the kernel marks
// as advised for huge pages ("hg" among its VmFlags in /proc/self/smaps).

#include "analyzer/heap/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

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

TEST(HugePages, AdviceIsGivenExactlyWhenTheKernelOffersHugePages) {
  EXPECT_EQ(chokepoint::adviseHugePages(), thpOffered());
  // Asking twice installs nothing twice.
  EXPECT_EQ(chokepoint::adviseHugePages(), thpOffered());
}

TEST(HugePages, MemoryTakenFromTheSystemAfterwardsIsAdvised) {
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

} // namespace
