#include "server/api/access.h"

#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/errno_status.h"
#include "spdlog/spdlog.h"

namespace runy::api {
namespace {

// The groups of `uid` (its primary group and the supplementary ones).
std::vector<gid_t> GroupsOf(uid_t uid) {
  std::vector<gid_t> groups;
  passwd pw{};
  passwd* found = nullptr;
  char buf[4096];
  if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) != 0 || found == nullptr) {
    return groups;
  }
  int count = 64;
  groups.resize(count);
  if (getgrouplist(pw.pw_name, pw.pw_gid, groups.data(), &count) < 0) {
    groups.resize(count);
    getgrouplist(pw.pw_name, pw.pw_gid, groups.data(), &count);
  }
  groups.resize(std::max(count, 0));
  groups.push_back(pw.pw_gid);
  return groups;
}

// Whether (uid, groups) has `bits` (r=4, x=1) on `st` by its mode.
bool Permits(const struct stat& st, uid_t uid, const std::vector<gid_t>& groups,
             mode_t bits) {
  if (uid == 0) return true;
  if (st.st_uid == uid) return (st.st_mode & (bits << 6)) == (bits << 6);
  if (std::find(groups.begin(), groups.end(), st.st_gid) != groups.end()) {
    return (st.st_mode & (bits << 3)) == (bits << 3);
  }
  return (st.st_mode & bits) == bits;
}

// Whether `uid` could open `path` for reading: every directory on the way
// searchable, the file readable (by the mode bits; an ACL that would grant
// more is not consulted, so this errs on the side of refusing).
bool Readable(const std::string& path, uid_t uid,
              const std::vector<gid_t>& groups) {
  if (path.empty() || path[0] != '/') return false;
  size_t slash = 0;
  while ((slash = path.find('/', slash + 1)) != std::string::npos) {
    struct stat dir;
    if (stat(path.substr(0, slash).c_str(), &dir) != 0 ||
        !Permits(dir, uid, groups, 1)) {
      return false;
    }
  }
  struct stat file;
  if (stat("/", &file) != 0 || !Permits(file, uid, groups, 1)) return false;
  return stat(path.c_str(), &file) == 0 && Permits(file, uid, groups, 4);
}

std::string RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved) == nullptr) return "";
  return resolved;
}

// "ipv4:127.0.0.1:5000" → "127.0.0.1": failures are counted per host.
std::string PeerHost(const std::string& peer) {
  absl::string_view p = peer;
  absl::ConsumePrefix(&p, "ipv4:");
  absl::ConsumePrefix(&p, "ipv6:");
  size_t colon = p.rfind(':');
  if (colon != absl::string_view::npos) p = p.substr(0, colon);
  return std::string(p);
}

}  // namespace

const char* ScopeName(Scope scope) {
  return scope == Scope::kRead ? "read" : "control";
}

bool SecretsEqual(absl::string_view a, absl::string_view b) {
  size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= x ^ y;
  }
  return diff == 0;
}

absl::StatusOr<std::vector<Token>> LoadTokenFile(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return ErrnoToStatus(errno, absl::StrCat("--token-file ", path));
  }
  if ((st.st_mode & 077) != 0) {
    return absl::PermissionDeniedError(absl::StrFormat(
        "--token-file %s: mode %04o lets others read it; chmod 600 %s", path,
        st.st_mode & 07777, path));
  }
  if (st.st_uid != geteuid() && st.st_uid != 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("--token-file ", path, ": it belongs to uid ", st.st_uid,
                     ", not to runyd's user"));
  }
  std::ifstream in(path);
  if (!in) return ErrnoToStatus(errno, absl::StrCat("--token-file ", path));
  std::vector<Token> tokens;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || text[0] == '#') continue;
    std::vector<absl::string_view> fields =
        absl::StrSplit(text, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    Token token;
    token.secret = std::string(fields[0]);
    if (fields.size() == 2 && fields[1] == "read") {
      token.scope = Scope::kRead;
    } else if (fields.size() > 2 ||
               (fields.size() == 2 && fields[1] != "control")) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": expected TOKEN [read|control]"));
    }
    if (token.secret.size() < 16) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", number, ": a token needs at least 16 characters"));
    }
    tokens.push_back(std::move(token));
  }
  if (tokens.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--token-file ", path, ": holds no token"));
  }
  return tokens;
}

void PeerTable::Set(int fd, UnixPeer peer) {
  MutexLock lock(&mu_);
  peers_[fd] = peer;
}

std::optional<UnixPeer> PeerTable::Get(int fd) const {
  MutexLock lock(&mu_);
  auto it = peers_.find(fd);
  if (it == peers_.end()) return std::nullopt;
  return it->second;
}

AccessControl::AccessControl(AccessOptions options)
    : options_(std::move(options)) {}

absl::Duration AccessControl::Penalize(const std::string& host) {
  MutexLock lock(&mu_);
  absl::Time now = absl::Now();
  if (failures_.size() > 4096) {
    // Bounded: peers quiet for a minute are forgotten.
    for (auto it = failures_.begin(); it != failures_.end();) {
      it = now - it->second.last > absl::Minutes(1) ? failures_.erase(it)
                                                    : std::next(it);
    }
  }
  Failures& f = failures_[host];
  if (now - f.last > absl::Minutes(1)) f.count = 0;
  f.last = now;
  ++f.count;
  // 0.1 s, 0.2 s, 0.4 s ... up to 5 s for a peer that keeps guessing.
  return std::min(absl::Milliseconds(100) * (1 << std::min(f.count - 1, 6)),
                  absl::Seconds(5));
}

absl::StatusOr<Caller> AccessControl::Check(
    const grpc::CallbackServerContext& context, Scope scope,
    absl::string_view method, absl::Duration* delay) {
  *delay = absl::ZeroDuration();
  std::string peer_text = context.peer();
  absl::string_view peer = peer_text;
  Caller caller;
  int fd = 0;
  if (absl::ConsumePrefix(&peer, "fd:") && absl::SimpleAtoi(peer, &fd)) {
    std::optional<UnixPeer> unix_peer = peers_.Get(fd);
    if (!unix_peer.has_value()) {
      return absl::PermissionDeniedError("unknown connection");
    }
    caller.unix_socket = true;
    caller.uid = unix_peer->uid;
    caller.peer = absl::StrCat("uid ", unix_peer->uid);
    if (!unix_peer->allowed) {
      spdlog::warn("refused {} on the socket ({})", caller.peer,
                   std::string(method));
      return absl::PermissionDeniedError(
          absl::StrCat("uid ", unix_peer->uid,
                       " may not use this runyd (it runs as uid ", geteuid(),
                       "; only its own user, root and members of its "
                       "--socket-group may)"));
    }
    return caller;
  }
  caller.peer = context.peer();
  std::string presented;
  for (const auto& [key, value] : context.client_metadata()) {
    if (absl::string_view(key.data(), key.size()) != "authorization") continue;
    absl::string_view v(value.data(), value.size());
    if (absl::ConsumePrefix(&v, "Bearer ")) presented = std::string(v);
  }
  const Token* match = nullptr;
  for (const Token& token : options_.tokens) {
    // Every token is compared, matched or not: the time says nothing.
    if (SecretsEqual(presented, token.secret) && match == nullptr) {
      match = &token;
    }
  }
  if (presented.empty() || match == nullptr) {
    *delay = Penalize(PeerHost(caller.peer));
    spdlog::warn("refused {}: {} token ({})", caller.peer,
                 presented.empty() ? "no" : "a wrong", std::string(method));
    return absl::UnauthenticatedError(
        presented.empty()
            ? "runyd needs a token over TCP (runy --token-file F, or "
              "RUNY_TOKEN)"
            : "the token was not accepted");
  }
  caller.scope = match->scope;
  if (scope == Scope::kControl && match->scope == Scope::kRead) {
    spdlog::warn("refused {}: a read token for {}", caller.peer,
                 std::string(method));
    return absl::PermissionDeniedError(absl::StrCat(
        "this token has the read scope; ", method, " needs a control token"));
  }
  return caller;
}

absl::Status AccessControl::MayLoad(const Caller& caller,
                                    const std::string& file) const {
  auto not_allowed = [&] {
    return absl::PermissionDeniedError(absl::StrCat(
        "load ", file,
        ": over TCP, runyd loads files only from directories given with "
        "--allow-load",
        options_.allow_load_dirs.empty() ? " (none are)" : ""));
  };
  auto under_allowed = [&](const std::string& path) {
    for (const std::string& dir : options_.allow_load_dirs) {
      for (std::string allowed :
           {RealPath(dir),
            std::filesystem::path(dir).lexically_normal().string()}) {
        while (allowed.size() > 1 && allowed.back() == '/') allowed.pop_back();
        if (!allowed.empty() && absl::StartsWith(path, allowed + "/")) {
          return true;
        }
      }
    }
    return false;
  };
  // Over TCP the policy comes first: a caller learns nothing about files
  // outside the allowed directories, not even whether they exist.
  if (!caller.unix_socket &&
      !under_allowed(std::filesystem::path(file).lexically_normal().string())) {
    return not_allowed();
  }
  std::string real = RealPath(file);
  if (real.empty()) {
    return ErrnoToStatus(errno, absl::StrCat("load ", file));
  }
  if (caller.unix_socket) {
    if (caller.uid == 0 || caller.uid == geteuid()) return absl::OkStatus();
    std::vector<gid_t> groups = GroupsOf(caller.uid);
    if (Readable(file, caller.uid, groups) &&
        Readable(real, caller.uid, groups)) {
      return absl::OkStatus();
    }
    return absl::PermissionDeniedError(
        absl::StrCat("load ", file, ": uid ", caller.uid,
                     " cannot read it, so runyd will not load it for them"));
  }
  return under_allowed(real) ? absl::OkStatus() : not_allowed();
}

}  // namespace runy::api
