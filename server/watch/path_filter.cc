#include "server/watch/path_filter.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace runy::watch {
namespace {

// `path` relative to `dir` ("" for `dir` itself), if it lies below it.
std::optional<absl::string_view> RelativeTo(absl::string_view path,
                                            absl::string_view dir) {
  if (!IsSameOrUnder(path, dir)) return std::nullopt;
  if (path.size() == dir.size()) return absl::string_view();
  return path.substr(dir == "/" ? 1 : dir.size() + 1);
}

bool AnyMatches(const std::vector<Glob>& globs, absl::string_view path) {
  for (const Glob& g : globs) {
    if (g.Matches(path)) return true;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& DefaultIgnores() {
  static const auto* const kIgnores = new std::vector<std::string>{
      ".git/", "node_modules/", "*.swp", "*.swo", "*.swx", "4913", "*~", ".#*"};
  return *kIgnores;
}

std::string NormalizeDir(absl::string_view dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = dir.empty() ? fs::current_path(ec) : fs::path(std::string(dir));
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = fs::path("/") / p;
  std::string out = abs.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string JoinPath(absl::string_view dir, absl::string_view name) {
  if (dir == "/") return absl::StrCat("/", name);
  return absl::StrCat(dir, "/", name);
}

bool IsSameOrUnder(absl::string_view path, absl::string_view dir) {
  if (dir == "/") return absl::StartsWith(path, "/");
  if (!absl::StartsWith(path, dir)) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

std::string ParentDir(absl::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == absl::string_view::npos || slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

absl::StatusOr<PathFilter> PathFilter::Create(
    const std::string& base_dir, const std::vector<std::string>& patterns,
    const std::vector<std::string>& ignore, bool default_ignores) {
  PathFilter f;
  f.base_dir_ = base_dir;
  Glob::Options options;
  options.base_dir = base_dir;
  for (const std::string& p : patterns) {
    RUNY_ASSIGN_OR_RETURN(Glob g, Glob::Compile(p, options));
    for (const GlobRoot& root : g.Roots()) f.roots_.push_back(root.dir);
    f.patterns_.push_back(std::move(g));
  }
  std::sort(f.roots_.begin(), f.roots_.end());
  f.roots_.erase(std::unique(f.roots_.begin(), f.roots_.end()), f.roots_.end());
  if (default_ignores) {
    for (const std::string& p : DefaultIgnores()) {
      RUNY_RETURN_IF_ERROR(f.AddIgnore(p));
    }
  }
  for (const std::string& p : ignore) RUNY_RETURN_IF_ERROR(f.AddIgnore(p));
  return f;
}

absl::Status PathFilter::AddIgnore(const std::string& pattern) {
  Glob::Options options;
  options.match_leading_dots = true;
  if (absl::StartsWith(pattern, "/")) {
    RUNY_ASSIGN_OR_RETURN(Glob g, Glob::Compile(pattern, options));
    absolute_ignores_.push_back(std::move(g));
    return absl::OkStatus();
  }
  absl::string_view body(pattern);
  while (absl::EndsWith(body, "/")) body.remove_suffix(1);
  if (absl::StrContains(body, '/')) {
    RUNY_ASSIGN_OR_RETURN(Glob g, Glob::Compile(pattern, options));
    anchored_ignores_.push_back(std::move(g));
    return absl::OkStatus();
  }
  auto floating = Glob::Compile(absl::StrCat("**/", pattern), options);
  if (!floating.ok()) return Glob::Compile(pattern, options).status();
  floating_ignores_.push_back(*std::move(floating));
  return absl::OkStatus();
}

bool PathFilter::Ignored(const std::string& path) const {
  if (AnyMatches(absolute_ignores_, path)) return true;
  if (std::optional<absl::string_view> rel = RelativeTo(path, base_dir_)) {
    if (rel->empty()) return false;
    return AnyMatches(anchored_ignores_, *rel) ||
           AnyMatches(floating_ignores_, *rel);
  }
  // Outside base_dir: name-only ignores apply below the deepest root.
  const std::string* holder = nullptr;
  for (const std::string& root : roots_) {
    if (IsSameOrUnder(path, root)) holder = &root;
  }
  if (holder == nullptr) return false;
  absl::string_view rel = *RelativeTo(path, *holder);
  return !rel.empty() && AnyMatches(floating_ignores_, rel);
}

bool PathFilter::Matches(const std::string& path) const {
  return AnyMatches(patterns_, path) && !Ignored(path);
}

bool PathFilter::NeedsDir(const std::string& dir) const {
  for (const Glob& g : patterns_) {
    if (g.CouldMatchUnder(dir)) return !Ignored(dir);
  }
  return false;
}

bool PathFilter::UnderRoot(const std::string& path) const {
  for (const std::string& root : roots_) {
    if (IsSameOrUnder(path, root)) return true;
  }
  return false;
}

std::string PathFilter::Relative(const std::string& path) const {
  std::optional<absl::string_view> rel = RelativeTo(path, base_dir_);
  if (!rel) return path;
  return rel->empty() ? "." : std::string(*rel);
}

}  // namespace runy::watch
