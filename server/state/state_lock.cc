#include "server/state/state_lock.h"

#include <unistd.h>

#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errno_status.h"
#include "common/lock_file.h"

namespace runy::state {

absl::StatusOr<StateLock> StateLock::Acquire(const std::string& dir,
                                             const std::string& socket_path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot create the state directory ", dir, ": ", ec.message()));
    }
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  }
  absl::StatusOr<LockAttempt> lock = TryLockFile(
      dir + "/lock", absl::StrCat(getpid(), "\n", socket_path, "\n"));
  if (!lock.ok()) return lock.status();
  if (!lock->held_by.empty()) {
    std::vector<std::string> holder =
        absl::StrSplit(lock->held_by, absl::MaxSplits('\n', 1));
    std::string socket = holder.size() > 1 ? holder[1] : "?";
    return absl::FailedPreconditionError(
        absl::StrCat("another runyd (pid ", holder[0], ", socket ", socket,
                     ") is using the state directory ", dir,
                     "; stop it first, or give this one its own --state-dir"));
  }
  return StateLock(std::move(lock->fd));
}

}  // namespace runy::state
