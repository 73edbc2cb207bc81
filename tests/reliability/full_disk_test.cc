// The state directory's disk fills up: saving the started services fails,
// runyd says so and goes on, the old file stays whole, and the save is
// retried until it succeeds once there is room again; a runyd started
// after that brings back everything. The real runyd on a real, full tmpfs
// (mounted in a mount namespace of this test's own, so it needs root).
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::ReadFile;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::HasSubstr;

bool g_private_mounts = false;

// Writes to `path` until the disk is full; true when it is.
bool FillDisk(const std::string& path) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::string chunk(64 * 1024, 'x');
  for (;;) {
    ssize_t n = write(fd, chunk.data(), chunk.size());
    if (n < 0) break;
  }
  bool full = errno == ENOSPC;
  close(fd);
  return full;
}

// Whether `status` (runy status's table) shows `alias` running.
bool Running(const std::string& status, const std::string& alias) {
  for (absl::string_view line : absl::StrSplit(status, '\n')) {
    if (absl::StrContains(line, alias) && absl::StrContains(line, "running")) {
      return true;
    }
  }
  return false;
}

constexpr char kServices[] = R"js(
service("fda").run(async (ctx) => {
  await ctx.process({ alias: "fda-1", cmd: "sleep", args: ["600"] });
});
service("fdb").run(async (ctx) => {
  await ctx.process({ alias: "fdb-1", cmd: "sleep", args: ["600"] });
});
)js";

TEST(FullDiskTest, SavingTheStartedServicesIsRetriedAndNothingIsLost) {
  if (!g_private_mounts) {
    GTEST_SKIP() << "needs root and a mount namespace of its own for a tmpfs";
  }
  TempDir dir;
  std::string state = dir.Join("state");
  ASSERT_EQ(mkdir(state.c_str(), 0700), 0);
  ASSERT_EQ(mount("tmpfs", state.c_str(), "tmpfs", 0, "size=1m,mode=0700"), 0)
      << strerror(errno);
  Daemon d({"--services", dir.WriteFile("services/full.js", kServices),
            "--state-dir", state, "--log-level", "info"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "fda"}).exit_code, 0) << d.log();
  std::string started = state + "/started";
  EXPECT_EQ(ReadFile(started), "fda\n");

  std::string filler = state + "/filler";
  ASSERT_TRUE(FillDisk(filler));
  testing::RunResult start = d.Runy({"start", "fdb"});
  EXPECT_EQ(start.exit_code, 0) << start.err << d.log();
  EXPECT_TRUE(WaitFor(
      [&] {
        return d.log().find("No space left on device") != std::string::npos;
      },
      absl::Seconds(10)))
      << d.log();
  EXPECT_THAT(d.log(), HasSubstr("the old " + started + " is intact"));
  EXPECT_EQ(ReadFile(started), "fda\n");  // whole, not truncated
  EXPECT_EQ(access((started + ".new").c_str(), F_OK), -1);
  // Still supervising and answering.
  testing::RunResult status = d.Runy({"status"});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_THAT(status.out, HasSubstr("fdb-1"));

  ASSERT_EQ(unlink(filler.c_str()), 0);
  EXPECT_TRUE(WaitFor([&] { return ReadFile(started) == "fda\nfdb\n"; },
                      absl::Seconds(20)))
      << ReadFile(started) << d.log();
  EXPECT_THAT(d.log(), HasSubstr("saved " + started));

  // The next runyd starts both.
  d.Kill();
  ASSERT_TRUE(d.Relaunch()) << d.log();
  EXPECT_TRUE(WaitFor(
      [&] {
        return Running(d.Runy({"status"}).out, "fda-1") &&
               Running(d.Runy({"status"}).out, "fdb-1");
      },
      absl::Seconds(20)))
      << d.Runy({"status"}).out;
  d.Stop();
  umount2(state.c_str(), MNT_DETACH);
}

}  // namespace
}  // namespace runy

// Before any thread: a mount namespace of this process's own, private, so
// that the tmpfs is seen by this test and the runyd it starts only.
int main(int argc, char** argv) {
  runy::g_private_mounts =
      geteuid() == 0 && unshare(CLONE_NEWNS) == 0 &&
      mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
