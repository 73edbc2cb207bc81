#include "server/engine/process.h"

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/engine/proc_stats.h"
#include "server/engine/state_table.h"

namespace runy::engine {
namespace {

std::string Seconds(absl::Duration d) {
  return absl::FormatDuration(absl::Trunc(d, absl::Milliseconds(1)));
}

}  // namespace

Process::Process(ProcessSpec spec, loop::EventLoop* loop, OutputSink* sink,
                 PipeBudget* pipe_budget, PidCallback on_pid,
                 ChangeCallback on_change, ProcessEnv* env)
    : spec_(std::move(spec)),
      loop_(loop),
      own_env_(env == nullptr ? std::make_unique<LoopProcessEnv>(loop)
                              : nullptr),
      env_(env != nullptr ? env : own_env_.get()),
      sink_(sink),
      pipe_budget_(pipe_budget),
      on_pid_(std::move(on_pid)),
      on_change_(std::move(on_change)),
      policy_(spec_.restart) {}

Process::~Process() {
  CancelTimers();
  // What the pipes still hold, and a last line without a newline, reach
  // the log before the process goes.
  for (auto& pipe : pipes_) pipe->Finish();
  // Never leave a child behind: the engine is going away.
  Signal(SIGKILL);
  if (pid_ > 0) on_pid_(this, pid_, 0);
}

bool Process::active() const {
  return state_ == ProcessState::kRunning ||
         state_ == ProcessState::kStarting || state_ == ProcessState::kStopping;
}

void Process::Redefine(ProcessSpec spec) {
  if (spec == spec_) return;
  spec_ = std::move(spec);
  // A new definition starts with a fresh count.
  policy_ = RestartPolicy(spec_.restart);
}

ProcessImage Process::Export() const {
  ProcessImage image;
  image.spec = spec_;
  image.state = state_;
  image.pid = pid_;
  image.pgid = pgid_;
  image.run = run_;
  absl::Time now = env_->Now();
  image.uptime = now - started_mono_;
  image.started_wall = started_wall_;
  image.next_restart_wall = next_restart_wall_;
  image.restarts = policy_.restarts();
  image.quick_exits = policy_.quick_exits();
  image.last_exit = last_exit_;
  image.recent_exits.assign(exits_.begin(), exits_.end());
  image.reason = reason_;
  auto left = [&](loop::EventLoop::TimerId id) {
    if (id == 0) return absl::InfiniteDuration();
    absl::Time due = env_->TimerDue(id);
    return due == absl::InfiniteFuture()
               ? absl::InfiniteDuration()
               : std::max(due - now, absl::ZeroDuration());
  };
  image.restart_in = left(restart_timer_);
  image.kill_in = left(kill_timer_);
  image.reset_in = left(reset_timer_);
  image.crash_loop_in = left(crash_loop_timer_);
  image.user_stop = user_stop_;
  // A restart's own start does not cross a re-exec (it is a callback of
  // the stop): the next image starts it after the stop.
  image.restart_after_stop = restart_after_stop_ || restart_pending_;
  image.change_restart = change_restart_;
  for (const auto& pipe : pipes_) {
    if (!pipe->closed()) {
      image.pipes.push_back(PipeImage{pipe->fd(), pipe->stream(), pipe->run()});
    }
  }
  return image;
}

void Process::Adopt(const ProcessImage& image) {
  policy_.Restore(image.restarts, image.quick_exits);
  exits_.assign(image.recent_exits.begin(), image.recent_exits.end());
  state_ = image.state;
  pid_ = image.pid;
  pgid_ = image.pgid;
  run_ = image.run;
  started_mono_ = env_->Now() - image.uptime;
  started_wall_ = image.started_wall;
  next_restart_wall_ = image.next_restart_wall;
  last_exit_ = image.last_exit;
  reason_ = image.reason;
  user_stop_ = image.user_stop;
  restart_after_stop_ = image.restart_after_stop;
  change_restart_ = image.change_restart;
  // Nor does a watched change's (the outcome of the exit still says it).
  if (change_restart_ && state_ == ProcessState::kStopping) {
    restart_after_stop_ = true;
  }
  if (pid_ > 0) on_pid_(this, 0, pid_);
  for (const PipeImage& p : image.pipes) {
    auto reader = std::make_unique<PipeReader>(
        loop_, UniqueFd(p.fd), sink_, spec_.alias, p.run, p.stream,
        pipe_budget_, [this](PipeReader* done) {
          pipes_.remove_if([done](const auto& r) { return r.get() == done; });
        });
    if (reader->Watch().ok()) pipes_.push_back(std::move(reader));
  }
  // The timers, with the time they had left.
  if (image.restart_in < absl::InfiniteDuration()) {
    restart_timer_ = env_->AddTimer(image.restart_in, [this] {
      restart_timer_ = 0;
      if (StateTable::Lookup(state_, ProcessEvent::kBackoffTimer) ==
          ProcessAction::kRespawn) {
        SpawnInstance().IgnoreError();
      }
    });
  }
  if (image.kill_in < absl::InfiniteDuration()) ArmKillTimer(image.kill_in);
  if (image.reset_in < absl::InfiniteDuration()) {
    reset_timer_ = env_->AddTimer(image.reset_in, [this] {
      reset_timer_ = 0;
      policy_.Reset();
    });
  }
  if (image.crash_loop_in < absl::InfiniteDuration()) {
    ArmCrashLoopTimer(image.crash_loop_in);
  }
  // Stopping with the leader gone: the rest of the group is being waited
  // for.
  if (state_ == ProcessState::kStopping && pid_ == 0 && pgid_ > 0) {
    WaitForGroup();
  }
}

absl::Status Process::Start() {
  switch (StateTable::Lookup(state_, ProcessEvent::kUserStart)) {
    case ProcessAction::kStartAfterStop:
      restart_after_stop_ = true;
      return absl::OkStatus();
    case ProcessAction::kSpawn:
      CancelTimers();
      policy_.Reset();
      reason_.clear();
      return SpawnInstance();
    default:
      return absl::OkStatus();  // already running or starting
  }
}

absl::Status Process::SpawnInstance() {
  if (pid_ != 0) {
    // One instance at a time: an instance that is still being stopped is
    // never doubled (a racing restart path must wait for the stop).
    return absl::FailedPreconditionError(
        absl::StrCat(spec_.alias, " is still running as pid ", pid_));
  }
  user_stop_ = false;
  probe_failure_.clear();
  next_restart_wall_ = absl::InfinitePast();
  usage_ = Usage();
  ++run_;
  SetState(ProcessState::kStarting);
  auto child = env_->Spawn(
      spec_.alias, spec_.command,
      {{"RUNY_SERVICE", spec_.service}, {"RUNY_ALIAS", spec_.alias}});
  started_mono_ = env_->Now();
  started_wall_ = absl::Now();
  if (!child.ok()) {
    // Counts as an exit with code 127, as a shell reports it.
    System(absl::StrCat("spawn failed: ", child.status().message()));
    ExitInfo exit;
    exit.exited = true;
    exit.code = 127;
    exit.at = started_wall_;
    reason_ = std::string(child.status().message());
    if (StateTable::Lookup(state_, ProcessEvent::kSpawnFailure) ==
        ProcessAction::kDecide) {
      HandleUnexpectedExit(exit, /*spawn_failed=*/true);
    }
    return child.status();
  }
  pid_ = child->pid;
  pgid_ = child->pid;  // the spawner makes it a session and group leader
  on_pid_(this, 0, pid_);
  auto add_pipe = [this](UniqueFd fd, Stream stream) {
    auto reader = std::make_unique<PipeReader>(
        loop_, std::move(fd), sink_, spec_.alias, run_, stream, pipe_budget_,
        [this](PipeReader* done) {
          pipes_.remove_if([done](const auto& p) { return p.get() == done; });
        });
    if (reader->Watch().ok()) pipes_.push_back(std::move(reader));
  };
  add_pipe(std::move(child->stdout_fd), Stream::kStdout);
  add_pipe(std::move(child->stderr_fd), Stream::kStderr);
  System(absl::StrCat("started pid ", pid_));
  if (policy_.crash_looping()) {
    ArmCrashLoopTimer(spec_.restart.crash_loop.quick_exit);
  }
  if (spec_.restart.reset_after < absl::InfiniteDuration()) {
    reset_timer_ = env_->AddTimer(spec_.restart.reset_after, [this] {
      reset_timer_ = 0;
      policy_.Reset();
    });
  }
  if (!spec_.ready.empty()) {
    // Starting until the service layer's probe says it is ready.
    reason_ = absl::StrCat("waiting for ", spec_.ready);
    on_change_(*this);
    return absl::OkStatus();
  }
  SetState(ProcessState::kRunning);
  return absl::OkStatus();
}

void Process::MarkReady(int run) {
  if (run != run_ || pid_ == 0 || state_ != ProcessState::kStarting) return;
  reason_.clear();
  System(absl::StrCat("ready (", spec_.ready, ")"));
  SetState(ProcessState::kRunning);
}

void Process::SetReadiness(int run, std::string detail) {
  if (run != run_ || pid_ == 0 || state_ != ProcessState::kStarting) return;
  if (reason_ == detail) return;
  reason_ = std::move(detail);
  on_change_(*this);
}

void Process::FailProbe(int run, std::string why) {
  if (run != run_ || pid_ == 0 || !probe_failure_.empty()) return;
  if (state_ != ProcessState::kStarting && state_ != ProcessState::kRunning) {
    return;
  }
  probe_failure_ = std::move(why);
  System(absl::StrCat(probe_failure_, "; stopping it (",
                      SignalName(spec_.stop_signal),
                      "), then its restart policy decides"));
  Signal(spec_.stop_signal);
  probe_kill_timer_ = env_->AddTimer(spec_.stop_timeout, [this, run] {
    probe_kill_timer_ = 0;
    if (run == run_ && pid_ != 0) Signal(SIGKILL);
  });
}

void Process::OnReaped(pid_t pid, int wait_status) {
  if (pid != pid_ || pid_ <= 0) return;  // not our current instance
  ExitInfo exit;
  exit.exited = true;
  exit.at = absl::Now();
  if (WIFSIGNALED(wait_status)) {
    exit.signal = WTERMSIG(wait_status);
  } else {
    exit.code = WEXITSTATUS(wait_status);
  }
  on_pid_(this, pid_, 0);
  pid_ = 0;
  // What the leader wrote is read now. A pipe nobody holds any more (no
  // member of the group is left) ends here, its last unterminated line with
  // it, so that whoever looks at this exit (an onExit hook) sees it all.
  pipes_.remove_if([](const std::unique_ptr<PipeReader>& pipe) {
    // A second read tells the end from a pipe that is merely empty.
    if (pipe->Drain() && pipe->Drain()) return false;
    pipe->Finish();
    return true;
  });
  if (reset_timer_ != 0) env_->CancelTimer(reset_timer_);
  reset_timer_ = 0;
  last_exit_ = exit;
  ProcessAction action = StateTable::Lookup(state_, ProcessEvent::kExit);
  if (action == ProcessAction::kAwaitGroup) {
    RecordExit(exit, user_stop_        ? "stopped by a user"
                     : change_restart_ ? "restarted: a watched file changed"
                                       : "stopped");
    // Workers of the group may still be finishing their stopSignal: they
    // get what is left of stopTimeout (then SIGKILL) before it is stopped.
    if (GroupAlive()) {
      System(absl::StrCat("pid ", pid, " ", exit.Describe(),
                          "; waiting for the rest of its process group"));
      WaitForGroup();
      return;
    }
    OnGroupEmpty();
    return;
  }
  if (probe_kill_timer_ != 0) env_->CancelTimer(probe_kill_timer_);
  probe_kill_timer_ = 0;
  std::string probe_failure = std::exchange(probe_failure_, "");
  if (action != ProcessAction::kDecide) return;
  // Whatever the group still holds goes too: a restart must not find the
  // old instance's children on its port.
  Signal(SIGKILL);
  pgid_ = 0;
  System(probe_failure.empty()
             ? exit.Describe()
             : absl::StrCat(exit.Describe(), " (", probe_failure, ")"));
  reason_.clear();
  HandleUnexpectedExit(exit, /*spawn_failed=*/false);
  if (!probe_failure.empty() && state_ == ProcessState::kBackoff) {
    reason_ = probe_failure;
    on_change_(*this);
  }
}

void Process::RecordExit(const ExitInfo& exit, std::string outcome) {
  ExitRecord record;
  record.exit = exit;
  record.run = run_;
  record.uptime = env_->Now() - started_mono_;
  record.outcome = std::move(outcome);
  exits_.push_front(std::move(record));
  if (exits_.size() > kKeptExits) exits_.pop_back();
}

void Process::HandleUnexpectedExit(const ExitInfo& exit, bool spawn_failed,
                                   bool ask_hook) {
  last_exit_ = exit;
  if (spec_.exit_hook && ask_hook && !spawn_failed) {
    // The service's onExit hook decides; the policy, if it does not answer.
    awaiting_hook_ = true;
    reason_ = "asking its onExit hook";
    next_restart_wall_ = absl::InfinitePast();
    int run = run_;
    hook_timer_ = env_->AddTimer(kExitHookTimeout, [this, run] {
      hook_timer_ = 0;
      DecideExit(run, HookVerdict::kPolicy, absl::ZeroDuration(),
                 absl::StrCat("no answer within ", Seconds(kExitHookTimeout)));
    });
    if (state_ == ProcessState::kBackoff) {
      on_change_(*this);
    } else {
      SetState(ProcessState::kBackoff);
    }
    return;
  }
  RestartPolicy::Decision decision = policy_.OnExit(started_mono_, env_->Now());
  std::string limit = spec_.restart.max_restarts >= 0
                          ? absl::StrCat("/", spec_.restart.max_restarts)
                          : "";
  switch (decision.kind) {
    case RestartPolicy::Decision::Kind::kExit:
      if (reason_.empty()) reason_ = exit.Describe();
      RecordExit(exit, spawn_failed ? "could not start; not restarted"
                                    : "not restarted (restart: never)");
      SetState(spawn_failed ? ProcessState::kFailed : ProcessState::kExited);
      return;
    case RestartPolicy::Decision::Kind::kGiveUp:
      reason_ = absl::StrCat("gave up after ", policy_.restarts(),
                             " restarts (last: ", exit.Describe(), ")");
      RecordExit(exit, absl::StrCat("gave up after ", policy_.restarts(),
                                    " restarts"));
      System(reason_);
      SetState(ProcessState::kFailed);
      return;
    case RestartPolicy::Decision::Kind::kRestart:
      break;
  }
  absl::Duration delay = decision.delay;
  if (decision.crash_looping) {
    // Shown by status; logged once, when the loop begins.
    reason_ = absl::StrCat(
        "crash loop: exited ", policy_.quick_exits(), " times within ",
        Seconds(spec_.restart.crash_loop.quick_exit), " of starting");
    if (policy_.quick_exits() == spec_.restart.crash_loop.after) {
      System(absl::StrCat(reason_, "; restarts slow down until it stays up"));
    }
  }
  // A command that cannot be executed, restarted without a delay, would
  // spin the loop (and recurse): such retries wait at least a second.
  if (spawn_failed && delay < absl::Seconds(1)) delay = absl::Seconds(1);
  RecordExit(exit,
             absl::StrCat(spawn_failed ? "could not start; " : "",
                          delay == absl::ZeroDuration()
                              ? std::string("restarted at once")
                              : absl::StrCat("restart in ", Seconds(delay)),
                          " (attempt ", decision.attempt, limit, ")",
                          decision.crash_looping ? "; crash-looping" : ""));
  EnterBackoff(delay, decision.attempt);
}

void Process::DecideExit(int run, HookVerdict verdict, absl::Duration delay,
                         std::string why) {
  if (!awaiting_hook_ || run != run_ || state_ != ProcessState::kBackoff) {
    return;
  }
  awaiting_hook_ = false;
  if (hook_timer_ != 0) env_->CancelTimer(hook_timer_);
  hook_timer_ = 0;
  reason_.clear();
  switch (verdict) {
    case HookVerdict::kPolicy:
      System(
          absl::StrCat("onExit hook: ", why, "; the restart policy decides"));
      HandleUnexpectedExit(last_exit_, false, /*ask_hook=*/false);
      return;
    case HookVerdict::kNoRestart:
      reason_ = "not restarted: its onExit hook said so";
      RecordExit(last_exit_, reason_);
      System(reason_);
      SetState(ProcessState::kExited);
      return;
    case HookVerdict::kRestart: {
      RestartPolicy::Decision decision =
          policy_.OnDecidedRestart(started_mono_, env_->Now(), delay);
      std::string when =
          absl::StrCat("restart in ", Seconds(decision.delay),
                       decision.crash_looping ? " (crash-looping)" : "");
      RecordExit(last_exit_, absl::StrCat(when, " (onExit hook)"));
      System(absl::StrCat("onExit hook: ", when));
      EnterBackoff(decision.delay, decision.attempt);
      return;
    }
  }
}

void Process::EnterBackoff(absl::Duration delay, int attempt) {
  std::string limit = spec_.restart.max_restarts >= 0
                          ? absl::StrCat("/", spec_.restart.max_restarts)
                          : "";
  if (delay == absl::ZeroDuration()) {
    System(absl::StrCat("restarting (attempt ", attempt, limit, ")"));
    SpawnInstance().IgnoreError();  // a failure is handled inside
    return;
  }
  System(absl::StrCat("restarting in ", Seconds(delay), " (attempt ", attempt,
                      limit, ")"));
  next_restart_wall_ = absl::Now() + delay;
  SetState(ProcessState::kBackoff);
  restart_timer_ = env_->AddTimer(delay, [this] {
    restart_timer_ = 0;
    if (StateTable::Lookup(state_, ProcessEvent::kBackoffTimer) ==
        ProcessAction::kRespawn) {
      SpawnInstance().IgnoreError();
    }
  });
}

void Process::ArmKillTimer(absl::Duration delay) {
  kill_timer_ = env_->AddTimer(delay, [this] {
    kill_timer_ = 0;
    if (StateTable::Lookup(state_, ProcessEvent::kStopTimeout) !=
        ProcessAction::kKill) {
      return;
    }
    System(absl::StrCat("did not stop within ", Seconds(spec_.stop_timeout),
                        ": sending SIGKILL"));
    Signal(SIGKILL);
  });
}

void Process::ArmCrashLoopTimer(absl::Duration delay) {
  int run = run_;
  crash_loop_timer_ = env_->AddTimer(delay, [this, run] {
    crash_loop_timer_ = 0;
    if (run != run_ || state_ != ProcessState::kRunning) return;
    policy_.EndCrashLoop();
    reason_.clear();
    System(absl::StrCat("crash loop over: up for ",
                        Seconds(spec_.restart.crash_loop.quick_exit)));
    if (on_change_) on_change_(*this);
  });
}

void Process::Stop(std::function<void()> done) {
  change_restart_ = false;
  user_stop_ = true;
  Halt(std::move(done));
}

void Process::Halt(std::function<void()> done) {
  restart_after_stop_ = false;
  switch (StateTable::Lookup(state_, ProcessEvent::kUserStop)) {
    case ProcessAction::kBeginStop:
      if (done) stop_waiters_.push_back(std::move(done));
      System(absl::StrCat("stopping (", SignalName(spec_.stop_signal), ")"));
      SetState(ProcessState::kStopping);
      Signal(spec_.stop_signal);
      ArmKillTimer(spec_.stop_timeout);
      return;
    case ProcessAction::kJoinStop:
      if (done) stop_waiters_.push_back(std::move(done));
      return;
    case ProcessAction::kCancelBackoff:
      System("stopped (pending restart cancelled)");
      [[fallthrough]];
    default:  // kMarkStopped
      CancelTimers();
      next_restart_wall_ = absl::InfinitePast();
      SetState(ProcessState::kStopped);
      if (done) done();
      return;
  }
}

bool Process::GroupAlive() const {
  return pgid_ > 0 && env_->GroupAlive(spec_.alias, pgid_);
}

void Process::WaitForGroup() {
  // The group's members are not our children (runyd reaps them as their
  // subreaper, or init does): polled, for at most stopTimeout.
  group_timer_ = env_->AddTimer(kGroupPollInterval, [this] {
    group_timer_ = 0;
    if (GroupAlive()) {
      WaitForGroup();
      return;
    }
    OnGroupEmpty();
  });
}

void Process::OnGroupEmpty() {
  pgid_ = 0;
  if (StateTable::Lookup(state_, ProcessEvent::kGroupEmpty) !=
      ProcessAction::kFinishStop) {
    return;
  }
  System(absl::StrCat("stopped (", last_exit_.Describe(), ")"));
  FinishStop();
}

void Process::FinishStop() {
  CancelTimers();
  SetState(ProcessState::kStopped);
  std::vector<std::function<void()>> waiters;
  waiters.swap(stop_waiters_);
  bool again = restart_after_stop_;
  restart_after_stop_ = false;
  for (auto& waiter : waiters) waiter();
  // A watched change's stop is over: its waiter (or `again`) starts it.
  change_restart_ = false;
  if (again && state_ == ProcessState::kStopped) Start().IgnoreError();
}

void Process::Restart(std::function<void(absl::Status)> done) {
  // Before the stop, which may end (and be observed) at once.
  restart_pending_ = true;
  Stop([this, done = std::move(done)] {
    restart_pending_ = false;
    absl::Status status = Start();
    if (done) done(status);
  });
}

void Process::SetWatch(uint64_t id, std::string error) {
  watch_id_ = id;
  if (!error.empty() && error != watch_error_)
    System(absl::StrCat("watch: ", error));
  watch_error_ = std::move(error);
}

void Process::RestartForChange(absl::string_view why) {
  ProcessAction action =
      StateTable::Lookup(state_, ProcessEvent::kWatchChange, user_stop_);
  // A user stopped it, or is stopping it: a change does not undo that.
  if (action == ProcessAction::kNone) return;
  System(absl::StrCat("file changed: ", why));
  // A process that had given up (or ended) gets a fresh count: the change
  // may be the fix. Otherwise the restart is not counted.
  if (action == ProcessAction::kChangeRestartFresh) policy_.Reset();
  change_restart_ = true;
  Halt([this] {
    // A user's stop in the meantime wins; a restart by another path (a user
    // restart waiting on the same stop) already started it.
    if (!change_restart_ || state_ != ProcessState::kStopped) return;
    change_restart_ = false;
    reason_.clear();
    CancelTimers();
    SpawnInstance().IgnoreError();
  });
}

void Process::Signal(int sig) {
  if (pgid_ > 0) env_->SignalGroup(spec_.alias, pgid_, sig);
}

void Process::CancelTimers() {
  for (auto* timer :
       {&restart_timer_, &kill_timer_, &reset_timer_, &group_timer_,
        &crash_loop_timer_, &probe_kill_timer_, &hook_timer_}) {
    if (*timer != 0) env_->CancelTimer(*timer);
    *timer = 0;
  }
  awaiting_hook_ = false;
}

void Process::SetState(ProcessState state) {
  if (state == state_) return;
  state_ = state;
  on_change_(*this);
}

void Process::System(absl::string_view text) {
  sink_->OnSystem(spec_.alias, run_, text);
}

ProcessSnapshot Process::Snapshot() const {
  ProcessSnapshot s;
  s.alias = spec_.alias;
  s.service = spec_.service;
  s.cmd = spec_.command.cmd;
  s.args = spec_.command.args;
  s.state = state_;
  s.pid = pid_;
  s.cgroup = env_->CgroupOf(spec_.alias);
  s.started_at = started_wall_;
  s.restarts = policy_.restarts();
  s.crash_looping = policy_.crash_looping();
  s.max_restarts = spec_.restart.max_restarts;
  s.last_exit = last_exit_;
  s.next_restart_at = next_restart_wall_;
  s.reason = reason_;
  s.run = run_;
  s.awaiting_exit_hook = awaiting_hook_;
  s.restarting = restart_pending_ || restart_after_stop_ || change_restart_;
  s.watch_error = watch_error_;
  if (pid_ > 0 && usage_.valid) {
    s.cpu_time = usage_.cpu_time;
    s.rss_bytes = usage_.rss_bytes;
    s.cpu_percent = usage_.cpu_percent;
  } else if (pid_ > 0) {
    // Not sampled yet: the leader alone, CPU averaged since its start.
    ProcStats stats = ReadProcStats(pid_);
    s.cpu_time = stats.cpu_time;
    s.rss_bytes = stats.rss_bytes;
    absl::Duration up = env_->Now() - started_mono_;
    if (up > absl::ZeroDuration()) {
      s.cpu_percent = 100 * absl::FDivDuration(stats.cpu_time, up);
    }
  }
  return s;
}

void Process::RecordUsage(const ProcStats& group, absl::Time mono_now) {
  absl::Time since = usage_.valid ? usage_.at : started_mono_;
  absl::Duration base = usage_.valid ? usage_.cpu_time : absl::ZeroDuration();
  absl::Duration elapsed = mono_now - since;
  double percent = 0;
  if (elapsed > absl::ZeroDuration()) {
    // Members that exited take their time with them: never below zero.
    percent =
        std::max(0.0, 100 * absl::FDivDuration(group.cpu_time - base, elapsed));
  }
  usage_ = Usage{true, group.cpu_time, group.rss_bytes, mono_now, percent};
}

}  // namespace runy::engine
