// The services declared by service files: loading and reloading the files,
// each service's state, and its run() with the ctx API, which reaches the
// engine only through an EnginePort (commands and their replies).
#ifndef RUNY_SERVER_SCRIPT_SERVICES_SERVICE_MANAGER_H_
#define RUNY_SERVER_SCRIPT_SERVICES_SERVICE_MANAGER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "duktape.h"
#include "server/control/services.h"
#include "server/loop/event_loop.h"
#include "server/script/runtime.h"
#include "server/script/services/desired_state.h"
#include "server/script/services/engine_port.h"
#include "server/script/services/options.h"

namespace runy::script {

struct ServiceManagerOptions {
  // --services: files and directories of *.js files.
  std::vector<std::string> paths;
  // Where the names of started services are kept across runyd restarts;
  // empty: not kept.
  std::string state_file;
  // Where the files loaded with AddFile (`runy start FILE.js`) are kept
  // across runyd restarts; empty: not kept.
  std::string loaded_file;
  RuntimeOptions runtime;
};

// Thread: the script thread (the thread running `loop`) owns it, its
// Runtime (Duktape heap) and every service; all methods run there, and so
// does every callback it is given. Implements the controller's Services for
// that thread (script/host/service_host.h carries them across).
class ServiceManager : public control::Services {
 public:
  // REQUIRES: loop and port outlive the manager.
  static absl::StatusOr<std::unique_ptr<ServiceManager>> Create(
      loop::EventLoop* loop, EnginePort* port, ServiceManagerOptions options);
  ~ServiceManager() override;

  // Loads every service file (a file that fails is reported in
  // FileErrors()), then starts the autostart services and the ones that
  // were started when runyd last stopped.
  void LoadAndStart();

  // Loads one more file (as if given to --services), remembers it in
  // `loaded_file`, and gives `done` the names of the services it declares.
  void AddFile(const std::string& path, AddFileCallback done) override;

  // control::Services
  bool Has(const std::string& name) const override;
  void Start(const std::string& name, bool wait,
             std::function<void(absl::Status)> done) override;
  void Stop(const std::string& name,
            std::function<void(absl::Status)> done) override;
  void Restart(const std::string& name, bool wait,
               std::function<void(absl::Status)> done) override;
  std::vector<control::ServiceSnapshot> SnapshotAll() const override;
  std::vector<control::FileError> FileErrors() const override;
  void Reload(std::function<void(control::ReloadResult)> done) override;
  int Observe(Observer observer) override;
  void Unobserve(int id) override;

  // Stops every service (for shutdown), without forgetting which were
  // started.
  void StopAll(std::function<void()> done);

  Runtime* runtime() { return runtime_.get(); }

  // `cb` runs (soon after, never inside the change) once anything
  // SnapshotAll() or FileErrors() shows has changed; several changes in a
  // row call it once.
  void set_change_callback(std::function<void()> cb) {
    change_cb_ = std::move(cb);
  }
  // Calls the change callback now if a change is pending.
  void FlushChanges();

 private:
  struct Service;
  struct File;
  struct Declared;  // a service() call of the file being loaded
  struct CallSite {
    std::string file;
    int line = 0;
    std::string ToString() const;
  };

  ServiceManager(loop::EventLoop* loop, EnginePort* port,
                 ServiceManagerOptions options);
  absl::Status Init();
  void MarkChanged();

  // Files (service_manager.cc).
  std::vector<std::string> ScanPaths(
      std::vector<control::FileError>* errors) const;
  absl::StatusOr<std::vector<Declared>> LoadFile(const std::string& path,
                                                 const std::string& source);
  void Commit(const std::string& path, const std::string& hash,
              std::vector<Declared> declared, control::ReloadResult* result);
  void RemoveService(const std::string& name);
  // Reload: files that loaded once and are gone now. Their services stop
  // and go; a file loaded with AddFile is forgotten.
  void RemoveDeletedFiles(const std::vector<std::string>& paths,
                          control::ReloadResult* result);
  void SaveLoaded();
  void ReleaseDeclared(std::vector<Declared>* declared);

  // Lifecycle (service_lifecycle.cc).
  void Launch(Service* service);
  // Starts the service's processes that are not running.
  void StartIdleProcesses(Service* service);
  // Removes from the engine what the previous run declared and this one
  // did not.
  void RemoveUndeclared(Service* service);
  void RunSettled(const std::string& name, uint64_t generation,
                  const absl::Status& status);
  void StopProcesses(Service* service, std::function<void()> done);
  void FinishWaiters(Service* service, const absl::Status& status);
  void CancelRunWork(Service* service);
  void SaveStarted();
  Service* Find(const std::string& name);
  // Every change of a service's state goes through here (observers).
  void SetState(Service* service, control::ServiceState state);
  control::ServiceSnapshot Snapshot(const Service& service) const;
  // The service whose ctx made a call, if that ctx is still current.
  Service* Current(const std::string& name, uint64_t generation);

  // JavaScript API (service_api.cc). Natives run inside a JS turn: they must
  // not start another turn (Runtime::Call/Resolve...): settlements are
  // posted to the loop.
  absl::Status InstallApi();
  void PushServiceObject(duk_context* ctx, const std::string& name);
  void PushCtx(duk_context* ctx, const Service& service);
  void AttachRunSettlement(duk_context* ctx, const std::string& name,
                           uint64_t generation);
  static duk_ret_t JsService(duk_context* ctx);
  static duk_ret_t JsServiceRun(duk_context* ctx);
  static duk_ret_t JsRunSettled(duk_context* ctx);
  static duk_ret_t JsProcess(duk_context* ctx);
  static duk_ret_t JsExec(duk_context* ctx);
  static duk_ret_t JsSleep(duk_context* ctx);
  static duk_ret_t JsLog(duk_context* ctx);
  void DefineProcess(Service* service, const JsValue& options,
                     const CallSite& site, PromiseId promise);
  void StartExec(Service* service, const JsValue& options, const CallSite& site,
                 PromiseId promise);
  void Settle(PromiseId promise, std::function<void(duk_context*)> value,
              bool reject);

 public:
  // For the natives' helpers (service_api.cc); loop thread.
  void SettleError(PromiseId promise, std::string message);
  bool IsCurrent(const std::string& name, uint64_t generation) {
    return Current(name, generation) != nullptr;
  }

 private:
  loop::EventLoop* loop_;
  EnginePort* port_;
  ServiceManagerOptions options_;
  DesiredState desired_;
  std::unique_ptr<Runtime> runtime_;
  std::map<std::string, std::unique_ptr<Service>> services_;
  std::map<std::string, File> files_;
  std::vector<control::FileError> scan_errors_;
  // Files added with AddFile (also in options_.paths), kept in loaded_file.
  std::vector<std::string> added_paths_;
  // --services files that were deleted after they loaded: not an error
  // until they come back.
  std::set<std::string> deleted_;
  // While a file's top level runs: its path and what it declared.
  const std::string* loading_file_ = nullptr;
  std::vector<Declared>* loading_declared_ = nullptr;
  bool loaded_ = false;
  std::map<int, Observer> observers_;
  int next_observer_ = 1;
  std::function<void()> change_cb_;
  bool changed_ = false;
  // Expires with the manager: closures it posts to its loop check it.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_SERVICE_MANAGER_H_
