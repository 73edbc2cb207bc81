// The event loop: one thread waits on epoll for fds, timers, signals and work
// posted from other threads.
#ifndef RUNY_SERVER_LOOP_EVENT_LOOP_H_
#define RUNY_SERVER_LOOP_EVENT_LOOP_H_

#include <sys/signalfd.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mutex.h"
#include "common/unique_fd.h"

namespace runy::loop {

// The loop's clock: CLOCK_MONOTONIC as an absl::Time (only differences and
// comparisons with other MonotonicNow() values are meaningful).
absl::Time MonotonicNow();

// Thread: Run() makes the calling thread the loop thread. Every method except
// Post(), Quit() and InLoopThread() must be called on the loop thread (or
// before Run()). Callbacks run on the loop thread, one at a time; they must
// not block.
class EventLoop {
 public:
  using Callback = std::function<void()>;
  using FdCallback = std::function<void(uint32_t epoll_events)>;
  using SignalCallback = std::function<void(const signalfd_siginfo&)>;
  using TimerId = uint64_t;

  static absl::StatusOr<std::unique_ptr<EventLoop>> Create();
  ~EventLoop();

  // Calls `cb` with the ready epoll events (EPOLLIN, EPOLLOUT, EPOLLHUP...)
  // of `fd` until Unwatch(fd). The caller keeps owning `fd` and must
  // Unwatch() it before closing it.
  absl::Status Watch(int fd, uint32_t events, FdCallback cb);
  absl::Status Modify(int fd, uint32_t events);
  void Unwatch(int fd);

  // Runs `cb` once at `deadline` (a MonotonicNow() time) or after `delay`.
  // Timers due at the same time run in the order they were added.
  TimerId AddTimer(absl::Time deadline, Callback cb);
  TimerId AddTimerAfter(absl::Duration delay, Callback cb);
  // Cancelling an unknown or already-run timer is a no-op.
  void CancelTimer(TimerId id);
  // When a pending timer is due; InfiniteFuture for an unknown one.
  absl::Time TimerDue(TimerId id) const;

  // Reads `signals` through a signalfd. REQUIRES: they are blocked in every
  // thread (block them in main() before any thread starts).
  absl::Status WatchSignals(const std::vector<int>& signals, SignalCallback cb);

  // Thread-safe: runs `cb` on the loop thread soon, in posting order.
  void Post(Callback cb);

  // Runs until Quit(). Quit() is thread-safe; Run() returns after the
  // callback in progress.
  void Run();
  void Quit();
  bool InLoopThread() const;

 private:
  struct FdEntry {
    int fd;
    FdCallback cb;
  };
  EventLoop(UniqueFd epoll_fd, UniqueFd wake_fd);
  void RunPosted();
  void RunDueTimers();
  int64_t NextTimeoutNs() const;

  UniqueFd epoll_fd_;
  UniqueFd wake_fd_;
  UniqueFd signal_fd_;
  SignalCallback signal_cb_;
  // Keyed by a fresh id so an event for a closed and reused fd number is
  // never delivered to the new owner.
  std::unordered_map<uint64_t, std::shared_ptr<FdEntry>> fds_by_id_;
  std::unordered_map<int, uint64_t> ids_by_fd_;
  uint64_t next_fd_id_ = 16;  // ids below 16 are reserved
  std::map<std::pair<absl::Time, TimerId>, Callback> timers_;
  std::unordered_map<TimerId, absl::Time> timer_deadlines_;
  TimerId next_timer_id_ = 1;

  Mutex posted_mu_;
  std::vector<Callback> posted_ ABSL_GUARDED_BY(posted_mu_);
  std::atomic<bool> quit_{false};
  std::atomic<std::thread::id> loop_thread_{};
};

}  // namespace runy::loop

#endif  // RUNY_SERVER_LOOP_EVENT_LOOP_H_
