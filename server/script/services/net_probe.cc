#include "server/script/services/net_probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace runy::script {
namespace {

// The socket address of a numeric host (or localhost); false otherwise.
bool Resolve(const NetTarget& t, sockaddr_storage* addr, socklen_t* len) {
  std::string host = t.host == "localhost" ? "127.0.0.1" : t.host;
  std::memset(addr, 0, sizeof *addr);
  auto* v4 = reinterpret_cast<sockaddr_in*>(addr);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(t.port));
    *len = sizeof *v4;
    return true;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(addr);
  if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(t.port));
    *len = sizeof *v6;
    return true;
  }
  return false;
}

std::string ErrnoText(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(text[0]));
  return text;
}

}  // namespace

NetProbe::NetProbe(loop::EventLoop* loop, NetTarget target,
                   absl::Duration limit, Done done)
    : loop_(loop), target_(std::move(target)), done_(std::move(done)) {
  sockaddr_storage addr;
  socklen_t len = 0;
  if (!Resolve(target_, &addr, &len)) {
    Finish(false, absl::StrCat("cannot resolve ", target_.host));
    return;
  }
  fd_.reset(
      socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd_) {
    Finish(false, absl::StrCat("socket: ", ErrnoText(errno)));
    return;
  }
  if (connect(fd_.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 &&
      errno != EINPROGRESS) {
    Finish(false, ErrnoText(errno));
    return;
  }
  if (!target_.path.empty()) {
    request_ = absl::StrCat("GET ", target_.path, " HTTP/1.0\r\nHost: ",
                            absl::StrContains(target_.host, ':')
                                ? absl::StrCat("[", target_.host, "]")
                                : target_.host,
                            ":", target_.port,
                            "\r\nUser-Agent: runy-probe\r\nConnection: "
                            "close\r\n\r\n");
  }
  if (!loop_->Watch(fd_.get(), EPOLLOUT, [this](uint32_t e) { OnEvents(e); })
           .ok()) {
    Finish(false, "cannot watch the socket");
    return;
  }
  watched_ = true;
  timer_ = loop_->AddTimerAfter(limit, [this, limit] {
    timer_ = 0;
    Finish(false,
           absl::StrCat("no answer within ", absl::FormatDuration(limit)));
  });
}

NetProbe::~NetProbe() {
  if (timer_ != 0) loop_->CancelTimer(timer_);
  if (watched_ && !finished_) loop_->Unwatch(fd_.get());
}

void NetProbe::OnEvents(uint32_t events) {
  if (finished_) return;
  if (!connected_) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(fd_.get(), SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0 || (events & (EPOLLERR | EPOLLHUP)) != 0) {
      Finish(false, ErrnoText(err != 0 ? err : ECONNREFUSED));
      return;
    }
    connected_ = true;
    if (request_.empty()) {
      Finish(true, "connected");
      return;
    }
  }
  if (sent_ < request_.size()) {
    ssize_t n = send(fd_.get(), request_.data() + sent_,
                     request_.size() - sent_, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
      Finish(false, ErrnoText(errno));
      return;
    }
    if (n > 0) sent_ += static_cast<size_t>(n);
    if (sent_ == request_.size())
      loop_->Modify(fd_.get(), EPOLLIN).IgnoreError();
    return;
  }
  char buf[1024];
  ssize_t n = recv(fd_.get(), buf, sizeof buf, 0);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n > 0) response_.append(buf, static_cast<size_t>(n));
  size_t eol = response_.find("\r\n");
  if (eol == std::string::npos && n > 0 && response_.size() < 8192) return;
  // "HTTP/1.1 200 OK"
  std::string line = response_.substr(0, eol);
  size_t sp = line.find(' ');
  int code = 0;
  if (line.rfind("HTTP/", 0) != 0 || sp == std::string::npos ||
      !absl::SimpleAtoi(line.substr(sp + 1, 3), &code)) {
    Finish(false, n < 0          ? ErrnoText(errno)
                  : line.empty() ? "connection closed without an answer"
                                 : "not an HTTP answer");
    return;
  }
  if (code >= 200 && code < 300) {
    Finish(true, absl::StrCat("HTTP ", code));
  } else {
    Finish(false, absl::StrCat("HTTP ", code));
  }
}

void NetProbe::Finish(bool ok, std::string detail) {
  if (finished_) return;
  finished_ = true;
  if (timer_ != 0) loop_->CancelTimer(timer_);
  timer_ = 0;
  if (watched_) loop_->Unwatch(fd_.get());
  watched_ = false;
  fd_.reset();
  // Later, never from inside the constructor or an event of ours: the
  // callback may destroy this probe.
  loop_->Post(
      [done = done_, ok, detail = std::move(detail)] { done(ok, detail); });
}

}  // namespace runy::script
