#include "server/logs/line_framer.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace runy::logs {
namespace {

using Lines = std::vector<std::pair<std::string, bool>>;

Lines FeedAll(LineFramer& framer, const std::vector<std::string>& chunks, bool flush) {
  Lines lines;
  auto emit = [&](absl::string_view line, bool continued) {
    lines.emplace_back(std::string(line), continued);
  };
  for (const auto& c : chunks) framer.Feed(c, emit);
  if (flush) framer.Flush(emit);
  return lines;
}

TEST(LineFramerTest, SplitsOnNewlinesAcrossChunks) {
  LineFramer framer;
  EXPECT_EQ(FeedAll(framer, {"a\nbc", "d\n", "\ne"}, false),
            (Lines{{"a", false}, {"bcd", false}, {"", false}}));
}

TEST(LineFramerTest, FlushEmitsTheFinalPartialLine) {
  LineFramer framer;
  EXPECT_EQ(FeedAll(framer, {"x\ny"}, true), (Lines{{"x", false}, {"y", false}}));
}

TEST(LineFramerTest, OverlongLinesAreSplitAndMarkedContinued) {
  LineFramer framer(4);
  EXPECT_EQ(FeedAll(framer, {"abcdefghij\n"}, false),
            (Lines{{"abcd", true}, {"efgh", true}, {"ij", false}}));
}

TEST(LineFramerTest, ALineOfExactlyTheLimitIsNotSplit) {
  LineFramer framer(4);
  EXPECT_EQ(FeedAll(framer, {"ab", "cd\n"}, false), (Lines{{"abcd", false}}));
}

TEST(LineFramerTest, BytesAreKeptAsTheyAre) {
  LineFramer framer;
  std::string binary("\xff\xfe\0\x01", 4);
  EXPECT_EQ(FeedAll(framer, {binary + "\n"}, false), (Lines{{binary, false}}));
}

}  // namespace
}  // namespace runy::logs
