// runyd: owns and wires the loop, the engine, the service layer and the RPC
// server.
#ifndef RUNY_SERVER_DAEMON_H_
#define RUNY_SERVER_DAEMON_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/address.h"
#include "server/handoff/handoff.h"
#include "server/handoff/reexec.h"

namespace runy {

struct DaemonOptions {
  std::vector<std::string> services;    // --services: files or directories
  std::string socket_path;              // --socket (resolved default if empty)
  std::vector<Address> listen;          // --listen (repeatable)
  std::string token_file;               // --token-file
  std::string tls_cert, tls_key;        // --tls-cert, --tls-key
  std::string tls_client_ca;            // --tls-client-ca
  std::string socket_group;             // --socket-group NAME|GID
  std::vector<std::string> allow_load;  // --allow-load DIR (repeatable)
  std::string state_dir;             // --state-dir (resolved default if empty)
  uint64_t log_max_size = 10 << 20;  // --log-max-size, bytes per file
  int log_max_files = 5;             // --log-max-files
  bool watch_services = false;       // --watch-services
  bool cgroups = true;               // not --no-cgroups
  std::string log_level = "info";
  // How runyd was started, for `runy daemon reexec` and SIGUSR2.
  handoff::Invocation invocation;
  // Set when this runyd is the next image of one that re-executed itself:
  // what it hands over (processes, pipes, locks, the socket).
  std::optional<handoff::Handoff> handoff;
};

// Runs the daemon in the calling thread until SIGTERM/SIGINT (or, on a
// re-exec, until it becomes the next image: execve does not return).
// REQUIRES: SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR2 and SIGPIPE are
// blocked in every thread (main() blocks them before any thread starts).
// Returns an error only for start-up failures (nothing is fatal afterwards),
// among them a TCP listener without a token file, a non-loopback one
// without TLS, and a token file that others may read.
absl::Status RunDaemon(const DaemonOptions& options);

// InvalidArgument for listen options that would expose runyd: a TCP
// listener without a token file, a non-loopback one without TLS, TLS files
// that do not go together.
absl::Status CheckListenOptions(const DaemonOptions& options);

}  // namespace runy

#endif  // RUNY_SERVER_DAEMON_H_
