#include "server/api/convert.h"

#include "server/engine/process_spec.h"

namespace runy::api {
namespace {

v1::ProcessState StateToProto(engine::ProcessState state) {
  using engine::ProcessState;
  switch (state) {
    case ProcessState::kStarting:
      return v1::PROCESS_STATE_STARTING;
    case ProcessState::kRunning:
      return v1::PROCESS_STATE_RUNNING;
    case ProcessState::kBackoff:
      return v1::PROCESS_STATE_BACKOFF;
    case ProcessState::kStopping:
      return v1::PROCESS_STATE_STOPPING;
    case ProcessState::kStopped:
      return v1::PROCESS_STATE_STOPPED;
    case ProcessState::kExited:
      return v1::PROCESS_STATE_EXITED;
    case ProcessState::kFailed:
      return v1::PROCESS_STATE_FAILED;
  }
  return v1::PROCESS_STATE_UNSPECIFIED;
}

v1::ServiceState StateToProto(control::ServiceState state) {
  using control::ServiceState;
  switch (state) {
    case ServiceState::kStopped:
      return v1::SERVICE_STATE_STOPPED;
    case ServiceState::kStarting:
      return v1::SERVICE_STATE_STARTING;
    case ServiceState::kRunning:
      return v1::SERVICE_STATE_RUNNING;
    case ServiceState::kStopping:
      return v1::SERVICE_STATE_STOPPING;
    case ServiceState::kFailed:
      return v1::SERVICE_STATE_FAILED;
  }
  return v1::SERVICE_STATE_UNSPECIFIED;
}

}  // namespace

void ToProto(absl::Time in, google::protobuf::Timestamp* out) {
  timespec ts = absl::ToTimespec(in);
  out->set_seconds(ts.tv_sec);
  out->set_nanos(static_cast<int32_t>(ts.tv_nsec));
}

void ToProto(absl::Duration in, google::protobuf::Duration* out) {
  int64_t ns = absl::ToInt64Nanoseconds(in);
  out->set_seconds(ns / 1000000000);
  out->set_nanos(static_cast<int32_t>(ns % 1000000000));
}

void ToProto(const engine::ExitInfo& in, v1::ExitStatus* out) {
  out->set_exited(in.exited);
  out->set_code(in.code);
  out->set_signal(in.signal);
  if (in.signal != 0) out->set_signal_name(engine::SignalName(in.signal));
  ToProto(in.at, out->mutable_at());
}

void ToProto(const engine::ProcessDetail& in, bool show_env,
             const std::vector<std::string>& log_files,
             v1::ProcessDescription* out) {
  ToProto(in.snapshot, out->mutable_status());
  const engine::ProcessSpec& spec = in.spec;
  out->set_cwd(spec.command.cwd);
  for (const auto& [name, value] : spec.command.env) {
    v1::EnvVar* var = out->add_env();
    var->set_name(name);
    if (show_env) var->set_value(value);
  }
  out->set_restart(engine::DescribeRestart(spec.restart));
  out->set_stop_signal(engine::SignalName(spec.stop_signal));
  ToProto(spec.stop_timeout, out->mutable_stop_timeout());
  for (const std::string& g : spec.watch) out->add_watch(g);
  for (const std::string& g : spec.ignore) out->add_ignore(g);
  ToProto(spec.watch_debounce, out->mutable_watch_debounce());
  for (const std::string& f : log_files) out->add_log_files(f);
  out->set_defined_at(spec.origin);
  for (const engine::ExitRecord& r : in.exits) {
    v1::ExitRecord* record = out->add_recent_exits();
    ToProto(r.exit, record->mutable_exit());
    record->set_run(r.run);
    ToProto(r.uptime, record->mutable_uptime());
    record->set_outcome(r.outcome);
  }
}

void ToProto(const engine::ProcessSnapshot& in, v1::ProcessStatus* out) {
  out->set_alias(in.alias);
  out->set_service(in.service);
  out->set_state(StateToProto(in.state));
  out->set_pid(in.pid);
  if (in.started_at != absl::InfinitePast())
    ToProto(in.started_at, out->mutable_started_at());
  out->set_restarts(in.restarts);
  out->set_crash_looping(in.crash_looping);
  out->set_max_restarts(in.max_restarts < 0 ? 0 : in.max_restarts);
  if (in.last_exit.exited) {
    v1::ExitStatus* exit = out->mutable_last_exit();
    exit->set_exited(true);
    exit->set_code(in.last_exit.code);
    exit->set_signal(in.last_exit.signal);
    if (in.last_exit.signal != 0) {
      exit->set_signal_name(engine::SignalName(in.last_exit.signal));
    }
    ToProto(in.last_exit.at, exit->mutable_at());
  }
  if (in.next_restart_at != absl::InfinitePast()) {
    ToProto(in.next_restart_at, out->mutable_next_restart_at());
  }
  int64_t cpu_ns = absl::ToInt64Nanoseconds(in.cpu_time);
  out->mutable_cpu_time()->set_seconds(cpu_ns / 1000000000);
  out->mutable_cpu_time()->set_nanos(static_cast<int32_t>(cpu_ns % 1000000000));
  out->set_rss_bytes(in.rss_bytes);
  out->set_cpu_percent(in.cpu_percent);
  out->set_reason(in.reason);
  out->set_cmd(in.cmd);
  for (const std::string& arg : in.args) out->add_args(arg);
  out->set_run(in.run);
  out->set_watch_error(in.watch_error);
  out->set_cgroup(in.cgroup);
}

void ToProto(const control::ServiceSnapshot& in, v1::ServiceStatus* out) {
  out->set_name(in.name);
  out->set_state(StateToProto(in.state));
  out->set_description(in.description);
  out->set_autostart(in.autostart);
  out->set_file(in.file);
  out->set_line(in.line);
  out->set_error(in.error);
  for (const std::string& alias : in.aliases) out->add_aliases(alias);
  out->set_waiting_for(in.waiting_for);
  if (in.waiting_since != absl::InfinitePast()) {
    ToProto(in.waiting_since, out->mutable_waiting_since());
  }
  for (const std::string& dep : in.depends_on) out->add_depends_on(dep);
  if (in.next_job != absl::InfiniteFuture()) {
    ToProto(in.next_job, out->mutable_next_job_at());
  }
}

void ToProto(const control::FileError& in, v1::FileError* out) {
  out->set_file(in.file);
  out->set_error(in.error);
}

void ToProto(const control::StatusView& in, v1::StatusResponse* out) {
  for (const auto& s : in.services) ToProto(s, out->add_services());
  for (const auto& p : in.processes) ToProto(p, out->add_processes());
  for (const auto& e : in.file_errors) ToProto(e, out->add_file_errors());
}

void ToProto(const std::vector<control::TargetResult>& in,
             google::protobuf::RepeatedPtrField<v1::TargetResult>* out) {
  for (const control::TargetResult& r : in) {
    v1::TargetResult* t = out->Add();
    t->set_name(r.name);
    t->set_kind(r.kind == control::TargetKind::kService
                    ? v1::TargetResult::KIND_SERVICE
                    : v1::TargetResult::KIND_PROCESS);
    t->set_ok(r.status.ok());
    t->set_error(std::string(r.status.message()));
  }
}

}  // namespace runy::api
