// The watchdog of a heap's execution budget: a thread that marks the budget
// expired the moment its deadline passes, so that Duktape's cheapest check
// (after every native call, where a clock read would cost more than the
// call) sees an overrun at once.
#ifndef RUNY_SERVER_SCRIPT_WATCHDOG_H_
#define RUNY_SERVER_SCRIPT_WATCHDOG_H_

#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "common/mutex.h"
#include "server/script/duktape/exec_timeout.h"

namespace runy::script {

// Thread: Arm and Disarm on the heap's thread; the watchdog's own thread
// only sets budget->expired (atomically) while armed.
class Watchdog {
 public:
  // REQUIRES: `budget` outlives the watchdog.
  explicit Watchdog(runy_duk_budget* budget);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Clears the expired mark and sets it again at `deadline_ns`
  // (runy_duk_monotonic_ns() time).
  void Arm(int64_t deadline_ns) ABSL_LOCKS_EXCLUDED(mu_);
  // No mark until the next Arm; clears it.
  void Disarm() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Run() ABSL_LOCKS_EXCLUDED(mu_);

  runy_duk_budget* budget_;
  Mutex mu_;
  CondVar changed_;
  int64_t deadline_ns_ ABSL_GUARDED_BY(mu_) = 0;  // 0: disarmed
  bool quit_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_WATCHDOG_H_
