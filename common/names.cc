#include "common/names.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace runy {

bool IsValidName(absl::string_view name) {
  if (name.empty() || name.size() > 128 || !absl::ascii_isalnum(name[0])) {
    return false;
  }
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return true;
}

std::string ExecLogName(absl::string_view service) {
  return absl::StrCat(service, ":exec");
}

}  // namespace runy
