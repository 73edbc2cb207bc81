#include "cli/client.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/daemon_launcher.h"
#include "cli/hosts_file.h"

namespace runy::cli {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

absl::StatusOr<std::string> ReadFile(const std::string& path,
                                     absl::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " ", path, ": ", std::strerror(errno)));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The first token of a token file (the format runyd reads: TOKEN [scope]).
absl::StatusOr<std::string> FirstToken(const std::string& path) {
  auto text = ReadFile(path, "--token-file");
  if (!text.ok()) return text.status();
  for (absl::string_view line : absl::StrSplit(*text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    return std::string(line.substr(0, line.find_first_of(" \t")));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--token-file ", path, ": holds no token"));
}

}  // namespace

absl::StatusOr<Client> Client::Connect(const std::string& host,
                                       const ClientSecurity& given) {
  std::string uri = host.empty() ? Env("RUNY_HOST") : host;
  ClientSecurity security = given;
  // A bare name ("buildbox") is a host of the hosts file; flags given on
  // the command line win over what the file says.
  if (!uri.empty() && uri[0] != '/' &&
      uri.find_first_of(":/") == std::string::npos) {
    std::string file = HostsFilePath();
    auto named = LookupHost(file, uri);
    if (!named.ok()) return named.status();
    if (!named->has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("host \"", uri, "\": no such name in ", file,
                       " (or give unix:///PATH or tcp://HOST:PORT)"));
    }
    NamedHost& entry = **named;
    uri = entry.uri;
    for (auto [mine, theirs] :
         {std::pair{&security.token_file, &entry.security.token_file},
          std::pair{&security.tls_ca, &entry.security.tls_ca},
          std::pair{&security.tls_cert, &entry.security.tls_cert},
          std::pair{&security.tls_key, &entry.security.tls_key}}) {
      if (mine->empty()) *mine = *theirs;
    }
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
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      grpc::InsecureChannelCredentials();
  if (client.address_.kind == Address::Kind::kTcp) {
    std::string token_file = security.token_file;
    if (!token_file.empty()) {
      auto token = FirstToken(token_file);
      if (!token.ok()) return token.status();
      client.token_ = *token;
    } else {
      client.token_ = Env("RUNY_TOKEN");
    }
    std::string ca =
        security.tls_ca.empty() ? Env("RUNY_TLS_CA") : security.tls_ca;
    if (!ca.empty()) {
      grpc::SslCredentialsOptions tls;
      auto roots = ReadFile(ca, "--tls-ca");
      if (!roots.ok()) return roots.status();
      tls.pem_root_certs = *roots;
      if (!security.tls_cert.empty()) {
        auto cert = ReadFile(security.tls_cert, "--tls-cert");
        if (!cert.ok()) return cert.status();
        auto key = ReadFile(security.tls_key, "--tls-key");
        if (!key.ok()) return key.status();
        tls.pem_cert_chain = *cert;
        tls.pem_private_key = *key;
      }
      credentials = grpc::SslCredentials(tls);
      client.tls_ = true;
    }
  }
  grpc::ChannelArguments args;
  // One attempt, no hidden retries: an absent daemon is reported at once.
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 0);
  args.SetInt(GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH, 64 * 1024 * 1024);
  // A runyd that re-executes itself is back within a fraction of a second:
  // reconnect at that pace (gRPC's default waits 1 s and more).
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 50);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  client.credentials_ = credentials;
  client.channel_args_ = args;
  client.Redial();
  return client;
}

void Client::Redial() {
  channel_ = grpc::CreateCustomChannel(address_.ToGrpcTarget(), credentials_,
                                       channel_args_);
  stub_ = v1::Runy::NewStub(channel_);
}

std::unique_ptr<grpc::ClientContext> Client::NewContext(
    absl::Duration deadline) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (deadline != absl::InfiniteDuration()) {
    context->set_deadline(std::chrono::system_clock::now() +
                          absl::ToChronoMilliseconds(deadline));
  }
  if (!token_.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", token_));
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
  if (tls_) {
    return absl::StrCat(
        "cannot reach runyd at ", address_.ToUri(),
        " over TLS (is it running there? does --tls-ca hold the CA that "
        "signed its certificate, and, if it asks for one, did you give "
        "--tls-cert and --tls-key?)");
  }
  return absl::StrCat("cannot reach runyd at ", address_.ToUri(),
                      " (is it running with --listen ", address_.ToGrpcTarget(),
                      "? if it serves TLS, give --tls-ca)");
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
