// The cgroups of runyd's processes (cgroup v2): one a process, in a subtree
// of runyd's own cgroup. A child joins its cgroup before it execs
// (spawner.h), so every descendant of it stays there,
// whatever it does: one that calls setsid or forks twice leaves the process
// group but not the cgroup. A stop's signals and SIGKILL reach all of them,
// and after a crash the next runyd finds all of them.
//
// Where cgroup v2 is not mounted or not writable, runyd tracks processes by
// process group only, and says so (Open's error).
#ifndef RUNY_SERVER_ENGINE_CGROUP_TREE_H_
#define RUNY_SERVER_ENGINE_CGROUP_TREE_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/unique_fd.h"

namespace runy::engine {

// Thread: the engine's loop.
class CgroupTree {
 public:
  // The subtree `name` (a file name) under runyd's own cgroup, created if
  // needed. FailedPrecondition with the reason when cgroup v2 cannot be
  // used.
  static absl::StatusOr<std::unique_ptr<CgroupTree>> Open(
      absl::string_view name);
  // The subtree of one state directory: "runy-" and a hash of its path,
  // so that the runyd after a crash finds the same one.
  static std::string NameFor(const std::string& state_dir);

  // Removes the empty cgroups, and the subtree when all are.
  ~CgroupTree();
  CgroupTree(const CgroupTree&) = delete;
  CgroupTree& operator=(const CgroupTree&) = delete;

  const std::string& path() const { return path_; }
  std::string PathOf(const std::string& alias) const {
    return path_ + "/" + alias;
  }

  // `alias`'s cgroup (created if needed): its cgroup.procs, open for
  // writing, for the child to join it (spawner.h).
  absl::StatusOr<UniqueFd> Prepare(const std::string& alias);
  // The pids in `alias`'s cgroup.
  std::vector<pid_t> Members(const std::string& alias) const;
  bool Populated(const std::string& alias) const;
  // `sig` to every process in it; SIGKILL again to what forked meanwhile.
  // How many processes it reached.
  int Signal(const std::string& alias, int sig);
  // Removes `alias`'s cgroup if it is empty.
  void Remove(const std::string& alias);
  // The aliases that have a cgroup here.
  std::vector<std::string> Aliases() const;

 private:
  explicit CgroupTree(std::string path) : path_(std::move(path)) {}

  std::string path_;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_CGROUP_TREE_H_
