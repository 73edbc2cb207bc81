#include "server/state/instance_records.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "spdlog/spdlog.h"

namespace runy::state {
namespace {

constexpr char kVersion[] = "v1";

}  // namespace

std::optional<ProcIdentity> ReadProcIdentity(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buf[1024];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return std::nullopt;
  buf[n] = '\0';
  // "PID (COMM) S ..."; COMM may hold spaces and parentheses: the fields
  // start after the last ')'.
  char* close_paren = strrchr(buf, ')');
  if (close_paren == nullptr) return std::nullopt;
  std::vector<absl::string_view> fields = absl::StrSplit(
      absl::string_view(close_paren + 1), ' ', absl::SkipEmpty());
  // fields[0] is field 3 (state); start time is field 22.
  if (fields.size() < 20 || fields[0].empty()) return std::nullopt;
  ProcIdentity identity;
  identity.state = fields[0][0];
  if (!absl::SimpleAtoi(fields[2], &identity.pgid)) return std::nullopt;
  if (!absl::SimpleAtoi(fields[19], &identity.start_ticks)) return std::nullopt;
  return identity;
}

std::string FormatInstanceRecord(const InstanceRecord& record) {
  return absl::StrCat(kVersion, " ", record.pid, " ", record.start_ticks, " ",
                      record.stop_signal, " ",
                      absl::ToInt64Milliseconds(record.stop_timeout), " ",
                      record.alias, "\n");
}

std::optional<InstanceRecord> ParseInstanceRecord(const std::string& line) {
  std::vector<std::string> fields =
      absl::StrSplit(line, absl::ByAnyChar(" \n"), absl::SkipEmpty());
  if (fields.size() != 6 || fields[0] != kVersion) return std::nullopt;
  InstanceRecord record;
  int64_t timeout_ms = 0;
  if (!absl::SimpleAtoi(fields[1], &record.pid) || record.pid <= 1 ||
      !absl::SimpleAtoi(fields[2], &record.start_ticks) ||
      !absl::SimpleAtoi(fields[3], &record.stop_signal) ||
      record.stop_signal <= 0 || record.stop_signal >= 65 ||
      !absl::SimpleAtoi(fields[4], &timeout_ms) || timeout_ms < 0) {
    return std::nullopt;
  }
  record.stop_timeout = absl::Milliseconds(timeout_ms);
  record.alias = fields[5];
  return record;
}

InstanceRecords::InstanceRecords(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
}

std::string InstanceRecords::PathOf(pid_t pid) const {
  return absl::StrCat(dir_, "/", pid);
}

void InstanceRecords::Started(const engine::Instance& instance) {
  InstanceRecord record;
  record.pid = instance.pid;
  record.stop_signal = instance.stop_signal;
  record.stop_timeout = instance.stop_timeout;
  record.alias = instance.alias;
  // The child exists from the spawn on (its start time is fixed at fork).
  std::optional<ProcIdentity> identity = ReadProcIdentity(instance.pid);
  if (!identity.has_value()) return;  // already gone and reaped
  record.start_ticks = identity->start_ticks;
  std::string line = FormatInstanceRecord(record);
  std::string path = PathOf(instance.pid);
  std::string temp = absl::StrCat(dir_, "/.", instance.pid, ".new");
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && write(fd, line.data(), line.size()) ==
                           static_cast<ssize_t>(line.size());
  int err = errno;
  if (fd >= 0) close(fd);
  if (ok && rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    unlink(temp.c_str());
    if (!warned_) {
      warned_ = true;
      spdlog::warn(
          "cannot record pid {} in {}: {}; if runyd crashes, a new one will "
          "not find what this one left running",
          instance.pid, dir_, strerror(err));
    }
  }
}

void InstanceRecords::Ended(pid_t pid) { unlink(PathOf(pid).c_str()); }

void InstanceRecords::Forget(pid_t pid) { Ended(pid); }

std::vector<InstanceRecord> InstanceRecords::Load() {
  std::vector<InstanceRecord> records;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name[0] == '.') {  // an interrupted write
      std::filesystem::remove(entry.path(), ec);
      continue;
    }
    std::ifstream in(entry.path());
    std::stringstream content;
    content << in.rdbuf();
    std::optional<InstanceRecord> record = ParseInstanceRecord(content.str());
    pid_t pid = 0;
    if (!record.has_value() || !absl::SimpleAtoi(name, &pid) ||
        pid != record->pid) {
      spdlog::warn("ignoring the malformed record {}", entry.path().string());
      std::filesystem::remove(entry.path(), ec);
      continue;
    }
    records.push_back(std::move(*record));
  }
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a.pid < b.pid; });
  return records;
}

}  // namespace runy::state
