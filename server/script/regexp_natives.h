// I.regexpToEs5: the lowering's regular-expression translation
// (lowering/literal_text.h, TranslateRegExp) for patterns built at run time,
// so `new RegExp(p, "s")`, `new RegExp("(?<y>\\d+)")` and the `y` flag work
// as in literals (js/regexp.js wraps the RegExp constructor with it).
#ifndef RUNY_SERVER_SCRIPT_REGEXP_NATIVES_H_
#define RUNY_SERVER_SCRIPT_REGEXP_NATIVES_H_

#include "duktape.h"

namespace runy::script {

// Pushes regexpToEs5(pattern, flags): null when Duktape takes them as they
// are, else [es5Pattern, es5Flags, names] with names ["name", number, ...]
// or null; throws a SyntaxError for what the translation rejects.
void PushRegExpToEs5(duk_context* ctx);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_REGEXP_NATIVES_H_
