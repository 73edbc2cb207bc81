// Order statistics for benchmark reports.
#ifndef RUNY_BENCH_STATS_H_
#define RUNY_BENCH_STATS_H_

#include <algorithm>
#include <vector>

namespace runy::bench {

// The p-quantile (0 <= p <= 1) of `v`, 0 for an empty set.
inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size()));
  return v[std::min(v.size() - 1, i)];
}

inline double Median(std::vector<double> v) {
  return Percentile(std::move(v), 0.5);
}

}  // namespace runy::bench

#endif  // RUNY_BENCH_STATS_H_
