//===- analyzer/report/paths.cpp - Files as a repository sees them --------===//

#include "analyzer/report/paths.h"

#include <filesystem>

namespace chokepoint {

namespace fs = std::filesystem;

namespace {

/// Whether Path names standard input rather than a file.
bool isStandardInput(std::string_view Path) {
  return Path == "<stdin>" || Path == "-";
}

fs::path absoluteClean(const std::string &Path) {
  std::error_code Ec;
  fs::path P = fs::absolute(Path, Ec);
  return Ec ? fs::path(Path) : P.lexically_normal();
}

} // namespace

RepoPaths findRepo(const SourceManager &SM) {
  std::error_code Ec;
  fs::path Start = fs::current_path(Ec);
  if (SM.size() > 0 && !isStandardInput(SM.name(1)))
    Start = absoluteClean(SM.name(1)).parent_path();
  RepoPaths R;
  for (fs::path P = Start; !P.empty(); P = P.parent_path()) {
    if (fs::exists(P / ".git", Ec)) {
      R.Root = P.string();
      break;
    }
    if (P == P.parent_path())
      break;
  }
  if (R.Root.empty())
    R.Root = fs::current_path(Ec).lexically_normal().string();
  while (R.Root.size() > 1 && R.Root.back() == '/')
    R.Root.pop_back();
  return R;
}

std::string RepoPaths::relative(const SourceManager &SM, uint32_t File) const {
  const std::string &Name = SM.name(File);
  if (isStandardInput(Name))
    return "";
  std::string Abs = absoluteClean(Name).string();
  std::string Prefix = Root == "/" ? Root : Root + "/";
  if (Abs.compare(0, Prefix.size(), Prefix) != 0)
    return "";
  return Abs.substr(Prefix.size());
}

std::string uriEscape(std::string_view Path) {
  static constexpr char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : Path) {
    if ((C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
        (C >= '0' && C <= '9') || C == '-' || C == '.' || C == '_' ||
        C == '~' || C == '/') {
      Out += char(C);
      continue;
    }
    Out += '%';
    Out += Hex[C >> 4];
    Out += Hex[C & 15];
  }
  return Out;
}

} // namespace chokepoint
