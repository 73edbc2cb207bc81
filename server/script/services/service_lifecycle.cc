// Service states: start (run()), stop (cancel run() work, stop processes in
// parallel), restart; and which services were started, kept on disk.
#include <signal.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/script/services/service_internal.h"
#include "server/script/services/service_manager.h"
#include "spdlog/spdlog.h"

namespace runy::script {

using control::ServiceState;

void ServiceManager::Start(const std::string& name, bool wait,
                           std::function<void(absl::Status)> done) {
  Service* service = Find(name);
  if (service == nullptr) {
    done(absl::NotFoundError(absl::StrCat("no service \"", name, "\"")));
    return;
  }
  switch (service->state) {
    case ServiceState::kRunning:
      // A user's start of a running service starts, with fresh counts,
      // whichever of its processes are not running (failed ones included).
      StartIdleProcesses(service);
      done(absl::OkStatus());
      return;
    case ServiceState::kStarting:
      if (wait) {
        service->start_waiters.push_back(std::move(done));
      } else {
        done(absl::OkStatus());
      }
      return;
    case ServiceState::kStopping:
      // Start once the stop has finished.
      service->stop_waiters.push_back(
          [this, name, wait, done = std::move(done)] {
            Start(name, wait, done);
          });
      return;
    case ServiceState::kStopped:
    case ServiceState::kFailed:
      break;
  }
  if (!service->options.depends_on.empty()) {
    std::string problem = DependencyProblem(name);
    if (!problem.empty()) {
      service->error = problem;
      SetState(service, ServiceState::kFailed);
      port_->System(name, absl::StrCat("service failed: ", problem));
      done(absl::FailedPreconditionError(
          absl::StrCat("service ", name, ": ", problem)));
      return;
    }
  }
  if (wait) service->start_waiters.push_back(std::move(done));
  if (service->options.depends_on.empty()) {
    Launch(service);
  } else {
    LaunchAfterDependencies(service);
  }
  SaveStarted();
  if (!wait) done(absl::OkStatus());
}

void ServiceManager::StartIdleProcesses(Service* service) {
  port_->StartIdle(service->name, service->aliases);
}

void ServiceManager::Launch(Service* service) {
  ++service->generation;
  SetState(service, ServiceState::kStarting);
  service->error.clear();
  // What the last run declared; whatever this run does not declare again
  // is removed from the engine once run() settles.
  service->previous_aliases = std::move(service->aliases);
  service->aliases.clear();
  port_->System(service->name, "service starting");
  if (service->run_fn == 0) {
    RunSettled(service->name, service->generation, absl::OkStatus());
    return;
  }
  std::string name = service->name;
  uint64_t generation = service->generation;
  absl::Status status = runtime_->Call(
      service->run_fn,
      [&](duk_context* ctx) -> duk_idx_t {
        api_->PushCtx(ctx, service->name, service->dir, service->generation);
        return 1;
      },
      [&](duk_context* ctx) {
        api_->AttachRunSettlement(ctx, name, generation);
      });
  // A synchronous throw from run(); an async one arrives through the
  // settlement.
  if (!status.ok()) RunSettled(name, generation, status);
}

void ServiceManager::RunSettled(const std::string& name, uint64_t generation,
                                const absl::Status& status) {
  Service* service = Current(name, generation);
  if (service == nullptr || service->state != ServiceState::kStarting) return;
  RemoveUndeclared(service);
  if (status.ok()) {
    SetState(service, ServiceState::kRunning);
    port_->System(name, "service running");
    FinishWaiters(service, absl::OkStatus());
    return;
  }
  // run() failed: what it already started is stopped.
  SetState(service, ServiceState::kFailed);
  service->error = std::string(status.message());
  ++service->generation;
  CancelRunWork(service);
  port_->System(name, absl::StrCat("service failed: ", service->error));
  spdlog::error("service {} failed: {}", name, service->error);
  std::string error = service->error;
  Dispatch(name, "failed", [name, error](duk_context* ctx) {
    duk_push_object(ctx);
    duk_push_lstring(ctx, name.data(), name.size());
    duk_put_prop_string(ctx, -2, "service");
    duk_push_lstring(ctx, error.data(), error.size());
    duk_put_prop_string(ctx, -2, "error");
  });
  FinishWaiters(service, status);
  StopProcesses(service, [] {});
}

void ServiceManager::RemoveUndeclared(Service* service) {
  std::vector<std::string> removed;
  for (const std::string& alias : service->previous_aliases) {
    if (std::find(service->aliases.begin(), service->aliases.end(), alias) ==
        service->aliases.end()) {
      port_->System(alias, absl::StrCat("removed: service ", service->name,
                                        " no longer declares it"));
      removed.push_back(alias);
    }
  }
  service->previous_aliases.clear();
  if (!removed.empty()) {
    port_->Remove(service->name, std::move(removed));
    MarkChanged();
  }
}

void ServiceManager::FinishWaiters(Service* service,
                                   const absl::Status& status) {
  std::vector<std::function<void(absl::Status)>> waiters;
  waiters.swap(service->start_waiters);
  for (auto& waiter : waiters) waiter(status);
}

void ServiceManager::CancelRunWork(Service* service) {
  tracker_->ForgetService(service->name);
  std::vector<PromiseId> forget;
  for (const auto& [timer, promise] : service->sleeps) {
    loop_->CancelTimer(timer);
    forget.push_back(promise);
  }
  service->sleeps.clear();
  for (const auto& [id, promise] : service->execs) {
    port_->SignalExec(id, SIGTERM);
    forget.push_back(promise);
  }
  service->execs.clear();
  for (const auto& [id, timer] : service->exec_timeouts)
    loop_->CancelTimer(timer);
  service->exec_timeouts.clear();
  for (const auto& [id, job] : service->jobs) {
    if (job.timer != 0) loop_->CancelTimer(job.timer);
    runtime_->Release(job.fn);
  }
  if (!service->jobs.empty()) MarkChanged();
  service->jobs.clear();
  // Pending forever: the cancelled run() never resumes. Posted, since this
  // may run inside a JS turn.
  if (!forget.empty()) {
    loop_->Post([this, forget] {
      for (PromiseId id : forget) runtime_->Forget(id);
    });
  }
}

void ServiceManager::StopProcesses(Service* service,
                                   std::function<void()> done) {
  port_->Stop(service->name, service->aliases, std::move(done));
}

void ServiceManager::Stop(const std::string& name,
                          std::function<void(absl::Status)> done) {
  Service* service = Find(name);
  if (service == nullptr) {
    done(absl::NotFoundError(absl::StrCat("no service \"", name, "\"")));
    return;
  }
  if (service->state == ServiceState::kStopping) {
    service->stop_waiters.push_back(
        [done = std::move(done)] { done(absl::OkStatus()); });
    return;
  }
  // What depends on it stops first (and what depends on that, in turn).
  std::vector<std::string> dependents = ActiveDependents(name);
  if (!dependents.empty()) {
    port_->System(
        name,
        absl::StrCat("stopping ", absl::StrJoin(dependents, ", "), " first: ",
                     dependents.size() == 1 ? "it depends" : "they depend",
                     " on ", name));
    auto left = std::make_shared<size_t>(dependents.size());
    for (const std::string& dependent : dependents) {
      Stop(dependent, [this, name, left, done](absl::Status) {
        if (--*left == 0) Stop(name, done);
      });
    }
    return;
  }
  bool was_starting = service->state == ServiceState::kStarting;
  ++service->generation;
  CancelRunWork(service);
  if (was_starting) {
    FinishWaiters(service, absl::CancelledError(absl::StrCat(
                               "service \"", name,
                               "\" was stopped before run() finished")));
  }
  SetState(service, ServiceState::kStopping);
  service->stop_waiters.push_back(
      [done = std::move(done)] { done(absl::OkStatus()); });
  port_->System(name, "service stopping");
  if (loaded_) SaveStarted();
  StopProcesses(service, [this, name] {
    Service* s = Find(name);
    if (s == nullptr || s->state != ServiceState::kStopping) return;
    SetState(s, ServiceState::kStopped);
    port_->System(name, "service stopped");
    std::vector<std::function<void()>> waiters;
    waiters.swap(s->stop_waiters);
    for (auto& waiter : waiters) waiter();
  });
}

void ServiceManager::Restart(const std::string& name, bool wait,
                             std::function<void(absl::Status)> done) {
  Stop(name, [this, name, wait, done = std::move(done)](absl::Status status) {
    if (!status.ok()) {
      done(status);
      return;
    }
    Start(name, wait, done);
  });
}

void ServiceManager::StopAll(std::function<void()> done) {
  auto left = std::make_shared<size_t>(services_.size() + 1);
  auto one = [left, done = std::move(done)](absl::Status) {
    if (--*left == 0) done();
  };
  // Shutting down is not a user's stop: keep the started list as it is.
  loaded_ = false;
  std::vector<std::string> names;
  for (const auto& [name, service] : services_) names.push_back(name);
  for (const std::string& name : names) Stop(name, one);
  one(absl::OkStatus());
}

void ServiceManager::SetState(Service* service, ServiceState state) {
  if (service->state == state) return;
  service->state = state;
  MarkChanged();
  if (!ready_waiters_.empty()) {
    // Outside the JS turn this may run in: a waiter may launch a run().
    loop_->Post([this, alive = std::weak_ptr<bool>(alive_)] {
      if (alive.lock()) CheckReadyWaiters();
    });
  }
  if (observers_.empty()) return;
  control::ServiceSnapshot snap = Snapshot(*service);
  // A copy: an observer may unsubscribe itself.
  auto observers = observers_;
  for (const auto& [id, observer] : observers) observer(snap);
}

int ServiceManager::Observe(Observer observer) {
  int id = next_observer_++;
  observers_[id] = std::move(observer);
  return id;
}

void ServiceManager::Unobserve(int id) { observers_.erase(id); }

ServiceManager::Service* ServiceManager::Current(const std::string& name,
                                                 uint64_t generation) {
  Service* service = Find(name);
  if (service == nullptr || service->generation != generation) return nullptr;
  return service;
}

void ServiceManager::SaveStarted() {
  if (!loaded_) return;
  std::vector<std::string> names;
  for (const auto& [name, service] : services_) {
    if (service->state == ServiceState::kStarting ||
        service->state == ServiceState::kRunning) {
      names.push_back(name);
    }
  }
  desired_.SetStarted(names);
}

}  // namespace runy::script
