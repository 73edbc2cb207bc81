// Syntax tree of a service file, ESTree-shaped, with byte positions.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_AST_H_
#define RUNY_SERVER_SCRIPT_LOWERING_AST_H_

#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"

namespace runy::script {

struct Binding;  // scope_analyzer.h

enum class NodeKind {
  // Statements and declarations.
  kProgram,              // list: statements
  kVariableDeclaration,  // list: declarators; decl_kind; start = keyword
  kVariableDeclarator,   // id, init (may be null)
  kFunction,             // id (may be null), list: params, body: block
  kArrowFunction,        // list: params, body: block or expression
  kBlock,                // list: statements
  kExpressionStatement,  // argument
  kEmpty,
  kIf,          // test, consequent, alternate (may be null)
  kFor,         // init, test, update (each may be null), body
  kForIn,       // left (declaration or target), right, body; is_of: for-of
  kWhile,       // test, body
  kDoWhile,     // body, test
  kReturn,      // argument (may be null)
  kBreak,       // id: label (may be null)
  kContinue,    // id: label (may be null)
  kThrow,       // argument
  kTry,         // body, handler (kCatch, may be null), finalizer
  kCatch,       // id: param (null for `catch {`), body
  kSwitch,      // test: discriminant, list: cases
  kSwitchCase,  // test (null for default), list: statements
  kLabeled,     // id: label, body
  kDebugger,
  kWith,             // test: object, body
  kImport,           // list: specifiers; text: module specifier (raw)
  kImportSpecifier,  // id: local, left: imported name (null: namespace)
  // Expressions.
  kIdentifier,       // text: name
  kLiteral,          // text: raw (number, string, regex, null, true, false)
  kTemplate,         // list: kTemplateElement quasis, list2: expressions
  kTemplateElement,  // text: the whole token, delimiters included
  kArray,            // list: elements (null for holes)
  kObject,           // list: kProperty
  kProperty,         // left: key, right: value; prop_kind, shorthand, method
  kThis,
  kParen,        // argument: the parenthesized expression
  kUnary,        // text: operator, argument
  kUpdate,       // text: operator, argument, prefix
  kBinary,       // text: operator (also && and ||), left, right
  kAssign,       // text: operator, left, right
  kConditional,  // test, consequent, alternate
  kCall,         // left: callee, list: arguments
  kNew,          // left: callee, list: arguments
  kMember,       // left: object, right: property, computed
  kSequence,     // list: expressions
  kAwait,        // argument
  kSpread,       // argument: `...x` in calls, `new`, arrays; rest parameters
  kChain,        // argument: the outermost member or call of a `?.` chain
  // Classes. kClass: id (may be null), left: heritage (may be null), list:
  // members, list2: kEmpty for each `;` between them, is_declaration;
  // params_start is the body's `{`, params_end its
  // `}`. A member is a kProperty with is_static and is_field: a method (right:
  // kFunction), a field (right: initializer, may be null) or, with a null
  // key, a static block (right: a kFunction without parameters).
  kClass,
  kPrivateName,     // text: `#x`, a member key or after `.`; `#x in o`
  kSuper,           // callee of a kCall (`super(...)`) or object of a kMember
  kNewTarget,       // `new.target`
  kYield,           // argument (may be null); delegate: `yield*`
  kTaggedTemplate,  // left: the tag, argument: the kTemplate
};

enum class DeclKind { kVar, kLet, kConst };
enum class PropKind { kInit, kGet, kSet };

// One node; which pointer fields a kind uses is listed beside NodeKind.
// Nodes are owned by an Ast and point at each other with raw pointers.
struct Node {
  NodeKind kind = NodeKind::kEmpty;
  int start = 0;  // byte offset of the first token
  int end = 0;    // byte offset one past the last token
  absl::string_view text;

  Node* id = nullptr;
  Node* init = nullptr;
  Node* test = nullptr;
  Node* update = nullptr;
  Node* left = nullptr;
  Node* right = nullptr;
  Node* argument = nullptr;
  Node* consequent = nullptr;
  Node* alternate = nullptr;
  Node* body = nullptr;
  Node* handler = nullptr;
  Node* finalizer = nullptr;
  std::vector<Node*> list;
  std::vector<Node*> list2;

  DeclKind decl_kind = DeclKind::kVar;
  PropKind prop_kind = PropKind::kInit;
  bool is_async = false;         // functions, arrows, methods; for await
  bool is_generator = false;     // kFunction: `function*`, `*m() {}`
  bool delegate = false;         // kYield: `yield*`
  bool is_declaration = false;   // kFunction: a declaration, not an expression
  bool expression_body = false;  // kArrowFunction: `=> expr`
  bool prefix = false;           // kUpdate
  bool computed = false;         // kMember: a[b]; kProperty: {[k]: v}
  bool shorthand = false;        // kProperty: {a}
  bool method = false;           // kProperty: {f() {}}; kFunction of one
  bool optional = false;         // kMember, kCall: after `?.`
  bool pattern = false;          // kObject, kArray: a destructuring pattern
  bool is_of = false;            // kForIn: `for (x of xs)`
  bool is_static = false;        // kProperty of a class: `static`
  bool is_field = false;         // kProperty of a class: a field

  // Positions of tokens the lowering rewrites; -1 when absent.
  int keyword_start = -1;  // `async` of functions, arrows and methods
  int params_start = -1;   // `(` of a parameter list, or the lone parameter
  int params_end = -1;     // one past `)` or the lone parameter
  int arrow_start = -1;    // `=>`
  int op_start = -1;       // operator of kAssign, kUpdate, kBinary; `?.`
  int op_end = -1;
  int trailing_comma = -1;  // `,` before `)` in parameters or arguments

  // Filled by the scope analysis: for identifiers that name a variable, the
  // binding they refer to (null: a global or an implicit `arguments`).
  Binding* binding = nullptr;
  // kIdentifier: a read of a let/const in the same function before its
  // declaration has run: it always throws ReferenceError there.
  bool in_dead_zone = false;
  // kProgram: the program awaits at its top level.
  bool has_top_level_await = false;
  // Loops (set by the scope analysis): a closure created in the loop captures
  // one of its let/const, so each iteration runs the body in a function of
  // its own.
  bool per_iteration = false;
};

// Owns the nodes of one tree. Thread: one owner.
class Ast {
 public:
  Node* New(NodeKind kind, int start) {
    if (blocks_.empty() || used_ == kBlockSize) {
      blocks_.push_back(std::make_unique<Node[]>(kBlockSize));
      used_ = 0;
    }
    Node* n = &blocks_.back()[used_++];
    n->kind = kind;
    n->start = start;
    n->end = start;
    return n;
  }
  // A copy of `text` that lives as long as the tree.
  absl::string_view Intern(std::string text) {
    strings_.push_back(std::move(text));
    return strings_.back();
  }
  // Nodes allocated so far.
  size_t size() const {
    return blocks_.empty() ? 0 : (blocks_.size() - 1) * kBlockSize + used_;
  }

 private:
  // Nodes are allocated in blocks (addresses stay stable): one allocation
  // per node made parsing twice as slow.
  static constexpr int kBlockSize = 128;
  std::vector<std::unique_ptr<Node[]>> blocks_;
  int used_ = 0;
  std::deque<std::string> strings_;
};

// Calls `fn` on each identifier a binding target (an identifier or a
// pattern) declares.
void ForEachBoundName(Node* target, absl::FunctionRef<void(Node*)> fn);

// The identifier a parameter declares: `a`, `a = 1`, `...a`.
inline Node* ParamName(Node* param) {
  if (param->kind == NodeKind::kAssign) return param->left;
  if (param->kind == NodeKind::kSpread) return param->argument;
  return param;
}

// Calls `fn` on each non-null child of `node`, in the field order above,
// which is source order for every kind except kDoWhile and kTemplate.
void ForEachChild(Node* node, absl::FunctionRef<void(Node*)> fn);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_AST_H_
