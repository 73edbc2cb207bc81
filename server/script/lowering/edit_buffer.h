// Source-preserving edits: text replaced at or inserted around byte offsets
// of the original, everything else copied as written.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_EDIT_BUFFER_H_
#define RUNY_SERVER_SCRIPT_LOWERING_EDIT_BUFFER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace runy::script {

// Thread: one owner. Edits may be added in any order; Apply sorts them.
// At one offset the output holds, in this order: the closings (innermost
// first), the openings (outermost first), then the text replacing the range
// that starts there. "Inner" and "outer" are given as a nesting depth.
class EditBuffer {
 public:
  // REQUIRES: `source` outlives the buffer.
  explicit EditBuffer(absl::string_view source) : source_(source) {}

  // Text that opens a construct starting at `pos` (e.g. "(function ").
  void InsertOpening(int pos, int depth, std::string text);
  // Text that closes a construct ending at `pos` (e.g. "; })").
  void InsertClosing(int pos, int depth, std::string text);
  // Replaces the bytes [start, end), one or a few tokens that no other edit
  // falls inside. Line terminators of the removed text that `text` lacks are
  // appended, so that what follows stays on its line.
  // REQUIRES: replaced ranges do not overlap.
  void Replace(int start, int end, std::string text);

  bool empty() const { return edits_.empty(); }
  std::string Apply() const {
    return Apply(0, static_cast<int>(source_.size()));
  }
  // The output of the source bytes [start, end) alone, with the edits at
  // offsets in [start, end] (a closing at `end` included).
  std::string Apply(int start, int end) const;

 private:
  struct Edit {
    int pos;
    int order;  // 0 closing, 1 opening, 2 replacement
    int depth;  // closings: larger first; openings: smaller first
    int seq;    // insertion order, last tie-breaker
    int end;    // replacements only
    std::string text;
  };

  absl::string_view source_;
  std::vector<Edit> edits_;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_EDIT_BUFFER_H_
