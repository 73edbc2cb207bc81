// Lock files: one process at a time holds an flock(2) on the file, which
// names the holder for whoever finds it taken. runyd locks its socket
// (rpc_server.cc) and its state directory (server/state/state_lock.h).
#ifndef RUNY_COMMON_LOCK_FILE_H_
#define RUNY_COMMON_LOCK_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/unique_fd.h"

namespace runy {

// Opens (creating, mode 0600) a lock file: a regular file of our own user
// with one link, never through a symbolic link, since it is truncated.
absl::StatusOr<UniqueFd> OpenLockFile(const std::string& path);

struct LockAttempt {
  UniqueFd fd;          // holds the lock when `held_by` is empty
  std::string held_by;  // else what the holder wrote (trimmed)
};

// Opens `path` and takes the lock without waiting; once taken, the file's
// content becomes `holder`. The lock lasts as long as the descriptor (it is
// close-on-exec).
absl::StatusOr<LockAttempt> TryLockFile(const std::string& path,
                                        absl::string_view holder);

}  // namespace runy

#endif  // RUNY_COMMON_LOCK_FILE_H_
