// Statements, declarations and token handling of Parser; expressions are in
// parser_expressions.cc.
#include "server/script/lowering/parser.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/script/lowering/literal_text.h"

namespace runy::script {

Parser::Parser(const SourceFile& file, Ast* ast, size_t memory_limit)
    : file_(file),
      ast_(ast),
      lexer_(file),
      memory_limit_(memory_limit),
      // A node with its share of lists; the tree is most of what the
      // lowering holds.
      max_nodes_(memory_limit / (sizeof(Node) + 2 * sizeof(Node*))) {}

absl::Status Parser::Advance() {
  prev_ = cur_;
  if (peeked_.has_value()) {
    cur_ = *peeked_;
    peeked_.reset();
    return absl::OkStatus();
  }
  RUNY_ASSIGN_OR_RETURN(cur_, NextToken());
  return absl::OkStatus();
}

absl::StatusOr<Token> Parser::NextToken() {
  RUNY_ASSIGN_OR_RETURN(Token token, lexer_.Next());
  if (token.escaped) {
    token.text = ast_->Intern(CanonicalIdentifier(token.text));
  }
  return token;
}

absl::StatusOr<const Token*> Parser::Peek() {
  if (!peeked_.has_value()) {
    RUNY_ASSIGN_OR_RETURN(Token next, NextToken());
    peeked_ = next;
  }
  return &*peeked_;
}

absl::Status Parser::Expect(absl::string_view punct) {
  if (!At(punct)) return Unexpected(cur_);
  return Advance();
}

// Automatic semicolon insertion: a missing `;` is fine before `}`, at the end
// of input and after a line break.
absl::Status Parser::ConsumeSemicolon() {
  if (At(";")) return Advance();
  if (At("}") || cur_.kind == TokenKind::kEof || cur_.newline_before) {
    return absl::OkStatus();
  }
  return Unexpected(cur_);
}

absl::Status Parser::Unexpected(const Token& tok) const {
  if (tok.kind == TokenKind::kEof) {
    return file_.Error(tok.start, "unexpected end of input");
  }
  absl::string_view text = tok.text;
  if (text.size() > 24) text = text.substr(0, 24);
  return file_.Error(tok.start, absl::StrCat("unexpected token '", text, "'"));
}

absl::Status Parser::Unsupported(int offset, absl::string_view what) const {
  return file_.Error(offset, absl::StrCat(what, " not supported"));
}

absl::Status Parser::CheckNesting() const {
  if (max_nodes_ != 0 && ast_->size() > max_nodes_) {
    return file_.Error(
        cur_.start,
        absl::StrCat("the program is too large to compile within the script "
                     "memory limit (",
                     memory_limit_ >> 20, " MiB: more than ", max_nodes_,
                     " syntax nodes)"));
  }
  if (nesting_ <= kMaxNesting) return absl::OkStatus();
  return file_.Error(cur_.start, absl::StrCat("nesting is too deep (more than ",
                                              kMaxNesting, " levels)"));
}

absl::Status Parser::CheckTreeDepth(Node* program) const {
  // Iterative: the point is to bound the recursion of later passes.
  std::vector<std::pair<Node*, int>> stack = {{program, 1}};
  while (!stack.empty()) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    Node* node = stack.back().first;
    int depth = stack.back().second;
    stack.pop_back();
    if (depth > kMaxTreeDepth) {
      return file_.Error(node->start,
                         absl::StrCat("expression is nested too deeply (more "
                                      "than ",
                                      kMaxTreeDepth, " levels)"));
    }
    ForEachChild(node, [&](Node* child) {
      stack.push_back({child, depth + 1});
    });
  }
  return absl::OkStatus();
}

Node* Parser::Finish(Node* node) {
  node->end = prev_.end;
  return node;
}

absl::StatusOr<Node*> Parser::ParseProgram() {
  Node* program = ast_->New(NodeKind::kProgram, 0);
  RUNY_RETURN_IF_ERROR(Advance());
  while (cur_.kind != TokenKind::kEof) {
    Node* item;
    if (cur_.IsKeyword("import")) {
      RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
      if (next->IsPunct("("))
        return Unsupported(cur_.start, "dynamic import is");
      if (next->IsPunct(".")) return Unsupported(cur_.start, "import.meta is");
      RUNY_ASSIGN_OR_RETURN(item, ParseImport());
    } else {
      RUNY_ASSIGN_OR_RETURN(item, ParseStatementListItem());
    }
    program->list.push_back(item);
  }
  program->end = static_cast<int>(file_.text().size());
  program->has_top_level_await = top_level_await_;
  for (const Node* prop : cover_initializers_) {
    if (!prop->pattern) {
      return file_.Error(prop->right->op_start,
                         "Invalid shorthand property initializer");
    }
  }
  RUNY_RETURN_IF_ERROR(CheckTreeDepth(program));
  return program;
}

absl::StatusOr<Node*> Parser::ParseStatementListItem() {
  if (cur_.IsKeyword("function")) return ParseFunction(true, -1);
  if (cur_.IsIdent("async")) {
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    if (next->IsKeyword("function") && !next->newline_before) {
      int start = cur_.start;
      RUNY_RETURN_IF_ERROR(Advance());
      return ParseFunction(true, start);
    }
  }
  if (cur_.IsKeyword("class")) return ParseClass(true);
  bool lexical = cur_.IsKeyword("const");
  if (cur_.IsIdent("let")) {
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    lexical = next->kind == TokenKind::kIdentifier || next->IsPunct("[") ||
              next->IsPunct("{");
  }
  if (lexical) {
    RUNY_ASSIGN_OR_RETURN(Node * decl, ParseVariableDeclaration(false));
    RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
    return Finish(decl);
  }
  return ParseStatement();
}

absl::StatusOr<Node*> Parser::ParseStatement() {
  Nesting nesting(&nesting_);
  RUNY_RETURN_IF_ERROR(CheckNesting());
  if (At("{")) return ParseBlock();
  if (At(";")) {
    Node* node = ast_->New(NodeKind::kEmpty, cur_.start);
    RUNY_RETURN_IF_ERROR(Advance());
    return Finish(node);
  }
  if (cur_.kind != TokenKind::kKeyword) return ParseExpressionStatement();
  absl::string_view k = cur_.text;
  if (k == "var") {
    RUNY_ASSIGN_OR_RETURN(Node * decl, ParseVariableDeclaration(false));
    RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
    return Finish(decl);
  }
  if (k == "if") return ParseIf();
  if (k == "for") return ParseFor();
  if (k == "while") return ParseWhile();
  if (k == "do") return ParseDoWhile();
  if (k == "break" || k == "continue") return ParseJump();
  if (k == "return" || k == "throw") return ParseReturnOrThrow();
  if (k == "try") return ParseTry();
  if (k == "switch") return ParseSwitch();
  if (k == "with") return ParseWith();
  if (k == "function") return ParseFunction(true, -1);
  if (k == "class") {
    return file_.Error(cur_.start,
                       "class declarations cannot appear in a "
                       "single-statement context");
  }
  if (k == "export") return Unsupported(cur_.start, "export is");
  if (k == "import") {
    return file_.Error(cur_.start,
                       "import declarations may only appear at top level");
  }
  if (k == "const") {
    return file_.Error(cur_.start,
                       "lexical declaration cannot appear in a "
                       "single-statement context");
  }
  if (k == "debugger") {
    Node* node = ast_->New(NodeKind::kDebugger, cur_.start);
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
    return Finish(node);
  }
  return ParseExpressionStatement();
}

absl::StatusOr<Node*> Parser::ParseBlock() {
  Node* node = ast_->New(NodeKind::kBlock, cur_.start);
  RUNY_RETURN_IF_ERROR(Expect("{"));
  while (!At("}")) {
    if (cur_.kind == TokenKind::kEof) return Unexpected(cur_);
    RUNY_ASSIGN_OR_RETURN(Node * item, ParseStatementListItem());
    node->list.push_back(item);
  }
  RUNY_RETURN_IF_ERROR(Advance());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseBindingTarget() {
  if (!At("{") && !At("[")) return ParseBindingIdentifier();
  RUNY_ASSIGN_OR_RETURN(Node * pattern, ParsePrimary());
  RUNY_RETURN_IF_ERROR(ToPattern(pattern, true));
  return pattern;
}

absl::Status Parser::ToPattern(Node* node, bool binding) {
  switch (node->kind) {
    case NodeKind::kIdentifier:
      return absl::OkStatus();
    case NodeKind::kMember:
      if (!binding) return absl::OkStatus();
      break;
    case NodeKind::kParen:
      if (!binding && node->argument != nullptr &&
          (node->argument->kind == NodeKind::kIdentifier ||
           node->argument->kind == NodeKind::kMember)) {
        return absl::OkStatus();
      }
      break;
    case NodeKind::kAssign:
      if (node->text != "=") break;
      return ToPattern(node->left, binding);
    case NodeKind::kArray:
      node->pattern = true;
      for (size_t i = 0; i < node->list.size(); ++i) {
        Node* element = node->list[i];
        if (element == nullptr) continue;
        if (element->kind == NodeKind::kSpread) {
          if (i + 1 != node->list.size() ||
              file_.text()
                      .substr(element->end, node->end - element->end)
                      .find(',') != absl::string_view::npos) {
            return file_.Error(element->start,
                               "Rest element must be last element");
          }
          if (element->argument->kind == NodeKind::kAssign) {
            return file_.Error(element->argument->start,
                               "Invalid destructuring assignment target");
          }
          RUNY_RETURN_IF_ERROR(ToPattern(element->argument, binding));
          continue;
        }
        RUNY_RETURN_IF_ERROR(ToPattern(element, binding));
      }
      return absl::OkStatus();
    case NodeKind::kObject:
      node->pattern = true;
      for (size_t i = 0; i < node->list.size(); ++i) {
        Node* prop = node->list[i];
        if (prop->kind == NodeKind::kSpread) {
          if (i + 1 != node->list.size()) {
            return file_.Error(prop->start,
                               "Rest element must be last element");
          }
          Node* arg = prop->argument;
          if (arg->kind != NodeKind::kIdentifier &&
              (binding || arg->kind != NodeKind::kMember)) {
            return file_.Error(arg->start,
                               "`...` must be followed by an assignable "
                               "reference in assignment contexts");
          }
          continue;
        }
        if (prop->method || prop->prop_kind != PropKind::kInit) {
          return file_.Error(prop->start,
                             "Invalid destructuring assignment target");
        }
        prop->pattern = true;
        RUNY_RETURN_IF_ERROR(ToPattern(prop->right, binding));
      }
      return absl::OkStatus();
    default:
      break;
  }
  return file_.Error(node->start, binding ? "Invalid destructuring target"
                                          : "Invalid destructuring assignment "
                                            "target");
}

absl::StatusOr<Node*> Parser::ParseBindingIdentifier() {
  if (cur_.kind != TokenKind::kIdentifier) return Unexpected(cur_);
  if (cur_.escaped && IsReservedWord(cur_.text)) {
    return file_.Error(cur_.start,
                       "Keyword must not contain escaped characters");
  }
  if ((ctx_.is_generator && cur_.text == "yield") ||
      (cur_.escaped && cur_.text == "await" && AwaitAllowed())) {
    return Unexpected(cur_);
  }
  if (cur_.text == "await" && AwaitAllowed()) return Unexpected(cur_);
  Node* id = ast_->New(NodeKind::kIdentifier, cur_.start);
  id->text = cur_.text;
  RUNY_RETURN_IF_ERROR(Advance());
  return Finish(id);
}

absl::StatusOr<Node*> Parser::ParseVariableDeclaration(bool in_for) {
  Node* node = ast_->New(NodeKind::kVariableDeclaration, cur_.start);
  node->decl_kind = cur_.text == "var"   ? DeclKind::kVar
                    : cur_.text == "let" ? DeclKind::kLet
                                         : DeclKind::kConst;
  RUNY_RETURN_IF_ERROR(Advance());
  while (true) {
    Node* decl = ast_->New(NodeKind::kVariableDeclarator, cur_.start);
    if (node->decl_kind != DeclKind::kVar && cur_.IsIdent("let")) {
      return file_.Error(cur_.start,
                         "let is disallowed as a lexically bound name");
    }
    RUNY_ASSIGN_OR_RETURN(decl->id, ParseBindingTarget());
    if (At("=")) {
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(decl->init, ParseAssignment());
    } else if (decl->id->kind != NodeKind::kIdentifier && !in_for) {
      return file_.Error(decl->id->start,
                         "Missing initializer in destructuring declaration");
    } else if (node->decl_kind == DeclKind::kConst && !in_for) {
      return file_.Error(decl->id->start,
                         "missing initializer in const declaration");
    }
    node->list.push_back(Finish(decl));
    if (!At(",")) break;
    RUNY_RETURN_IF_ERROR(Advance());
  }
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseIf() {
  Node* node = ast_->New(NodeKind::kIf, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_RETURN_IF_ERROR(Expect("("));
  RUNY_ASSIGN_OR_RETURN(node->test, ParseExpression());
  RUNY_RETURN_IF_ERROR(Expect(")"));
  RUNY_ASSIGN_OR_RETURN(node->consequent, ParseStatement());
  RUNY_RETURN_IF_ERROR(CheckSubStatement(node->consequent, true));
  if (cur_.IsKeyword("else")) {
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->alternate, ParseStatement());
    RUNY_RETURN_IF_ERROR(CheckSubStatement(node->alternate, true));
  }
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseFor() {
  Node* node = ast_->New(NodeKind::kFor, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  if (cur_.IsIdent("await")) {
    // for await (x of xs)
    if (!AwaitAllowed()) return Unexpected(cur_);
    if (!ctx_.in_function) top_level_await_ = true;
    node->is_async = true;
    RUNY_RETURN_IF_ERROR(Advance());
  }
  RUNY_RETURN_IF_ERROR(Expect("("));
  Node* init = nullptr;
  if (!At(";")) {
    bool declaration = cur_.IsKeyword("var") || cur_.IsKeyword("const");
    if (cur_.IsIdent("let")) {
      RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
      declaration = next->kind == TokenKind::kIdentifier ||
                    next->IsPunct("[") || next->IsPunct("{");
    }
    bool saved_no_in = no_in_;
    no_in_ = true;
    if (declaration) {
      RUNY_ASSIGN_OR_RETURN(init, ParseVariableDeclaration(true));
    } else {
      RUNY_ASSIGN_OR_RETURN(init, ParseExpression());
    }
    no_in_ = saved_no_in;
  }
  return ParseForRest(node, init);
}

absl::StatusOr<Node*> Parser::ParseForRest(Node* node, Node* init) {
  bool is_decl =
      init != nullptr && init->kind == NodeKind::kVariableDeclaration;
  if (init != nullptr && cur_.IsIdent("of")) {
    if (is_decl && (init->list.size() != 1 || init->list[0]->init != nullptr)) {
      return file_.Error(init->start, "invalid left-hand side in for-of loop");
    }
    if (!is_decl) {
      if (init->kind == NodeKind::kObject || init->kind == NodeKind::kArray) {
        RUNY_RETURN_IF_ERROR(ToPattern(init, false));
      } else {
        RUNY_RETURN_IF_ERROR(CheckAssignmentTarget(init));
      }
    }
    node->kind = NodeKind::kForIn;
    node->is_of = true;
    node->left = init;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->right, ParseAssignment());
    RUNY_RETURN_IF_ERROR(Expect(")"));
    RUNY_ASSIGN_OR_RETURN(node->body, ParseLoopBody());
    return Finish(node);
  }
  if (node->is_async) return Unexpected(cur_);  // for await needs `of`
  if (init != nullptr && cur_.IsKeyword("in")) {
    if (is_decl &&
        (init->list.size() != 1 || (init->list[0]->init != nullptr &&
                                    init->decl_kind != DeclKind::kVar))) {
      return file_.Error(init->start, "invalid left-hand side in for-in loop");
    }
    if (!is_decl) RUNY_RETURN_IF_ERROR(CheckAssignmentTarget(init));
    node->kind = NodeKind::kForIn;
    node->left = init;
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->right, ParseExpression());
    RUNY_RETURN_IF_ERROR(Expect(")"));
    RUNY_ASSIGN_OR_RETURN(node->body, ParseLoopBody());
    return Finish(node);
  }
  if (is_decl && init->decl_kind == DeclKind::kConst) {
    for (Node* decl : init->list) {
      if (decl->init == nullptr) {
        return file_.Error(decl->id->start,
                           "missing initializer in const declaration");
      }
    }
  }
  node->init = init;
  RUNY_RETURN_IF_ERROR(Expect(";"));
  if (!At(";")) {
    RUNY_ASSIGN_OR_RETURN(node->test, ParseExpression());
  }
  RUNY_RETURN_IF_ERROR(Expect(";"));
  if (!At(")")) {
    RUNY_ASSIGN_OR_RETURN(node->update, ParseExpression());
  }
  RUNY_RETURN_IF_ERROR(Expect(")"));
  RUNY_ASSIGN_OR_RETURN(node->body, ParseLoopBody());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseLoopBody() {
  ++ctx_.loop_depth;
  ++ctx_.breakable_depth;
  RUNY_ASSIGN_OR_RETURN(Node * body, ParseStatement());
  --ctx_.loop_depth;
  --ctx_.breakable_depth;
  RUNY_RETURN_IF_ERROR(CheckSubStatement(body, false));
  return body;
}

// A loop's or with's body may not be a declaration, not even behind labels;
// an if's may be a plain function (sloppy-mode scripts allow it).
absl::Status Parser::CheckSubStatement(const Node* body, bool if_body) const {
  const Node* inner = body;
  while (inner->kind == NodeKind::kLabeled) inner = inner->body;
  if (inner->kind != NodeKind::kFunction || !inner->is_declaration) {
    return absl::OkStatus();
  }
  if (if_body && inner == body && !inner->is_generator && !inner->is_async) {
    return absl::OkStatus();
  }
  return file_.Error(inner->start,
                     "functions can only be declared at top level, inside a "
                     "block, or as the body of an if statement");
}

absl::StatusOr<Node*> Parser::ParseWhile() {
  Node* node = ast_->New(NodeKind::kWhile, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_RETURN_IF_ERROR(Expect("("));
  RUNY_ASSIGN_OR_RETURN(node->test, ParseExpression());
  RUNY_RETURN_IF_ERROR(Expect(")"));
  RUNY_ASSIGN_OR_RETURN(node->body, ParseLoopBody());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseDoWhile() {
  Node* node = ast_->New(NodeKind::kDoWhile, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_ASSIGN_OR_RETURN(node->body, ParseLoopBody());
  if (!cur_.IsKeyword("while")) return Unexpected(cur_);
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_RETURN_IF_ERROR(Expect("("));
  RUNY_ASSIGN_OR_RETURN(node->test, ParseExpression());
  RUNY_RETURN_IF_ERROR(Expect(")"));
  // ES2015: a semicolon after do-while is inserted even on the same line.
  if (At(";")) RUNY_RETURN_IF_ERROR(Advance());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseJump() {
  bool is_break = cur_.text == "break";
  Node* node =
      ast_->New(is_break ? NodeKind::kBreak : NodeKind::kContinue, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  if (cur_.kind == TokenKind::kIdentifier && !cur_.newline_before) {
    const auto& labels = ctx_.labels;
    if (std::find(labels.begin(), labels.end(), cur_.text) == labels.end()) {
      return file_.Error(cur_.start,
                         absl::StrCat("undefined label '", cur_.text, "'"));
    }
    node->id = ast_->New(NodeKind::kIdentifier, cur_.start);
    node->id->text = cur_.text;
    RUNY_RETURN_IF_ERROR(Advance());
    Finish(node->id);
  } else if (is_break ? ctx_.breakable_depth == 0 : ctx_.loop_depth == 0) {
    return file_.Error(node->start,
                       absl::StrCat("illegal ", is_break ? "break" : "continue",
                                    " statement"));
  }
  RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseReturnOrThrow() {
  bool is_return = cur_.text == "return";
  Node* node =
      ast_->New(is_return ? NodeKind::kReturn : NodeKind::kThrow, cur_.start);
  if (is_return && !ctx_.in_function) {
    return file_.Error(cur_.start, "illegal return statement");
  }
  RUNY_RETURN_IF_ERROR(Advance());
  if (!is_return && cur_.newline_before) {
    return file_.Error(cur_.start, "illegal newline after throw");
  }
  // Restricted production: `return` followed by a line break returns.
  bool has_argument =
      !is_return || !(At(";") || At("}") || cur_.kind == TokenKind::kEof ||
                      cur_.newline_before);
  if (has_argument) {
    RUNY_ASSIGN_OR_RETURN(node->argument, ParseExpression());
  }
  RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseTry() {
  Node* node = ast_->New(NodeKind::kTry, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_ASSIGN_OR_RETURN(node->body, ParseBlock());
  if (cur_.IsKeyword("catch")) {
    Node* handler = ast_->New(NodeKind::kCatch, cur_.start);
    RUNY_RETURN_IF_ERROR(Advance());
    if (At("(")) {
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(handler->id, ParseBindingTarget());
      RUNY_RETURN_IF_ERROR(Expect(")"));
    }
    RUNY_ASSIGN_OR_RETURN(handler->body, ParseBlock());
    node->handler = Finish(handler);
  }
  if (cur_.IsKeyword("finally")) {
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->finalizer, ParseBlock());
  }
  if (node->handler == nullptr && node->finalizer == nullptr) {
    return file_.Error(cur_.start, "missing catch or finally after try");
  }
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseSwitch() {
  Node* node = ast_->New(NodeKind::kSwitch, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_RETURN_IF_ERROR(Expect("("));
  RUNY_ASSIGN_OR_RETURN(node->test, ParseExpression());
  RUNY_RETURN_IF_ERROR(Expect(")"));
  RUNY_RETURN_IF_ERROR(Expect("{"));
  ++ctx_.breakable_depth;
  bool has_default = false;
  while (!At("}")) {
    Node* clause = ast_->New(NodeKind::kSwitchCase, cur_.start);
    if (cur_.IsKeyword("case")) {
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(clause->test, ParseExpression());
    } else if (cur_.IsKeyword("default") && !has_default) {
      has_default = true;
      RUNY_RETURN_IF_ERROR(Advance());
    } else {
      return Unexpected(cur_);
    }
    RUNY_RETURN_IF_ERROR(Expect(":"));
    while (!At("}") && !cur_.IsKeyword("case") && !cur_.IsKeyword("default")) {
      if (cur_.kind == TokenKind::kEof) return Unexpected(cur_);
      RUNY_ASSIGN_OR_RETURN(Node * item, ParseStatementListItem());
      clause->list.push_back(item);
    }
    node->list.push_back(Finish(clause));
  }
  --ctx_.breakable_depth;
  RUNY_RETURN_IF_ERROR(Advance());
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseWith() {
  Node* node = ast_->New(NodeKind::kWith, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  RUNY_RETURN_IF_ERROR(Expect("("));
  RUNY_ASSIGN_OR_RETURN(node->test, ParseExpression());
  RUNY_RETURN_IF_ERROR(Expect(")"));
  RUNY_ASSIGN_OR_RETURN(node->body, ParseStatement());
  RUNY_RETURN_IF_ERROR(CheckSubStatement(node->body, false));
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseExpressionStatement() {
  if (cur_.kind == TokenKind::kIdentifier) {
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    if (next->IsPunct(":") && !(cur_.text == "await" && AwaitAllowed())) {
      if ((ctx_.is_generator && cur_.text == "yield") ||
          (cur_.escaped && IsReservedWord(cur_.text))) {
        return Unexpected(cur_);
      }
      Node* node = ast_->New(NodeKind::kLabeled, cur_.start);
      auto& labels = ctx_.labels;
      if (std::find(labels.begin(), labels.end(), cur_.text) != labels.end()) {
        return file_.Error(
            cur_.start,
            absl::StrCat("label '", cur_.text, "' has already been declared"));
      }
      node->id = ast_->New(NodeKind::kIdentifier, cur_.start);
      node->id->text = cur_.text;
      node->id->end = cur_.end;
      labels.push_back(cur_.text);
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_RETURN_IF_ERROR(Advance());
      RUNY_ASSIGN_OR_RETURN(node->body, ParseStatement());
      ctx_.labels.pop_back();
      if (node->body->kind == NodeKind::kFunction &&
          node->body->is_declaration &&
          (node->body->is_generator || node->body->is_async)) {
        return file_.Error(node->body->start,
                           "generators and async functions can only be "
                           "declared at top level or inside a block");
      }
      return Finish(node);
    }
  }
  // What would start a declaration is not an expression statement.
  if (cur_.IsIdent("async") || cur_.IsIdent("let")) {
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    if (cur_.text == "async" && next->IsKeyword("function") &&
        !next->newline_before) {
      return file_.Error(cur_.start,
                         "async functions can only be declared at top level "
                         "or inside a block");
    }
    if (cur_.text == "let" && next->IsPunct("[")) {
      return file_.Error(cur_.start,
                         "lexical declaration cannot appear in a "
                         "single-statement context");
    }
  }
  Node* node = ast_->New(NodeKind::kExpressionStatement, cur_.start);
  RUNY_ASSIGN_OR_RETURN(node->argument, ParseExpression());
  RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
  return Finish(node);
}

}  // namespace runy::script
