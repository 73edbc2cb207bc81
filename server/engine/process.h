// One supervised process: its definition, its current instance and the state
// machine that starts, stops and restarts it.
#ifndef RUNY_SERVER_ENGINE_PROCESS_H_
#define RUNY_SERVER_ENGINE_PROCESS_H_

#include <sys/types.h>

#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/engine/engine_image.h"
#include "server/engine/output_sink.h"
#include "server/engine/pipe_budget.h"
#include "server/engine/pipe_reader.h"
#include "server/engine/proc_stats.h"
#include "server/engine/process_env.h"
#include "server/engine/process_snapshot.h"
#include "server/engine/process_spec.h"
#include "server/engine/restart_policy.h"
#include "server/loop/event_loop.h"

namespace runy::engine {

// Thread: the loop thread only. Owned by Engine.
//
// What each event does in each state is the table in state_table.h; the
// methods below look the action up there and perform it. In short: Start
// spawns from stopped/exited/failed/backoff; an exit not caused by runyd
// lets the restart policy decide (running at once, backoff, exited,
// failed) and SIGKILLs the rest of the group; Stop sends stopSignal to the
// group (stopping), and the process is stopped once the whole group is
// gone (workers get the rest of stopTimeout, then SIGKILL).
class Process {
 public:
  // Tells the engine which pid belongs to this process (0 = none).
  using PidCallback = std::function<void(Process*, pid_t old_pid, pid_t pid)>;
  using ChangeCallback = std::function<void(const Process&)>;

  // `pipe_budget` (may be null) sizes the output pipes; it must outlive the
  // process. `env` (spawning, signals, clock and timers) must too; null
  // means the real one on `loop`.
  Process(ProcessSpec spec, loop::EventLoop* loop, OutputSink* sink,
          PipeBudget* pipe_budget, PidCallback on_pid, ChangeCallback on_change,
          ProcessEnv* env = nullptr);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // A user's start: resets the restart count and backoff. A no-op when it is
  // already running. Returns the spawn error, if the spawn failed.
  absl::Status Start();
  // Stops the process; `done` runs once it is stopped (maybe at once).
  void Stop(std::function<void()> done);
  // Stop, then Start; `done` gets Start's result.
  void Restart(std::function<void(absl::Status)> done);
  // A restart caused by a watched file: not counted against maxRestarts.
  void RestartForChange(absl::string_view why);

  // Readiness and probes, for the instance of run `run` only (a verdict
  // about an earlier instance is ignored). MarkReady: starting → running.
  // SetReadiness: what it waits for now, shown as its reason. FailProbe:
  // the instance failed its readiness or health check: stopSignal (SIGKILL
  // after stopTimeout), and the exit goes to the restart policy with `why`
  // as its reason.
  void MarkReady(int run);
  void SetReadiness(int run, std::string detail);
  void FailProbe(int run, std::string why);
  // Sends `sig` to the current instance's process group, if any.
  void SignalInstance(int sig) { Signal(sig); }
  // The onExit hook's answer for the exit of run `run`: kPolicy (it failed:
  // the restart policy decides, `why` says why), kRestart after `delay`,
  // or kNoRestart.
  enum class HookVerdict { kPolicy, kRestart, kNoRestart };
  void DecideExit(int run, HookVerdict verdict, absl::Duration delay,
                  std::string why);
  static constexpr absl::Duration kExitHookTimeout = absl::Seconds(5);

  // The engine reaped our pid with this wait status.
  void OnReaped(pid_t pid, int wait_status);

  // The definition applies from the next spawn on. The same definition
  // again changes nothing (the restart count stays).
  void Redefine(ProcessSpec spec);

  // What a re-executed runyd needs to go on supervising this process; its
  // pipes' descriptors stay open (and owned here).
  ProcessImage Export() const;
  // Takes over an instance a previous runyd image ran: state, counters,
  // timers and pipes as exported. Call once, right after construction
  // with image.spec.
  void Adopt(const ProcessImage& image);

  ProcessSnapshot Snapshot() const;
  // The last kKeptExits ends of instances, newest first.
  std::vector<ExitRecord> RecentExits() const {
    return {exits_.begin(), exits_.end()};
  }
  static constexpr size_t kKeptExits = 10;
  const ProcessSpec& spec() const { return spec_; }
  ProcessState state() const { return state_; }
  pid_t pid() const { return pid_; }
  // The current instance's process group (0 when none is left).
  pid_t pgid() const { return pgid_; }
  // A sample of the group's usage; CPU % is over the time since the last.
  void RecordUsage(const ProcStats& group, absl::Time mono_now);
  bool active() const;  // running, starting or stopping

  // The file watch (kept by the engine) and its problem, if any ("out of
  // inotify watches"), shown in status and logged.
  void SetWatch(uint64_t id, std::string error);
  uint64_t watch_id() const { return watch_id_; }

 private:
  absl::Status SpawnInstance();
  // Stop() without the user's intent (a change restart uses it).
  void Halt(std::function<void()> done);
  void HandleUnexpectedExit(const ExitInfo& exit, bool spawn_failed,
                            bool ask_hook = true);
  void RecordExit(const ExitInfo& exit, std::string outcome);
  void EnterBackoff(absl::Duration delay, int attempt);
  // Stopping: SIGKILL to the group after `delay`.
  void ArmKillTimer(absl::Duration delay);
  // Crash-looping and up: the loop is over if it stays up for `delay`.
  void ArmCrashLoopTimer(absl::Duration delay);
  void FinishStop();
  void SetState(ProcessState state);
  void System(absl::string_view text);
  void CancelTimers();
  // Sends `sig` to the current instance's process group, if any.
  void Signal(int sig);
  // Whether any process of the instance's group is still alive.
  bool GroupAlive() const;
  // Stopping, the leader gone: finishes the stop once the group is empty.
  void WaitForGroup();
  void OnGroupEmpty();

  static constexpr absl::Duration kGroupPollInterval = absl::Milliseconds(20);

  ProcessSpec spec_;
  loop::EventLoop* loop_;  // the pipes' readers
  std::unique_ptr<ProcessEnv> own_env_;
  ProcessEnv* env_;
  OutputSink* sink_;
  PipeBudget* pipe_budget_;
  PidCallback on_pid_;
  ChangeCallback on_change_;
  RestartPolicy policy_;

  ProcessState state_ = ProcessState::kStopped;
  std::string probe_failure_;   // why the instance is being ended (FailProbe)
  bool awaiting_hook_ = false;  // backoff until DecideExit (or its timeout)
  loop::EventLoop::TimerId hook_timer_ = 0;
  loop::EventLoop::TimerId probe_kill_timer_ = 0;
  pid_t pid_ = 0;
  pid_t pgid_ = 0;  // the instance's process group, until it is empty
  int run_ = 0;
  absl::Time started_mono_;
  absl::Time started_wall_ = absl::InfinitePast();
  absl::Time next_restart_wall_ = absl::InfinitePast();
  ExitInfo last_exit_;
  std::deque<ExitRecord> exits_;  // newest first
  std::string reason_;
  loop::EventLoop::TimerId restart_timer_ = 0;
  loop::EventLoop::TimerId kill_timer_ = 0;
  loop::EventLoop::TimerId reset_timer_ = 0;
  loop::EventLoop::TimerId group_timer_ = 0;
  // While crash-looping: fires when the instance has stayed up past
  // crashLoopUptime, which ends the crash loop.
  loop::EventLoop::TimerId crash_loop_timer_ = 0;
  bool restart_after_stop_ = false;  // a Start came during the stop
  bool change_restart_ = false;  // a watched file changed: start after the stop
  bool restart_pending_ = false;  // Restart: start after the stop
  bool user_stop_ = false;        // the current stop was asked for by a user
  struct Usage {
    bool valid = false;
    absl::Duration cpu_time;
    uint64_t rss_bytes = 0;
    absl::Time at;  // monotonic
    double cpu_percent = 0;
  };
  Usage usage_;  // of the current instance's group
  uint64_t watch_id_ = 0;
  std::string watch_error_;
  std::vector<std::function<void()>> stop_waiters_;
  // Pipes of this and earlier instances, kept until their end of file
  // (grandchildren may hold them open after the instance exits).
  std::list<std::unique_ptr<PipeReader>> pipes_;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PROCESS_H_
