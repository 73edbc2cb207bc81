/* The execution-timeout hook compiled into runy's Duktape build.
 *
 * Thread: whichever thread runs the heap (runy: the loop thread). The hook is
 * called from inside Duktape's executor and only reads the budget. */
#ifndef RUNY_SERVER_SCRIPT_DUKTAPE_EXEC_TIMEOUT_H_
#define RUNY_SERVER_SCRIPT_DUKTAPE_EXEC_TIMEOUT_H_

#include <stdint.h>

#include "duktape.h"

#if defined(__cplusplus)
extern "C" {
#endif

/* A heap's udata (the pointer given to duk_create_heap) must start with this
 * struct, or be NULL (no timeout). */
typedef struct runy_duk_budget {
  /* CLOCK_MONOTONIC deadline in nanoseconds; 0 means no deadline. While the
   * deadline has passed, every executor interrupt throws
   * "RangeError: execution timeout", so the error cannot be swallowed by a
   * try/catch: clear the deadline once control is back in C. */
  int64_t deadline_ns;
} runy_duk_budget;

/* Returns nonzero once the budget's deadline has passed. */
duk_bool_t runy_duk_exec_timeout_check(const void* udata);

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t runy_duk_monotonic_ns(void);

#if defined(__cplusplus)
} /* extern "C" */
#endif

#endif /* RUNY_SERVER_SCRIPT_DUKTAPE_EXEC_TIMEOUT_H_ */
