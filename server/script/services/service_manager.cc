#include "server/script/services/service_manager.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/script/services/service_files.h"
#include "server/script/services/service_internal.h"
#include "spdlog/spdlog.h"

namespace runy::script {

ServiceManager::ServiceManager(loop::EventLoop* loop, EnginePort* port,
                               ServiceManagerOptions options)
    : loop_(loop),
      port_(port),
      options_(std::move(options)),
      desired_(options_.state_file, options_.loaded_file,
               options_.state_writer) {
  for (std::string& path : options_.paths) path = AbsolutePath(path);
  options_.runtime.module_scope = true;
}

ServiceManager::~ServiceManager() {
  // The heap goes with the runtime; nothing else holds JS values.
  api_.reset();
  runtime_.reset();
}

absl::StatusOr<std::unique_ptr<ServiceManager>> ServiceManager::Create(
    loop::EventLoop* loop, EnginePort* port, ServiceManagerOptions options) {
  std::unique_ptr<ServiceManager> manager(
      new ServiceManager(loop, port, std::move(options)));
  absl::Status status = manager->Init();
  if (!status.ok()) return status;
  return manager;
}

absl::Status ServiceManager::Init() {
  auto runtime = Runtime::Create(loop_, options_.runtime);
  if (!runtime.ok()) return runtime.status();
  runtime_ = std::move(*runtime);
  api_ = std::make_unique<ServiceApi>(runtime_.get(), loop_,
                                      static_cast<ServiceApi::Delegate*>(this));
  tracker_ = std::make_unique<ProcessTracker>(loop_, port_, runtime_.get(),
                                              api_.get());
  tracker_->set_on_event([this](const std::string& service,
                                const std::string& event,
                                const engine::ProcessSnapshot& s) {
    Dispatch(service, event, [s](duk_context* ctx) {
      duk_push_object(ctx);
      duk_push_lstring(ctx, s.alias.data(), s.alias.size());
      duk_put_prop_string(ctx, -2, "alias");
      duk_push_string(ctx, engine::StateName(s.state));
      duk_put_prop_string(ctx, -2, "state");
      duk_push_int(ctx, s.pid);
      duk_put_prop_string(ctx, -2, "pid");
      duk_push_int(ctx, s.run);
      duk_put_prop_string(ctx, -2, "run");
      duk_push_int(ctx, s.restarts);
      duk_put_prop_string(ctx, -2, "restarts");
      if (s.last_exit.exited && s.last_exit.signal == 0) {
        duk_push_int(ctx, s.last_exit.code);
      } else {
        duk_push_null(ctx);
      }
      duk_put_prop_string(ctx, -2, "code");
      if (s.last_exit.signal != 0) {
        std::string name = engine::SignalName(s.last_exit.signal);
        duk_push_lstring(ctx, name.data(), name.size());
      } else {
        duk_push_null(ctx);
      }
      duk_put_prop_string(ctx, -2, "signal");
      duk_push_lstring(ctx, s.reason.data(), s.reason.size());
      duk_put_prop_string(ctx, -2, "reason");
    });
  });
  tracker_->set_on_change([this] {
    if (!ready_waiters_.empty()) CheckReadyWaiters();
  });
  port_->ObserveWatchChanges(
      [this, alive = std::weak_ptr<bool>(alive_)](
          const std::string& alias, const std::vector<std::string>& paths) {
        if (alive.lock()) tracker_->OnWatchChange(alias, paths);
      });
  port_->ObserveProcesses([this, alive = std::weak_ptr<bool>(alive_)](
                              const engine::ProcessSnapshot& snapshot) {
    if (alive.lock()) tracker_->OnSnapshot(snapshot);
  });
  return api_->Install();
}

void ServiceManager::MarkChanged() {
  if (changed_) return;
  changed_ = true;
  if (!change_cb_) return;
  loop_->Post([this, alive = std::weak_ptr<bool>(alive_)] {
    if (alive.lock()) FlushChanges();
  });
}

void ServiceManager::FlushChanges() {
  if (!changed_) return;
  changed_ = false;
  if (change_cb_) change_cb_();
}

std::vector<std::string> ServiceManager::ScanPaths(
    std::vector<control::FileError>* errors) const {
  // A file that loaded before and is gone now is removed by the reload,
  // not reported again and again.
  return ScanServicePaths(
      options_.paths,
      [this](const std::string& path) {
        return files_.count(path) != 0 || deleted_.count(path) != 0;
      },
      errors);
}

absl::StatusOr<std::vector<ServiceManager::Declared>> ServiceManager::LoadFile(
    const std::string& path, const std::string& source) {
  std::vector<Declared> declared;
  loading_file_ = &path;
  loading_declared_ = &declared;
  absl::Status status = runtime_->RunSource(source, path);
  loading_file_ = nullptr;
  loading_declared_ = nullptr;
  if (!status.ok()) {
    ReleaseDeclared(&declared);
    return status;
  }
  return declared;
}

void ServiceManager::ReleaseDeclared(std::vector<Declared>* declared) {
  for (Declared& d : *declared) {
    if (d.run_fn != 0) runtime_->Release(d.run_fn);
    d.run_fn = 0;
  }
}

void ServiceManager::Commit(const std::string& path, const std::string& hash,
                            std::vector<Declared> declared,
                            control::ReloadResult* result) {
  File& file = files_[path];
  std::vector<std::string> old_names = file.services;
  file.hash = hash;
  file.error.clear();
  file.services.clear();
  for (const std::string& old : old_names) {
    bool kept = std::any_of(declared.begin(), declared.end(),
                            [&](const Declared& d) { return d.name == old; });
    if (!kept) {
      RemoveService(old);
      if (result) result->stopped.push_back(old);
    }
  }
  MarkChanged();
  for (Declared& d : declared) {
    file.services.push_back(d.name);
    auto it = services_.find(d.name);
    if (it == services_.end()) {
      auto service = std::make_unique<Service>();
      service->name = d.name;
      service->options = d.options;
      service->site = d.site;
      service->dir = DirOf(path);
      service->run_fn = d.run_fn;
      service->listeners = d.listeners;
      Service* raw = service.get();
      services_[d.name] = std::move(service);
      if (result) {
        result->added.push_back(d.name);
        if (raw->options.autostart) Start(d.name, false, [](absl::Status) {});
      }
      continue;
    }
    // A new definition of a known service: running ones restart with it.
    Service* service = it->second.get();
    if (service->run_fn != 0) runtime_->Release(service->run_fn);
    for (const auto& [event, fn] : service->listeners) runtime_->Release(fn);
    service->options = d.options;
    service->site = d.site;
    service->dir = DirOf(path);
    service->run_fn = d.run_fn;
    service->listeners = d.listeners;
    if (result && (service->state == control::ServiceState::kRunning ||
                   service->state == control::ServiceState::kStarting)) {
      result->restarted.push_back(d.name);
      Restart(d.name, false, [](absl::Status) {});
    }
  }
}

void ServiceManager::RemoveService(const std::string& name,
                                   std::function<void()> removed) {
  Service* service = Find(name);
  if (service == nullptr) {
    if (removed) removed();
    return;
  }
  Stop(name, [this, name, removed = std::move(removed)](absl::Status) {
    auto it = services_.find(name);
    if (it != services_.end()) {
      port_->Remove(name, it->second->aliases);
      if (it->second->run_fn != 0) runtime_->Release(it->second->run_fn);
      for (const auto& [event, fn] : it->second->listeners) {
        runtime_->Release(fn);
      }
      services_.erase(it);
      MarkChanged();
    }
    if (removed) removed();
  });
}

void ServiceManager::LoadAndStart() {
  // Files loaded with `runy start FILE.js` before runyd last stopped.
  if (desired_.keeps_loaded()) {
    for (const std::string& path : desired_.Loaded()) {
      if (std::find(options_.paths.begin(), options_.paths.end(), path) !=
          options_.paths.end()) {
        continue;
      }
      struct stat st;
      if (stat(path.c_str(), &st) != 0 && errno == ENOENT) {
        spdlog::info("{} was loaded before and is gone: forgotten", path);
        continue;
      }
      options_.paths.push_back(path);
      added_paths_.push_back(path);
    }
    SaveLoaded();
  }
  scan_errors_.clear();
  for (const std::string& path : ScanPaths(&scan_errors_)) {
    auto source = ReadServiceFile(path);
    if (!source.ok()) {
      files_[path].error = std::string(source.status().message());
      continue;
    }
    auto declared = LoadFile(path, *source);
    if (!declared.ok()) {
      files_[path].error = std::string(declared.status().message());
      spdlog::error("{}", files_[path].error);
      continue;
    }
    Commit(path, ContentHash(*source), std::move(*declared), nullptr);
  }
  loaded_ = true;
  MarkChanged();
  std::set<std::string> started = desired_.Started();
  for (const auto& [name, service] : services_) {
    if (service->options.autostart || started.count(name) != 0) {
      spdlog::info(
          "starting service {}{}", name,
          service->options.autostart ? " (autostart)" : " (was started)");
      Start(name, false, [](absl::Status) {});
    }
  }
}

void ServiceManager::AddFile(const std::string& raw_path,
                             AddFileCallback done) {
  std::string path = AbsolutePath(raw_path);
  auto source = ReadServiceFile(path);
  if (!source.ok()) return done(source.status());
  auto declared = LoadFile(path, *source);
  if (!declared.ok()) return done(declared.status());
  std::vector<std::string> names;
  for (const Declared& d : *declared) names.push_back(d.name);
  Commit(path, ContentHash(*source), std::move(*declared), nullptr);
  deleted_.erase(path);
  if (std::find(options_.paths.begin(), options_.paths.end(), path) ==
      options_.paths.end()) {
    options_.paths.push_back(path);
    added_paths_.push_back(path);
    SaveLoaded();
  }
  done(std::move(names));
}

void ServiceManager::RemoveFile(const std::string& raw_path,
                                AddFileCallback done) {
  std::string path = AbsolutePath(raw_path);
  auto added = std::find(added_paths_.begin(), added_paths_.end(), path);
  if (added == added_paths_.end()) {
    if (files_.count(path) != 0) {
      return done(absl::FailedPreconditionError(absl::StrCat(
          path,
          " is one of runyd's --services: take it out there, then runy "
          "reload")));
    }
    return done(absl::NotFoundError(absl::StrCat(path, " is not loaded")));
  }
  std::vector<std::string> services = files_[path].services;
  files_.erase(path);
  added_paths_.erase(added);
  options_.paths.erase(
      std::remove(options_.paths.begin(), options_.paths.end(), path),
      options_.paths.end());
  SaveLoaded();
  MarkChanged();
  spdlog::info("removing {} and its services ({})", path,
               absl::StrJoin(services, ", "));
  // `done` once every service has stopped and gone.
  auto pending = std::make_shared<size_t>(services.size() + 1);
  auto finish = [pending, services, done = std::move(done)] {
    if (--*pending == 0) done(services);
  };
  for (const std::string& name : services) RemoveService(name, finish);
  finish();
}

void ServiceManager::Reload(std::function<void(control::ReloadResult)> done) {
  control::ReloadResult result;
  scan_errors_.clear();
  std::vector<std::string> paths = ScanPaths(&scan_errors_);
  RemoveDeletedFiles(paths, &result);
  for (const std::string& path : paths) {
    deleted_.erase(path);
    auto source = ReadServiceFile(path);
    if (!source.ok()) {
      files_[path].error = std::string(source.status().message());
      result.file_errors.push_back({path, files_[path].error});
      continue;
    }
    std::string hash = ContentHash(*source);
    auto it = files_.find(path);
    if (it != files_.end() && it->second.hash == hash &&
        it->second.error.empty())
      continue;
    auto declared = LoadFile(path, *source);
    if (!declared.ok()) {
      // The previous version (if any) keeps running.
      files_[path].error = std::string(declared.status().message());
      result.file_errors.push_back({path, files_[path].error});
      spdlog::error("reload: {}", files_[path].error);
      continue;
    }
    Commit(path, hash, std::move(*declared), &result);
  }
  for (const auto& e : scan_errors_) result.file_errors.push_back(e);
  MarkChanged();
  done(std::move(result));
}

void ServiceManager::RemoveDeletedFiles(const std::vector<std::string>& paths,
                                        control::ReloadResult* result) {
  std::vector<std::string> gone;
  for (const auto& [path, file] : files_) {
    if (std::find(paths.begin(), paths.end(), path) == paths.end())
      gone.push_back(path);
  }
  bool forgot = false;
  for (const std::string& path : gone) {
    control::RemovedFile removed{path, files_[path].services};
    for (const std::string& name : removed.services) RemoveService(name);
    files_.erase(path);
    auto added = std::find(added_paths_.begin(), added_paths_.end(), path);
    if (added != added_paths_.end()) {
      added_paths_.erase(added);
      options_.paths.erase(
          std::remove(options_.paths.begin(), options_.paths.end(), path),
          options_.paths.end());
      forgot = true;
    } else {
      deleted_.insert(path);
    }
    spdlog::info("{} is gone: removed its services ({})", path,
                 absl::StrJoin(removed.services, ", "));
    result->removed_files.push_back(std::move(removed));
  }
  if (forgot) SaveLoaded();
}

void ServiceManager::SaveLoaded() { desired_.SetLoaded(added_paths_); }

bool ServiceManager::Has(const std::string& name) const {
  return services_.count(name) != 0;
}

ServiceManager::Service* ServiceManager::Find(const std::string& name) {
  auto it = services_.find(name);
  return it == services_.end() ? nullptr : it->second.get();
}

std::vector<control::ServiceSnapshot> ServiceManager::SnapshotAll() const {
  std::vector<control::ServiceSnapshot> out;
  for (const auto& [name, s] : services_) out.push_back(Snapshot(*s));
  return out;
}

control::ServiceSnapshot ServiceManager::Snapshot(const Service& s) const {
  control::ServiceSnapshot snap;
  snap.name = s.name;
  snap.state = s.state;
  snap.description = s.options.description;
  snap.autostart = s.options.autostart;
  snap.file = s.site.file;
  snap.line = s.site.line;
  snap.error = s.error;
  snap.waiting_for = absl::StrJoin(s.waiting_for, ", ");
  if (!s.waiting_for.empty()) snap.waiting_since = s.waiting_since;
  snap.depends_on = s.options.depends_on;
  for (const auto& [id, job] : s.jobs) {
    snap.next_job = std::min(snap.next_job, job.next);
  }
  snap.aliases = s.aliases;
  return snap;
}

std::vector<control::FileError> ServiceManager::FileErrors() const {
  std::vector<control::FileError> out = scan_errors_;
  for (control::FileError& e : DependencyErrors()) out.push_back(std::move(e));
  for (const auto& [path, file] : files_) {
    if (!file.error.empty()) out.push_back({path, file.error});
  }
  return out;
}

}  // namespace runy::script
