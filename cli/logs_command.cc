// runy logs: prints a tail of process logs, then follows them.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "cli/arguments.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/daemon_launcher.h"
#include "cli/interrupt.h"
#include "cli/render.h"
#include "common/mutex.h"

namespace runy::cli {
namespace {

// How long a follower that lost runyd keeps trying: a runyd on the local
// socket that went away is usually gone for good (or back at once, as
// after a restart); a network may come back later.
constexpr absl::Duration kUnixReconnectWindow = absl::Seconds(3);
// ... unless its socket still answers: a runyd that re-executes itself
// keeps it listening, and may take a while under load.
constexpr absl::Duration kReexecWindow = absl::Seconds(30);
constexpr absl::Duration kTcpReconnectWindow = absl::Minutes(10);

struct LogsArgs {
  std::vector<std::string> names;
  bool follow = false;
  int tail = -1;  // -1: default
  absl::Time since = absl::InfinitePast();
  absl::Time until = absl::InfiniteFuture();
  bool timestamps = false;
  bool utc = false;
  std::optional<std::regex> grep;
  std::vector<v1::LogStream> streams;
};

const char* kAliasColors[] = {"\033[36m", "\033[35m", "\033[34m", "\033[33m",
                              "\033[32m", "\033[96m", "\033[95m"};

const char* AliasColor(const std::string& alias) {
  size_t h = std::hash<std::string>()(alias);
  return kAliasColors[h % (sizeof kAliasColors / sizeof kAliasColors[0])];
}

// "30s", "5m", "1h30m", "2d" → a duration; false when it is not one.
bool ParseSince(const std::string& text, absl::Duration* d) {
  std::string t = text;
  int days = 0;
  if (absl::EndsWith(t, "d") &&
      absl::SimpleAtoi(t.substr(0, t.size() - 1), &days)) {
    *d = absl::Hours(24 * days);
    return days >= 0;
  }
  return absl::ParseDuration(t, d) && *d >= absl::ZeroDuration();
}

// A --since/--until value: a duration back from now (30s, 5m, 1d), a time
// of today (10:30, 10:30:15), or a date and time (2026-12-03,
// 2026-12-03T10:30, 2026-12-03 10:30:15, ...Z or +01:00), local unless the
// text names its zone (or `utc`).
bool ParseWhen(const std::string& text, bool utc, absl::Time now,
               absl::Time* out) {
  absl::Duration ago;
  if (ParseSince(text, &ago)) {
    *out = now - ago;
    return true;
  }
  absl::TimeZone zone = utc ? absl::UTCTimeZone() : absl::LocalTimeZone();
  for (const char* format : {"%H:%M", "%H:%M:%S"}) {
    absl::Time t;
    if (absl::ParseTime(format, text, zone, &t, nullptr)) {
      // A time of day: today's, in `zone`.
      absl::CivilSecond tod = absl::ToCivilSecond(t, zone);
      absl::CivilDay today = absl::ToCivilDay(now, zone);
      *out = absl::FromCivil(
          absl::CivilSecond(today.year(), today.month(), today.day(),
                            tod.hour(), tod.minute(), tod.second()),
          zone);
      return true;
    }
  }
  for (const char* format :
       {"%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M%Ez",
        "%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%E*S%Ez"}) {
    std::string with_zone = text;
    // RFC 3339's Z.
    if (absl::EndsWith(with_zone, "Z")) {
      with_zone = with_zone.substr(0, with_zone.size() - 1) + "+00:00";
    }
    if (absl::ParseTime(format, with_zone, zone, out, nullptr)) return true;
  }
  return false;
}

int ParseLogsArgs(const std::vector<std::string>& args, LogsArgs* out) {
  // --utc decides how the times in --since/--until read: first.
  for (const std::string& a : args) out->utc = out->utc || a == "--utc";
  absl::Time now = absl::Now();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* v) {
      if (i + 1 >= args.size()) return false;
      *v = args[++i];
      return true;
    };
    std::string v;
    if (a == "-f" || a == "--follow") {
      out->follow = true;
    } else if (a == "-n" || a == "--tail" || a == "--lines") {
      if (!value(&v) || !absl::SimpleAtoi(v, &out->tail) || out->tail < 0) {
        std::fprintf(stderr, "runy logs: %s needs a number of lines\n",
                     a.c_str());
        return kExitUsage;
      }
    } else if (a == "--since" || a == "--until") {
      absl::Time* when = a == "--since" ? &out->since : &out->until;
      if (!value(&v) || !ParseWhen(v, out->utc, now, when)) {
        std::fprintf(stderr,
                     "runy logs: %s needs a duration (30s, 5m, 2h, 1d), a "
                     "time (10:30) or a date and time (2026-12-03T10:30)\n",
                     a.c_str());
        return kExitUsage;
      }
    } else if (a == "--grep" || a == "-g") {
      if (!value(&v)) {
        std::fprintf(stderr, "runy logs: %s needs a regular expression\n",
                     a.c_str());
        return kExitUsage;
      }
      try {
        out->grep.emplace(v, std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error& e) {
        std::fprintf(stderr, "runy logs: --grep \"%s\": %s\n", v.c_str(),
                     e.what());
        return kExitUsage;
      }
    } else if (a == "--utc") {
    } else if (a == "--stdout") {
      out->streams.push_back(v1::LOG_STREAM_STDOUT);
    } else if (a == "--stderr") {
      out->streams.push_back(v1::LOG_STREAM_STDERR);
    } else if (a == "--system") {
      out->streams.push_back(v1::LOG_STREAM_SYSTEM);
    } else if (a == "-t" || a == "--timestamps") {
      out->timestamps = true;
    } else if (absl::StartsWith(a, "-")) {
      return UsageError("logs", absl::StrCat("unknown option \"", a, "\""));
    } else {
      out->names.push_back(a);
    }
  }
  return kExitOk;
}

void PrintLine(const v1::LogLine& line, const std::string& host,
               const std::string& only_name, bool timestamps, bool utc,
               bool color, bool json) {
  // One process asked for by its alias: no prefix needed.
  bool prefix = line.alias() != only_name;
  if (json) {
    std::fprintf(stdout, "%s\n", ToJsonLine(line).c_str());
    return;
  }
  std::string head;
  if (timestamps) {
    absl::Time t = absl::FromUnixSeconds(line.time().seconds()) +
                   absl::Nanoseconds(line.time().nanos());
    absl::StrAppend(&head, utc ? absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ ", t,
                                                  absl::UTCTimeZone())
                               : absl::FormatTime("%Y-%m-%d %H:%M:%E3S ", t,
                                                  absl::LocalTimeZone()));
  }
  if (!host.empty()) absl::StrAppend(&head, host, " | ");
  if (prefix) {
    if (color) {
      absl::StrAppend(&head, AliasColor(line.alias()), line.alias(),
                      "\033[0m | ");
    } else {
      absl::StrAppend(&head, line.alias(), " | ");
    }
  }
  const char* start = "";
  const char* end = "";
  if (color && line.stream() == v1::LOG_STREAM_STDERR) {
    start = "\033[31m";
    end = "\033[0m";
  } else if (color && line.stream() == v1::LOG_STREAM_SYSTEM) {
    start = "\033[2m";
    end = "\033[0m";
  }
  const char* marker = line.stream() == v1::LOG_STREAM_SYSTEM ? "-- " : "";
  std::fwrite(head.data(), 1, head.size(), stdout);
  std::fputs(start, stdout);
  std::fputs(marker, stdout);
  std::fwrite(line.text().data(), 1, line.text().size(), stdout);
  std::fputs(end, stdout);
  if (!line.continued()) std::fputc('\n', stdout);
}

// What the followers of one `runy logs` share: Ctrl-C cancels every call.
struct Followers {
  std::atomic<bool> interrupted{false};
  Mutex mu;
  std::set<grpc::ClientContext*> calls ABSL_GUARDED_BY(mu);
  Mutex print_mu;  // one line at a time on stdout
};

// One host's logs for `request`; with follow, resumed after a lost
// connection. Returns runy's exit code.
int FollowHost(Client* client, v1::LogsRequest request, bool follow,
               Followers* followers,
               const std::function<void(const v1::LogLine&)>& print) {
  // Where a follow resumes after a lost connection: the time of the last
  // line printed, and how many lines of each alias carried that time (the
  // lines of one read share it) so that none is printed twice.
  int64_t last_ns = -1;
  std::map<std::string, int> at_last;
  // When the connection was lost (InfiniteFuture while it works).
  absl::Time lost_at = absl::InfiniteFuture();
  absl::Duration pause = absl::Milliseconds(250);
  absl::Status converted;
  for (;;) {
    auto context = client->NewContext(absl::InfiniteDuration());
    {
      MutexLock lock(&followers->mu);
      followers->calls.insert(context.get());
      // A Ctrl-C just before the call was registered cancels it too.
      if (followers->interrupted) context->TryCancel();
    }
    absl::Time call_started = absl::Now();
    std::map<std::string, int> to_skip;
    if (last_ns >= 0) {
      request.set_tail(0);
      request.mutable_since()->set_seconds(last_ns / 1000000000);
      request.mutable_since()->set_nanos(
          static_cast<int32_t>(last_ns % 1000000000));
      to_skip = at_last;
    }
    std::unique_ptr<grpc::ClientReader<v1::LogLine>> reader =
        client->stub()->Logs(context.get(), request);
    v1::LogLine line;
    while (reader->Read(&line)) {
      int64_t ns = line.time().seconds() * 1000000000 + line.time().nanos();
      if (ns == last_ns && to_skip[line.alias()] > 0) {
        --to_skip[line.alias()];
        continue;
      }
      if (ns != last_ns) at_last.clear();
      last_ns = ns;
      ++at_last[line.alias()];
      lost_at = absl::InfiniteFuture();
      pause = absl::Milliseconds(250);
      print(line);
    }
    grpc::Status status = reader->Finish();
    {
      MutexLock lock(&followers->mu);
      followers->calls.erase(context.get());
    }
    if (followers->interrupted) return kExitOk;
    converted = client->Convert(status);
    // A follower whose connection was lost (a network drop, a runyd that
    // restarts) tries again and resumes where it was; other errors end it.
    bool lost = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                status.error_code() == grpc::StatusCode::CANCELLED ||
                (status.ok() && follow);
    if (!follow || !lost) break;
    absl::Time now = absl::Now();
    // A call that lasted was a connection made: the next loss gets a whole
    // window of its own, quiet process or not.
    if (now - call_started > absl::Seconds(1)) {
      lost_at = absl::InfiniteFuture();
      pause = absl::Milliseconds(250);
    }
    bool unix_socket = client->address().kind == Address::Kind::kUnix;
    if (lost_at == absl::InfiniteFuture()) {
      lost_at = now;
      // An end without an error is runyd re-executing itself (or stopping).
      std::string why = status.ok() ? "runyd ended the stream"
                                    : std::string(converted.message());
      std::fprintf(stderr, "runy: %s; reconnecting\n", why.c_str());
    }
    // A socket's runyd that is gone stays gone, unless the socket still
    // answers (a re-exec); a network may come back.
    absl::Duration window = !unix_socket ? kTcpReconnectWindow
                            : SocketAnswers(client->address().path)
                                ? kReexecWindow
                                : kUnixReconnectWindow;
    if (now - lost_at > window) break;
    absl::SleepFor(unix_socket ? std::min(pause, absl::Milliseconds(100))
                               : pause);
    pause = std::min(pause * 2, absl::Seconds(5));
    if (followers->interrupted) return kExitOk;
    client->Redial();
  }
  if (converted.ok()) return kExitOk;
  std::fprintf(stderr, "runy: %s\n", std::string(converted.message()).c_str());
  return converted.code() == absl::StatusCode::kUnavailable ||
                 converted.code() == absl::StatusCode::kUnauthenticated ||
                 converted.code() == absl::StatusCode::kPermissionDenied
             ? kExitUnreachable
             : kExitFailed;
}

}  // namespace

int RunLogs(const GlobalOptions& global, const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (IsHelp(a)) {
      std::printf(
          "usage: runy logs [-f] [-n N] [--since WHEN] [--until WHEN] "
          "[--grep REGEX]\n"
          "                 [--stdout|--stderr|--system] [-t] [--utc] "
          "[NAME...]\n\n"
          "Prints the logs of processes (no NAME: every process's, merged by "
          "time;\na service name means all its "
          "processes,\n"
          "interleaved by time). Without -n, prints what runyd keeps in "
          "memory\n"
          "(with -f: the last 10 lines), then with -f follows new lines until\n"
          "Ctrl-C.\n"
          "  -f, --follow       keep printing new lines\n"
          "  -n, --tail N       the last N lines first\n"
          "  --since WHEN       only lines newer than WHEN: a duration back "
          "(30s, 5m,\n"
          "                     2h, 1d), a time of today (10:30) or a date "
          "and time\n"
          "                     (2026-12-03T10:30, ...Z or +01:00)\n"
          "  --until WHEN       only lines up to WHEN\n"
          "  -g, --grep REGEX   only lines that match REGEX (ECMAScript "
          "syntax)\n"
          "  --stdout, --stderr, --system   only these streams\n"
          "  -t, --timestamps   prefix each line with its time (local time)\n"
          "  --utc              times in UTC, in the output and in "
          "--since/--until\n");
      return kExitOk;
    }
  }
  LogsArgs parsed;
  if (int code = ParseLogsArgs(args, &parsed); code != kExitOk) return code;
  v1::LogsRequest request;
  for (const auto& n : parsed.names) request.add_targets(n);
  request.set_follow(parsed.follow);
  request.set_tail(parsed.tail >= 0 ? parsed.tail : (parsed.follow ? 10 : 0));
  // -n N with --grep, not following: the last N lines that match, of all
  // that runyd keeps.
  size_t matching_tail = 0;
  if (parsed.grep && !parsed.follow && parsed.tail > 0) {
    matching_tail = parsed.tail;
    request.set_tail(0);
  }
  for (v1::LogStream s : parsed.streams) request.add_streams(s);
  if (parsed.since != absl::InfinitePast()) {
    request.mutable_since()->set_seconds(absl::ToUnixSeconds(parsed.since));
  }
  // `--host a,b`: each host followed on a thread of its own, its lines
  // prefixed with its name.
  std::vector<std::string> hosts =
      absl::StrSplit(global.host, ',', absl::SkipEmpty());
  bool several = hosts.size() > 1;
  if (hosts.empty()) hosts.push_back(global.host);
  std::vector<std::optional<Client>> clients;
  int code = kExitOk;
  for (const std::string& host : hosts) {
    GlobalOptions one = global;
    one.host = host;
    int connect_code = kExitOk;
    clients.push_back(ConnectFor(one, false, &connect_code));
    if (!clients.back()) {
      if (!several) return connect_code;
      code = std::max(code, connect_code);
    }
  }
  // Ctrl-C ends following cleanly: cancel the calls, print what came, exit 0.
  static Followers followers;
  SetInterruptHandler([] {
    followers.interrupted = true;
    MutexLock lock(&followers.mu);
    for (grpc::ClientContext* call : followers.calls) call->TryCancel();
  });
  bool color = ShouldColor();
  std::string only_name = parsed.names.size() == 1 ? parsed.names[0] : "";
  std::vector<std::thread> threads;
  std::vector<int> codes(hosts.size(), kExitOk);
  std::deque<std::pair<std::string, v1::LogLine>> kept;  // matching_tail
  for (size_t i = 0; i < hosts.size(); ++i) {
    if (!clients[i]) continue;
    std::string prefix = several ? hosts[i] : "";
    auto print = [&, prefix](const v1::LogLine& line) {
      if (parsed.until != absl::InfiniteFuture() &&
          absl::FromUnixSeconds(line.time().seconds()) +
                  absl::Nanoseconds(line.time().nanos()) >
              parsed.until) {
        return;
      }
      if (parsed.grep && !std::regex_search(line.text().begin(),
                                            line.text().end(), *parsed.grep)) {
        return;
      }
      MutexLock lock(&followers.print_mu);
      if (matching_tail > 0) {
        kept.push_back({prefix, line});
        if (kept.size() > matching_tail) kept.pop_front();
        return;
      }
      PrintLine(line, prefix, only_name, parsed.timestamps, parsed.utc, color,
                global.json);
      if (parsed.follow) std::fflush(stdout);
    };
    if (!several) {
      codes[i] =
          FollowHost(&*clients[i], request, parsed.follow, &followers, print);
      break;
    }
    threads.emplace_back([&, i, print] {
      codes[i] =
          FollowHost(&*clients[i], request, parsed.follow, &followers, print);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& [prefix, line] : kept) {
    PrintLine(line, prefix, only_name, parsed.timestamps, parsed.utc, color,
              global.json);
  }
  std::fflush(stdout);
  SetInterruptHandler(nullptr);
  for (int c : codes) code = std::max(code, c);
  return code;
}

}  // namespace runy::cli
