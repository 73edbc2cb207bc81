#include "server/handoff/handoff.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/errno_status.h"
#include "server/handoff/handoff.pb.h"

namespace runy::handoff {
namespace {

using wire::Command;
using wire::Duration;
using wire::Exec;
using wire::Exit;
using wire::Partial;
using wire::Pipe;
using wire::Process;
using wire::Restart;
using wire::Spec;

constexpr int kVersion = 1;

using engine::ExecImage;
using engine::PipeImage;
using engine::ProcessImage;
using engine::ProcessSpec;

void SetDuration(absl::Duration d, Duration* out) {
  if (d < absl::InfiniteDuration()) out->set_nanos(absl::ToInt64Nanoseconds(d));
}

absl::Duration GetDuration(const Duration& d) {
  return d.has_nanos() ? absl::Nanoseconds(d.nanos())
                       : absl::InfiniteDuration();
}

int64_t ToNs(absl::Duration d) { return absl::ToInt64Nanoseconds(d); }

void ToProto(const ProcessSpec& s, Spec* out) {
  out->set_alias(s.alias);
  out->set_service(s.service);
  Command* c = out->mutable_command();
  c->set_cmd(s.command.cmd);
  for (const std::string& a : s.command.args) c->add_args(a);
  c->set_cwd(s.command.cwd);
  for (const auto& [k, v] : s.command.env) {
    c->add_env_keys(k);
    c->add_env_values(v);
  }
  const engine::RestartSpec& r = s.restart;
  Restart* rp = out->mutable_restart();
  rp->set_kind(static_cast<int>(r.kind));
  rp->set_delay_ns(ToNs(r.delay));
  rp->set_initial_delay_ns(ToNs(r.initial_delay));
  SetDuration(r.max_delay, rp->mutable_max_delay());
  rp->set_multiplier(r.multiplier);
  rp->set_jitter(r.jitter);
  rp->set_max_restarts(r.max_restarts);
  SetDuration(r.reset_after, rp->mutable_reset_after());
  rp->set_crash_loop_after(r.crash_loop.after);
  rp->set_crash_loop_quick_exit_ns(ToNs(r.crash_loop.quick_exit));
  rp->set_crash_loop_max_delay_ns(ToNs(r.crash_loop.max_delay));
  out->set_stop_signal(s.stop_signal);
  out->set_stop_timeout_ns(ToNs(s.stop_timeout));
  for (const std::string& w : s.watch) out->add_watch(w);
  for (const std::string& i : s.ignore) out->add_ignore(i);
  out->set_watch_debounce_ns(ToNs(s.watch_debounce));
  out->set_watch_settle_ns(
      s.watch_settle == absl::InfiniteDuration() ? -1 : ToNs(s.watch_settle));
  out->set_origin(s.origin);
}

ProcessSpec FromProto(const Spec& p) {
  ProcessSpec s;
  s.alias = p.alias();
  s.service = p.service();
  s.command.cmd = p.command().cmd();
  s.command.args.assign(p.command().args().begin(), p.command().args().end());
  s.command.cwd = p.command().cwd();
  for (int i = 0;
       i < p.command().env_keys_size() && i < p.command().env_values_size();
       ++i) {
    s.command.env.emplace_back(p.command().env_keys(i),
                               p.command().env_values(i));
  }
  const Restart& r = p.restart();
  s.restart.kind = static_cast<engine::RestartSpec::Kind>(r.kind());
  s.restart.delay = absl::Nanoseconds(r.delay_ns());
  s.restart.initial_delay = absl::Nanoseconds(r.initial_delay_ns());
  s.restart.max_delay = GetDuration(r.max_delay());
  s.restart.multiplier = r.multiplier();
  s.restart.jitter = r.jitter();
  s.restart.max_restarts = r.max_restarts();
  s.restart.reset_after = GetDuration(r.reset_after());
  s.restart.crash_loop.after = r.crash_loop_after();
  s.restart.crash_loop.quick_exit =
      absl::Nanoseconds(r.crash_loop_quick_exit_ns());
  s.restart.crash_loop.max_delay =
      absl::Nanoseconds(r.crash_loop_max_delay_ns());
  s.stop_signal = p.stop_signal();
  s.stop_timeout = absl::Nanoseconds(p.stop_timeout_ns());
  s.watch.assign(p.watch().begin(), p.watch().end());
  s.ignore.assign(p.ignore().begin(), p.ignore().end());
  s.watch_debounce = absl::Nanoseconds(p.watch_debounce_ns());
  if (p.has_watch_settle_ns()) {
    s.watch_settle = p.watch_settle_ns() < 0
                         ? absl::InfiniteDuration()
                         : absl::Nanoseconds(p.watch_settle_ns());
  }
  s.origin = p.origin();
  return s;
}

int64_t UnixNs(absl::Time t) { return absl::ToUnixNanos(t); }

void ToProto(const engine::ExitInfo& exit, Exit* out) {
  out->set_exited(exit.exited);
  out->set_code(exit.code);
  out->set_signal(exit.signal);
  out->set_at_unix_ns(UnixNs(exit.at));
}

engine::ExitInfo FromProto(const Exit& p) {
  engine::ExitInfo exit;
  exit.exited = p.exited();
  exit.code = p.code();
  exit.signal = p.signal();
  exit.at = absl::FromUnixNanos(p.at_unix_ns());
  return exit;
}

void ToProto(const PipeImage& pipe, Pipe* out) {
  out->set_fd(pipe.fd);
  out->set_stream(static_cast<int>(pipe.stream));
  out->set_run(pipe.run);
}

PipeImage FromProto(const Pipe& p) {
  return PipeImage{p.fd(), static_cast<engine::Stream>(p.stream()), p.run()};
}

void ToProto(const ProcessImage& image, Process* out) {
  ToProto(image.spec, out->mutable_spec());
  out->set_state(static_cast<int>(image.state));
  out->set_pid(image.pid);
  out->set_pgid(image.pgid);
  out->set_run(image.run);
  out->set_uptime_ns(ToNs(image.uptime));
  if (image.started_wall != absl::InfinitePast()) {
    out->set_started_unix_ns(UnixNs(image.started_wall));
  }
  if (image.next_restart_wall != absl::InfinitePast()) {
    out->set_next_restart_unix_ns(UnixNs(image.next_restart_wall));
  }
  out->set_restarts(image.restarts);
  out->set_quick_exits(image.quick_exits);
  ToProto(image.last_exit, out->mutable_last_exit());
  for (const engine::ExitRecord& r : image.recent_exits) {
    wire::ExitRecord* record = out->add_recent_exits();
    ToProto(r.exit, record->mutable_exit());
    record->set_run(r.run);
    record->set_uptime_ns(ToNs(r.uptime));
    record->set_outcome(r.outcome);
  }
  out->set_reason(image.reason);
  SetDuration(image.restart_in, out->mutable_restart_in());
  SetDuration(image.kill_in, out->mutable_kill_in());
  SetDuration(image.reset_in, out->mutable_reset_in());
  SetDuration(image.crash_loop_in, out->mutable_crash_loop_in());
  out->set_user_stop(image.user_stop);
  out->set_restart_after_stop(image.restart_after_stop);
  out->set_change_restart(image.change_restart);
  for (const PipeImage& pipe : image.pipes) ToProto(pipe, out->add_pipes());
}

ProcessImage FromProto(const Process& p) {
  ProcessImage image;
  image.spec = FromProto(p.spec());
  image.state = static_cast<engine::ProcessState>(p.state());
  image.pid = p.pid();
  image.pgid = p.pgid();
  image.run = p.run();
  image.uptime = absl::Nanoseconds(p.uptime_ns());
  if (p.has_started_unix_ns()) {
    image.started_wall = absl::FromUnixNanos(p.started_unix_ns());
  }
  if (p.has_next_restart_unix_ns()) {
    image.next_restart_wall = absl::FromUnixNanos(p.next_restart_unix_ns());
  }
  image.restarts = p.restarts();
  image.quick_exits = p.quick_exits();
  image.last_exit = FromProto(p.last_exit());
  for (const wire::ExitRecord& r : p.recent_exits()) {
    image.recent_exits.push_back(
        engine::ExitRecord{FromProto(r.exit()), r.run(),
                           absl::Nanoseconds(r.uptime_ns()), r.outcome()});
  }
  image.reason = p.reason();
  image.restart_in = GetDuration(p.restart_in());
  image.kill_in = GetDuration(p.kill_in());
  image.reset_in = GetDuration(p.reset_in());
  image.crash_loop_in = GetDuration(p.crash_loop_in());
  image.user_stop = p.user_stop();
  image.restart_after_stop = p.restart_after_stop();
  image.change_restart = p.change_restart();
  for (const Pipe& pipe : p.pipes()) image.pipes.push_back(FromProto(pipe));
  return image;
}

bool KeepOpenAcrossExec(int fd) {
  if (fd < 0) return true;
  int flags = fcntl(fd, F_GETFD);
  return flags >= 0 && fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) == 0;
}

}  // namespace

std::vector<int> Descriptors(const Handoff& handoff) {
  std::vector<int> fds;
  for (const ProcessImage& p : handoff.engine.processes) {
    for (const PipeImage& pipe : p.pipes) fds.push_back(pipe.fd);
  }
  for (const ExecImage& e : handoff.engine.execs) {
    for (const PipeImage& pipe : e.pipes) fds.push_back(pipe.fd);
  }
  for (int fd :
       {handoff.state_lock_fd, handoff.socket_lock_fd, handoff.socket_fd}) {
    if (fd >= 0) fds.push_back(fd);
  }
  return fds;
}

absl::StatusOr<int> Write(const Handoff& handoff) {
  wire::Handoff proto;
  proto.set_version(kVersion);
  for (const ProcessImage& p : handoff.engine.processes) {
    ToProto(p, proto.add_processes());
  }
  for (const ExecImage& e : handoff.engine.execs) {
    Exec* exec = proto.add_execs();
    exec->set_pid(e.pid);
    exec->set_log_name(e.log_name);
    for (const PipeImage& pipe : e.pipes) ToProto(pipe, exec->add_pipes());
  }
  proto.set_exec_runs(handoff.engine.exec_runs);
  for (const logs::LogSink::Partial& p : handoff.partials) {
    Partial* partial = proto.add_partials();
    partial->set_alias(p.alias);
    partial->set_run(p.run);
    partial->set_stream(static_cast<int>(p.stream));
    partial->set_bytes(p.bytes);
  }
  proto.set_state_lock_fd(handoff.state_lock_fd);
  proto.set_socket_lock_fd(handoff.socket_lock_fd);
  proto.set_socket_fd(handoff.socket_fd);
  proto.set_generation(handoff.generation);
  std::string bytes;
  if (!proto.SerializeToString(&bytes)) {
    return absl::InternalError("cannot serialize the handoff");
  }
  // Not MFD_CLOEXEC: the next image reads it.
  int fd = memfd_create("runyd-handoff", 0);
  if (fd < 0) return ErrnoToStatus(errno, "memfd_create");
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      close(fd);
      return ErrnoToStatus(err, "write the handoff");
    }
    done += static_cast<size_t>(n);
  }
  for (int d : Descriptors(handoff)) {
    if (!KeepOpenAcrossExec(d)) {
      int err = errno;
      close(fd);
      return ErrnoToStatus(err, absl::StrCat("keep descriptor ", d, " open"));
    }
  }
  return fd;
}

absl::StatusOr<Handoff> Read(int fd) {
  std::string bytes;
  char buf[65536];
  ssize_t n;
  while ((n = pread(fd, buf, sizeof buf, static_cast<off_t>(bytes.size()))) >
             0 ||
         (n < 0 && errno == EINTR)) {
    if (n > 0) bytes.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  wire::Handoff proto;
  if (n < 0 || !proto.ParseFromString(bytes)) {
    return absl::InvalidArgumentError("the handoff is damaged");
  }
  if (proto.version() < 1 || proto.version() > kVersion) {
    return absl::InvalidArgumentError(
        absl::StrCat("the handoff is of version ", proto.version(),
                     "; this runyd reads up to ", kVersion));
  }
  Handoff handoff;
  for (const Process& p : proto.processes()) {
    handoff.engine.processes.push_back(FromProto(p));
  }
  for (const Exec& e : proto.execs()) {
    ExecImage exec;
    exec.pid = e.pid();
    exec.log_name = e.log_name();
    for (const Pipe& pipe : e.pipes()) exec.pipes.push_back(FromProto(pipe));
    handoff.engine.execs.push_back(std::move(exec));
  }
  handoff.engine.exec_runs = proto.exec_runs();
  for (const Partial& p : proto.partials()) {
    handoff.partials.push_back(logs::LogSink::Partial{
        p.alias(), p.run(), static_cast<engine::Stream>(p.stream()),
        p.bytes()});
  }
  handoff.state_lock_fd = proto.state_lock_fd();
  handoff.socket_lock_fd = proto.socket_lock_fd();
  handoff.socket_fd = proto.socket_fd();
  handoff.generation = proto.generation();
  // Each descriptor goes back to close-on-exec: children must not get them.
  for (int d : Descriptors(handoff)) {
    int flags = fcntl(d, F_GETFD);
    if (flags < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the handoff names descriptor ", d, ", which is closed"));
    }
    fcntl(d, F_SETFD, flags | FD_CLOEXEC);
  }
  return handoff;
}

}  // namespace runy::handoff
