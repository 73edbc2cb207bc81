// The JavaScript runtime of runyd: one Duktape heap with the ES2015+
// prelude (Promise, Map/Set, ...), coroutine-based async/await, timers and
// console, scheduled on runy's event loop like node schedules on libuv.
//
// Every entry from C++ into JS is a *turn* (a macrotask): the entry runs
// under the execution budget (options.exec_timeout), then the microtask
// queue is drained under the same deadline, then unhandled rejections are
// reported. Errors no C++ caller receives (a throwing timer callback or
// microtask, an unhandled rejection) are written to the console sink at
// error level ("Uncaught ...") and passed to the uncaught callback.
#ifndef RUNY_SERVER_SCRIPT_RUNTIME_H_
#define RUNY_SERVER_SCRIPT_RUNTIME_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "duktape.h"
#include "server/loop/event_loop.h"
#include "server/script/console.h"
#include "server/script/process_global.h"

namespace runy::script {

class Heap;
class TimerHost;

inline constexpr absl::Duration kDefaultExecTimeout = absl::Seconds(1);
inline constexpr size_t kDefaultMemoryLimit = size_t{64} << 20;

struct RuntimeOptions {
  // Budget of one turn: the entry plus the microtasks it queues.
  absl::Duration exec_timeout = kDefaultExecTimeout;
  // Bytes the Duktape heap may hold (counted by its allocator).
  size_t memory_limit = kDefaultMemoryLimit;
  // Receives console.* output; default SpdlogConsoleSink().
  ConsoleSink console;
  // node semantics for --eval: after the first uncaught error or unhandled
  // rejection the runtime halts (no more JS runs, no pending work).
  bool halt_on_uncaught = false;
  // Each file gets a scope of its own, as an ES module has (service files:
  // two files may both declare `const s`), instead of sharing globals like
  // scripts do.
  bool module_scope = false;
  // The `process` global (process_global.h).
  ProcessGlobalOptions process;
};

// A promise created by C++ (NewPromise), settled later with Resolve/Reject.
using PromiseId = uint64_t;
// A JS value kept alive for C++ (Retain).
using HandleId = uint64_t;

// Code run inside a protected call (duk_safe_call): it may throw JS errors
// (longjmp), so it must not own objects with non-trivial destructors while
// calling Duktape. It shares the value stack of the heap's main context
// with values below it: use relative (negative) indices.
using TurnBody = absl::FunctionRef<void(duk_context* ctx)>;
// A TurnBody that pushes exactly one value.
using ValuePusher = absl::FunctionRef<void(duk_context* ctx)>;
// A TurnBody that pushes arguments and returns how many.
using ArgsPusher = absl::FunctionRef<duk_idx_t(duk_context* ctx)>;

// Thread: the loop thread only (it owns the Duktape heap). Never blocks.
class Runtime {
 public:
  // REQUIRES: `loop` outlives the Runtime.
  static absl::StatusOr<std::unique_ptr<Runtime>> Create(
      loop::EventLoop* loop, RuntimeOptions options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // The Runtime owning the heap of `ctx` (e.g. inside a native function).
  static Runtime* FromContext(duk_context* ctx);

  // ---- Scripts. ----
  // Lowers `source` to ES5, compiles it as `file_name` (errors and stacks
  // say file:line) and runs its top level as one turn. Errors: the lowering
  // SyntaxError, or the uncaught JS error as InvalidArgument
  // "file:line: Name: message" (stack in JsStackOf()); NotFound/... when the
  // file cannot be read; FailedPrecondition when halted or inside a turn.
  // A module body with top-level await runs in a coroutine: its later
  // failure is reported like an unhandled rejection, not returned here.
  absl::Status RunSource(absl::string_view source, absl::string_view file_name);
  absl::Status RunFile(const std::string& path);

  // ---- Turns. ----
  // Runs `body` on the heap's main context as one turn. A JS error thrown by
  // body is returned (not reported). REQUIRES: not inside a turn (a native
  // function already runs inside one: use the Duktape API directly).
  absl::Status RunTurn(TurnBody body);
  // Calls the retained function `fn` with the arguments `args` pushes
  // (this = undefined) as one turn; `on_result` sees the return value at
  // the top of the stack.
  absl::Status Call(HandleId fn, ArgsPusher args);
  absl::Status Call(HandleId fn, ArgsPusher args, TurnBody on_result);

  // ---- Values kept for C++. REQUIRES: inside a turn or native function
  // (they may throw on out-of-memory), except Release. ----
  HandleId Retain(duk_context* ctx, duk_idx_t idx);
  void PushHandle(duk_context* ctx, HandleId id);  // undefined if unknown
  void Release(HandleId id);

  // ---- Promises settled by C++. ----
  // Pushes a new pending promise onto `ctx`'s stack; settle it exactly once
  // later from the loop. Pending host promises count as pending work.
  // REQUIRES: inside a turn or native function (may throw).
  PromiseId NewPromise(duk_context* ctx);
  // Each settles the promise as one turn (its reactions run in the drain).
  // NotFound for an unknown or already settled id.
  absl::Status Resolve(PromiseId id, ValuePusher value);
  absl::Status Reject(PromiseId id, ValuePusher reason);
  absl::Status Reject(PromiseId id, absl::string_view error_message);
  // Drops a pending promise without settling it (it stays pending).
  void Forget(PromiseId id);

  // ---- Registration (for the service API). Each runs as a turn. ----
  absl::Status SetGlobal(absl::string_view name, ValuePusher value);
  // A native function global; NativeSelf(ctx) (native.h) returns `self`.
  absl::Status SetGlobalFunction(absl::string_view name, duk_c_function fn,
                                 duk_idx_t nargs, void* self);
  // exports[name] of the module `__runy.import(module)` returns
  // (`import { service } from "runy"`). "runy" always exists (possibly
  // empty); importing any other module nothing was registered for throws
  // "Cannot find module '<name>'".
  absl::Status SetModuleExport(absl::string_view module, absl::string_view name,
                               ValuePusher value);

  // ---- State. ----
  // Timers not unref()'d, or host promises not yet settled.
  bool HasPendingWork() const;
  // True after an uncaught error when options.halt_on_uncaught.
  bool halted() const { return halted_; }
  // True while the promise of a module body with top-level await (from the
  // last RunSource) is pending. Runs a short turn to look.
  bool TopLevelAwaitPending();
  // Called at the end of a turn that leaves no pending work.
  void set_idle_callback(std::function<void()> cb) { idle_cb_ = std::move(cb); }
  // Called for every uncaught error and unhandled rejection, after it was
  // written to the console sink.
  void set_uncaught_callback(std::function<void(const absl::Status&)> cb) {
    uncaught_cb_ = std::move(cb);
  }
  size_t heap_bytes() const;

 private:
  Runtime(loop::EventLoop* loop, RuntimeOptions options);
  absl::Status Init();
  absl::Status Turn(TurnBody body, bool report_error);
  void DrainAfterError();
  void ReportUnhandledRejections();
  void Halt();
  void ReportUncaught(const char* prefix, duk_idx_t idx);
  absl::Status Settle(PromiseId id, ValuePusher value, bool reject);
  void FireTimer(double id, double start_ms);
  // The turn's one execution budget starts...
  void StartBudget();
  // ...and what runs after an error within it (recovery, reporting) gets
  // only what is left of it (at least a short grace), never a new one.
  void ContinueBudget();
  void PreferFirstTimeoutError();
  void EndTurn();
  static duk_ret_t ErrCreateHook(duk_context* ctx);

  loop::EventLoop* loop_;
  RuntimeOptions options_;
  std::unique_ptr<Heap> heap_;
  std::unique_ptr<TimerHost> timers_;
  absl::flat_hash_set<PromiseId> host_promises_;
  PromiseId next_promise_id_ = 1;
  HandleId next_handle_id_ = 1;
  HandleId module_promise_ = 0;
  bool in_turn_ = false;
  absl::Time turn_deadline_;  // when the current turn's budget ends
  // The first "execution timeout" error of the running budget was saved
  // (it carries the user's file:line; later re-throws carry the runtime's).
  bool timeout_error_saved_ = false;
  bool halted_ = false;
  bool continuation_posted_ = false;
  std::function<void()> idle_cb_;
  // Expires with the Runtime: loop callbacks posted by it check it first.
  std::shared_ptr<Runtime*> alive_ = std::make_shared<Runtime*>(this);
  std::function<void(const absl::Status&)> uncaught_cb_;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_RUNTIME_H_
