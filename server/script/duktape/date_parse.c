#include "date_parse.h"

#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum { kNone = -100000 };

static const char* const kMonths[] = {"jan", "feb", "mar", "apr",
                                      "may", "jun", "jul", "aug",
                                      "sep", "oct", "nov", "dec"};
static const char* const kDays[] = {"sun", "mon", "tue", "wed",
                                    "thu", "fri", "sat"};

struct zone {
  const char* name;
  int minutes; /* east of UTC */
};
static const struct zone kZones[] = {
    {"gmt", 0},        {"utc", 0},        {"ut", 0},         {"z", 0},
    {"est", -5 * 60},  {"edt", -4 * 60},  {"cst", -6 * 60},  {"cdt", -5 * 60},
    {"mst", -7 * 60},  {"mdt", -6 * 60},  {"pst", -8 * 60},  {"pdt", -7 * 60},
};

struct parsed {
  int numbers[3]; /* date numbers, in order */
  int count;
  int month;      /* from a name, 0-11; kNone */
  int hour, minute, second, millis;
  int has_time;
  int pm; /* -1 none, 0 am, 1 pm */
  int zone; /* minutes east of UTC; kNone: local time */
};

/* Days from 1970-01-01 to y-m-d (m 1-12), proleptic Gregorian. */
static double days_from_civil(long y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (double) (era * 146097 + doe - 719468);
}

static int match_word(const char* word, size_t n, const char* const* list,
                      int count) {
  for (int i = 0; i < count; ++i) {
    size_t len = strlen(list[i]);
    /* "Dec", "December", "Tue", "Tuesday": the first three letters, and
     * the rest of the word may be anything alphabetic (as V8 reads it). */
    if (n >= 3 && strncasecmp(word, list[i], len < 3 ? len : 3) == 0) {
      return i;
    }
  }
  return -1;
}

/* Reads digits at *p; the value, and how many digits. */
static int read_number(const char** p, int* digits) {
  int value = 0;
  *digits = 0;
  while (isdigit((unsigned char) **p)) {
    if (value < 100000000) value = value * 10 + (**p - '0');
    ++*p;
    ++*digits;
  }
  return value;
}

double runy_parse_date_string(const char* str) {
  struct parsed r;
  memset(&r, 0, sizeof r);
  r.month = kNone;
  r.pm = -1;
  r.zone = kNone;
  const char* p = str;
  while (*p != '\0') {
    unsigned char c = (unsigned char) *p;
    int offset_sign = (c == '+' || (c == '-' && r.has_time)) &&
                      isdigit((unsigned char) p[1]);
    if (!offset_sign &&
        (isspace(c) || c == ',' || c == '/' || c == '.' || c == '-')) {
      ++p;
      continue;
    }
    if (c == '(') { /* a comment: "(Central European Standard Time)" */
      int depth = 0;
      do {
        if (*p == '(') ++depth;
        if (*p == ')') --depth;
        ++p;
      } while (*p != '\0' && depth > 0);
      continue;
    }
    if (offset_sign) {
      /* An offset: after a time or "GMT", +hhmm, +hh:mm or +hh. */
      if (!r.has_time) return NAN;
      int sign = c == '-' ? -1 : 1;
      ++p;
      int digits;
      int n = read_number(&p, &digits);
      int minutes;
      if (*p == ':' && digits <= 2) {
        ++p;
        int mdigits;
        int m = read_number(&p, &mdigits);
        if (mdigits != 2) return NAN;
        minutes = n * 60 + m;
      } else if (digits <= 2) {
        minutes = n * 60;
      } else if (digits == 4) {
        minutes = (n / 100) * 60 + n % 100;
      } else {
        return NAN;
      }
      r.zone = (r.zone == kNone ? 0 : r.zone) + sign * minutes;
      continue;
    }
    if (isdigit(c)) {
      int digits;
      int n = read_number(&p, &digits);
      if (*p == ':') { /* a time */
        if (r.has_time) return NAN;
        r.has_time = 1;
        r.hour = n;
        ++p;
        r.minute = read_number(&p, &digits);
        if (digits == 0) return NAN;
        if (*p == ':') {
          ++p;
          r.second = read_number(&p, &digits);
          if (digits == 0) return NAN;
          if (*p == '.' && isdigit((unsigned char) p[1])) {
            ++p;
            int ms = read_number(&p, &digits);
            while (digits > 3) ms /= 10, --digits;
            while (digits < 3) ms *= 10, ++digits;
            r.millis = ms;
          }
        }
        continue;
      }
      if (r.count == 3) return NAN;
      r.numbers[r.count++] = digits >= 3 ? -n - 1 : n; /* year: marked */
      continue;
    }
    if (isalpha(c)) {
      const char* word = p;
      while (isalpha((unsigned char) *p)) ++p;
      size_t n = (size_t) (p - word);
      if (n == 2 && strncasecmp(word, "am", 2) == 0) {
        r.pm = 0;
        continue;
      }
      if (n == 2 && strncasecmp(word, "pm", 2) == 0) {
        r.pm = 1;
        continue;
      }
      int zone_found = 0;
      for (size_t i = 0; i < sizeof kZones / sizeof kZones[0]; ++i) {
        if (strlen(kZones[i].name) == n &&
            strncasecmp(word, kZones[i].name, n) == 0) {
          r.zone = kZones[i].minutes;
          zone_found = 1;
          break;
        }
      }
      if (zone_found) continue;
      if (n == 1 && (*word == 't' || *word == 'T')) continue;
      int month = match_word(word, n, kMonths, 12);
      if (month >= 0) {
        if (r.month != kNone) return NAN;
        r.month = month;
        continue;
      }
      if (match_word(word, n, kDays, 7) >= 0) continue; /* ignored */
      return NAN; /* a word V8 would not know either */
    }
    return NAN;
  }

  /* The date: a month name with day and year, or three numbers. */
  long year;
  int month, day;
  int values[3];
  int year_at = -1;
  for (int i = 0; i < r.count; ++i) {
    values[i] = r.numbers[i] < 0 ? -r.numbers[i] - 1 : r.numbers[i];
    if (r.numbers[i] < 0 || values[i] > 31) {
      if (year_at >= 0) return NAN;
      year_at = i;
    }
  }
  if (r.month != kNone) {
    if (r.count != 2) return NAN;
    month = r.month + 1;
    if (year_at < 0) year_at = 1; /* "Dec 1 26": day first, then year */
    day = values[1 - year_at];
    year = values[year_at];
  } else {
    if (r.count != 3) return NAN;
    if (year_at == 0) { /* 2026/12/01 */
      year = values[0];
      month = values[1];
      day = values[2];
    } else if (year_at < 0 || year_at == 2) { /* 12/01/2026, US order */
      month = values[0];
      day = values[1];
      year = values[2];
    } else {
      return NAN;
    }
  }
  if (year_at >= 0 && r.numbers[year_at] >= 0 && year < 100) {
    year += year < 50 ? 2000 : 1900;
  } else if (year_at < 0 && year < 100) {
    year += year < 50 ? 2000 : 1900;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return NAN;
  if (r.pm >= 0) {
    if (!r.has_time || r.hour < 1 || r.hour > 12) return NAN;
    r.hour = r.hour % 12 + (r.pm ? 12 : 0);
  }
  if (r.hour > 24 || r.minute > 59 || r.second > 59 ||
      (r.hour == 24 && (r.minute || r.second || r.millis))) {
    return NAN;
  }
  double ms = days_from_civil(year, month, day) * 86400000.0 +
              ((r.hour * 60.0 + r.minute) * 60.0 + r.second) * 1000.0 +
              r.millis;
  if (r.zone != kNone) return ms - r.zone * 60000.0;
  /* Local time: the offset that applies at that local time (mktime). */
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  tm.tm_year = (int) (year - 1900);
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = r.hour;
  tm.tm_min = r.minute;
  tm.tm_sec = r.second;
  tm.tm_isdst = -1;
  time_t t = mktime(&tm);
  return (double) t * 1000.0 + r.millis;
}

duk_bool_t runy_duk_parse_date(duk_context* ctx, const char* str) {
  double ms = runy_parse_date_string(str);
  if (isnan(ms) || fabs(ms) > 8.64e15) return 0;
  duk_push_number(ctx, ms);
  return 1;
}
