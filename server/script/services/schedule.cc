#include "server/script/services/schedule.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"

namespace runy::script {
namespace {

struct Field {
  const char* name;
  int lo, hi;
};
constexpr Field kFields[] = {{"minute", 0, 59},
                             {"hour", 0, 23},
                             {"day of month", 1, 31},
                             {"month", 1, 12},
                             {"day of week", 0, 7}};

absl::Status Bad(const std::string& text, const Field& f,
                 absl::string_view part) {
  return absl::InvalidArgumentError(
      absl::StrCat("ctx.schedule: \"", text, "\": the ", f.name, " field \"",
                   part, "\" is not valid (", f.lo, "-", f.hi,
                   ", *, a-b, */n, a-b/n, lists with commas)"));
}

// One cron field into `bits` (indexes lo..hi).
absl::Status ParseField(const std::string& text, absl::string_view field,
                        const Field& f, std::vector<bool>* bits) {
  bits->assign(f.hi + 1, false);
  for (absl::string_view part : absl::StrSplit(field, ',')) {
    absl::string_view range = part;
    int step = 1;
    size_t slash = part.find('/');
    if (slash != absl::string_view::npos) {
      if (!absl::SimpleAtoi(part.substr(slash + 1), &step) || step < 1) {
        return Bad(text, f, part);
      }
      range = part.substr(0, slash);
    }
    int lo = f.lo, hi = f.hi;
    if (range != "*") {
      size_t dash = range.find('-');
      if (dash == absl::string_view::npos) {
        if (!absl::SimpleAtoi(range, &lo)) return Bad(text, f, part);
        hi = slash == absl::string_view::npos ? lo : f.hi;
      } else if (!absl::SimpleAtoi(range.substr(0, dash), &lo) ||
                 !absl::SimpleAtoi(range.substr(dash + 1), &hi)) {
        return Bad(text, f, part);
      }
    }
    if (lo < f.lo || hi > f.hi || lo > hi) return Bad(text, f, part);
    // 64 bits: a step up to INT_MAX must not overflow past hi.
    for (int64_t v = lo; v <= hi; v += step) (*bits)[v] = true;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Schedule> ParseSchedule(const JsValue& value) {
  Schedule s;
  if (value.type == JsValue::Type::kObject) {
    const JsValue* every = value.Get("every");
    if (every == nullptr || value.fields.size() != 1) {
      return absl::InvalidArgumentError(
          "ctx.schedule: an object schedule is { every: \"10m\" } (or a "
          "number of milliseconds)");
    }
    if (every->type == JsValue::Type::kNumber && std::isfinite(every->number)) {
      s.every = absl::Milliseconds(every->number);
    } else if (every->type != JsValue::Type::kString ||
               !absl::ParseDuration(every->string, &s.every)) {
      return absl::InvalidArgumentError(
          "ctx.schedule: every must be a duration such as \"30s\", \"10m\", "
          "\"1h30m\" or a number of milliseconds");
    }
    if (s.every < absl::Milliseconds(10)) {
      return absl::InvalidArgumentError(
          "ctx.schedule: every must be at least 10 ms");
    }
    s.text = every->type == JsValue::Type::kString
                 ? absl::StrCat("every ", every->string)
                 : absl::StrCat("every ", absl::FormatDuration(s.every));
    return s;
  }
  if (value.type != JsValue::Type::kString) {
    return absl::InvalidArgumentError(absl::StrCat(
        "ctx.schedule needs a cron string (\"*/5 * * * *\") or { every: "
        "\"10m\" }, not ",
        value.TypeName()));
  }
  s.cron = true;
  s.text = value.string;
  std::vector<absl::string_view> fields =
      absl::StrSplit(value.string, ' ', absl::SkipWhitespace());
  if (fields.size() != 5) {
    return absl::InvalidArgumentError(absl::StrCat(
        "ctx.schedule: \"", value.string,
        "\" needs five fields: minute hour day-of-month month day-of-week"));
  }
  std::vector<bool> bits;
  for (int i = 0; i < 5; ++i) {
    absl::Status parsed =
        ParseField(value.string, fields[i], kFields[i], &bits);
    if (!parsed.ok()) return parsed;
    for (int v = kFields[i].lo; v <= kFields[i].hi; ++v) {
      if (!bits[v]) continue;
      switch (i) {
        case 0:
          s.minutes.set(v);
          break;
        case 1:
          s.hours.set(v);
          break;
        case 2:
          s.days.set(v);
          break;
        case 3:
          s.months.set(v);
          break;
        case 4:
          s.weekdays.set(v % 7);  // 7 is Sunday too
          break;
      }
    }
  }
  s.any_day = fields[2] == "*";
  s.any_weekday = fields[4] == "*";
  return s;
}

absl::Time Schedule::Next(absl::Time after, absl::TimeZone zone) const {
  if (!cron) return after + every;
  absl::CivilMinute m = absl::CivilMinute(absl::ToCivilSecond(after, zone)) + 1;
  // Day by day to the first allowed day, then minute by minute in it.
  for (int days_tried = 0; days_tried < 366 * 5; ++days_tried) {
    absl::CivilDay day(m);
    int weekday = static_cast<int>(absl::GetWeekday(day));  // Monday = 0
    int cron_weekday = (weekday + 1) % 7;                   // Sunday = 0
    bool dom = days.test(day.day());
    bool dow = weekdays.test(cron_weekday);
    // As cron has it: with both fields restricted, either one will do.
    bool day_ok = any_day && any_weekday ? true
                  : any_day              ? dow
                  : any_weekday          ? dom
                                         : (dom || dow);
    if (months.test(day.month()) && day_ok) {
      for (absl::CivilMinute t = m; absl::CivilDay(t) == day; ++t) {
        if (!hours.test(t.hour()) || !minutes.test(t.minute())) continue;
        // A local time that comes twice (the hour a clock is set back): its
        // second instant while the first is behind us. Never a time past.
        absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(t));
        absl::Time at = info.pre;
        if (at <= after && info.kind == absl::TimeZone::TimeInfo::REPEATED) {
          at = info.post;
        }
        if (at > after) return at;
      }
    }
    m = absl::CivilMinute(absl::CivilDay(m) + 1);
  }
  return absl::InfiniteFuture();
}

}  // namespace runy::script
