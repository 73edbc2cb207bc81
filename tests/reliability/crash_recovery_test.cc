// runyd dies (SIGKILL) while it supervises 50 processes, some of them in
// backoff; the next runyd on the same state directory ends what the dead
// one left running before it starts anything, then starts every service
// once: no duplicates, no orphans, and the logs written before the kill
// are intact. The real runyd and runy, real processes.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runy/v1/runy.grpc.pb.h"
#include "tests/testing/proc_scan.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::LiveGroupsByAlias;
using ::runy::testing::ReadFile;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::HasSubstr;

constexpr int kQuiet = 20;   // sleep, print nothing: they outlive runyd
constexpr int kChatty = 25;  // print a line every 100 ms
constexpr int kBackoff = 5;  // exit at once; the next start is 60 s away

// Aliases start with "cr" so that the scan of /proc sees only this test's.
std::string ServiceFile() {
  return absl::StrCat(R"js(
service("fleet", { autostart: true }).run(async (ctx) => {
  for (let i = 0; i < )js",
                      kQuiet, R"js(; i++) {
    await ctx.process({ alias: `crq-${i}`, cmd: "sh",
      args: ["-c", "echo up; exec sleep 600"] });
  }
  for (let i = 0; i < )js",
                      kChatty, R"js(; i++) {
    await ctx.process({ alias: `crc-${i}`, cmd: "sh", args: ["-c",
      "n=0; while :; do n=$((n+1)); echo line $n; sleep 0.1; done"] });
  }
  for (let i = 0; i < )js",
                      kBackoff, R"js(; i++) {
    await ctx.process({ alias: `crb-${i}`, cmd: "sh", args: ["-c", "exit 1"],
      restart: { kind: "fixed", delay: 60000 } });
  }
});
)js");
}

class Fleet {
 public:
  explicit Fleet(const Daemon& d)
      : stub_(v1::Runy::NewStub(grpc::CreateChannel(
            "unix:" + d.socket(), grpc::InsecureChannelCredentials()))) {}

  // alias -> pid of every process runyd reports as running.
  bool Running(std::map<std::string, int>* pids, int* backoff) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    v1::StatusResponse status;
    if (!stub_->Status(&context, v1::StatusRequest(), &status).ok()) {
      return false;
    }
    pids->clear();
    *backoff = 0;
    for (const auto& p : status.processes()) {
      if (p.state() == v1::PROCESS_STATE_RUNNING) (*pids)[p.alias()] = p.pid();
      if (p.state() == v1::PROCESS_STATE_BACKOFF) ++*backoff;
    }
    return true;
  }

  bool AllUp(std::map<std::string, int>* pids) {
    int backoff = 0;
    return Running(pids, &backoff) &&
           pids->size() == static_cast<size_t>(kQuiet + kChatty) &&
           backoff == kBackoff;
  }

 private:
  std::unique_ptr<v1::Runy::Stub> stub_;
};

TEST(CrashRecoveryTest, AKilledRunydLeavesNoDuplicateAndNoOrphan) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("fleet.js", ServiceFile()),
            "--log-level", "info"});
  ASSERT_TRUE(d.ready()) << d.log();
  Fleet fleet(d);
  std::map<std::string, int> before;
  ASSERT_TRUE(WaitFor([&] { return fleet.AllUp(&before); }, absl::Seconds(60)))
      << d.log();
  // Some output in every chatty log first.
  std::string logs = d.state_dir() + "/logs/";
  ASSERT_TRUE(WaitFor(
      [&] {
        for (int i = 0; i < kChatty; ++i) {
          if (ReadFile(absl::StrCat(logs, "crc-", i, ".log"))
                  .find("line 3\n") == std::string::npos) {
            return false;
          }
        }
        return true;
      },
      absl::Seconds(30)));

  d.Kill();
  std::map<std::string, std::string> written;
  for (int i = 0; i < kChatty; ++i) {
    std::string alias = absl::StrCat("crc-", i);
    written[alias] = ReadFile(logs + alias + ".log");
  }
  // The quiet ones outlive runyd (nothing makes them write to its pipes).
  std::map<std::string, std::set<pid_t>> orphans = LiveGroupsByAlias("cr");
  int survivors = 0;
  for (int i = 0; i < kQuiet; ++i) {
    survivors += orphans.count(absl::StrCat("crq-", i));
  }
  EXPECT_EQ(survivors, kQuiet) << "the quiet processes should still run";

  ASSERT_TRUE(d.Relaunch()) << d.log();
  std::map<std::string, int> after;
  ASSERT_TRUE(WaitFor([&] { return fleet.AllUp(&after); }, absl::Seconds(60)))
      << d.log();
  // Settled: nothing of the old runyd is still on its way out.
  std::map<std::string, std::set<pid_t>> live = LiveGroupsByAlias("cr");
  for (const auto& [alias, pid] : after) {
    EXPECT_THAT(live[alias], ::testing::ElementsAre(pid))
        << alias << ": exactly the one process runyd supervises";
    EXPECT_NE(before[alias], pid) << alias;
  }
  for (const auto& [alias, groups] : live) {
    EXPECT_EQ(after.count(alias), 1u)
        << alias << " runs unsupervised (groups " << groups.size() << ")";
  }
  for (const auto& [alias, text] : written) {
    std::string now = ReadFile(logs + alias + ".log");
    EXPECT_EQ(now.compare(0, text.size(), text), 0)
        << alias << ": the log written before the kill changed";
  }
  // The quiet ones at least (a chatty one may have died of SIGPIPE).
  EXPECT_THAT(d.log(), ::testing::ContainsRegex(
                           "ended [0-9]+ process\\(es\\) an earlier runyd "
                           "left running \\([0-9]+ stopped, 0 killed\\)"));
  EXPECT_THAT(d.Runy({"logs", "-n", "20", "crq-0"}).out,
              HasSubstr("was left running by an earlier runyd: stopping it"));
}

TEST(CrashRecoveryTest, ASecondRunydOnTheSameStateDirectoryRefusesToStart) {
  Daemon d({"--log-level", "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  testing::RunResult second = testing::RunCommand(
      {testing::BinaryPath("RUNYD"), "--socket", d.dir() + "/other.sock",
       "--state-dir", d.state_dir()});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_THAT(second.err,
              HasSubstr(absl::StrCat("another runyd (pid ", d.pid(),
                                     ", socket ", d.socket(), ")")));
  EXPECT_THAT(second.err, HasSubstr(d.state_dir()));
}

TEST(CrashRecoveryTest, AProcessAUserStoppedStaysStoppedAcrossRestarts) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("pair.js", R"js(
service("pair", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "hold-a", cmd: "sleep", args: ["600"] });
  await ctx.process({ alias: "hold-b", cmd: "sleep", args: ["600"] });
});
)js"),
            "--log-level", "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  auto state_of = [&](const std::string& alias) {
    std::string out = d.Runy({"status", alias}).out;
    for (const char* state : {"running", "stopped", "starting", "backoff"}) {
      if (out.find(state) != std::string::npos) return std::string(state);
    }
    return out;
  };
  ASSERT_TRUE(WaitFor([&] { return state_of("hold-b") == "running"; }));
  ASSERT_EQ(d.Runy({"stop", "hold-a"}).exit_code, 0);
  ASSERT_EQ(state_of("hold-a"), "stopped");

  // A crash, then a clean restart: hold-a stays stopped, hold-b comes back.
  d.Kill();
  ASSERT_TRUE(d.Relaunch()) << d.log();
  ASSERT_TRUE(WaitFor([&] { return state_of("hold-b") == "running"; }));
  EXPECT_EQ(state_of("hold-a"), "stopped");
  EXPECT_THAT(d.Runy({"logs", "-n", "5", "hold-a"}).out,
              HasSubstr("not started: a user stopped it"));
  ASSERT_TRUE(d.Relaunch()) << d.log();
  ASSERT_TRUE(WaitFor([&] { return state_of("hold-b") == "running"; }));
  EXPECT_EQ(state_of("hold-a"), "stopped");
  EXPECT_TRUE(LiveGroupsByAlias("hold-a").empty());

  // Started by the user: it runs, and comes back after a restart.
  ASSERT_EQ(d.Runy({"start", "hold-a"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return state_of("hold-a") == "running"; }));
  ASSERT_TRUE(d.Relaunch()) << d.log();
  EXPECT_TRUE(WaitFor([&] { return state_of("hold-a") == "running"; }));
}

}  // namespace
}  // namespace runy
