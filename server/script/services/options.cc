#include "server/script/services/options.h"

#include <cmath>
#include <cstdlib>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
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
    known.insert({"delay", "maxRestarts"});
    known.insert(crash_loop.begin(), crash_loop.end());
  } else if (kind == "exponential") {
    spec->kind = Kind::kExponential;
    spec->initial_delay = absl::Seconds(1);
    spec->max_delay = absl::Seconds(30);
    spec->multiplier = 2.0;
    known.insert({"initialDelay", "maxDelay", "multiplier", "maxRestarts"});
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
  } else if (v->type == Type::kNumber && v->number == std::floor(v->number)) {
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
  RUNY_RETURN_IF_ERROR(CheckKeys(options, "", {"autostart", "description"}));
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
                 "watchDebounce", "cwd", "env", "stopSignal", "stopTimeout"}));
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

}  // namespace runy::script
