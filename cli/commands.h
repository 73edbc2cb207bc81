// The runy commands: each parses its own arguments, calls runyd, prints.
#ifndef RUNY_CLI_COMMANDS_H_
#define RUNY_CLI_COMMANDS_H_

#include <optional>
#include <string>
#include <vector>

#include "cli/client.h"

namespace runy::cli {

// Exit codes of runy (documented in --help and README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the operation failed, or not found
inline constexpr int kExitUsage = 2;   // usage error
inline constexpr int kExitUnreachable = 3;  // daemon unreachable / auth refused

struct GlobalOptions {
  std::string host;         // --host
  ClientSecurity security;  // --token-file, --tls-ca, --tls-cert, --tls-key
  bool json = false;
  bool no_autostart = false;  // --no-autostart (or RUNY_NO_AUTOSTART=1)
};

struct Command {
  const char* name;
  const char* synopsis;  // after "runy NAME"
  const char* summary;
  int (*run)(const GlobalOptions& global, const std::vector<std::string>& args);
};

// Connects as --host/RUNY_HOST/the default socket say. With `autostart`, a
// user daemon is started first when the address is the default local socket
// and nobody answers there (unless --no-autostart / RUNY_NO_AUTOSTART=1).
// Prints the error and sets *exit_code on failure.
std::optional<Client> ConnectFor(const GlobalOptions& global, bool autostart,
                                 int* exit_code);

// runy logs (logs_command.cc).
int RunLogs(const GlobalOptions& global, const std::vector<std::string>& args);

// runy run (run_command.cc).
int RunAdhoc(const GlobalOptions& global, const std::vector<std::string>& args);

// runy why (why_command.cc).
int RunWhy(const GlobalOptions& global, const std::vector<std::string>& args);

// runy describe (describe_command.cc).
int RunDescribe(const GlobalOptions& global,
                const std::vector<std::string>& args);

// runy top (top_command.cc).
int RunTop(const GlobalOptions& global, const std::vector<std::string>& args);

// runy events (events_command.cc).
int RunEvents(const GlobalOptions& global,
              const std::vector<std::string>& args);

// runy startup and unstartup (startup_command.cc).
int RunStartup(const GlobalOptions& global,
               const std::vector<std::string>& args);
int RunUnstartup(const GlobalOptions& global,
                 const std::vector<std::string>& args);

// runy completion (completion.cc).
int RunCompletion(const GlobalOptions& global,
                  const std::vector<std::string>& args);

// Every command, in help order; and those left out of help.
const std::vector<Command>& Commands();
const std::vector<Command>& HiddenCommands();

}  // namespace runy::cli

#endif  // RUNY_CLI_COMMANDS_H_
