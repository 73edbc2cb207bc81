// Turning a thrown JS value into something C++ can report.
#ifndef RUNY_SERVER_SCRIPT_JS_ERROR_H_
#define RUNY_SERVER_SCRIPT_JS_ERROR_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "duktape.h"

namespace runy::script {

struct JsError {
  std::string summary;   // "TypeError: x is not a function", or inspect(value)
  std::string location;  // "file.js:12" (first user frame), or empty
  std::string stack;     // summary plus user frames, one "    at ..." a line
};

// Describes the thrown value at `idx`. Never throws. REQUIRES: the prelude
// is loaded (it formats the value); falls back to a plain description.
JsError DescribeJsError(duk_context* ctx, duk_idx_t idx);

// InvalidArgument "<location>: <summary>" (or just the summary), with the
// stack attached as a payload for JsStackOf().
absl::Status JsErrorToStatus(const JsError& error);

// The JS stack attached by JsErrorToStatus, if any.
std::optional<std::string> JsStackOf(const absl::Status& status);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_JS_ERROR_H_
