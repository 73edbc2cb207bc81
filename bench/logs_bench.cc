// Log benchmarks.
//  1. Capture throughput: a child writes 200 MB of 100-byte lines (in 1 MiB
//     writes, then one line per write); time until all of it is in the log
//     file, side by side with the same child writing straight to a file.
//  2. Follow latency: a child prints its clock every 10 ms; `runy logs -f`
//     (real runyd, real CLI) prints it; latency = print time - stamp.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/stats.h"
#include "server/logs/log_index.h"
#include "server/logs/log_sink.h"
#include "server/logs/log_store.h"
#include "server/loop/event_loop.h"
#include "tests/testing/engine_harness.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using bench::Median;
using bench::Percentile;

// Bytes of the last capture's text file and of its index.
uint64_t g_text_bytes = 0, g_index_bytes = 0;

double CaptureSeconds(const std::string& writer, const std::string& mode,
                      long long total) {
  testing::TempDir dir;
  logs::StoreOptions options;
  options.files.dir = dir.Join("logs");
  options.files.max_file_bytes = 1ull
                                 << 40;  // one file: compare like with like
  logs::LogStore store(options);
  logs::LogSink sink(&store);
  testing::EngineHarness h(&sink);
  engine::ProcessSpec spec;
  spec.alias = "writer";
  spec.command.cmd = writer;
  spec.command.args = {absl::StrCat(total), mode};
  h.Define(spec).IgnoreError();
  absl::Time start = absl::Now();
  h.Start("writer").IgnoreError();
  testing::WaitFor(
      [&] {
        return h.Snapshot("writer").state == engine::ProcessState::kExited;
      },
      absl::Seconds(300));
  store.Flush();
  double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::error_code ec;
  std::string text = store.FilePath("writer");
  g_text_bytes = std::filesystem::file_size(text, ec);
  g_index_bytes = std::filesystem::file_size(logs::IndexPathOf(text), ec);
  return seconds;
}

double DirectSeconds(const std::string& writer, const std::string& mode,
                     long long total) {
  testing::TempDir dir;
  absl::Time start = absl::Now();
  testing::RunCommand({writer, absl::StrCat(total), mode, dir.Join("direct")},
                      {}, absl::Seconds(300));
  return absl::ToDoubleSeconds(absl::Now() - start);
}

void Capture(const std::string& writer, long long total, int rounds) {
  std::printf("capture throughput: %lld MB of 100-byte lines, median of %d\n",
              total / 1000000, rounds);
  for (const char* mode : {"chunk", "line"}) {
    std::vector<double> runy, direct;
    for (int i = 0; i < rounds; ++i) {
      direct.push_back(DirectSeconds(writer, mode, total));
      runy.push_back(CaptureSeconds(writer, mode, total));
    }
    double r = Median(runy), d = Median(direct);
    std::printf(
        "  %-5s writes: runy %.3f s, direct file %.3f s, ratio (direct/runy) "
        "%.2fx\n",
        mode, r, d, d / r);
    std::printf("         files: %.1f MB of text, %.2f MB of index (%.2f%%)\n",
                g_text_bytes / 1e6, g_index_bytes / 1e6,
                100.0 * g_index_bytes / std::max<uint64_t>(g_text_bytes, 1));
  }
}

void FollowLatency(const std::string& runyd, const std::string& runy,
                   const std::string& stamper, int samples) {
  testing::TempDir dir;
  std::string file = dir.WriteFile(
      "stamp.js",
      absl::StrCat("service(\"stamp\").run(async (ctx) => {\n"
                   "  await ctx.process({ alias: \"stamp\", cmd: \"",
                   stamper, "\", args: [\"", samples + 20,
                   "\", \"10000\"] });\n});\n"));
  setenv("RUNYD", runyd.c_str(), 1);
  setenv("RUNY", runy.c_str(), 1);
  testing::Daemon daemon({"--services", file, "--log-level", "warn"});
  if (!daemon.ready()) {
    std::printf("follow latency: runyd did not start\n");
    return;
  }
  int fds[2];
  if (pipe(fds) != 0) return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    execl(runy.c_str(), runy.c_str(), "--host", daemon.unix_uri().c_str(),
          "logs", "-f", "-n", "0", "stamp", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  absl::SleepFor(absl::Milliseconds(300));  // the follower subscribes
  daemon.Runy({"start", "stamp"});
  FILE* in = fdopen(fds[0], "r");
  std::vector<double> latencies;
  char line[256];
  pollfd pfd{fds[0], POLLIN, 0};
  while (static_cast<int>(latencies.size()) < samples &&
         poll(&pfd, 1, 10000) == 1 && fgets(line, sizeof line, in)) {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long now =
        static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
    long long stamp = 0;
    if (sscanf(line, "stamp %lld", &stamp) == 1)
      latencies.push_back((now - stamp) / 1e6);
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  fclose(in);
  std::printf(
      "follow latency (child write -> line printed by runy logs -f), %zu "
      "lines:\n"
      "  median %.3f ms  p90 %.3f ms  max %.3f ms\n",
      latencies.size(), Median(latencies), Percentile(latencies, 0.9),
      latencies.empty()
          ? 0
          : *std::max_element(latencies.begin(), latencies.end()));
}

}  // namespace
}  // namespace runy

int main(int argc, char** argv) {
  setvbuf(stdout, nullptr, _IOLBF, 0);
  if (argc < 6) {
    std::fprintf(stderr,
                 "usage: logs_bench WRITER STAMP_LINES RUNYD RUNY MEGABYTES\n");
    return 2;
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  long long megabytes = std::atoll(argv[5]);
  auto absolute = [](const char* path) {
    char resolved[PATH_MAX];
    return std::string(realpath(path, resolved) ? resolved : path);
  };
  runy::Capture(absolute(argv[1]), megabytes * 1000000, 3);
  runy::FollowLatency(absolute(argv[3]), absolute(argv[4]), absolute(argv[2]),
                      200);
  return 0;
}
