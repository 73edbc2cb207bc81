// The state directory's lock, the instance records and the ending of what
// an earlier runyd left running, with real processes.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/state/instance_records.h"
#include "server/state/leftovers.h"
#include "server/state/state_lock.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy::state {
namespace {

using ::runy::testing::IsOk;
using ::runy::testing::WaitFor;
using ::testing::HasSubstr;

// A process of no relation to this test (its parent exits at once): what a
// dead runyd's children are to the next runyd. It leads its own session.
pid_t StartOrphan(const std::string& script) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t middle = fork();
  if (middle == 0) {
    if (fork() == 0) {
      // Its own session first, then it says who it is: the test never sees
      // it before it leads its group.
      setsid();
      pid_t self = getpid();
      [[maybe_unused]] ssize_t n = write(fds[1], &self, sizeof self);
      close(fds[0]);
      close(fds[1]);
      execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    _exit(0);
  }
  close(fds[1]);
  pid_t orphan = -1;
  if (read(fds[0], &orphan, sizeof orphan) != sizeof orphan) orphan = -1;
  close(fds[0]);
  waitpid(middle, nullptr, 0);
  return orphan;
}

// Alive and not a zombie.
bool Running(pid_t pid) {
  std::optional<ProcIdentity> identity = ReadProcIdentity(pid);
  return identity.has_value() && identity->state != 'Z';
}

struct Logged {
  std::vector<std::string> lines;
  LeftoverLog fn() {
    return [this](const std::string& alias, const std::string& line) {
      lines.push_back(absl::StrCat(alias, ": ", line));
    };
  }
};

TEST(StateLockTest, OneRunydADirectoryNamingTheHolder) {
  testing::TempDir dir;
  std::string state = dir.Join("state");
  {
    absl::StatusOr<StateLock> first = StateLock::Acquire(state, "/run/a.sock");
    ASSERT_THAT(first.status(), IsOk());
    absl::StatusOr<StateLock> second = StateLock::Acquire(state, "/run/b.sock");
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(second.status().message(),
                HasSubstr(absl::StrCat("another runyd (pid ", getpid(),
                                       ", socket /run/a.sock)")));
    EXPECT_THAT(second.status().message(), HasSubstr(state));
  }
  // Released with its holder.
  EXPECT_THAT(StateLock::Acquire(state, "/run/b.sock").status(), IsOk());
}

TEST(StateLockTest, RefusesALockFileThatIsASymlink) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.Join("state"));
  std::filesystem::create_symlink(dir.Join("elsewhere"),
                                  dir.Join("state/lock"));
  absl::StatusOr<StateLock> lock =
      StateLock::Acquire(dir.Join("state"), "/run/a.sock");
  ASSERT_FALSE(lock.ok());
  EXPECT_THAT(lock.status().message(), HasSubstr("symbolic link"));
  EXPECT_FALSE(std::filesystem::exists(dir.Join("elsewhere")));
}

TEST(InstanceRecordsTest, ARecordRoundTripsAndBadOnesAreRejected) {
  InstanceRecord record{1234, 987654, SIGINT, absl::Milliseconds(2500),
                        "web-1"};
  std::optional<InstanceRecord> back =
      ParseInstanceRecord(FormatInstanceRecord(record));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->pid, 1234);
  EXPECT_EQ(back->start_ticks, 987654u);
  EXPECT_EQ(back->stop_signal, SIGINT);
  EXPECT_EQ(back->stop_timeout, absl::Milliseconds(2500));
  EXPECT_EQ(back->alias, "web-1");
  for (const char* bad :
       {"", "v1 1234 1 15 100", "v2 1234 1 15 100 a", "v1 1 1 15 100 a",
        "v1 -5 1 15 100 a", "v1 12 x 15 100 a", "v1 12 1 0 100 a",
        "v1 12 1 15 -1 a", "v1 12 1 15 100 a b"}) {
    EXPECT_FALSE(ParseInstanceRecord(bad).has_value()) << bad;
  }
}

TEST(InstanceRecordsTest, StartedWritesWhatProcSaysAndEndedRemovesIt) {
  testing::TempDir dir;
  InstanceRecords records(dir.Join("instances"));
  pid_t child = StartOrphan("exec sleep 30");
  ASSERT_GT(child, 0);
  records.Started(engine::Instance{child, "api", SIGTERM, absl::Seconds(3)});
  std::vector<InstanceRecord> loaded = records.Load();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].pid, child);
  EXPECT_EQ(loaded[0].alias, "api");
  EXPECT_EQ(loaded[0].start_ticks, ReadProcIdentity(child)->start_ticks);
  EXPECT_EQ(ReadProcIdentity(child)->pgid, child);
  records.Ended(child);
  EXPECT_TRUE(records.Load().empty());
  kill(child, SIGKILL);
}

TEST(InstanceRecordsTest, MalformedAndHalfWrittenRecordsAreDropped) {
  testing::TempDir dir;
  InstanceRecords records(dir.Join("instances"));
  std::ofstream(dir.Join("instances/77")) << "garbage\n";
  std::ofstream(dir.Join("instances/.78.new")) << "v1 78 1 15 100 a\n";
  std::ofstream(dir.Join("instances/79")) << "v1 80 1 15 100 a\n";
  EXPECT_TRUE(records.Load().empty());
  EXPECT_TRUE(std::filesystem::is_empty(dir.Join("instances")));
}

TEST(LeftoversTest, EndsOurLeftoversAndLeavesAReusedPidAlone) {
  testing::TempDir dir;
  InstanceRecords records(dir.Join("instances"));
  // Exits on its stop signal (SIGTERM), grandchild and all.
  pid_t polite = StartOrphan("sleep 60 & sleep 60; wait");
  // Ignores it: killed once its stop timeout has passed.
  pid_t stubborn = StartOrphan("trap '' TERM; while :; do sleep 0.05; done");
  // Alive, but not the process that was recorded under its pid.
  pid_t stranger = StartOrphan("exec sleep 60");
  ASSERT_GT(polite, 0);
  ASSERT_GT(stubborn, 0);
  ASSERT_GT(stranger, 0);
  // The stubborn one's trap is set (its shell may not have got there yet).
  auto ignores_term = [](pid_t pid) {
    std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("SigIgn:", 0) != 0) continue;
      return ((std::stoull(line.substr(7), nullptr, 16) >> (SIGTERM - 1)) &
              1) != 0;
    }
    return false;
  };
  ASSERT_TRUE(WaitFor([&] {
    return Running(polite) && Running(stubborn) && ignores_term(stubborn);
  }));
  records.Started(
      engine::Instance{polite, "polite", SIGTERM, absl::Seconds(20)});
  records.Started(
      engine::Instance{stubborn, "stubborn", SIGTERM, absl::Milliseconds(300)});
  InstanceRecord reused{stranger, ReadProcIdentity(stranger)->start_ticks + 1,
                        SIGKILL, absl::Seconds(1), "old"};
  std::ofstream(dir.Join(absl::StrCat("instances/", stranger)))
      << FormatInstanceRecord(reused);

  Logged logged;
  absl::Time start = absl::Now();
  LeftoverCounts counts = EndLeftovers(&records, logged.fn());
  absl::Duration took = absl::Now() - start;
  EXPECT_EQ(counts.found, 2);
  EXPECT_EQ(counts.stopped, 1);
  EXPECT_EQ(counts.killed, 1);
  EXPECT_EQ(counts.foreign, 1);
  EXPECT_FALSE(Running(polite));
  EXPECT_FALSE(Running(stubborn));
  EXPECT_TRUE(Running(stranger)) << "a reused pid must never be signalled";
  // Not the polite one's 20 s: it went at its stop signal.
  EXPECT_LT(took, absl::Seconds(10));
  EXPECT_TRUE(records.Load().empty());
  EXPECT_THAT(logged.lines,
              ::testing::Contains(HasSubstr(absl::StrCat(
                  "polite: pid ", polite,
                  " was left running by an earlier runyd: stopping it "
                  "(SIGTERM, SIGKILL after 20s)"))));
  EXPECT_THAT(logged.lines, ::testing::Contains(HasSubstr(absl::StrCat(
                                "stubborn: pid ", stubborn, " killed"))));
  EXPECT_THAT(logged.lines,
              ::testing::Contains(HasSubstr("now belongs to another program")));
  kill(stranger, SIGKILL);
}

TEST(LeftoversTest, RecordsOfProcessesThatAreGoneAreForgotten) {
  testing::TempDir dir;
  InstanceRecords records(dir.Join("instances"));
  pid_t gone = StartOrphan("exit 0");
  ASSERT_GT(gone, 0);
  ASSERT_TRUE(WaitFor([&] { return !Running(gone); }));
  std::ofstream(dir.Join(absl::StrCat("instances/", gone)))
      << FormatInstanceRecord({gone, 1, SIGTERM, absl::Seconds(5), "x"});
  Logged logged;
  LeftoverCounts counts = EndLeftovers(&records, logged.fn());
  EXPECT_EQ(counts.found, 0);
  EXPECT_TRUE(records.Load().empty());
}

}  // namespace
}  // namespace runy::state
