// Ad-hoc processes (`runy run -- CMD`): the service file runyd writes for
// one, so that it is an ordinary service from then on (status, logs,
// restart, reload; it comes back after runyd restarts).
#ifndef RUNY_SERVER_CONTROL_ADHOC_SERVICE_H_
#define RUNY_SERVER_CONTROL_ADHOC_SERVICE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace runy::control {

struct AdhocSpec {
  std::string name;  // the service's name and its process's alias
  std::string cmd;
  std::vector<std::string> args;
  // "never", "always", "fixed:DELAY" (ms, or a duration such as 2s) or
  // "exponential"; empty means "always", as PM2 does.
  std::string restart;
  int max_restarts = 0;  // 0: unlimited
  std::vector<std::string> watch;
  std::string cwd;  // absolute
  std::vector<std::pair<std::string, std::string>> env;
};

// The first line of every generated file: how Remove knows one.
inline constexpr absl::string_view kAdhocMarker =
    "// Written by `runy run`; `runy remove NAME` removes it.";

// The service file for `spec`, or InvalidArgument naming the bad option
// (a name that is no name, a relative cwd, a restart that is none of the
// above, a negative count, an environment name with '=').
absl::StatusOr<std::string> AdhocServiceFile(const AdhocSpec& spec);

// Whether `source` is a file AdhocServiceFile wrote.
bool IsAdhocServiceFile(absl::string_view source);

}  // namespace runy::control

#endif  // RUNY_SERVER_CONTROL_ADHOC_SERVICE_H_
