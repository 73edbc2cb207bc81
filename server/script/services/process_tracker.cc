#include "server/script/services/process_tracker.h"

#include <signal.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/engine/process_spec.h"

namespace runy::script {
namespace {

using engine::ProcessState;

// The lines of its latest run kept while watched: the newest, as many as
// fit both bounds.
constexpr size_t kRecentLines = 1000;
constexpr size_t kRecentBytes = 1 << 20;

bool Active(ProcessState s) {
  return s == ProcessState::kStarting || s == ProcessState::kRunning ||
         s == ProcessState::kStopping;
}

// Over for good: no instance comes after it by itself.
bool Ended(ProcessState s) {
  return s == ProcessState::kExited || s == ProcessState::kFailed ||
         s == ProcessState::kStopped;
}

}  // namespace

// What ctx.process handles, exited() and onExit see of an exit.
void PushExitInfo(duk_context* ctx, const engine::ExitInfo& exit) {
  duk_push_object(ctx);
  if (exit.signal == 0) {
    duk_push_int(ctx, exit.code);
  } else {
    duk_push_null(ctx);
  }
  duk_put_prop_string(ctx, -2, "code");
  if (exit.signal != 0) {
    std::string name = engine::SignalName(exit.signal);
    duk_push_lstring(ctx, name.data(), name.size());
  } else {
    duk_push_null(ctx);
  }
  duk_put_prop_string(ctx, -2, "signal");
}

bool LogMatcher::Matches(const std::string& line) const {
  if (!regex) {
    return ignore_case ? absl::StrContains(absl::AsciiStrToLower(line),
                                           absl::AsciiStrToLower(text))
                       : absl::StrContains(line, text);
  }
  return re2::RE2::PartialMatch(line, *compiled);
}

absl::StatusOr<LogMatcher> LogMatcher::Make(std::string text, bool regex,
                                            bool ignore_case,
                                            const std::string& option) {
  LogMatcher m;
  m.text = std::move(text);
  m.regex = regex;
  m.ignore_case = ignore_case;
  if (regex) {
    re2::RE2::Options options;
    options.set_case_sensitive(!ignore_case);
    options.set_log_errors(false);
    auto compiled = std::make_shared<const re2::RE2>(m.text, options);
    if (!compiled->ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "option \"", option, "\": /", m.text,
          "/ is not a regular expression runy can match log lines with (",
          compiled->error(), ")"));
    }
    m.compiled = std::move(compiled);
  }
  return m;
}

ProcessTracker::ProcessTracker(loop::EventLoop* loop, EnginePort* port,
                               Runtime* runtime, ServiceApi* api)
    : loop_(loop), port_(port), runtime_(runtime), api_(api) {}

ProcessTracker::~ProcessTracker() {
  *alive_ = false;
  for (auto& [alias, t] : tracked_) {
    StopProbe(&t->ready);
    StopProbe(&t->health);
    for (LogWaiter& w : t->log_waiters) {
      if (w.timer != 0) loop_->CancelTimer(w.timer);
    }
    if (t->log_watch != 0) port_->UnwatchLog(t->log_watch);
  }
}

ProcessTracker::Tracked* ProcessTracker::Get(const std::string& alias) {
  auto it = tracked_.find(alias);
  return it == tracked_.end() ? nullptr : it->second.get();
}

const engine::ProcessSnapshot* ProcessTracker::Find(
    const std::string& alias) const {
  auto it = tracked_.find(alias);
  return it == tracked_.end() || !it->second->known ? nullptr
                                                    : &it->second->snap;
}

void ProcessTracker::Track(const std::string& service, const std::string& alias,
                           ProbeSpec ready, LogMatcher ready_matcher,
                           ProbeSpec health, HandleId on_exit,
                           HandleId on_watch) {
  std::unique_ptr<Tracked>& slot = tracked_[alias];
  // Another service's process: the engine refuses this definition.
  if (slot != nullptr && slot->service != service) {
    for (HandleId fn : {on_exit, on_watch}) {
      if (fn != 0) runtime_->Release(fn);
    }
    return;
  }
  if (slot == nullptr) slot = std::make_unique<Tracked>();
  Tracked* t = slot.get();
  t->service = service;
  t->alias = alias;
  t->ready_spec = std::move(ready);
  t->ready_matcher = std::move(ready_matcher);
  t->health_spec = std::move(health);
  ReleaseHook(t);
  t->on_exit = on_exit;
  t->on_watch = on_watch;
  UpdateLogWatch(t);
  if (t->known) OnSnapshot(t->snap);
}

void ProcessTracker::Untrack(const std::string& service,
                             const std::string& alias) {
  Tracked* t = Get(alias);
  if (t == nullptr || t->service != service) return;
  // Nothing can wait on it yet: ctx.process has not resolved.
  StopProbe(&t->ready);
  StopProbe(&t->health);
  if (t->log_watch != 0) port_->UnwatchLog(t->log_watch);
  ReleaseHook(t);
  tracked_.erase(alias);
}

void ProcessTracker::ForgetService(const std::string& service) {
  std::vector<PromiseId> forget;
  for (auto it = tracked_.begin(); it != tracked_.end();) {
    Tracked* t = it->second.get();
    if (t->service != service) {
      ++it;
      continue;
    }
    StopProbe(&t->ready);
    StopProbe(&t->health);
    forget.insert(forget.end(), t->ready_waiters.begin(),
                  t->ready_waiters.end());
    for (const auto& [promise, run] : t->exit_waiters)
      forget.push_back(promise);
    for (LogWaiter& w : t->log_waiters) {
      if (w.timer != 0) loop_->CancelTimer(w.timer);
      forget.push_back(w.promise);
    }
    if (t->log_watch != 0) port_->UnwatchLog(t->log_watch);
    ReleaseHook(t);
    it = tracked_.erase(it);
  }
  // Posted: this may run inside a JS turn.
  if (!forget.empty()) {
    loop_->Post([runtime = runtime_, alive = alive_, forget] {
      if (!*alive) return;
      for (PromiseId id : forget) runtime->Forget(id);
    });
  }
}

void ProcessTracker::OnSnapshot(const engine::ProcessSnapshot& snapshot) {
  Tracked* t = Get(snapshot.alias);
  if (t == nullptr || t->service != snapshot.service) return;
  engine::ProcessSnapshot prev = t->snap;
  bool had = t->known;
  t->snap = snapshot;
  t->known = true;
  if (on_event_ && had) {
    const std::string& svc = t->service;
    bool ended = (Active(prev.state) && !Active(snapshot.state)) ||
                 (snapshot.run > prev.run && Active(prev.state));
    if (ended && snapshot.last_exit.exited) on_event_(svc, "exit", snapshot);
    if (snapshot.run > prev.run && prev.run > 0) {
      on_event_(svc, "restart", snapshot);
    }
    if (snapshot.state == ProcessState::kRunning &&
        (prev.state != ProcessState::kRunning || snapshot.run != prev.run)) {
      on_event_(svc, "ready", snapshot);
    }
    if (snapshot.state == ProcessState::kFailed &&
        prev.state != ProcessState::kFailed) {
      on_event_(svc, "failed", snapshot);
    }
  }
  const ProcessState state = snapshot.state;
  // Readiness: probed while an instance is starting.
  if (state == ProcessState::kStarting && snapshot.pid != 0 &&
      t->ready_spec.kind != ProbeSpec::Kind::kNone &&
      t->ready.run != snapshot.run && t->ready.finished_run != snapshot.run) {
    StartReady(t);
  }
  if (state != ProcessState::kStarting) StopProbe(&t->ready);
  // Liveness: probed while it runs.
  if (state == ProcessState::kRunning &&
      t->health_spec.kind != ProbeSpec::Kind::kNone &&
      t->health.run != snapshot.run && t->health.finished_run != snapshot.run) {
    StartHealth(t);
  }
  if (state != ProcessState::kRunning) StopProbe(&t->health);
  if (snapshot.awaiting_exit_hook && t->on_exit != 0 &&
      t->hook_run != snapshot.run) {
    t->hook_run = snapshot.run;
    AskExitHook(t);
  }
  Settle(t);
  if (on_change_) on_change_();
}

void ProcessTracker::Settle(Tracked* t) {
  const engine::ProcessSnapshot& s = t->snap;
  if (s.state == ProcessState::kRunning) {
    for (PromiseId p : t->ready_waiters) {
      api_->Settle(
          p, [](duk_context* ctx) { duk_push_undefined(ctx); }, false);
    }
    t->ready_waiters.clear();
  }
  // An instance ended: its run is over, or a later one began.
  for (auto it = t->exit_waiters.begin(); it != t->exit_waiters.end();) {
    bool over = s.run > it->second || (s.run == it->second && !Active(s.state));
    if (!over) {
      ++it;
      continue;
    }
    engine::ExitInfo exit = s.last_exit;
    api_->Settle(
        it->first, [exit](duk_context* ctx) { PushExitInfo(ctx, exit); },
        false);
    it = t->exit_waiters.erase(it);
  }
  // A restart passes through stopped on its way to the next instance: the
  // engine says so (or has not seen the restart yet), and the waiters wait
  // for that one.
  if (Ended(s.state) && !s.restarting && t->restarts_asked == 0) {
    RejectWaiters(t);
  }
}

void ProcessTracker::RejectWaiters(Tracked* t) {
  const engine::ProcessSnapshot& s = t->snap;
  if (!t->ready_waiters.empty()) {
    std::string why =
        s.state == ProcessState::kStopped
            ? "was stopped"
            : absl::StrCat(
                  s.state == ProcessState::kFailed ? "failed" : "ended",
                  s.reason.empty() ? "" : " (", s.reason,
                  s.reason.empty() ? "" : ")");
    for (PromiseId p : t->ready_waiters) {
      api_->SettleError(
          p, absl::StrCat(t->alias, " ", why, " before it was ready"));
    }
    t->ready_waiters.clear();
  }
  if (!t->log_waiters.empty()) {
    RejectLogWaiters(
        t, absl::StrCat(t->alias, " ended before writing a matching line"));
  }
}

void ProcessTracker::Ready(const std::string& alias, PromiseId promise) {
  Tracked* t = Get(alias);
  if (t == nullptr) {
    api_->SettleError(promise, absl::StrCat(alias, " is not tracked"));
    return;
  }
  t->ready_waiters.push_back(promise);
  if (t->known) Settle(t);
}

void ProcessTracker::Exited(const std::string& alias, PromiseId promise) {
  Tracked* t = Get(alias);
  if (t == nullptr) {
    api_->SettleError(promise, absl::StrCat(alias, " is not tracked"));
    return;
  }
  const engine::ProcessSnapshot& s = t->snap;
  if (t->known && !Active(s.state) && s.last_exit.exited) {
    engine::ExitInfo exit = s.last_exit;
    api_->Settle(
        promise, [exit](duk_context* ctx) { PushExitInfo(ctx, exit); }, false);
    return;
  }
  // The current instance, or the next one when none runs yet.
  int run = t->known ? (Active(s.state) ? s.run : s.run + 1) : 1;
  t->exit_waiters.emplace_back(promise, run);
}

void ProcessTracker::WaitForLog(const std::string& alias, LogMatcher matcher,
                                absl::Duration timeout, PromiseId promise) {
  Tracked* t = Get(alias);
  if (t == nullptr) {
    api_->SettleError(promise, absl::StrCat(alias, " is not tracked"));
    return;
  }
  LogWaiter w;
  w.matcher = std::move(matcher);
  w.promise = promise;
  if (timeout != absl::InfiniteDuration()) {
    w.timer = loop_->AddTimerAfter(timeout, [this, alias, promise, timeout] {
      Tracked* tr = Get(alias);
      if (tr == nullptr) return;
      auto it = std::find_if(
          tr->log_waiters.begin(), tr->log_waiters.end(),
          [&](const LogWaiter& x) { return x.promise == promise; });
      if (it == tr->log_waiters.end()) return;
      api_->SettleError(
          promise,
          absl::StrCat("waitForLog: no line of ", alias, " matched ",
                       it->matcher.regex ? "/" : "\"", it->matcher.text,
                       it->matcher.regex ? "/" : "\"", " within ",
                       absl::FormatDuration(timeout)));
      tr->log_waiters.erase(it);
      UpdateLogWatch(tr);
    });
  }
  // A line of its current instance already seen answers at once.
  if (t->log_watch != 0 && t->recent_run == t->snap.run) {
    for (const std::string& line : t->recent) {
      if (!w.matcher.Matches(line)) continue;
      if (w.timer != 0) loop_->CancelTimer(w.timer);
      api_->Settle(
          promise,
          [line](duk_context* ctx) {
            duk_push_lstring(ctx, line.data(), line.size());
          },
          false);
      return;
    }
  }
  t->log_waiters.push_back(std::move(w));
  UpdateLogWatch(t);
}

void ProcessTracker::Restart(const std::string& alias, PromiseId promise) {
  Tracked* t = Get(alias);
  if (t == nullptr) {
    api_->SettleError(promise, absl::StrCat(alias, " is not tracked"));
    return;
  }
  ++t->restarts_asked;
  port_->Restart(t->service, alias, [this, alias, promise, alive = alive_] {
    if (!*alive) return;
    // After the snapshot of the next instance (posted before this reply).
    // (A later run of the service tracks it anew, from zero.)
    if (Tracked* tr = Get(alias); tr != nullptr && tr->restarts_asked > 0) {
      --tr->restarts_asked;
      if (tr->known) Settle(tr);
    }
    api_->Settle(
        promise, [](duk_context* ctx) { duk_push_undefined(ctx); }, false);
  });
}

void ProcessTracker::UpdateLogWatch(Tracked* t) {
  bool needed =
      !t->log_waiters.empty() ||
      (t->ready_spec.kind == ProbeSpec::Kind::kLog && t->ready.run != 0);
  if (needed && t->log_watch == 0) {
    std::string alias = t->alias;
    t->recent.clear();
    t->recent_bytes = 0;
    t->recent_run = 0;
    t->log_watch =
        port_->WatchLog(alias, t->snap.run,
                        [this, alias, alive = alive_](
                            const std::vector<std::string>& lines, int run) {
                          if (*alive) OnLines(alias, lines, run);
                        });
  } else if (!needed && t->log_watch != 0) {
    port_->UnwatchLog(t->log_watch);
    t->log_watch = 0;
    t->recent.clear();
    t->recent_bytes = 0;
  }
}

void ProcessTracker::OnLines(const std::string& alias,
                             const std::vector<std::string>& lines, int run) {
  Tracked* t = Get(alias);
  if (t == nullptr) return;
  if (run > t->recent_run) {
    t->recent.clear();
    t->recent_bytes = 0;
    t->recent_run = run;
  }
  for (const std::string& line : lines) {
    if (run == t->recent_run) {
      t->recent.push_back(line);
      t->recent_bytes += line.size();
      while (t->recent.size() > kRecentLines ||
             t->recent_bytes > kRecentBytes) {
        t->recent_bytes -= t->recent.front().size();
        t->recent.pop_front();
      }
    }
    for (auto it = t->log_waiters.begin(); it != t->log_waiters.end();) {
      if (!it->matcher.Matches(line)) {
        ++it;
        continue;
      }
      if (it->timer != 0) loop_->CancelTimer(it->timer);
      std::string text = line;
      api_->Settle(
          it->promise,
          [text](duk_context* ctx) {
            duk_push_lstring(ctx, text.data(), text.size());
          },
          false);
      it = t->log_waiters.erase(it);
    }
    if (t->ready_spec.kind == ProbeSpec::Kind::kLog && t->ready.run == run &&
        run != 0 && t->ready_matcher.Matches(line)) {
      StopProbe(&t->ready);
      t->ready.finished_run = run;
      port_->MarkReady(t->service, alias, run);
    }
  }
  UpdateLogWatch(t);
}

void ProcessTracker::RejectLogWaiters(Tracked* t, const std::string& why) {
  for (LogWaiter& w : t->log_waiters) {
    if (w.timer != 0) loop_->CancelTimer(w.timer);
    api_->SettleError(w.promise, absl::StrCat("waitForLog: ", why));
  }
  t->log_waiters.clear();
  UpdateLogWatch(t);
}

}  // namespace runy::script
