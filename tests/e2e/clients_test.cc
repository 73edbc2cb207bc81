// Clients that runy did not write drive a live runyd: the Python example
// (Debian's python3-grpcio) and the Node example (@grpc/grpc-js, installed
// with npm ci from its lock file), over the Unix socket and over TLS with a
// token.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::RunCommand;
using ::runy::testing::RunResult;
using ::runy::testing::TempDir;
using ::testing::HasSubstr;

std::string Source(const std::string& path) {
  return absl::StrCat(std::getenv("RUNY_SOURCE_DIR"), "/", path);
}

constexpr char kTalk[] =
    "service(\"talk\").run(async (ctx) => {\n"
    "  await ctx.process({ alias: \"talk\", cmd: \"sh\", args: [\"-c\", "
    "\"while :; do echo tick; sleep 0.1; done\"] });\n"
    "});\n";

// What both examples print: the process running, some of its lines, and
// the status as JSON.
void ExpectAWholeSession(const RunResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("talk: running\n"));
  EXPECT_THAT(r.out, HasSubstr("log talk: tick\n"));
  EXPECT_THAT(r.out, HasSubstr("\"processes\""));
  EXPECT_THAT(r.out, HasSubstr("PROCESS_STATE_RUNNING"));
}

class ClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = RunCommand({"/bin/bash", Source("scripts/gen-certs"), "--out",
                            certs_.Join("c"), "127.0.0.1"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  // A runyd with the talking service, on its socket and on TLS + token.
  std::unique_ptr<Daemon> StartDaemon() {
    std::string file = dir_.WriteFile("talk.js", kTalk);
    return std::make_unique<Daemon>(
        std::vector<std::string>{"--services", file, "--tls-cert",
                                 certs_.Join("c/server.pem"), "--tls-key",
                                 certs_.Join("c/server.key")},
        /*tcp=*/true);
  }
  std::vector<std::string> TlsFlags(const Daemon& d) const {
    return {"--host",       d.tcp_uri(),   "--tls-ca", certs_.Join("c/ca.pem"),
            "--token-file", d.token_file()};
  }
  TempDir dir_, certs_;
};

TEST_F(ClientsTest, PythonDrivesRunydOverTheSocketAndOverTls) {
  auto d = StartDaemon();
  ASSERT_TRUE(d->ready()) << d->log();
  std::string script = Source("scripts/examples/python/runy_client.py");
  ExpectAWholeSession(
      RunCommand({"/usr/bin/python3", script, "--host", d->unix_uri(),
                  "--service", "talk", "--follow-seconds", "1"}));
  std::vector<std::string> tls = {
      "/usr/bin/python3", script, "--service", "talk", "--follow-seconds", "1"};
  for (const std::string& flag : TlsFlags(*d)) tls.push_back(flag);
  ExpectAWholeSession(RunCommand(tls));
}

TEST_F(ClientsTest, NodeDrivesRunydOverTheSocketAndOverTls) {
  // The example, installed where the test may write.
  std::string app = dir_.Join("node");
  std::filesystem::create_directories(app);
  for (const char* file :
       {"package.json", "package-lock.json", "runy_client.js"}) {
    std::filesystem::copy_file(
        Source(absl::StrCat("scripts/examples/node/", file)),
        absl::StrCat(app, "/", file));
  }
  auto ci = RunCommand(
      {"/bin/sh", "-c", "cd " + app + " && npm ci --no-audit --no-fund"}, {},
      absl::Minutes(5));
  if (ci.exit_code != 0) {
    // A machine that cannot reach the npm registry (no network, or a proxy
    // whose certificate it does not trust) cannot install the client: that
    // is the machine, not runy. Anything else is a failure.
    for (const char* unreachable :
         {"ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ENETUNREACH",
          "SELF_SIGNED_CERT", "UNABLE_TO_GET_ISSUER_CERT",
          "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "CERT_HAS_EXPIRED"}) {
      if ((ci.out + ci.err).find(unreachable) != std::string::npos) {
        GTEST_SKIP() << "the npm registry is unreachable from here ("
                     << unreachable << ")";
      }
    }
    FAIL() << "npm ci failed:\n" << ci.out << ci.err;
  }
  auto d = StartDaemon();
  ASSERT_TRUE(d->ready()) << d->log();
  std::map<std::string, std::string> env = {
      {"RUNY_PROTO_DIR", Source("proto")}};
  std::string node = "/usr/bin/node";
  std::string script = app + "/runy_client.js";
  ExpectAWholeSession(RunCommand({node, script, "--host", d->unix_uri(),
                                  "--service", "talk", "--follow-seconds", "1"},
                                 env));
  std::vector<std::string> tls = {
      node, script, "--service", "talk", "--follow-seconds", "1"};
  for (const std::string& flag : TlsFlags(*d)) tls.push_back(flag);
  ExpectAWholeSession(RunCommand(tls, env));
}

}  // namespace
}  // namespace runy
