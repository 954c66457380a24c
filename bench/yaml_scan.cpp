//===- bench/yaml_scan.cpp - The everyday-subset scanner alone ------------===//
//
// What chokepoint-yaml-floor is for libyaml, for the scanner that reads
// YAML's everyday subset (analyzer/manifests/yaml_scan.h): reads a file
// whole and scans it, counting the events and building nothing. Prints the
// events and the scan's own seconds (the process also loads LLVM, which the
// scan does not use but the text scans link against), or says where it
// gave up: then chokepoint reads the file with libyaml.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/yaml_scan.h"

#include "read_whole.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace {
struct Count final : chokepoint::YamlEvents {
  unsigned long long Events = 0;
  void documentStart() override { ++Events; }
  bool documentEnd() override { return ++Events != 0; }
  void scalar(size_t, bool, std::string_view) override { ++Events; }
  bool open(size_t, bool) override { return ++Events != 0; }
  void close() override { ++Events; }
};
} // namespace

int main(int Argc, char **Argv) {
  std::string Text;
  if (!readArgument(Argc, Argv, "chokepoint-yaml-scan", Text))
    return 2;

  Count C;
  auto Start = std::chrono::steady_clock::now();
  chokepoint::YamlScan R = chokepoint::scanYaml(Text, 0, C);
  std::chrono::duration<double> Took = std::chrono::steady_clock::now() - Start;
  if (R == chokepoint::YamlScan::GaveUp) {
    std::fprintf(stderr, "%s: outside the subset the scanner reads\n", Argv[1]);
    return 1;
  }
  // libyaml's count has a stream start and end more.
  std::printf("%llu events in %.3f s\n", C.Events + 2, Took.count());
  return 0;
}
