// Runtime's turn machinery: budget, microtask drain, recovery after an
// aborted turn, error and unhandled-rejection reporting.
#include <algorithm>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/script/heap.h"
#include "server/script/js_error.h"
#include "server/script/native.h"
#include "server/script/prelude.h"
#include "server/script/runtime.h"
#include "server/script/timer_host.h"

namespace runy::script {
namespace {

constexpr const char kTimeoutErrorKey[] = "runy.timeoutError";

// A recovery drain that keeps failing (each microtask throws, or times
// out) yields to the loop after this many rounds and continues later.
constexpr int kMaxRecoveryRounds = 16;
// Recovery runs within what is left of the turn's budget, but gets at least
// this much, to reject the promises of what the error killed: sixteen
// rounds then add at most 160 ms to a turn, never a fresh budget each.
constexpr absl::Duration kRecoveryGrace = absl::Milliseconds(10);

duk_ret_t RunBody(duk_context* ctx, void* udata) {
  (*static_cast<TurnBody*>(udata))(ctx);
  return 0;
}

duk_ret_t Drain(duk_context* ctx, void* /*udata*/) {
  CallInternal(ctx, "drain", 0);
  return 0;
}

// [error] -> rejects the promises of coroutines the error killed, drains.
duk_ret_t AbortAndDrain(duk_context* ctx, void* /*udata*/) {
  CallInternal(ctx, "abortRunning", 1);
  duk_pop(ctx);
  CallInternal(ctx, "drain", 0);
  return 0;
}

duk_ret_t TakeUnhandled(duk_context* ctx, void* /*udata*/) {
  CallInternal(ctx, "takeUnhandled", 0);
  return 1;
}

}  // namespace

absl::Status Runtime::RunTurn(TurnBody body) { return Turn(body, false); }

absl::Status Runtime::Turn(TurnBody body, bool report_error) {
  if (halted_) {
    return absl::FailedPreconditionError(
        "script runtime halted after an uncaught error");
  }
  if (in_turn_) {
    return absl::FailedPreconditionError("script turn already in progress");
  }
  in_turn_ = true;
  duk_context* ctx = heap_->ctx();
  absl::Status status;
  StartBudget();
  bool body_ok = duk_safe_call(ctx, &RunBody, &body, 0, 1) == DUK_EXEC_SUCCESS;
  bool drain_ok = false;
  if (body_ok) {
    duk_pop(ctx);
    drain_ok = duk_safe_call(ctx, &Drain, nullptr, 0, 1) == DUK_EXEC_SUCCESS;
  }
  heap_->EndBudget();
  // Stack: [undefined] after a clean drain, else [error].
  if (!drain_ok) PreferFirstTimeoutError();
  if (!body_ok && !report_error) {
    status = JsErrorToStatus(DescribeJsError(ctx, -1));
    if (options_.halt_on_uncaught) Halt();
  } else if (!drain_ok) {
    ReportUncaught("Uncaught", -1);
  }
  if (!drain_ok && !halted_) DrainAfterError();
  duk_pop(ctx);
  if (!halted_) ReportUnhandledRejections();
  EndTurn();
  return status;
}

void Runtime::DrainAfterError() {
  duk_context* ctx = heap_->ctx();
  for (int round = 0; round < kMaxRecoveryRounds; ++round) {
    ContinueBudget();
    duk_dup_top(ctx);
    bool ok =
        duk_safe_call(ctx, &AbortAndDrain, nullptr, 1, 1) == DUK_EXEC_SUCCESS;
    heap_->EndBudget();
    if (ok) {
      duk_pop(ctx);
      return;
    }
    PreferFirstTimeoutError();
    ReportUncaught("Uncaught", -1);
    duk_replace(ctx, -2);  // the new error replaces the old one
    if (halted_) return;
  }
  if (continuation_posted_) return;
  continuation_posted_ = true;
  std::weak_ptr<Runtime*> alive = alive_;
  loop_->Post([alive] {
    std::shared_ptr<Runtime*> self = alive.lock();
    if (self == nullptr) return;
    (*self)->continuation_posted_ = false;
    (void)(*self)->Turn([](duk_context*) {}, true);
  });
}

void Runtime::ReportUnhandledRejections() {
  duk_context* ctx = heap_->ctx();
  ContinueBudget();
  bool ok =
      duk_safe_call(ctx, &TakeUnhandled, nullptr, 0, 1) == DUK_EXEC_SUCCESS;
  heap_->EndBudget();
  if (!ok) {
    ReportUncaught("Uncaught", -1);
  } else {
    duk_size_t n = duk_get_length(ctx, -1);
    for (duk_size_t i = 0; i < n && !halted_; ++i) {
      duk_get_prop_index(ctx, -1, static_cast<duk_uarridx_t>(i));
      ReportUncaught("Uncaught (in promise)", -1);
      duk_pop(ctx);
    }
  }
  duk_pop(ctx);
}

void Runtime::ReportUncaught(const char* prefix, duk_idx_t idx) {
  JsError error = DescribeJsError(heap_->ctx(), idx);
  options_.console(ConsoleLevel::kError,
                   absl::StrCat(prefix, " ", error.stack));
  absl::Status status = JsErrorToStatus(error);
  if (options_.halt_on_uncaught) Halt();
  if (uncaught_cb_) uncaught_cb_(status);
}

void Runtime::Halt() {
  halted_ = true;
  timers_->CancelAll();
}

void Runtime::StartBudget() {
  timeout_error_saved_ = false;
  turn_deadline_ = absl::Now() + options_.exec_timeout;
  heap_->StartBudget(options_.exec_timeout);
}

void Runtime::ContinueBudget() {
  timeout_error_saved_ = false;
  heap_->StartBudget(std::max(turn_deadline_ - absl::Now(), kRecoveryGrace));
}

// Duktape.errCreate, called for every error Duktape creates. A native
// function runs no bytecode, so it works after the deadline: it saves the
// first timeout error, created where the user's code was looping.
// It allocates nothing on the common path: under memory pressure a failing
// hook would turn every error into a DoubleError.
duk_ret_t Runtime::ErrCreateHook(duk_context* ctx) {
  duk_set_top(ctx, 1);
  Runtime* self = FromContext(ctx);
  if (self == nullptr || self->timeout_error_saved_ ||
      !self->heap_->budget_exhausted()) {
    return 1;
  }
  self->timeout_error_saved_ = true;
  duk_push_global_stash(ctx);
  duk_dup(ctx, 0);
  duk_put_prop_string(ctx, -2, kTimeoutErrorKey);
  duk_pop(ctx);
  return 1;
}

// [error] -> [first timeout error of the budget], if one was saved.
void Runtime::PreferFirstTimeoutError() {
  if (!timeout_error_saved_) return;
  duk_context* ctx = heap_->ctx();
  duk_push_global_stash(ctx);
  duk_get_prop_string(ctx, -1, kTimeoutErrorKey);
  duk_push_undefined(ctx);
  duk_put_prop_string(ctx, -3, kTimeoutErrorKey);
  duk_remove(ctx, -2);
  duk_replace(ctx, -2);
  timeout_error_saved_ = false;
}

void Runtime::EndTurn() {
  in_turn_ = false;
  if (idle_cb_ && !HasPendingWork()) idle_cb_();
}

void Runtime::FireTimer(double id, double start_ms) {
  if (halted_) return;
  (void)Turn(
      [&](duk_context* ctx) {
        duk_push_number(ctx, id);
        duk_push_number(ctx, start_ms);
        CallInternal(ctx, "fireTimer", 2);
      },
      true);
}

}  // namespace runy::script
