#include "server/engine/spawner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errno_status.h"
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
    const std::vector<std::pair<std::string, std::string>>& extra_env) {
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
  posix_spawn_file_actions_adddup2(spawn.actions(), out_w.get(), 1);
  posix_spawn_file_actions_adddup2(spawn.actions(), err_w.get(), 2);
  if (!command.cwd.empty()) {
    posix_spawn_file_actions_addchdir_np(spawn.actions(), command.cwd.c_str());
  }
  // Everything else runyd holds (sockets, other children's pipes) stays out.
  posix_spawn_file_actions_addclosefrom_np(spawn.actions(), 3);

  pid_t pid = -1;
  int rc = posix_spawn(&pid, path->c_str(), spawn.actions(), spawn.attr(),
                       argv.data(), envp.data());
  if (rc != 0) {
    if (rc == ENOENT && !command.cwd.empty() &&
        access(command.cwd.c_str(), F_OK) != 0) {
      return ErrnoToStatus(rc, absl::StrCat("chdir ", command.cwd));
    }
    return ErrnoToStatus(rc, absl::StrCat("execve ", command.cmd));
  }
  fcntl(out_r.get(), F_SETFL, O_NONBLOCK);
  fcntl(err_r.get(), F_SETFL, O_NONBLOCK);
  SpawnedChild child;
  child.pid = pid;
  child.stdout_fd = std::move(out_r);
  child.stderr_fd = std::move(err_r);
  return child;
}

}  // namespace runy::engine
