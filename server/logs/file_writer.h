// Writes log blocks to per-process files on a thread of its own, with
// size-based rotation, so a slow or full disk never stalls the loop.
#ifndef RUNY_SERVER_LOGS_FILE_WRITER_H_
#define RUNY_SERVER_LOGS_FILE_WRITER_H_

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "common/mutex.h"
#include "common/unique_fd.h"
#include "server/logs/record.h"

namespace runy::logs {

// A batch is written once this much is queued, or kBatchDelayMs after its
// first block.
inline constexpr uint64_t kBatchBytes = 1 << 20;
inline constexpr int kBatchDelayMs = 5;

struct FileOptions {
  std::string dir;                         // created if missing
  uint64_t max_file_bytes = 10 << 20;      // rotate past this size
  int max_files = 5;                       // the live file plus rotated ones
  uint64_t max_pending_bytes = 256 << 20;  // queued beyond this are dropped
};

// Thread: Enqueue() and the accessors from any thread; the files are touched
// only by the writer thread.
class FileWriter {
 public:
  explicit FileWriter(FileOptions options);
  ~FileWriter();  // writes what is queued, then stops
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // Queues a block; never blocks. A block that does not fit in the pending
  // budget is dropped and counted.
  void Enqueue(BlockPtr block);
  // Waits until everything queued so far has been written (or dropped).
  void Flush();
  // Writes what is queued, then empties the files of `alias` (the live one
  // is truncated, rotated ones are deleted).
  absl::Status Empty(const std::string& alias);

  // Bytes that could not be written for `alias` (disk full, budget).
  uint64_t dropped_bytes(const std::string& alias);
  // Paths of the files of `alias`, oldest first.
  std::vector<std::string> Files(const std::string& alias) const;
  std::string PathOf(const std::string& alias) const;

 private:
  struct Output {
    UniqueFd fd;
    uint64_t size = 0;
    bool failing = false;  // the last write failed (logged once)
  };
  void Run();
  // Writes a batch, merging consecutive blocks of one process into one
  // write. Returns the bytes it took from the queue.
  uint64_t WriteBatch(const std::deque<BlockPtr>& batch);
  // Writes whole records of `alias`, rotating at record boundaries.
  void Write(const std::string& alias, absl::string_view records);
  absl::Status Rotate(const std::string& alias, Output* out);
  absl::Status OpenOutput(const std::string& alias, Output* out);
  absl::Status WriteAll(Output* out, absl::string_view bytes,
                        const std::string& alias);

  const FileOptions options_;
  Mutex mu_;
  CondVar wake_;
  CondVar idle_;
  std::deque<BlockPtr> queue_ ABSL_GUARDED_BY(mu_);
  uint64_t pending_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool waiting_ ABSL_GUARDED_BY(mu_) = false;  // idle in wait
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::map<std::string, uint64_t> dropped_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Output> outputs_;  // writer thread only
  bool dir_ok_ = false;                    // writer thread only
  std::thread thread_;
};

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_FILE_WRITER_H_
