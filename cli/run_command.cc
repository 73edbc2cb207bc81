// runy run: an ad-hoc process, defined and started without a service file.
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "common/names.h"

namespace runy::cli {
namespace {

int Usage(const std::string& message) {
  std::fprintf(stderr, "runy run: %s (see 'runy run --help')\n",
               message.c_str());
  return kExitUsage;
}

// What `node app.js`, `python3 -m http.server` or `./serve` is called:
// an interpreter's script (without its extension), else the command.
std::string DefaultName(const std::string& cmd,
                        const std::vector<std::string>& args) {
  static const std::set<std::string> kInterpreters = {
      "node", "nodejs", "python", "python3", "bash", "sh",  "ruby",
      "perl", "php",    "deno",   "bun",     "tsx",  "npx", "ts-node"};
  std::string base = std::filesystem::path(cmd).filename().string();
  std::string name = base;
  if (kInterpreters.count(base) != 0) {
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a == "-m" && i + 1 < args.size()) {
        name = args[i + 1];  // python3 -m http.server
        break;
      }
      if (a == "-c" || a == "-e") break;  // sh -c '...': an inline script
      if (a.empty() || a[0] == '-') continue;
      if (base == "deno" && (a == "run" || a == "task")) continue;
      name = std::filesystem::path(a).stem().string();
      break;
    }
  }
  // Into the character set of names: [A-Za-z0-9][A-Za-z0-9._-]*.
  std::string out;
  for (char c : name) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' ||
              c == '_' || c == '-';
    out.push_back(ok ? c : '-');
  }
  while (!out.empty() && !std::isalnum(static_cast<unsigned char>(out[0]))) {
    out.erase(out.begin());
  }
  if (out.size() > 128) out.resize(128);
  return out.empty() ? "run" : out;
}

}  // namespace

int RunAdhoc(const GlobalOptions& global,
             const std::vector<std::string>& args) {
  v1::RunRequest request;
  std::string cwd;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "--help" || a == "-h") {
      for (const Command& c : Commands()) {
        if (std::string(c.name) == "run") {
          std::printf("usage: runy run %s\n\n%s\n", c.synopsis, c.summary);
        }
      }
      return kExitOk;
    }
    if (a == "--no-wait") {
      request.set_no_wait(true);
      continue;
    }
    bool takes_value = a == "--name" || a == "-n" || a == "--restart" ||
                       a == "--max-restarts" || a == "--watch" ||
                       a == "--cwd" || a == "--env" || a == "-e";
    if (!takes_value) {
      if (absl::StartsWith(a, "-")) {
        return Usage(absl::StrCat("unknown option \"", a, "\""));
      }
      break;  // runy run node app.js: the command starts here
    }
    if (i + 1 >= args.size()) return Usage(absl::StrCat(a, " needs a value"));
    const std::string& v = args[++i];
    if (a == "--name" || a == "-n") {
      if (!IsValidName(v)) {
        return Usage(absl::StrCat(
            "--name \"", v,
            "\" is not a name: letters, digits, '.', '_' and '-', starting "
            "with a letter or digit"));
      }
      request.set_name(v);
    } else if (a == "--restart") {
      request.set_restart(v);
    } else if (a == "--max-restarts") {
      int n = 0;
      if (!absl::SimpleAtoi(v, &n) || n < 0) {
        return Usage("--max-restarts needs a number >= 0 (0: unlimited)");
      }
      request.set_max_restarts(n);
    } else if (a == "--watch") {
      request.add_watch(v);
    } else if (a == "--cwd") {
      cwd = v;
    } else {  // --env K=V
      size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0) {
        return Usage(absl::StrCat("--env \"", v, "\" is not K=V"));
      }
      v1::EnvVar* var = request.add_env();
      var->set_name(v.substr(0, eq));
      var->set_value(v.substr(eq + 1));
    }
  }
  if (i >= args.size()) return Usage("no command to run (runy run -- CMD)");
  request.set_cmd(args[i]);
  for (++i; i < args.size(); ++i) request.add_args(args[i]);
  if (request.name().empty()) {
    std::vector<std::string> command_args(request.args().begin(),
                                          request.args().end());
    request.set_name(DefaultName(request.cmd(), command_args));
  }
  std::error_code ec;
  std::filesystem::path dir = cwd.empty() ? std::filesystem::current_path(ec)
                                          : std::filesystem::path(cwd);
  dir = std::filesystem::absolute(dir, ec).lexically_normal();
  if (!std::filesystem::is_directory(dir, ec)) {
    std::fprintf(stderr, "runy run: --cwd %s: no such directory\n",
                 dir.string().c_str());
    return kExitFailed;
  }
  std::string dir_text = dir.string();
  if (dir_text.size() > 1 && dir_text.back() == '/') dir_text.pop_back();
  request.set_cwd(dir_text);
  int connect_code = kExitOk;
  auto client = ConnectFor(global, true, &connect_code);
  if (!client) return connect_code;
  v1::RunResponse response;
  auto context = client->NewContext(absl::InfiniteDuration());
  absl::Status status =
      client->Convert(client->stub()->Run(context.get(), request, &response));
  if (!status.ok()) {
    std::fprintf(stderr, "runy: %s\n", std::string(status.message()).c_str());
    return status.code() == absl::StatusCode::kUnavailable ||
                   status.code() == absl::StatusCode::kPermissionDenied ||
                   status.code() == absl::StatusCode::kUnauthenticated
               ? kExitUnreachable
               : kExitFailed;
  }
  if (global.json) {
    std::cout << ToJson(response);
    return response.result().ok() ? kExitOk : kExitFailed;
  }
  if (!response.result().ok()) {
    std::fprintf(stderr, "runy: %s: %s\n", request.name().c_str(),
                 response.result().error().c_str());
    return kExitFailed;
  }
  std::printf("started %s (runy logs -f %s; runy remove %s forgets it)\n",
              request.name().c_str(), request.name().c_str(),
              request.name().c_str());
  return kExitOk;
}

}  // namespace runy::cli
