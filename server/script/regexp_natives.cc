#include "server/script/regexp_natives.h"

#include "absl/strings/string_view.h"
#include "server/script/lowering/literal_text.h"

namespace runy::script {
namespace {

absl::string_view StringArg(duk_context* ctx, duk_idx_t idx) {
  duk_size_t size = 0;
  const char* data = duk_to_lstring(ctx, idx, &size);
  return absl::string_view(data, size);
}

// Pushes the result for `udata` (a RegExpTranslation), or throws its
// SyntaxError; run under duk_safe_call, so the translation's strings are
// never longjmp'd over.
duk_ret_t PushTranslation(duk_context* ctx, void* udata) {
  const auto& es5 = *static_cast<const RegExpTranslation*>(udata);
  if (!es5.error.empty()) {
    return duk_error(ctx, DUK_ERR_SYNTAX_ERROR,
                     "Invalid regular expression: %s", es5.error.c_str());
  }
  if (!es5.translated) {
    duk_push_null(ctx);
    return 1;
  }
  duk_push_array(ctx);
  duk_push_lstring(ctx, es5.pattern.data(), es5.pattern.size());
  duk_put_prop_index(ctx, -2, 0);
  duk_push_lstring(ctx, es5.flags.data(), es5.flags.size());
  duk_put_prop_index(ctx, -2, 1);
  if (es5.names.empty()) {
    duk_push_null(ctx);
  } else {
    duk_push_array(ctx);
    duk_uarridx_t i = 0;
    for (const auto& [name, number] : es5.names) {
      duk_push_lstring(ctx, name.data(), name.size());
      duk_put_prop_index(ctx, -2, i++);
      duk_push_int(ctx, number);
      duk_put_prop_index(ctx, -2, i++);
    }
  }
  duk_put_prop_index(ctx, -2, 2);
  return 1;
}

duk_ret_t JsRegExpToEs5(duk_context* ctx) {
  absl::string_view pattern = StringArg(ctx, 0);
  absl::string_view flags = StringArg(ctx, 1);
  duk_int_t rc;
  {
    RegExpTranslation es5 = TranslateRegExp(pattern, flags);
    rc = duk_safe_call(ctx, &PushTranslation, &es5, 0, 1);
  }
  if (rc != DUK_EXEC_SUCCESS) return duk_throw(ctx);
  return 1;
}

}  // namespace

void PushRegExpToEs5(duk_context* ctx) {
  duk_push_c_function(ctx, &JsRegExpToEs5, 2);
}

}  // namespace runy::script
