// The gRPC server: a Unix socket (always) and TCP (when asked), the health
// and reflection services, and the guard against a second runyd.
#ifndef RUNY_SERVER_API_RPC_SERVER_H_
#define RUNY_SERVER_API_RPC_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/address.h"
#include "common/unique_fd.h"

namespace runy::api {

struct ListenConfig {
  std::string socket_path;     // required
  std::optional<Address> tcp;  // --listen
};

// Thread: Start() and Shutdown() from the main thread (not the loop thread:
// Shutdown waits for calls that the loop finishes).
class RpcServer {
 public:
  // Creates the socket's directory (0700), takes an exclusive lock next to
  // the socket, replaces a stale socket file, listens (socket mode 0600).
  // FailedPrecondition when another runyd holds the socket; AlreadyExists
  // when the TCP port is taken.
  static absl::StatusOr<std::unique_ptr<RpcServer>> Start(
      const ListenConfig& config, const std::vector<grpc::Service*>& services);
  ~RpcServer();

  // Stops accepting calls; cancels those still running after `grace`.
  void Shutdown(absl::Duration grace);

 private:
  RpcServer() = default;

  UniqueFd lock_fd_;
  std::string socket_path_;
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace runy::api

#endif  // RUNY_SERVER_API_RPC_SERVER_H_
