// Running the real runy and runyd binaries from tests.
#ifndef RUNY_TESTS_TESTING_SUBPROCESS_H_
#define RUNY_TESTS_TESTING_SUBPROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace runy::testing {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  std::string out;
  std::string err;
};

// Runs argv[0] (a path) to completion with extra environment variables,
// capturing stdout and stderr; killed after `timeout`.
RunResult RunCommand(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& env = {},
                     absl::Duration timeout = absl::Seconds(60));

// A command running in the background with its stdout and stderr captured
// in files, for tests that signal it while it runs.
class Background {
 public:
  Background(const std::vector<std::string>& argv,
             const std::map<std::string, std::string>& env = {});
  ~Background();  // SIGKILL and reap if it still runs
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int sig);
  // Waits up to `timeout` for the exit: its exit code, or -1 when it was
  // killed by a signal (then `*signal` is set) or is still running.
  int Wait(absl::Duration timeout, int* signal = nullptr);
  std::string out() const;
  std::string err() const;

 private:
  std::string dir_;
  pid_t pid_ = -1;
};

// Path of a built binary from the environment ctest sets (RUNYD, RUNY).
std::string BinaryPath(const char* env_name);

// A runyd in the background on a private socket (and optionally TCP).
class Daemon {
 public:
  // Starts runyd with `args` plus --socket and --state-dir in a temp dir;
  // waits until the socket answers (up to 20 s).
  explicit Daemon(std::vector<std::string> args = {}, bool tcp = false);
  ~Daemon();  // SIGTERM, then waits (SIGKILL after 20 s)
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  bool ready() const { return ready_; }
  pid_t pid() const { return pid_; }
  const std::string& socket() const { return socket_; }
  int port() const { return port_; }
  std::string unix_uri() const { return "unix://" + socket_; }
  std::string tcp_uri() const;
  // With tcp: runyd's token file, and a token of each scope in it.
  std::string token_file() const { return dir_ + "/tokens"; }
  static constexpr char kControlToken[] = "control-token-0123456789abcdef";
  static constexpr char kReadToken[] = "read-token-0123456789abcdef";
  // runyd's stderr so far.
  std::string log() const;
  // Runs `runy --host <unix uri> args...`.
  RunResult Runy(const std::vector<std::string>& args,
                 absl::Duration timeout = absl::Seconds(60)) const;
  // SIGTERM and wait; returns the exit code (-1 on signal/timeout).
  int Stop();
  // SIGKILL, as a crash would end it (its children keep running).
  void Kill();
  // Stops it if it runs, then starts a new runyd with the same arguments,
  // socket and state directory; whether it answers.
  bool Relaunch();
  const std::string& dir() const { return dir_; }
  std::string state_dir() const { return dir_ + "/state"; }

 private:
  void Launch();

  std::vector<std::string> argv_;
  std::string dir_;
  std::string socket_;
  std::string log_path_;
  int port_ = 0;
  int tcp_port_ = 0;  // the first TCP port it serves, whoever chose it
  pid_t pid_ = -1;
  bool ready_ = false;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

}  // namespace runy::testing

#endif  // RUNY_TESTS_TESTING_SUBPROCESS_H_
