// Drains one output pipe of a child into an OutputSink.
#ifndef RUNY_SERVER_ENGINE_PIPE_READER_H_
#define RUNY_SERVER_ENGINE_PIPE_READER_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/unique_fd.h"
#include "server/engine/output_sink.h"
#include "server/engine/pipe_budget.h"
#include "server/loop/event_loop.h"

namespace runy::engine {

// Thread: the loop thread. Reads in large chunks whenever the pipe is
// readable, so a child never blocks on a full pipe while runyd runs.
//
// Coalescing: after a read, the pipe is not watched again until
// kCoalesceDelay has passed; a child writing one line per write(2) then costs
// one wake-up per millisecond, not one per line, and the first line after a
// quiet spell is still read at once.
class PipeReader {
 public:
  // `on_eof` runs (on the loop thread) after the sink saw OnStreamEnd.
  // `budget` (may be null: the pipe keeps its size) must outlive the reader.
  PipeReader(loop::EventLoop* loop, UniqueFd fd, OutputSink* sink,
             std::string alias, int run, Stream stream, PipeBudget* budget,
             std::function<void(PipeReader*)> on_eof);
  ~PipeReader();
  PipeReader(const PipeReader&) = delete;
  PipeReader& operator=(const PipeReader&) = delete;

  absl::Status Watch();
  // Reads whatever is buffered now (used before reporting an exit, so the
  // output comes before "exited" in the log). Returns false at end of file.
  bool Drain();
  // Reads what is buffered, then ends the stream for the sink (a last line
  // without a newline is flushed) and stops watching. For an owner that
  // goes away before the pipe's end of file.
  void Finish();
  bool closed() const { return !fd_.valid(); }
  int fd() const { return fd_.get(); }
  int run() const { return run_; }
  Stream stream() const { return stream_; }

 private:
  void Close();
  void OnReadable();
  void Rearm();

  loop::EventLoop* loop_;
  UniqueFd fd_;
  OutputSink* sink_;
  std::string alias_;
  int run_;
  Stream stream_;
  PipeBudget* budget_;
  size_t capacity_ = PipeBudget::kInitialBytes;
  bool grown_ = false;
  std::function<void(PipeReader*)> on_eof_;
  bool watched_ = false;
  loop::EventLoop::TimerId coalesce_timer_ = 0;
  size_t last_drained_ = 0;  // bytes the last Drain() read
};

inline constexpr absl::Duration kCoalesceDelay = absl::Milliseconds(1);
// A read of at least this much means bulk output: no coalescing delay.
inline constexpr size_t kBulkBytes = 64 * 1024;

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PIPE_READER_H_
