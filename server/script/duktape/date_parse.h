/* Date strings beyond ISO 8601, read as node reads them: Duktape tries its
 * ISO 8601 parser first and calls this (DUK_USE_DATE_PARSE_STRING) for the
 * rest. The forms: RFC 2822 and toUTCString() ("Tue, 01 Dec 2026 10:00:00
 * GMT"), toString() ("Tue Dec 01 2026 10:00:00 GMT+0100 (Central European
 * Standard Time)"), "Dec 1, 2026 10:30", "1 December 2026", "12/01/2026",
 * "2026/12/01 10:30:00", with AM/PM, "GMT"/"UTC"/"Z", numeric offsets
 * (+0100, +01:00) and the US zone names; without a zone, local time.
 * Pushes the time value and returns 1, or returns 0 (then Date gives NaN). */
#ifndef RUNY_SERVER_SCRIPT_DUKTAPE_DATE_PARSE_H_
#define RUNY_SERVER_SCRIPT_DUKTAPE_DATE_PARSE_H_

#include "duktape.h"

#if defined(__cplusplus)
extern "C" {
#endif

duk_bool_t runy_duk_parse_date(duk_context* ctx, const char* str);

/* The parse itself, for tests: the time value in ms, or NaN. */
double runy_parse_date_string(const char* str);

#if defined(__cplusplus)
}
#endif

#endif /* RUNY_SERVER_SCRIPT_DUKTAPE_DATE_PARSE_H_ */
