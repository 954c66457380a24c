//===- analyzer/tool/affected.cpp - Files changed since a revision --------===//

#include "analyzer/tool/affected.h"

#include "analyzer/support/text.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <filesystem>
#include <set>

namespace chokepoint {

namespace {

/// Runs git with Args in Dir; its standard output in Out. Returns its exit
/// code, or -1 when it could not run.
int git(const std::string &Dir, std::vector<std::string> Args,
        std::string &Out) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return -1;
  llvm::SmallString<128> OutFile;
  if (llvm::sys::fs::createTemporaryFile("chokepoint-git", "out", OutFile))
    return -1;
  std::vector<std::string> Full = {"git", "-C", Dir};
  Full.insert(Full.end(), Args.begin(), Args.end());
  std::vector<llvm::StringRef> Argv(Full.begin(), Full.end());
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(OutFile), llvm::StringRef("")};
  int Code = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects);
  if (auto B = llvm::MemoryBuffer::getFile(OutFile))
    Out = (*B)->getBuffer().str();
  llvm::sys::fs::remove(OutFile);
  return Code;
}

/// NUL-separated paths.
void split(const std::string &Text, std::set<std::string> &Into) {
  size_t Start = 0;
  for (size_t I = 0; I <= Text.size(); ++I)
    if (I == Text.size() || Text[I] == '\0') {
      if (I > Start)
        Into.insert(Text.substr(Start, I - Start));
      Start = I + 1;
    }
}

} // namespace

bool changedFiles(const SourceManager &SM, const std::string &Rev,
                  std::vector<uint8_t> &Out, std::string &Error) {
  namespace fs = std::filesystem;
  if (Rev.empty() || Rev[0] == '-') {
    Error = concat({"--affected expects a git revision, found ", quote(Rev)});
    return false;
  }
  std::error_code Ec;
  fs::path Dir = fs::current_path(Ec);
  for (uint32_t F = 1; F <= SM.size(); ++F)
    if (SM.name(F) != "<stdin>") {
      Dir = fs::absolute(SM.name(F), Ec).parent_path();
      break;
    }
  std::string Top;
  int Code = git(Dir.string(), {"rev-parse", "--show-toplevel"}, Top);
  if (Code == -1) {
    Error = "--affected needs git, which was not found";
    return false;
  }
  while (!Top.empty() && (Top.back() == '\n' || Top.back() == '\r'))
    Top.pop_back();
  if (Code != 0 || Top.empty()) {
    Error = concat({"--affected: the inputs are not in a git repository (",
                    quote(Dir.string()), ")"});
    return false;
  }
  std::string Ignored;
  if (git(Top,
          {"rev-parse", "--verify", "--quiet", "--end-of-options",
           Rev + "^{commit}"},
          Ignored) != 0) {
    Error = concat({"--affected: unknown revision ", quote(Rev),
                    " (expected a commit, branch or tag of ", quote(Top), ")"});
    return false;
  }
  std::string Diff, Untracked;
  std::set<std::string> Changed;
  if (git(Top, {"diff", "--name-only", "-z", "--no-renames", Rev, "--"},
          Diff) != 0 ||
      git(Top, {"ls-files", "--others", "--exclude-standard", "-z"},
          Untracked) != 0) {
    Error = concat({"--affected: git could not list the files changed since ",
                    quote(Rev)});
    return false;
  }
  split(Diff, Changed);
  split(Untracked, Changed);
  fs::path Root = fs::path(Top).lexically_normal();
  Out.assign(SM.size() + 1, 0);
  for (uint32_t F = 1; F <= SM.size(); ++F) {
    if (SM.name(F) == "<stdin>")
      continue;
    fs::path Abs = fs::absolute(SM.name(F), Ec).lexically_normal();
    // Through symlinks as git sees the tree: the canonical path when it
    // exists.
    fs::path Canon = fs::weakly_canonical(Abs, Ec);
    fs::path RootCanon = fs::weakly_canonical(Root, Ec);
    std::string Rel = Canon.lexically_relative(RootCanon).generic_string();
    Out[F] = !Rel.empty() && Rel.substr(0, 2) != ".." && Changed.count(Rel);
  }
  return true;
}

} // namespace chokepoint
