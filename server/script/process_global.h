// The `process` global, for scripts moved from node: process.env (a copy of
// runyd's environment, like ctx.env), argv, platform, pid, exit(), cwd(),
// and (js/promise.js) nextTick(); runyd --eval exits with process.exitCode.
#ifndef RUNY_SERVER_SCRIPT_PROCESS_GLOBAL_H_
#define RUNY_SERVER_SCRIPT_PROCESS_GLOBAL_H_

#include <string>
#include <vector>

#include "duktape.h"

namespace runy::script {

struct ProcessGlobalOptions {
  // process.argv after runyd's path (process.argv[0], process.execPath):
  // runyd --eval gives the script's.
  std::vector<std::string> argv;
  // process.exit(code) ends the process (runyd --eval); otherwise it
  // throws, since in runyd it would stop the supervisor of every service.
  bool allow_exit = false;
};

// Defines the global `process` in the heap of `ctx`. Runs inside a
// protected call: may throw (allocation).
void InstallProcessGlobal(duk_context* ctx,
                          const ProcessGlobalOptions& options);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_PROCESS_GLOBAL_H_
