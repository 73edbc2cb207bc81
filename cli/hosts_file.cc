#include "cli/hosts_file.h"

#include <cstdlib>
#include <fstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace runy::cli {
namespace {

std::string Home() {
  const char* home = std::getenv("HOME");
  return home != nullptr ? home : "";
}

std::string ExpandHome(absl::string_view path) {
  if (absl::StartsWith(path, "~/")) return absl::StrCat(Home(), path.substr(1));
  return std::string(path);
}

}  // namespace

std::string HostsFilePath() {
  if (const char* file = std::getenv("RUNY_HOSTS_FILE"); file && *file) {
    return file;
  }
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg == '/') {
    return absl::StrCat(xdg, "/runy/hosts");
  }
  return absl::StrCat(Home(), "/.config/runy/hosts");
}

absl::StatusOr<std::optional<NamedHost>> LookupHost(const std::string& path,
                                                    const std::string& name) {
  std::ifstream in(path);
  if (!in) return std::optional<NamedHost>();
  int number = 0;
  for (std::string raw; std::getline(in, raw);) {
    ++number;
    absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (line.empty() || line[0] == '#') continue;
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": ", why));
    };
    size_t eq = line.find('=');
    if (eq == absl::string_view::npos) {
      return bad("expected NAME = URI [token-file=F] [tls-ca=F] ...");
    }
    absl::string_view key = absl::StripAsciiWhitespace(line.substr(0, eq));
    std::vector<absl::string_view> fields = absl::StrSplit(
        line.substr(eq + 1), absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (fields.empty())
      return bad(absl::StrCat("host \"", key, "\" has no URI"));
    if (key != name) continue;
    NamedHost host;
    host.uri = std::string(fields[0]);
    for (size_t i = 1; i < fields.size(); ++i) {
      std::vector<absl::string_view> kv =
          absl::StrSplit(fields[i], absl::MaxSplits('=', 1));
      if (kv.size() != 2) {
        return bad(
            absl::StrCat("expected OPTION=PATH, not \"", fields[i], "\""));
      }
      std::string value = ExpandHome(kv[1]);
      if (kv[0] == "token-file") {
        host.security.token_file = value;
      } else if (kv[0] == "tls-ca") {
        host.security.tls_ca = value;
      } else if (kv[0] == "tls-cert") {
        host.security.tls_cert = value;
      } else if (kv[0] == "tls-key") {
        host.security.tls_key = value;
      } else {
        return bad(absl::StrCat("unknown option \"", kv[0],
                                "\" (token-file, tls-ca, tls-cert, tls-key)"));
      }
    }
    return std::optional<NamedHost>(std::move(host));
  }
  return std::optional<NamedHost>();
}

}  // namespace runy::cli
