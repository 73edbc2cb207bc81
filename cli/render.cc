#include "cli/render.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace runy::cli {
namespace {

using Row = std::vector<std::string>;

const char* StateColor(absl::string_view state) {
  if (state == "running") return "\033[32m";
  if (state == "failed") return "\033[31m";
  if (state == "backoff" || state == "starting" || state == "stopping")
    return "\033[33m";
  return "\033[2m";
}

std::string LastExit(const v1::ProcessStatus& p) {
  if (!p.last_exit().exited()) return "-";
  if (p.last_exit().signal() != 0) return p.last_exit().signal_name();
  return absl::StrCat("code ", p.last_exit().code());
}

std::string RenderTable(std::vector<Row> rows, size_t state_column, bool color,
                        int max_width) {
  std::vector<size_t> width;
  for (const Row& row : rows) {
    width.resize(std::max(width.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  }
  if (max_width > 0 && !width.empty()) {
    // Everything but the last column, then what is left for it.
    size_t used = 0;
    for (size_t i = 0; i + 1 < width.size(); ++i) used += width[i] + 2;
    size_t room =
        static_cast<size_t>(max_width) > used + 4 ? max_width - used : 4;
    for (Row& row : rows) {
      std::string& last = row.back();
      if (last.size() > room) last = last.substr(0, room - 1) + "~";
    }
  }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t i = 0; i < rows[r].size(); ++i) {
      const std::string& cell = rows[r][i];
      bool last = i + 1 == rows[r].size();
      std::string padded =
          last ? cell
               : absl::StrCat(cell,
                              std::string(width[i] - cell.size() + 2, ' '));
      if (color && r == 0) {
        absl::StrAppend(&line, "\033[1m", padded, "\033[0m");
      } else if (color && i == state_column) {
        absl::StrAppend(&line, StateColor(cell), cell, "\033[0m",
                        padded.substr(cell.size()));
      } else {
        absl::StrAppend(&line, padded);
      }
    }
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace

int TerminalWidth() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) != 1 || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
    return 0;
  return ws.ws_col;
}

bool ShouldColor() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(STDOUT_FILENO) == 1;
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  std::string out;
  auto status =
      google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) return "{}\n";
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  return out;
}

std::string ToJsonLine(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(message, &out, options)
           .ok()) {
    return "{}";
  }
  return out;
}

absl::Time FromProto(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

std::string StateName(v1::ProcessState state) {
  std::string name = v1::ProcessState_Name(state);
  absl::string_view bare = name;
  bare.remove_prefix(std::string("PROCESS_STATE_").size());
  return absl::AsciiStrToLower(bare);
}

std::string StateName(v1::ServiceState state) {
  std::string name = v1::ServiceState_Name(state);
  absl::string_view bare = name;
  bare.remove_prefix(std::string("SERVICE_STATE_").size());
  return absl::AsciiStrToLower(bare);
}

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

std::string RenderEvent(const v1::Event& event, const RenderOptions& options,
                        bool utc) {
  absl::Time at = FromProto(event.time());
  std::string line =
      utc ? absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", at, absl::UTCTimeZone())
          : absl::FormatTime("%Y-%m-%d %H:%M:%E3S", at, absl::LocalTimeZone());
  auto state = [&](const std::string& name) {
    if (!options.color) return name;
    return absl::StrCat(StateColor(name), name, "\033[0m");
  };
  if (event.has_service()) {
    const v1::ServiceStatus& s = event.service();
    absl::StrAppend(&line, "  service ", s.name(), "  ",
                    state(StateName(s.state())));
    if (!s.error().empty()) {
      absl::string_view error = s.error();
      absl::StrAppend(&line, "  ", error.substr(0, error.find('\n')));
    }
    return line;
  }
  const v1::ProcessStatus& p = event.process();
  absl::StrAppend(&line, "  process ", p.alias());
  if (!p.service().empty()) absl::StrAppend(&line, " (", p.service(), ")");
  absl::StrAppend(&line, "  ", state(StateName(p.state())));
  std::vector<std::string> why;
  switch (p.state()) {
    case v1::PROCESS_STATE_STARTING:
    case v1::PROCESS_STATE_RUNNING:
      if (p.pid() > 0) why.push_back(absl::StrCat("pid ", p.pid()));
      why.push_back(absl::StrCat("run ", p.run()));
      break;
    case v1::PROCESS_STATE_BACKOFF: {
      std::string next = absl::StrCat("exited ", LastExit(p));
      if (p.has_next_restart_at()) {
        absl::StrAppend(&next, "; restart in ",
                        FormatUptime(FromProto(p.next_restart_at()) - at));
      }
      absl::StrAppend(&next, " (", p.restarts() + 1);
      if (p.max_restarts() > 0) absl::StrAppend(&next, "/", p.max_restarts());
      absl::StrAppend(&next, ")");
      why.push_back(next);
      break;
    }
    case v1::PROCESS_STATE_EXITED:
    case v1::PROCESS_STATE_FAILED:
      if (p.last_exit().exited()) {
        why.push_back(absl::StrCat("exited ", LastExit(p)));
      }
      break;
    default:
      break;
  }
  if (!p.reason().empty()) why.push_back(p.reason());
  if (p.crash_looping()) why.push_back("crash-looping");
  if (!why.empty()) absl::StrAppend(&line, "  ", absl::StrJoin(why, "; "));
  return line;
}

std::string FormatUptime(absl::Duration d) {
  int64_t s = absl::ToInt64Seconds(d);
  if (s < 0) s = 0;
  if (s < 60) return absl::StrCat(s, "s");
  if (s < 3600) return absl::StrFormat("%dm%02ds", s / 60, s % 60);
  if (s < 86400) return absl::StrFormat("%dh%02dm", s / 3600, (s % 3600) / 60);
  return absl::StrFormat("%dd%02dh", s / 86400, (s % 86400) / 3600);
}

std::string FormatBytes(uint64_t bytes) {
  const char* units[] = {"B", "K", "M", "G", "T"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  if (unit == 0) return absl::StrCat(bytes, "B");
  return absl::StrFormat("%.1f%s", value, units[unit]);
}

namespace {

Row ProcessRow(const v1::ProcessStatus& p, const RenderOptions& options) {
  bool running = p.pid() != 0;
  std::string restarts = absl::StrCat(p.restarts());
  if (p.max_restarts() > 0) absl::StrAppend(&restarts, "/", p.max_restarts());
  std::string info = p.reason();
  if (!p.watch_error().empty()) info = absl::StrCat("watch: ", p.watch_error());
  if (p.log_dropped_bytes() > 0) {
    absl::StrAppend(&info, info.empty() ? "" : "; ",
                    "log: ", FormatBytes(p.log_dropped_bytes()), " dropped");
  }
  std::string next;
  if (p.state() == v1::PROCESS_STATE_BACKOFF && p.has_next_restart_at()) {
    absl::Duration left = FromProto(p.next_restart_at()) - options.now;
    next = FormatUptime(left + absl::Seconds(1));
  }
  if (p.crash_looping()) {
    // "crash loop: exited 7 times within 1s of starting; next start in 4s"
    info = p.reason().empty() ? "crash loop" : p.reason();
    if (!next.empty()) absl::StrAppend(&info, "; next start in ", next);
  } else if (!next.empty()) {
    info = absl::StrCat("restart in ", next);
  }
  return {p.service().empty() ? "-" : p.service(),
          p.alias(),
          StateName(p.state()),
          running ? absl::StrCat(p.pid()) : "-",
          running && p.has_started_at()
              ? FormatUptime(options.now - FromProto(p.started_at()))
              : "-",
          restarts,
          LastExit(p),
          running ? absl::StrFormat("%.0f%%", p.cpu_percent()) : "-",
          running ? FormatBytes(p.rss_bytes()) : "-",
          info};
}

Row ServiceRow(const v1::ServiceStatus& s) {
  return {s.name(),
          "-",
          StateName(s.state()),
          "-",
          "-",
          "-",
          "-",
          "-",
          "-",
          !s.error().empty()         ? s.error()
          : !s.waiting_for().empty() ? "waiting for " + s.waiting_for()
          : s.has_next_job_at()
              ? absl::StrCat(
                    s.description(), s.description().empty() ? "" : "; ",
                    "next job ",
                    absl::FormatTime("%H:%M:%S", FromProto(s.next_job_at()),
                                     absl::LocalTimeZone()))
              : s.description()};
}

// The rows of one daemon's status (no header): services in order, each
// with its processes under it; then processes of no listed service.
std::vector<Row> StatusRows(const v1::StatusResponse& status,
                            const RenderOptions& options) {
  std::vector<Row> rows;
  std::vector<bool> shown(status.processes_size(), false);
  auto rows_of = [&](const std::string& service, const std::string& alias) {
    for (int i = 0; i < status.processes_size(); ++i) {
      const v1::ProcessStatus& p = status.processes(i);
      if (shown[i] || p.service() != service) continue;
      if (!alias.empty() && p.alias() != alias) continue;
      rows.push_back(ProcessRow(p, options));
      shown[i] = true;
    }
  };
  for (const v1::ServiceStatus& s : status.services()) {
    size_t before = rows.size();
    if (s.state() == v1::SERVICE_STATE_FAILED) rows.push_back(ServiceRow(s));
    for (const std::string& alias : s.aliases()) rows_of(s.name(), alias);
    rows_of(s.name(), "");
    if (rows.size() == before) rows.push_back(ServiceRow(s));
  }
  for (int i = 0; i < status.processes_size(); ++i) {
    if (!shown[i]) rows.push_back(ProcessRow(status.processes(i), options));
  }
  return rows;
}

const Row kStatusHeader = {"SERVICE",  "ALIAS",     "STATE", "PID", "UPTIME",
                           "RESTARTS", "LAST EXIT", "CPU",   "MEM", "INFO"};

}  // namespace

std::string RenderStatus(const v1::StatusResponse& status,
                         const RenderOptions& options) {
  std::vector<Row> rows = {kStatusHeader};
  for (Row& row : StatusRows(status, options)) rows.push_back(std::move(row));
  std::string out;
  if (rows.size() == 1) {
    out = "no services or processes\n";
  } else {
    out = RenderTable(std::move(rows), 2, options.color, options.width);
  }
  if (options.details) {
    for (const v1::ServiceStatus& s : status.services()) {
      absl::StrAppend(&out, "\n", s.name(), s.description().empty() ? "" : ": ",
                      s.description(), "\n  defined at ", s.file(), ":",
                      s.line(), s.autostart() ? " (autostart)" : "", "\n");
    }
  }
  for (const v1::FileError& e : status.file_errors()) {
    absl::StrAppend(&out, options.color ? "\033[31merror\033[0m: " : "error: ",
                    e.error(), "\n");
  }
  return out;
}

std::string RenderStatusOfHosts(const std::vector<HostStatus>& hosts,
                                const RenderOptions& options) {
  Row header = kStatusHeader;
  header.insert(header.begin(), "HOST");
  std::vector<Row> rows = {header};
  std::string errors;
  for (const HostStatus& host : hosts) {
    for (Row& row : StatusRows(host.status, options)) {
      row.insert(row.begin(), host.host);
      rows.push_back(std::move(row));
    }
    for (const v1::FileError& e : host.status.file_errors()) {
      absl::StrAppend(&errors,
                      options.color ? "\033[31merror\033[0m: " : "error: ",
                      host.host, ": ", e.error(), "\n");
    }
  }
  std::string out =
      rows.size() == 1
          ? "no services or processes\n"
          : RenderTable(std::move(rows), 3, options.color, options.width);
  return out + errors;
}

}  // namespace runy::cli
