// What a supervised process is: the definition from a service file.
#ifndef RUNY_SERVER_ENGINE_PROCESS_SPEC_H_
#define RUNY_SERVER_ENGINE_PROCESS_SPEC_H_

#include <csignal>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/engine/restart_policy.h"

namespace runy::engine {

inline constexpr absl::Duration kDefaultStopTimeout = absl::Seconds(10);
inline constexpr absl::Duration kDefaultWatchDebounce = absl::Milliseconds(50);
// A save that completed (a close after writing, an atomic save's rename)
// restarts once this much passed without another change.
inline constexpr absl::Duration kDefaultWatchSettle = absl::Milliseconds(2);

// A command to run: shared by supervised processes and one-shot execs.
struct CommandSpec {
  std::string cmd;  // looked up on PATH unless it contains '/'
  std::vector<std::string> args;
  std::string cwd;  // empty: runyd's working directory
  // Added to (and overriding) runyd's environment, in order.
  std::vector<std::pair<std::string, std::string>> env;
};

struct ProcessSpec {
  std::string alias;
  std::string service;  // the service that declared it; may be empty
  CommandSpec command;
  RestartSpec restart;
  int stop_signal = SIGTERM;
  absl::Duration stop_timeout = kDefaultStopTimeout;
  // Globs whose changes restart the process (relative to command.cwd), and
  // globs excluded from them.
  std::vector<std::string> watch;
  std::vector<std::string> ignore;
  absl::Duration watch_debounce = kDefaultWatchDebounce;
  // After a completed save: see kDefaultWatchSettle. InfiniteDuration when
  // the user chose a fixed window (watchDebounce).
  absl::Duration watch_settle = kDefaultWatchSettle;
  // What its readiness waits for, in words ("http://127.0.0.1:8500/health",
  // "a log line matching /listening/"): a process with one stays starting
  // after its spawn until the service layer marks it ready. Empty: running
  // once spawned.
  std::string ready;
  // An onExit hook decides what an unexpected exit does (Process::
  // DecideExit); the restart policy decides when it does not answer.
  bool exit_hook = false;
  // An onWatch hook decides what a watched change does (the engine hands
  // the change to Engine::SetWatchHook's callback instead of restarting).
  bool watch_hook = false;
  // Where it was declared ("file:line" of its ctx.process call), for
  // `runy describe`; a declaration that only moved is the same spec, so
  // it is not compared by ==.
  std::string origin;
};

bool operator==(const CommandSpec& a, const CommandSpec& b);
bool operator==(const ProcessSpec& a, const ProcessSpec& b);
inline bool operator!=(const ProcessSpec& a, const ProcessSpec& b) {
  return !(a == b);
}

// InvalidArgument naming the bad option ("alias \"a b\" is not a valid name").
absl::Status ValidateProcessSpec(const ProcessSpec& spec);

// "SIGTERM" → SIGTERM (also "TERM", "15"); -1 when unknown.
int SignalFromName(const std::string& name);
// SIGKILL → "SIGKILL"; "SIG37" for one without a name.
std::string SignalName(int sig);

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PROCESS_SPEC_H_
