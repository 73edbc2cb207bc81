// The log store with real processes: lossless capture, rotation, a full disk.
#include "server/logs/log_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/logs/history.h"
#include "server/logs/log_index.h"
#include "server/logs/log_sink.h"
#include "tests/testing/engine_harness.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy::logs {
namespace {

using ::runy::testing::EngineHarness;
using ::runy::testing::IsOk;
using ::runy::testing::ShellSpec;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;

// The stdout of `alias` rebuilt from its log files.
std::string StdoutFromFiles(LogStore& store, const std::string& alias) {
  std::string out;
  ReadHistory({HistorySource{alias, store.Files(alias), {}}}, HistoryQuery(),
              [&](const std::string&, const RecordView& r) {
                if (r.stream != engine::Stream::kStdout) return true;
                out.append(r.text.data(), r.text.size());
                if (!r.continued) out.push_back('\n');
                return true;
              });
  return out;
}

StoreOptions Options(const TempDir& dir, uint64_t max_size, int max_files) {
  StoreOptions options;
  options.files.dir = dir.Join("logs");
  options.files.max_file_bytes = max_size;
  options.files.max_files = max_files;
  return options;
}

TEST(LogStoreTest, HundredMegabytesFromAChildArriveByteExact) {
  TempDir dir;
  LogStore store(Options(dir, 1ull << 30, 2));
  LogSink sink(&store);
  std::string expected_file = dir.Join("expected");
  {
    EngineHarness h(&sink);
    // 100 MB of varied lines (some overlong, some binary), also kept aside.
    std::string script = absl::StrCat(
        "head -c 100000000 /dev/urandom | base64 -w 3000 | "
        "awk 'NR % 50 == 0 { printf \"%s%s%s\\n\", $0, $0, $0; next } { print "
        "}' | "
        "head -c 100000000 | tee ",
        expected_file);
    ASSERT_THAT(h.Define(ShellSpec("burst", script)), IsOk());
    ASSERT_THAT(h.Start("burst"), IsOk());
    ASSERT_TRUE(h.WaitForState("burst", engine::ProcessState::kExited,
                               absl::Seconds(120)));
  }
  store.Flush();
  std::string expected = testing::ReadFile(expected_file);
  ASSERT_EQ(expected.size(), 100000000u);
  std::string got = StdoutFromFiles(store, "burst");
  // The last line has no newline in the source: the framer flushed it as a
  // line at end of file, which adds one.
  if (!expected.empty() && expected.back() != '\n') got.pop_back();
  EXPECT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected)
      << "log content differs from what the child wrote";
  EXPECT_EQ(store.dropped_bytes("burst"), 0u);
}

TEST(LogStoreTest, RotationKeepsTheConfiguredNumberOfFiles) {
  TempDir dir;
  LogStore store(Options(dir, 64 << 10, 3));
  LogSink sink(&store);
  {
    EngineHarness h(&sink);
    ASSERT_THAT(h.Define(ShellSpec("rot", "seq 1 100000")), IsOk());
    ASSERT_THAT(h.Start("rot"), IsOk());
    ASSERT_TRUE(h.WaitForState("rot", engine::ProcessState::kExited));
  }
  store.Flush();
  std::string base = store.FilePath("rot");
  EXPECT_TRUE(std::filesystem::exists(base));
  EXPECT_TRUE(std::filesystem::exists(base + ".1"));
  EXPECT_TRUE(std::filesystem::exists(base + ".2"));
  EXPECT_FALSE(std::filesystem::exists(base + ".3"));
  for (const std::string& f : {base, base + ".1", base + ".2"}) {
    EXPECT_LE(std::filesystem::file_size(f), 64u << 10) << f;
  }
  // The newest lines are in the live file.
  EXPECT_THAT(testing::ReadFile(base), ::testing::HasSubstr("\n100000\n"));
  // The files hold the lines alone, whole lines each, and together the end
  // of what the process wrote; each has its index.
  std::string joined;
  for (const std::string& f : {base + ".2", base + ".1", base}) {
    std::string content = testing::ReadFile(f);
    ASSERT_FALSE(content.empty()) << f;
    EXPECT_EQ(content.back(), '\n') << f;
    EXPECT_TRUE(std::filesystem::exists(IndexPathOf(f))) << f;
    joined += content;
  }
  std::string expected;
  for (int i = 1; i <= 100000; ++i) absl::StrAppend(&expected, i, "\n");
  ASSERT_LT(joined.size(), expected.size());
  EXPECT_TRUE(joined ==
              expected.substr(expected.size() - joined.size(), joined.size()));
  EXPECT_EQ(joined.find('@'), std::string::npos);
}

TEST(LogStoreTest, FullDiskCountsDroppedBytesAndWritingResumes) {
  TempDir dir;
  StoreOptions options = Options(dir, 1 << 20, 2);
  std::filesystem::create_directories(options.files.dir);
  // /dev/full fails every write with ENOSPC.
  std::string path = options.files.dir + "/full.log";
  ASSERT_EQ(symlink("/dev/full", path.c_str()), 0);
  LogStore store(options);
  LogSink sink(&store);
  EngineHarness h(&sink);
  ASSERT_THAT(h.Define(ShellSpec("full", "echo one; echo two")), IsOk());
  ASSERT_THAT(h.Start("full"), IsOk());
  ASSERT_TRUE(h.WaitForState("full", engine::ProcessState::kExited));
  store.Flush();
  EXPECT_GT(store.dropped_bytes("full"), 0u);
  // The in-memory tail still has the lines.
  std::vector<BlockPtr> blocks = store.Snapshot({"full"});
  std::string all;
  for (const auto& b : blocks) all += b->bytes;
  std::vector<RecordView> in_memory;
  ParseRecords(all, &in_memory);
  std::vector<std::string> texts;
  for (const auto& r : in_memory) {
    if (r.stream == engine::Stream::kStdout) texts.emplace_back(r.text);
  }
  EXPECT_THAT(texts, ::testing::ElementsAre("one", "two"));
  // Space is back: the next lines are written.
  ASSERT_EQ(unlink(path.c_str()), 0);
  uint64_t dropped = store.dropped_bytes("full");
  ASSERT_THAT(h.Start("full"), IsOk());
  ASSERT_TRUE(WaitFor([&] {
    return h.Snapshot("full").run == 2 &&
           h.Snapshot("full").state == engine::ProcessState::kExited;
  }));
  store.Flush();
  EXPECT_EQ(store.dropped_bytes("full"), dropped);
  std::string written = testing::ReadFile(path);
  EXPECT_EQ(written, "one\ntwo\n");
  std::vector<std::pair<int, std::string>> out;
  ReadHistory({HistorySource{"full", store.Files("full"), {}}}, HistoryQuery(),
              [&](const std::string&, const RecordView& r) {
                if (r.stream == engine::Stream::kStdout)
                  out.emplace_back(r.run, std::string(r.text));
                return true;
              });
  EXPECT_THAT(out, ::testing::ElementsAre(::testing::Pair(2, "one"),
                                          ::testing::Pair(2, "two")))
      << written;
}

TEST(LogStoreTest, MemoryTailIsBounded) {
  StoreOptions options;
  options.write_files = false;
  options.memory_bytes = 10 << 10;
  LogStore store(options);
  for (int i = 0; i < 1000; ++i) {
    auto block = std::make_shared<Block>();
    block->alias = "a";
    block->time = absl::Now();
    AppendHeader(block->time, 1, engine::Stream::kStdout, false, 1,
                 &block->bytes);
    block->bytes.append(std::string(100, 'x') + "\n");
    block->lines = 1;
    store.Append(block);
  }
  size_t bytes = 0;
  for (const auto& b : store.Snapshot({"a"})) bytes += b->bytes.size();
  EXPECT_LE(bytes, 10u << 10);
  EXPECT_GT(bytes, 5u << 10);
}

}  // namespace
}  // namespace runy::logs
