#include "server/logs/history.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <memory>
#include <utility>

#include "common/unique_fd.h"
#include "server/logs/log_index.h"

namespace runy::logs {
namespace {

bool Accepts(const HistoryQuery& q, int64_t unix_ns, engine::Stream stream) {
  return unix_ns >= q.since_ns &&
         (q.streams.empty() || q.streams.count(stream) != 0);
}

// One source's files, opened once.
struct OpenSource {
  const HistorySource* source;
  std::vector<std::unique_ptr<IndexedFileReader>> files;
  int64_t memory_start_ns = INT64_MAX;  // files hold what is older
  size_t first_file = 0;                // where reading starts
};

int64_t FirstRecordTime(const std::vector<BlockPtr>& memory) {
  for (const BlockPtr& block : memory) {
    RecordHeader h;
    if (ParseHeader(block->bytes, &h)) return h.unix_ns;
  }
  return INT64_MAX;
}

// Lines of `file` that the query selects and memory does not hold,
// counted from the headers alone.
int64_t CountFileLines(IndexedFileReader* file, const OpenSource& s,
                       const HistoryQuery& q) {
  int64_t lines = 0;
  RecordHeader h;
  absl::string_view text;
  while (file->Next(&h, &text) && h.unix_ns < s.memory_start_ns) {
    if (Accepts(q, h.unix_ns, h.stream)) lines += static_cast<int64_t>(h.count);
  }
  file->Rewind();
  return lines;
}

int64_t CountMemoryLines(const HistorySource& source, const HistoryQuery& q) {
  int64_t lines = 0;
  for (const BlockPtr& block : source.memory) {
    absl::string_view bytes = block->bytes;
    RecordHeader h;
    while (ParseHeader(bytes, &h)) {
      size_t size = RecordSize(bytes, h);
      if (size == 0) break;
      if (Accepts(q, h.unix_ns, h.stream))
        lines += static_cast<int64_t>(h.count);
      bytes.remove_prefix(size);
    }
  }
  return lines;
}

// The newest files that the query needs: back to `since`, and back far
// enough to hold `tail` lines.
size_t FirstFileNeeded(OpenSource* s, const HistoryQuery& q) {
  size_t count = s->files.size();
  if (count == 0) return 0;
  size_t for_since = 0;
  if (q.since_ns > 0) {
    for (size_t i = count; i-- > 0;) {
      RecordHeader h;
      absl::string_view lines;
      bool has = s->files[i]->Next(&h, &lines);
      s->files[i]->Rewind();
      if (has && h.unix_ns <= q.since_ns) {
        for_since = i;
        break;
      }
    }
  }
  if (q.tail <= 0) return for_since;
  int64_t need = q.tail - CountMemoryLines(*s->source, q);
  size_t for_tail = count;  // memory alone is enough
  for (size_t i = count; need > 0 && i-- > 0;) {
    need -= CountFileLines(s->files[i].get(), *s, q);
    for_tail = i;
  }
  return std::max(for_since, for_tail);
}

// Forward over one source: its file records older than the memory tail,
// then its memory blocks; only the lines the query selects.
class Cursor {
 public:
  Cursor(OpenSource* s, const HistoryQuery& q)
      : s_(s), q_(q), file_(s->first_file) {
    Load();
  }

  bool valid() const { return index_ < lines_.size(); }
  const RecordView& line() const { return lines_[index_]; }
  const std::string& alias() const { return s_->source->alias; }
  void Advance() {
    if (++index_ >= lines_.size()) Load();
  }

 private:
  // The next record with selected lines; none at the end.
  void Load() {
    lines_.clear();
    index_ = 0;
    while (lines_.empty()) {
      size_t before = lines_.size();
      if (!NextRecord()) return;
      size_t kept = before;
      for (size_t i = before; i < lines_.size(); ++i) {
        if (Accepts(q_, lines_[i].unix_ns, lines_[i].stream)) {
          lines_[kept++] = lines_[i];
        }
      }
      lines_.resize(kept);
    }
  }

  // Parses the next record into lines_; false at the end.
  bool NextRecord() {
    while (file_ < s_->files.size()) {
      RecordHeader h;
      absl::string_view lines;
      if (!s_->files[file_]->Next(&h, &lines)) {
        ++file_;
        continue;
      }
      if (h.unix_ns < s_->memory_start_ns) {
        ParseLines(h, lines, &lines_);
        return true;
      }
      file_ = s_->files.size();  // memory holds the rest
    }
    if (block_ < s_->source->memory.size()) {
      ParseRecords(s_->source->memory[block_++]->bytes, &lines_);
      return true;
    }
    return false;
  }

  OpenSource* s_;
  const HistoryQuery& q_;
  size_t file_;
  size_t block_ = 0;
  std::vector<RecordView> lines_;
  size_t index_ = 0;
};

std::vector<OpenSource> Open(const std::vector<HistorySource>& sources,
                             const HistoryQuery& q) {
  std::vector<OpenSource> open;
  for (const HistorySource& source : sources) {
    OpenSource s;
    s.source = &source;
    s.memory_start_ns =
        std::min(FirstRecordTime(source.memory), source.live_from_ns);
    if (q.use_files) {
      for (const std::string& path : source.files) {
        UniqueFd text(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!text) continue;
        UniqueFd index(::open(IndexPathOf(path).c_str(), O_RDONLY | O_CLOEXEC));
        s.files.push_back(std::make_unique<IndexedFileReader>(
            std::move(text), std::move(index)));
      }
    }
    open.push_back(std::move(s));
  }
  return open;
}

}  // namespace

void ReadHistory(const std::vector<HistorySource>& sources,
                 const HistoryQuery& query,
                 const std::function<bool(const std::string& alias,
                                          const RecordView& line)>& emit,
                 const std::function<bool()>& cancelled) {
  auto stop = [&] { return cancelled && cancelled(); };
  std::vector<OpenSource> open = Open(sources, query);
  for (OpenSource& s : open) {
    if (stop()) return;
    s.first_file = FirstFileNeeded(&s, query);
  }
  // With a tail, the lines before the last `tail` of the merge are skipped:
  // counted first, so nothing is held to find them.
  int64_t skip = 0;
  if (query.tail > 0) {
    int64_t total = 0;
    for (OpenSource& s : open) {
      for (Cursor c(&s, query); c.valid(); c.Advance()) {
        if (++total % 65536 == 0 && stop()) return;
      }
      for (auto& file : s.files) file->Rewind();
    }
    skip = std::max<int64_t>(0, total - query.tail);
  }
  std::vector<Cursor> cursors;
  cursors.reserve(open.size());
  for (OpenSource& s : open) cursors.emplace_back(&s, query);
  for (;;) {
    Cursor* next = nullptr;
    for (Cursor& c : cursors) {
      if (c.valid() &&
          (next == nullptr || c.line().unix_ns < next->line().unix_ns)) {
        next = &c;
      }
    }
    if (next == nullptr) return;
    if (skip > 0) {
      --skip;
    } else if (!emit(next->alias(), next->line())) {
      return;
    }
    next->Advance();
  }
}

}  // namespace runy::logs
