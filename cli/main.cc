// runy: global flags, then the command table.
#include <grpc/support/log.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "common/suggest.h"
#include "common/version.h"

namespace {

void PrintUsage(FILE* out) {
  std::fprintf(
      out,
      "usage: runy [--host URI] [--token-file F] [--tls-ca F] [--json]\n"
      "            [--no-autostart] COMMAND [ARGS]\n"
      "\n"
      "Talks to runyd, the runy supervisor.\n"
      "\n"
      "Commands:\n");
  for (const runy::cli::Command& c : runy::cli::Commands()) {
    std::fprintf(out, "  %-11s %s\n", c.name, c.synopsis);
  }
  std::fprintf(
      out,
      "\n"
      "Options:\n"
      "  --host URI  unix:///PATH or tcp://HOST:PORT (also $RUNY_HOST;\n"
      "              default: the local socket, $RUNY_SOCKET)\n"
      "  --token-file F  the token for a TCP runyd (also $RUNY_TOKEN)\n"
      "  --tls-ca F  talk TLS, trusting the CA in F (also $RUNY_TLS_CA);\n"
      "              --tls-cert F --tls-key F add a client certificate\n"
      "  --json      print the protobuf JSON mapping of the response\n"
      "  --no-autostart  never start a user runyd (also RUNY_NO_AUTOSTART=1);\n"
      "              by default runy starts one when the default local\n"
      "              socket has no daemon (never for --host/RUNY_HOST)\n"
      "\n"
      "Exit codes: 0 ok; 1 the operation failed or a name was not found;\n"
      "2 usage error; 3 runyd unreachable, or the call refused (token, scope,\n"
      "user).\n"
      "'runy COMMAND --help' describes a command.\n");
}

// The field a global option that takes a value sets (--host URI or
// --host=URI), or null.
std::string* ValueOption(const std::string& arg,
                         runy::cli::GlobalOptions* global) {
  std::string name = arg.substr(0, arg.find('='));
  if (name == "--host") return &global->host;
  if (name == "--token-file") return &global->security.token_file;
  if (name == "--tls-ca") return &global->security.tls_ca;
  if (name == "--tls-cert") return &global->security.tls_cert;
  if (name == "--tls-key") return &global->security.tls_key;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything starts a thread (gRPC does as soon as a channel exists).
  runy::cli::InstallInterruptHandling();
  // runy says what went wrong in its own words; gRPC's internal log lines
  // ("Handshake failed with fatal error ...") only with RUNY_GRPC_LOG=1.
  if (std::getenv("RUNY_GRPC_LOG") == nullptr) {
    gpr_set_log_function([](gpr_log_func_args*) {});
  }
  runy::cli::GlobalOptions global;
  int i = 1;
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      PrintUsage(stdout);
      return runy::cli::kExitOk;
    } else if (arg == "--version") {
      std::printf("runy %s\n", runy::kVersion);
      return runy::cli::kExitOk;
    } else if (arg == "--json") {
      global.json = true;
    } else if (arg == "--no-autostart") {
      global.no_autostart = true;
    } else if (std::string* value = ValueOption(arg, &global)) {
      if (absl::StrContains(arg, '=')) {
        *value = arg.substr(arg.find('=') + 1);
      } else if (i + 1 < argc) {
        *value = argv[++i];
      } else {
        std::fprintf(stderr, "runy: %s needs a value\n", arg.c_str());
        return runy::cli::kExitUsage;
      }
    } else if (absl::StartsWith(arg, "-")) {
      std::fprintf(stderr, "runy: unknown option \"%s\" (see 'runy --help')\n",
                   arg.c_str());
      return runy::cli::kExitUsage;
    } else {
      break;
    }
  }
  if (i >= argc) {
    PrintUsage(stderr);
    return runy::cli::kExitUsage;
  }
  std::string name = argv[i];
  std::vector<std::string> args(argv + i + 1, argv + argc);
  // Global flags may also follow the command.
  std::vector<std::string> rest;
  for (size_t k = 0; k < args.size(); ++k) {
    if (args[k] == "--json") {
      global.json = true;
    } else if (args[k] == "--no-autostart") {
      global.no_autostart = true;
    } else if (std::string* value = ValueOption(args[k], &global);
               value != nullptr && !absl::StrContains(args[k], '=') &&
               k + 1 < args.size()) {
      *value = args[++k];
    } else {
      rest.push_back(args[k]);
    }
  }
  std::vector<std::string> names;
  for (const runy::cli::Command& c : runy::cli::Commands()) {
    if (name == c.name) return c.run(global, rest);
    names.push_back(c.name);
  }
  for (const runy::cli::Command& c : runy::cli::HiddenCommands()) {
    if (name == c.name) return c.run(global, rest);
  }
  std::string message = absl::StrCat("runy: unknown command \"", name, "\"");
  std::vector<std::string> close = runy::ClosestMatches(name, names);
  if (!close.empty()) {
    absl::StrAppend(&message, " (did you mean ", absl::StrJoin(close, ", "),
                    "?)");
  }
  std::fprintf(stderr, "%s\n", message.c_str());
  return runy::cli::kExitUsage;
}
