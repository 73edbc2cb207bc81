// The JavaScript API of service files (service_api.h).
//
// Duktape reports JS errors with longjmp: in the natives below, C++ objects
// with destructors live only in inner scopes that end before the Duktape
// calls that may throw (apart from out-of-memory on a push).
#include "server/script/services/service_api.h"

#include <signal.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/names.h"
#include "server/script/js_error.h"
#include "server/script/native.h"
#include "server/script/prelude.h"
#include "server/script/services/js_value.h"

extern char** environ;

namespace runy::script {
namespace {

constexpr char kNameKey[] = "name";
constexpr char kGenerationKey[] = "generation";
constexpr char kOkKey[] = "ok";
constexpr char kAliasKey[] = "alias";
constexpr char kOpKey[] = "op";
constexpr char kVerdictKey[] = "verdict";

// Whether the value at `idx` is a RegExp; if so, its source and flags.
bool ReadRegExp(duk_context* ctx, duk_idx_t idx, ProbeRaw* raw) {
  idx = duk_normalize_index(ctx, idx);
  if (!duk_is_object(ctx, idx) || duk_is_function(ctx, idx)) return false;
  duk_get_global_string(ctx, "RegExp");
  bool is = duk_instanceof(ctx, idx, -1) != 0;
  duk_pop(ctx);
  if (!is) return false;
  raw->is_regex = true;
  duk_get_prop_string(ctx, idx, "source");
  raw->source = duk_safe_to_string(ctx, -1);
  duk_pop(ctx);
  duk_get_prop_string(ctx, idx, "flags");
  raw->flags = duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : "";
  duk_pop(ctx);
  return true;
}

// A probe option (`ready`, `health`) of the options object at index 0:
// its function (retained) or its log RegExp.
void ReadProbeRaw(duk_context* ctx, Runtime* runtime, const char* key,
                  ProbeRaw* raw) {
  if (!duk_is_object(ctx, 0)) return;
  duk_get_prop_string(ctx, 0, key);
  if (duk_is_function(ctx, -1)) {
    raw->function = runtime->Retain(ctx, -1);
  } else if (duk_is_object(ctx, -1)) {
    duk_get_prop_string(ctx, -1, "fn");
    if (duk_is_function(ctx, -1)) raw->function = runtime->Retain(ctx, -1);
    duk_pop(ctx);
    duk_get_prop_string(ctx, -1, "log");
    ReadRegExp(ctx, -1, raw);
    duk_pop(ctx);
  }
  duk_pop(ctx);
}

// Sets a hidden property of the object at the top of the stack.
void PutHidden(duk_context* ctx, const char* key) {
  // [obj value] → [obj]
  PushHiddenSymbol(ctx, key);
  duk_swap_top(ctx, -2);
  duk_put_prop(ctx, -3);
}

// Reads hidden properties of the current function: the service it belongs
// to and the run (generation) it was made for.
void ReadCaller(duk_context* ctx, std::string* name, uint64_t* generation) {
  duk_push_current_function(ctx);
  PushHiddenSymbol(ctx, kNameKey);
  duk_get_prop(ctx, -2);
  *name = duk_get_string_default(ctx, -1, "");
  duk_pop(ctx);
  PushHiddenSymbol(ctx, kGenerationKey);
  duk_get_prop(ctx, -2);
  *generation = static_cast<uint64_t>(duk_get_number_default(ctx, -1, 0));
  duk_pop_2(ctx);
}

struct SiteArgs {
  std::string* file;
  int* line;
};

// The file:line of whoever called the current native function.
duk_ret_t CallSiteTrampoline(duk_context* ctx, void* udata) {
  auto* args = static_cast<SiteArgs*>(udata);
  duk_inspect_callstack_entry(ctx, -2);
  if (!duk_is_object(ctx, -1)) return 0;
  duk_get_prop_string(ctx, -1, "lineNumber");
  *args->line = duk_get_int_default(ctx, -1, 0);
  duk_pop(ctx);
  duk_get_prop_string(ctx, -1, "function");
  duk_get_prop_string(ctx, -1, "fileName");
  *args->file = duk_get_string_default(ctx, -1, "");
  return 0;
}

void PushNative(duk_context* ctx, duk_c_function fn, duk_idx_t nargs,
                void* self, const std::string& name, uint64_t generation) {
  PushNativeFunction(ctx, fn, nargs, self);
  duk_push_lstring(ctx, name.data(), name.size());
  PutHidden(ctx, kNameKey);
  duk_push_number(ctx, static_cast<double>(generation));
  PutHidden(ctx, kGenerationKey);
}

void PushEnv(duk_context* ctx) {
  duk_push_object(ctx);
  for (char** e = environ; *e != nullptr; ++e) {
    const char* eq = std::strchr(*e, '=');
    if (eq == nullptr) continue;
    duk_push_string(ctx, eq + 1);
    duk_put_prop_lstring(ctx, -2, *e, static_cast<duk_size_t>(eq - *e));
  }
}

}  // namespace

std::string CallSite::ToString() const {
  return line > 0 ? absl::StrCat(file, ":", line) : file;
}

absl::Status ServiceApi::Install() {
  absl::Status status =
      runtime_->SetGlobalFunction("service", &JsService, 2, this);
  if (!status.ok()) return status;
  auto push_service = [](duk_context* ctx) {
    duk_get_global_string(ctx, "service");
  };
  status = runtime_->SetModuleExport("runy", "service", push_service);
  if (!status.ok()) return status;
  return runtime_->SetModuleExport("runy", "default", [](duk_context* ctx) {
    duk_push_object(ctx);
    duk_get_global_string(ctx, "service");
    duk_put_prop_string(ctx, -2, "service");
  });
}

void ServiceApi::PushServiceObject(duk_context* ctx, const std::string& name) {
  duk_push_object(ctx);
  duk_push_lstring(ctx, name.data(), name.size());
  duk_put_prop_string(ctx, -2, "name");
  duk_push_lstring(ctx, name.data(), name.size());
  PutHidden(ctx, kNameKey);
  PutNativeFunction(ctx, -1, "run", &JsServiceRun, 1, this);
  PutNativeFunction(ctx, -1, "on", &JsServiceOn, 2, this);
}

duk_ret_t ServiceApi::JsServiceOn(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  bool failed = false;
  duk_push_this(ctx);
  PushHiddenSymbol(ctx, kNameKey);
  duk_get_prop(ctx, -2);
  {
    std::string name = duk_get_string_default(ctx, -1, "");
    std::string event = duk_is_string(ctx, 0) ? duk_get_string(ctx, 0) : "";
    std::string error;
    if (name.empty()) {
      error = "on() must be called on a service: s.on(\"exit\", fn)";
    } else if (!duk_is_function(ctx, 1)) {
      error = absl::StrCat("on(\"", event, "\") of service \"", name,
                           "\" needs a function");
    } else {
      HandleId fn = self->runtime_->Retain(ctx, 1);
      error = self->delegate_->AddListener(name, event, fn);
      if (!error.empty()) self->runtime_->Release(fn);
    }
    failed = !error.empty();
    if (failed) duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", error.c_str());
  }
  if (failed) return duk_throw(ctx);
  duk_push_this(ctx);
  return 1;
}

void ServiceApi::PushCtx(duk_context* ctx, const std::string& service,
                         const std::string& dir, uint64_t generation) {
  duk_push_object(ctx);
  // ctx.service: a function (ctx.service("db").ready()) that reads as the
  // service's name in strings (`${ctx.service}`).
  PushNative(ctx, &JsCtxService, 1, this, service, generation);
  for (const char* key : {"toString", "valueOf", "toJSON"}) {
    PushNative(ctx, &JsNameOfThis, 0, this, service, generation);
    duk_put_prop_string(ctx, -2, key);
  }
  duk_put_prop_string(ctx, -2, "service");
  duk_push_lstring(ctx, dir.data(), dir.size());
  duk_put_prop_string(ctx, -2, "dir");
  PushEnv(ctx);
  duk_put_prop_string(ctx, -2, "env");
  struct Method {
    const char* name;
    duk_c_function fn;
    duk_idx_t nargs;
  };
  for (const Method& m :
       {Method{"process", &JsProcess, 1}, Method{"exec", &JsExec, 1},
        Method{"sleep", &JsSleep, 1}, Method{"log", &JsLog, DUK_VARARGS},
        Method{"schedule", &JsSchedule, 3}}) {
    PushNative(ctx, m.fn, m.nargs, this, service, generation);
    duk_put_prop_string(ctx, -2, m.name);
  }
}

void ServiceApi::AttachRunSettlement(duk_context* ctx, const std::string& name,
                                     uint64_t generation) {
  // Promise.resolve(result).then(ok, err)
  duk_get_global_string(ctx, "Promise");
  duk_push_string(ctx, "resolve");
  duk_dup(ctx, -3);
  duk_call_prop(ctx, -3, 1);
  duk_push_string(ctx, "then");
  for (int ok = 1; ok >= 0; --ok) {
    PushNative(ctx, &JsRunSettled, 1, this, name, generation);
    duk_push_boolean(ctx, ok);
    PutHidden(ctx, kOkKey);
  }
  duk_call_prop(ctx, -4, 2);
  duk_pop_3(ctx);
}

duk_ret_t ServiceApi::JsRunSettled(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  duk_push_current_function(ctx);
  PushHiddenSymbol(ctx, kOkKey);
  duk_get_prop(ctx, -2);
  bool ok = duk_get_boolean(ctx, -1);
  duk_pop_2(ctx);
  {
    std::string name;
    uint64_t generation = 0;
    ReadCaller(ctx, &name, &generation);
    absl::Status status =
        ok ? absl::OkStatus() : JsErrorToStatus(DescribeJsError(ctx, 0));
    self->delegate_->RunSettled(name, generation, status);
  }
  return 0;
}

duk_ret_t ServiceApi::JsService(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  bool failed = false;
  {
    JsValue name, options;
    std::string error;
    std::string file;
    int line = 0;
    SiteArgs site_args{&file, &line};
    duk_safe_call(ctx, &CallSiteTrampoline, &site_args, 0, 1);
    duk_pop(ctx);
    CallSite site{file, line};
    if (!ReadJsValue(ctx, 0, &name, &error) ||
        !ReadJsValue(ctx, 1, &options, &error)) {
      failed = true;
    } else {
      error = self->delegate_->Declare(name, options, site);
      failed = !error.empty();
      if (!failed) self->PushServiceObject(ctx, name.string);
    }
    if (failed) {
      std::string message = absl::StrCat(error, " (at ", site.ToString(), ")");
      duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", message.c_str());
    }
  }
  if (failed) return duk_throw(ctx);
  return 1;
}

duk_ret_t ServiceApi::JsServiceRun(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  bool failed = false;
  duk_push_this(ctx);
  PushHiddenSymbol(ctx, kNameKey);
  duk_get_prop(ctx, -2);
  {
    std::string name = duk_get_string_default(ctx, -1, "");
    std::string error;
    if (name.empty()) {
      error = "run() must be called on a service: s.run(async (ctx) => {...})";
    } else {
      error = self->delegate_->CanSetRun(name);
      if (error.empty() && !duk_is_function(ctx, 0)) {
        error =
            absl::StrCat("run() of service \"", name, "\" needs a function");
      }
      if (error.empty()) {
        self->delegate_->SetRun(name, self->runtime_->Retain(ctx, 0));
      }
    }
    failed = !error.empty();
    if (failed) duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", error.c_str());
  }
  if (failed) return duk_throw(ctx);
  duk_push_this(ctx);
  return 1;
}

namespace {

// The ctx method being called. Never throws (beyond out-of-memory).
void ReadCtxCall(duk_context* ctx, CtxCall* call) {
  ReadCaller(ctx, &call->service, &call->generation);
  SiteArgs site_args{&call->site.file, &call->site.line};
  duk_safe_call(ctx, &CallSiteTrampoline, &site_args, 0, 1);
  duk_pop(ctx);
}

}  // namespace

template <typename Request>
duk_ret_t ServiceApi::PromiseCall(duk_context* ctx, const char* method,
                                  Request request) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  PromiseId promise = self->runtime_->NewPromise(ctx);
  {
    CtxCall call;
    ReadCtxCall(ctx, &call);
    JsValue options;
    std::string error;
    if (!self->delegate_->IsCurrent(call.service, call.generation)) {
      self->SettleError(
          promise,
          absl::StrCat(method, ": service \"", call.service,
                       "\" was stopped (at ", call.site.ToString(), ")"));
    } else if (!ReadJsValue(ctx, 0, &options, &error)) {
      self->SettleError(
          promise, absl::StrCat(method, ": ", error, " (service ", call.service,
                                ", at ", call.site.ToString(), ")"));
    } else {
      request(self->delegate_, call, options, promise);
    }
  }
  return 1;
}

duk_ret_t ServiceApi::JsProcess(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  auto raw = std::make_shared<ProcessRaw>();
  ReadProbeRaw(ctx, self->runtime_, "ready", &raw->ready);
  ReadProbeRaw(ctx, self->runtime_, "health", &raw->health);
  if (duk_is_object(ctx, 0)) {
    duk_get_prop_string(ctx, 0, "onExit");
    if (duk_is_function(ctx, -1))
      raw->on_exit = self->runtime_->Retain(ctx, -1);
    duk_pop(ctx);
    duk_get_prop_string(ctx, 0, "onWatch");
    if (duk_is_function(ctx, -1)) {
      raw->on_watch = self->runtime_->Retain(ctx, -1);
    }
    duk_pop(ctx);
  }
  return PromiseCall(ctx, "ctx.process",
                     [raw](Delegate* d, const CtxCall& call,
                           const JsValue& options, PromiseId promise) {
                       d->RequestProcess(call, options, *raw, promise);
                     });
}

namespace {
std::string HiddenOfCurrent(duk_context* ctx, const char* key);
}  // namespace

duk_ret_t ServiceApi::JsNameOfThis(duk_context* ctx) {
  std::string name;
  uint64_t generation = 0;
  ReadCaller(ctx, &name, &generation);
  duk_push_lstring(ctx, name.data(), name.size());
  return 1;
}

duk_ret_t ServiceApi::JsCtxService(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  std::string caller;
  uint64_t generation = 0;
  ReadCaller(ctx, &caller, &generation);
  bool named = duk_is_string(ctx, 0);
  if (!named) {
    duk_push_error_object(ctx, DUK_ERR_TYPE_ERROR,
                          "ctx.service(name) needs a service name");
    return duk_throw(ctx);
  }
  duk_push_object(ctx);
  duk_dup(ctx, 0);
  duk_put_prop_string(ctx, -2, "name");
  PushNative(ctx, &JsServiceReady, 0, self, caller, generation);
  duk_dup(ctx, 0);
  PutHidden(ctx, kAliasKey);
  duk_put_prop_string(ctx, -2, "ready");
  return 1;
}

duk_ret_t ServiceApi::JsServiceReady(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  PromiseId promise = self->runtime_->NewPromise(ctx);
  {
    std::string name = HiddenOfCurrent(ctx, kAliasKey);
    CtxCall call;
    ReadCtxCall(ctx, &call);
    if (!self->delegate_->IsCurrent(call.service, call.generation)) {
      self->SettleError(promise, absl::StrCat("ctx.service(\"", name,
                                              "\").ready(): service \"",
                                              call.service, "\" was stopped"));
    } else {
      self->delegate_->RequestServiceReady(call, name, promise);
    }
  }
  return 1;
}

void ServiceApi::PushProcessHandle(duk_context* ctx, const std::string& service,
                                   uint64_t generation,
                                   const std::string& alias) {
  duk_push_object(ctx);
  duk_push_lstring(ctx, alias.data(), alias.size());
  duk_put_prop_string(ctx, -2, "alias");
  for (const char* field : {"pid", "state", "restarts", "run"}) {
    duk_push_string(ctx, field);
    PushNative(ctx, &JsHandleGet, 0, this, service, generation);
    duk_push_lstring(ctx, alias.data(), alias.size());
    PutHidden(ctx, kAliasKey);
    duk_push_string(ctx, field);
    PutHidden(ctx, kOpKey);
    duk_def_prop(ctx, -3,
                 DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_SET_ENUMERABLE |
                     DUK_DEFPROP_SET_CONFIGURABLE);
  }
  for (const char* op :
       {"ready", "exited", "waitForLog", "stop", "restart", "signal"}) {
    PushNative(ctx, &JsHandleCall, 2, this, service, generation);
    duk_push_lstring(ctx, alias.data(), alias.size());
    PutHidden(ctx, kAliasKey);
    duk_push_string(ctx, op);
    PutHidden(ctx, kOpKey);
    duk_put_prop_string(ctx, -2, op);
  }
}

namespace {

// The hidden string `key` of the current function.
std::string HiddenOfCurrent(duk_context* ctx, const char* key) {
  duk_push_current_function(ctx);
  PushHiddenSymbol(ctx, key);
  duk_get_prop(ctx, -2);
  std::string value = duk_get_string_default(ctx, -1, "");
  duk_pop_2(ctx);
  return value;
}

}  // namespace

duk_ret_t ServiceApi::JsHandleGet(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  int number = 0;
  bool is_number = true;
  const char* state = "stopped";
  {
    std::string alias = HiddenOfCurrent(ctx, kAliasKey);
    std::string field = HiddenOfCurrent(ctx, kOpKey);
    const engine::ProcessSnapshot* s = self->delegate_->HandleSnapshot(alias);
    if (field == "state") {
      is_number = false;
      if (s != nullptr) state = engine::StateName(s->state);
    } else if (s != nullptr) {
      number = field == "pid"        ? s->pid
               : field == "restarts" ? s->restarts
                                     : s->run;
    }
  }
  if (is_number) {
    duk_push_int(ctx, number);
  } else {
    duk_push_string(ctx, state);
  }
  return 1;
}

duk_ret_t ServiceApi::JsHandleCall(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  PromiseId promise = self->runtime_->NewPromise(ctx);
  {
    std::string alias = HiddenOfCurrent(ctx, kAliasKey);
    std::string op = HiddenOfCurrent(ctx, kOpKey);
    CtxCall call;
    ReadCtxCall(ctx, &call);
    ProbeRaw raw;
    ReadRegExp(ctx, 0, &raw);
    JsValue arg, options;
    std::string error;
    std::string method = absl::StrCat(alias, ".", op);
    if (!self->delegate_->IsCurrent(call.service, call.generation)) {
      self->SettleError(
          promise,
          absl::StrCat(method, ": service \"", call.service,
                       "\" was stopped (at ", call.site.ToString(), ")"));
    } else if (!ReadJsValue(ctx, 0, &arg, &error) ||
               !ReadJsValue(ctx, 1, &options, &error)) {
      self->SettleError(promise, absl::StrCat(method, ": ", error, " (at ",
                                              call.site.ToString(), ")"));
    } else {
      self->delegate_->RequestHandle(call, alias, op, arg, options, raw,
                                     promise);
    }
  }
  return 1;
}

void ServiceApi::CallForVerdict(HandleId fn, Verdict done) {
  CallAndWait(fn, [done](const absl::Status& status, bool truthy,
                         const std::string& shown, const JsValue&) {
    if (!status.ok()) {
      done(false, std::string(status.message()));
    } else {
      done(truthy, truthy ? "passed" : absl::StrCat("returned ", shown));
    }
  });
}

void ServiceApi::CallAndWait(HandleId fn, Settled done,
                             std::function<void(duk_context*)> arg) {
  uint64_t id = next_verdict_++;
  verdicts_[id] = std::move(done);
  // A turn of its own: never from inside the caller's.
  loop_->Post([this, fn, id, arg = std::move(arg)] {
    absl::Status called = runtime_->Call(
        fn,
        [&](duk_context* ctx) -> duk_idx_t {
          if (!arg) return 0;
          arg(ctx);
          return 1;
        },
        [this, id](duk_context* ctx) {
          // Promise.resolve(result).then(ok, err)
          duk_get_global_string(ctx, "Promise");
          duk_push_string(ctx, "resolve");
          duk_dup(ctx, -3);
          duk_call_prop(ctx, -3, 1);
          duk_push_string(ctx, "then");
          for (int ok = 1; ok >= 0; --ok) {
            PushNativeFunction(ctx, &JsVerdict, 1, this);
            duk_push_number(ctx, static_cast<double>(id));
            PutHidden(ctx, kVerdictKey);
            duk_push_boolean(ctx, ok);
            PutHidden(ctx, kOkKey);
          }
          duk_call_prop(ctx, -4, 2);
          duk_pop_3(ctx);
        });
    if (!called.ok()) {  // it threw before returning
      auto it = verdicts_.find(id);
      if (it == verdicts_.end()) return;
      Settled settled = std::move(it->second);
      verdicts_.erase(it);
      settled(called, false, "", JsValue{});
    }
  });
}

duk_ret_t ServiceApi::JsVerdict(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  duk_push_current_function(ctx);
  PushHiddenSymbol(ctx, kVerdictKey);
  duk_get_prop(ctx, -2);
  auto id = static_cast<uint64_t>(duk_get_number_default(ctx, -1, 0));
  duk_pop(ctx);
  PushHiddenSymbol(ctx, kOkKey);
  duk_get_prop(ctx, -2);
  bool ok = duk_get_boolean(ctx, -1);
  duk_pop_2(ctx);
  duk_dup(ctx, 0);  // duk_to_boolean coerces in place
  bool truthy = ok && duk_to_boolean(ctx, -1);
  duk_pop(ctx);
  {
    absl::Status status = absl::OkStatus();
    std::string shown;
    JsValue value;
    if (!ok) {
      status = JsErrorToStatus(DescribeJsError(ctx, 0));
    } else {
      std::string error;
      ReadJsValue(ctx, 0, &value, &error);
      duk_dup(ctx, 0);
      shown = duk_safe_to_string(ctx, -1);
      duk_pop(ctx);
    }
    auto it = self->verdicts_.find(id);
    if (it != self->verdicts_.end()) {
      Settled settled = std::move(it->second);
      self->verdicts_.erase(it);
      // Acted on outside this turn.
      self->loop_->Post([settled, status, truthy, shown, value] {
        settled(status, truthy, shown, value);
      });
    }
  }
  return 0;
}

duk_ret_t ServiceApi::JsExec(duk_context* ctx) {
  return PromiseCall(
      ctx, "ctx.exec",
      [](Delegate* d, const CtxCall& call, const JsValue& options,
         PromiseId promise) { d->RequestExec(call, options, promise); });
}

duk_ret_t ServiceApi::JsSleep(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  double ms = duk_is_number(ctx, 0) ? duk_get_number(ctx, 0) : -1;
  PromiseId promise = self->runtime_->NewPromise(ctx);
  {
    CtxCall call;
    ReadCaller(ctx, &call.service, &call.generation);
    if (!self->delegate_->IsCurrent(call.service, call.generation)) {
      self->SettleError(promise, absl::StrCat("ctx.sleep: service \"",
                                              call.service, "\" was stopped"));
    } else if (!(ms >= 0) || std::isinf(ms)) {
      self->SettleError(promise,
                        "ctx.sleep: needs a number of milliseconds >= 0");
    } else {
      self->delegate_->RequestSleep(call, absl::Milliseconds(ms), promise);
    }
  }
  return 1;
}

duk_ret_t ServiceApi::JsSchedule(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  bool failed = false;
  {
    CtxCall call;
    ReadCtxCall(ctx, &call);
    JsValue when, options;
    std::string error;
    if (!self->delegate_->IsCurrent(call.service, call.generation)) {
      error = absl::StrCat("ctx.schedule: service \"", call.service,
                           "\" was stopped");
    } else if (!duk_is_function(ctx, 1)) {
      error =
          "ctx.schedule needs a function to run: ctx.schedule(when, "
          "async () => { ... })";
    } else if (!ReadJsValue(ctx, 0, &when, &error) ||
               !ReadJsValue(ctx, 2, &options, &error)) {
      error = absl::StrCat("ctx.schedule: ", error);
    } else {
      HandleId fn = self->runtime_->Retain(ctx, 1);
      error = self->delegate_->RequestSchedule(call, when, fn, options);
      if (!error.empty()) self->runtime_->Release(fn);
    }
    failed = !error.empty();
    if (failed) {
      std::string message = absl::StrCat(error, " (service ", call.service,
                                         ", at ", call.site.ToString(), ")");
      duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", message.c_str());
    }
  }
  if (failed) return duk_throw(ctx);
  return 0;
}

duk_ret_t ServiceApi::JsLog(duk_context* ctx) {
  auto* self = static_cast<ServiceApi*>(NativeSelf(ctx));
  CallInternal(ctx, "format", duk_get_top(ctx));
  duk_size_t len = 0;
  const char* text = duk_get_lstring(ctx, -1, &len);
  {
    std::string name;
    uint64_t generation = 0;
    ReadCaller(ctx, &name, &generation);
    std::string line(text != nullptr ? text : "", len);
    line.push_back('\n');
    self->delegate_->Log(name, std::move(line));
  }
  return 0;
}

void ServiceApi::Settle(PromiseId promise,
                        std::function<void(duk_context*)> value, bool reject) {
  // Natives run inside a turn; settling is a turn of its own.
  loop_->Post([this, promise, value = std::move(value), reject] {
    absl::Status status = reject ? runtime_->Reject(promise, value)
                                 : runtime_->Resolve(promise, value);
    (void)status;  // NotFound: forgotten by a stop in the meantime
  });
}

void ServiceApi::SettleError(PromiseId promise, std::string message) {
  loop_->Post([this, promise, message = std::move(message)] {
    (void)runtime_->Reject(promise, message);
  });
}

}  // namespace runy::script
