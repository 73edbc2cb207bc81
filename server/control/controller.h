// Commands by name: resolves each NAME to a service or a process alias and
// runs the operation on the engine or the service layer.
#ifndef RUNY_SERVER_CONTROL_CONTROLLER_H_
#define RUNY_SERVER_CONTROL_CONTROLLER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/control/adhoc_service.h"
#include "server/control/services.h"
#include "server/engine/engine.h"
#include "server/engine/process_snapshot.h"
#include "server/state/held_processes.h"

namespace runy::control {

enum class TargetKind { kService, kProcess };

struct TargetResult {
  std::string name;
  TargetKind kind = TargetKind::kProcess;
  absl::Status status;
};

struct StatusView {
  std::vector<ServiceSnapshot> services;
  std::vector<engine::ProcessSnapshot> processes;
  std::vector<FileError> file_errors;
};

enum class Op { kStart, kStop, kRestart };

// Thread: the loop thread only (gRPC handlers Post() to it).
class Controller {
 public:
  using ResultsCallback =
      std::function<void(absl::StatusOr<std::vector<TargetResult>>)>;

  // `services` may be null (no service layer): names are aliases only.
  Controller(engine::Engine* engine, Services* services)
      : engine_(engine), services_(services) {}

  // Runs `op` on every name in parallel; `done` gets one result per name, in
  // order. An unknown name fails the whole call with NotFound before
  // anything is changed. `all` means every service (or every process when
  // there is no service layer).
  void Run(Op op, std::vector<std::string> names, bool all, bool wait,
           ResultsCallback done);
  // Loads service files, then starts their services (and `names`).
  void StartFiles(const std::vector<std::string>& files,
                  std::vector<std::string> names, bool wait,
                  ResultsCallback done);

  // `runy run`: writes the ad-hoc service file into adhoc_dir(), loads it
  // and starts its service. AlreadyExists when the name is taken.
  void RunAdhoc(const AdhocSpec& spec, bool wait, ResultsCallback done);
  // Stops and forgets services and the files that define them: `names`
  // (ad-hoc services, or services of files loaded with StartFiles; a name
  // stands for its whole file, so a file that defines others too must be
  // named as a file) and `files`; `all`: every ad-hoc and loaded file. An
  // ad-hoc service's file is deleted. One result per removed service.
  void Remove(std::vector<std::string> names, std::vector<std::string> files,
              bool all, ResultsCallback done);
  // Where RunAdhoc writes its files (runyd's state directory/run).
  void set_adhoc_dir(std::string dir) { adhoc_dir_ = std::move(dir); }
  // The file RunAdhoc writes for `name`.
  std::string AdhocFile(const std::string& name) const {
    return adhoc_dir_.empty() ? "" : adhoc_dir_ + "/" + name + ".js";
  }

  // NotFound for an unknown name; an empty list means everything.
  absl::StatusOr<StatusView> Status(
      const std::vector<std::string>& names) const;

  // Every alias the names stand for (a service stands for its processes).
  absl::StatusOr<std::vector<std::string>> ResolveAliases(
      const std::vector<std::string>& names) const;

  // NotFound naming the first unknown name (with the closest known ones).
  absl::Status CheckKnown(const std::vector<std::string>& names) const;

  // Re-reads the service files (nothing to do without a service layer).
  void Reload(std::function<void(ReloadResult)> done);

  void set_services(Services* services) { services_ = services; }
  // Where a user's stop of a single process is remembered (may be null).
  void set_held(state::HeldProcesses* held) { held_ = held; }
  // Service state changes (nothing without a service layer); 0 = none.
  int ObserveServices(Services::Observer observer) {
    return services_ != nullptr ? services_->Observe(std::move(observer)) : 0;
  }
  void UnobserveServices(int id) {
    if (services_ != nullptr && id != 0) services_->Unobserve(id);
  }

 private:
  std::vector<std::string> AllNames() const;
  // Remove: unloads `files` one after the other.
  void RemoveFiles(std::vector<std::string> files, bool all,
                   std::vector<TargetResult> results, ResultsCallback done);

  engine::Engine* engine_;
  Services* services_;
  state::HeldProcesses* held_ = nullptr;
  std::string adhoc_dir_;
};

}  // namespace runy::control

#endif  // RUNY_SERVER_CONTROL_CONTROLLER_H_
