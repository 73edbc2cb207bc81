// ReadHistory over real log files written by the store: tails and windows
// across rotated files and the memory tail, merged by time.
#include "server/logs/history.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/logs/log_store.h"
#include "tests/testing/temp_dir.h"

namespace runy::logs {
namespace {

using ::runy::testing::TempDir;
using ::testing::ElementsAre;

constexpr int64_t kSecond = 1000000000;

// One record of one line at `unix_s` seconds.
BlockPtr Line(const std::string& alias, int64_t unix_s, const std::string& text,
              engine::Stream stream = engine::Stream::kStdout) {
  auto block = std::make_shared<Block>();
  block->alias = alias;
  block->time = absl::FromUnixSeconds(unix_s);
  AppendHeader(block->time, 1, stream, false, 1, &block->bytes);
  absl::StrAppend(&block->bytes, text, "\n");
  block->lines = 1;
  return block;
}

class HistoryTest : public ::testing::Test {
 protected:
  HistoryTest() {
    options_.files.dir = dir_.Join("logs");
    options_.files.max_file_bytes = 800;  // rotates every ~130 lines
    options_.files.max_files = 50;
    options_.memory_bytes = 1024;  // memory keeps the last ~30 lines
  }

  // Appends `count` lines of `alias`, one a second from `first_s`.
  void Write(LogStore* store, const std::string& alias, int64_t first_s,
             int count) {
    for (int i = 0; i < count; ++i) {
      store->Append(Line(alias, first_s + i, absl::StrCat(alias, "-", i)));
    }
  }

  std::vector<std::string> Read(LogStore* store,
                                const std::vector<std::string>& aliases,
                                HistoryQuery query) {
    store->Flush();
    std::vector<HistorySource> sources;
    for (const std::string& alias : aliases) {
      sources.push_back({alias, store->Files(alias), store->Snapshot({alias})});
    }
    std::vector<std::string> out;
    ReadHistory(sources, query, [&](const std::string&, const RecordView& r) {
      out.push_back(std::string(r.text));
      return true;
    });
    return out;
  }

  TempDir dir_;
  StoreOptions options_;
};

TEST_F(HistoryTest, EveryLineOnceAcrossRotatedFilesAndMemory) {
  LogStore store(options_);
  Write(&store, "a", 1000, 1000);
  store.Flush();
  ASSERT_GT(store.Files("a").size(), 5u);
  std::vector<std::string> all = Read(&store, {"a"}, HistoryQuery());
  ASSERT_EQ(all.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(all[i], absl::StrCat("a-", i));
}

TEST_F(HistoryTest, TailIsTheLastLinesEvenBeyondMemory) {
  LogStore store(options_);
  Write(&store, "a", 1000, 1000);
  HistoryQuery query;
  query.tail = 300;
  std::vector<std::string> last = Read(&store, {"a"}, query);
  ASSERT_EQ(last.size(), 300u);
  EXPECT_EQ(last.front(), "a-700");
  EXPECT_EQ(last.back(), "a-999");
  query.tail = 5;
  EXPECT_THAT(Read(&store, {"a"}, query),
              ElementsAre("a-995", "a-996", "a-997", "a-998", "a-999"));
}

TEST_F(HistoryTest, SinceCoversTheWholeWindowNotJustMemory) {
  LogStore store(options_);
  Write(&store, "a", 1000, 1000);
  HistoryQuery query;
  query.since_ns = 1400 * kSecond;
  std::vector<std::string> window = Read(&store, {"a"}, query);
  ASSERT_EQ(window.size(), 600u);
  EXPECT_EQ(window.front(), "a-400");
  query.tail = 2;
  EXPECT_THAT(Read(&store, {"a"}, query), ElementsAre("a-998", "a-999"));
}

TEST_F(HistoryTest, SourcesAreMergedByTime) {
  LogStore store(options_);
  for (int i = 0; i < 300; ++i) {
    store.Append(Line(i % 2 ? "odd" : "even", 1000 + i, absl::StrCat(i)));
  }
  HistoryQuery query;
  query.tail = 250;
  std::vector<std::string> merged = Read(&store, {"even", "odd"}, query);
  ASSERT_EQ(merged.size(), 250u);
  for (int i = 0; i < 250; ++i) EXPECT_EQ(merged[i], absl::StrCat(50 + i));
}

TEST_F(HistoryTest, StreamsAreFiltered) {
  LogStore store(options_);
  for (int i = 0; i < 200; ++i) {
    store.Append(
        Line("a", 1000 + i, absl::StrCat(i),
             i % 10 ? engine::Stream::kStdout : engine::Stream::kStderr));
  }
  HistoryQuery query;
  query.streams = {engine::Stream::kStderr};
  query.tail = 3;
  EXPECT_THAT(Read(&store, {"a"}, query), ElementsAre("170", "180", "190"));
}

TEST_F(HistoryTest, MemoryOnlyReadsNoFile) {
  LogStore store(options_);
  Write(&store, "a", 1000, 1000);
  HistoryQuery query;
  query.use_files = false;
  std::vector<std::string> memory = Read(&store, {"a"}, query);
  EXPECT_LT(memory.size(), 100u);
  EXPECT_EQ(memory.back(), "a-999");
}

}  // namespace
}  // namespace runy::logs
