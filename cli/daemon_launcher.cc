#include "cli/daemon_launcher.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/state_file.h"

namespace runy::cli {
namespace {

bool Executable(const std::string& path) {
  return access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::string FindRunyd() {
  const char* env = std::getenv("RUNYD");
  if (env != nullptr && *env != '\0') return env;
  std::error_code ec;
  std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const auto& candidate :
         {self.parent_path() / "runyd",
          self.parent_path().parent_path() / "server" / "runyd"}) {
      if (Executable(candidate.string())) return candidate.string();
    }
  }
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path ? path : "/usr/bin:/bin", ':')) {
    std::string candidate = absl::StrCat(dir, "/runyd");
    if (Executable(candidate)) return candidate;
  }
  return "";
}

bool SocketAnswers(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

absl::Status LaunchDaemon(const std::string& socket_path,
                          absl::Duration timeout) {
  std::string runyd = FindRunyd();
  if (runyd.empty()) {
    return absl::UnavailableError(
        "no runyd is running and none was found to start (set RUNYD or put "
        "runyd on PATH)");
  }
  std::string state_dir = DefaultStateDir();
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  std::string log = state_dir + "/runyd.log";
  pid_t pid = fork();
  if (pid < 0)
    return absl::UnavailableError(absl::StrCat("fork: ", std::strerror(errno)));
  if (pid == 0) {
    // A daemon of its own: new session, no terminal, output to its log;
    // a clean signal mask (runy may have blocked some).
    setsid();
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, nullptr);
    // O_CLOEXEC: the copies dup2 makes survive exec; these do not.
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int out =
        open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (in >= 0) dup2(in, 0);
    if (out >= 0) {
      dup2(out, 1);
      dup2(out, 2);
    }
    execl(runyd.c_str(), runyd.c_str(), "--socket", socket_path.c_str(),
          "--state-dir", state_dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (SocketAnswers(socket_path)) {
      std::fprintf(stderr, "runy: started runyd (pid %d) on %s; its log: %s\n",
                   pid, socket_path.c_str(), log.c_str());
      return absl::OkStatus();
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return absl::UnavailableError(
          absl::StrCat("runyd exited at start-up; see ", log));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return absl::UnavailableError(
      absl::StrCat("runyd did not answer on ", socket_path, " within ",
                   absl::FormatDuration(timeout), "; see ", log));
}

absl::Status WaitUntilGone(const std::string& socket_path,
                           absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (!SocketAnswers(socket_path)) return absl::OkStatus();
    absl::SleepFor(absl::Milliseconds(10));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("runyd at unix://", socket_path, " is still running after ",
                   absl::FormatDuration(timeout)));
}

}  // namespace runy::cli
