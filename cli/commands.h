// The runy commands: each parses its own arguments, calls runyd, prints.
#ifndef RUNY_CLI_COMMANDS_H_
#define RUNY_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace runy::cli {

// Exit codes of runy (documented in --help and README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;       // the operation failed, or not found
inline constexpr int kExitUsage = 2;        // usage error
inline constexpr int kExitUnreachable = 3;  // daemon unreachable / auth refused

struct GlobalOptions {
  std::string host;  // --host
  bool json = false;
};

struct Command {
  const char* name;
  const char* synopsis;  // after "runy NAME"
  const char* summary;
  int (*run)(const GlobalOptions& global, const std::vector<std::string>& args);
};

// runy logs (logs_command.cc).
int RunLogs(const GlobalOptions& global, const std::vector<std::string>& args);

// Every command, in help order.
const std::vector<Command>& Commands();

}  // namespace runy::cli

#endif  // RUNY_CLI_COMMANDS_H_
