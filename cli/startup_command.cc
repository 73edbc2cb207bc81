// runy startup / unstartup: a systemd unit that brings runyd (and the
// services it had started) back at boot.
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "cli/daemon_launcher.h"
#include "common/address.h"
#include "common/state_file.h"

namespace runy::cli {
namespace {

constexpr char kUnitName[] = "runyd.service";
constexpr char kSystemSocket[] = "/run/runy/runyd.sock";

struct StartupArgs {
  bool system = false;
  std::string unit_dir;  // --unit-dir: write there, leave systemd alone
};

std::string UserName() {
  const passwd* pw = getpwuid(getuid());
  if (pw != nullptr) return pw->pw_name;
  const char* user = std::getenv("USER");
  return user != nullptr ? user : std::to_string(getuid());
}

std::string HomeDir() {
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home == '/') return home;
  const passwd* pw = getpwuid(getuid());
  return pw != nullptr ? pw->pw_dir : "/";
}

std::string DefaultUnitDir(bool system) {
  if (system) return "/etc/systemd/system";
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  std::string config =
      xdg != nullptr && *xdg == '/' ? std::string(xdg) : HomeDir() + "/.config";
  return config + "/systemd/user";
}

// systemd quotes: a path with spaces or specials goes in double quotes,
// `%` doubled so that it is no specifier.
std::string UnitQuote(const std::string& word) {
  std::string out;
  bool plain = true;
  for (char c : word) {
    if (c == '%')
      out += "%%";
    else if (c == '"' || c == '\\')
      out += std::string("\\") + c;
    else
      out += c;
    plain = plain && c != ' ' && c != '"' && c != '\\' && c != '\'' &&
            c != '$' && c != ';';
  }
  return plain ? out : "\"" + out + "\"";
}

std::string UnitText(bool system, const std::string& runyd,
                     const std::string& socket, const std::string& state_dir) {
  std::string text = absl::StrCat(
      "# Written by `runy startup", system ? " --system" : " --user",
      "`; `runy unstartup` removes it.\n"
      "# runyd starts again the services it had started before it stopped\n"
      "# (they are kept in ",
      state_dir,
      ").\n"
      "[Unit]\n"
      "Description=runy process supervisor",
      system ? "" : " (user)", "\n", system ? "After=network.target\n" : "",
      "\n"
      "[Service]\n"
      "Type=simple\n"
      "ExecStart=",
      UnitQuote(runyd), " --socket ", UnitQuote(socket), " --state-dir ",
      UnitQuote(state_dir),
      "\n"
      "ExecReload=/bin/kill -HUP $MAINPID\n"
      "# runyd stops every process gracefully on SIGTERM; give it time.\n"
      "KillMode=mixed\n"
      "TimeoutStopSec=60\n"
      "# Each process gets a cgroup of its own under runyd's.\n"
      "Delegate=yes\n"
      "Restart=on-failure\n"
      "RestartSec=1\n");
  if (!system) absl::StrAppend(&text, "NoNewPrivileges=yes\n");
  absl::StrAppend(&text, "\n[Install]\nWantedBy=",
                  system ? "multi-user.target" : "default.target", "\n");
  return text;
}

bool OnPath(absl::string_view name) {
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path != nullptr ? path : "/usr/bin:/bin", ':')) {
    std::string candidate = absl::StrCat(dir, "/", name);
    if (access(candidate.c_str(), X_OK) == 0) return true;
  }
  return false;
}

// systemd manages this machine (it is PID 1 and systemctl is here).
bool SystemdRuns() {
  struct stat st;
  return stat("/run/systemd/system", &st) == 0 && S_ISDIR(st.st_mode) &&
         OnPath("systemctl");
}

// Runs systemctl [--user] ARGS; true when it succeeded.
bool Systemctl(bool system, std::vector<std::string> args) {
  std::vector<std::string> argv = {"systemctl"};
  if (!system) argv.push_back("--user");
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    std::vector<char*> c;
    for (std::string& a : argv) c.push_back(a.data());
    c.push_back(nullptr);
    execvp(c[0], c.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int ParseStartupArgs(const char* command, const std::vector<std::string>& args,
                     StartupArgs* out) {
  bool user = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--system") {
      out->system = true;
    } else if (a == "--user") {
      user = true;
    } else if (a == "--unit-dir") {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        std::fprintf(stderr, "runy %s: --unit-dir needs a directory\n",
                     command);
        return kExitUsage;
      }
      out->unit_dir = std::filesystem::absolute(args[++i]).string();
    } else {
      std::fprintf(stderr,
                   "runy %s: unknown argument \"%s\" (see 'runy %s --help')\n",
                   command, a.c_str(), command);
      return kExitUsage;
    }
  }
  if (user && out->system) {
    std::fprintf(stderr, "runy %s: --user and --system exclude each other\n",
                 command);
    return kExitUsage;
  }
  // Root's runyd is the system one, unless asked otherwise.
  if (!user && !out->system) out->system = geteuid() == 0;
  if (out->system && out->unit_dir.empty() && geteuid() != 0) {
    std::fprintf(stderr,
                 "runy %s: --system writes to /etc/systemd/system: run it as "
                 "root (sudo runy %s --system)\n",
                 command, command);
    return kExitFailed;
  }
  return kExitOk;
}

void PrintStartupHelp(bool un) {
  if (un) {
    std::printf(
        "usage: runy unstartup [--user|--system] [--unit-dir DIR]\n\n"
        "Disables and removes the systemd unit `runy startup` wrote. runyd "
        "and its\n"
        "services keep running until they are stopped.\n");
    return;
  }
  std::printf(
      "usage: runy startup [--user|--system] [--unit-dir DIR]\n\n"
      "Writes and enables a systemd unit that starts runyd at boot; runyd "
      "then\n"
      "starts again the services it had started. --user (the default for "
      "users):\n"
      "~/.config/systemd/user/runyd.service, started at login, or at boot "
      "with\n"
      "lingering (loginctl enable-linger). --system (the default for root):\n"
      "/etc/systemd/system/runyd.service, started at boot.\n"
      "  --unit-dir DIR   write the unit into DIR and leave systemd alone "
      "(for\n"
      "                   images and packages); enable it yourself\n");
}

}  // namespace

int RunStartup(const GlobalOptions&, const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      PrintStartupHelp(false);
      return kExitOk;
    }
  }
  StartupArgs parsed;
  if (int code = ParseStartupArgs("startup", args, &parsed); code != kExitOk) {
    return code;
  }
  std::string runyd = FindRunyd();
  if (runyd.empty()) {
    std::fprintf(stderr,
                 "runy startup: no runyd binary found (set RUNYD or put runyd "
                 "on PATH)\n");
    return kExitFailed;
  }
  runyd = std::filesystem::absolute(runyd).lexically_normal().string();
  std::string socket = parsed.system ? kSystemSocket : DefaultSocketPath();
  std::string state_dir = DefaultStateDir();
  std::string dir =
      parsed.unit_dir.empty() ? DefaultUnitDir(parsed.system) : parsed.unit_dir;
  std::string path = absl::StrCat(dir, "/", kUnitName);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  bool existed = std::filesystem::exists(path, ec);
  if (absl::Status written = WriteFileAtomically(
          path, UnitText(parsed.system, runyd, socket, state_dir));
      !written.ok()) {
    std::fprintf(stderr, "runy startup: %s\n",
                 std::string(written.message()).c_str());
    return kExitFailed;
  }
  chmod(path.c_str(), 0644);
  std::printf("%s %s (runyd %s, socket %s, state %s)\n",
              existed ? "replaced" : "wrote", path.c_str(), runyd.c_str(),
              socket.c_str(), state_dir.c_str());
  const char* scope = parsed.system ? "" : "--user ";
  if (!parsed.unit_dir.empty()) {
    std::printf(
        "enable it with: systemctl %slink %s && systemctl %senable "
        "%s\n",
        scope, path.c_str(), scope, kUnitName);
    return kExitOk;
  }
  if (!SystemdRuns()) {
    std::fprintf(stderr,
                 "runy startup: systemd does not run on this machine, so the "
                 "unit is not enabled; where it runs: systemctl %senable %s\n",
                 scope, kUnitName);
    return kExitOk;
  }
  if (!Systemctl(parsed.system, {"daemon-reload"}) ||
      !Systemctl(parsed.system, {"enable", kUnitName})) {
    std::fprintf(stderr, "runy startup: systemctl %senable %s failed\n", scope,
                 kUnitName);
    return kExitFailed;
  }
  std::printf("enabled %s: runyd starts at %s\n", kUnitName,
              parsed.system ? "boot" : "login");
  if (!parsed.system) {
    std::string user = UserName();
    bool lingering =
        std::filesystem::exists("/var/lib/systemd/linger/" + user, ec);
    if (lingering) {
      std::printf("lingering is on for %s: it also starts at boot\n",
                  user.c_str());
    } else {
      std::printf(
          "to start it at boot, before %s logs in: sudo loginctl "
          "enable-linger %s\n",
          user.c_str(), user.c_str());
    }
  }
  if (SocketAnswers(socket)) {
    std::printf(
        "a runyd already answers on %s; systemd takes over at the next %s "
        "(or now: runy shutdown && systemctl %sstart %s)\n",
        socket.c_str(), parsed.system ? "boot" : "login", scope, kUnitName);
  }
  return kExitOk;
}

int RunUnstartup(const GlobalOptions&, const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      PrintStartupHelp(true);
      return kExitOk;
    }
  }
  StartupArgs parsed;
  if (int code = ParseStartupArgs("unstartup", args, &parsed);
      code != kExitOk) {
    return code;
  }
  std::string dir =
      parsed.unit_dir.empty() ? DefaultUnitDir(parsed.system) : parsed.unit_dir;
  std::string path = absl::StrCat(dir, "/", kUnitName);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::fprintf(stderr, "runy unstartup: there is no %s\n", path.c_str());
    return kExitFailed;
  }
  if (parsed.unit_dir.empty() && SystemdRuns()) {
    Systemctl(parsed.system, {"disable", kUnitName});
  }
  if (!std::filesystem::remove(path, ec) || ec) {
    std::fprintf(stderr, "runy unstartup: cannot remove %s: %s\n", path.c_str(),
                 ec.message().c_str());
    return kExitFailed;
  }
  if (parsed.unit_dir.empty() && SystemdRuns()) {
    Systemctl(parsed.system, {"daemon-reload"});
  }
  std::printf("removed %s\n", path.c_str());
  return kExitOk;
}

}  // namespace runy::cli
