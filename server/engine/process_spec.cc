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

}  // namespace runy::engine
