// Classes of Lowerer: a class becomes a call of __runy.klass
// (js/lowering_helpers.js) with a factory whose array lists the members,
// each rewritten around its own tokens:
//
//   class A extends B {        var A = __runy.klass("A", 1, B, function (A) {
//                              "use strict"; var __runy_P_n = ...; return [
//     constructor(x) {           8, 0, function (x) { var __runy_k = this;
//       super(x);                  __runy.superCall(__runy_k, [x]);
//       this.#n = x;               __runy.pset(__runy.self(__runy_k),
//                                  __runy_P_n, x);
//     }                          },
//     #n = 0;                    6, __runy_P_n, function () { return (0); },
//     get n() {                  2, "n", function () {
//       return super.n + this.#n;  return __runy.superGet(A.prototype, "n",
//                                  this) + __runy.pget(this, __runy_P_n);
//     }                          },
//     static s = 1;              7, "s", function () { return (1); },
//   }                          ]; });
//
// Entry kinds (bit 1: static): 0 method, 2 getter, 4 setter, 6 field (its
// initializer a function run with the instance, or the class, as `this`),
// 8 constructor, 10 static block. In a constructor `this` is read through
// __runy_k, the construction record klass passes as `this`: __runy_k.self,
// or in a derived class __runy.self(__runy_k), which throws until super()
// ran; new.target is __runy_k.nt. A private name #x is __runy_P_x, a var of
// the factory (so nested classes see the names of the classes around them,
// and each evaluation of a class has names of its own).
#include <functional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "server/script/lowering/literal_text.h"
#include "server/script/lowering/lowerer.h"

namespace runy::script {
namespace {

constexpr int kMethodEntry = 0;
constexpr int kGetterEntry = 2;
constexpr int kSetterEntry = 4;
constexpr int kFieldEntry = 6;
constexpr int kConstructorEntry = 8;
constexpr int kStaticBlockEntry = 10;

bool IsConstructor(const Node* member) {
  const Node* key = member->left;
  if (member->is_static || member->computed || !member->method ||
      key == nullptr) {
    return false;
  }
  if (key->kind == NodeKind::kIdentifier) return key->text == "constructor";
  return key->kind == NodeKind::kLiteral &&
         (key->text == "\"constructor\"" || key->text == "'constructor'");
}

}  // namespace

bool Lowerer::UsesSuper(Node* fn) {
  bool found = false;
  std::function<void(Node*)> scan = [&](Node* node) {
    if (found) return;
    if (node->kind == NodeKind::kSuper) {
      found = true;
      return;
    }
    if (node->kind == NodeKind::kFunction && node != fn) return;
    ForEachChild(node, scan);
  };
  scan(fn);
  return found;
}

bool Lowerer::IsSuperOrPrivate(const Node* node) {
  return node->kind == NodeKind::kMember &&
         (node->left->kind == NodeKind::kSuper ||
          node->right->kind == NodeKind::kPrivateName);
}

absl::Status Lowerer::VisitMemberWrite(Node* node) {
  Node* target = node->kind == NodeKind::kAssign ? node->left : node->argument;
  if (target->left->kind == NodeKind::kSuper) {
    if (node->kind != NodeKind::kAssign || node->text != "=") {
      return file_.Error(target->start,
                         "compound assignment to a super property is not "
                         "supported");
    }
    // super.x = v: __runy.superSet(HOME, "x", v, THIS)
    RUNY_ASSIGN_OR_RETURN(std::string home, SuperHome(target));
    if (target->computed) {
      edits_->Replace(node->start, target->right->start,
                      absl::StrCat("__runy.superSet(", home, ", "));
      RUNY_RETURN_IF_ERROR(Visit(target->right));
      edits_->Replace(target->right->end, node->right->start, ", ");
    } else {
      edits_->Replace(node->start, node->right->start,
                      absl::StrCat("__runy.superSet(", home, ", \"",
                                   target->right->text, "\", "));
    }
    RUNY_RETURN_IF_ERROR(Visit(node->right));
    edits_->InsertClosing(node->end, depth_,
                          absl::StrCat(", ", ThisText(), ")"));
    return absl::OkStatus();
  }
  return VisitPrivateWrite(node);
}

std::string Lowerer::PrivateVar(const Node* name) {
  // ASCII only: Duktape takes fewer characters in identifiers than ES2015.
  std::string var = "__runy_P_";
  for (char c : name->text.substr(1)) var.push_back(c == '\\' ? '$' : c);
  return var;
}

std::string Lowerer::ThisText() {
  Frame& frame = frames_.back();
  if (frame.ctor == 1) return "__runy_k.self";
  if (frame.ctor == 2) return "__runy.self(__runy_k)";
  if (arrow_depth_ > 0) {
    frame.needs_this = true;
    return "__runy_this";
  }
  return "this";
}

absl::Status Lowerer::VisitClass(Node* cls) {
  std::string self = cls->id != nullptr ? std::string(cls->id->text)
                                        : absl::StrCat("__runy_c", temps_++);
  std::string name =
      cls->id != nullptr ? absl::StrCat("\"", cls->id->text, "\"") : "\"\"";
  std::string head = absl::StrCat(
      cls->is_declaration ? absl::StrCat("var ", OutputName(cls->id), " = ")
                          : "",
      "__runy.klass(", name, cls->left != nullptr ? ", 1, " : ", 0, void 0");
  // The private names this class declares.
  std::vector<std::string> privates;
  absl::flat_hash_set<absl::string_view> seen;
  for (const Node* member : cls->list) {
    if (member->left != nullptr &&
        member->left->kind == NodeKind::kPrivateName &&
        seen.insert(member->left->text).second) {
      privates.push_back(absl::StrCat(PrivateVar(member->left),
                                      " = __runy.privateName(\"",
                                      member->left->text, "\")"));
    }
  }
  std::string factory = absl::StrCat(
      ", function (", self, ") { \"use strict\"; ",
      privates.empty() ? "" : "var ", absl::StrJoin(privates, ", "),
      privates.empty() ? "" : "; ", "return [");
  if (cls->left != nullptr) {
    edits_->Replace(cls->start, cls->left->start, std::move(head));
    RUNY_RETURN_IF_ERROR(Visit(cls->left));
    edits_->Replace(cls->left->end, cls->params_start + 1, std::move(factory));
  } else {
    edits_->Replace(cls->start, cls->params_start + 1,
                    absl::StrCat(head, factory));
  }
  edits_->Replace(cls->params_end, cls->params_end + 1,
                  cls->is_declaration ? "]; });" : "]; })");
  for (const Node* semicolon : cls->list2) {
    edits_->Replace(semicolon->start, semicolon->end, "");
  }
  // Computed keys run in the factory, with the `this` and `arguments` of
  // the code around the class, as in an arrow.
  ++arrow_depth_;
  absl::Status status;
  for (Node* member : cls->list) {
    status = VisitClassMember(cls, member, self);
    if (!status.ok()) break;
  }
  --arrow_depth_;
  return status;
}

absl::Status Lowerer::VisitClassMember(Node* cls, Node* member,
                                       const std::string& self) {
  const int is_static = member->is_static ? 1 : 0;
  std::string home =
      member->is_static ? self : absl::StrCat(self, ".prototype");
  Node* key = member->left;
  Node* value = member->right;
  if (key == nullptr) {  // static { ... }
    edits_->Replace(member->start, value->start,
                    absl::StrCat(kStaticBlockEntry | 1, ", 0, function () "));
    next_home_ = home;
    RUNY_RETURN_IF_ERROR(Visit(value));
    edits_->InsertClosing(member->end, depth_, ",");
    return absl::OkStatus();
  }
  int kind = member->is_field                      ? kFieldEntry
             : IsConstructor(member)               ? kConstructorEntry
             : member->prop_kind == PropKind::kGet ? kGetterEntry
             : member->prop_kind == PropKind::kSet ? kSetterEntry
                                                   : kMethodEntry;
  std::string lead = absl::StrCat(kind | is_static, ", ");
  // The key: where the text after it starts, and what goes before that.
  int after_key = key->end;
  std::string key_text;
  std::string name;  // the name an anonymous function in a field gets
  if (member->computed) {
    edits_->Replace(member->start, key->start, absl::StrCat(lead, "("));
    RUNY_RETURN_IF_ERROR(Visit(key));
    key_text = ")";
  } else {
    after_key = member->start;
    std::string text;
    if (key->kind == NodeKind::kPrivateName) {
      text = PrivateVar(key);
      name = absl::StrCat("\"", key->text, "\"");
    } else if (key->kind == NodeKind::kIdentifier) {
      text = absl::StrCat("\"", key->text, "\"");
      name = text;
    } else if (key->text[0] == '"' || key->text[0] == '\'') {
      text = std::string(key->text);
      if (key->text.find('\\') == absl::string_view::npos) name = text;
    } else {
      text = NumberToEs5(key->text);  // klass makes it a property key
    }
    key_text = absl::StrCat(lead, text);
  }
  if (member->method) {
    edits_->Replace(after_key, value->start,
                    absl::StrCat(key_text, ", function"));
    next_home_ = std::move(home);
    if (kind == kConstructorEntry) next_ctor_ = cls->left != nullptr ? 2 : 1;
    RUNY_RETURN_IF_ERROR(Visit(value));
    edits_->InsertClosing(member->end, depth_, ",");
    return absl::OkStatus();
  }
  if (value == nullptr) {
    edits_->Replace(after_key, member->end,
                    absl::StrCat(key_text, ", void 0,"));
    return absl::OkStatus();
  }
  // A field's initializer: a function of its own, run for each instance
  // (or once, with the class, for a static field).
  Frame frame;
  frame.home = std::move(home);
  frames_.push_back(std::move(frame));
  int saved_arrow_depth = arrow_depth_;
  arrow_depth_ = 0;
  if (!name.empty()) NameFunction(value, name, depth_);
  absl::Status status = Visit(value);
  arrow_depth_ = saved_arrow_depth;
  std::string vars = CaptureVars(frames_.back());
  frames_.pop_back();
  RUNY_RETURN_IF_ERROR(status);
  edits_->Replace(after_key, value->start,
                  absl::StrCat(key_text, ", function () { ", vars, "return ("));
  if (member->end > value->end) {
    edits_->Replace(value->end, member->end, "); },");
  } else {
    edits_->InsertClosing(value->end, depth_, "); },");
  }
  return absl::OkStatus();
}

absl::Status Lowerer::VisitSuperCall(Node* call) {
  bool spread = false;
  for (const Node* arg : call->list) {
    spread = spread || arg->kind == NodeKind::kSpread;
  }
  edits_->Replace(call->left->start, call->left->end, "__runy.superCall");
  edits_->Replace(call->params_start, call->params_start + 1,
                  spread ? "(__runy_k, __runy.spread([" : "(__runy_k, [");
  edits_->Replace(call->params_end - 1, call->params_end,
                  spread ? "]))" : "])");
  for (Node* arg : call->list) {
    if (arg->kind == NodeKind::kSpread) {
      ++depth_;
      absl::Status status = VisitSpread(arg, true);
      --depth_;
      RUNY_RETURN_IF_ERROR(status);
    } else {
      RUNY_RETURN_IF_ERROR(Visit(arg));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Lowerer::SuperHome(const Node* node) {
  const std::string& home = frames_.back().home;
  if (home.empty()) {
    return file_.Error(node->start, "'super' keyword unexpected here");
  }
  return home;
}

absl::Status Lowerer::VisitSuperMember(Node* member, bool called) {
  RUNY_ASSIGN_OR_RETURN(std::string home, SuperHome(member));
  std::string receiver = ThisText();
  std::string tail = absl::StrCat(", ", receiver, ")", called ? ".call" : "");
  if (member->computed) {
    edits_->Replace(member->start, member->right->start,
                    absl::StrCat("__runy.superGet(", home, ", "));
    RUNY_RETURN_IF_ERROR(Visit(member->right));
    edits_->Replace(member->right->end, member->end, std::move(tail));
  } else {
    edits_->Replace(member->start, member->end,
                    absl::StrCat("__runy.superGet(", home, ", \"",
                                 member->right->text, "\"", tail));
  }
  return absl::OkStatus();
}

absl::Status Lowerer::VisitMethodCall(Node* call) {
  Node* callee = call->left;
  for (const Node* arg : call->list) {
    if (arg->kind == NodeKind::kSpread) {
      return file_.Error(arg->start,
                         callee->left->kind == NodeKind::kSuper
                             ? "spread arguments in a call of a super "
                               "method are not supported"
                             : "spread arguments in a call of a private "
                               "method are not supported");
    }
  }
  std::string receiver;
  if (callee->left->kind == NodeKind::kSuper) {
    RUNY_RETURN_IF_ERROR(VisitSuperMember(callee, true));
    receiver = ThisText();
  } else {
    // o.#m(x): __runy.pget(d = o, P).call(d, x)
    receiver = NewTemp(false);
    edits_->InsertOpening(call->start, depth_,
                          absl::StrCat("__runy.pget(", receiver, " = "));
    RUNY_RETURN_IF_ERROR(Visit(callee->left));
    edits_->Replace(callee->left->end, callee->end,
                    absl::StrCat(", ", PrivateVar(callee->right), ").call"));
  }
  edits_->Replace(call->params_start, call->params_start + 1,
                  absl::StrCat("(", receiver, call->list.empty() ? "" : ", "));
  RemoveTrailingComma(call);
  for (Node* arg : call->list) RUNY_RETURN_IF_ERROR(Visit(arg));
  return absl::OkStatus();
}

absl::Status Lowerer::VisitPrivateMember(Node* member) {
  edits_->InsertOpening(member->start, depth_, "__runy.pget(");
  RUNY_RETURN_IF_ERROR(Visit(member->left));
  edits_->Replace(member->left->end, member->end,
                  absl::StrCat(", ", PrivateVar(member->right), ")"));
  return absl::OkStatus();
}

absl::Status Lowerer::VisitPrivateWrite(Node* node) {
  if (node->kind == NodeKind::kUpdate) {
    // ++o.#x, o.#x--: __runy.pinc(o, P, 1 or -1, prefix)
    Node* target = node->argument;
    std::string tail = absl::StrCat(", ", PrivateVar(target->right), ", ",
                                    node->text == "++" ? "1" : "-1",
                                    node->prefix ? ", 1)" : ", 0)");
    if (node->prefix) {
      edits_->Replace(node->op_start, node->op_end, "__runy.pinc(");
    } else {
      edits_->InsertOpening(node->start, depth_, "__runy.pinc(");
      edits_->Replace(node->op_start, node->op_end, "");
    }
    RUNY_RETURN_IF_ERROR(Visit(target->left));
    edits_->Replace(target->left->end, target->end, std::move(tail));
    return absl::OkStatus();
  }
  Node* target = node->left;
  std::string name = PrivateVar(target->right);
  if (node->text == "=") {
    edits_->InsertOpening(node->start, depth_, "__runy.pset(");
    RUNY_RETURN_IF_ERROR(Visit(target->left));
    edits_->Replace(target->left->end, node->right->start,
                    absl::StrCat(", ", name, ", "));
  } else {
    // o.#x += v: __runy.pset(d = o, P, __runy.pget(d, P) + (v))
    std::string temp = NewTemp(false);
    std::string op(node->text.substr(0, node->text.size() - 1));
    edits_->InsertOpening(node->start, depth_,
                          absl::StrCat("__runy.pset(", temp, " = "));
    RUNY_RETURN_IF_ERROR(Visit(target->left));
    edits_->Replace(
        target->left->end, node->right->start,
        absl::StrCat(", ", name, ", ", op == "**" ? "Math.pow(" : "",
                     "__runy.pget(", temp, ", ", name, ")",
                     op == "**" ? ", " : absl::StrCat(" ", op, " "), "("));
    edits_->InsertClosing(node->end, depth_ + 1, op == "**" ? "))" : ")");
  }
  RUNY_RETURN_IF_ERROR(Visit(node->right));
  edits_->InsertClosing(node->end, depth_, ")");
  return absl::OkStatus();
}

absl::Status Lowerer::VisitPrivateIn(Node* node) {
  // #x in o: __runy.phas(o, P)
  edits_->Replace(node->left->start, node->right->start, "__runy.phas(");
  RUNY_RETURN_IF_ERROR(Visit(node->right));
  edits_->InsertClosing(node->end, depth_,
                        absl::StrCat(", ", PrivateVar(node->left), ")"));
  return absl::OkStatus();
}

absl::Status Lowerer::VisitNewTarget(Node* node) {
  Frame& frame = frames_.back();
  if (frame.ctor != 0) {
    edits_->Replace(node->start, node->end, "__runy_k.nt");
  } else if (arrow_depth_ > 0) {
    edits_->Replace(node->start, node->end, "__runy_nt");
    frame.needs_new_target = true;
  }
  return absl::OkStatus();
}

}  // namespace runy::script
