// What service files know of their processes: the state behind each
// process handle (ctx.process's result), its waiters (h.ready(),
// h.exited(), h.waitForLog()), its readiness and health probes
// (process_probes.cc) and its onExit and onWatch hooks (process_hooks.cc).
#ifndef RUNY_SERVER_SCRIPT_SERVICES_PROCESS_TRACKER_H_
#define RUNY_SERVER_SCRIPT_SERVICES_PROCESS_TRACKER_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "re2/re2.h"
#include "server/engine/process_snapshot.h"
#include "server/loop/event_loop.h"
#include "server/script/runtime.h"
#include "server/script/services/engine_port.h"
#include "server/script/services/net_probe.h"
#include "server/script/services/options.h"
#include "server/script/services/service_api.h"

namespace runy::script {

// What h.waitForLog() and a `ready: { log }` probe look for.
struct LogMatcher {
  std::string text;  // a substring, or the regex's source
  bool regex = false;
  bool ignore_case = false;
  std::shared_ptr<const re2::RE2> compiled;  // when regex
  bool Matches(const std::string& line) const;
  // The regex compiled with RE2: linear in the line, no recursion, so no
  // pattern can stall the script thread or overflow its stack on a long
  // line (no lookaround or backreferences). InvalidArgument naming
  // `option` when RE2 does not take it.
  static absl::StatusOr<LogMatcher> Make(std::string text, bool regex,
                                         bool ignore_case,
                                         const std::string& option);
};

// Pushes `{code, signal}` of an exit (one of them null).
void PushExitInfo(duk_context* ctx, const engine::ExitInfo& exit);

// Thread: the script thread; every callback runs there. Promises it is
// given are settled through the api, or forgotten with their service.
class ProcessTracker {
 public:
  ProcessTracker(loop::EventLoop* loop, EnginePort* port, Runtime* runtime,
                 ServiceApi* api);
  ~ProcessTracker();

  // A process the current run of `service` defined; its probes follow its
  // instances from now on. `ready_matcher`: a log probe's.
  // `on_exit`: its onExit hook (retained; released with it), or 0.
  void Track(const std::string& service, const std::string& alias,
             ProbeSpec ready, LogMatcher ready_matcher, ProbeSpec health,
             HandleId on_exit = 0, HandleId on_watch = 0);
  // From EnginePort::ObserveWatchChanges: asks the onWatch hook.
  void OnWatchChange(const std::string& alias,
                     const std::vector<std::string>& paths);
  // The engine refused the definition: no longer tracked (when `service`
  // tracks it).
  void Untrack(const std::string& service, const std::string& alias);
  // The service stopped: probes end, pending handle promises are forgotten
  // (the run that awaited them is cancelled), its processes are no longer
  // tracked.
  void ForgetService(const std::string& service);
  // Runs (on this thread, outside any JS turn: posted) after each change
  // of a tracked process.
  void set_on_change(std::function<void()> cb) { on_change_ = std::move(cb); }
  // What happened to a tracked process, for s.on(): "exit" (an instance
  // ended), "failed", "ready" (running, past its probe), "restart" (a new
  // instance after an earlier one), with its snapshot after the change.
  using EventCallback =
      std::function<void(const std::string& service, const std::string& event,
                         const engine::ProcessSnapshot& snapshot)>;
  void set_on_event(EventCallback cb) { on_event_ = std::move(cb); }
  // From EnginePort::ObserveProcesses.
  void OnSnapshot(const engine::ProcessSnapshot& snapshot);

  // The last snapshot of a tracked process, or null.
  const engine::ProcessSnapshot* Find(const std::string& alias) const;
  // h.ready(): resolves once the process is running (past its readiness
  // probe), rejects when it ends (exited, failed, stopped) before.
  void Ready(const std::string& alias, PromiseId promise);
  // h.exited(): the next end of its instance ({code, signal}), or the last
  // one when it is not running.
  void Exited(const std::string& alias, PromiseId promise);
  // h.waitForLog(): the first line it writes from now on that matches;
  // rejects after `timeout` or when the process ends.
  void WaitForLog(const std::string& alias, LogMatcher matcher,
                  absl::Duration timeout, PromiseId promise);
  // h.restart(): resolves once the next instance is spawned. Until then
  // the stop it passes through ends no waiter.
  void Restart(const std::string& alias, PromiseId promise);

 private:
  struct LogWaiter {
    LogMatcher matcher;
    PromiseId promise = 0;
    loop::EventLoop::TimerId timer = 0;
  };
  // One probe (ready or health) of one instance.
  struct ProbeRun {
    int run = 0;  // the instance it probes; 0: idle
    uint64_t attempt = 0;
    loop::EventLoop::TimerId timer = 0;
    loop::EventLoop::TimerId deadline = 0;  // ready: its timeout
    std::unique_ptr<NetProbe> net;
    int failures = 0;
    std::string last;      // the last attempt's result
    int finished_run = 0;  // the instance it passed or failed
  };
  struct Tracked {
    std::string service;
    std::string alias;
    ProbeSpec ready_spec, health_spec;
    LogMatcher ready_matcher;  // a `ready: { log }` probe's
    engine::ProcessSnapshot snap;
    bool known = false;
    std::vector<PromiseId> ready_waiters;
    // (promise, the run whose end it waits for)
    std::vector<std::pair<PromiseId, int>> exit_waiters;
    std::vector<LogWaiter> log_waiters;
    EnginePort::LogWatchId log_watch = 0;
    int restarts_asked = 0;  // h.restart() calls the engine has not done
    // While watched: the lines of its latest run seen (the newest, within
    // kRecentLines and kRecentBytes), so a waiter that comes later sees
    // them too.
    std::deque<std::string> recent;
    size_t recent_bytes = 0;
    int recent_run = 0;
    ProbeRun ready, health;
    HandleId on_exit = 0;   // onExit hook
    HandleId on_watch = 0;  // onWatch hook
    bool watch_hook_busy = false;
    uint64_t watch_hook_call = 0;  // the call in progress, when busy
    loop::EventLoop::TimerId watch_hook_timer = 0;
    // Changed while it was busy, each once (at most kMaxPendingPaths).
    std::vector<std::string> pending_paths;
    int hook_run = 0;  // the instance whose exit it was asked about
  };

  Tracked* Get(const std::string& alias);
  void Settle(Tracked* t);
  // It ended for good: ready() and waitForLog() waiters are rejected.
  void RejectWaiters(Tracked* t);
  void StartReady(Tracked* t);
  void StartHealth(Tracked* t);
  void Schedule(Tracked* t, ProbeRun* p, bool health, absl::Duration delay);
  void Attempt(Tracked* t, bool health);
  void OnResult(const std::string& alias, bool health, int run,
                uint64_t attempt, bool ok, const std::string& detail);
  void StopProbe(ProbeRun* p);
  void UpdateLogWatch(Tracked* t);
  void OnLines(const std::string& alias, const std::vector<std::string>& lines,
               int run);
  void RejectLogWaiters(Tracked* t, const std::string& why);
  // Calls the onExit hook about the exit of the current instance.
  void AskExitHook(Tracked* t);
  void ReleaseHook(Tracked* t);
  void AskWatchHook(Tracked* t, std::vector<std::string> paths);
  // Acts on the onWatch hook's answer (or its absence), then asks about
  // what changed meanwhile.
  void OnWatchVerdict(Tracked* t, const std::string& joined,
                      const absl::Status& status, const std::string& shown,
                      const JsValue& value);

  loop::EventLoop* loop_;
  EnginePort* port_;
  Runtime* runtime_;
  ServiceApi* api_;
  std::map<std::string, std::unique_ptr<Tracked>> tracked_;  // by alias
  std::function<void()> on_change_;
  EventCallback on_event_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_PROCESS_TRACKER_H_
