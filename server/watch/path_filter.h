// One watch's view of paths: which match its globs, which its ignore list
// drops, which directories can hold matches and so need an inotify watch.
#ifndef RUNY_SERVER_WATCH_PATH_FILTER_H_
#define RUNY_SERVER_WATCH_PATH_FILTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/watch/glob.h"

namespace runy::watch {

// The ignore globs every watch has unless it opts out: `.git/`,
// `node_modules/`, vim's swap files and write probe (`*.swp`, `*.swo`,
// `*.swx`, `4913`), backup files (`*~`) and emacs lock files (`.#*`).
const std::vector<std::string>& DefaultIgnores();

// `dir` made absolute (against the working directory) and normalized: no
// ".", ".." or empty components, no trailing '/' (except for "/").
std::string NormalizeDir(absl::string_view dir);
// `dir` + "/" + `name`, without doubling the '/' of the root.
std::string JoinPath(absl::string_view dir, absl::string_view name);
// Whether `path` is `dir` or lies below it (both normalized and absolute).
bool IsSameOrUnder(absl::string_view path, absl::string_view dir);
// The directory holding `path` ("/" for "/" and for "/x").
std::string ParentDir(absl::string_view path);

// Thread: immutable after Create(); all paths are absolute and normalized.
//
// Watch globs: a relative glob is relative to base_dir, an absolute one
// (leading '/') stands alone. Ignore globs, like .gitignore lines: one
// without a '/' (a trailing one aside) matches a name at any depth (`*.log`,
// `node_modules/`); one with a '/' is relative to base_dir (`build/out`);
// one with a leading '/' is absolute. A trailing '/' ignores the directory
// and everything below it. Ignore globs let wildcards match leading dots
// (`*~` ignores `.x.py~`), and are matched only against the part of a path
// below base_dir (or below the root holding it, for paths outside base_dir),
// so a base_dir inside a `node_modules` still works. Ignoring wins over
// matching, and an ignored directory is never entered.
class PathFilter {
 public:
  // REQUIRES: base_dir is absolute and normalized (NormalizeDir).
  // Errors: InvalidArgument naming the bad glob.
  static absl::StatusOr<PathFilter> Create(
      const std::string& base_dir, const std::vector<std::string>& patterns,
      const std::vector<std::string>& ignore, bool default_ignores);

  // Some watch glob matches `path` (a file or a directory) and it is not
  // ignored.
  bool Matches(const std::string& path) const;
  bool Ignored(const std::string& path) const;
  // `dir` is not ignored and some watch glob could match below it: watch it.
  // True for the ancestors of every root too.
  bool NeedsDir(const std::string& dir) const;
  // `path` is one of roots() or lies below one.
  bool UnderRoot(const std::string& path) const;

  // The literal directory prefixes of the watch globs, sorted, deduplicated
  // (see GlobRoot): the tops of the subtrees that need watching.
  const std::vector<std::string>& roots() const { return roots_; }
  const std::string& base_dir() const { return base_dir_; }
  // `path` relative to base_dir if it lies below it ("." for base_dir
  // itself), else `path` unchanged.
  std::string Relative(const std::string& path) const;

 private:
  PathFilter() = default;
  absl::Status AddIgnore(const std::string& pattern);

  std::string base_dir_;
  std::vector<Glob> patterns_;
  std::vector<Glob> absolute_ignores_;
  std::vector<Glob> anchored_ignores_;  // relative to base_dir
  std::vector<Glob> floating_ignores_;  // "**/" + pattern, relative
  std::vector<std::string> roots_;
};

}  // namespace runy::watch

#endif  // RUNY_SERVER_WATCH_PATH_FILTER_H_
