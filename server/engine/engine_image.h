// Everything the engine holds that a re-executed runyd needs to go on
// supervising without restarting anything: each process's definition,
// state, counters, timers (as time left) and the descriptors of its output
// pipes, and the one-shot commands still running. server/handoff/ carries
// it across execve(2).
#ifndef RUNY_SERVER_ENGINE_ENGINE_IMAGE_H_
#define RUNY_SERVER_ENGINE_ENGINE_IMAGE_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/engine/output_sink.h"
#include "server/engine/process_snapshot.h"
#include "server/engine/process_spec.h"

namespace runy::engine {

// An output pipe being drained: the descriptor stays open across the exec.
struct PipeImage {
  int fd = -1;
  Stream stream = Stream::kStdout;
  int run = 0;  // the instance that writes it
};

struct ProcessImage {
  ProcessSpec spec;
  ProcessState state = ProcessState::kStopped;
  pid_t pid = 0;
  pid_t pgid = 0;
  int run = 0;
  absl::Duration uptime;  // of the current instance (monotonic)
  absl::Time started_wall = absl::InfinitePast();
  absl::Time next_restart_wall = absl::InfinitePast();
  int restarts = 0;
  int quick_exits = 0;
  ExitInfo last_exit;
  std::string reason;
  // Time left on each timer; absent (infinite) when it is not armed.
  absl::Duration restart_in = absl::InfiniteDuration();
  absl::Duration kill_in = absl::InfiniteDuration();
  absl::Duration reset_in = absl::InfiniteDuration();
  absl::Duration crash_loop_in = absl::InfiniteDuration();
  bool user_stop = false;
  bool restart_after_stop = false;
  bool change_restart = false;
  std::vector<PipeImage> pipes;
  std::vector<ExitRecord> recent_exits;  // newest first
};

// A ctx.exec command still running; after the exec it is reaped and
// logged, but whoever waited for it (a service's run()) is gone.
struct ExecImage {
  pid_t pid = 0;
  std::string log_name;
  std::vector<PipeImage> pipes;
};

struct EngineImage {
  std::vector<ProcessImage> processes;
  std::vector<ExecImage> execs;
  int exec_runs = 0;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_ENGINE_IMAGE_H_
