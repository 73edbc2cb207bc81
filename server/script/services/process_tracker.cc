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

constexpr size_t kRecentLines = 1000;

bool Active(ProcessState s) {
  return s == ProcessState::kStarting || s == ProcessState::kRunning ||
         s == ProcessState::kStopping;
}

// Over for good: no instance comes after it by itself.
bool Ended(ProcessState s) {
  return s == ProcessState::kExited || s == ProcessState::kFailed ||
         s == ProcessState::kStopped;
}

// Each attempt of a network or exec probe gets at most this long (a health
// probe: its timeout).
absl::Duration AttemptLimit(const ProbeSpec& spec, bool health) {
  if (health) return spec.timeout;
  return std::min(std::max(spec.interval, absl::Seconds(1)), absl::Seconds(5));
}

void PushExit(duk_context* ctx, const engine::ExitInfo& exit) {
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

}  // namespace

bool LogMatcher::Matches(const std::string& line) const {
  if (!regex) {
    return ignore_case ? absl::StrContains(absl::AsciiStrToLower(line),
                                           absl::AsciiStrToLower(text))
                       : absl::StrContains(line, text);
  }
  return std::regex_search(line, *compiled);
}

absl::StatusOr<LogMatcher> LogMatcher::Make(std::string text, bool regex,
                                            bool ignore_case,
                                            const std::string& option) {
  LogMatcher m;
  m.text = std::move(text);
  m.regex = regex;
  m.ignore_case = ignore_case;
  if (regex) {
    try {
      auto flags = std::regex::ECMAScript;
      if (ignore_case) flags |= std::regex::icase;
      m.compiled = std::make_shared<std::regex>(m.text, flags);
    } catch (const std::regex_error& e) {
      return absl::InvalidArgumentError(absl::StrCat(
          "option \"", option, "\": /", m.text,
          "/ is not a regular expression runy can match log lines with (",
          e.what(), ")"));
    }
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
        it->first, [exit](duk_context* ctx) { PushExit(ctx, exit); }, false);
    it = t->exit_waiters.erase(it);
  }
  if (Ended(s.state) &&
      (!t->ready_waiters.empty() || !t->log_waiters.empty())) {
    // A restart passes through stopped on its way to the next instance
    // (the group is waited for, then it spawns): a stop is looked at again
    // a little later.
    std::string alias = t->alias;
    int run = s.run;
    absl::Duration settle = s.state == ProcessState::kStopped
                                ? absl::Milliseconds(250)
                                : absl::ZeroDuration();
    loop_->AddTimerAfter(settle, [this, alias, run, alive = alive_] {
      if (!*alive) return;
      Tracked* tr = Get(alias);
      if (tr != nullptr && Ended(tr->snap.state) && tr->snap.run == run) {
        RejectWaiters(tr);
      }
    });
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
        promise, [exit](duk_context* ctx) { PushExit(ctx, exit); }, false);
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

void ProcessTracker::UpdateLogWatch(Tracked* t) {
  bool needed =
      !t->log_waiters.empty() || t->on_exit != 0 ||
      (t->ready_spec.kind == ProbeSpec::Kind::kLog && t->ready.run != 0);
  if (needed && t->log_watch == 0) {
    std::string alias = t->alias;
    t->recent.clear();
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
  }
}

void ProcessTracker::OnLines(const std::string& alias,
                             const std::vector<std::string>& lines, int run) {
  Tracked* t = Get(alias);
  if (t == nullptr) return;
  if (run > t->recent_run) {
    t->recent.clear();
    t->recent_run = run;
  }
  for (const std::string& line : lines) {
    if (run == t->recent_run) {
      t->recent.push_back(line);
      if (t->recent.size() > kRecentLines) t->recent.pop_front();
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

void ProcessTracker::ReleaseHook(Tracked* t) {
  for (HandleId* hook : {&t->on_exit, &t->on_watch}) {
    if (*hook == 0) continue;
    // Posted: this may run inside a JS turn.
    HandleId fn = std::exchange(*hook, 0);
    loop_->Post([runtime = runtime_, alive = alive_, fn] {
      if (*alive) runtime->Release(fn);
    });
  }
}

void ProcessTracker::OnWatchChange(const std::string& alias,
                                   const std::vector<std::string>& paths) {
  Tracked* t = Get(alias);
  if (t == nullptr || t->on_watch == 0) {
    return;  // no hook (any more): the engine restarts by itself next time
  }
  if (t->watch_hook_busy) {
    // One decision at a time: what changes meanwhile is asked about next.
    t->pending_paths.insert(t->pending_paths.end(), paths.begin(), paths.end());
    return;
  }
  AskWatchHook(t, paths);
}

void ProcessTracker::AskWatchHook(Tracked* t, std::vector<std::string> paths) {
  t->watch_hook_busy = true;
  std::string service = t->service, alias = t->alias;
  std::string joined = absl::StrJoin(paths, ", ");
  api_->CallAndWait(
      t->on_watch,
      [this, service, alias, joined, alive = alive_](
          const absl::Status& status, bool, const std::string& shown,
          const JsValue& value) {
        if (!*alive) return;
        Tracked* tr = Get(alias);
        if (tr == nullptr || tr->service != service) return;
        if (!status.ok() || !(value.type == JsValue::Type::kString ||
                              value.type == JsValue::Type::kObject)) {
          std::string why = !status.ok()
                                ? absl::StrCat("it threw: ", status.message())
                                : absl::StrCat("it returned ", shown,
                                               ", not \"restart\", \"ignore\" "
                                               "or { signal }");
          port_->System(alias, absl::StrCat("onWatch hook: ", why,
                                            "; restarting as without it"));
          port_->RestartForChange(service, alias, joined);
        } else if (value.type == JsValue::Type::kString &&
                   value.string == "restart") {
          port_->RestartForChange(service, alias, joined);
        } else if (value.type == JsValue::Type::kString &&
                   value.string == "ignore") {
          port_->System(alias,
                        absl::StrCat("onWatch hook: ignored (", joined, ")"));
        } else {
          const JsValue* sig = value.Get("signal");
          int number = sig != nullptr && sig->type == JsValue::Type::kString
                           ? engine::SignalFromName(sig->string)
                           : -1;
          if (number <= 0) {
            port_->System(alias,
                          absl::StrCat("onWatch hook: it returned ", shown,
                                       ", not \"restart\", "
                                       "\"ignore\" or { signal }; "
                                       "restarting as without it"));
            port_->RestartForChange(service, alias, joined);
          } else {
            port_->System(alias, absl::StrCat("onWatch hook: ",
                                              engine::SignalName(number), " (",
                                              joined, ")"));
            port_->Signal(service, alias, number);
          }
        }
        tr->watch_hook_busy = false;
        if (!tr->pending_paths.empty()) {
          std::vector<std::string> next;
          next.swap(tr->pending_paths);
          AskWatchHook(tr, std::move(next));
        }
      },
      [paths](duk_context* ctx) {
        duk_idx_t arr = duk_push_array(ctx);
        for (size_t i = 0; i < paths.size(); ++i) {
          duk_push_lstring(ctx, paths[i].data(), paths[i].size());
          duk_put_prop_index(ctx, arr, static_cast<duk_uarridx_t>(i));
        }
      });
}

void ProcessTracker::AskExitHook(Tracked* t) {
  const engine::ProcessSnapshot& s = t->snap;
  engine::ExitInfo exit = s.last_exit;
  double uptime_ms = s.started_at == absl::InfinitePast()
                         ? 0
                         : absl::ToDoubleMilliseconds(exit.at - s.started_at);
  int restarts = s.restarts;
  std::vector<std::string> last;
  if (t->recent_run == s.run) {
    size_t from = t->recent.size() > 10 ? t->recent.size() - 10 : 0;
    last.assign(t->recent.begin() + static_cast<long>(from), t->recent.end());
  }
  std::string service = t->service, alias = t->alias;
  int run = s.run;
  using Verdict = engine::Process::HookVerdict;
  api_->CallAndWait(
      t->on_exit,
      [this, service, alias, run, alive = alive_](
          const absl::Status& status, bool, const std::string& shown,
          const JsValue& value) {
        if (!*alive) return;
        auto decide = [&](Verdict verdict, absl::Duration delay,
                          std::string why) {
          port_->DecideExit(service, alias, run, verdict, delay,
                            std::move(why));
        };
        if (!status.ok()) {
          return decide(Verdict::kPolicy, absl::ZeroDuration(),
                        absl::StrCat("it threw: ", status.message()));
        }
        const JsValue* restart = value.Get("restart");
        if (value.type != JsValue::Type::kObject || restart == nullptr ||
            restart->type != JsValue::Type::kBool) {
          return decide(Verdict::kPolicy, absl::ZeroDuration(),
                        absl::StrCat("it returned ", shown,
                                     ", not { restart: true | false }"));
        }
        if (!restart->boolean) {
          return decide(Verdict::kNoRestart, absl::ZeroDuration(), "");
        }
        absl::Duration delay = absl::ZeroDuration();
        if (const JsValue* d = value.Get("delay")) {
          if (d->type != JsValue::Type::kNumber || !(d->number >= 0) ||
              std::isinf(d->number)) {
            return decide(Verdict::kPolicy, absl::ZeroDuration(),
                          "its delay is not a number of ms >= 0");
          }
          delay = absl::Milliseconds(d->number);
        }
        decide(Verdict::kRestart, delay, "");
      },
      [exit, uptime_ms, restarts, last](duk_context* ctx) {
        PushExit(ctx, exit);
        duk_push_number(ctx, uptime_ms);
        duk_put_prop_string(ctx, -2, "uptime");
        duk_push_int(ctx, restarts);
        duk_put_prop_string(ctx, -2, "restarts");
        duk_idx_t arr = duk_push_array(ctx);
        for (size_t i = 0; i < last.size(); ++i) {
          duk_push_lstring(ctx, last[i].data(), last[i].size());
          duk_put_prop_index(ctx, arr, static_cast<duk_uarridx_t>(i));
        }
        duk_put_prop_string(ctx, -2, "lastLines");
      });
}

void ProcessTracker::RejectLogWaiters(Tracked* t, const std::string& why) {
  for (LogWaiter& w : t->log_waiters) {
    if (w.timer != 0) loop_->CancelTimer(w.timer);
    api_->SettleError(w.promise, absl::StrCat("waitForLog: ", why));
  }
  t->log_waiters.clear();
  UpdateLogWatch(t);
}

void ProcessTracker::StopProbe(ProbeRun* p) {
  if (p->timer != 0) loop_->CancelTimer(p->timer);
  if (p->deadline != 0) loop_->CancelTimer(p->deadline);
  p->timer = 0;
  p->deadline = 0;
  p->net.reset();
  p->run = 0;
  ++p->attempt;  // results still on their way are stale
  p->failures = 0;
  p->last.clear();
}

void ProcessTracker::StartReady(Tracked* t) {
  StopProbe(&t->ready);
  t->ready.run = t->snap.run;
  const ProbeSpec& spec = t->ready_spec;
  if (spec.timeout != absl::InfiniteDuration()) {
    std::string alias = t->alias;
    int run = t->ready.run;
    t->ready.deadline = loop_->AddTimerAfter(spec.timeout, [this, alias, run] {
      Tracked* tr = Get(alias);
      if (tr == nullptr || tr->ready.run != run) return;
      tr->ready.deadline = 0;
      tr->ready.finished_run = run;
      std::string why = absl::StrCat(
          "not ready within ", absl::FormatDuration(tr->ready_spec.timeout),
          " (waiting for ", tr->ready_spec.Describe(),
          tr->ready.last.empty() ? "" : "; last probe: ", tr->ready.last, ")");
      StopProbe(&tr->ready);
      port_->FailProbe(tr->service, alias, run, why);
    });
  }
  if (spec.kind == ProbeSpec::Kind::kLog) {
    bool watched = t->log_watch != 0;
    UpdateLogWatch(t);
    // Lines of this instance seen before the probe began.
    if (watched && t->recent_run == t->ready.run) {
      std::vector<std::string> seen(t->recent.begin(), t->recent.end());
      t->recent.clear();
      OnLines(t->alias, seen, t->ready.run);
    }
    return;
  }
  Schedule(t, &t->ready, false, spec.initial_delay);
}

void ProcessTracker::StartHealth(Tracked* t) {
  StopProbe(&t->health);
  t->health.run = t->snap.run;
  Schedule(t, &t->health, true,
           std::max(t->health_spec.initial_delay, t->health_spec.interval));
}

void ProcessTracker::Schedule(Tracked* t, ProbeRun* p, bool health,
                              absl::Duration delay) {
  std::string alias = t->alias;
  uint64_t attempt = p->attempt;
  p->timer = loop_->AddTimerAfter(delay, [this, alias, health, attempt] {
    Tracked* tr = Get(alias);
    if (tr == nullptr) return;
    ProbeRun* pr = health ? &tr->health : &tr->ready;
    if (pr->attempt != attempt || pr->run == 0) return;
    pr->timer = 0;
    Attempt(tr, health);
  });
}

void ProcessTracker::Attempt(Tracked* t, bool health) {
  ProbeRun* p = health ? &t->health : &t->ready;
  const ProbeSpec& spec = health ? t->health_spec : t->ready_spec;
  uint64_t attempt = ++p->attempt;
  int run = p->run;
  std::string alias = t->alias;
  auto done = [this, alias, health, run, attempt, alive = alive_](
                  bool ok, const std::string& detail) {
    if (*alive) OnResult(alias, health, run, attempt, ok, detail);
  };
  switch (spec.kind) {
    case ProbeSpec::Kind::kHttp:
    case ProbeSpec::Kind::kTcp: {
      NetTarget target{spec.host, spec.port,
                       spec.kind == ProbeSpec::Kind::kHttp ? spec.path : "",
                       spec.Describe()};
      p->net = std::make_unique<NetProbe>(
          loop_, std::move(target), AttemptLimit(spec, health),
          [done](bool ok, std::string detail) { done(ok, detail); });
      return;
    }
    case ProbeSpec::Kind::kExec: {
      auto finished = std::make_shared<bool>(false);
      EnginePort::ExecId id = port_->Exec(
          spec.command, absl::StrCat(alias, ":probe"),
          [done, finished](absl::StatusOr<engine::ExitInfo> exit) {
            *finished = true;
            if (!exit.ok()) {
              done(false, std::string(exit.status().message()));
            } else {
              done(exit->signal == 0 && exit->code == 0, exit->Describe());
            }
          });
      loop_->AddTimerAfter(AttemptLimit(spec, health),
                           [this, id, finished, alive = alive_] {
                             if (*alive && !*finished) {
                               port_->SignalExec(id, SIGKILL);
                             }
                           });
      return;
    }
    case ProbeSpec::Kind::kFunction:
      api_->CallForVerdict(spec.function, done);
      return;
    case ProbeSpec::Kind::kLog:
    case ProbeSpec::Kind::kNone:
      return;
  }
}

void ProcessTracker::OnResult(const std::string& alias, bool health, int run,
                              uint64_t attempt, bool ok,
                              const std::string& detail) {
  Tracked* t = Get(alias);
  if (t == nullptr) return;
  ProbeRun* p = health ? &t->health : &t->ready;
  if (p->run != run || p->attempt != attempt) return;  // stale
  p->net.reset();
  const ProbeSpec& spec = health ? t->health_spec : t->ready_spec;
  p->last = detail;
  if (!health) {
    if (ok) {
      StopProbe(p);
      p->finished_run = run;
      port_->MarkReady(t->service, alias, run);
      return;
    }
    port_->SetReadiness(t->service, alias, run,
                        absl::StrCat("waiting for ", spec.Describe(),
                                     " (last probe: ", detail, ")"));
    Schedule(t, p, false, spec.interval);
    return;
  }
  if (ok) {
    p->failures = 0;
  } else if (++p->failures >= spec.failure_threshold) {
    std::string why =
        absl::StrCat("health check failed ", p->failures,
                     p->failures == 1 ? " time" : " times", " in a row (",
                     spec.Describe(), ": ", detail, ")");
    StopProbe(p);
    p->finished_run = run;
    port_->FailProbe(t->service, alias, run, why);
    return;
  }
  Schedule(t, p, true, spec.interval);
}

}  // namespace runy::script
