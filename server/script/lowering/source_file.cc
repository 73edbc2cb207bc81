#include "server/script/lowering/source_file.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace runy::script {

int LineTerminatorLength(absl::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  char c = text[pos];
  if (c == '\n') return 1;
  if (c == '\r') return pos + 1 < text.size() && text[pos + 1] == '\n' ? 2 : 1;
  // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
  if (static_cast<unsigned char>(c) == 0xE2 && pos + 2 < text.size() &&
      static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[pos + 2]) == 0xA8 ||
       static_cast<unsigned char>(text[pos + 2]) == 0xA9)) {
    return 3;
  }
  return 0;
}

int CountLineTerminators(absl::string_view text) {
  int count = 0;
  for (size_t i = 0; i < text.size();) {
    int len = LineTerminatorLength(text, i);
    if (len > 0) {
      ++count;
      i += len;
    } else {
      ++i;
    }
  }
  return count;
}

absl::Status SourceFile::Error(int offset, absl::string_view what) const {
  size_t end = std::min(static_cast<size_t>(offset), text_.size());
  int line = 1;
  int col = 1;
  for (size_t i = 0; i < end;) {
    int len = LineTerminatorLength(text_, i);
    if (len > 0) {
      ++line;
      col = 1;
      i += len;
      continue;
    }
    // UTF-8 continuation bytes belong to the code point already counted.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    ++i;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(name_, ":", line, ":", col, ": SyntaxError: ", what));
}

}  // namespace runy::script
