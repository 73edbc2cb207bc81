// "Did you mean ...?" for unknown names and commands.
#ifndef RUNY_COMMON_SUGGEST_H_
#define RUNY_COMMON_SUGGEST_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace runy {

// Edit distance between two strings (insert, delete, substitute).
int EditDistance(absl::string_view a, absl::string_view b);

// Up to three candidates close to `name` (small edit distance, or sharing a
// prefix), closest first.
std::vector<std::string> ClosestMatches(
    absl::string_view name, const std::vector<std::string>& candidates);

}  // namespace runy

#endif  // RUNY_COMMON_SUGGEST_H_
