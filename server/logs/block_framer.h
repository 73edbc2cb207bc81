// Cuts a byte stream into runs of whole lines without copying them.
#ifndef RUNY_SERVER_LOGS_BLOCK_FRAMER_H_
#define RUNY_SERVER_LOGS_BLOCK_FRAMER_H_

#include <cstddef>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"

namespace runy::logs {

inline constexpr size_t kMaxLineBytes = 64 * 1024;

// Thread: not thread-safe; one per stream of one process run.
//
// Bytes are kept as they are (invalid UTF-8 included). A line longer than
// max_line is cut into pieces of max_line bytes; every piece but the last is
// emitted alone, marked continued.
class BlockFramer {
 public:
  // `lines`: `count` whole lines, each ending in '\n', contiguous; it points
  // into the fed bytes or into the framer, valid during the call only.
  using Emit = absl::FunctionRef<void(absl::string_view lines, size_t count,
                                      bool continued)>;

  explicit BlockFramer(size_t max_line = kMaxLineBytes) : max_line_(max_line) {}

  void Feed(absl::string_view bytes, Emit emit);
  // End of stream: a final partial line is emitted as a whole line.
  void Flush(Emit emit);

  // The unfinished last line, and taking one over (re-exec).
  const std::string& partial() const { return partial_; }
  void set_partial(std::string partial) { partial_ = std::move(partial); }

 private:
  // Emits `line` (no newline) as one line, or as pieces when overlong.
  void EmitLine(absl::string_view line, Emit emit);
  // Emits continued pieces while the partial line is over the limit.
  void TrimPartial(Emit emit);

  size_t max_line_;
  std::string partial_;  // the unfinished last line
  std::string scratch_;  // a piece plus its newline
};

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_BLOCK_FRAMER_H_
