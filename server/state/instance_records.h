// Every child runyd has running, on disk: one small file per process group
// leader in <state dir>/instances/, written as the child starts and removed
// as it is reaped. After a crash of runyd they say what it left behind.
//
// Each record is written to a temporary file and renamed into place, but
// not fsync'ed: a record has to outlive runyd, which the page cache does; a
// power cut or a kernel crash ends the processes it describes as well.
#ifndef RUNY_SERVER_STATE_INSTANCE_RECORDS_H_
#define RUNY_SERVER_STATE_INSTANCE_RECORDS_H_

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/engine/instance_journal.h"

namespace runy::state {

// What /proc says of a pid: its start time (clock ticks after boot, field
// 22 of /proc/PID/stat), which tells a process from a later one that got
// the same pid, its state letter ('Z' for a zombie) and its process group.
struct ProcIdentity {
  uint64_t start_ticks = 0;
  char state = '?';
  pid_t pgid = 0;
};
// Nothing when no process has that pid.
std::optional<ProcIdentity> ReadProcIdentity(pid_t pid);

struct InstanceRecord {
  pid_t pid = 0;  // also the process group (every child leads its own)
  uint64_t start_ticks = 0;
  int stop_signal = 0;
  absl::Duration stop_timeout;
  std::string alias;
};

// Thread: the engine's (the journal calls); Load and Forget before the
// engine starts anything.
class InstanceRecords : public engine::InstanceJournal {
 public:
  // Creates `dir` if needed; a directory that cannot be written is logged
  // once and records are then not kept.
  explicit InstanceRecords(std::string dir);

  void Started(const engine::Instance& instance) override;
  void Ended(pid_t pid) override;

  // Every record found, in pid order; unreadable ones are removed.
  std::vector<InstanceRecord> Load();
  void Forget(pid_t pid);

  const std::string& dir() const { return dir_; }

 private:
  std::string PathOf(pid_t pid) const;

  std::string dir_;
  bool warned_ = false;
};

// The record's line, and back (nothing for a malformed line).
std::string FormatInstanceRecord(const InstanceRecord& record);
std::optional<InstanceRecord> ParseInstanceRecord(const std::string& line);

}  // namespace runy::state

#endif  // RUNY_SERVER_STATE_INSTANCE_RECORDS_H_
