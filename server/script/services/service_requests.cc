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
#include "spdlog/spdlog.h"

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
  loading_declared_->push_back(Declared{name.string, *parsed, site, 0, {}});
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

std::string ServiceManager::AddListener(const std::string& name,
                                        const std::string& event, HandleId fn) {
  Declared* declared = FindDeclared(name);
  if (declared == nullptr) {
    return absl::StrCat("on() of service \"", name,
                        "\" must be called while its file loads (at top "
                        "level)");
  }
  if (event != "exit" && event != "failed" && event != "ready" &&
      event != "restart") {
    return absl::StrCat("on(\"", event,
                        "\"): no such event (known: exit, "
                        "failed, ready, restart)");
  }
  declared->listeners.emplace_back(event, fn);
  return "";
}

void ServiceManager::Dispatch(const std::string& service,
                              const std::string& event,
                              std::function<void(duk_context*)> info) {
  Service* s = Find(service);
  if (s == nullptr) return;
  for (const auto& [name, fn] : s->listeners) {
    if (name != event) continue;
    HandleId handle = fn;
    // A turn of its own: this may run inside one.
    loop_->Post([this, alive = std::weak_ptr<bool>(alive_), service, event,
                 handle, info] {
      if (!alive.lock()) return;
      Service* now = Find(service);
      if (now == nullptr) return;
      // The event, and a ctx of the service's current run (ctx.exec to
      // post a webhook, say).
      absl::Status called = runtime_->Call(handle, [&](duk_context* ctx) {
        info(ctx);
        api_->PushCtx(ctx, now->name, now->dir, now->generation);
        return duk_idx_t{2};
      });
      if (!called.ok()) {
        std::string what = absl::StrCat(
            "s.on(\"", event, "\") listener failed: ", called.message());
        spdlog::error("service {}: {}", service, what);
        port_->System(service, what);
      }
    });
  }
}

void ServiceManager::RequestProcess(const CtxCall& call, const JsValue& options,
                                    const ProcessRaw& raw, PromiseId promise) {
  const ProbeRaw& ready_raw = raw.ready;
  const ProbeRaw& health_raw = raw.health;
  auto release = [&] {
    for (uint64_t fn :
         {ready_raw.function, health_raw.function, raw.on_exit, raw.on_watch}) {
      if (fn != 0) runtime_->Release(fn);
    }
  };
  Service* service = Current(call.service, call.generation);
  if (service == nullptr) {  // IsCurrent was checked in this turn
    release();
    return;
  }
  const CallSite& site = call.site;
  bool probes_taken = false;
  auto fail = [&](absl::string_view what) {
    if (!probes_taken) release();
    api_->SettleError(
        promise, absl::StrCat("ctx.process: ", what, " (service ",
                              service->name, ", at ", site.ToString(), ")"));
  };
  absl::StatusOr<engine::ProcessSpec> spec =
      ParseProcessOptions(options, service->dir);
  if (!spec.ok()) return fail(spec.status().message());
  absl::StatusOr<ProbeSpec> ready =
      ParseProbe(options, "ready", ready_raw, service->dir);
  if (!ready.ok()) return fail(ready.status().message());
  absl::StatusOr<ProbeSpec> health =
      ParseProbe(options, "health", health_raw, service->dir);
  if (!health.ok()) return fail(health.status().message());
  LogMatcher matcher;
  if (ready->kind == ProbeSpec::Kind::kLog) {
    absl::StatusOr<LogMatcher> m = LogMatcher::Make(
        ready->pattern, ready->regex, ready->ignore_case, "ready.log");
    if (!m.ok()) return fail(m.status().message());
    matcher = *std::move(m);
  }
  spec->ready = ready->Describe();
  if (const JsValue* hook = options.Get("onExit")) {
    if (hook->type != JsValue::Type::kFunction) {
      return fail(absl::StrCat("option \"onExit\" must be a function, not ",
                               hook->TypeName()));
    }
  }
  spec->exit_hook = raw.on_exit != 0;
  if (const JsValue* hook = options.Get("onWatch")) {
    if (hook->type != JsValue::Type::kFunction) {
      return fail(absl::StrCat("option \"onWatch\" must be a function, not ",
                               hook->TypeName()));
    }
  }
  spec->watch_hook = raw.on_watch != 0;
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
  // Tracked before the definition reaches the engine: its first state
  // changes are seen.
  tracker_->Track(service->name, alias, *std::move(ready), std::move(matcher),
                  *std::move(health), raw.on_exit, raw.on_watch);
  probes_taken = true;
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
          tracker_->Untrack(name, alias);
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
        ServiceApi* api = api_.get();
        api_->Settle(
            promise,
            [api, name, generation, alias](duk_context* ctx) {
              api->PushProcessHandle(ctx, name, generation, alias);
            },
            false);
      });
}

const engine::ProcessSnapshot* ServiceManager::HandleSnapshot(
    const std::string& alias) {
  return tracker_->Find(alias);
}

void ServiceManager::RequestHandle(const CtxCall& call,
                                   const std::string& alias,
                                   const std::string& op, const JsValue& arg,
                                   const JsValue& options, const ProbeRaw& raw,
                                   PromiseId promise) {
  Service* service = Current(call.service, call.generation);
  if (service == nullptr) return;
  std::string where =
      absl::StrCat(" (", alias, ".", op, ", at ", call.site.ToString(), ")");
  auto fail = [&](absl::string_view what) {
    api_->SettleError(promise, absl::StrCat(what, where));
  };
  auto resolve = [&] {
    api_->Settle(
        promise, [](duk_context* ctx) { duk_push_undefined(ctx); }, false);
  };
  if (std::find(service->aliases.begin(), service->aliases.end(), alias) ==
      service->aliases.end()) {
    return fail(absl::StrCat(alias, " is no longer a process of service ",
                             service->name));
  }
  if (op == "ready") return tracker_->Ready(alias, promise);
  if (op == "exited") return tracker_->Exited(alias, promise);
  if (op == "waitForLog") {
    LogMatcher matcher;
    if (raw.is_regex) {
      absl::StatusOr<LogMatcher> m = LogMatcher::Make(
          raw.source, true, raw.flags.find('i') != std::string::npos,
          "waitForLog");
      if (!m.ok()) return fail(m.status().message());
      matcher = *std::move(m);
    } else if (arg.type == JsValue::Type::kString && !arg.string.empty()) {
      matcher.text = arg.string;
    } else {
      return fail(
          "waitForLog needs a regular expression or a non-empty "
          "string");
    }
    absl::Duration timeout = absl::InfiniteDuration();
    if (options.type == JsValue::Type::kObject) {
      const JsValue* t = options.Get("timeout");
      if (t != nullptr) {
        if (t->type != JsValue::Type::kNumber || !(t->number > 0)) {
          return fail("waitForLog: timeout must be a number of ms > 0");
        }
        timeout = absl::Milliseconds(t->number);
      }
    } else if (options.type != JsValue::Type::kUndefined) {
      return fail("waitForLog: the second argument must be { timeout }");
    }
    return tracker_->WaitForLog(alias, std::move(matcher), timeout, promise);
  }
  if (op == "stop") {
    ServiceApi* api = api_.get();
    port_->Stop(service->name, {alias}, [api, promise] {
      api->Settle(
          promise, [](duk_context* ctx) { duk_push_undefined(ctx); }, false);
    });
    return;
  }
  if (op == "restart") return tracker_->Restart(alias, promise);
  if (op == "signal") {
    int sig = arg.type == JsValue::Type::kString
                  ? engine::SignalFromName(arg.string)
                  : 0;
    if (sig <= 0) {
      return fail(
          absl::StrCat("signal needs a signal name such as "
                       "\"SIGHUP\", not ",
                       arg.type == JsValue::Type::kString
                           ? absl::StrCat("\"", arg.string, "\"")
                           : arg.TypeName()));
    }
    port_->Signal(service->name, alias, sig);
    return resolve();
  }
  fail(absl::StrCat("no method ", op));
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
