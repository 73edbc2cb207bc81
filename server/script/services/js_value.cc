#include "server/script/services/js_value.h"

namespace runy::script {
namespace {

constexpr int kMaxDepth = 16;
// Whatever its shape (an array of a billion holes, a tree sharing one
// array at every level), a value costs at most this much to read.
constexpr size_t kMaxValues = 100000;
constexpr size_t kMaxStringBytes = 16 << 20;

struct Budget {
  size_t values = kMaxValues;
  size_t string_bytes = kMaxStringBytes;
};

[[noreturn]] void TooLarge(duk_context* ctx) {
  (void)duk_range_error(ctx,
                        "the value is too large (more than %zu values or "
                        "%zu MiB of strings)",
                        kMaxValues, kMaxStringBytes >> 20);
  __builtin_unreachable();
}

// Runs inside duk_safe_call: writes only into *out, which the caller owns,
// and keeps no C++ temporaries alive across Duktape calls (an error
// unwinds through here).
void Read(duk_context* ctx, duk_idx_t idx, JsValue* out, int depth,
          Budget* budget) {
  if (budget->values == 0) TooLarge(ctx);
  --budget->values;
  idx = duk_normalize_index(ctx, idx);
  switch (duk_get_type(ctx, idx)) {
    case DUK_TYPE_UNDEFINED:
      out->type = JsValue::Type::kUndefined;
      return;
    case DUK_TYPE_NULL:
      out->type = JsValue::Type::kNull;
      return;
    case DUK_TYPE_BOOLEAN:
      out->type = JsValue::Type::kBool;
      out->boolean = duk_get_boolean(ctx, idx);
      return;
    case DUK_TYPE_NUMBER:
      out->type = JsValue::Type::kNumber;
      out->number = duk_get_number(ctx, idx);
      return;
    case DUK_TYPE_STRING: {
      out->type = JsValue::Type::kString;
      duk_size_t len = 0;
      const char* s = duk_get_lstring(ctx, idx, &len);
      if (len > budget->string_bytes) TooLarge(ctx);
      budget->string_bytes -= len;
      out->string.assign(s, len);
      return;
    }
    case DUK_TYPE_OBJECT:
      break;
    default:
      out->type = JsValue::Type::kOther;
      return;
  }
  if (duk_is_function(ctx, idx)) {
    out->type = JsValue::Type::kFunction;
    return;
  }
  if (depth >= kMaxDepth) {
    out->type = JsValue::Type::kOther;
    return;
  }
  if (duk_is_array(ctx, idx)) {
    out->type = JsValue::Type::kArray;
    duk_size_t n = duk_get_length(ctx, idx);
    if (n > budget->values) TooLarge(ctx);
    out->items.resize(n);
    for (duk_size_t i = 0; i < n; ++i) {
      duk_get_prop_index(ctx, idx, static_cast<duk_uarridx_t>(i));
      Read(ctx, -1, &out->items[i], depth + 1, budget);
      duk_pop(ctx);
    }
    return;
  }
  out->type = JsValue::Type::kObject;
  duk_enum(ctx, idx, DUK_ENUM_OWN_PROPERTIES_ONLY);
  while (duk_next(ctx, -1, /*get_value=*/1)) {
    out->fields.emplace_back();
    out->fields.back().first = duk_safe_to_string(ctx, -2);
    Read(ctx, -1, &out->fields.back().second, depth + 1, budget);
    duk_pop_2(ctx);
  }
  duk_pop(ctx);
}

struct ReadArgs {
  duk_idx_t idx;
  JsValue* out;
};

duk_ret_t ReadTrampoline(duk_context* ctx, void* udata) {
  auto* args = static_cast<ReadArgs*>(udata);
  Budget budget;
  Read(ctx, args->idx, args->out, 0, &budget);
  return 0;
}

}  // namespace

const JsValue* JsValue::Get(const std::string& key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) return v.type == Type::kUndefined ? nullptr : &v;
  }
  return nullptr;
}

const char* JsValue::TypeName() const {
  switch (type) {
    case Type::kUndefined:
      return "undefined";
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "a boolean";
    case Type::kNumber:
      return "a number";
    case Type::kString:
      return "a string";
    case Type::kArray:
      return "an array";
    case Type::kObject:
      return "an object";
    case Type::kFunction:
      return "a function";
    case Type::kOther:
      return "an unsupported value";
  }
  return "a value";
}

bool ReadJsValue(duk_context* ctx, duk_idx_t idx, JsValue* out,
                 std::string* error) {
  ReadArgs args{duk_normalize_index(ctx, idx), out};
  if (duk_safe_call(ctx, &ReadTrampoline, &args, 0, 1) != DUK_EXEC_SUCCESS) {
    *error = duk_safe_to_string(ctx, -1);
    duk_pop(ctx);
    return false;
  }
  duk_pop(ctx);
  return true;
}

}  // namespace runy::script
