// Service files that change under a running runyd, end to end: files loaded
// with `runy start FILE.js` across restarts, deleted files, definitions
// that drop a process, a start of a service whose processes failed, ctx.exec
// output beside a process of the same name, and inputs that must not crash
// the daemon.
#include <unistd.h>

#include <cstdio>
#include <string>

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
using ::testing::HasSubstr;
using ::testing::Not;

std::string Status(const Daemon& d, const std::string& name = "") {
  std::vector<std::string> args = {"status"};
  if (!name.empty()) args.push_back(name);
  return d.Runy(args).out;
}

bool StatusShows(const Daemon& d, const std::string& text) {
  return WaitFor([&] { return Status(d).find(text) != std::string::npos; },
                 absl::Seconds(20));
}

TEST(ServiceChangesTest, AFileStartedByPathComesBackAfterRunydRestarts) {
  TempDir dir;
  std::string file = dir.WriteFile("web.js",
                                   "service(\"web\").run(async (ctx) => {\n"
                                   "  await ctx.process({ alias: \"web\", "
                                   "cmd: \"sleep\", args: [\"1000\"] });\n"
                                   "});\n");
  std::string state = dir.Join("state");
  {
    Daemon d({"--state-dir", state});
    ASSERT_TRUE(d.ready()) << d.log();
    ASSERT_EQ(d.Runy({"start", file}).exit_code, 0) << d.log();
    ASSERT_EQ(d.Stop(), 0);
  }
  Daemon again({"--state-dir", state});
  ASSERT_TRUE(again.ready()) << again.log();
  EXPECT_TRUE(StatusShows(again, "running")) << Status(again) << again.log();
  EXPECT_THAT(Status(again), Not(HasSubstr("no services")));
}

TEST(ServiceChangesTest, ADeletedFileIsRemovedAtTheNextReloadWithOneMessage) {
  TempDir dir;
  std::string file = dir.WriteFile("gone.js",
                                   "service(\"gone\").run(async (ctx) => {\n"
                                   "  await ctx.process({ alias: \"gone-p\", "
                                   "cmd: \"sleep\", args: [\"1000\"] });\n"
                                   "});\n");
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", file}).exit_code, 0) << d.log();
  ASSERT_TRUE(StatusShows(d, "running"));
  ASSERT_EQ(unlink(file.c_str()), 0);
  auto reload = d.Runy({"reload"});
  EXPECT_EQ(reload.exit_code, 0) << reload.err;
  EXPECT_EQ(reload.out, absl::StrCat(file, " was deleted: removed gone\n"));
  EXPECT_EQ(reload.err, "");
  // Later reloads and every status are clean.
  auto again = d.Runy({"reload"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err, "");
  auto status = d.Runy({"status"});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_EQ(status.err, "");
  EXPECT_THAT(status.out, Not(HasSubstr("gone")));
}

TEST(ServiceChangesTest, ADeletedServicesFileIsNotAnErrorAtEveryReload) {
  TempDir dir;
  dir.WriteFile("svc/a.js", "service(\"a\");\n");
  std::string b = dir.WriteFile("svc/b.js", "service(\"b\");\n");
  Daemon d({"--services", dir.Join("svc")});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_TRUE(WaitFor([&] { return d.Runy({"status", "b"}).exit_code == 0; }));
  ASSERT_EQ(unlink(b.c_str()), 0);
  auto reload = d.Runy({"reload"});
  EXPECT_EQ(reload.exit_code, 0) << reload.err;
  EXPECT_THAT(reload.out, HasSubstr("b.js was deleted: removed b"));
  EXPECT_EQ(d.Runy({"reload"}).err, "");
  EXPECT_EQ(d.Runy({"status", "b"}).exit_code, 1);
}

TEST(ServiceChangesTest, AnAliasThatAReloadNoLongerDeclaresIsRemoved) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "two.js",
      "service(\"two\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"first\", cmd: \"sleep\", args: "
      "[\"1000\"] });\n"
      "  await ctx.process({ alias: \"second\", cmd: \"sleep\", args: "
      "[\"1000\"] });\n"
      "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "two"}).exit_code, 0) << d.log();
  ASSERT_TRUE(StatusShows(d, "second"));
  dir.WriteFile("two.js",
                "service(\"two\").run(async (ctx) => {\n"
                "  await ctx.process({ alias: \"first\", cmd: \"sleep\", "
                "args: [\"1000\"] });\n"
                "});\n");
  ASSERT_EQ(d.Runy({"reload"}).exit_code, 0);
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"status", "second"}).exit_code == 1;
  })) << Status(d);
  EXPECT_EQ(d.Runy({"start", "second"}).exit_code, 1);
  ASSERT_EQ(d.Runy({"stop", "two"}).exit_code, 0);
  EXPECT_THAT(Status(d), Not(HasSubstr("running")));
}

TEST(ServiceChangesTest, StartingARunningServiceStartsItsFailedProcesses) {
  TempDir dir;
  std::string flag = dir.Join("healthy");
  std::string file = dir.WriteFile(
      "flaky.js",
      absl::StrCat("service(\"flaky\").run(async (ctx) => {\n"
                   "  await ctx.process({ alias: \"steady\", cmd: \"sleep\", "
                   "args: [\"1000\"] });\n"
                   "  await ctx.process({ alias: \"flaky-p\", cmd: \"sh\", "
                   "args: [\"-c\", \"test -f ",
                   flag,
                   " && exec sleep 1000; exit 3\"],\n"
                   "    restart: { kind: \"fixed\", delay: 10, maxRestarts: 1 "
                   "} });\n"
                   "});\n"));
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "flaky"}).exit_code, 0) << d.log();
  ASSERT_TRUE(WaitFor([&] {
    return Status(d, "flaky-p").find("failed") != std::string::npos;
  })) << Status(d);
  dir.WriteFile("healthy", "");
  auto start = d.Runy({"start", "flaky"});
  EXPECT_EQ(start.exit_code, 0) << start.err;
  EXPECT_TRUE(WaitFor([&] {
    return Status(d, "flaky-p").find("running") != std::string::npos;
  })) << Status(d);
  EXPECT_THAT(Status(d, "flaky-p"), HasSubstr("0/1"));
}

TEST(ServiceChangesTest, ExecOutputNeverJoinsTheLinesOfAProcessOfTheSameName) {
  TempDir dir;
  // The process and the exec each write half a line, then the rest.
  std::string file = dir.WriteFile(
      "same.js",
      "service(\"same\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"same\", cmd: \"sh\", args: [\"-c\", "
      "\"printf AAA; sleep 0.4; echo; sleep 1000\"] });\n"
      "  await ctx.sleep(100);\n"
      "  await ctx.exec({ cmd: \"sh\", args: [\"-c\", \"printf BBB; sleep "
      "0.6; echo\"] });\n"
      "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "same"}).exit_code, 0) << d.log();
  std::string logs;
  ASSERT_TRUE(WaitFor([&] {
    logs = d.Runy({"logs", "same"}).out;
    return logs.find("BBB") != std::string::npos &&
           logs.find("exec exited") != std::string::npos;
  })) << logs;
  EXPECT_THAT(logs, Not(HasSubstr("AAABBB")));
  EXPECT_THAT(logs, Not(HasSubstr("BBBAAA")));
  EXPECT_THAT(logs, HasSubstr("AAA\n"));
  EXPECT_THAT(logs, HasSubstr("BBB\n"));
}

// Service files that once crashed the daemon or failed to compile.
TEST(ServiceChangesTest, DeeplyNestedFilesAreSyntaxErrorsAndRunydStaysUp) {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> units = {
      {"parens", "("},    {"arrays", "["},
      {"objects", "{a:"}, {"functions", "function f(){"},
      {"blocks", "{"},    {"nots", "!"}};
  for (const auto& [name, unit] : units) {
    std::string text = "service(\"ok-" + name + "\");\nx = ";
    for (int i = 0; i < 10000; ++i) text += unit;
    dir.WriteFile("svc/" + name + ".js", text);
  }
  dir.WriteFile("svc/zz-fine.js", "service(\"fine\");\n");
  Daemon d({"--services", dir.Join("svc")});
  ASSERT_TRUE(d.ready()) << d.log();
  std::string status;
  ASSERT_TRUE(WaitFor([&] {
    status = Status(d);
    return status.find("fine") != std::string::npos;
  })) << status;
  EXPECT_THAT(status, HasSubstr("parens.js:2:"));
  EXPECT_THAT(status, HasSubstr("SyntaxError: nesting is too deep"));
  EXPECT_THAT(status, HasSubstr("functions.js:2:"));
  EXPECT_EQ(d.Runy({"reload"}).exit_code, 1);
  EXPECT_EQ(d.Runy({"status"}).exit_code, 0) << "runyd died:\n" << d.log();
}

TEST(ServiceChangesTest, AnAsyncRunWithAnEmptyBodyStarts) {
  TempDir dir;
  std::string file = dir.WriteFile("empty.js",
                                   "const s = service(\"empty\");\n"
                                   "s.run(async (ctx) => {});\n"
                                   "const f = async () => {};\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  auto start = d.Runy({"start", "empty"});
  EXPECT_EQ(start.exit_code, 0) << start.err;
  EXPECT_THAT(Status(d, "empty"), HasSubstr("running"));
}

TEST(ServiceChangesTest, ErrorsFromRunydsNativesNameTheUsersFileNotRunyds) {
  TempDir dir;
  std::string file = dir.WriteFile("twice.js",
                                   "const s = service(\"twice\");\n"
                                   "s.run(async () => {});\n"
                                   "s.run(async () => {});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  std::string status;
  ASSERT_TRUE(WaitFor([&] {
    status = Status(d);
    return status.find("called twice") != std::string::npos;
  })) << status;
  EXPECT_THAT(status, HasSubstr(absl::StrCat(file,
                                             ":3: Error: run() of "
                                             "service \"twice\" is called "
                                             "twice")));
  EXPECT_THAT(status, Not(HasSubstr(".cc:")));
}

}  // namespace
}  // namespace runy
