// Starting a user-mode runyd on demand, the way pm2 does: when runy talks to
// the default local socket and nobody answers there.
#ifndef RUNY_CLI_DAEMON_LAUNCHER_H_
#define RUNY_CLI_DAEMON_LAUNCHER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace runy::cli {

// The runyd binary runy starts: $RUNYD, else next to this runy, else
// ../server/runyd (the build tree), else runyd on PATH; empty when none.
std::string FindRunyd();

// True when something accepts connections on the Unix socket `path`.
bool SocketAnswers(const std::string& path);

// Starts runyd in the background on `socket_path` (its own session, its log
// in its state directory) and waits until the socket answers. The runyd
// binary: FindRunyd(). Unavailable naming the log when it does not come up
// within `timeout`.
absl::Status LaunchDaemon(const std::string& socket_path,
                          absl::Duration timeout = absl::Seconds(10));

// Waits until nothing answers on `socket_path` any more (after a Shutdown).
absl::Status WaitUntilGone(const std::string& socket_path,
                           absl::Duration timeout = absl::Seconds(60));

}  // namespace runy::cli

#endif  // RUNY_CLI_DAEMON_LAUNCHER_H_
