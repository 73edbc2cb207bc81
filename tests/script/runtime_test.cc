// Unit tests of the script runtime: scheduling order, async/await on
// coroutines, limits (execution timeout, memory cap), host promises and
// error reporting. Scripts go through the real lowering.
#include "server/script/runtime.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/loop/event_loop.h"
#include "server/script/js_error.h"
#include "server/script/native.h"
#include "tests/testing/status_matchers.h"

namespace runy::script {
namespace {

using ::runy::testing::IsOk;
using ::runy::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Line {
  ConsoleLevel level;
  std::string text;
};

class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(RuntimeOptions()); }

  void Start(RuntimeOptions options) {
    runtime_.reset();
    if (loop_ == nullptr) {
      absl::StatusOr<std::unique_ptr<loop::EventLoop>> loop =
          loop::EventLoop::Create();
      ASSERT_THAT(loop, IsOk());
      loop_ = std::move(*loop);
    }
    options.console = [this](ConsoleLevel level, std::string_view text) {
      lines_.push_back(Line{level, std::string(text)});
    };
    absl::StatusOr<std::unique_ptr<Runtime>> runtime =
        Runtime::Create(loop_.get(), std::move(options));
    ASSERT_THAT(runtime, IsOk());
    runtime_ = std::move(*runtime);
    runtime_->set_uncaught_callback(
        [this](const absl::Status& s) { uncaught_.push_back(s); });
  }

  absl::Status Run(const std::string& source) {
    return runtime_->RunSource(source, "test.js");
  }

  // Runs the loop until the runtime has no pending work (or 5 s passed).
  void RunLoopUntilIdle() {
    if (!runtime_->HasPendingWork()) return;
    runtime_->set_idle_callback([this] { loop_->Quit(); });
    loop::EventLoop::TimerId guard =
        loop_->AddTimerAfter(absl::Seconds(5), [this] { loop_->Quit(); });
    loop_->Run();
    loop_->CancelTimer(guard);
    runtime_->set_idle_callback(nullptr);
  }

  std::vector<std::string> Logged() const {
    std::vector<std::string> out;
    for (const Line& line : lines_) {
      if (line.level != ConsoleLevel::kError) out.push_back(line.text);
    }
    return out;
  }

  std::vector<std::string> Errors() const {
    std::vector<std::string> out;
    for (const Line& line : lines_) {
      if (line.level == ConsoleLevel::kError) out.push_back(line.text);
    }
    return out;
  }

  std::unique_ptr<loop::EventLoop> loop_;
  std::unique_ptr<Runtime> runtime_;
  std::vector<Line> lines_;
  std::vector<absl::Status> uncaught_;
};

TEST_F(RuntimeTest, MicrotasksRunBeforeTimersAndTimersInDelayOrder) {
  ASSERT_THAT(Run(R"js(
    setTimeout(() => console.log('timeout 5'), 5);
    setTimeout(() => console.log('timeout 0'), 0);
    Promise.resolve().then(() => console.log('then'));
    queueMicrotask(() => console.log('microtask'));
    console.log('sync');
  )js"),
              IsOk());
  EXPECT_THAT(Logged(), ElementsAre("sync", "then", "microtask"));
  RunLoopUntilIdle();
  EXPECT_THAT(Logged(), ElementsAre("sync", "then", "microtask", "timeout 0",
                                    "timeout 5"));
}

TEST_F(RuntimeTest,
       AsyncFunctionReturnsPromiseSynchronouslyAndRunsUntilFirstAwait) {
  ASSERT_THAT(Run(R"js(
    async function f() { console.log('body start'); await null; console.log('resumed'); return 7; }
    const p = f();
    console.log('returned', p instanceof Promise);
    p.then((v) => console.log('value', v));
  )js"),
              IsOk());
  EXPECT_THAT(Logged(),
              ElementsAre("body start", "returned true", "resumed", "value 7"));
}

TEST_F(RuntimeTest, AwaitOfNonPromiseTakesOneMicrotaskTick) {
  ASSERT_THAT(Run(R"js(
    (async () => { console.log('awaited', await 42); })();
    Promise.resolve().then(() => console.log('tick 1')).then(() => console.log('tick 2'));
  )js"),
              IsOk());
  EXPECT_THAT(Logged(), ElementsAre("awaited 42", "tick 1", "tick 2"));
}

TEST_F(RuntimeTest, AwaitRejectionThrowsIntoTryCatch) {
  ASSERT_THAT(Run(R"js(
    (async () => {
      try {
        await Promise.reject(new TypeError('bad'));
        console.log('not reached');
      } catch (e) {
        console.log('caught', e.name, e.message);
      } finally {
        console.log('finally');
      }
    })();
  )js"),
              IsOk());
  EXPECT_THAT(Logged(), ElementsAre("caught TypeError bad", "finally"));
  EXPECT_THAT(Errors(), ::testing::IsEmpty());
}

TEST_F(RuntimeTest, NestedAsyncFunctionsResumeInOrder) {
  ASSERT_THAT(Run(R"js(
    async function inner(n) { await null; console.log('inner', n); return n * 2; }
    async function outer() {
      console.log('outer start');
      const a = await inner(1);
      const b = await inner(a);
      console.log('outer got', a, b);
      return a + b;
    }
    outer().then((v) => console.log('result', v));
    console.log('sync end');
  )js"),
              IsOk());
  EXPECT_THAT(Logged(), ElementsAre("outer start", "sync end", "inner 1",
                                    "inner 2", "outer got 2 4", "result 6"));
}

TEST_F(RuntimeTest, ExecTimeoutAtTopLevelNamesFileAndLineAndHeapStaysUsable) {
  RuntimeOptions options;
  options.exec_timeout = absl::Milliseconds(100);
  Start(std::move(options));
  // Duktape attributes a loop's first instruction to the token before the
  // loop: keep each loop on one line with what precedes it.
  absl::Status status =
      Run("var x = 1;\nfunction spin() { while (true) { x++; } }\nspin();\n");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               "test.js:2: RangeError: execution timeout"));
  ASSERT_THAT(Run("console.log('still alive', 1 + 1);"), IsOk());
  EXPECT_THAT(Logged(), ElementsAre("still alive 2"));
}

TEST_F(RuntimeTest,
       ExecTimeoutInsideCoroutineRejectsItsPromiseWithTheUserLine) {
  RuntimeOptions options;
  options.exec_timeout = absl::Milliseconds(100);
  Start(std::move(options));
  ASSERT_THAT(
      Run("async function spin() {\n"
          "  await null;\n"
          "  let i = 0;\n"
          "  i++; while (true) { i++; }\n"
          "}\n"
          "spin().catch((e) => console.log('awaiter got', e.message));\n"),
      IsOk());
  ASSERT_EQ(uncaught_.size(), 1u);
  EXPECT_THAT(uncaught_[0],
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "test.js:4: RangeError: execution timeout"));
  EXPECT_THAT(Logged(), ElementsAre("awaiter got execution timeout"));
  ASSERT_THAT(Run("(async () => { await null; console.log('usable'); })();"),
              IsOk());
  EXPECT_THAT(Logged(), ElementsAre("awaiter got execution timeout", "usable"));
}

TEST_F(RuntimeTest,
       ExecTimeoutInsideTimerCallbackIsReportedAndCannotBeSwallowed) {
  RuntimeOptions options;
  options.exec_timeout = absl::Milliseconds(100);
  Start(std::move(options));
  ASSERT_THAT(Run("setTimeout(() => {\n"
                  "  let i = 0; try { for (;;) i++; } catch (e) { "
                  "console.log('swallowed'); }\n"
                  "}, 1);\n"
                  "setTimeout(() => console.log('next timer runs'), 2);\n"),
              IsOk());
  RunLoopUntilIdle();
  ASSERT_EQ(uncaught_.size(), 1u);
  EXPECT_THAT(uncaught_[0],
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "test.js:2: RangeError: execution timeout"));
  ASSERT_EQ(Errors().size(), 1u);
  EXPECT_THAT(Errors()[0], HasSubstr("Uncaught RangeError: execution timeout"));
  EXPECT_THAT(Logged(), ElementsAre("next timer runs"));
}

TEST_F(RuntimeTest, RecoveryRoundsCannotExtendTheTurnsBudget) {
  RuntimeOptions options;
  options.exec_timeout = absl::Milliseconds(200);
  Start(std::move(options));
  // Twenty microtasks that each spin: once the first has used the turn's
  // budget, the others get only the recovery grace, not 200 ms each.
  absl::Time start = absl::Now();
  ASSERT_THAT(Run("for (let i = 0; i < 20; i++) {\n"
                  "  Promise.resolve().then(() => { for (;;) {} });\n"
                  "}\n"),
              IsOk());
  absl::Duration turn = absl::Now() - start;
  EXPECT_LT(turn, absl::Milliseconds(200) * 3) << "one turn took " << turn;
  EXPECT_GE(uncaught_.size(), 1u);
}

TEST_F(RuntimeTest, MemoryCapFailsAllocationCleanlyAndTheHeapRecovers) {
  RuntimeOptions options;
  options.memory_limit = size_t{8} << 20;
  // About memory, not time: the cap must come first, also in (slow)
  // sanitizer builds.
  options.exec_timeout = absl::Seconds(60);
  Start(std::move(options));
  EXPECT_THAT(
      Run(R"js(
    function hog() { const a = []; for (;;) a.push('x'.repeat(1000) + a.length); }
    hog();
  )js"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("alloc failed")));
  EXPECT_LE(runtime_->heap_bytes(), size_t{9} << 20);
  ASSERT_THAT(Run(R"js(
    function hog2() {
      let a = [];
      try { for (;;) a.push('y'.repeat(1000) + a.length); } catch (e) { a = null; return e.message; }
    }
    console.log('caught', hog2());
    console.log('after', [1, 2, 3].map((x) => x * 2).join(','));
  )js"),
              IsOk());
  EXPECT_THAT(Logged(), ElementsAre("caught alloc failed", "after 2,4,6"));
}

TEST_F(RuntimeTest, HostPromiseResolvedFromLoopTimerIsAwaitedByJs) {
  PromiseId id = 0;
  ASSERT_THAT(runtime_->RunTurn([&](duk_context* ctx) {
    id = runtime_->NewPromise(ctx);
    duk_put_global_string(ctx, "hostPromise");
  }),
              IsOk());
  ASSERT_THAT(Run(R"js(
    (async () => {
      console.log('waiting');
      const v = await hostPromise;
      console.log('host value', v);
    })();
  )js"),
              IsOk());
  EXPECT_TRUE(runtime_->HasPendingWork());
  loop_->AddTimerAfter(absl::Milliseconds(5), [&] {
    EXPECT_THAT(
        runtime_->Resolve(
            id, [](duk_context* ctx) { duk_push_string(ctx, "from C++"); }),
        IsOk());
  });
  RunLoopUntilIdle();
  EXPECT_THAT(Logged(), ElementsAre("waiting", "host value from C++"));
  EXPECT_FALSE(runtime_->HasPendingWork());
  EXPECT_THAT(
      runtime_->Resolve(id, [](duk_context* ctx) { duk_push_null(ctx); }),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(RuntimeTest, HostPromiseRejectionReachesTheAwaitingTryCatch) {
  PromiseId id = 0;
  ASSERT_THAT(runtime_->SetGlobalFunction(
                  "startWork",
                  [](duk_context* ctx) -> duk_ret_t {
                    auto* ids = static_cast<PromiseId*>(NativeSelf(ctx));
                    *ids = Runtime::FromContext(ctx)->NewPromise(ctx);
                    return 1;
                  },
                  0, &id),
              IsOk());
  ASSERT_THAT(Run(R"js(
    (async () => {
      try { await startWork(); } catch (e) { console.log('rejected:', e.message); }
    })();
  )js"),
              IsOk());
  ASSERT_NE(id, 0u);
  ASSERT_THAT(runtime_->Reject(id, "spawn failed"), IsOk());
  EXPECT_THAT(Logged(), ElementsAre("rejected: spawn failed"));
}

TEST_F(RuntimeTest, UnhandledRejectionIsReportedAtErrorLevelWithItsStack) {
  ASSERT_THAT(Run("function fail() {\n"
                  "  return Promise.reject(new Error('nobody listens'));\n"
                  "}\n"
                  "fail();\n"
                  "const handled = Promise.reject(new Error('handled'));\n"
                  "handled.catch(() => {});\n"),
              IsOk());
  ASSERT_EQ(Errors().size(), 1u);
  EXPECT_THAT(Errors()[0],
              HasSubstr("Uncaught (in promise) Error: nobody listens"));
  EXPECT_THAT(Errors()[0], HasSubstr("test.js:2"));
  ASSERT_EQ(uncaught_.size(), 1u);
  EXPECT_THAT(uncaught_[0], StatusIs(absl::StatusCode::kInvalidArgument,
                                     "test.js:2: Error: nobody listens"));
}

TEST_F(RuntimeTest, UncaughtErrorAtTopLevelIsReturnedWithFileAndLine) {
  absl::Status status = Run("const a = 1;\n\nundefinedFunction();\n");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("test.js:3: ReferenceError")));
  std::optional<std::string> stack = JsStackOf(status);
  ASSERT_TRUE(stack.has_value());
  EXPECT_THAT(*stack, HasSubstr("at global (test.js:3)"));
  EXPECT_THAT(Errors(), ::testing::IsEmpty());
}

TEST_F(RuntimeTest, SyntaxErrorsAreInvalidArgumentWithLineAndColumn) {
  EXPECT_THAT(
      Run("let x = 1;\nlet y = ;\n"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("test.js:2:")));
}

TEST_F(RuntimeTest, AssignmentToConstThrowsTypeError) {
  ASSERT_THAT(Run(R"js(
    const c = 1;
    try { c = 2; } catch (e) { console.log(e.name + ': ' + e.message); }
  )js"),
              IsOk());
  EXPECT_THAT(Logged(),
              ElementsAre("TypeError: Assignment to constant variable."));
}

TEST_F(RuntimeTest, ImportReturnsTheRegisteredModuleExports) {
  ASSERT_THAT(
      runtime_->SetModuleExport(
          "runy", "answer", [](duk_context* ctx) { duk_push_int(ctx, 42); }),
      IsOk());
  ASSERT_THAT(Run(R"js(
    const m = __runy.import('runy');
    console.log('answer', m.answer);
    try { __runy.import('missing'); } catch (e) { console.log(e.message); }
  )js"),
              IsOk());
  EXPECT_THAT(Logged(),
              ElementsAre("answer 42", "Cannot find module 'missing'"));
}

TEST_F(RuntimeTest, CallRunsARetainedFunctionAndDrainsItsMicrotasks) {
  HandleId fn = 0;
  ASSERT_THAT(runtime_->RunTurn([&](duk_context* ctx) {
    duk_eval_string(ctx,
                    "(function (a, b) { Promise.resolve().then(function () {"
                    " console.log('micro'); }); console.log('call', a, b);"
                    " return a + b; })");
    fn = runtime_->Retain(ctx, -1);
  }),
              IsOk());
  double result = 0;
  ASSERT_THAT(runtime_->Call(
                  fn,
                  [](duk_context* ctx) -> duk_idx_t {
                    duk_push_int(ctx, 2);
                    duk_push_int(ctx, 3);
                    return 2;
                  },
                  [&](duk_context* ctx) { result = duk_get_number(ctx, -1); }),
              IsOk());
  EXPECT_EQ(result, 5);
  EXPECT_THAT(Logged(), ElementsAre("call 2 3", "micro"));
  runtime_->Release(fn);
}

TEST_F(RuntimeTest, ConsoleLevelsReachTheSink) {
  ASSERT_THAT(Run(R"js(
    console.log('l'); console.info('i'); console.debug('d'); console.warn('w'); console.error('e');
  )js"),
              IsOk());
  std::vector<ConsoleLevel> levels;
  for (const Line& line : lines_) levels.push_back(line.level);
  EXPECT_THAT(levels, ElementsAre(ConsoleLevel::kLog, ConsoleLevel::kInfo,
                                  ConsoleLevel::kDebug, ConsoleLevel::kWarn,
                                  ConsoleLevel::kError));
}

TEST_F(RuntimeTest, PendingWorkFollowsRefedTimersOnly) {
  ASSERT_THAT(Run("const t = setTimeout(() => {}, 1000); t.unref();"), IsOk());
  EXPECT_FALSE(runtime_->HasPendingWork());
  ASSERT_THAT(Run("const u = setInterval(() => {}, 1000);"), IsOk());
  EXPECT_TRUE(runtime_->HasPendingWork());
  ASSERT_THAT(Run("clearInterval(u);"), IsOk());
  EXPECT_FALSE(runtime_->HasPendingWork());
}

TEST_F(RuntimeTest, HaltOnUncaughtStopsAllFurtherJavaScript) {
  RuntimeOptions options;
  options.halt_on_uncaught = true;
  Start(std::move(options));
  ASSERT_THAT(Run(R"js(
    setTimeout(() => { throw new Error('first'); }, 1);
    setTimeout(() => console.log('never'), 2);
  )js"),
              IsOk());
  RunLoopUntilIdle();
  EXPECT_TRUE(runtime_->halted());
  EXPECT_FALSE(runtime_->HasPendingWork());
  EXPECT_THAT(Logged(), ::testing::IsEmpty());
  EXPECT_THAT(Run("console.log('x')"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(RuntimeTest, TopLevelAwaitModuleRunsInACoroutine) {
  ASSERT_THAT(Run(R"js(
    console.log('before');
    const v = await new Promise((r) => setTimeout(() => r('timer'), 1));
    console.log('after', v);
  )js"),
              IsOk());
  EXPECT_TRUE(runtime_->TopLevelAwaitPending());
  RunLoopUntilIdle();
  EXPECT_FALSE(runtime_->TopLevelAwaitPending());
  EXPECT_THAT(Logged(), ElementsAre("before", "after timer"));
}

}  // namespace
}  // namespace runy::script

namespace runy::script {
namespace {

TEST_F(RuntimeTest, ProcessGlobalHasNodesBasicsButExitThrowsInTheDaemon) {
  ASSERT_THAT(Run(R"js(
    console.log(process.platform, typeof process.env.PATH,
                process.pid > 0, process.argv.length, typeof process.cwd());
    try { process.exit(1); } catch (e) { console.log(e.message.split(':')[0]); }
    process.nextTick((a) => console.log('tick', a), 7);
  )js"),
              IsOk());
  RunLoopUntilIdle();
  EXPECT_THAT(Logged(),
              ElementsAre("linux string true 1 string",
                          "process.exit() is not available in a service file",
                          "tick 7"));
}

}  // namespace
}  // namespace runy::script
