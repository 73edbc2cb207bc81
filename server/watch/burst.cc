#include "server/watch/burst.h"

#include <algorithm>
#include <utility>

namespace runy::watch {
namespace {

// Reported paths are only the first few: past this, just count.
constexpr size_t kMaxUntracked = 64;

}  // namespace

bool Burst::BeganWithCreation(const std::string& path) const {
  auto it = index_.find(path);
  return it != index_.end() && entries_[it->second].created;
}

void Burst::Record(const std::string& path, Change change) {
  bool counts = change != Change::kCreated;
  auto it = index_.find(path);
  if (it == index_.end()) {
    if (entries_.size() >= max_tracked_) {
      if (!counts) return;
      counting_ = true;
      if (std::find(untracked_.begin(), untracked_.end(), path) ==
              untracked_.end() &&
          untracked_.size() < kMaxUntracked) {
        untracked_.push_back(path);
      }
      return;
    }
    Entry entry;
    entry.path = path;
    entry.created = change == Change::kCreated || change == Change::kAppeared;
    it = index_.emplace(path, entries_.size()).first;
    entries_.push_back(std::move(entry));
  }
  Entry& e = entries_[it->second];
  if (change == Change::kRemoved) {
    e.exists = false;
  } else if (change != Change::kTouched) {
    e.exists = true;
  }
  if (counts && !e.counted) {
    e.counted = true;
    e.first_counted = next_order_++;
  }
  counting_ = counting_ || counts;
}

std::vector<std::string> Burst::Take(size_t max_paths) {
  std::vector<const Entry*> kept;
  for (const Entry& e : entries_) {
    bool transient = e.created && !e.exists;
    if (e.counted && !transient) kept.push_back(&e);
  }
  std::sort(kept.begin(), kept.end(), [](const Entry* a, const Entry* b) {
    return a->first_counted < b->first_counted;
  });
  std::vector<std::string> paths;
  if (everything_) paths.push_back(kEverything);
  for (const Entry* e : kept) paths.push_back(e->path);
  for (std::string& p : untracked_) paths.push_back(std::move(p));
  if (paths.size() > max_paths) paths.resize(max_paths);
  entries_.clear();
  index_.clear();
  untracked_.clear();
  next_order_ = 0;
  counting_ = false;
  everything_ = false;
  return paths;
}

}  // namespace runy::watch
