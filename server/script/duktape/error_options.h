/* Error(message, options): Duktape's Error constructors take one argument;
 * runy's build lets them take the options too, so that
 * `new Error("x", { cause })` gets its own `cause` (non-enumerable), as in
 * node. The patched constructor reads the options; this widens the
 * constructors' argument count. Call once after duk_create_heap.
 *
 * Thread: the heap's. */
#ifndef RUNY_SERVER_SCRIPT_DUKTAPE_ERROR_OPTIONS_H_
#define RUNY_SERVER_SCRIPT_DUKTAPE_ERROR_OPTIONS_H_

#include "duktape.h"

#if defined(__cplusplus)
extern "C" {
#endif

void runy_duk_error_constructors_take_options(duk_context* ctx);

#if defined(__cplusplus)
}
#endif

#endif /* RUNY_SERVER_SCRIPT_DUKTAPE_ERROR_OPTIONS_H_ */
