#include "server/script/prelude.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/mutex.h"
#include "server/script/duktape/error_options.h"
#include "server/script/math_natives.h"
#include "server/script/native.h"
#include "server/script/prelude_sources.h"
#include "server/script/regexp_natives.h"

namespace runy::script {
namespace {

constexpr const char kInternalKey[] = "runy.internal";
constexpr const char kFilePrefix[] = "(function (global, R, I) {";
constexpr const char kFileSuffix[] = "\n})";

// I.hidden(name): a hidden-symbol property key.
duk_ret_t JsHidden(duk_context* ctx) {
  PushHiddenSymbol(ctx, duk_require_string(ctx, 0));
  return 1;
}

// I.notConstructor(fn): see duktape/error_options.h.
duk_ret_t JsNotConstructor(duk_context* ctx) {
  runy_duk_make_not_constructable(ctx, 0);
  return 0;
}

// Compiling the prelude is most of a heap's creation time: the first heap
// of the process compiles each file and keeps its bytecode, later heaps load
// that (trusted, same Duktape build).
struct BytecodeCache {
  Mutex mu;
  std::vector<std::string> files ABSL_GUARDED_BY(mu);  // empty until compiled
};

BytecodeCache& Cache() {
  static BytecodeCache* cache = new BytecodeCache();
  return *cache;
}

// Pushes the program of prelude file `i` (a function that evaluates to the
// file's function), from the cache or compiled and then cached.
// REQUIRES: `cached` holds Cache().files or is empty (then `out` collects).
void PushFileProgram(duk_context* ctx, size_t i, const std::string* cached,
                     std::vector<std::string>* out) {
  if (cached != nullptr) {
    void* buf = duk_push_fixed_buffer(ctx, cached->size());
    std::copy(cached->begin(), cached->end(), static_cast<char*>(buf));
    duk_load_function(ctx);
    return;
  }
  duk_push_string(ctx, kFilePrefix);
  duk_push_string(ctx, kPreludeFiles[i].source);
  duk_push_string(ctx, kFileSuffix);
  duk_concat(ctx, 3);
  duk_push_string(ctx, kPreludeFiles[i].name);
  duk_compile(ctx, DUK_COMPILE_STRICT);
  duk_dup_top(ctx);
  duk_dump_function(ctx);
  duk_size_t size = 0;
  auto* data = static_cast<const char*>(duk_get_buffer(ctx, -1, &size));
  (*out)[i].assign(data, size);
  duk_pop(ctx);
}

struct LoadInput {
  const std::vector<std::string>* cached;  // nullptr: compile
  std::vector<std::string>* compiled;      // filled when compiling
};

duk_ret_t LoadFiles(duk_context* ctx, void* udata) {
  auto* input = static_cast<LoadInput*>(udata);
  PushInternal(ctx);
  duk_idx_t internal = duk_get_top_index(ctx);
  PutNativeFunction(ctx, internal, "hidden", &JsHidden, 1, nullptr);
  PutNativeFunction(ctx, internal, "notConstructor", &JsNotConstructor, 1,
                    nullptr);
  PushMathNatives(ctx);
  duk_put_prop_string(ctx, internal, "math");
  PushRegExpToEs5(ctx);
  duk_put_prop_string(ctx, internal, "regexpToEs5");
  duk_push_object(ctx);
  duk_idx_t runy = duk_get_top_index(ctx);
  for (size_t i = 0; i < kPreludeFileCount; ++i) {
    PushFileProgram(ctx, i,
                    input->cached == nullptr ? nullptr : &(*input->cached)[i],
                    input->compiled);
    duk_call(ctx, 0);  // evaluates to the file's function
    duk_push_global_object(ctx);
    duk_dup(ctx, runy);
    duk_dup(ctx, internal);
    duk_call(ctx, 3);
    duk_pop(ctx);
  }
  duk_pop_2(ctx);
  return 0;
}

// Stack-safe copy of the error at the top, for the status message.
duk_ret_t ErrorText(duk_context* ctx, void* /*udata*/) {
  if (duk_is_error(ctx, -1)) {
    duk_get_prop_string(ctx, -1, "stack");
  } else {
    duk_dup_top(ctx);
  }
  duk_to_string(ctx, -1);
  return 1;
}

}  // namespace

void PushInternal(duk_context* ctx) {
  duk_push_global_stash(ctx);
  if (!duk_get_prop_string(ctx, -1, kInternalKey)) {
    duk_pop(ctx);
    duk_push_bare_object(ctx);
    duk_dup_top(ctx);
    duk_put_prop_string(ctx, -3, kInternalKey);
  }
  duk_remove(ctx, -2);
}

void CallInternal(duk_context* ctx, const char* name, duk_idx_t nargs) {
  PushInternal(ctx);
  duk_get_prop_string(ctx, -1, name);
  duk_remove(ctx, -2);
  duk_insert(ctx, -(nargs + 1));
  duk_call(ctx, nargs);
}

absl::Status LoadPrelude(duk_context* ctx) {
  BytecodeCache& cache = Cache();
  std::vector<std::string> cached;
  {
    MutexLock lock(&cache.mu);
    cached = cache.files;
  }
  std::vector<std::string> compiled(kPreludeFileCount);
  LoadInput input{cached.empty() ? nullptr : &cached, &compiled};
  if (duk_safe_call(ctx, &LoadFiles, &input, 0, 1) == DUK_EXEC_SUCCESS) {
    duk_pop(ctx);
    if (cached.empty()) {
      MutexLock lock(&cache.mu);
      cache.files = std::move(compiled);
    }
    return absl::OkStatus();
  }
  std::string text = "unknown error";
  if (duk_safe_call(ctx, &ErrorText, nullptr, 1, 1) == DUK_EXEC_SUCCESS) {
    duk_size_t len = 0;
    const char* s = duk_get_lstring(ctx, -1, &len);
    if (s != nullptr) text.assign(s, len);
  }
  duk_pop(ctx);
  return absl::InternalError(absl::StrCat("load script prelude: ", text));
}

}  // namespace runy::script
