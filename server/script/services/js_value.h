// A plain C++ copy of a JavaScript value (options objects passed to the
// service API), so validation is ordinary code with no Duktape in it.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_JS_VALUE_H_
#define RUNY_SERVER_SCRIPT_SERVICES_JS_VALUE_H_

#include <string>
#include <utility>
#include <vector>

#include "duktape.h"

namespace runy::script {

struct JsValue {
  enum class Type {
    kUndefined,
    kNull,
    kBool,
    kNumber,
    kString,
    kArray,
    kObject,
    kFunction,
    kOther
  };
  Type type = Type::kUndefined;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsValue> items;  // kArray
  std::vector<std::pair<std::string, JsValue>>
      fields;  // kObject, own keys in order

  // nullptr when absent (or undefined).
  const JsValue* Get(const std::string& key) const;
  // "a string", "a number", "an array", ...
  const char* TypeName() const;
};

// Copies the value at `idx` (depth-limited; cycles end as kOther; at most
// 100,000 values and 16 MiB of strings, else false with a RangeError).
// Never throws: JS errors (a throwing getter) come back as false with
// `error`.
bool ReadJsValue(duk_context* ctx, duk_idx_t idx, JsValue* out,
                 std::string* error);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_JS_VALUE_H_
