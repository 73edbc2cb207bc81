// Rewrites of literal text that ES5 lacks: template pieces as string
// literals, `\u{...}` escapes in strings, 0b/0o numbers.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_LITERAL_TEXT_H_
#define RUNY_SERVER_SCRIPT_LOWERING_LITERAL_TEXT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/script/lowering/source_file.h"

namespace runy::script {

// The cooked value of the raw template text `raw` (what lies between the
// delimiters; it begins at byte `offset` of `file`) as the bodies of ES5
// double-quoted string literals, one per source line: the template's line
// breaks end a piece, so that joining the pieces with `" +\n"` keeps the
// lines of the source. Always at least one piece.
// Errors: malformed or octal escapes, InvalidArgument at the escape.
absl::StatusOr<std::vector<std::string>> CookTemplateText(
    absl::string_view raw, const SourceFile& file, int offset);

// `raw` (a string literal token, quotes included) with `\u{...}` escapes
// turned into ES5 `\uXXXX` (surrogate pairs above U+FFFF). Errors: a
// malformed or out-of-range `\u{...}`.
absl::StatusOr<std::string> StringLiteralToEs5(absl::string_view raw,
                                               const SourceFile& file,
                                               int offset);

// The spelling of identifier `raw` that runy compares and writes: escapes
// (`\u0061`, `\u{61}`) decoded, ASCII as itself, anything else as ES5
// `\uXXXX` escapes; so `\u{6F}`, `\u006f` and `o` are one name, and so are
// `℘` and `\u2118`.
std::string CanonicalIdentifier(absl::string_view raw);

// A regular expression (pattern `body`, `flags`) as an ES5 one Duktape
// compiles: the `s` flag becomes `[\s\S]` for `.` outside classes, named
// groups `(?<name>x)` become `(x)` and `\k<name>` the group's number, and the
// `y` flag becomes `g` (js/regexp.js gives the object an exec that accepts a
// match only at lastIndex). Shared by regexp literals and `new RegExp`.
struct RegExpTranslation {
  bool translated = false;  // false: `body` and `flags` are ES5 as they are
  std::string pattern;      // when translated
  std::string flags;        // when translated
  std::vector<std::pair<std::string, int>> names;  // group name, number
  std::string error;  // empty, or a SyntaxError's message...
  int error_at = 0;   // ...at this offset in `body`
};
RegExpTranslation TranslateRegExp(absl::string_view body,
                                  absl::string_view flags);

// `raw` (a regular expression literal token) as ES5: unchanged unless
// TranslateRegExp translates it; then
// `__runy.regexp(/ES5/flags, "source", "flags", ["name", index, ...])`
// (js/regexp.js gives the object its source, flags, dotAll, sticky and
// `groups`). Errors (InvalidArgument at the construct): lookbehind, a
// duplicate group name, `\k<name>` of no group.
absl::StatusOr<std::string> RegExpToEs5(absl::string_view raw,
                                        const SourceFile& file, int offset);

// `raw` (a numeric literal token) as ES5: numeric separators go, 0b and 0o
// literals become the hex literal of the same value; anything else is
// returned unchanged.
std::string NumberToEs5(absl::string_view raw);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_LITERAL_TEXT_H_
