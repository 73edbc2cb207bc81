#include "server/engine/spawner.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errno_status.h"
#include "common/unique_fd.h"
#include "server/engine/pipe_budget.h"

extern char** environ;

namespace runy::engine {
namespace {

// The merged environment, built before spawning: the child runs no code of
// ours between fork and exec.
std::vector<std::string> BuildEnv(
    const CommandSpec& command,
    const std::vector<std::pair<std::string, std::string>>& extra_env) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    absl::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == absl::string_view::npos) continue;
    vars[std::string(entry.substr(0, eq))] = std::string(entry.substr(eq + 1));
  }
  for (const auto& [key, value] : command.env) vars[key] = value;
  for (const auto& [key, value] : extra_env) vars[key] = value;
  std::vector<std::string> out;
  out.reserve(vars.size());
  for (const auto& [key, value] : vars)
    out.push_back(absl::StrCat(key, "=", value));
  return out;
}

std::string PathOf(const std::vector<std::string>& env) {
  for (const std::string& entry : env) {
    if (absl::StartsWith(entry, "PATH=")) return entry.substr(5);
  }
  return "/usr/local/bin:/usr/bin:/bin";
}

class SpawnAttrs {
 public:
  SpawnAttrs() {
    posix_spawnattr_init(&attr_);
    posix_spawn_file_actions_init(&actions_);
  }
  ~SpawnAttrs() {
    posix_spawnattr_destroy(&attr_);
    posix_spawn_file_actions_destroy(&actions_);
  }
  SpawnAttrs(const SpawnAttrs&) = delete;
  SpawnAttrs& operator=(const SpawnAttrs&) = delete;
  posix_spawnattr_t* attr() { return &attr_; }
  posix_spawn_file_actions_t* actions() { return &actions_; }

 private:
  posix_spawnattr_t attr_;
  posix_spawn_file_actions_t actions_;
};

// The error of a spawn that failed with `err` after the clone (in the
// child) or in it.
absl::Status SpawnError(int err, const CommandSpec& command, bool in_chdir) {
  if (in_chdir) return ErrnoToStatus(err, absl::StrCat("chdir ", command.cwd));
  return ErrnoToStatus(err, absl::StrCat("execve ", command.cmd));
}

absl::Status PosixSpawn(const std::string& path, const CommandSpec& command,
                        std::vector<char*>& argv, std::vector<char*>& envp,
                        int out_w, int err_w, pid_t* pid) {
  SpawnAttrs spawn;
  sigset_t empty, all;
  sigemptyset(&empty);
  sigfillset(&all);
  posix_spawnattr_setsigmask(spawn.attr(), &empty);
  posix_spawnattr_setsigdefault(spawn.attr(), &all);
  posix_spawnattr_setflags(spawn.attr(), POSIX_SPAWN_SETSID |
                                             POSIX_SPAWN_SETSIGMASK |
                                             POSIX_SPAWN_SETSIGDEF);
  posix_spawn_file_actions_addopen(spawn.actions(), 0, "/dev/null", O_RDONLY,
                                   0);
  posix_spawn_file_actions_adddup2(spawn.actions(), out_w, 1);
  posix_spawn_file_actions_adddup2(spawn.actions(), err_w, 2);
  if (!command.cwd.empty()) {
    posix_spawn_file_actions_addchdir_np(spawn.actions(), command.cwd.c_str());
  }
  // Everything else runyd holds (sockets, other children's pipes) stays out.
  posix_spawn_file_actions_addclosefrom_np(spawn.actions(), 3);
  int rc = posix_spawn(pid, path.c_str(), spawn.actions(), spawn.attr(),
                       argv.data(), envp.data());
  if (rc == 0) return absl::OkStatus();
  if (rc == EAGAIN || rc == ENOMEM) {
    // The clone itself failed: a process limit (RLIMIT_NPROC, pids.max,
    // kernel.threads-max) or memory, not the command.
    return ErrnoToStatus(rc, "fork");
  }
  bool in_chdir = rc == ENOENT && !command.cwd.empty() &&
                  access(command.cwd.c_str(), F_OK) != 0;
  return SpawnError(rc, command, in_chdir);
}

// What the child of SpawnIntoCgroup needs, and what it reports: it shares
// the parent's memory (CLONE_VM), and the parent waits (CLONE_VFORK) until
// it has exec'ed or failed.
struct ChildPlan {
  const char* path;
  const char* cwd;  // null: runyd's
  char* const* argv;
  char* const* envp;
  int out_w;
  int err_w;
  int cgroup_procs;  // <cgroup>/cgroup.procs, open for writing
  // Set by a child that failed, with what it was doing.
  int err = 0;
  const char* stage = nullptr;
};

// The child: on its own small stack, in the parent's memory, so system
// calls only (what posix_spawn's child does), and writes to `plan` alone.
int RunChild(void* arg) {
  ChildPlan* plan = static_cast<ChildPlan*>(arg);
  // First into its cgroup, before anything of the program runs: nothing it
  // forks can be born outside.
  if (write(plan->cgroup_procs, "0", 1) != 1) {
    plan->err = errno;
    plan->stage = "joining its cgroup";
    _exit(127);
  }
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &dfl, nullptr);
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, nullptr);
  setsid();
  int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null < 0 || dup2(null, 0) < 0 || dup2(plan->out_w, 1) < 0 ||
      dup2(plan->err_w, 2) < 0) {
    plan->err = errno;
    plan->stage = "its standard descriptors";
    _exit(127);
  }
  if (plan->cwd != nullptr && chdir(plan->cwd) != 0) {
    plan->err = errno;
    plan->stage = "chdir";
    _exit(127);
  }
  // Everything else runyd holds (sockets, other children's pipes) stays out.
  syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
  execve(plan->path, plan->argv, plan->envp);
  plan->err = errno;
  _exit(127);
}

// posix_spawn, plus a first step in the child: moving itself into the
// cgroup of `cgroup_procs`. (clone3's CLONE_INTO_CGROUP would need a fork
// of runyd's whole address space: 0.7 ms a spawn more on a 20 MB heap,
// against 0.03 ms for the child's move.)
absl::Status SpawnIntoCgroup(int cgroup_procs, const std::string& path,
                             const CommandSpec& command,
                             std::vector<char*>& argv, std::vector<char*>& envp,
                             int out_w, int err_w, pid_t* pid) {
  constexpr size_t kStack = 64 * 1024;
  long page = sysconf(_SC_PAGESIZE);
  void* stack = mmap(nullptr, kStack + page, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) return ErrnoToStatus(errno, "mmap");
  mprotect(stack, page, PROT_NONE);  // a guard below the stack
  ChildPlan plan{
      path.c_str(), command.cwd.empty() ? nullptr : command.cwd.c_str(),
      argv.data(),  envp.data(),
      out_w,        err_w,
      cgroup_procs};
  // No handler of runyd's may run in the child, which shares its memory:
  // everything blocked until the child has reset them.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t child = clone(RunChild, static_cast<char*>(stack) + kStack + page,
                      CLONE_VM | CLONE_VFORK | SIGCHLD, &plan);
  int clone_err = errno;
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  munmap(stack, kStack + page);
  if (child < 0) {
    if (clone_err == EAGAIN || clone_err == ENOMEM) {
      return ErrnoToStatus(clone_err, "fork");
    }
    return ErrnoToStatus(clone_err, "clone");
  }
  if (plan.err == 0) {
    *pid = child;
    return absl::OkStatus();
  }
  // It never ran: reaped here (the engine's reaper ignores unknown pids).
  waitpid(child, nullptr, 0);
  if (plan.stage == nullptr) return SpawnError(plan.err, command, false);
  if (std::strcmp(plan.stage, "chdir") == 0) {
    return SpawnError(plan.err, command, true);
  }
  return ErrnoToStatus(
      plan.err, absl::StrCat("spawning ", command.cmd, ": ", plan.stage));
}

}  // namespace

absl::StatusOr<std::string> ResolveCommand(const std::string& cmd,
                                           const std::string& path_var) {
  if (absl::StrContains(cmd, '/')) return cmd;
  int last_error = ENOENT;
  for (absl::string_view dir : absl::StrSplit(path_var, ':')) {
    std::string candidate =
        absl::StrCat(dir.empty() ? absl::string_view(".") : dir, "/", cmd);
    struct stat st;
    if (stat(candidate.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    last_error = EACCES;
  }
  return ErrnoToStatus(last_error, absl::StrCat("execve ", cmd));
}

absl::StatusOr<SpawnedChild> Spawn(
    const CommandSpec& command,
    const std::vector<std::pair<std::string, std::string>>& extra_env,
    int cgroup_procs) {
  std::vector<std::string> env = BuildEnv(command, extra_env);
  auto path = ResolveCommand(command.cmd, PathOf(env));
  if (!path.ok()) return path.status();

  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return ErrnoToStatus(errno, "pipe");
  UniqueFd out_r(out_pipe[0]), out_w(out_pipe[1]);
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return ErrnoToStatus(errno, "pipe");
  UniqueFd err_r(err_pipe[0]), err_w(err_pipe[1]);
  // Small until proven chatty (see PipeBudget): sized while still empty.
  PipeBudget::SizeNewPipe(out_r.get());
  PipeBudget::SizeNewPipe(err_r.get());

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(command.cmd.c_str()));
  for (const std::string& arg : command.args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  absl::Status spawned =
      cgroup_procs >= 0 ? SpawnIntoCgroup(cgroup_procs, *path, command, argv,
                                          envp, out_w.get(), err_w.get(), &pid)
                        : PosixSpawn(*path, command, argv, envp, out_w.get(),
                                     err_w.get(), &pid);
  if (!spawned.ok()) return spawned;
  fcntl(out_r.get(), F_SETFL, O_NONBLOCK);
  fcntl(err_r.get(), F_SETFL, O_NONBLOCK);
  SpawnedChild child;
  child.pid = pid;
  child.stdout_fd = std::move(out_r);
  child.stderr_fd = std::move(err_r);
  return child;
}

}  // namespace runy::engine
