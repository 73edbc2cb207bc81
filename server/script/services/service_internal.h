// The records ServiceManager keeps; shared by its three .cc files only.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_SERVICE_INTERNAL_H_
#define RUNY_SERVER_SCRIPT_SERVICES_SERVICE_INTERNAL_H_

#include <sys/types.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/script/services/schedule.h"
#include "server/script/services/service_manager.h"

namespace runy::script {

struct ServiceManager::Declared {
  std::string name;
  ServiceOptions options;
  CallSite site;
  HandleId run_fn = 0;  // from s.run(fn); 0 when the file never called it
  std::vector<std::pair<std::string, HandleId>> listeners;  // s.on(event, fn)
};

struct ServiceManager::Service {
  std::string name;
  ServiceOptions options;
  CallSite site;
  std::string dir;  // the service file's directory (ctx.dir, default cwd)
  HandleId run_fn = 0;
  // s.on(event, fn): "exit", "failed", "ready", "restart".
  std::vector<std::pair<std::string, HandleId>> listeners;

  control::ServiceState state = control::ServiceState::kStopped;
  std::string error;
  // Before run(): the dependencies not ready yet, waited for since then.
  std::vector<std::string> waiting_for;
  absl::Time waiting_since = absl::InfinitePast();
  // Bumped by every start and stop: calls from an older run's ctx, and the
  // settlement of an older run(), are ignored.
  uint64_t generation = 0;
  std::vector<std::string> aliases;  // declared by the current/last run
  std::vector<std::string> previous_aliases;  // by the run before, until
                                              // the current one settles
  std::vector<std::function<void(absl::Status)>> start_waiters;
  // Work of the current run that a stop cancels.
  std::map<loop::EventLoop::TimerId, PromiseId> sleeps;
  std::map<EnginePort::ExecId, PromiseId> execs;
  std::map<EnginePort::ExecId, loop::EventLoop::TimerId> exec_timeouts;
  // ctx.schedule() jobs of the current run, by id.
  struct Job {
    Schedule schedule;
    HandleId fn = 0;
    bool overlap = false;  // runs may overlap
    CallSite site;
    loop::EventLoop::TimerId timer = 0;
    absl::Time next = absl::InfiniteFuture();
    int running = 0;  // runs not finished yet
    int skipped = 0;  // runs skipped since one was last started
  };
  std::map<uint64_t, Job> jobs;
  bool stopping_processes = false;
  std::vector<std::function<void()>> stop_waiters;
};

struct ServiceManager::File {
  std::string hash;  // of the content that was loaded
  std::vector<std::string> services;
  std::string error;  // the last load error; the previous version stays
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_SERVICE_INTERNAL_H_
