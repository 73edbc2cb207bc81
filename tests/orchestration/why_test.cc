// runy why, end to end: one explanation for each reason a process or
// service is not running.
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

TEST(WhyTest, ExplainsEachReason) {
  TempDir dir;
  int port = testing::FreePort();
  std::string file =
      dir.WriteFile("why.js", absl::StrCat(R"js(
service("reasons").run(async (ctx) => {
  await ctx.process({ alias: "waits", cmd: "sleep", args: ["1000"],
    ready: { tcp: "127.0.0.1:)js",
                                           port, R"js(", interval: 50 } });
  await ctx.process({ alias: "backs-off", cmd: "sh",
    args: ["-c", "echo oops; exit 1"],
    restart: { kind: "fixed", delay: 60000 } });
  await ctx.process({ alias: "loops", cmd: "sh", args: ["-c", "exit 2"],
    restart: { kind: "always" } });
  await ctx.process({ alias: "gives-up", cmd: "sh",
    args: ["-c", "echo last words; exit 3"],
    restart: { kind: "fixed", delay: 50, maxRestarts: 1 } });
  await ctx.process({ alias: "stopped", cmd: "sleep", args: ["1000"] });
});
service("throws").run(async (ctx) => {
  throw new Error("no config");
});
)js"));
  dir.WriteFile("broken.js", "service(\"broken\").run(async (ctx) => {\n");
  Daemon d({"--services", file, "--services", dir.Join("broken.js")});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "reasons"});
  d.Runy({"start", "throws"});
  auto why = [&](const std::string& name) { return d.Runy({"why", name}).out; };
  EXPECT_TRUE(WaitFor([&] {
    return why("waits").find("connection refused") != std::string::npos;
  })) << why("waits");
  EXPECT_THAT(why("waits"),
              ContainsRegex("waits is starting \\(pid [0-9]+\\): waiting for "
                            "tcp 127.0.0.1:[0-9]+ \\(last probe: connection "
                            "refused\\), for [0-9.]+m?s"));
  EXPECT_TRUE(WaitFor([&] {
    return why("backs-off").find("in backoff") != std::string::npos;
  })) << why("backs-off");
  std::string backoff = why("backs-off");
  EXPECT_THAT(backoff, ContainsRegex("restarts in [0-9]+s \\(attempt 1\\)"));
  EXPECT_THAT(backoff, HasSubstr("ended with exit code 1"));
  EXPECT_THAT(backoff, HasSubstr("Its last lines:\n    | oops\n"));
  EXPECT_TRUE(WaitFor(
      [&] { return why("loops").find("crash-looping") != std::string::npos; },
      absl::Seconds(30)))
      << why("loops");
  EXPECT_TRUE(WaitFor([&] {
    return why("gives-up").find("failed: gave up after 1 restarts") !=
           std::string::npos;
  })) << why("gives-up");
  EXPECT_THAT(why("gives-up"), HasSubstr("| last words"));
  ASSERT_EQ(d.Runy({"stop", "stopped"}).exit_code, 0);
  EXPECT_THAT(why("stopped"), ContainsRegex("stopped was stopped by a user at "
                                            "[0-9]{2}:[0-9]{2}:[0-9]{2}"));
  EXPECT_THAT(why("throws"),
              ContainsRegex("service throws failed: .*why.js:16: Error: no "
                            "config"));
  auto unknown = d.Runy({"why", "broken"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("broken.js failed to load"));
  EXPECT_EQ(d.Runy({"why"}).exit_code, 2);
  EXPECT_EQ(d.Runy({"why", "a", "b"}).exit_code, 2);
}

TEST(ExamplesTest, TheOrchestrationExamplesLoad) {
  std::string examples =
      absl::StrCat(std::getenv("RUNY_SOURCE_DIR"), "/examples/");
  std::vector<std::string> args;
  for (const char* name :
       {"ready-and-health.js", "dependencies.js", "hooks.js", "schedules.js"}) {
    args.push_back("--services");
    args.push_back(examples + name);
  }
  Daemon d(args);
  ASSERT_TRUE(d.ready()) << d.log();
  auto status = d.Runy({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  for (const char* service :
       {"ready-and-health", "store", "app", "hooks", "schedules"}) {
    EXPECT_THAT(status.out, HasSubstr(service)) << status.out;
  }
  EXPECT_THAT(status.out + status.err, ::testing::Not(HasSubstr("error")));
  // One that needs nothing but a shell runs, with its next job shown.
  ASSERT_EQ(d.Runy({"start", "schedules"}).exit_code, 0) << d.log();
  EXPECT_THAT(d.Runy({"status", "schedules"}).out, HasSubstr("next job"));
}

}  // namespace
}  // namespace runy
