#include "server/script/host/engine_bridge.h"

#include <algorithm>
#include <utility>

namespace runy::script {

EngineBridge::EngineBridge(engine::Engine* engine, engine::OutputSink* sink,
                           logs::LogStore* logs,
                           const state::HeldProcesses* held,
                           std::shared_ptr<loop::Mailbox> to_engine,
                           std::shared_ptr<loop::Mailbox> to_script)
    : engine_side_(std::make_shared<EngineSide>(
          EngineSide{engine, sink, logs, held, {}, nullptr, {}})),
      to_engine_(std::move(to_engine)),
      to_script_(std::move(to_script)),
      logs_(logs) {}

bool EngineBridge::EngineSide::Owns(const std::string& service,
                                    const std::string& alias) const {
  absl::StatusOr<engine::ProcessSnapshot> snap = engine->Snapshot(alias);
  return snap.ok() && snap->service == service;
}

void EngineBridge::DefineAndStart(engine::ProcessSpec spec,
                                  DefineCallback done) {
  to_engine_->Post([side = engine_side_, to_script = to_script_,
                    spec = std::move(spec), done = std::move(done)]() mutable {
    std::string alias = spec.alias;
    absl::Status defined = side->engine->Define(std::move(spec));
    absl::StatusOr<int> pid = 0;
    if (defined.ok() && side->held != nullptr && side->held->Held(alias)) {
      side->engine->TakeAdopted(alias);  // declared again, and stays held
      auto snap = side->engine->Snapshot(alias);
      if (snap.ok() && snap->state == engine::ProcessState::kStopped &&
          snap->run == 0) {
        side->sink->OnSystem(alias, 0,
                             "not started: a user stopped it (runy start " +
                                 alias + " starts it)");
      }
    } else if (defined.ok() && side->engine->TakeAdopted(alias)) {
      // Taken over from the previous runyd image (re-exec): it goes on as
      // it was, running or waiting out its backoff.
      auto snap = side->engine->Snapshot(alias);
      pid = snap.ok() ? snap->pid : 0;
    } else if (defined.ok()) {
      absl::Status started = side->engine->Start(alias);
      if (started.ok()) {
        auto snap = side->engine->Snapshot(alias);
        pid = snap.ok() ? snap->pid : 0;
      } else {
        pid = started;
      }
    }
    // The observer learns the state of a process that did not change (one
    // taken over from the previous image) too.
    if (defined.ok() && side->notify) {
      auto snap = side->engine->Snapshot(alias);
      if (snap.ok()) side->notify(*snap);
    }
    to_script->Post([done = std::move(done), defined = std::move(defined),
                     pid = std::move(pid)] { done(defined, pid); });
  });
}

void EngineBridge::StartIdle(const std::string& service,
                             std::vector<std::string> aliases) {
  to_engine_->Post(
      [side = engine_side_, service, aliases = std::move(aliases)] {
        for (const std::string& alias : aliases) {
          auto snap = side->engine->Snapshot(alias);
          if (!snap.ok() || snap->service != service ||
              snap->state == engine::ProcessState::kRunning ||
              snap->state == engine::ProcessState::kStarting ||
              snap->state == engine::ProcessState::kStopping) {
            continue;
          }
          // A spawn failure is in the process's log.
          side->engine->Start(alias).IgnoreError();
        }
      });
}

void EngineBridge::Stop(const std::string& service,
                        std::vector<std::string> aliases,
                        std::function<void()> done) {
  to_engine_->Post([side = engine_side_, to_script = to_script_, service,
                    aliases = std::move(aliases), done = std::move(done)] {
    auto left = std::make_shared<size_t>(aliases.size() + 1);
    auto one = [left, to_script, done] {
      if (--*left == 0) to_script->Post(done);
    };
    for (const std::string& alias : aliases) {
      if (!side->Owns(service, alias) || !side->engine->Stop(alias, one).ok())
        one();
    }
    one();
  });
}

void EngineBridge::Remove(const std::string& service,
                          std::vector<std::string> aliases) {
  to_engine_->Post(
      [side = engine_side_, service, aliases = std::move(aliases)] {
        for (const std::string& alias : aliases) {
          if (side->Owns(service, alias)) side->engine->Remove(alias, nullptr);
        }
      });
}

EnginePort::ExecId EngineBridge::Exec(
    engine::CommandSpec command, std::string log_name,
    std::function<void(absl::StatusOr<engine::ExitInfo>)> done) {
  ExecId id = next_exec_++;
  to_engine_->Post([side = engine_side_, to_script = to_script_, id,
                    command = std::move(command),
                    log_name = std::move(log_name), done = std::move(done)] {
    auto reply = [to_script, done](absl::StatusOr<engine::ExitInfo> exit) {
      to_script->Post([done, exit = std::move(exit)] { done(exit); });
    };
    std::weak_ptr<EngineSide> weak = side;
    absl::StatusOr<pid_t> pid = side->engine->Exec(
        command, log_name, [weak, id, reply](const engine::ExitInfo& exit) {
          if (auto s = weak.lock()) s->execs.erase(id);
          reply(exit);
        });
    if (!pid.ok()) {
      reply(pid.status());
      return;
    }
    side->execs[id] = *pid;
  });
  return id;
}

void EngineBridge::SignalExec(ExecId id, int sig) {
  to_engine_->Post([side = engine_side_, id, sig] {
    auto it = side->execs.find(id);
    if (it != side->execs.end()) side->engine->SignalExec(it->second, sig);
  });
}

void EngineBridge::OnOwned(const std::string& service, const std::string& alias,
                           std::function<void(engine::Engine*)> fn) {
  to_engine_->Post([side = engine_side_, service, alias, fn = std::move(fn)] {
    if (side->Owns(service, alias)) fn(side->engine);
  });
}

void EngineBridge::MarkReady(const std::string& service,
                             const std::string& alias, int run) {
  OnOwned(service, alias, [alias, run](engine::Engine* e) {
    e->MarkReady(alias, run).IgnoreError();
  });
}

void EngineBridge::SetReadiness(const std::string& service,
                                const std::string& alias, int run,
                                std::string detail) {
  OnOwned(service, alias,
          [alias, run, detail = std::move(detail)](engine::Engine* e) {
            e->SetReadiness(alias, run, detail).IgnoreError();
          });
}

void EngineBridge::FailProbe(const std::string& service,
                             const std::string& alias, int run,
                             std::string why) {
  OnOwned(service, alias,
          [alias, run, why = std::move(why)](engine::Engine* e) {
            e->FailProbe(alias, run, why).IgnoreError();
          });
}

void EngineBridge::ObserveWatchChanges(WatchChanges changes) {
  to_engine_->Post([side = engine_side_, to_script = to_script_,
                    changes = std::move(changes)] {
    side->engine->SetWatchHook(
        [to_script, changes](const std::string& alias,
                             const std::vector<std::string>& paths) {
          to_script->Post([changes, alias, paths] { changes(alias, paths); });
        });
  });
}

void EngineBridge::RestartForChange(const std::string& service,
                                    const std::string& alias, std::string why) {
  OnOwned(service, alias, [alias, why = std::move(why)](engine::Engine* e) {
    e->RestartForChange(alias, why).IgnoreError();
  });
}

void EngineBridge::DecideExit(const std::string& service,
                              const std::string& alias, int run,
                              engine::Process::HookVerdict verdict,
                              absl::Duration delay, std::string why) {
  OnOwned(
      service, alias,
      [alias, run, verdict, delay, why = std::move(why)](engine::Engine* e) {
        e->DecideExit(alias, run, verdict, delay, why).IgnoreError();
      });
}

void EngineBridge::Signal(const std::string& service, const std::string& alias,
                          int sig) {
  OnOwned(service, alias, [alias, sig](engine::Engine* e) {
    e->Signal(alias, sig).IgnoreError();
  });
}

void EngineBridge::Restart(const std::string& service, const std::string& alias,
                           std::function<void()> done) {
  to_engine_->Post([side = engine_side_, to_script = to_script_, service, alias,
                    done = std::move(done)] {
    auto reply = [to_script, done] { to_script->Post(done); };
    if (!side->Owns(service, alias) ||
        !side->engine->Restart(alias, [reply](absl::Status) { reply(); })
             .ok()) {
      reply();
    }
  });
}

void EngineBridge::ObserveProcesses(ProcessObserver observer) {
  to_engine_->Post([side = engine_side_, to_script = to_script_,
                    observer = std::move(observer)] {
    side->notify = [to_script,
                    observer](const engine::ProcessSnapshot& snapshot) {
      if (snapshot.service.empty()) return;
      to_script->Post([observer, snapshot] { observer(snapshot); });
    };
    side->engine->Observe(side->notify);
  });
}

namespace {

// The output lines of `blocks` from run `from_run` on, to `lines` in
// batches of one run.
void DeliverLines(const std::vector<logs::BlockPtr>& blocks, int from_run,
                  const EnginePort::LogLines& lines) {
  std::vector<logs::RecordView> records;
  for (const logs::BlockPtr& block : blocks) {
    logs::ParseRecords(block->bytes, &records);
  }
  std::vector<std::string> batch;
  int run = 0;
  for (const logs::RecordView& r : records) {
    if (r.stream == engine::Stream::kSystem || r.run < from_run) continue;
    if (!batch.empty() && r.run != run) {
      lines(batch, run);
      batch.clear();
    }
    run = r.run;
    batch.emplace_back(r.text);
  }
  if (!batch.empty()) lines(batch, run);
}

}  // namespace

EnginePort::LogWatchId EngineBridge::WatchLog(const std::string& alias,
                                              int from_run, LogLines lines) {
  LogWatchId id = next_log_watch_++;
  to_engine_->Post([side = engine_side_, to_script = to_script_, id, alias,
                    from_run, lines = std::move(lines)] {
    if (side->logs == nullptr) return;
    std::vector<logs::BlockPtr> backlog;
    // Appends happen on this thread: nothing comes between the backlog
    // and the first live block.
    int sub = side->logs->Subscribe(
        {alias},
        [to_script, lines](const logs::BlockPtr& block) {
          // Parsed on the script thread: nothing more than a post here.
          to_script->Post([block, lines] { DeliverLines({block}, 0, lines); });
        },
        &backlog);
    to_script->Post([backlog = std::move(backlog), from_run, lines] {
      DeliverLines(backlog, from_run, lines);
    });
    side->log_watches[id] = sub;
  });
  return id;
}

void EngineBridge::UnwatchLog(LogWatchId id) {
  to_engine_->Post([side = engine_side_, id] {
    auto it = side->log_watches.find(id);
    if (it == side->log_watches.end()) return;
    side->logs->Unsubscribe(it->second);
    side->log_watches.erase(it);
  });
}

std::vector<std::string> EngineBridge::LastLines(const std::string& alias,
                                                 int run, size_t n) {
  if (logs_ == nullptr || n == 0) return {};
  std::vector<logs::BlockPtr> blocks = logs_->Snapshot({alias});
  // From the newest block back, until n lines of the run are found or a
  // whole block is of earlier runs (the leftovers of an earlier run's group
  // may come between the lines of this one, not before its first block).
  std::vector<std::string> last;
  std::vector<logs::RecordView> records;
  for (auto block = blocks.rbegin(); block != blocks.rend(); ++block) {
    records.clear();
    logs::ParseRecords((*block)->bytes, &records);
    bool output = false, earlier_only = true;
    for (auto r = records.rbegin(); r != records.rend(); ++r) {
      if (r->stream == engine::Stream::kSystem) continue;
      output = true;
      if (r->run >= run) earlier_only = false;
      if (r->run != run) continue;
      last.emplace_back(r->text);
      if (last.size() == n) break;
    }
    if (last.size() == n || (output && earlier_only)) break;
  }
  std::reverse(last.begin(), last.end());
  return last;
}

void EngineBridge::Output(const std::string& log_name, std::string line) {
  to_engine_->Post([side = engine_side_, log_name, line = std::move(line)] {
    side->sink->OnOutput(log_name, 0, engine::Stream::kStdout, line);
  });
}

void EngineBridge::System(const std::string& log_name, std::string text) {
  to_engine_->Post([side = engine_side_, log_name, text = std::move(text)] {
    side->sink->OnSystem(log_name, 0, text);
  });
}

}  // namespace runy::script
