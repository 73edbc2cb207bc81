// What the controller needs from the service layer (implemented by the
// script runtime's service manager), as plain structs.
#ifndef RUNY_SERVER_CONTROL_SERVICES_H_
#define RUNY_SERVER_CONTROL_SERVICES_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace runy::control {

enum class ServiceState { kStopped, kStarting, kRunning, kStopping, kFailed };
const char* ServiceStateName(ServiceState state);

struct ServiceSnapshot {
  std::string name;
  ServiceState state = ServiceState::kStopped;
  std::string description;
  bool autostart = false;
  std::string file;
  int line = 0;
  std::string error;  // failed: the JS error with file:line
  // Starting, before run(): the dependencies it waits for ("db, cache").
  std::string waiting_for;
  absl::Time waiting_since = absl::InfinitePast();  // wall clock
  std::vector<std::string> depends_on;
  // The next run of its ctx.schedule() jobs.
  absl::Time next_job = absl::InfiniteFuture();
  std::vector<std::string> aliases;
};

struct FileError {
  std::string file;
  std::string error;  // "file:line:col: message"
};

// A service file that loaded before and has been deleted since.
struct RemovedFile {
  std::string file;
  std::vector<std::string> services;  // stopped and removed
};

struct ReloadResult {
  std::vector<std::string> restarted, stopped, added;
  std::vector<RemovedFile> removed_files;
  std::vector<FileError> file_errors;
};

// Thread: one thread per implementation (the supervising thread for the
// controller's); every callback runs on that thread, possibly before the
// call returns.
class Services {
 public:
  using Observer = std::function<void(const ServiceSnapshot&)>;
  using AddFileCallback =
      std::function<void(absl::StatusOr<std::vector<std::string>>)>;

  virtual ~Services() = default;
  virtual bool Has(const std::string& name) const = 0;
  // `done` runs when run() has finished (ok) or failed (its error), or at
  // once with `wait` false.
  virtual void Start(const std::string& name, bool wait,
                     std::function<void(absl::Status)> done) = 0;
  // Cancels pending run() work and stops the service's processes.
  virtual void Stop(const std::string& name,
                    std::function<void(absl::Status)> done) = 0;
  virtual void Restart(const std::string& name, bool wait,
                       std::function<void(absl::Status)> done) = 0;
  virtual std::vector<ServiceSnapshot> SnapshotAll() const = 0;
  virtual std::vector<FileError> FileErrors() const = 0;
  virtual void Reload(std::function<void(ReloadResult)> done) = 0;
  // Observers see every service state change. Returns an id for Unobserve.
  virtual int Observe(Observer observer) = 0;
  virtual void Unobserve(int id) = 0;
  // Loads one more service file; `done` gets the services it declares.
  virtual void AddFile(const std::string& path, AddFileCallback done) = 0;
  // Unloads a file AddFile loaded: its services stop and are forgotten, and
  // it is not loaded again when runyd restarts; `done` gets their names.
  // NotFound for a file that is not loaded, FailedPrecondition for one of
  // runyd's --services.
  virtual void RemoveFile(const std::string& path, AddFileCallback done) = 0;
};

}  // namespace runy::control

#endif  // RUNY_SERVER_CONTROL_SERVICES_H_
