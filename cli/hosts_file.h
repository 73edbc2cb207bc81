// Named hosts: `runy --host buildbox status` with the address, token and
// TLS files of "buildbox" written once in ~/.config/runy/hosts.
//
// The file ($RUNY_HOSTS_FILE, else $XDG_CONFIG_HOME/runy/hosts, else
// ~/.config/runy/hosts) holds one host a line:
//
//   # NAME = URI [token-file=PATH] [tls-ca=PATH] [tls-cert=PATH] [tls-key=PATH]
//   buildbox = tcp://10.0.0.5:7443 token-file=~/.config/runy/buildbox.token
//   tls-ca=~/.config/runy/ca.pem
//
// Blank lines and lines starting with '#' are ignored; `~/` at the start of a
// path is the home directory.
#ifndef RUNY_CLI_HOSTS_FILE_H_
#define RUNY_CLI_HOSTS_FILE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "cli/client.h"

namespace runy::cli {

struct NamedHost {
  std::string uri;
  ClientSecurity security;
};

// The path of the hosts file (it may not exist).
std::string HostsFilePath();

// The entry for `name` in the hosts file at `path`; nullopt when there is
// no such file or name. InvalidArgument "FILE:LINE: ..." for a bad line.
absl::StatusOr<std::optional<NamedHost>> LookupHost(const std::string& path,
                                                    const std::string& name);

}  // namespace runy::cli

#endif  // RUNY_CLI_HOSTS_FILE_H_
