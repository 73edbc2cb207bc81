// The index that lives beside a plain-text log file.
//
// `logs/ALIAS.log` holds exactly the bytes the process wrote, line after
// line, so that tail, grep and less work on it. What runy knows about each
// line (time, stream, run) and runy's own lines (started, exited, ...) live
// in `logs/.index/ALIAS.log.idx` (and `ALIAS.log.N.idx` for a rotated
// `ALIAS.log.N`), a sequence of 32-byte slots in host byte order:
//
//   bytes  0..7   unix time of the lines, ns        (int64)
//   bytes  8..15  offset of the first line in ALIAS.log  (uint64)
//   bytes 16..19  bytes of the lines, newlines included  (uint32)
//   bytes 20..23  number of lines                    (uint32)
//   bytes 24..27  run                                (int32)
//   byte  28      kind: o, e or s; upper-case when the last line is one
//                 piece of an overlong line that goes on in the next entry
//   bytes 29..30  zero
//   byte  31      'R'
//
// An entry of kind s (system lines) holds its lines in the slots that
// follow it, 31 bytes a slot, byte 31 of each being 'P'; its offset is 0.
// The tag byte lets a reader find the last entry from the end of the file.
//
// The writer writes the text first, then the entries, so a crash between
// the two leaves lines without an entry: Reconcile() gives them one.
#ifndef RUNY_SERVER_LOGS_LOG_INDEX_H_
#define RUNY_SERVER_LOGS_LOG_INDEX_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/unique_fd.h"
#include "server/logs/record.h"

namespace runy::logs {

inline constexpr size_t kIndexSlot = 32;

// `logs/.index/NAME.idx` for `logs/NAME`.
std::string IndexPathOf(const std::string& text_path);

// Appends the entry for `count` lines of `header`'s kind. For system lines,
// `system_text` (the lines, newlines included) follows in payload slots;
// for output lines it is ignored and `offset`/`bytes` say where the lines
// are in the text file.
void AppendEntry(const RecordHeader& header, uint64_t offset, uint64_t bytes,
                 absl::string_view system_text, std::string* index);

// Thread: not thread-safe; one reader per pair of files.
//
// Reads the entries of an index forward, and their lines from the text
// file, in chunks. An entry that points outside the text file (which was
// truncated behind runy's back) ends the read; a text file without an index
// is read as stdout lines of run 0 timed at the file's modification time.
class IndexedFileReader {
 public:
  IndexedFileReader(UniqueFd text, UniqueFd index);

  // The next entry, as a header, and its lines (newlines included), valid
  // until the next call; false at the end.
  bool Next(RecordHeader* header, absl::string_view* lines);
  void Rewind();

 private:
  // The bytes [offset, offset + size) of the text file; false past its end.
  bool TextAt(uint64_t offset, uint64_t size, absl::string_view* out);
  bool NextSlots(size_t count, absl::string_view* out);

  UniqueFd text_;
  UniqueFd index_;
  int64_t mtime_ns_ = 0;
  uint64_t text_size_ = 0;
  bool unindexed_done_ = false;
  std::string text_buf_;
  std::string system_buf_;  // the lines of a system entry
  uint64_t text_buf_offset_ = 0;
  std::string index_buf_;
  size_t index_pos_ = 0;
  uint64_t index_offset_ = 0;  // file offset of index_buf_'s end
};

// Makes the index of `text_fd` agree with the text before more is written:
// drops a torn slot at the end, entries that point past the end of the text
// (truncated by someone else: the index starts over) and gives an entry to
// text that has none (a crash between the two writes), completing a torn
// last line with a newline. Returns the size of the text file afterwards.
absl::StatusOr<uint64_t> Reconcile(int text_fd, int index_fd);

// A file of the former layout (runy's record headers between the lines, no
// index) is rewritten as text and index; any other file is left alone.
absl::Status ConvertRecordFile(const std::string& path);

}  // namespace runy::logs

#endif  // RUNY_SERVER_LOGS_LOG_INDEX_H_
