// The service layer across its two threads: ServiceHost on the supervising
// loop (the harness's), the ServiceManager and its JavaScript on the
// script thread, commands and replies between them, real processes. Also
// what ThreadSanitizer checks of the crossing (RUNY_SANITIZE=thread).
#include "server/script/host/service_host.h"

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/engine_harness.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy::script {
namespace {

using ::runy::testing::EngineHarness;
using ::runy::testing::IsOk;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::HasSubstr;

class ServiceHostTest : public ::testing::Test {
 protected:
  // Starts the host with `files` on the harness's loop.
  void StartHost(std::vector<std::string> files,
                 absl::Duration budget = absl::Seconds(1)) {
    ServiceManagerOptions options;
    options.paths = std::move(files);
    options.runtime.exec_timeout = budget;
    h_.Do([&](engine::Engine& engine) {
      auto host = ServiceHost::Start(h_.loop(), &engine, &h_.sink(), nullptr,
                                     nullptr, std::move(options));
      ASSERT_THAT(host.status(), IsOk());
      host_ = std::move(*host);
      host_->LoadAndStart();
    });
  }
  void TearDown() override {
    h_.Do([&](engine::Engine&) { host_.reset(); });
  }

  // Runs `fn` with the host on the supervising loop and waits for it.
  template <typename T>
  T OnLoop(std::function<T(ServiceHost*)> fn) {
    return h_.Call<T>([&](engine::Engine&) { return fn(host_.get()); });
  }
  // Starts (or stops) `name` and waits for the reply, which must come on
  // the supervising loop.
  absl::Status Command(const std::string& name, bool start) {
    auto done = std::make_shared<std::promise<std::pair<absl::Status, bool>>>();
    loop::EventLoop* loop = h_.loop();
    auto reply = [done, loop](absl::Status s) {
      done->set_value({s, loop->InLoopThread()});
    };
    h_.Do([&](engine::Engine&) {
      if (start) {
        host_->Start(name, /*wait=*/true, reply);
      } else {
        host_->Stop(name, reply);
      }
    });
    auto [status, on_loop] = done->get_future().get();
    EXPECT_TRUE(on_loop);
    return status;
  }
  control::ServiceState StateOf(const std::string& name) {
    return OnLoop<control::ServiceState>([&](ServiceHost* host) {
      for (const auto& s : host->SnapshotAll()) {
        if (s.name == name) return s.state;
      }
      return control::ServiceState::kStopped;
    });
  }

  TempDir dir_;
  EngineHarness h_;
  std::unique_ptr<ServiceHost> host_;
};

TEST_F(ServiceHostTest, CommandsRunOnTheScriptThreadAndRepliesComeBack) {
  StartHost({dir_.WriteFile("web.js", R"js(
service("web").run(async (ctx) => {
  await ctx.process({ alias: "server", cmd: "sleep", args: ["1000"] });
});
)js")});
  EXPECT_TRUE(OnLoop<bool>([](ServiceHost* h) { return h->Has("web"); }));
  ASSERT_THAT(Command("web", /*start=*/true), IsOk());
  // The view is published before the reply: no wait needed.
  EXPECT_EQ(StateOf("web"), control::ServiceState::kRunning);
  engine::ProcessSnapshot server = h_.Snapshot("server");
  EXPECT_EQ(server.state, engine::ProcessState::kRunning);
  EXPECT_EQ(server.service, "web");
  ASSERT_THAT(Command("web", /*start=*/false), IsOk());
  EXPECT_EQ(StateOf("web"), control::ServiceState::kStopped);
  EXPECT_EQ(h_.Snapshot("server").state, engine::ProcessState::kStopped);
}

TEST_F(ServiceHostTest, TheViewAnswersWhileTheScriptThreadIsBusy) {
  StartHost({dir_.WriteFile("spin.js", R"js(
function spin() { setTimeout(spin, 0); for (;;) {} }
service("spin", { autostart: true }).run(async () => { setTimeout(spin, 0); });
)js")});
  ASSERT_TRUE(WaitFor(
      [&] { return StateOf("spin") == control::ServiceState::kRunning; }));
  for (int i = 0; i < 20; ++i) {
    absl::Time t0 = absl::Now();
    EXPECT_EQ(StateOf("spin"), control::ServiceState::kRunning);
    EXPECT_LT(absl::Now() - t0, absl::Milliseconds(500));
    absl::SleepFor(absl::Milliseconds(50));
  }
}

TEST_F(ServiceHostTest, AnAliasOfAnotherServiceIsRefusedAndNeverTouched) {
  engine::ProcessSpec theirs = testing::ShellSpec("shared", "sleep 1000");
  theirs.service = "other";
  ASSERT_THAT(h_.Define(theirs), IsOk());
  ASSERT_THAT(h_.Start("shared"), IsOk());
  StartHost({dir_.WriteFile("mine.js", R"js(
service("mine").run(async (ctx) => {
  await ctx.process({ alias: "shared", cmd: "sleep", args: ["1000"] });
});
)js")});
  absl::Status started = Command("mine", /*start=*/true);
  EXPECT_THAT(std::string(started.message()), HasSubstr("shared"));
  EXPECT_EQ(StateOf("mine"), control::ServiceState::kFailed);
  ASSERT_THAT(Command("mine", /*start=*/false), IsOk());
  EXPECT_EQ(h_.Snapshot("shared").state, engine::ProcessState::kRunning);
  EXPECT_EQ(h_.Snapshot("shared").service, "other");
}

TEST_F(ServiceHostTest, ShutdownWhileATurnRunsEndsWithItsBudget) {
  StartHost({dir_.WriteFile("spin.js", R"js(
function spin() { setTimeout(spin, 0); for (;;) {} }
service("spin", { autostart: true }).run(async () => { setTimeout(spin, 0); });
)js")},
            absl::Milliseconds(300));
  ASSERT_TRUE(WaitFor(
      [&] { return StateOf("spin") == control::ServiceState::kRunning; }));
  absl::SleepFor(absl::Milliseconds(100));  // into a spinning turn
  absl::Time t0 = absl::Now();
  h_.Do([&](engine::Engine&) { host_->Shutdown(); });
  EXPECT_LT(absl::Now() - t0, absl::Seconds(3));
}

TEST_F(ServiceHostTest, RepliesInFlightAtShutdownAreDropped) {
  StartHost({dir_.WriteFile("jobs.js", R"js(
service("jobs", { autostart: true }).run(async (ctx) => {
  for (;;) await ctx.exec({ cmd: "sleep", args: ["0.05"] });
});
)js")});
  ASSERT_TRUE(WaitFor(
      [&] { return StateOf("jobs") == control::ServiceState::kStarting; }));
  absl::SleepFor(absl::Milliseconds(200));
  h_.Do([&](engine::Engine&) { host_->Shutdown(); });
  // The exec that was running exits later; its reply has nowhere to go.
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_FALSE(OnLoop<bool>([](ServiceHost* h) { return h->Has("nothing"); }));
}

}  // namespace
}  // namespace runy::script
