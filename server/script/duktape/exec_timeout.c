/* Execution-timeout hook for runy's Duktape build (see exec_timeout.h). */
#include "exec_timeout.h"

#include <time.h>

int64_t runy_duk_monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

duk_bool_t runy_duk_exec_timeout_check(const void *udata) {
  const runy_duk_budget *budget = (const runy_duk_budget *)udata;
  if (budget == NULL || budget->deadline_ns == 0) return 0;
  return runy_duk_monotonic_ns() >= budget->deadline_ns;
}


duk_bool_t runy_duk_budget_expired(const void *udata) {
  const runy_duk_budget *budget = (const runy_duk_budget *)udata;
  return budget != NULL && __atomic_load_n(&budget->expired, __ATOMIC_RELAXED);
}
