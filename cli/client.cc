#include "cli/client.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

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

absl::Status Client::Convert(const grpc::Status& status) const {
  if (status.ok()) return absl::OkStatus();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    return absl::UnavailableError(absl::StrCat("cannot reach runyd at ",
                                               address_.ToUri(), ": ",
                                               status.error_message()));
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace runy::cli
