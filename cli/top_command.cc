// runy top: a live view of every process, like pm2 monit or htop, on
// ncurses: the process table, the selected process's log tail, and keys to
// restart, stop, start and follow.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "cli/arguments.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/render.h"

// Last: curses defines OK and ERR as macros; with NCURSES_NOMACROS its
// calls (clear, erase, refresh, timeout, move) are functions, not macros
// that would rewrite std::vector::clear.
#define NCURSES_NOMACROS
#include <curses.h>

namespace runy::cli {
namespace {

constexpr absl::Duration kRefresh = absl::Seconds(1);
constexpr absl::Duration kCallDeadline = absl::Seconds(3);
constexpr int kKeyWaitMs = 200;

enum Colors { kGreen = 1, kRed, kYellow, kDim };

std::atomic<bool> interrupted{false};

int ColorOf(const std::string& state) {
  if (state == "running") return kGreen;
  if (state == "failed") return kRed;
  if (state == "backoff" || state == "starting" || state == "stopping") {
    return kYellow;
  }
  return kDim;
}

// What the screen shows; refreshed from runyd once a second.
struct View {
  std::vector<v1::ProcessStatus> processes;
  std::string selected;  // alias
  std::vector<std::string> log;
  std::string error;    // runyd did not answer, say
  std::string message;  // the outcome of the last key
  bool follow = false;  // the log takes the whole screen
};

class Top {
 public:
  explicit Top(Client* client) : client_(client) {}

  int Run() {
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    timeout(kKeyWaitMs);
    if (has_colors()) {
      start_color();
      use_default_colors();
      init_pair(kGreen, COLOR_GREEN, -1);
      init_pair(kRed, COLOR_RED, -1);
      init_pair(kYellow, COLOR_YELLOW, -1);
      init_pair(kDim, COLOR_BLUE, -1);
    }
    absl::Time next = absl::InfinitePast();
    bool quit = false;
    while (!quit && !interrupted) {
      if (absl::Now() >= next) {
        Refresh();
        next = absl::Now() + kRefresh;
      }
      Draw();
      int key = getch();
      if (key == ERR) continue;
      quit = OnKey(key, &next);
    }
    endwin();
    return kExitOk;
  }

 private:
  void Refresh() {
    v1::StatusResponse status;
    auto context = client_->NewContext(kCallDeadline);
    absl::Status s = client_->Convert(
        client_->stub()->Status(context.get(), v1::StatusRequest(), &status));
    if (!s.ok()) {
      view_.error = std::string(s.message());
      return;
    }
    view_.error.clear();
    view_.processes.assign(status.processes().begin(),
                           status.processes().end());
    std::sort(view_.processes.begin(), view_.processes.end(),
              [](const v1::ProcessStatus& a, const v1::ProcessStatus& b) {
                return std::tie(a.service(), a.alias()) <
                       std::tie(b.service(), b.alias());
              });
    bool found = false;
    for (const auto& p : view_.processes) found |= p.alias() == view_.selected;
    if (!found) {
      view_.selected =
          view_.processes.empty() ? "" : view_.processes.front().alias();
    }
    ReadLog();
  }

  void ReadLog() {
    view_.log.clear();
    if (view_.selected.empty()) return;
    v1::LogsRequest request;
    request.add_targets(view_.selected);
    request.set_tail(std::max(LINES, 10));
    auto context = client_->NewContext(kCallDeadline);
    auto reader = client_->stub()->Logs(context.get(), request);
    v1::LogLine line;
    while (reader->Read(&line)) {
      std::string text(line.text());
      if (line.stream() == v1::LOG_STREAM_SYSTEM) text = "-- " + text;
      view_.log.push_back(std::move(text));
    }
    reader->Finish();
  }

  int SelectedIndex() const {
    for (size_t i = 0; i < view_.processes.size(); ++i) {
      if (view_.processes[i].alias() == view_.selected) return i;
    }
    return -1;
  }

  // Returns true to quit.
  bool OnKey(int key, absl::Time* next_refresh) {
    int index = SelectedIndex();
    int count = static_cast<int>(view_.processes.size());
    switch (key) {
      case 'q':
      case 'Q':
      case 27:  // Esc
        if (view_.follow && key != 'q' && key != 'Q') {
          view_.follow = false;
          return false;
        }
        return true;
      case KEY_UP:
      case 'k':
        if (index > 0) Select(index - 1, next_refresh);
        return false;
      case KEY_DOWN:
      case 'j':
        if (index + 1 < count) Select(index + 1, next_refresh);
        return false;
      case 'f':
      case '\n':
        view_.follow = !view_.follow;
        return false;
      case 'r':
        Control("restart", next_refresh);
        return false;
      case 's':
        Control("stop", next_refresh);
        return false;
      case 't':
        Control("start", next_refresh);
        return false;
      case KEY_RESIZE:
        clear();
        return false;
      default:
        return false;
    }
  }

  void Select(int index, absl::Time* next_refresh) {
    view_.selected = view_.processes[index].alias();
    view_.message.clear();
    *next_refresh = absl::InfinitePast();  // its log at once
  }

  void Control(const std::string& verb, absl::Time* next_refresh) {
    if (view_.selected.empty()) return;
    std::string alias = view_.selected;
    auto context = client_->NewContext(kCallDeadline);
    grpc::Status status;
    const v1::TargetResult* result = nullptr;
    v1::StartResponse started;
    v1::StopResponse stopped;
    v1::RestartResponse restarted;
    if (verb == "start") {
      v1::StartRequest r;
      r.add_names(alias);
      r.set_no_wait(true);
      status = client_->stub()->Start(context.get(), r, &started);
      if (started.results_size() > 0) result = &started.results(0);
    } else if (verb == "stop") {
      v1::StopRequest r;
      r.add_names(alias);
      status = client_->stub()->Stop(context.get(), r, &stopped);
      if (stopped.results_size() > 0) result = &stopped.results(0);
    } else {
      v1::RestartRequest r;
      r.add_names(alias);
      r.set_no_wait(true);
      status = client_->stub()->Restart(context.get(), r, &restarted);
      if (restarted.results_size() > 0) result = &restarted.results(0);
    }
    absl::Status s = client_->Convert(status);
    if (!s.ok()) {
      view_.message = absl::StrCat(verb, " ", alias, ": ", s.message());
    } else if (result != nullptr && !result->ok()) {
      view_.message = absl::StrCat(verb, " ", alias, ": ", result->error());
    } else {
      view_.message = absl::StrCat(verb == "stop"    ? "stopped"
                                   : verb == "start" ? "started"
                                                     : "restarted",
                                   " ", alias);
    }
    *next_refresh = absl::InfinitePast();
  }

  // One line at `y`, cut to the screen's width.
  static void Line(int y, const std::string& text, attr_t attr = A_NORMAL) {
    if (y < 0 || y >= LINES) return;
    move(y, 0);
    clrtoeol();
    attron(attr);
    addnstr(text.c_str(), std::max(COLS, 0));
    attroff(attr);
  }

  void Draw() {
    erase();
    absl::Time now = absl::Now();
    Line(0,
         absl::StrCat("runy top  ", client_->address().ToUri(), "  ",
                      absl::FormatTime("%H:%M:%S", now, absl::LocalTimeZone()),
                      "  ", view_.processes.size(), " processes"),
         A_REVERSE);
    int y = 1;
    if (!view_.error.empty()) Line(y++, view_.error, COLOR_PAIR(kRed));
    int log_top;
    if (!view_.follow) {
      std::string header = absl::StrFormat(
          "%-16s %-18s %-9s %7s %5s %7s %8s %8s", "SERVICE", "ALIAS", "STATE",
          "PID", "CPU", "MEM", "RESTARTS", "UPTIME");
      Line(y++, header, A_BOLD);
      // The table takes up to half the screen; the log the rest.
      int table_rows = std::max(1, (LINES - 4) / 2);
      int index = std::max(SelectedIndex(), 0);
      int first = std::max(0, index - table_rows + 1);
      for (int i = first; i < static_cast<int>(view_.processes.size()) &&
                          i < first + table_rows;
           ++i) {
        const v1::ProcessStatus& p = view_.processes[i];
        std::string state = StateName(p.state());
        bool up = p.pid() > 0;
        std::string restarts = absl::StrCat(p.restarts());
        if (p.max_restarts() > 0) {
          absl::StrAppend(&restarts, "/", p.max_restarts());
        }
        std::string row = absl::StrFormat(
            "%-16.16s %-18.18s %-9s %7s %5s %7s %8s %8s",
            p.service().empty() ? "-" : p.service(), p.alias(), state,
            up ? absl::StrCat(p.pid()) : "-",
            up ? absl::StrFormat("%.0f%%", p.cpu_percent()) : "-",
            up ? FormatBytes(p.rss_bytes()) : "-", restarts,
            up && p.has_started_at()
                ? FormatUptime(now - FromProto(p.started_at()))
                : "-");
        bool selected = p.alias() == view_.selected;
        Line(y, row, selected ? A_REVERSE : A_NORMAL);
        if (!selected && has_colors()) {
          mvchgat(y, 36, 9, A_NORMAL, ColorOf(state), nullptr);
        }
        ++y;
      }
      if (view_.processes.empty()) {
        Line(y++, "no processes: runy run -- CMD, or runy start FILE.js",
             A_DIM);
      }
      log_top = y;
    } else {
      log_top = y;
    }
    Line(log_top,
         absl::StrCat("-- log of ",
                      view_.selected.empty() ? "-" : view_.selected,
                      view_.follow ? " (following; f: back)" : ""),
         A_BOLD);
    int rows = LINES - log_top - 2;
    int start = std::max(0, static_cast<int>(view_.log.size()) - rows);
    for (int i = 0; i < rows && start + i < static_cast<int>(view_.log.size());
         ++i) {
      Line(log_top + 1 + i, view_.log[start + i]);
    }
    std::string keys =
        "up/down select  r restart  s stop  t start  f follow log  q quit";
    Line(LINES - 1, view_.message.empty() ? keys : view_.message + "   " + keys,
         A_REVERSE);
    refresh();
  }

  Client* client_;
  View view_;
};

}  // namespace

int RunTop(const GlobalOptions& global, const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (IsHelp(a)) {
      std::printf(
          "usage: runy top\n\n"
          "A live view of every process (state, CPU, memory, restarts, "
          "uptime) with\n"
          "the selected one's log, refreshed every second. Keys: up/down "
          "(or j/k)\n"
          "select, r restart, s stop, t start, f follow its log full-screen, "
          "q quit.\n");
      return kExitOk;
    }
    return UsageError("top", absl::StrCat("unknown argument \"", a, "\""));
  }
  if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
    std::fprintf(stderr,
                 "runy top: needs a terminal (for scripts: runy status, runy "
                 "events)\n");
    return kExitUsage;
  }
  int code = kExitOk;
  std::optional<Client> client = ConnectFor(global, false, &code);
  if (!client) return code;
  // Ctrl-C ends it cleanly: the terminal is restored.
  SetInterruptHandler([] { interrupted = true; });
  Top top(&*client);
  code = top.Run();
  SetInterruptHandler(nullptr);
  return code;
}

}  // namespace runy::cli
