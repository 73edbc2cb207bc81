#include "server/control/controller.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errno_status.h"
#include "common/names.h"
#include "common/state_file.h"
#include "common/suggest.h"

namespace runy::control {

const char* ServiceStateName(ServiceState state) {
  switch (state) {
    case ServiceState::kStopped:
      return "stopped";
    case ServiceState::kStarting:
      return "starting";
    case ServiceState::kRunning:
      return "running";
    case ServiceState::kStopping:
      return "stopping";
    case ServiceState::kFailed:
      return "failed";
  }
  return "unknown";
}

std::vector<std::string> Controller::AllNames() const {
  std::vector<std::string> names;
  if (services_ != nullptr) {
    for (const ServiceSnapshot& s : services_->SnapshotAll())
      names.push_back(s.name);
  }
  for (const engine::ProcessSnapshot& p : engine_->SnapshotAll()) {
    names.push_back(p.alias);
  }
  return names;
}

absl::Status Controller::CheckKnown(
    const std::vector<std::string>& names) const {
  for (const std::string& name : names) {
    if ((services_ != nullptr && services_->Has(name)) || engine_->Has(name)) {
      continue;
    }
    std::string message =
        absl::StrCat("no service or process named \"", name, "\"");
    std::vector<std::string> close = ClosestMatches(name, AllNames());
    if (!close.empty()) {
      absl::StrAppend(&message, " (did you mean ", absl::StrJoin(close, ", "),
                      "?)");
    }
    return absl::NotFoundError(message);
  }
  return absl::OkStatus();
}

void Controller::Run(Op op, std::vector<std::string> names, bool all, bool wait,
                     ResultsCallback done) {
  if (all) {
    names.clear();
    if (services_ != nullptr) {
      for (const ServiceSnapshot& s : services_->SnapshotAll())
        names.push_back(s.name);
    } else {
      for (const auto& p : engine_->SnapshotAll()) names.push_back(p.alias);
    }
  } else if (names.empty()) {
    done(absl::InvalidArgumentError(
        "no names given (use --all for every service)"));
    return;
  }
  absl::Status known = CheckKnown(names);
  if (!known.ok()) {
    done(known);
    return;
  }
  struct Pending {
    std::vector<TargetResult> results;
    size_t left;
    ResultsCallback done;
  };
  auto pending = std::make_shared<Pending>();
  pending->results.resize(names.size());
  pending->left = names.size() + 1;
  pending->done = std::move(done);
  auto finish_one = [pending](size_t i, absl::Status status) {
    if (i < pending->results.size())
      pending->results[i].status = std::move(status);
    if (--pending->left == 0) pending->done(std::move(pending->results));
  };
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    pending->results[i].name = name;
    auto one = [finish_one, i](absl::Status status) { finish_one(i, status); };
    if (services_ != nullptr && services_->Has(name)) {
      pending->results[i].kind = TargetKind::kService;
      if (held_ != nullptr && op != Op::kStop) {
        // Starting a service starts all of it.
        for (const engine::ProcessSnapshot& p : engine_->SnapshotAll()) {
          if (p.service == name) held_->Release(p.alias);
        }
      }
      switch (op) {
        case Op::kStart:
          services_->Start(name, wait, one);
          break;
        case Op::kStop:
          services_->Stop(name, one);
          break;
        case Op::kRestart:
          services_->Restart(name, wait, one);
          break;
      }
      continue;
    }
    pending->results[i].kind = TargetKind::kProcess;
    if (held_ != nullptr) {
      if (op == Op::kStop) {
        held_->Hold(name);
      } else {
        held_->Release(name);
      }
    }
    switch (op) {
      case Op::kStart:
        one(engine_->Start(name));
        break;
      case Op::kStop: {
        absl::Status s = engine_->Stop(name, [one] { one(absl::OkStatus()); });
        if (!s.ok()) one(s);
        break;
      }
      case Op::kRestart: {
        absl::Status s = engine_->Restart(name, one);
        if (!s.ok()) one(s);
        break;
      }
    }
  }
  finish_one(names.size(), absl::OkStatus());
}

void Controller::StartFiles(const std::vector<std::string>& files,
                            std::vector<std::string> names, bool wait,
                            ResultsCallback done) {
  if (services_ == nullptr) {
    done(absl::FailedPreconditionError("this daemon has no service layer"));
    return;
  }
  if (files.empty()) {
    Run(Op::kStart, std::move(names), false, wait, std::move(done));
    return;
  }
  // One file at a time, in order; the first that fails ends the call.
  std::string file = files.front();
  std::vector<std::string> rest(files.begin() + 1, files.end());
  services_->AddFile(
      file, [this, file, rest = std::move(rest), names = std::move(names), wait,
             done = std::move(done)](
                absl::StatusOr<std::vector<std::string>> declared) mutable {
        if (!declared.ok()) {
          done(declared.status());
          return;
        }
        if (declared->empty()) {
          done(absl::InvalidArgumentError(
              absl::StrCat(file, ": declares no service")));
          return;
        }
        names.insert(names.end(), declared->begin(), declared->end());
        StartFiles(rest, std::move(names), wait, std::move(done));
      });
}

void Controller::RunAdhoc(const AdhocSpec& spec, bool wait,
                          ResultsCallback done) {
  if (services_ == nullptr || adhoc_dir_.empty()) {
    done(absl::FailedPreconditionError(
        "this daemon keeps no ad-hoc processes (it has no state directory)"));
    return;
  }
  absl::StatusOr<std::string> text = AdhocServiceFile(spec);
  if (!text.ok()) {
    done(text.status());
    return;
  }
  if (services_->Has(spec.name) || engine_->Has(spec.name)) {
    done(absl::AlreadyExistsError(absl::StrCat(
        "a service or process named \"", spec.name,
        "\" exists already: choose another --name, or runy remove ", spec.name,
        " first")));
    return;
  }
  if (::mkdir(adhoc_dir_.c_str(), 0700) != 0 && errno != EEXIST) {
    done(ErrnoToStatus(errno, absl::StrCat("mkdir ", adhoc_dir_)));
    return;
  }
  std::string path = AdhocFile(spec.name);
  if (absl::Status written = WriteFileAtomically(path, *text); !written.ok()) {
    done(written);
    return;
  }
  StartFiles({path}, {}, wait,
             [path, done = std::move(done)](
                 absl::StatusOr<std::vector<TargetResult>> results) {
               // A file that did not load is not left behind.
               if (!results.ok()) ::unlink(path.c_str());
               done(std::move(results));
             });
}

void Controller::Remove(std::vector<std::string> names,
                        std::vector<std::string> files, bool all,
                        ResultsCallback done) {
  if (services_ == nullptr) {
    done(absl::FailedPreconditionError("this daemon has no service layer"));
    return;
  }
  std::vector<ServiceSnapshot> services = services_->SnapshotAll();
  if (all) {
    // Every file a user added (loaded or ad-hoc); --services stay.
    std::set<std::string> seen;
    for (const ServiceSnapshot& s : services) {
      if (seen.insert(s.file).second) files.push_back(s.file);
    }
  }
  if (absl::Status known = CheckKnown(names); !known.ok()) {
    done(known);
    return;
  }
  for (const std::string& name : names) {
    // A process alias stands for the service that declares it.
    std::string service = name;
    if (!services_->Has(name)) {
      absl::StatusOr<engine::ProcessSnapshot> p = engine_->Snapshot(name);
      if (p.ok()) service = p->service;
    }
    auto it = std::find_if(
        services.begin(), services.end(),
        [&](const ServiceSnapshot& s) { return s.name == service; });
    if (it == services.end()) {
      done(absl::FailedPreconditionError(
          absl::StrCat("\"", name, "\" belongs to no service file: runy stop ",
                       name, " stops it")));
      return;
    }
    std::vector<std::string> siblings;
    for (const ServiceSnapshot& s : services) {
      if (s.file == it->file && s.name != service &&
          std::find(names.begin(), names.end(), s.name) == names.end()) {
        siblings.push_back(s.name);
      }
    }
    if (!siblings.empty()) {
      done(absl::FailedPreconditionError(
          absl::StrCat(service, " is defined in ", it->file, " together with ",
                       absl::StrJoin(siblings, ", "), ": runy remove ",
                       it->file, " removes them all")));
      return;
    }
    files.push_back(it->file);
  }
  // Each file once, in order.
  std::vector<std::string> unique;
  for (const std::string& f : files) {
    if (std::find(unique.begin(), unique.end(), f) == unique.end()) {
      unique.push_back(f);
    }
  }
  if (unique.empty()) {
    done(std::vector<TargetResult>{});
    return;
  }
  RemoveFiles(std::move(unique), all, {}, std::move(done));
}

void Controller::RemoveFiles(std::vector<std::string> files, bool all,
                             std::vector<TargetResult> results,
                             ResultsCallback done) {
  if (files.empty()) {
    done(std::move(results));
    return;
  }
  std::string file = files.front();
  files.erase(files.begin());
  services_->RemoveFile(
      file, [this, file, files = std::move(files), all,
             results = std::move(results), done = std::move(done)](
                absl::StatusOr<std::vector<std::string>> removed) mutable {
        // --all leaves runyd's --services alone.
        if (all && absl::IsFailedPrecondition(removed.status())) {
          RemoveFiles(std::move(files), all, std::move(results),
                      std::move(done));
          return;
        }
        if (!removed.ok()) {
          // What was removed before stays removed; the call says where it
          // stopped.
          done(removed.status());
          return;
        }
        if (!adhoc_dir_.empty() &&
            absl::StartsWith(file, absl::StrCat(adhoc_dir_, "/"))) {
          ::unlink(file.c_str());
        }
        for (const std::string& name : *removed) {
          results.push_back({name, TargetKind::kService, absl::OkStatus()});
        }
        RemoveFiles(std::move(files), all, std::move(results), std::move(done));
      });
}

absl::StatusOr<StatusView> Controller::Status(
    const std::vector<std::string>& names) const {
  absl::Status known = CheckKnown(names);
  if (!known.ok()) return known;
  StatusView view;
  std::vector<ServiceSnapshot> services;
  if (services_ != nullptr) {
    services = services_->SnapshotAll();
    view.file_errors = services_->FileErrors();
  }
  std::vector<engine::ProcessSnapshot> processes = engine_->SnapshotAll();
  if (names.empty()) {
    view.services = std::move(services);
    view.processes = std::move(processes);
    return view;
  }
  auto wanted = [&](const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  for (ServiceSnapshot& s : services) {
    if (wanted(s.name)) view.services.push_back(std::move(s));
  }
  for (engine::ProcessSnapshot& p : processes) {
    if (wanted(p.alias) || wanted(p.service))
      view.processes.push_back(std::move(p));
  }
  return view;
}

void Controller::Reload(std::function<void(ReloadResult)> done) {
  if (services_ == nullptr) {
    done(ReloadResult{});
    return;
  }
  services_->Reload(std::move(done));
}

absl::StatusOr<std::vector<std::string>> Controller::ResolveAliases(
    const std::vector<std::string>& names) const {
  absl::StatusOr<StatusView> view = Status(names);
  if (!view.ok()) return view.status();
  std::vector<std::string> aliases;
  for (const auto& p : view->processes) aliases.push_back(p.alias);
  // A service also stands for its own lines (ctx.log, its lifecycle) and
  // for the output of its ctx.exec commands.
  for (const ServiceSnapshot& s : view->services) {
    for (std::string log : {s.name, ExecLogName(s.name)}) {
      if (std::find(aliases.begin(), aliases.end(), log) == aliases.end()) {
        aliases.push_back(std::move(log));
      }
    }
  }
  return aliases;
}

}  // namespace runy::control
