// Loops, jumps and returns of Lowerer, and the per-iteration bindings of
// loops whose let/const a closure captures.
//
// The body of such a loop runs in a function of its own each iteration, so
// that every iteration has its own bindings (the lowering Babel does, written
// around the body's own tokens so that they keep their lines):
//
//   for (let i = 0; i < n; i++) { f(() => i); if (i > 5) break; }
// becomes
//   for (var i = 0; i < n; i++) {var __runy_loop = (function (i) { f(...);
//       if (i > 5) return 1; })(i); if (__runy_loop === 1) break;}
//
//  - The captured let/const of a for-head are parameters; a head's let that
//    the body writes is copied back, in a finally, to the var the head uses
//    (Binding::loop_name), so the update sees the iteration's last value.
//  - `continue` of the loop returns; a break, or a continue of an outer
//    label, returns a code that the statement after the call turns back into
//    that jump; `return x` returns {v: (x)}, which the enclosing function then
//    returns (or, in the body of another such loop, passes on).
//  - `this` and `arguments` are those of the enclosing function, as in an
//    arrow; the vars of the body are declared again outside the functions.
//  - `await` needs nothing: the runtime's coroutines are stackful, and the
//    body function is called from the async function's own frames.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "server/script/lowering/lowerer.h"
#include "server/script/lowering/scope_analyzer.h"

namespace runy::script {
namespace {

constexpr absl::string_view kSignal = "__runy_loop";

bool Contains(const std::vector<absl::string_view>& list,
              absl::string_view item) {
  for (absl::string_view x : list) {
    if (x == item) return true;
  }
  return false;
}

// The function a per-iteration body runs in: its parameters (the captured
// let/const of the head), the arguments of each call, and the copies back to
// the head's vars when it ends.
struct BodyFunction {
  std::vector<std::string> params;
  std::vector<std::string> args;
  std::vector<std::string> copies;
};

BodyFunction HeadBindings(const Node* loop) {
  BodyFunction fn;
  const Node* head = loop->kind == NodeKind::kFor     ? loop->init
                     : loop->kind == NodeKind::kForIn ? loop->left
                                                      : nullptr;
  if (head == nullptr || head->kind != NodeKind::kVariableDeclaration) {
    return fn;
  }
  std::vector<const Binding*> bindings;
  for (Node* declarator : head->list) {
    ForEachBoundName(declarator->id,
                     [&](Node* id) { bindings.push_back(id->binding); });
  }
  for (const Binding* b : bindings) {
    if (!b->captured) continue;
    std::string name = b->rename.empty() ? std::string(b->name) : b->rename;
    if (b->loop_name.empty()) {
      fn.args.push_back(name);
    } else {
      fn.args.push_back(b->loop_name);
      fn.copies.push_back(absl::StrCat(b->loop_name, " = ", name, ";"));
    }
    fn.params.push_back(std::move(name));
  }
  return fn;
}

}  // namespace

absl::Status Lowerer::VisitLoop(Node* loop) {
  RUNY_RETURN_IF_ERROR(VisitLoopParts(loop));
  if (loop->per_iteration) return VisitPerIterationLoop(loop);
  targets_.push_back(Target{Target::kLoop, "", nullptr, nullptr});
  absl::Status status = Visit(loop->body);
  targets_.pop_back();
  return status;
}

// Everything but the body.
absl::Status Lowerer::VisitLoopParts(Node* loop) {
  if (loop->kind == NodeKind::kForIn && loop->is_of)
    return VisitForOfHead(loop);
  if (loop->kind == NodeKind::kForIn) {
    if (loop->left->kind == NodeKind::kVariableDeclaration) {
      RUNY_RETURN_IF_ERROR(VisitDeclaration(loop->left, true));
    } else {
      RUNY_RETURN_IF_ERROR(Visit(loop->left));
    }
    return Visit(loop->right);
  }
  for (Node* part : {loop->init, loop->test, loop->update}) {
    if (part != nullptr) RUNY_RETURN_IF_ERROR(Visit(part));
  }
  return absl::OkStatus();
}

// for (HEAD of xs) becomes a for(;;) over the iterator, which a break, a
// return or a throw out of the body closes (__runy_d0 says the body runs):
//   try { for (var __runy_d0 = 0, __runy_d1 = __runy.iter(xs), __runy_d2, x;
//        !(__runy_d2 = __runy_d1.next()).done &&
//        (__runy_d0 = 1, x = __runy_d2.value, true); __runy_d0 = 0) BODY
//   } catch (__runy_e) { if (__runy_d0) { __runy_d0 = 0;
//   __runy.closeQuietly(__runy_d1); } throw __runy_e; }
//   finally { if (__runy_d0) __runy.close(__runy_d1); }
absl::Status Lowerer::VisitForOfHead(Node* loop) {
  RUNY_ASSIGN_OR_RETURN(std::string iterable, Render(loop->right, ""));
  Node* left = loop->left;
  bool declaring = left->kind == NodeKind::kVariableDeclaration;
  std::string running = NewTemp(true);
  std::string it = NewTemp(true);
  std::string step = NewTemp(true);
  // for await: the async iterator, each result awaited.
  bool async = loop->is_async;
  if (async) {
    size_t await = file_.text().find("await", loop->start + 3);
    edits_->Replace(static_cast<int>(await), static_cast<int>(await) + 5, "");
  }
  // The try goes around the labels of the loop too.
  int start = loop->start;
  for (size_t k = targets_.size(); k-- > 0;) {
    const Target& t = targets_[k];
    if (t.kind == Target::kLoop) continue;
    if (t.kind != Target::kLabel || t.labeled != loop) break;
    start = t.start;
  }
  // Outside the loop: before its own edits at either end.
  edits_->InsertOpening(start, depth_ - 1, "try { ");
  edits_->InsertClosing(
      loop->end, depth_ - 1,
      absl::StrCat(" } catch (__runy_e) { if (", running, ") { ", running,
                   async ? " = 0; __runy.asyncCloseQuietly("
                         : " = 0; __runy.closeQuietly(",
                   it, "); } throw __runy_e; } finally { if (", running,
                   async ? ") __runy.asyncClose(" : ") __runy.close(", it,
                   "); }"));
  Node* target = declaring ? left->list[0]->id : left;
  std::vector<std::string> steps;
  RUNY_RETURN_IF_ERROR(
      Destructure(target, absl::StrCat(step, ".value"), declaring, &steps));
  std::vector<std::string> vars = {
      absl::StrCat(running, " = 0"),
      absl::StrCat(it, async ? " = __runy.asyncIter(" : " = __runy.iter(",
                   iterable, ")"),
      step};
  if (declaring) {
    for (const std::string& s : steps)
      vars.push_back(s.substr(0, s.find(" = ")));
  }
  steps.insert(steps.begin(), absl::StrCat(running, " = 1"));
  steps.push_back("true");
  edits_->Replace(
      left->start, loop->right->end,
      absl::StrCat("var ", absl::StrJoin(vars, ", "), "; !(", step, " = ",
                   async ? absl::StrCat("__runy.asyncStep(", it, ".next())")
                         : absl::StrCat(it, ".next()"),
                   ").done && (", absl::StrJoin(steps, ", "), "); ", running,
                   " = 0"));
  return absl::OkStatus();
}

absl::Status Lowerer::VisitPerIterationLoop(Node* loop) {
  PerIteration p;
  p.loop = loop;
  for (size_t k = targets_.size(); k-- > 0;) {
    const Target& t = targets_[k];
    if (t.kind != Target::kLabel || t.labeled != loop) break;
    p.labels.push_back(t.label);
  }
  targets_.push_back(Target{Target::kPerIteration, "", nullptr, &p});
  // Like an arrow's: `this` and `arguments` of the enclosing function.
  ++arrow_depth_;
  absl::Status status = Visit(loop->body);
  --arrow_depth_;
  targets_.pop_back();
  RUNY_RETURN_IF_ERROR(status);
  WrapPerIterationBody(loop, p);
  return absl::OkStatus();
}

void Lowerer::WrapPerIterationBody(const Node* loop, const PerIteration& p) {
  BodyFunction fn = HeadBindings(loop);
  // A block body is the function's body, unless a directive at its start
  // (a lone string statement) would then apply to the function.
  bool block = loop->body->kind == NodeKind::kBlock &&
               AfterDirectives(loop->body->list, -1) == -1;
  bool signals = !p.exits.empty() || p.returns;
  std::string opening = "{";
  if (!p.hoisted.empty()) {
    absl::StrAppend(&opening, "var ", absl::StrJoin(p.hoisted, ", "), "; ");
  }
  absl::StrAppend(&opening, signals ? absl::StrCat("var ", kSignal, " = ") : "",
                  "(function (", absl::StrJoin(fn.params, ", "), ") ",
                  fn.copies.empty() ? "" : "{ try ", block ? "" : "{ ");
  std::string closing = block ? "" : " }";
  if (!fn.copies.empty()) {
    absl::StrAppend(&closing, " finally { ", absl::StrJoin(fn.copies, " "),
                    " } }");
  }
  absl::StrAppend(&closing, ")(", absl::StrJoin(fn.args, ", "), ");",
                  Dispatch(p), "}");
  edits_->InsertOpening(loop->body->start, depth_, std::move(opening));
  edits_->InsertClosing(loop->body->end, depth_, std::move(closing));
}

std::string Lowerer::Dispatch(const PerIteration& p) {
  std::string out;
  for (size_t i = 0; i < p.exits.size(); ++i) {
    absl::StrAppend(&out, " if (", kSignal, " === ", i + 1, ") ", p.exits[i]);
  }
  if (p.returns) {
    // In the body of another per-iteration loop: pass {v: value} on.
    PerIteration* outer = InnermostPerIteration(targets_.size());
    if (outer != nullptr) outer->returns = true;
    absl::StrAppend(&out, " if (", kSignal, ") return ", kSignal,
                    outer != nullptr ? ";" : ".v;");
  }
  return out;
}

absl::Status Lowerer::VisitLabeled(Node* labeled) {
  const Node* statement = labeled->body;
  while (statement->kind == NodeKind::kLabeled) statement = statement->body;
  targets_.push_back(Target{Target::kLabel, labeled->id->text, statement,
                            nullptr, labeled->start});
  absl::Status status = Visit(labeled->body);
  targets_.pop_back();
  return status;
}

absl::Status Lowerer::VisitJump(Node* jump) {
  absl::string_view label = jump->id != nullptr ? jump->id->text : "";
  std::string text =
      JumpOut(jump->kind == NodeKind::kBreak, label, targets_.size());
  if (!text.empty()) edits_->Replace(jump->start, jump->end, std::move(text));
  return absl::OkStatus();
}

std::string Lowerer::JumpOut(bool is_break, absl::string_view label,
                             size_t top) {
  for (size_t k = top; k-- > 0;) {
    const Target& t = targets_[k];
    switch (t.kind) {
      case Target::kFunction:
        return "";
      case Target::kLabel:
        if (t.label == label) return "";
        break;
      case Target::kLoop:
        if (label.empty()) return "";
        break;
      case Target::kSwitch:
        if (label.empty() && is_break) return "";
        break;
      case Target::kPerIteration: {
        PerIteration* p = t.per_iteration;
        bool own = label.empty() || Contains(p->labels, label);
        if (own && !is_break) return "return;";
        // The statement after the call is inside the loop, outside the body.
        std::string exit = own ? "break;" : JumpOut(is_break, label, k);
        if (exit.empty()) {
          exit = absl::StrCat(is_break ? "break " : "continue ", label, ";");
        }
        size_t code = 0;
        while (code < p->exits.size() && p->exits[code] != exit) ++code;
        if (code == p->exits.size()) p->exits.push_back(std::move(exit));
        return absl::StrCat("return ", code + 1, ";");
      }
    }
  }
  return "";
}

absl::Status Lowerer::VisitReturn(Node* ret) {
  if (PerIteration* p = InnermostPerIteration(targets_.size()); p != nullptr) {
    p->returns = true;
    if (ret->argument != nullptr) {
      edits_->InsertOpening(ret->argument->start, depth_, "{v: (");
      edits_->InsertClosing(ret->argument->end, depth_, ")}");
    } else {
      // The whole statement: `return {}` alone could call what follows.
      edits_->Replace(ret->start, ret->end, "return {};");
    }
  }
  return VisitChildren(ret);
}

// A var in a per-iteration body stays a var of the enclosing function.
void Lowerer::HoistVars(Node* decl) {
  PerIteration* outer = OutermostPerIteration();
  if (outer == nullptr) return;
  edits_->Replace(decl->start, decl->start + 3, "");
  for (Node* declarator : decl->list) {
    ForEachBoundName(declarator->id, [&](Node* id) {
      std::string name = OutputName(id);
      bool known = false;
      for (const std::string& h : outer->hoisted) known = known || h == name;
      if (!known) outer->hoisted.push_back(std::move(name));
    });
  }
}

absl::Status Lowerer::CheckInPerIteration(const Node* node) {
  PerIteration* inner = InnermostPerIteration(targets_.size());
  if (inner == nullptr) return absl::OkStatus();
  constexpr absl::string_view kWhere =
      "in a loop body whose let/const a closure captures";
  switch (node->kind) {
    case NodeKind::kIdentifier:  // an `arguments` that names no variable
      if (!frames_.back().is_program) return absl::OkStatus();
      return file_.Error(node->start,
                         absl::StrCat("'arguments' at the top level ", kWhere,
                                      " is not supported"));
    case NodeKind::kCall: {
      const Node* callee = node->left;
      if (callee->kind != NodeKind::kIdentifier || callee->text != "eval" ||
          callee->binding != nullptr) {
        return absl::OkStatus();
      }
      return file_.Error(node->start, absl::StrCat("direct eval ", kWhere,
                                                   " is not supported"));
    }
    case NodeKind::kFunction: {
      // Declared in the function of the innermost body, it is not seen
      // outside that body.
      const Binding* b = node->id->binding;
      const Node* body = inner->loop->body;
      if (b->first_use >= body->start && b->last_use < body->end) {
        return absl::OkStatus();
      }
      return file_.Error(
          node->id->start,
          absl::StrCat("function '", node->id->text, "' declared ", kWhere,
                       " and used outside it is not supported"));
    }
    default:
      return absl::OkStatus();
  }
}

Lowerer::PerIteration* Lowerer::InnermostPerIteration(size_t top) const {
  for (size_t k = top; k-- > 0;) {
    if (targets_[k].kind == Target::kFunction) break;
    if (targets_[k].kind == Target::kPerIteration) {
      return targets_[k].per_iteration;
    }
  }
  return nullptr;
}

Lowerer::PerIteration* Lowerer::OutermostPerIteration() const {
  PerIteration* outermost = nullptr;
  for (size_t k = targets_.size(); k-- > 0;) {
    if (targets_[k].kind == Target::kFunction) break;
    if (targets_[k].kind == Target::kPerIteration) {
      outermost = targets_[k].per_iteration;
    }
  }
  return outermost;
}

}  // namespace runy::script
