// Engine benchmarks: restart latency under "always" (side by side with a bare
// shell loop running the same child) and spawn throughput for 200 processes.
// Prints medians; run through scripts/bench.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/stats.h"
#include "tests/testing/engine_harness.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using bench::Median;
using bench::Percentile;

using engine::ProcessState;

std::vector<double> GapsMs(const std::string& stamp_file) {
  std::ifstream in(stamp_file);
  std::vector<long long> stamps;
  for (long long ns; in >> ns;) stamps.push_back(ns);
  std::vector<double> gaps;
  for (size_t i = 1; i < stamps.size(); ++i)
    gaps.push_back((stamps[i] - stamps[i - 1]) / 1e6);
  return gaps;
}

// Each spawn into a cgroup of its own, with `cgroups` (not null), as
// runyd does where cgroup v2 is writable.
void UseCgroups(testing::EngineHarness* h, engine::CgroupTree* cgroups) {
  h->Do([cgroups](engine::Engine& e) { e.set_cgroups(cgroups); });
}

std::vector<double> RunyRestartGaps(const std::string& stamp, int runs,
                                    engine::CgroupTree* cgroups) {
  testing::TempDir dir;
  // runy: the child exits at once and "always" starts it again.
  std::string runy_file = dir.Join("runy.stamps");
  {
    testing::EngineHarness h;
    UseCgroups(&h, cgroups);
    engine::ProcessSpec spec;
    spec.alias = "stamp";
    spec.command.cmd = stamp;
    spec.command.args = {runy_file};
    spec.restart.kind = engine::RestartSpec::Kind::kAlways;
    spec.restart.max_restarts = runs - 1;
    // The gap of the restart itself, as for a process that ran normally:
    // the crash-loop throttle (measured below) off.
    spec.restart.crash_loop.after = 0;
    h.Define(spec).IgnoreError();
    h.Start("stamp").IgnoreError();
    testing::WaitFor(
        [&] { return h.Snapshot("stamp").state == ProcessState::kFailed; },
        absl::Seconds(120));
  }
  return GapsMs(runy_file);
}

void RestartLatency(const std::string& stamp, int runs,
                    engine::CgroupTree* cgroups) {
  testing::TempDir dir;
  std::vector<double> runy_gaps = RunyRestartGaps(stamp, runs, nullptr);
  std::vector<double> cgroup_gaps;
  if (cgroups != nullptr) cgroup_gaps = RunyRestartGaps(stamp, runs, cgroups);
  // The same child in a bare shell loop.
  std::string shell_file = dir.Join("shell.stamps");
  testing::RunCommand(
      {"/bin/sh", "-c",
       absl::StrCat("i=0; while [ $i -lt ", runs, " ]; do ", stamp, " ",
                    shell_file, "; i=$((i+1)); done")},
      {}, absl::Seconds(120));
  std::vector<double> shell_gaps = GapsMs(shell_file);
  std::printf(
      "restart latency (start-to-start of a child that exits at once, %d "
      "runs)\n",
      runs);
  std::printf("  runy always:      median %.3f ms  p90 %.3f ms\n",
              Median(runy_gaps), Percentile(runy_gaps, 0.9));
  if (!cgroup_gaps.empty()) {
    std::printf("  ... cgroup each:  median %.3f ms  p90 %.3f ms\n",
                Median(cgroup_gaps), Percentile(cgroup_gaps, 0.9));
  }
  std::printf("  bare shell loop:  median %.3f ms  p90 %.3f ms\n",
              Median(shell_gaps), Percentile(shell_gaps, 0.9));
  std::printf("  runy - shell:     %+.3f ms\n",
              Median(runy_gaps) - Median(shell_gaps));
}

// An "always" process whose command exits at once, with the default
// crash-loop throttle: how many spawns in `seconds`.
void CrashLoopRate(const std::string& stamp, int seconds) {
  testing::TempDir dir;
  testing::EngineHarness h;
  engine::ProcessSpec spec;
  spec.alias = "crashy";
  spec.command.cmd = stamp;
  spec.command.args = {dir.Join("crashy.stamps")};
  spec.restart.kind = engine::RestartSpec::Kind::kAlways;
  h.Define(spec).IgnoreError();
  h.Start("crashy").IgnoreError();
  absl::SleepFor(absl::Seconds(seconds));
  int runs = h.Snapshot("crashy").run;
  std::printf(
      "crash loop (always, exits at once, default throttle): %d spawns in "
      "%d s (%.1f/s)\n",
      runs, seconds, static_cast<double>(runs) / seconds);
}

void SpawnThroughput(int count, int rounds, engine::CgroupTree* cgroups) {
  std::vector<double> times;
  for (int round = 0; round < rounds; ++round) {
    testing::EngineHarness h;
    UseCgroups(&h, cgroups);
    for (int i = 0; i < count; ++i) {
      engine::ProcessSpec spec;
      spec.alias = absl::StrCat("p", i);
      spec.command.cmd = "sleep";
      spec.command.args = {"1000"};
      h.Define(spec).IgnoreError();
    }
    absl::Time start = absl::Now();
    h.Do([count](engine::Engine& e) {
      for (int i = 0; i < count; ++i)
        e.Start(absl::StrCat("p", i)).IgnoreError();
    });
    // Running = spawned (posix_spawn returned after the exec).
    testing::WaitFor([&] {
      return h.Call<bool>([](engine::Engine& e) {
        for (const auto& s : e.SnapshotAll()) {
          if (s.state != ProcessState::kRunning) return false;
        }
        return true;
      });
    });
    times.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  std::printf(
      "spawn throughput%s: %d processes running after median %.1f ms (%d "
      "rounds)\n",
      cgroups != nullptr ? " (cgroup each)" : "", count, Median(times), rounds);
}

}  // namespace
}  // namespace runy

int main(int argc, char** argv) {
  setvbuf(stdout, nullptr, _IOLBF, 0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::string stamp = argc > 1 ? argv[1] : "bench/stamp";
  // Side by side with a cgroup each where cgroup v2 is writable.
  auto cgroups = runy::engine::CgroupTree::Open("runy-bench");
  if (!cgroups.ok()) {
    std::printf("(no cgroup variant: %s)\n",
                std::string(cgroups.status().message()).c_str());
  }
  runy::engine::CgroupTree* tree = cgroups.ok() ? cgroups->get() : nullptr;
  runy::RestartLatency(stamp, 500, tree);
  runy::CrashLoopRate(stamp, 10);
  runy::SpawnThroughput(200, 5, nullptr);
  if (tree != nullptr) runy::SpawnThroughput(200, 5, tree);
  return 0;
}
