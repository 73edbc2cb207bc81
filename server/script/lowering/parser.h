// Recursive-descent parser for service files: the whole ES5.1 grammar plus
// the modern constructs the lowering handles (arrow functions, async/await,
// let/const, template literals, shorthand properties and methods, imports,
// optional catch binding, trailing commas, 0b/0o literals).
#ifndef RUNY_SERVER_SCRIPT_LOWERING_PARSER_H_
#define RUNY_SERVER_SCRIPT_LOWERING_PARSER_H_

#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/script/lowering/ast.h"
#include "server/script/lowering/lexer.h"
#include "server/script/lowering/source_file.h"

// GCC says __SANITIZE_ADDRESS__; clang answers __has_feature.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RUNY_CLANG_ASAN 1
#endif
#endif
#ifndef RUNY_CLANG_ASAN
#define RUNY_CLANG_ASAN 0
#endif

namespace runy::script {

// Thread: one owner; one Parse per Parser.
//
// Other modern syntax is recognised where it starts and reported as
// "<construct> is not supported" (generators, tagged templates, exports,
// ...), so a later part can parse it into the tree instead. Automatic semicolon
// insertion follows the standard, restricted productions included.
//
// Nesting is bounded (kMaxNesting levels of statements and expressions,
// kMaxTreeDepth levels of the tree, which also counts long left-associative
// chains such as a+b+c+... and a.b.c...), so that no input can overflow the
// stack of the parser or of the passes that walk the tree after it.
//
// Errors: InvalidArgument "<file>:<line>:<col>: SyntaxError: <what>".
class Parser {
 public:
  // Duktape's own compiler gives up at about 2,500 levels. At the limit the
  // parser needs about 1.5 MB of stack (runyd's script thread has 16 MiB);
  // under AddressSanitizer a level costs several times more, so such builds
  // stop earlier.
#if defined(__SANITIZE_ADDRESS__) || RUNY_CLANG_ASAN
  static constexpr int kMaxNesting = 250;
  static constexpr int kMaxTreeDepth = 800;
#else
  static constexpr int kMaxNesting = 1000;
  static constexpr int kMaxTreeDepth = 2500;
#endif

  // REQUIRES: `file` and `ast` outlive the parser and the returned tree.
  // With `memory_limit` (bytes, 0: none) the tree may not grow beyond it:
  // a larger program is a SyntaxError, not a parse that takes gigabytes.
  Parser(const SourceFile& file, Ast* ast, size_t memory_limit = 0);

  absl::StatusOr<Node*> ParseProgram();

 private:
  // What the innermost function allows; saved and restored around bodies.
  // What `super`, `new.target` and `arguments` may do where the parser is
  // (Context::allows): methods read super properties, a derived class's
  // constructor calls super(), functions have new.target; field
  // initializers and static blocks may not read `arguments`.
  enum Allows {
    kSuperProperty = 1,
    kSuperCall = 2,
    kNewTarget = 4,
    kNoArguments = 8,
    kObjectMethod = kSuperProperty | kNewTarget,  // methods of literals
  };
  struct Context {
    bool in_function = false;
    bool is_async = false;
    bool is_generator = false;
    int allows = 0;  // Allows bits
    int loop_depth = 0;
    int breakable_depth = 0;  // loops and switches
    std::vector<absl::string_view> labels;
  };

  // Counts one level of recursion for its lifetime.
  class Nesting {
   public:
    explicit Nesting(int* depth) : depth_(depth) { ++*depth_; }
    ~Nesting() { --*depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    int* depth_;
  };
  // SyntaxError at the current token once nesting_ passes kMaxNesting or
  // the tree outgrows the memory limit.
  absl::Status CheckNesting() const;
  // SyntaxError at the first node deeper than kMaxTreeDepth.
  absl::Status CheckTreeDepth(Node* program) const;

  // Tokens.
  absl::Status Advance();
  // The lexer's next token, an escaped identifier's text made canonical.
  absl::StatusOr<Token> NextToken();
  absl::StatusOr<const Token*> Peek();
  absl::Status Expect(absl::string_view punct);
  absl::Status ConsumeSemicolon();
  absl::Status Unexpected(const Token& tok) const;
  // "<what> not supported", `what` ending in "is" or "are".
  absl::Status Unsupported(int offset, absl::string_view what) const;
  bool At(absl::string_view punct) const { return cur_.IsPunct(punct); }
  Node* Finish(Node* node);  // ends `node` at the previous token

  // Statements (parser.cc).
  absl::StatusOr<Node*> ParseStatementListItem();
  absl::StatusOr<Node*> ParseStatement();
  absl::StatusOr<Node*> ParseBlock();
  absl::StatusOr<Node*> ParseVariableDeclaration(bool in_for);
  absl::StatusOr<Node*> ParseBindingIdentifier();
  // An identifier, or an object or array pattern.
  absl::StatusOr<Node*> ParseBindingTarget();
  // Turns an object or array literal (or one of their elements) into the
  // pattern it covers: of bindings (declarations, parameters, catch) or of
  // assignment targets.
  absl::Status ToPattern(Node* node, bool binding);
  absl::StatusOr<Node*> ParseIf();
  absl::StatusOr<Node*> ParseFor();
  absl::StatusOr<Node*> ParseForRest(Node* node, Node* init);
  absl::StatusOr<Node*> ParseWhile();
  absl::StatusOr<Node*> ParseDoWhile();
  absl::StatusOr<Node*> ParseLoopBody();
  absl::Status CheckSubStatement(const Node* body, bool if_body) const;
  absl::StatusOr<Node*> ParseJump();
  absl::StatusOr<Node*> ParseReturnOrThrow();
  absl::StatusOr<Node*> ParseTry();
  absl::StatusOr<Node*> ParseSwitch();
  absl::StatusOr<Node*> ParseWith();
  absl::StatusOr<Node*> ParseExpressionStatement();

  // Expressions and functions (parser_expressions.cc).
  absl::StatusOr<Node*> ParseFunction(bool is_declaration, int async_start);
  absl::Status ParseParams(Node* fn);
  absl::Status ParseParamList(Node* fn);
  // A default parameter value may not await (not even at the top level).
  absl::Status CheckParamsHaveNoAwait(const Node* fn) const;
  // The body of `fn` (its is_async and is_generator say what it may do).
  absl::Status ParseFunctionBody(Node* fn, int allows = kNewTarget);
  // A "use strict" directive in a body needs simple parameters.
  absl::Status CheckUseStrictParams(const Node* fn) const;
  absl::StatusOr<Node*> ParseYield();
  absl::StatusOr<Node*> ParseExpression();
  absl::StatusOr<Node*> ParseAssignment();
  absl::StatusOr<Node*> ParseAsyncArrowWithIdentifier();
  absl::StatusOr<Node*> ParseArrow(Node* head, bool is_async);
  absl::Status ArrowParamsFromCover(Node* head, Node* arrow);
  absl::Status CheckAssignmentTarget(Node* target);
  absl::StatusOr<Node*> ParseConditional();
  absl::StatusOr<Node*> ParseBinary(int min_precedence);
  absl::StatusOr<Node*> ParseUnary();
  absl::StatusOr<Node*> ParsePostfix();
  absl::StatusOr<Node*> ParseLeftHandSide();
  absl::StatusOr<Node*> ParseNew();
  absl::StatusOr<Node*> ParseMemberTail(Node* object, bool allow_call);
  absl::Status ParseArguments(Node* call);

  // Primary expressions and imports (parser_literals.cc).
  absl::StatusOr<Node*> ParsePrimary();
  absl::StatusOr<Node*> ParseParenthesized();
  absl::StatusOr<Node*> ParseTemplate();
  absl::StatusOr<Node*> ParseArrayLiteral();
  absl::StatusOr<Node*> ParseObjectLiteral();
  absl::StatusOr<Node*> ParseProperty();
  absl::StatusOr<Node*> ParsePropertyKey();
  absl::StatusOr<Node*> ParseMethod(Node* property, bool is_async,
                                    bool is_generator, int allows = kNewTarget);
  absl::StatusOr<Node*> ParseIdentifierName();
  absl::StatusOr<Node*> ParseImport();

  // Classes (parser_classes.cc).
  absl::StatusOr<Node*> ParseClass(bool is_declaration);
  absl::StatusOr<Node*> ParseClassMember(Node* cls, bool* has_constructor);
  absl::StatusOr<Node*> ParseFieldInitializer();
  absl::StatusOr<Node*> ParseStaticBlock();
  absl::StatusOr<Node*> ParsePrivateName();
  absl::StatusOr<Node*> ParseSuper();
  // Declares the private name `key` of a member (kinds: PrivateKind bits).
  absl::Status DeclarePrivate(const Node* key, int kind);

  bool AwaitAllowed() const { return !ctx_.in_function || ctx_.is_async; }

  const SourceFile& file_;
  Ast* ast_;
  Lexer lexer_;
  Token cur_;
  Token prev_;
  std::optional<Token> peeked_;
  Context ctx_;
  bool no_in_ = false;  // `in` is not an operator (for-statement heads)
  bool top_level_await_ = false;
  bool computed_key_ = false;  // the last ParsePropertyKey read `[key]`
  // `{a = 1}` properties, valid only once they turn out to be a pattern.
  std::vector<Node*> cover_initializers_;
  // The private names of each class body around the parser, innermost
  // last: those it declares, and those used in it (checked when it ends,
  // since a method may use a name declared after it).
  struct PrivateScope {
    absl::flat_hash_map<absl::string_view, int> declared;
    std::vector<std::pair<absl::string_view, int>> used;  // name, offset
  };
  std::vector<PrivateScope> private_scopes_;
  int nesting_ = 0;
  size_t memory_limit_ = 0;
  size_t max_nodes_ = 0;  // 0: unbounded
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_LOWERING_PARSER_H_
