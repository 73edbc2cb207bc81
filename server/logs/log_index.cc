#include "server/logs/log_index.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errno_status.h"
#include "common/status_macros.h"

namespace runy::logs {
namespace {

constexpr char kEntryTag = 'R';
constexpr char kPayloadTag = 'P';
constexpr size_t kPayloadPerSlot = kIndexSlot - 1;
constexpr size_t kTextChunk = 256 * 1024;
constexpr size_t kIndexChunk = 2048 * kIndexSlot;
// Text without an entry gets entries of at most this much.
constexpr uint64_t kMaxOrphanEntry = 64ull << 20;

struct Entry {
  int64_t unix_ns;
  uint64_t offset;
  uint32_t bytes;
  uint32_t lines;
  int32_t run;
  char kind;
};

bool DecodeEntry(const char* slot, RecordHeader* h, uint64_t* offset,
                 uint64_t* bytes) {
  if (slot[kIndexSlot - 1] != kEntryTag) return false;
  Entry e;
  std::memcpy(&e.unix_ns, slot, 8);
  std::memcpy(&e.offset, slot + 8, 8);
  std::memcpy(&e.bytes, slot + 16, 4);
  std::memcpy(&e.lines, slot + 20, 4);
  std::memcpy(&e.run, slot + 24, 4);
  e.kind = slot[28];
  if (!ParseKind(e.kind, &h->stream, &h->continued)) return false;
  h->unix_ns = e.unix_ns;
  h->run = e.run;
  h->count = e.lines;
  h->header_size = 0;
  *offset = e.offset;
  *bytes = e.bytes;
  return true;
}

size_t PayloadSlots(uint64_t bytes) {
  return static_cast<size_t>((bytes + kPayloadPerSlot - 1) / kPayloadPerSlot);
}

bool PreadAll(int fd, char* buf, size_t size, uint64_t offset) {
  size_t done = 0;
  while (done < size) {
    ssize_t n =
        pread(fd, buf + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

absl::Status AppendAll(int fd, absl::string_view bytes, const char* what) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ErrnoToStatus(n < 0 ? errno : ENOSPC, what);
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

int64_t MtimeNs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 +
         st.st_mtim.tv_nsec;
}

}  // namespace

std::string IndexPathOf(const std::string& text_path) {
  size_t slash = text_path.rfind('/');
  std::string dir =
      slash == std::string::npos ? "." : text_path.substr(0, slash);
  std::string name =
      slash == std::string::npos ? text_path : text_path.substr(slash + 1);
  return absl::StrCat(dir, "/.index/", name, ".idx");
}

void AppendEntry(const RecordHeader& header, uint64_t offset, uint64_t bytes,
                 absl::string_view system_text, std::string* index) {
  bool system = header.stream == engine::Stream::kSystem;
  if (system) {
    offset = 0;
    bytes = system_text.size();
  }
  char slot[kIndexSlot] = {};
  int64_t unix_ns = header.unix_ns;
  uint32_t bytes32 = static_cast<uint32_t>(bytes);
  uint32_t lines = static_cast<uint32_t>(header.count);
  int32_t run = header.run;
  std::memcpy(slot, &unix_ns, 8);
  std::memcpy(slot + 8, &offset, 8);
  std::memcpy(slot + 16, &bytes32, 4);
  std::memcpy(slot + 20, &lines, 4);
  std::memcpy(slot + 24, &run, 4);
  slot[28] = KindChar(header.stream, header.continued);
  slot[kIndexSlot - 1] = kEntryTag;
  index->append(slot, kIndexSlot);
  if (!system) return;
  for (size_t at = 0; at < system_text.size(); at += kPayloadPerSlot) {
    char payload[kIndexSlot] = {};
    size_t n = std::min(kPayloadPerSlot, system_text.size() - at);
    std::memcpy(payload, system_text.data() + at, n);
    payload[kIndexSlot - 1] = kPayloadTag;
    index->append(payload, kIndexSlot);
  }
}

IndexedFileReader::IndexedFileReader(UniqueFd text, UniqueFd index)
    : text_(std::move(text)), index_(std::move(index)) {
  struct stat st;
  if (text_ && fstat(text_.get(), &st) == 0) {
    text_size_ = static_cast<uint64_t>(st.st_size);
    mtime_ns_ = MtimeNs(st);
  }
}

void IndexedFileReader::Rewind() {
  unindexed_done_ = false;
  index_buf_.clear();
  index_pos_ = 0;
  index_offset_ = 0;
}

bool IndexedFileReader::TextAt(uint64_t offset, uint64_t size,
                               absl::string_view* out) {
  if (offset + size > text_size_) {
    // Written since the reader opened the file, or truncated.
    struct stat st;
    if (fstat(text_.get(), &st) != 0) return false;
    text_size_ = static_cast<uint64_t>(st.st_size);
    if (offset + size > text_size_) return false;
  }
  if (offset < text_buf_offset_ ||
      offset + size > text_buf_offset_ + text_buf_.size()) {
    size_t want = static_cast<size_t>(std::max<uint64_t>(
        size, std::min<uint64_t>(kTextChunk, text_size_ - offset)));
    text_buf_.resize(want);
    if (!PreadAll(text_.get(), text_buf_.data(), want, offset)) {
      text_buf_.clear();
      return false;
    }
    text_buf_offset_ = offset;
  }
  *out = absl::string_view(text_buf_.data() + (offset - text_buf_offset_),
                           static_cast<size_t>(size));
  return true;
}

bool IndexedFileReader::NextSlots(size_t count, absl::string_view* out) {
  size_t need = count * kIndexSlot;
  if (index_buf_.size() - index_pos_ < need) {
    index_buf_.erase(0, index_pos_);
    index_pos_ = 0;
    while (index_buf_.size() < need) {
      size_t old = index_buf_.size();
      size_t chunk = std::max(kIndexChunk, need - old);
      index_buf_.resize(old + chunk);
      ssize_t n;
      do {
        n = pread(index_.get(), index_buf_.data() + old, chunk,
                  static_cast<off_t>(index_offset_));
      } while (n < 0 && errno == EINTR);
      index_buf_.resize(old + (n > 0 ? static_cast<size_t>(n) : 0));
      if (n <= 0) return false;
      index_offset_ += static_cast<uint64_t>(n);
    }
  }
  *out = absl::string_view(index_buf_.data() + index_pos_, need);
  index_pos_ += need;
  return true;
}

bool IndexedFileReader::Next(RecordHeader* header, absl::string_view* lines) {
  if (!index_) {
    // No index: the whole text, as plain output.
    if (unindexed_done_ || text_size_ == 0) return false;
    unindexed_done_ = true;
    if (!TextAt(0, text_size_, lines)) return false;
    header->unix_ns = mtime_ns_;
    header->run = 0;
    header->stream = engine::Stream::kStdout;
    header->continued = false;
    header->header_size = 0;
    header->count =
        static_cast<size_t>(std::count(lines->begin(), lines->end(), '\n'));
    if (!lines->empty() && lines->back() != '\n') ++header->count;
    return true;
  }
  absl::string_view slot;
  if (!NextSlots(1, &slot)) return false;
  uint64_t offset = 0, bytes = 0;
  if (!DecodeEntry(slot.data(), header, &offset, &bytes)) return false;
  if (header->stream != engine::Stream::kSystem) {
    return TextAt(offset, bytes, lines);
  }
  absl::string_view payload;
  if (!NextSlots(PayloadSlots(bytes), &payload)) return false;
  system_buf_.clear();
  for (size_t at = 0; at < payload.size(); at += kIndexSlot) {
    if (payload[at + kIndexSlot - 1] != kPayloadTag) return false;
    system_buf_.append(payload.data() + at, kPayloadPerSlot);
  }
  system_buf_.resize(static_cast<size_t>(bytes));
  *lines = system_buf_;
  return true;
}

absl::StatusOr<uint64_t> Reconcile(int text_fd, int index_fd) {
  struct stat text_st, index_st;
  if (fstat(text_fd, &text_st) != 0) return ErrnoToStatus(errno, "fstat");
  if (fstat(index_fd, &index_st) != 0) return ErrnoToStatus(errno, "fstat");
  uint64_t text_size = static_cast<uint64_t>(text_st.st_size);
  uint64_t slots = static_cast<uint64_t>(index_st.st_size) / kIndexSlot;
  // Back from the end: the last whole output entry says where the indexed
  // text ends; torn system entries are cut off.
  uint64_t keep = slots;  // slots that stay
  uint64_t indexed_end = 0;
  int run = 0;
  bool found = false, any_entry = false;
  uint64_t at = slots;
  constexpr uint64_t kBackChunk = 256;  // slots read at a time
  std::string chunk;
  uint64_t chunk_first = 0;  // the slot chunk[0] holds
  while (at > 0 && !found) {
    --at;
    if (chunk.empty() || at < chunk_first) {
      chunk_first = at + 1 > kBackChunk ? at + 1 - kBackChunk : 0;
      chunk.resize((at + 1 - chunk_first) * kIndexSlot);
      if (!PreadAll(index_fd, chunk.data(), chunk.size(),
                    chunk_first * kIndexSlot)) {
        return ErrnoToStatus(errno ? errno : EIO, "read the log index");
      }
    }
    const char* slot = chunk.data() + (at - chunk_first) * kIndexSlot;
    if (slot[kIndexSlot - 1] == kPayloadTag) continue;
    RecordHeader h;
    uint64_t offset = 0, bytes = 0;
    if (!DecodeEntry(slot, &h, &offset, &bytes)) {
      keep = 0;  // not an index: start over
      break;
    }
    any_entry = true;
    if (h.stream == engine::Stream::kSystem) {
      if (at + 1 + PayloadSlots(bytes) > keep) keep = at;  // torn
      continue;
    }
    if (offset + bytes > text_size) {
      keep = 0;  // the text was truncated under the index
      break;
    }
    indexed_end = offset + bytes;
    run = h.run;
    found = true;
  }
  if (!any_entry) keep = 0;
  if (keep * kIndexSlot != static_cast<uint64_t>(index_st.st_size) &&
      ftruncate(index_fd, static_cast<off_t>(keep * kIndexSlot)) != 0) {
    return ErrnoToStatus(errno, "truncate the log index");
  }
  if (keep == 0) indexed_end = 0;
  if (indexed_end >= text_size) return text_size;
  // Text without entries: index it, by line boundaries, as plain output.
  std::string index;
  std::string buf(kTextChunk, '\0');
  uint64_t start = indexed_end, pos = indexed_end;
  size_t lines = 0;
  auto add = [&](uint64_t end) {
    RecordHeader h;
    h.unix_ns = MtimeNs(text_st);
    h.run = run;
    h.stream = engine::Stream::kStdout;
    h.count = lines;
    AppendEntry(h, start, end - start, {}, &index);
    start = end;
    lines = 0;
  };
  while (pos < text_size) {
    size_t n =
        static_cast<size_t>(std::min<uint64_t>(kTextChunk, text_size - pos));
    if (!PreadAll(text_fd, buf.data(), n, pos)) {
      return ErrnoToStatus(errno ? errno : EIO, "read the log");
    }
    for (size_t i = 0; i < n; ++i) {
      if (buf[i] != '\n') continue;
      ++lines;
      if (pos + i + 1 - start >= kMaxOrphanEntry) add(pos + i + 1);
    }
    pos += n;
  }
  // A torn last line is completed, so the next one starts on its own.
  char last = '\n';
  if (text_size > 0 && !PreadAll(text_fd, &last, 1, text_size - 1)) {
    return ErrnoToStatus(errno ? errno : EIO, "read the log");
  }
  if (last != '\n') {
    RUNY_RETURN_IF_ERROR(AppendAll(text_fd, "\n", "complete the log"));
    ++text_size;
    ++lines;
  }
  if (start < text_size) add(text_size);
  RUNY_RETURN_IF_ERROR(AppendAll(index_fd, index, "write the log index"));
  return text_size;
}

absl::Status ConvertRecordFile(const std::string& path) {
  std::string index_path = IndexPathOf(path);
  if (access(index_path.c_str(), F_OK) == 0) return absl::OkStatus();
  UniqueFd in(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st;
  if (!in || fstat(in.get(), &st) != 0) return absl::OkStatus();
  // A file of the former layout starts with a header; the files are
  // bounded by the rotation size, so one is read whole.
  char head[66] = {};
  RecordHeader h;
  ssize_t n = pread(in.get(), head, sizeof head, 0);
  if (n <= 0 || !ParseHeader(absl::string_view(head, n), &h) ||
      st.st_size > (1ll << 30)) {
    return absl::OkStatus();
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  if (!PreadAll(in.get(), bytes.data(), bytes.size(), 0)) {
    return ErrnoToStatus(errno ? errno : EIO, absl::StrCat("read ", path));
  }
  std::string text, index;
  absl::string_view rest = bytes;
  while (ParseHeader(rest, &h)) {
    size_t size = RecordSize(rest, h);
    if (size == 0) break;
    absl::string_view lines = rest.substr(h.header_size, size - h.header_size);
    AppendEntry(h, text.size(), lines.size(), lines, &index);
    if (h.stream != engine::Stream::kSystem)
      text.append(lines.data(), lines.size());
    rest.remove_prefix(size);
  }
  if (!rest.empty()) {  // what follows the last whole record, as it is
    RecordHeader tail;
    tail.unix_ns = MtimeNs(st);
    tail.count =
        static_cast<size_t>(std::count(rest.begin(), rest.end(), '\n'));
    std::string kept(rest);
    if (kept.back() != '\n') {
      kept.push_back('\n');
      ++tail.count;
    }
    AppendEntry(tail, text.size(), kept.size(), {}, &index);
    text.append(kept);
  }
  std::string dir = index_path.substr(0, index_path.rfind('/'));
  mkdir(dir.c_str(), 0700);
  for (const auto& [target, content] :
       {std::pair<std::string, const std::string*>(path, &text),
        std::pair<std::string, const std::string*>(index_path, &index)}) {
    // The text first: a crash in between leaves plain text without an
    // index, which is read (and indexed again) as plain output.
    std::string tmp = target + ".tmp";
    UniqueFd out(open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                      st.st_mode & 0777));
    if (!out) return ErrnoToStatus(errno, absl::StrCat("create ", tmp));
    absl::Status written = AppendAll(out.get(), *content, "write");
    if (!written.ok() || rename(tmp.c_str(), target.c_str()) != 0) {
      unlink(tmp.c_str());
      return written.ok() ? ErrnoToStatus(errno, absl::StrCat("rename ", tmp))
                          : written;
    }
  }
  return absl::OkStatus();
}

}  // namespace runy::logs
