// ProcessTracker: the readiness and health probes: attempts on a
// schedule (network, exec, a JS function) and what their results do.
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

// Each attempt of a network or exec probe gets at most this long (a health
// probe: its timeout).
absl::Duration AttemptLimit(const ProbeSpec& spec, bool health) {
  if (health) return spec.timeout;
  return std::min(std::max(spec.interval, absl::Seconds(1)), absl::Seconds(5));
}

}  // namespace

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
    case ProbeSpec::Kind::kFunction: {
      // An attempt is over at its limit, as for the other kinds: a function
      // that never settles fails it (and its late answer is ignored).
      auto answered = std::make_shared<bool>(false);
      auto once = [done, answered](bool ok, const std::string& detail) {
        if (*answered) return;
        *answered = true;
        done(ok, detail);
      };
      api_->CallForVerdict(spec.function, once);
      absl::Duration limit = AttemptLimit(spec, health);
      loop_->AddTimerAfter(limit, [once, limit] {
        once(false,
             absl::StrCat("no answer within ", absl::FormatDuration(limit)));
      });
      return;
    }
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
