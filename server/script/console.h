// Console output of scripts: levels and the sink the host provides.
#ifndef RUNY_SERVER_SCRIPT_CONSOLE_H_
#define RUNY_SERVER_SCRIPT_CONSOLE_H_

#include <functional>
#include <string_view>

#include "duktape.h"

namespace runy::script {

// The values match the level constants of js/console.js.
enum class ConsoleLevel {
  kDebug = 0,
  kInfo = 1,
  kLog = 2,
  kWarn = 3,
  kError = 4
};

const char* ConsoleLevelName(ConsoleLevel level);

// Receives one formatted console line (no trailing newline; it may contain
// newlines). Called on the loop thread, from inside a JS turn: it must not
// call back into the Runtime.
using ConsoleSink =
    std::function<void(ConsoleLevel level, std::string_view text)>;

// The daemon's default: spdlog, console.error/warn at warn level, the rest
// at info ("[js] " prefixed).
ConsoleSink SpdlogConsoleSink();

// Installs `obj.write(level, text)` (obj at `obj_idx`) calling `*sink`.
// REQUIRES: `sink` outlives the heap. May throw (allocation).
void InstallConsoleNatives(duk_context* ctx, duk_idx_t obj_idx,
                           const ConsoleSink* sink);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_CONSOLE_H_
