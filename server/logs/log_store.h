// Every process's log: an in-memory tail for fast reads, the files (through
// FileWriter), and live followers.
#ifndef RUNY_SERVER_LOGS_LOG_STORE_H_
#define RUNY_SERVER_LOGS_LOG_STORE_H_

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/mutex.h"
#include "server/logs/file_writer.h"
#include "server/logs/record.h"

namespace runy::logs {

struct StoreOptions {
  // Empty: memory only.
  FileOptions files;
  bool write_files = true;
  // Per process; the oldest blocks are forgotten past this.
  size_t memory_bytes = 1 << 20;
};

// Thread-safe: Append() and Subscribe() come from the loop thread (which
// keeps a follower's backlog and live blocks in order); reads from any
// thread. The one object in runyd with its own lock.
class LogStore {
 public:
  using BlockCallback = std::function<void(const BlockPtr&)>;

  explicit LogStore(StoreOptions options);
  ~LogStore();

  void Append(BlockPtr block);

  // Registers `on_block` for new blocks of `aliases` (empty: all) and
  // returns, atomically with that, the blocks held in memory for them.
  // `on_block` runs on the appending thread and must not block.
  int Subscribe(std::set<std::string> aliases, BlockCallback on_block,
                std::vector<BlockPtr>* backlog);
  void Unsubscribe(int id);

  // The blocks held in memory for `aliases` (empty: all).
  std::vector<BlockPtr> Snapshot(const std::set<std::string>& aliases);
  // The files of `alias`, oldest first (none without files).
  std::vector<std::string> Files(const std::string& alias) const;
  // Every alias with a log: in memory or in the files.
  std::vector<std::string> Aliases();
  uint64_t dropped_bytes(const std::string& alias);
  // Waits until every appended block is in the files.
  void Flush();
  // Forgets the log of `alias`, in memory and in the files (`runy flush`).
  // Blocks while the writer catches up: not for the loop thread.
  absl::Status Empty(const std::string& alias);
  std::string FilePath(const std::string& alias) const;

 private:
  struct Tail {
    std::deque<BlockPtr> blocks;
    size_t bytes = 0;
  };
  struct Follower {
    std::set<std::string> aliases;
    BlockCallback on_block;
  };

  const StoreOptions options_;
  std::unique_ptr<FileWriter> writer_;
  Mutex mu_;
  std::map<std::string, Tail> tails_ ABSL_GUARDED_BY(mu_);
  std::map<int, std::shared_ptr<Follower>> followers_ ABSL_GUARDED_BY(mu_);
  int next_follower_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_LOG_STORE_H_
