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
};

struct ExecOptions {
  engine::CommandSpec command;
  absl::Duration timeout = absl::InfiniteDuration();
};

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
