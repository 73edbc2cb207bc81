#include "server/logs/file_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/errno_status.h"
#include "common/status_macros.h"
#include "server/logs/log_index.h"
#include "spdlog/spdlog.h"

namespace runy::logs {
namespace {

// The bytes of the lines of the records in `bytes`, headers left out.
uint64_t LineBytes(absl::string_view bytes) {
  uint64_t total = 0;
  RecordHeader h;
  while (ParseHeader(bytes, &h)) {
    size_t size = RecordSize(bytes, h);
    if (size == 0) break;
    total += size - h.header_size;
    bytes.remove_prefix(size);
  }
  return total;
}

}  // namespace

FileWriter::FileWriter(FileOptions options)
    : options_(std::move(options)), thread_([this] { Run(); }) {}

FileWriter::~FileWriter() {
  {
    MutexLock lock(&mu_);
    stop_ = true;
  }
  wake_.SignalAll();
  thread_.join();
}

void FileWriter::Enqueue(BlockPtr block) {
  bool wake = false;
  {
    MutexLock lock(&mu_);
    if (pending_bytes_ + block->bytes.size() > options_.max_pending_bytes) {
      dropped_[block->alias] += block->bytes.size();
      return;
    }
    pending_bytes_ += block->bytes.size();
    queue_.push_back(std::move(block));
    // A busy writer takes the queue when it is done: no wake-up needed
    // (a futex call per pipe read would cost more than the read).
    wake = waiting_ || pending_bytes_ >= kBatchBytes;
  }
  if (wake) wake_.Signal();
}

void FileWriter::Flush() {
  wake_.Signal();
  MutexLock lock(&mu_);
  while (!queue_.empty() || writing_) idle_.Wait(&mu_);
}

absl::Status FileWriter::Empty(const std::string& alias) {
  wake_.Signal();
  MutexLock lock(&mu_);
  // Once nothing is queued or being written, the writer thread waits for
  // mu_ before it touches a file again: the files are ours meanwhile.
  while (!queue_.empty() || writing_) idle_.Wait(&mu_);
  for (int i = 1; i < std::max(options_.max_files, 2); ++i) {
    std::string rotated = absl::StrCat(PathOf(alias), ".", i);
    for (const std::string& path : {rotated, IndexPathOf(rotated)}) {
      if (unlink(path.c_str()) != 0 && errno != ENOENT) {
        return ErrnoToStatus(errno, absl::StrCat("unlink ", path));
      }
    }
  }
  auto it = outputs_.find(alias);
  Output* out = it == outputs_.end() ? nullptr : &it->second;
  for (const std::string& path : {PathOf(alias), IndexPathOf(PathOf(alias))}) {
    bool is_text = path == PathOf(alias);
    UniqueFd* fd = out == nullptr ? nullptr
                   : is_text      ? &out->text
                                  : &out->index;
    int rc = fd != nullptr && *fd ? ftruncate(fd->get(), 0)
                                  : truncate(path.c_str(), 0);
    if (rc != 0 && errno != ENOENT) {
      return ErrnoToStatus(errno, absl::StrCat("truncate ", path));
    }
  }
  if (out != nullptr) {
    out->size = 0;
    out->index_size = 0;
  }
  return absl::OkStatus();
}

uint64_t FileWriter::dropped_bytes(const std::string& alias) {
  MutexLock lock(&mu_);
  auto it = dropped_.find(alias);
  return it == dropped_.end() ? 0 : it->second;
}

std::string FileWriter::PathOf(const std::string& alias) const {
  return absl::StrCat(options_.dir, "/", alias, ".log");
}

std::vector<std::string> FileWriter::Files(const std::string& alias) const {
  std::vector<std::string> files;
  for (int i = options_.max_files - 1; i >= 1; --i) {
    std::string path = absl::StrCat(PathOf(alias), ".", i);
    if (access(path.c_str(), F_OK) == 0) files.push_back(path);
  }
  if (access(PathOf(alias).c_str(), F_OK) == 0) files.push_back(PathOf(alias));
  return files;
}

void FileWriter::Run() {
  ConvertFormerLayout();
  mu_.lock();
  for (;;) {
    waiting_ = true;
    while (!stop_ && queue_.empty()) wake_.Wait(&mu_);
    waiting_ = false;
    if (queue_.empty()) {
      if (stop_) break;
      continue;
    }
    // Let a trickle of small blocks gather: one write(2) per file per
    // batch, not one per line. Files may lag by kBatchDelay; readers of
    // recent lines use the memory tail.
    absl::Time until = absl::Now() + absl::Milliseconds(kBatchDelayMs);
    while (!stop_ && pending_bytes_ < kBatchBytes) {
      absl::Duration left = until - absl::Now();
      if (left <= absl::ZeroDuration() || !wake_.WaitFor(&mu_, left)) break;
    }
    std::deque<BlockPtr> batch;
    batch.swap(queue_);
    writing_ = true;
    mu_.unlock();
    uint64_t written = WriteBatch(batch);
    mu_.lock();
    pending_bytes_ -= written;
    writing_ = false;
    if (queue_.empty()) idle_.SignalAll();
  }
  mu_.unlock();
}

void FileWriter::ConvertFormerLayout() {
  if (options_.dir.empty()) return;
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(options_.dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    std::string path = entry.path().string();
    if (path.find(".log") == std::string::npos) continue;
    absl::Status status = ConvertRecordFile(path);
    if (!status.ok()) {
      spdlog::warn("logs: {} (left as it is)", std::string(status.message()));
    }
  }
}

uint64_t FileWriter::WriteBatch(const std::deque<BlockPtr>& batch) {
  uint64_t total = 0;
  // Blocks of one process that follow each other go in one write; the
  // deque is cut into runs of one alias.
  std::vector<BlockPtr> run;
  for (size_t i = 0; i < batch.size(); ++i) {
    total += batch[i]->bytes.size();
    run.push_back(batch[i]);
    if (i + 1 == batch.size() || batch[i + 1]->alias != batch[i]->alias) {
      Write(run.front()->alias, run.data(), run.size());
      run.clear();
    }
  }
  return total;
}

absl::Status FileWriter::OpenOutput(const std::string& alias, Output* out) {
  if (!dir_ok_) {
    std::error_code ec;
    std::filesystem::create_directories(options_.dir + "/.index", ec);
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("create ", options_.dir, "/.index: ", ec.message()));
    }
    dir_ok_ = true;
  }
  std::string path = PathOf(alias);
  out->text.reset(
      open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600));
  if (!out->text) return ErrnoToStatus(errno, absl::StrCat("open ", path));
  std::string index = IndexPathOf(path);
  out->index.reset(
      open(index.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600));
  if (!out->index) {
    out->text.reset();
    return ErrnoToStatus(errno, absl::StrCat("open ", index));
  }
  out->size = 0;
  out->index_size = 0;
  return Recheck(out);
}

absl::Status FileWriter::Recheck(Output* out) {
  struct stat text, index;
  if (fstat(out->text.get(), &text) != 0 ||
      fstat(out->index.get(), &index) != 0) {
    return ErrnoToStatus(errno, absl::StrCat("fstat in ", options_.dir));
  }
  if (static_cast<uint64_t>(text.st_size) == out->size &&
      static_cast<uint64_t>(index.st_size) == out->index_size) {
    return absl::OkStatus();
  }
  // Opened just now, or changed by someone else (truncated, appended to).
  RUNY_ASSIGN_OR_RETURN(out->size,
                        Reconcile(out->text.get(), out->index.get()));
  if (fstat(out->index.get(), &index) != 0) {
    return ErrnoToStatus(errno, absl::StrCat("fstat in ", options_.dir));
  }
  out->index_size = static_cast<uint64_t>(index.st_size);
  return absl::OkStatus();
}

absl::Status FileWriter::Rotate(const std::string& alias, Output* out) {
  out->text.reset();
  out->index.reset();
  std::string base = PathOf(alias);
  auto move = [](const std::string& from, const std::string& to) {
    rename(from.c_str(), to.c_str());
    rename(IndexPathOf(from).c_str(), IndexPathOf(to).c_str());
  };
  if (options_.max_files <= 1) {
    unlink(base.c_str());
    unlink(IndexPathOf(base).c_str());
  } else {
    for (int i = options_.max_files - 2; i >= 1; --i) {
      move(absl::StrCat(base, ".", i), absl::StrCat(base, ".", i + 1));
    }
    move(base, absl::StrCat(base, ".1"));
  }
  return OpenOutput(alias, out);
}

void FileWriter::Add(const RecordHeader& h, absl::string_view lines,
                     const Output& out, Pending* p) {
  if (h.stream == engine::Stream::kSystem) {
    AppendEntry(h, 0, 0, lines, &p->index);
    p->system_bytes += lines.size();
    return;
  }
  AppendEntry(h, out.size + p->text_bytes, lines.size(), {}, &p->index);
  p->text.push_back(iovec{const_cast<char*>(lines.data()), lines.size()});
  p->text_bytes += lines.size();
}

absl::Status FileWriter::Commit(const std::string& alias, Output* out,
                                Pending* p) {
  size_t done = 0;  // iovecs written
  uint64_t written = 0;
  absl::Status status = absl::OkStatus();
  while (done < p->text.size()) {
    int n_iov =
        static_cast<int>(std::min<size_t>(p->text.size() - done, IOV_MAX));
    ssize_t n = writev(out->text.get(), p->text.data() + done, n_iov);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      status = ErrnoToStatus(n < 0 ? errno : ENOSPC,
                             absl::StrCat("write ", PathOf(alias)));
      break;
    }
    written += static_cast<uint64_t>(n);
    size_t left = static_cast<size_t>(n);
    while (left > 0 && left >= p->text[done].iov_len) {
      left -= p->text[done].iov_len;
      ++done;
    }
    if (left > 0) {
      p->text[done].iov_base =
          static_cast<char*>(p->text[done].iov_base) + left;
      p->text[done].iov_len -= left;
    }
  }
  if (status.ok()) {
    absl::string_view index = p->index;
    while (!index.empty()) {
      ssize_t n = write(out->index.get(), index.data(), index.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        status =
            ErrnoToStatus(n < 0 ? errno : ENOSPC,
                          absl::StrCat("write ", IndexPathOf(PathOf(alias))));
        break;
      }
      index.remove_prefix(static_cast<size_t>(n));
    }
  }
  if (status.ok()) {
    out->size += written;
    out->index_size += p->index.size();
    *p->committed += written + p->system_bytes;
  } else {
    // Never leave half a write: lines without an entry, or an entry
    // without its lines.
    if (ftruncate(out->text.get(), static_cast<off_t>(out->size)) != 0)
      out->size += written;
    if (ftruncate(out->index.get(), static_cast<off_t>(out->index_size)) != 0)
      out->index_size = 0;
  }
  p->text.clear();
  p->text_bytes = 0;
  p->system_bytes = 0;
  p->index.clear();
  return status;
}

absl::Status FileWriter::WriteRecords(const std::string& alias, Output* out,
                                      const BlockPtr* blocks, size_t count,
                                      uint64_t* committed) {
  Pending p;
  p.committed = committed;
  uint64_t max = std::max<uint64_t>(options_.max_file_bytes, 1);
  for (size_t b = 0; b < count; ++b) {
    absl::string_view rest = blocks[b]->bytes;
    RecordHeader h;
    while (ParseHeader(rest, &h)) {
      size_t size = RecordSize(rest, h);
      if (size == 0) break;
      absl::string_view lines =
          rest.substr(h.header_size, size - h.header_size);
      rest.remove_prefix(size);
      if (h.stream == engine::Stream::kSystem) {
        Add(h, lines, *out, &p);
        continue;
      }
      // Whole records up to the limit, then rotate; a record larger than
      // a whole file is split by lines (at least one line a file).
      while (!lines.empty()) {
        uint64_t used = out->size + p.text_bytes;
        if (used > 0 && used + lines.size() > max) {
          RUNY_RETURN_IF_ERROR(Commit(alias, out, &p));
          if (out->size > 0) RUNY_RETURN_IF_ERROR(Rotate(alias, out));
          continue;
        }
        if (lines.size() <= max) {
          Add(h, lines, *out, &p);
          break;
        }
        size_t end = 0, n = 0;
        while (n < h.count) {
          size_t nl = lines.find('\n', end);
          if (n > 0 && nl + 1 > max) break;
          end = nl + 1;
          ++n;
        }
        RecordHeader piece = h;
        piece.count = n;
        Add(piece, lines.substr(0, end), *out, &p);
        h.count -= n;
        lines.remove_prefix(end);
      }
      if (p.text.size() >= IOV_MAX)
        RUNY_RETURN_IF_ERROR(Commit(alias, out, &p));
    }
  }
  return Commit(alias, out, &p);
}

void FileWriter::Write(const std::string& alias, const BlockPtr* blocks,
                       size_t count) {
  Output& out = outputs_[alias];
  absl::Status status = out.text ? Recheck(&out) : OpenOutput(alias, &out);
  uint64_t committed = 0;
  if (status.ok())
    status = WriteRecords(alias, &out, blocks, count, &committed);
  if (status.ok()) {
    if (out.failing) spdlog::info("logs of {}: writing again", alias);
    out.failing = false;
    return;
  }
  uint64_t lost = 0;
  for (size_t i = 0; i < count; ++i) lost += LineBytes(blocks[i]->bytes);
  lost -= std::min(lost, committed);
  {
    MutexLock lock(&mu_);
    dropped_[alias] += lost;
  }
  if (!out.failing) {
    spdlog::warn("logs of {}: {} (dropping output until it works again)", alias,
                 std::string(status.message()));
  }
  out.failing = true;
  // Reopen next time: the directory may have been fixed or recreated.
  out.text.reset();
  out.index.reset();
}

}  // namespace runy::logs
