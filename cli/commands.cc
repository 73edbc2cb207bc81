#include "cli/commands.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/arguments.h"
#include "cli/client.h"
#include "cli/daemon_launcher.h"
#include "cli/render.h"
#include "common/version.h"

namespace runy::cli {
namespace {

constexpr absl::Duration kQuickDeadline = absl::Seconds(15);

bool WantsHelp(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (IsHelp(a)) return true;
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

bool ParseNameArgs(const std::string& command,
                   const std::vector<std::string>& args, bool allow_wait,
                   NameArgs* out, int* exit_code) {
  for (const std::string& a : args) {
    if (a == "--all" || a == "-a") {
      out->all = true;
    } else if (allow_wait && a == "--no-wait") {
      out->no_wait = true;
    } else if (absl::StartsWith(a, "-")) {
      *exit_code =
          UsageError(command, absl::StrCat("unknown option \"", a, "\""));
      return false;
    } else {
      out->names.push_back(a);
    }
  }
  if (out->names.empty() && !out->all) {
    *exit_code =
        UsageError(command, "name a service or process (or use --all)");
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
      std::fprintf(stderr, "runy: %s: %s\n", r.name().c_str(),
                   r.error().c_str());
      code = kExitFailed;
    }
  }
  return code;
}

// A file that uses CommonJS and declares no service: a node program.
bool LooksLikeNodeProgram(const std::string& path) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  bool commonjs = absl::StrContains(text, "require(") ||
                  absl::StrContains(text, "module.exports") ||
                  absl::StrContains(text, "exports.");
  return commonjs && !absl::StrContains(text, "service(");
}

int RunStart(const GlobalOptions& global,
             const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("start");
  NameArgs parsed;
  int code = kExitOk;
  if (!ParseNameArgs("start", args, true, &parsed, &code)) return code;
  int connect_code = kExitOk;
  auto client = ConnectFor(global, true, &connect_code);
  if (!client) return connect_code;
  v1::StartRequest request;
  for (const auto& n : parsed.names) {
    // `runy start ./web.js`: a service file to load, then start.
    std::error_code ec;
    bool looks_like_file =
        n.find('/') != std::string::npos || absl::EndsWith(n, ".js");
    bool is_file = looks_like_file && std::filesystem::is_regular_file(n, ec);
    // A file we may not even look at: runyd decides (and says why not).
    bool hidden = looks_like_file && ec == std::errc::permission_denied;
    if (is_file && LooksLikeNodeProgram(n)) {
      std::fprintf(stderr,
                   "runy start: %s is a node program (it uses require or "
                   "module.exports), not a service file; run it with:\n"
                   "  runy run -- node %s\n",
                   n.c_str(), n.c_str());
      return kExitFailed;
    }
    if (is_file || hidden) {
      request.add_files(
          std::filesystem::absolute(n, ec).lexically_normal().string());
    } else if (looks_like_file && n.find('/') != std::string::npos) {
      std::fprintf(stderr, "runy start: %s: no such file\n", n.c_str());
      return kExitFailed;
    } else {
      request.add_names(n);
    }
  }
  request.set_all(parsed.all);
  request.set_no_wait(parsed.no_wait);
  v1::StartResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status =
      client->Convert(client->stub()->Start(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  return PrintResults(global, "started", response);
}

int RunRemove(const GlobalOptions& global,
              const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("remove");
  NameArgs parsed;
  int code = kExitOk;
  if (!ParseNameArgs("remove", args, false, &parsed, &code)) return code;
  int connect_code = kExitOk;
  auto client = ConnectFor(global, false, &connect_code);
  if (!client) return connect_code;
  v1::RemoveRequest request;
  for (const auto& n : parsed.names) {
    std::error_code ec;
    bool looks_like_file =
        n.find('/') != std::string::npos || absl::EndsWith(n, ".js");
    if (looks_like_file) {
      request.add_files(
          std::filesystem::absolute(n, ec).lexically_normal().string());
    } else {
      request.add_names(n);
    }
  }
  request.set_all(parsed.all);
  v1::RemoveResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status = client->Convert(
      client->stub()->Remove(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  if (response.results().empty() && !global.json) {
    std::printf("nothing to remove\n");
  }
  return PrintResults(global, "removed", response);
}

int RunFlush(const GlobalOptions& global,
             const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("flush");
  v1::FlushRequest request;
  for (const std::string& a : args) {
    if (absl::StartsWith(a, "-")) {
      return UsageError("flush", absl::StrCat("unknown option \"", a, "\""));
    }
    request.add_names(a);
  }
  int connect_code = kExitOk;
  auto client = ConnectFor(global, false, &connect_code);
  if (!client) return connect_code;
  v1::FlushResponse response;
  auto context = client->NewContext(absl::Seconds(60));
  absl::Status status =
      client->Convert(client->stub()->Flush(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
    return kExitOk;
  }
  for (const std::string& alias : response.aliases()) {
    std::printf("flushed %s\n", alias.c_str());
  }
  if (response.aliases().empty()) std::printf("no logs to flush\n");
  return kExitOk;
}

int RunStop(const GlobalOptions& global, const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("stop");
  NameArgs parsed;
  int code = kExitOk;
  if (!ParseNameArgs("stop", args, false, &parsed, &code)) return code;
  int connect_code = kExitOk;
  auto client = ConnectFor(global, false, &connect_code);
  if (!client) return connect_code;
  v1::StopRequest request;
  for (const auto& n : parsed.names) request.add_names(n);
  request.set_all(parsed.all);
  v1::StopResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status =
      client->Convert(client->stub()->Stop(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  return PrintResults(global, "stopped", response);
}

int RunRestart(const GlobalOptions& global,
               const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("restart");
  NameArgs parsed;
  int code = kExitOk;
  if (!ParseNameArgs("restart", args, true, &parsed, &code)) return code;
  int connect_code = kExitOk;
  auto client = ConnectFor(global, true, &connect_code);
  if (!client) return connect_code;
  v1::RestartRequest request;
  for (const auto& n : parsed.names) request.add_names(n);
  request.set_all(parsed.all);
  request.set_no_wait(parsed.no_wait);
  v1::RestartResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status = client->Convert(
      client->stub()->Restart(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  return PrintResults(global, "restarted", response);
}

// `runy --host a,b status`: every host asked at once, one table with a
// HOST column. A host that cannot be asked is reported and makes the exit
// code 3 (or 1); the others are still shown.
int StatusOfHosts(const GlobalOptions& global,
                  const v1::StatusRequest& request) {
  struct Ask {
    std::string host;
    std::optional<Client> client;
    std::unique_ptr<grpc::ClientContext> context;
    v1::StatusResponse response;
    grpc::Status status;
    std::promise<void> done;
  };
  std::vector<std::unique_ptr<Ask>> asks;
  int code = kExitOk;
  for (absl::string_view host :
       absl::StrSplit(global.host, ',', absl::SkipEmpty())) {
    auto ask = std::make_unique<Ask>();
    ask->host = std::string(host);
    GlobalOptions one = global;
    one.host = ask->host;
    int connect_code = kExitOk;
    ask->client = ConnectFor(one, false, &connect_code);
    if (!ask->client) {
      code = std::max(code, connect_code);
      continue;
    }
    ask->context = ask->client->NewContext(kQuickDeadline);
    Ask* raw = ask.get();
    ask->client->stub()->async()->Status(ask->context.get(), &request,
                                         &ask->response, [raw](grpc::Status s) {
                                           raw->status = std::move(s);
                                           raw->done.set_value();
                                         });
    asks.push_back(std::move(ask));
  }
  std::vector<HostStatus> shown;
  for (auto& ask : asks) {
    ask->done.get_future().wait();
    absl::Status status = ask->client->Convert(ask->status);
    if (!status.ok()) {
      std::fprintf(stderr, "runy: %s: %s\n", ask->host.c_str(),
                   std::string(status.message()).c_str());
      code = std::max(code, ExitCodeFor(status));
      continue;
    }
    shown.push_back({ask->host, std::move(ask->response)});
  }
  if (global.json) {
    std::cout << "[\n";
    for (size_t i = 0; i < shown.size(); ++i) {
      std::string json = ToJson(shown[i].status);
      json.pop_back();  // its newline
      std::cout << "{\"host\": \"" << shown[i].host
                << "\", \"status\": " << json << "}"
                << (i + 1 < shown.size() ? ",\n" : "\n");
    }
    std::cout << "]\n";
  } else {
    RenderOptions options;
    options.color = ShouldColor();
    options.width = TerminalWidth();
    std::cout << RenderStatusOfHosts(shown, options);
  }
  return code;
}

int RunStatus(const GlobalOptions& global,
              const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("status");
  v1::StatusRequest request;
  for (const std::string& a : args) {
    if (absl::StartsWith(a, "-")) {
      return UsageError("status", absl::StrCat("unknown option \"", a, "\""));
    }
    request.add_names(a);
  }
  if (absl::StrContains(global.host, ',')) {
    return StatusOfHosts(global, request);
  }
  int connect_code = kExitOk;
  auto client = ConnectFor(global, false, &connect_code);
  if (!client) return connect_code;
  v1::StatusResponse response;
  auto context = client->NewContext(kQuickDeadline);
  absl::Status status = client->Convert(
      client->stub()->Status(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
  } else {
    RenderOptions options;
    options.color = ShouldColor();
    options.width = TerminalWidth();
    options.details = request.names_size() > 0;
    std::cout << RenderStatus(response, options);
  }
  return kExitOk;
}

int RunReload(const GlobalOptions& global,
              const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("reload");
  if (!args.empty()) return UsageError("reload", "takes no arguments");
  int connect_code = kExitOk;
  auto client = ConnectFor(global, true, &connect_code);
  if (!client) return connect_code;
  v1::ReloadResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status = client->Convert(
      client->stub()->Reload(context.get(), v1::ReloadRequest(), &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
  } else {
    for (const auto& n : response.added()) std::printf("added %s\n", n.c_str());
    for (const auto& n : response.restarted())
      std::printf("restarted %s\n", n.c_str());
    for (const auto& n : response.stopped())
      std::printf("stopped %s\n", n.c_str());
    for (const auto& removed : response.removed_files()) {
      std::printf("%s was deleted: removed %s\n", removed.file().c_str(),
                  removed.services().empty()
                      ? "nothing (it declared no service)"
                      : absl::StrJoin(removed.services(), ", ").c_str());
    }
    if (response.added().empty() && response.restarted().empty() &&
        response.stopped().empty() && response.removed_files().empty() &&
        response.file_errors().empty()) {
      std::printf("reloaded: nothing changed\n");
    }
  }
  for (const auto& e : response.file_errors()) {
    std::fprintf(stderr, "runy: %s\n", e.error().c_str());
  }
  return response.file_errors().empty() ? kExitOk : kExitFailed;
}

int RunShutdown(const GlobalOptions& global,
                const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("shutdown");
  if (!args.empty()) return UsageError("shutdown", "takes no arguments");
  int connect_code = kExitOk;
  auto client = ConnectFor(global, false, &connect_code);
  if (!client) return connect_code;
  // The Shutdown RPC, not a signal: a pid from runyd's pid namespace may
  // name another process in ours.
  v1::ShutdownResponse response;
  auto context = client->NewContext(kQuickDeadline);
  absl::Status status = client->Convert(client->stub()->Shutdown(
      context.get(), v1::ShutdownRequest(), &response));
  if (!status.ok()) return Fail(status);
  std::string uri = client->address().ToUri();
  if (client->address().kind == Address::Kind::kUnix) {
    // Our own connection would hold up the daemon's graceful shutdown.
    std::string socket_path = client->address().path;
    context.reset();
    client.reset();
    status = WaitUntilGone(socket_path);
    if (!status.ok()) return Fail(status);
    if (!global.json) std::printf("runyd at %s stopped\n", uri.c_str());
  } else if (!global.json) {
    std::printf("runyd at %s is stopping\n", uri.c_str());
  }
  return kExitOk;
}

// The time the daemon at `global.host` started, as its Version says;
// nullopt while it does not answer.
std::optional<int64_t> DaemonStartedAt(const GlobalOptions& global) {
  // A fresh channel each time: a channel whose daemon went away waits a
  // reconnect backoff before it tries again.
  auto client = Client::Connect(global.host, global.security);
  if (!client.ok()) return std::nullopt;
  v1::VersionResponse response;
  auto context = client->NewContext(absl::Seconds(2));
  if (!client->stub()
           ->Version(context.get(), v1::VersionRequest(), &response)
           .ok()) {
    return std::nullopt;
  }
  return response.started_at().seconds() * 1000000000 +
         response.started_at().nanos();
}

int RunDaemonCommand(const GlobalOptions& global,
                     const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("daemon");
  if (args.size() != 1 || args[0] != "reexec") {
    return UsageError("daemon", "expected: daemon reexec");
  }
  int connect_code = kExitOk;
  auto client = ConnectFor(global, false, &connect_code);
  if (!client) return connect_code;
  std::optional<int64_t> before = DaemonStartedAt(global);
  v1::ReexecResponse response;
  auto context = client->NewContext(kQuickDeadline);
  absl::Status status = client->Convert(
      client->stub()->Reexec(context.get(), v1::ReexecRequest(), &response));
  if (!status.ok()) return Fail(status);
  context.reset();
  client.reset();
  // Done once the new image answers.
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  for (;;) {
    std::optional<int64_t> now = DaemonStartedAt(global);
    if (now.has_value() && now != before) break;
    if (absl::Now() > deadline) {
      return Fail(absl::UnavailableError(
          "runyd did not answer within 30s of its re-exec; see its log"));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  if (global.json) {
    std::cout << ToJson(response);
  } else {
    std::printf("runyd (pid %d) re-executed %s; every process kept running\n",
                response.pid(), response.executable().c_str());
  }
  return kExitOk;
}

// For shell completion: every service name and alias, one a line.
int RunNames(const GlobalOptions& global, const std::vector<std::string>&) {
  // Quiet: completion must never print to the terminal or start a daemon.
  auto client = Client::Connect(global.host, global.security);
  if (!client.ok()) return kExitUsage;
  if (client->address().kind == Address::Kind::kUnix &&
      !SocketAnswers(client->address().path)) {
    return kExitUnreachable;
  }
  v1::StatusResponse response;
  auto context = client->NewContext(absl::Seconds(2));
  if (!client->stub()
           ->Status(context.get(), v1::StatusRequest(), &response)
           .ok()) {
    return kExitUnreachable;
  }
  for (const auto& s : response.services())
    std::printf("%s\n", s.name().c_str());
  for (const auto& p : response.processes()) {
    if (p.alias() != p.service()) std::printf("%s\n", p.alias().c_str());
  }
  return kExitOk;
}

int RunVersion(const GlobalOptions& global,
               const std::vector<std::string>& args) {
  if (WantsHelp(args)) return PrintHelp("version");
  if (!args.empty()) return UsageError("version", "takes no arguments");
  int connect_code = kExitOk;
  auto client = ConnectFor(global, false, &connect_code);
  if (!client) return connect_code;
  v1::VersionResponse response;
  auto context = client->NewContext(kQuickDeadline);
  absl::Status status = client->Convert(
      client->stub()->Version(context.get(), v1::VersionRequest(), &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
  } else {
    std::printf("runy %s\nrunyd %s (api %s, pid %d) at %s\n", kVersion,
                response.version().c_str(), response.api().c_str(),
                response.pid(), client->address().ToUri().c_str());
    if (!response.cgroups().empty()) {
      std::printf("processes: a cgroup each, under %s\n",
                  response.cgroups().c_str());
    } else if (!response.cgroups_unavailable().empty()) {
      std::printf("processes: tracked by process group (%s)\n",
                  response.cgroups_unavailable().c_str());
    }
  }
  return kExitOk;
}

}  // namespace

std::optional<Client> ConnectFor(const GlobalOptions& global, bool autostart,
                                 int* exit_code) {
  auto client = Client::Connect(global.host, global.security);
  if (!client.ok()) {
    // A bad --host is the user's typing, not a failed operation.
    std::fprintf(stderr, "runy: %s\n",
                 std::string(client.status().message()).c_str());
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  const char* env = std::getenv("RUNY_NO_AUTOSTART");
  bool opted_out = global.no_autostart ||
                   (env != nullptr && *env != '\0' && std::string(env) != "0");
  bool absent = client->is_default_address() &&
                client->address().kind == Address::Kind::kUnix &&
                !SocketAnswers(client->address().path);
  if (absent && (!autostart || opted_out)) {
    // Only a command that needs a daemon to do what was asked starts one.
    std::fprintf(stderr, "runy: %s\n", client->UnreachableMessage().c_str());
    *exit_code = kExitUnreachable;
    return std::nullopt;
  }
  if (absent) {
    absl::Status launched = LaunchDaemon(client->address().path);
    if (!launched.ok()) {
      std::fprintf(stderr, "runy: %s\n",
                   std::string(launched.message()).c_str());
      *exit_code = kExitUnreachable;
      return std::nullopt;
    }
  }
  return std::move(*client);
}

const std::vector<Command>& HiddenCommands() {
  static const std::vector<Command> commands = {
      {"__names", "", "service names and aliases, for completion", RunNames},
  };
  return commands;
}

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"start", "[--no-wait] [--all] NAME|FILE.js...",
       "Starts services or processes (NAME is a service name or a process "
       "alias)\n"
       "and waits until each service's run() has finished (--no-wait: at "
       "once).\n"
       "A FILE.js is loaded into runyd first (as with runyd --services) and "
       "its\n"
       "services are started.",
       RunStart},
      {"stop", "[--all] NAME...",
       "Stops services or processes; a stopped process stays stopped until "
       "started.",
       RunStop},
      {"restart", "[--no-wait] [--all] NAME...",
       "Stops then starts services or processes; resets restart counts.",
       RunRestart},
      {"run",
       "[--name N] [--restart never|always|fixed:DELAY|exponential]\n"
       "         [--max-restarts N] [--watch GLOB]... [--cwd DIR] "
       "[--env K=V]...\n"
       "         [--no-wait] -- CMD [ARGS...]",
       "Defines and starts a process without a service file (as pm2 start "
       "does):\n"
       "runyd writes one for it into its state directory, so it is an "
       "ordinary\n"
       "service, named like the process, that comes back after runyd "
       "restarts.\n"
       "--name defaults to the command's name (node app.js: app); --restart "
       "to\n"
       "always; --cwd to this directory. `runy remove NAME` forgets it.",
       RunAdhoc},
      {"remove", "[--all] NAME|FILE.js...",
       "Stops services and forgets them with their files: an ad-hoc process, "
       "or\n"
       "a file loaded with runy start FILE.js (--all: every one of them). "
       "Files\n"
       "of runyd --services stay; take them out there.",
       RunRemove},
      {"status", "[NAME...]", "Shows services and processes.", RunStatus},
      {"describe", "[--show-env] NAME",
       "Shows everything about a service or process: command, cwd, "
       "environment,\nrestart policy and counters, watch globs, log files, "
       "where it is defined,\nits last exits and why.",
       RunDescribe},
      {"why", "NAME",
       "Explains why a service or process is not running: waiting for "
       "readiness,\nin backoff, crash-looping, gave up, stopped by a user, "
       "its file failed.",
       RunWhy},
      {"top", "",
       "A live view of every process with the selected one's log; keys "
       "restart,\nstop, start and follow (like pm2 monit).",
       RunTop},
      {"logs",
       "[-f] [-n N] [--since WHEN] [--until WHEN] [--grep REGEX]\n"
       "          [--stdout|--stderr|--system] [-t] [--utc] [NAME...]",
       "Prints process logs (every process's, merged by time, without NAME); "
       "-f\nfollows them.",
       RunLogs},
      {"events", "[--utc] [NAME...]",
       "Prints state changes of services and processes, with their reasons, "
       "as\nthey happen.",
       RunEvents},
      {"flush", "[NAME...]",
       "Empties the logs of processes (all without NAME): their files and "
       "what\nrunyd keeps in memory.",
       RunFlush},
      {"reload", "", "Re-reads every service file.", RunReload},
      {"version", "", "Shows the versions of runy and runyd.", RunVersion},
      {"shutdown", "",
       "Stops the local runyd gracefully (and everything it runs).",
       RunShutdown},
      {"daemon", "reexec",
       "Re-executes runyd from its binary on disk (after an upgrade): every\n"
       "process keeps running, nothing is restarted, no output is lost.",
       RunDaemonCommand},
      {"startup", "[--user|--system] [--unit-dir DIR]",
       "Writes and enables a systemd unit that starts runyd, and the "
       "services it\nhad started, at boot (--user: at login, or at boot "
       "with lingering).",
       RunStartup},
      {"unstartup", "[--user|--system] [--unit-dir DIR]",
       "Disables and removes the unit `runy startup` wrote.", RunUnstartup},
      {"completion", "bash|zsh|fish",
       "Prints a shell completion script: eval \"$(runy completion bash)\".",
       RunCompletion},
  };
  return commands;
}

}  // namespace runy::cli
