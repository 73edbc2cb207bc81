// Spread arguments and elements, optional chains and logical assignments of
// Lowerer: rewritten around their own tokens, like the rest of the lowering.
//
//   f(a, ...b)        __runy.apply(f, void 0, __runy.spread([a,
//   __runy.spreadOf(b)])) o.m(...b)         __runy.invoke(o, "m",
//   __runy.spread([...])) new F(...b)       __runy.construct(F,
//   __runy.spread([...])) [a, ...b]         __runy.spread([a,
//   __runy.spreadOf(b, "b")]) a?.b.c            ((__runy_oc = a) == null ? void
//   0 : __runy_oc.b.c) a?.b?.c           ((__runy_oc = a) == null ? void 0 :
//                         (__runy_oc = __runy_oc.b) == null ? void 0 :
//                         __runy_oc.c)
//   o.m?.(x)          ((__runy_ot = o, __runy_oc = __runy_ot.m) == null ?
//                         void 0 : __runy_oc.call(__runy_ot, x))
//   a ||= b           (a || (a = b)), and so &&=; a ??= b is
//                     (a != null ? a : (a = b))
//   {a: 1, [k]: v, get [g]() {}, b}
//                     __runy.computed({a: 1}, [k, v], [g, function () {},
//                     "get"], {b: b})
//
// __runy_oc and __runy_ot are vars of the frame: each is read right after
// it is written, before anything else can run, so nested chains, recursion
// and awaits do not clobber them.
#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/script/lowering/lowerer.h"
#include "server/script/lowering/scope_analyzer.h"

namespace runy::script {
namespace {

bool HasSpread(const std::vector<Node*>& list) {
  for (const Node* n : list) {
    if (n != nullptr && n->kind == NodeKind::kSpread) return true;
  }
  return false;
}

const Node* Unparenthesized(const Node* node) {
  while (node->kind == NodeKind::kParen && node->argument != nullptr) {
    node = node->argument;
  }
  return node;
}

// `__proto__: v` (not computed, not shorthand, not a method): in a literal
// it sets the prototype.
bool SetsPrototype(const Node* prop) {
  if (prop->kind != NodeKind::kProperty || prop->computed || prop->shorthand ||
      prop->method || prop->prop_kind != PropKind::kInit || prop->pattern) {
    return false;
  }
  absl::string_view key = prop->left->text;
  return key == "__proto__" || key == "\"__proto__\"" || key == "'__proto__'";
}

}  // namespace

absl::Status Lowerer::VisitSpread(Node* spread, bool in_array) {
  std::string what;
  if (in_array) {
    // node names the expression: "x is not iterable".
    absl::string_view text =
        file_.text().substr(spread->argument->start,
                            spread->argument->end - spread->argument->start);
    bool simple = text.size() <= 40;
    for (char c : text) {
      if (c == '\n' || c == '\r' || c == '"' || c == '\\') simple = false;
    }
    what = absl::StrCat(", \"", simple ? text : "object", "\"");
  }
  edits_->Replace(spread->start, spread->start + 3, "__runy.spreadOf(");
  edits_->InsertClosing(spread->end, depth_, absl::StrCat(what, ")"));
  return Visit(spread->argument);
}

absl::Status Lowerer::VisitArray(Node* array) {
  bool spread = HasSpread(array->list);
  if (spread) {
    edits_->InsertOpening(array->start, depth_, "__runy.spread(");
    edits_->InsertClosing(array->end, depth_, ")");
  }
  for (Node* element : array->list) {
    if (element == nullptr) continue;
    if (element->kind == NodeKind::kSpread) {
      ++depth_;
      absl::Status status = VisitSpread(element, true);
      --depth_;
      RUNY_RETURN_IF_ERROR(status);
    } else {
      RUNY_RETURN_IF_ERROR(Visit(element));
    }
  }
  return absl::OkStatus();
}

absl::Status Lowerer::VisitObject(Node* object) {
  // A literal whose methods use super: its methods' home object is the
  // literal itself, in a binding of its own for each evaluation:
  // (function (__runy_hN) { return __runy_hN = {...}; })(), with the
  // literal's own `this` and `arguments` as in an arrow.
  std::string saved_home = std::move(object_home_);
  object_home_.clear();
  bool home = false;
  for (const Node* prop : object->list) {
    home = home || (prop->kind == NodeKind::kProperty &&
                    (prop->method || prop->prop_kind != PropKind::kInit) &&
                    UsesSuper(prop->right));
  }
  if (!home) {
    absl::Status status = VisitObjectParts(object);
    object_home_ = std::move(saved_home);
    return status;
  }
  object_home_ = absl::StrCat("__runy_h", temps_++);
  edits_->InsertOpening(object->start, depth_ - 1,
                        absl::StrCat("(function (", object_home_, ") { return ",
                                     object_home_, " = "));
  edits_->InsertClosing(object->end, depth_ - 1, "; })()");
  ++arrow_depth_;
  absl::Status status = VisitObjectParts(object);
  --arrow_depth_;
  object_home_ = std::move(saved_home);
  return status;
}

absl::Status Lowerer::VisitObjectParts(Node* object) {
  const std::vector<Node*>& props = object->list;
  // A computed key, a spread or `__proto__: v`: each splits the literal.
  auto splits = [](const Node* prop) {
    return prop->computed || prop->kind == NodeKind::kSpread ||
           SetsPrototype(prop);
  };
  bool computed = false;
  for (const Node* prop : props) computed = computed || splits(prop);
  if (!computed) return VisitChildren(object);
  // Runs of plain properties stay object literals; each computed one is a
  // [key, value(, "get" | "set")] between them.
  edits_->InsertOpening(object->start, depth_, "__runy.computed(");
  edits_->InsertClosing(object->end, depth_, ")");
  for (size_t i = 0; i <= props.size(); ++i) {
    const Node* prev = i == 0 ? nullptr : props[i - 1];
    const Node* next = i == props.size() ? nullptr : props[i];
    bool prev_computed = prev != nullptr && splits(prev);
    bool next_computed = next != nullptr && splits(next);
    int from = prev == nullptr ? object->start : prev->end;
    int to = next == nullptr ? object->end : next->start;
    if (prev == nullptr && next_computed) {
      edits_->Replace(from, to, "{}, ");
    } else if (next == nullptr && prev_computed) {
      edits_->Replace(from, to, "");
    } else if (prev_computed && next_computed) {
      edits_->Replace(from, to, ", ");
    } else if (prev_computed) {
      edits_->Replace(from, to, ", {");
    } else if (next_computed && prev != nullptr) {
      edits_->Replace(from, to, "}, ");
    }
  }
  ++depth_;
  for (Node* prop : props) {
    if (prop->kind == NodeKind::kSpread) {
      // {...x}: [x], whose own enumerable properties are copied.
      edits_->Replace(prop->start, prop->start + 3, "[");
      edits_->InsertClosing(prop->end, depth_, "]");
      RUNY_RETURN_IF_ERROR(Visit(prop->argument));
      continue;
    }
    if (SetsPrototype(prop)) {
      // __proto__: v sets the prototype: [0, v, "proto"].
      edits_->Replace(prop->start, prop->right->start, "[0, ");
      edits_->InsertClosing(prop->end, depth_, ", \"proto\"]");
      RUNY_RETURN_IF_ERROR(Visit(prop->right));
      continue;
    }
    if (!prop->computed) {
      RUNY_RETURN_IF_ERROR(Visit(prop));
      continue;
    }
    Node* key = prop->left;
    Node* value = prop->right;
    bool accessor = prop->prop_kind != PropKind::kInit;
    // `[`, and `get [`, `set [`, `async [`.
    edits_->Replace(prop->start, key->start, "[");
    if (prop->method || accessor) {
      edits_->Replace(key->end, value->start, ", function");
    } else {
      edits_->Replace(key->end, value->start, ", ");
    }
    edits_->InsertClosing(
        prop->end, depth_,
        accessor
            ? (prop->prop_kind == PropKind::kGet ? ", \"get\"]" : ", \"set\"]")
            : "]");
    RUNY_RETURN_IF_ERROR(Visit(key));
    if (prop->method || accessor) next_home_ = object_home_;
    RUNY_RETURN_IF_ERROR(Visit(value));
  }
  --depth_;
  return absl::OkStatus();
}

absl::Status Lowerer::VisitCall(Node* call) {
  if (call->kind == NodeKind::kCall) {
    RUNY_RETURN_IF_ERROR(CheckInPerIteration(call));
  }
  RemoveTrailingComma(call);
  if (!HasSpread(call->list)) return VisitChildren(call);
  if (in_chain_ > 0) {
    return file_.Error(call->start,
                       "spread arguments in an optional chain are not "
                       "supported");
  }
  Node* callee = call->left;
  if (call->kind == NodeKind::kNew) {
    edits_->Replace(call->start, call->start + 3, "__runy.construct(");
  } else if (callee->kind == NodeKind::kMember) {
    edits_->InsertOpening(call->start, depth_, "__runy.invoke(");
    if (callee->computed) {
      edits_->Replace(callee->left->end, callee->right->start, ", ");
      edits_->Replace(callee->right->end, callee->end, "");
    } else {
      edits_->Replace(callee->left->end, callee->end,
                      absl::StrCat(", \"", callee->right->text, "\""));
    }
  } else {
    edits_->InsertOpening(call->start, depth_, "__runy.apply(");
  }
  bool member =
      call->kind == NodeKind::kCall && callee->kind == NodeKind::kMember;
  edits_->Replace(call->params_start, call->params_start + 1,
                  member || call->kind == NodeKind::kNew
                      ? ", __runy.spread(["
                      : ", void 0, __runy.spread([");
  edits_->Replace(call->params_end - 1, call->params_end, "]))");
  ++depth_;
  absl::Status status;
  if (member) {
    status = Visit(callee->left);
    if (status.ok() && callee->computed) status = Visit(callee->right);
  } else {
    status = Visit(callee);
  }
  for (Node* arg : call->list) {
    if (!status.ok()) break;
    status =
        arg->kind == NodeKind::kSpread ? VisitSpread(arg, false) : Visit(arg);
  }
  --depth_;
  return status;
}

absl::Status Lowerer::VisitChain(Node* chain) {
  // The links from the outermost in; the optional ones in source order.
  std::vector<Node*> optional;
  for (Node* link = chain->argument;
       link->kind == NodeKind::kMember || link->kind == NodeKind::kCall;
       link = link->left) {
    if (link->optional) optional.insert(optional.begin(), link);
  }
  Frame& frame = frames_.back();
  frame.needs_chain = true;
  Node* first = optional.front();
  bool method_call = first->kind == NodeKind::kCall &&
                     first->left->kind == NodeKind::kMember &&
                     !first->left->optional;
  for (size_t i = 1; i < optional.size(); ++i) {
    if (optional[i]->kind == NodeKind::kCall) {
      return file_.Error(optional[i]->op_start,
                         "an optional call after another '?.' of the chain "
                         "is not supported");
    }
  }
  if (method_call) {
    // o.m?.(x): o is the call's `this`.
    Node* member = first->left;
    edits_->InsertOpening(chain->start, depth_, "((__runy_ot = ");
    if (member->computed) {
      edits_->Replace(member->left->end, member->right->start,
                      ", __runy_oc = __runy_ot[");
      edits_->Replace(member->right->end, member->end, "]");
    } else {
      edits_->Replace(
          member->left->end, member->end,
          absl::StrCat(", __runy_oc = __runy_ot.", member->right->text));
    }
    frame.needs_this_of_chain = true;
  } else {
    edits_->InsertOpening(chain->start, depth_, "((__runy_oc = ");
  }
  for (size_t i = 0; i < optional.size(); ++i) {
    Node* link = optional[i];
    bool last = i + 1 == optional.size();
    std::string text = ") == null ? void 0 : ";
    absl::StrAppend(&text, last ? "__runy_oc" : "(__runy_oc = __runy_oc");
    if (link->kind == NodeKind::kCall) {
      // Only the first link can be a call (checked above).
      if (method_call) {
        absl::StrAppend(&text, ".call(__runy_ot");
        edits_->Replace(link->params_start, link->params_start + 1,
                        link->list.empty() ? "" : ", ");
      }
    } else if (!link->computed) {
      text.push_back('.');
    }
    edits_->Replace(link->op_start, link->op_end, std::move(text));
  }
  edits_->InsertClosing(chain->end, depth_, ")");
  ++in_chain_;
  absl::Status status;
  // The links' own parts, without revisiting a method call's member as a
  // whole (its edits are above).
  std::vector<Node*> stack;
  for (Node* link = chain->argument;
       link->kind == NodeKind::kMember || link->kind == NodeKind::kCall;
       link = link->left) {
    stack.push_back(link);
  }
  Node* base = stack.back()->left;
  status = Visit(base);
  for (size_t k = stack.size(); status.ok() && k-- > 0;) {
    Node* link = stack[k];
    if (link->kind == NodeKind::kMember) {
      if (link->computed) status = Visit(link->right);
    } else {
      RemoveTrailingComma(link);
      for (Node* arg : link->list) {
        if (!status.ok()) break;
        status = arg->kind == NodeKind::kSpread
                     ? file_.Error(arg->start,
                                   "spread arguments in an optional chain "
                                   "are not supported")
                     : Visit(arg);
      }
    }
  }
  --in_chain_;
  return status;
}

absl::Status Lowerer::VisitLogicalAssign(Node* node) {
  absl::string_view op = node->text.substr(0, 2);
  Node* target = node->left;
  const Node* t = Unparenthesized(target);
  if (t->kind == NodeKind::kIdentifier) {
    NameFunction(node->right, absl::StrCat("\"", t->text, "\""), depth_);
  }
  absl::StatusOr<std::string> target_text = TargetText(target, node->text);
  if (!target_text.ok() && t->kind == NodeKind::kMember && t == target &&
      !IsSuperOrPrivate(t)) {
    return VisitLogicalAssignToMember(node);
  }
  RUNY_RETURN_IF_ERROR(target_text.status());
  std::string again = *std::move(target_text);
  std::string assign = absl::StrCat("(", again, " =");
  std::string closing = "))";
  if (t->kind == NodeKind::kIdentifier && t->binding != nullptr &&
      t->binding->IsConstant()) {
    // Throws only when it would assign.
    assign = "(";
    closing = absl::StrCat(", __runy.constAssign(\"", t->text, "\")))");
  }
  edits_->InsertOpening(node->start, depth_, "(");
  if (op == "??") {
    edits_->Replace(node->op_start, node->op_end,
                    absl::StrCat("!= null ? ", again, " : ", assign));
  } else {
    edits_->Replace(node->op_start, node->op_end,
                    absl::StrCat(op, " ", assign));
  }
  edits_->InsertClosing(node->end, depth_, std::move(closing));
  return VisitChildren(node);
}

// o[k] ??= v (and ||=, &&=) where o or k is more than TargetText reads
// twice: each once, into temporaries:
//   (__runy_d1 = o, __runy_d2 = k, __runy_d1[__runy_d2] != null ?
//    __runy_d1[__runy_d2] : (__runy_d1[__runy_d2] = v))
absl::Status Lowerer::VisitLogicalAssignToMember(Node* node) {
  absl::string_view op = node->text.substr(0, 2);
  Node* target = node->left;
  std::string object = NewTemp(false);
  std::string read;
  edits_->InsertOpening(node->start, depth_, absl::StrCat("(", object, " = "));
  RUNY_RETURN_IF_ERROR(Visit(target->left));
  int from;
  if (target->computed) {
    std::string key = NewTemp(false);
    edits_->Replace(target->left->end, target->right->start,
                    absl::StrCat(", ", key, " = "));
    RUNY_RETURN_IF_ERROR(Visit(target->right));
    from = target->right->end;
    read = absl::StrCat(object, "[", key, "]");
  } else {
    from = target->left->end;
    read = absl::StrCat(object, ".", target->right->text);
  }
  edits_->Replace(
      from, node->op_end,
      op == "??"
          ? absl::StrCat(", ", read, " != null ? ", read, " : (", read, " =")
          : absl::StrCat(", ", read, " ", op, " (", read, " ="));
  edits_->InsertClosing(node->end, depth_, "))");
  return Visit(node->right);
}

}  // namespace runy::script
