#include "server/script/lowering/scope_analyzer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace runy::script {
namespace {

Node* Unparenthesized(Node* node) {
  while (node->kind == NodeKind::kParen && node->argument != nullptr) {
    node = node->argument;
  }
  return node;
}

}  // namespace

void ScopeAnalyzer::NoteName(absl::string_view name) {
  // Only a name with a `$` can collide with a generated `x$1`.
  if (name.find('$') != absl::string_view::npos) names_.insert(name);
}

absl::Status ScopeAnalyzer::Analyze(Node* program) {
  Scope* global = NewScope(nullptr, true);
  RUNY_RETURN_IF_ERROR(VisitStatements(program->list, global));
  RUNY_RETURN_IF_ERROR(Resolve());
  ChooseRenames();
  return absl::OkStatus();
}

Scope* ScopeAnalyzer::NewScope(Scope* parent, bool is_function) {
  scopes_.emplace_back();
  Scope* scope = &scopes_.back();
  scope->parent = parent;
  scope->is_function = is_function;
  scope->function = is_function ? scope : parent->function;
  scope->in_loop = !is_function && loop_depth_ > 0;
  if (scope->in_loop) scope->loop = loop_;
  return scope;
}

Binding* ScopeAnalyzer::NewBinding(Node* id, BindingKind kind, Scope* scope) {
  bindings_.emplace_back();
  Binding* b = &bindings_.back();
  b->name = id->text;
  b->kind = kind;
  b->scope = scope;
  b->declared_by = id;
  b->in_loop = scope->in_loop;
  b->loop = scope->loop;
  scope->bindings[b->name] = b;
  ++scope->function->declared[b->name];
  id->binding = b;
  NoteUse(b, id);
  NoteName(id->text);
  return b;
}

void ScopeAnalyzer::NoteUse(Binding* b, const Node* id) {
  b->first_use = std::min(b->first_use, id->start);
  b->last_use = std::max(b->last_use, id->start);
}

absl::Status ScopeAnalyzer::Redeclared(Node* id) const {
  return file_.Error(id->start, absl::StrCat("Identifier '", id->text,
                                             "' has already been declared"));
}

// A var hoists out of blocks to its function; on the way it may not meet a
// let/const of the same name.
absl::Status ScopeAnalyzer::DeclareVar(Node* id, BindingKind kind,
                                       Scope* scope) {
  // A function declared in a block is lexical to the block (and also,
  // as sloppy-mode scripts have it, a var of its function).
  bool block_function = kind == BindingKind::kFunction && !scope->is_function;
  if (block_function) {
    auto it = scope->bindings.find(id->text);
    if (scope->var_through.contains(id->text) ||
        (it != scope->bindings.end() &&
         it->second->kind == BindingKind::kCatchParam)) {
      return Redeclared(id);
    }
  }
  for (Scope* s = scope;; s = s->parent) {
    auto it = s->bindings.find(id->text);
    if (it != s->bindings.end() && it->second->IsLexical()) {
      return Redeclared(id);
    }
    if (s->is_function) break;
    if (block_function) continue;
    if (s->block_functions.contains(id->text)) return Redeclared(id);
    s->var_through.insert(id->text);
  }
  Scope* function = scope->function;
  auto it = function->bindings.find(id->text);
  if (it != function->bindings.end()) {
    id->binding = it->second;
    NoteUse(id->binding, id);
    return absl::OkStatus();
  }
  NewBinding(id, kind, function);
  return absl::OkStatus();
}

absl::Status ScopeAnalyzer::DeclareLexical(Node* id, BindingKind kind,
                                           Scope* scope) {
  if (scope->bindings.contains(id->text) ||
      scope->var_through.contains(id->text) ||
      scope->block_functions.contains(id->text)) {
    return Redeclared(id);
  }
  Binding* b = NewBinding(id, kind, scope);
  if (!scope->is_function) scope->function->block_lexicals.push_back(b);
  return absl::OkStatus();
}

absl::Status ScopeAnalyzer::VisitStatements(const std::vector<Node*>& list,
                                            Scope* scope) {
  for (Node* item : list) RUNY_RETURN_IF_ERROR(Visit(item, scope));
  return absl::OkStatus();
}

absl::Status ScopeAnalyzer::VisitChildren(Node* node, Scope* scope) {
  absl::Status status;
  ForEachChild(node, [&](Node* child) {
    if (status.ok()) status = Visit(child, scope);
  });
  return status;
}

absl::Status ScopeAnalyzer::Visit(Node* node, Scope* scope) {
  switch (node->kind) {
    case NodeKind::kIdentifier:
      NoteName(node->text);
      references_.emplace_back(node, scope);
      return absl::OkStatus();
    case NodeKind::kFunction:
    case NodeKind::kArrowFunction:
      return VisitFunction(node, scope);
    case NodeKind::kVariableDeclaration:
      return VisitDeclaration(node, scope);
    case NodeKind::kClass:
      return VisitClass(node, scope);
    case NodeKind::kBlock:
      return VisitStatements(node->list, NewScope(scope, false));
    case NodeKind::kSwitch: {
      RUNY_RETURN_IF_ERROR(Visit(node->test, scope));
      Scope* cases = NewScope(scope, false);
      for (Node* clause : node->list) {
        if (clause->test != nullptr) {
          RUNY_RETURN_IF_ERROR(Visit(clause->test, cases));
        }
        RUNY_RETURN_IF_ERROR(VisitStatements(clause->list, cases));
      }
      return absl::OkStatus();
    }
    case NodeKind::kCatch: {
      Scope* catch_scope = NewScope(scope, false);
      if (node->id != nullptr && node->id->kind == NodeKind::kIdentifier) {
        NewBinding(node->id, BindingKind::kCatchParam, catch_scope);
      } else if (node->id != nullptr) {
        // The names of a pattern are block-scoped lets of the clause.
        RUNY_RETURN_IF_ERROR(
            VisitBindingTarget(node->id, catch_scope, [&](Node* id) {
              return DeclareLexical(id, BindingKind::kLet, catch_scope);
            }));
      }
      return VisitStatements(node->body->list, catch_scope);
    }
    case NodeKind::kFor:
    case NodeKind::kForIn:
      return VisitFor(node, scope);
    case NodeKind::kWhile:
      RUNY_RETURN_IF_ERROR(Visit(node->test, scope));
      return VisitLoopBody(node, scope);
    case NodeKind::kDoWhile:
      RUNY_RETURN_IF_ERROR(VisitLoopBody(node, scope));
      return Visit(node->test, scope);
    case NodeKind::kAssign:
      if (node->left->kind == NodeKind::kObject ||
          node->left->kind == NodeKind::kArray) {
        RUNY_RETURN_IF_ERROR(VisitAssignmentPattern(node->left, scope));
        return Visit(node->right, scope);
      }
      NoteWrite(node->left);
      return VisitChildren(node, scope);
    case NodeKind::kUpdate:
      NoteWrite(node->argument);
      return VisitChildren(node, scope);
    case NodeKind::kLabeled:
      return Visit(node->body, scope);
    case NodeKind::kBreak:
    case NodeKind::kContinue:
      return absl::OkStatus();
    case NodeKind::kMember:
      RUNY_RETURN_IF_ERROR(Visit(node->left, scope));
      if (node->computed) return Visit(node->right, scope);
      NoteName(node->right->text);
      return absl::OkStatus();
    case NodeKind::kProperty:
      // A key names a property, not a variable (a computed key is an
      // expression); a shorthand's value does.
      if (node->computed) {
        RUNY_RETURN_IF_ERROR(Visit(node->left, scope));
      } else if (node->left->kind == NodeKind::kIdentifier) {
        NoteName(node->left->text);
      }
      return Visit(node->right, scope);
    case NodeKind::kImport:
      for (Node* spec : node->list) {
        RUNY_RETURN_IF_ERROR(
            DeclareLexical(spec->id, BindingKind::kImport, scope));
      }
      return absl::OkStatus();
    default:
      return VisitChildren(node, scope);
  }
}

absl::Status ScopeAnalyzer::VisitFunction(Node* fn, Scope* scope) {
  Scope* outer = scope;
  if (fn->id != nullptr && fn->is_declaration) {
    if (!scope->is_function) {
      // In a block, a generator or async function declaration is lexical:
      // it may not share its name with another function of the block.
      bool plain = !fn->is_generator && !fn->is_async;
      auto [it, added] = scope->block_functions.emplace(fn->id->text, plain);
      if (!added && !(plain && it->second)) return Redeclared(fn->id);
      it->second = it->second && plain;
    }
    RUNY_RETURN_IF_ERROR(DeclareVar(fn->id, BindingKind::kFunction, scope));
  } else if (fn->id != nullptr) {
    // The name of a function expression lives in a scope of its own between
    // the function and its surroundings.
    outer = NewScope(scope, false);
    NewBinding(fn->id, BindingKind::kFunctionName, outer);
  }
  int saved_loop_depth = loop_depth_;
  Node* saved_loop = loop_;
  loop_depth_ = 0;
  loop_ = nullptr;
  Scope* inner = NewScope(outer, true);
  bool simple = true;
  for (Node* p : fn->list) {
    simple = simple && p->kind == NodeKind::kIdentifier;
  }
  for (Node* p : fn->list) {
    Node* param = ParamName(p);
    if (param->kind != NodeKind::kIdentifier) {
      RUNY_RETURN_IF_ERROR(VisitBindingTarget(param, inner, [&](Node* id) {
        if (inner->bindings.contains(id->text)) return Redeclared(id);
        NewBinding(id, BindingKind::kParam, inner);
        return absl::OkStatus();
      }));
      continue;
    }
    // Sloppy-mode functions with simple parameters may repeat one (the last
    // one wins); arrows, methods and the others may not.
    auto it = inner->bindings.find(param->text);
    if (it != inner->bindings.end()) {
      if (fn->kind == NodeKind::kArrowFunction || fn->method || !simple) {
        return Redeclared(param);
      }
      param->binding = it->second;
      NoteUse(param->binding, param);
      continue;
    }
    NewBinding(param, BindingKind::kParam, inner);
  }
  if (!simple) {
    // With defaults, a parameter is in its dead zone until its own
    // initializer ran: `(a = b, b) => {}` throws ReferenceError.
    for (Node* p : fn->list) {
      ForEachBoundName(ParamName(p), [&](Node* id) {
        if (id->binding != nullptr && id->binding->declared_by == id) {
          id->binding->initialized_at = p->end;
        }
      });
    }
  }
  for (Node* p : fn->list) {
    if (p->kind == NodeKind::kAssign) {
      RUNY_RETURN_IF_ERROR(Visit(p->right, inner));
    }
  }
  if (fn->body->kind == NodeKind::kBlock) {
    RUNY_RETURN_IF_ERROR(VisitStatements(fn->body->list, inner));
  } else {
    RUNY_RETURN_IF_ERROR(Visit(fn->body, inner));
  }
  loop_depth_ = saved_loop_depth;
  loop_ = saved_loop;
  return absl::OkStatus();
}

absl::Status ScopeAnalyzer::VisitBindingTarget(
    Node* target, Scope* scope,
    const std::function<absl::Status(Node*)>& declare) {
  switch (target->kind) {
    case NodeKind::kIdentifier:
      NoteName(target->text);
      return declare(target);
    case NodeKind::kAssign:
      RUNY_RETURN_IF_ERROR(VisitBindingTarget(target->left, scope, declare));
      return Visit(target->right, scope);
    case NodeKind::kSpread:
      return VisitBindingTarget(target->argument, scope, declare);
    case NodeKind::kArray:
      for (Node* element : target->list) {
        if (element != nullptr) {
          RUNY_RETURN_IF_ERROR(VisitBindingTarget(element, scope, declare));
        }
      }
      return absl::OkStatus();
    case NodeKind::kObject:
      for (Node* prop : target->list) {
        if (prop->kind == NodeKind::kProperty && prop->computed) {
          RUNY_RETURN_IF_ERROR(Visit(prop->left, scope));
        }
        Node* value = prop->kind == NodeKind::kSpread ? prop : prop->right;
        RUNY_RETURN_IF_ERROR(VisitBindingTarget(value, scope, declare));
      }
      return absl::OkStatus();
    default:
      return file_.Error(target->start, "Invalid destructuring target");
  }
}

absl::Status ScopeAnalyzer::VisitAssignmentPattern(Node* target, Scope* scope) {
  switch (target->kind) {
    case NodeKind::kAssign:
      RUNY_RETURN_IF_ERROR(VisitAssignmentPattern(target->left, scope));
      return Visit(target->right, scope);
    case NodeKind::kSpread:
      return VisitAssignmentPattern(target->argument, scope);
    case NodeKind::kArray:
      for (Node* element : target->list) {
        if (element != nullptr) {
          RUNY_RETURN_IF_ERROR(VisitAssignmentPattern(element, scope));
        }
      }
      return absl::OkStatus();
    case NodeKind::kObject:
      for (Node* prop : target->list) {
        if (prop->kind == NodeKind::kProperty && prop->computed) {
          RUNY_RETURN_IF_ERROR(Visit(prop->left, scope));
        }
        Node* value = prop->kind == NodeKind::kSpread ? prop : prop->right;
        RUNY_RETURN_IF_ERROR(VisitAssignmentPattern(value, scope));
      }
      return absl::OkStatus();
    default:
      NoteWrite(target);
      return Visit(target, scope);
  }
}

absl::Status ScopeAnalyzer::VisitClass(Node* cls, Scope* scope) {
  // Inside, the name is a constant of a scope of its own (also around the
  // heritage); a declaration also binds it like a let outside.
  Scope* inner = NewScope(scope, false);
  if (cls->id != nullptr) {
    Binding* own = NewBinding(cls->id, BindingKind::kConst, inner);
    own->initialized_at = cls->end;
    if (cls->is_declaration) {
      RUNY_RETURN_IF_ERROR(DeclareLexical(cls->id, BindingKind::kLet, scope));
      cls->id->binding->initialized_at = cls->end;
    }
  }
  if (cls->left != nullptr) RUNY_RETURN_IF_ERROR(Visit(cls->left, inner));
  for (Node* member : cls->list) {
    if (member->computed) RUNY_RETURN_IF_ERROR(Visit(member->left, inner));
    if (member->right == nullptr) continue;
    if (!member->is_field) {
      RUNY_RETURN_IF_ERROR(Visit(member->right, inner));
      continue;
    }
    // An initializer runs later, for each instance: a function of its own.
    int saved_loop_depth = loop_depth_;
    Node* saved_loop = loop_;
    loop_depth_ = 0;
    loop_ = nullptr;
    absl::Status status = Visit(member->right, NewScope(inner, true));
    loop_depth_ = saved_loop_depth;
    loop_ = saved_loop;
    RUNY_RETURN_IF_ERROR(status);
  }
  return absl::OkStatus();
}

absl::Status ScopeAnalyzer::VisitDeclaration(Node* decl, Scope* scope) {
  for (Node* declarator : decl->list) {
    if (declarator->id->kind != NodeKind::kIdentifier) {
      RUNY_RETURN_IF_ERROR(
          VisitBindingTarget(declarator->id, scope, [&](Node* id) {
            switch (decl->decl_kind) {
              case DeclKind::kVar:
                return DeclareVar(id, BindingKind::kVar, scope);
              case DeclKind::kLet:
              case DeclKind::kConst: {
                absl::Status declared = DeclareLexical(
                    id,
                    decl->decl_kind == DeclKind::kLet ? BindingKind::kLet
                                                      : BindingKind::kConst,
                    scope);
                if (declared.ok()) {
                  id->binding->initialized_at = declarator->end;
                  id->binding->pattern_end = declarator->id->end;
                }
                return declared;
              }
            }
            return absl::OkStatus();
          }));
      if (declarator->init != nullptr) {
        RUNY_RETURN_IF_ERROR(Visit(declarator->init, scope));
      }
      continue;
    }
    switch (decl->decl_kind) {
      case DeclKind::kVar:
        RUNY_RETURN_IF_ERROR(
            DeclareVar(declarator->id, BindingKind::kVar, scope));
        break;
      case DeclKind::kLet:
        RUNY_RETURN_IF_ERROR(
            DeclareLexical(declarator->id, BindingKind::kLet, scope));
        declarator->id->binding->initialized_at = declarator->end;
        break;
      case DeclKind::kConst:
        RUNY_RETURN_IF_ERROR(
            DeclareLexical(declarator->id, BindingKind::kConst, scope));
        declarator->id->binding->initialized_at = declarator->end;
        break;
    }
    if (declarator->init != nullptr) {
      RUNY_RETURN_IF_ERROR(Visit(declarator->init, scope));
    }
  }
  return absl::OkStatus();
}

absl::Status ScopeAnalyzer::VisitFor(Node* node, Scope* scope) {
  Node* head = node->kind == NodeKind::kFor ? node->init : node->left;
  Scope* head_scope = scope;
  if (head != nullptr && head->kind == NodeKind::kVariableDeclaration &&
      head->decl_kind != DeclKind::kVar) {
    // A let/const head is a binding per iteration.
    Node* saved_loop = loop_;
    ++loop_depth_;
    loop_ = node;
    head_scope = NewScope(scope, false);
    head_scope->is_loop_head = true;
    loop_ = saved_loop;
    --loop_depth_;
  }
  if (node->kind == NodeKind::kForIn) {
    Scope* right_scope = scope;
    if (head_scope != scope) {
      // for (let x of f(x)): the head's names are in their dead zone in
      // the expression.
      right_scope = NewScope(scope, false);
      for (Node* declarator : head->list) {
        ForEachBoundName(declarator->id, [&](Node* id) {
          if (right_scope->bindings.contains(id->text)) return;
          bindings_.emplace_back();
          Binding* b = &bindings_.back();
          b->name = id->text;
          b->kind = BindingKind::kLet;
          b->scope = right_scope;
          b->declared_by = id;
          b->initialized_at = INT_MAX;
          right_scope->bindings[b->name] = b;
        });
      }
    }
    RUNY_RETURN_IF_ERROR(Visit(node->right, right_scope));
    Node* target = Unparenthesized(head);
    if (target->kind == NodeKind::kIdentifier) {
      for_in_targets_.push_back(target);
      written_.push_back(target);
    }
  }
  if (head != nullptr &&
      (head->kind == NodeKind::kObject || head->kind == NodeKind::kArray)) {
    RUNY_RETURN_IF_ERROR(VisitAssignmentPattern(head, head_scope));
  } else if (head != nullptr) {
    RUNY_RETURN_IF_ERROR(Visit(head, head_scope));
  }
  for (Node* part : {node->test, node->update}) {
    if (part != nullptr) RUNY_RETURN_IF_ERROR(Visit(part, head_scope));
  }
  return VisitLoopBody(node, head_scope);
}

absl::Status ScopeAnalyzer::VisitLoopBody(Node* loop, Scope* scope) {
  Node* saved_loop = loop_;
  ++loop_depth_;
  loop_ = loop;
  absl::Status status = Visit(loop->body, scope);
  loop_ = saved_loop;
  --loop_depth_;
  return status;
}

void ScopeAnalyzer::NoteWrite(Node* target) {
  target = Unparenthesized(target);
  if (target->kind == NodeKind::kIdentifier) written_.push_back(target);
}

absl::Status ScopeAnalyzer::Resolve() {
  for (auto [id, scope] : references_) {
    bool crossed_function = false;
    for (Scope* s = scope; s != nullptr; s = s->parent) {
      auto it = s->bindings.find(id->text);
      if (it != s->bindings.end()) {
        id->binding = it->second;
        break;
      }
      if (s->is_function) {
        s->free_names.insert(id->text);
        crossed_function = true;
      }
    }
    Binding* b = id->binding;
    if (b == nullptr) continue;
    NoteUse(b, id);
    // Textually before the declaration is done, in the same function: run
    // there, it always meets the binding uninitialized (a later iteration
    // of a loop around both has a binding of its own). A closure's read
    // depends on when it is called, and is not decided here.
    bool later_in_pattern = b->pattern_end >= 0 &&
                            id->start > b->declared_by->start &&
                            id->start < b->pattern_end;
    if (!crossed_function && id->start < b->initialized_at &&
        id != b->declared_by && !later_in_pattern) {
      id->in_dead_zone = true;
    }
    if (crossed_function && b->loop != nullptr &&
        (b->kind == BindingKind::kLet || b->kind == BindingKind::kConst)) {
      RUNY_RETURN_IF_ERROR(Capture(id, b));
    }
  }
  // A write before the declaration would throw as well; lowering keeps it
  // a write (the lowered var is assigned), which is the rarer mistake.
  for (Node* target : written_) target->in_dead_zone = false;
  for (Node* target : for_in_targets_) {
    if (target->binding != nullptr && target->binding->IsConstant()) {
      return file_.Error(target->start, absl::StrCat("Assignment to constant "
                                                     "variable '",
                                                     target->text, "'"));
    }
  }
  return absl::OkStatus();
}

// `id`, in a closure created inside the loop of `b`, refers to `b`.
absl::Status ScopeAnalyzer::Capture(Node* id, Binding* b) {
  Node* loop = b->loop;
  if (b->scope->is_loop_head && id->start < loop->body->start) {
    // Such a closure sees the binding of the head's first evaluation, or of
    // the iteration that a test or an update belongs to.
    return file_.Error(id->start,
                       "a closure in a for-loop head that captures a "
                       "let/const of the head is not supported");
  }
  b->captured = true;
  loop->per_iteration = true;
  return absl::OkStatus();
}

std::string ScopeAnalyzer::FreshName(absl::string_view base) {
  for (int n = 1;; ++n) {
    std::string candidate = absl::StrCat(base, "$", n);
    if (!names_.contains(absl::string_view(candidate)) &&
        !generated_.contains(candidate)) {
      generated_.insert(candidate);
      return candidate;
    }
  }
}

void ScopeAnalyzer::ChooseRenames() {
  for (Scope& scope : scopes_) {
    if (!scope.is_function) continue;
    for (Binding* b : scope.block_lexicals) {
      if (scope.declared[b->name] < 2 && !scope.free_names.contains(b->name)) {
        continue;
      }
      b->rename = FreshName(b->name);
    }
  }
  // A for(;;) head's let that its body writes, directly or through a
  // closure, is copied back to the head's var at the end of each iteration.
  for (Node* target : written_) {
    Binding* b = target->binding;
    if (b == nullptr || !b->captured || !b->loop_name.empty() ||
        b->kind != BindingKind::kLet || !b->scope->is_loop_head ||
        b->loop->kind != NodeKind::kFor ||
        target->start < b->loop->body->start) {
      continue;
    }
    b->loop_name = FreshName(b->name);
  }
}

}  // namespace runy::script
