//===- analyzer/manifests/inputs.cpp - Which files a run reads ------------===//

#include "analyzer/manifests/inputs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
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

/// One line of a .gitignore.
struct IgnoreRule {
  std::string Glob;
  /// Where the .gitignore is, against the folder searched: the rule sees
  /// a path as Above + (the path below the folder searched, less Under).
  std::string Above, Under;
  bool Negated = false;
  bool FoldersOnly = false; ///< "name/"
  bool Anchored = false;    ///< a '/' before the end: relative to its folder
};

/// Appends the rules of Dir/.gitignore, if any.
void readGitignore(const fs::path &Dir, const std::string &Above,
                   const std::string &Under, std::vector<IgnoreRule> &Rules) {
  std::ifstream In(Dir / ".gitignore");
  for (std::string Line; std::getline(In, Line);) {
    while (!Line.empty() && (Line.back() == '\r' || Line.back() == ' '))
      Line.pop_back();
    if (Line.empty() || Line[0] == '#')
      continue;
    IgnoreRule R{Line, Above, Under};
    if (R.Glob[0] == '!') {
      R.Negated = true;
      R.Glob.erase(0, 1);
    } else if (R.Glob.starts_with("\\")) {
      R.Glob.erase(0, 1);
    }
    if (R.Glob.ends_with("/")) {
      R.FoldersOnly = true;
      R.Glob.pop_back();
    }
    R.Anchored = R.Glob.find('/') != std::string::npos;
    if (R.Glob.starts_with("/"))
      R.Glob.erase(0, 1);
    if (!R.Glob.empty())
      Rules.push_back(std::move(R));
  }
}

/// What the search of one input folder carries down.
struct Search {
  std::vector<InputFile> &Out;
  std::set<fs::path> &Seen;
  const std::vector<std::string> &Excludes;
  DiagnosticList &Diags;
  std::vector<IgnoreRule> Rules; ///< every .gitignore that applies so far
};

/// Whether Shown (a path as messages show it, Rel below the folder
/// searched) is left out by --exclude.
bool excluded(const std::vector<std::string> &Excludes,
              std::string_view Shown) {
  while (Shown.starts_with("./"))
    Shown.remove_prefix(2);
  std::string_view Name = Shown.substr(Shown.rfind('/') + 1);
  for (const std::string &G : Excludes)
    if (pathGlobMatch(G, Shown) ||
        (G.find('/') == std::string::npos && pathGlobMatch(G, Name)))
      return true;
  return false;
}

/// Whether the .gitignore rules ignore Rel (below the folder searched).
bool ignored(const std::vector<IgnoreRule> &Rules, const std::string &Rel,
             bool Folder) {
  bool Ignored = false;
  std::string_view Name = std::string_view(Rel).substr(Rel.rfind('/') + 1);
  for (const IgnoreRule &R : Rules) {
    if (R.Negated != Ignored || (R.FoldersOnly && !Folder) ||
        !std::string_view(Rel).starts_with(R.Under))
      continue;
    bool Match = R.Anchored
                     ? pathGlobMatch(R.Glob, R.Above + Rel.substr(R.Under.size()))
                     : pathGlobMatch(R.Glob, Name);
    if (Match)
      Ignored = !R.Negated;
  }
  return Ignored;
}

void walk(const fs::path &Dir, const std::string &Rel, Search &S) {
  std::error_code Ec;
  std::vector<fs::directory_entry> Entries;
  for (fs::directory_iterator It(Dir, Ec), End; !Ec && It != End;
       It.increment(Ec))
    Entries.push_back(*It);
  if (Ec) {
    S.Diags.error({},
                  "cannot read folder " + quote(Dir.string()) + ": " + why(Ec));
    return;
  }
  // A Helm chart's templates are not manifests until rendered, and its
  // other files are Helm's: one remark for the chart, not one per file.
  if (fs::exists(Dir / "Chart.yaml", Ec)) {
    S.Diags.add(DiagLevel::Remark, {},
                "skipped Helm chart " + quote(Dir.string()) +
                    ": its templates are not manifests until rendered; render "
                    "it with `helm template` first and give chokepoint the "
                    "output");
    return;
  }
  size_t RulesBefore = S.Rules.size();
  readGitignore(Dir, "", Rel, S.Rules);
  std::sort(Entries.begin(), Entries.end(),
            [](const auto &A, const auto &B) { return A.path() < B.path(); });
  for (const fs::directory_entry &E : Entries) {
    const fs::path &P = E.path();
    std::string Name = P.filename().string();
    if (Name.starts_with("."))
      continue;
    std::error_code Ec2;
    bool Folder = E.is_directory(Ec2) && !E.is_symlink(Ec2);
    std::string Below = Rel + Name + (Folder ? "/" : "");
    if (excluded(S.Excludes, P.string()) ||
        ignored(S.Rules, Folder ? Below.substr(0, Below.size() - 1) : Below,
                Folder))
      continue;
    if (Folder) {
      walk(P, Below, S);
    } else if (const ReaderInfo *R = readerFor(P.string());
               R && E.is_regular_file(Ec2)) {
      fs::path Canon = fs::weakly_canonical(P, Ec2);
      if (S.Seen.insert(Ec2 ? P : Canon).second)
        S.Out.push_back({P.string(), false, R, false});
    }
  }
  S.Rules.resize(RulesBefore);
}

/// The .gitignore rules of the folders above Dir, up to the root of its git
/// work tree (none when Dir is in none).
std::vector<IgnoreRule> rulesAbove(const fs::path &Dir) {
  std::error_code Ec;
  fs::path Abs = fs::weakly_canonical(fs::absolute(Dir, Ec), Ec);
  std::vector<fs::path> Chain; // Dir's parents, nearest first
  for (fs::path P = Abs.parent_path(); !Ec; P = P.parent_path()) {
    if (fs::exists(Abs / ".git", Ec))
      break; // Dir is the root itself
    Chain.push_back(P);
    if (fs::exists(P / ".git", Ec))
      break;
    if (P == P.parent_path()) {
      Chain.clear(); // not in a work tree
      break;
    }
  }
  std::vector<IgnoreRule> Rules;
  for (size_t I = Chain.size(); I-- > 0;) {
    std::string Above = fs::relative(Abs, Chain[I], Ec).generic_string() + "/";
    readGitignore(Chain[I], Ec ? "" : Above, "", Rules);
  }
  return Rules;
}

/// Matches Glob[G..] against Path[P..].
bool matchFrom(std::string_view Glob, std::string_view Path) {
  size_t G = 0, P = 0;
  while (G < Glob.size()) {
    char C = Glob[G];
    if (C == '*') {
      bool Any = G + 1 < Glob.size() && Glob[G + 1] == '*';
      std::string_view Rest = Glob.substr(G + (Any ? 2 : 1));
      if (Any && Rest.starts_with("/")) // "**/" also matches no folder
        if (matchFrom(Rest.substr(1), Path.substr(P)))
          return true;
      for (size_t K = P;; ++K) {
        if (matchFrom(Rest, Path.substr(K)))
          return true;
        if (K == Path.size() || (!Any && Path[K] == '/'))
          return false;
      }
    }
    if (P == Path.size())
      return false;
    if (C == '[') {
      size_t Close = Glob.find(']', G + 2);
      if (Close != std::string_view::npos) {
        std::string_view Set = Glob.substr(G + 1, Close - G - 1);
        bool Negated = Set[0] == '!' || Set[0] == '^';
        bool In = false;
        for (size_t K = Negated; K < Set.size(); ++K)
          In |= K + 2 < Set.size() && Set[K + 1] == '-'
                    ? (Path[P] >= Set[K] && Path[P] <= Set[K += 2])
                    : Path[P] == Set[K];
        if (In == Negated || Path[P] == '/')
          return false;
        G = Close + 1;
        ++P;
        continue;
      }
    }
    if (C == '\\' && G + 1 < Glob.size())
      C = Glob[++G];
    else if (C == '?' && Path[P] != '/')
      C = Path[P];
    if (C != Path[P])
      return false;
    ++G;
    ++P;
  }
  return P == Path.size();
}

} // namespace

bool pathGlobMatch(std::string_view Glob, std::string_view Path) {
  return matchFrom(Glob, Path);
}

size_t templateAction(std::string_view Text) {
  for (size_t At = Text.find("{{"); At != std::string_view::npos;
       At = Text.find("{{", At + 2)) {
    size_t Close = Text.find("}}", At + 2);
    if (Close != std::string_view::npos &&
        Text.substr(At, Close - At).find('\n') == std::string_view::npos)
      return At;
  }
  return std::string_view::npos;
}

std::string otherToolsFile(std::string_view Path, const Document &Doc) {
  std::string_view Name = Path.substr(Path.rfind('/') + 1);
  auto Stem = Name.substr(0, Name.rfind('.'));
  struct Known {
    std::string_view Stem, What;
  };
  static constexpr Known ByName[] = {
      {"Chart", "a Helm chart's description; render the chart with `helm "
                "template` and give chokepoint the output"},
      {"values", "a Helm values file; render the chart with `helm template` "
                 "and give chokepoint the output"},
      {"kustomization", "a kustomization; run `kustomize build` and give "
                        "chokepoint the output"},
      {"skaffold", "a Skaffold configuration"},
      {"azure-pipelines", "a CI pipeline (Azure Pipelines)"},
      {"cloudbuild", "a CI pipeline (Cloud Build)"},
      {"bitbucket-pipelines", "a CI pipeline (Bitbucket)"},
      {"buildspec", "a CI pipeline (CodeBuild)"},
      {"appveyor", "a CI pipeline (AppVeyor)"},
      {"codecov", "a Codecov configuration"},
      {"mkdocs", "an MkDocs configuration"},
      {"package", "an npm package description"},
      {"tsconfig", "a TypeScript configuration"},
      {"renovate", "a Renovate configuration"},
      {"catalog-info", "a Backstage catalog entry"},
  };
  for (const Known &K : ByName)
    if (Stem == K.Stem || (K.Stem == "values" && (Stem.starts_with("values-") ||
                                                  Stem.ends_with(".values") ||
                                                  Stem.starts_with("values."))))
      return std::string(K.What);
  DocNode Root = Doc.root();
  if (!Root.isMapping())
    return "";
  auto Has = [&](std::string_view Key) { return field(Root, Key).valid(); };
  if (Has("jobs") && (Has("on") || Has("true")))
    return "a CI workflow (GitHub Actions)";
  if (Has("stages") || (Has("steps") && !Has("kind")) || Has("pipeline"))
    return "a CI pipeline";
  if (Has("openapi") || Has("swagger"))
    return "an API description (OpenAPI)";
  if (Has("$schema") && (Has("properties") || Has("definitions")))
    return "a JSON schema";
  return "";
}

std::vector<InputFile> collectInputs(const std::vector<std::string> &Args,
                                     const std::vector<std::string> &Excludes,
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
    if (excluded(Excludes, A))
      continue;
    std::error_code Ec;
    fs::file_status S = fs::status(A, Ec);
    if (Ec || !fs::exists(S)) {
      Diags.error({}, "cannot read " + quote(A) + ": " +
                          (Ec ? why(Ec) : "no such file or folder"));
      continue;
    }
    if (fs::is_directory(S)) {
      Search Below{Out, Seen, Excludes, Diags, rulesAbove(A)};
      walk(A, "", Below);
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
