#include "server/engine/restart_policy.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include "absl/strings/str_cat.h"

namespace runy::engine {

std::string DescribeRestart(const RestartSpec& spec) {
  std::string text = KindName(spec.kind);
  auto d = [](absl::Duration x) { return absl::FormatDuration(x); };
  switch (spec.kind) {
    case RestartSpec::Kind::kNever:
      return text;
    case RestartSpec::Kind::kAlways:
      absl::StrAppend(&text, ": at once");
      break;
    case RestartSpec::Kind::kFixed:
      absl::StrAppend(&text, ": ", d(spec.delay), " before each restart");
      break;
    case RestartSpec::Kind::kExponential:
      absl::StrAppend(&text, ": ", d(spec.initial_delay), ", times ",
                      spec.multiplier, " each time");
      if (spec.max_delay != absl::InfiniteDuration()) {
        absl::StrAppend(&text, " up to ", d(spec.max_delay));
      }
      break;
  }
  if (spec.jitter > 0) {
    absl::StrAppend(&text, "; ", static_cast<int>(spec.jitter * 100 + 0.5),
                    "% jitter");
  }
  if (spec.max_restarts >= 0) {
    absl::StrAppend(&text, "; at most ", spec.max_restarts, " restarts");
  } else {
    absl::StrAppend(&text, "; unlimited restarts");
  }
  absl::StrAppend(&text, "; counts reset after ", d(spec.reset_after), " up");
  return text;
}

const char* KindName(RestartSpec::Kind kind) {
  switch (kind) {
    case RestartSpec::Kind::kNever:
      return "never";
    case RestartSpec::Kind::kAlways:
      return "always";
    case RestartSpec::Kind::kFixed:
      return "fixed";
    case RestartSpec::Kind::kExponential:
      return "exponential";
  }
  return "unknown";
}

absl::Status ValidateRestartSpec(const RestartSpec& spec) {
  auto negative = [](absl::Duration d) { return d < absl::ZeroDuration(); };
  if (negative(spec.delay)) {
    return absl::InvalidArgumentError("restart.delay must not be negative");
  }
  if (negative(spec.initial_delay)) {
    return absl::InvalidArgumentError(
        "restart.initialDelay must not be negative");
  }
  if (negative(spec.max_delay)) {
    return absl::InvalidArgumentError("restart.maxDelay must not be negative");
  }
  if (spec.kind == RestartSpec::Kind::kExponential &&
      spec.max_delay < spec.initial_delay) {
    return absl::InvalidArgumentError(
        "restart.maxDelay must not be less than restart.initialDelay");
  }
  if (!(spec.jitter >= 0 && spec.jitter <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "restart.jitter must be a number from 0 to 1, got ", spec.jitter));
  }
  if (!(spec.multiplier >= 1.0) || std::isinf(spec.multiplier)) {
    return absl::InvalidArgumentError(
        absl::StrCat("restart.multiplier must be a finite number >= 1, got ",
                     spec.multiplier));
  }
  if (spec.max_restarts < -1) {
    return absl::InvalidArgumentError(
        "restart.maxRestarts must not be negative");
  }
  if (spec.crash_loop.after < 0) {
    return absl::InvalidArgumentError(
        "restart.crashLoopAfter must not be negative (0 turns the throttle "
        "off)");
  }
  if (negative(spec.crash_loop.quick_exit)) {
    return absl::InvalidArgumentError(
        "restart.crashLoopUptime must not be negative");
  }
  if (negative(spec.crash_loop.max_delay)) {
    return absl::InvalidArgumentError(
        "restart.crashLoopMaxDelay must not be negative");
  }
  if (negative(spec.reset_after)) {
    return absl::InvalidArgumentError(
        "restart.resetAfter must not be negative");
  }
  return absl::OkStatus();
}

RestartPolicy::RestartPolicy(RestartSpec spec, std::function<double()> uniform)
    : spec_(spec), uniform_(std::move(uniform)) {
  if (!uniform_) {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device()());
    uniform_ = [engine] {
      return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
    };
  }
}

absl::Duration RestartPolicy::DelayFor(int n) const {
  switch (spec_.kind) {
    case RestartSpec::Kind::kNever:
    case RestartSpec::Kind::kAlways:
      return absl::ZeroDuration();
    case RestartSpec::Kind::kFixed:
      return spec_.delay;
    case RestartSpec::Kind::kExponential: {
      // Computed in double seconds: multiplier^(n-1) overflows any integer
      // type long before maxDelay stops mattering.
      double factor = std::pow(spec_.multiplier, n - 1);
      double seconds = absl::ToDoubleSeconds(spec_.initial_delay) * factor;
      double cap = absl::ToDoubleSeconds(spec_.max_delay);
      if (!(seconds < cap)) return spec_.max_delay;
      return absl::Seconds(seconds);
    }
  }
  return absl::ZeroDuration();
}

void RestartPolicy::CountExit(absl::Time started_at, absl::Time now) {
  if (now - started_at >= spec_.reset_after) Reset();
  if (now - started_at < spec_.crash_loop.quick_exit) {
    ++quick_exits_;
  } else {
    quick_exits_ = 0;
  }
}

void RestartPolicy::Throttle(Decision* d) const {
  if (!crash_looping()) return;
  // 1 s at the first crash-looping exit, doubling, up to the cap.
  int doublings = std::min(quick_exits_ - spec_.crash_loop.after, 30);
  absl::Duration throttle = std::min(
      absl::Seconds(1) * (int64_t{1} << doublings), spec_.crash_loop.max_delay);
  if (throttle > d->delay) {
    d->delay = throttle;
    d->crash_looping = true;
  }
}

RestartPolicy::Decision RestartPolicy::OnDecidedRestart(absl::Time started_at,
                                                        absl::Time now,
                                                        absl::Duration delay) {
  CountExit(started_at, now);
  Decision decision;
  decision.kind = Decision::Kind::kRestart;
  decision.attempt = ++restarts_;
  decision.delay = delay;
  Throttle(&decision);
  return decision;
}

RestartPolicy::Decision RestartPolicy::OnExit(absl::Time started_at,
                                              absl::Time now) {
  CountExit(started_at, now);
  Decision decision;
  if (spec_.kind == RestartSpec::Kind::kNever) {
    decision.kind = Decision::Kind::kExit;
    return decision;
  }
  if (spec_.max_restarts >= 0 && restarts_ >= spec_.max_restarts) {
    decision.kind = Decision::Kind::kGiveUp;
    return decision;
  }
  ++restarts_;
  decision.kind = Decision::Kind::kRestart;
  decision.attempt = restarts_;
  decision.delay = DelayFor(restarts_);
  if (spec_.jitter > 0 && decision.delay > absl::ZeroDuration()) {
    double u = std::clamp(uniform_(), 0.0, 1.0);
    decision.delay = decision.delay * (1.0 - spec_.jitter * u);
  }
  Throttle(&decision);
  return decision;
}

}  // namespace runy::engine
