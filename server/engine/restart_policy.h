// The restart policies of a supervised process, as pure arithmetic: no system
// calls, no clock reads; the caller passes the time.
#ifndef RUNY_SERVER_ENGINE_RESTART_POLICY_H_
#define RUNY_SERVER_ENGINE_RESTART_POLICY_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace runy::engine {

inline constexpr absl::Duration kDefaultResetAfter = absl::Seconds(60);

// Crash loops: an instance that exits within `quick_exit` of its start is a
// quick exit; after `after` quick exits in a row the process is
// crash-looping, and each further restart waits at least 1 s, 2 s, 4 s ...
// up to `max_delay` (on top of what the policy says), until an instance
// stays up past `quick_exit`. Like runit and s6, never faster than once a
// second; unlike them, at full speed for a process that ran normally.
struct CrashLoopSpec {
  int after = 5;                                 // restart.crashLoopAfter
  absl::Duration quick_exit = absl::Seconds(1);  // restart.crashLoopUptime
  absl::Duration max_delay = absl::Seconds(30);  // restart.crashLoopMaxDelay
};

struct RestartSpec {
  enum class Kind { kNever, kAlways, kFixed, kExponential };
  Kind kind = Kind::kNever;
  absl::Duration delay = absl::ZeroDuration();          // kFixed
  absl::Duration initial_delay = absl::ZeroDuration();  // kExponential
  absl::Duration max_delay = absl::InfiniteDuration();  // kExponential
  double multiplier = 2.0;                              // kExponential
  int max_restarts = -1;                                // -1: unlimited
  // kFixed, kExponential: the fraction of each delay drawn at random, so
  // that processes that failed together do not restart together: the
  // delay is d × (1 − jitter × u), u uniform in [0, 1).
  double jitter = 0;
  absl::Duration reset_after = kDefaultResetAfter;
  CrashLoopSpec crash_loop;
};

const char* KindName(RestartSpec::Kind kind);
// The policy in words: "exponential: 1s, doubling up to 30s; at most 10
// restarts; counts reset after 1m up".
std::string DescribeRestart(const RestartSpec& spec);

// InvalidArgument naming the option ("restart.multiplier must be >= 1").
absl::Status ValidateRestartSpec(const RestartSpec& spec);

// Thread: owned by one Process on the loop thread.
class RestartPolicy {
 public:
  struct Decision {
    enum class Kind { kRestart, kExit, kGiveUp };
    Kind kind = Kind::kExit;
    absl::Duration delay = absl::ZeroDuration();  // kRestart
    int attempt = 0;             // kRestart: the 1-based number of this restart
    bool crash_looping = false;  // the delay was raised by the throttle
  };

  // `uniform` (a seam for tests) draws u in [0, 1) for the jitter; empty:
  // a random generator of its own.
  explicit RestartPolicy(RestartSpec spec,
                         std::function<double()> uniform = {});

  // An exit that runyd did not cause, of an instance started at `started_at`.
  // An instance that stayed up for reset_after resets the count first.
  Decision OnExit(absl::Time started_at, absl::Time now);

  // Forgets past restarts and quick exits (manual start/restart, or stayed
  // up long enough).
  void Reset() {
    restarts_ = 0;
    quick_exits_ = 0;
  }

  // The counts a previous runyd image had (re-exec).
  void Restore(int restarts, int quick_exits) {
    restarts_ = restarts;
    quick_exits_ = quick_exits;
  }

  // An instance stayed up past crash_loop.quick_exit: no longer a crash
  // loop (the restart count stays).
  void EndCrashLoop() { quick_exits_ = 0; }

  // The delay before the n-th restart (n >= 1).
  absl::Duration DelayFor(int n) const;

  int restarts() const { return restarts_; }
  // A restart after `delay` decided elsewhere (an onExit hook), of an
  // instance started at `started_at`: counted as the policy's, and never
  // sooner than the crash-loop throttle allows (a hook answering
  // {restart: true} to an instant exit must not spawn in a loop).
  Decision OnDecidedRestart(absl::Time started_at, absl::Time now,
                            absl::Duration delay);
  // Quick exits in a row (see CrashLoopSpec); crash-looping from `after` on.
  int quick_exits() const { return quick_exits_; }
  bool crash_looping() const {
    return spec_.crash_loop.after > 0 && quick_exits_ >= spec_.crash_loop.after;
  }
  const RestartSpec& spec() const { return spec_; }

 private:
  RestartSpec spec_;
  std::function<double()> uniform_;
  int restarts_ = 0;
  int quick_exits_ = 0;
  // Counts a quick exit (or ends the streak) and resets after a long run.
  void CountExit(absl::Time started_at, absl::Time now);
  // Crash-looping: raises d's delay to the throttle's.
  void Throttle(Decision* d) const;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_RESTART_POLICY_H_
