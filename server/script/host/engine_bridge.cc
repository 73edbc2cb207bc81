#include "server/script/host/engine_bridge.h"

#include <utility>

namespace runy::script {

EngineBridge::EngineBridge(engine::Engine* engine, engine::OutputSink* sink,
                           const state::HeldProcesses* held,
                           std::shared_ptr<loop::Mailbox> to_engine,
                           std::shared_ptr<loop::Mailbox> to_script)
    : engine_side_(
          std::make_shared<EngineSide>(EngineSide{engine, sink, held, {}})),
      to_engine_(std::move(to_engine)),
      to_script_(std::move(to_script)) {}

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
