// Where cgroup v2 is writable, each process runs in a cgroup of its own,
// so what leaves its process group (setsid) is still reached: by a stop, by
// a restart, and by the runyd that comes after a crash. The real runyd and
// runy, real processes, the real cgroup file system; skipped where runyd
// reports that it cannot use cgroups.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runy/v1/runy.grpc.pb.h"
#include "tests/testing/proc_scan.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::LiveGroupsByAlias;
using ::runy::testing::ReadFile;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Its child leaves the process group at once (setsid), and lives on.
constexpr char kEscaping[] = R"js(
service("cgt", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "cgt-1", cmd: "sh",
    args: ["-c", "setsid sleep 600 & echo forked; exec sleep 600"],
    restart: { kind: "always" } });
});
)js";

class CgroupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_ = std::make_unique<Daemon>(std::vector<std::string>{
        "--services", dir_.WriteFile("services/cgt.js", kEscaping),
        "--log-level", "info"});
    ASSERT_TRUE(daemon_->ready()) << daemon_->log();
    stub_ = v1::Runy::NewStub(grpc::CreateChannel(
        "unix:" + daemon_->socket(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    v1::VersionResponse version;
    ASSERT_TRUE(stub_->Version(&context, v1::VersionRequest(), &version).ok());
    if (version.cgroups().empty()) {
      GTEST_SKIP() << "runyd cannot use cgroups here: "
                   << version.cgroups_unavailable();
    }
    cgroups_ = version.cgroups();
  }

  // cgt-1's process groups: two once its child has left the first.
  size_t Groups() { return LiveGroupsByAlias("cgt-")["cgt-1"].size(); }
  bool BothUp() {
    return WaitFor([&] { return Groups() == 2; }, absl::Seconds(20));
  }

  v1::ProcessStatus Status() {
    grpc::ClientContext context;
    v1::StatusRequest request;
    request.add_names("cgt-1");
    v1::StatusResponse response;
    stub_->Status(&context, request, &response);
    return response.processes_size() == 1 ? response.processes(0)
                                          : v1::ProcessStatus();
  }

  TempDir dir_;
  std::unique_ptr<Daemon> daemon_;
  std::unique_ptr<v1::Runy::Stub> stub_;
  std::string cgroups_;
};

TEST_F(CgroupsTest, StatusAndVersionSayWhereProcessesRun) {
  ASSERT_TRUE(BothUp());
  EXPECT_EQ(Status().cgroup(), cgroups_ + "/cgt-1");
  std::string procs = ReadFile(cgroups_ + "/cgt-1/cgroup.procs");
  EXPECT_THAT(procs, HasSubstr(std::to_string(Status().pid())));
  testing::RunResult version = daemon_->Runy({"version"});
  EXPECT_THAT(version.out,
              HasSubstr("processes: a cgroup each, under " + cgroups_));
}

TEST_F(CgroupsTest, StopReachesWhatLeftTheProcessGroup) {
  ASSERT_TRUE(BothUp());
  ASSERT_EQ(daemon_->Runy({"stop", "cgt-1"}).exit_code, 0);
  EXPECT_TRUE(WaitFor([&] { return Groups() == 0; }, absl::Seconds(20)));
  EXPECT_THAT(ReadFile(cgroups_ + "/cgt-1/cgroup.events"),
              HasSubstr("populated 0"));
}

TEST_F(CgroupsTest, ARestartEndsWhatTheLastInstanceLeft) {
  ASSERT_TRUE(BothUp());
  int first = Status().pid();
  ASSERT_EQ(daemon_->Runy({"restart", "cgt-1"}).exit_code, 0);
  // The new instance and its own child; the old child is gone.
  EXPECT_TRUE(WaitFor([&] { return Status().pid() != first && Groups() == 2; },
                      absl::Seconds(20)));
}

TEST_F(CgroupsTest, TheNextInstanceInTheSameCgroupRunsNormally) {
  ASSERT_TRUE(BothUp());
  // Its cgroup had a SIGKILL for the escaped child at each exit; the next
  // instances in it must still run their course (exit 3, not a SIGKILL).
  TempDir more;
  ASSERT_EQ(daemon_
                ->Runy({"start", more.WriteFile("quick.js", R"js(
service("cgq", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "cgq-1", cmd: "sh", args: ["-c", "exit 3"],
    restart: { kind: "fixed", delay: 10, maxRestarts: 3 } });
});
)js")})
                .exit_code,
            0)
      << daemon_->log();
  v1::StatusRequest request;
  request.add_names("cgq-1");
  v1::StatusResponse response;
  ASSERT_TRUE(WaitFor([&] {
    grpc::ClientContext c;
    response.Clear();
    return stub_->Status(&c, request, &response).ok() &&
           response.processes_size() == 1 &&
           response.processes(0).state() == v1::PROCESS_STATE_FAILED;
  })) << daemon_->log();
  EXPECT_EQ(response.processes(0).restarts(), 3);
  EXPECT_EQ(response.processes(0).last_exit().code(), 3);
  EXPECT_EQ(response.processes(0).last_exit().signal(), 0);
}

TEST_F(CgroupsTest, AfterACrashTheNextRunydEndsEveryLeftover) {
  ASSERT_TRUE(BothUp());
  daemon_->Kill();
  EXPECT_EQ(Groups(), 2u);  // both outlived runyd
  ASSERT_TRUE(daemon_->Relaunch()) << daemon_->log();
  std::string line =
      "killed 1 process(es) an earlier runyd left in the cgroup " + cgroups_ +
      "/cgt-1 (outside its process group)";
  EXPECT_TRUE(
      WaitFor([&] { return daemon_->log().find(line) != std::string::npos; },
              absl::Seconds(20)))
      << daemon_->log();
  // In the process's own log too.
  EXPECT_TRUE(WaitFor([&] {
    return daemon_->Runy({"logs", "-n", "100", "cgt-1"}).out.find(line) !=
           std::string::npos;
  }));
  // The service's new instance: two groups again.
  EXPECT_TRUE(BothUp());
}

TEST_F(CgroupsTest, ACleanExitRemovesTheCgroups) {
  ASSERT_TRUE(BothUp());
  EXPECT_EQ(daemon_->Stop(), 0);
  EXPECT_TRUE(WaitFor([&] {
    return ReadFile(cgroups_ + "/cgroup.procs").empty() &&
           access(cgroups_.c_str(), F_OK) != 0;
  }));
  EXPECT_EQ(Groups(), 0u);
}

}  // namespace
}  // namespace runy
