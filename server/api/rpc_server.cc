#include "server/api/rpc_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errno_status.h"
#include "common/lock_file.h"
#include "server/api/request_checks.h"

namespace runy::api {
namespace {

// The directory of the socket (and its lock) must be runyd's alone, or
// another user could plant a symlink there or replace the socket: created
// 0700 when missing; an existing one must be a real directory owned by
// runyd's effective uid that nobody else can write to (or a sticky
// root-owned one such as /tmp).
absl::Status CheckOwnDirectory(const std::string& dir, bool created) {
  struct stat st;
  if (lstat(dir.c_str(), &st) != 0) {
    return ErrnoToStatus(errno, absl::StrCat("socket directory ", dir));
  }
  auto refuse = [&](absl::string_view why) {
    return absl::PermissionDeniedError(
        absl::StrCat("socket directory ", dir, " ", why,
                     ": refusing to use it (remove it, or choose another "
                     "path with --socket)"));
  };
  if (S_ISLNK(st.st_mode)) return refuse("is a symbolic link");
  if (!S_ISDIR(st.st_mode)) return refuse("is not a directory");
  uid_t me = geteuid();
  if (st.st_uid != me) {
    if (st.st_uid == 0 && (st.st_mode & S_ISVTX) != 0) return absl::OkStatus();
    return refuse(absl::StrCat("belongs to uid ", st.st_uid,
                               ", not to runyd's uid ", me));
  }
  if (created && (st.st_mode & 077) != 0) chmod(dir.c_str(), 0700);
  if (!created && (st.st_mode & 022) != 0) {
    return refuse(absl::StrFormat("is writable by others (mode %04o)",
                                  st.st_mode & 07777));
  }
  return absl::OkStatus();
}

// mkdir -p of the socket's directory, each directory it creates 0700.
absl::Status MakeSocketDir(const std::string& socket_path) {
  size_t slash = socket_path.rfind('/');
  if (slash == std::string::npos || slash == 0) return absl::OkStatus();
  std::string dir = socket_path.substr(0, slash);
  bool created = false;
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    std::string part = dir.substr(0, pos);
    if (mkdir(part.c_str(), 0700) == 0) {
      created = pos == dir.size();
    } else if (errno != EEXIST) {
      return ErrnoToStatus(errno, absl::StrCat("mkdir ", part));
    }
  }
  return CheckOwnDirectory(dir, created);
}

// Opens (creating) the lock file next to the socket without following a
// symlink, and checks it is a regular file of ours.
// Binds the address once ourselves: gRPC reports a taken port only as "no
// port bound", and with SO_REUSEPORT not even that.
absl::Status CheckTcpFree(const Address& address) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* result = nullptr;
  std::string port = absl::StrCat(address.port);
  int rc = getaddrinfo(address.host.c_str(), port.c_str(), &hints, &result);
  if (rc != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--listen ", address.ToGrpcTarget(), ": ", gai_strerror(rc)));
  }
  absl::Status status = absl::OkStatus();
  UniqueFd fd(socket(result->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  int one = 1;
  setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (!fd || bind(fd.get(), result->ai_addr, result->ai_addrlen) != 0) {
    status = ErrnoToStatus(errno,
                           absl::StrCat("cannot listen on ", address.ToUri()));
  }
  freeaddrinfo(result);
  return status;
}

absl::StatusOr<std::string> ReadPem(const std::string& path,
                                    absl::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ErrnoToStatus(errno, absl::StrCat(flag, " ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN") == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " ", path, ": not a PEM file"));
  }
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TlsCredentials(
    const TlsFiles& files) {
  auto cert = ReadPem(files.cert, "--tls-cert");
  if (!cert.ok()) return cert.status();
  auto key = ReadPem(files.key, "--tls-key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  if (!files.client_ca.empty()) {
    auto ca = ReadPem(files.client_ca, "--tls-client-ca");
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
    options.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

}  // namespace

absl::StatusOr<std::unique_ptr<RpcServer>> RpcServer::Start(
    const ListenConfig& config, const std::vector<grpc::Service*>& services) {
  std::unique_ptr<RpcServer> server(new RpcServer);
  server->socket_path_ = config.socket_path;
  absl::Status dir = MakeSocketDir(config.socket_path);
  if (!dir.ok()) return dir;

  const bool inherited = config.inherited_socket_fd >= 0;
  if (inherited) {
    server->lock_fd_ = UniqueFd(config.inherited_lock_fd);
  } else {
    std::string lock_path = config.socket_path + ".lock";
    absl::StatusOr<LockAttempt> lock =
        TryLockFile(lock_path, absl::StrCat(getpid(), "\n"));
    if (!lock.ok()) return lock.status();
    if (!lock->held_by.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("another runyd (pid ", lock->held_by,
                       ") is already serving ", config.socket_path));
    }
    server->lock_fd_ = std::move(lock->fd);
    // We hold the lock: a socket file left there belongs to a dead runyd.
    unlink(config.socket_path.c_str());
  }
  if (config.socket_group.has_value()) {
    // Group members need to reach the socket: the directory becomes 0710.
    std::string socket_dir =
        config.socket_path.substr(0, config.socket_path.rfind('/'));
    struct stat st;
    if (!socket_dir.empty() && stat(socket_dir.c_str(), &st) == 0 &&
        st.st_uid == geteuid()) {
      // Only a directory of runyd's own (0700, or 0710 from a last run) is
      // opened to the group: never a home directory that holds the socket.
      if ((st.st_mode & 07777) != 0700 && (st.st_mode & 07777) != 0710) {
        return absl::FailedPreconditionError(absl::StrFormat(
            "--socket-group: the socket's directory %s has mode %04o; it "
            "must be a directory of runyd's own (0700)",
            socket_dir, st.st_mode & 07777));
      }
      if (chown(socket_dir.c_str(), static_cast<uid_t>(-1),
                *config.socket_group) != 0 ||
          chmod(socket_dir.c_str(), 0710) != 0) {
        return ErrnoToStatus(errno,
                             absl::StrCat("socket directory ", socket_dir));
      }
    }
  }
  auto unix_listener =
      inherited ? UnixListener::Adopt(UniqueFd(config.inherited_socket_fd),
                                      config.socket_group)
                : UnixListener::Listen(config.socket_path, config.socket_group);
  if (!unix_listener.ok()) return unix_listener.status();
  server->unix_ = std::move(*unix_listener);

  // From here on, a failure leaves no socket file behind.
  auto fail = [&](absl::Status status) {
    unlink(config.socket_path.c_str());
    return status;
  };
  for (const Address& tcp : config.tcp) {
    absl::Status free = CheckTcpFree(tcp);
    if (!free.ok()) return fail(free);
  }
  std::shared_ptr<grpc::ServerCredentials> tcp_credentials =
      grpc::InsecureServerCredentials();
  if (config.tls.has_value()) {
    auto credentials = TlsCredentials(*config.tls);
    if (!credentials.ok()) return fail(credentials.status());
    tcp_credentials = *credentials;
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(kMaxRequestBytes);
  std::vector<int> tcp_ports(config.tcp.size(), 0);
  for (size_t i = 0; i < config.tcp.size(); ++i) {
    builder.AddListeningPort(config.tcp[i].ToGrpcTarget(), tcp_credentials,
                             &tcp_ports[i]);
  }
  for (grpc::Service* service : services) builder.RegisterService(service);
  server->server_ = builder.BuildAndStart();
  bool tcp_ok = std::all_of(tcp_ports.begin(), tcp_ports.end(),
                            [](int port) { return port != 0; });
  if (server->server_ == nullptr || !tcp_ok) {
    unlink(config.socket_path.c_str());
    return absl::UnavailableError(
        absl::StrCat("cannot listen on unix://", config.socket_path));
  }
  server->unix_->Start(server->server_.get(), config.peers);
  return server;
}

RpcServer::~RpcServer() { Shutdown(absl::ZeroDuration()); }

ReleasedSocket RpcServer::ReleaseForExec(absl::Duration grace) {
  ReleasedSocket released;
  if (unix_ != nullptr) released.socket = unix_->Release();
  unix_.reset();
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now() +
                      absl::ToChronoMilliseconds(grace));
    server_->Wait();
    server_.reset();
  }
  released.lock = std::move(lock_fd_);
  return released;
}

void RpcServer::Shutdown(absl::Duration grace) {
  unix_.reset();  // no new connections
  if (server_ == nullptr) return;
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(grace));
  server_->Wait();
  server_.reset();
  unlink(socket_path_.c_str());
}

}  // namespace runy::api
