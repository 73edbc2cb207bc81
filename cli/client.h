// runy's connection to runyd: address resolution, the stub, and status
// conversion at the edge.
#ifndef RUNY_CLI_CLIENT_H_
#define RUNY_CLI_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/address.h"
#include "runy/v1/runy.grpc.pb.h"

namespace runy::cli {

// How runy proves itself over TCP: --token-file or $RUNY_TOKEN, and TLS
// (--tls-ca, or $RUNY_TLS_CA; --tls-cert/--tls-key for mutual TLS).
struct ClientSecurity {
  std::string token_file;
  std::string tls_ca;
  std::string tls_cert, tls_key;
};

// Thread: used by runy's single thread.
class Client {
 public:
  // `host` is --host (may be empty: then $RUNY_HOST, then the default socket).
  // InvalidArgument for unreadable token or TLS files.
  static absl::StatusOr<Client> Connect(const std::string& host,
                                        const ClientSecurity& security = {});

  const Address& address() const { return address_; }
  // True when neither --host nor RUNY_HOST chose the address.
  bool is_default_address() const { return default_address_; }
  v1::Runy::Stub* stub() { return stub_.get(); }
  // A new channel to the same daemon: one whose daemon went away (a
  // re-exec) waits out a reconnect backoff; a new one tries at once.
  void Redial();

  // A context with the deadline (InfiniteDuration for none).
  std::unique_ptr<grpc::ClientContext> NewContext(
      absl::Duration deadline) const;

  // grpc::Status → absl::Status; an unreachable daemon becomes Unavailable
  // naming the address.
  absl::Status Convert(const grpc::Status& status) const;
  // Why the daemon cannot be reached, in the user's terms.
  std::string UnreachableMessage() const;

 private:
  Address address_;
  bool default_address_ = false;
  std::string token_;  // sent as "authorization: Bearer ..." over TCP
  bool tls_ = false;
  std::shared_ptr<grpc::ChannelCredentials> credentials_;
  grpc::ChannelArguments channel_args_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Runy::Stub> stub_;
};

}  // namespace runy::cli

#endif  // RUNY_CLI_CLIENT_H_
