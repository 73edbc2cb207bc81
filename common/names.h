// Service names and process aliases.
#ifndef RUNY_COMMON_NAMES_H_
#define RUNY_COMMON_NAMES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace runy {

// True when `name` matches [A-Za-z0-9][A-Za-z0-9._-]* (and is at most 128
// characters, so it is safe as a file name).
bool IsValidName(absl::string_view name);

// The log of a service's ctx.exec commands: "SERVICE:exec". No alias can
// take it (':' is not in the alias alphabet), so exec output never shares
// a log, or a run number, with a process whose alias is the service name.
std::string ExecLogName(absl::string_view service);

}  // namespace runy

#endif  // RUNY_COMMON_NAMES_H_
