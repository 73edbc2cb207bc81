// CPU and memory of a running process, read from /proc.
#ifndef RUNY_SERVER_ENGINE_PROC_STATS_H_
#define RUNY_SERVER_ENGINE_PROC_STATS_H_

#include <sys/types.h>

#include <cstdint>

#include "absl/time/time.h"

namespace runy::engine {

struct ProcStats {
  absl::Duration cpu_time;  // user + system
  uint64_t rss_bytes = 0;
};

// Zeros when the process is gone or /proc is unreadable.
ProcStats ReadProcStats(pid_t pid);

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_PROC_STATS_H_
