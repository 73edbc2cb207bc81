#include "server/script/lowering/lexer.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace runy::script {
namespace {

// Longest first, so that the first match is the longest.
constexpr std::array<absl::string_view, 53> kPunctuators = {
    ">>>=", "...",  "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=",
    "||=",  "?\?=", "=>",  "==",  "!=",  "<=",  ">=",  "&&",  "||",
    "??",   "?.",   "++",  "--",  "+=",  "-=",  "*=",  "/=",  "%=",
    "&=",   "|=",   "^=",  "<<",  ">>",  "**",  "{",   "}",   "(",
    ")",    "[",    "]",   ";",   ",",   "<",   ">",   "+",   "-",
    "*",    "/",    "%",   "&",   "|",   "^",   "!",   "~"};
constexpr absl::string_view kSingleRest = "?:=.";

constexpr std::array<absl::string_view, 36> kReservedWords = {
    "break",    "case",    "catch",  "class",      "const", "continue",
    "debugger", "default", "delete", "do",         "else",  "enum",
    "export",   "extends", "false",  "finally",    "for",   "function",
    "if",       "import",  "in",     "instanceof", "new",   "null",
    "return",   "super",   "switch", "this",       "throw", "true",
    "try",      "typeof",  "var",    "void",       "while", "with"};

bool IsAsciiIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' ||
         c == '_' || c == '\\';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Byte length of a non-ASCII white-space character at `pos` (NBSP, BOM, the
// U+2000 block spaces, NNBSP, MMSP, ideographic space), else 0.
int UnicodeSpaceLength(absl::string_view text, size_t pos) {
  auto byte = [&](size_t i) {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
  };
  unsigned char b0 = byte(pos);
  if (b0 == 0xC2 && byte(pos + 1) == 0xA0) return 2;
  // Three-byte characters only when all three bytes are there: byte() is 0
  // past the end, which the U+2000 range test below would accept.
  if (pos + 2 >= text.size()) return 0;
  if (b0 == 0xEF && byte(pos + 1) == 0xBB && byte(pos + 2) == 0xBF) return 3;
  if (b0 == 0xE2 && byte(pos + 1) == 0x80 &&
      ((byte(pos + 2) >= 0x80 && byte(pos + 2) <= 0x8A) ||
       byte(pos + 2) == 0xAF)) {
    return 3;
  }
  if (b0 == 0xE2 && byte(pos + 1) == 0x81 && byte(pos + 2) == 0x9F) return 3;
  if (b0 == 0xE3 && byte(pos + 1) == 0x80 && byte(pos + 2) == 0x80) return 3;
  return 0;
}

uint32_t HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}

bool IsIdentifierPart(absl::string_view text, size_t pos) {
  char c = pos < text.size() ? text[pos] : '\0';
  if (IsAsciiIdentifierStart(c) || IsDigit(c)) return true;
  return static_cast<unsigned char>(c) >= 0x80 &&
         LineTerminatorLength(text, pos) == 0 &&
         UnicodeSpaceLength(text, pos) == 0;
}

}  // namespace

bool IsReservedWord(absl::string_view word) {
  for (absl::string_view w : kReservedWords) {
    if (w.size() == word.size() && w[0] == word[0] && w == word) return true;
  }
  return false;
}

Lexer::Lexer(const SourceFile& file) : file_(file), text_(file.text()) {
  // A hashbang line is a comment to us; the lowering turns it into one.
  if (text_.size() >= 2 && text_[0] == '#' && text_[1] == '!') {
    while (pos_ < text_.size() && LineTerminatorLength(text_, pos_) == 0) {
      ++pos_;
    }
  }
}

bool Lexer::SkipLineTerminator() {
  int len = LineTerminatorLength(text_, pos_);
  if (len == 0) return false;
  pos_ += len;
  ++line_;
  return true;
}

absl::StatusOr<bool> Lexer::SkipTrivia() {
  bool newline = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
      ++pos_;
    } else if (SkipLineTerminator()) {
      newline = true;
    } else if (int len = UnicodeSpaceLength(text_, pos_); len > 0) {
      pos_ += len;
    } else if (c == '/' && At(pos_ + 1) == '/') {
      while (pos_ < text_.size() && LineTerminatorLength(text_, pos_) == 0) {
        ++pos_;
      }
    } else if (c == '/' && At(pos_ + 1) == '*') {
      size_t start = pos_;
      pos_ += 2;
      while (!(At(pos_) == '*' && At(pos_ + 1) == '/')) {
        if (pos_ >= text_.size()) {
          return file_.Error(start, "unterminated comment");
        }
        if (SkipLineTerminator()) {
          newline = true;
        } else {
          ++pos_;
        }
      }
      pos_ += 2;
    } else {
      break;
    }
  }
  return newline;
}

Token Lexer::Finish(Token tok, TokenKind kind) {
  tok.kind = kind;
  tok.end = static_cast<int>(pos_);
  tok.text = text_.substr(tok.start, tok.end - tok.start);
  return tok;
}

absl::StatusOr<Token> Lexer::Next() {
  RUNY_ASSIGN_OR_RETURN(bool newline, SkipTrivia());
  Token tok;
  tok.start = static_cast<int>(pos_);
  tok.line = line_;
  tok.newline_before = newline;
  if (pos_ >= text_.size()) return Finish(tok, TokenKind::kEof);
  char c = text_[pos_];
  // Non-ASCII white space and line terminators were skipped as trivia.
  if (IsAsciiIdentifierStart(c) || static_cast<unsigned char>(c) >= 0x80) {
    return ScanIdentifier(tok);
  }
  if (IsDigit(c) || (c == '.' && IsDigit(At(pos_ + 1)))) {
    return ScanNumber(tok);
  }
  if (c == '"' || c == '\'') return ScanString(tok);
  if (c == '`') return ScanTemplate(tok, tok.start + 1);
  if (c == '#') {
    ++pos_;
    if (!IsAsciiIdentifierStart(At(pos_)) &&
        static_cast<unsigned char>(At(pos_)) < 0x80 && At(pos_) != '\\') {
      return file_.Error(tok.start, "Invalid or unexpected token");
    }
    RUNY_ASSIGN_OR_RETURN(Token name, ScanIdentifier(tok));
    name.kind = TokenKind::kPrivateName;
    return name;
  }
  if (c == '@') return file_.Error(tok.start, "decorators are not supported");
  Token punct = ScanPunctuator(tok);
  if (punct.end == punct.start) {
    return file_.Error(tok.start,
                       absl::StrCat("unexpected character '",
                                    text_.substr(tok.start, 1), "'"));
  }
  return punct;
}

// \uXXXX or \u{X...} at pos_, which it passes. What it stands for must be
// a character an identifier may have there: `\u0023` is no `#` and
// `\u0000` no name.
absl::Status Lexer::ScanIdentifierEscape(bool at_start) {
  const int start = static_cast<int>(pos_);
  auto invalid = [&] {
    return file_.Error(start, "invalid Unicode escape sequence in identifier");
  };
  if (At(pos_ + 1) != 'u') return invalid();
  uint32_t cp = 0;
  size_t p = pos_ + 2;
  if (At(p) == '{') {
    size_t digits = 0;
    for (++p; At(p) != '}'; ++p, ++digits) {
      if (!absl::ascii_isxdigit(At(p)) || cp > 0x10FFFF) return invalid();
      cp = cp * 16 + HexValue(At(p));
    }
    if (digits == 0) return invalid();
    ++p;
  } else {
    for (size_t end = p + 4; p < end; ++p) {
      if (!absl::ascii_isxdigit(At(p))) return invalid();
      cp = cp * 16 + HexValue(At(p));
    }
  }
  pos_ = p;
  bool ok;
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    ok = IsAsciiIdentifierStart(c) || (!at_start && IsDigit(c));
  } else {
    // Beyond ASCII, Duktape's own tables judge the letters; what no
    // identifier holds anywhere is refused here.
    bool joiner = cp == 0x200C || cp == 0x200D;
    ok = cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
         !(joiner && at_start) && cp != 0x2028 && cp != 0x2029 && cp != 0xA0 &&
         cp != 0xFEFF;
  }
  return ok ? absl::OkStatus() : invalid();
}

absl::StatusOr<Token> Lexer::ScanIdentifier(Token tok) {
  bool escaped = false;
  while (IsIdentifierPart(text_, pos_)) {
    if (text_[pos_] == '\\') {
      escaped = true;
      RUNY_RETURN_IF_ERROR(
          ScanIdentifierEscape(static_cast<int>(pos_) == tok.start));
      continue;
    }
    if (static_cast<unsigned char>(text_[pos_]) >= 0x80) escaped = true;
    ++pos_;
  }
  Token out = Finish(tok, TokenKind::kIdentifier);
  out.escaped = escaped;
  if (IsReservedWord(out.text)) out.kind = TokenKind::kKeyword;
  return out;
}

absl::StatusOr<Token> Lexer::ScanNumber(Token tok) {
  // Digits, with numeric separators between two of them (1_000_000; the
  // lowering removes them).
  auto digits = [&](auto is_digit) -> absl::Status {
    while (is_digit(At(pos_)) || At(pos_) == '_') {
      if (At(pos_) == '_') {
        if (!is_digit(At(pos_ - 1)) || !is_digit(At(pos_ + 1))) {
          return file_.Error(static_cast<int>(pos_),
                             "a numeric separator must stand between two "
                             "digits");
        }
        // Nor in 0_1, 00_0 or 08_1: legacy literals have no separators.
        if (At(tok.start) == '0' &&
            (IsDigit(At(tok.start + 1)) || At(tok.start + 1) == '_')) {
          return file_.Error(static_cast<int>(pos_),
                             "a numeric separator cannot follow a leading 0");
        }
      }
      ++pos_;
    }
    return absl::OkStatus();
  };
  char c1 = At(pos_ + 1);
  if (At(pos_) == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' ||
                          c1 == 'b' || c1 == 'B')) {
    pos_ += 2;
    size_t first = pos_;
    if (At(pos_) == '_') {
      return file_.Error(static_cast<int>(pos_),
                         "a numeric separator must stand between two digits");
    }
    RUNY_RETURN_IF_ERROR(digits(IsHexDigit));
    if (pos_ == first) return file_.Error(tok.start, "invalid number");
  } else {
    RUNY_RETURN_IF_ERROR(digits(IsDigit));
    if (At(pos_) == '.') {
      ++pos_;
      RUNY_RETURN_IF_ERROR(digits(IsDigit));
    }
    if (At(pos_) == 'e' || At(pos_) == 'E') {
      ++pos_;
      if (At(pos_) == '+' || At(pos_) == '-') ++pos_;
      if (!IsDigit(At(pos_))) return file_.Error(tok.start, "invalid number");
      RUNY_RETURN_IF_ERROR(digits(IsDigit));
    }
  }
  if (At(pos_) == 'n') {
    return file_.Error(tok.start, "BigInt literals are not supported");
  }
  if (IsIdentifierPart(text_, pos_)) {
    return file_.Error(static_cast<int>(pos_),
                       "identifier starts immediately after numeric literal");
  }
  Token out = Finish(tok, TokenKind::kNumber);
  // Validate the digits of 0b/0o literals, which the hex scan above accepts.
  absl::string_view t = out.text;
  char base = t.size() > 2 && t[0] == '0' ? (t[1] | 0x20) : 0;
  if (base == 'b' || base == 'o') {
    char max_digit = base == 'b' ? '1' : '7';
    for (size_t i = 2; i < t.size(); ++i) {
      if (t[i] == '_') continue;
      if (t[i] < '0' || t[i] > max_digit) {
        return file_.Error(tok.start + static_cast<int>(i), "invalid number");
      }
    }
  }
  return out;
}

absl::StatusOr<Token> Lexer::ScanString(Token tok) {
  char quote = text_[pos_++];
  while (true) {
    if (pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r') {
      return file_.Error(tok.start, "unterminated string literal");
    }
    char c = text_[pos_];
    if (c == quote) {
      ++pos_;
      return Finish(tok, TokenKind::kString);
    }
    if (c == '\\') {
      ++pos_;
      if (!SkipLineTerminator() && pos_ < text_.size()) ++pos_;
      continue;
    }
    ++pos_;
  }
}

absl::StatusOr<Token> Lexer::ScanTemplate(Token tok, int body_start) {
  bool head = text_[tok.start] == '`';
  pos_ = body_start;
  while (true) {
    if (pos_ >= text_.size()) {
      return file_.Error(tok.start, "unterminated template literal");
    }
    char c = text_[pos_];
    if (c == '`') {
      ++pos_;
      return Finish(tok,
                    head ? TokenKind::kTemplateFull : TokenKind::kTemplateTail);
    }
    if (c == '$' && At(pos_ + 1) == '{') {
      pos_ += 2;
      return Finish(
          tok, head ? TokenKind::kTemplateHead : TokenKind::kTemplateMiddle);
    }
    if (c == '\\') {
      ++pos_;
      if (!SkipLineTerminator() && pos_ < text_.size()) ++pos_;
      continue;
    }
    if (!SkipLineTerminator()) ++pos_;
  }
}

absl::StatusOr<Token> Lexer::RescanTemplateContinuation(const Token& brace) {
  pos_ = brace.start;
  line_ = brace.line;
  Token tok = brace;
  return ScanTemplate(tok, brace.start + 1);
}

absl::StatusOr<Token> Lexer::RescanAsRegex(const Token& slash) {
  pos_ = slash.start + 1;
  line_ = slash.line;
  bool in_class = false;
  while (true) {
    if (pos_ >= text_.size() || LineTerminatorLength(text_, pos_) > 0) {
      return file_.Error(slash.start, "unterminated regular expression");
    }
    char c = text_[pos_++];
    if (c == '\\') {
      if (pos_ >= text_.size() || LineTerminatorLength(text_, pos_) > 0) {
        return file_.Error(slash.start, "unterminated regular expression");
      }
      ++pos_;
    } else if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '/' && !in_class) {
      break;
    }
  }
  size_t flags_start = pos_;
  std::string seen;
  while (IsIdentifierPart(text_, pos_)) {
    char f = text_[pos_];
    if (f == 'u' || f == 'd' || f == 'v') {
      return file_.Error(
          static_cast<int>(pos_),
          absl::StrCat("regular expression flag '", text_.substr(pos_, 1),
                       "' is not supported"));
    }
    if ((f != 'g' && f != 'i' && f != 'm' && f != 's' && f != 'y') ||
        seen.find(f) != std::string::npos) {
      return file_.Error(static_cast<int>(flags_start),
                         "invalid regular expression flags");
    }
    seen.push_back(f);
    ++pos_;
  }
  return Finish(slash, TokenKind::kRegex);
}

Token Lexer::ScanPunctuator(Token tok) {
  // Punctuators by first byte, longest first, built once.
  static const auto* const kByFirst = [] {
    auto* table = new std::array<std::vector<absl::string_view>, 128>();
    for (absl::string_view p : kPunctuators) (*table)[p[0]].push_back(p);
    for (char c : kSingleRest)
      (*table)[c].push_back(
          absl::string_view(kSingleRest.data() + kSingleRest.find(c), 1));
    return table;
  }();
  absl::string_view rest = text_.substr(pos_);
  if (rest.empty() || static_cast<unsigned char>(rest[0]) >= 128) {
    return Finish(tok, TokenKind::kPunctuator);
  }
  for (absl::string_view p : (*kByFirst)[rest[0]]) {
    if (rest.substr(0, p.size()) != p) continue;
    // `?.5` is `?` followed by the number `.5`.
    if (p == "?." && IsDigit(At(pos_ + 2))) continue;
    pos_ += p.size();
    break;
  }
  return Finish(tok, TokenKind::kPunctuator);
}

}  // namespace runy::script
