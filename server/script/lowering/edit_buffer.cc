#include "server/script/lowering/edit_buffer.h"

#include <algorithm>
#include <utility>

#include "server/script/lowering/source_file.h"

namespace runy::script {

void EditBuffer::InsertOpening(int pos, int depth, std::string text) {
  int seq = static_cast<int>(edits_.size());
  edits_.push_back(Edit{pos, 1, depth, seq, pos, std::move(text)});
}

void EditBuffer::InsertClosing(int pos, int depth, std::string text) {
  int seq = static_cast<int>(edits_.size());
  edits_.push_back(Edit{pos, 0, -depth, seq, pos, std::move(text)});
}

void EditBuffer::Replace(int start, int end, std::string text) {
  int missing = CountLineTerminators(source_.substr(start, end - start)) -
                CountLineTerminators(text);
  for (int i = 0; i < missing; ++i) text.push_back('\n');
  int seq = static_cast<int>(edits_.size());
  edits_.push_back(Edit{start, 2, 0, seq, end, std::move(text)});
}

std::string EditBuffer::Apply(int start, int end) const {
  std::vector<const Edit*> sorted;
  sorted.reserve(edits_.size());
  size_t extra = 0;
  for (const Edit& e : edits_) {
    if (e.pos < start || e.pos > end) continue;
    sorted.push_back(&e);
    extra += e.text.size();
  }
  std::sort(sorted.begin(), sorted.end(), [](const Edit* a, const Edit* b) {
    if (a->pos != b->pos) return a->pos < b->pos;
    if (a->order != b->order) return a->order < b->order;
    if (a->depth != b->depth) return a->depth < b->depth;
    return a->seq < b->seq;
  });
  std::string out;
  out.reserve(static_cast<size_t>(end - start) + extra);
  size_t copied = static_cast<size_t>(start);  // source bytes consumed
  for (const Edit* e : sorted) {
    size_t pos = static_cast<size_t>(e->pos);
    // An edit inside an already replaced range has nothing left to attach
    // to; Replace's contract rules it out.
    if (pos < copied) continue;
    out.append(source_.data() + copied, pos - copied);
    copied = pos;
    out.append(e->text);
    if (e->order == 2) copied = static_cast<size_t>(e->end);
  }
  if (copied < static_cast<size_t>(end)) {
    out.append(source_.data() + copied, static_cast<size_t>(end) - copied);
  }
  return out;
}

}  // namespace runy::script
