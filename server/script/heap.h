// A Duktape heap with runy's limits: a counting allocator that enforces a
// memory cap and the execution-timeout budget read by Duktape's interrupt
// hook (duktape/exec_timeout.h).
#ifndef RUNY_SERVER_SCRIPT_HEAP_H_
#define RUNY_SERVER_SCRIPT_HEAP_H_

#include <cstddef>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "duktape.h"
#include "server/script/duktape/exec_timeout.h"
#include "server/script/watchdog.h"

namespace runy::script {

// Thread: the loop thread (the thread that created it) only.
//
// Memory: the allocator counts the bytes Duktape holds. Inside a budget
// (StartBudget..EndBudget, i.e. while JS runs) an allocation beyond
// `memory_limit` fails, which Duktape turns into a catchable
// "RangeError: alloc failed" after an emergency GC. So that the error object
// itself can be created (else Duktape throws a bare DoubleError), other
// allocations may then overdraw the limit a little until usage falls back
// under it; the refused size keeps failing. Outside a budget the host may
// use a reserve above the limit so its own bookkeeping (error descriptions,
// stash updates) still succeeds after JS hit the cap.
//
// A Duktape fatal error (an internal invariant broken, never a JS error)
// logs at critical level and aborts.
class Heap {
 public:
  static absl::StatusOr<std::unique_ptr<Heap>> Create(size_t memory_limit);
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  duk_context* ctx() const { return ctx_; }

  // Starts a turn's budget: JS that runs past now + `budget` gets
  // "RangeError: execution timeout" (repeatedly, until control is back in
  // C++: try/catch cannot swallow it), and the memory cap is strict. The
  // deadline is checked by the executor, by the regexp matcher and, through
  // the watchdog, after every native call.
  void StartBudget(absl::Duration budget);
  // Ends it: no deadline, memory reserve available.
  void EndBudget();
  bool in_budget() const { return state_.in_budget; }
  // True once the running budget's deadline has passed.
  bool budget_exhausted() const {
    return runy_duk_exec_timeout_check(&state_) != 0;
  }

  size_t bytes_in_use() const { return state_.used; }
  size_t memory_limit() const { return state_.limit; }

  // An opaque pointer for the heap's owner (the Runtime), recoverable from
  // any context of the heap, e.g. inside a native function.
  void set_owner(void* owner) { state_.owner = owner; }
  static void* OwnerOf(duk_context* ctx);

 private:
  // Passed to Duktape as the heap udata; must start with the budget.
  struct State {
    runy_duk_budget budget;
    size_t used;
    size_t limit;
    size_t reserve;    // extra for the host, outside budgets
    size_t overdraft;  // extra for error creation, after a refusal
    size_t refused;    // size of the refused allocation; 0: none
    bool in_budget;
    void* owner;
  };
  static bool MayGrow(State* state, size_t grow);
  static void* Alloc(void* udata, duk_size_t size);
  static void* Realloc(void* udata, void* ptr, duk_size_t size);
  static void Free(void* udata, void* ptr);
  static void Fatal(void* udata, const char* msg);

  Heap() = default;

  State state_{};
  std::unique_ptr<Watchdog> watchdog_;
  duk_context* ctx_ = nullptr;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_HEAP_H_
