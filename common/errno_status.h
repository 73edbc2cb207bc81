// Conversion of errno values to absl::Status.
#ifndef RUNY_COMMON_ERRNO_STATUS_H_
#define RUNY_COMMON_ERRNO_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace runy {

// strerror text of `err`, thread-safe.
std::string ErrnoText(int err);

// A status for a failed system call: "<what>: <strerror>", with a code chosen
// from the errno (ENOENT → NotFound, EACCES → PermissionDenied, ...).
absl::Status ErrnoToStatus(int err, absl::string_view what);

}  // namespace runy

#endif  // RUNY_COMMON_ERRNO_STATUS_H_
