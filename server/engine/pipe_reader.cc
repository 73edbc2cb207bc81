#include "server/engine/pipe_reader.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

namespace runy::engine {
namespace {
// One read per wake-up takes up to this much; a full pipe is 64 KiB by default.
constexpr size_t kChunk = 256 * 1024;
}  // namespace

PipeReader::PipeReader(loop::EventLoop* loop, UniqueFd fd, OutputSink* sink,
                       std::string alias, int run, Stream stream,
                       PipeBudget* budget,
                       std::function<void(PipeReader*)> on_eof)
    : loop_(loop),
      fd_(std::move(fd)),
      sink_(sink),
      alias_(std::move(alias)),
      run_(run),
      stream_(stream),
      budget_(budget),
      on_eof_(std::move(on_eof)) {}

PipeReader::~PipeReader() { Close(); }

absl::Status PipeReader::Watch() {
  absl::Status status =
      loop_->Watch(fd_.get(), EPOLLIN, [this](uint32_t) { OnReadable(); });
  watched_ = status.ok();
  return status;
}

void PipeReader::OnReadable() {
  if (!Drain()) {
    Close();
    sink_->OnStreamEnd(alias_, run_, stream_);
    // May destroy this object: nothing after it.
    on_eof_(this);
    return;
  }
  // Let more output gather before the next read (see the class comment) --
  // unless the child writes in bulk: then the pipe is read as fast as it
  // fills, or the child would wait on a full pipe.
  if (last_drained_ >= kBulkBytes) return;
  if (watched_ && coalesce_timer_ == 0 && loop_->Modify(fd_.get(), 0).ok()) {
    coalesce_timer_ = loop_->AddTimerAfter(kCoalesceDelay, [this] {
      coalesce_timer_ = 0;
      Rearm();
    });
  }
}

void PipeReader::Rearm() {
  if (!fd_.valid()) return;
  // Level-triggered: whatever arrived meanwhile wakes us at once.
  if (!loop_->Modify(fd_.get(), EPOLLIN).ok()) OnReadable();
}

bool PipeReader::Drain() {
  last_drained_ = 0;
  if (!fd_.valid()) return false;
  static thread_local std::string buffer(kChunk, '\0');
  // Bounded: a child that writes faster than we read must not starve the
  // loop; epoll wakes us again for the rest.
  for (int i = 0; i < 16; ++i) {
    ssize_t n = read(fd_.get(), buffer.data(), buffer.size());
    if (n > 0) {
      last_drained_ += static_cast<size_t>(n);
      // The pipe was full (within PIPE_BUF: a small write waits for room
      // for all of itself): the child writes faster than small pipes carry.
      if (!grown_ && budget_ != nullptr &&
          static_cast<size_t>(n) + PIPE_BUF > capacity_ &&
          budget_->TryGrow(fd_.get())) {
        grown_ = true;
        capacity_ = PipeBudget::kGrownBytes;
      }
      sink_->OnOutput(alias_, run_, stream_,
                      absl::string_view(buffer.data(), n));
      if (static_cast<size_t>(n) < buffer.size()) return true;
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN;
  }
  return true;
}

void PipeReader::Finish() {
  if (!fd_.valid()) return;
  // Bounded: a descendant that never stops writing must not hold us here.
  for (int i = 0; i < 4 && Drain() && last_drained_ > 0; ++i) {
  }
  Close();
  sink_->OnStreamEnd(alias_, run_, stream_);
}

void PipeReader::Close() {
  if (coalesce_timer_ != 0) loop_->CancelTimer(coalesce_timer_);
  coalesce_timer_ = 0;
  if (!fd_.valid()) return;
  if (watched_) loop_->Unwatch(fd_.get());
  watched_ = false;
  fd_.reset();
  if (grown_) budget_->Release();
  grown_ = false;
}

}  // namespace runy::engine
