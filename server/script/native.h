// Helpers for native (C++) functions exposed to JavaScript.
//
// Duktape reports JS errors with longjmp: a native function and everything
// it calls must not hold objects with non-trivial destructors while calling
// a Duktape API that can throw (most can: any allocation may fail).
#ifndef RUNY_SERVER_SCRIPT_NATIVE_H_
#define RUNY_SERVER_SCRIPT_NATIVE_H_

#include "duktape.h"

namespace runy::script {

// Pushes a native function of `nargs` arguments (DUK_VARARGS for any) that
// can recover `self` with NativeSelf(). May throw (allocation).
void PushNativeFunction(duk_context* ctx, duk_c_function fn, duk_idx_t nargs,
                        void* self);

// Sets obj[name] (obj at `obj_idx`) to a native function. May throw.
void PutNativeFunction(duk_context* ctx, duk_idx_t obj_idx, const char* name,
                       duk_c_function fn, duk_idx_t nargs, void* self);

// Inside a native function: the `self` it was pushed with (or nullptr).
void* NativeSelf(duk_context* ctx);

// Pushes a Duktape hidden symbol "runy.<name>": a property key invisible to
// JS enumeration and reflection. May throw.
void PushHiddenSymbol(duk_context* ctx, const char* name);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_NATIVE_H_
