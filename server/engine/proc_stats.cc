#include "server/engine/proc_stats.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/unique_fd.h"

namespace runy::engine {
namespace {

// Parses /proc/PID/stat into `stats`; false when unreadable.
bool ReadStat(const char* path, ProcStats* stats) {
  UniqueFd fd(open(path, O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  char buf[1024];
  ssize_t n = read(fd.get(), buf, sizeof buf - 1);
  if (n <= 0) return false;
  buf[n] = '\0';
  // The command name may hold spaces and parentheses: fields start after
  // the last ')'.
  const char* rest = strrchr(buf, ')');
  if (rest == nullptr || rest[1] == '\0') return false;
  std::vector<absl::string_view> fields =
      absl::StrSplit(absl::string_view(rest + 2), ' ');
  // fields[0] is field 3 (state): pgrp is 5, utime 14, stime 15, cutime 16,
  // cstime 17, rss 24.
  int64_t pgrp = 0, utime = 0, stime = 0, cutime = 0, cstime = 0;
  int64_t rss_pages = 0;
  if (fields.size() < 22 || !absl::SimpleAtoi(fields[2], &pgrp) ||
      !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime) ||
      !absl::SimpleAtoi(fields[13], &cutime) ||
      !absl::SimpleAtoi(fields[14], &cstime) ||
      !absl::SimpleAtoi(fields[21], &rss_pages)) {
    return false;
  }
  static const long ticks = sysconf(_SC_CLK_TCK);
  static const long page = sysconf(_SC_PAGESIZE);
  stats->cpu_time = absl::Seconds(
      static_cast<double>(utime + stime + cutime + cstime) / ticks);
  stats->rss_bytes = static_cast<uint64_t>(rss_pages > 0 ? rss_pages : 0) *
                     static_cast<uint64_t>(page);
  stats->pgid = static_cast<pid_t>(pgrp);
  return true;
}

}  // namespace

ProcStats ReadProcStats(pid_t pid) {
  ProcStats stats;
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  if (!ReadStat(path, &stats)) return ProcStats();
  return stats;
}

std::map<pid_t, ProcStats> ReadGroupStats(const std::set<pid_t>& pgids) {
  std::map<pid_t, ProcStats> groups;
  if (pgids.empty()) return groups;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return groups;
  char path[300];
  while (dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
    snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
    ProcStats one;
    if (!ReadStat(path, &one) || pgids.count(one.pgid) == 0) continue;
    ProcStats& sum = groups[one.pgid];
    sum.pgid = one.pgid;
    sum.cpu_time += one.cpu_time;
    sum.rss_bytes += one.rss_bytes;
  }
  closedir(proc);
  return groups;
}

}  // namespace runy::engine
