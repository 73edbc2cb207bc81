// The supervisor engine: the process table, reaping, and the commands the
// script runtime and the RPC layer issue by alias.
#ifndef RUNY_SERVER_ENGINE_ENGINE_H_
#define RUNY_SERVER_ENGINE_ENGINE_H_

#include <sys/types.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/engine/engine_image.h"
#include "server/engine/instance_journal.h"
#include "server/engine/output_sink.h"
#include "server/engine/pipe_budget.h"
#include "server/engine/process.h"
#include "server/engine/process_snapshot.h"
#include "server/engine/process_spec.h"
#include "server/loop/event_loop.h"
#include "server/watch/watcher.h"

namespace runy::engine {

// Thread: the loop thread owns the Engine and everything in it; every method
// must be called there. gRPC threads reach it only through EventLoop::Post().
// Everything `runy describe` shows of a process.
struct ProcessDetail {
  ProcessSpec spec;
  ProcessSnapshot snapshot;
  std::vector<ExitRecord> exits;  // newest first
};

class Engine {
 public:
  using Observer = std::function<void(const ProcessSnapshot&)>;
  using ExitCallback = std::function<void(const ExitInfo&)>;

  // `loop`, `sink` and `watcher` (may be null: `watch` options are then
  // ignored) must outlive the engine.
  Engine(loop::EventLoop* loop, OutputSink* sink,
         watch::Watcher* watcher = nullptr);
  ~Engine();  // SIGKILLs whatever still runs

  // From now on each process runs in a cgroup of its own in `cgroups`
  // (null: none), which outlives the engine.
  void set_cgroups(CgroupTree* cgroups) { env_.set_cgroups(cgroups); }
  CgroupTree* cgroups() const { return env_.cgroups(); }

  // Every child started from now on is reported to `journal` (null: none);
  // it must outlive the engine.
  void set_journal(InstanceJournal* journal) { journal_ = journal; }

  // Re-exec: everything a new runyd image needs to go on (the pipes'
  // descriptors stay open and owned here), and taking it over in the new
  // image. An adopted process keeps running as it was; the first Define of
  // its alias afterwards is its re-declaration (TakeAdopted).
  EngineImage Export() const;
  void Adopt(const EngineImage& image);
  // True once for an adopted alias not yet re-declared: its definer must
  // not Start it (it runs, or waits out its backoff, as it did).
  bool TakeAdopted(const std::string& alias) {
    return adopted_.erase(alias) != 0;
  }
  // The adopted processes that were not declared again: those of
  // `service`, once its run() has settled or it stopped (or of any service
  // but `known` with DropAdoptedExcept, for services no file declares any
  // more). Each is stopped and removed, and says so in its log.
  void DropAdopted(const std::string& service);
  void DropAdoptedExcept(const std::set<std::string>& known);

  // Makes runyd the reaper of orphaned descendants (PR_SET_CHILD_SUBREAPER).
  static absl::Status BecomeSubreaper();

  // Adds a process, or updates its definition (applied from its next
  // spawn). InvalidArgument for a bad spec; AlreadyExists when another
  // service owns the alias.
  absl::Status Define(ProcessSpec spec);
  // Stops (if needed) and forgets the process; `done` runs when it is gone.
  void Remove(const std::string& alias, std::function<void()> done);

  // NotFound for an unknown alias. Start returns the spawn error, if any
  // (the process then follows its restart policy).
  absl::Status Start(const std::string& alias);
  absl::Status Stop(const std::string& alias, std::function<void()> done);
  absl::Status Restart(const std::string& alias,
                       std::function<void(absl::Status)> done);
  absl::Status RestartForChange(const std::string& alias,
                                absl::string_view why);
  // Readiness and probe verdicts from the service layer, for the instance
  // of run `run` (see Process::MarkReady and FailProbe); NotFound for an
  // unknown alias.
  absl::Status MarkReady(const std::string& alias, int run);
  absl::Status SetReadiness(const std::string& alias, int run,
                            std::string detail);
  absl::Status FailProbe(const std::string& alias, int run, std::string why);
  // An onExit hook's answer (Process::DecideExit).
  absl::Status DecideExit(const std::string& alias, int run,
                          Process::HookVerdict verdict, absl::Duration delay,
                          std::string why);
  // Sends `sig` to the process group of the alias's current instance.
  absl::Status Signal(const std::string& alias, int sig);
  // Stops every process in parallel; `done` runs when all are stopped.
  void StopAll(std::function<void()> done);

  // Runs a one-shot command (ctx.exec): output goes to the sink under
  // `log_name`; `on_exit` runs once it has been reaped. Not supervised.
  absl::StatusOr<pid_t> Exec(const CommandSpec& command,
                             const std::string& log_name, ExitCallback on_exit);
  // Sends `sig` to an exec'd command's process group (cancellation).
  void SignalExec(pid_t pid, int sig);

  // Call on SIGCHLD: reaps every exited child (ours and adopted orphans).
  void Reap();

  bool Has(const std::string& alias) const;
  absl::StatusOr<ProcessSnapshot> Snapshot(const std::string& alias) const;
  std::vector<ProcessSnapshot> SnapshotAll() const;  // sorted by alias
  // The definition, the snapshot and the recent exits of one process.
  absl::StatusOr<ProcessDetail> Detail(const std::string& alias) const;
  // Where the changes of processes with an onWatch hook go (alias, the
  // changed paths), instead of restarting them.
  using WatchHook = std::function<void(const std::string& alias,
                                       const std::vector<std::string>& paths)>;
  void SetWatchHook(WatchHook hook) { watch_hook_ = std::move(hook); }
  // Observers see every process state change. Returns an id for Unobserve.
  int Observe(Observer observer);
  void Unobserve(int id);

 private:
  struct ExecJob;
  // The process named alias, or NotFound naming it.
  absl::StatusOr<Process*> Find(const std::string& alias) const;
  void OnPid(Process* process, pid_t old_pid, pid_t pid);
  // (Re)creates the file watch of a process after its definition changed.
  void Rewatch(Process* process, const ProcessSpec* old_spec);
  void Notify(const Process& process);
  // Samples CPU and memory of every running process group (timer).
  void SampleUsage();

  // Usage is sampled every kUsageInterval while someone looks (a snapshot
  // within kWatchedFor), else every kIdleUsageInterval: a scan of /proc
  // for 1,000 processes costs ~18 ms, 0.9 % of a core at the fast pace.
  static constexpr absl::Duration kUsageInterval = absl::Seconds(2);
  static constexpr absl::Duration kIdleUsageInterval = absl::Seconds(60);
  static constexpr absl::Duration kWatchedFor = absl::Seconds(10);
  absl::Duration NextUsageInterval() const;

  loop::EventLoop* loop_;
  OutputSink* sink_;
  watch::Watcher* watcher_;
  InstanceJournal* journal_ = nullptr;
  // Before the processes: their pipe readers give their share back to it.
  PipeBudget pipe_budget_;
  LoopProcessEnv env_;  // before the processes, which use it to the end
  std::map<std::string, std::unique_ptr<Process>> processes_;
  std::unordered_map<pid_t, Process*> by_pid_;
  std::unordered_map<pid_t, std::unique_ptr<ExecJob>> execs_;
  std::map<int, Observer> observers_;
  WatchHook watch_hook_;
  int next_observer_ = 1;
  int exec_runs_ = 0;
  std::set<std::string> adopted_;
  loop::EventLoop::TimerId usage_timer_ = 0;
  // When a snapshot was last taken (monotonic): someone is looking.
  mutable absl::Time last_viewed_ = absl::InfinitePast();
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_ENGINE_H_
