#include "server/control/adhoc_service.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/names.h"

namespace runy::control {
namespace {

// A JavaScript string literal for any bytes: JSON's escapes, plus the two
// line separators an ES5 engine does not take raw.
std::string Quote(absl::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028"
                                                             : "\\u2029";
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

std::string QuoteList(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(Quote(item));
  return absl::StrCat("[", absl::StrJoin(quoted, ", "), "]");
}

// "2000" (ms) or a duration ("2s", "1.5s", "500ms") → milliseconds.
bool ParseDelay(absl::string_view text, int64_t* ms) {
  if (absl::SimpleAtoi(text, ms)) return *ms >= 0;
  absl::Duration d;
  if (!absl::ParseDuration(text, &d) || d < absl::ZeroDuration()) return false;
  *ms = absl::ToInt64Milliseconds(d);
  return true;
}

absl::StatusOr<std::string> RestartObject(const AdhocSpec& spec) {
  if (spec.max_restarts < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-restarts ", spec.max_restarts,
                     ": the limit is 0 (unlimited) or more"));
  }
  std::string max = spec.max_restarts > 0
                        ? absl::StrCat(", maxRestarts: ", spec.max_restarts)
                        : "";
  absl::string_view r = spec.restart;
  if (r.empty()) r = "always";
  if (r == "never") {
    if (!max.empty()) {
      return absl::InvalidArgumentError(
          "--max-restarts does not go with --restart never");
    }
    return std::string("{ kind: \"never\" }");
  }
  if (r == "always") return absl::StrCat("{ kind: \"always\"", max, " }");
  if (r == "exponential") {
    return absl::StrCat(
        "{ kind: \"exponential\", initialDelay: 1000, maxDelay: 30000, "
        "multiplier: 2",
        max, " }");
  }
  if (absl::StartsWith(r, "fixed:")) {
    int64_t ms = 0;
    if (!ParseDelay(r.substr(6), &ms)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--restart ", r,
          ": the delay is milliseconds or a duration (fixed:2000, fixed:2s)"));
    }
    return absl::StrCat("{ kind: \"fixed\", delay: ", ms, max, " }");
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--restart ", Quote(r),
                   " is none of never, always, fixed:DELAY, exponential"));
}

}  // namespace

absl::StatusOr<std::string> AdhocServiceFile(const AdhocSpec& spec) {
  if (!IsValidName(spec.name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--name ", Quote(spec.name),
        " is not a name: 1 to 128 letters, digits, '.', '_' and '-', "
        "starting with a letter or digit"));
  }
  if (spec.cmd.empty()) {
    return absl::InvalidArgumentError("no command to run (runy run -- CMD)");
  }
  if (spec.cwd.empty() || spec.cwd[0] != '/') {
    return absl::InvalidArgumentError(
        absl::StrCat("--cwd ", Quote(spec.cwd), " is not an absolute path"));
  }
  for (const std::string& s : spec.args) {
    if (s.find('\0') != std::string::npos) {
      return absl::InvalidArgumentError("an argument holds a NUL byte");
    }
  }
  std::string env;
  for (const auto& [key, value] : spec.env) {
    if (key.empty() || key.find('=') != std::string::npos ||
        key.find('\0') != std::string::npos ||
        value.find('\0') != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--env ", Quote(key), ": a name is not empty and has no '=' (K=V)"));
    }
    absl::StrAppend(&env, env.empty() ? "" : ", ", Quote(key), ": ",
                    Quote(value));
  }
  absl::StatusOr<std::string> restart = RestartObject(spec);
  if (!restart.ok()) return restart.status();
  std::vector<std::string> command = {spec.cmd};
  command.insert(command.end(), spec.args.begin(), spec.args.end());
  std::string text = absl::StrCat(
      kAdhocMarker, "\n", "service(", Quote(spec.name),
      ", { description: ", Quote(absl::StrJoin(command, " ")),
      " }).run(async (ctx) => {\n", "  await ctx.process({\n",
      "    alias: ", Quote(spec.name), ",\n", "    cmd: ", Quote(spec.cmd),
      ",\n", "    args: ", QuoteList(spec.args), ",\n",
      "    cwd: ", Quote(spec.cwd), ",\n", "    env: {", env, "},\n",
      "    restart: ", *restart, ",\n");
  if (!spec.watch.empty()) {
    absl::StrAppend(&text, "    watch: ", QuoteList(spec.watch), ",\n");
  }
  absl::StrAppend(&text, "  });\n", "});\n");
  return text;
}

bool IsAdhocServiceFile(absl::string_view source) {
  return absl::StartsWith(source, kAdhocMarker);
}

}  // namespace runy::control
