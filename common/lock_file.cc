#include "common/lock_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/errno_status.h"

namespace runy {

absl::StatusOr<UniqueFd> OpenLockFile(const std::string& path) {
  UniqueFd fd(
      open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd) {
    if (errno == ELOOP) {
      return absl::PermissionDeniedError(absl::StrCat(
          path, " is a symbolic link: refusing to use it (remove it)"));
    }
    return ErrnoToStatus(errno, absl::StrCat("open ", path));
  }
  struct stat st;
  // A hard link planted in a shared directory would be truncated too.
  if (fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) ||
      st.st_uid != geteuid() || st.st_nlink != 1) {
    return absl::PermissionDeniedError(absl::StrCat(
        path, " is not a regular file of runyd's user: refusing to use it"));
  }
  return fd;
}

absl::StatusOr<LockAttempt> TryLockFile(const std::string& path,
                                        absl::string_view holder) {
  absl::StatusOr<UniqueFd> fd = OpenLockFile(path);
  if (!fd.ok()) return fd.status();
  LockAttempt attempt;
  if (flock(fd->get(), LOCK_EX | LOCK_NB) != 0) {
    char buf[512] = {};
    ssize_t n = pread(fd->get(), buf, sizeof buf - 1, 0);
    attempt.held_by = std::string(
        absl::StripAsciiWhitespace(absl::string_view(buf, n > 0 ? n : 0)));
    if (attempt.held_by.empty()) attempt.held_by = "?";
    return attempt;
  }
  if (ftruncate(fd->get(), 0) == 0) {
    [[maybe_unused]] ssize_t n =
        pwrite(fd->get(), holder.data(), holder.size(), 0);
  }
  attempt.fd = std::move(*fd);
  return attempt;
}

}  // namespace runy
