// CPU and memory of running processes and of their process groups, read
// from /proc.
#ifndef RUNY_SERVER_ENGINE_PROC_STATS_H_
#define RUNY_SERVER_ENGINE_PROC_STATS_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <set>

#include "absl/time/time.h"

namespace runy::engine {

struct ProcStats {
  absl::Duration cpu_time;  // user + system, with reaped children's
  uint64_t rss_bytes = 0;
  pid_t pgid = 0;
};

// Zeros when the process is gone or /proc is unreadable. Thread: any.
ProcStats ReadProcStats(pid_t pid);

// One pass over /proc: for each group of `pgids`, the sums over its live
// members (cpu_time, rss_bytes). A group with no member is absent.
// Thread: any.
std::map<pid_t, ProcStats> ReadGroupStats(const std::set<pid_t>& pgids);

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PROC_STATS_H_
