#include "server/engine/process_snapshot.h"

#include "absl/strings/str_cat.h"
#include "server/engine/process_spec.h"

namespace runy::engine {

const char* StateName(ProcessState state) {
  switch (state) {
    case ProcessState::kStarting:
      return "starting";
    case ProcessState::kRunning:
      return "running";
    case ProcessState::kBackoff:
      return "backoff";
    case ProcessState::kStopping:
      return "stopping";
    case ProcessState::kStopped:
      return "stopped";
    case ProcessState::kExited:
      return "exited";
    case ProcessState::kFailed:
      return "failed";
  }
  return "unknown";
}

std::string ExitInfo::Describe() const {
  if (!exited) return "running";
  if (signal != 0) return absl::StrCat("killed by ", SignalName(signal));
  return absl::StrCat("exited with code ", code);
}

}  // namespace runy::engine
