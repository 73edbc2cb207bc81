#include "cli/client.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "cli/daemon_launcher.h"

namespace runy::cli {

absl::StatusOr<Client> Client::Connect(const std::string& host) {
  std::string uri = host;
  if (uri.empty()) {
    const char* env = std::getenv("RUNY_HOST");
    if (env != nullptr && *env != '\0') uri = env;
  }
  Client client;
  if (uri.empty()) {
    client.address_.kind = Address::Kind::kUnix;
    client.address_.path = DefaultSocketPath();
    client.default_address_ = true;
  } else {
    auto address = ParseHostUri(uri);
    if (!address.ok()) return address.status();
    client.address_ = *address;
  }
  grpc::ChannelArguments args;
  // One attempt, no hidden retries: an absent daemon is reported at once.
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
  args.SetInt(GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, 64 * 1024 * 1024);
  client.channel_ = grpc::CreateCustomChannel(
      client.address_.ToGrpcTarget(), grpc::InsecureChannelCredentials(), args);
  client.stub_ = v1::Runy::NewStub(client.channel_);
  return client;
}

std::unique_ptr<grpc::ClientContext> Client::NewContext(
    absl::Duration deadline) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (deadline != absl::InfiniteDuration()) {
    context->set_deadline(std::chrono::system_clock::now() +
                          absl::ToChronoMilliseconds(deadline));
  }
  return context;
}

std::string Client::UnreachableMessage() const {
  if (address_.kind == Address::Kind::kUnix) {
    if (!SocketAnswers(address_.path)) {
      return absl::StrCat("no runyd is running at ", address_.ToUri(),
                          " (start one with 'runyd', or load a file with "
                          "'runy start FILE.js')");
    }
    return absl::StrCat("lost the connection to runyd at ", address_.ToUri(),
                        " (it may be stopping)");
  }
  return absl::StrCat("cannot reach runyd at ", address_.ToUri(),
                      " (is it running with --listen ", address_.ToGrpcTarget(),
                      "?)");
}

absl::Status Client::Convert(const grpc::Status& status) const {
  // gRPC's own texts ("failed to connect to all addresses", "Cancelling
  // all calls") mean nothing to a user: say what happened instead. Texts
  // runyd sends are its own, and pass through.
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return absl::OkStatus();
    case grpc::StatusCode::UNAVAILABLE:
      return absl::UnavailableError(UnreachableMessage());
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return absl::DeadlineExceededError(absl::StrCat(
          "runyd at ", address_.ToUri(), " did not answer in time"));
    case grpc::StatusCode::CANCELLED:
      return absl::UnavailableError(
          absl::StrCat("runyd at ", address_.ToUri(), " ended the call"));
    default:
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          status.error_message());
  }
}

}  // namespace runy::cli
