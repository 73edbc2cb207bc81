// Plain-text log files and the index beside them: what a person sees with
// tail or grep, and what runy still knows (times, streams, runs, its own
// lines) after crashes, truncation by someone else and an upgrade.
#include "server/logs/log_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/logs/history.h"
#include "server/logs/log_sink.h"
#include "server/logs/log_store.h"
#include "tests/testing/engine_harness.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace runy::logs {
namespace {

using ::runy::testing::EngineHarness;
using ::runy::testing::IsOk;
using ::runy::testing::ReadFile;
using ::runy::testing::ShellSpec;
using ::runy::testing::TempDir;
using ::testing::ElementsAre;

constexpr int64_t kSecond = 1000000000;

BlockPtr Lines(const std::string& alias, int64_t unix_s, int run,
               engine::Stream stream, const std::vector<std::string>& lines) {
  auto block = std::make_shared<Block>();
  block->alias = alias;
  block->time = absl::FromUnixSeconds(unix_s);
  AppendHeader(block->time, run, stream, false, lines.size(), &block->bytes);
  for (const std::string& line : lines)
    absl::StrAppend(&block->bytes, line, "\n");
  block->lines = lines.size();
  return block;
}

// "<seconds> <run> <o|e|s> <text>" for every line of the files of `alias`.
std::vector<std::string> History(const LogStore& store,
                                 const std::string& alias) {
  std::vector<std::string> out;
  ReadHistory({HistorySource{alias, store.Files(alias), {}}}, HistoryQuery(),
              [&](const std::string&, const RecordView& r) {
                const char* kind = r.stream == engine::Stream::kStdout   ? "o"
                                   : r.stream == engine::Stream::kStderr ? "e"
                                                                         : "s";
                out.push_back(absl::StrCat(r.unix_ns / kSecond, " ", r.run, " ",
                                           kind, " ", r.text));
                return true;
              });
  return out;
}

void AppendToFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::app) << bytes;
}

class LogIndexTest : public ::testing::Test {
 protected:
  LogIndexTest() {
    options_.files.dir = dir_.Join("logs");
    options_.files.max_file_bytes = 1 << 20;
  }
  std::string TextPath(const std::string& alias) const {
    return options_.files.dir + "/" + alias + ".log";
  }

  TempDir dir_;
  StoreOptions options_;
};

TEST_F(LogIndexTest, TheFileHoldsExactlyWhatTheProcessWrote) {
  LogStore store(options_);
  LogSink sink(&store);
  {
    EngineHarness h(&sink);
    ASSERT_THAT(
        h.Define(ShellSpec("plain", "printf 'one\\n@1 2 o 3\\n\\nlast'")),
        IsOk());
    ASSERT_THAT(h.Start("plain"), IsOk());
    ASSERT_TRUE(h.WaitForState("plain", engine::ProcessState::kExited));
  }
  store.Flush();
  // runy's own lines ("started", "exited") are not in the file; a line that
  // looks like runy's former headers is just a line; the unfinished last
  // line is completed.
  EXPECT_EQ(ReadFile(TextPath("plain")), "one\n@1 2 o 3\n\nlast\n");
  std::vector<std::string> history = History(store, "plain");
  std::vector<std::string> system, output;
  for (const std::string& line : history) {
    (line.find(" s ") != std::string::npos ? system : output).push_back(line);
  }
  EXPECT_EQ(output.size(), 4u);
  ASSERT_GE(system.size(), 2u) << ::testing::PrintToString(history);
  EXPECT_THAT(system.front(), ::testing::HasSubstr("started"));
  EXPECT_THAT(system.back(), ::testing::HasSubstr("exited"));
  EXPECT_THAT(output.back(), ::testing::EndsWith(" 1 o last"));
}

TEST_F(LogIndexTest, SystemLinesKeepTheirTextAndOrder) {
  LogStore store(options_);
  std::string long_line(100, 's');  // spans several index slots
  store.Append(Lines("a", 10, 1, engine::Stream::kSystem, {"started pid 7"}));
  store.Append(Lines("a", 11, 1, engine::Stream::kStdout, {"out-1", "out-2"}));
  store.Append(Lines("a", 12, 1, engine::Stream::kStderr, {"err-1"}));
  store.Append(Lines("a", 13, 1, engine::Stream::kSystem, {long_line, "x"}));
  store.Append(Lines("a", 14, 2, engine::Stream::kStdout, {"out-3"}));
  store.Flush();
  EXPECT_EQ(ReadFile(TextPath("a")), "out-1\nout-2\nerr-1\nout-3\n");
  EXPECT_THAT(History(store, "a"),
              ElementsAre("10 1 s started pid 7", "11 1 o out-1",
                          "11 1 o out-2", "12 1 e err-1", "13 1 s " + long_line,
                          "13 1 s x", "14 2 o out-3"));
}

TEST_F(LogIndexTest, LinesWithoutAnEntryAfterACrashAreKept) {
  {
    LogStore store(options_);
    store.Append(Lines("a", 10, 3, engine::Stream::kStdout, {"before"}));
    store.Flush();
  }
  // A crash between the text and the index: lines with no entry, the last
  // one torn.
  AppendToFile(TextPath("a"), "orphan\ntorn");
  LogStore store(options_);
  store.Append(Lines("a", 20, 4, engine::Stream::kStdout, {"after"}));
  store.Flush();
  EXPECT_EQ(ReadFile(TextPath("a")), "before\norphan\ntorn\nafter\n");
  std::vector<std::string> history = History(store, "a");
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0], "10 3 o before");
  EXPECT_THAT(history[1], ::testing::EndsWith(" 3 o orphan"));
  EXPECT_THAT(history[2], ::testing::EndsWith(" 3 o torn"));
  EXPECT_EQ(history[3], "20 4 o after");
}

TEST_F(LogIndexTest, ATornIndexSlotIsDropped) {
  {
    LogStore store(options_);
    store.Append(Lines("a", 10, 1, engine::Stream::kStdout, {"one"}));
    store.Flush();
  }
  AppendToFile(IndexPathOf(TextPath("a")), "half a slot");
  LogStore store(options_);
  store.Append(Lines("a", 11, 1, engine::Stream::kStdout, {"two"}));
  store.Flush();
  EXPECT_THAT(History(store, "a"), ElementsAre("10 1 o one", "11 1 o two"));
}

TEST_F(LogIndexTest, TruncationBySomeoneElseStartsTheIndexOver) {
  LogStore store(options_);
  store.Append(Lines("a", 10, 1, engine::Stream::kStdout, {"old-1", "old-2"}));
  store.Flush();
  // `: > a.log`, as people do to free space.
  ASSERT_EQ(truncate(TextPath("a").c_str(), 0), 0);
  store.Append(Lines("a", 11, 1, engine::Stream::kStdout, {"new"}));
  store.Flush();
  EXPECT_EQ(ReadFile(TextPath("a")), "new\n");
  EXPECT_THAT(History(store, "a"), ElementsAre("11 1 o new"));
}

TEST_F(LogIndexTest, LinesAppendedBySomeoneElseAreShown) {
  LogStore store(options_);
  store.Append(Lines("a", 10, 1, engine::Stream::kStdout, {"mine"}));
  store.Flush();
  AppendToFile(TextPath("a"), "theirs\n");
  store.Append(Lines("a", 11, 1, engine::Stream::kStdout, {"mine again"}));
  store.Flush();
  std::vector<std::string> history = History(store, "a");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_THAT(history[1], ::testing::EndsWith(" o theirs"));
  EXPECT_EQ(history[2], "11 1 o mine again");
}

TEST_F(LogIndexTest, AFileWithoutItsIndexReadsAsPlainOutput) {
  LogStore store(options_);
  store.Append(Lines("a", 10, 1, engine::Stream::kStderr, {"x", "y"}));
  store.Flush();
  ASSERT_EQ(unlink(IndexPathOf(TextPath("a")).c_str()), 0);
  std::vector<std::string> history = History(store, "a");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_THAT(history[0], ::testing::EndsWith(" 0 o x"));
  EXPECT_THAT(history[1], ::testing::EndsWith(" 0 o y"));
}

TEST_F(LogIndexTest, FilesOfTheFormerLayoutAreConverted) {
  std::filesystem::create_directories(options_.files.dir);
  std::string former;
  for (const BlockPtr& block :
       {Lines("a", 10, 1, engine::Stream::kSystem, {"started pid 1"}),
        Lines("a", 11, 1, engine::Stream::kStdout, {"hello", "world"}),
        Lines("a", 12, 2, engine::Stream::kStderr, {"oops"})}) {
    former += block->bytes;
  }
  AppendToFile(TextPath("a") + ".1", former);
  AppendToFile(TextPath("a"), former);
  AppendToFile(TextPath("b"), "plain text, left alone\n");
  LogStore store(options_);
  store.Flush();  // the writer converts before it writes
  store.Append(Lines("a", 13, 2, engine::Stream::kStdout, {"new"}));
  store.Flush();
  EXPECT_EQ(ReadFile(TextPath("a") + ".1"), "hello\nworld\noops\n");
  EXPECT_EQ(ReadFile(TextPath("a")), "hello\nworld\noops\nnew\n");
  EXPECT_EQ(ReadFile(TextPath("b")), "plain text, left alone\n");
  EXPECT_THAT(
      History(store, "a"),
      ElementsAre("10 1 s started pid 1", "11 1 o hello", "11 1 o world",
                  "12 2 e oops", "10 1 s started pid 1", "11 1 o hello",
                  "11 1 o world", "12 2 e oops", "13 2 o new"));
}

TEST_F(LogIndexTest, AnOverlongRecordIsSplitAcrossFilesByLines) {
  options_.files.max_file_bytes = 100;
  options_.files.max_files = 10;
  LogStore store(options_);
  std::vector<std::string> lines;
  for (int i = 0; i < 30; ++i) lines.push_back(absl::StrCat("line-", i));
  store.Append(Lines("a", 10, 1, engine::Stream::kStdout, lines));
  store.Flush();
  std::vector<std::string> files = store.Files("a");
  ASSERT_GT(files.size(), 2u);
  std::string joined;
  for (const std::string& f : files) {
    std::string content = ReadFile(f);
    EXPECT_LE(content.size(), 100u) << f;
    EXPECT_EQ(content.back(), '\n') << f;
    joined += content;
  }
  std::string expected;
  for (const std::string& line : lines) absl::StrAppend(&expected, line, "\n");
  EXPECT_EQ(joined, expected);
  EXPECT_EQ(History(store, "a").size(), 30u);
}

TEST_F(LogIndexTest, EmptyClearsTheTextAndTheIndex) {
  options_.files.max_file_bytes = 10;
  LogStore store(options_);
  store.Append(Lines("a", 10, 1, engine::Stream::kStdout, {"0123456789", "x"}));
  store.Flush();
  ASSERT_GT(store.Files("a").size(), 1u);
  ASSERT_THAT(store.Empty("a"), IsOk());
  EXPECT_EQ(store.Files("a").size(), 1u);
  EXPECT_EQ(ReadFile(TextPath("a")), "");
  EXPECT_EQ(std::filesystem::file_size(IndexPathOf(TextPath("a"))), 0u);
  store.Append(Lines("a", 11, 1, engine::Stream::kStdout, {"later"}));
  store.Flush();
  EXPECT_THAT(History(store, "a"), ElementsAre("11 1 o later"));
}

}  // namespace
}  // namespace runy::logs
