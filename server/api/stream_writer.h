// A server-streaming reactor fed from the loop thread through a bounded
// queue: a slow client never blocks the producer.
#ifndef RUNY_SERVER_API_STREAM_WRITER_H_
#define RUNY_SERVER_API_STREAM_WRITER_H_

#include <grpcpp/grpcpp.h>

#include <deque>
#include <functional>
#include <memory>

#include "common/mutex.h"

namespace runy::api {

template <typename Msg>
class StreamWriter;

// What a producer holds: stays valid after the call is gone (then Push()
// reports the stream as gone).
template <typename Msg>
class StreamHandle {
 public:
  enum class PushResult { kQueued, kFull, kGone };
  // `force` queues even past the limit (for a bounded backlog).
  PushResult Push(Msg msg, bool force = false) {
    MutexLock lock(&mu_);
    if (writer_ == nullptr) return PushResult::kGone;
    return writer_->Push(std::move(msg), force) ? PushResult::kQueued
                                                : PushResult::kFull;
  }
  void Close(grpc::Status status) {
    MutexLock lock(&mu_);
    if (writer_ != nullptr) writer_->Close(std::move(status));
  }
  // The call is over (the client went, or it was finished).
  bool gone() {
    MutexLock lock(&mu_);
    return writer_ == nullptr;
  }

 private:
  friend class StreamWriter<Msg>;
  Mutex mu_;
  StreamWriter<Msg>* writer_ ABSL_GUARDED_BY(mu_) = nullptr;
};

// Thread: producers use the StreamHandle from any thread (in practice the
// loop thread); gRPC calls the On* methods on its threads. The object deletes
// itself when gRPC is done with the call; `on_done` runs then (use it to
// unsubscribe).
//
// When the queue holds `max_queued` messages, Push() returns false and the
// message is not queued; the caller decides what to do (count drops).
template <typename Msg>
class StreamWriter : public grpc::ServerWriteReactor<Msg> {
 public:
  explicit StreamWriter(size_t max_queued)
      : max_queued_(max_queued),
        handle_(std::make_shared<StreamHandle<Msg>>()) {
    MutexLock lock(&handle_->mu_);
    handle_->writer_ = this;
  }

  std::shared_ptr<StreamHandle<Msg>> handle() const { return handle_; }

  void set_on_done(std::function<void()> on_done) {
    on_done_ = std::move(on_done);
  }

  bool Push(Msg msg, bool force = false) {
    MutexLock lock(&mu_);
    // Once closed, nothing more is queued: the stream ends after what it
    // holds, however fast new messages come.
    if (finished_ || closing_) return true;
    if (!force && queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(msg));
    if (!writing_) WriteNextLocked();
    return true;
  }

  // Ends the stream after the queued messages.
  void Close(grpc::Status status) {
    MutexLock lock(&mu_);
    if (finished_ || closing_) return;
    closing_ = true;
    final_status_ = std::move(status);
    if (!writing_) WriteNextLocked();
  }

  size_t queued() {
    MutexLock lock(&mu_);
    return queue_.size();
  }

  void OnWriteDone(bool ok) override {
    MutexLock lock(&mu_);
    writing_ = false;
    queue_.pop_front();
    if (!ok) {
      FinishLocked(grpc::Status::CANCELLED);
      return;
    }
    WriteNextLocked();
  }

  void OnCancel() override {
    MutexLock lock(&mu_);
    FinishLocked(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    {
      MutexLock lock(&handle_->mu_);
      handle_->writer_ = nullptr;
    }
    if (on_done_) on_done_();
    delete this;
  }

 private:
  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    if (!queue_.empty()) {
      writing_ = true;
      this->StartWrite(&queue_.front());
      return;
    }
    if (closing_) FinishLocked(final_status_);
  }

  void FinishLocked(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    this->Finish(std::move(status));
  }

  const size_t max_queued_;
  std::shared_ptr<StreamHandle<Msg>> handle_;
  std::function<void()> on_done_;
  Mutex mu_;
  // front() is being written while writing_.
  std::deque<Msg> queue_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status final_status_ ABSL_GUARDED_BY(mu_);
};

}  // namespace runy::api

#endif  // RUNY_SERVER_API_STREAM_WRITER_H_
