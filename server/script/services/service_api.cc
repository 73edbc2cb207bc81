// The JavaScript API of service files: service(), s.run(), and the ctx of a
// run() (process, exec, sleep, log, env, service, dir).
//
// Duktape reports JS errors with longjmp: in the natives below, C++ objects
// with destructors live only in inner scopes that end before the Duktape
// calls that may throw (apart from out-of-memory on a push).
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
#include "server/script/services/service_internal.h"
#include "server/script/services/service_manager.h"

extern char** environ;

namespace runy::script {
namespace {

constexpr char kNameKey[] = "name";
constexpr char kGenerationKey[] = "generation";
constexpr char kOkKey[] = "ok";

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

absl::Status ServiceManager::InstallApi() {
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

void ServiceManager::PushServiceObject(duk_context* ctx,
                                       const std::string& name) {
  duk_push_object(ctx);
  duk_push_lstring(ctx, name.data(), name.size());
  duk_put_prop_string(ctx, -2, "name");
  duk_push_lstring(ctx, name.data(), name.size());
  PutHidden(ctx, kNameKey);
  PutNativeFunction(ctx, -1, "run", &JsServiceRun, 1, this);
}

void ServiceManager::PushCtx(duk_context* ctx, const Service& service) {
  duk_push_object(ctx);
  duk_push_lstring(ctx, service.name.data(), service.name.size());
  duk_put_prop_string(ctx, -2, "service");
  duk_push_lstring(ctx, service.dir.data(), service.dir.size());
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
        Method{"sleep", &JsSleep, 1}, Method{"log", &JsLog, DUK_VARARGS}}) {
    PushNative(ctx, m.fn, m.nargs, this, service.name, service.generation);
    duk_put_prop_string(ctx, -2, m.name);
  }
}

void ServiceManager::AttachRunSettlement(duk_context* ctx,
                                         const std::string& name,
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

duk_ret_t ServiceManager::JsRunSettled(duk_context* ctx) {
  auto* self = static_cast<ServiceManager*>(NativeSelf(ctx));
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
    self->RunSettled(name, generation, status);
  }
  return 0;
}

duk_ret_t ServiceManager::JsService(duk_context* ctx) {
  auto* self = static_cast<ServiceManager*>(NativeSelf(ctx));
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
    } else if (self->loading_declared_ == nullptr) {
      failed = true;
      error = "service() must be called at the top level of a service file";
    } else if (name.type != JsValue::Type::kString) {
      failed = true;
      error =
          absl::StrCat("service() needs a name string, not ", name.TypeName());
    } else {
      auto parsed = ParseServiceOptions(name.string, options);
      if (!parsed.ok()) {
        failed = true;
        error = std::string(parsed.status().message());
      }
      for (const Declared& d : *self->loading_declared_) {
        if (!failed && d.name == name.string) {
          failed = true;
          error = absl::StrCat("service \"", name.string,
                               "\" is declared twice (first at ",
                               d.site.ToString(), ")");
        }
      }
      Service* existing = self->Find(name.string);
      if (!failed && existing != nullptr &&
          existing->site.file != *self->loading_file_) {
        failed = true;
        error = absl::StrCat("service \"", name.string,
                             "\" is already declared at ",
                             existing->site.ToString());
      }
      if (!failed) {
        self->loading_declared_->push_back(
            Declared{name.string, *parsed, site, 0});
        self->PushServiceObject(ctx, name.string);
      }
    }
    if (failed) {
      std::string message = absl::StrCat(error, " (at ", site.ToString(), ")");
      duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", message.c_str());
    }
  }
  if (failed) return duk_throw(ctx);
  return 1;
}

duk_ret_t ServiceManager::JsServiceRun(duk_context* ctx) {
  auto* self = static_cast<ServiceManager*>(NativeSelf(ctx));
  bool failed = false;
  duk_push_this(ctx);
  PushHiddenSymbol(ctx, kNameKey);
  duk_get_prop(ctx, -2);
  {
    std::string name = duk_get_string_default(ctx, -1, "");
    std::string error;
    Declared* declared = nullptr;
    if (self->loading_declared_ != nullptr) {
      for (Declared& d : *self->loading_declared_) {
        if (d.name == name) declared = &d;
      }
    }
    if (name.empty()) {
      error = "run() must be called on a service: s.run(async (ctx) => {...})";
    } else if (declared == nullptr) {
      error =
          absl::StrCat("run() of service \"", name,
                       "\" must be called while its file loads (at top level)");
    } else if (!duk_is_function(ctx, 0)) {
      error = absl::StrCat("run() of service \"", name, "\" needs a function");
    } else if (declared->run_fn != 0) {
      error = absl::StrCat("run() of service \"", name, "\" is called twice");
    } else {
      declared->run_fn = self->runtime_->Retain(ctx, 0);
    }
    failed = !error.empty();
    if (failed) duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", error.c_str());
  }
  if (failed) return duk_throw(ctx);
  duk_push_this(ctx);
  return 1;
}

namespace {

// The ctx method being called: its service, its run and where it was
// called from. Never throws (beyond out-of-memory).
struct CtxCall {
  std::string name;
  uint64_t generation = 0;
  std::string file;
  int line = 0;
  std::string where() const {
    return line > 0 ? absl::StrCat(file, ":", line) : file;
  }
};

void ReadCtxCall(duk_context* ctx, CtxCall* call) {
  ReadCaller(ctx, &call->name, &call->generation);
  SiteArgs site_args{&call->file, &call->line};
  duk_safe_call(ctx, &CallSiteTrampoline, &site_args, 0, 1);
  duk_pop(ctx);
}

// ctx.process and ctx.exec: a promise now, the work done by `start` (or an
// error settled) once the options are read.
template <typename Start>
duk_ret_t CtxPromiseCall(duk_context* ctx, ServiceManager* self,
                         const char* method, PromiseId promise, Start start) {
  {
    CtxCall call;
    ReadCtxCall(ctx, &call);
    JsValue options;
    std::string error;
    if (!self->IsCurrent(call.name, call.generation)) {
      self->SettleError(promise,
                        absl::StrCat(method, ": service \"", call.name,
                                     "\" was stopped (at ", call.where(), ")"));
    } else if (!ReadJsValue(ctx, 0, &options, &error)) {
      self->SettleError(
          promise, absl::StrCat(method, ": ", error, " (service ", call.name,
                                ", at ", call.where(), ")"));
    } else {
      start(call.name, call.generation, options, call.file, call.line);
    }
  }
  return 1;
}

}  // namespace

duk_ret_t ServiceManager::JsProcess(duk_context* ctx) {
  auto* self = static_cast<ServiceManager*>(NativeSelf(ctx));
  PromiseId promise = self->runtime_->NewPromise(ctx);
  return CtxPromiseCall(
      ctx, self, "ctx.process", promise,
      [&](const std::string& name, uint64_t generation, const JsValue& options,
          const std::string& file, int line) {
        self->DefineProcess(self->Current(name, generation), options,
                            CallSite{file, line}, promise);
      });
}

void ServiceManager::DefineProcess(Service* service, const JsValue& options,
                                   const CallSite& site, PromiseId promise) {
  auto fail = [&](absl::string_view what) {
    SettleError(promise,
                absl::StrCat("ctx.process: ", what, " (service ", service->name,
                             ", at ", site.ToString(), ")"));
  };
  absl::StatusOr<engine::ProcessSpec> spec =
      ParseProcessOptions(options, service->dir);
  if (!spec.ok()) return fail(spec.status().message());
  spec->service = service->name;
  for (const std::string& alias : service->aliases) {
    if (alias == spec->alias) {
      return fail(absl::StrCat("alias \"", alias,
                               "\" is already used by this service"));
    }
  }
  if (services_.count(spec->alias) != 0 && spec->alias != service->name) {
    return fail(absl::StrCat("alias \"", spec->alias,
                             "\" is the name of another service"));
  }
  std::string alias = spec->alias;
  // Taken now, so a second ctx.process with this alias fails at once;
  // given back if the engine refuses the definition.
  service->aliases.push_back(alias);
  MarkChanged();
  std::string name = service->name;
  uint64_t generation = service->generation;
  std::string where = site.ToString();
  port_->DefineAndStart(*std::move(spec), [this, name, generation, alias, where,
                                           promise](absl::Status defined,
                                                    absl::StatusOr<int> pid) {
    std::string error;
    if (!defined.ok()) {
      error = std::string(defined.message());
      if (Service* s = Current(name, generation)) {
        auto it = std::find(s->aliases.begin(), s->aliases.end(), alias);
        if (it != s->aliases.end()) {
          s->aliases.erase(it);
          MarkChanged();
        }
      }
    } else if (!pid.ok()) {
      error = absl::StrCat("start ", alias, ": ", pid.status().message());
    }
    if (!error.empty()) {
      SettleError(promise, absl::StrCat("ctx.process: ", error, " (service ",
                                        name, ", at ", where, ")"));
      return;
    }
    int p = *pid;
    Settle(
        promise,
        [alias, p](duk_context* ctx) {
          duk_push_object(ctx);
          duk_push_lstring(ctx, alias.data(), alias.size());
          duk_put_prop_string(ctx, -2, "alias");
          duk_push_int(ctx, p);
          duk_put_prop_string(ctx, -2, "pid");
        },
        false);
  });
}

duk_ret_t ServiceManager::JsExec(duk_context* ctx) {
  auto* self = static_cast<ServiceManager*>(NativeSelf(ctx));
  PromiseId promise = self->runtime_->NewPromise(ctx);
  return CtxPromiseCall(
      ctx, self, "ctx.exec", promise,
      [&](const std::string& name, uint64_t generation, const JsValue& options,
          const std::string& file, int line) {
        self->StartExec(self->Current(name, generation), options,
                        CallSite{file, line}, promise);
      });
}

void ServiceManager::StartExec(Service* service, const JsValue& options,
                               const CallSite& site, PromiseId promise) {
  absl::StatusOr<ExecOptions> parsed = ParseExecOptions(options, service->dir);
  if (!parsed.ok()) {
    SettleError(promise, absl::StrCat("ctx.exec: ", parsed.status().message(),
                                      " (service ", service->name, ", at ",
                                      site.ToString(), ")"));
    return;
  }
  std::string name = service->name;
  uint64_t generation = service->generation;
  std::string where = site.ToString();
  // The id is known before the command runs, so a stop can cancel it
  // (SignalExec) even before the engine has spawned it.
  auto id = std::make_shared<EnginePort::ExecId>(0);
  *id = port_->Exec(
      parsed->command, ExecLogName(name),
      [this, name, generation, promise, where,
       id](absl::StatusOr<engine::ExitInfo> exit) {
        Service* s = Current(name, generation);
        if (s == nullptr) return;  // cancelled: the promise was forgotten
        s->execs.erase(*id);
        if (auto t = s->exec_timeouts.find(*id); t != s->exec_timeouts.end()) {
          loop_->CancelTimer(t->second);
          s->exec_timeouts.erase(t);
        }
        if (!exit.ok()) {
          SettleError(promise,
                      absl::StrCat("ctx.exec: ", exit.status().message(),
                                   " (service ", name, ", at ", where, ")"));
          return;
        }
        int code = exit->code;
        std::string signal =
            exit->signal != 0 ? engine::SignalName(exit->signal) : "";
        Settle(
            promise,
            [code, signal](duk_context* ctx) {
              duk_push_object(ctx);
              if (signal.empty()) {
                duk_push_int(ctx, code);
              } else {
                duk_push_null(ctx);
              }
              duk_put_prop_string(ctx, -2, "code");
              if (signal.empty()) {
                duk_push_null(ctx);
              } else {
                duk_push_lstring(ctx, signal.data(), signal.size());
              }
              duk_put_prop_string(ctx, -2, "signal");
            },
            false);
      });
  EnginePort::ExecId exec = *id;
  service->execs[exec] = promise;
  if (parsed->timeout != absl::InfiniteDuration()) {
    service->exec_timeouts[exec] =
        loop_->AddTimerAfter(parsed->timeout, [this, name, generation, exec] {
          if (Service* s = Current(name, generation)) {
            s->exec_timeouts.erase(exec);
            port_->SignalExec(exec, SIGKILL);
          }
        });
  }
}

duk_ret_t ServiceManager::JsSleep(duk_context* ctx) {
  auto* self = static_cast<ServiceManager*>(NativeSelf(ctx));
  double ms = duk_is_number(ctx, 0) ? duk_get_number(ctx, 0) : -1;
  PromiseId promise = self->runtime_->NewPromise(ctx);
  {
    std::string name;
    uint64_t generation = 0;
    ReadCaller(ctx, &name, &generation);
    Service* service = self->Current(name, generation);
    if (service == nullptr) {
      self->SettleError(promise, absl::StrCat("ctx.sleep: service \"", name,
                                              "\" was stopped"));
    } else if (!(ms >= 0) || std::isinf(ms)) {
      self->SettleError(promise,
                        "ctx.sleep: needs a number of milliseconds >= 0");
    } else {
      auto timer = std::make_shared<loop::EventLoop::TimerId>(0);
      *timer = self->loop_->AddTimerAfter(
          absl::Milliseconds(ms), [self, name, generation, promise, timer] {
            if (Service* s = self->Current(name, generation))
              s->sleeps.erase(*timer);
            self->Settle(
                promise, [](duk_context* c) { duk_push_undefined(c); }, false);
          });
      service->sleeps[*timer] = promise;
    }
  }
  return 1;
}

duk_ret_t ServiceManager::JsLog(duk_context* ctx) {
  auto* self = static_cast<ServiceManager*>(NativeSelf(ctx));
  CallInternal(ctx, "format", duk_get_top(ctx));
  duk_size_t len = 0;
  const char* text = duk_get_lstring(ctx, -1, &len);
  {
    std::string name;
    uint64_t generation = 0;
    ReadCaller(ctx, &name, &generation);
    std::string line(text != nullptr ? text : "", len);
    line.push_back('\n');
    self->port_->Output(name, std::move(line));
  }
  return 0;
}

void ServiceManager::Settle(PromiseId promise,
                            std::function<void(duk_context*)> value,
                            bool reject) {
  // Natives run inside a turn; settling is a turn of its own.
  loop_->Post([this, promise, value = std::move(value), reject] {
    absl::Status status = reject ? runtime_->Reject(promise, value)
                                 : runtime_->Resolve(promise, value);
    (void)status;  // NotFound: forgotten by a stop in the meantime
  });
}

void ServiceManager::SettleError(PromiseId promise, std::string message) {
  loop_->Post([this, promise, message = std::move(message)] {
    (void)runtime_->Reject(promise, message);
  });
}

}  // namespace runy::script
