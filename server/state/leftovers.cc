#include "server/state/leftovers.h"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/engine/process_spec.h"

namespace runy::state {
namespace {

constexpr absl::Duration kPollInterval = absl::Milliseconds(10);

// Which of `pgids` still have a member that is not a zombie, from one pass
// over /proc. A zombie counts as gone: the earlier runyd's children now
// belong to init, and the init of many containers never reaps them. Once
// the leader is gone its pid stays taken while the group exists, so a
// group of that id is still ours.
std::set<pid_t> LiveGroups(const std::set<pid_t>& pgids) {
  std::set<pid_t> live;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return pgids;  // cannot tell: assume alive
  while (dirent* entry = readdir(proc)) {
    pid_t pid = 0;
    if (!absl::SimpleAtoi(entry->d_name, &pid)) continue;
    std::optional<ProcIdentity> identity = ReadProcIdentity(pid);
    if (!identity.has_value() || identity->state == 'Z' ||
        identity->state == 'X' || pgids.count(identity->pgid) == 0) {
      continue;
    }
    live.insert(identity->pgid);
  }
  closedir(proc);
  return live;
}

struct Leftover {
  InstanceRecord record;
  absl::Time deadline;
  bool killed = false;
};

}  // namespace

LeftoverCounts EndLeftovers(InstanceRecords* records, const LeftoverLog& log,
                            const std::set<pid_t>& keep,
                            absl::Duration kill_grace) {
  LeftoverCounts counts;
  std::vector<Leftover> pending;
  absl::Time now = absl::Now();
  // Ours: the pid still has the recorded start time (the leader may be a
  // zombie by now), or no process has it any more while its group still has
  // members (the pid of a group's leader is not given out again while the
  // group exists).
  std::vector<InstanceRecord> ours;
  std::set<pid_t> pgids;
  for (InstanceRecord& record : records->Load()) {
    if (keep.count(record.pid) != 0) continue;
    std::optional<ProcIdentity> identity = ReadProcIdentity(record.pid);
    if (!identity.has_value() || identity->start_ticks == record.start_ticks) {
      pgids.insert(record.pid);
      ours.push_back(std::move(record));
      continue;
    }
    if (identity.has_value()) {
      ++counts.foreign;
      log(record.alias, absl::StrCat("pid ", record.pid,
                                     " of an earlier runyd now belongs to "
                                     "another program: left alone"));
    }
    records->Forget(record.pid);
  }
  std::set<pid_t> live = LiveGroups(pgids);
  for (InstanceRecord& record : ours) {
    if (live.count(record.pid) == 0) {
      records->Forget(record.pid);
      continue;
    }
    ++counts.found;
    log(record.alias,
        absl::StrCat("pid ", record.pid,
                     " was left running by an earlier runyd: stopping it (",
                     engine::SignalName(record.stop_signal), ", SIGKILL after ",
                     absl::FormatDuration(record.stop_timeout), ")"));
    kill(-record.pid, record.stop_signal);
    pending.push_back(Leftover{record, now + record.stop_timeout});
  }
  while (!pending.empty()) {
    now = absl::Now();
    pgids.clear();
    for (const Leftover& leftover : pending) pgids.insert(leftover.record.pid);
    live = LiveGroups(pgids);
    for (auto it = pending.begin(); it != pending.end();) {
      pid_t pgid = it->record.pid;
      if (live.count(pgid) == 0) {
        if (it->killed) {
          ++counts.killed;
        } else {
          ++counts.stopped;
        }
        log(it->record.alias,
            absl::StrCat("pid ", pgid, it->killed ? " killed" : " stopped",
                         " (left by an earlier runyd)"));
        records->Forget(pgid);
        it = pending.erase(it);
        continue;
      }
      if (!it->killed && now >= it->deadline) {
        it->killed = true;
        it->deadline = now + kill_grace;
        kill(-pgid, SIGKILL);
      } else if (it->killed && now >= it->deadline) {
        // Unkillable (stuck in the kernel, D state):
        // nothing more to do, and no reason to hold up the start.
        log(it->record.alias, absl::StrCat("pid ", pgid,
                                           " does not go away after SIGKILL; "
                                           "going on without it"));
        ++counts.killed;
        records->Forget(pgid);
        it = pending.erase(it);
        continue;
      }
      ++it;
    }
    if (!pending.empty()) absl::SleepFor(kPollInterval);
  }
  return counts;
}

int EndCgroupLeftovers(engine::CgroupTree* cgroups, const LeftoverLog& log,
                       const std::set<std::string>& keep) {
  int ended = 0;
  for (const std::string& alias : cgroups->Aliases()) {
    if (keep.count(alias) != 0) continue;
    if (cgroups->Populated(alias)) {
      int n = cgroups->Signal(alias, SIGKILL);
      ended += n;
      log(alias,
          absl::StrCat("killed ", n,
                       " process(es) an earlier runyd left in the "
                       "cgroup ",
                       cgroups->PathOf(alias), " (outside its process group)"));
      // Gone in a moment: every one of them has its SIGKILL.
      for (int i = 0; i < 100 && cgroups->Populated(alias); ++i) {
        usleep(10 * 1000);
      }
    }
    cgroups->Remove(alias);
  }
  return ended;
}

}  // namespace runy::state
