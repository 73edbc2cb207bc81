// Processes a user stopped by alias (`runy stop web-1`) while their service
// runs: kept in <state dir>/stopped, so that after a restart of runyd they
// stay stopped while the rest of their service comes back. A user's start
// or restart of the process, or of its service, releases it.
#ifndef RUNY_SERVER_STATE_HELD_PROCESSES_H_
#define RUNY_SERVER_STATE_HELD_PROCESSES_H_

#include <set>
#include <string>

#include "common/state_writer.h"

namespace runy::state {

// Thread: the supervising loop's.
class HeldProcesses {
 public:
  // An empty path or a null `writer` (which must outlive this) keeps the
  // set in memory only.
  HeldProcesses(std::string file, StateWriter* writer);

  bool Held(const std::string& alias) const {
    return aliases_.count(alias) != 0;
  }
  // Each change is saved at once (atomically; retried while it fails).
  void Hold(const std::string& alias);
  void Release(const std::string& alias);

 private:
  void Save() const;

  std::string file_;
  StateWriter* writer_;
  std::set<std::string> aliases_;
};

}  // namespace runy::state

#endif  // RUNY_SERVER_STATE_HELD_PROCESSES_H_
