#include "server/script/heap.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "absl/status/status.h"
#include "server/script/duktape/error_options.h"
#include "spdlog/spdlog.h"

namespace runy::script {
namespace {

// Every block carries its size in front, keeping malloc's alignment.
struct alignas(alignof(std::max_align_t)) BlockHeader {
  size_t size;
};

constexpr size_t kMinReserve = size_t{1} << 20;
constexpr size_t kMinOverdraft = size_t{64} << 10;

BlockHeader* HeaderOf(void* ptr) { return static_cast<BlockHeader*>(ptr) - 1; }

}  // namespace

absl::StatusOr<std::unique_ptr<Heap>> Heap::Create(size_t memory_limit) {
  std::unique_ptr<Heap> heap(new Heap());
  heap->state_.limit = memory_limit;
  heap->state_.reserve = std::max(kMinReserve, memory_limit / 8);
  heap->state_.overdraft = std::max(kMinOverdraft, memory_limit / 64);
  heap->watchdog_ = std::make_unique<Watchdog>(&heap->state_.budget);
  heap->ctx_ = duk_create_heap(&Heap::Alloc, &Heap::Realloc, &Heap::Free,
                               &heap->state_, &Heap::Fatal);
  if (heap->ctx_ == nullptr) {
    return absl::ResourceExhaustedError("create duktape heap: out of memory");
  }
  runy_duk_error_constructors_take_options(heap->ctx_);
  return heap;
}

Heap::~Heap() {
  state_.in_budget = false;
  state_.budget.deadline_ns = 0;
  if (watchdog_ != nullptr) watchdog_->Disarm();
  if (ctx_ != nullptr) duk_destroy_heap(ctx_);
}

void Heap::StartBudget(absl::Duration budget) {
  state_.in_budget = true;
  state_.refused = 0;
  state_.budget.deadline_ns =
      runy_duk_monotonic_ns() + absl::ToInt64Nanoseconds(budget);
  watchdog_->Arm(state_.budget.deadline_ns);
}

void Heap::EndBudget() {
  state_.in_budget = false;
  state_.refused = 0;
  state_.budget.deadline_ns = 0;
  watchdog_->Disarm();
}

void* Heap::OwnerOf(duk_context* ctx) {
  duk_memory_functions funcs;
  duk_get_memory_functions(ctx, &funcs);
  return funcs.udata == nullptr ? nullptr
                                : static_cast<State*>(funcs.udata)->owner;
}

bool Heap::MayGrow(State* state, size_t grow) {
  auto fits = [&](size_t cap) {
    return grow <= cap && state->used <= cap - grow;
  };
  if (fits(state->limit)) return true;
  if (!state->in_budget) return fits(state->limit + state->reserve);
  if (state->refused != 0 && grow != state->refused &&
      fits(state->limit + state->overdraft)) {
    return true;
  }
  state->refused = grow;
  return false;
}

void* Heap::Alloc(void* udata, duk_size_t size) {
  auto* state = static_cast<State*>(udata);
  if (!MayGrow(state, size)) return nullptr;
  auto* block =
      static_cast<BlockHeader*>(std::malloc(sizeof(BlockHeader) + size));
  if (block == nullptr) return nullptr;
  block->size = size;
  state->used += size;
  return block + 1;
}

void* Heap::Realloc(void* udata, void* ptr, duk_size_t size) {
  if (ptr == nullptr) return Alloc(udata, size);
  if (size == 0) {
    Free(udata, ptr);
    return nullptr;
  }
  auto* state = static_cast<State*>(udata);
  BlockHeader* old = HeaderOf(ptr);
  size_t old_size = old->size;
  if (size > old_size && !MayGrow(state, size - old_size)) return nullptr;
  auto* block =
      static_cast<BlockHeader*>(std::realloc(old, sizeof(BlockHeader) + size));
  if (block == nullptr) return nullptr;
  block->size = size;
  state->used = state->used - old_size + size;
  return block + 1;
}

void Heap::Free(void* udata, void* ptr) {
  if (ptr == nullptr) return;
  auto* state = static_cast<State*>(udata);
  BlockHeader* block = HeaderOf(ptr);
  state->used -= block->size;
  if (state->used < state->limit) state->refused = 0;
  std::free(block);
}

void Heap::Fatal(void* /*udata*/, const char* msg) {
  // Duktape fatal errors are broken internal invariants (or an error thrown
  // with no protected call to catch it): nothing can be unwound safely.
  spdlog::critical("duktape fatal error: {}", msg == nullptr ? "" : msg);
  std::abort();
}

}  // namespace runy::script
