// Who may drive runyd, end to end with the real binaries: tokens and scopes
// over TCP, TLS and mutual TLS, peers of the Unix socket by uid, file loads
// checked against the caller, the Shutdown RPC. Tests that act as another
// user (setpriv to nobody) need root and are skipped without it.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::RunCommand;
using ::runy::testing::RunResult;
using ::runy::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Runy() { return testing::BinaryPath("RUNY"); }
std::string Runyd() { return testing::BinaryPath("RUNYD"); }

// runy over TCP with `token` (none when empty) and extra flags.
RunResult OverTcp(const Daemon& d, const std::string& token,
                  std::vector<std::string> args) {
  std::vector<std::string> argv = {Runy(), "--host", d.tcp_uri()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, {{"RUNY_TOKEN", token}});
}

// `argv` run as the user nobody (uid and gid 65534, no other groups).
RunResult AsNobody(std::vector<std::string> argv,
                   std::vector<std::string> groups = {}) {
  std::vector<std::string> full = {"/usr/bin/setpriv", "--reuid=65534",
                                   "--regid=65534"};
  if (groups.empty()) {
    full.push_back("--clear-groups");
  } else {
    std::string list;
    for (const std::string& g : groups)
      absl::StrAppend(&list, list.empty() ? "" : ",", g);
    full.push_back("--groups=" + list);
  }
  full.insert(full.end(), argv.begin(), argv.end());
  return RunCommand(full, {{"RUNY_NO_AUTOSTART", "1"}});
}

// runyd started in `dir` with `listen` and, unless it is "", a token file
// of `mode`: for the refusals at start-up.
RunResult StartRunyd(const TempDir& dir, const std::string& listen,
                     mode_t mode) {
  std::vector<std::string> argv = {
      Runyd(),       "--socket",        dir.Join("s.sock"),
      "--state-dir", dir.Join("state"), "--listen",
      listen};
  if (mode != 0) {
    std::string tokens = dir.WriteFile("tokens", "0123456789abcdef0123\n");
    chmod(tokens.c_str(), mode);
    argv.push_back("--token-file");
    argv.push_back(tokens);
  }
  return RunCommand(argv);
}

TEST(RemoteTest, TcpIsNeverServedWithoutAToken) {
  TempDir dir;
  auto r = StartRunyd(dir, "127.0.0.1:1", 0);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--listen 127.0.0.1:1 needs --token-file"));
}

TEST(RemoteTest, ANonLoopbackListenNeedsTls) {
  TempDir dir;
  auto r = StartRunyd(dir, "10.1.2.3:7443", 0600);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("not a loopback address: it needs --tls-cert"));
}

TEST(RemoteTest, ATokenFileOthersCanReadIsRefused) {
  TempDir dir;
  auto r = StartRunyd(dir, "127.0.0.1:1", 0644);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("mode 0644 lets others read it; chmod 600"));
}

TEST(RemoteTest, TokensAndScopesDecideWhatATcpCallerMayDo) {
  TempDir dir;
  std::string file = dir.WriteFile("idle.js", "service(\"idle\");\n");
  Daemon d({"--services", file}, /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  auto none = OverTcp(d, "", {"status"});
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_THAT(none.err, HasSubstr("runyd needs a token over TCP"));
  auto wrong = OverTcp(d, "not-the-token-at-all", {"status"});
  EXPECT_EQ(wrong.exit_code, 3);
  EXPECT_THAT(wrong.err, HasSubstr("the token was not accepted"));
  EXPECT_EQ(OverTcp(d, Daemon::kReadToken, {"status"}).exit_code, 0);
  EXPECT_EQ(OverTcp(d, Daemon::kReadToken, {"logs", "idle"}).exit_code, 0);
  auto read_start = OverTcp(d, Daemon::kReadToken, {"start", "idle"});
  EXPECT_EQ(read_start.exit_code, 3);
  EXPECT_THAT(read_start.err,
              HasSubstr("this token has the read scope; Start needs a "
                        "control token"));
  EXPECT_EQ(OverTcp(d, Daemon::kControlToken, {"start", "idle"}).exit_code, 0);
  EXPECT_THAT(d.log(), HasSubstr("refused ipv4:127.0.0.1:"));
}

TEST(RemoteTest, AdHocProcessesAreRefusedOverTcpAndSecretsNeedControl) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "env.js",
      "service(\"env\").run(async (ctx) => { await ctx.process({ alias: "
      "\"e\", cmd: \"sleep\", args: [1000], env: { KEY: \"v4lue\" } }); "
      "});\n");
  Daemon d({"--services", file}, /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  auto run = OverTcp(d, Daemon::kControlToken,
                     {"run", "--name", "x", "--", "sleep", "1"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("ad-hoc processes are not accepted over TCP"));
  EXPECT_EQ(d.Runy({"status", "x"}).exit_code, 1);
  ASSERT_EQ(OverTcp(d, Daemon::kControlToken, {"start", "env"}).exit_code, 0);
  auto names = OverTcp(d, Daemon::kReadToken, {"describe", "e"});
  EXPECT_EQ(names.exit_code, 0) << names.err;
  EXPECT_THAT(names.out, HasSubstr("KEY  (values: --show-env)"));
  auto values = OverTcp(d, Daemon::kReadToken, {"describe", "--show-env", "e"});
  EXPECT_EQ(values.exit_code, 3);
  EXPECT_THAT(values.err, HasSubstr("show_env needs a control token"));
  values = OverTcp(d, Daemon::kControlToken, {"describe", "--show-env", "e"});
  EXPECT_EQ(values.exit_code, 0) << values.err;
  EXPECT_THAT(values.out, HasSubstr("KEY=v4lue"));
}

TEST(RemoteTest, RepeatedWrongTokensAreSlowedDown) {
  Daemon d({}, /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  for (int i = 0; i < 3; ++i)
    OverTcp(d, "guess-guess-guess-guess", {"version"});
  absl::Time start = absl::Now();
  EXPECT_EQ(OverTcp(d, "guess-guess-guess-guess", {"version"}).exit_code, 3);
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(700));
  // A right token is not held up.
  EXPECT_EQ(OverTcp(d, Daemon::kReadToken, {"version"}).exit_code, 0);
}

TEST(RemoteTest, FilesAreLoadedOverTcpOnlyFromAllowedDirectories) {
  TempDir dir;
  std::string elsewhere = dir.WriteFile("elsewhere/a.js", "service(\"a\");\n");
  std::string allowed = dir.WriteFile("allowed/b.js", "service(\"b\");\n");
  Daemon d({"--allow-load", dir.Join("allowed")}, /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  auto refused = OverTcp(d, Daemon::kControlToken, {"start", elsewhere});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_THAT(refused.err,
              HasSubstr("runyd loads files only from directories given with "
                        "--allow-load"));
  EXPECT_EQ(OverTcp(d, Daemon::kControlToken, {"start", allowed}).exit_code, 0);
  // ../ does not climb out of an allowed directory.
  auto climbed = OverTcp(d, Daemon::kControlToken,
                         {"start", dir.Join("allowed/../elsewhere/a.js")});
  EXPECT_EQ(climbed.exit_code, 3);
}

TEST(RemoteTest, ShutdownIsAnRpc) {
  Daemon d({}, /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  EXPECT_EQ(OverTcp(d, Daemon::kReadToken, {"shutdown"}).exit_code, 3);
  auto r = OverTcp(d, Daemon::kControlToken, {"shutdown"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("is stopping"));
  EXPECT_TRUE(testing::WaitFor(
      [&] { return d.Runy({"version"}).exit_code == 3; }, absl::Seconds(20)));
}

// The path that once gave root to anyone: a root runyd with --listen, and
// the user nobody loading a file whose ctx.exec runs `id`.
TEST(RemoteTest, NobodyCannotDriveARootRunyd) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  std::string evil =
      dir.WriteFile("evil.js",
                    "service(\"evil\").run(async (ctx) => {\n"
                    "  await ctx.exec({ cmd: \"sh\", args: [\"-c\", \"id > " +
                        dir.Join("owned") +
                        "\"] });\n"
                        "});\n");
  chmod(evil.c_str(), 0644);
  Daemon d({}, /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  auto tcp = AsNobody({Runy(), "--host", d.tcp_uri(), "start", evil});
  EXPECT_EQ(tcp.exit_code, 3) << tcp.err;
  EXPECT_THAT(tcp.err, HasSubstr("token"));
  // The socket: its directory keeps nobody out, and if it did not, the
  // peer check would.
  auto unix_socket = AsNobody({Runy(), "--host", d.unix_uri(), "start", evil});
  EXPECT_EQ(unix_socket.exit_code, 3) << unix_socket.err;
  struct stat st;
  EXPECT_NE(stat(dir.Join("owned").c_str(), &st), 0) << "the file ran";
}

TEST(RemoteTest, APeerOfAnotherUidGetsAClearRefusal) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  TempDir dir;
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  // Open the way on purpose, so only the peer check stands in between.
  std::string socket_dir = d.socket().substr(0, d.socket().rfind('/'));
  chmod(socket_dir.c_str(), 0755);
  chmod(d.socket().c_str(), 0666);
  // Up to runyd's temp dir, never above it: /tmp itself stays 1777.
  for (std::string p = socket_dir; p.size() >= d.dir().size();
       p = p.substr(0, p.rfind('/'))) {
    chmod(p.c_str(), 0755);
  }
  auto r = AsNobody({Runy(), "--host", d.unix_uri(), "status"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("uid 65534 may not use this runyd"));
}

TEST(RemoteTest, SocketGroupMembersAreLetInAndLoadOnlyWhatTheyCanRead) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  std::string readable = dir.WriteFile("open/ok.js", "service(\"ok\");\n");
  chmod(dir.Join("open").c_str(), 0755);
  chmod(readable.c_str(), 0644);
  std::string secret = dir.WriteFile("closed/secret.js", "service(\"s\");\n");
  chmod(dir.Join("closed").c_str(), 0700);
  Daemon d({"--socket-group", "65534"});
  ASSERT_TRUE(d.ready()) << d.log();
  std::string socket_dir = d.socket().substr(0, d.socket().rfind('/'));
  // The temp dirs above runyd's own, up to its temp dir, never /tmp.
  for (std::string p = socket_dir.substr(0, socket_dir.rfind('/'));
       p.size() >= d.dir().size(); p = p.substr(0, p.rfind('/'))) {
    chmod(p.c_str(), 0755);
  }
  struct stat st;
  ASSERT_EQ(stat(d.socket().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0660u);
  auto status = AsNobody({Runy(), "--host", d.unix_uri(), "status"}, {"65534"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  auto secret_load =
      AsNobody({Runy(), "--host", d.unix_uri(), "start", secret}, {"65534"});
  EXPECT_EQ(secret_load.exit_code, 3);
  EXPECT_THAT(secret_load.err,
              HasSubstr("uid 65534 cannot read it, so runyd will not load it"));
  auto ok_load =
      AsNobody({Runy(), "--host", d.unix_uri(), "start", readable}, {"65534"});
  EXPECT_EQ(ok_load.exit_code, 0) << ok_load.err;
}

// TLS: certificates from scripts/gen-certs.
class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string script =
        absl::StrCat(std::getenv("RUNY_SOURCE_DIR"), "/scripts/gen-certs");
    auto made = RunCommand({"/bin/bash", script, "--out", certs_.Join("c"),
                            "127.0.0.1", "localhost"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    auto other = RunCommand(
        {"/bin/bash", script, "--out", certs_.Join("other"), "127.0.0.1"});
    ASSERT_EQ(other.exit_code, 0) << other.err;
  }
  std::string Cert(const std::string& name) const {
    return certs_.Join("c/" + name);
  }
  std::vector<std::string> ServerFlags(bool mutual) const {
    std::vector<std::string> flags = {"--tls-cert", Cert("server.pem"),
                                      "--tls-key", Cert("server.key")};
    if (mutual) {
      flags.push_back("--tls-client-ca");
      flags.push_back(Cert("ca.pem"));
    }
    return flags;
  }
  TempDir certs_;
};

TEST_F(TlsTest, TlsWithATokenWorksAndPlainClientsOrWrongCasDoNot) {
  Daemon d(ServerFlags(false), /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  auto ok =
      OverTcp(d, Daemon::kReadToken, {"--tls-ca", Cert("ca.pem"), "status"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  auto plain = OverTcp(d, Daemon::kReadToken, {"status"});
  EXPECT_EQ(plain.exit_code, 3);
  EXPECT_THAT(plain.err, HasSubstr("if it serves TLS, give --tls-ca"));
  auto wrong_ca = OverTcp(d, Daemon::kReadToken,
                          {"--tls-ca", certs_.Join("other/ca.pem"), "status"});
  EXPECT_EQ(wrong_ca.exit_code, 3);
  EXPECT_THAT(wrong_ca.err, HasSubstr("over TLS"));
  EXPECT_THAT(wrong_ca.err, Not(HasSubstr("Handshake failed")));
  auto no_token = OverTcp(d, "", {"--tls-ca", Cert("ca.pem"), "status"});
  EXPECT_EQ(no_token.exit_code, 3);
}

TEST_F(TlsTest, MutualTlsNeedsAClientCertificate) {
  Daemon d(ServerFlags(true), /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  auto without =
      OverTcp(d, Daemon::kReadToken, {"--tls-ca", Cert("ca.pem"), "status"});
  EXPECT_EQ(without.exit_code, 3);
  auto with =
      OverTcp(d, Daemon::kReadToken,
              {"--tls-ca", Cert("ca.pem"), "--tls-cert", Cert("client.pem"),
               "--tls-key", Cert("client.key"), "status"});
  EXPECT_EQ(with.exit_code, 0) << with.err;
}

TEST_F(TlsTest, ANamedHostCarriesItsAddressTokenAndCa) {
  Daemon d(ServerFlags(false), /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  TempDir home;
  std::string token =
      home.WriteFile("box.token", std::string(Daemon::kReadToken) + "\n");
  std::string hosts = home.WriteFile(
      "hosts", absl::StrCat("# name = uri options\n"
                            "buildbox = ",
                            d.tcp_uri(), " token-file=", token,
                            " tls-ca=", Cert("ca.pem"),
                            "\n"
                            "broken = tcp://127.0.0.1:1 colour=blue\n"));
  std::map<std::string, std::string> env = {{"RUNY_HOSTS_FILE", hosts}};
  auto ok = RunCommand({Runy(), "--host", "buildbox", "status"}, env);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  auto unknown = RunCommand({Runy(), "--host", "nowhere", "status"}, env);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr(absl::StrCat(
                               "host \"nowhere\": no such name in ", hosts)));
  auto bad = RunCommand({Runy(), "--host", "broken", "status"}, env);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr(absl::StrCat(hosts,
                                              ":3: unknown option "
                                              "\"colour\"")));
}

// A follower over TCP outlives its runyd's restart: it reconnects and
// resumes after the last line it printed, nothing twice, nothing missing.
TEST(RemoteTest, AFollowerReconnectsAndResumesWhereItWas) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "count.js",
      "service(\"count\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"count\", cmd: \"sh\", args: [\"-c\", "
      "\"i=0; while :; do i=$((i+1)); echo $$ $i; sleep 0.02; done\"] });\n"
      "});\n");
  std::string tokens =
      dir.WriteFile("tokens", std::string(Daemon::kControlToken) + "\n");
  chmod(tokens.c_str(), 0600);
  std::vector<std::string> args = {
      "--services",   file,
      "--state-dir",  dir.Join("state"),
      "--listen",     absl::StrCat("127.0.0.1:", testing::FreePort()),
      "--token-file", tokens,
      "--log-level",  "warn"};
  std::string uri = "tcp://" + args[5];
  auto first = std::make_unique<Daemon>(args);
  ASSERT_TRUE(first->ready()) << first->log();
  ASSERT_EQ(first->Runy({"start", "count"}).exit_code, 0);
  testing::Background follow(
      // All of its history first: however late the follower starts, it
      // sees line 1 on.
      {Runy(), "--host", uri, "logs", "-f", "-n", "100000", "--stdout",
       "count"},
      {{"RUNY_TOKEN", Daemon::kControlToken}});
  ASSERT_TRUE(testing::WaitFor(
      [&] { return follow.out().find(" 20\n") != std::string::npos; }));
  first.reset();  // SIGTERM: runyd and its processes stop
  Daemon second(args);
  ASSERT_TRUE(second.ready()) << second.log();
  // The started service comes back with a new process (a new $$).
  std::map<std::string, std::vector<int>> seen;  // pid -> numbers, in order
  auto parse = [&] {
    seen.clear();
    std::istringstream in(follow.out());
    std::string pid;
    int n = 0;
    while (in >> pid >> n) seen[pid].push_back(n);
    return seen.size() >= 2 && seen.rbegin()->second.size() > 5;
  };
  ASSERT_TRUE(testing::WaitFor(parse, absl::Seconds(30)))
      << follow.out() << follow.err();
  for (const auto& [pid, numbers] : seen) {
    for (size_t k = 0; k < numbers.size(); ++k) {
      ASSERT_EQ(numbers[k], static_cast<int>(k) + 1)
          << "pid " << pid << " line " << k << ":\n"
          << follow.out();
    }
  }
  EXPECT_THAT(follow.err(), HasSubstr("reconnecting"));
}

TEST(RemoteTest, StatusOfSeveralHostsIsOneTableWithAHostColumn) {
  TempDir dir;
  Daemon one({"--services", dir.WriteFile("a.js", "service(\"alpha\");\n")},
             /*tcp=*/true);
  Daemon two({"--services", dir.WriteFile("b.js", "service(\"beta\");\n")},
             /*tcp=*/true);
  ASSERT_TRUE(one.ready() && two.ready()) << one.log() << two.log();
  std::string hosts = dir.WriteFile(
      "hosts",
      absl::StrCat(
          "one = ", one.tcp_uri(), " token-file=", one.token_file(), "\n",
          "two = ", two.tcp_uri(), " token-file=", two.token_file(), "\n",
          "down = tcp://127.0.0.1:1 token-file=", one.token_file(), "\n"));
  std::map<std::string, std::string> env = {{"RUNY_HOSTS_FILE", hosts}};
  std::string table;
  ASSERT_TRUE(testing::WaitFor([&] {
    auto r = RunCommand({Runy(), "--host", "one,two", "status"}, env);
    table = r.out;
    return r.exit_code == 0 && table.find("beta") != std::string::npos &&
           table.find("alpha") != std::string::npos;
  })) << table;
  EXPECT_THAT(table, HasSubstr("HOST  SERVICE"));
  EXPECT_THAT(table, HasSubstr("one   alpha"));
  EXPECT_THAT(table, HasSubstr("two   beta"));
  auto partly = RunCommand({Runy(), "--host", "one,down", "status"}, env);
  EXPECT_EQ(partly.exit_code, 3);
  EXPECT_THAT(partly.out, HasSubstr("one   alpha"));
  EXPECT_THAT(partly.err, HasSubstr("runy: down: cannot reach runyd"));
}

TEST(RemoteTest, FollowingSeveralHostsMergesTheirLinesWithTheHostInFront) {
  TempDir dir;
  auto talker = [&](const std::string& word) {
    return dir.WriteFile(
        word + ".js",
        "service(\"talk\").run(async (ctx) => {\n"
        "  await ctx.process({ alias: \"talk\", cmd: \"sh\", args: [\"-c\", "
        "\"while :; do echo " +
            word +
            "; sleep 0.1; done\"] });\n"
            "});\n");
  };
  Daemon one({"--services", talker("hello")}, /*tcp=*/true);
  Daemon two({"--services", talker("world")}, /*tcp=*/true);
  ASSERT_TRUE(one.ready() && two.ready()) << one.log() << two.log();
  ASSERT_EQ(one.Runy({"start", "talk"}).exit_code, 0);
  ASSERT_EQ(two.Runy({"start", "talk"}).exit_code, 0);
  std::string hosts = dir.WriteFile(
      "hosts", absl::StrCat("one = ", one.tcp_uri(), " token-file=",
                            one.token_file(), "\n", "two = ", two.tcp_uri(),
                            " token-file=", two.token_file(), "\n"));
  testing::Background follow(
      {Runy(), "--host", "one,two", "logs", "-f", "--stdout", "talk"},
      {{"RUNY_HOSTS_FILE", hosts}});
  ASSERT_TRUE(testing::WaitFor([&] {
    std::string out = follow.out();
    return out.find("one | hello\n") != std::string::npos &&
           out.find("two | world\n") != std::string::npos;
  })) << follow.out()
      << follow.err();
  follow.Signal(SIGINT);
  EXPECT_EQ(follow.Wait(absl::Seconds(10)), 0) << follow.err();
}

}  // namespace
}  // namespace runy
