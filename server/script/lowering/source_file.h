// A service file's text and name, and the SyntaxError statuses that point
// into it.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_SOURCE_FILE_H_
#define RUNY_SERVER_SCRIPT_LOWERING_SOURCE_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace runy::script {

// Thread: any; immutable. Does not own the text: the caller keeps `text` and
// `name` alive for the SourceFile's lifetime.
class SourceFile {
 public:
  SourceFile(absl::string_view text, absl::string_view name)
      : text_(text), name_(name) {}

  absl::string_view text() const { return text_; }
  absl::string_view name() const { return name_; }

  // InvalidArgument "<name>:<line>:<col>: SyntaxError: <what>" for the byte
  // `offset`. Lines count LF, CR, CRLF, U+2028 and U+2029 as ECMAScript does;
  // columns are 1-based and count code points.
  absl::Status Error(int offset, absl::string_view what) const;

 private:
  absl::string_view text_;
  absl::string_view name_;
};

// Length in bytes of the line terminator starting at `pos` of `text` (LF, CR,
// CRLF, U+2028, U+2029), or 0 when there is none.
int LineTerminatorLength(absl::string_view text, size_t pos);

// Number of line terminators in `text`.
int CountLineTerminators(absl::string_view text);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_SOURCE_FILE_H_
