// Class declarations and expressions of Parser: members, private names,
// `super`, and the early errors node reports for them.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/script/lowering/parser.h"

namespace runy::script {
namespace {

// Kinds of a private name's declarations, to tell a getter and setter pair
// from a duplicate.
enum PrivateKind {
  kPrivateField = 1,
  kPrivateMethod = 2,
  kPrivateGetter = 4,
  kPrivateSetter = 8,
  kPrivateStatic = 16,
};

bool KeyIs(const Node* member, absl::string_view name) {
  const Node* key = member->left;
  if (key == nullptr || member->computed) return false;
  if (key->kind == NodeKind::kIdentifier) return key->text == name;
  if (key->kind == NodeKind::kLiteral && key->text.size() == name.size() + 2 &&
      (key->text[0] == '"' || key->text[0] == '\'')) {
    return key->text.substr(1, name.size()) == name;
  }
  return false;
}

}  // namespace

absl::StatusOr<Node*> Parser::ParseClass(bool is_declaration) {
  Nesting nesting(&nesting_);
  RUNY_RETURN_IF_ERROR(CheckNesting());
  Node* node = ast_->New(NodeKind::kClass, cur_.start);
  node->is_declaration = is_declaration;
  RUNY_RETURN_IF_ERROR(Advance());
  if (cur_.kind == TokenKind::kIdentifier) {
    if (cur_.text == "let" || cur_.text == "static" || cur_.text == "yield" ||
        cur_.text == "implements" || cur_.text == "interface" ||
        cur_.text == "package" || cur_.text == "private" ||
        cur_.text == "protected" || cur_.text == "public") {
      return file_.Error(cur_.start, "Unexpected strict mode reserved word");
    }
    RUNY_ASSIGN_OR_RETURN(node->id, ParseBindingIdentifier());
  } else if (is_declaration) {
    return Unexpected(cur_);
  }
  if (cur_.IsKeyword("extends")) {
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(node->left, ParseLeftHandSide());
  }
  if (!At("{")) return Unexpected(cur_);
  node->params_start = cur_.start;
  RUNY_RETURN_IF_ERROR(Advance());
  private_scopes_.emplace_back();
  bool has_constructor = false;
  bool saved_no_in = no_in_;
  no_in_ = false;
  while (!At("}")) {
    if (At(";")) {
      Node* empty = ast_->New(NodeKind::kEmpty, cur_.start);
      RUNY_RETURN_IF_ERROR(Advance());
      node->list2.push_back(Finish(empty));
      continue;
    }
    RUNY_ASSIGN_OR_RETURN(Node * member,
                          ParseClassMember(node, &has_constructor));
    node->list.push_back(member);
  }
  no_in_ = saved_no_in;
  node->params_end = cur_.start;
  RUNY_RETURN_IF_ERROR(Advance());
  // Names used but not declared here belong to an enclosing class.
  PrivateScope scope = std::move(private_scopes_.back());
  private_scopes_.pop_back();
  for (const auto& [name, offset] : scope.used) {
    if (scope.declared.contains(name)) continue;
    if (private_scopes_.empty()) {
      return file_.Error(offset, absl::StrCat("Private field '", name,
                                              "' must be declared in an "
                                              "enclosing class"));
    }
    private_scopes_.back().used.emplace_back(name, offset);
  }
  return Finish(node);
}

absl::StatusOr<Node*> Parser::ParseClassMember(Node* cls,
                                               bool* has_constructor) {
  Node* member = ast_->New(NodeKind::kProperty, cur_.start);
  // A modifier is a modifier unless it is the member's name: `static()`,
  // `get = 1`, `async;`.
  auto is_modifier = [&]() -> absl::StatusOr<bool> {
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    return !(next->IsPunct("(") || next->IsPunct("=") || next->IsPunct(";") ||
             next->IsPunct("}") || next->kind == TokenKind::kEof);
  };
  if (cur_.IsIdent("static")) {
    RUNY_ASSIGN_OR_RETURN(bool modifier, is_modifier());
    if (modifier) {
      member->is_static = true;
      RUNY_RETURN_IF_ERROR(Advance());
      if (At("{")) {
        RUNY_ASSIGN_OR_RETURN(member->right, ParseStaticBlock());
        return Finish(member);
      }
    }
  }
  bool is_async = false;
  if (cur_.IsIdent("async")) {
    RUNY_ASSIGN_OR_RETURN(bool modifier, is_modifier());
    RUNY_ASSIGN_OR_RETURN(const Token* next, Peek());
    if (modifier && !next->newline_before) {
      is_async = true;
      member->keyword_start = cur_.start;
      RUNY_RETURN_IF_ERROR(Advance());
    }
  }
  bool is_generator = false;
  if (At("*")) {
    is_generator = true;
    RUNY_RETURN_IF_ERROR(Advance());
  }
  if (!is_async && !is_generator &&
      (cur_.IsIdent("get") || cur_.IsIdent("set"))) {
    RUNY_ASSIGN_OR_RETURN(bool modifier, is_modifier());
    if (modifier) {
      member->prop_kind = cur_.text == "get" ? PropKind::kGet : PropKind::kSet;
      RUNY_RETURN_IF_ERROR(Advance());
    }
  }
  if (cur_.kind == TokenKind::kPrivateName) {
    if (cur_.text == "#constructor") {
      return file_.Error(cur_.start,
                         "Classes may not have a private field named "
                         "'#constructor'");
    }
    Node* key = ast_->New(NodeKind::kPrivateName, cur_.start);
    key->text = cur_.text;
    RUNY_RETURN_IF_ERROR(Advance());
    member->left = Finish(key);
  } else {
    RUNY_ASSIGN_OR_RETURN(member->left, ParsePropertyKey());
    member->computed = std::exchange(computed_key_, false);
  }
  bool is_private = member->left->kind == NodeKind::kPrivateName;
  int static_bit = member->is_static ? kPrivateStatic : 0;
  if (At("(")) {
    member->method = true;
    bool is_constructor = !member->is_static && KeyIs(member, "constructor");
    if (is_constructor) {
      if (member->prop_kind != PropKind::kInit) {
        return file_.Error(member->left->start,
                           "Class constructor may not be an accessor");
      }
      if (is_async || is_generator) {
        return file_.Error(member->left->start,
                           is_async ? "Class constructor may not be an async "
                                      "method"
                                    : "Class constructor may not be a "
                                      "generator");
      }
      if (*has_constructor) {
        return file_.Error(member->left->start,
                           "A class may only have one constructor");
      }
      *has_constructor = true;
    }
    if (member->is_static && KeyIs(member, "prototype")) {
      return file_.Error(member->left->start,
                         "Classes may not have a static property named "
                         "'prototype'");
    }
    int allows = kSuperProperty | kNewTarget;
    if (is_constructor && cls->left != nullptr) allows |= kSuperCall;
    RUNY_ASSIGN_OR_RETURN(member->right,
                          ParseMethod(member, is_async, is_generator, allows));
    if (is_private) {
      int kind = member->prop_kind == PropKind::kGet   ? kPrivateGetter
                 : member->prop_kind == PropKind::kSet ? kPrivateSetter
                                                       : kPrivateMethod;
      RUNY_RETURN_IF_ERROR(DeclarePrivate(member->left, kind | static_bit));
    }
    return Finish(member);
  }
  // A field.
  if (is_async || is_generator || member->prop_kind != PropKind::kInit) {
    return Unexpected(cur_);
  }
  if (KeyIs(member, "constructor")) {
    return file_.Error(member->left->start,
                       "Classes may not have a field named 'constructor'");
  }
  if (member->is_static && KeyIs(member, "prototype")) {
    return file_.Error(member->left->start,
                       "Classes may not have a static property named "
                       "'prototype'");
  }
  member->is_field = true;
  if (is_private) {
    RUNY_RETURN_IF_ERROR(
        DeclarePrivate(member->left, kPrivateField | static_bit));
  }
  if (At("=")) {
    RUNY_RETURN_IF_ERROR(Advance());
    RUNY_ASSIGN_OR_RETURN(member->right, ParseFieldInitializer());
  }
  // The member ends after its `;`, which the lowering replaces.
  RUNY_RETURN_IF_ERROR(ConsumeSemicolon());
  return Finish(member);
}

absl::StatusOr<Node*> Parser::ParseFieldInitializer() {
  Context saved = ctx_;
  ctx_ = Context();
  ctx_.in_function = true;
  ctx_.allows = kSuperProperty | kNewTarget | kNoArguments;
  absl::StatusOr<Node*> value = ParseAssignment();
  ctx_ = saved;
  return value;
}

absl::StatusOr<Node*> Parser::ParseStaticBlock() {
  Node* fn = ast_->New(NodeKind::kFunction, cur_.start);
  RUNY_RETURN_IF_ERROR(
      ParseFunctionBody(fn, kSuperProperty | kNewTarget | kNoArguments));
  return Finish(fn);
}

absl::StatusOr<Node*> Parser::ParsePrivateName() {
  Node* name = ast_->New(NodeKind::kPrivateName, cur_.start);
  name->text = cur_.text;
  if (private_scopes_.empty()) {
    return file_.Error(cur_.start, absl::StrCat("Private field '", cur_.text,
                                                "' must be declared in an "
                                                "enclosing class"));
  }
  private_scopes_.back().used.emplace_back(cur_.text, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  return Finish(name);
}

absl::StatusOr<Node*> Parser::ParseSuper() {
  Node* node = ast_->New(NodeKind::kSuper, cur_.start);
  RUNY_RETURN_IF_ERROR(Advance());
  bool call = At("(");
  bool property = At(".") || At("[");
  if ((call && (ctx_.allows & kSuperCall) == 0) ||
      (property && (ctx_.allows & kSuperProperty) == 0) ||
      (!call && !property)) {
    return file_.Error(node->start, "'super' keyword unexpected here");
  }
  return Finish(node);
}

absl::Status Parser::DeclarePrivate(const Node* key, int kind) {
  int& kinds = private_scopes_.back().declared[key->text];
  int accessors = kPrivateGetter | kPrivateSetter;
  // Only a getter and a setter of the same name (both static or neither)
  // may share it.
  bool pair = kinds != 0 && (kinds & ~(accessors | kPrivateStatic)) == 0 &&
              (kind & ~(accessors | kPrivateStatic)) == 0 &&
              (kinds & kPrivateStatic) == (kind & kPrivateStatic) &&
              (kinds & kind & accessors) == 0;
  if (kinds != 0 && !pair) {
    return file_.Error(key->start, absl::StrCat("Identifier '", key->text,
                                                "' has already been declared"));
  }
  kinds |= kind;
  return absl::OkStatus();
}

}  // namespace runy::script
