#include "server/script/watchdog.h"

#include "absl/time/time.h"

namespace runy::script {

Watchdog::Watchdog(runy_duk_budget* budget)
    : budget_(budget), thread_([this] { Run(); }) {}

Watchdog::~Watchdog() {
  {
    MutexLock lock(&mu_);
    quit_ = true;
    changed_.Signal();
  }
  thread_.join();
}

void Watchdog::Arm(int64_t deadline_ns) {
  __atomic_store_n(&budget_->expired, 0, __ATOMIC_RELAXED);
  MutexLock lock(&mu_);
  deadline_ns_ = deadline_ns;
  changed_.Signal();
}

void Watchdog::Disarm() {
  {
    MutexLock lock(&mu_);
    deadline_ns_ = 0;
  }
  __atomic_store_n(&budget_->expired, 0, __ATOMIC_RELAXED);
}

void Watchdog::Run() {
  MutexLock lock(&mu_);
  while (!quit_) {
    if (deadline_ns_ == 0) {
      changed_.Wait(&mu_);
      continue;
    }
    int64_t left = deadline_ns_ - runy_duk_monotonic_ns();
    if (left > 0) {
      changed_.WaitFor(&mu_, absl::Nanoseconds(left));
      continue;
    }
    __atomic_store_n(&budget_->expired, 1, __ATOMIC_RELAXED);
    deadline_ns_ = 0;
  }
}

}  // namespace runy::script
