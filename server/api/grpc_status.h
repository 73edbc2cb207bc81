// The one conversion of absl::Status to grpc::Status, at the RPC edge.
#ifndef RUNY_SERVER_API_GRPC_STATUS_H_
#define RUNY_SERVER_API_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace runy::api {

inline grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl and gRPC share the canonical code numbers.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

}  // namespace runy::api

#endif  // RUNY_SERVER_API_GRPC_STATUS_H_
