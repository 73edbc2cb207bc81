#include "server/watch/watcher.h"

#include <dirent.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "common/status_macros.h"
#include "spdlog/spdlog.h"

namespace runy::watch {
namespace {

constexpr size_t kReadBufferSize = size_t{64} * 1024;
// Then other fds get a turn; epoll is level-triggered, so we come back.
constexpr int kMaxReadsPerWakeup = 8;
constexpr int kMaxReanchorRounds = 16;

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The deepest existing directory strictly above `path`.
std::string DeepestExistingAncestor(const std::string& path) {
  std::string dir = ParentDir(path);
  while (dir != "/" && !IsDirectory(dir)) dir = ParentDir(dir);
  return dir;
}

// A new regular file is complete only when closed after writing; a symlink,
// a hard link or a fifo is complete at once.
Change CreatedKind(const std::string& path) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return Change::kCreated;
  if (S_ISREG(st.st_mode) && st.st_nlink == 1) return Change::kCreated;
  return Change::kAppeared;
}

struct DirCloser {
  void operator()(DIR* d) const { closedir(d); }
};

}  // namespace

// Thread: the loop thread.
struct Watcher::Watch {
  Watch(WatchId watch_id, PathFilter path_filter)
      : id(watch_id), filter(std::move(path_filter)) {}

  const WatchId id;
  const PathFilter filter;
  absl::Duration debounce;
  absl::Duration settle;
  // The quiet that ends the current burst: settle after a completed file,
  // else debounce.
  absl::Duration quiet_needed;
  ChangeCallback on_change;
  ErrorCallback on_error;
  std::set<std::string> dirs;     // directories of its subtrees it holds
  std::set<std::string> anchors;  // ancestors of missing roots it holds
  Burst burst;
  absl::Time last_change;
  loop::EventLoop::TimerId timer = 0;  // 0: none
  absl::Status status;
};

absl::StatusOr<std::unique_ptr<Watcher>> Watcher::Create(
    loop::EventLoop* loop, WatcherOptions options) {
  RUNY_ASSIGN_OR_RETURN(std::unique_ptr<DirTable> table,
                        DirTable::Create(options.max_watches));
  std::unique_ptr<Watcher> watcher(
      new Watcher(loop, options, std::move(table)));
  Watcher* raw = watcher.get();
  RUNY_RETURN_IF_ERROR(loop->Watch(watcher->table_->fd(), EPOLLIN,
                                   [raw](uint32_t) { raw->OnReadable(); }));
  return watcher;
}

Watcher::Watcher(loop::EventLoop* loop, WatcherOptions options,
                 std::unique_ptr<DirTable> table)
    : loop_(loop),
      options_(options),
      table_(std::move(table)),
      buffer_(kReadBufferSize) {}

Watcher::~Watcher() {
  loop_->Unwatch(table_->fd());
  for (auto& [id, w] : watches_) {
    if (w->timer != 0) loop_->CancelTimer(w->timer);
  }
}

absl::StatusOr<WatchId> Watcher::Add(const WatchSpec& spec,
                                     ChangeCallback on_change,
                                     ErrorCallback on_error) {
  if (spec.patterns.empty()) {
    return absl::InvalidArgumentError("watch: no patterns");
  }
  RUNY_ASSIGN_OR_RETURN(
      PathFilter filter,
      PathFilter::Create(NormalizeDir(spec.base_dir), spec.patterns,
                         spec.ignore, spec.default_ignores));
  WatchId id = next_id_++;
  auto owned = std::make_unique<Watch>(id, std::move(filter));
  Watch& w = *owned;
  w.debounce = std::max(spec.debounce, absl::ZeroDuration());
  w.settle = std::max(spec.settle, absl::ZeroDuration());
  w.quiet_needed = w.debounce;
  w.on_change = std::move(on_change);
  w.on_error = std::move(on_error);
  watches_.emplace(id, std::move(owned));
  absl::Status status = Reanchor(w, /*report=*/false);
  if (!status.ok()) {
    Remove(id);
    return status;
  }
  return id;
}

void Watcher::Remove(WatchId id) {
  auto it = watches_.find(id);
  if (it == watches_.end()) return;
  Watch& w = *it->second;
  if (w.timer != 0) loop_->CancelTimer(w.timer);
  ReleaseAll(w);
  watches_.erase(it);
}

absl::Status Watcher::status(WatchId id) const {
  auto it = watches_.find(id);
  if (it == watches_.end()) {
    return absl::NotFoundError("watch: unknown id");
  }
  return it->second->status;
}

// ---- Structure ----

absl::Status Watcher::AddTree(Watch& w, const std::string& top, bool report) {
  const std::vector<std::string>& roots = w.filter.roots();
  std::vector<std::string> pending{top};
  while (!pending.empty()) {
    std::string dir = std::move(pending.back());
    pending.pop_back();
    if (w.dirs.count(dir) > 0) continue;
    bool follow =
        dir == top && std::binary_search(roots.begin(), roots.end(), dir);
    absl::Status s = table_->Acquire(dir, w.id, follow);
    if (absl::IsResourceExhausted(s)) return s;
    if (!s.ok()) {
      // Vanished, unreadable or already watched under another name.
      spdlog::debug("{}", std::string(s.message()));
      continue;
    }
    w.dirs.insert(dir);
    // Listed after the watch exists: nothing created in between is missed.
    ScanDir(w, dir, report, &pending);
  }
  return absl::OkStatus();
}

void Watcher::ScanDir(Watch& w, const std::string& dir, bool report,
                      std::vector<std::string>* subdirs) {
  std::unique_ptr<DIR, DirCloser> d(opendir(dir.c_str()));
  if (d == nullptr) return;  // vanished: its IN_IGNORED follows
  while (const dirent* entry = readdir(d.get())) {
    absl::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::string path = JoinPath(dir, name);
    bool is_dir = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat st;
      is_dir = lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    if (report && w.filter.Matches(path)) {
      NoteChange(w, path, Change::kAppeared);
    }
    if (is_dir && w.filter.NeedsDir(path)) subdirs->push_back(std::move(path));
  }
}

void Watcher::ReleaseTree(Watch& w, const std::string& top) {
  for (std::set<std::string>* held : {&w.dirs, &w.anchors}) {
    // "top-x" sorts between "top" and "top/a": test each prefix match.
    auto it = held->lower_bound(top);
    while (it != held->end() && absl::StartsWith(*it, top)) {
      if (!IsSameOrUnder(*it, top)) {
        ++it;
        continue;
      }
      table_->Release(*it, w.id);
      it = held->erase(it);
    }
  }
}

void Watcher::ReleaseAll(Watch& w) {
  for (const std::string& dir : w.dirs) table_->Release(dir, w.id);
  for (const std::string& dir : w.anchors) table_->Release(dir, w.id);
  w.dirs.clear();
  w.anchors.clear();
}

// Makes every existing root watched with its subtree, and every missing root
// waited for from its deepest existing ancestor (an anchor); drops anchors no
// longer needed.
absl::Status Watcher::Reanchor(Watch& w, bool report) {
  for (int round = 0; round < kMaxReanchorRounds; ++round) {
    std::set<std::string> wanted;
    for (const std::string& root : w.filter.roots()) {
      if (w.dirs.count(root) > 0) continue;
      if (IsDirectory(root)) {
        RUNY_RETURN_IF_ERROR(AddTree(w, root, report));
        if (w.dirs.count(root) > 0) continue;
      }
      wanted.insert(DeepestExistingAncestor(root));
    }
    for (auto it = w.anchors.begin(); it != w.anchors.end();) {
      if (wanted.count(*it) > 0) {
        ++it;
        continue;
      }
      table_->Release(*it, w.id);
      it = w.anchors.erase(it);
    }
    bool progressed = false;
    for (const std::string& dir : wanted) {
      if (w.anchors.count(dir) > 0) continue;
      absl::Status s = table_->Acquire(dir, w.id, /*follow_symlinks=*/true);
      if (absl::IsResourceExhausted(s)) return s;
      if (s.ok()) w.anchors.insert(dir);
      progressed = true;
    }
    // The next directory down may have appeared before the new anchor's
    // watch existed: look again.
    if (!progressed) return absl::OkStatus();
  }
  return absl::OkStatus();
}

// ---- Events ----

void Watcher::OnReadable() {
  for (int i = 0; i < kMaxReadsPerWakeup; ++i) {
    ssize_t n = read(table_->fd(), buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // EAGAIN: drained
    for (ssize_t off = 0; off < n;) {
      const auto* ev =
          reinterpret_cast<const inotify_event*>(buffer_.data() + off);
      // The name is NUL-padded to `len` bytes.
      Dispatch(ev->wd, ev->mask,
               ev->len > 0 ? absl::string_view(ev->name) : absl::string_view());
      off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
    }
  }
}

void Watcher::Dispatch(int wd, uint32_t mask, absl::string_view name) {
  if (mask & IN_Q_OVERFLOW) {
    OnOverflow();
    return;
  }
  const DirTable::Dir* dir = table_->Find(wd);
  if (dir == nullptr) return;  // released already: a stale event
  if (mask & IN_IGNORED) {
    OnDirGone(wd);
    return;
  }
  if (mask & IN_MOVE_SELF) {
    OnDirMoved(wd);
    return;
  }
  if (name.empty()) return;  // IN_DELETE_SELF: IN_IGNORED follows
  std::string path = JoinPath(dir->path, name);
  std::vector<WatchId> users;
  for (const auto& [owner, refs] : dir->refs) users.push_back(owner);
  for (WatchId id : users) {
    auto it = watches_.find(id);
    if (it == watches_.end()) continue;
    if (mask & IN_ISDIR) {
      OnChildDir(*it->second, path, mask);
    } else {
      OnChildFile(*it->second, path, mask);
    }
  }
}

void Watcher::OnChildFile(Watch& w, const std::string& path, uint32_t mask) {
  if (!w.filter.Matches(path)) return;
  Change change;
  if (mask & IN_CLOSE_WRITE) {
    change = Change::kWritten;
  } else if (mask & IN_MOVED_TO) {
    change = Change::kAppeared;
  } else if (mask & IN_CREATE) {
    change = CreatedKind(path);
  } else if (mask & (IN_DELETE | IN_MOVED_FROM)) {
    change = Change::kRemoved;
  } else if (mask & IN_ATTRIB) {
    change = Change::kTouched;
  } else {
    return;
  }
  NoteChange(w, path, change);
}

void Watcher::OnChildDir(Watch& w, const std::string& path, uint32_t mask) {
  absl::Status status;
  if (mask & (IN_CREATE | IN_MOVED_TO)) {
    if (w.filter.Matches(path)) NoteChange(w, path, Change::kAppeared);
    if (!w.filter.NeedsDir(path)) return;
    if (w.filter.UnderRoot(path)) status = AddTree(w, path, /*report=*/true);
    // It may be a missing root or an ancestor of one.
    if (status.ok()) status = Reanchor(w, /*report=*/true);
  } else if (mask & (IN_DELETE | IN_MOVED_FROM)) {
    bool held = w.dirs.count(path) > 0;
    ReleaseTree(w, path);
    // A deleted tree's files were reported one by one; a moved one's were not.
    if (w.filter.Matches(path) || (held && (mask & IN_MOVED_FROM))) {
      NoteChange(w, path, Change::kRemoved);
    }
    status = Reanchor(w, /*report=*/true);
  }
  if (!status.ok()) Fail(w, status);
}

// IN_IGNORED: the kernel dropped the watch (the directory was deleted or its
// file system unmounted).
void Watcher::OnDirGone(int wd) {
  std::optional<DirTable::Dir> dir = table_->Forget(wd);
  if (!dir) return;
  for (const auto& [id, refs] : dir->refs) {
    auto it = watches_.find(id);
    if (it == watches_.end()) continue;
    Watch& w = *it->second;
    w.dirs.erase(dir->path);
    w.anchors.erase(dir->path);
    ReleaseTree(w, dir->path);
    absl::Status status = Reanchor(w, /*report=*/true);
    if (!status.ok()) Fail(w, status);
  }
}

// IN_MOVE_SELF of a directory whose parent we do not watch (a root or an
// anchor; moves under a watched parent were handled by IN_MOVED_FROM): its
// new path is unknown, so it is dropped and its old path waited for again.
void Watcher::OnDirMoved(int wd) {
  const DirTable::Dir* dir = table_->Find(wd);
  std::string path = dir->path;
  std::vector<WatchId> users;
  for (const auto& [owner, refs] : dir->refs) users.push_back(owner);
  for (WatchId id : users) {
    auto it = watches_.find(id);
    if (it == watches_.end()) continue;
    Watch& w = *it->second;
    bool held = w.dirs.count(path) > 0;
    ReleaseTree(w, path);
    if (held) NoteChange(w, path, Change::kRemoved);
    absl::Status status = Reanchor(w, /*report=*/true);
    if (!status.ok()) Fail(w, status);
  }
}

// Events were lost: anything may have changed, and our paths may be stale.
void Watcher::OnOverflow() {
  spdlog::warn("inotify queue overflow: rebuilding {} watches",
               watches_.size());
  table_->Clear();
  for (auto& [id, owned] : watches_) {
    Watch& w = *owned;
    w.dirs.clear();
    w.anchors.clear();
    w.burst.RecordEverything();
    w.last_change = loop::MonotonicNow();
    w.quiet_needed = w.debounce;
    if (w.timer == 0) ArmTimer(w, w.debounce);
    absl::Status status = Reanchor(w, /*report=*/false);
    if (!status.ok()) Fail(w, status);
  }
}

// ---- Debounce and reporting ----

void Watcher::NoteChange(Watch& w, const std::string& path, Change change) {
  std::string relative = w.filter.Relative(path);
  w.burst.Record(relative, change);
  if (change == Change::kCreated) return;  // counts only with a later event
  w.last_change = loop::MonotonicNow();
  // A completed save: a rename in, or an existing file written and closed
  // (a new one may be a temp file about to be renamed).
  bool complete =
      change == Change::kAppeared ||
      (change == Change::kWritten && !w.burst.BeganWithCreation(relative));
  absl::Duration needed =
      complete ? std::min(w.settle, w.debounce) : w.debounce;
  bool sooner = needed < w.quiet_needed;
  w.quiet_needed = needed;
  if (w.timer != 0 && sooner) {
    loop_->CancelTimer(w.timer);
    w.timer = 0;
  }
  if (w.timer == 0) ArmTimer(w, needed);
}

void Watcher::ArmTimer(Watch& w, absl::Duration delay) {
  WatchId id = w.id;
  w.timer = loop_->AddTimerAfter(delay, [this, id] { OnTimer(id); });
}

// Trailing edge: one timer per burst, pushed back while changes keep coming.
void Watcher::OnTimer(WatchId id) {
  auto it = watches_.find(id);
  if (it == watches_.end()) return;
  Watch& w = *it->second;
  w.timer = 0;
  absl::Duration quiet = loop::MonotonicNow() - w.last_change;
  if (quiet < w.quiet_needed) {
    ArmTimer(w, w.quiet_needed - quiet);
    return;
  }
  w.quiet_needed = w.debounce;
  std::vector<std::string> paths = w.burst.Take(options_.max_reported_paths);
  if (paths.empty()) return;
  ChangeCallback callback = w.on_change;  // it may Remove(id)
  callback(paths);
}

void Watcher::Fail(Watch& w, const absl::Status& error) {
  if (!w.status.ok()) return;
  w.status = error;
  spdlog::warn("{}", std::string(error.message()));
  if (!w.on_error) return;
  // Posted: the callback may Remove() or Add() while we walk our tables.
  std::weak_ptr<int> alive = alive_;
  WatchId id = w.id;
  loop_->Post([this, alive, id, error] {
    if (alive.expired()) return;
    auto it = watches_.find(id);
    if (it == watches_.end()) return;
    ErrorCallback callback = it->second->on_error;
    callback(error);
  });
}

}  // namespace runy::watch
