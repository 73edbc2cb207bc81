// The EnginePort of runyd: carries the service layer's commands from the
// script thread to the engine on the supervising thread, and the replies
// back, as closures posted through each loop's mailbox.
#ifndef RUNY_SERVER_SCRIPT_HOST_ENGINE_BRIDGE_H_
#define RUNY_SERVER_SCRIPT_HOST_ENGINE_BRIDGE_H_

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "server/engine/engine.h"
#include "server/engine/output_sink.h"
#include "server/logs/log_store.h"
#include "server/loop/mailbox.h"
#include "server/script/services/engine_port.h"
#include "server/state/held_processes.h"

namespace runy::script {

// Thread: the EnginePort methods are called on the script thread. The
// engine, the sink and the exec table are touched only by closures that run
// on the supervising thread; replies are posted to the script thread. A
// closed mailbox on either side drops what is in flight (shutdown).
class EngineBridge : public EnginePort {
 public:
  // REQUIRES: engine and sink outlive every closure run on `to_engine`'s
  // loop (they live as long as that loop runs).
  // `held` (may be null) names the processes a user stopped: defined but
  // not started.
  // `logs` (may be null: WatchLog then sees nothing) is thread-safe and
  // outlives the bridge.
  EngineBridge(engine::Engine* engine, engine::OutputSink* sink,
               logs::LogStore* logs, const state::HeldProcesses* held,
               std::shared_ptr<loop::Mailbox> to_engine,
               std::shared_ptr<loop::Mailbox> to_script);

  void DefineAndStart(engine::ProcessSpec spec, DefineCallback done) override;
  void StartIdle(const std::string& service,
                 std::vector<std::string> aliases) override;
  void Stop(const std::string& service, std::vector<std::string> aliases,
            std::function<void()> done) override;
  void Remove(const std::string& service,
              std::vector<std::string> aliases) override;
  ExecId Exec(
      engine::CommandSpec command, std::string log_name,
      std::function<void(absl::StatusOr<engine::ExitInfo>)> done) override;
  void SignalExec(ExecId id, int sig) override;
  void MarkReady(const std::string& service, const std::string& alias,
                 int run) override;
  void SetReadiness(const std::string& service, const std::string& alias,
                    int run, std::string detail) override;
  void FailProbe(const std::string& service, const std::string& alias, int run,
                 std::string why) override;
  void Signal(const std::string& service, const std::string& alias,
              int sig) override;
  void ObserveWatchChanges(WatchChanges changes) override;
  void RestartForChange(const std::string& service, const std::string& alias,
                        std::string why) override;
  void DecideExit(const std::string& service, const std::string& alias, int run,
                  engine::Process::HookVerdict verdict, absl::Duration delay,
                  std::string why) override;
  void Restart(const std::string& service, const std::string& alias,
               std::function<void()> done) override;
  void ObserveProcesses(ProcessObserver observer) override;
  LogWatchId WatchLog(const std::string& alias, int from_run,
                      LogLines lines) override;
  void UnwatchLog(LogWatchId id) override;
  std::vector<std::string> LastLines(const std::string& alias, int run,
                                     size_t n) override;
  void Output(const std::string& log_name, std::string line) override;
  void System(const std::string& log_name, std::string text) override;

 private:
  // Everything the supervising thread's side uses; only closures running
  // there touch it.
  struct EngineSide {
    engine::Engine* engine;
    engine::OutputSink* sink;
    logs::LogStore* logs;
    const state::HeldProcesses* held;
    std::map<LogWatchId, int> log_watches;  // → LogStore subscription
    // Posts a snapshot to ObserveProcesses' observer (unset before).
    std::function<void(const engine::ProcessSnapshot&)> notify;
    std::map<ExecId, pid_t> execs;  // running ctx.exec commands
    // Whether `service` owns `alias` (a process it defined).
    bool Owns(const std::string& service, const std::string& alias) const;
  };

  std::shared_ptr<EngineSide> engine_side_;
  std::shared_ptr<loop::Mailbox> to_engine_;
  std::shared_ptr<loop::Mailbox> to_script_;
  // Runs `fn(engine)` on the supervising thread if `service` owns `alias`.
  void OnOwned(const std::string& service, const std::string& alias,
               std::function<void(engine::Engine*)> fn);

  logs::LogStore* const logs_;     // thread-safe: read from the script thread
  ExecId next_exec_ = 1;           // script thread
  LogWatchId next_log_watch_ = 1;  // script thread
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_HOST_ENGINE_BRIDGE_H_
