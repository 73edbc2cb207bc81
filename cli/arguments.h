// What every command does with its arguments alike: usage errors, --help,
// "exactly one NAME", and the exit code a failed call ends with.
#ifndef RUNY_CLI_ARGUMENTS_H_
#define RUNY_CLI_ARGUMENTS_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace runy::cli {

// kExitUnreachable for a daemon that does not answer or refuses us,
// kExitFailed for anything else that failed, kExitOk for OK.
int ExitCodeFor(const absl::Status& status);

// Prints the status's message as "runy: ..." and returns ExitCodeFor it.
int Fail(const absl::Status& status);

// Prints "runy COMMAND: MESSAGE (see 'runy COMMAND --help')" and returns
// kExitUsage.
int UsageError(const std::string& command, const std::string& message);

bool IsHelp(const std::string& arg);

// "runy COMMAND [FLAG...] NAME": the one NAME and the flags seen, each of
// them one of `flags`.
struct OneName {
  std::string name;
  std::set<std::string> flags;
};

// Parses args as above. --help prints `help` and ends with kExitOk; an
// unknown option, a second NAME or none are usage errors. Returns the exit
// code to end with, or nullopt to go on with *out filled in.
std::optional<int> ParseOneName(const std::string& command,
                                const std::vector<std::string>& args,
                                const char* help,
                                const std::set<std::string>& flags,
                                OneName* out);

}  // namespace runy::cli

#endif  // RUNY_CLI_ARGUMENTS_H_
