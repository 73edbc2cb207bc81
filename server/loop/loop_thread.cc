#include "server/loop/loop_thread.h"

#include <cstring>

#include "absl/strings/str_cat.h"

namespace runy::loop {

LoopThread::LoopThread(std::unique_ptr<EventLoop> loop)
    : loop_(std::move(loop)), mailbox_(Mailbox::For(loop_.get())) {}

absl::StatusOr<std::unique_ptr<LoopThread>> LoopThread::Start(
    const std::string& name, size_t stack_bytes) {
  auto loop = EventLoop::Create();
  if (!loop.ok()) return loop.status();
  std::unique_ptr<LoopThread> thread(new LoopThread(std::move(*loop)));
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  int err = pthread_attr_setstacksize(&attr, stack_bytes);
  if (err == 0) {
    err = pthread_create(&thread->thread_, &attr, &LoopThread::Main,
                         thread.get());
  }
  pthread_attr_destroy(&attr);
  if (err != 0) {
    return absl::ResourceExhaustedError(
        absl::StrCat("start thread ", name, ": ", std::strerror(err)));
  }
  thread->joinable_ = true;
  pthread_setname_np(thread->thread_, name.substr(0, 15).c_str());
  return thread;
}

void* LoopThread::Main(void* self) {
  static_cast<LoopThread*>(self)->loop_->Run();
  return nullptr;
}

void LoopThread::Stop(std::function<void()> last) {
  if (!joinable_) return;
  EventLoop* loop = loop_.get();
  mailbox_->Post([loop, last = std::move(last)] {
    if (last) last();
    loop->Quit();
  });
  mailbox_->Close();
  pthread_join(thread_, nullptr);
  joinable_ = false;
}

LoopThread::~LoopThread() { Stop(); }

}  // namespace runy::loop
