// The runy.v1.Runy gRPC service: thin adapters that post each call to the
// loop thread and finish it from the reply.
#ifndef RUNY_SERVER_API_RUNY_SERVICE_H_
#define RUNY_SERVER_API_RUNY_SERVICE_H_

#include <functional>

#include "absl/time/time.h"
#include "runy/v1/runy.grpc.pb.h"
#include "server/control/controller.h"
#include "server/logs/log_store.h"
#include "server/loop/event_loop.h"

namespace runy::api {

// Thread: gRPC threads call the handlers; every touch of daemon state happens
// in a closure posted to `loop`. `controller` and `engine` are used on the
// loop thread only; `store` is thread-safe.
class RunyService final : public v1::Runy::CallbackService {
 public:
  RunyService(loop::EventLoop* loop, control::Controller* controller,
              engine::Engine* engine, logs::LogStore* store);

  grpc::ServerUnaryReactor* Start(grpc::CallbackServerContext* context,
                                  const v1::StartRequest* request,
                                  v1::StartResponse* response) override;
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

 private:
  template <typename Response>
  grpc::ServerUnaryReactor* RunOp(
      grpc::CallbackServerContext* context, control::Op op,
      const google::protobuf::RepeatedPtrField<std::string>& names, bool all,
      bool wait, Response* response);

  loop::EventLoop* loop_;
  control::Controller* controller_;
  engine::Engine* engine_;
  logs::LogStore* store_;
  absl::Time started_at_;
};

}  // namespace runy::api

#endif  // RUNY_SERVER_API_RUNY_SERVICE_H_
