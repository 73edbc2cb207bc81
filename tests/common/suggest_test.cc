#include "common/suggest.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace runy {
namespace {

using ::testing::ElementsAre;

TEST(SuggestTest, EditDistanceCountsSingleEdits) {
  EXPECT_EQ(EditDistance("status", "status"), 0);
  EXPECT_EQ(EditDistance("statsu", "status"), 2);
  EXPECT_EQ(EditDistance("stat", "status"), 2);
  EXPECT_EQ(EditDistance("", "abc"), 3);
}

TEST(SuggestTest, ClosestMatchesPutTheNearestFirst) {
  EXPECT_THAT(ClosestMatches("web-servr", {"worker", "web-server", "db"}),
              ElementsAre("web-server"));
  EXPECT_THAT(ClosestMatches("strat", {"start", "stop", "status", "restart"}),
              ElementsAre("start"));
}

TEST(SuggestTest, NothingCloseMeansNoSuggestion) {
  EXPECT_TRUE(ClosestMatches("zzzzzz", {"start", "stop"}).empty());
}

}  // namespace
}  // namespace runy
