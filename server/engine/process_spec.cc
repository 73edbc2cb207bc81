#include "server/engine/process_spec.h"

#include <string.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/names.h"

namespace runy::engine {

absl::Status ValidateProcessSpec(const ProcessSpec& spec) {
  if (spec.alias.empty())
    return absl::InvalidArgumentError("alias is required");
  if (!IsValidName(spec.alias)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "alias \"", spec.alias,
        "\" is not a valid name (use [A-Za-z0-9][A-Za-z0-9._-]*)"));
  }
  if (spec.command.cmd.empty())
    return absl::InvalidArgumentError("cmd is required");
  if (spec.stop_signal <= 0 || spec.stop_signal >= NSIG) {
    return absl::InvalidArgumentError("stopSignal is not a valid signal");
  }
  if (spec.stop_timeout < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("stopTimeout must not be negative");
  }
  for (const auto& [key, value] : spec.command.env) {
    if (key.empty() || absl::StrContains(key, '=')) {
      return absl::InvalidArgumentError(
          absl::StrCat("env key \"", key, "\" is not a valid variable name"));
    }
  }
  return ValidateRestartSpec(spec.restart);
}

int SignalFromName(const std::string& name) {
  int number = 0;
  if (absl::SimpleAtoi(name, &number)) {
    return number > 0 && number < NSIG ? number : -1;
  }
  std::string upper = absl::AsciiStrToUpper(name);
  absl::string_view bare = upper;
  absl::ConsumePrefix(&bare, "SIG");
  for (int sig = 1; sig < NSIG; ++sig) {
    const char* abbrev = sigabbrev_np(sig);
    if (abbrev != nullptr && bare == abbrev) return sig;
  }
  return -1;
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  if (abbrev == nullptr) return absl::StrCat("SIG", sig);
  return absl::StrCat("SIG", abbrev);
}

bool operator==(const CommandSpec& a, const CommandSpec& b) {
  return a.cmd == b.cmd && a.args == b.args && a.cwd == b.cwd && a.env == b.env;
}

bool operator==(const ProcessSpec& a, const ProcessSpec& b) {
  const RestartSpec& r = a.restart;
  const RestartSpec& q = b.restart;
  return a.alias == b.alias && a.service == b.service &&
         a.command == b.command && r.kind == q.kind && r.delay == q.delay &&
         r.initial_delay == q.initial_delay && r.max_delay == q.max_delay &&
         r.multiplier == q.multiplier && r.max_restarts == q.max_restarts &&
         r.jitter == q.jitter && r.reset_after == q.reset_after &&
         r.crash_loop.after == q.crash_loop.after &&
         r.crash_loop.quick_exit == q.crash_loop.quick_exit &&
         r.crash_loop.max_delay == q.crash_loop.max_delay &&
         a.stop_signal == b.stop_signal && a.stop_timeout == b.stop_timeout &&
         a.watch == b.watch && a.ignore == b.ignore &&
         a.watch_debounce == b.watch_debounce &&
         a.watch_settle == b.watch_settle && a.ready == b.ready &&
         a.exit_hook == b.exit_hook && a.watch_hook == b.watch_hook;
}

}  // namespace runy::engine
