#include "server/engine/engine.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <list>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/errno_status.h"
#include "server/engine/pipe_reader.h"
#include "server/engine/proc_stats.h"
#include "server/engine/spawner.h"

namespace runy::engine {

struct Engine::ExecJob {
  std::string log_name;
  ExitCallback on_exit;
  std::list<std::unique_ptr<PipeReader>> pipes;
};

Engine::Engine(loop::EventLoop* loop, OutputSink* sink, watch::Watcher* watcher)
    : loop_(loop), sink_(sink), watcher_(watcher), env_(loop) {}

Engine::~Engine() {
  if (usage_timer_ != 0) loop_->CancelTimer(usage_timer_);
  for (auto& [pid, job] : execs_) kill(-pid, SIGKILL);
  if (watcher_ != nullptr) {
    for (auto& [alias, process] : processes_) {
      if (process->watch_id() != 0) watcher_->Remove(process->watch_id());
    }
  }
  processes_.clear();
}

absl::Status Engine::BecomeSubreaper() {
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
    return ErrnoToStatus(errno, "prctl(PR_SET_CHILD_SUBREAPER)");
  }
  return absl::OkStatus();
}

absl::Status Engine::Define(ProcessSpec spec) {
  absl::Status valid = ValidateProcessSpec(spec);
  if (!valid.ok()) return valid;
  auto it = processes_.find(spec.alias);
  if (it != processes_.end()) {
    if (it->second->spec().service != spec.service) {
      return absl::AlreadyExistsError(absl::StrCat(
          "alias \"", spec.alias, "\" is already defined by service \"",
          it->second->spec().service, "\""));
    }
    ProcessSpec old = it->second->spec();
    it->second->Redefine(std::move(spec));
    Rewatch(it->second.get(), &old);
    return absl::OkStatus();
  }
  std::string alias = spec.alias;
  auto process = std::make_unique<Process>(
      std::move(spec), loop_, sink_, &pipe_budget_,
      [this](Process* p, pid_t old_pid, pid_t pid) { OnPid(p, old_pid, pid); },
      [this](const Process& p) { Notify(p); }, &env_);
  Process* raw = process.get();
  processes_[alias] = std::move(process);
  Rewatch(raw, nullptr);
  return absl::OkStatus();
}

EngineImage Engine::Export() const {
  EngineImage image;
  for (const auto& [alias, process] : processes_) {
    image.processes.push_back(process->Export());
  }
  for (const auto& [pid, job] : execs_) {
    ExecImage exec;
    exec.pid = pid;
    exec.log_name = job->log_name;
    for (const auto& pipe : job->pipes) {
      if (!pipe->closed()) {
        exec.pipes.push_back(
            PipeImage{pipe->fd(), pipe->stream(), pipe->run()});
      }
    }
    image.execs.push_back(std::move(exec));
  }
  image.exec_runs = exec_runs_;
  return image;
}

void Engine::Adopt(const EngineImage& image) {
  exec_runs_ = std::max(exec_runs_, image.exec_runs);
  for (const ProcessImage& p : image.processes) {
    std::string alias = p.spec.alias;
    auto process = std::make_unique<Process>(
        p.spec, loop_, sink_, &pipe_budget_,
        [this](Process* pr, pid_t old_pid, pid_t pid) {
          OnPid(pr, old_pid, pid);
        },
        [this](const Process& pr) { Notify(pr); }, &env_);
    Process* raw = process.get();
    processes_[alias] = std::move(process);
    raw->Adopt(p);
    Rewatch(raw, nullptr);
    adopted_.insert(alias);
  }
  for (const ExecImage& e : image.execs) {
    auto job = std::make_unique<ExecJob>();
    job->log_name = e.log_name;
    ExecJob* raw = job.get();
    for (const PipeImage& p : e.pipes) {
      auto reader = std::make_unique<PipeReader>(
          loop_, UniqueFd(p.fd), sink_, e.log_name, p.run, p.stream,
          &pipe_budget_, [raw](PipeReader* done) {
            raw->pipes.remove_if(
                [done](const auto& r) { return r.get() == done; });
          });
      if (reader->Watch().ok()) raw->pipes.push_back(std::move(reader));
    }
    execs_[e.pid] = std::move(job);
  }
}

void Engine::Rewatch(Process* process, const ProcessSpec* old_spec) {
  const ProcessSpec& spec = process->spec();
  if (watcher_ == nullptr) return;
  if (old_spec != nullptr && old_spec->watch == spec.watch &&
      old_spec->ignore == spec.ignore &&
      old_spec->watch_debounce == spec.watch_debounce &&
      old_spec->watch_settle == spec.watch_settle &&
      old_spec->command.cwd == spec.command.cwd) {
    return;  // the same watch: keep it (a walk of a big tree is not free)
  }
  if (process->watch_id() != 0) watcher_->Remove(process->watch_id());
  process->SetWatch(0, "");
  if (spec.watch.empty()) return;
  watch::WatchSpec watch;
  watch.base_dir = spec.command.cwd;
  watch.patterns = spec.watch;
  watch.ignore = spec.ignore;
  watch.debounce = spec.watch_debounce;
  watch.settle = spec.watch_settle;
  std::string alias = spec.alias;
  auto id = watcher_->Add(
      watch,
      [this, alias](const std::vector<std::string>& paths) {
        auto it = processes_.find(alias);
        if (it != processes_.end() && it->second->spec().watch_hook &&
            watch_hook_) {
          watch_hook_(alias, paths);
          return;
        }
        RestartForChange(alias, absl::StrJoin(paths, ", ")).IgnoreError();
      },
      [this, alias](const absl::Status& error) {
        auto it = processes_.find(alias);
        if (it == processes_.end()) return;
        it->second->SetWatch(it->second->watch_id(),
                             std::string(error.message()));
      });
  if (!id.ok()) {
    process->SetWatch(0, std::string(id.status().message()));
    return;
  }
  process->SetWatch(*id, "");
}

void Engine::Remove(const std::string& alias, std::function<void()> done) {
  auto it = processes_.find(alias);
  if (it == processes_.end()) {
    if (done) done();
    return;
  }
  if (watcher_ != nullptr && it->second->watch_id() != 0) {
    watcher_->Remove(it->second->watch_id());
    it->second->SetWatch(0, "");
  }
  it->second->Stop([this, alias, done = std::move(done)] {
    // Erase after the stop callback stack unwinds: we are inside Process.
    loop_->Post([this, alias, done] {
      auto found = processes_.find(alias);
      if (found != processes_.end() && !found->second->active()) {
        processes_.erase(found);
        env_.Forget(alias);
      }
      if (done) done();
    });
  });
}

void Engine::DropAdopted(const std::string& service) {
  std::vector<std::string> dropped;
  for (const std::string& alias : adopted_) {
    auto it = processes_.find(alias);
    if (it != processes_.end() && it->second->spec().service == service) {
      dropped.push_back(alias);
    }
  }
  for (const std::string& alias : dropped) {
    adopted_.erase(alias);
    sink_->OnSystem(alias, processes_[alias]->Snapshot().run,
                    absl::StrCat("not declared again by service ", service,
                                 " after the re-exec: stopping it"));
    Remove(alias, nullptr);
  }
}

void Engine::DropAdoptedExcept(const std::set<std::string>& known) {
  std::set<std::string> services;
  for (const std::string& alias : adopted_) {
    auto it = processes_.find(alias);
    if (it != processes_.end() &&
        known.count(it->second->spec().service) == 0) {
      services.insert(it->second->spec().service);
    }
  }
  for (const std::string& service : services) DropAdopted(service);
}

absl::Status Engine::Start(const std::string& alias) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  return (*process)->Start();
}

absl::Status Engine::Stop(const std::string& alias,
                          std::function<void()> done) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->Stop(std::move(done));
  return absl::OkStatus();
}

absl::Status Engine::Restart(const std::string& alias,
                             std::function<void(absl::Status)> done) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->Restart(std::move(done));
  return absl::OkStatus();
}

absl::Status Engine::RestartForChange(const std::string& alias,
                                      absl::string_view why) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->RestartForChange(why);
  return absl::OkStatus();
}

absl::Status Engine::MarkReady(const std::string& alias, int run) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->MarkReady(run);
  return absl::OkStatus();
}

absl::Status Engine::SetReadiness(const std::string& alias, int run,
                                  std::string detail) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->SetReadiness(run, std::move(detail));
  return absl::OkStatus();
}

absl::Status Engine::FailProbe(const std::string& alias, int run,
                               std::string why) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->FailProbe(run, std::move(why));
  return absl::OkStatus();
}

absl::Status Engine::DecideExit(const std::string& alias, int run,
                                Process::HookVerdict verdict,
                                absl::Duration delay, std::string why) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->DecideExit(run, verdict, delay, std::move(why));
  return absl::OkStatus();
}

absl::Status Engine::Signal(const std::string& alias, int sig) {
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  (*process)->SignalInstance(sig);
  return absl::OkStatus();
}

void Engine::StopAll(std::function<void()> done) {
  auto pending = std::make_shared<size_t>(processes_.size() + 1);
  auto one_done = [pending, done = std::move(done)] {
    if (--*pending == 0 && done) done();
  };
  for (auto& [alias, process] : processes_) process->Stop(one_done);
  for (auto& [pid, job] : execs_) kill(-pid, SIGTERM);
  one_done();
}

absl::StatusOr<pid_t> Engine::Exec(const CommandSpec& command,
                                   const std::string& log_name,
                                   ExitCallback on_exit) {
  // A run number of its own: concurrent execs never share a partial line.
  int run = ++exec_runs_;
  auto child = Spawn(command, {{"RUNY_SERVICE", log_name}});
  if (!child.ok()) {
    sink_->OnSystem(log_name, 0,
                    absl::StrCat("exec ", command.cmd,
                                 " failed: ", child.status().message()));
    return child.status();
  }
  pid_t pid = child->pid;
  sink_->OnSystem(log_name, 0,
                  absl::StrCat("exec ", command.cmd, " pid ", pid));
  auto job = std::make_unique<ExecJob>();
  job->log_name = log_name;
  job->on_exit = std::move(on_exit);
  ExecJob* raw = job.get();
  for (auto [fd, stream] :
       {std::make_pair(&child->stdout_fd, Stream::kStdout),
        std::make_pair(&child->stderr_fd, Stream::kStderr)}) {
    auto reader = std::make_unique<PipeReader>(
        loop_, std::move(*fd), sink_, log_name, run, stream, &pipe_budget_,
        [raw](PipeReader* p) {
          raw->pipes.remove_if([p](const auto& r) { return r.get() == p; });
        });
    if (reader->Watch().ok()) raw->pipes.push_back(std::move(reader));
  }
  execs_[pid] = std::move(job);
  if (journal_ != nullptr) {
    journal_->Started(Instance{pid, log_name, SIGTERM, kDefaultStopTimeout});
  }
  return pid;
}

void Engine::SignalExec(pid_t pid, int sig) {
  if (execs_.count(pid) != 0) kill(-pid, sig);
}

void Engine::Reap() {
  // WNOHANG in a loop: one SIGCHLD may stand for several children.
  for (;;) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) {
      if (pid < 0 && errno == EINTR) continue;
      return;
    }
    if (auto it = by_pid_.find(pid); it != by_pid_.end()) {
      it->second->OnReaped(pid, status);
      continue;
    }
    if (auto it = execs_.find(pid); it != execs_.end()) {
      std::unique_ptr<ExecJob> job = std::move(it->second);
      execs_.erase(it);
      kill(-pid, SIGKILL);  // leftovers of the group
      if (journal_ != nullptr) journal_->Ended(pid);
      // Everything the command wrote, its last unterminated line included,
      // is in the log before the exit is reported.
      for (auto& pipe : job->pipes) pipe->Finish();
      ExitInfo exit;
      exit.exited = true;
      exit.at = absl::Now();
      if (WIFSIGNALED(status)) {
        exit.signal = WTERMSIG(status);
      } else {
        exit.code = WEXITSTATUS(status);
      }
      sink_->OnSystem(job->log_name, 0, absl::StrCat("exec ", exit.Describe()));
      if (job->on_exit) job->on_exit(exit);
    }
    // Anything else is an adopted orphan: reaped, nothing to report.
  }
}

absl::StatusOr<Process*> Engine::Find(const std::string& alias) const {
  auto it = processes_.find(alias);
  if (it == processes_.end()) {
    return absl::NotFoundError(absl::StrCat("no process \"", alias, "\""));
  }
  return it->second.get();
}

bool Engine::Has(const std::string& alias) const {
  return processes_.count(alias) != 0;
}

absl::StatusOr<ProcessSnapshot> Engine::Snapshot(
    const std::string& alias) const {
  last_viewed_ = loop::MonotonicNow();
  absl::StatusOr<Process*> process = Find(alias);
  if (!process.ok()) return process.status();
  return (*process)->Snapshot();
}

absl::StatusOr<ProcessDetail> Engine::Detail(const std::string& alias) const {
  absl::StatusOr<ProcessSnapshot> snapshot = Snapshot(alias);
  if (!snapshot.ok()) return snapshot.status();
  const Process& process = *processes_.at(alias);
  return ProcessDetail{process.spec(), *std::move(snapshot),
                       process.RecentExits()};
}

std::vector<ProcessSnapshot> Engine::SnapshotAll() const {
  last_viewed_ = loop::MonotonicNow();
  std::vector<ProcessSnapshot> out;
  out.reserve(processes_.size());
  for (const auto& [alias, process] : processes_) {
    out.push_back(process->Snapshot());
  }
  return out;
}

int Engine::Observe(Observer observer) {
  int id = next_observer_++;
  observers_[id] = std::move(observer);
  return id;
}

void Engine::Unobserve(int id) { observers_.erase(id); }

void Engine::OnPid(Process* process, pid_t old_pid, pid_t pid) {
  if (old_pid > 0) {
    by_pid_.erase(old_pid);
    if (journal_ != nullptr) journal_->Ended(old_pid);
  }
  if (pid > 0) {
    by_pid_[pid] = process;
    if (journal_ != nullptr) {
      const ProcessSpec& spec = process->spec();
      journal_->Started(
          Instance{pid, spec.alias, spec.stop_signal, spec.stop_timeout});
    }
  }
  if (pid > 0 && usage_timer_ == 0) {
    usage_timer_ = loop_->AddTimerAfter(kUsageInterval, [this] {
      usage_timer_ = 0;
      SampleUsage();
    });
  }
}

void Engine::SampleUsage() {
  std::set<pid_t> pgids;
  for (const auto& [alias, process] : processes_) {
    if (process->pgid() > 0) pgids.insert(process->pgid());
  }
  if (pgids.empty()) return;  // the next spawn arms the timer again
  // One pass over /proc for every group: a few ms for a busy machine, every
  // kUsageInterval, instead of a scan per `runy status`.
  std::map<pid_t, ProcStats> groups = ReadGroupStats(pgids);
  absl::Time now = loop::MonotonicNow();
  for (const auto& [alias, process] : processes_) {
    auto it = groups.find(process->pgid());
    if (it != groups.end()) process->RecordUsage(it->second, now);
  }
  usage_timer_ = loop_->AddTimerAfter(NextUsageInterval(), [this] {
    usage_timer_ = 0;
    SampleUsage();
  });
}

absl::Duration Engine::NextUsageInterval() const {
  return loop::MonotonicNow() - last_viewed_ < kWatchedFor ? kUsageInterval
                                                           : kIdleUsageInterval;
}

void Engine::Notify(const Process& process) {
  if (observers_.empty()) return;
  ProcessSnapshot snapshot = process.Snapshot();
  // Observers may unobserve (themselves or others) while we call them.
  std::vector<int> ids;
  for (const auto& [id, observer] : observers_) ids.push_back(id);
  for (int id : ids) {
    auto it = observers_.find(id);
    if (it == observers_.end()) continue;
    Observer observer = it->second;
    observer(snapshot);
  }
}

}  // namespace runy::engine
