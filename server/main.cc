// runyd: flags, the signal mask, then RunDaemon().
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/address.h"
#include "common/byte_size.h"
#include "common/state_file.h"
#include "common/version.h"
#include "server/daemon.h"
#include "server/script/eval_main.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

namespace {

constexpr char kUsage[] =
    "usage: runyd [--services PATH]... [--watch-services] [--socket PATH]\n"
    "             [--listen HOST:PORT]... [--token-file F]\n"
    "             [--tls-cert F --tls-key F [--tls-client-ca F]]\n"
    "             [--socket-group GROUP] [--allow-load DIR]...\n"
    "             [--state-dir DIR] [--log-max-size N] [--log-max-files N]\n"
    "             [--no-cgroups] [--log-level LEVEL] [--version]\n"
    "\n"
    "Runs the runy supervisor in the foreground.\n"
    "  --services PATH    a service file or a directory of *.js files "
    "(repeatable)\n"
    "  --watch-services   reload service files when they change\n"
    "  --socket PATH      the Unix socket (default: $RUNY_SOCKET, else\n"
    "                     $XDG_RUNTIME_DIR/runy/runyd.sock, else\n"
    "                     /run/runy/runyd.sock for root, else "
    "/tmp/runy-$UID/runyd.sock)\n"
    "  --listen HOST:PORT also serve TCP (repeatable); always with a token,\n"
    "                     beyond loopback only with TLS\n"
    "  --token-file F     tokens for TCP callers: TOKEN [read|control] a line\n"
    "                     (the file must be private: chmod 600)\n"
    "  --tls-cert F, --tls-key F   serve TCP over TLS\n"
    "  --tls-client-ca F  also require client certificates signed by F\n"
    "  --socket-group G   members of G may use the socket too (mode 0660)\n"
    "  --allow-load DIR   TCP callers may load service files from DIR\n"
    "  --state-dir DIR    where state and logs are kept (default "
    "/var/lib/runy\n"
    "                     for root, else ~/.local/state/runy)\n"
    "  --log-max-size N   rotate a process's log file past N bytes (default "
    "10M)\n"
    "  --log-max-files N  log files kept per process, the live one included "
    "(5)\n"
    "  --no-cgroups       track processes by process group only, not by a\n"
    "                     cgroup v2 each (the default where it is writable)\n"
    "  --log-level LEVEL  trace, debug, info, warn, error (default info)\n"
    "  --eval FILE        run one JavaScript file like node would, then exit\n"
    "\n"
    "Signals: SIGHUP reloads the service files; SIGUSR2 re-executes runyd\n"
    "from its binary on disk, every process kept running (runy daemon\n"
    "reexec); SIGTERM or SIGINT stop every process, then runyd (a second\n"
    "one: at once).\n";

int UsageError(const std::string& message) {
  std::fprintf(stderr, "runyd: %s\n%s", message.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread exists, so every thread inherits the mask; the loop
  // reads these from a signalfd, and children get a clean mask at spawn.
  sigset_t blocked;
  sigemptyset(&blocked);
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR2}) {
    sigaddset(&blocked, sig);
  }
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
  signal(SIGPIPE, SIG_IGN);

  runy::DaemonOptions options;
  options.invocation = runy::handoff::CurrentInvocation(argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    auto take = [&](const char* flag) -> bool {
      std::string prefix = absl::StrCat(flag, "=");
      if (arg == flag) {
        if (i + 1 >= argc) return false;
        value = argv[++i];
        return true;
      }
      if (absl::StartsWith(arg, prefix)) {
        value = arg.substr(prefix.size());
        return true;
      }
      return false;
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--version") {
      std::printf("runyd %s\n", runy::kVersion);
      return 0;
    } else if (take("--eval")) {
      // Runs one script like `node FILE` (the differential tests use it).
      return runy::script::EvalMain(value);
    } else if (arg == "--watch-services") {
      options.watch_services = true;
    } else if (arg == "--no-cgroups") {
      options.cgroups = false;
    } else if (take("--services")) {
      options.services.push_back(value);
    } else if (take("--socket")) {
      options.socket_path = value;
    } else if (take("--listen")) {
      auto address = runy::ParseListenAddress(value);
      if (!address.ok())
        return UsageError(std::string(address.status().message()));
      options.listen.push_back(*address);
    } else if (take("--token-file")) {
      options.token_file = value;
    } else if (take("--tls-cert")) {
      options.tls_cert = value;
    } else if (take("--tls-key")) {
      options.tls_key = value;
    } else if (take("--tls-client-ca")) {
      options.tls_client_ca = value;
    } else if (take("--socket-group")) {
      options.socket_group = value;
    } else if (take("--allow-load")) {
      options.allow_load.push_back(value);
    } else if (take("--state-dir")) {
      options.state_dir = value;
    } else if (take("--log-max-size")) {
      uint64_t bytes = 0;
      if (!runy::ParseByteSize(value, &bytes) || bytes < 4096) {
        return UsageError(
            absl::StrCat("--log-max-size \"", value,
                         "\": expected a size such as 10M (at least 4K)"));
      }
      options.log_max_size = bytes;
    } else if (take("--log-max-files")) {
      if (!absl::SimpleAtoi(value, &options.log_max_files) ||
          options.log_max_files < 1 || options.log_max_files > 1000) {
        return UsageError(absl::StrCat("--log-max-files \"", value,
                                       "\": expected a number from 1 to 1000"));
      }
    } else if (take("--log-level")) {
      options.log_level = value;
    } else {
      return UsageError(
          absl::StrCat("unknown or incomplete option \"", arg, "\""));
    }
  }
  spdlog::level::level_enum level = spdlog::level::from_str(options.log_level);
  if (level == spdlog::level::off && options.log_level != "off") {
    return UsageError(
        absl::StrCat("--log-level: unknown level \"", options.log_level, "\""));
  }
  // runyd's own log goes to stderr, like other daemons' (journald takes it).
  spdlog::set_default_logger(spdlog::stderr_color_mt("runyd"));
  spdlog::set_level(level);
  if (options.socket_path.empty())
    options.socket_path = runy::DefaultSocketPath();
  if (options.state_dir.empty()) options.state_dir = runy::DefaultStateDir();
  if (options.socket_path[0] != '/') {
    return UsageError("--socket: the path must be absolute");
  }

  if (absl::Status listen = runy::CheckListenOptions(options); !listen.ok()) {
    return UsageError(std::string(listen.message()));
  }
  // The next image of a runyd that re-executed itself: take over what it
  // hands on. A handoff that cannot be read starts runyd afresh: what the
  // previous image ran is then found as leftovers, ended and started again.
  if (const char* fd = std::getenv(runy::handoff::kFdVariable)) {
    int handoff_fd = -1;
    unsetenv(runy::handoff::kFdVariable);  // children must not see it
    if (absl::SimpleAtoi(fd, &handoff_fd) && handoff_fd >= 0) {
      absl::StatusOr<runy::handoff::Handoff> handoff =
          runy::handoff::Read(handoff_fd);
      if (handoff.ok()) {
        options.handoff = std::move(*handoff);
      } else {
        spdlog::error("re-exec: {}; starting afresh",
                      std::string(handoff.status().message()));
      }
    }
  }
  absl::Status status = runy::RunDaemon(options);
  if (!status.ok()) {
    std::fprintf(stderr, "runyd: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}
