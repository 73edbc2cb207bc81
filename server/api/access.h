// Who may call runyd, and what they may do: Unix-socket peers by uid
// (SO_PEERCRED, recorded by UnixListener), TCP callers by token and scope.
#ifndef RUNY_SERVER_API_ACCESS_H_
#define RUNY_SERVER_API_ACCESS_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mutex.h"

namespace runy::api {

// read: Status, Logs, Events, Version; control: everything. (The standard
// health and reflection services answer without a token: they tell only
// that runyd runs and what its public API is.)
enum class Scope { kRead, kControl };
const char* ScopeName(Scope scope);

struct Token {
  std::string secret;
  Scope scope = Scope::kControl;
};

// Reads a token file: one token a line, optionally followed by its scope
// ("TOKEN read" or "TOKEN control"; a token alone is control); blank lines
// and lines starting with '#' are ignored. Like ssh with a private key, it
// refuses a file that group or others may read or write, or that belongs
// to another user than runyd's (root's files excepted).
absl::StatusOr<std::vector<Token>> LoadTokenFile(const std::string& path);

// A connection accepted on the Unix socket.
struct UnixPeer {
  uid_t uid = 0;
  gid_t gid = 0;
  pid_t pid = 0;
  bool allowed = false;  // runyd's uid, root, or a --socket-group member
};

// Connections of the Unix socket by the fd gRPC knows them by ("fd:N").
// Thread-safe.
class PeerTable {
 public:
  // REQUIRES: called before the connection is handed to gRPC, so a reused
  // fd number is never seen with an older peer.
  void Set(int fd, UnixPeer peer);
  std::optional<UnixPeer> Get(int fd) const;

 private:
  mutable Mutex mu_;
  std::map<int, UnixPeer> peers_ ABSL_GUARDED_BY(mu_);
};

// Who is calling, once let in.
struct Caller {
  bool unix_socket = false;
  uid_t uid = 0;  // unix_socket only
  Scope scope = Scope::kControl;
  std::string peer;  // "uid 1000" or the TCP address, for messages
};

struct AccessOptions {
  std::vector<Token> tokens;                 // --token-file
  std::vector<std::string> allow_load_dirs;  // --allow-load (TCP file loads)
};

// Thread-safe: gRPC threads call it at the start of every method.
class AccessControl {
 public:
  explicit AccessControl(AccessOptions options);

  PeerTable* peers() { return &peers_; }

  // Whether the call may run `method`, which needs `scope`. On refusal:
  // PermissionDenied (a Unix peer of another uid, or a token whose scope
  // is too small) or Unauthenticated (no token, or a wrong one), with a
  // message for the user; the refusal is logged with the peer and
  // `*delay` says how long to hold the answer (repeated failures of one
  // peer are slowed down).
  absl::StatusOr<Caller> Check(const grpc::CallbackServerContext& context,
                               Scope scope, absl::string_view method,
                               absl::Duration* delay);

  // Whether `caller` may have runyd load `file`: on the Unix socket, when
  // the calling uid could read it itself; over TCP, only from a directory
  // given with --allow-load.
  absl::Status MayLoad(const Caller& caller, const std::string& file) const;

 private:
  absl::Duration Penalize(const std::string& peer_host);

  const AccessOptions options_;
  PeerTable peers_;
  Mutex mu_;
  struct Failures {
    int count = 0;
    absl::Time last;
  };
  std::map<std::string, Failures> failures_ ABSL_GUARDED_BY(mu_);
};

// Constant-time equality (time depends on the lengths only).
bool SecretsEqual(absl::string_view a, absl::string_view b);

}  // namespace runy::api

#endif  // RUNY_SERVER_API_ACCESS_H_
