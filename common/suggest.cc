#include "common/suggest.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"

namespace runy {

int EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

std::vector<std::string> ClosestMatches(
    absl::string_view name, const std::vector<std::string>& candidates) {
  std::vector<std::pair<int, std::string>> scored;
  int limit = std::max<int>(2, static_cast<int>(name.size()) / 3);
  for (const std::string& candidate : candidates) {
    int distance = EditDistance(name, candidate);
    if (distance <= limit ||
        (name.size() >= 3 && absl::StartsWith(candidate, name))) {
      scored.emplace_back(distance, candidate);
    }
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i)
    out.push_back(scored[i].second);
  return out;
}

}  // namespace runy
