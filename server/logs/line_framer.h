// Splits a byte stream into lines.
#ifndef RUNY_SERVER_LOGS_LINE_FRAMER_H_
#define RUNY_SERVER_LOGS_LINE_FRAMER_H_

#include <cstddef>
#include <functional>
#include <string>

#include "absl/strings/string_view.h"

namespace runy::logs {

inline constexpr size_t kMaxLineBytes = 64 * 1024;

// Thread: not thread-safe; one per stream. Bytes are kept as they are.
class LineFramer {
 public:
  // `line` excludes the newline; `continued` marks a piece of an overlong
  // line whose rest follows.
  using LineCallback = std::function<void(absl::string_view line, bool continued)>;

  explicit LineFramer(size_t max_line = kMaxLineBytes) : max_line_(max_line) {}

  void Feed(absl::string_view bytes, const LineCallback& emit);
  // End of stream: a partial last line is emitted as a line.
  void Flush(const LineCallback& emit);

 private:
  size_t max_line_;
  std::string partial_;
};

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_LINE_FRAMER_H_
