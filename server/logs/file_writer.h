// Writes log blocks to per-process files on a thread of its own, with
// size-based rotation, so a slow or full disk never stalls the loop. Each
// file holds the process's lines alone; what runy knows of them is in the
// index beside it (log_index.h).
#ifndef RUNY_SERVER_LOGS_FILE_WRITER_H_
#define RUNY_SERVER_LOGS_FILE_WRITER_H_

#include <sys/uio.h>

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <thread>
#include <vector>

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

  // Bytes of lines that could not be written for `alias` (disk full,
  // budget).
  uint64_t dropped_bytes(const std::string& alias);
  // Paths of the files of `alias`, oldest first (their indexes are at
  // IndexPathOf(path)).
  std::vector<std::string> Files(const std::string& alias) const;
  std::string PathOf(const std::string& alias) const;

 private:
  struct Output {
    UniqueFd text;
    UniqueFd index;
    uint64_t size = 0;        // of the text
    uint64_t index_size = 0;  // of the index
    bool failing = false;     // the last write failed (logged once)
  };
  // What is gathered for one write of one output.
  struct Pending {
    std::vector<struct iovec> text;
    uint64_t text_bytes = 0;
    std::string index;
    uint64_t system_bytes = 0;      // system lines in `index`
    uint64_t* committed = nullptr;  // bytes of lines written, added to
  };
  void Run();
  // Rewrites files of the former layout (records in the text) in place.
  void ConvertFormerLayout();
  // Writes a batch: one writev per process for its consecutive blocks.
  // Returns the bytes it took from the queue.
  uint64_t WriteBatch(const std::deque<BlockPtr>& batch);
  // Writes the records of `blocks` (all of `alias`), rotating at record
  // boundaries.
  void Write(const std::string& alias, const BlockPtr* blocks, size_t count);
  absl::Status WriteRecords(const std::string& alias, Output* out,
                            const BlockPtr* blocks, size_t count,
                            uint64_t* committed);
  // Adds `lines` of `h` at the end of what is pending.
  void Add(const RecordHeader& h, absl::string_view lines, const Output& out,
           Pending* p);
  // Writes the text, then the index; on failure neither is left half done.
  absl::Status Commit(const std::string& alias, Output* out, Pending* p);
  absl::Status Rotate(const std::string& alias, Output* out);
  absl::Status OpenOutput(const std::string& alias, Output* out);
  // Brings `out` in line with its files when someone else changed them.
  absl::Status Recheck(Output* out);

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
