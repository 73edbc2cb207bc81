// The JavaScript API of service files — service(), s.run(), and the ctx of
// a run() (process, exec, sleep, log, env, service, dir) — as natives on a
// Runtime. It reads what JavaScript passes (plain JsValues and the caller's
// file:line), makes the promises, and hands plain C++ requests to its
// Delegate (the ServiceManager), which settles them through Settle().
#ifndef RUNY_SERVER_SCRIPT_SERVICES_SERVICE_API_H_
#define RUNY_SERVER_SCRIPT_SERVICES_SERVICE_API_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "duktape.h"
#include "server/engine/process_snapshot.h"
#include "server/loop/event_loop.h"
#include "server/script/runtime.h"
#include "server/script/services/js_value.h"
#include "server/script/services/options.h"

namespace runy::script {

// Where a call was made: a file of the user's and its line.
struct CallSite {
  std::string file;
  int line = 0;
  std::string ToString() const;  // "file:line"
};

// A call of a ctx method: the service and run (generation) whose ctx it
// is, and where it was called from.
struct CtxCall {
  std::string service;
  uint64_t generation = 0;
  CallSite site;
};

// Thread: the script thread (the Runtime's). Natives run inside a JS turn:
// nothing they call may start another turn; settlements are posted.
class ServiceApi {
 public:
  class Delegate {
   public:
    virtual ~Delegate() = default;
    // service(name, options): an error message (the API adds the site),
    // or "" once declared.
    virtual std::string Declare(const JsValue& name, const JsValue& options,
                                const CallSite& site) = 0;
    // s.run(fn) for the service `name`: whether it may take a function now
    // ("" if so, else why not), then the function itself.
    virtual std::string CanSetRun(const std::string& name) = 0;
    virtual void SetRun(const std::string& name, HandleId fn) = 0;
    // s.on(event, fn) while the file loads: "" once added, else why not.
    virtual std::string AddListener(const std::string& name,
                                    const std::string& event, HandleId fn) = 0;
    // Whether a ctx of `name` made for `generation` is still current.
    virtual bool IsCurrent(const std::string& name, uint64_t generation) = 0;
    // ctx.process / ctx.exec / ctx.sleep of a current run: settle
    // `promise` (Settle/SettleError) when done.
    // `ready` and `health`: what JsValue cannot carry of those options.
    virtual void RequestProcess(const CtxCall& call, const JsValue& options,
                                const ProcessRaw& raw, PromiseId promise) = 0;
    // ctx.service(name).ready(): starts `name` if needed and settles
    // `promise` once it is ready, or rejects with why it will not be.
    virtual void RequestServiceReady(const CtxCall& call,
                                     const std::string& name,
                                     PromiseId promise) = 0;
    // A process handle's getters: its last snapshot (null: unknown yet).
    virtual const engine::ProcessSnapshot* HandleSnapshot(
        const std::string& alias) = 0;
    // A process handle's method `op` (ready, exited, waitForLog, stop,
    // restart, signal) with its arguments; `raw` when `arg` is a RegExp.
    virtual void RequestHandle(const CtxCall& call, const std::string& alias,
                               const std::string& op, const JsValue& arg,
                               const JsValue& options, const ProbeRaw& raw,
                               PromiseId promise) = 0;
    virtual void RequestExec(const CtxCall& call, const JsValue& options,
                             PromiseId promise) = 0;
    virtual void RequestSleep(const CtxCall& call, absl::Duration duration,
                              PromiseId promise) = 0;
    // ctx.schedule(when, fn, options): "" once scheduled (fn is then the
    // delegate's), else why not.
    virtual std::string RequestSchedule(const CtxCall& call,
                                        const JsValue& when, HandleId fn,
                                        const JsValue& options) = 0;
    // ctx.log: one line (with its newline) for the service's log.
    virtual void Log(const std::string& service, std::string line) = 0;
    // run()'s promise settled: ok, or the JS error.
    virtual void RunSettled(const std::string& name, uint64_t generation,
                            const absl::Status& status) = 0;
  };

  // REQUIRES: runtime, loop and delegate outlive the api.
  ServiceApi(Runtime* runtime, loop::EventLoop* loop, Delegate* delegate)
      : runtime_(runtime), loop_(loop), delegate_(delegate) {}

  // The `service` global and the "runy" module (`import { service }`).
  absl::Status Install();
  // Pushes the ctx object of run number `generation` of `service`.
  void PushCtx(duk_context* ctx, const std::string& service,
               const std::string& dir, uint64_t generation);
  // With run()'s result at the top of the stack: reports its settlement to
  // Delegate::RunSettled. Pops nothing.
  void AttachRunSettlement(duk_context* ctx, const std::string& name,
                           uint64_t generation);
  // Settles a promise the API made, as a turn of its own (posted). A
  // promise forgotten in the meantime (a stop) is left alone.
  void Settle(PromiseId promise, std::function<void(duk_context*)> value,
              bool reject);
  void SettleError(PromiseId promise, std::string message);
  // Pushes the handle of process `alias` of run `generation` of `service`
  // (what ctx.process resolves to).
  void PushProcessHandle(duk_context* ctx, const std::string& service,
                         uint64_t generation, const std::string& alias);
  // Calls the retained function `fn` (a probe) as a turn of its own and
  // gives `done` its verdict: true when it returned (or resolved to) a
  // truthy value, with what it returned or threw.
  using Verdict = std::function<void(bool ok, const std::string& detail)>;
  void CallForVerdict(HandleId fn, Verdict done);
  // Calls `fn` the same way and gives `done` how it ended: ok with its
  // value shown as text (truthy or not), or the error it threw or
  // rejected with.
  using Settled =
      std::function<void(const absl::Status& status, bool truthy,
                         const std::string& shown, const JsValue& value)>;
  // `arg` (may be empty) pushes the one argument `fn` is called with.
  void CallAndWait(HandleId fn, Settled done,
                   std::function<void(duk_context*)> arg = {});

 private:
  void PushServiceObject(duk_context* ctx, const std::string& name);
  static duk_ret_t JsService(duk_context* ctx);
  static duk_ret_t JsServiceRun(duk_context* ctx);
  static duk_ret_t JsServiceOn(duk_context* ctx);
  static duk_ret_t JsRunSettled(duk_context* ctx);
  static duk_ret_t JsProcess(duk_context* ctx);
  static duk_ret_t JsExec(duk_context* ctx);
  static duk_ret_t JsSleep(duk_context* ctx);
  static duk_ret_t JsSchedule(duk_context* ctx);
  static duk_ret_t JsLog(duk_context* ctx);
  static duk_ret_t JsHandleGet(duk_context* ctx);
  static duk_ret_t JsCtxService(duk_context* ctx);
  static duk_ret_t JsNameOfThis(duk_context* ctx);
  static duk_ret_t JsServiceReady(duk_context* ctx);
  static duk_ret_t JsHandleCall(duk_context* ctx);
  static duk_ret_t JsVerdict(duk_context* ctx);
  // ctx.process and ctx.exec: a promise now, the request once the options
  // are read (or an error settled).
  template <typename Request>
  static duk_ret_t PromiseCall(duk_context* ctx, const char* method,
                               Request request);

  Runtime* runtime_;
  loop::EventLoop* loop_;
  Delegate* delegate_;
  std::map<uint64_t, Settled> verdicts_;  // CallAndWait's, by id
  uint64_t next_verdict_ = 1;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_SERVICE_API_H_
