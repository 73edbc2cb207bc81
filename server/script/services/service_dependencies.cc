// Dependencies between services (service(name, { dependsOn })): the
// order of starts, readiness, cycles, and stops of what others need.
#include <algorithm>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/script/services/service_internal.h"
#include "server/script/services/service_manager.h"

namespace runy::script {

using control::ServiceState;

std::string ServiceManager::DependencyProblem(const std::string& name) const {
  // Depth-first: the first cycle through `name`'s dependencies, as the
  // path that closes it ("a → b → a"), or an unknown name on the way.
  std::vector<std::string> path;
  std::set<std::string> done;
  std::string problem;
  std::function<void(const std::string&)> visit = [&](const std::string& n) {
    if (!problem.empty() || done.count(n) != 0) return;
    auto on_path = std::find(path.begin(), path.end(), n);
    if (on_path != path.end()) {
      std::vector<std::string> cycle(on_path, path.end());
      cycle.push_back(n);
      problem =
          absl::StrCat("dependency cycle: ", absl::StrJoin(cycle, " \u2192 "));
      return;
    }
    auto it = services_.find(n);
    if (it == services_.end()) {
      problem = absl::StrCat(path.empty() ? n : path.back(), " depends on \"",
                             n, "\", which no service file declares");
      return;
    }
    path.push_back(n);
    for (const std::string& dep : it->second->options.depends_on) visit(dep);
    path.pop_back();
    done.insert(n);
  };
  visit(name);
  return problem;
}

std::vector<control::FileError> ServiceManager::DependencyErrors() const {
  std::vector<control::FileError> out;
  std::set<std::string> reported;
  for (const auto& [name, service] : services_) {
    std::string problem = DependencyProblem(name);
    if (problem.empty() || !reported.insert(problem).second) continue;
    out.push_back(
        {service->site.file, absl::StrCat(service->site.ToString(),
                                          ": service ", name, ": ", problem)});
  }
  return out;
}

std::vector<std::string> ServiceManager::ActiveDependents(
    const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [other, service] : services_) {
    const auto& deps = service->options.depends_on;
    if (std::find(deps.begin(), deps.end(), name) == deps.end()) continue;
    if (service->state == ServiceState::kRunning ||
        service->state == ServiceState::kStarting) {
      out.push_back(other);
    }
  }
  return out;
}

void ServiceManager::LaunchAfterDependencies(Service* service) {
  const std::vector<std::string>& deps = service->options.depends_on;
  ++service->generation;
  service->error.clear();
  service->waiting_for = deps;
  service->waiting_since = absl::Now();
  SetState(service, ServiceState::kStarting);
  MarkChanged();
  port_->System(service->name,
                absl::StrCat("service waiting for ", absl::StrJoin(deps, ", "),
                             " to be ready"));
  std::string name = service->name;
  uint64_t generation = service->generation;
  auto left = std::make_shared<size_t>(deps.size());
  auto failed = std::make_shared<bool>(false);
  for (const std::string& dep : deps) {
    Start(dep, false, [](absl::Status) {});
    WhenReady(
        dep, [this, name, generation, dep, left, failed](absl::Status ready) {
          Service* s = Current(name, generation);
          if (s == nullptr || *failed) return;
          if (!ready.ok()) {
            *failed = true;
            s->waiting_for.clear();
            s->error = absl::StrCat("dependency ", dep, ": ", ready.message());
            SetState(s, ServiceState::kFailed);
            port_->System(name, absl::StrCat("service failed: ", s->error));
            FinishWaiters(s, absl::FailedPreconditionError(s->error));
            return;
          }
          s->waiting_for.erase(
              std::remove(s->waiting_for.begin(), s->waiting_for.end(), dep),
              s->waiting_for.end());
          MarkChanged();
          if (--*left == 0) {
            port_->System(
                name, absl::StrCat("service dependencies ready: ",
                                   absl::StrJoin(s->options.depends_on, ", ")));
            Launch(s);
          }
        });
  }
}

void ServiceManager::RequestServiceReady(const CtxCall& call,
                                         const std::string& name,
                                         PromiseId promise) {
  std::string what = absl::StrCat("ctx.service(\"", name, "\").ready()");
  std::string where = absl::StrCat(" (service ", call.service, ", at ",
                                   call.site.ToString(), ")");
  if (name == call.service) {
    api_->SettleError(
        promise,
        absl::StrCat(what, ": a service cannot wait for itself", where));
    return;
  }
  if (Find(name) == nullptr) {
    api_->SettleError(promise,
                      absl::StrCat(what, ": no service \"", name, "\"", where));
    return;
  }
  // As with dependsOn: started if it is not, then waited for; outside
  // this JS turn, since a start runs its run().
  loop_->Post([this, alive = std::weak_ptr<bool>(alive_), name, promise, what,
               where] {
    if (!alive.lock()) return;
    Start(name, false, [](absl::Status) {});
    ServiceApi* api = api_.get();
    WhenReady(name, [api, promise, what, where](absl::Status ready) {
      if (ready.ok()) {
        api->Settle(
            promise, [](duk_context* ctx) { duk_push_undefined(ctx); }, false);
      } else {
        api->SettleError(promise,
                         absl::StrCat(what, ": ", ready.message(), where));
      }
    });
  });
}

void ServiceManager::WhenReady(const std::string& name,
                               std::function<void(absl::Status)> done) {
  ready_waiters_.emplace_back(name, std::move(done));
  CheckReadyWaiters();
}

void ServiceManager::CheckReadyWaiters() {
  std::vector<std::pair<std::function<void(absl::Status)>, absl::Status>>
      decided;
  for (auto it = ready_waiters_.begin(); it != ready_waiters_.end();) {
    Service* s = Find(it->first);
    absl::Status verdict;
    bool settled = true;
    if (s == nullptr) {
      verdict =
          absl::NotFoundError(absl::StrCat("no service \"", it->first, "\""));
    } else if (s->state == ServiceState::kFailed) {
      verdict =
          absl::FailedPreconditionError(absl::StrCat("failed: ", s->error));
    } else if (s->state == ServiceState::kStopped ||
               s->state == ServiceState::kStopping) {
      verdict = absl::CancelledError("was stopped");
    } else if (s->state == ServiceState::kRunning) {
      // Every process up (past its readiness probe), or a one-shot done.
      for (const std::string& alias : s->aliases) {
        const engine::ProcessSnapshot* p = tracker_->Find(alias);
        bool up = p != nullptr &&
                  (p->state == engine::ProcessState::kRunning ||
                   (p->state == engine::ProcessState::kExited &&
                    p->last_exit.signal == 0 && p->last_exit.code == 0));
        if (!up) settled = false;
        if (p != nullptr && p->state == engine::ProcessState::kFailed) {
          verdict = absl::FailedPreconditionError(
              absl::StrCat("its process ", alias, " failed (", p->reason, ")"));
          settled = true;
          break;
        }
      }
    } else {
      settled = false;  // starting
    }
    if (!settled) {
      ++it;
      continue;
    }
    decided.emplace_back(std::move(it->second), verdict);
    it = ready_waiters_.erase(it);
  }
  for (auto& [done, verdict] : decided) done(verdict);
}

}  // namespace runy::script
