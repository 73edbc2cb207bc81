// Races of the process state machine, made deterministic: a fake
// ProcessEnv stands for posix_spawn, kill(2) and the clock, so an exit
// during a stop, a kill timer after the exit or a file change during a
// restart happen exactly in the order a test says. What the kernel does is
// engine_test's business (real processes).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/engine/process.h"
#include "server/engine/process_env.h"
#include "tests/testing/engine_harness.h"

namespace runy::engine {
namespace {

using ::testing::Contains;
using ::testing::Not;
using ::testing::Pair;

// Spawns fake pids (with real, empty pipes), records signals, keeps a
// manual clock whose timers fire when the test advances it.
class FakeProcessEnv : public ProcessEnv {
 public:
  absl::StatusOr<SpawnedChild> Spawn(const std::string&, const CommandSpec&,
                                     const EnvVars&) override {
    if (fail_next_spawn) {
      fail_next_spawn = false;
      return absl::NotFoundError("no such file");
    }
    SpawnedChild child;
    child.pid = next_pid_++;
    int out[2], err[2];
    if (pipe2(out, O_NONBLOCK | O_CLOEXEC) != 0 ||
        pipe2(err, O_NONBLOCK | O_CLOEXEC) != 0) {
      return absl::InternalError("pipe2");
    }
    child.stdout_fd = UniqueFd(out[0]);
    child.stderr_fd = UniqueFd(err[0]);
    writers_[child.pid] = {UniqueFd(out[1]), UniqueFd(err[1])};
    alive.insert(child.pid);
    ++spawns;
    return child;
  }
  void SignalGroup(const std::string&, pid_t pgid, int sig) override {
    signals.push_back({pgid, sig});
  }
  bool GroupAlive(const std::string&, pid_t pgid) override {
    return alive.count(pgid) != 0;
  }
  absl::Time Now() override { return now_; }
  TimerId AddTimer(absl::Duration delay, std::function<void()> cb) override {
    TimerId id = next_timer_++;
    timers_[id] = {now_ + delay, std::move(cb)};
    return id;
  }
  void CancelTimer(TimerId id) override { timers_.erase(id); }
  absl::Time TimerDue(TimerId id) override {
    auto it = timers_.find(id);
    return it == timers_.end() ? absl::InfiniteFuture() : it->second.first;
  }

  // Moves the clock, firing due timers in deadline order.
  void Advance(absl::Duration d) {
    absl::Time until = now_ + d;
    for (;;) {
      auto next = timers_.end();
      for (auto it = timers_.begin(); it != timers_.end(); ++it) {
        if (it->second.first <= until &&
            (next == timers_.end() || it->second.first < next->second.first)) {
          next = it;
        }
      }
      if (next == timers_.end()) break;
      now_ = std::max(now_, next->second.first);
      std::function<void()> cb = std::move(next->second.second);
      timers_.erase(next);
      cb();
    }
    now_ = until;
  }
  // The leader `pid` exits with `code`; `group_left`: other members of its
  // group are still alive.
  void Exit(Process* p, pid_t pid, int code, bool group_left = false) {
    writers_.erase(pid);
    if (!group_left) alive.erase(pid);
    p->OnReaped(pid, W_EXITCODE(code, 0));
  }
  void GroupGone(pid_t pgid) { alive.erase(pgid); }

  int spawns = 0;
  bool fail_next_spawn = false;
  std::vector<std::pair<pid_t, int>> signals;
  std::set<pid_t> alive;

 private:
  pid_t next_pid_ = 1000;
  TimerId next_timer_ = 1;
  absl::Time now_ = absl::UnixEpoch() + absl::Hours(1);
  std::map<TimerId, std::pair<absl::Time, std::function<void()>>> timers_;
  std::map<pid_t, std::pair<UniqueFd, UniqueFd>> writers_;
};

class ProcessRaceTest : public ::testing::Test {
 protected:
  void Make(RestartSpec::Kind kind = RestartSpec::Kind::kAlways) {
    ProcessSpec spec;
    spec.alias = "p";
    spec.command.cmd = "server";
    spec.restart.kind = kind;
    spec.restart.delay = absl::Seconds(1);
    spec.stop_timeout = absl::Seconds(5);
    process_ = std::make_unique<Process>(
        spec, loop_.get(), &sink_, nullptr, [](Process*, pid_t, pid_t) {},
        [](const Process&) {}, &env_);
  }
  ProcessState state() const { return process_->state(); }
  pid_t pid() const { return process_->pid(); }

  std::unique_ptr<loop::EventLoop> loop_ =
      std::move(*loop::EventLoop::Create());  // never run: the pipes' home
  testing::RecordingSink sink_;
  FakeProcessEnv env_;
  std::unique_ptr<Process> process_;
};

TEST_F(ProcessRaceTest, AnExitDuringAStopEndsTheStopWithoutARestart) {
  Make();
  ASSERT_TRUE(process_->Start().ok());
  pid_t leader = pid();
  bool stopped = false;
  process_->Stop([&] { stopped = true; });
  EXPECT_EQ(state(), ProcessState::kStopping);
  EXPECT_THAT(env_.signals, Contains(Pair(leader, SIGTERM)));
  env_.Exit(process_.get(), leader, 0);
  EXPECT_TRUE(stopped);
  EXPECT_EQ(state(), ProcessState::kStopped);
  env_.Advance(absl::Seconds(60));
  EXPECT_EQ(env_.spawns, 1);  // "always" does not restart a stopped one
}

TEST_F(ProcessRaceTest, TheKillTimerAfterTheExitDoesNothing) {
  Make();
  ASSERT_TRUE(process_->Start().ok());
  pid_t leader = pid();
  process_->Stop(nullptr);
  env_.Exit(process_.get(), leader, 0);
  env_.Advance(absl::Seconds(10));  // past stopTimeout
  EXPECT_THAT(env_.signals, Not(Contains(Pair(leader, SIGKILL))));
  EXPECT_EQ(state(), ProcessState::kStopped);
}

TEST_F(ProcessRaceTest, AGroupLeftAfterTheLeaderIsKilledAtTheStopTimeout) {
  Make();
  ASSERT_TRUE(process_->Start().ok());
  pid_t leader = pid();
  bool stopped = false;
  process_->Stop([&] { stopped = true; });
  env_.Exit(process_.get(), leader, 0, /*group_left=*/true);
  EXPECT_EQ(state(), ProcessState::kStopping);
  env_.Advance(absl::Seconds(4));
  EXPECT_THAT(env_.signals, Not(Contains(Pair(leader, SIGKILL))));
  env_.Advance(absl::Seconds(1));  // stopTimeout
  EXPECT_THAT(env_.signals, Contains(Pair(leader, SIGKILL)));
  EXPECT_FALSE(stopped);
  env_.GroupGone(leader);
  env_.Advance(absl::Milliseconds(100));  // the group poll sees it gone
  EXPECT_TRUE(stopped);
  EXPECT_EQ(state(), ProcessState::kStopped);
}

TEST_F(ProcessRaceTest, AStartDuringAStopStartsOnceTheStopEnds) {
  Make(RestartSpec::Kind::kNever);
  ASSERT_TRUE(process_->Start().ok());
  pid_t leader = pid();
  process_->Stop(nullptr);
  ASSERT_TRUE(process_->Start().ok());
  EXPECT_EQ(env_.spawns, 1);  // not while the old instance runs
  env_.Exit(process_.get(), leader, 0);
  EXPECT_EQ(env_.spawns, 2);
  EXPECT_EQ(state(), ProcessState::kRunning);
  EXPECT_NE(pid(), leader);
}

TEST_F(ProcessRaceTest, AFileChangeDuringARestartDoesNotSpawnTwice) {
  Make();
  ASSERT_TRUE(process_->Start().ok());
  pid_t leader = pid();
  bool restarted = false;
  process_->Restart([&](absl::Status s) { restarted = s.ok(); });
  process_->RestartForChange("app.js");  // while the restart's stop runs
  env_.Exit(process_.get(), leader, 0);
  EXPECT_TRUE(restarted);
  EXPECT_EQ(env_.spawns, 2);
  EXPECT_EQ(state(), ProcessState::kRunning);
}

TEST_F(ProcessRaceTest, TheBackoffTimerAfterAStopDoesNotSpawn) {
  Make(RestartSpec::Kind::kFixed);
  ASSERT_TRUE(process_->Start().ok());
  env_.Advance(absl::Seconds(5));  // a normal run
  env_.Exit(process_.get(), pid(), 1);
  EXPECT_EQ(state(), ProcessState::kBackoff);
  process_->Stop(nullptr);
  EXPECT_EQ(state(), ProcessState::kStopped);
  env_.Advance(absl::Seconds(5));
  EXPECT_EQ(env_.spawns, 1);
}

TEST_F(ProcessRaceTest, AFileChangeDuringBackoffRestartsAtOnceUncounted) {
  Make(RestartSpec::Kind::kFixed);
  ASSERT_TRUE(process_->Start().ok());
  env_.Advance(absl::Seconds(5));
  env_.Exit(process_.get(), pid(), 1);
  ASSERT_EQ(state(), ProcessState::kBackoff);
  int restarts = process_->Snapshot().restarts;
  process_->RestartForChange("app.js");
  EXPECT_EQ(state(), ProcessState::kRunning);
  EXPECT_EQ(env_.spawns, 2);
  env_.Advance(absl::Seconds(5));  // the old backoff timer: cancelled
  EXPECT_EQ(env_.spawns, 2);
  EXPECT_EQ(process_->Snapshot().restarts, restarts);
}

TEST_F(ProcessRaceTest, ACrashLoopSlowsRestartsAndEndsWhenAnInstanceStaysUp) {
  Make();
  ASSERT_TRUE(process_->Start().ok());
  // Five quick exits restart at once; the fifth starts the throttle.
  for (int i = 0; i < 5; ++i) {
    env_.Advance(absl::Milliseconds(10));
    env_.Exit(process_.get(), pid(), 1);
  }
  EXPECT_EQ(state(), ProcessState::kBackoff);
  EXPECT_TRUE(process_->Snapshot().crash_looping);
  int spawns = env_.spawns;
  env_.Advance(absl::Milliseconds(999));
  EXPECT_EQ(env_.spawns, spawns);
  env_.Advance(absl::Milliseconds(1));  // 1 s after the exit
  EXPECT_EQ(env_.spawns, spawns + 1);
  env_.Advance(absl::Seconds(1));  // up past crashLoopUptime: over
  EXPECT_FALSE(process_->Snapshot().crash_looping);
  // A normal run's exit restarts at once again ("always").
  env_.Exit(process_.get(), pid(), 1);
  EXPECT_EQ(state(), ProcessState::kRunning);
  EXPECT_EQ(env_.spawns, spawns + 2);
}

TEST_F(ProcessRaceTest, ASpawnFailureIsRetriedAfterASecondAtLeast) {
  Make();
  env_.fail_next_spawn = true;
  EXPECT_FALSE(process_->Start().ok());
  EXPECT_EQ(state(), ProcessState::kBackoff);
  env_.Advance(absl::Milliseconds(999));
  EXPECT_EQ(env_.spawns, 0);
  env_.Advance(absl::Milliseconds(1));
  EXPECT_EQ(env_.spawns, 1);
  EXPECT_EQ(state(), ProcessState::kRunning);
}

// Re-exec: a process exported by one image and adopted by the next goes
// on exactly as it was. The pipes are dup'ed first: the old Process closes
// its own as it goes (a real re-exec never destroys it).
class AdoptTest : public ProcessRaceTest {
 protected:
  void Readopt() {
    ProcessImage image = process_->Export();
    for (PipeImage& pipe : image.pipes) pipe.fd = dup(pipe.fd);
    ProcessSpec spec = process_->spec();
    process_.reset();
    env_.signals.clear();
    process_ = std::make_unique<Process>(
        spec, loop_.get(), &sink_, nullptr, [](Process*, pid_t, pid_t) {},
        [](const Process&) {}, &env_);
    process_->Adopt(image);
  }
};

TEST_F(AdoptTest, ABackoffKeepsTheTimeItHadLeft) {
  Make(RestartSpec::Kind::kFixed);
  ASSERT_TRUE(process_->Start().ok());
  env_.Exit(process_.get(), pid(), 1);
  ASSERT_EQ(state(), ProcessState::kBackoff);
  env_.Advance(absl::Milliseconds(400));
  int spawns = env_.spawns;
  Readopt();
  EXPECT_EQ(state(), ProcessState::kBackoff);
  EXPECT_EQ(process_->Snapshot().restarts, 1);
  env_.Advance(absl::Milliseconds(500));
  EXPECT_EQ(env_.spawns, spawns) << "restarted early";
  env_.Advance(absl::Milliseconds(200));
  EXPECT_EQ(env_.spawns, spawns + 1);
  EXPECT_EQ(state(), ProcessState::kRunning);
}

TEST_F(AdoptTest, ARunningProcessKeepsItsPidRunAndCounts) {
  Make(RestartSpec::Kind::kAlways);
  ASSERT_TRUE(process_->Start().ok());
  env_.Exit(process_.get(), pid(), 1);  // restarted at once: restart 1
  ASSERT_EQ(state(), ProcessState::kRunning);
  pid_t running = pid();
  ProcessSnapshot before = process_->Snapshot();
  env_.Advance(absl::Seconds(3));
  Readopt();
  ProcessSnapshot after = process_->Snapshot();
  EXPECT_EQ(after.pid, running);
  EXPECT_EQ(after.run, before.run);
  EXPECT_EQ(after.restarts, before.restarts);
  EXPECT_EQ(after.started_at, before.started_at);
  EXPECT_THAT(env_.signals, ::testing::IsEmpty()) << "nothing was signalled";
  // Its exit is handled by its policy, as before the re-exec.
  env_.Exit(process_.get(), running, 1);
  EXPECT_EQ(state(), ProcessState::kRunning);
  EXPECT_EQ(process_->Snapshot().restarts, before.restarts + 1);
  EXPECT_NE(pid(), running);
}

TEST_F(AdoptTest, AStopInProgressKillsAtTheSameDeadline) {
  Make();
  ASSERT_TRUE(process_->Start().ok());
  pid_t leader = pid();
  process_->Stop(nullptr);
  env_.Advance(absl::Seconds(3));
  Readopt();
  EXPECT_EQ(state(), ProcessState::kStopping);
  env_.Advance(absl::Milliseconds(1900));
  EXPECT_THAT(env_.signals, Not(Contains(Pair(leader, SIGKILL))));
  env_.Advance(absl::Milliseconds(200));
  EXPECT_THAT(env_.signals, Contains(Pair(leader, SIGKILL)));
  env_.Exit(process_.get(), leader, 0);
  EXPECT_EQ(state(), ProcessState::kStopped);
}

// The start that ends a restart is a callback of its stop, which a re-exec
// does not carry: the next image starts it once the stop is over.
TEST_F(AdoptTest, ARestartOrAChangeInTheMiddleOfItsStopStillStarts) {
  for (bool change : {false, true}) {
    Make();
    ASSERT_TRUE(process_->Start().ok());
    pid_t leader = pid();
    int spawns = env_.spawns;
    if (change) {
      process_->RestartForChange("app.js");
    } else {
      process_->Restart(nullptr);
    }
    ASSERT_EQ(state(), ProcessState::kStopping);
    Readopt();
    EXPECT_TRUE(process_->Snapshot().restarting) << change;
    env_.Exit(process_.get(), leader, 0);
    EXPECT_EQ(env_.spawns, spawns + 1) << change;
    EXPECT_EQ(state(), ProcessState::kRunning) << change;
    EXPECT_FALSE(process_->Snapshot().restarting) << change;
    process_->Stop(nullptr);
    env_.Exit(process_.get(), pid(), 0);
  }
}

}  // namespace
}  // namespace runy::engine
