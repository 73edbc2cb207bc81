// Service names and process aliases.
#ifndef RUNY_COMMON_NAMES_H_
#define RUNY_COMMON_NAMES_H_

#include "absl/strings/string_view.h"

namespace runy {

// True when `name` matches [A-Za-z0-9][A-Za-z0-9._-]* (and is at most 128
// characters, so it is safe as a file name).
bool IsValidName(absl::string_view name);

}  // namespace runy

#endif  // RUNY_COMMON_NAMES_H_
