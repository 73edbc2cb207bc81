// The engine with real child processes.
#include "server/engine/engine.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/engine_harness.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy::engine {
namespace {

using ::runy::testing::EngineHarness;
using ::runy::testing::IsOk;
using ::runy::testing::ShellSpec;
using ::runy::testing::StatusIs;
using ::runy::testing::WaitFor;
using ::testing::Contains;
using ::testing::HasSubstr;

// Gaps between an exit and the next spawn, from the recorded transitions.
std::vector<absl::Duration> RestartGaps(
    const std::vector<testing::StateChange>& changes) {
  std::vector<absl::Duration> gaps;
  absl::Time exited_at = absl::InfinitePast();
  for (const auto& c : changes) {
    if (c.state == ProcessState::kBackoff) exited_at = c.at;
    if (c.state == ProcessState::kStarting &&
        exited_at != absl::InfinitePast()) {
      gaps.push_back(c.at - exited_at);
      exited_at = absl::InfinitePast();
    }
  }
  return gaps;
}

bool Alive(pid_t pid) { return kill(pid, 0) == 0 || errno == EPERM; }

TEST(EngineTest, ExponentialBackoffWaitsDoublingDelaysThenFails) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("exp", "exit 3");
  spec.restart.kind = RestartSpec::Kind::kExponential;
  spec.restart.initial_delay = absl::Milliseconds(100);
  spec.restart.max_delay = absl::Seconds(30);
  spec.restart.multiplier = 2.0;
  spec.restart.max_restarts = 4;
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("exp"), IsOk());
  ASSERT_TRUE(h.WaitForState("exp", ProcessState::kFailed));

  std::vector<absl::Duration> gaps = RestartGaps(h.Changes("exp"));
  ASSERT_EQ(gaps.size(), 4u);
  const int expected_ms[] = {100, 200, 400, 800};
  for (size_t i = 0; i < gaps.size(); ++i) {
    EXPECT_GE(gaps[i],
              absl::Milliseconds(expected_ms[i]) - absl::Milliseconds(2))
        << i;
    EXPECT_LT(gaps[i], absl::Milliseconds(expected_ms[i] + 250)) << i;
  }
  ProcessSnapshot s = h.Snapshot("exp");
  EXPECT_EQ(s.restarts, 4);
  EXPECT_EQ(s.last_exit.code, 3);
  EXPECT_THAT(s.reason, HasSubstr("gave up after 4 restarts"));
  EXPECT_THAT(h.sink().SystemLines("exp"),
              Contains(HasSubstr("restarting in 400ms (attempt 3/4)")));
}

TEST(EngineTest, FixedDelayIsTheSameBeforeEveryRestart) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("fixed", "exit 1");
  spec.restart.kind = RestartSpec::Kind::kFixed;
  spec.restart.delay = absl::Milliseconds(200);
  spec.restart.max_restarts = 3;
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("fixed"), IsOk());
  ASSERT_TRUE(h.WaitForState("fixed", ProcessState::kFailed));
  std::vector<absl::Duration> gaps = RestartGaps(h.Changes("fixed"));
  ASSERT_EQ(gaps.size(), 3u);
  for (absl::Duration gap : gaps) {
    EXPECT_GE(gap, absl::Milliseconds(198));
    EXPECT_LT(gap, absl::Milliseconds(450));
  }
}

TEST(EngineTest, AlwaysRestartsWithNoAddedDelay) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("always", "exit 0");
  spec.restart.kind = RestartSpec::Kind::kAlways;
  spec.restart.max_restarts = 20;
  spec.restart.crash_loop.after = 0;  // the crash-loop throttle off
  ASSERT_THAT(h.Define(spec), IsOk());
  absl::Time start = absl::Now();
  ASSERT_THAT(h.Start("always"), IsOk());
  ASSERT_TRUE(h.WaitForState("always", ProcessState::kFailed));
  // 21 runs of `sh -c 'exit 0'` with no delay take a few ms each.
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_EQ(h.Snapshot("always").run, 21);
  for (const auto& c : h.Changes("always"))
    EXPECT_NE(c.state, ProcessState::kBackoff);
}

TEST(EngineTest, NeverLeavesTheProcessExitedWithItsCode) {
  EngineHarness h;
  ASSERT_THAT(h.Define(ShellSpec("once", "exit 7")), IsOk());
  ASSERT_THAT(h.Start("once"), IsOk());
  ASSERT_TRUE(h.WaitForState("once", ProcessState::kExited));
  ProcessSnapshot s = h.Snapshot("once");
  EXPECT_TRUE(s.last_exit.exited);
  EXPECT_EQ(s.last_exit.code, 7);
  EXPECT_EQ(s.last_exit.signal, 0);
  EXPECT_EQ(s.run, 1);
}

TEST(EngineTest, DeathBySignalIsReportedAsTheSignal) {
  EngineHarness h;
  ASSERT_THAT(h.Define(ShellSpec("killed", "kill -9 $$")), IsOk());
  ASSERT_THAT(h.Start("killed"), IsOk());
  ASSERT_TRUE(h.WaitForState("killed", ProcessState::kExited));
  EXPECT_EQ(h.Snapshot("killed").last_exit.signal, SIGKILL);
  EXPECT_THAT(h.sink().SystemLines("killed"), Contains("killed by SIGKILL"));
}

TEST(EngineTest, StopKillsAGrandchildStartedThroughShC) {
  EngineHarness h;
  testing::TempDir dir;
  std::string pid_file = dir.Join("grandchild.pid");
  ASSERT_THAT(h.Define(ShellSpec(
                  "tree", "sleep 1000 & echo $! > " + pid_file + "; wait")),
              IsOk());
  ASSERT_THAT(h.Start("tree"), IsOk());
  pid_t grandchild = 0;
  ASSERT_TRUE(WaitFor([&] {
    std::ifstream(pid_file) >> grandchild;
    return grandchild > 0;
  }));
  ASSERT_TRUE(Alive(grandchild));
  ASSERT_TRUE(h.StopAndWait("tree"));
  EXPECT_TRUE(WaitFor([&] { return !Alive(grandchild); }, absl::Seconds(5)));
  EXPECT_EQ(h.Snapshot("tree").state, ProcessState::kStopped);
}

TEST(EngineTest, ChildIgnoringSigtermIsKilledAfterStopTimeout) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec(
      "stubborn", "trap '' TERM; echo ready; while :; do sleep 0.05; done");
  spec.stop_timeout = absl::Milliseconds(300);
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("stubborn"), IsOk());
  ASSERT_TRUE(
      WaitFor([&] { return h.sink().Output("stubborn") == "ready\n"; }));
  absl::Time start = absl::Now();
  ASSERT_TRUE(h.StopAndWait("stubborn"));
  absl::Duration took = absl::Now() - start;
  EXPECT_GE(took, absl::Milliseconds(290));
  EXPECT_LT(took, absl::Seconds(3));
  ProcessSnapshot s = h.Snapshot("stubborn");
  EXPECT_EQ(s.state, ProcessState::kStopped);
  EXPECT_EQ(s.last_exit.signal, SIGKILL);
}

TEST(EngineTest, WorkersOfAGroupGetTheirStopTimeoutAfterTheLeaderExits) {
  EngineHarness h;
  // The leader dies of SIGTERM at once; its worker needs a moment to finish.
  ProcessSpec spec = ShellSpec(
      "pool",
      "sh -c 'trap \"echo worker stopping; sleep 0.5; echo worker done; "
      "exit 0\" TERM; echo ready; while :; do sleep 0.05; done' & wait");
  spec.stop_timeout = absl::Seconds(20);
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("pool"), IsOk());
  ASSERT_TRUE(WaitFor([&] { return h.sink().Output("pool") == "ready\n"; }));
  absl::Time start = absl::Now();
  ASSERT_TRUE(h.StopAndWait("pool"));
  absl::Duration took = absl::Now() - start;
  // The shell may report its killed sleep ("Terminated") in between.
  std::string out = h.sink().Output("pool");
  size_t stopping = out.find("worker stopping\n");
  ASSERT_NE(stopping, std::string::npos) << out;
  EXPECT_NE(out.find("worker done\n", stopping), std::string::npos) << out;
  EXPECT_GE(took, absl::Milliseconds(450));
  EXPECT_LT(took, absl::Seconds(15));
  EXPECT_EQ(h.Snapshot("pool").state, ProcessState::kStopped);
}

TEST(EngineTest, AWorkerThatOutlivesStopTimeoutIsKilled) {
  EngineHarness h;
  testing::TempDir dir;
  std::string pid_file = dir.Join("worker.pid");
  ProcessSpec spec =
      ShellSpec("stuck", "sh -c 'trap \"\" TERM; echo $$ > " + pid_file +
                             "; while :; do sleep 0.05; done' & wait");
  spec.stop_timeout = absl::Milliseconds(300);
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("stuck"), IsOk());
  pid_t worker = 0;
  ASSERT_TRUE(WaitFor([&] {
    std::ifstream(pid_file) >> worker;
    return worker > 0;
  }));
  absl::Time start = absl::Now();
  ASSERT_TRUE(h.StopAndWait("stuck"));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(290));
  EXPECT_TRUE(WaitFor([&] { return !Alive(worker); }, absl::Seconds(5)));
  EXPECT_EQ(h.Snapshot("stuck").state, ProcessState::kStopped);
}

TEST(EngineTest, AlwaysAroundACommandThatExitsAtOnceDoesNotSpin) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("spin", "exit 0");
  spec.restart.kind = RestartSpec::Kind::kAlways;
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("spin"), IsOk());
  // 5 quick exits at full speed, then at least 1 s, 2 s ... between spawns.
  ProcessSnapshot s;
  ASSERT_TRUE(WaitFor([&] {
    s = h.Snapshot("spin");
    return s.crash_looping && s.state == ProcessState::kBackoff;
  })) << s.run;
  EXPECT_GE(s.next_restart_at - s.last_exit.at, absl::Milliseconds(900));
  EXPECT_LE(s.run, 6);
  std::vector<std::string> lines = h.sink().SystemLines("spin");
  EXPECT_NE(std::find_if(lines.begin(), lines.end(),
                         [](const std::string& l) {
                           return l.find(
                                      "crash loop: exited 5 times within 1s of "
                                      "starting; restarts slow down") !=
                                  std::string::npos;
                         }),
            lines.end());
}

TEST(EngineTest, ACrashLoopEndsOnceAnInstanceStaysUp) {
  EngineHarness h;
  testing::TempDir dir;
  // Exits at once three times, then stays up.
  std::string count = dir.Join("count");
  ProcessSpec spec =
      ShellSpec("flaky", "n=$(cat " + count +
                             " 2>/dev/null || echo 0); n=$((n+1)); "
                             "echo $n > " +
                             count +
                             "; [ $n -gt 3 ] && exec sleep 1000; "
                             "exit 1");
  spec.restart.kind = RestartSpec::Kind::kAlways;
  spec.restart.crash_loop.after = 2;
  spec.restart.crash_loop.quick_exit = absl::Milliseconds(300);
  spec.restart.crash_loop.max_delay = absl::Milliseconds(100);
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("flaky"), IsOk());
  ProcessSnapshot s;
  ASSERT_TRUE(WaitFor([&] {
    s = h.Snapshot("flaky");
    return s.crash_looping;
  }));
  EXPECT_THAT(s.reason, HasSubstr("crash loop: exited 2 times within 300ms of "
                                  "starting"));
  // Up past crashLoopUptime: the loop is over, said once in the log.
  ASSERT_TRUE(WaitFor([&] {
    s = h.Snapshot("flaky");
    return s.state == ProcessState::kRunning && !s.crash_looping;
  }));
  EXPECT_EQ(s.reason, "");
  EXPECT_EQ(s.run, 4);
  std::vector<std::string> lines = h.sink().SystemLines("flaky");
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) {
                            return l.find("crash loop over") !=
                                   std::string::npos;
                          }),
            1);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const std::string& l) {
                            return l.find("restarts slow down") !=
                                   std::string::npos;
                          }),
            1);
}

TEST(EngineTest, StopIsNotFollowedByARestart) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("svc", "sleep 1000");
  spec.restart.kind = RestartSpec::Kind::kAlways;
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("svc"), IsOk());
  ASSERT_TRUE(h.StopAndWait("svc"));
  EXPECT_EQ(h.Snapshot("svc").state, ProcessState::kStopped);
  EXPECT_EQ(h.Snapshot("svc").run, 1);
}

TEST(EngineTest, StopDuringBackoffCancelsThePendingRestart) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("backoff", "exit 1");
  spec.restart.kind = RestartSpec::Kind::kFixed;
  spec.restart.delay = absl::Milliseconds(300);
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("backoff"), IsOk());
  ASSERT_TRUE(h.WaitForState("backoff", ProcessState::kBackoff));
  ASSERT_TRUE(h.StopAndWait("backoff"));
  int runs = h.Snapshot("backoff").run;
  // Past the delay: nothing was started.
  absl::SleepFor(absl::Milliseconds(600));
  EXPECT_EQ(h.Snapshot("backoff").state, ProcessState::kStopped);
  EXPECT_EQ(h.Snapshot("backoff").run, runs);
}

TEST(EngineTest, ManualStartResetsTheRestartCount) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("reset", "exit 1");
  spec.restart.kind = RestartSpec::Kind::kFixed;
  spec.restart.delay = absl::Milliseconds(10);
  spec.restart.max_restarts = 2;
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("reset"), IsOk());
  ASSERT_TRUE(h.WaitForState("reset", ProcessState::kFailed));
  EXPECT_EQ(h.Snapshot("reset").restarts, 2);
  ASSERT_THAT(h.Start("reset"), IsOk());
  ASSERT_TRUE(WaitFor([&] { return h.Snapshot("reset").run == 6; }));
  ASSERT_TRUE(h.WaitForState("reset", ProcessState::kFailed));
  EXPECT_EQ(h.Snapshot("reset").run, 6);
}

TEST(EngineTest, MissingCommandCountsAsExit127AndLogsTheErrno) {
  EngineHarness h;
  ProcessSpec spec;
  spec.alias = "ghost";
  spec.command.cmd = "runy-no-such-command";
  ASSERT_THAT(h.Define(spec), IsOk());
  EXPECT_THAT(h.Start("ghost"), StatusIs(absl::StatusCode::kNotFound));
  ProcessSnapshot s = h.Snapshot("ghost");
  EXPECT_EQ(s.state, ProcessState::kFailed);
  EXPECT_EQ(s.last_exit.code, 127);
  EXPECT_THAT(s.reason, HasSubstr("No such file or directory"));
  EXPECT_THAT(h.sink().SystemLines("ghost"),
              Contains(HasSubstr(
                  "execve runy-no-such-command: No such file or directory")));
}

TEST(EngineTest, MissingCommandWithFixedPolicyIsRetriedThenFails) {
  EngineHarness h;
  ProcessSpec spec;
  spec.alias = "ghost2";
  spec.command.cmd = "/nonexistent/bin/x";
  spec.restart.kind = RestartSpec::Kind::kFixed;
  spec.restart.delay = absl::Milliseconds(10);
  spec.restart.max_restarts = 2;
  ASSERT_THAT(h.Define(spec), IsOk());
  h.Start("ghost2").IgnoreError();
  ASSERT_TRUE(h.WaitForState("ghost2", ProcessState::kFailed));
  EXPECT_EQ(h.Snapshot("ghost2").restarts, 2);
}

TEST(EngineTest, InvalidPoliciesAreRejectedWithTheOptionName) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("bad", "true");
  spec.restart.kind = RestartSpec::Kind::kExponential;
  spec.restart.multiplier = 0.5;
  EXPECT_THAT(h.Define(spec), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("restart.multiplier")));
  spec.restart.multiplier = 2;
  spec.restart.initial_delay = absl::Milliseconds(-5);
  EXPECT_THAT(h.Define(spec), StatusIs(absl::StatusCode::kInvalidArgument,
                                       HasSubstr("restart.initialDelay")));
  ProcessSpec no_alias = ShellSpec("", "true");
  EXPECT_THAT(h.Define(no_alias),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("alias")));
  EXPECT_FALSE(h.Call<bool>([](Engine& e) { return e.Has("bad"); }));
}

TEST(EngineTest, UnknownAliasIsNotFound) {
  EngineHarness h;
  EXPECT_THAT(h.Start("nobody"), StatusIs(absl::StatusCode::kNotFound));
}

TEST(EngineTest, ChildGetsEnvCwdAndDevNullStdin) {
  EngineHarness h;
  testing::TempDir dir;
  ProcessSpec spec = ShellSpec(
      "env",
      "echo $RUNY_ALIAS $RUNY_SERVICE $EXTRA; pwd; readlink /proc/$$/fd/0");
  spec.command.cwd = dir.path();
  spec.command.env = {{"EXTRA", "yes"}};
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("env"), IsOk());
  ASSERT_TRUE(h.WaitForState("env", ProcessState::kExited));
  ASSERT_TRUE(WaitFor([&] {
    return h.sink().Output("env").find("/dev/null\n") != std::string::npos;
  }));
  std::string out = h.sink().Output("env");
  EXPECT_THAT(out, HasSubstr("env test yes\n"));
  EXPECT_THAT(out, HasSubstr(dir.path() + "\n"));
}

TEST(EngineTest, ChildInheritsOnlyStdinStdoutAndStderr) {
  EngineHarness h;
  // Read from outside: a shell listing its own fds races with its pipelines.
  // `sleep` may open locale files for a moment as it starts (LANG=C.UTF-8),
  // so the fds are judged once it has exec'd and closed them; an inherited
  // fd never goes away, so a leak still fails.
  ProcessSpec spec;
  spec.alias = "fds";
  spec.command.cmd = "sleep";
  spec.command.args = {"1000"};
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("fds"), IsOk());
  pid_t pid = h.Snapshot("fds").pid;
  std::string proc = absl::StrCat("/proc/", pid);
  std::vector<std::string> fds;
  auto idle_with_three_fds = [&] {
    std::ifstream comm(proc + "/comm");
    std::string name;
    std::getline(comm, name);
    fds.clear();
    std::error_code error;
    for (const auto& entry :
         std::filesystem::directory_iterator(proc + "/fd", error)) {
      fds.push_back(entry.path().filename().string());
    }
    std::sort(fds.begin(), fds.end());
    return name == "sleep" && fds.size() == 3;
  };
  WaitFor(idle_with_three_fds, absl::Seconds(5));
  EXPECT_THAT(fds, ::testing::ElementsAre("0", "1", "2"));
}

TEST(EngineTest, ChildStartsWithAnEmptySignalMask) {
  EngineHarness h;
  // grep itself, not a shell: dash blocks signals around its own forks.
  ProcessSpec spec;
  spec.alias = "mask";
  spec.command.cmd = "grep";
  spec.command.args = {"-E", "SigBlk|SigIgn", "/proc/self/status"};
  ASSERT_THAT(h.Define(spec), IsOk());
  ASSERT_THAT(h.Start("mask"), IsOk());
  ASSERT_TRUE(h.WaitForState("mask", ProcessState::kExited));
  ASSERT_TRUE(WaitFor([&] {
    return h.sink().Output("mask").find("SigIgn") != std::string::npos;
  }));
  std::string out = h.sink().Output("mask");
  EXPECT_THAT(out, HasSubstr("SigBlk:\t0000000000000000"));
  // Nothing ignored among the standard signals (glibc keeps its two
  // internal real-time signals, 32 and 33, as it likes).
  size_t at = out.find("SigIgn:\t");
  ASSERT_NE(at, std::string::npos);
  uint64_t ignored = std::stoull(out.substr(at + 8, 16), nullptr, 16);
  EXPECT_EQ(ignored & 0x7fffffffu, 0u) << out;
}

TEST(EngineTest, StderrIsCapturedSeparately) {
  EngineHarness h;
  ASSERT_THAT(h.Define(ShellSpec("err", "echo out; echo err >&2")), IsOk());
  ASSERT_THAT(h.Start("err"), IsOk());
  ASSERT_TRUE(WaitFor([&] { return h.sink().Output("err").size() == 8; }));
  EXPECT_THAT(h.sink().Output("err"),
              ::testing::AnyOf("out\nerr\n", "err\nout\n"));
}

TEST(EngineTest, TwoHundredProcessesStartAndStop) {
  EngineHarness h;
  for (int i = 0; i < 200; ++i) {
    ASSERT_THAT(h.Define(ShellSpec(absl::StrCat("p", i), "exec sleep 1000")),
                IsOk());
  }
  h.Do([](Engine& e) {
    for (int i = 0; i < 200; ++i) e.Start(absl::StrCat("p", i)).IgnoreError();
  });
  EXPECT_TRUE(WaitFor([&] {
    return h.Call<bool>([](Engine& e) {
      for (const auto& s : e.SnapshotAll()) {
        if (s.state != ProcessState::kRunning) return false;
      }
      return true;
    });
  }));
  std::vector<pid_t> pids;
  for (const auto& s : h.Call<std::vector<ProcessSnapshot>>(
           [](Engine& e) { return e.SnapshotAll(); })) {
    pids.push_back(s.pid);
  }
  ASSERT_EQ(pids.size(), 200u);
  auto done = std::make_shared<std::promise<void>>();
  h.Do([done](Engine& e) { e.StopAll([done] { done->set_value(); }); });
  ASSERT_EQ(done->get_future().wait_for(std::chrono::seconds(30)),
            std::future_status::ready);
  for (pid_t pid : pids) EXPECT_FALSE(Alive(pid)) << pid;
}

TEST(EngineTest, OrphansAreReaped) {
  EngineHarness h;
  testing::TempDir dir;
  std::string pid_file = dir.Join("orphan.pid");
  // The shell exits at once; its child, in a session of its own (out of
  // reach of the group kill), is re-parented to us.
  ASSERT_THAT(h.Define(ShellSpec("orphaner", "setsid sleep 2 & echo $! > " +
                                                 pid_file + "; sleep 0.1")),
              IsOk());
  ASSERT_THAT(h.Start("orphaner"), IsOk());
  ASSERT_TRUE(h.WaitForState("orphaner", ProcessState::kExited));
  pid_t orphan = 0;
  ASSERT_TRUE(WaitFor([&] {
    std::ifstream(pid_file) >> orphan;
    return orphan > 0;
  }));
  EXPECT_TRUE(Alive(orphan)) << "the orphan should still be sleeping";
  // Gone for good (reaped), not a zombie.
  EXPECT_TRUE(WaitFor([&] { return !Alive(orphan); }, absl::Seconds(15)));
}

TEST(EngineTest, AChangeDuringAUserRestartNeverDoublesTheProcess) {
  EngineHarness h;
  // Ignores SIGTERM: it stays "stopping" until the SIGKILL 300 ms later.
  ProcessSpec slow_spec = ShellSpec(
      "slow", "trap '' TERM; echo ready; while :; do sleep 0.05; done");
  slow_spec.stop_timeout = absl::Milliseconds(300);
  ASSERT_THAT(h.Define(slow_spec), IsOk());
  ASSERT_THAT(h.Start("slow"), IsOk());
  ASSERT_TRUE(WaitFor([&] { return h.sink().Output("slow") == "ready\n"; }));
  pid_t first = h.Snapshot("slow").pid;
  auto restarted = std::make_shared<std::promise<absl::Status>>();
  h.Do([restarted](Engine& e) {
    e.Restart("slow", [restarted](absl::Status s) {
       restarted->set_value(s);
     }).IgnoreError();
    e.RestartForChange("slow", "a.txt").IgnoreError();
  });
  ASSERT_THAT(restarted->get_future().get(), IsOk());
  ASSERT_TRUE(h.WaitForState("slow", ProcessState::kRunning));
  ProcessSnapshot s = h.Snapshot("slow");
  EXPECT_EQ(s.run, 2);
  EXPECT_NE(s.pid, first);
  EXPECT_TRUE(WaitFor([&] { return !Alive(first); }));
  ASSERT_TRUE(h.StopAndWait("slow"));
  EXPECT_FALSE(Alive(s.pid));
}

// Whoever waits for an instance (a handle's ready()) tells the stop of a
// restart from a stop for good by the snapshot alone.
TEST(EngineTest, AStopOnTheWayToTheNextInstanceSaysARestartFollows) {
  EngineHarness h;
  ASSERT_THAT(h.Define(ShellSpec("svc", "sleep 1000")), IsOk());
  ASSERT_THAT(h.Start("svc"), IsOk());
  ASSERT_TRUE(h.WaitForState("svc", ProcessState::kRunning));
  auto restarted = std::make_shared<std::promise<absl::Status>>();
  h.Do([restarted](Engine& e) {
    e.Restart("svc", [restarted](absl::Status s) {
       restarted->set_value(s);
     }).IgnoreError();
  });
  ASSERT_THAT(restarted->get_future().get(), IsOk());
  ASSERT_TRUE(WaitFor([&] { return h.Snapshot("svc").run == 2; }));
  h.Do([](Engine& e) { e.RestartForChange("svc", "a.txt").IgnoreError(); });
  ASSERT_TRUE(WaitFor([&] { return h.Snapshot("svc").run == 3; }));
  ASSERT_TRUE(h.StopAndWait("svc"));
  std::vector<bool> stops;
  for (const testing::StateChange& c : h.Changes("svc")) {
    if (c.state == ProcessState::kStopped) stops.push_back(c.restarting);
  }
  EXPECT_THAT(stops, ::testing::ElementsAre(true, true, false));
  EXPECT_FALSE(h.Snapshot("svc").restarting);
}

TEST(EngineTest, AChangeWhileAUserStopsTheProcessDoesNotStartItAgain) {
  EngineHarness h;
  // Ignores SIGTERM: it stays "stopping" until the SIGKILL 300 ms later.
  ProcessSpec stopme_spec = ShellSpec(
      "stopme", "trap '' TERM; echo ready; while :; do sleep 0.05; done");
  stopme_spec.stop_timeout = absl::Milliseconds(300);
  ASSERT_THAT(h.Define(stopme_spec), IsOk());
  ASSERT_THAT(h.Start("stopme"), IsOk());
  ASSERT_TRUE(WaitFor([&] { return h.sink().Output("stopme") == "ready\n"; }));
  auto stopped = std::make_shared<std::promise<void>>();
  h.Do([stopped](Engine& e) {
    e.Stop("stopme", [stopped] { stopped->set_value(); }).IgnoreError();
    e.RestartForChange("stopme", "a.txt").IgnoreError();
  });
  stopped->get_future().wait();
  // Still stopped after anything the change could have queued has run.
  h.Do([](Engine&) {});
  EXPECT_EQ(h.Snapshot("stopme").state, ProcessState::kStopped);
  EXPECT_EQ(h.Snapshot("stopme").run, 1);
}

TEST(EngineTest, AMissingCommandWithAZeroDelayIsRetriedWithoutSpinning) {
  EngineHarness h;
  ProcessSpec spec;
  spec.alias = "zero";
  spec.command.cmd = "runy-no-such-command";
  spec.restart.kind = RestartSpec::Kind::kFixed;
  spec.restart.delay = absl::ZeroDuration();
  spec.restart.max_restarts = 1;
  ASSERT_THAT(h.Define(spec), IsOk());
  h.Start("zero").IgnoreError();
  ASSERT_TRUE(h.WaitForState("zero", ProcessState::kFailed));
  EXPECT_EQ(h.Snapshot("zero").restarts, 1);
}

// Its streams end with the leader when nobody else holds them, so a last
// line without a newline is in the log when the exit is observed (by an
// onExit hook, say).
TEST(EngineTest, AnInstanceAloneInItsGroupHasItsStreamsEndedAtItsExit) {
  EngineHarness h;
  ProcessSpec spec = ShellSpec("partial", "printf 'fatal: disk full'; exit 3");
  spec.restart.kind = RestartSpec::Kind::kNever;
  ASSERT_THAT(h.Define(spec), IsOk());
  auto ends_at_exit = std::make_shared<std::promise<int>>();
  h.Do([&h, ends_at_exit](Engine& e) {
    e.Observe([&h, ends_at_exit](const ProcessSnapshot& s) {
      if (s.alias == "partial" && s.state == ProcessState::kExited) {
        ends_at_exit->set_value(h.sink().StreamEnds("partial"));
      }
    });
  });
  ASSERT_THAT(h.Start("partial"), IsOk());
  EXPECT_EQ(ends_at_exit->get_future().get(), 2);
  EXPECT_EQ(h.sink().Output("partial"), "fatal: disk full");
}

TEST(EngineTest, ExecOutputIsCompleteBeforeItsExitIsReported) {
  EngineHarness h;
  CommandSpec command;
  command.cmd = "sh";
  command.args = {"-c", "printf 'one\\nno newline at the end'"};
  auto exited = std::make_shared<std::promise<int>>();
  h.Do([&](Engine& e) {
    e.Exec(command, "svc", [exited, &h](const ExitInfo&) {
       exited->set_value(h.sink().StreamEnds("svc"));
     }).IgnoreError();
  });
  EXPECT_EQ(exited->get_future().get(), 2);  // stdout and stderr ended
  EXPECT_EQ(h.sink().Output("svc"), "one\nno newline at the end");
}

}  // namespace
}  // namespace runy::engine
