// The log record format of the memory tail and of the blocks passed
// between the capture, the files and followers (the files hold the lines
// alone, with an index beside them: log_index.h).
//
// A record is a header line followed by the lines it holds:
//
//   @<unix-ns> <run> <kind> <count>\n
//   <line 1>\n ... <line count>\n
//
// kind is o (stdout), e (stderr) or s (system), upper-case when the record
// holds one piece of an overlong line that goes on in the next record. The
// lines are the bytes the process wrote (any bytes but '\n'). Records are
// read from the start of a block or a file; a header says how many lines
// follow, so a line that starts with '@' is just a line.
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

// Whole records of one process (one pipe read, say). Immutable once shared.
struct Block {
  std::string alias;
  absl::Time time;
  std::string bytes;  // whole records
  size_t lines = 0;
};
using BlockPtr = std::shared_ptr<const Block>;

// One line of a record; `text` points into the bytes it was parsed from.
struct RecordView {
  int64_t unix_ns = 0;
  int run = 0;
  engine::Stream stream = engine::Stream::kStdout;
  bool continued = false;
  absl::string_view text;
};

// The kind letter of a stream (o, e, s; upper-case when continued), and
// back; false for a letter that is no kind.
char KindChar(engine::Stream stream, bool continued);
bool ParseKind(char kind, engine::Stream* stream, bool* continued);

// Appends the header of a record of `count` lines.
void AppendHeader(absl::Time time, int run, engine::Stream stream,
                  bool continued, size_t count, std::string* out);

// One parsed header, and where its lines start.
struct RecordHeader {
  int64_t unix_ns = 0;
  int run = 0;
  engine::Stream stream = engine::Stream::kStdout;
  bool continued = false;
  size_t count = 0;
  size_t header_size = 0;  // bytes of the header line, newline included
};
// Parses the header at the start of `bytes`; false when there is none.
bool ParseHeader(absl::string_view bytes, RecordHeader* header);
// The size of the whole record at the start of `bytes` (header and lines);
// 0 when it is malformed or incomplete.
size_t RecordSize(absl::string_view bytes, const RecordHeader& header);

// The lines of one record, given its header and its lines' bytes (each
// ending in '\n'; a missing last newline ends the parse).
void ParseLines(const RecordHeader& header, absl::string_view lines,
                std::vector<RecordView>* out);

// Every line of every whole record of `bytes`, in order. A malformed or
// incomplete record ends the parse.
void ParseRecords(absl::string_view bytes, std::vector<RecordView>* out);

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_RECORD_H_
