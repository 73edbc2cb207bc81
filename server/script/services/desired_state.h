// What runyd brings back at start-up from its state directory: which
// services were started and which files were loaded with `runy start
// FILE.js`. Each list is replaced atomically (common/state_file.h) whenever
// it changes, so a crash leaves the old list or the new one.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_DESIRED_STATE_H_
#define RUNY_SERVER_SCRIPT_SERVICES_DESIRED_STATE_H_

#include <set>
#include <string>
#include <vector>

namespace runy::script {

// Thread: one owner (the ServiceManager, on the script thread).
class DesiredState {
 public:
  // An empty path keeps nothing of that kind.
  DesiredState(std::string started_file, std::string loaded_file)
      : started_file_(std::move(started_file)),
        loaded_file_(std::move(loaded_file)) {}

  std::set<std::string> Started() const;
  // A write that fails is logged (runyd goes on; the next change retries).
  void SetStarted(const std::vector<std::string>& names) const;

  bool keeps_loaded() const { return !loaded_file_.empty(); }
  std::vector<std::string> Loaded() const;
  void SetLoaded(const std::vector<std::string>& paths) const;

 private:
  std::string started_file_;
  std::string loaded_file_;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_DESIRED_STATE_H_
