#include "server/script/lowering/lowerer.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "server/script/lowering/literal_text.h"
#include "server/script/lowering/scope_analyzer.h"

namespace runy::script {
namespace {

const Node* Unparenthesized(const Node* node) {
  while (node->kind == NodeKind::kParen && node->argument != nullptr) {
    node = node->argument;
  }
  return node;
}

// The identifier a write goes to when it is a constant, else null.
const Node* ConstantTarget(const Node* target) {
  const Node* t = Unparenthesized(target);
  if (t->kind == NodeKind::kIdentifier && t->binding != nullptr &&
      t->binding->IsConstant()) {
    return t;
  }
  return nullptr;
}

// The name a property gives the function it holds, as a JS string literal:
// an identifier's or a plain string's; empty for others (computed keys,
// numbers, strings with escapes).
std::string PropertyName(const Node* prop) {
  const Node* key = prop->left;
  if (key == nullptr || prop->computed) return "";
  if (key->kind == NodeKind::kIdentifier) {
    return absl::StrCat("\"", key->text, "\"");
  }
  if (key->kind == NodeKind::kLiteral && key->text.size() >= 2 &&
      (key->text[0] == '"' || key->text[0] == '\'') &&
      key->text.find('\\') == absl::string_view::npos) {
    return std::string(key->text);
  }
  return "";
}

}  // namespace

absl::Status Lowerer::LowerProgram(Node* program, bool module_scope) {
  Frame frame;
  frame.is_program = true;
  frame.capture_pos = AfterDirectives(program->list, 0);
  frames_.push_back(frame);
  absl::string_view text = file_.text();
  if (program->has_top_level_await) {
    // Module-like: the whole program becomes the body of one async function,
    // so function declarations still hoist inside it.
    edits_->InsertOpening(0, 0, "__runy.async(function () {");
  } else if (module_scope) {
    edits_->InsertOpening(0, 0, "(function () {");
  }
  if (text.substr(0, 2) == "#!") edits_->Replace(0, 2, "//");
  RUNY_RETURN_IF_ERROR(VisitStatements(program->list));
  CaptureLexicalThis(frames_.back());
  frames_.pop_back();
  if (program->has_top_level_await) {
    // On a line of its own: the file may end inside a // comment.
    edits_->InsertClosing(static_cast<int>(text.size()), 0, "\n}, this, []);");
  } else if (module_scope) {
    edits_->InsertClosing(static_cast<int>(text.size()), 0, "\n}).call(this);");
  }
  return absl::OkStatus();
}

absl::Status Lowerer::Visit(Node* node) {
  ++depth_;
  absl::Status status = VisitNode(node);
  --depth_;
  return status;
}

absl::Status Lowerer::VisitNode(Node* node) {
  switch (node->kind) {
    case NodeKind::kProgram:
    case NodeKind::kBlock:
    case NodeKind::kSwitchCase:
      if (node->test != nullptr) RUNY_RETURN_IF_ERROR(Visit(node->test));
      return VisitStatements(node->list);
    case NodeKind::kFunction:
      return VisitFunction(node);
    case NodeKind::kArrowFunction:
      return VisitArrow(node);
    case NodeKind::kIdentifier:
      return VisitIdentifier(node);
    case NodeKind::kThis: {
      std::string text = ThisText();
      if (text != "this") edits_->Replace(node->start, node->end, text);
      return absl::OkStatus();
    }
    case NodeKind::kClass:
      return VisitClass(node);
    case NodeKind::kNewTarget:
      return VisitNewTarget(node);
    case NodeKind::kSuper:
    case NodeKind::kPrivateName:
      return file_.Error(
          node->start,
          absl::StrCat(
              "unexpected '",
              file_.text().substr(node->start, node->end - node->start), "'"));
    case NodeKind::kVariableDeclaration:
      return VisitDeclaration(node, false);
    case NodeKind::kFor:
    case NodeKind::kForIn:
    case NodeKind::kWhile:
    case NodeKind::kDoWhile:
      return VisitLoop(node);
    case NodeKind::kSwitch: {
      targets_.push_back(Target{Target::kSwitch, "", nullptr, nullptr});
      absl::Status status = VisitChildren(node);
      targets_.pop_back();
      return status;
    }
    case NodeKind::kProperty:
      return VisitProperty(node);
    case NodeKind::kMember:
      if (node->left->kind == NodeKind::kSuper) {
        return VisitSuperMember(node, false);
      }
      if (node->right->kind == NodeKind::kPrivateName) {
        return VisitPrivateMember(node);
      }
      RUNY_RETURN_IF_ERROR(Visit(node->left));
      if (!node->computed && NeedsRespelling(node->right)) {
        // o.℘ as o["\u2118"] (see RespellName).
        edits_->Replace(node->left->end, node->right->end,
                        absl::StrCat("[\"", node->right->text, "\"]"));
      }
      return node->computed ? Visit(node->right) : absl::OkStatus();
    case NodeKind::kLabeled:
      return VisitLabeled(node);
    case NodeKind::kBreak:
    case NodeKind::kContinue:
      return VisitJump(node);
    case NodeKind::kReturn:
      return VisitReturn(node);
    case NodeKind::kTemplate:
      return VisitTemplate(node);
    case NodeKind::kTaggedTemplate:
      return VisitTaggedTemplate(node);
    case NodeKind::kBinary:
      if (node->left->kind == NodeKind::kPrivateName) {
        return VisitPrivateIn(node);
      }
      if (node->text == "??") {
        // a ?? b: a once, into the frame's scratch variable.
        edits_->InsertOpening(node->start, depth_, "(__runy_nc = ");
        edits_->Replace(node->op_start, node->op_end,
                        ", __runy_nc != null ? __runy_nc :");
        edits_->InsertClosing(node->end, depth_, ")");
        frames_.back().needs_scratch = true;
      }
      if (node->text == "**") {
        // Math.pow is what ** computes (the same rounding in V8).
        edits_->InsertOpening(node->start, depth_, "Math.pow(");
        edits_->Replace(node->op_start, node->op_end, ",");
        edits_->InsertClosing(node->end, depth_, ")");
      }
      return VisitChildren(node);
    case NodeKind::kAssign:
      if (node->text == "||=" || node->text == "&&=" || node->text == "?\?=") {
        return VisitLogicalAssign(node);
      }
      if (node->left->kind == NodeKind::kObject ||
          node->left->kind == NodeKind::kArray) {
        return VisitPatternAssignment(node);
      }
      if (IsSuperOrPrivate(node->left)) return VisitMemberWrite(node);
      return VisitConstantWrite(node);
    case NodeKind::kUpdate:
      if (IsSuperOrPrivate(node->argument)) return VisitMemberWrite(node);
      return VisitConstantWrite(node);
    case NodeKind::kArray:
      return VisitArray(node);
    case NodeKind::kObject:
      return VisitObject(node);
    case NodeKind::kChain:
      return VisitChain(node);
    case NodeKind::kUnary:
      if (node->text == "delete" &&
          Unparenthesized(node->argument)->kind == NodeKind::kChain) {
        return file_.Error(node->start,
                           "delete of an optional chain is not supported");
      }
      return VisitChildren(node);
    case NodeKind::kAwait:
      edits_->Replace(node->start, node->start + 5, "__runy.await(");
      edits_->InsertClosing(node->end, depth_, ")");
      return Visit(node->argument);
    case NodeKind::kYield:
      if (node->argument == nullptr) {
        edits_->Replace(node->start, node->end,
                        frames_.back().async_generator
                            ? "__runy.asyncYield(void 0)"
                            : "__runy.yield(void 0)");
        return absl::OkStatus();
      }
      if (frames_.back().async_generator) {
        edits_->Replace(
            node->start, node->argument->start,
            node->delegate ? "__runy.asyncYieldStar(" : "__runy.asyncYield(");
      } else {
        edits_->Replace(node->start, node->argument->start,
                        node->delegate ? "__runy.yieldStar(" : "__runy.yield(");
      }
      edits_->InsertClosing(node->end, depth_, ")");
      return Visit(node->argument);
    case NodeKind::kLiteral:
      return VisitLiteral(node);
    case NodeKind::kCall:
      if (node->left->kind == NodeKind::kSuper) return VisitSuperCall(node);
      if (IsSuperOrPrivate(node->left)) return VisitMethodCall(node);
      return VisitCall(node);
    case NodeKind::kNew:
      return VisitCall(node);
    case NodeKind::kImport:
      LowerImport(node);
      return absl::OkStatus();
    case NodeKind::kCatch:
      return VisitCatch(node);
    default:
      return VisitChildren(node);
  }
}

absl::Status Lowerer::VisitChildren(Node* node) {
  absl::Status status;
  ForEachChild(node, [&](Node* child) {
    if (status.ok()) status = Visit(child);
  });
  return status;
}

absl::Status Lowerer::VisitStatements(const std::vector<Node*>& list) {
  for (Node* statement : list) {
    if (statement->kind == NodeKind::kExpressionStatement &&
        StartsWithInsertedParen(statement->argument)) {
      // Without a `;` the `(` could call the previous line's expression
      // (that line may rely on automatic semicolon insertion).
      edits_->InsertOpening(statement->start, depth_, ";");
    }
    RUNY_RETURN_IF_ERROR(Visit(statement));
  }
  return absl::OkStatus();
}

bool Lowerer::StartsWithInsertedParen(const Node* expr) {
  while (true) {
    switch (expr->kind) {
      case NodeKind::kArrowFunction:
      case NodeKind::kTemplate:
      case NodeKind::kChain:
        return true;
      case NodeKind::kAssign:
        if (ConstantTarget(expr->left) != nullptr) return true;
        if (expr->text == "||=" || expr->text == "&&=" ||
            expr->text == "?\?=" || expr->left->kind == NodeKind::kObject ||
            expr->left->kind == NodeKind::kArray) {
          return true;
        }
        expr = expr->left;
        break;
      case NodeKind::kUpdate:
        if (ConstantTarget(expr->argument) != nullptr) return true;
        if (expr->prefix) return false;
        expr = expr->argument;
        break;
      case NodeKind::kBinary:
      case NodeKind::kCall:
      case NodeKind::kMember:
        expr = expr->left;
        break;
      case NodeKind::kConditional:
        expr = expr->test;
        break;
      case NodeKind::kSequence:
        expr = expr->list.front();
        break;
      default:
        return false;
    }
  }
}

int Lowerer::AfterDirectives(const std::vector<Node*>& statements, int start) {
  int pos = start;
  for (const Node* s : statements) {
    if (s->kind != NodeKind::kExpressionStatement ||
        s->argument->kind != NodeKind::kLiteral ||
        (s->argument->text[0] != '"' && s->argument->text[0] != '\'')) {
      break;
    }
    pos = s->end;
  }
  return pos;
}

std::string Lowerer::AsyncOpening(const Node* fn, absl::string_view helper) {
  std::vector<std::string> names;
  for (size_t i = 0; i < fn->list.size(); ++i) {
    const Node* param = fn->list[i];
    if (param->kind == NodeKind::kAssign || param->kind == NodeKind::kSpread) {
      break;
    }
    names.push_back(param->kind == NodeKind::kIdentifier
                        ? std::string(param->text)
                        : absl::StrCat("__runy_p", i));
  }
  return absl::StrCat("return __runy.", helper, "(function (",
                      absl::StrJoin(names, ", "), ") {");
}

void Lowerer::WrapAsyncBody(const Node* fn, const Node* body,
                            const std::string& prologue) {
  constexpr absl::string_view kClosing = "}, this, arguments);";
  int inner_start = body->start + 1;
  int inner_end = body->end - 1;
  if (inner_start == inner_end) {
    // `{}`: at one offset closings come before openings, so the whole
    // wrapper goes in as one opening.
    edits_->InsertOpening(inner_start, depth_,
                          absl::StrCat(AsyncOpening(fn), prologue, kClosing));
    return;
  }
  edits_->InsertOpening(inner_start, depth_,
                        absl::StrCat(AsyncOpening(fn), prologue));
  edits_->InsertClosing(inner_end, depth_, std::string(kClosing));
}

void Lowerer::WrapGeneratorBody(Node* fn, const std::string& prologue) {
  // The generator function refers to itself (for the prototype of the
  // generators it makes): by its name, or one it is given.
  std::string self;
  if (fn->op_start >= 0) edits_->Replace(fn->op_start, fn->op_end, "");
  if (fn->id != nullptr) {
    self = fn->is_declaration ? OutputName(fn->id) : std::string(fn->id->text);
  } else {
    self = absl::StrCat("__runy_g", temps_++);
    edits_->InsertOpening(fn->params_start, depth_, absl::StrCat(" ", self));
  }
  const Node* body = fn->body;
  std::string opening = absl::StrCat(
      prologue,
      AsyncOpening(fn, fn->is_async ? "asyncGenerator" : "generator"));
  std::string closing =
      absl::StrCat("}, this, arguments, ", self, ", new.target);");
  if (body->start + 1 == body->end - 1) {
    edits_->InsertOpening(body->start + 1, depth_,
                          absl::StrCat(opening, closing));
  } else {
    edits_->InsertOpening(body->start + 1, depth_, std::move(opening));
    edits_->InsertClosing(body->end - 1, depth_, std::move(closing));
  }
  absl::string_view mark =
      fn->is_async ? "__runy.asyncGenFn(" : "__runy.genFn(";
  if (fn->is_declaration) {
    edits_->InsertClosing(fn->end, depth_, absl::StrCat(" ", mark, self, ");"));
  } else if (!fn->method) {
    // A function expression (not a method): marked when it is made.
    edits_->InsertOpening(fn->start, depth_, std::string(mark));
    edits_->InsertClosing(fn->end, depth_, ")");
  }
}

absl::StatusOr<std::string> Lowerer::Render(Node* node,
                                            const std::string& name) {
  EditBuffer sub(file_.text());
  EditBuffer* saved = edits_;
  edits_ = &sub;
  if (!name.empty()) NameFunction(node, name, depth_);
  absl::Status status = Visit(node);
  edits_ = saved;
  RUNY_RETURN_IF_ERROR(status);
  return sub.Apply(node->start, node->end);
}

absl::StatusOr<std::string> Lowerer::LowerParams(Node* fn) {
  const std::vector<Node*>& params = fn->list;
  std::string prologue;
  size_t first = 0;
  for (; first < params.size(); ++first) {
    Node* param = params[first];
    if (param->kind == NodeKind::kAssign || param->kind == NodeKind::kSpread) {
      break;
    }
    if (param->kind == NodeKind::kIdentifier) continue;
    // A pattern: a parameter of its own name, destructured first thing.
    std::string name = absl::StrCat("__runy_p", first);
    std::vector<std::string> steps;
    RUNY_RETURN_IF_ERROR(Destructure(param, name, true, &steps));
    absl::StrAppend(&prologue, "var ", absl::StrJoin(steps, ", "), "; ");
    edits_->Replace(param->start, param->end, name);
  }
  if (first == params.size()) return prologue;
  // From the first default or rest on, the parameters are read from
  // `arguments` (so that fn.length counts those before it, as in node).
  for (size_t i = first; i < params.size(); ++i) {
    Node* param = params[i];
    Node* target = ParamName(param);
    std::string value = absl::StrCat("arguments[", i, "]");
    if (param->kind == NodeKind::kSpread) {
      value = absl::StrCat("Array.prototype.slice.call(arguments, ", i, ")");
    } else if (param->kind == NodeKind::kAssign) {
      std::string name;
      if (target->kind == NodeKind::kIdentifier) {
        name = absl::StrCat("\"", target->text, "\"");
      }
      RUNY_ASSIGN_OR_RETURN(std::string fallback, Render(param->right, name));
      value = absl::StrCat("arguments[", i, "] !== void 0 ? arguments[", i,
                           "] : (", fallback, ")");
    }
    if (target->kind == NodeKind::kIdentifier) {
      absl::StrAppend(&prologue, "var ", target->text, " = ", value, "; ");
    } else {
      std::vector<std::string> steps;
      RUNY_RETURN_IF_ERROR(Destructure(target, value, true, &steps));
      absl::StrAppend(&prologue, "var ", absl::StrJoin(steps, ", "), "; ");
    }
  }
  int from = first == 0 ? params[0]->start : params[first - 1]->end;
  edits_->Replace(from, params.back()->end, "");
  return prologue;
}

bool Lowerer::NeedsRespelling(const Node* name) const {
  if (name->kind != NodeKind::kIdentifier) return false;
  for (char c : file_.text().substr(name->start, name->end - name->start)) {
    if (c == '\\' || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

void Lowerer::RespellName(const Node* name) {
  // As a string: Duktape takes fewer characters in identifiers than
  // ES2015 (not U+2118, U+200C...), any in strings.
  if (NeedsRespelling(name)) {
    edits_->Replace(name->start, name->end,
                    absl::StrCat("\"", name->text, "\""));
  }
}

void Lowerer::RemoveAsyncKeyword(int start) {
  edits_->Replace(start, start + 5, "");
}

void Lowerer::RemoveTrailingComma(const Node* node) {
  if (node->trailing_comma >= 0) {
    edits_->Replace(node->trailing_comma, node->trailing_comma + 1, "");
  }
}

void Lowerer::CaptureLexicalThis(const Frame& frame) {
  std::string vars = CaptureVars(frame);
  if (!vars.empty()) {
    edits_->InsertOpening(frame.capture_pos, depth_, std::move(vars));
  }
}

std::string Lowerer::CaptureVars(const Frame& frame) {
  std::vector<absl::string_view> vars;
  if (frame.needs_this) vars.push_back("__runy_this = this");
  if (frame.needs_new_target) vars.push_back("__runy_nt = new.target");
  if (frame.needs_arguments) vars.push_back("__runy_arguments = arguments");
  if (frame.needs_scratch) vars.push_back("__runy_nc");
  if (frame.needs_chain) vars.push_back("__runy_oc");
  if (frame.needs_this_of_chain) vars.push_back("__runy_ot");
  for (const std::string& temp : frame.temps) vars.push_back(temp);
  if (vars.empty()) return "";
  return absl::StrCat("var ", absl::StrJoin(vars, ", "), "; ");
}

absl::Status Lowerer::VisitFunction(Node* fn) {
  if (fn->is_async && fn->keyword_start == fn->start) {
    RemoveAsyncKeyword(fn->keyword_start);
  }
  RemoveTrailingComma(fn);
  Node* body = fn->body;
  if (fn->is_declaration && fn->id != nullptr) {
    RUNY_RETURN_IF_ERROR(CheckInPerIteration(fn));
  }
  if (fn->method || fn->is_async || fn->is_generator) {
    // Not a constructor (as in node): first in the body, before all else.
    edits_->InsertOpening(body->start + 1, -1, std::string(kNotConstructable));
  }
  Frame frame;
  frame.capture_pos = AfterDirectives(body->list, body->start + 1);
  frame.home = std::exchange(next_home_, "");
  frame.ctor = std::exchange(next_ctor_, 0);
  frame.generator = fn->is_generator;
  frame.async_generator = fn->is_generator && fn->is_async;
  frames_.push_back(frame);
  targets_.push_back(Target{Target::kFunction, "", nullptr, nullptr});
  int saved_arrow_depth = arrow_depth_;
  arrow_depth_ = 0;
  RUNY_ASSIGN_OR_RETURN(std::string prologue, LowerParams(fn));
  if (frames_.back().ctor != 0) {
    // klass calls a constructor with the construction record as `this`.
    prologue = absl::StrCat("var __runy_k = this; ", prologue);
  }
  if (fn->is_generator) {
    WrapGeneratorBody(fn, prologue);
  } else if (fn->is_async) {
    WrapAsyncBody(fn, body, prologue);
  } else if (!prologue.empty()) {
    edits_->InsertOpening(body->start + 1, depth_, std::move(prologue));
  }
  RUNY_RETURN_IF_ERROR(VisitStatements(body->list));
  CaptureLexicalThis(frames_.back());
  arrow_depth_ = saved_arrow_depth;
  targets_.pop_back();
  frames_.pop_back();
  return absl::OkStatus();
}

absl::Status Lowerer::VisitArrow(Node* arrow) {
  if (arrow->is_async) RemoveAsyncKeyword(arrow->keyword_start);
  bool parens = file_.text()[arrow->params_start] == '(';
  edits_->InsertOpening(arrow->params_start, depth_,
                        parens ? "(function " : "(function (");
  if (!parens) edits_->InsertClosing(arrow->params_end, depth_, ")");
  RemoveTrailingComma(arrow);
  ++arrow_depth_;
  targets_.push_back(Target{Target::kFunction, "", nullptr, nullptr});
  absl::StatusOr<std::string> prologue = LowerParams(arrow);
  if (!prologue.ok()) return prologue.status();
  int arrow_end = arrow->arrow_start + 2;
  std::string async_opening = arrow->is_async ? AsyncOpening(arrow) : "";
  if (!arrow->expression_body) {
    edits_->Replace(arrow->arrow_start, arrow_end, "");
    edits_->InsertOpening(arrow->body->start + 1, -1,
                          std::string(kNotConstructable));
    if (arrow->is_async) {
      WrapAsyncBody(arrow, arrow->body, *prologue);
    } else if (!prologue->empty()) {
      edits_->InsertOpening(arrow->body->start + 1, depth_, *prologue);
    }
    edits_->InsertClosing(arrow->end, depth_, ")");
  } else if (arrow->is_async) {
    edits_->Replace(arrow->arrow_start, arrow_end,
                    absl::StrCat("{ ", kNotConstructable, async_opening,
                                 *prologue, " return ("));
    edits_->InsertClosing(arrow->end, depth_, "); }, this, arguments); })");
  } else {
    // `return (` keeps a body that starts on the next line from being cut
    // off by automatic semicolon insertion after `return`.
    edits_->Replace(
        arrow->arrow_start, arrow_end,
        absl::StrCat("{ ", kNotConstructable, *prologue, "return ("));
    edits_->InsertClosing(arrow->end, depth_, "); })");
  }
  absl::Status status = arrow->expression_body
                            ? Visit(arrow->body)
                            : VisitStatements(arrow->body->list);
  targets_.pop_back();
  --arrow_depth_;
  return status;
}

std::string Lowerer::OutputName(Node* id) {
  if (const Binding* b = id->binding; b != nullptr) {
    // The head of a for(;;) is before its body.
    if (!b->loop_name.empty() && id->start < b->loop->body->start) {
      return b->loop_name;
    }
    return b->rename.empty() ? std::string(id->text) : b->rename;
  }
  if (id->text == "arguments" && arrow_depth_ > 0 &&
      !frames_.back().is_program) {
    frames_.back().needs_arguments = true;
    return "__runy_arguments";
  }
  return std::string(id->text);
}

absl::Status Lowerer::VisitIdentifier(Node* id) {
  if (id->binding == nullptr && id->text == "arguments") {
    RUNY_RETURN_IF_ERROR(CheckInPerIteration(id));
  }
  if (id->in_dead_zone) {
    // "Cannot access 'x' before initialization", thrown where it is read.
    edits_->Replace(id->start, id->end,
                    absl::StrCat("__runy.deadZone(\"", id->text, "\")"));
    return absl::OkStatus();
  }
  std::string name = OutputName(id);
  if (name != file_.text().substr(id->start, id->end - id->start)) {
    edits_->Replace(id->start, id->end, std::move(name));
  }
  return absl::OkStatus();
}

absl::Status Lowerer::VisitDeclaration(Node* decl, bool for_in_head) {
  if (decl->decl_kind != DeclKind::kVar) {
    int keyword_length = decl->decl_kind == DeclKind::kLet ? 3 : 5;
    edits_->Replace(decl->start, decl->start + keyword_length, "var");
  } else {
    HoistVars(decl);
  }
  for (Node* declarator : decl->list) {
    if (declarator->id->kind != NodeKind::kIdentifier) {
      RUNY_RETURN_IF_ERROR(VisitPatternDeclarator(declarator, for_in_head));
      continue;
    }
    RUNY_RETURN_IF_ERROR(VisitIdentifier(declarator->id));
    if (declarator->init != nullptr) {
      NameFunction(declarator->init,
                   absl::StrCat("\"", declarator->id->text, "\""), depth_);
      RUNY_RETURN_IF_ERROR(Visit(declarator->init));
    } else if (decl->decl_kind == DeclKind::kLet && !for_in_head &&
               declarator->id->binding->in_loop) {
      // A let starts each iteration undefined; a var would keep the value
      // of the previous one.
      edits_->InsertClosing(declarator->id->end, depth_, " = void 0");
    }
  }
  return absl::OkStatus();
}

absl::Status Lowerer::VisitProperty(Node* prop) {
  if (prop->shorthand) {
    if (prop->right->binding == nullptr && prop->right->text == "arguments") {
      RUNY_RETURN_IF_ERROR(CheckInPerIteration(prop->right));
    }
    edits_->InsertClosing(
        prop->left->end, depth_,
        absl::StrCat(": ", prop->right->in_dead_zone
                               ? absl::StrCat("__runy.deadZone(\"",
                                              prop->right->text, "\")")
                               : OutputName(prop->right)));
    return absl::OkStatus();
  }
  if (!prop->computed && !prop->shorthand) RespellName(prop->left);
  std::string name = PropertyName(prop);
  if (prop->method) {
    if (prop->keyword_start >= 0) RemoveAsyncKeyword(prop->keyword_start);
    if (name.empty()) {
      edits_->InsertClosing(prop->left->end, depth_, ": function");
    } else {
      edits_->InsertClosing(prop->left->end, depth_, ": __runy.name(function");
      edits_->InsertClosing(prop->right->end, depth_,
                            absl::StrCat(", ", name, ")"));
    }
  } else if (!name.empty() && prop->prop_kind == PropKind::kInit) {
    NameFunction(prop->right, name, depth_);
  }
  if (prop->left->kind == NodeKind::kLiteral) {
    RUNY_RETURN_IF_ERROR(VisitLiteral(prop->left));
  }
  if (prop->method || prop->prop_kind != PropKind::kInit) {
    next_home_ = object_home_;  // super in the method (VisitObject)
  }
  return Visit(prop->right);
}

absl::Status Lowerer::VisitTemplate(Node* tpl) {
  size_t count = tpl->list.size();
  for (size_t i = 0; i < count; ++i) {
    Node* quasi = tpl->list[i];
    bool first = i == 0;
    bool last = i + 1 == count;
    // Delimiters: ` or } before the text; ` or ${ after it.
    int text_start = quasi->start + 1;
    int text_end = quasi->end - (last ? 1 : 2);
    RUNY_ASSIGN_OR_RETURN(
        std::vector<std::string> pieces,
        CookTemplateText(file_.text().substr(text_start, text_end - text_start),
                         file_, text_start));
    bool empty = pieces.size() == 1 && pieces[0].empty();
    std::string joined =
        absl::StrCat("\"", absl::StrJoin(pieces, "\" +\n\""), "\"");
    // A substitution that is a comma expression needs its own parentheses
    // to stay one argument of String().
    bool seq_before = !first && tpl->list2[i - 1]->kind == NodeKind::kSequence;
    bool seq_after = !last && tpl->list2[i]->kind == NodeKind::kSequence;
    std::string out = first ? "" : (seq_before ? "))" : ")");
    if (first && last) {
      out = pieces.size() == 1 ? joined : absl::StrCat("(", joined, ")");
    } else if (first) {
      absl::StrAppend(&out, "(", empty ? "" : joined + " + ", "String(");
    } else if (last) {
      absl::StrAppend(&out, empty ? "" : " + " + joined, ")");
    } else {
      absl::StrAppend(&out, " + ", empty ? "" : joined + " + ", "String(");
    }
    if (seq_after) out.push_back('(');
    edits_->Replace(quasi->start, quasi->end, std::move(out));
  }
  for (Node* expr : tpl->list2) RUNY_RETURN_IF_ERROR(Visit(expr));
  return absl::OkStatus();
}

// tag`a${x}b` becomes tag(__runy.template(SITE, ["a", "b"], ["a", "b"]), x):
// the strings (cooked, void 0 where an escape is invalid) and raw texts on
// the line of the first piece, the substitutions where they were. SITE
// (file:offset) makes the strings one frozen array per site.
absl::Status Lowerer::VisitTaggedTemplate(Node* node) {
  RUNY_RETURN_IF_ERROR(Visit(node->left));
  Node* tpl = node->argument;
  size_t count = tpl->list.size();
  std::vector<std::string> cooked;
  std::vector<std::string> raw;
  for (size_t i = 0; i < count; ++i) {
    const Node* quasi = tpl->list[i];
    int text_start = quasi->start + 1;
    int text_end = quasi->end - (i + 1 == count ? 1 : 2);
    absl::string_view text =
        file_.text().substr(text_start, text_end - text_start);
    absl::StatusOr<std::vector<std::string>> pieces =
        CookTemplateText(text, file_, text_start);
    cooked.push_back(pieces.ok()
                         ? absl::StrCat("\"", absl::StrJoin(*pieces, ""), "\"")
                         : "void 0");
    std::string r = "\"";
    for (size_t k = 0; k < text.size(); ++k) {
      char c = text[k];
      if (c == '\r') {
        if (k + 1 < text.size() && text[k + 1] == '\n') ++k;
        r += "\\n";
      } else if (c == '\n') {
        r += "\\n";
      } else if (c == '\\' || c == '"') {
        r.push_back('\\');
        r.push_back(c);
      } else if (text.substr(k, 3) == "\xE2\x80\xA8" ||
                 text.substr(k, 3) == "\xE2\x80\xA9") {
        r += text[k + 2] == '\xA8' ? "\\u2028" : "\\u2029";
        k += 2;
      } else {
        r.push_back(c);
      }
    }
    r.push_back('"');
    raw.push_back(std::move(r));
  }
  std::string strings =
      absl::StrCat("__runy.template(\"", absl::CHexEscape(file_.name()), ":",
                   tpl->start, "\", [", absl::StrJoin(cooked, ", "), "], [",
                   absl::StrJoin(raw, ", "), "])");
  for (size_t i = 0; i < count; ++i) {
    const Node* quasi = tpl->list[i];
    bool seq_before = i > 0 && tpl->list2[i - 1]->kind == NodeKind::kSequence;
    bool seq_after =
        i + 1 < count && tpl->list2[i]->kind == NodeKind::kSequence;
    std::string out =
        i == 0 ? absl::StrCat("(", strings) : (seq_before ? ")" : "");
    absl::StrAppend(&out, i + 1 == count ? ")" : ", ", seq_after ? "(" : "");
    edits_->Replace(quasi->start, quasi->end, std::move(out));
  }
  for (Node* expr : tpl->list2) RUNY_RETURN_IF_ERROR(Visit(expr));
  return absl::OkStatus();
}

// Assignments and updates; one that writes a constant still evaluates its
// operands, then __runy.constAssign throws the TypeError node would.
absl::Status Lowerer::VisitConstantWrite(Node* node) {
  Node* target = node->kind == NodeKind::kAssign ? node->left : node->argument;
  if (node->kind == NodeKind::kAssign && node->text == "=" &&
      Unparenthesized(target)->kind == NodeKind::kIdentifier) {
    NameFunction(node->right,
                 absl::StrCat("\"", Unparenthesized(target)->text, "\""),
                 depth_);
  }
  if (const Node* constant = ConstantTarget(target); constant != nullptr) {
    edits_->InsertOpening(node->start, depth_, "(");
    std::string op;
    if (node->kind == NodeKind::kAssign) {
      op = node->text == "=" || node->text == "**="
               ? ","
               : std::string(node->text.substr(0, node->text.size() - 1));
    } else if (node->prefix) {
      op = "+";
    }
    edits_->Replace(node->op_start, node->op_end, std::move(op));
    edits_->InsertClosing(
        node->end, depth_,
        absl::StrCat(", __runy.constAssign(\"", constant->text, "\"))"));
  } else if (node->kind == NodeKind::kAssign && node->text == "**=") {
    // x **= y is x = Math.pow(x, y): the target once more, which is only
    // the same when reading it twice has no effect of its own.
    RUNY_ASSIGN_OR_RETURN(std::string again, TargetText(target, node->text));
    edits_->Replace(node->op_start, node->op_end,
                    absl::StrCat("= Math.pow(", again, ","));
    edits_->InsertClosing(node->end, depth_, ")");
  }
  return VisitChildren(node);
}

absl::StatusOr<std::string> Lowerer::TargetText(const Node* target,
                                                absl::string_view op) {
  const Node* t = Unparenthesized(target);
  if (t->kind == NodeKind::kIdentifier) {
    if (t->in_dead_zone) {
      return absl::StrCat("__runy.deadZone(\"", t->text, "\")");
    }
    return OutputName(const_cast<Node*>(t));
  }
  bool plain_this = arrow_depth_ == 0 && frames_.back().ctor == 0;
  if (t->kind == NodeKind::kThis && plain_this) return "this";
  if (t->kind == NodeKind::kMember && !IsSuperOrPrivate(t) &&
      (!t->computed || t->right->kind == NodeKind::kLiteral)) {
    const Node* object = Unparenthesized(t->left);
    if ((object->kind == NodeKind::kIdentifier && !object->in_dead_zone) ||
        (object->kind == NodeKind::kThis && plain_this)) {
      std::string base = object->kind == NodeKind::kThis
                             ? "this"
                             : OutputName(const_cast<Node*>(object));
      if (t->computed) {
        absl::string_view key = t->right->text;
        bool number = absl::ascii_isdigit(key[0]) || key[0] == '.';
        return absl::StrCat(base, "[",
                            number ? NumberToEs5(key) : std::string(key), "]");
      }
      return absl::StrCat(base, ".", t->right->text);
    }
  }
  return file_.Error(target->start,
                     absl::StrCat("'", op,
                                  "' on this target is not supported (a "
                                  "variable, or a property of a variable or "
                                  "of this, is)"));
}

void Lowerer::NameFunction(const Node* value, const std::string& name,
                           int depth) {
  const Node* fn = Unparenthesized(value);
  bool anonymous = (fn->kind == NodeKind::kFunction && fn->id == nullptr) ||
                   (fn->kind == NodeKind::kClass && fn->id == nullptr) ||
                   fn->kind == NodeKind::kArrowFunction;
  if (!anonymous) return;
  edits_->InsertOpening(value->start, depth, "__runy.name(");
  edits_->InsertClosing(value->end, depth, absl::StrCat(", ", name, ")"));
}

absl::Status Lowerer::VisitLiteral(Node* literal) {
  absl::string_view text = literal->text;
  char c = text[0];
  if ((c >= '0' && c <= '9') || c == '.') {
    std::string number = NumberToEs5(text);
    if (number != text) {
      edits_->Replace(literal->start, literal->end, std::move(number));
    }
  } else if ((c == '"' || c == '\'') &&
             text.find("\\u{") != absl::string_view::npos) {
    RUNY_ASSIGN_OR_RETURN(std::string string,
                          StringLiteralToEs5(text, file_, literal->start));
    edits_->Replace(literal->start, literal->end, std::move(string));
  } else if (c == '/') {
    RUNY_ASSIGN_OR_RETURN(std::string regexp,
                          RegExpToEs5(text, file_, literal->start));
    if (regexp != text) {
      edits_->Replace(literal->start, literal->end, std::move(regexp));
    }
  }
  return absl::OkStatus();
}

// Each binding becomes a var on the line of its name.
void Lowerer::LowerImport(Node* import) {
  absl::string_view text = file_.text();
  std::string out;
  int pos = import->start;
  for (const Node* spec : import->list) {
    int lines = CountLineTerminators(text.substr(pos, spec->id->start - pos));
    out.append(lines, '\n');
    pos = spec->id->start;
    std::string member = spec->text == "*" ? "" : absl::StrCat(".", spec->text);
    absl::StrAppend(&out, "var ", spec->id->text, " = __runy.import(",
                    import->text, ")", member, ";");
  }
  if (import->list.empty()) {
    out = absl::StrCat("__runy.import(", import->text, ");");
  }
  edits_->Replace(import->start, import->end, std::move(out));
}

}  // namespace runy::script
