// What runyd meets when things go wrong around it: damaged state files,
// too few file descriptors, hostile requests. It says what happened, goes
// on supervising, and recovers once the cause is gone. The real runyd and
// runy, real limits (prlimit on the running runyd), real gRPC.
#include <grpcpp/grpcpp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runy/v1/runy.grpc.pb.h"
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
using ::testing::Not;

std::unique_ptr<v1::Runy::Stub> Connect(const Daemon& d) {
  return v1::Runy::NewStub(grpc::CreateChannel(
      "unix:" + d.socket(), grpc::InsecureChannelCredentials()));
}

std::unique_ptr<grpc::ClientContext> Deadline(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoMilliseconds(timeout));
  return context;
}

void WriteRaw(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

constexpr char kTwoServices[] = R"js(
service("hda").run(async (ctx) => {
  await ctx.process({ alias: "hda-1", cmd: "sleep", args: ["600"] });
  await ctx.process({ alias: "hda-2", cmd: "sleep", args: ["600"] });
});
service("hdb").run(async (ctx) => {
  await ctx.process({ alias: "hdb-1", cmd: "sleep", args: ["600"] });
});
)js";

TEST(HardeningTest, DamagedStateFilesCostOnlyTheirDamagedLines) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("services/two.js", kTwoServices),
            "--log-level", "info"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "hda"}).exit_code, 0) << d.log();
  ASSERT_EQ(d.Runy({"stop", "hda-2"}).exit_code, 0) << d.log();
  ASSERT_EQ(d.Stop(), 0);

  std::string state = d.state_dir();
  // A valid line among garbage, an escape sequence, a path, binary bytes,
  // and a last line cut short.
  WriteRaw(state + "/started",
           std::string("\x1b[31mevil\nhda\n../../etc\n\x01\x02\0\xff\nhd", 31));
  WriteRaw(state + "/loaded", "relative/file.js\n");
  WriteRaw(state + "/stopped", "bad name!\nhda-2\n");
  std::filesystem::create_directories(state + "/instances");
  WriteRaw(state + "/instances/12345", "v1 garbage");
  WriteRaw(state + "/instances/not-a-pid", "");

  ASSERT_TRUE(d.Relaunch()) << d.log();
  std::string log;
  EXPECT_TRUE(WaitFor(
      [&] {
        std::string status = d.Runy({"status", "hda"}).out;
        return status.find("hda-1") != std::string::npos &&
               status.find("running") != std::string::npos;
      },
      absl::Seconds(20)))
      << d.log();
  log = d.log();
  EXPECT_THAT(log,
              HasSubstr(state + "/started:1: ignored: not a service name"));
  EXPECT_THAT(log, HasSubstr(state + "/started:3: ignored"));
  EXPECT_THAT(log, HasSubstr(state + "/started:4: ignored"));
  EXPECT_THAT(log,
              HasSubstr(state + "/loaded:1: ignored: not an absolute path"));
  EXPECT_THAT(log, HasSubstr(state + "/stopped:1: ignored: not an alias"));
  EXPECT_THAT(log, HasSubstr("ignoring the malformed record " + state +
                             "/instances/12345"));
  EXPECT_THAT(log, Not(HasSubstr("\x1b[31m")));
  // What was valid still holds: hda started, hda-2 stopped by the user.
  std::string status = d.Runy({"status", "hda"}).out;
  EXPECT_THAT(status, HasSubstr("hda-2"));
  EXPECT_TRUE(WaitFor([&] { return !d.Runy({"status", "hdb"}).out.empty(); }));
  EXPECT_THAT(d.Runy({"status", "hdb"}).out, Not(HasSubstr("running")));
}

// The lowest descriptor number `pid` does not use: the one its next open
// would get. With it as the limit, no new descriptor fits.
int LowestFreeFd(pid_t pid) {
  std::set<int> open;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(
           absl::StrCat("/proc/", pid, "/fd"), ec)) {
    open.insert(std::atoi(entry.path().filename().c_str()));
  }
  int fd = 0;
  while (open.count(fd) != 0) ++fd;
  return fd;
}

bool SetFileLimit(pid_t pid, rlim_t soft) {
  rlimit old{};
  if (prlimit(pid, RLIMIT_NOFILE, nullptr, &old) != 0) return false;
  rlimit now = old;
  now.rlim_cur = soft;
  return prlimit(pid, RLIMIT_NOFILE, &now, nullptr) == 0;
}

int ConnectRaw(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST(HardeningTest, OutOfDescriptorsRunydKeepsSupervisingAndRecovers) {
  TempDir dir;
  // A process that exits after 1.5 s (long enough not to count as a crash
  // loop): each restart needs two new pipes.
  Daemon d({"--services", dir.WriteFile("services/fd.js", R"js(
service("hfd", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "hfd-1", cmd: "sh",
    args: ["-c", "echo up; sleep 1.5; exit 1"],
    restart: { kind: "fixed", delay: 200 } });
});
)js"),
            "--log-level", "info"});
  ASSERT_TRUE(d.ready()) << d.log();
  std::unique_ptr<v1::Runy::Stub> stub = Connect(d);
  v1::StatusResponse status;
  ASSERT_TRUE(stub->Status(Deadline(absl::Seconds(10)).get(),
                           v1::StatusRequest(), &status)
                  .ok());
  // runy's own lines are in `runy logs` and runyd's log (the file holds the
  // output alone).
  std::string log_file = d.state_dir() + "/logs/hfd-1.log";
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "-n", "100", "hfd-1"}).out.find("restarting in") !=
           std::string::npos;
  })) << d.log();

  // No descriptor to spare; a pipe closed later leaves room that the
  // connections below take.
  ASSERT_TRUE(SetFileLimit(d.pid(), LowestFreeFd(d.pid())));
  std::vector<int> waiting;
  EXPECT_TRUE(WaitFor(
      [&] {
        if (waiting.size() < 100) waiting.push_back(ConnectRaw(d.socket()));
        return d.log().find("accept on the socket: Too many open files") !=
               std::string::npos;
      },
      absl::Seconds(20)))
      << d.log();
  EXPECT_TRUE(WaitFor(
      [&] {
        // "spawn failed: pipe: ...", or "spawn failed: open <its cgroup>:
        // ..." where it has one.
        std::string log = d.log();
        size_t at = log.find("spawn failed: ");
        return at != std::string::npos &&
               log.find("Too many open files", at) != std::string::npos;
      },
      absl::Seconds(20)))
      << d.log();
  // A client connected before still gets answers, and the process is
  // still supervised (in backoff, retried).
  status.Clear();
  ASSERT_TRUE(stub->Status(Deadline(absl::Seconds(10)).get(),
                           v1::StatusRequest(), &status)
                  .ok());
  ASSERT_EQ(status.processes_size(), 1);
  EXPECT_NE(status.processes(0).state(), v1::PROCESS_STATE_FAILED);

  // Room again: the waiting connections are served, the process runs.
  for (int fd : waiting) close(fd);
  ASSERT_TRUE(SetFileLimit(d.pid(), 1024));
  testing::RunResult fresh = d.Runy({"status"}, absl::Seconds(20));
  EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
  std::string before = ReadFile(log_file);
  size_t ups = 0;
  for (size_t at = 0; (at = before.find("up\n", at)) != std::string::npos;
       ++at) {
    ++ups;
  }
  EXPECT_TRUE(WaitFor(
      [&] {
        std::string now = ReadFile(log_file);
        size_t count = 0;
        for (size_t at = 0; (at = now.find("up\n", at)) != std::string::npos;
             ++at) {
          ++count;
        }
        return count > ups;
      },
      absl::Seconds(20)))
      << ReadFile(log_file);
}

TEST(HardeningTest, HostileRequestsAreRefusedWithClearErrors) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("services/two.js", kTwoServices)});
  ASSERT_TRUE(d.ready()) << d.log();
  std::unique_ptr<v1::Runy::Stub> stub = Connect(d);
  auto status_of = [&](const std::vector<std::string>& names) {
    v1::StatusRequest request;
    for (const std::string& n : names) request.add_names(n);
    v1::StatusResponse response;
    return stub->Status(Deadline(absl::Seconds(10)).get(), request, &response);
  };

  grpc::Status traversal = status_of({"../../etc/passwd"});
  EXPECT_EQ(traversal.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(traversal.error_message(), HasSubstr("names[0]"));
  EXPECT_THAT(traversal.error_message(), HasSubstr("is not a name"));

  grpc::Status escape = status_of({"hda", "\x1b[2Jx"});
  EXPECT_EQ(escape.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(escape.error_message(), HasSubstr("names[1]"));
  EXPECT_THAT(escape.error_message(), HasSubstr("\\x1b[2Jx"));
  EXPECT_THAT(escape.error_message(), Not(HasSubstr("\x1b")));

  grpc::Status long_name = status_of({std::string(129, 'a')});
  EXPECT_EQ(long_name.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(long_name.error_message(), HasSubstr("(129 bytes)"));
  // 128 is allowed: then it is merely unknown.
  EXPECT_EQ(status_of({std::string(128, 'a')}).error_code(),
            grpc::StatusCode::NOT_FOUND);

  std::vector<std::string> many(5000, "hda");
  EXPECT_EQ(status_of(many).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // Bigger than runyd reads at all: refused before it is parsed.
  grpc::Status huge = status_of({std::string(2 << 20, 'a')});
  EXPECT_EQ(huge.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);

  {
    v1::StartRequest request;
    request.add_files("relative/file.js");
    v1::StartResponse response;
    grpc::Status s =
        stub->Start(Deadline(absl::Seconds(10)).get(), request, &response);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("not an absolute path"));
  }
  {
    v1::StopRequest request;
    request.add_names("hda/../..");
    v1::StopResponse response;
    EXPECT_EQ(stub->Stop(Deadline(absl::Seconds(10)).get(), request, &response)
                  .error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  {
    v1::LogsRequest request;
    request.set_tail(-1);
    auto context = Deadline(absl::Seconds(10));
    auto reader = stub->Logs(context.get(), request);
    v1::LogLine line;
    while (reader->Read(&line)) {
    }
    grpc::Status s = reader->Finish();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("tail"));
  }
  // Through all of it runyd goes on.
  EXPECT_TRUE(status_of({"hda"}).ok());
  EXPECT_EQ(d.Runy({"status"}).exit_code, 0);
}

}  // namespace
}  // namespace runy
