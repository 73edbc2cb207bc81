// Validation of the options objects of the service API, with messages that
// name the option. Pure: no Duktape, no engine.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_OPTIONS_H_
#define RUNY_SERVER_SCRIPT_SERVICES_OPTIONS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/engine/process_spec.h"
#include "server/script/services/js_value.h"

namespace runy::script {

struct ServiceOptions {
  bool autostart = false;
  std::string description;
  // Services started, and ready, before this one's run() begins.
  std::vector<std::string> depends_on;
};

struct ExecOptions {
  engine::CommandSpec command;
  absl::Duration timeout = absl::InfiniteDuration();
};

// A readiness (`ready`) or liveness (`health`) probe of ctx.process.
struct ProbeSpec {
  enum class Kind { kNone, kHttp, kTcp, kLog, kExec, kFunction };
  Kind kind = Kind::kNone;
  std::string host;  // http, tcp
  int port = 0;
  std::string path;     // http
  std::string pattern;  // log: a substring, or an ECMAScript regex source
  bool regex = false;
  bool ignore_case = false;
  engine::CommandSpec command;  // exec
  uint64_t function = 0;        // function: the retained JS function
  // Between attempts; before the first; ready: how long readiness may take
  // in all (infinite: no limit), health: each attempt's limit.
  absl::Duration interval;
  absl::Duration initial_delay;
  absl::Duration timeout;
  int failure_threshold = 3;  // health: failures in a row that restart it

  // "http://127.0.0.1:8500/health", "a log line matching /listening/", ...
  std::string Describe() const;
};

// What a JsValue cannot carry of a probe option: a function (retained by
// the caller) or a RegExp's source and flags.
struct ProbeRaw {
  uint64_t function = 0;
  bool is_regex = false;
  std::string source;
  std::string flags;
};

// What JsValue cannot carry of ctx.process's options.
struct ProcessRaw {
  ProbeRaw ready, health;
  uint64_t on_exit = 0;   // the retained onExit function
  uint64_t on_watch = 0;  // the retained onWatch function
};

// `ready` or `health` (`option`) of ctx.process; Kind::kNone when absent.
absl::StatusOr<ProbeSpec> ParseProbe(const JsValue& options,
                                     const std::string& option,
                                     const ProbeRaw& raw,
                                     const std::string& dir);

// `service(name, options)`. InvalidArgument "option \"x\" ..." on a bad
// name, unknown key or wrong type.
absl::StatusOr<ServiceOptions> ParseServiceOptions(const std::string& name,
                                                   const JsValue& options);

// `ctx.process(options)`. Relative cwd is resolved against `dir` (the
// service file's directory), which is also the default cwd.
absl::StatusOr<engine::ProcessSpec> ParseProcessOptions(const JsValue& options,
                                                        const std::string& dir);

// `ctx.exec({cmd, args, cwd, env, timeout})`.
absl::StatusOr<ExecOptions> ParseExecOptions(const JsValue& options,
                                             const std::string& dir);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_OPTIONS_H_
