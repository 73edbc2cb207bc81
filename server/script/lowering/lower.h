// Lowering of modern JavaScript service files to the ES5.1 that Duktape
// compiles.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_LOWER_H_
#define RUNY_SERVER_SCRIPT_LOWERING_LOWER_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace runy::script {

// Lowers a service file (modern JS) to ES5 that Duktape compiles. Every token
// of the source stays on its original line, so Duktape's line numbers are the
// user's. Errors: InvalidArgument with message
//   "<file_name>:<line>:<col>: SyntaxError: <what>"   (col 1-based)
// e.g. "web.js:3:14: SyntaxError: class declarations are not supported",
//      "web.js:7:1: SyntaxError: unexpected token '}'".
//
// Supported beyond ES5: arrow functions (lexical this/arguments), async
// functions, arrows and methods with await, top-level await, let/const (with
// a binding per iteration for those of a loop that a closure captures),
// untagged template literals, shorthand properties and methods,
// `import ... from "runy"`, optional catch binding, trailing commas in
// parameter and argument lists, 0b/0o literals, `\u{...}` escapes.
// Anything else beyond ES5 is "<construct> is not supported", as are the few
// per-iteration cases the lowering cannot keep exact: a closure in a for-head
// capturing the head's let/const, and in a loop body whose let/const a
// closure captures, a function declaration used outside the body, a direct
// eval, or `arguments` at the top level.
//
// The output refers to a runtime object `__runy` only for async functions
// and await (__runy.async, __runy.await), imports (__runy.import) and writes
// to constants (__runy.constAssign). It declares __runy_this and
// __runy_arguments where arrows and per-iteration loop bodies need them, and
// __runy_loop where such a body breaks, continues or returns out of itself.
//
// Thread-safe: no shared state. Linear in the size of the source.
absl::StatusOr<std::string> Lower(absl::string_view source,
                                  absl::string_view file_name);

struct LowerOptions {
  // Gives the file a scope of its own, as a module has: its top-level
  // declarations do not become globals shared with other files. (A file
  // with top-level await gets one anyway.)
  bool module_scope = false;
  // Bytes the syntax tree may take (0: unbounded); a larger program is a
  // SyntaxError "the program is too large to compile within the script
  // memory limit".
  size_t memory_limit = 0;
};
absl::StatusOr<std::string> Lower(absl::string_view source,
                                  absl::string_view file_name,
                                  const LowerOptions& options);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_LOWER_H_
