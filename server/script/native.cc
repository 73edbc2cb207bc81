#include "server/script/native.h"

namespace runy::script {
namespace {

// DUK_HIDDEN_SYMBOL spelled out: the 0xFF byte makes the key hidden.
constexpr const char kSelfKey[] =
    "\xFF"
    "runy.self";

}  // namespace

void PushNativeFunction(duk_context* ctx, duk_c_function fn, duk_idx_t nargs,
                        void* self) {
  duk_push_c_function(ctx, fn, nargs);
  duk_push_pointer(ctx, self);
  duk_put_prop_string(ctx, -2, kSelfKey);
}

void PutNativeFunction(duk_context* ctx, duk_idx_t obj_idx, const char* name,
                       duk_c_function fn, duk_idx_t nargs, void* self) {
  obj_idx = duk_normalize_index(ctx, obj_idx);
  PushNativeFunction(ctx, fn, nargs, self);
  duk_put_prop_string(ctx, obj_idx, name);
}

void* NativeSelf(duk_context* ctx) {
  duk_push_current_function(ctx);
  duk_get_prop_string(ctx, -1, kSelfKey);
  void* self = duk_get_pointer(ctx, -1);
  duk_pop_2(ctx);
  return self;
}

void PushHiddenSymbol(duk_context* ctx, const char* name) {
  duk_push_sprintf(ctx,
                   "\xFF"
                   "runy.%s",
                   name);
}

}  // namespace runy::script
