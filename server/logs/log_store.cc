#include "server/logs/log_store.h"

#include <dirent.h>

#include "absl/strings/strip.h"

namespace runy::logs {

LogStore::LogStore(StoreOptions options) : options_(std::move(options)) {
  if (options_.write_files && !options_.files.dir.empty()) {
    writer_ = std::make_unique<FileWriter>(options_.files);
  }
}

LogStore::~LogStore() = default;

void LogStore::Append(BlockPtr block) {
  if (writer_) writer_->Enqueue(block);
  std::vector<std::shared_ptr<Follower>> followers;
  {
    MutexLock lock(&mu_);
    Tail& tail = tails_[block->alias];
    tail.bytes += block->bytes.size();
    tail.blocks.push_back(block);
    while (tail.bytes > options_.memory_bytes && tail.blocks.size() > 1) {
      tail.bytes -= tail.blocks.front()->bytes.size();
      tail.blocks.pop_front();
    }
    for (const auto& [id, follower] : followers_) {
      if (follower->aliases.empty() ||
          follower->aliases.count(block->alias) != 0) {
        followers.push_back(follower);
      }
    }
  }
  // Outside the lock: a follower's push takes its stream's lock.
  for (const auto& follower : followers) follower->on_block(block);
}

int LogStore::Subscribe(std::set<std::string> aliases, BlockCallback on_block,
                        std::vector<BlockPtr>* backlog) {
  *backlog = Snapshot(aliases);
  MutexLock lock(&mu_);
  int id = next_follower_++;
  followers_[id] = std::make_shared<Follower>(
      Follower{std::move(aliases), std::move(on_block)});
  return id;
}

void LogStore::Unsubscribe(int id) {
  MutexLock lock(&mu_);
  followers_.erase(id);
}

std::vector<BlockPtr> LogStore::Snapshot(const std::set<std::string>& aliases) {
  MutexLock lock(&mu_);
  std::vector<BlockPtr> out;
  for (const auto& [alias, tail] : tails_) {
    if (!aliases.empty() && aliases.count(alias) == 0) continue;
    out.insert(out.end(), tail.blocks.begin(), tail.blocks.end());
  }
  return out;
}

std::vector<std::string> LogStore::Files(const std::string& alias) const {
  return writer_ ? writer_->Files(alias) : std::vector<std::string>();
}

std::vector<std::string> LogStore::Aliases() {
  std::set<std::string> aliases;
  {
    MutexLock lock(&mu_);
    for (const auto& [alias, tail] : tails_) aliases.insert(alias);
  }
  if (writer_ && !options_.files.dir.empty()) {
    if (DIR* dir = opendir(options_.files.dir.c_str())) {
      while (dirent* entry = readdir(dir)) {
        absl::string_view name = entry->d_name;
        if (absl::ConsumeSuffix(&name, ".log") && !name.empty()) {
          aliases.insert(std::string(name));
        }
      }
      closedir(dir);
    }
  }
  return std::vector<std::string>(aliases.begin(), aliases.end());
}

uint64_t LogStore::dropped_bytes(const std::string& alias) {
  return writer_ ? writer_->dropped_bytes(alias) : 0;
}

absl::Status LogStore::Empty(const std::string& alias) {
  {
    MutexLock lock(&mu_);
    auto it = tails_.find(alias);
    if (it != tails_.end()) it->second = Tail();
  }
  return writer_ ? writer_->Empty(alias) : absl::OkStatus();
}

void LogStore::Flush() {
  if (writer_) writer_->Flush();
}

std::string LogStore::FilePath(const std::string& alias) const {
  return writer_ ? writer_->PathOf(alias) : "";
}

}  // namespace runy::logs
