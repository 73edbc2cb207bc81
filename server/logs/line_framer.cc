#include "server/logs/line_framer.h"

namespace runy::logs {

void LineFramer::Feed(absl::string_view bytes, const LineCallback& emit) {
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    absl::string_view piece =
        nl == absl::string_view::npos ? bytes : bytes.substr(0, nl);
    // Cut overlong lines into max_line_ pieces marked as continued.
    while (partial_.size() + piece.size() > max_line_) {
      size_t take = max_line_ - partial_.size();
      if (partial_.empty()) {
        emit(piece.substr(0, take), true);
      } else {
        partial_.append(piece.data(), take);
        emit(partial_, true);
        partial_.clear();
      }
      piece.remove_prefix(take);
    }
    if (nl == absl::string_view::npos) {
      partial_.append(piece.data(), piece.size());
      return;
    }
    if (partial_.empty()) {
      emit(piece, false);
    } else {
      partial_.append(piece.data(), piece.size());
      emit(partial_, false);
      partial_.clear();
    }
    bytes.remove_prefix(nl + 1);
  }
}

void LineFramer::Flush(const LineCallback& emit) {
  if (partial_.empty()) return;
  emit(partial_, false);
  partial_.clear();
}

}  // namespace runy::logs
