#include "server/logs/record.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace runy::logs {
namespace {

char KindChar(engine::Stream stream, bool continued) {
  char c = stream == engine::Stream::kStdout   ? 'o'
           : stream == engine::Stream::kStderr ? 'e'
                                               : 's';
  return continued ? static_cast<char>(c - 'a' + 'A') : c;
}

}  // namespace

std::string FormatPrefix(absl::Time time, int run) {
  return absl::StrCat(absl::ToUnixNanos(time), " ", run, " ");
}

void AppendRecord(absl::string_view prefix, engine::Stream stream,
                  bool continued, absl::string_view text, std::string* out) {
  out->append(prefix.data(), prefix.size());
  out->push_back(KindChar(stream, continued));
  out->push_back(' ');
  out->append(text.data(), text.size());
  out->push_back('\n');
}

void ParseRecords(absl::string_view bytes, std::vector<RecordView>* out) {
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    if (nl == absl::string_view::npos) return;  // a partial record
    absl::string_view line = bytes.substr(0, nl);
    bytes.remove_prefix(nl + 1);
    size_t s1 = line.find(' ');
    if (s1 == absl::string_view::npos) continue;
    size_t s2 = line.find(' ', s1 + 1);
    if (s2 == absl::string_view::npos || s2 + 2 > line.size()) continue;
    RecordView r;
    if (!absl::SimpleAtoi(line.substr(0, s1), &r.unix_ns) ||
        !absl::SimpleAtoi(line.substr(s1 + 1, s2 - s1 - 1), &r.run)) {
      continue;
    }
    char kind = line[s2 + 1];
    r.continued = kind >= 'A' && kind <= 'Z';
    switch (r.continued ? kind - 'A' + 'a' : kind) {
      case 'o':
        r.stream = engine::Stream::kStdout;
        break;
      case 'e':
        r.stream = engine::Stream::kStderr;
        break;
      case 's':
        r.stream = engine::Stream::kSystem;
        break;
      default:
        continue;
    }
    r.text = s2 + 3 <= line.size() ? line.substr(s2 + 3) : absl::string_view();
    out->push_back(r);
  }
}

}  // namespace runy::logs
