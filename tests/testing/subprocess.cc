#include "tests/testing/subprocess.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

extern char** environ;

namespace runy::testing {
namespace {

std::vector<std::string> MergedEnv(
    const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq != std::string::npos)
      vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) {
    if (v.empty()) {
      vars.erase(k);  // an empty value unsets
    } else {
      vars[k] = v;
    }
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

pid_t SpawnWithFiles(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& env,
                     const std::string& out_path, const std::string& err_path) {
  std::vector<std::string> envs = MergedEnv(env);
  std::vector<char*> cargv, cenv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  for (auto& e : envs) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0].c_str(), &actions, &attr, cargv.data(),
                  cenv.data()) != 0) {
    pid = -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return pid;
}

// Waits for `pid` up to `timeout`; kills it after. Returns the exit code or -1.
int WaitExit(pid_t pid, absl::Duration timeout) {
  int status = 0;
  bool done =
      WaitFor([&] { return waitpid(pid, &status, WNOHANG) == pid; }, timeout);
  if (!done) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool CanConnect(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

bool CanConnectTcp(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

RunResult RunCommand(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& env,
                     absl::Duration timeout) {
  TempDir dir;
  RunResult result;
  pid_t pid = SpawnWithFiles(argv, env, dir.Join("out"), dir.Join("err"));
  if (pid < 0) {
    result.err = "cannot spawn " + argv[0];
    return result;
  }
  result.exit_code = WaitExit(pid, timeout);
  result.out = ReadFile(dir.Join("out"));
  result.err = ReadFile(dir.Join("err"));
  return result;
}

Background::Background(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& env) {
  char pattern[] = "/tmp/runy-bg-XXXXXX";
  dir_ = mkdtemp(pattern);
  pid_ = SpawnWithFiles(argv, env, dir_ + "/out", dir_ + "/err");
}

Background::~Background() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void Background::Signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

int Background::Wait(absl::Duration timeout, int* signal) {
  if (pid_ <= 0) return -1;
  int status = 0;
  if (!WaitFor([&] { return waitpid(pid_, &status, WNOHANG) == pid_; },
               timeout)) {
    return -1;
  }
  pid_ = -1;
  if (WIFSIGNALED(status)) {
    if (signal != nullptr) *signal = WTERMSIG(status);
    return -1;
  }
  return WEXITSTATUS(status);
}

std::string Background::out() const { return ReadFile(dir_ + "/out"); }
std::string Background::err() const { return ReadFile(dir_ + "/err"); }

std::string BinaryPath(const char* env_name) {
  const char* path = getenv(env_name);
  return path ? path : "";
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

Daemon::Daemon(std::vector<std::string> args, bool tcp) {
  char pattern[] = "/tmp/runy-e2e-XXXXXX";
  dir_ = mkdtemp(pattern);
  socket_ = dir_ + "/run/runyd.sock";
  log_path_ = dir_ + "/runyd.log";
  // A --socket among `args` replaces ours.
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--socket") socket_ = args[i + 1];
  }
  std::vector<std::string> argv = {BinaryPath("RUNYD"), "--socket", socket_,
                                   "--state-dir", dir_ + "/state"};
  if (tcp) {
    port_ = FreePort();
    argv.push_back("--listen");
    argv.push_back(absl::StrCat("127.0.0.1:", port_));
    int fd = open(token_file().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::string tokens =
        absl::StrCat(kControlToken, " control\n", kReadToken, " read\n");
    if (fd >= 0) {
      if (write(fd, tokens.data(), tokens.size()) < 0) tokens.clear();
      close(fd);
    }
    argv.push_back("--token-file");
    argv.push_back(token_file());
  }
  argv.insert(argv.end(), args.begin(), args.end());
  // The first TCP port runyd will serve, whoever chose it.
  tcp_port_ = port_;
  for (size_t i = 0; tcp_port_ == 0 && i + 1 < args.size(); ++i) {
    size_t colon = args[i + 1].rfind(':');
    if (args[i] == "--listen" && colon != std::string::npos) {
      tcp_port_ = std::atoi(args[i + 1].c_str() + colon + 1);
    }
  }
  argv_ = std::move(argv);
  Launch();
}

bool Daemon::Relaunch() {
  Stop();
  Launch();
  return ready_;
}

void Daemon::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  WaitExit(pid_, absl::Seconds(20));
  pid_ = -1;
}

void Daemon::Launch() {
  pid_ = SpawnWithFiles(argv_, {}, dir_ + "/runyd.out", log_path_);
  ready_ = pid_ > 0 &&
           WaitFor(
               [&] {
                 int status;
                 if (waitpid(pid_, &status, WNOHANG) == pid_) {
                   pid_ = -1;
                   return true;
                 }
                 // runyd listens on its socket before gRPC has bound
                 // its TCP ports: a TCP test waits for both.
                 return CanConnect(socket_) &&
                        (tcp_port_ == 0 || CanConnectTcp(tcp_port_));
               },
               absl::Seconds(20)) &&
           pid_ > 0;
}

Daemon::~Daemon() {
  Stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

int Daemon::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int code = WaitExit(pid_, absl::Seconds(20));
  pid_ = -1;
  return code;
}

std::string Daemon::tcp_uri() const {
  return absl::StrCat("tcp://127.0.0.1:", port_);
}

std::string Daemon::log() const { return ReadFile(log_path_); }

RunResult Daemon::Runy(const std::vector<std::string>& args,
                       absl::Duration timeout) const {
  std::vector<std::string> argv = {BinaryPath("RUNY"), "--host", unix_uri()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, {}, timeout);
}

}  // namespace runy::testing
