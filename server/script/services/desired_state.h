// What runyd brings back at start-up from its state directory: which
// services were started and which files were loaded with `runy start
// FILE.js`. Each list is replaced atomically whenever it changes, before
// the change is answered, so a crash leaves the old list or the new one; a
// failed write is retried by the StateWriter, and a damaged line is ignored
// and logged.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_DESIRED_STATE_H_
#define RUNY_SERVER_SCRIPT_SERVICES_DESIRED_STATE_H_

#include <set>
#include <string>
#include <vector>

#include "common/state_writer.h"

namespace runy::script {

// Thread: one owner (the ServiceManager, on the script thread).
class DesiredState {
 public:
  // An empty path keeps nothing of that kind; so does a null `writer`
  // (which must outlive this).
  DesiredState(std::string started_file, std::string loaded_file,
               StateWriter* writer)
      : started_file_(std::move(started_file)),
        loaded_file_(std::move(loaded_file)),
        writer_(writer) {}

  std::set<std::string> Started() const;
  void SetStarted(const std::vector<std::string>& names) const;

  bool keeps_loaded() const { return !loaded_file_.empty(); }
  std::vector<std::string> Loaded() const;
  void SetLoaded(const std::vector<std::string>& paths) const;

 private:
  void Write(const std::string& path,
             const std::vector<std::string>& lines) const;

  std::string started_file_;
  std::string loaded_file_;
  StateWriter* writer_;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_DESIRED_STATE_H_
