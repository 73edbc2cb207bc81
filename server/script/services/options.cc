#include "server/script/services/options.h"

#include <arpa/inet.h>

#include <cmath>
#include <cstdlib>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/names.h"
#include "common/status_macros.h"

namespace runy::script {
namespace {

using Type = JsValue::Type;

absl::Status Bad(const std::string& option, const std::string& what) {
  return absl::InvalidArgumentError(
      absl::StrCat("option \"", option, "\" ", what));
}

absl::Status CheckKeys(const JsValue& object, const std::string& prefix,
                       const std::set<std::string>& known) {
  for (const auto& [key, value] : object.fields) {
    if (known.count(key) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option \"", prefix, key,
                       "\" (known: ", absl::StrJoin(known, ", "), ")"));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadString(const JsValue& object, const std::string& key,
                        const std::string& shown, std::string* out) {
  const JsValue* v = object.Get(key);
  if (v == nullptr) return absl::OkStatus();
  if (v->type != Type::kString) {
    return Bad(shown, absl::StrCat("must be a string, not ", v->TypeName()));
  }
  *out = v->string;
  return absl::OkStatus();
}

// A number or boolean as a shell would write it: 8500, 0.5, 1e+21, true.
std::string ScalarText(const JsValue& value) {
  if (value.type == Type::kBool) return value.boolean ? "true" : "false";
  double n = value.number;
  if (n == std::floor(n) && std::fabs(n) < 1e21) {
    return absl::StrFormat("%.0f", n == 0 ? 0.0 : n);  // no "-0"
  }
  // The shortest text that reads back as the same double.
  for (int precision = 1; precision < 17; ++precision) {
    std::string text = absl::StrFormat("%.*g", precision, n);
    if (std::strtod(text.c_str(), nullptr) == n) return text;
  }
  return absl::StrFormat("%.17g", n);
}

bool IsScalar(const JsValue& value) {
  return value.type == Type::kBool ||
         (value.type == Type::kNumber && std::isfinite(value.number));
}

// args: strings, and numbers or booleans (converted as env values are).
absl::Status ReadArgs(const JsValue& object, std::vector<std::string>* out) {
  const JsValue* v = object.Get("args");
  if (v == nullptr) return absl::OkStatus();
  if (v->type != Type::kArray) {
    return Bad("args", absl::StrCat("must be an array of strings, not ",
                                    v->TypeName()));
  }
  for (size_t i = 0; i < v->items.size(); ++i) {
    const JsValue& item = v->items[i];
    if (item.type == Type::kString) {
      out->push_back(item.string);
    } else if (IsScalar(item)) {
      out->push_back(ScalarText(item));
    } else {
      return Bad(absl::StrCat("args[", i, "]"),
                 absl::StrCat("must be a string, not ", item.TypeName()));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadStrings(const JsValue& object, const std::string& key,
                         std::vector<std::string>* out) {
  const JsValue* v = object.Get(key);
  if (v == nullptr) return absl::OkStatus();
  if (v->type != Type::kArray) {
    return Bad(
        key, absl::StrCat("must be an array of strings, not ", v->TypeName()));
  }
  for (size_t i = 0; i < v->items.size(); ++i) {
    if (v->items[i].type != Type::kString) {
      return Bad(
          absl::StrCat(key, "[", i, "]"),
          absl::StrCat("must be a string, not ", v->items[i].TypeName()));
    }
    out->push_back(v->items[i].string);
  }
  return absl::OkStatus();
}

// A non-negative number of milliseconds.
absl::Status ReadMillis(const JsValue& object, const std::string& key,
                        const std::string& shown, absl::Duration* out) {
  const JsValue* v = object.Get(key);
  if (v == nullptr) return absl::OkStatus();
  if (v->type != Type::kNumber || !std::isfinite(v->number)) {
    return Bad(shown,
               absl::StrCat("must be a number of milliseconds, not ",
                            v->type == Type::kNumber ? "a non-finite number"
                                                     : v->TypeName()));
  }
  if (v->number < 0) return Bad(shown, "must not be negative");
  *out = absl::Milliseconds(v->number);
  return absl::OkStatus();
}

absl::Status ReadCount(const JsValue& object, const std::string& key,
                       const std::string& shown, int* out) {
  const JsValue* v = object.Get(key);
  if (v == nullptr) return absl::OkStatus();
  if (v->type != Type::kNumber || v->number != std::floor(v->number) ||
      v->number < 0 || v->number > 1e9) {
    return Bad(shown, "must be a whole number >= 0");
  }
  *out = static_cast<int>(v->number);
  return absl::OkStatus();
}

absl::Status ReadEnv(const JsValue& object,
                     std::vector<std::pair<std::string, std::string>>* out) {
  const JsValue* v = object.Get("env");
  if (v == nullptr) return absl::OkStatus();
  if (v->type != Type::kObject) {
    return Bad("env", absl::StrCat("must be an object of strings, not ",
                                   v->TypeName()));
  }
  for (const auto& [key, value] : v->fields) {
    if (value.type == Type::kUndefined) continue;
    if (key.empty() || key.find('=') != std::string::npos ||
        key.find('\0') != std::string::npos) {
      return Bad(absl::StrCat("env.", key), "is not a valid variable name");
    }
    if (value.type == Type::kString) {
      out->emplace_back(key, value.string);
    } else if (IsScalar(value)) {
      // What a shell would do with them.
      out->emplace_back(key, ScalarText(value));
    } else {
      return Bad(absl::StrCat("env.", key),
                 absl::StrCat("must be a string, not ", value.TypeName()));
    }
  }
  return absl::OkStatus();
}

std::string ResolveDir(const std::string& dir, const std::string& cwd) {
  if (cwd.empty()) return dir;
  if (cwd[0] == '/') return cwd;
  return absl::StrCat(dir, "/", cwd);
}

// cmd (required), args, cwd (relative to `dir`, default `dir`) and env:
// what ctx.process and ctx.exec share.
absl::Status ReadCommand(const JsValue& options, const std::string& dir,
                         engine::CommandSpec* command) {
  RUNY_RETURN_IF_ERROR(ReadString(options, "cmd", "cmd", &command->cmd));
  if (command->cmd.empty()) return Bad("cmd", "is required");
  RUNY_RETURN_IF_ERROR(ReadArgs(options, &command->args));
  std::string cwd;
  RUNY_RETURN_IF_ERROR(ReadString(options, "cwd", "cwd", &cwd));
  command->cwd = ResolveDir(dir, cwd);
  return ReadEnv(options, &command->env);
}

absl::Status ReadRestart(const JsValue& object, engine::RestartSpec* spec) {
  const JsValue* v = object.Get("restart");
  if (v == nullptr) return absl::OkStatus();
  if (v->type != Type::kObject) {
    return Bad("restart",
               absl::StrCat("must be an object, not ", v->TypeName()));
  }
  std::string kind;
  RUNY_RETURN_IF_ERROR(ReadString(*v, "kind", "restart.kind", &kind));
  using Kind = engine::RestartSpec::Kind;
  std::set<std::string> known = {"kind", "resetAfter"};
  const std::set<std::string> crash_loop = {"crashLoopAfter", "crashLoopUptime",
                                            "crashLoopMaxDelay"};
  if (kind == "never") {
    spec->kind = Kind::kNever;
  } else if (kind == "always") {
    spec->kind = Kind::kAlways;
    known.insert("maxRestarts");
    known.insert(crash_loop.begin(), crash_loop.end());
  } else if (kind == "fixed") {
    spec->kind = Kind::kFixed;
    spec->delay = absl::Seconds(1);
    known.insert({"delay", "maxRestarts", "jitter"});
    known.insert(crash_loop.begin(), crash_loop.end());
  } else if (kind == "exponential") {
    spec->kind = Kind::kExponential;
    spec->initial_delay = absl::Seconds(1);
    spec->max_delay = absl::Seconds(30);
    spec->multiplier = 2.0;
    known.insert(
        {"initialDelay", "maxDelay", "multiplier", "maxRestarts", "jitter"});
    known.insert(crash_loop.begin(), crash_loop.end());
  } else if (kind.empty()) {
    return Bad("restart.kind",
               "is required (never, always, fixed or exponential)");
  } else {
    return Bad(
        "restart.kind",
        absl::StrCat("\"", kind,
                     "\" is not one of never, always, fixed, exponential"));
  }
  for (const auto& [key, value] : v->fields) {
    if (known.count(key) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option \"restart.", key, "\" for kind \"", kind,
                       "\" (known: ", absl::StrJoin(known, ", "), ")"));
    }
  }
  RUNY_RETURN_IF_ERROR(ReadMillis(*v, "delay", "restart.delay", &spec->delay));
  RUNY_RETURN_IF_ERROR(ReadMillis(*v, "initialDelay", "restart.initialDelay",
                                  &spec->initial_delay));
  RUNY_RETURN_IF_ERROR(
      ReadMillis(*v, "maxDelay", "restart.maxDelay", &spec->max_delay));
  RUNY_RETURN_IF_ERROR(
      ReadMillis(*v, "resetAfter", "restart.resetAfter", &spec->reset_after));
  if (const JsValue* j = v->Get("jitter")) {
    if (j->type != Type::kNumber || !(j->number >= 0 && j->number <= 1)) {
      return Bad("restart.jitter",
                 "must be a number from 0 to 1 (the fraction of each delay "
                 "drawn at random)");
    }
    spec->jitter = j->number;
  }
  RUNY_RETURN_IF_ERROR(
      ReadCount(*v, "maxRestarts", "restart.maxRestarts", &spec->max_restarts));
  RUNY_RETURN_IF_ERROR(ReadCount(*v, "crashLoopAfter", "restart.crashLoopAfter",
                                 &spec->crash_loop.after));
  RUNY_RETURN_IF_ERROR(ReadMillis(*v, "crashLoopUptime",
                                  "restart.crashLoopUptime",
                                  &spec->crash_loop.quick_exit));
  RUNY_RETURN_IF_ERROR(ReadMillis(*v, "crashLoopMaxDelay",
                                  "restart.crashLoopMaxDelay",
                                  &spec->crash_loop.max_delay));
  if (const JsValue* m = v->Get("multiplier")) {
    if (m->type != Type::kNumber || !std::isfinite(m->number)) {
      return Bad("restart.multiplier", "must be a finite number");
    }
    if (m->number < 1) return Bad("restart.multiplier", "must be >= 1");
    spec->multiplier = m->number;
  }
  if (spec->kind == Kind::kExponential &&
      spec->max_delay < spec->initial_delay) {
    return Bad("restart.maxDelay",
               "must not be less than restart.initialDelay");
  }
  return absl::OkStatus();
}

absl::Status ReadSignal(const JsValue& object, int* sig) {
  const JsValue* v = object.Get("stopSignal");
  if (v == nullptr) return absl::OkStatus();
  std::string name;
  if (v->type == Type::kString) {
    name = v->string;
  } else if (v->type == Type::kNumber && v->number == std::floor(v->number) &&
             std::abs(v->number) < 1e9) {
    name = absl::StrCat(static_cast<int64_t>(v->number));
  } else {
    return Bad("stopSignal",
               absl::StrCat("must be a signal name such as \"SIGTERM\", not ",
                            v->TypeName()));
  }
  int number = engine::SignalFromName(name);
  if (number <= 0)
    return Bad("stopSignal", absl::StrCat("\"", name, "\" is not a signal"));
  *sig = number;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServiceOptions> ParseServiceOptions(const std::string& name,
                                                   const JsValue& options) {
  if (!IsValidName(name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("service name \"", name,
                     "\" is not valid (use [A-Za-z0-9][A-Za-z0-9._-]*)"));
  }
  ServiceOptions out;
  if (options.type == Type::kUndefined) return out;
  if (options.type != Type::kObject) {
    return absl::InvalidArgumentError(absl::StrCat(
        "service options must be an object, not ", options.TypeName()));
  }
  RUNY_RETURN_IF_ERROR(
      CheckKeys(options, "", {"autostart", "description", "dependsOn"}));
  RUNY_RETURN_IF_ERROR(ReadStrings(options, "dependsOn", &out.depends_on));
  for (const std::string& dep : out.depends_on) {
    if (!IsValidName(dep)) {
      return Bad("dependsOn", absl::StrCat("names \"", dep,
                                           "\", which is not a service name"));
    }
    if (dep == name) return Bad("dependsOn", "names the service itself");
  }
  if (const JsValue* v = options.Get("autostart")) {
    if (v->type != Type::kBool) {
      return Bad("autostart",
                 absl::StrCat("must be a boolean, not ", v->TypeName()));
    }
    out.autostart = v->boolean;
  }
  RUNY_RETURN_IF_ERROR(
      ReadString(options, "description", "description", &out.description));
  return out;
}

absl::StatusOr<engine::ProcessSpec> ParseProcessOptions(
    const JsValue& options, const std::string& dir) {
  if (options.type != Type::kObject) {
    return absl::InvalidArgumentError(absl::StrCat(
        "ctx.process needs an options object, not ", options.TypeName()));
  }
  RUNY_RETURN_IF_ERROR(
      CheckKeys(options, "",
                {"alias", "cmd", "args", "restart", "watch", "ignore",
                 "watchDebounce", "cwd", "env", "stopSignal", "stopTimeout",
                 "ready", "health", "onExit", "onWatch"}));
  engine::ProcessSpec spec;
  RUNY_RETURN_IF_ERROR(ReadString(options, "alias", "alias", &spec.alias));
  if (spec.alias.empty()) return Bad("alias", "is required");
  if (!IsValidName(spec.alias)) {
    return Bad(
        "alias",
        absl::StrCat("\"", spec.alias,
                     "\" is not valid (use [A-Za-z0-9][A-Za-z0-9._-]*)"));
  }
  RUNY_RETURN_IF_ERROR(ReadCommand(options, dir, &spec.command));
  RUNY_RETURN_IF_ERROR(ReadRestart(options, &spec.restart));
  RUNY_RETURN_IF_ERROR(ReadStrings(options, "watch", &spec.watch));
  RUNY_RETURN_IF_ERROR(ReadStrings(options, "ignore", &spec.ignore));
  RUNY_RETURN_IF_ERROR(ReadMillis(options, "watchDebounce", "watchDebounce",
                                  &spec.watch_debounce));
  // A window the user chose is kept as it is, completed saves included.
  if (options.Get("watchDebounce") != nullptr) {
    spec.watch_settle = absl::InfiniteDuration();
  }
  RUNY_RETURN_IF_ERROR(ReadSignal(options, &spec.stop_signal));
  RUNY_RETURN_IF_ERROR(
      ReadMillis(options, "stopTimeout", "stopTimeout", &spec.stop_timeout));
  return spec;
}

absl::StatusOr<ExecOptions> ParseExecOptions(const JsValue& options,
                                             const std::string& dir) {
  if (options.type != Type::kObject) {
    return absl::InvalidArgumentError(absl::StrCat(
        "ctx.exec needs an options object, not ", options.TypeName()));
  }
  RUNY_RETURN_IF_ERROR(
      CheckKeys(options, "", {"cmd", "args", "cwd", "env", "timeout"}));
  ExecOptions out;
  RUNY_RETURN_IF_ERROR(ReadCommand(options, dir, &out.command));
  RUNY_RETURN_IF_ERROR(ReadMillis(options, "timeout", "timeout", &out.timeout));
  if (out.timeout == absl::ZeroDuration())
    out.timeout = absl::InfiniteDuration();
  return out;
}

std::string ProbeSpec::Describe() const {
  switch (kind) {
    case Kind::kNone:
      return "";
    case Kind::kHttp:
      return absl::StrCat("http://", host, ":", port, path);
    case Kind::kTcp:
      return absl::StrCat("tcp ", host, ":", port);
    case Kind::kLog:
      return regex ? absl::StrCat("a log line matching /", pattern, "/",
                                  ignore_case ? "i" : "")
                   : absl::StrCat("a log line containing \"", pattern, "\"");
    case Kind::kExec:
      return absl::StrCat("exec ", command.cmd, command.args.empty() ? "" : " ",
                          absl::StrJoin(command.args, " "));
    case Kind::kFunction:
      return "a JS function";
  }
  return "";
}

namespace {

// "127.0.0.1:5432", "[::1]:80", "localhost:80".
absl::Status ParseHostPort(absl::string_view text, const std::string& shown,
                           std::string* host, int* port) {
  size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) {
    return Bad(shown, absl::StrCat("must be HOST:PORT, not \"", text, "\""));
  }
  absl::string_view h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
    h = h.substr(1, h.size() - 2);
  }
  // Probes never wait on a name server (the script thread has none to ask
  // without blocking): an address or localhost.
  std::string numeric(h);
  in6_addr scratch;
  if (h != "localhost" && inet_pton(AF_INET, numeric.c_str(), &scratch) != 1 &&
      inet_pton(AF_INET6, numeric.c_str(), &scratch) != 1) {
    return Bad(shown, absl::StrCat("must name its host by address (127.0.0.1, "
                                   "[::1]) or as localhost, not \"",
                                   h, "\": probes do not look names up"));
  }
  int p = 0;
  if (!absl::SimpleAtoi(text.substr(colon + 1), &p) || p < 1 || p > 65535) {
    return Bad(shown, absl::StrCat("has no port in 1-65535: \"", text, "\""));
  }
  *host = std::string(h);
  *port = p;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ProbeSpec> ParseProbe(const JsValue& options,
                                     const std::string& option,
                                     const ProbeRaw& raw,
                                     const std::string& dir) {
  ProbeSpec probe;
  bool health = option == "health";
  probe.interval = health ? absl::Seconds(10) : absl::Milliseconds(250);
  probe.timeout = health ? absl::Seconds(5) : absl::InfiniteDuration();
  const JsValue* v = options.Get(option);
  if (v == nullptr) return probe;
  if (v->type == Type::kFunction) {
    probe.kind = ProbeSpec::Kind::kFunction;
    probe.function = raw.function;
    return probe;
  }
  if (v->type != Type::kObject) {
    return Bad(option,
               absl::StrCat("must be an object ({ http }, { tcp }, { log }, "
                            "{ exec }) or a function, not ",
                            v->TypeName()));
  }
  RUNY_RETURN_IF_ERROR(
      CheckKeys(*v, option + ".",
                {"http", "tcp", "log", "exec", "fn", "interval", "timeout",
                 "initialDelay", "failureThreshold"}));
  int kinds = 0;
  for (const char* k : {"http", "tcp", "log", "exec", "fn"}) {
    kinds += v->Get(k) != nullptr;
  }
  if (kinds != 1) {
    return Bad(option, "needs exactly one of http, tcp, log, exec or fn");
  }
  if (const JsValue* http = v->Get("http")) {
    std::string shown = option + ".http";
    if (http->type != Type::kString) {
      return Bad(shown,
                 absl::StrCat("must be a URL string, not ", http->TypeName()));
    }
    absl::string_view url = http->string;
    if (!absl::ConsumePrefix(&url, "http://")) {
      return Bad(shown, absl::StrCat("must start with http:// (\"",
                                     http->string, "\")"));
    }
    size_t slash = url.find('/');
    absl::string_view authority = url.substr(0, slash);
    probe.path =
        slash == absl::string_view::npos ? "/" : std::string(url.substr(slash));
    if (authority.find(':') == absl::string_view::npos) {
      RUNY_RETURN_IF_ERROR(ParseHostPort(absl::StrCat(authority, ":80"), shown,
                                         &probe.host, &probe.port));
    } else {
      RUNY_RETURN_IF_ERROR(
          ParseHostPort(authority, shown, &probe.host, &probe.port));
    }
    probe.kind = ProbeSpec::Kind::kHttp;
  } else if (const JsValue* tcp = v->Get("tcp")) {
    std::string shown = option + ".tcp";
    if (tcp->type != Type::kString) {
      return Bad(shown, absl::StrCat("must be a \"HOST:PORT\" string, not ",
                                     tcp->TypeName()));
    }
    RUNY_RETURN_IF_ERROR(
        ParseHostPort(tcp->string, shown, &probe.host, &probe.port));
    probe.kind = ProbeSpec::Kind::kTcp;
  } else if (const JsValue* log = v->Get("log")) {
    std::string shown = option + ".log";
    probe.kind = ProbeSpec::Kind::kLog;
    if (raw.is_regex) {
      probe.regex = true;
      probe.pattern = raw.source;
      for (char f : raw.flags) {
        if (f == 'i') {
          probe.ignore_case = true;
        } else if (f != 'g' && f != 'm' && f != 's' && f != 'y') {
          return Bad(shown, absl::StrCat("does not support the regular "
                                         "expression flag \"",
                                         std::string(1, f), "\""));
        }
      }
    } else if (log->type == Type::kString && !log->string.empty()) {
      probe.pattern = log->string;
    } else {
      return Bad(shown, "must be a regular expression or a non-empty string");
    }
  } else if (const JsValue* exec = v->Get("exec")) {
    std::string shown = option + ".exec";
    if (exec->type != Type::kObject) {
      return Bad(shown, absl::StrCat("must be an object { cmd, args }, not ",
                                     exec->TypeName()));
    }
    RUNY_RETURN_IF_ERROR(
        CheckKeys(*exec, shown + ".", {"cmd", "args", "cwd", "env"}));
    absl::Status read = ReadCommand(*exec, dir, &probe.command);
    if (!read.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(shown, ": ", read.message()));
    }
    probe.kind = ProbeSpec::Kind::kExec;
  } else {
    const JsValue* fn = v->Get("fn");
    if (fn->type != Type::kFunction) {
      return Bad(option + ".fn",
                 absl::StrCat("must be a function, not ", fn->TypeName()));
    }
    probe.kind = ProbeSpec::Kind::kFunction;
    probe.function = raw.function;
  }
  RUNY_RETURN_IF_ERROR(
      ReadMillis(*v, "interval", option + ".interval", &probe.interval));
  if (probe.interval < absl::Milliseconds(10)) {
    return Bad(option + ".interval", "must be at least 10 ms");
  }
  RUNY_RETURN_IF_ERROR(
      ReadMillis(*v, "timeout", option + ".timeout", &probe.timeout));
  if (probe.timeout == absl::ZeroDuration()) {
    return Bad(option + ".timeout", "must be more than 0");
  }
  RUNY_RETURN_IF_ERROR(ReadMillis(*v, "initialDelay", option + ".initialDelay",
                                  &probe.initial_delay));
  if (v->Get("failureThreshold") != nullptr && !health) {
    return Bad(option + ".failureThreshold",
               "applies to health only (readiness waits until it passes)");
  }
  RUNY_RETURN_IF_ERROR(ReadCount(*v, "failureThreshold",
                                 option + ".failureThreshold",
                                 &probe.failure_threshold));
  if (probe.failure_threshold < 1) {
    return Bad(option + ".failureThreshold", "must be at least 1");
  }
  if (health && probe.kind == ProbeSpec::Kind::kLog) {
    return Bad(option + ".log", "is a readiness check only (use it in ready)");
  }
  return probe;
}

}  // namespace runy::script
