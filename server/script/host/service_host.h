// runyd's service layer as the supervising thread sees it. The
// ServiceManager, its Duktape heap and every line of service-file
// JavaScript run on a script thread of their own; this host implements the
// controller's Services by posting each command there and posting the reply
// back. What the controller reads without waiting (Has, SnapshotAll,
// FileErrors) comes from a copy the script thread publishes after each
// change, so `runy status` never waits for JavaScript.
#ifndef RUNY_SERVER_SCRIPT_HOST_SERVICE_HOST_H_
#define RUNY_SERVER_SCRIPT_HOST_SERVICE_HOST_H_

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/control/services.h"
#include "server/engine/engine.h"
#include "server/engine/output_sink.h"
#include "server/loop/event_loop.h"
#include "server/loop/loop_thread.h"
#include "server/loop/mailbox.h"
#include "server/script/host/engine_bridge.h"
#include "server/script/services/service_manager.h"

namespace runy::script {

// The script thread's stack: the parser recurses about 1.5 KiB a level of
// nesting (its limit is 1000 levels) and Duktape's compiler and executor
// recurse too; untouched stack costs no memory.
inline constexpr size_t kScriptThreadStack = size_t{16} << 20;

// Thread: every method on the supervising thread (the thread running
// `loop`); callbacks run there too. The manager and the bridge's calls live
// on the script thread: the host touches them only in closures posted
// there.
class ServiceHost : public control::Services {
 public:
  // Starts the script thread and creates the ServiceManager on it.
  // REQUIRES: loop, engine, sink, logs (may be null: no log readiness)
  // and held (may be null) outlive the host.
  static absl::StatusOr<std::unique_ptr<ServiceHost>> Start(
      loop::EventLoop* loop, engine::Engine* engine, engine::OutputSink* sink,
      logs::LogStore* logs, const state::HeldProcesses* held,
      ServiceManagerOptions options);
  ~ServiceHost() override;  // Shutdown()

  // ServiceManager::LoadAndStart on the script thread; returns once the
  // files are loaded (their top levels have run), with the view updated.
  // Start-up only, before the supervising loop runs: calls queued for the
  // loop then see every service from the first on.
  void LoadAndStart();
  // Stops every service (runyd's shutdown).
  void StopAll(std::function<void()> done);
  // Destroys the manager (and its heap) on the script thread and joins
  // the thread; commands after it never complete. Idempotent.
  void Shutdown();

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
  void AddFile(const std::string& path, AddFileCallback done) override;
  void RemoveFile(const std::string& path, AddFileCallback done) override;

 private:
  ServiceHost(loop::EventLoop* loop) : loop_(loop) {}
  absl::Status Init(engine::Engine* engine, engine::OutputSink* sink,
                    logs::LogStore* logs, const state::HeldProcesses* held,
                    ServiceManagerOptions options);
  // Runs `fn` with the manager on the script thread.
  void OnScript(std::function<void(ServiceManager*)> fn);
  // On the script thread: a callback that publishes what changed, then
  // runs `done` with the same arguments on the supervising thread.
  template <typename... Args>
  std::function<void(Args...)> Back(std::function<void(Args...)> done);
  // On the script thread: posts the manager's current view.
  void Publish();
  void ApplyView(std::vector<control::ServiceSnapshot> snapshots,
                 std::vector<control::FileError> file_errors);
  void Notify(const control::ServiceSnapshot& snapshot);

  loop::EventLoop* loop_;
  std::shared_ptr<loop::Mailbox> to_main_;
  std::unique_ptr<loop::LoopThread> thread_;
  // Script thread only (created, used and destroyed there).
  std::unique_ptr<EngineBridge> bridge_;
  std::unique_ptr<ServiceManager> manager_;
  // Supervising thread: the last view the script thread published.
  std::vector<control::ServiceSnapshot> snapshots_;
  std::vector<control::FileError> file_errors_;
  std::set<std::string> names_;
  std::map<int, Observer> observers_;
  int next_observer_ = 1;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_HOST_SERVICE_HOST_H_
