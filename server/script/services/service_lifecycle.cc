// Service states: start (run()), stop (cancel run() work, stop processes in
// parallel), restart; and which services were started, kept on disk.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
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
  if (wait) service->start_waiters.push_back(std::move(done));
  Launch(service);
  SaveStarted();
  if (!wait) done(absl::OkStatus());
}

void ServiceManager::Launch(Service* service) {
  ++service->generation;
  service->state = ServiceState::kStarting;
  service->error.clear();
  service->aliases.clear();
  sink_->OnSystem(service->name, 0, "service starting");
  if (service->run_fn == 0) {
    RunSettled(service->name, service->generation, absl::OkStatus());
    return;
  }
  std::string name = service->name;
  uint64_t generation = service->generation;
  absl::Status status = runtime_->Call(
      service->run_fn,
      [&](duk_context* ctx) -> duk_idx_t {
        PushCtx(ctx, *service);
        return 1;
      },
      [&](duk_context* ctx) { AttachRunSettlement(ctx, name, generation); });
  // A synchronous throw from run(); an async one arrives through the
  // settlement.
  if (!status.ok()) RunSettled(name, generation, status);
}

void ServiceManager::RunSettled(const std::string& name, uint64_t generation,
                                const absl::Status& status) {
  Service* service = Current(name, generation);
  if (service == nullptr || service->state != ServiceState::kStarting) return;
  if (status.ok()) {
    service->state = ServiceState::kRunning;
    sink_->OnSystem(name, 0, "service running");
    FinishWaiters(service, absl::OkStatus());
    return;
  }
  // run() failed: what it already started is stopped.
  service->state = ServiceState::kFailed;
  service->error = std::string(status.message());
  ++service->generation;
  CancelRunWork(service);
  sink_->OnSystem(name, 0, absl::StrCat("service failed: ", service->error));
  spdlog::error("service {} failed: {}", name, service->error);
  FinishWaiters(service, status);
  StopProcesses(service, [] {});
}

void ServiceManager::FinishWaiters(Service* service,
                                   const absl::Status& status) {
  std::vector<std::function<void(absl::Status)>> waiters;
  waiters.swap(service->start_waiters);
  for (auto& waiter : waiters) waiter(status);
}

void ServiceManager::CancelRunWork(Service* service) {
  std::vector<PromiseId> forget;
  for (const auto& [timer, promise] : service->sleeps) {
    loop_->CancelTimer(timer);
    forget.push_back(promise);
  }
  service->sleeps.clear();
  for (const auto& [pid, promise] : service->execs) {
    engine_->SignalExec(pid, SIGTERM);
    forget.push_back(promise);
  }
  service->execs.clear();
  for (const auto& [pid, timer] : service->exec_timeouts)
    loop_->CancelTimer(timer);
  service->exec_timeouts.clear();
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
  auto left = std::make_shared<size_t>(service->aliases.size() + 1);
  auto one = [left, done = std::move(done)] {
    if (--*left == 0) done();
  };
  for (const std::string& alias : service->aliases) {
    if (!engine_->Stop(alias, one).ok()) one();
  }
  one();
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
  bool was_starting = service->state == ServiceState::kStarting;
  ++service->generation;
  CancelRunWork(service);
  if (was_starting) {
    FinishWaiters(service, absl::CancelledError(absl::StrCat(
                               "service \"", name,
                               "\" was stopped before run() finished")));
  }
  service->state = ServiceState::kStopping;
  service->stop_waiters.push_back(
      [done = std::move(done)] { done(absl::OkStatus()); });
  sink_->OnSystem(name, 0, "service stopping");
  if (loaded_) SaveStarted();
  StopProcesses(service, [this, name] {
    Service* s = Find(name);
    if (s == nullptr || s->state != ServiceState::kStopping) return;
    s->state = ServiceState::kStopped;
    sink_->OnSystem(name, 0, "service stopped");
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

ServiceManager::Service* ServiceManager::Current(const std::string& name,
                                                 uint64_t generation) {
  Service* service = Find(name);
  if (service == nullptr || service->generation != generation) return nullptr;
  return service;
}

void ServiceManager::SaveStarted() {
  if (options_.state_file.empty() || !loaded_) return;
  std::string content;
  for (const auto& [name, service] : services_) {
    if (service->state == ServiceState::kStarting ||
        service->state == ServiceState::kRunning) {
      absl::StrAppend(&content, name, "\n");
    }
  }
  // Atomically: a crash mid-write leaves the previous list.
  std::string tmp = options_.state_file + ".new";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      spdlog::warn("cannot write {}", tmp);
      return;
    }
  }
  // Durable before it replaces the old list (a power cut must not leave an
  // empty one).
  if (int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  if (std::rename(tmp.c_str(), options_.state_file.c_str()) != 0) {
    spdlog::warn("cannot replace {}", options_.state_file);
  }
}

std::set<std::string> ServiceManager::LoadStarted() const {
  std::set<std::string> names;
  if (options_.state_file.empty()) return names;
  std::ifstream in(options_.state_file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) names.insert(line);
  }
  return names;
}

}  // namespace runy::script
