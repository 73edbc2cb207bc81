// Unit tests of Lower(): outputs of each lowering, and SyntaxErrors with
// their exact positions.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/script/lowering/lower.h"
#include "server/script/lowering/parser.h"

namespace runy::script {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The output, without the directive that makes arrows and methods not
// constructable (LowerTest.ArrowsAndMethodsAreNotConstructors checks it).
std::string LowerWithDirectives(absl::string_view source) {
  absl::StatusOr<std::string> out = Lower(source, "t.js");
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

std::string LowerOk(absl::string_view source) {
  return absl::StrReplaceAll(LowerWithDirectives(source),
                             {{"\"use runy method\"; ", ""}});
}

std::string LowerError(absl::string_view source) {
  absl::StatusOr<std::string> out = Lower(source, "web.js");
  EXPECT_FALSE(out.ok()) << "lowered to: " << *out;
  if (out.ok()) return "";
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(out.status().message());
}

TEST(LowerTest, PlainEs5IsReturnedUnchanged) {
  const char* source =
      "var a = 1; // comment\n"
      "function f(x) { return x / 2 / a; }\n"
      "/* block */ var r = /a[/]b/g;\n";
  EXPECT_EQ(LowerOk(source), source);
}

TEST(LowerTest, ArrowWithExpressionBodyReturnsIt) {
  EXPECT_EQ(LowerOk("var f = (a, b) => a + b;"),
            "var f = __runy.name((function (a, b) { return ( a + b); }), "
            "\"f\");");
  EXPECT_EQ(LowerOk("var g = x => x;"),
            "var g = __runy.name((function (x) { return ( x); }), \"g\");");
}

TEST(LowerTest, ArrowWithBlockBodyKeepsTheBlock) {
  EXPECT_EQ(LowerOk("var f = () => { return 1; };"),
            "var f = __runy.name((function ()  { return 1; }), \"f\");");
}

TEST(LowerTest, ArrowReturningObjectLiteralKeepsItsParentheses) {
  EXPECT_EQ(LowerOk("var f = () => ({a: 1});"),
            "var f = __runy.name((function () { return ( ({a: 1})); }), "
            "\"f\");");
}

TEST(LowerTest, ArrowKeepsLexicalThis) {
  EXPECT_EQ(LowerOk("function f() { return () => this; }"),
            "function f() {var __runy_this = this;  return (function () "
            "{ return ( __runy_this); }); }");
}

TEST(LowerTest, ArrowKeepsLexicalArguments) {
  EXPECT_EQ(LowerOk("function f() { return () => arguments[0]; }"),
            "function f() {var __runy_arguments = arguments;  return "
            "(function () { return ( __runy_arguments[0]); }); }");
}

TEST(LowerTest, ThisInsideAPlainFunctionInsideAnArrowIsItsOwn) {
  std::string out = LowerOk("var f = () => function () { return this; };");
  EXPECT_THAT(out, Not(HasSubstr("__runy_this")));
}

TEST(LowerTest, LexicalThisIsCapturedAfterDirectives) {
  EXPECT_EQ(LowerOk("function f() { 'use strict'; return () => this; }"),
            "function f() { 'use strict';var __runy_this = this;  return "
            "(function () { return ( __runy_this); }); }");
}

TEST(LowerTest, ArrowBodyOnTheNextLineIsNotCutByAsi) {
  EXPECT_EQ(LowerOk("var f = x =>\n  x;"),
            "var f = __runy.name((function (x) { return (\n  x); }), \"f\");");
}

TEST(LowerTest, ArrowStatementAfterALineWithoutSemicolonGetsOne) {
  EXPECT_EQ(LowerOk("a = b\nx => x"),
            "a = b\n;(function (x) { return ( x); })");
}

TEST(LowerTest, AsyncFunctionRunsItsBodyThroughTheRuntime) {
  EXPECT_EQ(LowerOk("async function f(a) { return await a; }"),
            " function f(a) {return __runy.async(function (a) { return "
            "__runy.await( a); }, this, arguments);}");
}

TEST(LowerTest, AwaitBindsLikeAUnaryOperator) {
  EXPECT_EQ(LowerOk("async function f() { return await a + b; }"),
            " function f() {return __runy.async(function () { return "
            "__runy.await( a) + b; }, this, arguments);}");
}

TEST(LowerTest, AsyncArrowWithOneParameter) {
  EXPECT_EQ(LowerOk("var f = async x => await x;"),
            "var f = __runy.name( (function (x) { return "
            "__runy.async(function (x) { return ( __runy.await( x)); }, this, "
            "arguments); }), \"f\");");
}

TEST(LowerTest, AsyncArrowUsesLexicalThis) {
  std::string out = LowerOk("function f() { return async () => this.x; }");
  EXPECT_THAT(out, HasSubstr("var __runy_this = this;"));
  EXPECT_THAT(out, HasSubstr("__runy_this.x"));
}

TEST(LowerTest, AsyncMethodBecomesAFunctionProperty) {
  EXPECT_EQ(LowerOk("var o = { async m(a) { await a; } };"),
            "var o = {  m: __runy.name(function(a) {return "
            "__runy.async(function (a) { __runy.await( a); }, this, "
            "arguments);}, \"m\") };");
}

TEST(LowerTest, TopLevelAwaitWrapsTheWholeProgram) {
  EXPECT_EQ(LowerOk("var x = await p;\nfunction f() {}\n"),
            "__runy.async(function () {var x = __runy.await( p);\n"
            "function f() {}\n\n}, this, []);");
}

TEST(LowerTest, AwaitOnlyInsideAsyncFunctionsDoesNotWrapTheProgram) {
  EXPECT_THAT(LowerOk("async function f() { await 1; }"),
              Not(HasSubstr("}, this, []);")));
}

TEST(LowerTest, AwaitInAPlainFunctionIsAnError) {
  EXPECT_EQ(LowerError("function f() {\n  await x;\n}"),
            "web.js:2:3: SyntaxError: 'await' is only valid in async "
            "functions and at the top level");
}

TEST(LowerTest, AwaitInAPlainArrowInsideAsyncFunctionIsAnError) {
  EXPECT_EQ(LowerError("async function f() { [].map(x => await x); }"),
            "web.js:1:34: SyntaxError: 'await' is only valid in async "
            "functions and at the top level");
}

TEST(LowerTest, LetAndConstBecomeVar) {
  EXPECT_EQ(LowerOk("let a = 1; const b = 2;"), "var a = 1; var b = 2;");
}

TEST(LowerTest, LetShadowingInABlockIsRenamed) {
  EXPECT_EQ(LowerOk("let x = 1; { let x = 2; f(x); } f(x);"),
            "var x = 1; { var x$1 = 2; f(x$1); } f(x);");
}

TEST(LowerTest, BlockLetThatWouldCaptureAGlobalIsRenamed) {
  EXPECT_EQ(LowerOk("function f() { g(name); { let name = 1; g(name); } }"),
            "function f() { g(name); { var name$1 = 1; g(name$1); } }");
}

TEST(LowerTest, RenameAvoidsNamesAlreadyInTheFile) {
  EXPECT_EQ(LowerOk("var x$1; var x; { let x = 2; }"),
            "var x$1; var x; { var x$2 = 2; }");
}

TEST(LowerTest, UnconflictedBlockLetKeepsItsName) {
  EXPECT_EQ(LowerOk("function f() { { let y = 1; g(y); } }"),
            "function f() { { var y = 1; g(y); } }");
}

TEST(LowerTest, ShorthandPropertyUsesTheRenamedBinding) {
  EXPECT_EQ(LowerOk("let v = 1; { let v = 2; o = {v}; }"),
            "var v = 1; { var v$1 = 2; o = {v: v$1}; }");
}

TEST(LowerTest, LetWithoutInitializerInALoopStartsUndefined) {
  EXPECT_EQ(LowerOk("while (c) { let y; g(y); }"),
            "while (c) { var y = void 0; g(y); }");
}

TEST(LowerTest, LetCapturedInAForLoopGetsABindingPerIteration) {
  EXPECT_EQ(LowerOk("for (let i = 0; i < 3; i++) { fns.push(() => i); }"),
            "for (var i = 0; i < 3; i++) {(function (i) { fns.push((function "
            "() { return ( i); })); })(i);}");
}

TEST(LowerTest, ConstCapturedInAWhileBodyGetsABindingPerIteration) {
  EXPECT_EQ(LowerOk("while (c) { const v = f(); g(function () { return v; "
                    "}); }"),
            "while (c) {(function () { var v = f(); g(function () { return "
            "v; }); })();}");
}

TEST(LowerTest, SingleStatementLoopBodyGetsBraces) {
  EXPECT_EQ(LowerOk("for (let i = 0; i < 3; i++) f(() => i);"),
            "for (var i = 0; i < 3; i++) {(function (i) { f((function () { "
            "return ( i); })); })(i);}");
}

TEST(LowerTest, LoopVariableWrittenInTheBodyIsCopiedToTheNextIteration) {
  EXPECT_EQ(LowerOk("for (let i = 0; i < n; i++) { g(() => i); if (i > 5) "
                    "i++; }"),
            "for (var i$1 = 0; i$1 < n; i$1++) {(function (i) { try { "
            "g((function () { return ( i); })); if (i > 5) i++; } finally { "
            "i$1 = i; } })(i$1);}");
}

TEST(LowerTest, BreakContinueAndReturnLeaveThePerIterationFunction) {
  EXPECT_EQ(LowerOk("function f() { for (const k in o) { if (k) continue; "
                    "if (g(() => k)) break; return k; } }"),
            "function f() { for (var k in o) {var __runy_loop = (function "
            "(k) { if (k) return; if (g((function () { return ( k); }))) "
            "return 1; return {v: (k)}; })(k); if (__runy_loop === 1) "
            "break; if (__runy_loop) return __runy_loop.v;} }");
}

TEST(LowerTest, LabeledJumpsOutOfThePerIterationFunction) {
  // A continue of the loop itself, from an inner loop, just returns.
  EXPECT_EQ(LowerOk("a: for (let i = 0; ; ) { for (;;) { g(() => i); "
                    "continue a; } }"),
            "a: for (var i = 0; ; ) {(function (i) { for (;;) { "
            "g((function () { return ( i); })); return; } })(i);}");
  EXPECT_EQ(LowerOk("b: { while (c) { let x; g(() => x); break b; } }"),
            "b: { while (c) {var __runy_loop = (function () { var x = void "
            "0; g((function () { return ( x); })); return 1; })(); if "
            "(__runy_loop === 1) break b;} }");
}

TEST(LowerTest, PerIterationBodyKeepsThisArgumentsAndVarsOfItsFunction) {
  EXPECT_EQ(LowerOk("function f() { for (let i = 0; ; i++) { var v = i; "
                    "h(() => i + this.x, arguments); } }"),
            "function f() {var __runy_this = this, __runy_arguments = "
            "arguments;  for (var i = 0; ; i++) {var v; (function (i) {  v = "
            "i; h((function () { return ( i + __runy_this.x); }), "
            "__runy_arguments); })(i);} }");
}

TEST(LowerTest, AwaitInAPerIterationBodyStaysInTheAsyncFunction) {
  std::string out = LowerOk(
      "async function f() { for (let i = 0; i < 3; i++) { await g(); "
      "h(() => i); } }");
  EXPECT_THAT(out, HasSubstr("(function (i) { __runy.await( g()); "));
}

TEST(LowerTest, PerIterationLoopKeepsEveryTokenOnItsLine) {
  const char* source =
      "function f(o) {\n"
      "  outer: for (let i = 0;\n"
      "      i < 3; i++) {\n"
      "    for (const k in o) {\n"
      "      if (k === 'x') continue outer;\n"
      "      if (k === 'y') return () => k;\n"
      "      g(() => i + k);\n"
      "    }\n"
      "    i++;\n"
      "  }\n"
      "}\n";
  std::string out = LowerOk(source);
  EXPECT_THAT(out, HasSubstr("(function (i)"));
  std::vector<std::string> in_lines = absl::StrSplit(source, '\n');
  std::vector<std::string> out_lines = absl::StrSplit(out, '\n');
  ASSERT_EQ(out_lines.size(), in_lines.size()) << out;
  EXPECT_THAT(out_lines[1], HasSubstr("outer: for"));
  for (size_t i = 0; i < in_lines.size(); ++i) {
    std::vector<std::string> words = absl::StrSplit(
        in_lines[i], absl::ByAnyChar(" ,.;:(){}[]'=+<>"), absl::SkipEmpty());
    for (const std::string& word : words) {
      // The jump becomes a return of the function the body runs in.
      if (word == "let" || word == "const" || word == "continue" ||
          word == "outer") {
        continue;
      }
      EXPECT_THAT(out_lines[i], HasSubstr(word)) << "line " << i + 1 << out;
    }
  }
}

TEST(LowerTest, ClosureInAForHeadCapturingItsLetIsRejected) {
  EXPECT_EQ(LowerError("for (let i = 0,\n     g = () => i; ; ) {}"),
            "web.js:2:16: SyntaxError: a closure in a for-loop head that "
            "captures a let/const of the head is not supported");
}

TEST(LowerTest, WhatAPerIterationFunctionWouldChangeIsRejected) {
  EXPECT_EQ(LowerError("for (let i = 0; ; ) {\n  f(() => i);\n  function "
                       "h() {}\n}\nh();"),
            "web.js:3:12: SyntaxError: function 'h' declared in a loop body "
            "whose let/const a closure captures and used outside it is not "
            "supported");
  // Declared in an inner loop's body, used in the outer one's.
  EXPECT_EQ(LowerError("for (let i = 0; ; ) {\n  for (let j = 0; ; ) { "
                       "function h() {} f(() => j); }\n  h(() => i);\n}"),
            "web.js:2:34: SyntaxError: function 'h' declared in a loop body "
            "whose let/const a closure captures and used outside it is not "
            "supported");
  EXPECT_EQ(LowerError("while (c) { let v; f(() => v); eval(\"v\"); }"),
            "web.js:1:32: SyntaxError: direct eval in a loop body whose "
            "let/const a closure captures is not supported");
  EXPECT_EQ(LowerError("while (c) { let v; f(() => v, arguments); }"),
            "web.js:1:31: SyntaxError: 'arguments' at the top level in a loop "
            "body whose let/const a closure captures is not supported");
}

TEST(LowerTest, ClosureInsideALoopMayCaptureBindingsFromOutside) {
  EXPECT_THAT(LowerOk("let n = 0; for (var i = 0; i < 3; i++) f(() => n);"),
              HasSubstr("return ( n)"));
}

TEST(LowerTest, AssignmentToAConstantThrowsAtRunTime) {
  EXPECT_EQ(LowerOk("const c = 1; c = 2;"),
            "var c = 1; ;(c , 2, __runy.constAssign(\"c\"));");
  EXPECT_EQ(LowerOk("const c = 1; f(c++);"),
            "var c = 1; f((c, __runy.constAssign(\"c\")));");
}

TEST(LowerTest, RedeclaredLetIsAnError) {
  EXPECT_EQ(LowerError("let a = 1;\nvar a = 2;"),
            "web.js:2:5: SyntaxError: Identifier 'a' has already been "
            "declared");
}

TEST(LowerTest, ConstWithoutInitializerIsAnError) {
  EXPECT_EQ(LowerError("const a;"),
            "web.js:1:7: SyntaxError: missing initializer in const "
            "declaration");
}

TEST(LowerTest, TemplateBecomesAStringConcatenation) {
  EXPECT_EQ(LowerOk("s = `a${b}c`;"), "s = (\"a\" + String(b) + \"c\");");
  EXPECT_EQ(LowerOk("s = `${b}`;"), "s = (String(b));");
  EXPECT_EQ(LowerOk("s = `plain \"q\"`;"), "s = \"plain \\\"q\\\"\";");
}

TEST(LowerTest, MultilineTemplateKeepsFollowingTokensOnTheirLines) {
  EXPECT_EQ(LowerOk("s = `a\nb${c}\nd`; e;"),
            "s = (\"a\\n\" +\n\"b\" + String(c) + \"\\n\" +\n\"d\"); e;");
}

TEST(LowerTest, NestedTemplatesAreLowered) {
  EXPECT_EQ(LowerOk("s = `x${`y${z}`}`;"),
            "s = (\"x\" + String((\"y\" + String(z))));");
}

TEST(LowerTest, TemplateEscapesKeepTheirValues) {
  EXPECT_EQ(LowerOk("s = `\\` \\$ $ \\\\ \\u{1F600} \\x41`;"),
            "s = \"` $ $ \\\\ \\ud83d\\ude00 \\x41\";");
}

TEST(LowerTest, CommaExpressionInATemplateStaysOneValue) {
  EXPECT_EQ(LowerOk("s = `${a, b}`;"), "s = (String((a, b)));");
}

TEST(LowerTest, ShorthandPropertiesAndMethodsBecomeEs5) {
  EXPECT_EQ(LowerOk("o = {a, b, f() { return 1; }, get g() { return 2; }};"),
            "o = {a: a, b: b, f: __runy.name(function() { return 1; }, "
            "\"f\"), get g() { return 2; }};");
}

TEST(LowerTest, ImportFromRunyBecomesVariables) {
  EXPECT_EQ(LowerOk("import { service } from \"runy\";"),
            "var service = __runy.import(\"runy\").service;");
  EXPECT_EQ(LowerOk("import { service as s } from 'runy'"),
            "var s = __runy.import('runy').service;");
  EXPECT_EQ(LowerOk("import * as runy from \"runy\";"),
            "var runy = __runy.import(\"runy\");");
  EXPECT_EQ(LowerOk("import runy from \"runy\";"),
            "var runy = __runy.import(\"runy\").default;");
}

TEST(LowerTest, MultilineImportKeepsEachNameOnItsLine) {
  EXPECT_EQ(LowerOk("import {\n  a,\n  b as c\n} from \"runy\";\nx;"),
            "\nvar a = __runy.import(\"runy\").a;\nvar c = "
            "__runy.import(\"runy\").b;\n\nx;");
}

TEST(LowerTest, ImportOfAnotherModuleIsRejected) {
  EXPECT_EQ(LowerError("import fs from \"fs\";"),
            "web.js:1:16: SyntaxError: import of \"fs\" is not supported: "
            "only \"runy\"");
}

TEST(LowerTest, OptionalCatchBindingGetsAParameter) {
  EXPECT_EQ(LowerOk("try { f(); } catch { g(); }"),
            "try { f(); } catch (__runy_e) { g(); }");
}

TEST(LowerTest, TrailingCommasInCallsAndParametersAreRemoved) {
  EXPECT_EQ(LowerOk("function f(a, b,) {} f(1, 2,);"),
            "function f(a, b) {} f(1, 2);");
}

TEST(LowerTest, BinaryAndOctalNumbersBecomeHex) {
  EXPECT_EQ(LowerOk("x = 0b1010 + 0o17 + 0b0;"), "x = 0xa + 0xf + 0x0;");
}

TEST(LowerTest, UnicodeCodePointEscapeInAStringBecomesEs5) {
  EXPECT_EQ(LowerOk("s = \"\\u{41}\\u{1F600}\";"),
            "s = \"\\u0041\\ud83d\\ude00\";");
}

TEST(LowerTest, HashbangBecomesAComment) {
  EXPECT_EQ(LowerOk("#!/usr/bin/env runy\nx;"), "///usr/bin/env runy\nx;");
}

TEST(LowerTest, RegexAfterTheParenthesisOfIfIsARegex) {
  const char* source = "if (a) /x/.test(b);\nc = (d) / 2;";
  EXPECT_EQ(LowerOk(source), source);
}

TEST(LowerTest, ReturnFollowedByANewlineReturnsNothing) {
  // The parser must not take the next line as the return value: `+ 1`
  // would then be a unary expression statement that never runs.
  const char* source = "function f() {\n  return\n  + 1;\n}";
  EXPECT_EQ(LowerOk(source), source);
}

TEST(LowerTest, NewlineBeforePostfixIncrementEndsTheStatement) {
  const char* source = "a\n++b";
  EXPECT_EQ(LowerOk(source), source);
}

TEST(LowerTest, UnexpectedClosingBraceIsReportedWithItsPosition) {
  EXPECT_EQ(LowerError("function f() {\n  return 1;\n}\n\n\n\n}"),
            "web.js:7:1: SyntaxError: unexpected token '}'");
}

TEST(LowerTest, MissingSemicolonOnOneLineIsAnError) {
  EXPECT_EQ(LowerError("var a = 1 var b = 2;"),
            "web.js:1:11: SyntaxError: unexpected token 'var'");
}

TEST(LowerTest, UnterminatedLiteralsAreErrors) {
  EXPECT_EQ(LowerError("x = 1;\ns = 'abc"),
            "web.js:2:5: SyntaxError: unterminated string literal");
  EXPECT_EQ(LowerError("s = `abc\n${x}"),
            "web.js:2:4: SyntaxError: unterminated template literal");
  EXPECT_EQ(LowerError("x;\n /* never closed"),
            "web.js:2:2: SyntaxError: unterminated comment");
  EXPECT_EQ(LowerError("r = /abc\n/;"),
            "web.js:1:5: SyntaxError: unterminated regular expression");
}

TEST(LowerTest, IllegalStatementsAreErrors) {
  EXPECT_EQ(LowerError("return 1;"),
            "web.js:1:1: SyntaxError: illegal return statement");
  EXPECT_EQ(LowerError("if (a) {\n  break;\n}"),
            "web.js:2:3: SyntaxError: illegal break statement");
  EXPECT_EQ(LowerError("throw\nnew Error();"),
            "web.js:2:1: SyntaxError: illegal newline after throw");
}

struct EarlyErrorCase {
  const char* source;
  const char* message;
};

// What node refuses before running anything, refused at the same place.
TEST(LowerTest, EarlyErrorsOfTheStandardAreSyntaxErrors) {
  const EarlyErrorCase cases[] = {
      {"{ var f; function f() {} }",
       "web.js:1:19: SyntaxError: Identifier 'f' has already been declared"},
      {"{ function f() {} { var f; } }",
       "web.js:1:25: SyntaxError: Identifier 'f' has already been declared"},
      {"try {} catch (e) { function e() {} }",
       "web.js:1:29: SyntaxError: Identifier 'e' has already been declared"},
      {"while (false) function g() {}",
       "web.js:1:15: SyntaxError: functions can only be declared at top "
       "level, inside a block, or as the body of an if statement"},
      {"for (;;) a: b: function g() {}",
       "web.js:1:16: SyntaxError: functions can only be declared at top "
       "level, inside a block, or as the body of an if statement"},
      {"a: function* g() {}",
       "web.js:1:4: SyntaxError: generators and async functions can only be "
       "declared at top level or inside a block"},
      {"if (x) async function f() {}",
       "web.js:1:8: SyntaxError: async functions can only be declared at top "
       "level or inside a block"},
      {"do let [a] = 0; while (0)",
       "web.js:1:4: SyntaxError: lexical declaration cannot appear in a "
       "single-statement context"},
      {"const let = 1;",
       "web.js:1:7: SyntaxError: let is disallowed as a lexically bound name"},
      {"class C { \\u0023f; }",
       "web.js:1:11: SyntaxError: invalid Unicode escape sequence in "
       "identifier"},
      {"var \\u0030x;",
       "web.js:1:5: SyntaxError: invalid Unicode escape sequence in "
       "identifier"},
      {"f = (a = 1) => { 'use strict'; };",
       "web.js:1:18: SyntaxError: Illegal 'use strict' directive in function "
       "with non-simple parameter list"},
      {"function* g(x = yield) {}",
       "web.js:1:17: SyntaxError: Yield expression not allowed in formal "
       "parameter"},
      {"f = function* yield() {};",
       "web.js:1:15: SyntaxError: unexpected token 'yield'"},
      {"o = { get a(p) {} };",
       "web.js:1:12: SyntaxError: Getter must not have any formal "
       "parameters."},
      {"o = { set a() {} };",
       "web.js:1:12: SyntaxError: Setter must have exactly one formal "
       "parameter."},
      {"o = { m(a, a) {} };",
       "web.js:1:12: SyntaxError: Identifier 'a' has already been declared"},
      {"x = 0b_1;",
       "web.js:1:7: SyntaxError: a numeric separator must stand between two "
       "digits"},
      {"x = 07_1;",
       "web.js:1:7: SyntaxError: a numeric separator cannot follow a leading "
       "0"},
      {"x = /(?<1a>.)/;",
       "web.js:1:6: SyntaxError: Invalid capture group name"},
      {"x = /(?<a>.)\\k/;",
       "web.js:1:13: SyntaxError: Invalid named reference"},
  };
  for (const EarlyErrorCase& c : cases) {
    EXPECT_EQ(LowerError(c.source), c.message) << c.source;
  }
  // What sloppy-mode scripts may still do.
  for (const char* ok :
       {"{ function f() {} function f() {} }", "if (x) function f() {}",
        "a: function f() {}", "{ { function f() {} } let f; }",
        "try {} catch (e) { var e; }", "function f(a, a) {}",
        "function* g() { function f(yield) {} }", "var let = 1;",
        "x = 0.0_1 + 1_000;"}) {
    EXPECT_TRUE(Lower(ok, "web.js").ok()) << ok;
  }
}

struct UnsupportedCase {
  const char* source;
  const char* message;
};

TEST(LowerTest, ConstructsBeyondPartOneAreRejectedAtTheirPosition) {
  const UnsupportedCase cases[] = {
      {"class A { m() { super.x += 1; } }",
       "web.js:1:17: SyntaxError: compound assignment to a super property is "
       "not supported"},
      {"x = a?.b(...c);",
       "web.js:1:10: SyntaxError: spread arguments in an optional chain are "
       "not supported"},
      {"x = a?.b?.();",
       "web.js:1:9: SyntaxError: an optional call after another '?.' of the "
       "chain is not supported"},
      {"delete a?.b;",
       "web.js:1:1: SyntaxError: delete of an optional chain is not "
       "supported"},
      {"f()[0] **= 1;",
       "web.js:1:1: SyntaxError: '**=' on this target is not supported (a "
       "variable, or a property of a variable or of this, is)"},
      {"function f(a, ...r,) {}",
       "web.js:1:15: SyntaxError: Rest parameter must be last formal "
       "parameter"},
      {"x = /a/u;",
       "web.js:1:8: SyntaxError: regular expression flag 'u' "
       "is not supported"},
      {"x = /a/d;",
       "web.js:1:8: SyntaxError: regular expression flag 'd' "
       "is not supported"},
      {"x = /(?<=a)b/;",
       "web.js:1:6: SyntaxError: lookbehind assertions in regular "
       "expressions are not supported"},
      {"x = 10n;",
       "web.js:1:5: SyntaxError: BigInt literals are not "
       "supported"},
      {"class A { #x; m(o) { return o?.#x; } }",
       "web.js:1:32: SyntaxError: a private name in an optional chain is "
       "not supported"},
      {"export const a = 1;",
       "web.js:1:1: SyntaxError: export is not "
       "supported"},
  };
  for (const UnsupportedCase& c : cases) {
    EXPECT_EQ(LowerError(c.source), c.message) << c.source;
  }
}

// Every identifier of line N of the input is on line N of the output
// (keywords that the lowering rewrites or drops excepted).
TEST(LowerTest, EveryTokenStaysOnItsLine) {
  const char* source =
      "import { service } from \"runy\";\n"
      "const s = service(\"web\");\n"
      "s.run(async (ctx) => {\n"
      "  const first = `line one ${ctx.name}\n"
      "line two ${ctx.other}`;\n"
      "  let count = 0;\n"
      "  {\n"
      "    let count = await ctx.sleep(\n"
      "      10);\n"
      "    ctx.log(count, first);\n"
      "  }\n"
      "  const obj = { count, method() { return this; },\n"
      "    arrow: () => this.value };\n"
      "  return obj;\n"
      "});\n"
      "const top = await s.ready;\n"
      "function hoisted(alpha,\n"
      "                 beta) { return alpha + beta; }\n";
  std::string out = LowerOk(source);
  std::vector<std::string> in_lines = absl::StrSplit(source, '\n');
  std::vector<std::string> out_lines = absl::StrSplit(out, '\n');
  ASSERT_GE(out_lines.size(), in_lines.size());
  for (size_t i = 0; i < in_lines.size(); ++i) {
    std::vector<std::string> words = absl::StrSplit(
        in_lines[i], absl::ByAnyChar(" ,.;:(){}[]`$\"=+>/"), absl::SkipEmpty());
    for (const std::string& word : words) {
      if (word == "let" || word == "const" || word == "async" ||
          word == "await" || word == "import" || word == "from") {
        continue;
      }
      EXPECT_THAT(out_lines[i], HasSubstr(word)) << "line " << i + 1;
    }
  }
}

// A guard against quadratic time only, far above the ~1 ms a release build
// takes: the speed itself is measured and reported by bench/script_bench,
// because timings on a shared machine are too noisy for a pass/fail bound.
constexpr double kMaxMillisecondsFor300Lines = 50.0;

TEST(LowerTest, LoweringA300LineFileIsNotPathologicallySlow) {
  std::string source;
  for (int i = 0; i < 30; ++i) {
    absl::StrAppend(
        &source, "const f", i, " = async (a, b) => {\n",
        "  let x = `value ${a} and ${b}`;\n", "  { let x = await a; }\n",
        "  const o = { x, m() { return () => this; } };\n",
        "  for (let j = 0; j < 3; j++) { x += j / 2; }\n",
        "  if (/re+/g.test(x)) return o;\n", "  return [1, 2, 3].map(v =>\n",
        "    v * 2);\n", "};\n", "// comment ", i, "\n");
  }
  ASSERT_TRUE(Lower(source, "big.js").ok());
  // The best of several batches: other processes share the machine.
  double best_ms = 1e9;
  for (int batch = 0; batch < 10; ++batch) {
    constexpr int kRuns = 20;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kRuns; ++i) ASSERT_TRUE(Lower(source, "big.js").ok());
    std::chrono::duration<double, std::milli> total =
        std::chrono::steady_clock::now() - start;
    best_ms = std::min(best_ms, total.count() / kRuns);
  }
  RecordProperty("lower_300_lines_ms", absl::StrCat(best_ms));
  EXPECT_LT(best_ms, kMaxMillisecondsFor300Lines);
}

// Inputs that nest far deeper than any service file: each must end in a
// SyntaxError that says so, never in a stack overflow.
std::string Repeat(absl::string_view unit, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) absl::StrAppend(&out, unit);
  return out;
}

TEST(LowerTest, DeepNestingIsASyntaxErrorNotACrash) {
  constexpr int kDeep = 100000;
  const std::vector<std::string> inputs = {
      Repeat("(", kDeep),
      Repeat("[", kDeep),
      Repeat("{a:", kDeep),
      "x = " + Repeat("{a:", kDeep),
      Repeat("function f(){", kDeep),
      Repeat("(function(){", kDeep),
      Repeat("() => ", kDeep) + "1",
      Repeat("async () => ", kDeep) + "1",
      Repeat("{", kDeep),
      Repeat("if (a) ", kDeep) + ";",
      Repeat("while (a) ", kDeep) + ";",
      Repeat("!", kDeep) + "a",
      Repeat("-", kDeep) + "a",
      Repeat("typeof ", kDeep) + "a",
      Repeat("new ", kDeep) + "a",
      "async function f() {" + Repeat("await ", kDeep) + "a }",
      Repeat("a = ", kDeep) + "1",
      Repeat("a ? b : ", kDeep) + "c",
      "x = `" + Repeat("${`", kDeep),
      "a" + Repeat(" + a", kDeep),
      "a" + Repeat(" || a", kDeep),
      "a" + Repeat(".b", kDeep),
      "a" + Repeat("[0]", kDeep),
      "f" + Repeat("()", kDeep),
      Repeat("try {", kDeep),
      Repeat("label: ", kDeep) + ";",
      Repeat("for (;;) ", kDeep) + ";",
  };
  for (const std::string& input : inputs) {
    SCOPED_TRACE(input.substr(0, 24));
    absl::StatusOr<std::string> out = Lower(input, "deep.js");
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(out.status().message(), HasSubstr("deep.js:1:"));
    EXPECT_THAT(out.status().message(), HasSubstr("SyntaxError: "));
  }
}

TEST(LowerTest, DeepNestingNamesTheLimitAndThePosition) {
  std::string message = LowerError(Repeat("(", 5000) + "1" + Repeat(")", 5000));
  EXPECT_THAT(message, HasSubstr("web.js:1:"));
  EXPECT_THAT(message,
              HasSubstr(absl::StrCat("SyntaxError: nesting is too deep (more "
                                     "than ",
                                     Parser::kMaxNesting, " levels)")));
  message = LowerError("x = a" + Repeat(" + a", 3000) + ";");
  EXPECT_THAT(message, HasSubstr("web.js:1:"));
  EXPECT_THAT(message,
              HasSubstr(absl::StrCat("SyntaxError: expression is nested too "
                                     "deeply (more than ",
                                     Parser::kMaxTreeDepth, " levels)")));
}

TEST(LowerTest, NestingWithinTheLimitsLowers) {
  int deep = Parser::kMaxNesting / 2;
  LowerOk("x = " + Repeat("(", deep) + "1" + Repeat(")", deep) + ";");
  LowerOk("x = " + Repeat("[", deep) + Repeat("]", deep) + ";");
  LowerOk("x = a" + Repeat(" + a", Parser::kMaxTreeDepth * 4 / 5) + ";");
  LowerOk(Repeat("if (a) ", deep) + ";");
}

TEST(LowerTest, AnonymousFunctionsGetTheNameOfWhatHoldsThem) {
  EXPECT_EQ(LowerOk("x = function () {};"),
            "x = __runy.name(function () {}, \"x\");");
  EXPECT_EQ(LowerOk("o = {'a-b': function () {}, c: d};"),
            "o = {'a-b': __runy.name(function () {}, 'a-b'), c: d};");
  // A named function expression keeps its own name; an argument gets none.
  EXPECT_EQ(LowerOk("var f = function g() {};"), "var f = function g() {};");
  EXPECT_EQ(LowerOk("use(function () {});"), "use(function () {});");
}

TEST(LowerTest, AReadInTheDeadZoneThrowsWhereItIs) {
  EXPECT_EQ(LowerOk("f(x); let x = 1;"),
            "f(__runy.deadZone(\"x\")); var x = 1;");
  EXPECT_EQ(LowerOk("const y = y + 1;"), "var y = __runy.deadZone(\"y\") + 1;");
  EXPECT_EQ(LowerOk("o = {z}; let z;"),
            "o = {z: __runy.deadZone(\"z\")}; var z;");
  // A closure reads it whenever it is called: not decided statically.
  EXPECT_EQ(LowerOk("function g() { return w; } let w = 1;"),
            "function g() { return w; } var w = 1;");
  // After the declaration, nothing changes.
  EXPECT_EQ(LowerOk("let v = 1; f(v);"), "var v = 1; f(v);");
}

TEST(LowerTest, ExponentBecomesMathPow) {
  EXPECT_EQ(LowerOk("y = a ** b ** c;"), "y = Math.pow(a , Math.pow(b , c));");
  EXPECT_EQ(LowerOk("y = (a ** b) * c;"), "y = (Math.pow(a , b)) * c;");
  EXPECT_EQ(LowerOk("x **= 2;"), "x = Math.pow(x, 2);");
  EXPECT_EQ(LowerOk("o.v **= 2;"), "o.v = Math.pow(o.v, 2);");
  EXPECT_THAT(LowerError("-a ** 2;"),
              HasSubstr("1:4: SyntaxError: Unary operator used immediately "
                        "before exponentiation"));
  EXPECT_THAT(LowerError("f().v **= 2;"),
              HasSubstr("'**=' on this target is not supported"));
}

TEST(LowerTest, NumericSeparatorsAreRemoved) {
  EXPECT_EQ(LowerOk("x = 1_000 + 0b1_0 + 1e1_0;"), "x = 1000 + 0x2 + 1e10;");
  EXPECT_THAT(LowerError("x = 1__0;"),
              HasSubstr("a numeric separator must stand between two digits"));
  EXPECT_THAT(LowerError("x = 0_1;"),
              HasSubstr("a numeric separator cannot follow a leading 0"));
}

TEST(LowerTest, NullishCoalescingReadsItsLeftOnce) {
  EXPECT_EQ(LowerOk("y = f() ?? 1;"),
            "var __runy_nc; y = (__runy_nc = f() , __runy_nc != null ? "
            "__runy_nc : 1);");
  EXPECT_THAT(LowerError("y = a ?? b || c;"),
              HasSubstr("1:12: SyntaxError: '?\?' cannot be mixed with '||' "
                        "or '&&' without parentheses"));
  EXPECT_THAT(LowerError("y = a && b ?? c;"), HasSubstr("cannot be mixed"));
  EXPECT_EQ(LowerOk("y = (a && b) ?? c;"),
            "var __runy_nc; y = (__runy_nc = (a && b) , __runy_nc != null ? "
            "__runy_nc : c);");
}

TEST(LowerTest, DefaultAndRestParametersComeFromArguments) {
  EXPECT_EQ(LowerOk("function f(a, b = a + 1, ...r) { return b; }"),
            "function f(a) {var b = arguments[1] !== void 0 ? arguments[1] : "
            "(a + 1); var r = Array.prototype.slice.call(arguments, 2);  "
            "return b; }");
  // The default is lowered too, and named as node names it.
  EXPECT_EQ(LowerOk("g = (x = () => 1) => x;"),
            "g = __runy.name((function () { var x = arguments[0] !== void 0 "
            "? arguments[0] : (__runy.name((function () { return ( 1); }), "
            "\"x\")); return ( x); }), \"g\");");
  EXPECT_THAT(LowerOk("async function f(a, b = 2) { return b; }"),
              HasSubstr("return __runy.async(function (a) {var b = "
                        "arguments[1] !== void 0 ? arguments[1] : (2);"));
  EXPECT_THAT(LowerError("function f(a, a = 1) {}"),
              HasSubstr("Identifier 'a' has already been declared"));
}

TEST(LowerTest, SpreadGoesThroughRuntimeHelpers) {
  EXPECT_EQ(LowerOk("f(a, ...b);"),
            "__runy.apply(f, void 0, __runy.spread([a, __runy.spreadOf(b)]));");
  EXPECT_EQ(LowerOk("o.m(...b);"),
            "__runy.invoke(o, \"m\", __runy.spread([__runy.spreadOf(b)]));");
  EXPECT_EQ(LowerOk("o[k](...b);"),
            "__runy.invoke(o, k, __runy.spread([__runy.spreadOf(b)]));");
  EXPECT_EQ(LowerOk("x = new F(...b);"),
            "x = __runy.construct( F, __runy.spread([__runy.spreadOf(b)]));");
  EXPECT_EQ(LowerOk("x = [1, , ...b];"),
            "x = __runy.spread([1, , __runy.spreadOf(b, \"b\")]);");
}

TEST(LowerTest, OptionalChainsTestOnce) {
  EXPECT_EQ(LowerOk("x = a?.b.c;"),
            "var __runy_oc; x = ((__runy_oc = a) == null ? void 0 : "
            "__runy_oc.b.c);");
  EXPECT_EQ(LowerOk("x = a?.b?.[k];"),
            "var __runy_oc; x = ((__runy_oc = a) == null ? void 0 : "
            "(__runy_oc = __runy_oc.b) == null ? void 0 : __runy_oc[k]);");
  EXPECT_EQ(LowerOk("x = o.m?.(1);"),
            "var __runy_oc, __runy_ot; x = ((__runy_ot = o, __runy_oc = "
            "__runy_ot.m) == null ? void 0 : __runy_oc.call(__runy_ot, 1));");
  EXPECT_THAT(LowerError("a?.b = 1;"), HasSubstr("invalid assignment target"));
  EXPECT_THAT(LowerError("new a?.b();"),
              HasSubstr("Invalid optional chain from new expression"));
}

TEST(LowerTest, ComputedKeysSplitTheLiteral) {
  EXPECT_EQ(LowerOk("x = {a: 1, [k]: 2, b: 3};"),
            "x = __runy.computed({a: 1}, [k, 2], {b: 3});");
  EXPECT_EQ(LowerOk("x = {[k]() {}, get [g]() { return 1; }};"),
            "x = __runy.computed({}, [k, function() {}], [g, function() { "
            "return 1; }, \"get\"]);");
}

TEST(LowerTest, DestructuringBecomesPlainAssignments) {
  EXPECT_EQ(LowerOk("const {a, b: [c = 1], ...r} = o;"),
            "var __runy_d1 = __runy.need(o), a = __runy_d1.a, __runy_d2 = "
            "__runy.take(__runy_d1.b, 1), __runy_d3 = __runy_d2[0], c = "
            "__runy_d3 === void 0 ? (1) : __runy_d3, r = "
            "__runy.rest(__runy_d1, [\"a\", \"b\"]);");
  EXPECT_EQ(LowerOk("function f({a}, b = 2) {}"),
            "function f(__runy_p0) {var __runy_d1 = __runy.need(__runy_p0), "
            "a = __runy_d1.a; var b = arguments[1] !== void 0 ? arguments[1] "
            ": (2); }");
  EXPECT_THAT(
      LowerOk("try {} catch ({message}) { f(message); }"),
      HasSubstr("catch (__runy_e) {var __runy_d1 = "
                "__runy.need(__runy_e), message = __runy_d1.message; "));
  EXPECT_THAT(LowerError("x = {a = 1};"),
              HasSubstr("1:8: SyntaxError: Invalid shorthand property "
                        "initializer"));
  EXPECT_THAT(LowerError("const {a};"),
              HasSubstr("Missing initializer in destructuring declaration"));
  EXPECT_THAT(LowerError("[a, ...b,] = c;"),
              HasSubstr("Rest element must be last element"));
  EXPECT_THAT(LowerError("({a() {}} = c);"),
              HasSubstr("Invalid destructuring assignment target"));
}

TEST(LowerTest, ForOfWalksTheIterator) {
  EXPECT_EQ(LowerOk("for (const x of y) {}"),
            "try { for (var __runy_d1 = 0, __runy_d2 = __runy.iter(y), "
            "__runy_d3, x; !(__runy_d3 = __runy_d2.next()).done && "
            "(__runy_d1 = 1, x = __runy_d3.value, true); __runy_d1 = 0) {} } "
            "catch (__runy_e) { if (__runy_d1) { __runy_d1 = 0; "
            "__runy.closeQuietly(__runy_d2); } throw __runy_e; } finally { if "
            "(__runy_d1) __runy.close(__runy_d2); }");
  // Labels stay on the loop, inside the try.
  EXPECT_THAT(LowerOk("a: for (const x of y) continue a;"),
              HasSubstr("try { a: for (var"));
  // A closure capturing the binding gets one per iteration.
  EXPECT_THAT(LowerOk("for (const x of y) f(() => x);"),
              HasSubstr("(function (x) { f((function () { return ( x); }));"
                        " })(x);"));
  EXPECT_THAT(LowerError("for (let a, b of y) {}"),
              HasSubstr("invalid left-hand side in for-of loop"));
}

TEST(LowerTest, LogicalAssignmentsToAnyPropertyReadItsPartsOnce) {
  EXPECT_EQ(LowerOk("f()[k()] ?\?= v;"),
            ";var __runy_d1, __runy_d2; (__runy_d1 = f(), __runy_d2 = k(), "
            "__runy_d1[__runy_d2] != null ? __runy_d1[__runy_d2] : "
            "(__runy_d1[__runy_d2] = v));");
}

TEST(LowerTest, LogicalAssignmentsAssignOnlyWhenNeeded) {
  EXPECT_EQ(LowerOk("a ||= b;"), ";(a || (a = b));");
  EXPECT_EQ(LowerOk("o.p ?\?= b;"), ";(o.p != null ? o.p : (o.p = b));");
  EXPECT_EQ(LowerOk("const c = 1; c &&= 2;"),
            "var c = 1; ;(c && ( 2, __runy.constAssign(\"c\")));");
}

}  // namespace
}  // namespace runy::script

namespace runy::script {
namespace {

TEST(LowerTest, ClassesBecomeKlassCallsListingTheirMembers) {
  EXPECT_EQ(LowerOk("class A { m() {} }"),
            "var A = __runy.klass(\"A\", 0, void 0, function (A) { \"use "
            "strict\"; return [ 0, \"m\", function() {}, ]; });");
  std::string derived = LowerOk(
      "class B extends A {\n"
      "  constructor() { super(1); this.x = 2; }\n"
      "  #p = 1;\n"
      "  get p() { return this.#p + super.p; }\n"
      "  static { this.n = 0; }\n"
      "}");
  EXPECT_THAT(derived, HasSubstr("__runy.klass(\"B\", 1, A, function (B)"));
  EXPECT_THAT(derived,
              HasSubstr("var __runy_P_p = __runy.privateName(\"#p\")"));
  EXPECT_THAT(derived, HasSubstr("__runy.superCall(__runy_k, [1]); "
                                 "__runy.self(__runy_k).x = 2;"));
  EXPECT_THAT(derived,
              HasSubstr("6, __runy_P_p, function () { return (1); },"));
  EXPECT_THAT(derived, HasSubstr("__runy.pget(this, __runy_P_p) + "
                                 "__runy.superGet(B.prototype, \"p\", this)"));
  EXPECT_THAT(derived, HasSubstr("11, 0, function () { this.n = 0; },"));
  // Lines stay where they were.
  EXPECT_EQ(std::count(derived.begin(), derived.end(), '\n'), 5);
}

TEST(LowerTest, ClassEarlyErrorsAreNodes) {
  const UnsupportedCase cases[] = {
      {"class A { constructor() {} constructor() {} }",
       "web.js:1:28: SyntaxError: A class may only have one constructor"},
      {"class A { m() { return this.#x; } }",
       "web.js:1:29: SyntaxError: Private field '#x' must be declared in an "
       "enclosing class"},
      {"class A { m() { super(); } }",
       "web.js:1:17: SyntaxError: 'super' keyword unexpected here"},
      {"function f() { return super.x; }",
       "web.js:1:23: SyntaxError: 'super' keyword unexpected here"},
      {"class A { constructor = 1; }",
       "web.js:1:11: SyntaxError: Classes may not have a field named "
       "'constructor'"},
      {"class A { #x; m() { delete this.#x; } }",
       "web.js:1:28: SyntaxError: Private fields can not be deleted"},
      {"class A { #x; #x; }",
       "web.js:1:15: SyntaxError: Identifier '#x' has already been declared"},
      {"class A { x = arguments; }",
       "web.js:1:15: SyntaxError: 'arguments' is not allowed in class field "
       "initializer or static initialization block"},
      {"x = new.target;",
       "web.js:1:5: SyntaxError: new.target expression is not allowed here"},
  };
  for (const UnsupportedCase& c : cases) {
    EXPECT_EQ(LowerError(c.source), c.message) << c.source;
  }
}

TEST(LowerTest, ArrowsAndMethodsAreNotConstructors) {
  EXPECT_EQ(LowerWithDirectives("f = () => 1;"),
            "f = __runy.name((function () { \"use runy method\"; return ( "
            "1); }), \"f\");");
  EXPECT_EQ(LowerWithDirectives("f = (a) => { \"use strict\"; };"),
            "f = __runy.name((function (a)  {\"use runy method\";  \"use "
            "strict\"; }), \"f\");");
  EXPECT_THAT(LowerWithDirectives("o = { m() { return 1; } };"),
              HasSubstr("function() {\"use runy method\";  return 1; }"));
  EXPECT_THAT(LowerWithDirectives("async function f() { await x; }"),
              HasSubstr("function f() {\"use runy method\"; return "
                        "__runy.async("));
  // Plain functions stay constructors.
  EXPECT_EQ(LowerWithDirectives("function F() {}"), "function F() {}");
}

TEST(LowerTest, ObjectLiteralMethodsUsingSuperHaveTheLiteralAsHome) {
  EXPECT_EQ(LowerOk("o = { m() { return super.m(); } };"),
            "o = (function (__runy_h0) { return __runy_h0 = { m: "
            "__runy.name(function() { return __runy.superGet(__runy_h0, "
            "\"m\", this).call(this); }, \"m\") }; })();");
  EXPECT_EQ(LowerOk("o = { __proto__: p, a: 1 };"),
            "o = __runy.computed({}, [0, p, \"proto\"], {a: 1 });");
}

TEST(LowerTest, RegExpDotAllAndNamedGroupsBecomeEs5Patterns) {
  EXPECT_EQ(LowerOk("r = /a.[.]b/s;"),
            "r = __runy.regexp(/a[\\s\\S][.]b/, \"a.[.]b\", \"s\", null);");
  EXPECT_EQ(
      LowerOk("r = /(?<y>\\d+)-(x)-(?<z>.)\\k<y>/g;"),
      "r = __runy.regexp(/(\\d+)-(x)-(.)(?:\\1)/g, "
      "\"(?<y>\\\\d+)-(x)-(?<z>.)\\\\k<y>\", \"g\", [\"y\", 1, \"z\", 3]);");
  EXPECT_EQ(LowerOk("r = /(a)(?:b)/i;"), "r = /(a)(?:b)/i;");
  EXPECT_THAT(LowerError("r = /(?<a>x)(?<a>y)/;"),
              HasSubstr("Duplicate capture group name"));
  EXPECT_THAT(LowerError("r = /(?<a>x)\\k<b>/;"),
              HasSubstr("Invalid named capture referenced"));
}

TEST(LowerTest, TaggedTemplatesPassTheStringsOfTheirSite) {
  EXPECT_EQ(LowerOk("f`a${x}b\n${y}`;"),
            "f(__runy.template(\"t.js:1\", [\"a\", \"b\\n\", \"\"], "
            "[\"a\", \"b\\n\", \"\"]), x, \ny);");
  // An invalid escape leaves the cooked string undefined.
  EXPECT_THAT(LowerOk("f`\\unicode`;"),
              HasSubstr("[void 0], [\"\\\\unicode\"]"));
}

TEST(LowerTest, GeneratorsRunTheirBodyInGenerator) {
  EXPECT_EQ(LowerOk("function* g() { yield 1; yield* h(); yield; }"),
            "function g() {return __runy.generator(function () { "
            "__runy.yield(1); __runy.yieldStar(h()); __runy.yield(void 0); }, "
            "this, arguments, g, new.target);} __runy.genFn(g);");
  // An anonymous one gets a name to refer to itself (genFn removes it).
  EXPECT_THAT(LowerOk("f = function* () {};"),
              HasSubstr("__runy.genFn(function  __runy_g0() {return "
                        "__runy.generator(function () {}, this, arguments, "
                        "__runy_g0, new.target);})"));
  // Catch clauses pass gen.return() on.
  EXPECT_THAT(LowerOk("function* g() { try { yield 1; } catch (e) {} }"),
              HasSubstr("catch (e) {__runy.rethrowReturn(e); }"));
  EXPECT_THAT(LowerOk("function* g() { yield\n1; }"),
              HasSubstr("__runy.yield(void 0)\n1;"));
  // Async generators await what they yield; for await awaits each step.
  EXPECT_THAT(LowerOk("async function* g() { yield 1; }"),
              HasSubstr("return __runy.asyncGenerator(function () { "
                        "__runy.asyncYield(1); }"));
  EXPECT_THAT(LowerOk("async function f(xs) { for await (const x of xs) {} }"),
              HasSubstr("__runy.asyncIter(xs)"));
  EXPECT_THAT(
      LowerOk("async function f(xs) { for await (const x of xs) {} }"),
      HasSubstr("!(__runy_d3 = __runy.asyncStep(__runy_d2.next())).done"));
  EXPECT_THAT(LowerError("function f(xs) { for await (const x of xs) {} }"),
              HasSubstr("unexpected token 'await'"));
}

}  // namespace
}  // namespace runy::script
