#include "server/logs/record.h"

#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace runy::logs {
char KindChar(engine::Stream stream, bool continued) {
  char c = stream == engine::Stream::kStdout   ? 'o'
           : stream == engine::Stream::kStderr ? 'e'
                                               : 's';
  return continued ? static_cast<char>(c - 'a' + 'A') : c;
}

bool ParseKind(char kind, engine::Stream* stream, bool* continued) {
  *continued = kind >= 'A' && kind <= 'Z';
  switch (*continued ? kind - 'A' + 'a' : kind) {
    case 'o':
      *stream = engine::Stream::kStdout;
      return true;
    case 'e':
      *stream = engine::Stream::kStderr;
      return true;
    case 's':
      *stream = engine::Stream::kSystem;
      return true;
    default:
      return false;
  }
}

void AppendHeader(absl::Time time, int run, engine::Stream stream,
                  bool continued, size_t count, std::string* out) {
  char kind[2] = {KindChar(stream, continued), '\0'};
  absl::StrAppend(out, "@", absl::ToUnixNanos(time), " ", run, " ", kind, " ",
                  count, "\n");
}

bool ParseHeader(absl::string_view bytes, RecordHeader* h) {
  if (bytes.empty() || bytes[0] != '@') return false;
  size_t nl = bytes.find('\n');
  if (nl == absl::string_view::npos || nl > 64) return false;
  absl::string_view line = bytes.substr(1, nl - 1);
  size_t s1 = line.find(' ');
  size_t s2 = line.find(' ', s1 + 1);
  size_t s3 = line.find(' ', s2 + 1);
  if (s1 == absl::string_view::npos || s2 == absl::string_view::npos ||
      s3 != s2 + 2) {
    return false;
  }
  if (!absl::SimpleAtoi(line.substr(0, s1), &h->unix_ns) ||
      !absl::SimpleAtoi(line.substr(s1 + 1, s2 - s1 - 1), &h->run) ||
      !absl::SimpleAtoi(line.substr(s3 + 1), &h->count)) {
    return false;
  }
  if (!ParseKind(line[s2 + 1], &h->stream, &h->continued)) return false;
  h->header_size = nl + 1;
  return true;
}

size_t RecordSize(absl::string_view bytes, const RecordHeader& header) {
  size_t pos = header.header_size;
  for (size_t i = 0; i < header.count; ++i) {
    if (pos >= bytes.size()) return 0;
    const void* nl = std::memchr(bytes.data() + pos, '\n', bytes.size() - pos);
    if (nl == nullptr) return 0;
    pos = static_cast<const char*>(nl) - bytes.data() + 1;
  }
  return pos;
}

void ParseLines(const RecordHeader& h, absl::string_view lines,
                std::vector<RecordView>* out) {
  size_t pos = 0;
  for (size_t i = 0; i < h.count && pos < lines.size(); ++i) {
    const void* found =
        std::memchr(lines.data() + pos, '\n', lines.size() - pos);
    if (found == nullptr) return;
    size_t nl = static_cast<const char*>(found) - lines.data();
    RecordView r;
    r.unix_ns = h.unix_ns;
    r.run = h.run;
    r.stream = h.stream;
    r.continued = h.continued;
    r.text = lines.substr(pos, nl - pos);
    out->push_back(r);
    pos = nl + 1;
  }
}

void ParseRecords(absl::string_view bytes, std::vector<RecordView>* out) {
  while (!bytes.empty()) {
    RecordHeader h;
    if (!ParseHeader(bytes, &h)) return;
    size_t size = RecordSize(bytes, h);
    if (size == 0) {  // incomplete: its whole lines
      ParseLines(h, bytes.substr(h.header_size), out);
      return;
    }
    ParseLines(h, bytes.substr(h.header_size, size - h.header_size), out);
    bytes.remove_prefix(size);
  }
}

}  // namespace runy::logs
