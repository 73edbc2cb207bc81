// Loading of the runtime prelude (js/*.js) into a heap, and access to the
// internal object those files share with C++.
#ifndef RUNY_SERVER_SCRIPT_PRELUDE_H_
#define RUNY_SERVER_SCRIPT_PRELUDE_H_

#include "absl/status/status.h"
#include "duktape.h"

namespace runy::script {

// Pushes the internal object `I` of the prelude (kept in the heap stash,
// out of reach of scripts), creating it on first use. May throw.
void PushInternal(duk_context* ctx);

// Calls I[name] with the `nargs` values on top of the stack (this =
// undefined), replacing them with the result. May throw (JS errors).
void CallInternal(duk_context* ctx, const char* name, duk_idx_t nargs);

// Runs each prelude file as function (global, R, I) { <file> }, where R is
// a new object that async.js publishes as the global `__runy`. REQUIRES: the
// natives the files use are already on I (hidden, write, timerStart,
// timerCancel, timerRef, nowMs). Does not throw; errors (a bug in the
// prelude, or out of memory) become Internal.
absl::Status LoadPrelude(duk_context* ctx);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_PRELUDE_H_
