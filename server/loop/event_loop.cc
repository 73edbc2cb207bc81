#include "server/loop/event_loop.h"

#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>

#include <cerrno>

#include "common/errno_status.h"
#include "spdlog/spdlog.h"

namespace runy::loop {
namespace {

constexpr uint64_t kWakeId = 1;
constexpr uint64_t kSignalId = 2;

}  // namespace

absl::Time MonotonicNow() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return absl::TimeFromTimespec(ts);
}

absl::StatusOr<std::unique_ptr<EventLoop>> EventLoop::Create() {
  UniqueFd epoll_fd(epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_fd) return ErrnoToStatus(errno, "epoll_create1");
  UniqueFd wake_fd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wake_fd) return ErrnoToStatus(errno, "eventfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kWakeId;
  if (epoll_ctl(epoll_fd.get(), EPOLL_CTL_ADD, wake_fd.get(), &ev) != 0) {
    return ErrnoToStatus(errno, "epoll_ctl eventfd");
  }
  return std::unique_ptr<EventLoop>(
      new EventLoop(std::move(epoll_fd), std::move(wake_fd)));
}

EventLoop::EventLoop(UniqueFd epoll_fd, UniqueFd wake_fd)
    : epoll_fd_(std::move(epoll_fd)), wake_fd_(std::move(wake_fd)) {}

EventLoop::~EventLoop() = default;

absl::Status EventLoop::Watch(int fd, uint32_t events, FdCallback cb) {
  uint64_t id = next_fd_id_++;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = id;
  if (epoll_ctl(epoll_fd_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) {
    return ErrnoToStatus(errno, "epoll_ctl add");
  }
  fds_by_id_[id] = std::make_shared<FdEntry>(FdEntry{fd, std::move(cb)});
  ids_by_fd_[fd] = id;
  return absl::OkStatus();
}

absl::Status EventLoop::Modify(int fd, uint32_t events) {
  auto it = ids_by_fd_.find(fd);
  if (it == ids_by_fd_.end()) {
    return absl::NotFoundError("epoll modify: fd is not watched");
  }
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = it->second;
  if (epoll_ctl(epoll_fd_.get(), EPOLL_CTL_MOD, fd, &ev) != 0) {
    return ErrnoToStatus(errno, "epoll_ctl mod");
  }
  return absl::OkStatus();
}

void EventLoop::Unwatch(int fd) {
  auto it = ids_by_fd_.find(fd);
  if (it == ids_by_fd_.end()) return;
  epoll_ctl(epoll_fd_.get(), EPOLL_CTL_DEL, fd, nullptr);
  fds_by_id_.erase(it->second);
  ids_by_fd_.erase(it);
}

EventLoop::TimerId EventLoop::AddTimer(absl::Time deadline, Callback cb) {
  TimerId id = next_timer_id_++;
  timers_.emplace(std::make_pair(deadline, id), std::move(cb));
  timer_deadlines_[id] = deadline;
  return id;
}

EventLoop::TimerId EventLoop::AddTimerAfter(absl::Duration delay, Callback cb) {
  return AddTimer(MonotonicNow() + delay, std::move(cb));
}

void EventLoop::CancelTimer(TimerId id) {
  auto it = timer_deadlines_.find(id);
  if (it == timer_deadlines_.end()) return;
  timers_.erase(std::make_pair(it->second, id));
  timer_deadlines_.erase(it);
}

absl::Time EventLoop::TimerDue(TimerId id) const {
  auto it = timer_deadlines_.find(id);
  return it == timer_deadlines_.end() ? absl::InfiniteFuture() : it->second;
}

absl::Status EventLoop::WatchSignals(const std::vector<int>& signals,
                                     SignalCallback cb) {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : signals) sigaddset(&set, sig);
  UniqueFd fd(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!fd) return ErrnoToStatus(errno, "signalfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kSignalId;
  if (epoll_ctl(epoll_fd_.get(), EPOLL_CTL_ADD, fd.get(), &ev) != 0) {
    return ErrnoToStatus(errno, "epoll_ctl signalfd");
  }
  signal_fd_ = std::move(fd);
  signal_cb_ = std::move(cb);
  return absl::OkStatus();
}

void EventLoop::Post(Callback cb) {
  {
    MutexLock lock(&posted_mu_);
    posted_.push_back(std::move(cb));
  }
  uint64_t one = 1;
  // EAGAIN means the counter is already non-zero: the loop will wake anyway.
  [[maybe_unused]] ssize_t n = write(wake_fd_.get(), &one, sizeof one);
}

void EventLoop::Quit() {
  quit_ = true;
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd_.get(), &one, sizeof one);
}

bool EventLoop::InLoopThread() const {
  return loop_thread_.load() == std::this_thread::get_id();
}

void EventLoop::RunPosted() {
  uint64_t count;
  [[maybe_unused]] ssize_t n = read(wake_fd_.get(), &count, sizeof count);
  std::vector<Callback> batch;
  {
    MutexLock lock(&posted_mu_);
    batch.swap(posted_);
  }
  for (Callback& cb : batch) cb();
}

void EventLoop::RunDueTimers() {
  absl::Time now = MonotonicNow();
  // Run only timers due now; a timer added by a callback waits for the next
  // turn, so a zero-delay timer loop cannot starve fds.
  std::vector<TimerId> due;
  for (auto it = timers_.begin(); it != timers_.end() && it->first.first <= now;
       ++it) {
    due.push_back(it->first.second);
  }
  for (TimerId id : due) {
    auto d = timer_deadlines_.find(id);
    if (d == timer_deadlines_.end()) continue;  // cancelled by an earlier one
    auto it = timers_.find(std::make_pair(d->second, id));
    Callback cb = std::move(it->second);
    timers_.erase(it);
    timer_deadlines_.erase(d);
    cb();
  }
}

int64_t EventLoop::NextTimeoutNs() const {
  if (timers_.empty()) return -1;
  absl::Duration left = timers_.begin()->first.first - MonotonicNow();
  if (left <= absl::ZeroDuration()) return 0;
  return absl::ToInt64Nanoseconds(left);
}

void EventLoop::Run() {
  loop_thread_ = std::this_thread::get_id();
  constexpr int kMaxEvents = 64;
  epoll_event events[kMaxEvents];
  while (!quit_) {
    int64_t timeout_ns = NextTimeoutNs();
    timespec ts{};
    timespec* timeout = nullptr;
    if (timeout_ns >= 0) {
      ts.tv_sec = timeout_ns / 1000000000;
      ts.tv_nsec = timeout_ns % 1000000000;
      timeout = &ts;
    }
    int n = epoll_pwait2(epoll_fd_.get(), events, kMaxEvents, timeout, nullptr);
    if (n < 0) {
      if (errno == EINTR) continue;
      spdlog::critical("epoll_pwait2: {}", ErrnoText(errno));
      continue;
    }
    for (int i = 0; i < n && !quit_; ++i) {
      uint64_t id = events[i].data.u64;
      if (id == kWakeId) {
        RunPosted();
      } else if (id == kSignalId) {
        signalfd_siginfo info;
        while (read(signal_fd_.get(), &info, sizeof info) == sizeof info) {
          signal_cb_(info);
        }
      } else {
        auto it = fds_by_id_.find(id);
        if (it == fds_by_id_.end()) continue;  // unwatched by an earlier event
        std::shared_ptr<FdEntry> entry = it->second;  // survives Unwatch()
        entry->cb(events[i].events);
      }
    }
    if (!quit_) RunDueTimers();
  }
}

}  // namespace runy::loop
