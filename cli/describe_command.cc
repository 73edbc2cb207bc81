// runy describe: everything about one service or process, for people.
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "cli/arguments.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/render.h"

namespace runy::cli {
namespace {

// A shell-like command line: words with spaces or quotes are quoted.
std::string CommandLine(const v1::ProcessStatus& p) {
  std::vector<std::string> words = {p.cmd()};
  words.insert(words.end(), p.args().begin(), p.args().end());
  for (std::string& w : words) {
    bool plain = !w.empty() &&
                 w.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos;
    if (plain) continue;
    std::string quoted = "'";
    for (char c : w)
      quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    w = quoted + "'";
  }
  return absl::StrJoin(words, " ");
}

// Short lives to the millisecond: "12ms", "1.5s", then as status has it.
std::string ExitUptime(absl::Duration d) {
  if (d < absl::Milliseconds(1)) return "0ms";
  if (d < absl::Minutes(1)) {
    return absl::FormatDuration(absl::Trunc(d, absl::Milliseconds(1)));
  }
  return FormatUptime(d);
}

std::string ExitText(const v1::ExitStatus& e) {
  if (e.signal() != 0) return absl::StrCat("killed by ", e.signal_name());
  return absl::StrCat("code ", e.code());
}

void Field(std::string* out, absl::string_view name, absl::string_view value) {
  absl::StrAppend(out, "  ", name, std::string(12 - name.size(), ' '), value,
                  "\n");
}

std::string RenderProcess(const v1::ProcessDescription& d, absl::Time now,
                          bool show_env) {
  const v1::ProcessStatus& p = d.status();
  std::string out = absl::StrCat("process ", p.alias(), "\n");
  std::string state = StateName(p.state());
  bool up = p.pid() > 0;
  if (up) {
    absl::StrAppend(&state, ", pid ", p.pid());
    if (p.has_started_at()) {
      absl::StrAppend(&state, ", up ",
                      FormatUptime(now - FromProto(p.started_at())));
    }
  }
  absl::StrAppend(&state, ", run ", p.run());
  if (!p.reason().empty()) absl::StrAppend(&state, " (", p.reason(), ")");
  Field(&out, "state", state);
  Field(&out, "command", CommandLine(p));
  Field(&out, "cwd", d.cwd().empty() ? "(runyd's)" : d.cwd());
  if (!d.defined_at().empty()) Field(&out, "defined at", d.defined_at());
  if (d.env().empty()) {
    Field(&out, "env", "(runyd's environment only)");
  } else {
    std::vector<std::string> vars;
    for (const v1::EnvVar& v : d.env()) {
      vars.push_back(show_env ? absl::StrCat(v.name(), "=", v.value())
                              : v.name());
    }
    Field(
        &out, "env",
        absl::StrCat(absl::StrJoin(vars, show_env ? "\n              " : ", "),
                     show_env ? "" : "  (values: --show-env)"));
  }
  Field(&out, "restart", d.restart());
  std::string restarts = absl::StrCat(p.restarts());
  if (p.max_restarts() > 0) absl::StrAppend(&restarts, "/", p.max_restarts());
  if (p.state() == v1::PROCESS_STATE_BACKOFF && p.has_next_restart_at()) {
    absl::StrAppend(
        &restarts, ", next start in ",
        FormatUptime(FromProto(p.next_restart_at()) - now + absl::Seconds(1)));
  }
  if (p.crash_looping()) absl::StrAppend(&restarts, ", crash-looping");
  Field(&out, "restarts", restarts);
  Field(&out, "stop",
        absl::StrCat(d.stop_signal(), ", then SIGKILL after ",
                     absl::FormatDuration(FromProto(d.stop_timeout()))));
  if (!d.watch().empty()) {
    std::string watch = absl::StrJoin(d.watch(), ", ");
    if (!d.ignore().empty()) {
      absl::StrAppend(&watch, "; ignoring ", absl::StrJoin(d.ignore(), ", "));
    }
    absl::StrAppend(&watch, "; debounce ",
                    absl::FormatDuration(FromProto(d.watch_debounce())));
    if (!p.watch_error().empty())
      absl::StrAppend(&watch, "; ", p.watch_error());
    Field(&out, "watch", watch);
  }
  Field(&out, "logs",
        d.log_files().empty()
            ? "(none yet)"
            : absl::StrJoin(d.log_files(), "\n              "));
  if (up) {
    Field(&out, "usage",
          absl::StrCat(static_cast<int>(p.cpu_percent() + 0.5), "% cpu, ",
                       FormatBytes(p.rss_bytes()), " memory"));
  }
  if (!p.cgroup().empty()) Field(&out, "cgroup", p.cgroup());
  if (d.recent_exits().empty()) {
    Field(&out, "exits", "(none)");
  } else {
    std::vector<std::string> lines;
    for (const v1::ExitRecord& r : d.recent_exits()) {
      lines.push_back(absl::StrCat(
          absl::FormatTime("%Y-%m-%d %H:%M:%S", FromProto(r.exit().at()),
                           absl::LocalTimeZone()),
          "  ", ExitText(r.exit()), " after ",
          ExitUptime(FromProto(r.uptime())), " (run ", r.run(),
          "): ", r.outcome()));
    }
    Field(&out, "exits", absl::StrJoin(lines, "\n              "));
  }
  return out;
}

}  // namespace

int RunDescribe(const GlobalOptions& global,
                const std::vector<std::string>& args) {
  OneName parsed;
  if (std::optional<int> done = ParseOneName(
          "describe", args,
          "usage: runy describe [--show-env] NAME\n\n"
          "Shows everything about a service or process: command line, "
          "working\n"
          "directory, environment (names; values with --show-env), restart "
          "policy\n"
          "with its counters, watch globs, log files, where it is defined "
          "and its\n"
          "last exits with their reasons and times.\n",
          {"--show-env"}, &parsed)) {
    return *done;
  }
  v1::DescribeRequest request;
  request.set_name(parsed.name);
  request.set_show_env(parsed.flags.count("--show-env") != 0);
  int code = kExitOk;
  std::optional<Client> client = ConnectFor(global, false, &code);
  if (!client) return code;
  v1::DescribeResponse response;
  auto context = client->NewContext(absl::Seconds(15));
  absl::Status status = client->Convert(
      client->stub()->Describe(context.get(), request, &response));
  if (!status.ok()) return Fail(status);
  if (global.json) {
    std::cout << ToJson(response);
    return kExitOk;
  }
  std::string out;
  if (response.has_service()) {
    const v1::ServiceStatus& s = response.service();
    absl::StrAppend(&out, "service ", s.name(), "\n");
    Field(&out, "state", StateName(s.state()));
    Field(&out, "defined at", absl::StrCat(s.file(), ":", s.line()));
    if (!s.description().empty()) Field(&out, "description", s.description());
    Field(&out, "autostart", s.autostart() ? "yes" : "no");
    if (!s.error().empty()) Field(&out, "error", s.error());
  }
  absl::Time now = absl::Now();
  for (const v1::ProcessDescription& d : response.processes()) {
    if (!out.empty()) out += "\n";
    out += RenderProcess(d, now, request.show_env());
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace runy::cli
