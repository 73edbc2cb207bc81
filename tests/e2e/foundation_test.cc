// runyd and runy talking over a Unix socket and TCP: the real binaries.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::RunCommand;
using ::testing::HasSubstr;

std::string Runy() { return testing::BinaryPath("RUNY"); }
std::string Runyd() { return testing::BinaryPath("RUNYD"); }

TEST(FoundationTest, RunyTalksToRunydOverUnixSocketAndTcpAtTheSameTime) {
  Daemon daemon({}, /*tcp=*/true);
  ASSERT_TRUE(daemon.ready()) << daemon.log();

  auto over_unix = RunCommand({Runy(), "--host", daemon.unix_uri(), "version"});
  EXPECT_EQ(over_unix.exit_code, 0) << over_unix.err;
  EXPECT_THAT(over_unix.out, HasSubstr(absl::StrCat("pid ", daemon.pid())));

  auto over_tcp = RunCommand({Runy(), "--host", daemon.tcp_uri(),
                              "--token-file", daemon.token_file(), "version"});
  EXPECT_EQ(over_tcp.exit_code, 0) << over_tcp.err;
  EXPECT_THAT(over_tcp.out, HasSubstr(absl::StrCat("pid ", daemon.pid())));

  auto status = RunCommand({Runy(), "--host", daemon.tcp_uri(), "status"},
                           {{"RUNY_TOKEN", Daemon::kReadToken}});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("no services or processes"));
}

TEST(FoundationTest, RunyHostEnvironmentVariableSelectsTheDaemon) {
  Daemon daemon({}, /*tcp=*/true);
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  auto r = RunCommand(
      {Runy(), "version"},
      {{"RUNY_HOST", daemon.tcp_uri()}, {"RUNY_TOKEN", Daemon::kControlToken}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("tcp://127.0.0.1:"));
}

TEST(FoundationTest, DefaultSocketComesFromRunySocket) {
  Daemon daemon;
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  auto r = RunCommand({Runy(), "status"},
                      {{"RUNY_SOCKET", daemon.socket()}, {"RUNY_HOST", ""}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(FoundationTest, JsonVersionIsTheProtobufJsonMapping) {
  Daemon daemon;
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  auto r = daemon.Runy({"--json", "version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"api\": \"runy.v1\""));
  EXPECT_THAT(r.out, HasSubstr("\"startedAt\""));
}

TEST(FoundationTest, UnreachableDaemonExitsWithCode3AndNamesTheAddress) {
  testing::TempDir dir;
  std::string uri = "unix://" + dir.Join("nobody.sock");
  auto r = RunCommand({Runy(), "--host", uri, "status"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr(uri));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  int port = testing::FreePort();
  auto tcp = RunCommand(
      {Runy(), "--host", absl::StrCat("tcp://127.0.0.1:", port), "version"});
  EXPECT_EQ(tcp.exit_code, 3);
  EXPECT_THAT(tcp.err, HasSubstr(absl::StrCat("tcp://127.0.0.1:", port)));
}

TEST(FoundationTest, SecondRunydOnTheSameSocketIsRefused) {
  Daemon daemon;
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  auto second =
      RunCommand({Runyd(), "--socket", daemon.socket()}, {}, absl::Seconds(20));
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_THAT(second.err, HasSubstr("already serving"));
  // The first one still answers.
  EXPECT_EQ(daemon.Runy({"version"}).exit_code, 0);
}

TEST(FoundationTest, SecondRunydOnATakenTcpPortIsRefused) {
  Daemon daemon({}, /*tcp=*/true);
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  testing::TempDir dir;
  auto second =
      RunCommand({Runyd(), "--socket", dir.Join("other.sock"), "--listen",
                  absl::StrCat("127.0.0.1:", daemon.port()), "--token-file",
                  daemon.token_file()},
                 {}, absl::Seconds(20));
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_THAT(second.err, HasSubstr("Address already in use"));
  EXPECT_EQ(RunCommand({Runy(), "--host", daemon.tcp_uri(), "version"},
                       {{"RUNY_TOKEN", Daemon::kReadToken}})
                .exit_code,
            0);
}

TEST(FoundationTest, SocketIsMode0600InA0700Directory) {
  Daemon daemon;
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  struct stat st;
  ASSERT_EQ(stat(daemon.socket().c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string dir = daemon.socket().substr(0, daemon.socket().rfind('/'));
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(FoundationTest, StaleSocketFileIsReplaced) {
  testing::TempDir dir;
  std::string path = dir.Join("stale.sock");
  // A socket file nobody listens on, as a crashed runyd leaves behind.
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  close(fd);
  Daemon daemon({"--socket", path});
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  EXPECT_EQ(
      RunCommand({Runy(), "--host", "unix://" + path, "version"}).exit_code, 0);
}

TEST(FoundationTest, UsageErrorsExitWithCode2) {
  EXPECT_EQ(RunCommand({Runy(), "frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunCommand({Runy(), "--bogus", "status"}).exit_code, 2);
  EXPECT_EQ(RunCommand({Runy(), "start"}).exit_code, 2);
  EXPECT_EQ(RunCommand({Runy(), "--host", "http://x:1", "status"}).exit_code,
            2);
  EXPECT_EQ(RunCommand({Runyd(), "--bogus"}).exit_code, 2);
  EXPECT_EQ(RunCommand({Runyd(), "--listen", "10.1.2.3:80"}).exit_code, 2);
}

TEST(FoundationTest, RunydStopsCleanlyOnSigterm) {
  Daemon daemon;
  ASSERT_TRUE(daemon.ready()) << daemon.log();
  EXPECT_EQ(daemon.Stop(), 0);
  struct stat st;
  EXPECT_NE(stat(daemon.socket().c_str(), &st), 0) << "socket file left behind";
}

// A socket directory that another user controls (the /tmp/runy-$UID
// fallback pre-created, say) is refused, and nothing it points at is touched.
TEST(FoundationTest, ASocketDirectoryOfAnotherUserIsRefused) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to create another user's dir";
  testing::TempDir dir;
  std::string theirs = dir.Join("theirs");
  ASSERT_EQ(mkdir(theirs.c_str(), 0700), 0);
  ASSERT_EQ(chown(theirs.c_str(), 65534, 65534), 0);
  auto r = RunCommand({Runyd(), "--socket", theirs + "/runyd.sock",
                       "--state-dir", dir.Join("state")},
                      {}, absl::Seconds(20));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat("socket directory ", theirs,
                                            " belongs to uid 65534")));
}

TEST(FoundationTest, AWorldWritableSocketDirectoryIsRefused) {
  testing::TempDir dir;
  std::string open_dir = dir.Join("open");
  ASSERT_EQ(mkdir(open_dir.c_str(), 0700), 0);
  ASSERT_EQ(chmod(open_dir.c_str(), 0777), 0);
  auto r = RunCommand({Runyd(), "--socket", open_dir + "/runyd.sock",
                       "--state-dir", dir.Join("state")},
                      {}, absl::Seconds(20));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("is writable by others (mode 0777)"));
}

TEST(FoundationTest, ASymlinkPlantedAsTheLockFileIsNotFollowed) {
  testing::TempDir dir;
  std::string victim = dir.WriteFile("victim", "precious\n");
  std::string own = dir.Join("own");
  ASSERT_EQ(mkdir(own.c_str(), 0700), 0);
  ASSERT_EQ(symlink(victim.c_str(), (own + "/runyd.sock.lock").c_str()), 0);
  auto r = RunCommand({Runyd(), "--socket", own + "/runyd.sock", "--state-dir",
                       dir.Join("state")},
                      {}, absl::Seconds(20));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("runyd.sock.lock is a symbolic link"));
  std::ifstream in(victim);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "precious\n");
}

}  // namespace
}  // namespace runy
