#include "server/api/runy_service.h"

#include <unistd.h>

#include <set>
#include <thread>
#include <utility>

#include "absl/time/clock.h"
#include "common/version.h"
#include "server/api/convert.h"
#include "server/api/grpc_status.h"
#include "server/api/logs_feed.h"
#include "server/api/request_checks.h"
#include "server/api/stream_writer.h"

namespace runy::api {

RunyService::RunyService(loop::EventLoop* loop, control::Controller* controller,
                         engine::Engine* engine, logs::LogStore* store,
                         AccessControl* access, DaemonHooks hooks)
    : loop_(loop),
      controller_(controller),
      engine_(engine),
      store_(store),
      access_(access),
      hooks_(std::move(hooks)),
      started_at_(absl::Now()) {}

std::optional<Caller> RunyService::Admit(grpc::CallbackServerContext* context,
                                         Scope scope, const char* method,
                                         grpc::Status* refusal,
                                         absl::Duration* delay) {
  absl::StatusOr<Caller> caller =
      access_->Check(*context, scope, method, delay);
  if (caller.ok()) return *caller;
  *refusal = ToGrpcStatus(caller.status());
  return std::nullopt;
}

void RunyService::After(absl::Duration delay, std::function<void()> fn) {
  if (delay <= absl::ZeroDuration()) {
    fn();
    return;
  }
  // A timer of the loop: no gRPC thread sleeps for a slowed-down peer.
  loop_->Post(
      [this, delay, fn = std::move(fn)] { loop_->AddTimerAfter(delay, fn); });
}

grpc::ServerUnaryReactor* RunyService::Refuse(
    grpc::CallbackServerContext* context, grpc::Status refusal,
    absl::Duration delay) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  After(delay, [reactor, refusal] { reactor->Finish(refusal); });
  return reactor;
}

template <typename Msg>
grpc::ServerWriteReactor<Msg>* RunyService::RefuseStream(grpc::Status refusal,
                                                         absl::Duration delay) {
  auto* writer = new StreamWriter<Msg>(1);
  auto handle = writer->handle();
  After(delay, [handle, refusal] { handle->Close(refusal); });
  return writer;
}

// Admits the caller of `method` with `scope`, or returns the refusal.
#define RUNY_ADMIT(caller, scope, method, refuse)        \
  grpc::Status refusal_;                                 \
  absl::Duration delay_;                                 \
  std::optional<Caller> caller =                         \
      Admit(context, scope, method, &refusal_, &delay_); \
  if (!caller.has_value()) return refuse(refusal_, delay_)

// Refuses a request that fails `check` (request_checks.h).
#define RUNY_CHECK_REQUEST(check, refuse)              \
  if (absl::Status checked_ = (check); !checked_.ok()) \
  return refuse(ToGrpcStatus(checked_), absl::ZeroDuration())

template <typename Response>
grpc::ServerUnaryReactor* RunyService::RunOp(
    grpc::CallbackServerContext* context, control::Op op,
    const google::protobuf::RepeatedPtrField<std::string>& names, bool all,
    bool wait, Response* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::vector<std::string> list(names.begin(), names.end());
  loop_->Post([=, list = std::move(list)]() mutable {
    controller_->Run(op, std::move(list), all, wait,
                     [reactor, response](auto results) {
                       if (results.ok())
                         ToProto(*results, response->mutable_results());
                       reactor->Finish(ToGrpcStatus(results.status()));
                     });
  });
  return reactor;
}

grpc::ServerUnaryReactor* RunyService::Start(
    grpc::CallbackServerContext* context, const v1::StartRequest* request,
    v1::StartResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Start", refuse);
  RUNY_CHECK_REQUEST(CheckNames("names", request->names()), refuse);
  RUNY_CHECK_REQUEST(CheckFiles("files", request->files()), refuse);
  for (const std::string& file : request->files()) {
    absl::Status may = access_->MayLoad(*caller, file);
    if (!may.ok()) return refuse(ToGrpcStatus(may), absl::ZeroDuration());
  }
  if (!request->files().empty()) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    std::vector<std::string> files(request->files().begin(),
                                   request->files().end());
    std::vector<std::string> names(request->names().begin(),
                                   request->names().end());
    bool wait = !request->no_wait();
    loop_->Post([=]() mutable {
      controller_->StartFiles(
          files, std::move(names), wait, [reactor, response](auto results) {
            if (results.ok()) ToProto(*results, response->mutable_results());
            reactor->Finish(ToGrpcStatus(results.status()));
          });
    });
    return reactor;
  }
  return RunOp(context, control::Op::kStart, request->names(), request->all(),
               !request->no_wait(), response);
}

grpc::ServerUnaryReactor* RunyService::Run(grpc::CallbackServerContext* context,
                                           const v1::RunRequest* request,
                                           v1::RunResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Run", refuse);
  if (!caller->unix_socket) {
    return refuse(
        grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                     "ad-hoc processes are not accepted over TCP: start a "
                     "service file from an --allow-load directory instead"),
        absl::ZeroDuration());
  }
  control::AdhocSpec spec;
  spec.name = request->name();
  spec.cmd = request->cmd();
  spec.args.assign(request->args().begin(), request->args().end());
  spec.restart = request->restart();
  spec.max_restarts = request->max_restarts();
  spec.watch.assign(request->watch().begin(), request->watch().end());
  spec.cwd = request->cwd();
  for (const v1::EnvVar& var : request->env()) {
    spec.env.emplace_back(var.name(), var.value());
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  bool wait = !request->no_wait();
  loop_->Post([this, spec = std::move(spec), wait, reactor, response] {
    response->set_file(controller_->AdhocFile(spec.name));
    controller_->RunAdhoc(spec, wait, [reactor, response](auto results) {
      if (results.ok() && !results->empty()) {
        google::protobuf::RepeatedPtrField<v1::TargetResult> out;
        ToProto(*results, &out);
        *response->mutable_result() = out[0];
      }
      reactor->Finish(ToGrpcStatus(results.status()));
    });
  });
  return reactor;
}

grpc::ServerUnaryReactor* RunyService::Remove(
    grpc::CallbackServerContext* context, const v1::RemoveRequest* request,
    v1::RemoveResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Remove", refuse);
  RUNY_CHECK_REQUEST(CheckNames("names", request->names()), refuse);
  RUNY_CHECK_REQUEST(CheckFiles("files", request->files()), refuse);
  if (request->names().empty() && request->files().empty() && !request->all()) {
    return refuse(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                               "nothing to remove: give names, files or all"),
                  absl::ZeroDuration());
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::vector<std::string> names(request->names().begin(),
                                 request->names().end());
  std::vector<std::string> files(request->files().begin(),
                                 request->files().end());
  bool all = request->all();
  loop_->Post([=]() mutable {
    controller_->Remove(std::move(names), std::move(files), all,
                        [reactor, response](auto results) {
                          if (results.ok())
                            ToProto(*results, response->mutable_results());
                          reactor->Finish(ToGrpcStatus(results.status()));
                        });
  });
  return reactor;
}

grpc::ServerUnaryReactor* RunyService::Describe(
    grpc::CallbackServerContext* context, const v1::DescribeRequest* request,
    v1::DescribeResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kRead, "Describe", refuse);
  google::protobuf::RepeatedPtrField<std::string> names;
  names.Add()->assign(request->name());
  RUNY_CHECK_REQUEST(CheckNames("name", names), refuse);
  if (request->show_env() && caller->scope != Scope::kControl) {
    return refuse(grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                               "show_env needs a control token: environment "
                               "values may hold secrets"),
                  absl::ZeroDuration());
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::string name = request->name();
  bool show_env = request->show_env();
  loop_->Post([this, name, show_env, reactor, response] {
    absl::StatusOr<control::StatusView> view = controller_->Status({name});
    if (!view.ok()) {
      reactor->Finish(ToGrpcStatus(view.status()));
      return;
    }
    // The process's service too, when `name` is a process.
    std::string service = view->services.empty() ? "" : name;
    for (const engine::ProcessSnapshot& p : view->processes) {
      if (service.empty() && p.alias == name) service = p.service;
    }
    if (!service.empty()) {
      absl::StatusOr<control::StatusView> of = controller_->Status({service});
      if (of.ok() && !of->services.empty()) {
        ToProto(of->services[0], response->mutable_service());
      }
    }
    for (const engine::ProcessSnapshot& p : view->processes) {
      absl::StatusOr<engine::ProcessDetail> detail = engine_->Detail(p.alias);
      if (!detail.ok()) continue;
      ToProto(*detail, show_env, store_->Files(p.alias),
              response->add_processes());
    }
    reactor->Finish(grpc::Status::OK);
  });
  return reactor;
}

grpc::ServerUnaryReactor* RunyService::Stop(
    grpc::CallbackServerContext* context, const v1::StopRequest* request,
    v1::StopResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Stop", refuse);
  RUNY_CHECK_REQUEST(CheckNames("names", request->names()), refuse);
  return RunOp(context, control::Op::kStop, request->names(), request->all(),
               true, response);
}

grpc::ServerUnaryReactor* RunyService::Restart(
    grpc::CallbackServerContext* context, const v1::RestartRequest* request,
    v1::RestartResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Restart", refuse);
  RUNY_CHECK_REQUEST(CheckNames("names", request->names()), refuse);
  return RunOp(context, control::Op::kRestart, request->names(), request->all(),
               !request->no_wait(), response);
}

grpc::ServerUnaryReactor* RunyService::Status(
    grpc::CallbackServerContext* context, const v1::StatusRequest* request,
    v1::StatusResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kRead, "Status", refuse);
  RUNY_CHECK_REQUEST(CheckNames("names", request->names()), refuse);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::vector<std::string> names(request->names().begin(),
                                 request->names().end());
  loop_->Post([this, reactor, response, names = std::move(names)] {
    absl::StatusOr<control::StatusView> view = controller_->Status(names);
    if (view.ok()) {
      ToProto(*view, response);
      for (v1::ProcessStatus& p : *response->mutable_processes()) {
        p.set_log_dropped_bytes(store_->dropped_bytes(p.alias()));
      }
    }
    reactor->Finish(ToGrpcStatus(view.status()));
  });
  return reactor;
}

grpc::ServerWriteReactor<v1::LogLine>* RunyService::Logs(
    grpc::CallbackServerContext* context, const v1::LogsRequest* request) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return RefuseStream<v1::LogLine>(s, d);
  };
  RUNY_ADMIT(caller, Scope::kRead, "Logs", refuse);
  RUNY_CHECK_REQUEST(CheckLogsRequest(*request), refuse);
  return StartLogsFeed(loop_, controller_, store_, &streams_, request);
}

grpc::ServerUnaryReactor* RunyService::Flush(
    grpc::CallbackServerContext* context, const v1::FlushRequest* request,
    v1::FlushResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Flush", refuse);
  RUNY_CHECK_REQUEST(CheckNames("names", request->names()), refuse);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::vector<std::string> names(request->names().begin(),
                                 request->names().end());
  logs::LogStore* store = store_;
  loop_->Post([this, names, store, reactor, response] {
    absl::StatusOr<std::vector<std::string>> aliases =
        ResolveLogNames(*controller_, *store, names);
    if (!aliases.ok()) {
      reactor->Finish(ToGrpcStatus(aliases.status()));
      return;
    }
    // The writer may be busy: emptied off the loop thread.
    std::thread([store, aliases = *std::move(aliases), reactor, response] {
      for (const std::string& alias : aliases) {
        absl::Status emptied = store->Empty(alias);
        if (!emptied.ok()) {
          reactor->Finish(ToGrpcStatus(emptied));
          return;
        }
        response->add_aliases(alias);
      }
      reactor->Finish(grpc::Status::OK);
    }).detach();
  });
  return reactor;
}

grpc::ServerUnaryReactor* RunyService::Reload(
    grpc::CallbackServerContext* context, const v1::ReloadRequest*,
    v1::ReloadResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Reload", refuse);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  loop_->Post([this, reactor, response] {
    controller_->Reload([reactor, response](const control::ReloadResult& r) {
      for (const auto& n : r.restarted) response->add_restarted(n);
      for (const auto& n : r.stopped) response->add_stopped(n);
      for (const auto& n : r.added) response->add_added(n);
      for (const auto& e : r.file_errors)
        ToProto(e, response->add_file_errors());
      for (const auto& removed : r.removed_files) {
        v1::RemovedFile* out = response->add_removed_files();
        out->set_file(removed.file);
        for (const auto& n : removed.services) out->add_services(n);
      }
      reactor->Finish(grpc::Status::OK);
    });
  });
  return reactor;
}

grpc::ServerWriteReactor<v1::Event>* RunyService::Events(
    grpc::CallbackServerContext* context, const v1::EventsRequest* request) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return RefuseStream<v1::Event>(s, d);
  };
  RUNY_ADMIT(caller, Scope::kRead, "Events", refuse);
  RUNY_CHECK_REQUEST(CheckNames("names", request->names()), refuse);
  // Events are small and rare: a generous queue; a client that still falls
  // that far behind is cut off rather than buffered without bound.
  auto* writer = new StreamWriter<v1::Event>(10000);
  auto handle = writer->handle();
  std::set<std::string> names(request->names().begin(), request->names().end());
  // The ids of the two subscriptions (processes, services): loop thread.
  auto ids = std::make_shared<std::pair<int, int>>(0, 0);
  int stream_id =
      streams_.Add([handle](const grpc::Status& s) { handle->Close(s); });
  writer->set_on_done([this, ids, stream_id] {
    streams_.Remove(stream_id);
    loop_->Post([this, ids] {
      engine_->Unobserve(ids->first);
      controller_->UnobserveServices(ids->second);
      *ids = {0, 0};
    });
  });
  // Pushes one event; a client that fell too far behind is cut off.
  auto push = [this, handle, ids](v1::Event event) {
    if (ids->first == 0 && ids->second == 0) return;
    if (handle->Push(std::move(event)) ==
        StreamHandle<v1::Event>::PushResult::kQueued) {
      return;
    }
    handle->Close(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                               "events: the client fell too far behind"));
    engine_->Unobserve(ids->first);
    controller_->UnobserveServices(ids->second);
    *ids = {0, 0};
  };
  loop_->Post([this, names, ids, push, handle] {
    // An unknown name is NOT_FOUND, as for every other call.
    if (absl::Status known = controller_->CheckKnown(
            std::vector<std::string>(names.begin(), names.end()));
        !known.ok()) {
      handle->Close(ToGrpcStatus(known));
      return;
    }
    ids->first =
        engine_->Observe([names, push](const engine::ProcessSnapshot& p) {
          if (!names.empty() && names.count(p.alias) == 0 &&
              names.count(p.service) == 0) {
            return;
          }
          v1::Event event;
          ToProto(absl::Now(), event.mutable_time());
          ToProto(p, event.mutable_process());
          push(std::move(event));
        });
    ids->second = controller_->ObserveServices(
        [names, push](const control::ServiceSnapshot& s) {
          if (!names.empty() && names.count(s.name) == 0) return;
          v1::Event event;
          ToProto(absl::Now(), event.mutable_time());
          ToProto(s, event.mutable_service());
          push(std::move(event));
        });
  });
  return writer;
}

grpc::ServerUnaryReactor* RunyService::Version(
    grpc::CallbackServerContext* context, const v1::VersionRequest*,
    v1::VersionResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kRead, "Version", refuse);
  response->set_version(kVersion);
  response->set_api(kApiPackage);
  response->set_pid(getpid());
  ToProto(started_at_, response->mutable_started_at());
  response->set_cgroups(hooks_.cgroups);
  response->set_cgroups_unavailable(hooks_.cgroups_unavailable);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* RunyService::Shutdown(
    grpc::CallbackServerContext* context, const v1::ShutdownRequest*,
    v1::ShutdownResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Shutdown", refuse);
  response->set_pid(getpid());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // Answered first: the stop then ends this very server.
  reactor->Finish(grpc::Status::OK);
  loop_->Post([this] { hooks_.shutdown(); });
  return reactor;
}

grpc::ServerUnaryReactor* RunyService::Reexec(
    grpc::CallbackServerContext* context, const v1::ReexecRequest*,
    v1::ReexecResponse* response) {
  auto refuse = [&](grpc::Status s, absl::Duration d) {
    return Refuse(context, s, d);
  };
  RUNY_ADMIT(caller, Scope::kControl, "Reexec", refuse);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  loop_->Post([this, reactor, response] {
    std::string executable;
    absl::Status scheduled = hooks_.reexec(&executable);
    response->set_pid(getpid());
    response->set_executable(executable);
    // Answered before the exec, which ends this very server.
    reactor->Finish(ToGrpcStatus(scheduled));
  });
  return reactor;
}

#undef RUNY_ADMIT
#undef RUNY_CHECK_REQUEST

}  // namespace runy::api
