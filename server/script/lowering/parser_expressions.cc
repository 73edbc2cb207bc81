// Expressions of Parser: precedence climbing over the ES5 operators, a cover
// grammar for arrow-function heads, literals and templates.
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/script/lowering/parser.h"

namespace runy::script {
namespace {

// `=` and the compound assignments of ES5 (not ==, !=, <=, >=, =>, ...).
bool IsAssignOp(const Token& tok) {
  if (tok.kind != TokenKind::kPunctuator || tok.text.back() != '=') {
    return false;
  }
  absl::string_view t = tok.text;
  if (t.size() == 1 || t == "**=") return true;
  char c = t[t.size() - 2];
  if (t.size() == 2) return c != '=' && c != '!' && c != '<' && c != '>';
  // Three or four characters: <<= >>= >>>= (not === !== **= &&= ||= ??=,
  // which callers reject or compare as operators).
  return t == "<<=" || t == ">>=" || t == ">>>=";
}

// Whether `node` is a binary `op1` or `op2` as written (not parenthesized).
bool IsLogical(const Node* node, absl::string_view op1, absl::string_view op2) {
  return node->kind == NodeKind::kBinary &&
         (node->text == op1 || node->text == op2);
}

// Binding power of a binary operator; 0 when `tok` is none. Called for
// every operand, so it switches on the first byte instead of comparing
// strings.
int BinaryPrecedence(const Token& tok, bool no_in) {
  absl::string_view t = tok.text;
  if (tok.kind == TokenKind::kKeyword) {
    if (t == "instanceof" || (t == "in" && !no_in)) return 7;
    return 0;
  }
  if (tok.kind != TokenKind::kPunctuator) return 0;
  size_t n = t.size();
  switch (t[0]) {
    case '|':
      return n == 2 && t[1] == '|' ? 1 : n == 1 ? 3 : 0;
    case '?':
      return n == 2 && t[1] == '?' ? 1 : 0;
    case '&':
      return n == 2 && t[1] == '&' ? 2 : n == 1 ? 5 : 0;
    case '^':
      return n == 1 ? 4 : 0;
    case '=':
    case '!':
      return (n == 2 || n == 3) && t[1] == '=' && (n == 2 || t[2] == '=') ? 6
                                                                          : 0;
    case '<':
    case '>':
      if (n == 1 || (n == 2 && t[1] == '=')) return 7;
      if (t == "<<" || t == ">>" || t == ">>>") return 8;
      return 0;
    case '+':
    case '-':
      return n == 1 ? 9 : 0;
    case '*':
      return n == 1 ? 10 : n == 2 && t[1] == '*' ? 11 : 0;
    case '/':
    case '%':
      return n == 1 ? 10 : 0;
    default:
      return 0;
  }
}

// The first `await` of `node` outside nested functions, or null.
// The first `kind` node in `node` outside nested functions.
const Node* FindOutsideFunctions(Node* node, NodeKind kind) {
  if (node->kind == kind) return node;
  if (node->kind == NodeKind::kFunction ||
      node->kind == NodeKind::kArrowFunction) {
    return nullptr;
  }
  const Node* found = nullptr;
  ForEachChild(node, [&](Node* child) {
    if (found == nullptr) found = FindOutsideFunctions(child, kind);
  });
  return found;
}

}  // namespace

absl::Status Parser::CheckParamsHaveNoAwait(const Node* fn) const {
  for (Node* param : fn->list) {
    if (param->kind != NodeKind::kAssign) continue;
    if (const Node* yield =
            FindOutsideFunctions(param->right, NodeKind::kYield);
        yield != nullptr) {
      return file_.Error(yield->start,
                         "Yield expression not allowed in formal parameter");
    }
    if (const Node* await =
            FindOutsideFunctions(param->right, NodeKind::kAwait);
        await != nullptr) {
      return file_.Error(await->start,
                         fn->is_async ? "Illegal await-expression in formal "
                                        "parameters of async function"
                                      : "await is only valid in async "
                                        "functions and the top level bodies "
                                        "of modules");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Node*> Parser::ParseExpression() {
  RUNY_ASSIGN_OR_RETURN(Node * first, ParseAssignment());
  if (!At(",")) return first;
  Node* seq = ast_->New(NodeKind::kSequence, first->start);
  seq->list.push_back(first);
  while (At(",")) {
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(Node * next, ParseAssignment());
    seq->list.push_back(next);
  }
  return Finish(seq);
}

absl::StatusOr<Node*> Parser::ParseAssignment() {
  Nesting nesting(&nesting_);
  RUNY_RETURN_IF_ERROR(CheckNesting());
  if (ctx_.is_generator && cur_.IsIdent("yield")) return ParseYield();
  if (cur_.IsIdent("async")) {
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    if (next->kind == TokenKind::kIdentifier && !next->newline_before) {
      return ParseAsyncArrowWithIdentifier();
    }
  }
  RUNY_ASSIGN_OR_RETURN(Node * left, ParseConditional());
  if (At("=>")) {
    bool is_async_call =
        left->kind == NodeKind::kCall &&
        left->left->kind == NodeKind::kIdentifier &&
        left->left->text == "async" &&
        CountLineTerminators(file_.text().substr(
            left->left->end, left->params_start - left->left->end)) == 0;
    return ParseArrow(left, is_async_call);
  }
  bool logical =
      cur_.IsPunct("&&=") || cur_.IsPunct("||=") || cur_.IsPunct("?\?=");
  if (!logical && !IsAssignOp(cur_)) return left;
  if (cur_.text == "=" &&
      (left->kind == NodeKind::kObject || left->kind == NodeKind::kArray)) {
    RUNY_RETURN_IF_ERROR(ToPattern(left, false));
  } else {
    RUNY_RETURN_IF_ERROR(CheckAssignmentTarget(left));
  }
  Node* node = ast_->New(NodeKind::kAssign, left->start);
  node->text = cur_.text;
  node->op_start = cur_.start;
  node->op_end = cur_.end;
  node->left = left;
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_ASSIGN_OR_RETURN(node->right, ParseAssignment());
  return Finish(node);
}

// yield, yield x, yield* x: the argument is optional, and must start on the
// line of `yield`.
absl::StatusOr<Node*> Parser::ParseYield() {
  Node* node = ast_->New(NodeKind::kYield, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  if (!cur_.newline_before && At("*")) {
    node->delegate = true;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->argument, ParseAssignment());
    return Finish(node);
  }
  bool ends = cur_.newline_before || cur_.kind == TokenKind::kEof || At(")") ||
              At("]") || At("}") || At(",") || At(";") || At(":") || At("?") ||
              cur_.IsKeyword("in") || cur_.kind == TokenKind::kTemplateMiddle ||
              cur_.kind == TokenKind::kTemplateTail;
  if (!ends) {
    RUNY_ASSIGN_OR_RETURN(node->argument, ParseAssignment());
  }
  return Finish(node);
}

absl::Status Parser::CheckAssignmentTarget(Node* target) {
  Node* t = target;
  while (t->kind == NodeKind::kParen && t->argument != nullptr) t = t->argument;
  if (t->kind == NodeKind::kIdentifier || t->kind == NodeKind::kMember) {
    return absl::OkStatus();
  }
  return file_.Error(target->start, "invalid assignment target");
}

absl::StatusOr<Node*> Parser::ParseAsyncArrowWithIdentifier() {
  Node* node = ast_->New(NodeKind::kArrowFunction, cur_.start);
  node->is_async = true;
  node->keyword_start = cur_.start;
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_ASSIGN_OR_RETURN(Node * param, ParseBindingIdentifier());
  node->list.push_back(param);
  node->params_start = param->start;
  node->params_end = param->end;
  if (!At("=>") || cur_.newline_before) return Unexpected(cur_);
  return ParseArrow(node, true);
}

// `head` is the cover: an identifier, a parenthesized expression, a call of
// `async`, or an arrow whose parameters are already known.
absl::StatusOr<Node*> Parser::ParseArrow(Node* head, bool is_async) {
  if (cur_.newline_before) return Unexpected(cur_);
  Node* node = head;
  if (head->kind != NodeKind::kArrowFunction) {
    node = ast_->New(NodeKind::kArrowFunction, head->start);
    node->is_async = is_async;
    RUNY_RETURN_IF_ERROR(ArrowParamsFromCover(head, node));
  }
  node->arrow_start = cur_.start;
  RUNY_RETURN_IF_ERROR(Advance());
  Context saved = ctx_;
  ctx_ = Context();
  ctx_.in_function = true;
  ctx_.is_async = node->is_async;
  ctx_.allows = saved.allows;  // arrows see the super and new.target around
  if (At("{")) {
    bool saved_no_in = no_in_;
    no_in_ = false;
    RUNY_ASSIGN_OR_RETURN(node->body, ParseBlock());
    no_in_ = saved_no_in;
    RUNY_RETURN_IF_ERROR(CheckUseStrictParams(node));
  } else {
    node->expression_body = true;
    RUNY_ASSIGN_OR_RETURN(node->body, ParseAssignment());
  }
  ctx_ = saved;
  return Finish(node);
}

absl::Status Parser::ArrowParamsFromCover(Node* head, Node* arrow) {
  std::vector<Node*> params;
  if (head->kind == NodeKind::kIdentifier) {
    params.push_back(head);
    arrow->params_start = head->start;
  } else if (head->kind == NodeKind::kParen) {
    arrow->params_start = head->start;
    if (head->argument == nullptr) {
    } else if (head->argument->kind == NodeKind::kSequence) {
      params = head->argument->list;
    } else {
      params.push_back(head->argument);
    }
  } else if (head->kind == NodeKind::kCall) {
    arrow->params_start = head->params_start;
    arrow->keyword_start = head->start;
    params = head->list;
  } else {
    return file_.Error(head->start, "invalid arrow function parameters");
  }
  arrow->params_end = head->end;
  arrow->trailing_comma = head->trailing_comma;
  for (size_t i = 0; i < params.size(); ++i) {
    Node* param = params[i];
    Node* name = param;
    if (param->kind == NodeKind::kAssign && param->text == "=") {
      name = param->left;
    } else if (param->kind == NodeKind::kSpread) {
      if (i + 1 != params.size() || arrow->trailing_comma >= 0) {
        return file_.Error(param->start,
                           "Rest parameter must be last formal parameter");
      }
      name = param->argument;
    }
    if (name->kind == NodeKind::kObject || name->kind == NodeKind::kArray) {
      RUNY_RETURN_IF_ERROR(ToPattern(name, true));
    } else if (name->kind != NodeKind::kIdentifier) {
      return file_.Error(param->start, "invalid arrow function parameters");
    }
  }
  arrow->list = std::move(params);
  return CheckParamsHaveNoAwait(arrow);
}

absl::StatusOr<Node*> Parser::ParseConditional() {
  RUNY_ASSIGN_OR_RETURN(Node * test, ParseBinary(0));
  if (!At("?")) return test;
  Node* node = ast_->New(NodeKind::kConditional, test->start);
  node->test = test;
  RUNY_RETURN_IF_ERROR(Advance());
  bool saved_no_in = no_in_;
  no_in_ = false;
  RUNY_ASSIGN_OR_RETURN(node->consequent, ParseAssignment());
  no_in_ = saved_no_in;
  RUNY_RETURN_IF_ERROR(Expect(":"));
  RUNY_ASSIGN_OR_RETURN(node->alternate, ParseAssignment());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseBinary(int min_precedence) {
  RUNY_ASSIGN_OR_RETURN(Node * left, ParseUnary());
  if (left->kind == NodeKind::kPrivateName &&
      !(cur_.IsKeyword("in") &&
        BinaryPrecedence(cur_, no_in_) > min_precedence)) {
    // `#x` stands alone only as the left of `in`.
    return Unexpected(prev_);
  }
  while (true) {
    // ?? and || or && do not mix without parentheses.
    bool logical = At("||") || At("&&");
    if ((At("??") && IsLogical(left, "||", "&&")) ||
        (logical && IsLogical(left, "??", "??"))) {
      return file_.Error(cur_.start,
                         "'?\?' cannot be mixed with '||' or '&&' without "
                         "parentheses");
    }
    int precedence = BinaryPrecedence(cur_, no_in_);
    if (precedence == 0 || precedence <= min_precedence) return left;
    bool power = At("**");
    if (power &&
        (left->kind == NodeKind::kUnary || left->kind == NodeKind::kAwait)) {
      return file_.Error(cur_.start,
                         "Unary operator used immediately before "
                         "exponentiation expression. Parenthesis must be "
                         "used to disambiguate operator precedence");
    }
    Node* node = ast_->New(NodeKind::kBinary, left->start);
    node->text = cur_.text;
    node->left = left;
    node->op_start = cur_.start;
    node->op_end = cur_.end;
    RUNY_RETURN_IF_ERROR(Advance());
    // ** groups to the right: a ** b ** c is a ** (b ** c). The right of
    // ?? is a | expression: a following || or && is the error above.
    bool coalesce = node->text == "??";
    RUNY_ASSIGN_OR_RETURN(node->right, ParseBinary(power      ? precedence - 1
                                                   : coalesce ? 2
                                                              : precedence));
    left = Finish(node);
  }
}

absl::StatusOr<Node*> Parser::ParseUnary() {
  bool unary_punct = At("!") || At("~") || At("+") || At("-");
  bool unary_word = cur_.IsKeyword("typeof") || cur_.IsKeyword("void") ||
                    cur_.IsKeyword("delete");
  if (!unary_punct && !unary_word && !At("++") && !At("--") &&
      !cur_.IsIdent("await")) {
    return ParsePostfix();
  }
  // Each operator of a chain such as !!!x or - - x is one more level.
  Nesting nesting(&nesting_);
  RUNY_RETURN_IF_ERROR(CheckNesting());
  if (unary_punct || unary_word) {
    Node* node = ast_->New(NodeKind::kUnary, cur_.start);
    node->text = cur_.text;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->argument, ParseUnary());
    if (node->text == "delete") {
      const Node* target = node->argument;
      while (target->kind == NodeKind::kParen && target->argument != nullptr) {
        target = target->argument;
      }
      if (target->kind == NodeKind::kMember &&
          target->right->kind == NodeKind::kPrivateName) {
        return file_.Error(target->start, "Private fields can not be deleted");
      }
    }
    return Finish(node);
  }
  if (At("++") || At("--")) {
    Node* node = ast_->New(NodeKind::kUpdate, cur_.start);
    node->text = cur_.text;
    node->prefix = true;
    node->op_start = cur_.start;
    node->op_end = cur_.end;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->argument, ParseUnary());
    RUNY_RETURN_IF_ERROR(CheckAssignmentTarget(node->argument));
    return Finish(node);
  }
  if (cur_.IsIdent("await")) {
    if (!AwaitAllowed()) {
      return file_.Error(cur_.start,
                         "'await' is only valid in async functions and at "
                         "the top level");
    }
    Node* node = ast_->New(NodeKind::kAwait, cur_.start);
    if (!ctx_.in_function) top_level_await_ = true;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->argument, ParseUnary());
    return Finish(node);
  }
  return ParsePostfix();
}

absl::StatusOr<Node*> Parser::ParsePostfix() {
  RUNY_ASSIGN_OR_RETURN(Node * expr, ParseLeftHandSide());
  // Restricted production: a line break before ++ or -- ends the statement.
  if ((At("++") || At("--")) && !cur_.newline_before) {
    RUNY_RETURN_IF_ERROR(CheckAssignmentTarget(expr));
    Node* node = ast_->New(NodeKind::kUpdate, expr->start);
    node->text = cur_.text;
    node->op_start = cur_.start;
    node->op_end = cur_.end;
    node->argument = expr;
    RUNY_RETURN_IF_ERROR(Advance());
    return Finish(node);
  }
  return expr;
}

absl::StatusOr<Node*> Parser::ParseLeftHandSide() {
  Node* expr;
  if (cur_.IsKeyword("new")) {
    RUNY_ASSIGN_OR_RETURN(expr, ParseNew());
  } else {
    RUNY_ASSIGN_OR_RETURN(expr, ParsePrimary());
  }
  return ParseMemberTail(expr, true);
}

absl::StatusOr<Node*> Parser::ParseNew() {
  Nesting nesting(&nesting_);
  RUNY_RETURN_IF_ERROR(CheckNesting());
  int start = cur_.start;
  RUNY_RETURN_IF_ERROR(Advance());
  if (At(".")) {
    RUNY_RETURN_IF_ERROR(Advance());
    if (!cur_.IsIdent("target")) return Unexpected(cur_);
    if ((ctx_.allows & kNewTarget) == 0) {
      return file_.Error(start, "new.target expression is not allowed here");
    }
    Node* meta = ast_->New(NodeKind::kNewTarget, start);
    RUNY_RETURN_IF_ERROR(Advance());
    return ParseMemberTail(Finish(meta), false);
  }
  Node* callee;
  if (cur_.IsKeyword("new")) {
    RUNY_ASSIGN_OR_RETURN(callee, ParseNew());
  } else {
    RUNY_ASSIGN_OR_RETURN(callee, ParsePrimary());
  }
  RUNY_ASSIGN_OR_RETURN(callee, ParseMemberTail(callee, false));
  if (callee->kind == NodeKind::kChain) {
    return file_.Error(callee->start,
                       "Invalid optional chain from new expression");
  }
  Node* node = ast_->New(NodeKind::kNew, start);
  node->left = callee;
  if (At("(")) RUNY_RETURN_IF_ERROR(ParseArguments(node));
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseMemberTail(Node* object, bool allow_call) {
  bool chain = false;
  while (true) {
    if (cur_.kind == TokenKind::kTemplateFull ||
        cur_.kind == TokenKind::kTemplateHead) {
      if (chain) {
        return file_.Error(cur_.start,
                           "Invalid tagged template on optional chain");
      }
      Node* tagged = ast_->New(NodeKind::kTaggedTemplate, object->start);
      RUNY_ASSIGN_OR_RETURN(tagged->argument, ParseTemplate());
      tagged->left = object;
      object = Finish(tagged);
      continue;
    }
    Node* node;
    if (At("?.") && !allow_call) {
      return file_.Error(cur_.start,
                         "Invalid optional chain from new expression");
    }
    if (At("?.")) {
      // a?.b, a?.[k], a?.(x): the rest of the chain is skipped when `a` is
      // null or undefined.
      int op_start = cur_.start;
      int op_end = cur_.end;
      chain = true;
      RUNY_RETURN_IF_ERROR(Advance());
      if (At("(")) {
        node = ast_->New(NodeKind::kCall, object->start);
        RUNY_RETURN_IF_ERROR(ParseArguments(node));
      } else if (At("[")) {
        node = ast_->New(NodeKind::kMember, object->start);
        node->computed = true;
        RUNY_RETURN_IF_ERROR(Advance());
        bool saved_no_in = no_in_;
        no_in_ = false;
        RUNY_ASSIGN_OR_RETURN(node->right, ParseExpression());
        no_in_ = saved_no_in;
        RUNY_RETURN_IF_ERROR(Expect("]"));
      } else {
        node = ast_->New(NodeKind::kMember, object->start);
        if (cur_.kind == TokenKind::kPrivateName) {
          return Unsupported(cur_.start,
                             "a private name in an optional chain is");
        }
        RUNY_ASSIGN_OR_RETURN(node->right, ParseIdentifierName());
      }
      node->optional = true;
      node->op_start = op_start;
      node->op_end = op_end;
    } else if (At(".")) {
      node = ast_->New(NodeKind::kMember, object->start);
      RUNY_RETURN_IF_ERROR(Advance());
      if (cur_.kind == TokenKind::kPrivateName) {
        if (object->kind == NodeKind::kSuper) return Unexpected(cur_);
        if (chain) {
          return Unsupported(cur_.start,
                             "a private name in an optional chain is");
        }
        RUNY_ASSIGN_OR_RETURN(node->right, ParsePrivateName());
      } else {
        RUNY_ASSIGN_OR_RETURN(node->right, ParseIdentifierName());
      }
    } else if (At("[")) {
      node = ast_->New(NodeKind::kMember, object->start);
      node->computed = true;
      RUNY_RETURN_IF_ERROR(Advance());
      bool saved_no_in = no_in_;
      no_in_ = false;
      RUNY_ASSIGN_OR_RETURN(node->right, ParseExpression());
      no_in_ = saved_no_in;
      RUNY_RETURN_IF_ERROR(Expect("]"));
    } else if (allow_call && At("(")) {
      node = ast_->New(NodeKind::kCall, object->start);
      RUNY_RETURN_IF_ERROR(ParseArguments(node));
    } else if (chain) {
      Node* wrapper = ast_->New(NodeKind::kChain, object->start);
      wrapper->argument = object;
      wrapper->end = object->end;
      return wrapper;
    } else {
      return object;
    }
    node->left = object;
    object = Finish(node);
  }
}

absl::Status Parser::ParseArguments(Node* call) {
  call->params_start = cur_.start;
  RUNY_RETURN_IF_ERROR(Expect("("));
  bool saved_no_in = no_in_;
  no_in_ = false;
  while (!At(")")) {
    Node* arg;
    if (At("...")) {
      arg = ast_->New(NodeKind::kSpread, cur_.start);
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(arg->argument, ParseAssignment());
      Finish(arg);
    } else {
      RUNY_ASSIGN_OR_RETURN(arg, ParseAssignment());
    }
    call->list.push_back(arg);
    if (!At(",")) break;
    int comma = cur_.start;
    RUNY_RETURN_IF_ERROR(Advance());
    if (At(")")) call->trailing_comma = comma;
  }
  no_in_ = saved_no_in;
  call->params_end = cur_.end;
  return Expect(")");
}

absl::StatusOr<Node*> Parser::ParseIdentifierName() {
  if (!cur_.IsIdentifierName()) return Unexpected(cur_);
  Node* id = ast_->New(NodeKind::kIdentifier, cur_.start);
  id->text = cur_.text;
  RUNY_RETURN_IF_ERROR(Advance());
  return Finish(id);
}

absl::StatusOr<Node*> Parser::ParseFunction(bool is_declaration,
                                            int async_start) {
  Node* node = ast_->New(NodeKind::kFunction,
                         async_start >= 0 ? async_start : cur_.start);
  node->is_declaration = is_declaration;
  node->is_async = async_start >= 0;
  node->keyword_start = async_start;
  RUNY_RETURN_IF_ERROR(Advance());
  if (At("*")) {
    node->is_generator = true;
    node->op_start = cur_.start;  // the `*`
    node->op_end = cur_.end;
    RUNY_RETURN_IF_ERROR(Advance());
  }
  if (cur_.kind == TokenKind::kIdentifier) {
    // A generator expression's own name may not be `yield`.
    if (!is_declaration && node->is_generator && cur_.text == "yield") {
      return Unexpected(cur_);
    }
    RUNY_ASSIGN_OR_RETURN(node->id, ParseBindingIdentifier());
  } else if (is_declaration) {
    return Unexpected(cur_);
  }
  RUNY_RETURN_IF_ERROR(ParseParams(node));
  RUNY_RETURN_IF_ERROR(CheckParamsHaveNoAwait(node));
  RUNY_RETURN_IF_ERROR(ParseFunctionBody(node));
  return Finish(node);
}

absl::Status Parser::ParseParams(Node* fn) {
  // A generator's parameters may not name `yield` (and a yield in a default
  // is an error); other functions' may, in generators too.
  bool saved_generator = ctx_.is_generator;
  ctx_.is_generator = fn->is_generator;
  absl::Status status = ParseParamList(fn);
  ctx_.is_generator = saved_generator;
  return status;
}

absl::Status Parser::ParseParamList(Node* fn) {
  fn->params_start = cur_.start;
  RUNY_RETURN_IF_ERROR(Expect("("));
  while (!At(")")) {
    Node* param;
    if (At("...")) {
      param = ast_->New(NodeKind::kSpread, cur_.start);
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(param->argument, ParseBindingTarget());
      Finish(param);
      if (!At(")")) {
        return file_.Error(param->start,
                           "Rest parameter must be last formal parameter");
      }
    } else {
      RUNY_ASSIGN_OR_RETURN(param, ParseBindingTarget());
      if (At("=")) {
        Node* assign = ast_->New(NodeKind::kAssign, param->start);
        assign->text = cur_.text;
        assign->op_start = cur_.start;
        assign->op_end = cur_.end;
        assign->left = param;
        RUNY_RETURN_IF_ERROR(Advance());
        RUNY_ASSIGN_OR_RETURN(assign->right, ParseAssignment());
        param = Finish(assign);
      }
    }
    fn->list.push_back(param);
    if (!At(",")) break;
    int comma = cur_.start;
    RUNY_RETURN_IF_ERROR(Advance());
    if (At(")")) fn->trailing_comma = comma;
  }
  fn->params_end = cur_.end;
  return Expect(")");
}

absl::Status Parser::CheckUseStrictParams(const Node* fn) const {
  bool simple = true;
  for (const Node* p : fn->list) {
    simple = simple && p->kind == NodeKind::kIdentifier;
  }
  if (simple || fn->body == nullptr || fn->body->kind != NodeKind::kBlock) {
    return absl::OkStatus();
  }
  for (const Node* s : fn->body->list) {
    if (s->kind != NodeKind::kExpressionStatement ||
        s->argument->kind != NodeKind::kLiteral ||
        (s->argument->text[0] != '"' && s->argument->text[0] != '\'')) {
      break;
    }
    absl::string_view d = s->argument->text;
    if (d.substr(1, d.size() - 2) == "use strict") {
      return file_.Error(s->start,
                         "Illegal 'use strict' directive in function with "
                         "non-simple parameter list");
    }
  }
  return absl::OkStatus();
}

absl::Status Parser::ParseFunctionBody(Node* fn, int allows) {
  Nesting nesting(&nesting_);
  RUNY_RETURN_IF_ERROR(CheckNesting());
  Context saved = ctx_;
  bool saved_no_in = no_in_;
  ctx_ = Context();
  ctx_.in_function = true;
  ctx_.is_async = fn->is_async;
  ctx_.is_generator = fn->is_generator;
  ctx_.allows = allows;
  no_in_ = false;
  if (!At("{")) return Unexpected(cur_);
  RUNY_ASSIGN_OR_RETURN(fn->body, ParseBlock());
  RUNY_RETURN_IF_ERROR(CheckUseStrictParams(fn));
  ctx_ = saved;
  no_in_ = saved_no_in;
  return absl::OkStatus();
}

}  // namespace runy::script
