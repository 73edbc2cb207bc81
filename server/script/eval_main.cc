#include "server/script/eval_main.h"

#include <pthread.h>
#include <signal.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <utility>

#include "server/loop/event_loop.h"
#include "server/script/js_error.h"
#include "server/script/runtime.h"

namespace runy::script {
namespace {

void WriteLine(std::FILE* out, std::string_view text) {
  if (out == stderr) std::fflush(stdout);  // keep the interleaving readable
  std::fwrite(text.data(), 1, text.size(), out);
  std::fputc('\n', out);
}

void PrintConsole(ConsoleLevel level, std::string_view text) {
  bool to_stderr =
      level == ConsoleLevel::kWarn || level == ConsoleLevel::kError;
  WriteLine(to_stderr ? stderr : stdout, text);
}

}  // namespace

int EvalMain(const std::string& path) {
  // runyd's main() blocked these for the daemon; a script run like node is
  // ended by Ctrl-C and SIGTERM like node.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
  absl::StatusOr<std::unique_ptr<loop::EventLoop>> loop =
      loop::EventLoop::Create();
  if (!loop.ok()) {
    WriteLine(stderr, loop.status().ToString());
    return 1;
  }
  RuntimeOptions options;
  options.console = &PrintConsole;
  options.halt_on_uncaught = true;
  // process.argv[1] is the script, as node has it; process.exit() exits.
  char resolved[PATH_MAX];
  options.process.argv.push_back(
      realpath(path.c_str(), resolved) != nullptr ? resolved : path);
  options.process.allow_exit = true;
  // Sanitizer builds run JS ten times slower: their tests raise the budget.
  if (const char* ms = std::getenv("RUNY_EXEC_TIMEOUT_MS")) {
    if (int value = std::atoi(ms); value > 0)
      options.exec_timeout = absl::Milliseconds(value);
  }
  absl::StatusOr<std::unique_ptr<Runtime>> runtime =
      Runtime::Create(loop->get(), std::move(options));
  if (!runtime.ok()) {
    WriteLine(stderr, runtime.status().ToString());
    return 1;
  }
  bool failed = false;
  loop::EventLoop* event_loop = loop->get();
  (*runtime)->set_uncaught_callback([&](const absl::Status&) {
    failed = true;
    event_loop->Quit();
  });
  (*runtime)->set_idle_callback([event_loop] { event_loop->Quit(); });

  absl::Status status = (*runtime)->RunFile(path);
  if (!status.ok()) {
    std::optional<std::string> stack = JsStackOf(status);
    WriteLine(stderr, stack.has_value() ? "Uncaught " + *stack
                                        : std::string(status.message()));
    std::fflush(stdout);
    return 1;
  }
  if (!failed && (*runtime)->HasPendingWork()) event_loop->Run();
  int code = 0;
  if (failed) {
    code = 1;
  } else if ((*runtime)->TopLevelAwaitPending()) {
    WriteLine(stderr, "Warning: Detected unsettled top-level await in " + path);
    code = 13;
  } else {
    // process.exitCode, as node exits with it.
    (void)(*runtime)->RunTurn([&code](duk_context* ctx) {
      duk_get_global_string(ctx, "process");
      duk_get_prop_string(ctx, -1, "exitCode");
      if (duk_is_number(ctx, -1)) code = duk_get_int(ctx, -1) & 0xff;
      duk_pop_2(ctx);
    });
  }
  std::fflush(stdout);
  return code;
}

}  // namespace runy::script
