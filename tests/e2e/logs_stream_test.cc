// The Logs RPC through a real gRPC client: many followers, one that never
// reads, clients that vanish.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

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
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;

// A process printing "n <i>" 2000 times a second.
constexpr char kChatty[] =
    "service(\"chatty\").run(async (ctx) => {\n"
    "  await ctx.process({ alias: \"chatty\", cmd: \"sh\", args: [\"-c\",\n"
    "    \"i=0; while :; do i=$((i+1)); echo n $i; if [ $((i % 20)) = 0 ]; "
    "then sleep 0.01; fi; done\"] });\n"
    "});\n";

uint64_t RssKib(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

std::unique_ptr<v1::Runy::Stub> Stub(const Daemon& d) {
  return v1::Runy::NewStub(grpc::CreateChannel(
      "unix:" + d.socket(), grpc::InsecureChannelCredentials()));
}

TEST(LogsStreamTest, TwentyFollowersKeepUpWhileOneNeverReads) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("chatty.js", kChatty), "--log-level",
            "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "chatty"}).exit_code, 0);
  auto stub = Stub(d);

  // The one that never reads: with a small flow-control window (gRPC would
  // otherwise buffer megabytes on the client side) runyd's queue for it
  // fills, then its lines are dropped.
  grpc::ChannelArguments small_window;
  small_window.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  small_window.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 16 * 1024);
  auto stuck_stub = v1::Runy::NewStub(grpc::CreateCustomChannel(
      "unix:" + d.socket(), grpc::InsecureChannelCredentials(), small_window));
  grpc::ClientContext stuck_context;
  v1::LogsRequest request;
  request.add_targets("chatty");
  request.set_follow(true);
  auto stuck = stuck_stub->Logs(&stuck_context, request);

  std::atomic<bool> stop{false};
  std::vector<std::atomic<int>> received(20);
  std::vector<std::thread> readers;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  for (int i = 0; i < 20; ++i) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    readers.emplace_back([&, i, context = contexts.back().get()] {
      auto reader = stub->Logs(context, request);
      v1::LogLine line;
      while (!stop && reader->Read(&line)) ++received[i];
    });
  }
  uint64_t rss_start = RssKib(d.pid());
  // Every reader keeps getting lines (6000 lines is about 3 s of output),
  // although one stream is stuck.
  bool kept_up = WaitFor(
      [&] {
        for (auto& r : received) {
          if (r.load() < 6000) return false;
        }
        return true;
      },
      absl::Seconds(60));
  std::vector<int> counts;
  for (auto& r : received) counts.push_back(r.load());
  uint64_t rss_end = RssKib(d.pid());
  stop = true;
  for (auto& c : contexts) c->TryCancel();
  for (auto& t : readers) t.join();

  EXPECT_TRUE(kept_up) << ::testing::PrintToString(counts);
  // The stuck stream holds a bounded queue, not everything since it began.
  EXPECT_LT(rss_end, rss_start + 64 * 1024) << rss_start << " -> " << rss_end;

  // Reading it now shows the gap as a "lines dropped" marker.
  v1::LogLine line;
  bool marker = false;
  int read = 0;
  for (int i = 0; i < 50000 && stuck->Read(&line); ++i) {
    ++read;
    if (line.dropped() > 0) {
      marker = true;
      EXPECT_THAT(line.text(), ::testing::HasSubstr("lines dropped"));
      break;
    }
  }
  EXPECT_TRUE(marker) << "read " << read << " lines, last: " << line.text();
  stuck_context.TryCancel();
  EXPECT_EQ(d.Runy({"version"}).exit_code, 0);
}

TEST(LogsStreamTest, ClientsThatDisconnectMidStreamAreCleanedUp) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("chatty.js", kChatty), "--log-level",
            "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "chatty"}).exit_code, 0);
  for (int i = 0; i < 50; ++i) {
    auto stub = Stub(d);
    grpc::ClientContext context;
    v1::LogsRequest request;
    request.set_follow(true);
    request.set_tail(100);
    auto reader = stub->Logs(&context, request);
    v1::LogLine line;
    ASSERT_TRUE(reader->Read(&line));
    context.TryCancel();
  }
  EXPECT_EQ(d.Runy({"version"}).exit_code, 0);
  auto logs = d.Runy({"logs", "-n", "5", "chatty"});
  EXPECT_EQ(logs.exit_code, 0);
  EXPECT_EQ(std::count(logs.out.begin(), logs.out.end(), '\n'), 5);
}

TEST(LogsStreamTest, SinceAndUnknownTargets) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("chatty.js", kChatty), "--log-level",
            "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "chatty"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "-n", "1", "chatty"}).out.size() > 2;
  }));
  auto stub = Stub(d);
  // since = now: only newer lines; without follow the stream ends at once.
  grpc::ClientContext context;
  v1::LogsRequest request;
  request.add_targets("chatty");
  request.mutable_since()->set_seconds(absl::ToUnixSeconds(absl::Now()) + 3600);
  auto reader = stub->Logs(&context, request);
  v1::LogLine line;
  EXPECT_FALSE(reader->Read(&line));
  EXPECT_TRUE(reader->Finish().ok());
  // An unknown target: NOT_FOUND.
  grpc::ClientContext unknown_context;
  v1::LogsRequest unknown;
  unknown.add_targets("nobody");
  auto unknown_reader = stub->Logs(&unknown_context, unknown);
  EXPECT_FALSE(unknown_reader->Read(&line));
  EXPECT_EQ(unknown_reader->Finish().error_code(), grpc::StatusCode::NOT_FOUND);
  // runy logs --since with a duration.
  EXPECT_EQ(d.Runy({"logs", "--since", "1h", "-n", "3", "chatty"}).exit_code,
            0);
  EXPECT_EQ(d.Runy({"logs", "--since", "yesterday", "chatty"}).exit_code, 2);
}

// History beyond the memory tail comes from the rotated files: a window
// (--since) is complete, a deep tail (-n) exact.
TEST(LogsStreamTest, SinceAndDeepTailsReadTheRotatedFiles) {
  TempDir dir;
  std::string file = dir.WriteFile(
      "many.js",
      "service(\"many\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"many\", cmd: \"seq\", args: "
      "[\"-f\", \"line %06g of a log that is longer than memory\", \"1\", "
      "\"100000\"] });\n"
      "});\n");
  Daemon d({"--services", file, "--log-max-size", "256K", "--log-max-files",
            "40", "--log-level", "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "many"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "many"}).out.find("exited") != std::string::npos;
  }));
  auto lines = [](const std::string& out) {
    return std::count(out.begin(), out.end(), '\n');
  };
  std::string window;
  ASSERT_TRUE(WaitFor([&] {
    window = d.Runy({"logs", "--stdout", "--since", "1h", "many"}).out;
    return lines(window) == 100000;
  })) << lines(window)
      << " lines";
  EXPECT_EQ(window.substr(0, 12), "line 000001 ");
  std::string deep = d.Runy({"logs", "--stdout", "-n", "60000", "many"}).out;
  EXPECT_EQ(lines(deep), 60000);
  EXPECT_EQ(deep.substr(0, 12), "line 040001 ");
  std::string shallow = d.Runy({"logs", "--stdout", "-n", "3", "many"}).out;
  EXPECT_EQ(shallow,
            "line 099998 of a log that is longer than memory\n"
            "line 099999 of a log that is longer than memory\n"
            "line 100000 of a log that is longer than memory\n");
}

TEST(EventsTest, StateChangesAreStreamed) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("chatty.js", kChatty), "--log-level",
            "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "chatty"}).exit_code, 0);
  auto stub = Stub(d);
  grpc::ClientContext context;
  v1::EventsRequest request;
  request.add_names("chatty");
  auto reader = stub->Events(&context, request);
  std::mutex mu;
  std::vector<v1::ProcessState> states;
  std::vector<v1::ServiceState> service_states;
  std::thread collect([&] {
    v1::Event event;
    while (reader->Read(&event)) {
      std::lock_guard<std::mutex> lock(mu);
      if (event.has_process()) states.push_back(event.process().state());
      if (event.has_service()) {
        EXPECT_EQ(event.service().name(), "chatty");
        service_states.push_back(event.service().state());
      }
    }
  });
  // Restart until the subscription (made on the loop) has seen one.
  ASSERT_TRUE(WaitFor([&] {
    d.Runy({"restart", "chatty"});
    std::lock_guard<std::mutex> lock(mu);
    return states.size() >= 8 && service_states.size() >= 4;
  }));
  context.TryCancel();
  collect.join();
  const std::vector<v1::ProcessState> cycle = {
      v1::PROCESS_STATE_STOPPING, v1::PROCESS_STATE_STOPPED,
      v1::PROCESS_STATE_STARTING, v1::PROCESS_STATE_RUNNING};
  EXPECT_NE(
      std::search(states.begin(), states.end(), cycle.begin(), cycle.end()),
      states.end())
      << ::testing::PrintToString(states);
  const std::vector<v1::ServiceState> service_cycle = {
      v1::SERVICE_STATE_STOPPING, v1::SERVICE_STATE_STOPPED,
      v1::SERVICE_STATE_STARTING, v1::SERVICE_STATE_RUNNING};
  EXPECT_NE(std::search(service_states.begin(), service_states.end(),
                        service_cycle.begin(), service_cycle.end()),
            service_states.end())
      << ::testing::PrintToString(service_states);
}

}  // namespace
}  // namespace runy
