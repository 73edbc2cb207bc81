// `runyd --eval FILE`: runs one script like `node FILE` would.
#ifndef RUNY_SERVER_SCRIPT_EVAL_MAIN_H_
#define RUNY_SERVER_SCRIPT_EVAL_MAIN_H_

#include <string>

namespace runy::script {

// Creates an event loop and a Runtime, runs the file, then runs the loop
// until no work is pending (timers, host promises). console.log/info/debug
// go to stdout, console.warn/error to stderr. Returns 0; 1 after an uncaught
// error or unhandled rejection (printed to stderr; nothing more runs, like
// node); 13 when a top-level await never settled (node's code).
// Thread: the calling thread becomes the loop thread until it returns.
int EvalMain(const std::string& path);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_EVAL_MAIN_H_
