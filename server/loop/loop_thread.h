// An event loop on a thread of its own, with a stack size of the caller's
// choosing (the script runtime's parser and Duktape recurse deeply).
#ifndef RUNY_SERVER_LOOP_LOOP_THREAD_H_
#define RUNY_SERVER_LOOP_LOOP_THREAD_H_

#include <pthread.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/loop/event_loop.h"
#include "server/loop/mailbox.h"

namespace runy::loop {

// Thread: Start, Stop and the destructor on the owner's thread; loop() is
// run by the new thread (post to it through mailbox()).
class LoopThread {
 public:
  // Starts the thread, named `name` (15 characters at most are shown), with
  // `stack_bytes` of stack. It inherits the caller's signal mask.
  static absl::StatusOr<std::unique_ptr<LoopThread>> Start(
      const std::string& name, size_t stack_bytes);
  ~LoopThread();  // Stop()
  LoopThread(const LoopThread&) = delete;
  LoopThread& operator=(const LoopThread&) = delete;

  EventLoop* loop() const { return loop_.get(); }
  const std::shared_ptr<Mailbox>& mailbox() const { return mailbox_; }

  // Runs `last` on the thread (after what was posted before), ends its loop
  // and joins it; later posts to mailbox() are dropped. Idempotent.
  void Stop(std::function<void()> last = nullptr);

 private:
  LoopThread(std::unique_ptr<EventLoop> loop);
  static void* Main(void* self);

  std::unique_ptr<EventLoop> loop_;
  std::shared_ptr<Mailbox> mailbox_;
  pthread_t thread_{};
  bool joinable_ = false;
};

}  // namespace runy::loop

#endif  // RUNY_SERVER_LOOP_LOOP_THREAD_H_
