// Watches files that match globs, through one inotify fd, and reports each
// burst of changes once, after the burst.
#ifndef RUNY_SERVER_WATCH_WATCHER_H_
#define RUNY_SERVER_WATCH_WATCHER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/loop/event_loop.h"
#include "server/watch/burst.h"
#include "server/watch/dir_table.h"
#include "server/watch/path_filter.h"

namespace runy::watch {

using WatchId = uint64_t;

inline constexpr absl::Duration kDefaultDebounce = absl::Milliseconds(50);
// The first path of a change list when inotify lost events (queue overflow):
// anything may have changed.
inline constexpr const char* kEverythingChanged = Burst::kEverything;

struct WatchSpec {
  // Relative patterns and relative ignores are relative to it; made absolute
  // against the working directory. Need not exist yet.
  std::string base_dir;
  // Watch globs (see glob.h); a change to a matching file or directory counts.
  std::vector<std::string> patterns;
  // Ignore globs, added to DefaultIgnores() (see path_filter.h).
  std::vector<std::string> ignore;
  bool default_ignores = true;
  absl::Duration debounce = kDefaultDebounce;
  // A burst whose latest change completed a file (a close after writing, a
  // rename in) ends after only this much quiet: a save restarts at once,
  // the writes of one burst still give one callback. Infinite: `debounce`
  // alone decides.
  absl::Duration settle = absl::InfiniteDuration();
};

struct WatcherOptions {
  // At most this many paths per callback.
  size_t max_reported_paths = 10;
  // Test seam: > 0 acts as if fs.inotify.max_user_watches allowed only this
  // many directories.
  size_t max_watches = 0;
};

// The changed paths of one burst, relative to base_dir when below it
// (absolute otherwise), deduplicated, the first few only, in order.
using ChangeCallback =
    std::function<void(const std::vector<std::string>& changed_paths)>;
// A watch lost part of its coverage after Add() succeeded (out of inotify
// watches for a new directory): ResourceExhausted. Called once per watch.
using ErrorCallback = std::function<void(const absl::Status& error)>;

// Thread: the loop thread. Create it there (or before the loop runs) and call
// every method there; callbacks run there too and may call Add() or Remove().
//
// What is watched: for every glob, the directories that can hold matches —
// its literal directory prefix (`config` for `config/**/*.json`, base_dir for
// `*.txt`) and the directories below it that a wildcard can stand for,
// skipping ignored ones (`.git/`, `node_modules/`) and dot directories a
// wildcard cannot match. One inotify watch per directory, shared by watches.
// A missing prefix (or base_dir) is waited for by watching its deepest
// existing ancestor until it appears.
//
// What counts as a change of a matching path: a close after writing, a
// rename in or out, a deletion, a metadata change (touch, chmod), a new
// symlink or hard link, the appearance of a directory holding matches (its
// matching files are reported), the removal of a directory that could hold
// them. A new regular file counts when it is closed (so one writer gives one
// change). Directories created later are watched at once and scanned, so
// files made before their watch existed count (`mkdir -p a/b/c && touch
// a/b/c/x.py`). Deleted, moved and re-created directories are followed.
//
// Debounce: the first counted change starts a burst; the burst ends when
// `debounce` passes without another one (`settle`, if shorter, after a
// completed save: a rename in, or a close after writing a file that existed
// before the burst), and then the callback runs once.
// A path created and then removed within one burst (an editor's temp file,
// vim's 4913 probe, a backup file) is not reported; a burst with nothing
// left gives no callback. So an atomic save — write `x.py.tmp`, rename it
// onto `x.py` — is one change of `x.py`. With debounce 0 the callback runs
// at the end of the current event batch, which may split such a save.
//
// Never blocks; a directory that vanishes under it is skipped. On an inotify
// queue overflow every watch reports kEverythingChanged and is rebuilt.
class Watcher {
 public:
  static absl::StatusOr<std::unique_ptr<Watcher>> Create(
      loop::EventLoop* loop, WatcherOptions options = {});
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Starts watching. Errors: InvalidArgument naming a bad glob;
  // ResourceExhausted if the directories do not fit in the inotify watch
  // limit (the message names fs.inotify.max_user_watches; nothing is kept).
  absl::StatusOr<WatchId> Add(const WatchSpec& spec, ChangeCallback on_change,
                              ErrorCallback on_error = nullptr);
  // Stops watching; no callback of `id` runs afterwards. Unknown ids are
  // ignored.
  void Remove(WatchId id);

  // OK, the error given to ErrorCallback, or NotFound for an unknown id.
  absl::Status status(WatchId id) const;
  // Directories under an inotify watch, over all watches (sorted).
  size_t watched_directory_count() const { return table_->size(); }
  std::vector<std::string> watched_directories() const {
    return table_->paths();
  }

 private:
  struct Watch;
  Watcher(loop::EventLoop* loop, WatcherOptions options,
          std::unique_ptr<DirTable> table);

  // Structure: acquiring and releasing directories for a watch.
  absl::Status AddTree(Watch& w, const std::string& top, bool report);
  void ScanDir(Watch& w, const std::string& dir, bool report,
               std::vector<std::string>* subdirs);
  void ReleaseTree(Watch& w, const std::string& top);
  absl::Status Reanchor(Watch& w, bool report);
  void ReleaseAll(Watch& w);

  // Events.
  void OnReadable();
  void Dispatch(int wd, uint32_t mask, absl::string_view name);
  void OnChildFile(Watch& w, const std::string& path, uint32_t mask);
  void OnChildDir(Watch& w, const std::string& path, uint32_t mask);
  void OnDirGone(int wd);
  void OnDirMoved(int wd);
  void OnOverflow();

  // Debounce and reporting.
  void NoteChange(Watch& w, const std::string& path, Change change);
  void ArmTimer(Watch& w, absl::Duration delay);
  void OnTimer(WatchId id);
  void Fail(Watch& w, const absl::Status& error);

  loop::EventLoop* const loop_;
  const WatcherOptions options_;
  std::unique_ptr<DirTable> table_;
  std::map<WatchId, std::unique_ptr<Watch>> watches_;
  WatchId next_id_ = 1;
  std::vector<char> buffer_;
  // Lets a posted error callback find out that the Watcher is gone.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace runy::watch

#endif  // RUNY_SERVER_WATCH_WATCHER_H_
