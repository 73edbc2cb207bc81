// Re-executing runyd: the binary on disk (so that a new version takes
// over) with the arguments it was started with.
#ifndef RUNY_SERVER_HANDOFF_REEXEC_H_
#define RUNY_SERVER_HANDOFF_REEXEC_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace runy::handoff {

// How runyd was started: the executable's absolute path (resolved at
// start-up, so a package upgrade that renames a new binary over it is
// what the next exec runs) and its arguments.
struct Invocation {
  std::string executable;
  std::vector<std::string> argv;
};

// Resolves the running executable's path now. Call it first thing in main.
Invocation CurrentInvocation(int argc, char** argv);

// Whether the binary on disk starts at all: runs `executable --version`
// and expects "runyd " on its output within `timeout`. FailedPrecondition
// saying what went wrong (missing, not executable, a missing library, a
// crash) — then runyd stays as it is.
absl::Status CheckStarts(const std::string& executable,
                         absl::Duration timeout = absl::Seconds(5));

// execve(2) of `invocation` with RUNY_HANDOFF_FD=`handoff_fd` added to the
// environment. Returns only when the exec failed.
absl::Status Exec(const Invocation& invocation, int handoff_fd);

}  // namespace runy::handoff

#endif  // RUNY_SERVER_HANDOFF_REEXEC_H_
