// Where runyd listens and runy connects: Unix socket paths and TCP endpoints.
#ifndef RUNY_COMMON_ADDRESS_H_
#define RUNY_COMMON_ADDRESS_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace runy {

struct Address {
  enum class Kind { kUnix, kTcp };
  Kind kind = Kind::kUnix;
  std::string path;  // kUnix
  std::string host;  // kTcp, without brackets
  int port = 0;      // kTcp

  // "unix:///run/runy/runyd.sock" or "tcp://127.0.0.1:7000".
  std::string ToUri() const;
  // The target string for grpc::CreateChannel / AddListeningPort.
  std::string ToGrpcTarget() const;
};

// Parses a client URI: "unix:///path", "unix:/path", "/path" (a socket),
// "tcp://host:port" or "host:port". Errors are InvalidArgument.
absl::StatusOr<Address> ParseHostUri(absl::string_view uri);

// Parses runyd's --listen HOST:PORT ("[::1]:7000" for IPv6).
absl::StatusOr<Address> ParseListenAddress(absl::string_view host_port);

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(absl::string_view host);

// The default socket: $RUNY_SOCKET, else $XDG_RUNTIME_DIR/runy/runyd.sock,
// else /run/runy/runyd.sock for root, else /tmp/runy-$UID/runyd.sock.
// `getenv` returns nullptr for an unset variable; empty counts as unset.
std::string DefaultSocketPath(
    absl::FunctionRef<const char*(const char*)> getenv, unsigned uid);
// The same, from the real environment and uid.
std::string DefaultSocketPath();

}  // namespace runy

#endif  // RUNY_COMMON_ADDRESS_H_
