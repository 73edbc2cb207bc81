#include "server/script/js_error.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "server/script/prelude.h"

namespace runy::script {
namespace {

constexpr const char kStackPayload[] = "type.runy.dev/js-stack";

// [value] -> [summary, location, stack] via I.describeError.
duk_ret_t Describe(duk_context* ctx, void* /*udata*/) {
  CallInternal(ctx, "describeError", 1);
  // duk_safe_call shares the caller's value stack: use relative indices.
  duk_idx_t result = duk_get_top_index(ctx);
  for (duk_uarridx_t i = 0; i < 3; ++i) {
    duk_get_prop_index(ctx, result, i);
    duk_to_string(ctx, -1);
  }
  return 3;
}

std::string TakeString(duk_context* ctx, duk_idx_t idx) {
  duk_size_t len = 0;
  const char* s = duk_get_lstring(ctx, idx, &len);
  return s == nullptr ? std::string() : std::string(s, len);
}

}  // namespace

JsError DescribeJsError(duk_context* ctx, duk_idx_t idx) {
  JsError error;
  duk_dup(ctx, idx);
  if (duk_safe_call(ctx, &Describe, nullptr, 1, 3) == DUK_EXEC_SUCCESS) {
    error.summary = TakeString(ctx, -3);
    error.location = TakeString(ctx, -2);
    error.stack = TakeString(ctx, -1);
  } else {
    error.summary = duk_is_string(ctx, idx) ? TakeString(ctx, idx)
                                            : "uncaught JavaScript value";
    error.stack = error.summary;
  }
  duk_pop_3(ctx);
  return error;
}

absl::Status JsErrorToStatus(const JsError& error) {
  absl::Status status = absl::InvalidArgumentError(
      error.location.empty()
          ? error.summary
          : absl::StrCat(error.location, ": ", error.summary));
  status.SetPayload(kStackPayload, absl::Cord(error.stack));
  return status;
}

std::optional<std::string> JsStackOf(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kStackPayload);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

}  // namespace runy::script
