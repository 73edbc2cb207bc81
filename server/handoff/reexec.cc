#include "server/handoff/reexec.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errno_status.h"
#include "server/handoff/handoff.h"

extern char** environ;

namespace runy::handoff {

Invocation CurrentInvocation(int argc, char** argv) {
  Invocation invocation;
  char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n > 0) {
    invocation.executable.assign(path, static_cast<size_t>(n));
  } else if (argc > 0 && realpath(argv[0], path) != nullptr) {
    invocation.executable = path;
  }
  for (int i = 0; i < argc; ++i) invocation.argv.emplace_back(argv[i]);
  return invocation;
}

absl::Status CheckStarts(const std::string& executable,
                         absl::Duration timeout) {
  if (executable.empty()) {
    return absl::FailedPreconditionError(
        "cannot tell which binary runyd was started from");
  }
  if (access(executable.c_str(), X_OK) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(executable, " cannot be executed (", std::strerror(errno),
                     "): runyd goes on as it is"));
  }
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return ErrnoToStatus(errno, "pipe2");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  char* const args[] = {const_cast<char*>(executable.c_str()),
                        const_cast<char*>("--version"), nullptr};
  pid_t pid = 0;
  int spawned =
      posix_spawn(&pid, executable.c_str(), &actions, &attr, args, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    return absl::FailedPreconditionError(
        absl::StrCat(executable, " does not start (", std::strerror(spawned),
                     "): runyd goes on as it is"));
  }
  std::string output;
  absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    int left =
        static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
    if (left <= 0) break;
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, left) <= 0) continue;
    char buf[256];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    output.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  // This is one of runyd's own children, but not in the engine's table:
  // reaped here (the loop's SIGCHLD handler finds nothing of it).
  int status = 0;
  pid_t reaped = 0;
  while (absl::Now() < deadline + absl::Seconds(1)) {
    reaped = waitpid(pid, &status, WNOHANG);
    if (reaped != 0) break;
    absl::SleepFor(absl::Milliseconds(5));
  }
  if (reaped == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return absl::FailedPreconditionError(absl::StrCat(
        executable, " --version did not finish within ",
        absl::FormatDuration(timeout), ": runyd goes on as it is"));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      !absl::StartsWith(output, "runyd ")) {
    std::string how =
        WIFSIGNALED(status)
            ? absl::StrCat("was killed by signal ", WTERMSIG(status))
            : absl::StrCat("exited with code ", WEXITSTATUS(status));
    return absl::FailedPreconditionError(
        absl::StrCat(executable, " --version ", how,
                     " instead of naming its version: runyd goes on as it is"));
  }
  return absl::OkStatus();
}

absl::Status Exec(const Invocation& invocation, int handoff_fd) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!absl::StartsWith(*e, absl::StrCat(kFdVariable, "="))) {
      env.emplace_back(*e);
    }
  }
  env.push_back(absl::StrCat(kFdVariable, "=", handoff_fd));
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = invocation.argv;
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  execve(invocation.executable.c_str(), argv.data(), envp.data());
  return ErrnoToStatus(errno, absl::StrCat("execve ", invocation.executable));
}

}  // namespace runy::handoff
