#include "server/logs/block_framer.h"

#include <string>
#include <tuple>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/logs/record.h"

namespace runy::logs {
namespace {

using Runs = std::vector<std::tuple<std::string, size_t, bool>>;

Runs FeedAll(BlockFramer& framer, const std::vector<std::string>& chunks,
             bool flush) {
  Runs runs;
  auto emit = [&](absl::string_view lines, size_t count, bool continued) {
    runs.emplace_back(std::string(lines), count, continued);
  };
  for (const auto& c : chunks) framer.Feed(c, emit);
  if (flush) framer.Flush(emit);
  return runs;
}

TEST(BlockFramerTest, WholeLinesOfAChunkComeAsOneRun) {
  BlockFramer framer;
  EXPECT_EQ(FeedAll(framer, {"a\nbc\n\nd"}, false),
            (Runs{{"a\nbc\n\n", 3, false}}));
}

TEST(BlockFramerTest, ALineSplitAcrossChunksIsJoined) {
  BlockFramer framer;
  EXPECT_EQ(FeedAll(framer, {"ab", "c", "d\nef\n"}, false),
            (Runs{{"abcd\n", 1, false}, {"ef\n", 1, false}}));
}

TEST(BlockFramerTest, FlushEmitsTheFinalPartialLine) {
  BlockFramer framer;
  EXPECT_EQ(FeedAll(framer, {"x\ny"}, true),
            (Runs{{"x\n", 1, false}, {"y\n", 1, false}}));
}

TEST(BlockFramerTest, OverlongLinesAreCutIntoContinuedPieces) {
  BlockFramer framer(4);
  EXPECT_EQ(FeedAll(framer, {"ok\nabcdefghij\nend\n"}, false),
            (Runs{{"ok\n", 1, false},
                  {"abcd\n", 1, true},
                  {"efgh\n", 1, true},
                  {"ij\n", 1, false},
                  {"end\n", 1, false}}));
}

TEST(BlockFramerTest, AnOverlongPartialLineIsCutBeforeItEnds) {
  BlockFramer framer(4);
  EXPECT_EQ(
      FeedAll(framer, {"abcdef", "ghijk", "\n"}, false),
      (Runs{{"abcd\n", 1, true}, {"efgh\n", 1, true}, {"ijk\n", 1, false}}));
}

TEST(BlockFramerTest, ALineOfExactlyTheLimitIsNotCut) {
  BlockFramer framer(4);
  EXPECT_EQ(FeedAll(framer, {"ab", "cd\n"}, false),
            (Runs{{"abcd\n", 1, false}}));
}

TEST(BlockFramerTest, BytesAreKeptAsTheyAre) {
  BlockFramer framer;
  std::string binary("\xff\xfe\0\x01", 4);
  EXPECT_EQ(FeedAll(framer, {binary + "\n"}, false),
            (Runs{{binary + "\n", 1, false}}));
}

TEST(RecordTest, RecordsRoundTripThroughTheFormat) {
  std::string bytes;
  absl::Time t = absl::FromUnixNanos(1764129000123456789);
  AppendHeader(t, 3, engine::Stream::kStderr, false, 2, &bytes);
  bytes += "@not a header\nsecond\n";
  AppendHeader(t, 3, engine::Stream::kSystem, true, 1, &bytes);
  bytes += "piece\n";
  std::vector<RecordView> records;
  ParseRecords(bytes, &records);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].text, "@not a header");
  EXPECT_EQ(records[0].stream, engine::Stream::kStderr);
  EXPECT_EQ(records[0].run, 3);
  EXPECT_EQ(records[0].unix_ns, 1764129000123456789);
  EXPECT_EQ(records[1].text, "second");
  EXPECT_EQ(records[2].stream, engine::Stream::kSystem);
  EXPECT_TRUE(records[2].continued);
}

TEST(RecordTest, AnIncompleteRecordEndsTheParse) {
  std::string bytes;
  AppendHeader(absl::Now(), 1, engine::Stream::kStdout, false, 3, &bytes);
  bytes += "one\ntwo\n";
  std::vector<RecordView> records;
  ParseRecords(bytes, &records);
  EXPECT_EQ(records.size(), 2u);
  RecordHeader h;
  ASSERT_TRUE(ParseHeader(bytes, &h));
  EXPECT_EQ(RecordSize(bytes, h), 0u);
}

}  // namespace
}  // namespace runy::logs
