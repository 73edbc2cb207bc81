#include "server/engine/process_env.h"

#include <signal.h>

#include <cerrno>

namespace runy::engine {

absl::StatusOr<SpawnedChild> LoopProcessEnv::Spawn(const CommandSpec& command,
                                                   const EnvVars& extra_env) {
  return engine::Spawn(command, extra_env);
}

void LoopProcessEnv::SignalGroup(pid_t pgid, int sig) {
  if (pgid > 0) kill(-pgid, sig);
}

bool LoopProcessEnv::GroupAlive(pid_t pgid) {
  return pgid > 0 && (kill(-pgid, 0) == 0 || errno == EPERM);
}

absl::Time LoopProcessEnv::Now() { return loop::MonotonicNow(); }

ProcessEnv::TimerId LoopProcessEnv::AddTimer(absl::Duration delay,
                                             std::function<void()> cb) {
  return loop_->AddTimerAfter(delay, std::move(cb));
}

void LoopProcessEnv::CancelTimer(TimerId id) { loop_->CancelTimer(id); }

absl::Time LoopProcessEnv::TimerDue(TimerId id) { return loop_->TimerDue(id); }

}  // namespace runy::engine
