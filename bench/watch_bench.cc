// Watcher benchmarks: setup time and memory for watching `src/**/*.py` in a
// generated tree of 20,000 files in 2,000 directories, and the latency from a
// file write to the change callback (median of 20, debounce 0 and 50 ms).
// Prints medians. Run through scripts/bench.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/loop/event_loop.h"
#include "server/watch/watcher.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

constexpr int kTopDirs = 40;
constexpr int kSubDirs = 49;      // 40 + 40 * 49 = 2,000 directories
constexpr int kFilesPerDir = 10;  // 2,000 * 10 = 20,000 files, half *.py
constexpr int kSetupRuns = 5;
constexpr int kLatencyRuns = 20;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void WriteFile(const std::string& path, const std::string& content) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  [[maybe_unused]] ssize_t n = write(fd, content.data(), content.size());
  close(fd);
}

std::string Dir(const std::string& src, int top, int sub) {
  std::string d = absl::StrCat(src, "/d", top);
  return sub < 0 ? d : absl::StrCat(d, "/s", sub);
}

int MakeTree(const std::string& src) {
  int dirs = 0;
  for (int t = 0; t < kTopDirs; ++t) {
    for (int s = -1; s < kSubDirs; ++s) {
      std::string d = Dir(src, t, s);
      std::filesystem::create_directories(d);
      ++dirs;
      for (int f = 0; f < kFilesPerDir; ++f) {
        WriteFile(absl::StrCat(d, "/f", f, f % 2 ? ".txt" : ".py"), "x = 1\n");
      }
    }
  }
  return dirs;
}

long ResidentKiB() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

watch::WatchSpec Spec(const std::string& base, absl::Duration debounce) {
  watch::WatchSpec spec;
  spec.base_dir = base;
  spec.patterns = {"src/**/*.py"};
  spec.debounce = debounce;
  return spec;
}

// Add() on a loop that is not running yet (allowed before Run()).
void Setup(const std::string& base) {
  std::vector<double> ms;
  long rss_delta = 0;
  size_t dirs = 0;
  for (int run = 0; run < kSetupRuns; ++run) {
    auto loop = loop::EventLoop::Create();
    auto watcher = watch::Watcher::Create(loop->get());
    long rss_before = ResidentKiB();
    absl::Time start = loop::MonotonicNow();
    auto id = (*watcher)->Add(Spec(base, watch::kDefaultDebounce),
                              [](const std::vector<std::string>&) {});
    ms.push_back(absl::ToDoubleMilliseconds(loop::MonotonicNow() - start));
    if (!id.ok()) {
      std::printf("setup failed: %s\n", id.status().ToString().c_str());
      return;
    }
    if (run == 0) rss_delta = ResidentKiB() - rss_before;
    dirs = (*watcher)->watched_directory_count();
  }
  std::printf(
      "setup: src/**/*.py, %zu directories watched: median %.1f ms "
      "(%d runs), RSS +%ld KiB (first run, user space only)\n",
      dirs, Median(ms), kSetupRuns, rss_delta);
}

void Latency(const std::string& base, absl::Duration debounce) {
  auto loop = std::move(loop::EventLoop::Create()).value();
  std::thread thread([&] { loop->Run(); });
  std::unique_ptr<watch::Watcher> watcher;
  std::atomic<int> calls{0};
  std::atomic<int64_t> called_at_ns{0};
  std::promise<void> ready;
  loop->Post([&] {
    watcher = std::move(watch::Watcher::Create(loop.get())).value();
    auto id = watcher->Add(
        Spec(base, debounce), [&](const std::vector<std::string>&) {
          called_at_ns = absl::ToUnixNanos(loop::MonotonicNow());
          ++calls;
        });
    if (!id.ok()) std::printf("add: %s\n", id.status().ToString().c_str());
    ready.set_value();
  });
  ready.get_future().wait();
  std::vector<double> ms;
  for (int i = 0; i < kLatencyRuns; ++i) {
    int before = calls;
    std::string file =
        absl::StrCat(Dir(base + "/src", i % kTopDirs, i % kSubDirs), "/f0.py");
    absl::Time start = loop::MonotonicNow();
    WriteFile(file, absl::StrCat("x = ", i, "\n"));
    if (!testing::WaitFor([&] { return calls > before; }, absl::Seconds(5))) {
      std::printf("latency: no callback for %s\n", file.c_str());
      break;
    }
    absl::Time called = absl::FromUnixNanos(called_at_ns);
    ms.push_back(absl::ToDoubleMilliseconds(called - start));
    if (getenv("WATCH_BENCH_VERBOSE")) std::printf("  %.3f ms\n", ms.back());
  }
  std::printf(
      "write → callback, debounce %s: median %.2f ms (%.2f ms beyond "
      "the debounce), %zu runs\n",
      absl::FormatDuration(debounce).c_str(), Median(ms),
      Median(ms) - absl::ToDoubleMilliseconds(debounce), ms.size());
  std::promise<void> done;
  loop->Post([&] {
    watcher.reset();
    done.set_value();
  });
  done.get_future().wait();
  loop->Quit();
  thread.join();
}

}  // namespace
}  // namespace runy

int main() {
  runy::testing::TempDir dir;
  absl::Time start = absl::Now();
  int dirs = runy::MakeTree(dir.path() + "/src");
  std::printf("tree: %d directories, %d files under src/ (made in %.0f ms)\n",
              dirs, dirs * runy::kFilesPerDir,
              absl::ToDoubleMilliseconds(absl::Now() - start));
  runy::Setup(dir.path());
  runy::Latency(dir.path(), absl::ZeroDuration());
  runy::Latency(dir.path(), runy::watch::kDefaultDebounce);
  return 0;
}
