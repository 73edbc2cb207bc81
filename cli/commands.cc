#include "cli/commands.h"

#include <cstdio>
#include <iostream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/render.h"
#include "common/version.h"

namespace runy::cli {
namespace {

constexpr absl::Duration kQuickDeadline = absl::Seconds(15);

int ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return kExitOk;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kUnauthenticated:
      return kExitUnreachable;
    default:
      return kExitFailed;
  }
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "runy: %s\n", std::string(status.message()).c_str());
  return ExitCodeFor(status);
}

// A bad --host is the user's typing, not a failed operation.
int ConnectFailed(const absl::Status& status) {
  std::fprintf(stderr, "runy: %s\n", std::string(status.message()).c_str());
  return kExitUsage;
}

int UsageError(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "runy %s: %s (see 'runy %s --help')\n", command.c_str(),
               message.c_str(), command.c_str());
  return kExitUsage;
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

int PrintHelp(const char* name) {
  for (const Command& c : Commands()) {
    if (std::string(c.name) == name) {
      std::printf("usage: runy %s %s\n\n%s\n", c.name, c.synopsis, c.summary);
    }
  }
  return kExitOk;
}

// Splits flags of the form --x from names; unknown flags are usage errors.
struct NameArgs {
  std::vector<std::string> names;
  bool all = false;
  bool no_wait = false;
};

bool ParseNameArgs(const std::string& command, const std::vector<std::string>& args,
                   bool allow_wait, NameArgs* out, int* exit_code) {
  for (const std::string& a : args) {
    if (a == "--all" || a == "-a") {
      out->all = true;
    } else if (allow_wait && a == "--no-wait") {
      out->no_wait = true;
    } else if (absl::StartsWith(a, "-")) {
      *exit_code = UsageError(command, absl::StrCat("unknown option \"", a, "\""));
      return false;
    } else {
      out->names.push_back(a);
    }
  }
  if (out->names.empty() && !out->all) {
    *exit_code = UsageError(command, "name a service or process (or use --all)");
    return false;
  }
  return true;
}

template <typename Response>
int PrintResults(const GlobalOptions& global, const char* verb,
                 const Response& response) {
  if (global.json) {
    std::cout << ToJson(response);
  }
  int code = kExitOk;
  for (const v1::TargetResult& r : response.results()) {
    if (r.ok()) {
      if (!global.json) std::printf("%s %s\n", verb, r.name().c_str());
    } else {
      std::fprintf(stderr, "runy: %s: %s\n", r.name().c_str(), r.error().c_str());
      code = kExitFailed;
    }
  }
  return code;
}

int RunStart(const GlobalOptions& global, const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("start");
  NameArgs parsed;
  int code = kExitOk;
  if (!ParseNameArgs("start", args, true, &parsed, &code)) return code;
  auto client = Client::Connect(global.host);
  if (!client.ok()) return ConnectFailed(client.status());
  v1::StartRequest request;
  for (const auto& n : parsed.names) request.add_names(n);
  request.set_all(parsed.all);
  request.set_no_wait(parsed.no_wait);
  v1::StartResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status = client->Convert(client->stub()->Start(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  return PrintResults(global, "started", response);
}

int RunStop(const GlobalOptions& global, const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("stop");
  NameArgs parsed;
  int code = kExitOk;
  if (!ParseNameArgs("stop", args, false, &parsed, &code)) return code;
  auto client = Client::Connect(global.host);
  if (!client.ok()) return ConnectFailed(client.status());
  v1::StopRequest request;
  for (const auto& n : parsed.names) request.add_names(n);
  request.set_all(parsed.all);
  v1::StopResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status = client->Convert(client->stub()->Stop(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  return PrintResults(global, "stopped", response);
}

int RunRestart(const GlobalOptions& global, const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("restart");
  NameArgs parsed;
  int code = kExitOk;
  if (!ParseNameArgs("restart", args, true, &parsed, &code)) return code;
  auto client = Client::Connect(global.host);
  if (!client.ok()) return ConnectFailed(client.status());
  v1::RestartRequest request;
  for (const auto& n : parsed.names) request.add_names(n);
  request.set_all(parsed.all);
  request.set_no_wait(parsed.no_wait);
  v1::RestartResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status =
      client->Convert(client->stub()->Restart(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  return PrintResults(global, "restarted", response);
}

int RunStatus(const GlobalOptions& global, const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("status");
  v1::StatusRequest request;
  for (const std::string& a : args) {
    if (absl::StartsWith(a, "-")) {
      return UsageError("status", absl::StrCat("unknown option \"", a, "\""));
    }
    request.add_names(a);
  }
  auto client = Client::Connect(global.host);
  if (!client.ok()) return ConnectFailed(client.status());
  v1::StatusResponse response;
  auto context = client->NewContext(kQuickDeadline);
  absl::Status status =
      client->Convert(client->stub()->Status(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
  } else {
    RenderOptions options;
    options.color = ShouldColor();
    std::cout << RenderStatus(response, options);
  }
  return kExitOk;
}

int RunReload(const GlobalOptions& global, const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("reload");
  if (!args.empty()) return UsageError("reload", "takes no arguments");
  auto client = Client::Connect(global.host);
  if (!client.ok()) return ConnectFailed(client.status());
  v1::ReloadResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status = client->Convert(
      client->stub()->Reload(context.get(), v1::ReloadRequest(), &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
  } else {
    for (const auto& n : response.added()) std::printf("added %s\n", n.c_str());
    for (const auto& n : response.restarted()) std::printf("restarted %s\n", n.c_str());
    for (const auto& n : response.stopped()) std::printf("stopped %s\n", n.c_str());
    if (response.added().empty() && response.restarted().empty() &&
        response.stopped().empty() && response.file_errors().empty()) {
      std::printf("reloaded: nothing changed\n");
    }
  }
  for (const auto& e : response.file_errors()) {
    std::fprintf(stderr, "runy: %s\n", e.error().c_str());
  }
  return response.file_errors().empty() ? kExitOk : kExitFailed;
}

int RunVersion(const GlobalOptions& global, const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("version");
  if (!args.empty()) return UsageError("version", "takes no arguments");
  auto client = Client::Connect(global.host);
  if (!client.ok()) return ConnectFailed(client.status());
  v1::VersionResponse response;
  auto context = client->NewContext(kQuickDeadline);
  absl::Status status = client->Convert(
      client->stub()->Version(context.get(), v1::VersionRequest(), &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
  } else {
    std::printf("runy %s\nrunyd %s (api %s, pid %d) at %s\n", kVersion,
                response.version().c_str(), response.api().c_str(), response.pid(),
                client->address().ToUri().c_str());
  }
  return kExitOk;
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"start", "[--no-wait] [--all] NAME...",
       "Starts services or processes (NAME is a service name or a process alias)\n"
       "and waits until each service's run() has finished.",
       RunStart},
      {"stop", "[--all] NAME...",
       "Stops services or processes; a stopped process stays stopped until started.",
       RunStop},
      {"restart", "[--no-wait] [--all] NAME...",
       "Stops then starts services or processes; resets restart counts.",
       RunRestart},
      {"status", "[NAME...]", "Shows services and processes.", RunStatus},
      {"logs", "[-f] [-n N] [--since DUR] [--stdout|--stderr] [-t] [NAME...]",
       "Prints process logs; -f follows them.", RunLogs},
      {"reload", "", "Re-reads every service file.", RunReload},
      {"version", "", "Shows the versions of runy and runyd.", RunVersion},
  };
  return commands;
}

}  // namespace runy::cli
