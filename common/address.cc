#include "common/address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace runy {
namespace {

absl::StatusOr<Address> ParseHostPort(absl::string_view text,
                                      absl::string_view what) {
  Address address;
  address.kind = Address::Kind::kTcp;
  absl::string_view port_text;
  if (absl::StartsWith(text, "[")) {
    size_t close = text.find(']');
    if (close == absl::string_view::npos || close + 1 >= text.size() ||
        text[close + 1] != ':') {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " \"", text, "\": expected [HOST]:PORT"));
    }
    address.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    size_t colon = text.rfind(':');
    if (colon == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " \"", text, "\": expected HOST:PORT"));
    }
    address.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  int port = 0;
  if (address.host.empty() || !absl::SimpleAtoi(port_text, &port) ||
      port <= 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, " \"", text, "\": expected HOST:PORT with a port in 1-65535"));
  }
  address.port = port;
  return address;
}

}  // namespace

std::string Address::ToUri() const {
  if (kind == Kind::kUnix) return absl::StrCat("unix://", path);
  return absl::StrCat("tcp://", ToGrpcTarget());
}

std::string Address::ToGrpcTarget() const {
  if (kind == Kind::kUnix) return absl::StrCat("unix:", path);
  if (absl::StrContains(host, ':')) return absl::StrCat("[", host, "]:", port);
  return absl::StrCat(host, ":", port);
}

absl::StatusOr<Address> ParseHostUri(absl::string_view uri) {
  if (uri.empty()) return absl::InvalidArgumentError("host: empty address");
  absl::string_view rest = uri;
  if (absl::ConsumePrefix(&rest, "unix://") ||
      absl::ConsumePrefix(&rest, "unix:") || absl::StartsWith(uri, "/")) {
    if (!absl::StartsWith(rest, "/")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "host \"", uri, "\": a unix socket path must be absolute"));
    }
    Address address;
    address.path = std::string(rest);
    return address;
  }
  if (absl::ConsumePrefix(&rest, "tcp://")) return ParseHostPort(rest, "host");
  if (absl::StrContains(rest, "://")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "host \"", uri,
        "\": unknown scheme (use unix:///PATH or tcp://HOST:PORT)"));
  }
  return ParseHostPort(rest, "host");
}

absl::StatusOr<Address> ParseListenAddress(absl::string_view host_port) {
  return ParseHostPort(host_port, "--listen");
}

bool IsLoopbackHost(absl::string_view host) {
  // Parsed, not compared as text: "127.example.com" is a name anyone can
  // point anywhere.
  if (host == "localhost") return true;
  std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

std::string DefaultSocketPath(
    absl::FunctionRef<const char*(const char*)> getenv, unsigned uid) {
  auto value = [&](const char* name) -> absl::string_view {
    const char* v = getenv(name);
    return v == nullptr ? absl::string_view() : absl::string_view(v);
  };
  if (!value("RUNY_SOCKET").empty()) return std::string(value("RUNY_SOCKET"));
  if (!value("XDG_RUNTIME_DIR").empty()) {
    return absl::StrCat(value("XDG_RUNTIME_DIR"), "/runy/runyd.sock");
  }
  if (uid == 0) return "/run/runy/runyd.sock";
  return absl::StrCat("/tmp/runy-", uid, "/runyd.sock");
}

std::string DefaultSocketPath() {
  return DefaultSocketPath([](const char* name) { return std::getenv(name); },
                           ::getuid());
}

}  // namespace runy
