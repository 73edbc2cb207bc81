// The everyday commands end to end through the runy binary and a real
// runyd: run and remove, describe, top (in a tmux pseudo-terminal), events,
// startup.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Background;
using ::runy::testing::Daemon;
using ::runy::testing::RunCommand;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Runy() { return testing::BinaryPath("RUNY"); }

std::string ReadAll(const std::string& path);

bool Exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

TEST(RunCommandTest, AnAdHocProcessIsAPersistedServiceUntilRemoved) {
  TempDir dir;
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  auto r = d.Runy({"run", "--name", "greeter", "--env", "GREETING=hello there",
                   "--cwd", dir.path(), "--", "sh", "-c",
                   "echo \"$GREETING from $(pwd)\"; exec sleep 1000"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("started greeter"));
  EXPECT_THAT(d.Runy({"status", "greeter"}).out, HasSubstr("running"));
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "greeter"})
               .out.find("hello there from " + dir.path()) != std::string::npos;
  })) << d.Runy({"logs", "greeter"}).out;
  std::string file = d.state_dir() + "/run/greeter.js";
  ASSERT_TRUE(Exists(file));
  EXPECT_THAT(ReadAll(file), HasSubstr("service(\"greeter\""));
  // An ordinary service: restart works, and it comes back with runyd.
  EXPECT_EQ(d.Runy({"restart", "greeter"}).exit_code, 0);
  ASSERT_TRUE(d.Relaunch()) << d.log();
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "greeter"}).out.find("running") !=
           std::string::npos;
  })) << d.Runy({"status"}).out
      << d.log();

  // The name is taken now.
  r = d.Runy({"run", "--name", "greeter", "--", "sleep", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("exists already"));

  r = d.Runy({"remove", "greeter"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("removed greeter"));
  EXPECT_FALSE(Exists(file));
  r = d.Runy({"status", "greeter"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no service or process named \"greeter\""));
  ASSERT_TRUE(d.Relaunch()) << d.log();
  EXPECT_EQ(d.Runy({"status", "greeter"}).exit_code, 1);
}

TEST(RunCommandTest, NamesComeFromTheCommandAndPoliciesFromTheFlags) {
  TempDir dir;
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  auto r = d.Runy({"run", "--", "sleep", "1000"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("started sleep"));
  r = d.Runy({"run", "--restart", "fixed:100", "--max-restarts", "2", "--name",
              "crashy", "--", "sh", "-c", "exit 4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "crashy"}).out.find("gave up after 2") !=
           std::string::npos;
  })) << d.Runy({"status", "crashy"}).out;
  r = d.Runy({"run", "--restart", "never", "--name", "once", "--", "sh", "-c",
              "exit 0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "once"}).out.find("exited") != std::string::npos;
  })) << d.Runy({"status", "once"}).out;
  // --all forgets every ad-hoc process.
  r = d.Runy({"remove", "--all"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("removed sleep"));
  EXPECT_THAT(r.out, HasSubstr("removed crashy"));
  EXPECT_EQ(d.Runy({"status", "sleep"}).exit_code, 1);
}

TEST(RunCommandTest, BadInputIsAClearErrorAndChangesNothing) {
  TempDir dir;
  std::string fixed = dir.WriteFile(
      "fixed.js",
      "service(\"fixed\").run(async (ctx) => { await ctx.process({ alias: "
      "\"f\", cmd: \"sleep\", args: [1000] }); });\n");
  Daemon d({"--services", fixed});
  ASSERT_TRUE(d.ready()) << d.log();
  auto r = d.Runy({"run", "--restart", "sometimes", "--", "sleep", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--restart \"sometimes\" is none of never, "
                               "always, fixed:DELAY, exponential"));
  r = d.Runy({"run", "--restart", "fixed:soon", "--", "sleep", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("fixed:2s"));
  r = d.Runy({"run"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no command to run"));
  r = d.Runy({"run", "--name", "bad name", "--", "sleep", "1"});
  EXPECT_EQ(r.exit_code, 2);
  r = d.Runy({"run", "--env", "NOEQUALS", "--", "sleep", "1"});
  EXPECT_EQ(r.exit_code, 2);
  r = d.Runy({"run", "--name", "fixed", "--", "sleep", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("exists already"));
  EXPECT_FALSE(Exists(d.state_dir() + "/run/sleep.js"));
  // A service of runyd --services is not removed.
  r = d.Runy({"remove", "fixed"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is one of runyd's --services"));
  r = d.Runy({"remove", "nosuch"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no service or process named \"nosuch\""));
  r = d.Runy({"remove"});
  EXPECT_EQ(r.exit_code, 2);
  // The fixed service runs on, with its numeric argument, and --all
  // leaves it alone.
  ASSERT_EQ(d.Runy({"start", "fixed"}).exit_code, 0);
  EXPECT_THAT(d.Runy({"status", "f"}).out, HasSubstr("running"));
  ASSERT_EQ(d.Runy({"run", "--", "sleep", "1000"}).exit_code, 0);
  r = d.Runy({"remove", "--all"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "removed sleep\n");
  EXPECT_THAT(d.Runy({"status", "f"}).out, HasSubstr("running"));
}

TEST(RunCommandTest, StartingANodeProgramSuggestsRun) {
  TempDir dir;
  std::string app =
      dir.WriteFile("app.js",
                    "const http = require('http');\n"
                    "http.createServer((q, s) => s.end('hi')).listen(8080);\n");
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  auto r = d.Runy({"start", app});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is a node program"));
  EXPECT_THAT(r.err, HasSubstr("runy run -- node " + app));
}

TEST(RunCommandTest, ARemovedLoadedFileIsNotLoadedAgain) {
  TempDir dir;
  std::string two = dir.WriteFile(
      "two.js",
      "service(\"a\").run(async (ctx) => { await ctx.process({ alias: "
      "\"a1\", cmd: \"sleep\", args: [\"1000\"] }); });\n"
      "service(\"b\").run(async (ctx) => { await ctx.process({ alias: "
      "\"b1\", cmd: \"sleep\", args: [\"1000\"] }); });\n");
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", two}).exit_code, 0);
  auto r = d.Runy({"remove", "a"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("together with b: runy remove " + two));
  r = d.Runy({"remove", two});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("removed a\nremoved b\n"));
  EXPECT_EQ(d.Runy({"status", "a1"}).exit_code, 1);
  ASSERT_TRUE(d.Relaunch()) << d.log();
  EXPECT_EQ(d.Runy({"status", "b"}).exit_code, 1);
  EXPECT_TRUE(Exists(two));  // a user's file is theirs
}

// A process that fails at once, restarted twice 300 ms later, then given up.
// "probe" shows that a subscription is live before the test starts "flaky".
constexpr char kFlaky[] = R"js(
service("flaky").run(async (ctx) => {
  await ctx.process({ alias: "crash", cmd: "sh", args: ["-c", "exit 3"],
                      restart: { kind: "fixed", delay: 300, maxRestarts: 2 } });
});
service("probe").run(async (ctx) => {
  await ctx.process({ alias: "probe", cmd: "sleep", args: ["1000"] });
});
)js";

TEST(EventsCommandTest, PrintsEachStateChangeWithItsReasonUntilCtrlC) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("flaky.js", kFlaky)});
  ASSERT_TRUE(d.ready()) << d.log();
  Background events({Runy(), "--host", d.unix_uri(), "events", "--utc"});
  Background json(
      {Runy(), "--host", d.unix_uri(), "--json", "events", "flaky", "probe"});
  // The subscriptions are made on runyd's loop: restart the probe until
  // both have seen it.
  ASSERT_TRUE(WaitFor([&] {
    d.Runy({"restart", "probe"});
    return events.out().find("process probe") != std::string::npos &&
           json.out().find("\"alias\":\"probe\"") != std::string::npos;
  })) << events.out()
      << events.err() << json.err();
  ASSERT_EQ(d.Runy({"start", "flaky"}).exit_code, 0);
  ASSERT_TRUE(WaitFor(
      [&] {
        return events.out().find("  failed") != std::string::npos &&
               events.out().find("process crash (flaky)  failed") !=
                   std::string::npos;
      },
      absl::Seconds(20)))
      << events.out() << events.err();
  std::string out = events.out();
  EXPECT_THAT(out, ContainsRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z  "));
  EXPECT_THAT(out, HasSubstr("  service flaky  starting"));
  EXPECT_THAT(out, ContainsRegex("process crash \\(flaky\\)  running  pid "
                                 "[0-9]+; run 1"));
  EXPECT_THAT(out, ContainsRegex("process crash \\(flaky\\)  backoff  exited "
                                 "code 3; restart in [0-9]+s"));
  EXPECT_THAT(out, ContainsRegex("process crash \\(flaky\\)  failed  exited "
                                 "code 3; gave up after 2 restarts"));
  // In order: running before backoff before failed.
  EXPECT_LT(out.find("  running  pid"), out.find("  backoff  "));
  EXPECT_LT(out.find("  backoff  "), out.find("  failed  "));
  ASSERT_TRUE(WaitFor([&] {
    return json.out().find("PROCESS_STATE_FAILED") != std::string::npos;
  })) << json.out()
      << json.err();
  std::vector<std::string> lines =
      absl::StrSplit(json.out(), '\n', absl::SkipEmpty());
  for (const std::string& line : lines) {
    EXPECT_EQ(line.front(), '{') << line;
    EXPECT_THAT(line, ContainsRegex("\"(alias|name)\":\"(crash|probe|flaky)\""))
        << line;
  }
  for (Background* b : {&events, &json}) {
    b->Signal(SIGINT);
    int signal = 0;
    EXPECT_EQ(b->Wait(absl::Seconds(10), &signal), 0) << signal << b->err();
    EXPECT_EQ(b->err(), "");
  }
}

TEST(DescribeCommandTest, ShowsTheDefinitionCountersLogFilesAndLastExits) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "flaky.js",
      "service(\"flaky\", { description: \"fails\" }).run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"crash\", cmd: \"sh\",\n"
      "    args: [\"-c\", \"echo bye; exit 3\"], env: { TOKEN: \"s3cret\" },\n"
      "    watch: [\"*.conf\"],\n"
      "    restart: { kind: \"fixed\", delay: 300, maxRestarts: 2 } });\n"
      "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "flaky"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "crash"}).out.find("failed") != std::string::npos;
  }));
  auto r = d.Runy({"describe", "crash"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& out = r.out;
  EXPECT_THAT(out, HasSubstr("service flaky\n"));
  EXPECT_THAT(out, HasSubstr("  defined at  " + file + ":1\n"));
  EXPECT_THAT(out, HasSubstr("  description fails\n"));
  EXPECT_THAT(out, HasSubstr("process crash\n"));
  EXPECT_THAT(out, HasSubstr("  state       failed, run 3 (gave up after 2 "
                             "restarts"));
  EXPECT_THAT(out, HasSubstr("  command     sh -c 'echo bye; exit 3'\n"));
  EXPECT_THAT(out, HasSubstr("  cwd         " + dir.path() + "\n"));
  // The process's own declaration: its ctx.process call (a call over
  // several lines is placed at its last, where its arguments end).
  EXPECT_THAT(out, HasSubstr("  cwd         " + dir.path() +
                             "\n  defined at  " + file + ":5\n"));
  EXPECT_THAT(out, HasSubstr("  env         TOKEN  (values: --show-env)\n"));
  EXPECT_THAT(out, Not(HasSubstr("s3cret")));
  EXPECT_THAT(out, HasSubstr("  restart     fixed: 300ms before each "
                             "restart; at most 2 restarts"));
  EXPECT_THAT(out, HasSubstr("  restarts    2/2\n"));
  EXPECT_THAT(out,
              HasSubstr("  stop        SIGTERM, then SIGKILL after 10s\n"));
  EXPECT_THAT(out, HasSubstr("  watch       *.conf; debounce 50ms\n"));
  EXPECT_THAT(
      out, HasSubstr("  logs        " + d.state_dir() + "/logs/crash.log\n"));
  // Newest first: the one that gave up, then the two restarts.
  EXPECT_THAT(out,
              ContainsRegex("  exits       [0-9-]+ [0-9:]+  code 3 after "
                            "[0-9.]+m?s \\(run 3\\): gave up after 2 "
                            "restarts\n +[0-9-]+ [0-9:]+  code 3 after "
                            "[0-9.]+m?s \\(run 2\\): restart in 300ms "
                            "\\(attempt 2/2\\)\n +[0-9-]+ [0-9:]+  code 3 "
                            "after [0-9.]+m?s \\(run 1\\): restart in 300ms "
                            "\\(attempt 1/2\\)\n"));
  // The service: every process of it; values on request.
  r = d.Runy({"describe", "--show-env", "flaky"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  env         TOKEN=s3cret\n"));
  r = d.Runy({"--json", "describe", "crash"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"recentExits\""));
  EXPECT_THAT(r.out, HasSubstr("\"outcome\": \"gave up after 2 restarts\""));
  r = d.Runy({"describe", "crsh"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("did you mean crash"));
  EXPECT_EQ(d.Runy({"describe"}).exit_code, 2);
  EXPECT_EQ(d.Runy({"describe", "a", "b"}).exit_code, 2);
  // The exits are carried across a re-exec of runyd.
  ASSERT_EQ(d.Runy({"daemon", "reexec"}).exit_code, 0) << d.log();
  EXPECT_TRUE(WaitFor([&] {
    std::string again = d.Runy({"describe", "crash"}).out;
    return again.find("(run 3): gave up after 2 restarts") !=
               std::string::npos &&
           again.find("(run 1): restart in 300ms") != std::string::npos;
  })) << d.Runy({"describe", "crash"}).out;
}

TEST(EventsCommandTest, BadInputIsAClearError) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("flaky.js", kFlaky)});
  ASSERT_TRUE(d.ready()) << d.log();
  auto r = d.Runy({"events", "--bogus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown option \"--bogus\""));
  r = d.Runy({"events", "no-such-thing"}, absl::Seconds(20));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("no-such-thing"));
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr char kTalkers[] = R"js(
service("talkers").run(async (ctx) => {
  await ctx.process({ alias: "one", cmd: "sh", args: ["-c",
    "echo alpha 1; echo beta 2; echo alpha 3; exec sleep 1000"] });
  await ctx.process({ alias: "two", cmd: "sh", args: ["-c",
    "echo gamma 4; exec sleep 1000"] });
});
)js";

TEST(LogsCommandTest, GrepTimesAndEveryProcessMerged) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("talkers.js", kTalkers)});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "talkers"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    std::string all = d.Runy({"logs", "--stdout"}).out;
    return all.find("alpha 3") != std::string::npos &&
           all.find("gamma 4") != std::string::npos;
  })) << d.Runy({"logs"}).out;
  // No name: every process, each line with its alias.
  std::string all = d.Runy({"logs", "--stdout"}).out;
  EXPECT_THAT(all, HasSubstr("one | alpha 1\n"));
  EXPECT_THAT(all, HasSubstr("two | gamma 4\n"));
  EXPECT_EQ(d.Runy({"logs", "--grep", "^alpha", "one"}).out,
            "alpha 1\nalpha 3\n");
  EXPECT_EQ(d.Runy({"logs", "-n", "1", "--grep", "alpha", "one"}).out,
            "alpha 3\n");
  // Two processes that started together: in either order.
  std::string matched = d.Runy({"logs", "--stdout", "-g", "a [24]"}).out;
  EXPECT_THAT(matched, HasSubstr("one | beta 2\n"));
  EXPECT_THAT(matched, HasSubstr("two | gamma 4\n"));
  EXPECT_EQ(matched.size(),
            std::string("one | beta 2\ntwo | gamma 4\n").size());
  auto bad = d.Runy({"logs", "--grep", "(unclosed", "one"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--grep \"(unclosed\""));
  // Times: local by default, UTC with --utc.
  EXPECT_THAT(d.Runy({"logs", "-t", "--grep", "beta", "one"}).out,
              ContainsRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:"
                            "[0-9]{2}\\.[0-9]{3} beta 2\n$"));
  EXPECT_THAT(d.Runy({"logs", "-t", "--utc", "--grep", "beta", "one"}).out,
              ContainsRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{3}Z "
                            "beta 2\n$"));
  // --since and --until take durations, times and dates.
  EXPECT_EQ(d.Runy({"logs", "--stdout", "--since", "2000-01-01T00:00Z",
                    "--grep", "gamma"})
                .out,
            "two | gamma 4\n");
  EXPECT_EQ(d.Runy({"logs", "--stdout", "--until", "2000-01-01", "one"}).out,
            "");
  EXPECT_EQ(d.Runy({"logs", "--stdout", "--since", "1h", "--until",
                    "2999-01-01 00:00:00", "--grep", "beta", "one"})
                .out,
            "beta 2\n");
  auto when = d.Runy({"logs", "--since", "teatime", "one"});
  EXPECT_EQ(when.exit_code, 2);
  EXPECT_THAT(when.err, HasSubstr("a time (10:30)"));
}

TEST(LogsCommandTest, TheFileHoldsTheOutputAloneAndRunyLogsTheRest) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("talkers.js", kTalkers)});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "talkers"}).exit_code, 0);
  ASSERT_EQ(d.Runy({"restart", "one"}).exit_code, 0);
  ASSERT_EQ(d.Runy({"stop", "one"}).exit_code, 0);
  // What tail, grep and less see: the two runs' lines, nothing between.
  std::string log = d.state_dir() + "/logs/one.log";
  ASSERT_TRUE(WaitFor([&] { return ReadAll(log).size() >= 44; }));
  EXPECT_EQ(ReadAll(log),
            "alpha 1\nbeta 2\nalpha 3\nalpha 1\nbeta 2\nalpha 3\n");
  // runy logs still has runy's own lines, the runs and the times, from the
  // files (runyd restarted: its memory tail is gone).
  ASSERT_TRUE(d.Relaunch()) << d.log();
  std::string shown = d.Runy({"logs", "-n", "100", "-t", "--utc", "one"}).out;
  EXPECT_THAT(shown, HasSubstr("started pid"));
  EXPECT_THAT(shown, HasSubstr("stopped"));
  EXPECT_THAT(shown, ::testing::ContainsRegex(
                         "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z .*alpha 3"));
  EXPECT_EQ(d.Runy({"logs", "--stdout", "-n", "100", "one"}).out,
            "alpha 1\nbeta 2\nalpha 3\nalpha 1\nbeta 2\nalpha 3\n");
}

TEST(LogsCommandTest, FlushEmptiesTheFilesAndMemoryAndLaterOutputIsKept) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("talkers.js", kTalkers),
            "--log-max-size", "4K", "--log-max-files", "3"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "talkers"}).exit_code, 0);
  std::string log = d.state_dir() + "/logs/one.log";
  // Enough restarts to rotate one.log: it holds the output alone (22
  // bytes a run), so some 200 restarts; generous on a loaded machine.
  ASSERT_TRUE(WaitFor(
      [&] {
        d.Runy({"restart", "one"});
        return Exists(log + ".1");
      },
      absl::Seconds(90)))
      << d.log();
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "two"}).out.find("gamma 4") != std::string::npos;
  }));
  // Stopped, so that nothing it wrote is still on its way.
  ASSERT_EQ(d.Runy({"stop", "one"}).exit_code, 0);
  auto r = d.Runy({"flush", "one"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "flushed one\n");
  EXPECT_FALSE(Exists(log + ".1"));
  EXPECT_EQ(std::filesystem::file_size(log), 0u);
  EXPECT_EQ(d.Runy({"logs", "one"}).out, "");
  EXPECT_EQ(d.Runy({"logs", "-n", "100", "one"}).out, "");
  // The other process keeps its log; new output of the flushed one is kept.
  EXPECT_THAT(d.Runy({"logs", "two"}).out, HasSubstr("gamma 4"));
  ASSERT_EQ(d.Runy({"start", "one"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "--stdout", "one"}).out ==
           "alpha 1\nbeta 2\nalpha 3\n";
  })) << d.Runy({"logs", "one"}).out;
  ASSERT_TRUE(WaitFor(
      [&] { return ReadAll(log).find("alpha 3") != std::string::npos; }));
  // Everything, and unknown names.
  r = d.Runy({"flush"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("flushed two\n"));
  EXPECT_EQ(d.Runy({"logs", "two"}).out, "");
  r = d.Runy({"flush", "nosuch"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("nosuch"));
}

// runy top in a real terminal: a private tmux server, driven by send-keys
// and read with capture-pane.
class Tmux {
 public:
  explicit Tmux(const std::string& dir)
      : socket_(dir + "/tmux.sock"), conf_(dir + "/tmux.conf") {
    std::ofstream(conf_) << "set -g default-terminal screen\n"
                            "set -g status off\n";
  }
  ~Tmux() { Run({"kill-server"}); }
  // tmux on PATH, or empty.
  static std::string Binary() {
    for (const char* dir : {"/usr/bin", "/usr/local/bin", "/bin"}) {
      std::string path = std::string(dir) + "/tmux";
      if (access(path.c_str(), X_OK) == 0) return path;
    }
    return "";
  }
  testing::RunResult Run(std::vector<std::string> args) const {
    std::vector<std::string> argv = {Binary(), "-S", socket_, "-f", conf_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, {{"TERM", "xterm"}});
  }
  std::string Screen() const {
    return Run({"capture-pane", "-p", "-t", "top"}).out;
  }
  bool ScreenHas(const std::string& text) const {
    return WaitFor([&] { return Screen().find(text) != std::string::npos; },
                   absl::Seconds(20));
  }
  void Keys(const std::string& keys) const {
    Run({"send-keys", "-t", "top", keys});
  }

 private:
  std::string socket_, conf_;
};

constexpr char kSite[] = R"js(
service("site").run(async (ctx) => {
  await ctx.process({ alias: "web", cmd: "sh",
                      args: ["-c", "echo hello from web; exec sleep 1000"] });
  await ctx.process({ alias: "worker", cmd: "sh",
                      args: ["-c", "echo working hard; exec sleep 1000"] });
});
)js";

TEST(TopCommandTest, ShowsProcessesAndLogsAndItsKeysControlThem) {
  ASSERT_FALSE(Tmux::Binary().empty())
      << "tmux is a test dependency: scripts/test installs it";
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("site.js", kSite)});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "site"}).exit_code, 0);
  Tmux tmux(dir.path());
  auto r = tmux.Run({"new-session", "-d", "-s", "top", "-x", "100", "-y", "30",
                     "exec " + Runy() + " --host " + d.unix_uri() + " top"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(tmux.ScreenHas("hello from web")) << tmux.Screen();
  std::string screen = tmux.Screen();
  EXPECT_THAT(screen, HasSubstr("SERVICE"));
  EXPECT_THAT(screen, ContainsRegex("site +web +running +[0-9]+"));
  EXPECT_THAT(screen, ContainsRegex("site +worker +running +[0-9]+"));
  EXPECT_THAT(screen, HasSubstr("-- log of web"));
  EXPECT_THAT(screen, HasSubstr("r restart  s stop  t start"));

  tmux.Keys("Down");
  ASSERT_TRUE(tmux.ScreenHas("working hard")) << tmux.Screen();
  EXPECT_THAT(tmux.Screen(), HasSubstr("-- log of worker"));
  tmux.Keys("r");
  ASSERT_TRUE(tmux.ScreenHas("restarted worker")) << tmux.Screen();
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"describe", "worker"}).out.find("run 2") !=
           std::string::npos;
  })) << d.Runy({"describe", "worker"}).out;
  tmux.Keys("s");
  ASSERT_TRUE(tmux.ScreenHas("stopped worker")) << tmux.Screen();
  ASSERT_TRUE(tmux.ScreenHas("stopped ")) << tmux.Screen();
  EXPECT_THAT(d.Runy({"status", "worker"}).out, HasSubstr("stopped"));
  tmux.Keys("t");
  ASSERT_TRUE(tmux.ScreenHas("started worker")) << tmux.Screen();
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "worker"}).out.find("running") !=
           std::string::npos;
  }));
  tmux.Keys("f");
  ASSERT_TRUE(tmux.ScreenHas("(following; f: back)")) << tmux.Screen();
  EXPECT_THAT(tmux.Screen(), Not(HasSubstr("SERVICE")));
  tmux.Keys("f");
  ASSERT_TRUE(tmux.ScreenHas("SERVICE")) << tmux.Screen();

  // Narrower: every line fits, the table and the keys are still there.
  ASSERT_EQ(tmux.Run({"resize-window", "-t", "top", "-x", "60", "-y", "16"})
                .exit_code,
            0);
  ASSERT_TRUE(WaitFor([&] {
    std::string s = tmux.Screen();
    size_t lines = 0;
    for (absl::string_view line : absl::StrSplit(s, '\n')) {
      if (line.size() > 60) return false;
      ++lines;
    }
    return lines <= 17 && s.find("worker") != std::string::npos &&
           s.find("r restart") != std::string::npos;
  })) << tmux.Screen();

  tmux.Keys("q");
  EXPECT_TRUE(WaitFor([&] {
    return tmux.Run({"has-session", "-t", "top"}).exit_code != 0;
  })) << tmux.Screen();
  // The processes are untouched by leaving.
  EXPECT_THAT(d.Runy({"status", "web"}).out, HasSubstr("running"));
}

TEST(TopCommandTest, WithoutATerminalItSaysSo) {
  auto r = RunCommand({Runy(), "top"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("needs a terminal"));
}

// systemd does not run here: the unit file is what is checked.
TEST(StartupCommandTest, WritesAUnitThatStartsThisRunydWithItsStateAndSocket) {
  TempDir dir;
  std::string units = dir.path() + "/units";
  std::map<std::string, std::string> env = {
      {"RUNY_SOCKET", dir.path() + "/my socket/runyd.sock"},
      {"RUNY_STATE_DIR", dir.path() + "/state"}};
  auto r = RunCommand({Runy(), "startup", "--user", "--unit-dir", units}, env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string unit_path = units + "/runyd.service";
  EXPECT_THAT(r.out, HasSubstr("wrote " + unit_path));
  EXPECT_THAT(r.out, HasSubstr("systemctl --user link " + unit_path));
  std::string unit = ReadAll(unit_path);
  std::string runyd = std::filesystem::absolute(testing::BinaryPath("RUNYD"))
                          .lexically_normal()
                          .string();
  EXPECT_THAT(unit, HasSubstr("\nExecStart=" + runyd + " --socket \"" +
                              dir.path() + "/my socket/runyd.sock\" " +
                              "--state-dir " + dir.path() + "/state\n"));
  EXPECT_THAT(unit, HasSubstr("\n[Install]\nWantedBy=default.target\n"));
  EXPECT_THAT(unit, HasSubstr("\nKillMode=mixed\n"));
  EXPECT_THAT(unit, HasSubstr("\nNoNewPrivileges=yes\n"));
  EXPECT_EQ(std::filesystem::status(unit_path).permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms(0644));
  // Again: replaced, not duplicated.
  r = RunCommand({Runy(), "startup", "--user", "--unit-dir", units}, env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("replaced " + unit_path));

  // The system unit: the system socket, multi-user.target.
  std::string system_units = dir.path() + "/system";
  r = RunCommand({Runy(), "startup", "--system", "--unit-dir", system_units},
                 env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  unit = ReadAll(system_units + "/runyd.service");
  EXPECT_THAT(unit, HasSubstr(" --socket /run/runy/runyd.sock "));
  EXPECT_THAT(unit, HasSubstr("WantedBy=multi-user.target\n"));
  EXPECT_THAT(unit, HasSubstr("After=network.target\n"));

  r = RunCommand({Runy(), "unstartup", "--user", "--unit-dir", units}, env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(unit_path));
  r = RunCommand({Runy(), "unstartup", "--user", "--unit-dir", units}, env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("there is no " + unit_path));
}

TEST(StartupCommandTest, ContradictoryOrUnknownOptionsAreUsageErrors) {
  auto r = RunCommand({Runy(), "startup", "--user", "--system"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--user and --system exclude each other"));
  r = RunCommand({Runy(), "startup", "--now"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown argument \"--now\""));
  r = RunCommand({Runy(), "startup", "--unit-dir"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace runy
