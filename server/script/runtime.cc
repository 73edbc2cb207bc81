#include "server/script/runtime.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errno_status.h"
#include "common/status_macros.h"
#include "common/unique_fd.h"
#include "server/script/heap.h"
#include "server/script/lowering/lower.h"
#include "server/script/native.h"
#include "server/script/prelude.h"
#include "server/script/timer_host.h"

namespace runy::script {
namespace {

constexpr const char kHandlesKey[] = "runy.handles";

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ErrnoToStatus(errno, absl::StrCat("open ", path));
  std::string content;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoToStatus(errno, absl::StrCat("read ", path));
    if (n == 0) return content;
    content.append(buf, static_cast<size_t>(n));
  }
}

duk_ret_t InstallNatives(duk_context* ctx, void* udata) {
  auto* install = static_cast<std::function<void(duk_context*)>*>(udata);
  (*install)(ctx);
  return 0;
}

// Pushes the handle table (heap stash), creating it on first use.
void PushHandles(duk_context* ctx) {
  duk_push_global_stash(ctx);
  if (!duk_get_prop_string(ctx, -1, kHandlesKey)) {
    duk_pop(ctx);
    duk_push_bare_object(ctx);
    duk_dup_top(ctx);
    duk_put_prop_string(ctx, -3, kHandlesKey);
  }
  duk_remove(ctx, -2);
}

duk_ret_t DeleteHandle(duk_context* ctx, void* udata) {
  PushHandles(ctx);
  duk_del_prop_index(
      ctx, -1, static_cast<duk_uarridx_t>(*static_cast<HandleId*>(udata)));
  return 0;
}

}  // namespace

Runtime::Runtime(loop::EventLoop* loop, RuntimeOptions options)
    : loop_(loop), options_(std::move(options)) {
  if (!options_.console) options_.console = SpdlogConsoleSink();
}

Runtime::~Runtime() {
  timers_.reset();
  heap_.reset();
}

absl::StatusOr<std::unique_ptr<Runtime>> Runtime::Create(
    loop::EventLoop* loop, RuntimeOptions options) {
  std::unique_ptr<Runtime> runtime(new Runtime(loop, std::move(options)));
  RUNY_RETURN_IF_ERROR(runtime->Init());
  return runtime;
}

absl::Status Runtime::Init() {
  RUNY_ASSIGN_OR_RETURN(heap_, Heap::Create(options_.memory_limit));
  heap_->set_owner(this);
  timers_ = std::make_unique<TimerHost>(
      loop_, [this](double id, double start_ms) { FireTimer(id, start_ms); });
  std::function<void(duk_context*)> install = [this](duk_context* ctx) {
    PushInternal(ctx);
    InstallConsoleNatives(ctx, -1, &options_.console);
    timers_->InstallNatives(ctx, -1);
    duk_pop(ctx);
    InstallProcessGlobal(ctx, options_.process);
    duk_get_global_string(ctx, "Duktape");
    duk_push_string(ctx, "errCreate");
    PushNativeFunction(ctx, &Runtime::ErrCreateHook, 1, this);
    duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WEC);
    duk_pop(ctx);
  };
  duk_context* ctx = heap_->ctx();
  if (duk_safe_call(ctx, &InstallNatives, &install, 0, 1) != DUK_EXEC_SUCCESS) {
    duk_pop(ctx);
    return absl::ResourceExhaustedError("script runtime: install natives");
  }
  duk_pop(ctx);
  return LoadPrelude(ctx);
}

Runtime* Runtime::FromContext(duk_context* ctx) {
  return static_cast<Runtime*>(Heap::OwnerOf(ctx));
}

absl::Status Runtime::RunFile(const std::string& path) {
  RUNY_ASSIGN_OR_RETURN(std::string source, ReadFile(path));
  return RunSource(source, path);
}

absl::Status Runtime::RunSource(absl::string_view source,
                                absl::string_view file_name) {
  if (halted_) {
    return absl::FailedPreconditionError(
        "script runtime halted after an uncaught error");
  }
  LowerOptions lower_options;
  lower_options.module_scope = options_.module_scope;
  // Compiling is under the heap's cap too: the lowering's tree may take as
  // much as the heap.
  lower_options.memory_limit = options_.memory_limit;
  RUNY_ASSIGN_OR_RETURN(std::string code,
                        Lower(source, file_name, lower_options));
  if (module_promise_ != 0) {
    Release(module_promise_);
    module_promise_ = 0;
  }
  return Turn(
      [&](duk_context* ctx) {
        duk_push_lstring(ctx, code.data(), code.size());
        duk_push_lstring(ctx, file_name.data(), file_name.size());
        duk_compile(ctx, 0);
        // Global code's `this` is the global object, in strict code too.
        duk_push_global_object(ctx);
        duk_call_method(ctx, 0);
        // A module body with top-level await evaluates to its promise.
        duk_dup_top(ctx);
        CallInternal(ctx, "isModulePromise", 1);
        if (duk_get_boolean(ctx, -1)) module_promise_ = Retain(ctx, -2);
      },
      false);
}

bool Runtime::TopLevelAwaitPending() {
  if (module_promise_ == 0 || halted_) return false;
  bool pending = false;
  absl::Status status = Turn(
      [&](duk_context* ctx) {
        PushHandle(ctx, module_promise_);
        CallInternal(ctx, "promiseState", 1);
        pending = std::string_view(duk_get_string(ctx, -1)) == "pending";
      },
      true);
  return status.ok() && pending;
}

absl::Status Runtime::Call(HandleId fn, ArgsPusher args) {
  return Call(fn, args, [](duk_context*) {});
}

absl::Status Runtime::Call(HandleId fn, ArgsPusher args, TurnBody on_result) {
  return Turn(
      [&](duk_context* ctx) {
        PushHandle(ctx, fn);
        duk_push_undefined(ctx);
        duk_idx_t nargs = args(ctx);
        duk_call_method(ctx, nargs);
        on_result(ctx);
      },
      false);
}

HandleId Runtime::Retain(duk_context* ctx, duk_idx_t idx) {
  idx = duk_normalize_index(ctx, idx);
  HandleId id = next_handle_id_++;
  PushHandles(ctx);
  duk_dup(ctx, idx);
  duk_put_prop_index(ctx, -2, static_cast<duk_uarridx_t>(id));
  duk_pop(ctx);
  return id;
}

void Runtime::PushHandle(duk_context* ctx, HandleId id) {
  PushHandles(ctx);
  duk_get_prop_index(ctx, -1, static_cast<duk_uarridx_t>(id));
  duk_remove(ctx, -2);
}

void Runtime::Release(HandleId id) {
  duk_context* ctx = heap_->ctx();
  duk_safe_call(ctx, &DeleteHandle, &id, 0, 1);
  duk_pop(ctx);
}

PromiseId Runtime::NewPromise(duk_context* ctx) {
  PromiseId id = next_promise_id_++;
  duk_push_number(ctx, static_cast<double>(id));
  CallInternal(ctx, "newHostPromise", 1);
  host_promises_.insert(id);
  return id;
}

absl::Status Runtime::Resolve(PromiseId id, ValuePusher value) {
  return Settle(id, value, false);
}

absl::Status Runtime::Reject(PromiseId id, ValuePusher reason) {
  return Settle(id, reason, true);
}

absl::Status Runtime::Reject(PromiseId id, absl::string_view error_message) {
  return Settle(
      id,
      [&](duk_context* ctx) {
        // No C file:line: the error stands for the script's own call.
        duk_push_error_object_raw(ctx, DUK_ERR_ERROR, nullptr, 0, "%.*s",
                                  static_cast<int>(error_message.size()),
                                  error_message.data());
      },
      true);
}

void Runtime::Forget(PromiseId id) {
  if (host_promises_.erase(id) == 0 || halted_) return;
  (void)Turn(
      [&](duk_context* ctx) {
        duk_push_number(ctx, static_cast<double>(id));
        CallInternal(ctx, "forgetHostPromise", 1);
      },
      true);
}

absl::Status Runtime::Settle(PromiseId id, ValuePusher value, bool reject) {
  if (host_promises_.erase(id) == 0) {
    return absl::NotFoundError(
        absl::StrCat("script promise ", id, ": unknown or already settled"));
  }
  return Turn(
      [&](duk_context* ctx) {
        duk_push_number(ctx, static_cast<double>(id));
        value(ctx);
        duk_push_boolean(ctx, reject);
        CallInternal(ctx, "settleHostPromise", 3);
      },
      false);
}

absl::Status Runtime::SetGlobal(absl::string_view name, ValuePusher value) {
  return Turn(
      [&](duk_context* ctx) {
        value(ctx);
        duk_put_global_lstring(ctx, name.data(), name.size());
      },
      false);
}

absl::Status Runtime::SetGlobalFunction(absl::string_view name,
                                        duk_c_function fn, duk_idx_t nargs,
                                        void* self) {
  return SetGlobal(name, [&](duk_context* ctx) {
    PushNativeFunction(ctx, fn, nargs, self);
  });
}

absl::Status Runtime::SetModuleExport(absl::string_view module,
                                      absl::string_view name,
                                      ValuePusher value) {
  return Turn(
      [&](duk_context* ctx) {
        duk_push_lstring(ctx, module.data(), module.size());
        CallInternal(ctx, "moduleExports", 1);
        value(ctx);
        duk_put_prop_lstring(ctx, -2, name.data(), name.size());
      },
      false);
}

bool Runtime::HasPendingWork() const {
  if (halted_) return false;
  return timers_->ref_count() > 0 || !host_promises_.empty() ||
         continuation_posted_;
}

size_t Runtime::heap_bytes() const { return heap_->bytes_in_use(); }

}  // namespace runy::script
