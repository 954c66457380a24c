//===- analyzer/manifests/inputs.cpp - Which files a run reads ------------===//

#include "analyzer/manifests/inputs.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace chokepoint {

namespace {

/// The reader for a file named explicitly: by its extension, else YAML.
const ReaderInfo *explicitReader(const std::string &Path) {
  const ReaderInfo *R = readerFor(Path);
  return R ? R : &standardInputReader();
}

void walk(const fs::path &Dir, std::vector<InputFile> &Out,
          std::set<fs::path> &Seen, DiagnosticList &Diags) {
  std::error_code Ec;
  std::vector<fs::directory_entry> Entries;
  for (fs::directory_iterator It(Dir, Ec), End; !Ec && It != End;
       It.increment(Ec))
    Entries.push_back(*It);
  if (Ec) {
    Diags.error({},
                "cannot read folder " + quote(Dir.string()) + ": " + why(Ec));
    return;
  }
  std::sort(Entries.begin(), Entries.end(),
            [](const auto &A, const auto &B) { return A.path() < B.path(); });
  for (const fs::directory_entry &E : Entries) {
    const fs::path &P = E.path();
    if (P.filename().string().starts_with("."))
      continue;
    std::error_code Ec2;
    if (E.is_directory(Ec2) && !E.is_symlink(Ec2)) {
      walk(P, Out, Seen, Diags);
    } else if (const ReaderInfo *R = readerFor(P.string());
               R && E.is_regular_file(Ec2)) {
      fs::path Canon = fs::weakly_canonical(P, Ec2);
      if (Seen.insert(Ec2 ? P : Canon).second)
        Out.push_back({P.string(), false, R, false});
    }
  }
}

} // namespace

std::vector<InputFile> collectInputs(const std::vector<std::string> &Args,
                                     DiagnosticList &Diags) {
  std::vector<InputFile> Out;
  std::set<fs::path> Seen;
  bool SawStdin = false;
  for (const std::string &A : Args) {
    if (A == "-") {
      if (!SawStdin)
        Out.push_back({"<stdin>", true, &standardInputReader(), true});
      SawStdin = true;
      continue;
    }
    std::error_code Ec;
    fs::file_status S = fs::status(A, Ec);
    if (Ec || !fs::exists(S)) {
      Diags.error({}, "cannot read " + quote(A) + ": " +
                          (Ec ? why(Ec) : "no such file or folder"));
      continue;
    }
    if (fs::is_directory(S)) {
      walk(A, Out, Seen, Diags);
      continue;
    }
    // Devices never end (/dev/zero) or never hold a topology; a pipe or a
    // FIFO is read like standard input, under the same size limit.
    if (!fs::is_regular_file(S) && !fs::is_fifo(S)) {
      Diags.error({}, "cannot read " + quote(A) + ": it is " +
                          (fs::is_character_file(S) ? "a character device"
                           : fs::is_block_file(S)   ? "a block device"
                           : fs::is_socket(S)       ? "a socket"
                                                    : "not a regular file") +
                          ", not a file");
      continue;
    }
    fs::path Canon = fs::weakly_canonical(A, Ec);
    if (Seen.insert(Ec ? fs::path(A) : Canon).second)
      Out.push_back({A, true, explicitReader(A), false});
  }
  return Out;
}

} // namespace chokepoint
