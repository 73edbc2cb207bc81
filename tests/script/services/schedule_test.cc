#include "server/script/services/schedule.h"

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace runy::script {
namespace {

using ::runy::testing::StatusIs;
using ::testing::HasSubstr;

JsValue Str(const std::string& s) {
  JsValue v;
  v.type = JsValue::Type::kString;
  v.string = s;
  return v;
}

JsValue Every(JsValue value) {
  JsValue v;
  v.type = JsValue::Type::kObject;
  v.fields.emplace_back("every", std::move(value));
  return v;
}

absl::Time At(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi),
                         absl::UTCTimeZone());
}

absl::Time Next(const std::string& cron, absl::Time after) {
  absl::StatusOr<Schedule> s = ParseSchedule(Str(cron));
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? s->Next(after, absl::UTCTimeZone()) : absl::InfinitePast();
}

TEST(ScheduleTest, CronFieldsAsCronHasThem) {
  // 2026-12-03 is a Thursday.
  absl::Time t = At(2026, 12, 3, 10, 3) + absl::Seconds(20);
  EXPECT_EQ(Next("*/5 * * * *", t), At(2026, 12, 3, 10, 5));
  EXPECT_EQ(Next("*/5 * * * *", At(2026, 12, 3, 10, 5)),
            At(2026, 12, 3, 10, 10));
  EXPECT_EQ(Next("0 * * * *", t), At(2026, 12, 3, 11, 0));
  EXPECT_EQ(Next("30 2 * * 1-5", t), At(2026, 12, 4, 2, 30));  // Friday
  // Saturday night: the next weekday is Monday.
  EXPECT_EQ(Next("30 2 * * 1-5", At(2026, 12, 5, 23, 0)),
            At(2026, 12, 7, 2, 30));
  EXPECT_EQ(Next("0 9 * * 0", t), At(2026, 12, 6, 9, 0));  // Sunday as 0
  EXPECT_EQ(Next("0 9 * * 7", t), At(2026, 12, 6, 9, 0));  // and as 7
  EXPECT_EQ(Next("15,45 8-9 1 1 *", t), At(2027, 1, 1, 8, 15));
  // Both day fields restricted: either one will do.
  EXPECT_EQ(Next("0 0 25 * 5", t), At(2026, 12, 4, 0, 0));
  EXPECT_EQ(Next("0 0 31 2 *", t), absl::InfiniteFuture());
}

TEST(ScheduleTest, AStepPastTheFieldIsItsFirstValueOnly) {
  absl::Time t = At(2026, 12, 3, 10, 3);
  EXPECT_EQ(Next("1/2147483647 * * * *", t), At(2026, 12, 3, 11, 1));
}

// The hour a clock is set back comes twice: the next run is never in the
// past (a job every minute must not fire in a loop through it).
TEST(ScheduleTest, TheRepeatedHourOfADaylightSavingEndIsNotAPastTime) {
  absl::TimeZone ny;
  ASSERT_TRUE(absl::LoadTimeZone("America/New_York", &ny))
      << "no time zone data: scripts/test installs tzdata";
  // 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 is 05:30 and 06:30 UTC.
  absl::StatusOr<Schedule> s = ParseSchedule(Str("* * * * *"));
  ASSERT_TRUE(s.ok()) << s.status();
  absl::Time second_pass = At(2026, 11, 1, 6, 30) + absl::Seconds(20);
  EXPECT_EQ(s->Next(second_pass, ny), At(2026, 11, 1, 6, 31));
  absl::Time first_pass = At(2026, 11, 1, 5, 30) + absl::Seconds(20);
  EXPECT_EQ(s->Next(first_pass, ny), At(2026, 11, 1, 5, 31));
}

TEST(ScheduleTest, IntervalsAndErrors) {
  absl::StatusOr<Schedule> every = ParseSchedule(Every(Str("10m")));
  ASSERT_TRUE(every.ok()) << every.status();
  absl::Time t = At(2026, 12, 3, 10, 0);
  EXPECT_EQ(every->Next(t, absl::UTCTimeZone()), t + absl::Minutes(10));
  JsValue ms;
  ms.type = JsValue::Type::kNumber;
  ms.number = 250;
  EXPECT_EQ(ParseSchedule(Every(ms))->every, absl::Milliseconds(250));
  EXPECT_THAT(ParseSchedule(Str("61 * * * *")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the minute field \"61\"")));
  EXPECT_THAT(ParseSchedule(Str("* * *")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("needs five fields")));
  EXPECT_THAT(ParseSchedule(Str("*/0 * * * *")).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseSchedule(Every(Str("soon"))).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("every must be a duration")));
  EXPECT_THAT(ParseSchedule(JsValue{}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("needs a cron string")));
}

}  // namespace
}  // namespace runy::script
