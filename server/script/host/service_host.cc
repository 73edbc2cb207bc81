#include "server/script/host/service_host.h"

#include <future>
#include <utility>

namespace runy::script {

absl::StatusOr<std::unique_ptr<ServiceHost>> ServiceHost::Start(
    loop::EventLoop* loop, engine::Engine* engine, engine::OutputSink* sink,
    logs::LogStore* logs, const state::HeldProcesses* held,
    ServiceManagerOptions options) {
  std::unique_ptr<ServiceHost> host(new ServiceHost(loop));
  absl::Status status =
      host->Init(engine, sink, logs, held, std::move(options));
  if (!status.ok()) return status;
  return host;
}

absl::Status ServiceHost::Init(engine::Engine* engine, engine::OutputSink* sink,
                               logs::LogStore* logs,
                               const state::HeldProcesses* held,
                               ServiceManagerOptions options) {
  to_main_ = loop::Mailbox::For(loop_);
  auto thread = loop::LoopThread::Start("runyd-script", kScriptThreadStack);
  if (!thread.ok()) return thread.status();
  thread_ = std::move(*thread);
  // Start-up only: the supervising loop does not run yet, so waiting for
  // the script thread here blocks nothing.
  std::promise<absl::Status> created;
  thread_->mailbox()->Post([&] {
    bridge_ = std::make_unique<EngineBridge>(engine, sink, logs, held,
                                             loop::Mailbox::For(loop_),
                                             thread_->mailbox());
    auto manager = ServiceManager::Create(thread_->loop(), bridge_.get(),
                                          std::move(options));
    if (!manager.ok()) {
      bridge_.reset();
      created.set_value(manager.status());
      return;
    }
    manager_ = std::move(*manager);
    manager_->set_change_callback([this] { Publish(); });
    manager_->Observe([this](const control::ServiceSnapshot& snapshot) {
      to_main_->Post([this, snapshot] { Notify(snapshot); });
    });
    created.set_value(absl::OkStatus());
  });
  absl::Status status = created.get_future().get();
  if (!status.ok()) Shutdown();
  return status;
}

ServiceHost::~ServiceHost() { Shutdown(); }

void ServiceHost::Shutdown() {
  if (thread_ == nullptr) return;
  to_main_->Close();
  thread_->Stop([this] {
    manager_.reset();
    bridge_.reset();
  });
  thread_.reset();
}

void ServiceHost::OnScript(std::function<void(ServiceManager*)> fn) {
  if (thread_ == nullptr) return;
  thread_->mailbox()->Post([this, fn = std::move(fn)] {
    if (manager_ != nullptr) fn(manager_.get());
  });
}

template <typename... Args>
std::function<void(Args...)> ServiceHost::Back(
    std::function<void(Args...)> done) {
  return [this, done = std::move(done)](Args... args) {
    // The view first: whoever gets the reply and then asks for status
    // sees what the command did.
    if (manager_ != nullptr) manager_->FlushChanges();
    to_main_->Post([done, args...] { done(args...); });
  };
}

void ServiceHost::Publish() {
  to_main_->Post([this, snapshots = manager_->SnapshotAll(),
                  errors = manager_->FileErrors()]() mutable {
    ApplyView(std::move(snapshots), std::move(errors));
  });
}

void ServiceHost::ApplyView(std::vector<control::ServiceSnapshot> snapshots,
                            std::vector<control::FileError> file_errors) {
  snapshots_ = std::move(snapshots);
  file_errors_ = std::move(file_errors);
  names_.clear();
  for (const control::ServiceSnapshot& s : snapshots_) names_.insert(s.name);
}

void ServiceHost::Notify(const control::ServiceSnapshot& snapshot) {
  // A copy: an observer may unsubscribe itself.
  auto observers = observers_;
  for (const auto& [id, observer] : observers) observer(snapshot);
}

void ServiceHost::LoadAndStart() {
  if (thread_ == nullptr) return;
  std::promise<void> loaded;
  std::vector<control::ServiceSnapshot> snapshots;
  std::vector<control::FileError> errors;
  OnScript([&](ServiceManager* m) {
    m->LoadAndStart();
    snapshots = m->SnapshotAll();
    errors = m->FileErrors();
    loaded.set_value();
  });
  loaded.get_future().wait();
  // Directly, not posted: calls already queued on the loop see it.
  ApplyView(std::move(snapshots), std::move(errors));
}

void ServiceHost::StopAll(std::function<void()> done) {
  OnScript(
      [done = Back(std::move(done))](ServiceManager* m) { m->StopAll(done); });
}

bool ServiceHost::Has(const std::string& name) const {
  return names_.count(name) != 0;
}

void ServiceHost::Start(const std::string& name, bool wait,
                        std::function<void(absl::Status)> done) {
  OnScript([name, wait, done = Back(std::move(done))](ServiceManager* m) {
    m->Start(name, wait, done);
  });
}

void ServiceHost::Stop(const std::string& name,
                       std::function<void(absl::Status)> done) {
  OnScript([name, done = Back(std::move(done))](ServiceManager* m) {
    m->Stop(name, done);
  });
}

void ServiceHost::Restart(const std::string& name, bool wait,
                          std::function<void(absl::Status)> done) {
  OnScript([name, wait, done = Back(std::move(done))](ServiceManager* m) {
    m->Restart(name, wait, done);
  });
}

std::vector<control::ServiceSnapshot> ServiceHost::SnapshotAll() const {
  return snapshots_;
}

std::vector<control::FileError> ServiceHost::FileErrors() const {
  return file_errors_;
}

void ServiceHost::Reload(std::function<void(control::ReloadResult)> done) {
  OnScript(
      [done = Back(std::move(done))](ServiceManager* m) { m->Reload(done); });
}

int ServiceHost::Observe(Observer observer) {
  int id = next_observer_++;
  observers_[id] = std::move(observer);
  return id;
}

void ServiceHost::Unobserve(int id) { observers_.erase(id); }

void ServiceHost::AddFile(const std::string& path, AddFileCallback done) {
  OnScript([path, done = Back(std::move(done))](ServiceManager* m) {
    m->AddFile(path, done);
  });
}

void ServiceHost::RemoveFile(const std::string& path, AddFileCallback done) {
  OnScript([path, done = Back(std::move(done))](ServiceManager* m) {
    m->RemoveFile(path, done);
  });
}

}  // namespace runy::script
