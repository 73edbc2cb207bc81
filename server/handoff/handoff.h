// The handoff of `runy daemon reexec`: what runyd carries across
// execve(2) into the next image of itself — the engine (every process with
// its counters and timers, and the descriptors of their pipes), the log
// lines cut in the middle, and the descriptors of its locks and socket —
// written to a memfd whose number the next image finds in RUNY_HANDOFF_FD.
#ifndef RUNY_SERVER_HANDOFF_HANDOFF_H_
#define RUNY_SERVER_HANDOFF_HANDOFF_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/engine/engine_image.h"
#include "server/logs/log_sink.h"

namespace runy::handoff {

inline constexpr char kFdVariable[] = "RUNY_HANDOFF_FD";

struct Handoff {
  engine::EngineImage engine;
  std::vector<logs::LogSink::Partial> partials;
  int state_lock_fd = -1;
  int socket_lock_fd = -1;
  int socket_fd = -1;
  int generation = 0;  // re-execs so far, this one included
};

// Writes `handoff` to a memfd that execve keeps open, and clears
// close-on-exec on every descriptor it names. Returns the memfd.
absl::StatusOr<int> Write(const Handoff& handoff);

// Reads `fd` (and closes it). InvalidArgument for a handoff that is
// damaged or of a newer version than this runyd reads.
absl::StatusOr<Handoff> Read(int fd);

// Every descriptor `handoff` names, for whoever cannot take it over.
std::vector<int> Descriptors(const Handoff& handoff);

}  // namespace runy::handoff

#endif  // RUNY_SERVER_HANDOFF_HANDOFF_H_
