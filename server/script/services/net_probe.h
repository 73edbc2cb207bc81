// One attempt of a network readiness or health probe: a TCP connect, or an
// HTTP GET whose status must be 2xx. Non-blocking, on the script thread's
// loop: a probe never waits on a socket, and never on the supervising
// thread.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_NET_PROBE_H_
#define RUNY_SERVER_SCRIPT_SERVICES_NET_PROBE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "common/unique_fd.h"
#include "server/loop/event_loop.h"

namespace runy::script {

struct NetTarget {
  std::string host;  // a numeric IPv4/IPv6 address or "localhost"
  int port = 0;
  std::string path;  // HTTP only; empty: a TCP probe
  std::string text;  // as the user wrote it, for messages
};

// Thread: the loop's. Destroying the probe cancels it (no callback).
class NetProbe {
 public:
  // ok, or what went wrong ("connection refused", "HTTP 503").
  using Done = std::function<void(bool ok, std::string detail)>;

  NetProbe(loop::EventLoop* loop, NetTarget target, absl::Duration limit,
           Done done);
  ~NetProbe();
  NetProbe(const NetProbe&) = delete;
  NetProbe& operator=(const NetProbe&) = delete;

 private:
  void OnEvents(uint32_t events);
  void Finish(bool ok, std::string detail);

  loop::EventLoop* loop_;
  NetTarget target_;
  Done done_;
  UniqueFd fd_;
  bool watched_ = false;
  bool connected_ = false;
  std::string request_;
  size_t sent_ = 0;
  std::string response_;
  loop::EventLoop::TimerId timer_ = 0;
  bool finished_ = false;
};

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_NET_PROBE_H_
