#include "cli/arguments.h"

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/commands.h"

namespace runy::cli {

int ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return kExitOk;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
      return kExitUnreachable;
    default:
      return kExitFailed;
  }
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "runy: %s\n", std::string(status.message()).c_str());
  return ExitCodeFor(status);
}

int UsageError(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "runy %s: %s (see 'runy %s --help')\n", command.c_str(),
               message.c_str(), command.c_str());
  return kExitUsage;
}

bool IsHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

std::optional<int> ParseOneName(const std::string& command,
                                const std::vector<std::string>& args,
                                const char* help,
                                const std::set<std::string>& flags,
                                OneName* out) {
  for (const std::string& a : args) {
    if (IsHelp(a)) {
      std::fputs(help, stdout);
      return kExitOk;
    }
    if (flags.count(a) != 0) {
      out->flags.insert(a);
    } else if (absl::StartsWith(a, "-")) {
      return UsageError(command, absl::StrCat("unknown option \"", a, "\""));
    } else if (!out->name.empty()) {
      return UsageError(command, "one NAME at a time");
    } else {
      out->name = a;
    }
  }
  if (out->name.empty()) {
    return UsageError(command, "name a service or process");
  }
  return std::nullopt;
}

}  // namespace runy::cli
