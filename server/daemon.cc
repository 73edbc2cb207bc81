#include "server/daemon.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/state_writer.h"
#include "common/status_macros.h"
#include "server/api/access.h"
#include "server/api/rpc_server.h"
#include "server/api/runy_service.h"
#include "server/control/controller.h"
#include "server/engine/engine.h"
#include "server/logs/log_sink.h"
#include "server/logs/log_store.h"
#include "server/loop/event_loop.h"
#include "server/script/host/service_host.h"
#include "server/state/held_processes.h"
#include "server/state/instance_records.h"
#include "server/state/leftovers.h"
#include "server/state/state_lock.h"
#include "server/watch/glob.h"
#include "server/watch/watcher.h"
#include "spdlog/spdlog.h"

namespace runy {

// Reloads when a service file (or a *.js file in a services directory)
// changes: runyd --watch-services.
absl::Status WatchServiceFiles(watch::Watcher* watcher,
                               const std::vector<std::string>& paths,
                               std::function<void()> reload) {
  for (const std::string& path : paths) {
    watch::WatchSpec spec;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      spec.base_dir = path;
      spec.patterns = {"*.js"};
    } else {
      std::filesystem::path p = std::filesystem::absolute(path, ec);
      spec.base_dir = p.parent_path().string();
      spec.patterns = {watch::EscapeGlob(p.filename().string())};
    }
    spec.debounce = absl::Milliseconds(100);
    auto id = watcher->Add(
        spec, [reload](const std::vector<std::string>&) { reload(); });
    if (!id.ok()) return id.status();
  }
  return absl::OkStatus();
}

// Refuses what would expose runyd: TCP is never served without a token,
// nor beyond loopback without TLS.
absl::Status CheckListenOptions(const DaemonOptions& options) {
  bool tls = !options.tls_cert.empty() || !options.tls_key.empty();
  if (tls && (options.tls_cert.empty() || options.tls_key.empty())) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!options.tls_client_ca.empty() && !tls) {
    return absl::InvalidArgumentError(
        "--tls-client-ca needs --tls-cert and --tls-key");
  }
  for (const Address& address : options.listen) {
    if (options.token_file.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--listen ", address.ToGrpcTarget(),
          " needs --token-file: TCP is never served without a token, "
          "loopback included (scripts/gen-certs makes one)"));
    }
    if (!tls && !IsLoopbackHost(address.host)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--listen ", address.ToGrpcTarget(),
          " is not a loopback address: it needs --tls-cert and --tls-key"));
    }
  }
  return absl::OkStatus();
}

absl::Status RunDaemon(const DaemonOptions& options) {
  RUNY_RETURN_IF_ERROR(CheckListenOptions(options));
  api::AccessOptions access_options;
  access_options.allow_load_dirs = options.allow_load;
  if (!options.token_file.empty()) {
    auto tokens = api::LoadTokenFile(options.token_file);
    if (!tokens.ok()) return tokens.status();
    access_options.tokens = std::move(*tokens);
  }
  std::optional<gid_t> socket_group;
  if (!options.socket_group.empty()) {
    auto gid = api::ResolveGroup(options.socket_group);
    if (!gid.ok()) return gid.status();
    socket_group = *gid;
  }
  api::AccessControl access(std::move(access_options));
  const std::optional<handoff::Handoff>& handed = options.handoff;
  // One runyd a state directory, for its whole life (re-execs included).
  absl::StatusOr<state::StateLock> state_lock =
      handed.has_value()
          ? state::StateLock::Adopt(UniqueFd(handed->state_lock_fd))
          : state::StateLock::Acquire(options.state_dir, options.socket_path);
  if (!state_lock.ok()) return state_lock.status();
  // Before the engine, which reports to it until its last process is gone.
  state::InstanceRecords instances(options.state_dir + "/instances");

  auto loop_or = loop::EventLoop::Create();
  if (!loop_or.ok()) return loop_or.status();
  std::unique_ptr<loop::EventLoop> loop = std::move(*loop_or);

  absl::Status reaper = engine::Engine::BecomeSubreaper();
  if (!reaper.ok()) spdlog::warn("{}", std::string(reaper.message()));

  logs::StoreOptions store_options;
  store_options.files.dir = options.state_dir + "/logs";
  store_options.files.max_file_bytes = options.log_max_size;
  store_options.files.max_files = options.log_max_files;
  logs::LogStore store(store_options);
  logs::LogSink sink(&store);
  auto watcher_or = watch::Watcher::Create(loop.get());
  if (!watcher_or.ok()) return watcher_or.status();
  std::unique_ptr<watch::Watcher> watcher = std::move(*watcher_or);
  // A cgroup a process where cgroup v2 allows it (cgroup_tree.h).
  std::unique_ptr<engine::CgroupTree> cgroups;
  std::string cgroups_unavailable;
  if (options.cgroups) {
    auto tree = engine::CgroupTree::Open(
        engine::CgroupTree::NameFor(options.state_dir));
    if (tree.ok()) {
      cgroups = std::move(*tree);
    } else {
      cgroups_unavailable = std::string(tree.status().message());
    }
  } else {
    cgroups_unavailable = "--no-cgroups";
  }
  engine::Engine engine(loop.get(), &sink, watcher.get());
  control::Controller controller(&engine, nullptr);
  // Processes a user stopped stay stopped across a restart of runyd.
  // The lists of the state directory, saved off this thread and retried
  // while the disk is full.
  StateWriter state_writer;
  state::HeldProcesses held(options.state_dir + "/stopped", &state_writer);
  controller.set_held(&held);
  controller.set_adhoc_dir(options.state_dir + "/run");

  script::ServiceManagerOptions service_options;
  service_options.paths = options.services;
  service_options.state_file = options.state_dir + "/started";
  service_options.loaded_file = options.state_dir + "/loaded";
  service_options.state_writer = &state_writer;
  // Service-file JavaScript runs on a thread of its own: nothing it does
  // can stall this loop (docs/architecture.md).
  auto services_or = script::ServiceHost::Start(
      loop.get(), &engine, &sink, &store, &held, std::move(service_options));
  if (!services_or.ok()) return services_or.status();
  std::unique_ptr<script::ServiceHost> services = std::move(*services_or);
  controller.set_services(services.get());
  // Set below, once the server exists: the Shutdown RPC's stop and the
  // Reexec RPC's re-exec.
  std::function<void(const char*, bool)> begin_shutdown;
  std::function<absl::Status(const char*)> begin_reexec;
  api::RunyService::DaemonHooks hooks;
  if (cgroups != nullptr) hooks.cgroups = cgroups->path();
  hooks.cgroups_unavailable = cgroups_unavailable;
  hooks.shutdown = [&] { begin_shutdown("Shutdown RPC", false); };
  hooks.reexec = [&](std::string* executable) {
    *executable = options.invocation.executable;
    return begin_reexec("Reexec RPC");
  };
  api::RunyService service(loop.get(), &controller, &engine, &store, &access,
                           std::move(hooks));

  // Signals and file watches first: once the server runs, calls wait on the
  // loop, so nothing may fail between its start and loop->Run().
  std::unique_ptr<api::RpcServer> server;
  std::thread shutdown_thread;
  bool stopping = false;
  bool finishing = false;
  // Shutdown() waits for in-flight calls, which the loop finishes: it runs
  // off the loop thread, then ends the loop.
  auto finish = [&](absl::Duration grace) {
    if (finishing) return;
    finishing = true;
    shutdown_thread = std::thread([&, grace] {
      server->Shutdown(grace);
      loop->Quit();
    });
  };
  // A signal during the graceful stop forces it: whatever still runs is
  // SIGKILLed as the engine goes (its log lines are flushed all the same).
  bool reexecing = false;
  begin_shutdown = [&](const char* why, bool second_forces) {
    if (reexecing) {
      spdlog::warn("{} during a re-exec: ignored (send it again after)", why);
      return;
    }
    if (stopping) {
      if (!second_forces) return;
      spdlog::warn("{} again: not waiting any longer; killing what still runs",
                   why);
      finish(absl::ZeroDuration());
      return;
    }
    stopping = true;
    spdlog::info("{}: stopping every process", why);
    services->StopAll(
        [&] { engine.StopAll([&] { finish(absl::Seconds(2)); }); });
  };
  // Re-exec (docs/reliability.md): the binary on disk must start at all;
  // then the streams end cleanly, the server lets go of the socket (still
  // listening: clients wait in its backlog), the logs are flushed, and the
  // engine, the cut lines and every descriptor go to the next image. Every
  // process keeps running; the pid stays runyd's.
  std::thread reexec_thread;
  begin_reexec = [&](const char* why) -> absl::Status {
    if (stopping) {
      return absl::FailedPreconditionError("runyd is shutting down");
    }
    if (reexecing) return absl::OkStatus();  // under way
    RUNY_RETURN_IF_ERROR(handoff::CheckStarts(options.invocation.executable));
    reexecing = true;
    spdlog::info("{}: re-executing {}; every process keeps running", why,
                 options.invocation.executable);
    // After the reply to the call that asked for it.
    loop->Post([&] {
      service.EndStreams(grpc::Status::OK);
      reexec_thread = std::thread([&] {
        api::ReleasedSocket released = server->ReleaseForExec(absl::Seconds(2));
        loop->Post([&, released = std::make_shared<api::ReleasedSocket>(
                           std::move(released))] {
          // The script thread ends first: nothing it posts can race the
          // export.
          services->Shutdown();
          store.Flush();
          state_writer.Flush();
          handoff::Handoff next;
          next.engine = engine.Export();
          next.partials = sink.ExportPartials();
          next.state_lock_fd = state_lock->Release().release();
          next.socket_lock_fd = released->lock.release();
          next.socket_fd = released->socket.release();
          next.generation = (handed.has_value() ? handed->generation : 0) + 1;
          absl::StatusOr<int> fd = handoff::Write(next);
          absl::Status failed = fd.status();
          if (fd.ok()) {
            failed = handoff::Exec(options.invocation, *fd);
            // The binary on disk started a moment ago; the image that runs
            // now is still there, whatever happened to the file.
            spdlog::error("{}; re-executing the running image instead",
                          std::string(failed.message()));
            handoff::Invocation self = options.invocation;
            self.executable = "/proc/self/exe";
            failed = handoff::Exec(self, *fd);
          }
          // Nothing left to hand over to: stop as SIGTERM would, less the
          // server that is gone already.
          spdlog::error("re-exec failed: {}; runyd stops",
                        std::string(failed.message()));
          std::_Exit(1);
        });
      });
    });
    return absl::OkStatus();
  };
  absl::Status signals = loop->WatchSignals(
      {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR2},
      [&](const signalfd_siginfo& info) {
        switch (info.ssi_signo) {
          case SIGCHLD:
            engine.Reap();
            break;
          case SIGTERM:
            begin_shutdown("SIGTERM", true);
            break;
          case SIGINT:
            begin_shutdown("SIGINT", true);
            break;
          case SIGHUP:
            spdlog::info("SIGHUP: reloading service files");
            controller.Reload([](const control::ReloadResult&) {});
            break;
          case SIGUSR2:
            if (absl::Status s = begin_reexec("SIGUSR2"); !s.ok()) {
              spdlog::error("SIGUSR2: {}", std::string(s.message()));
            }
            break;
        }
      });
  if (!signals.ok()) return signals;
  if (options.watch_services) {
    absl::Status watching =
        WatchServiceFiles(watcher.get(), options.services, [&] {
          spdlog::info("service files changed: reloading");
          controller.Reload([](const control::ReloadResult&) {});
        });
    if (!watching.ok()) return watching;
  }
  api::ListenConfig listen;
  listen.socket_path = options.socket_path;
  listen.socket_group = socket_group;
  listen.tcp = options.listen;
  if (!options.tls_cert.empty()) {
    listen.tls =
        api::TlsFiles{options.tls_cert, options.tls_key, options.tls_client_ca};
  }
  listen.peers = access.peers();
  if (handed.has_value()) {
    listen.inherited_lock_fd = handed->socket_lock_fd;
    listen.inherited_socket_fd = handed->socket_fd;
  }
  auto server_or = api::RpcServer::Start(listen, {&service});
  if (!server_or.ok()) return server_or.status();
  server = std::move(*server_or);
  // Calls wait on the loop until the leftovers are gone and the files are
  // loaded: nothing starts while a process of an earlier runyd still runs.
  std::set<pid_t> handed_pids;
  if (handed.has_value()) {
    for (const auto& p : handed->engine.processes) {
      if (p.pid > 0) handed_pids.insert(p.pid);
    }
    for (const auto& e : handed->engine.execs) handed_pids.insert(e.pid);
  }
  state::LeftoverCounts leftovers = state::EndLeftovers(
      &instances,
      [&](const std::string& alias, const std::string& line) {
        sink.OnSystem(alias, 0, line);  // runyd's log shows it too
      },
      handed_pids);
  if (leftovers.found > 0) {
    spdlog::info(
        "ended {} process(es) an earlier runyd left running ({} stopped, {} "
        "killed)",
        leftovers.found, leftovers.stopped, leftovers.killed);
  }
  if (cgroups != nullptr) {
    std::set<std::string> handed_aliases;
    if (handed.has_value()) {
      for (const auto& p : handed->engine.processes) {
        handed_aliases.insert(p.spec.alias);
      }
    }
    int ended = state::EndCgroupLeftovers(
        cgroups.get(),
        [&](const std::string& alias, const std::string& line) {
          sink.OnSystem(alias, 0, line);
        },
        handed_aliases);
    if (ended > 0) {
      spdlog::info("killed {} process(es) left in the cgroups under {}", ended,
                   cgroups->path());
    }
    engine.set_cgroups(cgroups.get());
    spdlog::info("each process runs in a cgroup of its own under {}",
                 cgroups->path());
  } else {
    spdlog::info("processes are tracked by process group only: {}",
                 cgroups_unavailable);
  }
  engine.set_journal(&instances);
  if (handed.has_value()) {
    // The previous image's processes go on as they were; the services'
    // run() declares them again and finds them running.
    engine.Adopt(handed->engine);
    sink.AdoptPartials(handed->partials);
    spdlog::info("re-executed (#{}): took over {} process(es)",
                 handed->generation, handed->engine.processes.size());
  }
  services->LoadAndStart();
  if (handed.has_value()) {
    // What the services' run() does not declare again goes: at once for a
    // service no file declares any more, else once its run() has settled
    // or it stopped.
    std::set<std::string> known;
    for (const control::ServiceSnapshot& s : services->SnapshotAll()) {
      known.insert(s.name);
    }
    engine.DropAdoptedExcept(known);
    controller.ObserveServices([&](const control::ServiceSnapshot& s) {
      if (s.state == control::ServiceState::kRunning ||
          s.state == control::ServiceState::kStopped ||
          s.state == control::ServiceState::kFailed) {
        engine.DropAdopted(s.name);
      }
    });
  }
  std::string tcp;
  for (const Address& address : options.listen) {
    absl::StrAppend(&tcp, " and ", listen.tls ? "tls://" : "tcp://",
                    address.ToGrpcTarget());
  }
  spdlog::info("runyd listening on unix://{}{}", options.socket_path, tcp);

  loop->Run();
  // The script thread and its heap go before the engine its commands reach.
  services.reset();
  if (shutdown_thread.joinable()) shutdown_thread.join();
  if (reexec_thread.joinable()) reexec_thread.join();
  spdlog::info("runyd stopped");
  return absl::OkStatus();
}

}  // namespace runy
