#include "server/engine/cgroup_tree.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/errno_status.h"

namespace runy::engine {
namespace {

// The mount point of the cgroup2 file system ("/sys/fs/cgroup", or
// "/sys/fs/cgroup/unified" on a hybrid system); empty when none.
std::string Cgroup2Mount() {
  std::ifstream mountinfo("/proc/self/mountinfo");
  for (std::string line; std::getline(mountinfo, line);) {
    // "36 25 0:31 / /sys/fs/cgroup rw,... - cgroup2 cgroup2 rw,..."
    size_t dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    std::vector<absl::string_view> after =
        absl::StrSplit(absl::string_view(line).substr(dash + 3), ' ');
    if (after.empty() || after[0] != "cgroup2") continue;
    std::vector<absl::string_view> before =
        absl::StrSplit(absl::string_view(line).substr(0, dash), ' ');
    if (before.size() >= 5 && before[3] == "/") return std::string(before[4]);
  }
  return "";
}

// runyd's own cgroup v2 path ("/system.slice/runyd.service"), from
// /proc/self/cgroup's "0::" line.
std::string OwnCgroup() {
  std::ifstream in("/proc/self/cgroup");
  for (std::string line; std::getline(in, line);) {
    if (absl::StartsWith(line, "0::")) return line.substr(3);
  }
  return "";
}

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

absl::StatusOr<std::unique_ptr<CgroupTree>> CgroupTree::Open(
    absl::string_view name) {
  std::string mount = Cgroup2Mount();
  if (mount.empty()) {
    return absl::FailedPreconditionError("cgroup v2 is not mounted");
  }
  std::string own = OwnCgroup();
  if (own.empty()) {
    return absl::FailedPreconditionError(
        "runyd's cgroup v2 is unknown (/proc/self/cgroup)");
  }
  std::string base = own == "/" ? mount : mount + own;
  std::string path = absl::StrCat(base, "/", name);
  if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create the cgroup ", path, ": ", ErrnoText(errno)));
  }
  // Writable through and through: a child cgroup can be made and removed.
  std::string probe = path + "/.probe";
  if (mkdir(probe.c_str(), 0755) != 0 && errno != EEXIST) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create cgroups in ", path, ": ", ErrnoText(errno)));
  }
  rmdir(probe.c_str());
  return std::unique_ptr<CgroupTree>(new CgroupTree(std::move(path)));
}

CgroupTree::~CgroupTree() {
  // What was SIGKILLed a moment ago (a forced shutdown) is gone in a few
  // milliseconds; a cgroup still in use after that stays.
  absl::Time deadline = absl::Now() + absl::Seconds(2);
  for (const std::string& alias : Aliases()) {
    while (Populated(alias) && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    Remove(alias);
  }
  rmdir(path_.c_str());
}

std::string CgroupTree::NameFor(const std::string& state_dir) {
  std::error_code ec;
  std::string canonical = std::filesystem::weakly_canonical(state_dir, ec);
  if (ec) canonical = state_dir;
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a: stable across builds
  for (unsigned char c : canonical) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return absl::StrFormat("runy-%016" PRIx64, hash);
}

absl::StatusOr<UniqueFd> CgroupTree::Prepare(const std::string& alias) {
  std::string path = PathOf(alias);
  if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
    return ErrnoToStatus(errno, absl::StrCat("mkdir ", path));
  }
  std::string procs = path + "/cgroup.procs";
  UniqueFd fd(open(procs.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoToStatus(errno, absl::StrCat("open ", procs));
  return fd;
}

std::vector<pid_t> CgroupTree::Members(const std::string& alias) const {
  std::vector<pid_t> pids;
  std::istringstream in(ReadSmallFile(PathOf(alias) + "/cgroup.procs"));
  for (pid_t pid; in >> pid;) pids.push_back(pid);
  return pids;
}

bool CgroupTree::Populated(const std::string& alias) const {
  std::string events = ReadSmallFile(PathOf(alias) + "/cgroup.events");
  return absl::StrContains(events, "populated 1");
}

int CgroupTree::Signal(const std::string& alias, int sig) {
  // Not cgroup.kill: on the kernels runy is tested on (6.18), a child
  // cloned into a cgroup once killed that way (clone3's CLONE_INTO_CGROUP)
  // is SIGKILLed at birth, and a process's cgroup is reused by its next
  // instance; kill(2) a member leaves no such trace. For SIGKILL, rounds until
  // nothing is left: a process killed cannot fork again, so a child forked
  // meanwhile is caught by the next round.
  std::set<pid_t> reached;
  std::vector<pid_t> pids = Members(alias);
  for (int round = 0; round < 100; ++round) {
    bool fresh = false;
    for (pid_t pid : pids) {
      if (!reached.insert(pid).second) continue;
      kill(pid, sig);
      fresh = true;
    }
    // Only the ones signalled already, dying: done.
    if (!fresh || sig != SIGKILL) break;
    pids = Members(alias);
  }
  return static_cast<int>(reached.size());
}

void CgroupTree::Remove(const std::string& alias) {
  rmdir(PathOf(alias).c_str());
}

std::vector<std::string> CgroupTree::Aliases() const {
  std::vector<std::string> aliases;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && name[0] != '.') aliases.push_back(name);
  }
  return aliases;
}

}  // namespace runy::engine
