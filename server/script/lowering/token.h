// Tokens of modern JavaScript as the lexer produces them.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_TOKEN_H_
#define RUNY_SERVER_SCRIPT_LOWERING_TOKEN_H_

#include "absl/strings/string_view.h"

namespace runy::script {

enum class TokenKind {
  kEof,
  kIdentifier,  // also contextual words: async, await, let, of, get, set
  kKeyword,     // reserved words, plus null, true and false
  kPunctuator,
  kNumber,
  kString,
  kRegex,
  kPrivateName,  // `#x`
  // Template pieces, delimiters included: `a` (kTemplateFull), `a${
  // (kTemplateHead), }a${ (kTemplateMiddle) and }a` (kTemplateTail).
  kTemplateFull,
  kTemplateHead,
  kTemplateMiddle,
  kTemplateTail,
};

// A token is a slice of the source; `text` points into it.
struct Token {
  TokenKind kind = TokenKind::kEof;
  int start = 0;  // byte offset of the first character
  int end = 0;    // byte offset one past the last character
  int line = 1;   // line of `start`, 1-based
  // A line terminator (alone or inside a comment) precedes the token: what
  // automatic semicolon insertion and the restricted productions look at.
  bool newline_before = false;
  // An identifier or private name with an escape or a non-ASCII character:
  // the parser replaces `text` by its CanonicalIdentifier.
  bool escaped = false;
  absl::string_view text;

  bool Is(TokenKind k, absl::string_view t) const {
    // Sizes and first bytes first: the parser asks this a lot.
    return kind == k && text.size() == t.size() && !t.empty() &&
           text[0] == t[0] && text == t;
  }
  bool IsPunct(absl::string_view t) const {
    return Is(TokenKind::kPunctuator, t);
  }
  bool IsKeyword(absl::string_view t) const {
    return Is(TokenKind::kKeyword, t);
  }
  // A contextual keyword (async, of, get, static...) written with escapes
  // is an identifier, not the keyword.
  bool IsIdent(absl::string_view t) const {
    return !escaped && Is(TokenKind::kIdentifier, t);
  }
  // Identifier or reserved word: what may follow `.` or name a property.
  bool IsIdentifierName() const {
    return kind == TokenKind::kIdentifier || kind == TokenKind::kKeyword;
  }
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_TOKEN_H_
