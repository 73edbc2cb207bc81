// Plain facts about a process, copied out of the engine for status and events.
#ifndef RUNY_SERVER_ENGINE_PROCESS_SNAPSHOT_H_
#define RUNY_SERVER_ENGINE_PROCESS_SNAPSHOT_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace runy::engine {

enum class ProcessState {
  kStarting,
  kRunning,
  kBackoff,  // waiting for its restart delay
  kStopping,
  kStopped,  // stopped by a user
  kExited,   // ended; the policy says no restart
  kFailed,   // gave up after maxRestarts, or could never start
};

const char* StateName(ProcessState state);

struct ExitInfo {
  bool exited = false;
  int code = 0;    // when it exited normally (127: could not execute)
  int signal = 0;  // the signal that killed it, 0 if none
  absl::Time at;   // wall clock

  // "exited with code 1", "killed by SIGKILL".
  std::string Describe() const;
};

// One end of an instance, for `runy describe`: how it ended and what the
// supervisor did about it.
struct ExitRecord {
  ExitInfo exit;
  int run = 0;
  absl::Duration uptime;
  // "restart in 2s (attempt 3/10)", "gave up after 10 restarts",
  // "stopped by a user", ...
  std::string outcome;
};

struct ProcessSnapshot {
  std::string alias;
  std::string service;
  std::string cmd;
  std::vector<std::string> args;
  ProcessState state = ProcessState::kStopped;
  pid_t pid = 0;
  absl::Time started_at = absl::InfinitePast();  // wall clock
  int restarts = 0;
  bool crash_looping = false;  // restarts are being slowed down
  int max_restarts = -1;
  ExitInfo last_exit;
  absl::Time next_restart_at = absl::InfinitePast();  // wall clock; backoff
  // Of the whole process group (the leader alone until the first sample).
  absl::Duration cpu_time;
  uint64_t rss_bytes = 0;
  double cpu_percent = 0;  // recent, of one core
  std::string reason;
  int run = 0;
  // Backoff: its onExit hook is deciding what this exit does.
  bool awaiting_exit_hook = false;
  // Stopping or stopped on its way to the next instance (a restart, a
  // watched change, a start during the stop): a start follows the stop.
  bool restarting = false;
  std::string watch_error;  // e.g. out of inotify watches
  // Its cgroup (cgroup_tree.h); empty when tracked by process group only.
  std::string cgroup;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PROCESS_SNAPSHOT_H_
