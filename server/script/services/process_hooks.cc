// ProcessTracker: the onExit and onWatch hooks, which ask service-file
// code what an exit or a watched change does.
#include <signal.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/engine/process_spec.h"
#include "server/script/services/process_tracker.h"

namespace runy::script {
namespace {

// Long enough for a build; a hook that never settles must not end watch
// restarts for good.
constexpr absl::Duration kWatchHookTimeout = absl::Minutes(10);
// Paths changed while the hook decides, kept for its next call.
constexpr size_t kMaxPendingPaths = 1000;

}  // namespace

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
    // One decision at a time: what changes meanwhile is asked about next,
    // each path once.
    for (const std::string& path : paths) {
      if (t->pending_paths.size() >= kMaxPendingPaths) break;
      if (std::find(t->pending_paths.begin(), t->pending_paths.end(), path) ==
          t->pending_paths.end()) {
        t->pending_paths.push_back(path);
      }
    }
    return;
  }
  AskWatchHook(t, paths);
}

void ProcessTracker::AskWatchHook(Tracked* t, std::vector<std::string> paths) {
  t->watch_hook_busy = true;
  uint64_t call = ++t->watch_hook_call;
  std::string service = t->service, alias = t->alias;
  std::string joined = absl::StrJoin(paths, ", ");
  // Whichever comes first, the answer or the timeout, decides; the other
  // is ignored.
  auto answer = [this, service, alias, joined, call, alive = alive_](
                    const absl::Status& status, const std::string& shown,
                    const JsValue& value) {
    if (!*alive) return;
    Tracked* tr = Get(alias);
    if (tr == nullptr || tr->service != service || !tr->watch_hook_busy ||
        tr->watch_hook_call != call) {
      return;
    }
    OnWatchVerdict(tr, joined, status, shown, value);
  };
  t->watch_hook_timer = loop_->AddTimerAfter(kWatchHookTimeout, [answer] {
    answer(absl::DeadlineExceededError(absl::StrCat(
               "no answer within ", absl::FormatDuration(kWatchHookTimeout))),
           "", JsValue{});
  });
  api_->CallAndWait(
      t->on_watch,
      [answer](const absl::Status& status, bool, const std::string& shown,
               const JsValue& value) { answer(status, shown, value); },
      [paths](duk_context* ctx) {
        duk_idx_t arr = duk_push_array(ctx);
        for (size_t i = 0; i < paths.size(); ++i) {
          duk_push_lstring(ctx, paths[i].data(), paths[i].size());
          duk_put_prop_index(ctx, arr, static_cast<duk_uarridx_t>(i));
        }
      });
}

void ProcessTracker::OnWatchVerdict(Tracked* tr, const std::string& joined,
                                    const absl::Status& status,
                                    const std::string& shown,
                                    const JsValue& value) {
  const std::string service = tr->service, alias = tr->alias;
  if (tr->watch_hook_timer != 0) loop_->CancelTimer(tr->watch_hook_timer);
  tr->watch_hook_timer = 0;
  if (!status.ok() || !(value.type == JsValue::Type::kString ||
                        value.type == JsValue::Type::kObject)) {
    std::string why = status.code() == absl::StatusCode::kDeadlineExceeded
                          ? std::string(status.message())
                      : !status.ok()
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
  } else if (value.type == JsValue::Type::kString && value.string == "ignore") {
    port_->System(alias, absl::StrCat("onWatch hook: ignored (", joined, ")"));
  } else {
    const JsValue* sig = value.Get("signal");
    int number = sig != nullptr && sig->type == JsValue::Type::kString
                     ? engine::SignalFromName(sig->string)
                     : -1;
    if (number <= 0) {
      port_->System(alias, absl::StrCat("onWatch hook: it returned ", shown,
                                        ", not \"restart\", "
                                        "\"ignore\" or { signal }; "
                                        "restarting as without it"));
      port_->RestartForChange(service, alias, joined);
    } else {
      port_->System(alias,
                    absl::StrCat("onWatch hook: ", engine::SignalName(number),
                                 " (", joined, ")"));
      port_->Signal(service, alias, number);
    }
  }
  tr->watch_hook_busy = false;
  if (!tr->pending_paths.empty()) {
    std::vector<std::string> next;
    next.swap(tr->pending_paths);
    AskWatchHook(tr, std::move(next));
  }
}

void ProcessTracker::AskExitHook(Tracked* t) {
  const engine::ProcessSnapshot& s = t->snap;
  engine::ExitInfo exit = s.last_exit;
  double uptime_ms = s.started_at == absl::InfinitePast()
                         ? 0
                         : absl::ToDoubleMilliseconds(exit.at - s.started_at);
  int restarts = s.restarts;
  std::vector<std::string> last = port_->LastLines(t->alias, s.run, 10);
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
        PushExitInfo(ctx, exit);
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

}  // namespace runy::script
