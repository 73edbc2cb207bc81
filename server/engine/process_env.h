// What a Process needs from the world: spawning, signals to a process
// group, and a clock with timers. runyd's is LoopProcessEnv (posix_spawn,
// kill(2), the event loop's monotonic clock and timers); unit tests pass a
// fake one, so races such as an exit during a stop or a kill timer after
// the exit are deterministic tests instead of sleeps around real shells
// (leveldb's Env and ninja's CommandRunner are the models).
#ifndef RUNY_SERVER_ENGINE_PROCESS_ENV_H_
#define RUNY_SERVER_ENGINE_PROCESS_ENV_H_

#include <sys/types.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/engine/cgroup_tree.h"
#include "server/engine/process_spec.h"
#include "server/engine/spawner.h"
#include "server/loop/event_loop.h"

namespace runy::engine {

// Thread: the thread owning the processes that use it.
class ProcessEnv {
 public:
  using TimerId = loop::EventLoop::TimerId;
  using EnvVars = std::vector<std::pair<std::string, std::string>>;

  virtual ~ProcessEnv() = default;
  // A child of process `alias`, leading a new session and process group
  // (spawner.h).
  virtual absl::StatusOr<SpawnedChild> Spawn(const std::string& alias,
                                             const CommandSpec& command,
                                             const EnvVars& extra_env) = 0;
  // `sig` to every process of `alias`'s group `pgid` (and of its cgroup,
  // where it has one).
  virtual void SignalGroup(const std::string& alias, pid_t pgid, int sig) = 0;
  // Whether any of them is alive.
  virtual bool GroupAlive(const std::string& alias, pid_t pgid) = 0;
  // `alias` is gone for good (removed from its service).
  virtual void Forget(const std::string& alias) { (void)alias; }
  // The cgroup `alias` runs in; empty when none.
  virtual std::string CgroupOf(const std::string& alias) const {
    (void)alias;
    return "";
  }
  // Monotonic time; timers run `cb` once, `delay` from now.
  virtual absl::Time Now() = 0;
  virtual TimerId AddTimer(absl::Duration delay, std::function<void()> cb) = 0;
  virtual void CancelTimer(TimerId id) = 0;  // unknown ids: no-op
  // When a pending timer is due (monotonic); InfiniteFuture when unknown.
  virtual absl::Time TimerDue(TimerId id) = 0;
};

// With a CgroupTree, each process gets a cgroup of its own in it; without,
// process groups are all there is.
class LoopProcessEnv : public ProcessEnv {
 public:
  explicit LoopProcessEnv(loop::EventLoop* loop) : loop_(loop) {}
  // `cgroups` (null: none) outlives this.
  void set_cgroups(CgroupTree* cgroups) { cgroups_ = cgroups; }
  CgroupTree* cgroups() const { return cgroups_; }

  absl::StatusOr<SpawnedChild> Spawn(const std::string& alias,
                                     const CommandSpec& command,
                                     const EnvVars& extra_env) override;
  void SignalGroup(const std::string& alias, pid_t pgid, int sig) override;
  bool GroupAlive(const std::string& alias, pid_t pgid) override;
  void Forget(const std::string& alias) override;
  std::string CgroupOf(const std::string& alias) const override {
    return cgroups_ == nullptr ? "" : cgroups_->PathOf(alias);
  }
  absl::Time Now() override;
  TimerId AddTimer(absl::Duration delay, std::function<void()> cb) override;
  void CancelTimer(TimerId id) override;
  absl::Time TimerDue(TimerId id) override;

 private:
  loop::EventLoop* loop_;
  CgroupTree* cgroups_ = nullptr;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PROCESS_ENV_H_
