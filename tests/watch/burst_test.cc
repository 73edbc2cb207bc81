// A burst's bookkeeping: deduplication, order, and transient files left out.
#include "server/watch/burst.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace runy::watch {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(BurstTest, RepeatedChangesOfOnePathAreReportedOnce) {
  Burst burst;
  for (int i = 0; i < 50; ++i) burst.Record("a.py", Change::kWritten);
  EXPECT_TRUE(burst.counting());
  EXPECT_THAT(burst.Take(10), ElementsAre("a.py"));
}

TEST(BurstTest, PathsComeInTheOrderOfTheirFirstCountedChange) {
  Burst burst;
  burst.Record("b.py", Change::kCreated);  // not counted yet
  burst.Record("a.py", Change::kWritten);
  burst.Record("b.py", Change::kWritten);
  burst.Record("a.py", Change::kTouched);
  EXPECT_THAT(burst.Take(10), ElementsAre("a.py", "b.py"));
}

TEST(BurstTest, OnlyTheFirstFewPathsAreReported) {
  Burst burst;
  for (int i = 0; i < 30; ++i) {
    burst.Record("f" + std::to_string(i), Change::kWritten);
  }
  EXPECT_THAT(burst.Take(3), ElementsAre("f0", "f1", "f2"));
}

TEST(BurstTest, TakeStartsANewBurst) {
  Burst burst;
  burst.Record("a.py", Change::kWritten);
  burst.Take(10);
  EXPECT_FALSE(burst.counting());
  EXPECT_THAT(burst.Take(10), IsEmpty());
}

TEST(BurstTest, ACreatedFileAloneDoesNotCount) {
  Burst burst;
  burst.Record("new.py", Change::kCreated);
  EXPECT_FALSE(burst.counting());
  EXPECT_THAT(burst.Take(10), IsEmpty());
}

TEST(BurstTest, ATempFileRenamedAwayIsLeftOut) {
  Burst burst;
  burst.Record("x.py.tmp", Change::kCreated);
  burst.Record("x.py.tmp", Change::kWritten);
  burst.Record("x.py.tmp", Change::kRemoved);  // renamed onto x.py
  burst.Record("x.py", Change::kAppeared);
  EXPECT_THAT(burst.Take(10), ElementsAre("x.py"));
}

TEST(BurstTest, VimStyleSaveIsOneChangeOfTheRealFile) {
  Burst burst;
  burst.Record("4913", Change::kCreated);
  burst.Record("4913", Change::kWritten);
  burst.Record("4913", Change::kRemoved);
  burst.Record("x.py", Change::kRemoved);  // renamed to x.py~
  burst.Record("x.py~", Change::kAppeared);
  burst.Record("x.py", Change::kCreated);
  burst.Record("x.py", Change::kWritten);
  burst.Record("x.py~", Change::kRemoved);
  EXPECT_THAT(burst.Take(10), ElementsAre("x.py"));
}

TEST(BurstTest, AnExistingFileDeletedAndRecreatedCounts) {
  Burst burst;
  burst.Record("a.py", Change::kRemoved);
  burst.Record("a.py", Change::kCreated);
  burst.Record("a.py", Change::kWritten);
  EXPECT_THAT(burst.Take(10), ElementsAre("a.py"));
}

TEST(BurstTest, ADeletedFileCounts) {
  Burst burst;
  burst.Record("a.py", Change::kRemoved);
  EXPECT_THAT(burst.Take(10), ElementsAre("a.py"));
}

TEST(BurstTest, AFileCreatedRemovedAndCreatedAgainCounts) {
  Burst burst;
  burst.Record("a.py", Change::kAppeared);
  burst.Record("a.py", Change::kRemoved);
  burst.Record("a.py", Change::kAppeared);
  EXPECT_THAT(burst.Take(10), ElementsAre("a.py"));
}

TEST(BurstTest, LostEventsReportEverythingFirst) {
  Burst burst;
  burst.Record("a.py", Change::kWritten);
  burst.RecordEverything();
  EXPECT_THAT(burst.Take(10), ElementsAre(Burst::kEverything, "a.py"));
}

TEST(BurstTest, PathsPastTheTrackingLimitAreStillReported) {
  Burst burst(/*max_tracked=*/2);
  burst.Record("a", Change::kWritten);
  burst.Record("b", Change::kWritten);
  burst.Record("c", Change::kWritten);
  burst.Record("c", Change::kWritten);
  burst.Record("d", Change::kCreated);  // untracked and not counting: dropped
  EXPECT_THAT(burst.Take(10), ElementsAre("a", "b", "c"));
}

}  // namespace
}  // namespace runy::watch
