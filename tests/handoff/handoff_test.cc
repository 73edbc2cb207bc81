// The re-exec handoff: what one image writes, the next reads back whole,
// with the descriptors it names kept open across exec (and only then).
#include "server/handoff/handoff.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/handoff/handoff.pb.h"
#include "server/handoff/reexec.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace runy::handoff {
namespace {

using ::runy::testing::IsOk;
using ::testing::HasSubstr;

bool CloseOnExec(int fd) { return (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0; }

TEST(HandoffTest, EverythingWrittenIsReadBack) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  Handoff h;
  engine::ProcessImage p;
  p.spec.alias = "web";
  p.spec.service = "site";
  p.spec.command.cmd = "node";
  p.spec.command.args = {"server.js", "--port", "8080"};
  p.spec.command.cwd = "/srv";
  p.spec.command.env = {{"A", "1"}, {"B", ""}};
  p.spec.restart.kind = engine::RestartSpec::Kind::kExponential;
  p.spec.restart.initial_delay = absl::Milliseconds(250);
  p.spec.restart.multiplier = 1.5;
  p.spec.restart.max_restarts = 7;
  p.spec.restart.crash_loop.after = 3;
  p.spec.stop_signal = SIGINT;
  p.spec.stop_timeout = absl::Seconds(4);
  p.spec.watch = {"src/**/*.js"};
  p.spec.ignore = {"*.tmp"};
  p.spec.watch_settle = absl::InfiniteDuration();
  p.spec.origin = "/srv/site.js:12";
  p.state = engine::ProcessState::kBackoff;
  p.pid = 0;
  p.run = 12;
  p.uptime = absl::Seconds(90);
  p.started_wall = absl::FromUnixSeconds(1796000000);
  p.next_restart_wall = absl::FromUnixSeconds(1796000100);
  p.restarts = 4;
  p.quick_exits = 2;
  p.last_exit.exited = true;
  p.last_exit.code = 3;
  p.reason = "crash loop";
  p.restart_in = absl::Milliseconds(1234);
  p.user_stop = true;
  p.pipes = {{fds[0], engine::Stream::kStderr, 11}};
  engine::ExitInfo killed;
  killed.signal = SIGKILL;
  killed.at = absl::FromUnixSeconds(1796000050);
  p.recent_exits = {{p.last_exit, 12, absl::Seconds(2), "restart in 1s"},
                    {killed, 11, absl::Minutes(3), "stopped by a user"}};
  h.engine.processes.push_back(p);
  h.engine.execs.push_back({4242, "site:exec", {}});
  h.engine.exec_runs = 9;
  h.partials.push_back({"web", 11, engine::Stream::kStdout, "half a li"});
  h.generation = 3;

  absl::StatusOr<int> fd = Write(h);
  ASSERT_THAT(fd.status(), IsOk());
  EXPECT_FALSE(CloseOnExec(*fd)) << "the next image must find the handoff";
  EXPECT_FALSE(CloseOnExec(fds[0])) << "the pipe must survive the exec";

  absl::StatusOr<Handoff> back = Read(*fd);
  ASSERT_THAT(back.status(), IsOk());
  EXPECT_EQ(fcntl(*fd, F_GETFD), -1) << "Read closes the handoff";
  EXPECT_TRUE(CloseOnExec(fds[0])) << "children must not inherit the pipe";
  ASSERT_EQ(back->engine.processes.size(), 1u);
  const engine::ProcessImage& q = back->engine.processes[0];
  EXPECT_TRUE(q.spec == p.spec);
  EXPECT_EQ(q.spec.watch_settle, absl::InfiniteDuration());
  EXPECT_EQ(q.spec.origin, "/srv/site.js:12");
  ASSERT_EQ(q.recent_exits.size(), 2u);
  EXPECT_EQ(q.recent_exits[0].outcome, "restart in 1s");
  EXPECT_EQ(q.recent_exits[0].exit.code, 3);
  EXPECT_EQ(q.recent_exits[1].run, 11);
  EXPECT_EQ(q.recent_exits[1].exit.signal, SIGKILL);
  EXPECT_EQ(q.recent_exits[1].exit.at, killed.at);
  EXPECT_EQ(q.recent_exits[1].uptime, absl::Minutes(3));
  EXPECT_EQ(q.state, p.state);
  EXPECT_EQ(q.run, 12);
  EXPECT_EQ(q.uptime, p.uptime);
  EXPECT_EQ(q.started_wall, p.started_wall);
  EXPECT_EQ(q.next_restart_wall, p.next_restart_wall);
  EXPECT_EQ(q.restarts, 4);
  EXPECT_EQ(q.quick_exits, 2);
  EXPECT_EQ(q.last_exit.code, 3);
  EXPECT_EQ(q.reason, "crash loop");
  EXPECT_EQ(q.restart_in, absl::Milliseconds(1234));
  EXPECT_EQ(q.kill_in, absl::InfiniteDuration());
  EXPECT_EQ(q.spec.restart.max_delay, absl::InfiniteDuration());
  EXPECT_TRUE(q.user_stop);
  ASSERT_EQ(q.pipes.size(), 1u);
  EXPECT_EQ(q.pipes[0].fd, fds[0]);
  EXPECT_EQ(q.pipes[0].stream, engine::Stream::kStderr);
  EXPECT_EQ(q.pipes[0].run, 11);
  ASSERT_EQ(back->engine.execs.size(), 1u);
  EXPECT_EQ(back->engine.execs[0].pid, 4242);
  EXPECT_EQ(back->engine.exec_runs, 9);
  ASSERT_EQ(back->partials.size(), 1u);
  EXPECT_EQ(back->partials[0].bytes, "half a li");
  EXPECT_EQ(back->generation, 3);
  close(fds[0]);
  close(fds[1]);
}

TEST(HandoffTest, ADamagedOrNewerHandoffIsRefused) {
  int damaged = memfd_create("t", 0);
  ASSERT_EQ(write(damaged, "\xff\xff\xff", 3), 3);
  EXPECT_THAT(Read(damaged).status().message(), HasSubstr("damaged"));

  wire::Handoff newer;
  newer.set_version(99);
  std::string bytes = newer.SerializeAsString();
  int fd = memfd_create("t", 0);
  ASSERT_EQ(write(fd, bytes.data(), bytes.size()),
            static_cast<ssize_t>(bytes.size()));
  absl::StatusOr<Handoff> read = Read(fd);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), HasSubstr("version 99"));
}

TEST(HandoffTest, ADescriptorThatIsNotOpenIsRefused) {
  Handoff h;
  h.state_lock_fd = 1000;  // not open
  wire::Handoff proto;
  proto.set_version(1);
  proto.set_state_lock_fd(1000);
  proto.set_socket_lock_fd(-1);
  proto.set_socket_fd(-1);
  std::string bytes = proto.SerializeAsString();
  int fd = memfd_create("t", 0);
  ASSERT_EQ(write(fd, bytes.data(), bytes.size()),
            static_cast<ssize_t>(bytes.size()));
  EXPECT_THAT(Read(fd).status().message(), HasSubstr("descriptor 1000"));
}

TEST(ReexecCheckTest, ABinaryThatDoesNotStartIsRefused) {
  testing::TempDir dir;
  std::string bad = dir.WriteFile("runyd", "#!/bin/sh\necho hello\nexit 0\n");
  chmod(bad.c_str(), 0700);
  EXPECT_THAT(CheckStarts(bad).message(), HasSubstr("instead of naming"));
  EXPECT_THAT(CheckStarts(dir.Join("missing")).message(),
              HasSubstr("cannot be executed"));
  std::string crash = dir.WriteFile("crash", "#!/bin/sh\nkill -SEGV $$\n");
  chmod(crash.c_str(), 0700);
  EXPECT_THAT(CheckStarts(crash).message(), HasSubstr("killed by signal 11"));
  std::string good = dir.WriteFile("good", "#!/bin/sh\necho 'runyd 9.9'\n");
  chmod(good.c_str(), 0700);
  EXPECT_THAT(CheckStarts(good), IsOk());
}

}  // namespace
}  // namespace runy::handoff
