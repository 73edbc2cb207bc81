#include "server/watch/dir_table.h"

#include <sys/inotify.h>

#include <cerrno>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/errno_status.h"

namespace runy::watch {
namespace {

constexpr uint32_t kDirEvents =
    IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
    IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR |
    // No events for a file unlinked while still open (a deleted temp file).
    IN_EXCL_UNLINK;

std::string SystemWatchLimit() {
  std::ifstream in("/proc/sys/fs/inotify/max_user_watches");
  std::string limit;
  in >> limit;
  return limit.empty() ? "?" : limit;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DirTable>> DirTable::Create(size_t max_watches) {
  UniqueFd fd(inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!fd) return ErrnoToStatus(errno, "inotify_init1");
  return std::unique_ptr<DirTable>(new DirTable(std::move(fd), max_watches));
}

DirTable::~DirTable() = default;  // closing the fd drops every watch

absl::Status DirTable::OutOfWatches(const std::string& path) const {
  std::string limit =
      max_watches_ > 0
          ? absl::StrCat(max_watches_, " (test option max_watches)")
          : absl::StrCat(SystemWatchLimit(), " (fs.inotify.max_user_watches)");
  return absl::ResourceExhaustedError(
      absl::StrCat("watch ", path, ": out of inotify watches: limit ", limit,
                   ", ", by_wd_.size(),
                   " in use by this watcher; raise it, e.g. "
                   "sysctl -w fs.inotify.max_user_watches=524288"));
}

absl::Status DirTable::Acquire(const std::string& path, Owner owner,
                               bool follow_symlinks) {
  auto known = by_path_.find(path);
  if (known != by_path_.end()) {
    ++by_wd_[known->second].refs[owner];
    return absl::OkStatus();
  }
  if (max_watches_ > 0 && by_wd_.size() >= max_watches_) {
    return OutOfWatches(path);
  }
  uint32_t mask = kDirEvents | (follow_symlinks ? 0 : IN_DONT_FOLLOW);
  int wd = inotify_add_watch(fd_.get(), path.c_str(), mask);
  if (wd < 0) {
    int err = errno;
    if (err == ENOSPC) return OutOfWatches(path);
    if (err == ENOTDIR || err == ELOOP) {
      return absl::NotFoundError(
          absl::StrCat("watch ", path, ": not a directory"));
    }
    return ErrnoToStatus(err, absl::StrCat("watch ", path));
  }
  if (by_wd_.count(wd) > 0) {
    // Another path to a directory we already watch: keep the first name.
    return absl::AlreadyExistsError(
        absl::StrCat("watch ", path, ": same directory as ", by_wd_[wd].path));
  }
  Dir& dir = by_wd_[wd];
  dir.path = path;
  dir.refs[owner] = 1;
  by_path_[path] = wd;
  return absl::OkStatus();
}

void DirTable::Release(const std::string& path, Owner owner) {
  auto known = by_path_.find(path);
  if (known == by_path_.end()) return;
  int wd = known->second;
  Dir& dir = by_wd_[wd];
  auto ref = dir.refs.find(owner);
  if (ref == dir.refs.end()) return;
  if (--ref->second > 0) return;
  dir.refs.erase(ref);
  if (!dir.refs.empty()) return;
  // EINVAL if the kernel already dropped it; its IN_IGNORED then finds no wd.
  inotify_rm_watch(fd_.get(), wd);
  by_wd_.erase(wd);
  by_path_.erase(known);
}

std::optional<DirTable::Dir> DirTable::Forget(int wd) {
  auto it = by_wd_.find(wd);
  if (it == by_wd_.end()) return std::nullopt;
  Dir dir = std::move(it->second);
  by_wd_.erase(it);
  by_path_.erase(dir.path);
  return dir;
}

void DirTable::Clear() {
  for (const auto& [wd, dir] : by_wd_) inotify_rm_watch(fd_.get(), wd);
  by_wd_.clear();
  by_path_.clear();
}

const DirTable::Dir* DirTable::Find(int wd) const {
  auto it = by_wd_.find(wd);
  return it == by_wd_.end() ? nullptr : &it->second;
}

std::vector<std::string> DirTable::paths() const {
  std::vector<std::string> out;
  out.reserve(by_path_.size());
  for (const auto& [path, wd] : by_path_) out.push_back(path);
  return out;
}

}  // namespace runy::watch
