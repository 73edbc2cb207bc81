#include "server/logs/file_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void FileWriter::Enqueue(BlockPtr block) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
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
  if (wake) wake_.notify_one();
}

void FileWriter::Flush() {
  wake_.notify_one();
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [&] { return queue_.empty() && !writing_; });
}

uint64_t FileWriter::dropped_bytes(const std::string& alias) {
  std::lock_guard<std::mutex> lock(mu_);
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
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    waiting_ = true;
    wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    waiting_ = false;
    if (queue_.empty()) {
      if (stop_) return;
      continue;
    }
    // Let a trickle of small blocks gather: one write(2) per file per
    // batch, not one per line. Files may lag by kBatchDelay; readers of
    // recent lines use the memory tail.
    if (!stop_ && pending_bytes_ < kBatchBytes) {
      wake_.wait_for(lock, std::chrono::milliseconds(kBatchDelayMs),
                     [&] { return stop_ || pending_bytes_ >= kBatchBytes; });
    }
    std::deque<BlockPtr> batch;
    batch.swap(queue_);
    writing_ = true;
    lock.unlock();
    uint64_t written = WriteBatch(batch);
    lock.lock();
    pending_bytes_ -= written;
    writing_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

uint64_t FileWriter::WriteBatch(const std::deque<BlockPtr>& batch) {
  uint64_t total = 0;
  Block merged;
  for (size_t i = 0; i < batch.size(); ++i) {
    const Block& block = *batch[i];
    total += block.bytes.size();
    bool same = !merged.bytes.empty() && merged.alias == block.alias;
    if (!same && !merged.bytes.empty()) {
      Write(merged);
      merged.bytes.clear();
    }
    merged.alias = block.alias;
    merged.bytes.append(block.bytes);
    if (merged.bytes.size() >= kBatchBytes) {
      Write(merged);
      merged.bytes.clear();
    }
  }
  if (!merged.bytes.empty()) Write(merged);
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
  out->fd.reset(open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600));
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
      rename(absl::StrCat(base, ".", i).c_str(), absl::StrCat(base, ".", i + 1).c_str());
    }
    rename(base.c_str(), absl::StrCat(base, ".1").c_str());
  }
  return OpenOutput(alias, out);
}

void FileWriter::Write(const Block& block) {
  Output& out = outputs_[block.alias];
  absl::string_view rest = block.bytes;
  absl::Status status = absl::OkStatus();
  if (!out.fd) status = OpenOutput(block.alias, &out);
  while (status.ok() && !rest.empty()) {
    // Fill the live file up to the limit with whole records, then rotate.
    uint64_t room = out.size < options_.max_file_bytes
                        ? options_.max_file_bytes - out.size
                        : 0;
    size_t take = rest.size();
    if (take > room) {
      size_t cut = room == 0 ? absl::string_view::npos : rest.rfind('\n', room - 1);
      if (cut == absl::string_view::npos) {
        if (out.size > 0) {
          status = Rotate(block.alias, &out);
          continue;
        }
        // A record longer than a whole file: it gets a file of its own.
        cut = rest.find('\n');
        if (cut == absl::string_view::npos) cut = rest.size() - 1;
      }
      take = cut + 1;
    }
    status = WriteAll(&out, rest.substr(0, take), block.alias);
    if (status.ok()) rest.remove_prefix(take);
  }
  if (status.ok()) {
    if (out.failing) spdlog::info("logs of {}: writing again", block.alias);
    out.failing = false;
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    dropped_[block.alias] += rest.size();
  }
  if (!out.failing) {
    spdlog::warn("logs of {}: {} (dropping output until it works again)",
                 block.alias, std::string(status.message()));
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
      // Never leave half a record: the next write starts on a clean line.
      if (done > 0 && ftruncate(out->fd.get(), out->size) != 0) out->size += done;
      return ErrnoToStatus(n < 0 ? errno : ENOSPC,
                           absl::StrCat("write ", PathOf(alias)));
    }
    done += n;
  }
  out->size += done;
  return absl::OkStatus();
}

}  // namespace runy::logs
