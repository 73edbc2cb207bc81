// What the service layer asks of the supervisor engine, as commands whose
// replies arrive later. The service layer runs on the script thread and the
// engine on the supervising thread: the port is the only way between them
// (script/host/engine_bridge.h carries it), so the engine never holds a
// pointer into the script runtime and never waits for it.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_ENGINE_PORT_H_
#define RUNY_SERVER_SCRIPT_SERVICES_ENGINE_PORT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/engine/process.h"
#include "server/engine/process_snapshot.h"
#include "server/engine/process_spec.h"

namespace runy::script {

// Thread: called on the service layer's thread; every call returns at once
// and every callback runs later on that same thread, never from inside the
// call. Commands about aliases act only on processes `service` owns, so a
// stale or refused alias can never touch another service's process.
class EnginePort {
 public:
  using ExecId = uint64_t;

  virtual ~EnginePort() = default;

  // Defines the process (spec.service owns it) and starts it. `done` gets
  // the definition's error (InvalidArgument, AlreadyExists: nothing was
  // defined), else the pid or the first spawn's error (the process is
  // defined and follows its restart policy).
  using DefineCallback =
      std::function<void(absl::Status defined, absl::StatusOr<int> pid)>;
  virtual void DefineAndStart(engine::ProcessSpec spec,
                              DefineCallback done) = 0;
  // Starts, with fresh counts, those of `aliases` that are not running,
  // starting or stopping.
  virtual void StartIdle(const std::string& service,
                         std::vector<std::string> aliases) = 0;
  // Stops them in parallel; `done` once all are stopped.
  virtual void Stop(const std::string& service,
                    std::vector<std::string> aliases,
                    std::function<void()> done) = 0;
  // Stops and forgets them.
  virtual void Remove(const std::string& service,
                      std::vector<std::string> aliases) = 0;

  // A one-shot command (ctx.exec) logged under `log_name`. `done` gets how
  // it exited once reaped, or the spawn error.
  virtual ExecId Exec(
      engine::CommandSpec command, std::string log_name,
      std::function<void(absl::StatusOr<engine::ExitInfo>)> done) = 0;
  // Signals an exec'd command's process group; a no-op once it has exited.
  virtual void SignalExec(ExecId id, int sig) = 0;

  // Process handles and probes. Each acts only on a process `service`
  // owns, and only on its instance of run `run` where one is given.
  virtual void MarkReady(const std::string& service, const std::string& alias,
                         int run) = 0;
  virtual void SetReadiness(const std::string& service,
                            const std::string& alias, int run,
                            std::string detail) = 0;
  virtual void FailProbe(const std::string& service, const std::string& alias,
                         int run, std::string why) = 0;
  virtual void Signal(const std::string& service, const std::string& alias,
                      int sig) = 0;
  // Changes of watched files of processes with an onWatch hook, from now
  // on (alias, paths); set once.
  using WatchChanges = std::function<void(
      const std::string& alias, const std::vector<std::string>& paths)>;
  virtual void ObserveWatchChanges(WatchChanges changes) = 0;
  // A restart for a watched change (not counted), as without a hook.
  virtual void RestartForChange(const std::string& service,
                                const std::string& alias, std::string why) = 0;
  // The onExit hook's answer for the exit of run `run`.
  virtual void DecideExit(const std::string& service, const std::string& alias,
                          int run, engine::Process::HookVerdict verdict,
                          absl::Duration delay, std::string why) = 0;
  // `done` once the new instance is spawned (or the restart failed).
  virtual void Restart(const std::string& service, const std::string& alias,
                       std::function<void()> done) = 0;

  // Every change of every process a service owns (state, pid, run,
  // restarts, last exit), from now on; set once.
  using ProcessObserver = std::function<void(const engine::ProcessSnapshot&)>;
  virtual void ObserveProcesses(ProcessObserver observer) = 0;
  // The lines of `alias` (stdout and stderr, with the run that wrote
  // them) until UnwatchLog: first those of runs from `from_run` on that
  // runyd still holds in memory, then those it writes. For readiness on a
  // log line and h.waitForLog(). Lines come in batches, in order.
  using LogWatchId = uint64_t;
  using LogLines =
      std::function<void(const std::vector<std::string>& lines, int run)>;
  virtual LogWatchId WatchLog(const std::string& alias, int from_run,
                              LogLines lines) = 0;
  virtual void UnwatchLog(LogWatchId id) = 0;
  // The last `n` lines (stdout and stderr) run `run` of `alias` wrote, of
  // those runyd holds in memory; read at once, on the calling thread.
  // Every whole line an instance's leader wrote is there by the time its
  // exit is observed (a last line without a newline comes when its pipe
  // closes, as does what the rest of its group still writes).
  virtual std::vector<std::string> LastLines(const std::string& alias, int run,
                                             size_t n) = 0;

  // Log lines of the service layer: a line of output (ctx.log), a
  // lifecycle line ("service running").
  virtual void Output(const std::string& log_name, std::string line) = 0;
  virtual void System(const std::string& log_name, std::string text) = 0;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_ENGINE_PORT_H_
