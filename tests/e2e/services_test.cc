// Service files end to end: runyd --services, runy start/stop/status/logs/
// reload, the documented examples verbatim.
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/http_get.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::FreePort;
using ::runy::testing::HttpGet;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Example(const std::string& name) {
  return absl::StrCat(std::getenv("RUNY_SOURCE_DIR"), "/examples/", name);
}

std::string Status(const Daemon& d, const std::string& name = "") {
  std::vector<std::string> args = {"status"};
  if (!name.empty()) args.push_back(name);
  return d.Runy(args).out;
}

TEST(ServicesTest, DocumentedCompleteExampleServesAfterRunyStart) {
  ASSERT_EQ(HttpGet(8500, "/"), 0)
      << "port 8500 is already taken on this machine";
  Daemon d({"--services", Example("web-server.js")});
  ASSERT_TRUE(d.ready()) << d.log();
  auto start = d.Runy({"start", "web-server"});
  ASSERT_EQ(start.exit_code, 0) << start.err << d.log();
  EXPECT_THAT(start.out, HasSubstr("started web-server"));
  EXPECT_TRUE(
      WaitFor([] { return HttpGet(8500, "/") == 200; }, absl::Seconds(20)))
      << d.log();
  std::string status = Status(d);
  EXPECT_THAT(status, HasSubstr("web-server  running"));
  EXPECT_THAT(status, HasSubstr("0/10"));
  ASSERT_EQ(d.Runy({"stop", "web-server"}).exit_code, 0);
  EXPECT_TRUE(
      WaitFor([] { return HttpGet(8500, "/") == 0; }, absl::Seconds(10)));
}

TEST(ServicesTest, DocumentedBasicExampleServesAndItsLogsAreReadable) {
  ASSERT_EQ(HttpGet(8501, "/"), 0)
      << "port 8501 is already taken on this machine";
  Daemon d({"--services", Example("basic.js")});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "basic"}).exit_code, 0) << d.log();
  ASSERT_TRUE(
      WaitFor([] { return HttpGet(8501, "/") == 200; }, absl::Seconds(20)));
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "server"}).out.find("\"GET / HTTP/1.0\" 200") !=
           std::string::npos;
  }));
  auto logs = d.Runy({"logs", "server"});
  EXPECT_THAT(logs.out, HasSubstr("-- started pid"));
}

TEST(ServicesTest, SyntaxErrorIsReportedWithFileLineAndColumn) {
  TempDir dir;
  std::string file =
      dir.WriteFile("broken.js",
                    "const s = service(\"broken\");\n"
                    "s.run(async (ctx) => {\n"
                    "  await ctx.process({ alias: \"a\" cmd: \"true\" });\n"
                    "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  std::string where = absl::StrCat(file, ":3:");
  EXPECT_THAT(Status(d), HasSubstr(where));
  EXPECT_THAT(d.log(), HasSubstr(where));
  EXPECT_THAT(d.Runy({"--json", "status"}).out, HasSubstr("SyntaxError"));
}

TEST(ServicesTest, RunThatThrowsFailsTheServiceAndStopsItsProcesses) {
  TempDir dir;
  std::string file = dir.WriteFile("fails.js",
                                   "const s = service(\"fails\");\n"
                                   "s.run(async (ctx) => {\n"
                                   "  await ctx.process({ alias: \"sleeper\", "
                                   "cmd: \"sleep\", args: [\"1000\"] });\n"
                                   "  await ctx.sleep(10);\n"
                                   "  throw new Error(\"boom\");\n"
                                   "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  auto start = d.Runy({"start", "fails"});
  EXPECT_EQ(start.exit_code, 1);
  EXPECT_THAT(start.err, HasSubstr(absl::StrCat(file, ":5")));
  EXPECT_THAT(start.err, HasSubstr("boom"));
  EXPECT_TRUE(WaitFor([&] {
    return Status(d).find("sleeper  stopped") != std::string::npos;
  })) << Status(d);
  EXPECT_THAT(Status(d), HasSubstr("failed"));
  EXPECT_THAT(d.Runy({"logs", "fails"}).out, HasSubstr("service failed"));
}

TEST(ServicesTest, InvalidProcessOptionNamesTheOptionServiceAndCallSite) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "bad.js",
      "const s = service(\"bad\");\n"
      "s.run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"x\", cmd: \"true\",\n"
      "    restart: { kind: \"exponential\", multiplier: 0.5 } });\n"
      "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  auto start = d.Runy({"start", "bad"});
  EXPECT_EQ(start.exit_code, 1);
  EXPECT_THAT(start.err, HasSubstr("restart.multiplier"));
  EXPECT_THAT(start.err, HasSubstr("service bad"));
  // Duktape places a call on the line where its argument list ends.
  EXPECT_THAT(start.err, HasSubstr(absl::StrCat(file, ":4")));
  // Nothing was started.
  EXPECT_THAT(Status(d), Not(HasSubstr("running")));
}

TEST(ServicesTest, AliasStopStaysStoppedUntilStartedAgain) {
  TempDir dir;
  std::string file =
      dir.WriteFile("two.js",
                    "const s = service(\"two\");\n"
                    "s.run(async (ctx) => {\n"
                    "  await ctx.process({ alias: \"one\", cmd: \"sleep\", "
                    "args: [\"1000\"], restart: { kind: \"always\" } });\n"
                    "  await ctx.process({ alias: \"other\", cmd: \"sleep\", "
                    "args: [\"1000\"] });\n"
                    "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "two"}).exit_code, 0);
  ASSERT_EQ(d.Runy({"stop", "one"}).exit_code, 0);
  std::string status = Status(d);
  EXPECT_THAT(status, HasSubstr("one    stopped"));
  EXPECT_THAT(status, HasSubstr("other  running"));
  ASSERT_EQ(d.Runy({"start", "one"}).exit_code, 0);
  EXPECT_THAT(Status(d), HasSubstr("one    running"));
  ASSERT_EQ(d.Runy({"stop", "two"}).exit_code, 0);
  status = Status(d);
  EXPECT_THAT(status, HasSubstr("one    stopped"));
  EXPECT_THAT(status, HasSubstr("other  stopped"));
}

TEST(ServicesTest,
     ReloadRestartsChangedStopsRemovedAndKeepsBrokenFilesRunning) {
  TempDir dir;
  auto service_file = [](const std::string& name, const std::string& text,
                         bool autostart) {
    return absl::StrCat("const s = service(\"", name,
                        "\", { autostart: ", autostart ? "true" : "false",
                        " });\n"
                        "s.run(async (ctx) => {\n"
                        "  await ctx.process({ alias: \"",
                        name, "-p\", cmd: \"sh\", args: [\"-c\", \"echo ", text,
                        "; exec sleep 1000\"] });\n"
                        "});\n");
  };
  dir.WriteFile("svc/a.js", service_file("a", "version-1", false));
  dir.WriteFile("svc/b.js", service_file("b", "b", false));
  Daemon d({"--services", dir.Join("svc")});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "a", "b"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "a-p"}).out.find("version-1") != std::string::npos;
  }));

  dir.WriteFile("svc/a.js", service_file("a", "version-2", false));
  unlink(dir.Join("svc/b.js").c_str());
  dir.WriteFile("svc/c.js", service_file("c", "c", true));
  auto reload = d.Runy({"reload"});
  EXPECT_EQ(reload.exit_code, 0) << reload.err;
  EXPECT_THAT(reload.out, HasSubstr("restarted a"));
  EXPECT_THAT(reload.out, HasSubstr("svc/b.js was deleted: removed b\n"));
  EXPECT_THAT(reload.out, HasSubstr("added c"));
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "a-p"}).out.find("version-2") != std::string::npos;
  }));
  EXPECT_TRUE(WaitFor([&] {
    return Status(d, "c").find("running") != std::string::npos;
  })) << Status(d);
  EXPECT_TRUE(WaitFor([&] { return d.Runy({"status", "b"}).exit_code == 1; }));

  // A broken edit: reported, and the running version stays.
  dir.WriteFile("svc/a.js", "const s = service(\"a\";\n");
  auto broken = d.Runy({"reload"});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.err, HasSubstr(absl::StrCat(dir.Join("svc/a.js"), ":1:")));
  EXPECT_THAT(Status(d, "a"), HasSubstr("running"));
}

TEST(ServicesTest, SighupReloadsServiceFiles) {
  TempDir dir;
  dir.WriteFile("svc/a.js", "service(\"a\");\n");
  Daemon d({"--services", dir.Join("svc")});
  ASSERT_TRUE(d.ready()) << d.log();
  dir.WriteFile("svc/b.js", "service(\"b\");\n");
  kill(d.pid(), SIGHUP);
  EXPECT_TRUE(WaitFor([&] { return d.Runy({"status", "b"}).exit_code == 0; }));
}

TEST(ServicesTest, StartedServicesComeBackAfterRunydRestarts) {
  TempDir dir;
  std::string file = dir.WriteFile("keep.js",
                                   "service(\"keep\").run(async (ctx) => {\n"
                                   "  await ctx.process({ alias: \"keeper\", "
                                   "cmd: \"sleep\", args: [\"1000\"] });\n"
                                   "});\n"
                                   "service(\"idle\");\n");
  std::string state = dir.Join("state");
  {
    Daemon d({"--services", file, "--state-dir", state});
    ASSERT_TRUE(d.ready()) << d.log();
    ASSERT_EQ(d.Runy({"start", "keep"}).exit_code, 0);
    ASSERT_EQ(d.Stop(), 0);
  }
  Daemon again({"--services", file, "--state-dir", state});
  ASSERT_TRUE(again.ready()) << again.log();
  EXPECT_TRUE(WaitFor([&] {
    return Status(again).find("keeper  running") != std::string::npos;
  })) << Status(again);
  EXPECT_THAT(Status(again, "idle"), HasSubstr("stopped"));
}

TEST(ServicesTest, DuplicateServiceNamesAcrossFilesAreALoadError) {
  TempDir dir;
  dir.WriteFile("svc/a.js", "service(\"same\");\n");
  dir.WriteFile("svc/b.js", "\nservice(\"same\");\n");
  Daemon d({"--services", dir.Join("svc")});
  ASSERT_TRUE(d.ready()) << d.log();
  std::string status = Status(d);
  EXPECT_THAT(status, HasSubstr(absl::StrCat(dir.Join("svc/a.js"), ":1")));
  EXPECT_THAT(status, HasSubstr(absl::StrCat(dir.Join("svc/b.js"), ":2")));
}

TEST(ServicesTest, LogsTailAndFollow) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "ticker.js",
      "service(\"ticker\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"tick\", cmd: \"sh\", args: [\"-c\",\n"
      "    \"i=0; while :; do i=$((i+1)); echo tick $i; echo oops $i >&2; "
      "sleep 0.05; done\"] });\n"
      "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "ticker"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "tick"}).out.find("tick 5\n") != std::string::npos;
  }));
  auto tail = d.Runy({"logs", "-n", "3", "--stdout", "tick"});
  EXPECT_EQ(std::count(tail.out.begin(), tail.out.end(), '\n'), 3) << tail.out;
  EXPECT_THAT(tail.out, Not(HasSubstr("oops")));
  auto err = d.Runy({"logs", "-n", "2", "--stderr", "tick"});
  EXPECT_THAT(err.out, HasSubstr("oops"));
  // Follow for a moment: new lines keep arriving; the process is killed by
  // the timeout, as Ctrl-C would end it.
  auto follow = d.Runy({"logs", "-f", "-n", "0", "--stdout", "tick"},
                       absl::Milliseconds(1500));
  EXPECT_GE(std::count(follow.out.begin(), follow.out.end(), '\n'), 5)
      << follow.out;
  // The daemon is fine after the client vanished mid-stream.
  EXPECT_EQ(d.Runy({"version"}).exit_code, 0);
}

TEST(ServicesTest, UnknownNamesExitWith1AndSuggest) {
  TempDir dir;
  std::string file = dir.WriteFile("x.js", "service(\"web-server\");\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  auto r = d.Runy({"start", "web-servr"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("did you mean web-server"));
  EXPECT_EQ(d.Runy({"logs", "nothing-here"}).exit_code, 1);
}

}  // namespace
}  // namespace runy
