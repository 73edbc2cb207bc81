// Early-return helpers for absl::Status, which this Abseil lacks.
#ifndef RUNY_COMMON_STATUS_MACROS_H_
#define RUNY_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RUNY_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::absl::Status runy_status_ = (expr);        \
    if (!runy_status_.ok()) return runy_status_; \
  } while (0)

#define RUNY_CONCAT_INNER_(a, b) a##b
#define RUNY_CONCAT_(a, b) RUNY_CONCAT_INNER_(a, b)

// RUNY_ASSIGN_OR_RETURN(auto x, F()) declares/assigns x or returns the error.
#define RUNY_ASSIGN_OR_RETURN(lhs, expr) \
  RUNY_ASSIGN_OR_RETURN_IMPL_(RUNY_CONCAT_(runy_statusor_, __LINE__), lhs, expr)
#define RUNY_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(*tmp)

#endif  // RUNY_COMMON_STATUS_MACROS_H_
