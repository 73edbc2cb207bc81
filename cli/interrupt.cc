#include "cli/interrupt.h"

#include <pthread.h>
#include <signal.h>

#include <thread>
#include <utility>

#include "common/mutex.h"

namespace runy::cli {
namespace {

Mutex mu;
std::function<void()>* handler ABSL_GUARDED_BY(mu) = nullptr;

sigset_t InterruptSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void WaitForInterrupts() {
  sigset_t set = InterruptSignals();
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    std::function<void()> run;
    {
      MutexLock lock(&mu);
      if (handler != nullptr) run = *handler;
    }
    if (run) {
      run();
      continue;
    }
    // Unhandled: die of the signal, so a shell sees what happened.
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
    raise(sig);
  }
}

}  // namespace

void InstallInterruptHandling() {
  sigset_t set = InterruptSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(WaitForInterrupts).detach();
}

void SetInterruptHandler(std::function<void()> fn) {
  MutexLock lock(&mu);
  delete handler;
  handler = fn ? new std::function<void()>(std::move(fn)) : nullptr;
}

}  // namespace runy::cli
