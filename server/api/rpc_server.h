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
#include "server/api/access.h"
#include "server/api/unix_listener.h"

namespace runy::api {

struct TlsFiles {
  std::string cert, key;  // --tls-cert, --tls-key (PEM)
  std::string client_ca;  // --tls-client-ca: mutual TLS when set
};

struct ListenConfig {
  std::string socket_path;            // required
  std::optional<gid_t> socket_group;  // --socket-group: socket 0660
  std::vector<Address> tcp;           // --listen (repeatable)
  std::optional<TlsFiles> tls;        // for every TCP listener when set
  PeerTable* peers = nullptr;         // required: the socket's peers go here
  // Re-exec: the socket's lock and the listening socket, still held and
  // bound by the previous runyd image (both or neither).
  int inherited_lock_fd = -1;
  int inherited_socket_fd = -1;
};

// What a re-exec hands on: the lock, held, and the socket, still
// listening with its backlog.
struct ReleasedSocket {
  UniqueFd lock;
  UniqueFd socket;
};

// Thread: Start() and Shutdown() from the main thread (not the loop thread:
// Shutdown waits for calls that the loop finishes).
class RpcServer {
 public:
  // Creates the socket's directory (0700, or 0710 with a socket group),
  // takes an exclusive lock next to the socket, replaces a stale socket
  // file, listens (socket mode 0600, or 0660 with a socket group; its
  // connections are accepted by a UnixListener), and on TCP with TLS when
  // configured. InvalidArgument for unreadable TLS files.
  // FailedPrecondition when another runyd holds the socket; AlreadyExists
  // when the TCP port is taken.
  static absl::StatusOr<std::unique_ptr<RpcServer>> Start(
      const ListenConfig& config, const std::vector<grpc::Service*>& services);
  ~RpcServer();

  // Stops accepting calls; cancels those still running after `grace`.
  void Shutdown(absl::Duration grace);
  // Re-exec: stops accepting and ends the calls like Shutdown, but keeps
  // the socket file, its lock and the listening socket, which it returns.
  ReleasedSocket ReleaseForExec(absl::Duration grace);

 private:
  RpcServer() = default;

  UniqueFd lock_fd_;
  std::string socket_path_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<UnixListener> unix_;
};

}  // namespace runy::api

#endif  // RUNY_SERVER_API_RPC_SERVER_H_
