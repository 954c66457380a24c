//===- test/fuzz/replay.cpp - A fuzz target without libFuzzer -------------===//
//
// In a build without CHOKEPOINT_FUZZ (any compiler), each fuzz target links
// this main instead of libFuzzer's: it runs the target once on every file
// named, folders included, and ctest replays the seeds that way. So the
// targets are compiled, and every seed goes through them, in each ordinary
// and sanitizer build, not only when someone fuzzes. Options (arguments
// starting with '-') are libFuzzer's and are ignored.
//
//===----------------------------------------------------------------------===//

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size);

namespace {

bool replay(const std::filesystem::path &File) {
  std::ifstream In(File, std::ios::binary);
  if (!In) {
    std::fprintf(stderr, "replay: cannot read '%s'\n", File.c_str());
    return false;
  }
  std::vector<uint8_t> Data{std::istreambuf_iterator<char>(In), {}};
  LLVMFuzzerTestOneInput(Data.data(), Data.size());
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  namespace fs = std::filesystem;
  size_t Runs = 0;
  bool Ok = true;
  for (int I = 1; I < Argc; ++I) {
    if (Argv[I][0] == '-')
      continue;
    fs::path P = Argv[I];
    if (!fs::is_directory(P)) {
      Ok &= replay(P);
      ++Runs;
      continue;
    }
    std::vector<fs::path> Files;
    for (const auto &E : fs::recursive_directory_iterator(P))
      if (E.is_regular_file())
        Files.push_back(E.path());
    std::sort(Files.begin(), Files.end());
    for (const fs::path &F : Files) {
      Ok &= replay(F);
      ++Runs;
    }
  }
  std::printf("replay: %zu inputs\n", Runs);
  return Ok && Runs ? 0 : 1;
}
