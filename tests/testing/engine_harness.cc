#include "tests/testing/engine_harness.h"

#include <signal.h>

#include "tests/testing/wait.h"

namespace runy::testing {
namespace {

// SIGCHLD must be blocked in every thread for the loop's signalfd to see it
// (as runyd's main() does): do it before main(), so threads that tests start
// before the harness (a LogStore's writer, say) inherit the mask.
const bool kChildSignalsBlocked = [] {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  return pthread_sigmask(SIG_BLOCK, &set, nullptr) == 0;
}();

}  // namespace

void RecordingSink::OnOutput(const std::string& alias, int, engine::Stream,
                             absl::string_view bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  output_[alias].append(bytes.data(), bytes.size());
}

void RecordingSink::OnSystem(const std::string& alias, int,
                             absl::string_view text) {
  std::lock_guard<std::mutex> lock(mu_);
  system_[alias].emplace_back(text);
}

void RecordingSink::OnStreamEnd(const std::string& alias, int, engine::Stream) {
  std::lock_guard<std::mutex> lock(mu_);
  ++ends_[alias];
}

int RecordingSink::StreamEnds(const std::string& alias) {
  std::lock_guard<std::mutex> lock(mu_);
  return ends_[alias];
}

std::string RecordingSink::Output(const std::string& alias) {
  std::lock_guard<std::mutex> lock(mu_);
  return output_[alias];
}

std::vector<std::string> RecordingSink::SystemLines(const std::string& alias) {
  std::lock_guard<std::mutex> lock(mu_);
  return system_[alias];
}

EngineHarness::EngineHarness(engine::OutputSink* sink) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  loop_ = std::move(*loop::EventLoop::Create());
  engine_ = std::make_unique<engine::Engine>(loop_.get(), sink ? sink : &sink_);
  engine::Engine::BecomeSubreaper().IgnoreError();
  loop_
      ->WatchSignals({SIGCHLD},
                     [this](const signalfd_siginfo&) { engine_->Reap(); })
      .IgnoreError();
  engine_->Observe([this](const engine::ProcessSnapshot& s) {
    std::lock_guard<std::mutex> lock(mu_);
    changes_.push_back(
        {s.alias, s.state, loop::MonotonicNow(), s.pid, s.restarting});
  });
  thread_ = std::thread([this] { loop_->Run(); });
}

EngineHarness::~EngineHarness() {
  std::promise<void> stopped;
  loop_->Post([&] { engine_->StopAll([&] { stopped.set_value(); }); });
  stopped.get_future().wait_for(std::chrono::seconds(30));
  loop_->Post([this] {
    engine_.reset();
    loop_->Quit();
  });
  thread_.join();
}

void EngineHarness::Do(std::function<void(engine::Engine&)> fn) {
  Call<int>([&](engine::Engine& e) {
    fn(e);
    return 0;
  });
}

absl::Status EngineHarness::Define(const engine::ProcessSpec& spec) {
  return Call<absl::Status>([&](engine::Engine& e) { return e.Define(spec); });
}

absl::Status EngineHarness::Start(const std::string& alias) {
  return Call<absl::Status>([&](engine::Engine& e) { return e.Start(alias); });
}

bool EngineHarness::StopAndWait(const std::string& alias,
                                absl::Duration timeout) {
  auto done = std::make_shared<std::promise<void>>();
  Do([&](engine::Engine& e) {
    e.Stop(alias, [done] { done->set_value(); }).IgnoreError();
  });
  return done->get_future().wait_for(absl::ToChronoMilliseconds(timeout)) ==
         std::future_status::ready;
}

engine::ProcessSnapshot EngineHarness::Snapshot(const std::string& alias) {
  return Call<engine::ProcessSnapshot>(
      [&](engine::Engine& e) { return e.Snapshot(alias).value(); });
}

bool EngineHarness::WaitForState(const std::string& alias,
                                 engine::ProcessState state,
                                 absl::Duration timeout) {
  return WaitFor([&] { return Snapshot(alias).state == state; }, timeout);
}

std::vector<StateChange> EngineHarness::Changes(const std::string& alias) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<StateChange> out;
  for (const auto& c : changes_) {
    if (c.alias == alias) out.push_back(c);
  }
  return out;
}

engine::ProcessSpec ShellSpec(const std::string& alias,
                              const std::string& script) {
  engine::ProcessSpec spec;
  spec.alias = alias;
  spec.service = "test";
  spec.command.cmd = "sh";
  spec.command.args = {"-c", script};
  return spec;
}

}  // namespace runy::testing
