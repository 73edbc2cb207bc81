// The inotify instance and its directory watches: one watch descriptor per
// directory, shared by reference count between the Watcher's watches.
#ifndef RUNY_SERVER_WATCH_DIR_TABLE_H_
#define RUNY_SERVER_WATCH_DIR_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "common/unique_fd.h"

namespace runy::watch {

// Thread: the loop thread (owned by the Watcher). Never blocks: the inotify
// fd is non-blocking.
class DirTable {
 public:
  using Owner = uint64_t;
  struct Dir {
    std::string path;
    std::map<Owner, int> refs;  // owner → references it holds
  };

  // `max_watches` > 0 acts as if fs.inotify.max_user_watches allowed only
  // that many directories (a test seam). Errors: inotify_init1's.
  static absl::StatusOr<std::unique_ptr<DirTable>> Create(size_t max_watches);
  ~DirTable();

  int fd() const { return fd_.get(); }

  // Adds a reference from `owner` to the watch on directory `path` (absolute,
  // normalized), creating it if needed. `follow_symlinks` is for roots;
  // directories met while walking a tree are never entered through symlinks.
  // Errors: NotFound (vanished, or not a directory), PermissionDenied,
  // AlreadyExists (the same directory is watched under another path: a
  // symlink or bind mount), ResourceExhausted (out of inotify watches; the
  // message says how to raise fs.inotify.max_user_watches).
  absl::Status Acquire(const std::string& path, Owner owner,
                       bool follow_symlinks);
  // Drops one reference of `owner`; removes the inotify watch with the last
  // reference. Unknown paths are ignored.
  void Release(const std::string& path, Owner owner);
  // The kernel removed `wd` (IN_IGNORED): forgets it and returns what it was.
  std::optional<Dir> Forget(int wd);
  // Removes every watch (after an inotify queue overflow).
  void Clear();

  const Dir* Find(int wd) const;
  size_t size() const { return by_wd_.size(); }
  // Sorted.
  std::vector<std::string> paths() const;

 private:
  DirTable(UniqueFd fd, size_t max_watches)
      : fd_(std::move(fd)), max_watches_(max_watches) {}
  absl::Status OutOfWatches(const std::string& path) const;

  UniqueFd fd_;
  const size_t max_watches_;
  std::unordered_map<int, Dir> by_wd_;
  std::map<std::string, int> by_path_;
};

}  // namespace runy::watch

#endif  // RUNY_SERVER_WATCH_DIR_TABLE_H_
