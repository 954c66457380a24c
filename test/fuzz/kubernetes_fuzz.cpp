//===- test/fuzz/kubernetes_fuzz.cpp - Manifests under libFuzzer ---------===//
//
// The Kubernetes front end (and Istio, Linkerd, compose and gRPC configs,
// which read the same kind of files) through the driver's load path, as a
// folder of manifests gives it: the input is cut into files at each line
// `#--- NAME` (as the lit tests' split-file writes them, so a whole test is
// a seed), each read by the reader its name picks, and the relations that
// cross files (a Service selecting another file's Deployment, a route to
// another namespace) resolved together. The build runs with the options a
// user of manifests gives (--mesh-default-retries, --control-plane-name)
// so their paths are reached too.
//
//===----------------------------------------------------------------------===//

#include "fuzz.h"

#include <vector>

namespace {

/// Cuts Text into files at lines `#--- NAME`; what comes before the first
/// is a file of its own. A name without a reader's extension is read as
/// YAML, as the driver reads a file named on the command line.
std::vector<chokepoint::fuzz::InputPart> split(std::string_view Text) {
  constexpr std::string_view Mark = "#--- ";
  std::vector<chokepoint::fuzz::InputPart> Parts;
  std::string_view Name = "manifests.yaml";
  size_t Start = 0;
  auto Take = [&](size_t End) {
    if (Parts.size() < 8)
      Parts.push_back({Name, Text.substr(Start, End - Start)});
  };
  for (size_t At = 0; At <= Text.size();) {
    size_t Eol = std::min(Text.find('\n', At), Text.size());
    std::string_view Line = Text.substr(At, Eol - At);
    if (Line.starts_with(Mark)) {
      Take(At);
      Name = Line.substr(Mark.size());
      if (!Name.ends_with(".json") && !Name.ends_with(".yml"))
        Name = Name.ends_with(".yaml") ? Name : "manifest.yaml";
      Start = std::min(Eol + 1, Text.size());
    }
    At = Eol + 1;
  }
  Take(Text.size());
  return Parts;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace chokepoint;
  static const BuildOptions Options = [] {
    BuildOptions O;
    O.MeshDefaultRetries = 2;
    O.ControlPlaneNames = {"registry"};
    return O;
  }();
  auto Parts = split({reinterpret_cast<const char *>(Data), Size});
  fuzz::loadFiles(Parts, Options);
  return 0;
}
