#include "common/state_writer.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/state_file.h"
#include "spdlog/spdlog.h"

namespace runy {

StateWriter::StateWriter(absl::Duration retry_every)
    : retry_every_(retry_every), thread_([this] { Run(); }) {}

StateWriter::~StateWriter() {
  {
    MutexLock lock(&mu_);
    stopping_ = true;
  }
  changed_.SignalAll();
  thread_.join();
}

bool StateWriter::Save(const std::string& path, std::string content) {
  {
    MutexLock lock(&mu_);
    auto it = failing_.find(path);
    if (it != failing_.end()) {
      // The retries write it, in order with what they write already.
      it->second = std::move(content);
      return false;
    }
  }
  absl::Status written = WriteFileAtomically(path, content);
  if (written.ok()) return true;
  spdlog::warn("{}; the old {} is intact; retrying every {}",
               std::string(written.message()), path,
               absl::FormatDuration(retry_every_));
  {
    MutexLock lock(&mu_);
    failing_[path] = std::move(content);
  }
  changed_.SignalAll();
  return false;
}

int StateWriter::failing() const {
  MutexLock lock(&mu_);
  return static_cast<int>(failing_.size());
}

void StateWriter::Flush() {
  MutexLock lock(&mu_);
  if (failing_.empty()) return;
  // A round under way may have read the old content already.
  uint64_t wanted = rounds_ + (in_round_ ? 2 : 1);
  hurry_ = true;
  changed_.SignalAll();
  while (rounds_ < wanted && !failing_.empty()) changed_.Wait(&mu_);
}

void StateWriter::Run() {
  mu_.lock();
  absl::Time next = absl::InfiniteFuture();
  bool last_round = false;
  for (;;) {
    if (failing_.empty()) {
      if (stopping_) break;
      next = absl::InfiniteFuture();
      changed_.Wait(&mu_);
      continue;
    }
    if (next == absl::InfiniteFuture()) next = absl::Now() + retry_every_;
    if (stopping_) {
      if (last_round) break;
      last_round = true;
    } else if (!hurry_ && absl::Now() < next) {
      changed_.WaitFor(&mu_, next - absl::Now());
      continue;
    }
    hurry_ = false;
    in_round_ = true;
    std::map<std::string, std::string> round = failing_;
    mu_.unlock();
    std::vector<std::string> done;
    for (const auto& [path, content] : round) {
      if (WriteFileAtomically(path, content).ok()) done.push_back(path);
    }
    mu_.lock();
    for (const std::string& path : done) {
      auto it = failing_.find(path);
      // Newer content came meanwhile: the next round writes it.
      if (it == failing_.end() || it->second != round[path]) continue;
      failing_.erase(it);
      spdlog::info("saved {} (it had failed before)", path);
    }
    in_round_ = false;
    ++rounds_;
    next = absl::Now() + retry_every_;
    changed_.SignalAll();
  }
  for (const auto& [path, content] : failing_) {
    spdlog::error("{} could not be saved: it keeps its earlier content", path);
  }
  mu_.unlock();
}

}  // namespace runy
