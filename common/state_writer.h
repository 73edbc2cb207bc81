// Saves the small files of runyd's state directory (started services,
// loaded files, stopped processes) so that a failed write is not lost: the
// file is written at once, as before, and when that fails (a full disk, a
// read-only remount) it is retried on a thread of its own until it
// succeeds, the latest content winning. Meanwhile the old file stays whole:
// every write is WriteFileAtomically's.
#ifndef RUNY_COMMON_STATE_WRITER_H_
#define RUNY_COMMON_STATE_WRITER_H_

#include <cstdint>
#include <map>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "common/mutex.h"

namespace runy {

// Thread-safe; each path has one owner, the thread that saves it. Owns its
// retrying thread.
class StateWriter {
 public:
  explicit StateWriter(absl::Duration retry_every = absl::Seconds(2));
  // Tries once more what still fails, then stops.
  ~StateWriter();
  StateWriter(const StateWriter&) = delete;
  StateWriter& operator=(const StateWriter&) = delete;

  // Replaces `path` with `content` now; if that fails, the writer retries.
  // True when it is written.
  bool Save(const std::string& path, std::string content);
  // Tries once more, at once, whatever still fails, and returns after that
  // attempt: before runyd exits or re-executes, so that the next runyd
  // reads the latest lists if the disk allows it.
  void Flush();
  // How many files are waiting for a retry.
  int failing() const;

 private:
  void Run();

  const absl::Duration retry_every_;
  mutable Mutex mu_;
  CondVar changed_;
  // The latest content of each file whose last write failed.
  std::map<std::string, std::string> failing_ ABSL_GUARDED_BY(mu_);
  uint64_t rounds_ ABSL_GUARDED_BY(mu_) = 0;  // retry rounds done
  bool in_round_ ABSL_GUARDED_BY(mu_) = false;
  bool hurry_ ABSL_GUARDED_BY(mu_) = false;  // a Flush waits
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace runy

#endif  // RUNY_COMMON_STATE_WRITER_H_
