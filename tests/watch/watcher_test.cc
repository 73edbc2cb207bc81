// The watcher with real files in a temp dir and a real event loop on its own
// thread. "Nothing happened" is proven with a later change to a sentinel
// file: inotify delivers events in order, so once the sentinel's callback has
// come, any callback for earlier changes would have come before it (or named
// them alongside it).
#include "server/watch/watcher.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy::watch {
namespace {

namespace fs = std::filesystem;
using ::runy::testing::IsOk;
using ::runy::testing::StatusIs;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::Duration kDebounce = absl::Milliseconds(20);
constexpr absl::Duration kTimeout = absl::Seconds(5);

// Writes `content` with one open/write/close: one IN_CLOSE_WRITE.
void Write(const std::string& path, const std::string& content = "x") {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0) << path;
  ASSERT_EQ(write(fd, content.data(), content.size()),
            static_cast<ssize_t>(content.size()));
  close(fd);
}

void Rename(const std::string& from, const std::string& to) {
  ASSERT_EQ(rename(from.c_str(), to.c_str()), 0) << from << " → " << to;
}

struct Call {
  std::vector<std::string> paths;
  absl::Time at;
};

class WatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    top_ = NormalizeDir(dir_.path());
    base_ = top_ + "/proj";
    fs::create_directories(base_);
    auto loop = loop::EventLoop::Create();
    ASSERT_THAT(loop, IsOk());
    loop_ = *std::move(loop);
    thread_ = std::thread([this] { loop_->Run(); });
    MakeWatcher(WatcherOptions());
  }

  void TearDown() override {
    RunOnLoop([&] { watcher_.reset(); });
    loop_->Quit();
    thread_.join();
  }

  void MakeWatcher(const WatcherOptions& options) {
    RunOnLoop([&] {
      watcher_.reset();
      auto w = Watcher::Create(loop_.get(), options);
      ASSERT_THAT(w, IsOk());
      watcher_ = *std::move(w);
    });
  }

  // Runs `f` on the loop thread and waits for it.
  void RunOnLoop(const std::function<void()>& f) {
    std::promise<void> done;
    loop_->Post([&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  WatchSpec Spec(std::vector<std::string> patterns,
                 absl::Duration debounce = kDebounce) {
    WatchSpec spec;
    spec.base_dir = base_;
    spec.patterns = std::move(patterns);
    spec.debounce = debounce;
    return spec;
  }

  // Adds a watch whose callbacks are recorded in calls_ (or `calls`).
  absl::StatusOr<WatchId> Add(WatchSpec spec,
                              std::vector<Call>* calls = nullptr,
                              ErrorCallback on_error = nullptr) {
    if (calls == nullptr) calls = &calls_;
    absl::StatusOr<WatchId> id;
    RunOnLoop([&] {
      id = watcher_->Add(
          std::move(spec),
          [this, calls](const std::vector<std::string>& paths) {
            std::lock_guard<std::mutex> lock(mu_);
            calls->push_back(Call{paths, loop::MonotonicNow()});
          },
          std::move(on_error));
    });
    return id;
  }

  void Remove(WatchId id) {
    RunOnLoop([&] { watcher_->Remove(id); });
  }

  std::vector<Call> Calls(const std::vector<Call>* calls = nullptr) {
    std::lock_guard<std::mutex> lock(mu_);
    return calls == nullptr ? calls_ : *calls;
  }

  // Every path reported so far.
  std::set<std::string> Reported() {
    std::set<std::string> all;
    for (const Call& c : Calls()) all.insert(c.paths.begin(), c.paths.end());
    return all;
  }

  bool WaitForPath(const std::string& rel) {
    return WaitFor([&] { return Reported().count(rel) > 0; }, kTimeout);
  }

  // Writes `rel` and checks that it comes as the one next callback: nothing
  // else was pending, nothing else came since `expected_calls`.
  void ExpectOnlySentinelAfter(size_t expected_calls,
                               const std::string& rel = "sentinel.py") {
    Write(Path(rel));
    ASSERT_TRUE(WaitForPath(rel));
    std::vector<Call> calls = Calls();
    ASSERT_EQ(calls.size(), expected_calls + 1);
    EXPECT_THAT(calls.back().paths, ElementsAre(rel));
  }

  std::string Path(const std::string& rel) const { return base_ + "/" + rel; }

  std::vector<std::string> WatchedDirs() {
    std::vector<std::string> dirs;
    RunOnLoop([&] { dirs = watcher_->watched_directories(); });
    return dirs;
  }

  TempDir dir_;
  std::string top_;   // dir_, normalized
  std::string base_;  // top_/proj
  std::unique_ptr<loop::EventLoop> loop_;
  std::thread thread_;
  std::unique_ptr<Watcher> watcher_;
  std::mutex mu_;
  std::vector<Call> calls_;  // guarded by mu_
};

TEST_F(WatcherTest, TouchingAMatchingFileGivesOneCallback) {
  Write(Path("a.py"));
  ASSERT_THAT(Add(Spec({"*.py"})), IsOk());
  ASSERT_EQ(utimensat(AT_FDCWD, Path("a.py").c_str(), nullptr, 0), 0);
  ASSERT_TRUE(WaitForPath("a.py"));
  EXPECT_THAT(Calls()[0].paths, ElementsAre("a.py"));
  ExpectOnlySentinelAfter(1);
}

// Writes `rel` `count` times, `pause` apart; returns the longest gap between
// two writes (a starved writer can split a burst: the test cannot judge then).
absl::Duration WriteBurst(const std::string& path, int count,
                          absl::Duration pause, absl::Time* last) {
  absl::Duration longest;
  absl::Time previous = loop::MonotonicNow();
  for (int i = 0; i < count; ++i) {
    if (i > 0 && pause > absl::ZeroDuration()) absl::SleepFor(pause);
    Write(path, absl::StrCat("v", i));
    absl::Time now = loop::MonotonicNow();
    if (i > 0) longest = std::max(longest, now - previous);
    previous = now;
  }
  *last = previous;
  return longest;
}

TEST_F(WatcherTest, FiftyWritesInABurstGiveExactlyOneCallbackAfterTheBurst) {
  // A debounce far above any scheduling hiccup of the writer: a writer
  // starved longer than the debounce would rightly split the burst.
  const absl::Duration debounce = absl::Milliseconds(400);
  ASSERT_THAT(Add(Spec({"*.py"}, debounce)), IsOk());
  absl::Time last;
  absl::Duration gap =
      WriteBurst(Path("a.py"), 50, absl::ZeroDuration(), &last);
  ASSERT_LT(gap, debounce) << "the writer was starved: the burst was split";
  ASSERT_TRUE(WaitForPath("a.py"));
  std::vector<Call> calls = Calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_THAT(calls[0].paths, ElementsAre("a.py"));
  // Trailing edge (`last` is read just after the last write returned, so
  // allow for the writer being descheduled right after it).
  EXPECT_GE(calls[0].at - last, debounce - absl::Milliseconds(50));
  ExpectOnlySentinelAfter(1);
}

TEST_F(WatcherTest, ACompletedSaveEndsTheBurstAfterTheSettleTime) {
  // A settle far below the debounce: a save of an existing file (written
  // and closed, or renamed in) is reported long before the debounce.
  const absl::Duration debounce = absl::Seconds(3);
  WatchSpec spec = Spec({"*.py"}, debounce);
  spec.settle = absl::Milliseconds(5);
  Write(Path("a.py"));
  Write(Path("b.py.tmp"));
  ASSERT_THAT(Add(spec), IsOk());
  absl::Time start = loop::MonotonicNow();
  Write(Path("a.py"), "saved");
  ASSERT_TRUE(WaitForPath("a.py"));
  EXPECT_LT(Calls()[0].at - start, absl::Seconds(2));
  // An atomic save: the rename is the completed save.
  start = loop::MonotonicNow();
  ASSERT_EQ(rename(Path("b.py.tmp").c_str(), Path("b.py").c_str()), 0);
  ASSERT_TRUE(WaitForPath("b.py"));
  EXPECT_LT(Calls()[1].at - start, absl::Seconds(2));
  // A new file written is no completed save (it may be a temp file about to
  // be renamed): the debounce decides.
  start = loop::MonotonicNow();
  Write(Path("new.py"));
  ASSERT_TRUE(WaitFor([&] { return Reported().count("new.py") > 0; },
                      debounce + kTimeout));
  EXPECT_GE(Calls().back().at - start, debounce - absl::Milliseconds(50));
}

TEST_F(WatcherTest, ABurstLongerThanTheDebounceStillGivesOneCallback) {
  // 30 writes 50 ms apart last well past the debounce; the debounce stays
  // far above what a loaded 2-core machine (or a sanitizer build) does to a
  // sleeping writer.
  const absl::Duration debounce = absl::Milliseconds(1000);
  ASSERT_THAT(Add(Spec({"*.py"}, debounce)), IsOk());
  absl::Time first = loop::MonotonicNow();
  absl::Time last;
  absl::Duration gap =
      WriteBurst(Path("a.py"), 30, absl::Milliseconds(50), &last);
  ASSERT_LT(gap, debounce) << "the writer was starved: the burst was split";
  ASSERT_TRUE(WaitForPath("a.py"));
  std::vector<Call> calls = Calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_GE(last - first, debounce);
  EXPECT_GE(calls[0].at - last, debounce);
  ExpectOnlySentinelAfter(1);
}

TEST_F(WatcherTest, ChangesToIgnoredOrNonMatchingFilesGiveNoCallback) {
  fs::create_directories(Path("sub"));
  WatchSpec spec = Spec({"*"});
  spec.ignore = {"*.log"};
  ASSERT_THAT(Add(spec), IsOk());
  for (const char* name :
       {"a.log", "x~", "4913", ".hidden", ".x.swp", ".#lock", "sub/deep.py"}) {
    Write(Path(name));
  }
  ExpectOnlySentinelAfter(0);
}

TEST_F(WatcherTest, AFileInADirectoryCreatedAfterTheWatchIsSeen) {
  fs::create_directories(Path("src"));
  ASSERT_THAT(Add(Spec({"src/**/*.py"})), IsOk());
  ASSERT_EQ(mkdir(Path("src/pkg").c_str(), 0755), 0);
  Write(Path("src/pkg/m.py"));
  ASSERT_TRUE(WaitForPath("src/pkg/m.py"));
  // Watched from now on, not just scanned once.
  Write(Path("src/pkg/n.py"));
  ASSERT_TRUE(WaitForPath("src/pkg/n.py"));
  EXPECT_THAT(Calls().back().paths, ElementsAre("src/pkg/n.py"));
}

TEST_F(WatcherTest, MkdirDashPThenTouchRaceIsSeen) {
  ASSERT_THAT(Add(Spec({"**/*.py"})), IsOk());
  for (int i = 0; i < 5; ++i) {
    std::string top = absl::StrCat("a", i);
    fs::create_directories(Path(top + "/b/c"));
    Write(Path(top + "/b/c/x.py"));
  }
  ASSERT_TRUE(WaitFor(
      [&] {
        std::set<std::string> r = Reported();
        for (int i = 0; i < 5; ++i) {
          if (r.count(absl::StrCat("a", i, "/b/c/x.py")) == 0) return false;
        }
        return true;
      },
      kTimeout));
  Write(Path("a0/b/c/y.py"));
  ASSERT_TRUE(WaitForPath("a0/b/c/y.py"));
}

TEST_F(WatcherTest, MkdirDashPByAShellIsSeen) {
  ASSERT_THAT(Add(Spec({"**/*.py"})), IsOk());
  std::string cmd =
      absl::StrCat("cd '", base_, "' && mkdir -p a/b/c && touch a/b/c/x.py");
  ASSERT_EQ(system(cmd.c_str()), 0);
  ASSERT_TRUE(WaitForPath("a/b/c/x.py"));
}

// vim's default save: swap file, 4913 write probe, backup by rename, new
// file, backup deleted.
void VimSave(const std::string& dir) {
  Write(dir + "/.x.py.swp", "swap");
  Write(dir + "/4913", "");
  ASSERT_EQ(unlink((dir + "/4913").c_str()), 0);
  Rename(dir + "/x.py", dir + "/x.py~");
  Write(dir + "/x.py", "new");
  ASSERT_EQ(unlink((dir + "/x.py~").c_str()), 0);
  ASSERT_EQ(unlink((dir + "/.x.py.swp").c_str()), 0);
}

TEST_F(WatcherTest, VimStyleSaveIsOneChangeOfTheRealFile) {
  Write(Path("x.py"), "old");
  ASSERT_THAT(Add(Spec({"*.py"}, kDefaultDebounce)), IsOk());
  VimSave(base_);
  ASSERT_TRUE(WaitForPath("x.py"));
  EXPECT_THAT(Calls()[0].paths, ElementsAre("x.py"));
  ExpectOnlySentinelAfter(1);
}

TEST_F(WatcherTest, VimStyleSaveIsOneChangeEvenWithoutDefaultIgnores) {
  Write(Path("x.py"), "old");
  WatchSpec spec = Spec({"*"}, kDefaultDebounce);
  spec.default_ignores = false;  // 4913 and x.py~ match: left out as transient
  ASSERT_THAT(Add(spec), IsOk());
  VimSave(base_);
  ASSERT_TRUE(WaitForPath("x.py"));
  EXPECT_THAT(Calls()[0].paths, ElementsAre("x.py"));
  ExpectOnlySentinelAfter(1);
}

TEST_F(WatcherTest, RenameStyleSaveIsOneChangeOfTheRealFile) {
  Write(Path("x.py"), "old");
  // "*" matches the temp file too.
  ASSERT_THAT(Add(Spec({"*"}, kDefaultDebounce)), IsOk());
  Write(Path("x.py.tmp"), "new");
  Rename(Path("x.py.tmp"), Path("x.py"));
  ASSERT_TRUE(WaitForPath("x.py"));
  EXPECT_THAT(Calls()[0].paths, ElementsAre("x.py"));
  ExpectOnlySentinelAfter(1);
}

TEST_F(WatcherTest, ADeletedAndRecreatedDirectoryIsWatchedAgain) {
  fs::create_directories(Path("config"));
  Write(Path("config/a.json"));
  ASSERT_THAT(Add(Spec({"config/**/*.json"})), IsOk());
  fs::remove_all(Path("config"));
  ASSERT_TRUE(WaitForPath("config/a.json"));
  ASSERT_EQ(mkdir(Path("config").c_str(), 0755), 0);
  Write(Path("config/b.json"));
  ASSERT_TRUE(WaitForPath("config/b.json"));
  size_t calls = Calls().size();
  Write(Path("config/c.json"));
  ASSERT_TRUE(WaitForPath("config/c.json"));
  EXPECT_EQ(Calls().size(), calls + 1);
  EXPECT_THAT(WatchedDirs(), ElementsAre(Path("config")));
}

TEST_F(WatcherTest, ARootMovedAwayIsReportedAndWaitedForAgain) {
  fs::create_directories(Path("config/sub"));
  ASSERT_THAT(Add(Spec({"config/**/*.json"})), IsOk());
  Rename(Path("config"), Path("config.old"));  // IN_MOVE_SELF: parent unwatched
  ASSERT_TRUE(WaitForPath("config"));
  EXPECT_THAT(WatchedDirs(), ElementsAre(base_));
  Write(Path("config.old/sub/a.json"));  // no longer watched
  fs::create_directories(Path("config"));
  Write(Path("config/b.json"));
  ASSERT_TRUE(WaitForPath("config/b.json"));
  EXPECT_EQ(Reported().count("config/sub/a.json"), 0u);  // no stale watch
  EXPECT_THAT(WatchedDirs(), ElementsAre(Path("config")));
}

TEST_F(WatcherTest, ADeletedAndRecreatedBaseDirIsFollowed) {
  Write(Path("a.py"));
  ASSERT_THAT(Add(Spec({"*.py"})), IsOk());
  fs::remove_all(base_);
  ASSERT_TRUE(WaitForPath("a.py"));
  ASSERT_TRUE(
      WaitFor([&] { return WatchedDirs() == std::vector<std::string>{top_}; },
              kTimeout));
  fs::create_directories(base_);
  Write(Path("b.py"));
  ASSERT_TRUE(WaitForPath("b.py"));
  EXPECT_THAT(WatchedDirs(), ElementsAre(base_));
}

TEST_F(WatcherTest, AMissingDirectoryPrefixIsWatchedWhenItAppears) {
  ASSERT_THAT(Add(Spec({"config/**/*.json"})), IsOk());
  EXPECT_THAT(WatchedDirs(), ElementsAre(base_));  // waiting for config/
  fs::create_directories(Path("config/x/y"));
  Write(Path("config/x/y/a.json"));
  ASSERT_TRUE(WaitForPath("config/x/y/a.json"));
  EXPECT_THAT(WatchedDirs(), ElementsAre(Path("config"), Path("config/x"),
                                         Path("config/x/y")));
}

TEST_F(WatcherTest, OnlyDirectoriesThatCanHoldMatchesAreWatched) {
  for (const char* d :
       {"config/a/b", "config/.git/objects", "config/node_modules/m", "src/a/b",
        "other/y/z", ".venv/lib"}) {
    fs::create_directories(Path(d));
  }
  ASSERT_THAT(Add(Spec({"config/**/*.json"})), IsOk());
  EXPECT_THAT(WatchedDirs(), ElementsAre(Path("config"), Path("config/a"),
                                         Path("config/a/b")));
  ASSERT_THAT(Add(Spec({"src/*/x.py"})), IsOk());
  size_t count = 0;
  RunOnLoop([&] { count = watcher_->watched_directory_count(); });
  EXPECT_EQ(count, 5u);  // + src, src/a; not src/a/b
}

TEST_F(WatcherTest, MovesInAndOutCount) {
  std::string outside = top_ + "/outside";
  fs::create_directories(outside + "/pkg");
  Write(outside + "/a.py");
  Write(outside + "/pkg/m.py");
  ASSERT_THAT(Add(Spec({"**/*.py"})), IsOk());

  Rename(outside + "/a.py", Path("a.py"));
  ASSERT_TRUE(WaitForPath("a.py"));
  size_t calls = Calls().size();
  Rename(Path("a.py"), outside + "/b.py");
  ASSERT_TRUE(WaitFor([&] { return Calls().size() == calls + 1; }, kTimeout));
  EXPECT_THAT(Calls().back().paths, ElementsAre("a.py"));

  Rename(outside + "/pkg", Path("pkg"));
  ASSERT_TRUE(WaitForPath("pkg/m.py"));
  Write(Path("pkg/n.py"));
  ASSERT_TRUE(WaitForPath("pkg/n.py"));
  calls = Calls().size();
  Rename(Path("pkg"), outside + "/pkg");
  ASSERT_TRUE(WaitFor([&] { return Calls().size() == calls + 1; }, kTimeout));
  EXPECT_THAT(Calls().back().paths, ElementsAre("pkg"));
  Write(outside + "/pkg/m.py");  // no longer watched
  ExpectOnlySentinelAfter(calls + 1);
  EXPECT_THAT(WatchedDirs(), ElementsAre(base_));
}

TEST_F(WatcherTest, WatchesShareDirectoriesAndEachSeesItsOwnFiles) {
  std::vector<Call> txt_calls;
  absl::StatusOr<WatchId> py = Add(Spec({"*.py"}));
  absl::StatusOr<WatchId> txt = Add(Spec({"*.txt"}), &txt_calls);
  ASSERT_THAT(py, IsOk());
  ASSERT_THAT(txt, IsOk());
  EXPECT_THAT(WatchedDirs(), ElementsAre(base_));
  Write(Path("a.txt"));
  ASSERT_TRUE(WaitFor([&] { return !Calls(&txt_calls).empty(); }, kTimeout));
  EXPECT_THAT(Calls(&txt_calls)[0].paths, ElementsAre("a.txt"));
  ExpectOnlySentinelAfter(0);  // the *.py watch saw only its own file
  Remove(*py);
  EXPECT_THAT(WatchedDirs(), ElementsAre(base_));
  Write(Path("b.txt"));
  ASSERT_TRUE(WaitFor([&] { return Calls(&txt_calls).size() == 2; }, kTimeout));
  Remove(*txt);
  EXPECT_THAT(WatchedDirs(), IsEmpty());
}

TEST_F(WatcherTest, RemoveCancelsAPendingCallback) {
  std::vector<Call> removed_calls;
  absl::StatusOr<WatchId> removed =
      Add(Spec({"*.py"}, absl::Milliseconds(100)), &removed_calls);
  ASSERT_THAT(removed, IsOk());
  Write(Path("a.py"));
  Remove(*removed);
  // A later change with a longer debounce: its callback comes after the
  // removed watch's timer would have fired.
  ASSERT_THAT(Add(Spec({"*.txt"}, absl::Milliseconds(150))), IsOk());
  Write(Path("s.txt"));
  ASSERT_TRUE(WaitForPath("s.txt"));
  EXPECT_THAT(Calls(&removed_calls), IsEmpty());
}

TEST_F(WatcherTest, ACallbackMayRemoveItsOwnWatch) {
  std::promise<WatchId> id_promise;
  std::shared_future<WatchId> id = id_promise.get_future().share();
  std::atomic<int> calls{0};
  RunOnLoop([&] {
    absl::StatusOr<WatchId> added =
        watcher_->Add(Spec({"*.py"}), [&](const std::vector<std::string>&) {
          ++calls;
          watcher_->Remove(id.get());
        });
    ASSERT_THAT(added, IsOk());
    id_promise.set_value(*added);
  });
  Write(Path("a.py"));
  ASSERT_TRUE(WaitFor([&] { return calls == 1; }, kTimeout));
  EXPECT_THAT(WatchedDirs(), IsEmpty());
}

TEST_F(WatcherTest, ABadGlobIsInvalidArgument) {
  EXPECT_THAT(
      Add(Spec({"src/[a-z"})),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("src/[a-z")));
  EXPECT_THAT(Add(Spec({"{a,b"})),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Add(Spec({})), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(WatchedDirs(), IsEmpty());
}

TEST_F(WatcherTest, RunningOutOfInotifyWatchesIsResourceExhausted) {
  WatcherOptions options;
  options.max_watches = 2;
  MakeWatcher(options);
  fs::create_directories(Path("a/b/c"));
  EXPECT_THAT(Add(Spec({"**/*.py"})),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       HasSubstr("fs.inotify.max_user_watches")));
  EXPECT_THAT(WatchedDirs(), IsEmpty());  // nothing kept
}

TEST_F(WatcherTest, RunningOutOfWatchesLaterIsReportedToTheWatch) {
  WatcherOptions options;
  options.max_watches = 2;
  MakeWatcher(options);
  fs::create_directories(Path("a"));
  std::promise<absl::Status> error;
  absl::StatusOr<WatchId> id =
      Add(Spec({"**/*.py"}), nullptr,
          [&](const absl::Status& s) { error.set_value(s); });
  ASSERT_THAT(id, IsOk());
  ASSERT_EQ(mkdir(Path("b").c_str(), 0755), 0);
  std::future<absl::Status> got = error.get_future();
  ASSERT_EQ(got.wait_for(std::chrono::seconds(2)), std::future_status::ready);
  EXPECT_THAT(got.get(), StatusIs(absl::StatusCode::kResourceExhausted,
                                  HasSubstr("fs.inotify.max_user_watches")));
  absl::Status status;
  RunOnLoop([&] { status = watcher_->status(*id); });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kResourceExhausted));
  Write(Path("x.py"));  // what is watched still works
  ASSERT_TRUE(WaitForPath("x.py"));
}

TEST_F(WatcherTest, AQueueOverflowReportsEverythingAndRebuilds) {
  int max_queued = 0;
  std::ifstream("/proc/sys/fs/inotify/max_queued_events") >> max_queued;
  if (max_queued <= 0 || max_queued > 50000) {
    GTEST_SKIP() << "max_queued_events " << max_queued;
  }
  fs::create_directories(Path("sub"));
  ASSERT_THAT(Add(Spec({"**/*.py"})), IsOk());
  // Hold the loop thread while the queue overflows.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  loop_->Post([released] { released.wait(); });
  Write(Path("a.tmp"));
  for (int i = 0; i < max_queued / 2 + 100; ++i) {  // two events a rename
    Rename(Path(i % 2 ? "b.tmp" : "a.tmp"), Path(i % 2 ? "a.tmp" : "b.tmp"));
  }
  release.set_value();
  ASSERT_TRUE(WaitForPath(kEverythingChanged));
  EXPECT_EQ(Calls()[0].paths[0], kEverythingChanged);
  EXPECT_THAT(WatchedDirs(), ElementsAre(base_, Path("sub")));
  Write(Path("sub/after.py"));
  ASSERT_TRUE(WaitForPath("sub/after.py"));
}

TEST_F(WatcherTest, ZeroDebounceReportsAtOnce) {
  ASSERT_THAT(Add(Spec({"*.py"}, absl::ZeroDuration())), IsOk());
  absl::Time before = loop::MonotonicNow();
  Write(Path("a.py"));
  ASSERT_TRUE(WaitForPath("a.py"));
  EXPECT_LT(Calls()[0].at - before, absl::Milliseconds(500));
}

TEST_F(WatcherTest, AnAbsolutePatternOutsideTheBaseDirReportsAbsolutePaths) {
  std::string etc = top_ + "/etc";
  fs::create_directories(etc);
  ASSERT_THAT(Add(Spec({etc + "/*.conf"})), IsOk());
  Write(etc + "/app.conf");
  ASSERT_TRUE(WaitForPath(etc + "/app.conf"));
  EXPECT_THAT(WatchedDirs(), ElementsAre(etc));
}

TEST_F(WatcherTest, ANewSymlinkAndADeletionCount) {
  Write(Path("target.txt"));
  Write(Path("old.py"));
  ASSERT_THAT(Add(Spec({"*.py"})), IsOk());
  ASSERT_EQ(symlink("target.txt", Path("link.py").c_str()), 0);
  ASSERT_TRUE(WaitForPath("link.py"));
  ASSERT_EQ(unlink(Path("old.py").c_str()), 0);
  ASSERT_TRUE(WaitForPath("old.py"));
}

}  // namespace
}  // namespace runy::watch
