// Turns an analyzed tree into source edits that make it ES5.
#ifndef RUNY_SERVER_SCRIPT_LOWERING_LOWERER_H_
#define RUNY_SERVER_SCRIPT_LOWERING_LOWERER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/script/lowering/ast.h"
#include "server/script/lowering/edit_buffer.h"
#include "server/script/lowering/source_file.h"

namespace runy::script {

// Thread: one owner. Walks a tree that ScopeAnalyzer annotated and records
// in `edits` how each modern construct becomes ES5, touching only its own
// tokens so that every other token keeps its text and its line:
//  - arrows become parenthesized function expressions; `this` and
//    `arguments` inside them become __runy_this / __runy_arguments, declared
//    after the `{` of the nearest non-arrow function (or at the top);
//  - async bodies run through __runy.async(function (params) {...}, this,
//    arguments), `await x` becomes __runy.await(x), and a program that awaits
//    at its top level is wrapped in __runy.async(function () {...}, this, []);
//  - let/const become var (renamed as the analysis decided; `let x;` in a
//    loop gets `= void 0`), assignments to constants call
//    __runy.constAssign("x"), which throws the TypeError; a read of one
//    in the same function before its declaration has run (the temporal dead
//    zone) becomes __runy.deadZone("x"), which throws the ReferenceError;
//  - anonymous functions and arrows that a declaration, an assignment or a
//    property names get that name (__runy.name(fn, "f")), and so do
//    methods;
//  - the body of a Node::per_iteration loop runs in a function of its own
//    each iteration, `{(function (i) BODY)(i);}`, whose parameters are the
//    captured let/const of the for-head (lowerer_loops.cc has the details);
//  - templates become string concatenations with String(...); `a ** b`
//    becomes Math.pow(a, b) and `a ?? b` becomes
//    (__runy_nc = a, __runy_nc != null ? __runy_nc : b);
//  - default and rest parameters are read from `arguments` at the start of
//    the body; spread, optional chains, computed keys, object spread and
//    ||= &&= ??= are rewritten as lowerer_calls.cc shows; patterns become
//    plain assignments through temporaries (lowerer_patterns.cc), and
//    for...of a for(;;) over the iterator (lowerer_loops.cc);
//  - shorthand properties and methods, imports of "runy", optional catch
//    bindings, trailing commas in calls and parameters, 0b/0o numbers and
//    `\u{...}` escapes get their ES5 spelling.
// Errors (InvalidArgument): malformed escapes in templates and strings; in a
// per-iteration loop body, what its function would change: a function
// declaration used outside the body, a direct eval, `arguments` at the top
// level.
class Lowerer {
 public:
  // The directive that makes Duktape's function not constructable (a
  // runy patch of Duktape: no `new`, no .prototype), first in the bodies of
  // arrows, methods, accessors, async functions and generators.
  static constexpr absl::string_view kNotConstructable =
      "\"use runy method\"; ";

  // REQUIRES: `file` and `edits` outlive the lowerer.
  Lowerer(const SourceFile& file, EditBuffer* edits)
      : file_(file), edits_(edits) {}

  absl::Status LowerProgram(Node* program, bool module_scope = false);

 private:
  // The nearest non-arrow function (or the program): where arrows find the
  // `this` and `arguments` they share.
  struct Frame {
    int capture_pos = 0;
    bool is_program = false;
    bool needs_this = false;
    bool needs_arguments = false;
    // `a ?? b` reads `a` once through __runy_nc, a var of the frame: it is
    // written and read with nothing in between, so nesting, recursion and
    // awaits cannot clobber it.
    bool needs_scratch = false;
    // Optional chains: __runy_oc holds the value a `?.` tests, __runy_ot
    // the `this` of an optional method call (lowerer_calls.cc).
    bool needs_chain = false;
    bool needs_this_of_chain = false;
    // Temporaries of destructuring assignments (lowerer_patterns.cc).
    std::vector<std::string> temps;
    // Class code (lowerer_classes.cc): what `super.x` reads from (the
    // class, or its prototype; empty: no super here), and for a
    // constructor 1 (base class) or 2 (derived), whose `this` is read
    // through __runy_k. Arrows read new.target through __runy_nt.
    std::string home;
    int ctor = 0;
    bool needs_new_target = false;
    bool generator = false;        // the body runs in __runy.generator
    bool async_generator = false;  // or __runy.asyncGenerator
  };
  // A per-iteration loop whose body is being visited.
  struct PerIteration {
    const Node* loop = nullptr;
    std::vector<absl::string_view> labels;  // labels of the loop itself
    // Jumps out of the body: the function returns i + 1 for exits[i], the
    // statement that the code after the call then runs.
    std::vector<std::string> exits;
    bool returns = false;  // it returns {v: value} for a `return`
    // Outermost per-iteration loop of its function only: the vars declared
    // in the body, which are declared again outside the functions.
    std::vector<std::string> hoisted;
  };
  // What a break, continue or return may reach, innermost last.
  struct Target {
    enum Kind { kFunction, kLoop, kSwitch, kLabel, kPerIteration };
    Kind kind;
    absl::string_view label;                // kLabel
    const Node* labeled = nullptr;          // kLabel: the statement (unlabeled)
    PerIteration* per_iteration = nullptr;  // kPerIteration
    int start = -1;                         // kLabel: of the label
  };

  absl::Status Visit(Node* node);
  absl::Status VisitNode(Node* node);
  absl::Status VisitChildren(Node* node);
  absl::Status VisitStatements(const std::vector<Node*>& list);
  absl::Status VisitFunction(Node* fn);
  absl::Status VisitArrow(Node* arrow);
  absl::Status VisitArrowBody(Node* arrow);
  absl::Status VisitIdentifier(Node* id);
  absl::Status VisitDeclaration(Node* decl, bool for_in_head);
  absl::Status VisitProperty(Node* prop);
  // `value`, when it is an anonymous function or arrow, gets the name
  // `name` (a JS string literal) as node infers it for a declaration, an
  // assignment or a property: __runy.name(VALUE, NAME). `depth`: that of the
  // node holding `value`.
  void NameFunction(const Node* value, const std::string& name, int depth);
  // The text that reads the target of `x **= y` once more: an identifier,
  // or a property (by name or literal) of an identifier or of `this`;
  // otherwise an error.
  absl::StatusOr<std::string> TargetText(const Node* target,
                                         absl::string_view op);
  // The output of `node` alone (its edits applied, none recorded in
  // edits_), for code the lowering moves; with `name`, an anonymous
  // function there gets that name.
  absl::StatusOr<std::string> Render(Node* node, const std::string& name);
  // Default and rest parameters of `fn`, from the first one on: removed
  // from the parameter list and returned as the statements that declare
  // them from `arguments`, for the start of the body.
  absl::StatusOr<std::string> LowerParams(Node* fn);

  // Spread, optional chains, logical assignments (lowerer_calls.cc).
  absl::Status VisitSpread(Node* spread, bool in_array);
  absl::Status VisitArray(Node* array);
  absl::Status VisitObject(Node* object);
  absl::Status VisitObjectParts(Node* object);
  absl::Status VisitCall(Node* call);
  absl::Status VisitChain(Node* chain);
  absl::Status VisitLogicalAssign(Node* node);
  absl::Status VisitLogicalAssignToMember(Node* node);

  // Destructuring (lowerer_patterns.cc).
  // A fresh temporary; unless `declared_here` (by the caller, in a var
  // list), a var of the frame.
  std::string NewTemp(bool declared_here);
  // Appends to `out` the `name = value` steps that assign `value` (text
  // evaluated once) to `target`, an identifier, member or pattern.
  absl::Status Destructure(Node* target, const std::string& value,
                           bool declaring, std::vector<std::string>* out);
  absl::Status VisitPatternDeclarator(Node* declarator, bool for_in_head);
  absl::Status VisitPatternAssignment(Node* assign);
  absl::Status VisitCatch(Node* handler);
  absl::Status VisitTemplate(Node* tpl);
  absl::Status VisitTaggedTemplate(Node* node);
  absl::Status VisitConstantWrite(Node* node);
  absl::Status VisitLiteral(Node* literal);
  void LowerImport(Node* import);

  // Loops, jumps and returns (lowerer_loops.cc).
  absl::Status VisitLoop(Node* loop);
  absl::Status VisitLoopParts(Node* loop);
  absl::Status VisitForOfHead(Node* loop);
  absl::Status VisitPerIterationLoop(Node* loop);
  absl::Status VisitLabeled(Node* labeled);
  absl::Status VisitJump(Node* jump);
  absl::Status VisitReturn(Node* ret);
  absl::Status CheckInPerIteration(const Node* node);
  void HoistVars(Node* decl);
  void WrapPerIterationBody(const Node* loop, const PerIteration& p);
  // The statements after the call of the body's function that turn what it
  // returned into the jump or return it stands for.
  std::string Dispatch(const PerIteration& p);
  // The statement that replaces a break or continue (an empty `label`: none)
  // seen with targets_[0, top), or "" when it stays as written.
  std::string JumpOut(bool is_break, absl::string_view label, size_t top);
  // Per-iteration loops of the current function: the innermost, the
  // outermost, or null.
  PerIteration* InnermostPerIteration(size_t top) const;
  PerIteration* OutermostPerIteration() const;

  // Classes (lowerer_classes.cc).
  absl::Status VisitClass(Node* cls);
  absl::Status VisitClassMember(Node* cls, Node* member,
                                const std::string& self);
  absl::Status VisitSuperCall(Node* call);
  // super.x or super[k]; `called`: the callee of a call, which gets .call.
  absl::Status VisitSuperMember(Node* member, bool called);
  // super.m(...) and o.#m(...).
  absl::Status VisitMethodCall(Node* call);
  absl::Status VisitPrivateMember(Node* member);
  // Assignments and updates of o.#x.
  absl::Status VisitPrivateWrite(Node* node);
  absl::Status VisitPrivateIn(Node* node);
  // An assignment or update of super.x (not supported) or o.#x.
  absl::Status VisitMemberWrite(Node* node);
  // `node` is super.x, super[k] or o.#x.
  static bool IsSuperOrPrivate(const Node* node);
  absl::Status VisitNewTarget(Node* node);
  absl::StatusOr<std::string> SuperHome(const Node* node);
  // What `this` is where the lowerer is: `this`, __runy_this in an arrow,
  // or the instance being constructed in a class constructor.
  std::string ThisText();
  static std::string PrivateVar(const Node* name);
  // `fn` (a method) reads a super property in its own code or its arrows'.
  static bool UsesSuper(Node* fn);

  void RemoveAsyncKeyword(int start);
  // A property name with escapes or non-ASCII characters, as a string
  // literal (NeedsRespelling: it has them).
  void RespellName(const Node* name);
  bool NeedsRespelling(const Node* name) const;
  // Runs the statements of `body` (a block) in __runy.async.
  // `prologue` goes first in the async function.
  void WrapAsyncBody(const Node* fn, const Node* body,
                     const std::string& prologue);
  // Runs the statements of a generator's body in __runy.generator, after
  // `prologue`; `self` names the generator function.
  void WrapGeneratorBody(Node* fn, const std::string& prologue);
  void RemoveTrailingComma(const Node* node);
  void CaptureLexicalThis(const Frame& frame);
  // "var __runy_this = this, ...; " for what the frame's arrows and
  // temporaries need, or "".
  static std::string CaptureVars(const Frame& frame);
  // The name `id` (a reference) has in the output.
  std::string OutputName(Node* id);
  // "return __runy.async(function (a, b) {" for the parameters of `fn`
  // (`helper`: "async" or "generator").
  static std::string AsyncOpening(const Node* fn,
                                  absl::string_view helper = "async");
  // Offset after the directive prologue of `statements`, or `start`.
  static int AfterDirectives(const std::vector<Node*>& statements, int start);
  // Whether the output of `expr` starts with a `(` the lowering inserts,
  // which must not continue the previous line's expression.
  static bool StartsWithInsertedParen(const Node* expr);

  const SourceFile& file_;
  EditBuffer* edits_;
  std::vector<Frame> frames_;
  std::vector<Target> targets_;
  int arrow_depth_ = 0;  // arrows between the current node and its frame
  int depth_ = 0;        // tree depth of the current node; orders edits
  int in_chain_ = 0;     // optional chains around the current node
  int temps_ = 0;        // temporaries made so far
  // For the next function VisitFunction enters: Frame::home and
  // Frame::ctor (a class member).
  std::string next_home_;
  int next_ctor_ = 0;
  // The home object of the methods of the object literal being visited
  // (VisitObject), or empty.
  std::string object_home_;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_LOWERER_H_
