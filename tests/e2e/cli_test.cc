// The runy CLI end to end: every command, JSON output, terminal rendering,
// the user daemon started on demand.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <regex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::RunCommand;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Runy() { return testing::BinaryPath("RUNY"); }

constexpr char kTwoProcesses[] =
    "service(\"pair\", { description: \"two sleepers\" }).run(async (ctx) => "
    "{\n"
    "  await ctx.process({ alias: \"left\", cmd: \"sleep\", args: [\"1000\"] "
    "});\n"
    "  await ctx.process({ alias: \"right\", cmd: \"sleep\", args: [\"1000\"] "
    "});\n"
    "});\n";

TEST(CliTest, EveryCommandHasHelp) {
  for (const char* command :
       {"start", "stop", "restart", "status", "logs", "reload", "version",
        "shutdown", "completion", "run", "remove", "describe", "top", "events",
        "flush", "startup", "unstartup"}) {
    auto r = RunCommand({Runy(), command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command << r.err;
    EXPECT_THAT(r.out, HasSubstr(absl::StrCat("runy ", command))) << command;
  }
  auto r = RunCommand({Runy(), "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("Exit codes: 0 ok; 1"));
}

TEST(CliTest, UnknownCommandsSuggestTheClosestOne) {
  auto r = RunCommand({Runy(), "restrat"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("did you mean restart"));
}

TEST(CliTest, StartStopRestartStatusByServiceAndAlias) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("pair.js", kTwoProcesses)});
  ASSERT_TRUE(d.ready()) << d.log();
  auto start = d.Runy({"start", "pair"});
  EXPECT_EQ(start.exit_code, 0) << start.err;
  EXPECT_EQ(start.out, "started pair\n");
  auto status = d.Runy({"status"});
  EXPECT_THAT(status.out, HasSubstr("SERVICE"));
  EXPECT_THAT(status.out, HasSubstr("left"));
  EXPECT_THAT(status.out, HasSubstr("right"));
  EXPECT_EQ(d.Runy({"stop", "left"}).out, "stopped left\n");
  auto narrowed = d.Runy({"status", "left"});
  EXPECT_THAT(narrowed.out, HasSubstr("stopped"));
  EXPECT_THAT(narrowed.out, Not(HasSubstr("right")));
  auto restart = d.Runy({"restart", "pair"});
  EXPECT_EQ(restart.exit_code, 0) << restart.err;
  EXPECT_EQ(restart.out, "restarted pair\n");
  EXPECT_THAT(d.Runy({"status", "left"}).out, HasSubstr("running"));
  EXPECT_EQ(d.Runy({"stop", "--all"}).exit_code, 0);
  EXPECT_THAT(d.Runy({"status", "pair"}).out, Not(HasSubstr("running")));
  EXPECT_EQ(d.Runy({"start", "--all", "--no-wait"}).exit_code, 0);
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"status", "right"}).out.find("running") != std::string::npos;
  }));
}

TEST(CliTest, JsonOutputIsTheProtobufJsonMapping) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("pair.js", kTwoProcesses)});
  ASSERT_TRUE(d.ready()) << d.log();
  auto start = d.Runy({"--json", "start", "pair"});
  EXPECT_THAT(start.out, HasSubstr("\"kind\": \"KIND_SERVICE\""));
  EXPECT_THAT(start.out, HasSubstr("\"ok\": true"));
  auto status = d.Runy({"status", "--json"});
  EXPECT_EQ(status.exit_code, 0);
  // Every process, with its pid and state.
  std::regex running("\"state\": \"PROCESS_STATE_RUNNING\"");
  EXPECT_EQ(std::distance(std::sregex_iterator(status.out.begin(),
                                               status.out.end(), running),
                          std::sregex_iterator()),
            2)
      << status.out;
  EXPECT_THAT(status.out, HasSubstr("\"description\": \"two sleepers\""));
  // Valid JSON: node parses it.
  std::string file = dir.WriteFile("status.json", status.out);
  auto parsed =
      RunCommand({"/usr/bin/env", "node", "-e",
                  absl::StrCat("const s = require('", file,
                               "'); console.log(s.processes.length)")});
  EXPECT_EQ(parsed.out, "2\n") << parsed.err;
}

TEST(CliTest, TableIsColoredOnATerminalAndPlainOtherwise) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("pair.js", kTwoProcesses)});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "pair"}).exit_code, 0);
  std::string command =
      absl::StrCat(Runy(), " --host ", d.unix_uri(), " status");
  auto tty = RunCommand({"/usr/bin/script", "-qfec", command, "/dev/null"},
                        {{"NO_COLOR", ""}});
  EXPECT_THAT(tty.out, HasSubstr("\033[32mrunning\033[0m")) << tty.out;
  auto no_color = RunCommand({"/usr/bin/script", "-qfec", command, "/dev/null"},
                             {{"NO_COLOR", "1"}});
  EXPECT_THAT(no_color.out, HasSubstr("running"));
  EXPECT_THAT(no_color.out, Not(HasSubstr("\033[")));
  auto plain = d.Runy({"status"});
  EXPECT_THAT(plain.out, Not(HasSubstr("\033[")));
}

TEST(CliTest, StartAFileLoadsItAndStartsItsServices) {
  TempDir dir;
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  std::string file = dir.WriteFile("pair.js", kTwoProcesses);
  auto start = d.Runy({"start", file});
  EXPECT_EQ(start.exit_code, 0) << start.err;
  EXPECT_EQ(start.out, "started pair\n");
  EXPECT_THAT(d.Runy({"status", "left"}).out, HasSubstr("running"));
  auto missing = d.Runy({"start", dir.Join("nope.js")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("nope.js"));
  std::string broken = dir.WriteFile("broken.js", "service(\"x\"\n");
  auto bad = d.Runy({"start", broken});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr(absl::StrCat(broken, ":2:")));
}

TEST(CliTest, AFailedStartExitsWith1AndTheJsError) {
  TempDir dir;
  std::string file = dir.WriteFile("f.js",
                                   "service(\"f\").run(async () => {\n"
                                   "  throw new TypeError(\"nope\");\n"
                                   "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  auto r = d.Runy({"start", "f"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat(file, ":2: TypeError: nope")));
  auto table = d.Runy({"status"});
  EXPECT_THAT(table.out, HasSubstr("failed"));
  EXPECT_THAT(table.out, HasSubstr("TypeError: nope"));
}

TEST(CliTest, UserDaemonIsStartedOnDemandAndShutDown) {
  TempDir dir;
  std::map<std::string, std::string> env = {
      {"RUNY_SOCKET", dir.Join("run/runyd.sock")},
      {"RUNY_STATE_DIR", dir.Join("state")},
      {"RUNY_HOST", ""},
      {"RUNYD", testing::BinaryPath("RUNYD")}};
  auto opted_out = RunCommand({Runy(), "--no-autostart", "status"}, env);
  EXPECT_EQ(opted_out.exit_code, 3);
  env["RUNY_NO_AUTOSTART"] = "1";
  EXPECT_EQ(RunCommand({Runy(), "status"}, env).exit_code, 3);
  env.erase("RUNY_NO_AUTOSTART");
  // Never for an explicit host.
  EXPECT_EQ(RunCommand({Runy(), "--host",
                        "unix://" + dir.Join("run/runyd.sock"), "status"},
                       env)
                .exit_code,
            3);

  // Commands that only look never start one: they say none runs.
  for (std::vector<std::string> look : {std::vector<std::string>{"status"},
                                        {"version"},
                                        {"logs"},
                                        {"logs", "-f", "x"},
                                        {"stop", "x"}}) {
    look.insert(look.begin(), Runy());
    auto r = RunCommand(look, env);
    EXPECT_EQ(r.exit_code, 3) << look[1];
    EXPECT_EQ(r.err, absl::StrCat("runy: no runyd is running at unix://",
                                  dir.Join("run/runyd.sock"),
                                  " (start one with 'runyd', or load a file "
                                  "with 'runy start FILE.js')\n"))
        << look[1];
    EXPECT_FALSE(testing::WaitFor(
        [&] { return access(dir.Join("run/runyd.sock").c_str(), F_OK) == 0; },
        absl::Milliseconds(100)));
  }

  std::string file = dir.WriteFile("idle.js", "service(\"idle\");\n");
  auto first = RunCommand({Runy(), "start", file}, env);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.err, HasSubstr("started runyd"));
  struct stat st;
  EXPECT_EQ(stat(dir.Join("state/runyd.log").c_str(), &st), 0);
  auto second = RunCommand({Runy(), "status"}, env);
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_THAT(second.err, Not(HasSubstr("started runyd")));
  // The launcher's own descriptors do not leak into runyd.
  auto version = RunCommand({Runy(), "--json", "version"}, env);
  std::string pid_text = version.out.substr(version.out.find("\"pid\"") + 7);
  int pid = std::atoi(pid_text.c_str());
  ASSERT_GT(pid, 0) << version.out;
  for (const auto& entry : std::filesystem::directory_iterator(
           absl::StrCat("/proc/", pid, "/fd"))) {
    std::error_code ec;
    std::string target = std::filesystem::read_symlink(entry.path(), ec);
    int fd = std::atoi(entry.path().filename().c_str());
    if (fd > 2) {
      EXPECT_NE(target, dir.Join("state/runyd.log")) << "fd " << fd;
    }
  }

  auto shutdown = RunCommand({Runy(), "shutdown"}, env);
  EXPECT_EQ(shutdown.exit_code, 0) << shutdown.err;
  EXPECT_THAT(shutdown.out, HasSubstr("stopped"));
  env["RUNY_NO_AUTOSTART"] = "1";
  EXPECT_EQ(RunCommand({Runy(), "status"}, env).exit_code, 3);
}

TEST(CliTest, CompletionScriptsAreValidAndNamesAreListed) {
  auto bash = RunCommand({Runy(), "completion", "bash"});
  EXPECT_EQ(bash.exit_code, 0);
  TempDir dir;
  std::string script = dir.WriteFile("c.bash", bash.out);
  EXPECT_EQ(RunCommand({"/bin/bash", "-n", script}).exit_code, 0);
  EXPECT_EQ(RunCommand({Runy(), "completion", "tcsh"}).exit_code, 2);
  Daemon d({"--services", dir.WriteFile("pair.js", kTwoProcesses)});
  ASSERT_TRUE(d.ready());
  ASSERT_EQ(d.Runy({"start", "pair"}).exit_code, 0);
  EXPECT_EQ(d.Runy({"__names"}).out, "pair\nleft\nright\n");
}

// A process that prints a line every 100 ms.
constexpr char kTalk[] =
    "service(\"talk\").run(async (ctx) => {\n"
    "  await ctx.process({ alias: \"talk\", cmd: \"sh\", args: [\"-c\", "
    "\"while :; do echo tick; sleep 0.1; done\"] });\n"
    "});\n";

// A runyd running the talking service, and `runy logs -f talk` following
// it until it has printed a line.
class FollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_ = std::make_unique<Daemon>(std::vector<std::string>{
        "--services", dir_.WriteFile("talk.js", kTalk)});
    ASSERT_TRUE(daemon_->ready()) << daemon_->log();
    ASSERT_EQ(daemon_->Runy({"start", "talk"}).exit_code, 0);
    follow_ = std::make_unique<testing::Background>(std::vector<std::string>{
        Runy(), "--host", daemon_->unix_uri(), "logs", "-f", "talk"});
    ASSERT_TRUE(testing::WaitFor(
        [&] { return follow_->out().find("tick") != std::string::npos; }));
  }
  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
  std::unique_ptr<testing::Background> follow_;
};

TEST_F(FollowerTest, CtrlCEndsLogsFollowCleanly) {
  follow_->Signal(SIGINT);
  int signal = 0;
  EXPECT_EQ(follow_->Wait(absl::Seconds(10), &signal), 0)
      << "killed by signal " << signal << "\n"
      << follow_->err();
  EXPECT_EQ(follow_->err(), "");
}

TEST_F(FollowerTest, AFollowerOfARunydThatStopsSaysSoInItsOwnWords) {
  daemon_->Stop();
  EXPECT_EQ(follow_->Wait(absl::Seconds(20)), 3) << follow_->err();
  EXPECT_THAT(follow_->err(), HasSubstr(daemon_->unix_uri()));
  EXPECT_THAT(follow_->err(), Not(HasSubstr("Cancelling")));
  EXPECT_THAT(follow_->err(), Not(HasSubstr("failed to connect")));
}

TEST(CliTest, CtrlCEndsACommandThatHandlesNothing) {
  // With no daemon to answer, `runy start` is left waiting on nothing only
  // through a slow runyd; a plain Ctrl-C must still end runy by SIGINT.
  TempDir dir;
  std::string file = dir.WriteFile(
      "slow.js",
      "service(\"slow\").run(async (ctx) => { await ctx.sleep(60000); });\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  testing::Background start({Runy(), "--host", d.unix_uri(), "start", "slow"});
  ASSERT_TRUE(testing::WaitFor([&] {
    return d.Runy({"status", "slow"}).out.find("starting") != std::string::npos;
  }));
  start.Signal(SIGINT);
  int signal = 0;
  EXPECT_EQ(start.Wait(absl::Seconds(10), &signal), -1);
  EXPECT_EQ(signal, SIGINT);
}

TEST(CliTest, RunydEvalEndsOnSigintAndSigterm) {
  TempDir dir;
  std::string script = dir.WriteFile(
      "forever.js", "setInterval(() => console.error('tick'), 50);\n");
  for (int sig : {SIGINT, SIGTERM}) {
    testing::Background eval({testing::BinaryPath("RUNYD"), "--eval", script});
    ASSERT_TRUE(testing::WaitFor(
        [&] { return eval.err().find("tick") != std::string::npos; }));
    eval.Signal(sig);
    int signal = 0;
    EXPECT_EQ(eval.Wait(absl::Seconds(10), &signal), -1);
    EXPECT_EQ(signal, sig);
  }
}

TEST(CliTest, StatusGroupsProcessesUnderTheirServicesInDeclarationOrder) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "two.js",
      "service(\"b-svc\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"zeta\", cmd: \"sleep\", args: "
      "[\"1000\"] });\n"
      "  await ctx.process({ alias: \"alpha\", cmd: \"sleep\", args: "
      "[\"1000\"] });\n"
      "});\n"
      "service(\"a-svc\", { description: \"The A service\" })"
      ".run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"mid\", cmd: \"sleep\", args: "
      "[\"1000\"] });\n"
      "});\n"
      "service(\"c-idle\");\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "a-svc", "b-svc"}).exit_code, 0) << d.log();
  std::string table = d.Runy({"status"}).out;
  // The first two columns of each row, in order.
  std::vector<std::string> rows;
  for (absl::string_view line : absl::StrSplit(table, '\n')) {
    std::vector<absl::string_view> cells =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (cells.size() >= 2)
      rows.push_back(absl::StrCat(cells[0], " ", cells[1]));
  }
  EXPECT_THAT(rows,
              ::testing::ElementsAre("SERVICE ALIAS", "a-svc mid", "b-svc zeta",
                                     "b-svc alpha", "c-idle -"))
      << table;
  auto one = d.Runy({"status", "a-svc"});
  EXPECT_THAT(one.out, HasSubstr("a-svc: The A service\n  defined at "));
  EXPECT_THAT(one.out, HasSubstr(absl::StrCat(file, ":5")));
}

TEST(CliTest, StatusShowsTheMemoryOfTheGroupAndARecentCpuPercentage) {
  TempDir dir;
  // A shell whose child holds 100 MiB; a busy loop; an idle process.
  std::string file = dir.WriteFile(
      "load.js",
      "service(\"load\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"big\", cmd: \"sh\", args: [\"-c\", "
      "\"python3 -c 'import time; x = bytearray(100 << 20); x[::4096] = "
      "b\\\"1\\\" * len(x[::4096]); time.sleep(1000)'; true\"] });\n"
      "  await ctx.process({ alias: \"busy\", cmd: \"sh\", args: [\"-c\", "
      "\"while :; do :; done\"] });\n"
      "  await ctx.process({ alias: \"idle\", cmd: \"sleep\", args: "
      "[\"1000\"] });\n"
      "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "load"}).exit_code, 0) << d.log();
  auto field = [&](const std::string& alias, const std::string& key) {
    std::string json = d.Runy({"--json", "status", alias}).out;
    size_t at = json.find("\"" + key + "\": ");
    if (at == std::string::npos) return -1.0;
    std::string rest = json.substr(at + key.size() + 4);
    if (!rest.empty() && rest[0] == '"') rest = rest.substr(1);
    return std::atof(rest.c_str());
  };
  EXPECT_TRUE(
      WaitFor([&] { return field("big", "rssBytes") >= 100.0 * (1 << 20); },
              absl::Seconds(20)))
      << d.Runy({"status"}).out;
  EXPECT_TRUE(WaitFor([&] { return field("busy", "cpuPercent") >= 20; },
                      absl::Seconds(20)))
      << d.Runy({"status"}).out;
  EXPECT_LT(field("idle", "cpuPercent"), 5) << d.Runy({"status"}).out;
  EXPECT_THAT(d.Runy({"status", "busy"}).out, HasSubstr("%"));
}

}  // namespace
}  // namespace runy
