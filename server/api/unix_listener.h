// The Unix socket, accepted by runyd itself rather than by gRPC, so that
// each connection's peer (SO_PEERCRED) is known before a byte of it is read.
#ifndef RUNY_SERVER_API_UNIX_LISTENER_H_
#define RUNY_SERVER_API_UNIX_LISTENER_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/unique_fd.h"
#include "server/api/access.h"

namespace runy::api {

// Thread: Listen() and the destructor from the main thread; connections are
// accepted on a thread of its own.
class UnixListener {
 public:
  // Binds and listens on `path` (which must not exist): mode 0600, or 0660
  // owned by `group` when one is given.
  static absl::StatusOr<std::unique_ptr<UnixListener>> Listen(
      const std::string& path, std::optional<gid_t> group);
  // A listening socket a previous runyd image bound (re-exec).
  static absl::StatusOr<std::unique_ptr<UnixListener>> Adopt(
      UniqueFd fd, std::optional<gid_t> group);
  ~UnixListener();  // stops accepting (connections already handed stay)

  // Starts accepting: each connection's peer is recorded in `peers` (allowed:
  // runyd's uid, root, or a member of the group), then handed to `server`.
  // REQUIRES: `server` and `peers` outlive the listener.
  void Start(grpc::Server* server, PeerTable* peers);
  // Stops accepting and gives up the socket, still listening: clients that
  // connect meanwhile wait in its backlog for whoever takes it next.
  UniqueFd Release();

 private:
  UnixListener() = default;
  void AcceptLoop();
  void StopAccepting();
  UnixPeer Identify(int fd) const;

  UniqueFd fd_;
  UniqueFd stop_fd_;  // an eventfd: written to stop the accept thread
  std::optional<gid_t> group_;
  grpc::Server* server_ = nullptr;
  PeerTable* peers_ = nullptr;
  std::thread thread_;
};

// The numeric gid of --socket-group NAME|GID.
absl::StatusOr<gid_t> ResolveGroup(const std::string& name);

}  // namespace runy::api

#endif  // RUNY_SERVER_API_UNIX_LISTENER_H_
