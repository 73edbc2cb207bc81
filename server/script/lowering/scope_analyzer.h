// Scopes and bindings of a parsed service file, and the renames that keep
// block scoping correct once let/const become function-scoped var.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_SCOPE_ANALYZER_H_
#define RUNY_SERVER_SCRIPT_LOWERING_SCOPE_ANALYZER_H_

#include <climits>
#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/script/lowering/ast.h"
#include "server/script/lowering/source_file.h"

namespace runy::script {

enum class BindingKind {
  kVar,
  kLet,
  kConst,
  kFunction,      // function declaration
  kFunctionName,  // name of a function expression, seen inside it only
  kParam,
  kCatchParam,
  kImport,
};

struct Scope;

struct Binding {
  absl::string_view name;
  BindingKind kind;
  Scope* scope;
  // Declared in a scope entered once per loop iteration (a for-head or a
  // block inside a loop body, within the same function).
  bool in_loop = false;
  // in_loop: the innermost loop of whose iterations the binding is part.
  Node* loop = nullptr;
  // A let/const of `loop` that a closure created in the loop refers to; the
  // loop is Node::per_iteration. A captured binding of a for-head is a
  // parameter of the function the body runs in.
  bool captured = false;
  // The var name this binding takes in the output; empty: unchanged.
  std::string rename;
  // A captured let of a for(;;) head that its body writes: the var that
  // carries its value from one iteration to the next, which the head refers
  // to (the body copies its own binding back to it when it ends).
  std::string loop_name;
  // let/const: the byte offset where its declarator ends; before it, in the
  // same function, the binding is in its temporal dead zone.
  int initialized_at = -1;
  // Bound by a pattern: where it ends. A read after the name inside the
  // pattern (a later default) sees it initialized.
  int pattern_end = -1;
  // The identifier that declares it.
  const Node* declared_by = nullptr;
  // Byte offsets of the first and the last identifier naming the binding
  // (declarations included).
  int first_use = INT_MAX;
  int last_use = -1;

  bool IsLexical() const {
    return kind == BindingKind::kLet || kind == BindingKind::kConst ||
           kind == BindingKind::kImport;
  }
  // Assigning to it throws "Assignment to constant variable." at run time.
  bool IsConstant() const {
    return kind == BindingKind::kConst || kind == BindingKind::kImport;
  }
};

struct Scope {
  Scope* parent = nullptr;
  Scope* function = nullptr;  // where `var` lands: self for function scopes
  bool is_function = false;
  bool in_loop = false;
  bool is_loop_head = false;  // the scope of a for-head's let/const
  Node* loop = nullptr;       // in_loop: the innermost loop
  absl::flat_hash_map<absl::string_view, Binding*> bindings;
  // Names of vars declared inside this block that hoist past it.
  absl::flat_hash_set<absl::string_view> var_through;
  // Blocks: the functions declared in it, true for a plain function (two
  // of those may share a name, as sloppy-mode scripts allow).
  absl::flat_hash_map<absl::string_view, bool> block_functions;
  // Function scopes only: how many bindings of each name the function and
  // its blocks declare; names used inside that resolve outside it; the
  // let/const of its inner blocks, which lowering hoists to it.
  absl::flat_hash_map<absl::string_view, int> declared;
  absl::flat_hash_set<absl::string_view> free_names;
  std::vector<Binding*> block_lexicals;
};

// Thread: one owner. Annotates the tree of one program: every identifier
// that names a variable gets Node::binding (null for globals and implicit
// `arguments`). A block-level let/const whose name another binding of the
// same function uses, or that a name resolving outside the function would
// meet, gets a fresh Binding::rename (`x` → `x$1`).
//
// A let/const of a loop that a closure created in the loop captures marks the
// loop Node::per_iteration (the lowering gives each iteration a binding of its
// own); see Binding::captured and Binding::loop_name.
//
// Errors (InvalidArgument, SourceFile::Error format): redeclarations
// ("Identifier 'x' has already been declared"), a let/const of a for-head
// captured by a closure in the head itself, a for-in that assigns to a
// constant.
class ScopeAnalyzer {
 public:
  // REQUIRES: `file` outlives the analyzer; the analyzer outlives every use
  // of the bindings it attaches to the tree.
  explicit ScopeAnalyzer(const SourceFile& file) : file_(file) {}

  absl::Status Analyze(Node* program);

 private:
  Scope* NewScope(Scope* parent, bool is_function);
  Binding* NewBinding(Node* id, BindingKind kind, Scope* scope);
  absl::Status DeclareVar(Node* id, BindingKind kind, Scope* scope);
  absl::Status DeclareLexical(Node* id, BindingKind kind, Scope* scope);
  absl::Status Redeclared(Node* id) const;

  absl::Status Visit(Node* node, Scope* scope);
  absl::Status VisitChildren(Node* node, Scope* scope);
  absl::Status VisitStatements(const std::vector<Node*>& list, Scope* scope);
  absl::Status VisitFunction(Node* fn, Scope* scope);
  absl::Status VisitDeclaration(Node* decl, Scope* scope);
  absl::Status VisitClass(Node* cls, Scope* scope);
  // A binding target (identifier or pattern) of a declaration, parameter
  // or catch clause: declares each name it binds with `declare`, and visits
  // its default values and computed keys in `scope`.
  absl::Status VisitBindingTarget(
      Node* target, Scope* scope,
      const std::function<absl::Status(Node*)>& declare);
  // A pattern assigned to: its targets are writes.
  absl::Status VisitAssignmentPattern(Node* target, Scope* scope);
  absl::Status VisitFor(Node* node, Scope* scope);
  absl::Status VisitLoopBody(Node* loop, Scope* scope);
  void NoteWrite(Node* target);

  void NoteName(absl::string_view name);
  static void NoteUse(Binding* b, const Node* id);
  absl::Status Resolve();
  absl::Status Capture(Node* id, Binding* b);
  void ChooseRenames();
  std::string FreshName(absl::string_view base);

  const SourceFile& file_;
  std::deque<Scope> scopes_;
  std::deque<Binding> bindings_;
  std::vector<std::pair<Node*, Scope*>> references_;
  std::vector<Node*> for_in_targets_;
  std::vector<Node*> written_;  // identifiers assigned to or updated
  // Identifiers and property names of the file that contain a `$`.
  absl::flat_hash_set<absl::string_view> names_;
  absl::flat_hash_set<std::string> generated_;
  int loop_depth_ = 0;    // loops around the current node in this function
  Node* loop_ = nullptr;  // the innermost of them
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_SCOPE_ANALYZER_H_
