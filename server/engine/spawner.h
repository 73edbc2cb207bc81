// Starting child processes: PATH lookup, pipes, a new session, a clean signal
// state, and nothing inherited but stdin (/dev/null), stdout and stderr.
#ifndef RUNY_SERVER_ENGINE_SPAWNER_H_
#define RUNY_SERVER_ENGINE_SPAWNER_H_

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/unique_fd.h"
#include "server/engine/process_spec.h"

namespace runy::engine {

struct SpawnedChild {
  pid_t pid = -1;      // also the process group id (the child leads a session)
  UniqueFd stdout_fd;  // read ends, non-blocking, close-on-exec
  UniqueFd stderr_fd;
};

// Spawns `command` with runyd's environment plus `command.env` plus
// `extra_env`; with a `cgroup_procs` (a cgroup v2's cgroup.procs, open for
// writing), the child joins that cgroup before it execs. Thread-safe (no
// async-signal-unsafe work in the child). Errors name the command: "execve
// python3: No such file or directory" (NotFound for a missing command,
// PermissionDenied when not executable, ...); "fork: ..." when the kernel
// refused a new process.
absl::StatusOr<SpawnedChild> Spawn(
    const CommandSpec& command,
    const std::vector<std::pair<std::string, std::string>>& extra_env,
    int cgroup_procs = -1);

// Finds `cmd` on `path_var` (a PATH value) the way execvp does; a cmd with a
// '/' is returned as it is. NotFound when nothing executable matches.
absl::StatusOr<std::string> ResolveCommand(const std::string& cmd,
                                           const std::string& path_var);

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_SPAWNER_H_
