// A server-streaming reactor fed from the loop thread through a bounded
// queue: a slow client never blocks the producer.
#ifndef RUNY_SERVER_API_STREAM_WRITER_H_
#define RUNY_SERVER_API_STREAM_WRITER_H_

#include <grpcpp/grpcpp.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>

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
    std::lock_guard<std::mutex> lock(mu_);
    if (writer_ == nullptr) return PushResult::kGone;
    return writer_->Push(std::move(msg), force) ? PushResult::kQueued
                                                : PushResult::kFull;
  }
  void Close(grpc::Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    if (writer_ != nullptr) writer_->Close(std::move(status));
  }
  // The call is over (the client went, or it was finished).
  bool gone() {
    std::lock_guard<std::mutex> lock(mu_);
    return writer_ == nullptr;
  }

 private:
  friend class StreamWriter<Msg>;
  std::mutex mu_;
  StreamWriter<Msg>* writer_ = nullptr;  // guarded by mu_
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
    handle_->writer_ = this;
  }

  std::shared_ptr<StreamHandle<Msg>> handle() const { return handle_; }

  void set_on_done(std::function<void()> on_done) {
    on_done_ = std::move(on_done);
  }

  bool Push(Msg msg, bool force = false) {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return true;
    if (!force && queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(msg));
    if (!writing_) WriteNextLocked();
    return true;
  }

  // Ends the stream after the queued messages.
  void Close(grpc::Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_ || closing_) return;
    closing_ = true;
    final_status_ = std::move(status);
    if (!writing_) WriteNextLocked();
  }

  size_t queued() {
    std::lock_guard<std::mutex> lock(mu_);
    return queue_.size();
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    queue_.pop_front();
    if (!ok) {
      FinishLocked(grpc::Status::CANCELLED);
      return;
    }
    WriteNextLocked();
  }

  void OnCancel() override {
    std::lock_guard<std::mutex> lock(mu_);
    FinishLocked(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    {
      std::lock_guard<std::mutex> lock(handle_->mu_);
      handle_->writer_ = nullptr;
    }
    if (on_done_) on_done_();
    delete this;
  }

 private:
  void WriteNextLocked() {
    if (finished_) return;
    if (!queue_.empty()) {
      writing_ = true;
      this->StartWrite(&queue_.front());
      return;
    }
    if (closing_) FinishLocked(final_status_);
  }

  void FinishLocked(grpc::Status status) {
    if (finished_) return;
    finished_ = true;
    this->Finish(std::move(status));
  }

  const size_t max_queued_;
  std::shared_ptr<StreamHandle<Msg>> handle_;
  std::function<void()> on_done_;
  std::mutex mu_;
  std::deque<Msg> queue_;  // front() is being written while writing_
  bool writing_ = false;
  bool closing_ = false;
  bool finished_ = false;
  grpc::Status final_status_;
};

}  // namespace runy::api

#endif  // RUNY_SERVER_API_STREAM_WRITER_H_
