// runy daemon reexec under load: processes writing numbered lines as fast as
// asked, some in backoff, followers on `runy logs -f`, re-executed again and
// again. Nothing may restart (same pids, 0 restarts, backoff timers kept),
// no line may be missing or doubled in the files, and every follower
// resumes without a line twice. RUNY_HEAVY=1 is the issue's load: 50
// processes, 20 MB/s, 5 followers, 10 re-execs.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
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
using ::runy::testing::ReadFile;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;

struct Load {
  int processes;
  int64_t total_bytes_per_second;
  int followers;
  int reexecs;  // 0: none, the load just runs for `steady`
  absl::Duration steady = absl::ZeroDuration();
  // Whether each follower must print its process's last line. A follower
  // that falls behind is told "N lines dropped" and goes on (it never
  // slows runyd down); under 50 MB/s on two cores some do, and the lines
  // they miss may be the last ones.
  bool followers_to_the_end = true;
};

Load ChosenLoad() {
  const char* heavy = std::getenv("RUNY_HEAVY");
  if (heavy != nullptr && std::string(heavy) == "1") {
    return {50, 20 << 20, 5, 10};
  }
  return {12, 2 << 20, 2, 3};
}

constexpr int kBackoff = 2;
constexpr int kLineBytes = 200;

std::string ServiceFile(const Load& load, const std::string& writer) {
  int64_t each = load.total_bytes_per_second / load.processes;
  return absl::StrCat(R"js(
service("rx", { autostart: true }).run(async (ctx) => {
  for (let i = 0; i < )js",
                      load.processes, R"js(; i++) {
    await ctx.process({ alias: `rx-${i}`, cmd: ")js",
                      writer, R"js(",
      args: [")js",
                      kLineBytes, R"js(", ")js", each, R"js("] });
  }
  for (let i = 0; i < )js",
                      kBackoff, R"js(; i++) {
    await ctx.process({ alias: `rxb-${i}`, cmd: "sh", args: ["-c", "exit 1"],
      restart: { kind: "fixed", delay: 120000 } });
  }
});
)js");
}

// The numbers of the numbered lines in `text` (one alias's lines, or
// "alias | n xxx" lines when `alias` is given), in order.
std::vector<uint64_t> Numbers(const std::string& text,
                              const std::string& alias = "") {
  std::vector<uint64_t> numbers;
  std::string prefix = alias.empty() ? "" : alias + " | ";
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!prefix.empty()) {
      if (line.substr(0, prefix.size()) != prefix) continue;
      line.remove_prefix(prefix.size());
    }
    size_t space = line.find(' ');
    uint64_t n = 0;
    if (space == absl::string_view::npos ||
        line.substr(space + 1, 3) != "xxx" ||
        !absl::SimpleAtoi(line.substr(0, space), &n)) {
      continue;
    }
    numbers.push_back(n);
  }
  return numbers;
}

// What is wrong with a run of numbers that must go up by one from `first`:
// the first gap or repeat, or "" when there is none.
std::string Breaks(const std::vector<uint64_t>& numbers, uint64_t first) {
  uint64_t want = first;
  for (uint64_t n : numbers) {
    if (n != want) {
      return absl::StrCat("expected ", want, ", got ", n,
                          n < want ? " (a repeat)" : " (a gap)");
    }
    ++want;
  }
  return "";
}

struct ProcessView {
  int pid = 0;
  int restarts = 0;
  v1::ProcessState state = v1::PROCESS_STATE_UNSPECIFIED;
  int64_t next_restart_s = 0;
};

std::map<std::string, ProcessView> Snapshot(const Daemon& d) {
  auto stub = v1::Runy::NewStub(grpc::CreateChannel(
      "unix:" + d.socket(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  v1::StatusResponse status;
  std::map<std::string, ProcessView> out;
  if (!stub->Status(&context, v1::StatusRequest(), &status).ok()) return out;
  for (const auto& p : status.processes()) {
    out[p.alias()] = {p.pid(), p.restarts(), p.state(),
                      p.next_restart_at().seconds()};
  }
  return out;
}

// Runs `load` (re-executing runyd `load.reexecs` times) and checks that
// nothing restarted and that no line is missing or doubled, in the files
// or in what the followers print.
void RunUnderLoad(const Load& load) {
  TempDir dir;
  std::string writer = BinaryPath("NUMBERED_LINES");
  Daemon d({"--services", dir.WriteFile("rx.js", ServiceFile(load, writer)),
            "--log-level", "warn", "--log-max-size", "1G"});
  ASSERT_TRUE(d.ready()) << d.log();
  std::map<std::string, ProcessView> before;
  ASSERT_TRUE(WaitFor(
      [&] {
        before = Snapshot(d);
        int running = 0, backoff = 0;
        for (const auto& [alias, p] : before) {
          running += p.state == v1::PROCESS_STATE_RUNNING;
          backoff += p.state == v1::PROCESS_STATE_BACKOFF;
        }
        return running == load.processes && backoff == kBackoff;
      },
      absl::Seconds(60)))
      << d.log();

  // Follower f follows process rx-f, as `runy logs -f api` does.
  std::vector<std::unique_ptr<Background>> followers;
  auto followed = [&](size_t f) {
    return absl::StrCat("rx-", f % static_cast<size_t>(load.processes));
  };
  for (int i = 0; i < load.followers; ++i) {
    followers.push_back(std::make_unique<Background>(
        std::vector<std::string>{BinaryPath("RUNY"), "--host", d.unix_uri(),
                                 "logs", "-f", "-n", "0", followed(i)}));
  }
  absl::SleepFor(absl::Milliseconds(500));  // the followers are in

  std::vector<absl::Duration> took;
  std::vector<size_t> printed(followers.size());
  absl::SleepFor(load.steady);
  for (int i = 0; i < load.reexecs; ++i) {
    absl::Time start = absl::Now();
    testing::RunResult r = d.Runy({"daemon", "reexec"});
    took.push_back(absl::Now() - start);
    // The old image's streams have ended: what comes now comes from the
    // new one.
    for (size_t f = 0; f < followers.size(); ++f) {
      printed[f] = followers[f]->out().size();
    }
    ASSERT_EQ(r.exit_code, 0) << r.err << d.log();
    EXPECT_THAT(r.out, ::testing::HasSubstr("every process kept running"));
    // Every follower is back: it prints more.
    for (size_t f = 0; f < followers.size(); ++f) {
      EXPECT_TRUE(WaitFor(
          [&] {
            return followers[f]->out().size() > printed[f] + 10 * kLineBytes;
          },
          absl::Seconds(30)))
          << "follower " << f << " did not resume after re-exec " << i << ": "
          << followers[f]->err().substr(0, 2000);
    }
    absl::SleepFor(absl::Milliseconds(300));
  }
  std::sort(took.begin(), took.end());
  if (!took.empty()) {
    std::printf(
        "re-exec as `runy daemon reexec` sees it (the call to the new image "
        "answering): median %s, max %s over %d (%d processes, %lld B/s, %d "
        "followers)\n",
        absl::FormatDuration(took[took.size() / 2]).c_str(),
        absl::FormatDuration(took.back()).c_str(), load.reexecs, load.processes,
        static_cast<long long>(load.total_bytes_per_second), load.followers);
  }
  std::map<std::string, ProcessView> after = Snapshot(d);
  for (const auto& [alias, p] : before) {
    ASSERT_EQ(after.count(alias), 1u) << alias;
    EXPECT_EQ(after[alias].pid, p.pid) << alias << " was restarted";
    EXPECT_EQ(after[alias].restarts, p.restarts) << alias;
    EXPECT_EQ(after[alias].state, p.state) << alias;
    if (p.state == v1::PROCESS_STATE_BACKOFF) {
      EXPECT_NEAR(after[alias].next_restart_s, p.next_restart_s, 1)
          << alias << ": the backoff timer moved";
    }
  }
  // Stopping the writers (runy stop waits) closes their files for good.
  ASSERT_EQ(d.Runy({"stop", "rx"}).exit_code, 0);
  std::map<std::string, uint64_t> last_line;
  for (int i = 0; i < load.processes; ++i) {
    std::string alias = absl::StrCat("rx-", i);
    std::vector<uint64_t> in_file =
        Numbers(ReadFile(absl::StrCat(d.state_dir(), "/logs/", alias, ".log")));
    last_line[alias] = in_file.empty() ? 0 : in_file.back();
  }
  // Every follower resumed after each re-exec and follows to the end: it
  // prints its process's last line.
  for (size_t f = 0; load.followers_to_the_end && f < followers.size(); ++f) {
    EXPECT_TRUE(WaitFor(
        [&] {
          return followers[f]->out().find(absl::StrCat(
                     "\n", last_line[followed(f)], " x")) != std::string::npos;
        },
        absl::Seconds(60)))
        << "follower " << f
        << " did not follow to the end: " << followers[f]->err().substr(0, 2000)
        << "\nits last lines: "
        << followers[f]->out().substr(
               std::max<size_t>(followers[f]->out().size(), 2000) - 2000);
  }
  for (auto& f : followers) f->Signal(SIGINT);
  for (auto& f : followers) f->Wait(absl::Seconds(10));

  uint64_t total_lines = 0;
  for (int i = 0; i < load.processes; ++i) {
    std::string alias = absl::StrCat("rx-", i);
    std::vector<uint64_t> in_file =
        Numbers(ReadFile(absl::StrCat(d.state_dir(), "/logs/", alias, ".log")));
    ASSERT_FALSE(in_file.empty()) << alias;
    EXPECT_EQ(Breaks(in_file, 1), "") << alias << "'s log file";
    total_lines += in_file.size();
  }
  int with_drops = 0;
  for (size_t f = 0; f < followers.size(); ++f) {
    std::string out = followers[f]->out();
    std::vector<uint64_t> seen = Numbers(out);
    ASSERT_FALSE(seen.empty()) << "follower " << f;
    with_drops += out.find("lines dropped") != std::string::npos;
    if (out.find("lines dropped") == std::string::npos) {
      EXPECT_EQ(Breaks(seen, seen.front()), "")
          << followed(f) << " as follower " << f << " saw it";
    }
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()) &&
                std::adjacent_find(seen.begin(), seen.end()) == seen.end())
        << followed(f) << ": follower " << f << " printed a line twice";
  }
  std::printf(
      "%llu lines (%.0f MB) in the files, none missing or doubled; %d "
      "followers printed theirs, none twice (%d fell behind and were told "
      "how many lines they dropped)\n",
      static_cast<unsigned long long>(total_lines),
      static_cast<double>(total_lines) * kLineBytes / 1e6, load.followers,
      with_drops);
}

TEST(ReexecTest, NothingRestartsAndNoLineIsLostOrDoubled) {
  RunUnderLoad(ChosenLoad());
}

// No re-exec: chatty processes and many followers (RUNY_HEAVY=1: 50
// processes writing 50 MB/s together, 20 followers).
TEST(LogsUnderLoadTest, ChattyProcessesAndManyFollowersLoseNothing) {
  const char* heavy = std::getenv("RUNY_HEAVY");
  if (heavy != nullptr && std::string(heavy) == "1") {
    RunUnderLoad({50, 50 << 20, 20, 0, absl::Seconds(10), false});
  } else {
    RunUnderLoad({10, 4 << 20, 4, 0, absl::Seconds(3)});
  }
}

TEST(ReexecTest, AProcessNoLongerDeclaredIsStoppedAfterTheReexec) {
  TempDir dir;
  auto file = [&](bool both) {
    return dir.WriteFile("rd.js", absl::StrCat(R"js(
service("rd", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "rd-1", cmd: "sleep", args: ["600"] });
)js",
                                               both ? R"js(
  await ctx.process({ alias: "rd-2", cmd: "sleep", args: ["600"] });
)js"
                                                    : "",
                                               "});\n"));
  };
  Daemon d({"--services", file(true), "--log-level", "info"});
  ASSERT_TRUE(d.ready()) << d.log();
  std::map<std::string, ProcessView> before;
  ASSERT_TRUE(WaitFor([&] {
    before = Snapshot(d);
    return before["rd-1"].state == v1::PROCESS_STATE_RUNNING &&
           before["rd-2"].state == v1::PROCESS_STATE_RUNNING;
  })) << d.log();
  file(false);  // the new image's run() declares rd-1 only
  testing::RunResult r = d.Runy({"daemon", "reexec"});
  ASSERT_EQ(r.exit_code, 0) << r.err << d.log();
  std::map<std::string, ProcessView> after;
  EXPECT_TRUE(WaitFor(
      [&] {
        after = Snapshot(d);
        return after.count("rd-1") == 1 && after.count("rd-2") == 0;
      },
      absl::Seconds(20)))
      << d.log();
  EXPECT_EQ(after["rd-1"].pid, before["rd-1"].pid);  // kept, not restarted
  EXPECT_EQ(kill(before["rd-2"].pid, 0), -1);        // stopped
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"logs", "-n", "100", "rd-2"})
               .out.find(
                   "not declared again by service rd after the re-exec") !=
           std::string::npos;
  })) << d.Runy({"logs", "-n", "100", "rd-2"}).out;
}

TEST(ReexecTest, ABinaryThatDoesNotStartLeavesRunydAsItIs) {
  TempDir dir;
  // runyd started from a copy that is then replaced by something broken.
  std::string copy = dir.Join("runyd");
  std::filesystem::copy_file(BinaryPath("RUNYD"), copy);
  std::filesystem::permissions(copy, std::filesystem::perms::owner_all);
  std::string socket = dir.Join("run/runyd.sock");
  Background runyd({copy, "--socket", socket, "--state-dir", dir.Join("state"),
                    "--services", dir.WriteFile("one.js", R"js(
service("one", { autostart: true }).run(async (ctx) => {
  await ctx.process({ alias: "one", cmd: "sleep", args: ["600"] });
});
)js")});
  std::string uri = "unix://" + socket;
  auto runy = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {BinaryPath("RUNY"), "--host", uri});
    return testing::RunCommand(args);
  };
  ASSERT_TRUE(WaitFor(
      [&] {
        return runy({"status", "one"}).out.find("running") != std::string::npos;
      },
      absl::Seconds(20)));
  std::string pid_before = runy({"--json", "status", "one"}).out;
  std::filesystem::remove(copy);
  dir.WriteFile("runyd", "#!/bin/sh\nexit 3\n");
  std::filesystem::permissions(copy, std::filesystem::perms::owner_all);
  testing::RunResult r = runy({"daemon", "reexec"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, ::testing::HasSubstr("runyd goes on as it is"));
  // Still serving, the same process still running.
  EXPECT_EQ(runy({"--json", "status", "one"}).out, pid_before);
  // A clean stop: nothing left behind.
  runyd.Signal(SIGTERM);
  EXPECT_EQ(runyd.Wait(absl::Seconds(20)), 0);
}

}  // namespace
}  // namespace runy
