#include "server/engine/process_env.h"

#include <signal.h>

#include <cerrno>

namespace runy::engine {

absl::StatusOr<SpawnedChild> LoopProcessEnv::Spawn(const std::string& alias,
                                                   const CommandSpec& command,
                                                   const EnvVars& extra_env) {
  if (cgroups_ == nullptr) return engine::Spawn(command, extra_env);
  absl::StatusOr<UniqueFd> cgroup = cgroups_->Prepare(alias);
  if (!cgroup.ok()) return cgroup.status();
  // What an earlier instance left behind (a daemon it started, say) must
  // not share the new one's cgroup, nor hold its port.
  if (cgroups_->Populated(alias)) cgroups_->Signal(alias, SIGKILL);
  return engine::Spawn(command, extra_env, cgroup->get());
}

void LoopProcessEnv::SignalGroup(const std::string& alias, pid_t pgid,
                                 int sig) {
  if (pgid > 0) kill(-pgid, sig);
  if (cgroups_ != nullptr) cgroups_->Signal(alias, sig);
}

bool LoopProcessEnv::GroupAlive(const std::string& alias, pid_t pgid) {
  if (pgid > 0 && (kill(-pgid, 0) == 0 || errno == EPERM)) return true;
  return cgroups_ != nullptr && cgroups_->Populated(alias);
}

void LoopProcessEnv::Forget(const std::string& alias) {
  if (cgroups_ != nullptr) cgroups_->Remove(alias);
}

absl::Time LoopProcessEnv::Now() { return loop::MonotonicNow(); }

ProcessEnv::TimerId LoopProcessEnv::AddTimer(absl::Duration delay,
                                             std::function<void()> cb) {
  return loop_->AddTimerAfter(delay, std::move(cb));
}

void LoopProcessEnv::CancelTimer(TimerId id) { loop_->CancelTimer(id); }

absl::Time LoopProcessEnv::TimerDue(TimerId id) { return loop_->TimerDue(id); }

}  // namespace runy::engine
