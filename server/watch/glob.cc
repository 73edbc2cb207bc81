#include "server/watch/glob.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

namespace runy::watch {
namespace {

constexpr size_t kMaxAlternatives = 1024;
constexpr size_t kNpos = absl::string_view::npos;

absl::Status Invalid(absl::string_view pattern, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("glob \"", pattern, "\": ", why));
}

// Index just past the ']' closing the set that opens at p[i] == '[', or kNpos
// if the set is not closed inside its component.
size_t SetEnd(absl::string_view p, size_t i) {
  size_t j = i + 1;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) ++j;
  if (j < p.size() && p[j] == ']') ++j;
  for (; j < p.size(); ++j) {
    if (p[j] == '\\') {
      ++j;
    } else if (p[j] == '/') {
      return kNpos;
    } else if (p[j] == ']') {
      return j + 1;
    }
  }
  return kNpos;
}

// The first top-level {...} of a pattern and its top-level commas.
struct BraceGroup {
  size_t open = kNpos;
  size_t close = kNpos;  // kNpos with open set: unclosed
  std::vector<size_t> commas;
};

BraceGroup FirstGroup(absl::string_view p) {
  BraceGroup g;
  int depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      size_t end = SetEnd(p, i);
      if (end != kNpos) i = end - 1;  // a '{' or ',' in a set is literal
    } else if (c == '{') {
      if (depth++ == 0) g.open = i;
    } else if (c == '}' && depth > 0) {
      if (--depth == 0) {
        g.close = i;
        return g;
      }
    } else if (c == ',' && depth == 1) {
      g.commas.push_back(i);
    }
  }
  return g;
}

// Brace expansion, outermost group first; nested groups are expanded when
// their alternative is spliced back in.
absl::Status Expand(absl::string_view pattern, const std::string& p,
                    std::vector<std::string>* out) {
  BraceGroup g = FirstGroup(p);
  if (g.open == kNpos) {
    out->push_back(p);
    if (out->size() > kMaxAlternatives) {
      return Invalid(pattern, "more than 1024 alternatives");
    }
    return absl::OkStatus();
  }
  if (g.close == kNpos) return Invalid(pattern, "unclosed '{'");
  absl::string_view view(p);
  absl::string_view prefix = view.substr(0, g.open);
  absl::string_view suffix = view.substr(g.close + 1);
  g.commas.push_back(g.close);
  size_t start = g.open + 1;
  for (size_t end : g.commas) {
    RUNY_RETURN_IF_ERROR(Expand(
        pattern, absl::StrCat(prefix, view.substr(start, end - start), suffix),
        out));
    start = end + 1;
  }
  return absl::OkStatus();
}

// Splits at every '/' that is not escaped; escapes stay in the components.
std::vector<std::string> SplitComponents(absl::string_view s) {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '/') {
      out.emplace_back();
      continue;
    }
    out.back() += s[i];
    if (s[i] == '\\' && i + 1 < s.size()) out.back() += s[++i];
  }
  return out;
}

}  // namespace

// Turns the text of one expanded alternative into segments and tokens.
class Glob::Parser {
 public:
  Parser(absl::string_view pattern, std::vector<std::bitset<256>>* classes)
      : pattern_(pattern), classes_(classes) {}

  absl::StatusOr<Alternative> ParseAlternative(absl::string_view text,
                                               const Options& options) {
    Alternative alt;
    std::string full(text);
    if (!absl::StartsWith(text, "/") && !options.base_dir.empty()) {
      full = absl::StrCat(EscapeGlob(options.base_dir), "/", text);
    }
    alt.absolute = absl::StartsWith(full, "/");
    std::vector<std::string> comps = SplitComponents(full);
    for (const std::string& c : comps) {
      if (c.empty() || c == ".") continue;
      if (c == "..") {
        RUNY_RETURN_IF_ERROR(PopParent(&alt));
      } else if (c == "**") {
        if (alt.segments.empty() || !alt.segments.back().globstar) {
          alt.segments.emplace_back().globstar = true;
        }
      } else {
        RUNY_ASSIGN_OR_RETURN(Segment s, ParseSegment(c));
        alt.segments.push_back(std::move(s));
      }
    }
    bool trailing_slash = comps.size() > 1 && comps.back().empty();
    if (trailing_slash &&
        (alt.segments.empty() || !alt.segments.back().globstar)) {
      alt.segments.emplace_back().globstar = true;
    }
    return alt;
  }

 private:
  absl::Status PopParent(Alternative* alt) {
    std::vector<Segment>& segs = alt->segments;
    if (segs.empty()) {
      if (!alt->absolute) segs.push_back(LiteralSegment(".."));
      return absl::OkStatus();  // "/.." is "/"
    }
    const Segment& last = segs.back();
    if (!last.literal || last.globstar) {
      return Invalid(pattern_, "'..' after a wildcard");
    }
    if (last.text == "..") {
      segs.push_back(LiteralSegment(".."));
    } else {
      segs.pop_back();
    }
    return absl::OkStatus();
  }

  static Segment LiteralSegment(const std::string& text) {
    Segment s;
    s.text = text;
    for (char c : text) s.tokens.push_back(Token{Token::kChar, c, 0});
    s.leading_dot = !text.empty() && text[0] == '.';
    return s;
  }

  absl::StatusOr<Segment> ParseSegment(absl::string_view c) {
    Segment s;
    for (size_t i = 0; i < c.size(); ++i) {
      char ch = c[i];
      if (ch == '\\') {
        if (i + 1 == c.size()) return Invalid(pattern_, "trailing '\\'");
        AddChar(&s, c[++i]);
      } else if (ch == '*') {
        s.literal = false;
        if (s.tokens.empty() || s.tokens.back().kind != Token::kStar) {
          s.tokens.push_back(Token{Token::kStar, 0, 0});
        }
      } else if (ch == '?') {
        s.literal = false;
        s.tokens.push_back(Token{Token::kAnyChar, 0, 0});
      } else if (ch == '[') {
        size_t end = SetEnd(c, i);
        if (end == kNpos) return Invalid(pattern_, "unclosed '['");
        s.literal = false;
        RUNY_ASSIGN_OR_RETURN(uint16_t cls,
                              AddSet(c.substr(i + 1, end - i - 2)));
        s.tokens.push_back(Token{Token::kClass, 0, cls});
        i = end - 1;
      } else {
        AddChar(&s, ch);
      }
    }
    s.leading_dot = !s.tokens.empty() && s.tokens[0].kind == Token::kChar &&
                    s.tokens[0].c == '.';
    if (!s.literal) s.text.clear();
    return s;
  }

  static void AddChar(Segment* s, char c) {
    s->tokens.push_back(Token{Token::kChar, c, 0});
    s->text += c;
  }

  // `body` is what lies between '[' and its ']'.
  absl::StatusOr<uint16_t> AddSet(absl::string_view body) {
    std::bitset<256> set;
    bool negated = !body.empty() && (body[0] == '!' || body[0] == '^');
    size_t j = negated ? 1 : 0;
    auto next_char = [&]() -> unsigned char {
      if (body[j] == '\\' && j + 1 < body.size()) ++j;
      return static_cast<unsigned char>(body[j++]);
    };
    while (j < body.size()) {
      unsigned char lo = next_char();
      if (j + 1 < body.size() && body[j] == '-') {
        ++j;
        unsigned char hi = next_char();
        for (unsigned c = lo; c <= hi; ++c) set.set(c);
      } else {
        set.set(lo);
      }
    }
    if (negated) set.flip();
    set.reset('/');
    if (classes_->size() >= 0xffff) return Invalid(pattern_, "too many sets");
    classes_->push_back(set);
    return static_cast<uint16_t>(classes_->size() - 1);
  }

  absl::string_view pattern_;
  std::vector<std::bitset<256>>* classes_;
};

absl::StatusOr<Glob> Glob::Compile(absl::string_view pattern,
                                   const Options& options) {
  if (pattern.empty()) return Invalid(pattern, "empty pattern");
  std::vector<std::string> texts;
  RUNY_RETURN_IF_ERROR(Expand(pattern, std::string(pattern), &texts));
  Glob glob;
  glob.pattern_ = std::string(pattern);
  glob.match_leading_dots_ = options.match_leading_dots;
  Parser parser(glob.pattern_, &glob.classes_);
  std::set<std::string> seen;
  for (const std::string& text : texts) {
    if (!seen.insert(text).second) continue;
    RUNY_ASSIGN_OR_RETURN(Alternative alt,
                          parser.ParseAlternative(text, options));
    glob.alternatives_.push_back(std::move(alt));
  }
  return glob;
}

bool Glob::MatchTokens(const std::vector<Token>& tokens,
                       absl::string_view comp) const {
  // Greedy with backtracking to the last '*': linear enough for one component.
  size_t t = 0, c = 0, star_t = kNpos, star_c = 0;
  auto matches_one = [&](const Token& tok, char ch) {
    switch (tok.kind) {
      case Token::kChar:
        return tok.c == ch;
      case Token::kAnyChar:
        return true;
      case Token::kClass:
        return classes_[tok.cls].test(static_cast<unsigned char>(ch));
      case Token::kStar:
        return false;
    }
    return false;
  };
  while (c < comp.size()) {
    if (t < tokens.size() && tokens[t].kind == Token::kStar) {
      star_t = t++;
      star_c = c;
    } else if (t < tokens.size() && matches_one(tokens[t], comp[c])) {
      ++t;
      ++c;
    } else if (star_t != kNpos) {
      t = star_t + 1;
      c = ++star_c;
    } else {
      return false;
    }
  }
  while (t < tokens.size() && tokens[t].kind == Token::kStar) ++t;
  return t == tokens.size();
}

bool Glob::MatchSegment(const Segment& s, absl::string_view comp) const {
  if (s.literal) return comp == s.text;
  if (comp[0] == '.' && !s.leading_dot && !match_leading_dots_) return false;
  return MatchTokens(s.tokens, comp);
}

std::vector<char> Glob::Run(const Alternative& alt,
                            absl::string_view path) const {
  const std::vector<Segment>& segs = alt.segments;
  const size_t n = segs.size();
  // A globstar may match no component: its state also enables the next one.
  auto close = [&](std::vector<char>& states) {
    for (size_t i = 0; i < n; ++i) {
      if (states[i] && segs[i].globstar) states[i + 1] = 1;
    }
  };
  std::vector<char> states(n + 1, 0), next(n + 1, 0);
  states[0] = 1;
  close(states);
  for (absl::string_view comp : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    std::fill(next.begin(), next.end(), 0);
    bool alive = false;
    for (size_t i = 0; i < n; ++i) {
      if (!states[i]) continue;
      if (segs[i].globstar) {
        if (match_leading_dots_ || comp[0] != '.') {
          next[i] = 1;
          alive = true;
        }
      } else if (MatchSegment(segs[i], comp)) {
        next[i + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return {};
    close(next);
    states.swap(next);
  }
  return states;
}

bool Glob::Matches(absl::string_view path) const {
  bool absolute = absl::StartsWith(path, "/");
  for (const Alternative& alt : alternatives_) {
    if (alt.absolute != absolute) continue;
    std::vector<char> states = Run(alt, path);
    if (!states.empty() && states.back()) return true;
  }
  return false;
}

bool Glob::CouldMatchUnder(absl::string_view dir) const {
  bool absolute = absl::StartsWith(dir, "/");
  for (const Alternative& alt : alternatives_) {
    if (alt.absolute != absolute) continue;
    std::vector<char> states = Run(alt, dir);
    if (states.empty()) continue;
    // A state before the end: at least one more component can follow.
    if (std::find(states.begin(), states.end() - 1, 1) != states.end() - 1) {
      return true;
    }
  }
  return false;
}

std::vector<GlobRoot> Glob::Roots() const {
  std::vector<GlobRoot> roots;
  for (const Alternative& alt : alternatives_) {
    const std::vector<Segment>& segs = alt.segments;
    std::vector<absl::string_view> literal;
    size_t k = 0;
    // The last segment names the file, never a directory to watch.
    while (k + 1 < segs.size() && segs[k].literal && !segs[k].globstar) {
      literal.push_back(segs[k++].text);
    }
    GlobRoot root;
    root.dir =
        absl::StrCat(alt.absolute ? "/" : "", absl::StrJoin(literal, "/"));
    root.depth = segs.empty() ? 0 : static_cast<int>(segs.size() - k - 1);
    for (size_t i = k; i < segs.size(); ++i) {
      if (segs[i].globstar) root.depth = GlobRoot::kUnlimited;
    }
    if (std::find(roots.begin(), roots.end(), root) == roots.end()) {
      roots.push_back(std::move(root));
    }
  }
  return roots;
}

std::string EscapeGlob(absl::string_view literal) {
  std::string out;
  out.reserve(literal.size());
  for (char c : literal) {
    if (absl::string_view("*?[]{}\\,").find(c) != kNpos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace runy::watch
