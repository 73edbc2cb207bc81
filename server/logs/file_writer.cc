#include "server/logs/file_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/errno_status.h"
#include "spdlog/spdlog.h"

namespace runy::logs {

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
    if (unlink(rotated.c_str()) != 0 && errno != ENOENT) {
      return ErrnoToStatus(errno, absl::StrCat("unlink ", rotated));
    }
  }
  auto it = outputs_.find(alias);
  if (it != outputs_.end() && it->second.fd) {
    if (ftruncate(it->second.fd.get(), 0) != 0) {
      return ErrnoToStatus(errno, absl::StrCat("truncate ", PathOf(alias)));
    }
    it->second.size = 0;
    return absl::OkStatus();
  }
  if (truncate(PathOf(alias).c_str(), 0) != 0 && errno != ENOENT) {
    return ErrnoToStatus(errno, absl::StrCat("truncate ", PathOf(alias)));
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

uint64_t FileWriter::WriteBatch(const std::deque<BlockPtr>& batch) {
  uint64_t total = 0;
  std::string merged;
  std::string merged_alias;
  for (const BlockPtr& block : batch) {
    total += block->bytes.size();
    if (!merged.empty() && merged_alias != block->alias) {
      Write(merged_alias, merged);
      merged.clear();
    }
    if (merged.empty() && block->bytes.size() >= kBatchBytes) {
      Write(block->alias, block->bytes);  // big enough alone: no copy
      continue;
    }
    merged_alias = block->alias;
    merged.append(block->bytes);
    if (merged.size() >= kBatchBytes) {
      Write(merged_alias, merged);
      merged.clear();
    }
  }
  if (!merged.empty()) Write(merged_alias, merged);
  return total;
}

absl::Status FileWriter::OpenOutput(const std::string& alias, Output* out) {
  if (!dir_ok_) {
    std::error_code ec;
    std::filesystem::create_directories(options_.dir, ec);
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("create ", options_.dir, ": ", ec.message()));
    }
    dir_ok_ = true;
  }
  std::string path = PathOf(alias);
  out->fd.reset(
      open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600));
  if (!out->fd) return ErrnoToStatus(errno, absl::StrCat("open ", path));
  struct stat st;
  out->size = fstat(out->fd.get(), &st) == 0 ? st.st_size : 0;
  return absl::OkStatus();
}

absl::Status FileWriter::Rotate(const std::string& alias, Output* out) {
  out->fd.reset();
  std::string base = PathOf(alias);
  if (options_.max_files <= 1) {
    unlink(base.c_str());
  } else {
    for (int i = options_.max_files - 2; i >= 1; --i) {
      rename(absl::StrCat(base, ".", i).c_str(),
             absl::StrCat(base, ".", i + 1).c_str());
    }
    rename(base.c_str(), absl::StrCat(base, ".1").c_str());
  }
  return OpenOutput(alias, out);
}

void FileWriter::Write(const std::string& alias, absl::string_view rest) {
  Output& out = outputs_[alias];
  absl::Status status = absl::OkStatus();
  if (!out.fd) status = OpenOutput(alias, &out);
  std::string piece;
  while (status.ok() && !rest.empty()) {
    uint64_t room = out.size < options_.max_file_bytes
                        ? options_.max_file_bytes - out.size
                        : 0;
    if (rest.size() <= room) {
      status = WriteAll(&out, rest, alias);
      if (status.ok()) rest = absl::string_view();
      continue;
    }
    // Whole records up to the limit; then rotate.
    size_t fit = 0;
    RecordHeader h;
    while (fit < rest.size() && ParseHeader(rest.substr(fit), &h)) {
      size_t size = RecordSize(rest.substr(fit), h);
      if (size == 0 || fit + size > room) break;
      fit += size;
    }
    if (fit > 0) {
      status = WriteAll(&out, rest.substr(0, fit), alias);
      if (status.ok()) rest.remove_prefix(fit);
      continue;
    }
    if (out.size > 0) {
      status = Rotate(alias, &out);
      continue;
    }
    // One record larger than a whole file: split it by lines (at least one
    // line a file), each part with a header of its own.
    if (!ParseHeader(rest, &h) || RecordSize(rest, h) == 0) {
      status = WriteAll(&out, rest, alias);  // not records: keep the bytes
      if (status.ok()) rest = absl::string_view();
      continue;
    }
    size_t end = h.header_size, lines = 0;
    while (lines < h.count) {
      size_t nl = rest.find('\n', end);
      if (lines > 0 && nl + 1 > room) break;
      end = nl + 1;
      ++lines;
    }
    piece.clear();
    AppendHeader(absl::FromUnixNanos(h.unix_ns), h.run, h.stream, h.continued,
                 lines, &piece);
    piece.append(rest.data() + h.header_size, end - h.header_size);
    status = WriteAll(&out, piece, alias);
    if (!status.ok()) break;
    if (lines == h.count) {
      rest.remove_prefix(end);
      continue;
    }
    // The rest of the record, re-headed, stays in front (in `carry`).
    std::string carry;
    AppendHeader(absl::FromUnixNanos(h.unix_ns), h.run, h.stream, h.continued,
                 h.count - lines, &carry);
    carry.append(rest.data() + end, rest.size() - end);
    Write(alias, carry);
    return;
  }
  if (status.ok()) {
    if (out.failing) spdlog::info("logs of {}: writing again", alias);
    out.failing = false;
    return;
  }
  {
    MutexLock lock(&mu_);
    dropped_[alias] += rest.size();
  }
  if (!out.failing) {
    spdlog::warn("logs of {}: {} (dropping output until it works again)", alias,
                 std::string(status.message()));
  }
  out.failing = true;
  // Reopen next time: the directory may have been fixed or recreated.
  out.fd.reset();
}

absl::Status FileWriter::WriteAll(Output* out, absl::string_view bytes,
                                  const std::string& alias) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(out->fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // Never leave half a record: the next write starts on a clean record.
      if (done > 0 && ftruncate(out->fd.get(), out->size) != 0)
        out->size += done;
      return ErrnoToStatus(n < 0 ? errno : ENOSPC,
                           absl::StrCat("write ", PathOf(alias)));
    }
    done += n;
  }
  out->size += done;
  return absl::OkStatus();
}

}  // namespace runy::logs
