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
#include "common/state_writer.h"
#include "duktape.h"
#include "server/control/services.h"
#include "server/loop/event_loop.h"
#include "server/script/runtime.h"
#include "server/script/services/desired_state.h"
#include "server/script/services/engine_port.h"
#include "server/script/services/options.h"
#include "server/script/services/process_tracker.h"
#include "server/script/services/service_api.h"

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
  // Saves both lists; null: neither is kept. Outlives the manager.
  StateWriter* state_writer = nullptr;
  RuntimeOptions runtime;
};

// Thread: the script thread (the thread running `loop`) owns it, its
// Runtime (Duktape heap) and every service; all methods run there, and so
// does every callback it is given. Implements the controller's Services for
// that thread (script/host/service_host.h carries them across).
class ServiceManager : public control::Services, private ServiceApi::Delegate {
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
  void RemoveFile(const std::string& path, AddFileCallback done) override;

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
  // Stops the service and forgets it; then `removed` (may be null) runs.
  void RemoveService(const std::string& name,
                     std::function<void()> removed = nullptr);
  // Reload: files that loaded once and are gone now. Their services stop
  // and go; a file loaded with AddFile is forgotten.
  void RemoveDeletedFiles(const std::vector<std::string>& paths,
                          control::ReloadResult* result);
  void SaveLoaded();
  void ReleaseDeclared(std::vector<Declared>* declared);

  // Dependencies (service_dependencies.cc).
  // Why `name` cannot start for its dependencies (a cycle, an unknown
  // service), or "".
  std::string DependencyProblem(const std::string& name) const;
  // Every cycle, as load errors of the file that declares its first service.
  std::vector<control::FileError> DependencyErrors() const;
  // Starts the dependencies of `service` and launches it once they are all
  // ready; fails it when one fails.
  void LaunchAfterDependencies(Service* service);
  // `done` once service `name` is running with every process ready (or a
  // one-shot that exited with 0), or with why it will not be.
  void WhenReady(const std::string& name,
                 std::function<void(absl::Status)> done);
  // Settles the WhenReady waiters whose service decided.
  void CheckReadyWaiters();
  // The running or starting services that depend on `name`.
  std::vector<std::string> ActiveDependents(const std::string& name) const;

  // Lifecycle (service_lifecycle.cc).
  void Launch(Service* service);
  // Starts the service's processes that are not running.
  void StartIdleProcesses(Service* service);
  // Removes from the engine what the previous run declared and this one
  // did not.
  void RemoveUndeclared(Service* service);
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

  // ServiceApi::Delegate (service_requests.cc): what the JavaScript API
  // asks for.
  std::string Declare(const JsValue& name, const JsValue& options,
                      const CallSite& site) override;
  std::string CanSetRun(const std::string& name) override;
  void SetRun(const std::string& name, HandleId fn) override;
  std::string AddListener(const std::string& name, const std::string& event,
                          HandleId fn) override;
  // Calls the service's s.on(event) listeners with `info` (pushed as the
  // argument), each as a turn of its own.
  void Dispatch(const std::string& service, const std::string& event,
                std::function<void(duk_context*)> info);
  bool IsCurrent(const std::string& name, uint64_t generation) override {
    return Current(name, generation) != nullptr;
  }
  void RequestProcess(const CtxCall& call, const JsValue& options,
                      const ProcessRaw& raw, PromiseId promise) override;
  const engine::ProcessSnapshot* HandleSnapshot(
      const std::string& alias) override;
  void RequestServiceReady(const CtxCall& call, const std::string& name,
                           PromiseId promise) override;
  void RequestHandle(const CtxCall& call, const std::string& alias,
                     const std::string& op, const JsValue& arg,
                     const JsValue& options, const ProbeRaw& raw,
                     PromiseId promise) override;
  void RequestExec(const CtxCall& call, const JsValue& options,
                   PromiseId promise) override;
  void RequestSleep(const CtxCall& call, absl::Duration duration,
                    PromiseId promise) override;
  std::string RequestSchedule(const CtxCall& call, const JsValue& when,
                              HandleId fn, const JsValue& options) override;
  void Log(const std::string& service, std::string line) override;
  // Schedules (service_schedules.cc): arms the job's next run, and runs it.
  void ArmJob(const std::string& name, uint64_t generation, uint64_t id);
  void FireJob(const std::string& name, uint64_t generation, uint64_t id);
  void RunSettled(const std::string& name, uint64_t generation,
                  const absl::Status& status) override;
  Declared* FindDeclared(const std::string& name);

 private:
  loop::EventLoop* loop_;
  EnginePort* port_;
  ServiceManagerOptions options_;
  DesiredState desired_;
  std::unique_ptr<Runtime> runtime_;
  std::unique_ptr<ServiceApi> api_;
  std::unique_ptr<ProcessTracker> tracker_;  // handles and probes
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
  uint64_t next_job_ = 1;
  // WhenReady's, in order: (service, callback).
  std::vector<std::pair<std::string, std::function<void(absl::Status)>>>
      ready_waiters_;
  bool changed_ = false;
  // Expires with the manager: closures it posts to its loop check it.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_SERVICE_MANAGER_H_
