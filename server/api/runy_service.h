// The runy.v1.Runy gRPC service: thin adapters that post each call to the
// loop thread and finish it from the reply.
#ifndef RUNY_SERVER_API_RUNY_SERVICE_H_
#define RUNY_SERVER_API_RUNY_SERVICE_H_

#include <functional>
#include <optional>

#include "absl/time/time.h"
#include "runy/v1/runy.grpc.pb.h"
#include "server/api/access.h"
#include "server/api/open_streams.h"
#include "server/control/controller.h"
#include "server/logs/log_store.h"
#include "server/loop/event_loop.h"

namespace runy::api {

// Thread: gRPC threads call the handlers; every touch of daemon state happens
// in a closure posted to `loop`. `controller` and `engine` are used on the
// loop thread only; `store` is thread-safe.
class RunyService final : public v1::Runy::CallbackService {
 public:
  // What the daemon itself does on request, on the loop thread: begin a
  // graceful stop; check that the binary on disk starts and, if it does,
  // schedule a re-exec (the error otherwise).
  struct DaemonHooks {
    std::function<void()> shutdown;
    std::function<absl::Status(std::string* executable)> reexec;
    // For Version: the cgroup subtree of the processes, or why there is
    // none.
    std::string cgroups;
    std::string cgroups_unavailable;
  };

  // `access` decides who may call what.
  RunyService(loop::EventLoop* loop, control::Controller* controller,
              engine::Engine* engine, logs::LogStore* store,
              AccessControl* access, DaemonHooks hooks);

  // Ends every open Logs and Events stream with `status` (a re-exec).
  void EndStreams(const grpc::Status& status) { streams_.CloseAll(status); }

  grpc::ServerUnaryReactor* Start(grpc::CallbackServerContext* context,
                                  const v1::StartRequest* request,
                                  v1::StartResponse* response) override;
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                const v1::RunRequest* request,
                                v1::RunResponse* response) override;
  grpc::ServerUnaryReactor* Remove(grpc::CallbackServerContext* context,
                                   const v1::RemoveRequest* request,
                                   v1::RemoveResponse* response) override;
  grpc::ServerUnaryReactor* Describe(grpc::CallbackServerContext* context,
                                     const v1::DescribeRequest* request,
                                     v1::DescribeResponse* response) override;
  grpc::ServerUnaryReactor* Flush(grpc::CallbackServerContext* context,
                                  const v1::FlushRequest* request,
                                  v1::FlushResponse* response) override;
  grpc::ServerUnaryReactor* Stop(grpc::CallbackServerContext* context,
                                 const v1::StopRequest* request,
                                 v1::StopResponse* response) override;
  grpc::ServerUnaryReactor* Restart(grpc::CallbackServerContext* context,
                                    const v1::RestartRequest* request,
                                    v1::RestartResponse* response) override;
  grpc::ServerUnaryReactor* Status(grpc::CallbackServerContext* context,
                                   const v1::StatusRequest* request,
                                   v1::StatusResponse* response) override;
  grpc::ServerWriteReactor<v1::LogLine>* Logs(
      grpc::CallbackServerContext* context,
      const v1::LogsRequest* request) override;
  grpc::ServerUnaryReactor* Reload(grpc::CallbackServerContext* context,
                                   const v1::ReloadRequest* request,
                                   v1::ReloadResponse* response) override;
  grpc::ServerWriteReactor<v1::Event>* Events(
      grpc::CallbackServerContext* context,
      const v1::EventsRequest* request) override;
  grpc::ServerUnaryReactor* Version(grpc::CallbackServerContext* context,
                                    const v1::VersionRequest* request,
                                    v1::VersionResponse* response) override;
  grpc::ServerUnaryReactor* Shutdown(grpc::CallbackServerContext* context,
                                     const v1::ShutdownRequest* request,
                                     v1::ShutdownResponse* response) override;
  grpc::ServerUnaryReactor* Reexec(grpc::CallbackServerContext* context,
                                   const v1::ReexecRequest* request,
                                   v1::ReexecResponse* response) override;

 private:
  template <typename Response>
  grpc::ServerUnaryReactor* RunOp(
      grpc::CallbackServerContext* context, control::Op op,
      const google::protobuf::RepeatedPtrField<std::string>& names, bool all,
      bool wait, Response* response);
  // The caller, when `access` lets it run `method`; otherwise nullopt and
  // `*refusal` is the status to finish with after `*delay`.
  std::optional<Caller> Admit(grpc::CallbackServerContext* context, Scope scope,
                              const char* method, grpc::Status* refusal,
                              absl::Duration* delay);
  // A unary call finished with `refusal` after `delay`.
  grpc::ServerUnaryReactor* Refuse(grpc::CallbackServerContext* context,
                                   grpc::Status refusal, absl::Duration delay);
  template <typename Msg>
  grpc::ServerWriteReactor<Msg>* RefuseStream(grpc::Status refusal,
                                              absl::Duration delay);
  void After(absl::Duration delay, std::function<void()> fn);

  loop::EventLoop* loop_;
  control::Controller* controller_;
  engine::Engine* engine_;
  logs::LogStore* store_;
  AccessControl* access_;
  DaemonHooks hooks_;
  OpenStreams streams_;
  absl::Time started_at_;
};

}  // namespace runy::api

#endif  // RUNY_SERVER_API_RUNY_SERVICE_H_
