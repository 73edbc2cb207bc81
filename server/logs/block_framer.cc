#include "server/logs/block_framer.h"

#include <cstring>

namespace runy::logs {

void BlockFramer::EmitLine(absl::string_view line, Emit emit) {
  while (line.size() > max_line_) {
    scratch_.assign(line.data(), max_line_);
    scratch_.push_back('\n');
    emit(scratch_, 1, true);
    line.remove_prefix(max_line_);
  }
  scratch_.assign(line.data(), line.size());
  scratch_.push_back('\n');
  emit(scratch_, 1, false);
}

void BlockFramer::TrimPartial(Emit emit) {
  if (partial_.size() <= max_line_) return;
  size_t cut = 0;
  while (partial_.size() - cut > max_line_) {
    scratch_.assign(partial_, cut, max_line_);
    scratch_.push_back('\n');
    emit(scratch_, 1, true);
    cut += max_line_;
  }
  partial_.erase(0, cut);
}

void BlockFramer::Feed(absl::string_view bytes, Emit emit) {
  if (!partial_.empty()) {
    // Finish the line the previous chunk left open (copied: it is short or
    // rare), then go on without copying.
    size_t nl = bytes.find('\n');
    if (nl == absl::string_view::npos) {
      partial_.append(bytes.data(), bytes.size());
      TrimPartial(emit);
      return;
    }
    partial_.append(bytes.data(), nl);
    EmitLine(partial_, emit);
    partial_.clear();
    bytes.remove_prefix(nl + 1);
  }
  const char* base = bytes.data();
  size_t size = bytes.size();
  size_t run_start = 0, pos = 0, count = 0;
  while (pos < size) {
    const void* found = std::memchr(base + pos, '\n', size - pos);
    if (found == nullptr) break;
    size_t nl = static_cast<const char*>(found) - base;
    if (nl - pos > max_line_) {
      if (count > 0)
        emit(absl::string_view(base + run_start, pos - run_start), count,
             false);
      EmitLine(absl::string_view(base + pos, nl - pos), emit);
      count = 0;
      run_start = nl + 1;
    } else {
      ++count;
    }
    pos = nl + 1;
  }
  if (count > 0)
    emit(absl::string_view(base + run_start, pos - run_start), count, false);
  if (pos < size) {
    partial_.assign(base + pos, size - pos);
    TrimPartial(emit);
  }
}

void BlockFramer::Flush(Emit emit) {
  if (partial_.empty()) return;
  EmitLine(partial_, emit);
  partial_.clear();
}

}  // namespace runy::logs
