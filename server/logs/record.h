// The log record format, shared by the memory tail and the files.
//
// A record is one line of text: "<unix-ns> <run> <kind> <bytes>\n" where kind
// is o (stdout), e (stderr) or s (system), upper-case when the record is a
// piece of an overlong line that continues in the next record. <bytes> is the
// line as the process wrote it, without its newline (any bytes but '\n').
#ifndef RUNY_SERVER_LOGS_RECORD_H_
#define RUNY_SERVER_LOGS_RECORD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/engine/output_sink.h"

namespace runy::logs {

// Records of one process, appended together (one pipe read, say).
// Immutable once shared.
struct Block {
  std::string alias;
  absl::Time time;
  std::string bytes;  // whole records
  size_t lines = 0;
};
using BlockPtr = std::shared_ptr<const Block>;

// A parsed record; `text` points into the block or buffer it came from.
struct RecordView {
  int64_t unix_ns = 0;
  int run = 0;
  engine::Stream stream = engine::Stream::kStdout;
  bool continued = false;
  absl::string_view text;
};

// Appends one record to `out`. `prefix` is FormatPrefix()'s result.
void AppendRecord(absl::string_view prefix, engine::Stream stream,
                  bool continued, absl::string_view text, std::string* out);
// "<unix-ns> <run> ": shared by all records of a block.
std::string FormatPrefix(absl::Time time, int run);

// Parses every whole record of `bytes` (malformed lines are skipped).
void ParseRecords(absl::string_view bytes, std::vector<RecordView>* out);

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_RECORD_H_
