#include "server/engine/proc_stats.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/unique_fd.h"

namespace runy::engine {

ProcStats ReadProcStats(pid_t pid) {
  ProcStats stats;
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  UniqueFd fd(open(path, O_RDONLY | O_CLOEXEC));
  if (!fd) return stats;
  char buf[1024];
  ssize_t n = read(fd.get(), buf, sizeof buf - 1);
  if (n <= 0) return stats;
  buf[n] = '\0';
  // The command name may hold spaces and parentheses: fields start after
  // the last ')'.
  const char* rest = strrchr(buf, ')');
  if (rest == nullptr) return stats;
  std::vector<absl::string_view> fields =
      absl::StrSplit(absl::string_view(rest + 2), ' ');
  // fields[0] is field 3 (state): utime is 14, stime 15, rss 24.
  uint64_t utime = 0, stime = 0, rss_pages = 0;
  if (fields.size() < 22 || !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime) ||
      !absl::SimpleAtoi(fields[21], &rss_pages)) {
    return stats;
  }
  static const long ticks = sysconf(_SC_CLK_TCK);
  static const long page = sysconf(_SC_PAGESIZE);
  stats.cpu_time = absl::Seconds(static_cast<double>(utime + stime) / ticks);
  stats.rss_bytes = rss_pages * static_cast<uint64_t>(page);
  return stats;
}

}  // namespace runy::engine
