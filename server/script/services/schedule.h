// When a ctx.schedule() job runs: a cron expression ("*/5 * * * *", local
// time) or an interval ({ every: "10m" }). Pure: no Duktape, no loop.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_SCHEDULE_H_
#define RUNY_SERVER_SCRIPT_SERVICES_SCHEDULE_H_

#include <bitset>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/script/services/js_value.h"

namespace runy::script {

struct Schedule {
  // Cron: the allowed minutes, hours, days of the month, months and days
  // of the week (0 = Sunday).
  bool cron = false;
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days;    // 1..31
  std::bitset<13> months;  // 1..12
  std::bitset<7> weekdays;
  bool any_day = true;      // the day-of-month field was *
  bool any_weekday = true;  // the day-of-week field was *
  absl::Duration every;     // not cron
  std::string text;         // as written, for messages

  // The first time after `after` the job is due (InfiniteFuture when
  // never within a few years: "0 0 31 2 *").
  absl::Time Next(absl::Time after, absl::TimeZone zone) const;
};

// A cron string, or { every: "10m" | milliseconds }. InvalidArgument
// naming the field.
absl::StatusOr<Schedule> ParseSchedule(const JsValue& value);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_SCHEDULE_H_
