// What the JavaScript API asks of the service layer (ServiceApi::Delegate):
// declarations while a file loads, and the processes, commands and sleeps
// of a run().
#include <signal.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/names.h"
#include "server/script/services/options.h"
#include "server/script/services/service_internal.h"
#include "server/script/services/service_manager.h"

namespace runy::script {

std::string ServiceManager::Declare(const JsValue& name, const JsValue& options,
                                    const CallSite& site) {
  if (loading_declared_ == nullptr) {
    return "service() must be called at the top level of a service file";
  }
  if (name.type != JsValue::Type::kString) {
    return absl::StrCat("service() needs a name string, not ", name.TypeName());
  }
  auto parsed = ParseServiceOptions(name.string, options);
  if (!parsed.ok()) return std::string(parsed.status().message());
  for (const Declared& d : *loading_declared_) {
    if (d.name == name.string) {
      return absl::StrCat("service \"", name.string,
                          "\" is declared twice (first at ", d.site.ToString(),
                          ")");
    }
  }
  Service* existing = Find(name.string);
  if (existing != nullptr && existing->site.file != *loading_file_) {
    return absl::StrCat("service \"", name.string, "\" is already declared at ",
                        existing->site.ToString());
  }
  loading_declared_->push_back(Declared{name.string, *parsed, site, 0});
  return "";
}

ServiceManager::Declared* ServiceManager::FindDeclared(
    const std::string& name) {
  if (loading_declared_ == nullptr) return nullptr;
  for (Declared& d : *loading_declared_) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::string ServiceManager::CanSetRun(const std::string& name) {
  Declared* declared = FindDeclared(name);
  if (declared == nullptr) {
    return absl::StrCat(
        "run() of service \"", name,
        "\" must be called while its file loads (at top level)");
  }
  if (declared->run_fn != 0) {
    return absl::StrCat("run() of service \"", name, "\" is called twice");
  }
  return "";
}

void ServiceManager::SetRun(const std::string& name, HandleId fn) {
  if (Declared* declared = FindDeclared(name)) declared->run_fn = fn;
}

void ServiceManager::RequestProcess(const CtxCall& call, const JsValue& options,
                                    PromiseId promise) {
  Service* service = Current(call.service, call.generation);
  if (service == nullptr) return;  // IsCurrent was checked in this turn
  const CallSite& site = call.site;
  auto fail = [&](absl::string_view what) {
    api_->SettleError(
        promise, absl::StrCat("ctx.process: ", what, " (service ",
                              service->name, ", at ", site.ToString(), ")"));
  };
  absl::StatusOr<engine::ProcessSpec> spec =
      ParseProcessOptions(options, service->dir);
  if (!spec.ok()) return fail(spec.status().message());
  spec->service = service->name;
  spec->origin = site.ToString();
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
  port_->DefineAndStart(
      *std::move(spec), [this, name, generation, alias, where, promise](
                            absl::Status defined, absl::StatusOr<int> pid) {
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
          api_->SettleError(
              promise, absl::StrCat("ctx.process: ", error, " (service ", name,
                                    ", at ", where, ")"));
          return;
        }
        int p = *pid;
        api_->Settle(
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

void ServiceManager::RequestExec(const CtxCall& call, const JsValue& options,
                                 PromiseId promise) {
  Service* service = Current(call.service, call.generation);
  if (service == nullptr) return;  // IsCurrent was checked in this turn
  const CallSite& site = call.site;
  absl::StatusOr<ExecOptions> parsed = ParseExecOptions(options, service->dir);
  if (!parsed.ok()) {
    api_->SettleError(
        promise,
        absl::StrCat("ctx.exec: ", parsed.status().message(), " (service ",
                     service->name, ", at ", site.ToString(), ")"));
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
          api_->SettleError(
              promise, absl::StrCat("ctx.exec: ", exit.status().message(),
                                    " (service ", name, ", at ", where, ")"));
          return;
        }
        int code = exit->code;
        std::string signal =
            exit->signal != 0 ? engine::SignalName(exit->signal) : "";
        api_->Settle(
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

void ServiceManager::RequestSleep(const CtxCall& call, absl::Duration duration,
                                  PromiseId promise) {
  Service* service = Current(call.service, call.generation);
  if (service == nullptr) return;
  std::string name = call.service;
  uint64_t generation = call.generation;
  auto timer = std::make_shared<loop::EventLoop::TimerId>(0);
  *timer =
      loop_->AddTimerAfter(duration, [this, name, generation, promise, timer] {
        if (Service* s = Current(name, generation)) s->sleeps.erase(*timer);
        api_->Settle(
            promise, [](duk_context* c) { duk_push_undefined(c); }, false);
      });
  service->sleeps[*timer] = promise;
}

void ServiceManager::Log(const std::string& service, std::string line) {
  port_->Output(service, std::move(line));
}

}  // namespace runy::script
