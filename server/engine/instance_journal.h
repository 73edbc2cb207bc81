// Where the engine reports every child it starts and reaps, so that a later
// runyd can find what an earlier one left running (server/state/ keeps the
// records on disk).
#ifndef RUNY_SERVER_ENGINE_INSTANCE_JOURNAL_H_
#define RUNY_SERVER_ENGINE_INSTANCE_JOURNAL_H_

#include <sys/types.h>

#include <string>

#include "absl/time/time.h"

namespace runy::engine {

// A child runyd started: the leader of process group `pid`.
struct Instance {
  pid_t pid = 0;
  std::string alias;  // a process alias, or the log name of a ctx.exec
  int stop_signal = 0;
  absl::Duration stop_timeout;
};

// Thread: called on the engine's thread, right after the spawn and right
// after the reap; implementations must be quick (no waiting on others).
class InstanceJournal {
 public:
  virtual ~InstanceJournal() = default;
  virtual void Started(const Instance& instance) = 0;
  virtual void Ended(pid_t pid) = 0;
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_INSTANCE_JOURNAL_H_
