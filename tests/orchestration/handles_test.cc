// Process handles and readiness and health probes, end to end: service
// files that await their processes, a real runyd, real servers and real
// commands; what the scripts saw is read back from `runy logs`.
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
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
using ::testing::Not;

// `text` with {SERVER}, {PORT}, {DIR} filled in.
std::string Fill(std::string text, int port, const TempDir& dir) {
  return absl::StrReplaceAll(text,
                             {{"{SERVER}", testing::BinaryPath("PROBE_SERVER")},
                              {"{PORT}", absl::StrCat(port)},
                              {"{DIR}", dir.path()}});
}

// The service's own lines (ctx.log) and its processes' lines.
std::string Logs(const Daemon& d, const std::string& name) {
  return d.Runy({"logs", "-n", "1000", name}).out;
}

bool LogHas(const Daemon& d, const std::string& name, const std::string& text) {
  return Logs(d, name).find(text) != std::string::npos;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST(ReadinessTest, EachKindHoldsTheProcessStartingUntilItPasses) {
  TempDir dir;
  int port = testing::FreePort();
  int http_port = testing::FreePort();
  std::string file = dir.WriteFile("ready.js", Fill(R"js(
service("kinds").run(async (ctx) => {
  const log = await ctx.process({ alias: "by-log", cmd: "sh",
    args: ["-c", "sleep 1.5; echo 'listening on 7'; exec sleep 1000"],
    ready: { log: /listening on \d+/ } });
  const tcp = await ctx.process({ alias: "by-tcp", cmd: "{SERVER}",
    args: ["{PORT}", "300", "{DIR}/none"], ready: { tcp: "127.0.0.1:{PORT}",
    interval: 50 } });
  const http = await ctx.process({ alias: "by-http", cmd: "{SERVER}",
    args: ["HTTPPORT", "0", "{DIR}/status"],
    ready: { http: "http://127.0.0.1:HTTPPORT/health", interval: 50 } });
  const exec = await ctx.process({ alias: "by-exec", cmd: "sleep",
    args: ["1000"], ready: { exec: { cmd: "test", args: ["-e", "{DIR}/flag"] },
    interval: 50 } });
  let calls = 0;
  const fn = await ctx.process({ alias: "by-fn", cmd: "sleep", args: ["1000"],
    ready: { fn: async () => ++calls >= 3, interval: 50 } });
  ctx.log(`first states: ${log.state} ${exec.state}`);
  for (const h of [log, tcp, http, exec, fn]) {
    await h.ready();
    ctx.log(`${h.alias} ready: ${h.state}, pid ${h.pid > 0}`);
  }
  ctx.log(`fn probed ${calls} times`);
});
)js",
                                                    port, dir));
  file = dir.WriteFile(
      "ready.js", absl::StrReplaceAll(testing::ReadFile(file),
                                      {{"HTTPPORT", absl::StrCat(http_port)}}));
  // The HTTP server answers 503 until the test says otherwise.
  WriteFile(dir.Join("status"), "503\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "kinds"});
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "kinds", "first states"); }))
      << Logs(d, "kinds") << d.log();
  EXPECT_THAT(Logs(d, "kinds"), HasSubstr("first states: starting starting"));
  // Status says what each one waits for, with the last probe's result.
  ASSERT_TRUE(WaitFor([&] {
    std::string s = d.Runy({"status", "by-http"}).out;
    return s.find("HTTP 503") != std::string::npos;
  })) << d.Runy({"status"}).out;
  std::string status = d.Runy({"status"}).out;
  EXPECT_THAT(status, HasSubstr("waiting for http://127.0.0.1:"));
  EXPECT_THAT(status, HasSubstr("waiting for exec test -e"));
  // The log and tcp probes pass by themselves; http and exec when told.
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "kinds", "by-tcp ready"); }))
      << Logs(d, "kinds");
  EXPECT_FALSE(LogHas(d, "kinds", "by-http ready"));
  WriteFile(dir.Join("status"), "200\n");
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "kinds", "by-http ready"); }))
      << Logs(d, "kinds");
  EXPECT_FALSE(LogHas(d, "kinds", "by-exec ready"));
  WriteFile(dir.Join("flag"), "");
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "kinds", "fn probed"); }))
      << Logs(d, "kinds");
  std::string logs = Logs(d, "kinds");
  for (const char* alias :
       {"by-log", "by-tcp", "by-http", "by-exec", "by-fn"}) {
    EXPECT_THAT(logs,
                HasSubstr(absl::StrCat(alias, " ready: running, pid true")));
  }
  EXPECT_THAT(logs, HasSubstr("fn probed 3 times"));
  // runyd's own line says what it waited for.
  EXPECT_THAT(Logs(d, "by-log"), HasSubstr("ready (a log line matching"));
  EXPECT_THAT(d.Runy({"status", "by-fn"}).out, HasSubstr("running"));
}

TEST(ReadinessTest, ATimeoutRestartsItAndReadyRejectsWhenItEnds) {
  TempDir dir;
  std::string file = dir.WriteFile("slow.js", R"js(
service("slow").run(async (ctx) => {
  const h = await ctx.process({ alias: "never-ready", cmd: "sleep",
    args: ["1000"], restart: { kind: "fixed", delay: 100, maxRestarts: 1 },
    ready: { log: "never printed", timeout: 300 } });
  try {
    await h.ready();
    ctx.log("ready?!");
  } catch (e) {
    ctx.log(`ready rejected: ${e.message}`);
  }
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "slow"});
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "slow", "ready rejected"); }))
      << Logs(d, "slow") << Logs(d, "never-ready");
  EXPECT_THAT(Logs(d, "slow"), HasSubstr("never-ready failed"));
  std::string own = Logs(d, "never-ready");
  EXPECT_THAT(own, HasSubstr("not ready within 300ms"));
  EXPECT_THAT(own, HasSubstr("gave up after 1 restarts"));
}

TEST(HealthTest, FailingChecksRestartItUnderItsPolicy) {
  TempDir dir;
  int port = testing::FreePort();
  WriteFile(dir.Join("status"), "200\n");
  std::string file = dir.WriteFile("health.js", Fill(R"js(
service("api").run(async (ctx) => {
  const h = await ctx.process({ alias: "api", cmd: "{SERVER}",
    args: ["{PORT}", "0", "{DIR}/status"], restart: { kind: "always" },
    ready: { tcp: "127.0.0.1:{PORT}", interval: 50 },
    health: { http: "http://127.0.0.1:{PORT}/", interval: 100,
              failureThreshold: 2 } });
  await h.ready();
  ctx.log(`up, run ${h.run}`);
});
)js",
                                                     port, dir));
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "api"}).exit_code, 0) << d.log();
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "api", "up, run 1"); }))
      << Logs(d, "api");
  WriteFile(dir.Join("status"), "500\n");
  ASSERT_TRUE(WaitFor([&] {
    return LogHas(d, "api", "health check failed 2 times in a row");
  })) << Logs(d, "api");
  EXPECT_THAT(Logs(d, "api"), ContainsRegex("HTTP 500"));
  WriteFile(dir.Join("status"), "200\n");
  // Restarted by the policy (always): a second run that is healthy.
  ASSERT_TRUE(WaitFor([&] {
    std::string s = d.Runy({"--json", "status", "api"}).out;
    return s.find("\"run\": 2") != std::string::npos &&
           s.find("RUNNING") != std::string::npos;
  })) << d.Runy({"--json", "status", "api"}).out
      << Logs(d, "api");
  // Only the failing checks restarted it: one failure, while healthy it
  // stayed up.
  std::string logs = Logs(d, "api");
  size_t first = logs.find("; stopping it");
  ASSERT_NE(first, std::string::npos) << logs;
  EXPECT_EQ(logs.find("; stopping it", first + 1), std::string::npos) << logs;
}

// A probe function that never settles fails each attempt at its limit.
TEST(HealthTest, AFunctionThatNeverAnswersFailsAtItsTimeout) {
  TempDir dir;
  std::string file = dir.WriteFile("hang.js", R"js(
service("hang").run(async (ctx) => {
  await ctx.process({ alias: "hang-p", cmd: "sleep", args: ["1000"],
    health: { fn: () => new Promise(() => {}), interval: 100, timeout: 200,
              failureThreshold: 2 } });
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "hang"}).exit_code, 0) << d.log();
  EXPECT_TRUE(WaitFor([&] {
    return LogHas(d, "hang", "health check failed 2 times in a row");
  })) << Logs(d, "hang");
  EXPECT_THAT(Logs(d, "hang"), HasSubstr("no answer within 200ms"));
}

TEST(HandlesTest, ExitedWaitForLogSignalStopAndRestart) {
  TempDir dir;
  std::string file = dir.WriteFile("handles.js", R"js(
service("h").run(async (ctx) => {
  const once = await ctx.process({ alias: "once", cmd: "sh",
    args: ["-c", "sleep 0.2; exit 7"] });
  const r = await once.exited();
  ctx.log(`once exited: code ${r.code}, signal ${r.signal}, state ${once.state}`);
  const again = await once.exited();
  ctx.log(`exited again at once: ${again.code}`);

  const srv = await ctx.process({ alias: "srv", cmd: "sh", args: ["-c",
    "trap 'echo got hup' HUP; echo booting; while :; do sleep 0.05; done"] });
  ctx.log(`line: ${await srv.waitForLog("booting")}`);
  const hup = srv.waitForLog(/got (\w+)/);
  await srv.signal("SIGHUP");
  ctx.log(`after signal: ${await hup}`);
  try {
    await srv.waitForLog("never", { timeout: 200 });
  } catch (e) {
    ctx.log(`timeout: ${e.message}`);
  }
  const run = srv.run;
  const booted = srv.waitForLog("booting");
  await srv.restart();
  await booted;
  ctx.log(`restarted: run ${srv.run > run}`);
  const ended = srv.exited();
  await srv.stop();
  const how = await ended;
  ctx.log(`stopped: ${srv.state}, signal ${how.signal}`);
  // ready() right after restart() (not awaited) waits for the new instance.
  const back = srv.restart();
  try {
    await srv.ready();
    ctx.log(`ready after an unawaited restart: ${srv.state}`);
  } catch (e) {
    ctx.log(`ready after an unawaited restart: ${e.message}`);
  }
  await back;
  try {
    await srv.signal("SIGNOPE");
  } catch (e) {
    ctx.log(`bad signal: ${e.message}`);
  }
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "h"});
  ASSERT_TRUE(
      WaitFor([&] { return LogHas(d, "h", "bad signal"); }, absl::Seconds(30)))
      << Logs(d, "h") << d.log();
  std::string logs = Logs(d, "h");
  EXPECT_THAT(logs,
              HasSubstr("once exited: code 7, signal null, state exited"));
  EXPECT_THAT(logs, HasSubstr("exited again at once: 7"));
  EXPECT_THAT(logs, HasSubstr("line: booting"));
  EXPECT_THAT(logs, HasSubstr("after signal: got hup"));
  EXPECT_THAT(logs, HasSubstr("timeout: waitForLog: no line of srv matched "
                              "\"never\" within 200ms"));
  EXPECT_THAT(logs, HasSubstr("restarted: run true"));
  EXPECT_THAT(logs, HasSubstr("stopped: stopped, signal SIGTERM"));
  EXPECT_THAT(logs, HasSubstr("ready after an unawaited restart: running"));
  EXPECT_THAT(logs, HasSubstr("bad signal: signal needs a signal name"));
}

TEST(HandlesTest, BadProbeOptionsRejectWithTheOptionNamed) {
  TempDir dir;
  std::string file = dir.WriteFile("bad.js", R"js(
service("bad").run(async (ctx) => {
  for (const ready of [{ tcp: "nowhere" }, { http: "https://x/" },
                       { http: "http://db.internal:8500/health" },
                       { log: /a/, tcp: "1.2.3.4:5" }, { lgo: "x" },
                       { log: /(a)\1/ }, 42]) {
    try {
      await ctx.process({ alias: "p", cmd: "true", ready });
      ctx.log("accepted?!");
    } catch (e) {
      ctx.log(`rejected: ${e.message}`);
    }
  }
  try {
    await ctx.process({ alias: "q", cmd: "true",
                        ready: { log: "x", failureThreshold: 2 } });
  } catch (e) {
    ctx.log(`rejected: ${e.message}`);
  }
  // Values that would cost a billion reads: an array of holes, and one
  // array shared at every level of a tree.
  const holes = [];
  holes.length = 2 ** 32 - 1;
  let shared = ["x"];
  for (let i = 0; i < 15; i++) shared = [shared, shared, shared, shared];
  for (const args of [holes, shared]) {
    try {
      await ctx.process({ alias: "big", cmd: "true", args });
      ctx.log("accepted?!");
    } catch (e) {
      ctx.log(`too big: ${e.message}`);
    }
  }
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "bad"}).exit_code, 0) << d.log();
  std::string logs = Logs(d, "bad");
  EXPECT_THAT(logs, Not(HasSubstr("accepted?!")));
  EXPECT_THAT(logs, HasSubstr("option \"ready.tcp\" must be HOST:PORT"));
  EXPECT_THAT(logs, HasSubstr("option \"ready.http\" must start with http://"));
  EXPECT_THAT(logs, HasSubstr("not \"db.internal\": probes do not look names "
                              "up"));
  EXPECT_THAT(logs,
              HasSubstr("needs exactly one of http, tcp, log, exec or fn"));
  EXPECT_THAT(logs, HasSubstr("unknown option \"ready.lgo\""));
  EXPECT_THAT(logs, HasSubstr("is not a regular expression runy can match"));
  EXPECT_THAT(logs, HasSubstr("option \"ready\" must be an object"));
  EXPECT_THAT(logs, HasSubstr("failureThreshold\" applies to health only"));
  size_t first =
      logs.find("too big: ctx.process: RangeError: the value is too large");
  ASSERT_NE(first, std::string::npos) << logs;
  EXPECT_NE(
      logs.find("too big: ctx.process: RangeError: the value is too large",
                first + 1),
      std::string::npos)
      << logs;
  EXPECT_THAT(logs, HasSubstr("bad.js:"));
}

// A pattern that backtracking engines take exponential time on, against a
// line of the process: matched (or not) at once, and the next one works.
TEST(HandlesTest, LogPatternsMatchInLinearTime) {
  TempDir dir;
  std::string file = dir.WriteFile("re.js", R"js(
service("re").run(async (ctx) => {
  const p = await ctx.process({ alias: "re-p", cmd: "sh", args: ["-c",
    "echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab; exec sleep 1000"] });
  try {
    await p.waitForLog(/^(a+)+$/, { timeout: 300 });
    ctx.log("matched?!");
  } catch (e) {
    ctx.log(`no match: ${e.message}`);
  }
  ctx.log(`line: ${await p.waitForLog(/^(a|aa)+b$/)}`);
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "re"});
  ASSERT_TRUE(
      WaitFor([&] { return LogHas(d, "re", "line: "); }, absl::Seconds(20)))
      << Logs(d, "re");
  std::string logs = Logs(d, "re");
  EXPECT_THAT(logs, HasSubstr("no match: waitForLog: no line of re-p matched"));
  EXPECT_THAT(
      logs, HasSubstr("line: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
  EXPECT_EQ(d.Runy({"status"}).exit_code, 0);
}

TEST(EventsTest, ListenersSeeExitsRestartsReadinessAndFailures) {
  TempDir dir;
  std::string file = dir.WriteFile("events.js", R"js(
const s = service("ev");
s.on("exit", (e) => console.log(`EVENT exit ${e.alias} code ${e.code} run ${e.run}`));
s.on("restart", (e) => console.log(`EVENT restart ${e.alias} run ${e.run}`));
s.on("ready", (e) => console.log(`EVENT ready ${e.alias} run ${e.run}`));
s.on("failed", async (e, ctx) => {
  console.log(`EVENT failed ${e.alias} ${e.reason}`);
  await ctx.exec({ cmd: "sh", args: ["-c", `echo webhook posted for ${e.alias}`] });
});
s.run(async (ctx) => {
  await ctx.process({ alias: "flaky", cmd: "sh", args: ["-c", "exit 4"],
    restart: { kind: "fixed", delay: 50, maxRestarts: 1 } });
});
const t = service("throws");
t.on("failed", (e) => console.log(`EVENT service failed ${e.service}: ${e.error}`));
t.on("exit", () => { throw new Error("listener bug"); });
t.run(async (ctx) => {
  await ctx.process({ alias: "brief", cmd: "true" });
  await ctx.sleep(100);
  throw new Error("boom");
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "ev"});
  d.Runy({"start", "--no-wait", "throws"});
  ASSERT_TRUE(WaitFor([&] {
    return d.log().find("EVENT failed flaky") != std::string::npos &&
           d.log().find("EVENT service failed throws") != std::string::npos;
  })) << d.log();
  std::string log = d.log();
  size_t exit1 = log.find("EVENT exit flaky code 4 run 1");
  size_t restart = log.find("EVENT restart flaky run 2");
  size_t exit2 = log.find("EVENT exit flaky code 4 run 2");
  size_t failed = log.find("EVENT failed flaky gave up after 1 restarts");
  ASSERT_NE(exit1, std::string::npos) << log;
  ASSERT_NE(restart, std::string::npos) << log;
  ASSERT_NE(exit2, std::string::npos) << log;
  ASSERT_NE(failed, std::string::npos) << log;
  EXPECT_LT(exit1, restart);
  EXPECT_LT(restart, exit2);
  EXPECT_LT(exit2, failed);
  // A listener gets a ctx: its ctx.exec output is in the service's log.
  EXPECT_TRUE(WaitFor([&] {
    return LogHas(d, "ev", "webhook posted for flaky");
  })) << Logs(d, "ev");
  EXPECT_THAT(log, HasSubstr("EVENT service failed throws: "));
  EXPECT_THAT(log, HasSubstr("boom"));
  // A listener that throws is reported with its place, and harms nothing.
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "-n", "100", "throws"})
               .out.find("s.on(\"exit\") listener failed") != std::string::npos;
  })) << d.Runy({"logs", "-n", "100", "throws"}).out;
  EXPECT_THAT(d.Runy({"logs", "-n", "100", "throws"}).out,
              HasSubstr("events.js:16"));
  EXPECT_EQ(d.Runy({"status"}).exit_code, 0);
}

TEST(ScheduleTest, AnIntervalJobRunsWithoutOverlapAndStatusShowsTheNext) {
  TempDir dir;
  std::string file = dir.WriteFile("jobs.js", R"js(
service("jobs").run(async (ctx) => {
  let n = 0;
  ctx.schedule({ every: 100 }, async () => {
    const mine = ++n;
    ctx.log(`job ${mine} begins`);
    await ctx.sleep(250);
    ctx.log(`job ${mine} ends`);
  });
  ctx.schedule("*/5 * * * *", () => {});
  try {
    ctx.schedule("0 0 30 2 *", () => {});
  } catch (e) {
    ctx.log(`refused: ${e.message}`);
  }
  ctx.schedule({ every: "150ms" }, () => { throw new Error("job bug"); });
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "jobs"}).exit_code, 0) << d.log();
  EXPECT_THAT(d.Runy({"status", "jobs"}).out,
              ContainsRegex("next job [0-9]{2}:[0-9]{2}:[0-9]{2}"));
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "jobs", "job 3 ends"); }))
      << Logs(d, "jobs");
  std::string logs = Logs(d, "jobs");
  // Never two at once: each run ends before the next begins.
  for (int i = 1; i <= 2; ++i) {
    size_t end = logs.find(absl::StrCat("job ", i, " ends"));
    size_t next = logs.find(absl::StrCat("job ", i + 1, " begins"));
    ASSERT_NE(end, std::string::npos) << logs;
    ASSERT_NE(next, std::string::npos) << logs;
    EXPECT_LT(end, next) << logs;
  }
  EXPECT_THAT(logs, HasSubstr("skipped, the previous run is still going"));
  // Logged once a streak of skips: no more often than runs begin.
  auto count = [&](const std::string& text) {
    int n = 0;
    for (size_t at = logs.find(text); at != std::string::npos;
         at = logs.find(text, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_LE(count("skipped, the previous run is still going"), count(" begins"))
      << logs;
  EXPECT_THAT(logs, HasSubstr("refused: ctx.schedule: \"0 0 30 2 *\" never "
                              "comes"));
  EXPECT_THAT(logs, ContainsRegex("schedule every 150ms \\(at .*jobs.js:16\\) "
                                  "failed: .*job bug"));
  // Stopped with the service: no more runs.
  ASSERT_EQ(d.Runy({"stop", "jobs"}).exit_code, 0);
  EXPECT_THAT(d.Runy({"status", "jobs"}).out, Not(HasSubstr("next job")));
}

TEST(ExitHookTest, OnExitChoosesADelayThenGivesUpAndABrokenHookFallsBack) {
  TempDir dir;
  std::string file = dir.WriteFile("hooks.js", R"js(
service("hooked").run(async (ctx) => {
  let calls = 0;
  await ctx.process({ alias: "hk", cmd: "sh",
    args: ["-c", "seq 1 12; printf 'bad thing'; exit 9"],
    restart: { kind: "always" },
    onExit: async ({ code, signal, uptime, restarts, lastLines }) => {
      calls += 1;
      ctx.log(`onExit ${calls}: code ${code} signal ${signal} restarts ` +
              `${restarts} last ${lastLines.join("|")} up ${uptime >= 0}`);
      return calls < 3 ? { restart: true, delay: 200 } : { restart: false };
    } });
});
service("hook-bug").run(async (ctx) => {
  await ctx.process({ alias: "hb", cmd: "sh", args: ["-c", "exit 1"],
    restart: { kind: "fixed", delay: 100, maxRestarts: 1 },
    onExit: () => { throw new Error("hook broke"); } });
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "hooked"});
  d.Runy({"start", "--no-wait", "hook-bug"});
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "hk"}).out.find("exited") != std::string::npos;
  })) << Logs(d, "hooked");
  std::string logs = Logs(d, "hooked");
  // The instance's last 10 lines, in order, the unterminated last one too.
  EXPECT_THAT(logs, HasSubstr("onExit 1: code 9 signal null restarts 0 last "
                              "4|5|6|7|8|9|10|11|12|bad thing up true"));
  EXPECT_THAT(logs, HasSubstr("onExit 2: code 9 signal null restarts 1"));
  EXPECT_THAT(logs, HasSubstr("onExit 3:"));
  EXPECT_EQ(logs.find("onExit 4:"), std::string::npos) << logs;
  EXPECT_THAT(logs, HasSubstr("hk | -- onExit hook: restart in 200ms"));
  EXPECT_THAT(logs,
              HasSubstr("hk | -- not restarted: its onExit hook said so"));
  EXPECT_THAT(d.Runy({"describe", "hk"}).out,
              HasSubstr("restart in 200ms (onExit hook)"));
  // A hook that throws: the policy decides, and says why.
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "hb"}).out.find("failed") != std::string::npos;
  })) << Logs(d, "hb");
  EXPECT_THAT(Logs(d, "hb"),
              ContainsRegex("onExit hook: it threw: .*hooks.js:17.*hook broke; "
                            "the restart policy decides"));
  EXPECT_THAT(Logs(d, "hb"), HasSubstr("gave up after 1 restarts"));
}

TEST(WatchHookTest, OnWatchRestartsOnlyWhenItsBuildPassesOrSignals) {
  TempDir dir;
  dir.WriteFile("build.txt", "start\n");
  std::string file = dir.WriteFile("watch.js", R"js(
service("w").run(async (ctx) => {
  await ctx.process({ alias: "app", cmd: "sleep", args: ["1000"],
    watch: ["*.txt"],
    onWatch: async (paths) => {
      const r = await ctx.exec({ cmd: "grep", args: ["-qx", "pass", "build.txt"] });
      const names = paths.map((p) => p.split("/").pop()).join(",");
      ctx.log(`build ${r.code === 0 ? "passed" : "failed"} for ${names}`);
      return r.code === 0 ? "restart" : "ignore";
    } });
  await ctx.process({ alias: "hup", cmd: "sh", args: ["-c",
    "trap 'echo reloaded' HUP; while :; do sleep 0.05; done"],
    watch: ["*.conf"], onWatch: () => ({ signal: "SIGHUP" }) });
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "w"}).exit_code, 0) << d.log();
  auto run_of = [&](const std::string& alias) {
    std::string s = d.Runy({"--json", "status", alias}).out;
    size_t at = s.find("\"run\": ");
    return at == std::string::npos ? -1 : std::atoi(s.c_str() + at + 7);
  };
  ASSERT_EQ(run_of("app"), 1);
  // A failing build: no restart.
  dir.WriteFile("build.txt", "fail\n");
  ASSERT_TRUE(WaitFor([&] {
    return LogHas(d, "w", "build failed for build.txt");
  })) << Logs(d, "w");
  EXPECT_THAT(Logs(d, "app"), HasSubstr("onWatch hook: ignored"));
  EXPECT_EQ(run_of("app"), 1);
  // A passing one: restarted.
  dir.WriteFile("build.txt", "pass\n");
  ASSERT_TRUE(WaitFor([&] { return run_of("app") == 2; }))
      << Logs(d, "w") << Logs(d, "app");
  EXPECT_THAT(Logs(d, "w"), HasSubstr("build passed for build.txt"));
  // { signal }: the process is signalled, not restarted.
  dir.WriteFile("x.conf", "1\n");
  ASSERT_TRUE(WaitFor([&] { return LogHas(d, "hup", "reloaded"); }))
      << Logs(d, "hup");
  EXPECT_THAT(Logs(d, "hup"), HasSubstr("onWatch hook: SIGHUP"));
  EXPECT_EQ(run_of("hup"), 1);
}

TEST(EventsTest, TheEventsStreamShowsWaitingForReadinessThenRunning) {
  TempDir dir;
  std::string file = dir.WriteFile("gate.js", R"js(
service("gate").run(async (ctx) => {
  await ctx.process({ alias: "gated", cmd: "sleep", args: ["1000"],
    ready: { exec: { cmd: "test", args: ["-e", "open"] }, interval: 50 } });
});
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  testing::Background events({testing::BinaryPath("RUNY"), "--host",
                              d.unix_uri(), "events", "--utc", "gate"});
  // The subscription is made on runyd's loop: wait until it sees a start.
  ASSERT_TRUE(WaitFor([&] {
    d.Runy({"start", "--no-wait", "gate"});
    return events.out().find("process gated") != std::string::npos;
  })) << events.out()
      << events.err();
  ASSERT_TRUE(WaitFor([&] {
    return events.out().find("last probe: exit") != std::string::npos;
  })) << events.out();
  dir.WriteFile("open", "");
  const std::string running = "process gated (gate)  running";
  ASSERT_TRUE(WaitFor([&] {
    return events.out().find(running) != std::string::npos;
  })) << events.out();
  std::string out = events.out();
  size_t waiting = out.find("starting  pid ");
  ASSERT_NE(waiting, std::string::npos) << out;
  EXPECT_NE(out.find("waiting for exec test -e open", waiting),
            std::string::npos)
      << out;
  EXPECT_LT(waiting, out.find(running));
  events.Signal(SIGINT);
  events.Wait(absl::Seconds(10));
}

TEST(EventsTest, UnknownEventsAndNonFunctionsAreLoadErrors) {
  TempDir dir;
  std::string file =
      dir.WriteFile("bad.js", "service(\"x\").on(\"exploded\", () => {});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  std::string status = d.Runy({"status"}).out + d.Runy({"status"}).err;
  EXPECT_THAT(status, HasSubstr("no such event (known: exit, failed, ready, "
                                "restart)"));
  EXPECT_THAT(status, HasSubstr("bad.js:1"));
}

}  // namespace
}  // namespace runy
