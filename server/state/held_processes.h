// Processes a user stopped by alias (`runy stop web-1`) while their service
// runs: kept in <state dir>/stopped, so that after a restart of runyd they
// stay stopped while the rest of their service comes back. A user's start
// or restart of the process, or of its service, releases it.
#ifndef RUNY_SERVER_STATE_HELD_PROCESSES_H_
#define RUNY_SERVER_STATE_HELD_PROCESSES_H_

#include <set>
#include <string>

namespace runy::state {

// Thread: the supervising loop's.
class HeldProcesses {
 public:
  // An empty path keeps the set in memory only.
  explicit HeldProcesses(std::string file);

  bool Held(const std::string& alias) const {
    return aliases_.count(alias) != 0;
  }
  // Each change is written atomically; a failed write is logged.
  void Hold(const std::string& alias);
  void Release(const std::string& alias);

 private:
  void Save() const;

  std::string file_;
  std::set<std::string> aliases_;
};

}  // namespace runy::state

#endif  // RUNY_SERVER_STATE_HELD_PROCESSES_H_
