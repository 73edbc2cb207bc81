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
  /* Set to 1 by the heap's watchdog thread (script/watchdog.h) once the
   * deadline has passed; read and written with __atomic builtins only. */
  int expired;
} runy_duk_budget;

/* Returns nonzero once the budget's deadline has passed (reads the clock).
 * Called by the executor's interrupt (every 262,144 instructions) and every
 * 16,384 steps of the regexp matcher (patched in, see CMakeLists.txt). */
duk_bool_t runy_duk_exec_timeout_check(const void* udata);

/* Returns nonzero once the watchdog has marked the budget expired (no clock
 * read: a load). Called after every native call returns (patched in), so a
 * budget is overrun by at most about one native call that neither calls
 * back into JS nor matches a regexp. */
duk_bool_t runy_duk_budget_expired(const void* udata);

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t runy_duk_monotonic_ns(void);

#if defined(__cplusplus)
} /* extern "C" */
#endif

#endif /* RUNY_SERVER_SCRIPT_DUKTAPE_EXEC_TIMEOUT_H_ */
