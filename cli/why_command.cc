// runy why: one screen that explains why a service or process is not
// running (waiting for readiness, in backoff, crash-looping, gave up,
// stopped by a user, its file failed to load), with its last log lines.
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "cli/arguments.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/render.h"

namespace runy::cli {
namespace {

constexpr int kLastLines = 5;
// How deep a chain of dependencies is explained.
constexpr int kMaxDepth = 4;

std::string Ago(absl::Time then, absl::Time now) {
  return FormatUptime(now - then);
}

std::string LocalTime(absl::Time t) {
  return absl::FormatTime("%H:%M:%S", t, absl::LocalTimeZone());
}

std::string ExitText(const v1::ExitStatus& e) {
  if (e.signal() != 0) return absl::StrCat("killed by ", e.signal_name());
  return absl::StrCat("exit code ", e.code());
}

// The last lines `alias` wrote (stdout and stderr), indented.
std::string LastLines(Client& client, const std::string& alias) {
  v1::LogsRequest request;
  request.add_targets(alias);
  request.set_tail(kLastLines);
  request.add_streams(v1::LOG_STREAM_STDOUT);
  request.add_streams(v1::LOG_STREAM_STDERR);
  auto context = client.NewContext(absl::Seconds(10));
  auto reader = client.stub()->Logs(context.get(), request);
  std::string out;
  v1::LogLine line;
  while (reader->Read(&line)) {
    if (line.dropped() > 0) continue;
    absl::StrAppend(&out, "    | ", line.text(), "\n");
  }
  reader->Finish().ok();
  return out;
}

std::string ExplainProcess(Client& client, const v1::ProcessDescription& d,
                           absl::Time now) {
  const v1::ProcessStatus& p = d.status();
  std::string out;
  std::string tries = p.max_restarts() > 0
                          ? absl::StrCat(p.restarts(), "/", p.max_restarts())
                          : absl::StrCat(p.restarts());
  bool show_lines = false;
  switch (p.state()) {
    case v1::PROCESS_STATE_RUNNING:
      absl::StrAppend(&out, p.alias(), " is running (pid ", p.pid(), ", up ",
                      Ago(FromProto(p.started_at()), now), ").\n");
      break;
    case v1::PROCESS_STATE_STARTING:
      absl::StrAppend(&out, p.alias(), " is starting (pid ", p.pid(),
                      "): ", p.reason().empty() ? "being spawned" : p.reason(),
                      ", for ", Ago(FromProto(p.started_at()), now), ".\n");
      break;
    case v1::PROCESS_STATE_BACKOFF: {
      absl::Duration left = FromProto(p.next_restart_at()) - now;
      absl::StrAppend(
          &out, p.alias(), " is in backoff: restarts in ",
          left > absl::ZeroDuration() ? FormatUptime(left) : "a moment",
          " (attempt ", p.restarts(),
          p.max_restarts() > 0 ? absl::StrCat("/", p.max_restarts()) : "",
          "); its last instance ended with ", ExitText(p.last_exit()),
          p.reason().empty() ? "" : absl::StrCat(" (", p.reason(), ")"), ".\n");
      if (p.crash_looping()) {
        absl::StrAppend(&out,
                        "  It is crash-looping: it keeps exiting soon after "
                        "it starts, so restarts slow down until it stays "
                        "up.\n");
      }
      show_lines = true;
      break;
    }
    case v1::PROCESS_STATE_FAILED:
      absl::StrAppend(&out, p.alias(), " failed: ",
                      p.reason().empty() ? ExitText(p.last_exit()) : p.reason(),
                      " (restarts ", tries, "). `runy start ", p.alias(),
                      "` starts it again with fresh counts.\n");
      show_lines = true;
      break;
    case v1::PROCESS_STATE_EXITED:
      absl::StrAppend(&out, p.alias(), " exited (", ExitText(p.last_exit()),
                      ") and its restart policy does not restart it.\n");
      show_lines = true;
      break;
    case v1::PROCESS_STATE_STOPPED: {
      const v1::ExitRecord* by_user = nullptr;
      for (const v1::ExitRecord& r : d.recent_exits()) {
        if (absl::StartsWith(r.outcome(), "stopped")) {
          by_user = &r;
          break;
        }
      }
      if (by_user != nullptr && by_user->exit().has_at()) {
        absl::StrAppend(&out, p.alias(), " was ", by_user->outcome(), " at ",
                        LocalTime(FromProto(by_user->exit().at())), " (",
                        Ago(FromProto(by_user->exit().at()), now), " ago).\n");
      } else if (p.run() == 0) {
        absl::StrAppend(&out, p.alias(),
                        " has not been started (held stopped by a user, or "
                        "its service is not started).\n");
      } else {
        absl::StrAppend(&out, p.alias(), " was stopped.\n");
      }
      break;
    }
    case v1::PROCESS_STATE_STOPPING:
      absl::StrAppend(&out, p.alias(), " is stopping (pid ", p.pid(), ").\n");
      break;
    default:
      absl::StrAppend(&out, p.alias(), " is ", StateName(p.state()), ".\n");
  }
  if (show_lines) {
    std::string lines = LastLines(client, p.alias());
    if (!lines.empty()) {
      absl::StrAppend(&out, "  Its last lines:\n", lines);
    }
  }
  return out;
}

// Indents every line of `text` by two spaces (blank lines too).
std::string Indent(absl::string_view text) {
  std::string out;
  while (!text.empty()) {
    size_t end = text.find('\n');
    absl::StrAppend(&out, "  ", text.substr(0, end), "\n");
    text.remove_prefix(end == absl::string_view::npos ? text.size() : end + 1);
  }
  return out;
}

absl::Status Describe(Client& client, const std::string& name,
                      v1::DescribeResponse* response) {
  v1::DescribeRequest request;
  request.set_name(name);
  auto context = client.NewContext(absl::Seconds(15));
  return client.Convert(
      client.stub()->Describe(context.get(), request, response));
}

// One explanation, following what a service waits for: each name is
// explained once, as deep as kMaxDepth.
class Explainer {
 public:
  Explainer(Client* client, absl::Time now) : client_(client), now_(now) {}

  // A process alone; a service with its processes (and, while it waits for
  // its dependencies, theirs).
  std::string Explain(const std::string& name,
                      const v1::DescribeResponse& response, int depth) {
    seen_.insert(name);
    std::string out;
    if (response.has_service() && response.service().name() == name) {
      out += ExplainService(response.service(), depth);
    }
    for (const v1::ProcessDescription& d : response.processes()) {
      out += ExplainProcess(*client_, d, now_);
    }
    return out;
  }

  // The worst failure of the calls made for dependencies (OK if none).
  const absl::Status& status() const { return status_; }

 private:
  std::string ExplainService(const v1::ServiceStatus& s, int depth) {
    std::string out;
    bool waiting = false;
    switch (s.state()) {
      case v1::SERVICE_STATE_FAILED:
        absl::StrAppend(&out, "service ", s.name(), " failed: ", s.error(),
                        "\n");
        break;
      case v1::SERVICE_STATE_STOPPED:
        absl::StrAppend(&out, "service ", s.name(), " is stopped (`runy start ",
                        s.name(), "` starts it).\n");
        break;
      case v1::SERVICE_STATE_STARTING:
        waiting = !s.waiting_for().empty();
        if (waiting) {
          absl::StrAppend(
              &out, "service ", s.name(), " is waiting for ", s.waiting_for(),
              " to be ready before its run() begins",
              s.has_waiting_since()
                  ? absl::StrCat(", since ",
                                 Ago(FromProto(s.waiting_since()), now_))
                  : "",
              ":\n");
        } else {
          absl::StrAppend(&out, "service ", s.name(),
                          " is starting: its run() has not finished.\n");
        }
        break;
      default:
        absl::StrAppend(&out, "service ", s.name(), " is ",
                        StateName(s.state()), ".\n");
    }
    if (!s.file().empty()) {
      absl::StrAppend(&out, "  defined at ", s.file(), ":", s.line(), "\n");
    }
    if (waiting && depth < kMaxDepth) {
      for (absl::string_view dep : absl::StrSplit(s.waiting_for(), ", ")) {
        out += ExplainDependency(std::string(dep), depth + 1);
      }
    }
    return out;
  }

  std::string ExplainDependency(const std::string& name, int depth) {
    if (seen_.count(name) != 0) {
      return absl::StrCat("  service ", name, ": see above\n");
    }
    v1::DescribeResponse response;
    absl::Status status = Describe(*client_, name, &response);
    if (!status.ok()) {
      if (ExitCodeFor(status) > ExitCodeFor(status_)) status_ = status;
      return absl::StrCat("  service ", name, ": ", status.message(), "\n");
    }
    return Indent(Explain(name, response, depth));
  }

  Client* client_;
  absl::Time now_;
  std::set<std::string> seen_;
  absl::Status status_;
};

}  // namespace

int RunWhy(const GlobalOptions& global, const std::vector<std::string>& args) {
  OneName parsed;
  if (std::optional<int> done = ParseOneName(
          "why", args,
          "usage: runy why NAME\n\n"
          "Explains why a service or process is not running: what it waits "
          "for\n"
          "(readiness, with the last probe), its backoff (time left, "
          "attempt,\n"
          "last exit and log lines), a crash loop, giving up, a stop by a "
          "user,\n"
          "or a service file that failed to load.\n",
          {}, &parsed)) {
    return *done;
  }
  const std::string& name = parsed.name;
  int code = kExitOk;
  std::optional<Client> client = ConnectFor(global, false, &code);
  if (!client) return code;
  v1::DescribeResponse response;
  absl::Status status = Describe(*client, name, &response);
  if (!status.ok()) {
    // A file that failed to load may be why the name is unknown.
    v1::StatusResponse all;
    auto status_context = client->NewContext(absl::Seconds(15));
    bool listed = client->stub()
                      ->Status(status_context.get(), v1::StatusRequest(), &all)
                      .ok();
    std::fprintf(stderr, "runy: %s\n", std::string(status.message()).c_str());
    if (listed) {
      for (const v1::FileError& e : all.file_errors()) {
        std::fprintf(stderr, "  %s failed to load: %s\n", e.file().c_str(),
                     e.error().c_str());
      }
    }
    return ExitCodeFor(status);
  }
  Explainer explainer(&*client, absl::Now());
  std::string out = explainer.Explain(name, response, 0);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return ExitCodeFor(explainer.status());
}

}  // namespace runy::cli
