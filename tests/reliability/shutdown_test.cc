// SIGTERM to runyd stops every process in parallel within its stopTimeout,
// keeps every line they wrote on the way out, and exits 0; a second signal
// forces it. The real runyd, real processes.
#include <signal.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

// Three processes that ignore SIGTERM (each is killed after `timeout_ms`)
// and one that says goodbye on it.
std::string ServiceFile(int timeout_ms) {
  return absl::StrCat(R"js(
service("slow", { autostart: true }).run(async (ctx) => {
  for (let i = 0; i < 3; i++) {
    await ctx.process({ alias: `sd-stubborn-${i}`, cmd: "sh",
      args: ["-c", "trap '' TERM; echo up; while :; do sleep 0.05; done"],
      stopTimeout: )js",
                      timeout_ms, R"js( });
  }
  await ctx.process({ alias: "sd-polite", cmd: "sh", args: ["-c",
    "trap 'echo goodbye; exit 0' TERM; echo up; while :; do sleep 0.05; done"] });
});
)js");
}

// The lines a process wrote, as its log file keeps them (the framing
// lines, which start with '@', aside).
std::string Output(const Daemon& d, const std::string& alias) {
  std::istringstream in(
      ReadFile(absl::StrCat(d.state_dir(), "/logs/", alias, ".log")));
  std::string out, line;
  bool system = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '@') {
      system = line.find(" s ") != std::string::npos;
      continue;
    }
    if (!system) absl::StrAppend(&out, line, "\n");
  }
  return out;
}

bool AllUp(const Daemon& d) {
  for (const char* alias :
       {"sd-stubborn-0", "sd-stubborn-1", "sd-stubborn-2", "sd-polite"}) {
    if (Output(d, alias).find("up\n") == std::string::npos) return false;
  }
  return true;
}

TEST(ShutdownTest, SigtermStopsEveryProcessInParallelAndExitsZero) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("slow.js", ServiceFile(1500))});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_TRUE(WaitFor([&] { return AllUp(d); }, absl::Seconds(20)));
  absl::Time start = absl::Now();
  EXPECT_EQ(d.Stop(), 0) << d.log();
  absl::Duration took = absl::Now() - start;
  // Three 1.5 s timeouts side by side, not one after another (4.5 s).
  EXPECT_GE(took, absl::Milliseconds(1400));
  EXPECT_LT(took, absl::Milliseconds(4000));
  EXPECT_TRUE(LiveGroupsByAlias("sd-").empty());
  EXPECT_THAT(Output(d, "sd-polite"), HasSubstr("goodbye\n"));
  EXPECT_THAT(d.log(), HasSubstr("runyd stopped"));
}

TEST(ShutdownTest, ASecondSignalDoesNotWaitForStopTimeouts) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("slow.js", ServiceFile(60000))});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_TRUE(WaitFor([&] { return AllUp(d); }, absl::Seconds(20)));
  kill(d.pid(), SIGTERM);
  ASSERT_TRUE(WaitFor([&] {
    return d.log().find("SIGTERM: stopping every process") != std::string::npos;
  }));
  ASSERT_TRUE(WaitFor([&] {
    return Output(d, "sd-polite").find("goodbye\n") != std::string::npos;
  }));
  absl::Time start = absl::Now();
  EXPECT_EQ(d.Stop(), 0) << d.log();  // the second SIGTERM
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  EXPECT_THAT(d.log(), HasSubstr("SIGTERM again: not waiting any longer"));
  EXPECT_TRUE(WaitFor([&] { return LiveGroupsByAlias("sd-").empty(); }));
}

}  // namespace
}  // namespace runy
