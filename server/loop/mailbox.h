// A closable address of an event loop: other threads post work to the loop
// through it, and once the loop's owner closes it (before the loop goes),
// posting is a no-op instead of a use after free.
#ifndef RUNY_SERVER_LOOP_MAILBOX_H_
#define RUNY_SERVER_LOOP_MAILBOX_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "common/mutex.h"
#include "server/loop/event_loop.h"

namespace runy::loop {

// Thread-safe. Shared (std::shared_ptr) by whoever posts to the loop; the
// loop's owner calls Close().
class Mailbox {
 public:
  // REQUIRES: `loop` outlives the mailbox or its Close().
  static std::shared_ptr<Mailbox> For(EventLoop* loop) {
    return std::make_shared<Mailbox>(loop);
  }
  explicit Mailbox(EventLoop* loop) : loop_(loop) {}

  // Runs `cb` on the loop thread soon, in posting order. False (and `cb`
  // dropped) once closed.
  bool Post(EventLoop::Callback cb) ABSL_LOCKS_EXCLUDED(mu_) {
    MutexLock lock(&mu_);
    if (loop_ == nullptr) return false;
    loop_->Post(std::move(cb));
    return true;
  }

  // Later posts are dropped; a post in progress finishes first.
  void Close() ABSL_LOCKS_EXCLUDED(mu_) {
    MutexLock lock(&mu_);
    loop_ = nullptr;
  }

 private:
  Mutex mu_;
  EventLoop* loop_ ABSL_GUARDED_BY(mu_);
};

}  // namespace runy::loop

#endif  // RUNY_SERVER_LOOP_MAILBOX_H_
