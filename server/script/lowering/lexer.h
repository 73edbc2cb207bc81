// On-demand tokenizer for modern JavaScript.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_LEXER_H_
#define RUNY_SERVER_SCRIPT_LOWERING_LEXER_H_

#include "absl/status/statusor.h"
#include "server/script/lowering/source_file.h"
#include "server/script/lowering/token.h"

namespace runy::script {

// Thread: one owner. Produces one token at a time so that the parser, which
// knows whether it expects an operand, settles the two lexical ambiguities of
// JavaScript itself instead of guessing from the previous token (`)` and `}`
// end both operands and statements):
//  - `/` and `/=` are always scanned as punctuators; where an operand is
//    expected the parser calls RescanAsRegex on that token;
//  - `}` is always a punctuator; when it closes a template substitution the
//    parser calls RescanTemplateContinuation on it.
// Errors (unterminated string, template, comment or regex; unsupported
// literals such as BigInt, numeric separators and regex flags beyond ES5):
// InvalidArgument from SourceFile::Error at the offending position.
class Lexer {
 public:
  // REQUIRES: `file` outlives the lexer.
  explicit Lexer(const SourceFile& file);

  // The token that follows the previous one; kEof at the end, repeatedly.
  absl::StatusOr<Token> Next();

  // Scans a regular expression literal starting at `slash`, which must be
  // the `/` or `/=` token just returned. Following tokens come after it.
  absl::StatusOr<Token> RescanAsRegex(const Token& slash);

  // Scans the template piece (kTemplateMiddle or kTemplateTail) that starts
  // at `brace`, the `}` token closing a substitution.
  absl::StatusOr<Token> RescanTemplateContinuation(const Token& brace);

 private:
  // Skips white space and comments; returns whether a line ended in them.
  absl::StatusOr<bool> SkipTrivia();
  absl::StatusOr<Token> ScanIdentifier(Token tok);
  absl::Status ScanIdentifierEscape(bool at_start);
  absl::StatusOr<Token> ScanNumber(Token tok);
  absl::StatusOr<Token> ScanString(Token tok);
  absl::StatusOr<Token> ScanTemplate(Token tok, int body_start);
  Token ScanPunctuator(Token tok);
  Token Finish(Token tok, TokenKind kind);
  char At(size_t pos) const { return pos < text_.size() ? text_[pos] : '\0'; }
  // Advances over the line terminator at pos_, if any, counting the line.
  bool SkipLineTerminator();

  const SourceFile& file_;
  absl::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

// Whether `word` is a reserved word of the language (ES2015 set plus the
// literals null, true and false).
bool IsReservedWord(absl::string_view word);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_LEXER_H_
