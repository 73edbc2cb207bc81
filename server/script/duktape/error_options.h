/* Built-in function shapes runy's Duktape build adjusts.
 *
 * Error(message, options): Duktape's Error constructors take one argument;
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

/* Makes the function at `idx` not constructable (a built-in method is no
 * constructor in node): an ECMAScript function loses its .prototype too, a
 * native one has none; anything else is left alone. */
void runy_duk_make_not_constructable(duk_context* ctx, duk_idx_t idx);

#if defined(__cplusplus)
}
#endif

#endif /* RUNY_SERVER_SCRIPT_DUKTAPE_ERROR_OPTIONS_H_ */
