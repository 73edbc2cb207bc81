// runyd's hold on its state directory: one runyd a directory, for its whole
// life, whatever socket each serves (two would start every service twice
// and end each other's processes as leftovers).
#ifndef RUNY_SERVER_STATE_STATE_LOCK_H_
#define RUNY_SERVER_STATE_STATE_LOCK_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/unique_fd.h"

namespace runy::state {

class StateLock {
 public:
  // Creates `dir` (0700) if needed and locks `dir`/lock. FailedPrecondition
  // naming the other runyd's pid and socket when one holds it.
  static absl::StatusOr<StateLock> Acquire(const std::string& dir,
                                           const std::string& socket_path);

  // The lock a previous runyd image held (re-exec): the descriptor keeps it.
  static StateLock Adopt(UniqueFd fd) { return StateLock(std::move(fd)); }
  // Gives up the descriptor, lock held, for the next image.
  UniqueFd Release() { return std::move(fd_); }

  StateLock(StateLock&&) = default;
  StateLock& operator=(StateLock&&) = default;

 private:
  explicit StateLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;
};

}  // namespace runy::state

#endif  // RUNY_SERVER_STATE_STATE_LOCK_H_
