// What an earlier runyd left running when it died (SIGKILL, a crash, an
// OOM kill): found from its instance records and ended the way `runy stop`
// ends a process, before the new runyd starts anything, so no service ever
// runs twice.
//
// A record is acted on only while its pid still has the recorded start
// time: a pid the kernel has since given to another program is left alone.
// A descendant that left the process group (setsid or setpgid of its own)
// is not in any record: where processes have cgroups (cgroup_tree.h),
// EndCgroupLeftovers ends what is still in them; without, it stays.
#ifndef RUNY_SERVER_STATE_LEFTOVERS_H_
#define RUNY_SERVER_STATE_LEFTOVERS_H_

#include <sys/types.h>

#include <functional>
#include <set>
#include <string>

#include "absl/time/time.h"
#include "server/engine/cgroup_tree.h"
#include "server/state/instance_records.h"

namespace runy::state {

struct LeftoverCounts {
  int found = 0;    // records of live processes of an earlier runyd
  int stopped = 0;  // ended by their stop signal
  int killed = 0;   // SIGKILLed after their stop timeout
  int foreign = 0;  // pid reused by another program: left alone
};

// Says what happened to the process of `alias` ("pid 12 left running by an
// earlier runyd: stopping it").
using LeftoverLog =
    std::function<void(const std::string& alias, const std::string& line)>;

// Ends every leftover of `records` in parallel: its stop signal to its
// process group, then SIGKILL once its stop timeout has passed, and forgets
// the records. Blocks until all are gone: at most the longest stop timeout
// plus `kill_grace`.
// Records of `keep` (the processes a re-exec handed over) are left alone.
LeftoverCounts EndLeftovers(InstanceRecords* records, const LeftoverLog& log,
                            const std::set<pid_t>& keep = {},
                            absl::Duration kill_grace = absl::Seconds(2));

// After EndLeftovers: SIGKILLs whatever is still in the cgroup of an alias
// not in `keep` (the aliases a re-exec handed over), and removes the empty
// cgroups. How many processes it ended.
int EndCgroupLeftovers(engine::CgroupTree* cgroups, const LeftoverLog& log,
                       const std::set<std::string>& keep = {});

}  // namespace runy::state

#endif  // RUNY_SERVER_STATE_LEFTOVERS_H_
