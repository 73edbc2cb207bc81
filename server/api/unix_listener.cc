#include "server/api/unix_listener.h"

#include <grp.h>
#include <grpcpp/server_posix.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errno_status.h"
#include "spdlog/spdlog.h"

namespace runy::api {
namespace {

// Whether the peer of `fd` (primary group `gid`) is in `group`: the groups
// it had when it connected (SO_PEERGROUPS), else those of its pid now.
bool InGroup(int fd, pid_t pid, gid_t gid, gid_t group) {
  if (gid == group) return true;
  gid_t groups[256];
  socklen_t len = sizeof groups;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == 0) {
    for (size_t i = 0; i < len / sizeof(gid_t); ++i) {
      if (groups[i] == group) return true;
    }
    return false;
  }
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  for (std::string line; std::getline(status, line);) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "Groups:")) continue;
    for (absl::string_view g :
         absl::StrSplit(rest, absl::ByAnyChar(" \t"), absl::SkipEmpty())) {
      gid_t value = 0;
      if (absl::SimpleAtoi(g, &value) && value == group) return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<gid_t> ResolveGroup(const std::string& name) {
  gid_t gid = 0;
  if (absl::SimpleAtoi(name, &gid)) return gid;
  group gr{};
  group* found = nullptr;
  char buf[4096];
  if (getgrnam_r(name.c_str(), &gr, buf, sizeof buf, &found) != 0 ||
      found == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("--socket-group ", name, ": no such group"));
  }
  return gr.gr_gid;
}

absl::StatusOr<std::unique_ptr<UnixListener>> UnixListener::Listen(
    const std::string& path, std::optional<gid_t> group) {
  std::unique_ptr<UnixListener> listener(new UnixListener);
  listener->group_ = group;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    return absl::InvalidArgumentError(
        absl::StrCat("socket path too long: ", path));
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  listener->fd_.reset(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!listener->fd_) return ErrnoToStatus(errno, "socket");
  // Private from the start, not after a chmod race.
  mode_t old_mask = umask(0177);
  int bound = bind(listener->fd_.get(), reinterpret_cast<sockaddr*>(&addr),
                   sizeof addr);
  int bind_errno = errno;
  umask(old_mask);
  if (bound != 0) {
    return ErrnoToStatus(bind_errno, absl::StrCat("bind ", path));
  }
  if (group.has_value()) {
    if (chown(path.c_str(), static_cast<uid_t>(-1), *group) != 0 ||
        chmod(path.c_str(), 0660) != 0) {
      return ErrnoToStatus(errno, absl::StrCat("socket group of ", path));
    }
  }
  if (listen(listener->fd_.get(), 128) != 0) {
    return ErrnoToStatus(errno, absl::StrCat("listen ", path));
  }
  return listener;
}

absl::StatusOr<std::unique_ptr<UnixListener>> UnixListener::Adopt(
    UniqueFd fd, std::optional<gid_t> group) {
  int listening = 0;
  socklen_t len = sizeof listening;
  if (getsockopt(fd.get(), SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 ||
      !listening) {
    return absl::FailedPreconditionError(
        "the inherited descriptor is not a listening socket");
  }
  std::unique_ptr<UnixListener> listener(new UnixListener);
  listener->group_ = group;
  listener->fd_ = std::move(fd);
  return listener;
}

UniqueFd UnixListener::Release() {
  StopAccepting();
  return std::move(fd_);
}

void UnixListener::StopAccepting() {
  if (!thread_.joinable()) return;
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(stop_fd_.get(), &one, sizeof one);
  thread_.join();
}

UnixListener::~UnixListener() { StopAccepting(); }

void UnixListener::Start(grpc::Server* server, PeerTable* peers) {
  server_ = server;
  peers_ = peers;
  stop_fd_.reset(eventfd(0, EFD_CLOEXEC));
  thread_ = std::thread([this] { AcceptLoop(); });
}

UnixPeer UnixListener::Identify(int fd) const {
  UnixPeer peer;
  ucred cred{};
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return peer;
  peer.uid = cred.uid;
  peer.gid = cred.gid;
  peer.pid = cred.pid;
  peer.allowed =
      cred.uid == geteuid() || cred.uid == 0 ||
      (group_.has_value() && InGroup(fd, cred.pid, cred.gid, *group_));
  return peer;
}

void UnixListener::AcceptLoop() {
  bool starved = false;  // accept failed for want of a descriptor
  for (;;) {
    // Waits for a connection or the stop: the listening socket itself is
    // never shut down, so that a re-exec can hand it on with the clients
    // that are waiting in its backlog.
    pollfd fds[2] = {{fd_.get(), POLLIN, 0}, {stop_fd_.get(), POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    // Non-blocking: gRPC reads the fd until EAGAIN.
    int fd = accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
          errno == ENOMEM) {
        // Once an episode: the connection waits in the backlog, retried
        // every 100 ms on this thread only (the loop is not affected).
        if (!starved) {
          spdlog::warn(
              "accept on the socket: {}; new clients wait until runyd has "
              "a descriptor to spare",
              ErrnoText(errno));
          starved = true;
        }
        usleep(100 * 1000);
        continue;
      }
      return;  // shut down
    }
    if (starved) {
      spdlog::info("accepting connections again");
      starved = false;
    }
    UnixPeer peer = Identify(fd);
    if (!peer.allowed) {
      spdlog::warn(
          "uid {} (pid {}) connected to the socket: its calls are "
          "refused",
          peer.uid, peer.pid);
    }
    // Refused peers are still handed over: their calls get a clear
    // PERMISSION_DENIED instead of a connection that just closes.
    peers_->Set(fd, peer);
    grpc::AddInsecureChannelFromFd(server_, fd);
  }
}

}  // namespace runy::api
