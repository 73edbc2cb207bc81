// The changes of one watch between two callbacks: deduplicated, in order, with
// files that came and went inside the burst (editors' temp files) left out.
#ifndef RUNY_SERVER_WATCH_BURST_H_
#define RUNY_SERVER_WATCH_BURST_H_

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace runy::watch {

// What happened to a path, as the watcher saw it.
enum class Change {
  kCreated,   // a new regular file, not written yet: counts only together
              // with a later event (its close-write, rename or deletion)
  kWritten,   // written and closed
  kAppeared,  // appeared complete: renamed in, a new symlink or hard link,
              // found in a new directory
  kTouched,   // metadata changed (touch, chmod); says nothing of existence
  kRemoved,   // deleted or renamed away
};

// Thread: the loop thread (one per watch, owned by the Watcher).
class Burst {
 public:
  // The path reported alone when events were lost (inotify queue overflow).
  static constexpr char kEverything[] = "*";

  // `max_tracked`: how many distinct paths get full bookkeeping; past it,
  // changes are still reported but not filtered as transient.
  explicit Burst(size_t max_tracked = 4096) : max_tracked_(max_tracked) {}

  void Record(const std::string& path, Change change);
  // Everything may have changed (events were lost).
  void RecordEverything() { everything_ = true; }

  // Whether anything recorded so far counts as a change.
  bool counting() const { return counting_; }
  // Whether `path`'s first event in this burst created it: a new file that
  // is written may be an editor's temp file, renamed away a moment later.
  bool BeganWithCreation(const std::string& path) const;

  // The first `max_paths` distinct changed paths in the order of their first
  // counted change, kEverything first if events were lost; and starts a new
  // burst. Left out: a path whose first event in the burst created it and
  // whose last one removed it (a temp file renamed away, vim's 4913 probe,
  // a backup file deleted). Empty if nothing counts.
  std::vector<std::string> Take(size_t max_paths);

 private:
  struct Entry {
    std::string path;
    bool created = false;  // the burst began with this path's creation
    bool exists = true;
    bool counted = false;
    size_t first_counted = 0;  // order of its first counted change
  };

  const size_t max_tracked_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<std::string> untracked_;  // past max_tracked_, in order
  size_t next_order_ = 0;
  bool counting_ = false;
  bool everything_ = false;
};

}  // namespace runy::watch

#endif  // RUNY_SERVER_WATCH_BURST_H_
