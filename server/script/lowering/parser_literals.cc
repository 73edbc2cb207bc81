// Primary expressions and import declarations of Parser: literals,
// templates, object and array literals, parenthesized expressions.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/script/lowering/parser.h"

namespace runy::script {

absl::StatusOr<Node*> Parser::ParsePrimary() {
  switch (cur_.kind) {
    case TokenKind::kIdentifier: {
      if (cur_.text == "async") {
        RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
        if (next->IsKeyword("function") && !next->newline_before) {
          int start = cur_.start;
          RUNY_RETURN_IF_ERROR(Advance());
          return ParseFunction(false, start);
        }
      }
      if ((cur_.escaped && IsReservedWord(cur_.text)) ||
          (cur_.escaped && cur_.text == "await" && AwaitAllowed())) {
        return file_.Error(cur_.start,
                           "Keyword must not contain escaped characters");
      }
      if (ctx_.is_generator && cur_.text == "yield") {
        return file_.Error(cur_.start, "Unexpected identifier 'yield'");
      }
      if ((ctx_.allows & kNoArguments) != 0 && cur_.text == "arguments") {
        return file_.Error(cur_.start,
                           "'arguments' is not allowed in class field "
                           "initializer or static initialization block");
      }
      Node* id = ast_->New(NodeKind::kIdentifier, cur_.start);
      id->text = cur_.text;
      RUNY_RETURN_IF_ERROR(Advance());
      return Finish(id);
    }
    case TokenKind::kKeyword: {
      absl::string_view k = cur_.text;
      if (k == "function") return ParseFunction(false, -1);
      if (k == "class") return ParseClass(false);
      if (k == "super") return ParseSuper();
      if (k == "import") return Unsupported(cur_.start, "dynamic import is");
      if (k != "this" && k != "null" && k != "true" && k != "false") {
        return Unexpected(cur_);
      }
      Node* node = ast_->New(k == "this" ? NodeKind::kThis : NodeKind::kLiteral,
                             cur_.start);
      node->text = k;
      RUNY_RETURN_IF_ERROR(Advance());
      return Finish(node);
    }
    case TokenKind::kNumber:
    case TokenKind::kString: {
      Node* node = ast_->New(NodeKind::kLiteral, cur_.start);
      node->text = cur_.text;
      RUNY_RETURN_IF_ERROR(Advance());
      return Finish(node);
    }
    case TokenKind::kTemplateFull:
    case TokenKind::kTemplateHead:
      return ParseTemplate();
    case TokenKind::kPrivateName:
      return ParsePrivateName();  // `#x in o` (ParseBinary checks)
    default:
      break;
  }
  if (At("(")) return ParseParenthesized();
  if (At("[")) return ParseArrayLiteral();
  if (At("{")) return ParseObjectLiteral();
  if (At("/") || At("/=")) {
    // An operand is expected here, so the slash starts a regex literal.
    peeked_.reset();
    RUNY_ASSIGN_OR_RETURN(cur_, lexer_.RescanAsRegex(cur_));
    Node* node = ast_->New(NodeKind::kLiteral, cur_.start);
    node->text = cur_.text;
    RUNY_RETURN_IF_ERROR(Advance());
    return Finish(node);
  }
  if (At("...")) return Unsupported(cur_.start, "spread syntax is");
  return Unexpected(cur_);
}

// Also the cover grammar of arrow parameters: `()` and a trailing comma are
// accepted only when `=>` follows; the caller turns the node into them.
absl::StatusOr<Node*> Parser::ParseParenthesized() {
  Node* node = ast_->New(NodeKind::kParen, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  bool saved_no_in = no_in_;
  no_in_ = false;
  Node* seq = nullptr;
  while (!At(")")) {
    Node* expr;
    if (At("...")) {
      // Only as the last parameter of an arrow: `(a, ...rest) =>`.
      expr = ast_->New(NodeKind::kSpread, cur_.start);
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(expr->argument, ParseBindingTarget());
      Finish(expr);
      if (!At(")")) {
        return file_.Error(expr->start,
                           "Rest parameter must be last formal parameter");
      }
      RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
      if (!next->IsPunct("=>")) return Unexpected(*next);
    } else {
      RUNY_ASSIGN_OR_RETURN(expr, ParseAssignment());
    }
    if (node->argument == nullptr) {
      node->argument = expr;
    } else {
      if (seq == nullptr) {
        seq = ast_->New(NodeKind::kSequence, node->argument->start);
        seq->list.push_back(node->argument);
        node->argument = seq;
      }
      seq->list.push_back(expr);
      seq->end = expr->end;
    }
    if (!At(",")) break;
    int comma = cur_.start;
    RUNY_RETURN_IF_ERROR(Advance());
    if (At(")")) node->trailing_comma = comma;
  }
  no_in_ = saved_no_in;
  RUNY_RETURN_IF_ERROR(Expect(")"));
  Finish(node);
  if ((node->argument == nullptr || node->trailing_comma >= 0) && !At("=>")) {
    return Unexpected(cur_);
  }
  return node;
}

absl::StatusOr<Node*> Parser::ParseTemplate() {
  Node* node = ast_->New(NodeKind::kTemplate, cur_.start);
  bool saved_no_in = no_in_;
  no_in_ = false;
  while (true) {
    Node* quasi = ast_->New(NodeKind::kTemplateElement, cur_.start);
    quasi->text = cur_.text;
    quasi->end = cur_.end;
    node->list.push_back(quasi);
    bool last = cur_.kind == TokenKind::kTemplateFull ||
                cur_.kind == TokenKind::kTemplateTail;
    RUNY_RETURN_IF_ERROR(Advance());
    if (last) break;
    RUNY_ASSIGN_OR_RETURN(Node * expr, ParseExpression());
    node->list2.push_back(expr);
    if (!At("}")) return Unexpected(cur_);
    peeked_.reset();
    RUNY_ASSIGN_OR_RETURN(cur_, lexer_.RescanTemplateContinuation(cur_));
  }
  no_in_ = saved_no_in;
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseArrayLiteral() {
  Node* node = ast_->New(NodeKind::kArray, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  bool saved_no_in = no_in_;
  no_in_ = false;
  while (!At("]")) {
    if (At(",")) {
      node->list.push_back(nullptr);
      RUNY_RETURN_IF_ERROR(Advance());
      continue;
    }
    Node* element;
    if (At("...")) {
      element = ast_->New(NodeKind::kSpread, cur_.start);
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(element->argument, ParseAssignment());
      Finish(element);
    } else {
      RUNY_ASSIGN_OR_RETURN(element, ParseAssignment());
    }
    node->list.push_back(element);
    if (!At("]")) RUNY_RETURN_IF_ERROR(Expect(","));
  }
  no_in_ = saved_no_in;
  RUNY_RETURN_IF_ERROR(Advance());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseObjectLiteral() {
  Node* node = ast_->New(NodeKind::kObject, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  bool saved_no_in = no_in_;
  no_in_ = false;
  while (!At("}")) {
    RUNY_ASSIGN_OR_RETURN(Node * property, ParseProperty());
    node->list.push_back(property);
    if (!At("}")) RUNY_RETURN_IF_ERROR(Expect(","));
  }
  no_in_ = saved_no_in;
  RUNY_RETURN_IF_ERROR(Advance());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseProperty() {
  Node* prop = ast_->New(NodeKind::kProperty, cur_.start);
  if (At("...")) {
    // Object spread; or, in a pattern, the rest.
    prop->kind = NodeKind::kSpread;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(prop->argument, ParseAssignment());
    return Finish(prop);
  }
  if (At("*")) {
    // *m() {}
    int star = cur_.start;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(prop->left, ParsePropertyKey());
    prop->computed = std::exchange(computed_key_, false);
    prop->method = true;
    if (!At("(")) return Unexpected(cur_);
    RUNY_ASSIGN_OR_RETURN(prop->right,
                          ParseMethod(prop, false, true, kObjectMethod));
    if (!prop->computed) {
      prop->right->op_start = star;  // the lowering removes it
      prop->right->op_end = star + 1;
    }
    return Finish(prop);
  }
  if (cur_.IsIdent("get") || cur_.IsIdent("set") || cur_.IsIdent("async")) {
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    bool is_modifier =
        !(next->IsPunct(",") || next->IsPunct(":") || next->IsPunct("(") ||
          next->IsPunct("}") || next->IsPunct("="));
    if (is_modifier) {
      bool is_async = cur_.text == "async";
      if (is_async) {
        prop->keyword_start = cur_.start;
      } else {
        prop->prop_kind = cur_.text == "get" ? PropKind::kGet : PropKind::kSet;
      }
      RUNY_RETURN_IF_ERROR(Advance());
      int star = -1;
      if (is_async && At("*")) {
        star = cur_.start;
        RUNY_RETURN_IF_ERROR(Advance());
      }
      RUNY_ASSIGN_OR_RETURN(prop->left, ParsePropertyKey());
      prop->computed = std::exchange(computed_key_, false);
      prop->method = is_async;
      RUNY_ASSIGN_OR_RETURN(
          prop->right, ParseMethod(prop, is_async, star >= 0, kObjectMethod));
      if (star >= 0 && !prop->computed) {
        prop->right->op_start = star;  // the lowering removes it
        prop->right->op_end = star + 1;
      }
      return Finish(prop);
    }
  }
  RUNY_ASSIGN_OR_RETURN(prop->left, ParsePropertyKey());
  prop->computed = std::exchange(computed_key_, false);
  if (At(":")) {
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(prop->right, ParseAssignment());
  } else if (At("(")) {
    prop->method = true;
    RUNY_ASSIGN_OR_RETURN(prop->right,
                          ParseMethod(prop, false, false, kObjectMethod));
  } else if (prop->left->kind == NodeKind::kIdentifier && !prop->computed &&
             !IsReservedWord(prop->left->text) && (At(",") || At("}"))) {
    if (prop->left->text == "await" && AwaitAllowed()) {
      return Unexpected(prev_);
    }
    prop->shorthand = true;
    prop->right = ast_->New(NodeKind::kIdentifier, prop->left->start);
    prop->right->text = prop->left->text;
    prop->right->end = prop->left->end;
  } else if (At("=") && prop->left->kind == NodeKind::kIdentifier &&
             !prop->computed && !IsReservedWord(prop->left->text)) {
    // {a = 1}: only in a pattern (checked when the program is parsed).
    prop->shorthand = true;
    Node* id = ast_->New(NodeKind::kIdentifier, prop->left->start);
    id->text = prop->left->text;
    id->end = prop->left->end;
    Node* assign = ast_->New(NodeKind::kAssign, id->start);
    assign->text = "=";
    assign->op_start = cur_.start;
    assign->op_end = cur_.end;
    assign->left = id;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(assign->right, ParseAssignment());
    prop->right = Finish(assign);
    cover_initializers_.push_back(prop);
  } else {
    return Unexpected(cur_);
  }
  return Finish(prop);
}

absl::StatusOr<Node*> Parser::ParsePropertyKey() {
  if (At("[")) {
    RUNY_RETURN_IF_ERROR(Advance());
    bool saved_no_in = no_in_;
    no_in_ = false;
    RUNY_ASSIGN_OR_RETURN(Node * key, ParseAssignment());
    no_in_ = saved_no_in;
    RUNY_RETURN_IF_ERROR(Expect("]"));
    computed_key_ = true;
    return key;
  }
  if (cur_.kind == TokenKind::kString || cur_.kind == TokenKind::kNumber) {
    Node* node = ast_->New(NodeKind::kLiteral, cur_.start);
    node->text = cur_.text;
    RUNY_RETURN_IF_ERROR(Advance());
    return Finish(node);
  }
  return ParseIdentifierName();
}

absl::StatusOr<Node*> Parser::ParseMethod(Node* property, bool is_async,
                                          bool is_generator, int allows) {
  Node* fn = ast_->New(NodeKind::kFunction, cur_.start);
  fn->is_async = is_async;
  fn->is_generator = is_generator;
  fn->method = true;
  fn->keyword_start = property->keyword_start;
  int saved_allows = ctx_.allows;
  ctx_.allows = allows;  // defaults may use super too
  absl::Status params = ParseParams(fn);
  ctx_.allows = saved_allows;
  RUNY_RETURN_IF_ERROR(params);
  RUNY_RETURN_IF_ERROR(CheckParamsHaveNoAwait(fn));
  if (property->prop_kind == PropKind::kGet && !fn->list.empty()) {
    return file_.Error(fn->params_start,
                       "Getter must not have any formal parameters.");
  }
  if (property->prop_kind == PropKind::kSet &&
      (fn->list.size() != 1 || fn->list[0]->kind == NodeKind::kSpread)) {
    return file_.Error(fn->params_start,
                       "Setter must have exactly one formal parameter.");
  }
  RUNY_RETURN_IF_ERROR(ParseFunctionBody(fn, allows));
  return Finish(fn);
}

// import "runy"; import x, {a, b as c} from "runy"; import * as r from "runy"
absl::StatusOr<Node*> Parser::ParseImport() {
  Node* node = ast_->New(NodeKind::kImport, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  bool named = cur_.kind != TokenKind::kString;
  if (cur_.kind == TokenKind::kIdentifier) {
    Node* spec = ast_->New(NodeKind::kImportSpecifier, cur_.start);
    spec->text = "default";
    RUNY_ASSIGN_OR_RETURN(spec->id, ParseBindingIdentifier());
    node->list.push_back(Finish(spec));
    if (At(",")) RUNY_RETURN_IF_ERROR(Advance());
  }
  if (At("*")) {
    Node* spec = ast_->New(NodeKind::kImportSpecifier, cur_.start);
    spec->text = "*";
    RUNY_RETURN_IF_ERROR(Advance());
    if (!cur_.IsIdent("as")) return Unexpected(cur_);
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(spec->id, ParseBindingIdentifier());
    node->list.push_back(Finish(spec));
  } else if (At("{")) {
    RUNY_RETURN_IF_ERROR(Advance());
    while (!At("}")) {
      Node* spec = ast_->New(NodeKind::kImportSpecifier, cur_.start);
      bool keyword = cur_.kind == TokenKind::kKeyword;
      RUNY_ASSIGN_OR_RETURN(spec->left, ParseIdentifierName());
      spec->text = spec->left->text;
      if (cur_.IsIdent("as")) {
        RUNY_RETURN_IF_ERROR(Advance());
        RUNY_ASSIGN_OR_RETURN(spec->id, ParseBindingIdentifier());
      } else if (keyword) {
        return Unexpected(prev_);
      } else {
        spec->id = spec->left;
      }
      node->list.push_back(Finish(spec));
      if (!At("}")) RUNY_RETURN_IF_ERROR(Expect(","));
    }
    RUNY_RETURN_IF_ERROR(Advance());
  }
  if (named) {
    if (!cur_.IsIdent("from") || node->list.empty()) return Unexpected(cur_);
    RUNY_RETURN_IF_ERROR(Advance());
  }
  if (cur_.kind != TokenKind::kString) return Unexpected(cur_);
  absl::string_view module = cur_.text.substr(1, cur_.text.size() - 2);
  if (module != "runy") {
    return file_.Error(cur_.start,
                       absl::StrCat("import of \"", module,
                                    "\" is not supported: only \"runy\""));
  }
  node->text = cur_.text;
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
  return Finish(node);
}

}  // namespace runy::script
