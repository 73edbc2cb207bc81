// A compiled glob over '/'-separated paths, and what a watcher needs to know
// about it: which directories can hold matches.
//
// Syntax:
//   *        any run of characters except '/' (possibly empty)
//   ?        one character except '/'
//   [abc] [a-z] [!a-z] [^a-z]
//            one character in (not in) the set; a ']' right after '[', '[!'
//            or '[^' is literal; '\' escapes inside the set
//   **       as a whole component: any number of directories, including none
//            (`src/**/*.py` matches `src/a.py` and `src/x/y/a.py`); inside a
//            component (`a**b`) it is the same as `*`
//   {a,b}    alternatives; they may nest, be empty and contain '/'
//            (`{src,lib}/**/*.{py,pyi}`, `x{,.bak}`); `{a}` is `a`
//   \c       the character c itself (`\*`, `\{`, `\\`)
// Dot rule: a path component that starts with '.' is matched only by a
// pattern component that starts with a literal (possibly escaped) '.': `*`
// does not match `.env`, `**` does not descend into `.git`, `.*` and `.env`
// match `.env`. Options::match_leading_dots turns the rule off (ignore lists).
// A pattern starting with '/' is absolute and matches only absolute paths; a
// relative one matches relative paths, or, with Options::base_dir, the
// absolute paths under that directory. A trailing '/' means the directory and
// everything under it (`build/` is `build/**`). '/' always separates
// components (a '[' not closed inside its component is an error). Empty and
// "." components are dropped; ".." removes the literal component before it.
// Paths given to Matches() and CouldMatchUnder() are normalized: no ".", ".."
// or empty components (a trailing '/' is tolerated).
#ifndef RUNY_SERVER_WATCH_GLOB_H_
#define RUNY_SERVER_WATCH_GLOB_H_

#include <bitset>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace runy::watch {

// The top of a subtree that can hold matches of one alternative of a glob.
struct GlobRoot {
  static constexpr int kUnlimited = -1;
  // The literal directory prefix: "" (the base), "config", "/etc".
  std::string dir;
  // How many directory levels below `dir` can hold matches: 0 for `*.txt` and
  // `config.json` (only files directly in `dir`), 1 for `src/*/x.py`,
  // kUnlimited when the pattern has `**`.
  int depth = 0;

  bool recursive() const { return depth == kUnlimited; }
  bool operator==(const GlobRoot& o) const {
    return dir == o.dir && depth == o.depth;
  }
};

// Thread: immutable after Compile(); safe to share between threads.
class Glob {
 public:
  struct Options {
    // Let wildcards and `**` match components that start with '.'.
    bool match_leading_dots = false;
    // If set (absolute, normalized), relative alternatives are taken as
    // relative to it and the glob matches absolute paths only.
    std::string base_dir;
  };

  // Errors: InvalidArgument naming the pattern for an empty pattern, an
  // unclosed '[' or '{', a trailing '\', ".." after a wildcard, or more than
  // 1024 alternatives once braces are expanded.
  static absl::StatusOr<Glob> Compile(absl::string_view pattern,
                                      const Options& options);
  static absl::StatusOr<Glob> Compile(absl::string_view pattern) {
    return Compile(pattern, Options());
  }

  // Whether `path` (a file or a directory) matches.
  bool Matches(absl::string_view path) const;
  // Whether some path strictly below directory `dir` could match: true for
  // the literal prefix and every ancestor of it ("" and "/" included), for
  // directories a `*` or `**` can stand for; false where no match can be.
  bool CouldMatchUnder(absl::string_view dir) const;
  // One root per distinct alternative; a watcher needs to watch only these
  // subtrees (and, inside them, only directories where CouldMatchUnder()).
  std::vector<GlobRoot> Roots() const;

  const std::string& pattern() const { return pattern_; }

 private:
  struct Token {
    enum Kind : uint8_t { kChar, kAnyChar, kStar, kClass };
    Kind kind;
    char c;        // kChar
    uint16_t cls;  // kClass: index into classes_
  };
  struct Segment {
    bool globstar = false;
    bool literal = true;       // no wildcard: `text` is the unescaped text
    bool leading_dot = false;  // starts with a literal '.'
    std::string text;
    std::vector<Token> tokens;
  };
  struct Alternative {
    bool absolute = false;
    std::vector<Segment> segments;
  };
  class Parser;

  bool MatchSegment(const Segment& s, absl::string_view comp) const;
  bool MatchTokens(const std::vector<Token>& tokens,
                   absl::string_view comp) const;
  // The NFA states (segment indexes) alive after `path`; empty if none.
  std::vector<char> Run(const Alternative& alt, absl::string_view path) const;

  std::string pattern_;
  bool match_leading_dots_ = false;
  std::vector<Alternative> alternatives_;
  std::vector<std::bitset<256>> classes_;
};

// `literal` with every glob metacharacter escaped, so it matches itself.
std::string EscapeGlob(absl::string_view literal);

}  // namespace runy::watch

#endif  // RUNY_SERVER_WATCH_GLOB_H_
