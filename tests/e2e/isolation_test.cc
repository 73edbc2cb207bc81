// Supervision that a service file cannot stall: while its JavaScript spins
// in a native-heavy loop, a catastrophic regular expression, compilations
// of a 10 MB literal or allocations up to the heap cap, runyd still answers
// status at once, keeps restarting a crash-looping process per its policy
// and keeps logging a chatty one. The real runyd, over its real socket.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runy/v1/runy.grpc.pb.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Background;
using ::runy::testing::BinaryPath;
using ::runy::testing::Daemon;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;

// A process that exits at once (crash-looping, restarts throttled to at
// most 200 ms apart) and one that prints "tick N" every 10 ms.
constexpr char kSupervised[] = R"js(
service("supervised", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "crashy", cmd: "sh", args: ["-c", "exit 3"],
    restart: { kind: "always", crashLoopAfter: 3, crashLoopMaxDelay: 200 } });
  await ctx.process({ alias: "chatty", cmd: "sh", args: ["-c",
    "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.01; done"] });
});
)js";

struct Hostile {
  const char* name;
  // Defines work(), which never returns on its own.
  const char* work;
};

const Hostile kHostile[] = {
    {"NativeHeavyLoop",
     "const big = [];\n"
     "for (let i = 0; i < 20000; i++) big.push({ i, s: 'x' + i });\n"
     "function work() { for (;;) JSON.stringify(big); }\n"},
    {"CatastrophicRegExp",
     "const input = 'a'.repeat(27) + '!';\n"
     "function work() { for (;;) /^(a+)+$/.test(input); }\n"},
    {"CompilesTenMegabyteLiteral",
     "const src = 'return [' + '1,'.repeat(5000000) + '1];';\n"
     "function work() { for (;;) new Function(src)(); }\n"},
    {"AllocatesUpToItsCap",
     "function work() {\n"
     "  const keep = [];\n"
     "  for (;;) keep.push('x'.repeat(1 << 16) + keep.length);\n"
     "}\n"},
};

// Each timer turn calls work() again, so the script thread never rests:
// every turn runs until its budget (or the heap cap) ends it.
std::string HostileFile(const Hostile& h) {
  return absl::StrCat(h.work, R"js(
function spin() {
  setTimeout(spin, 0);
  try { work(); } catch (e) {}
}
service("hostile").run(async () => {
  console.error("hostile: spinning");
  setTimeout(spin, 0);
});
)js");
}

class IsolationTest : public ::testing::TestWithParam<Hostile> {};

int Restarts(const v1::StatusResponse& status, const std::string& alias) {
  for (const auto& p : status.processes()) {
    if (p.alias() == alias) return p.restarts();
  }
  return -1;
}

// The number in chatty's last "tick N" line.
int LastTick(v1::Runy::Stub* stub) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  v1::LogsRequest request;
  request.add_targets("chatty");
  request.set_tail(5);
  request.add_streams(v1::LOG_STREAM_STDOUT);
  auto reader = stub->Logs(&context, request);
  v1::LogLine line;
  int last = -1;
  while (reader->Read(&line)) {
    const std::string& text = line.text();
    if (text.rfind("tick ", 0) == 0) last = std::atoi(text.c_str() + 5);
  }
  reader->Finish().IgnoreError();
  return last;
}

TEST_P(IsolationTest, SupervisionGoesOnWhileAServiceFileSpins) {
  TempDir dir;
  Daemon d({"--services", dir.WriteFile("supervised.js", kSupervised),
            "--log-level", "warn"});
  ASSERT_TRUE(d.ready()) << d.log();
  auto stub = v1::Runy::NewStub(grpc::CreateChannel(
      "unix:" + d.socket(), grpc::InsecureChannelCredentials()));
  auto status = [&](v1::StatusResponse* out) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    return stub->Status(&context, v1::StatusRequest(), out).ok();
  };
  ASSERT_TRUE(WaitFor(
      [&] {
        v1::StatusResponse s;
        return status(&s) && Restarts(s, "crashy") >= 2 &&
               LastTick(stub.get()) > 0;
      },
      absl::Seconds(20)));

  // Load the hostile file; the call itself waits on the script thread.
  std::string hostile = dir.WriteFile("hostile.js", HostileFile(GetParam()));
  Background load(
      {BinaryPath("RUNY"), "--host", d.unix_uri(), "start", hostile});
  ASSERT_TRUE(WaitFor(
      [&] { return d.log().find("hostile: spinning") != std::string::npos; },
      absl::Seconds(30)))
      << d.log();
  // Into its first turn.
  absl::SleepFor(absl::Milliseconds(100));

  v1::StatusResponse before;
  ASSERT_TRUE(status(&before));
  int restarts_before = Restarts(before, "crashy");
  int tick_before = LastTick(stub.get());
  std::vector<double> ms;
  absl::Time end = absl::Now() + absl::Seconds(4);
  while (absl::Now() < end) {
    v1::StatusResponse s;
    absl::Time t0 = absl::Now();
    ASSERT_TRUE(status(&s));
    ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - t0));
    absl::SleepFor(absl::Milliseconds(20));
  }
  v1::StatusResponse after;
  ASSERT_TRUE(status(&after));
  int restarts_after = Restarts(after, "crashy");
  int tick_after = LastTick(stub.get());

  std::sort(ms.begin(), ms.end());
  double median = ms[ms.size() / 2];
  double max = ms.back();
  std::printf(
      "%s: %zu status calls, median %.2f ms, max %.2f ms; crashy "
      "restarts %d -> %d; chatty tick %d -> %d\n",
      GetParam().name, ms.size(), median, max, restarts_before, restarts_after,
      tick_before, tick_after);
  // (a) status answers at once: before, it waited for the script.
  EXPECT_LT(median, 50.0);
  EXPECT_LT(max, 1000.0);
  // (b) the crash-looping process is reaped and restarted (at most 200 ms
  // plus a spawn apart: about 15 times in 4 s).
  EXPECT_GE(restarts_after - restarts_before, 5);
  // (c) the chatty one's output reaches its log (about 300 lines in 4 s).
  EXPECT_GE(tick_after - tick_before, 100);
}

INSTANTIATE_TEST_SUITE_P(Hostile, IsolationTest, ::testing::ValuesIn(kHostile),
                         [](const ::testing::TestParamInfo<Hostile>& p) {
                           return std::string(p.param.name);
                         });

}  // namespace
}  // namespace runy
