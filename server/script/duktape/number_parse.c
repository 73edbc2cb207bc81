#include "number_parse.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* The decimal literal Duktape has accepted in `s`: [start, *end), or NULL
 * when it is not one (Infinity, a hex/octal/binary prefix). */
static const char* find_decimal(const char* s, size_t len, duk_bool_t allow_exp,
                                duk_bool_t allow_frac, const char** end) {
  const char* limit = s + len;
  const char* p = s;
  /* Duktape trimmed whatever precedes (white space, ASCII or not). */
  while (p < limit && !is_digit(*p) && *p != '+' && *p != '-' && *p != '.') {
    if (*p == 'I') return NULL; /* Infinity */
    ++p;
  }
  const char* start = p;
  if (p < limit && (*p == '+' || *p == '-')) ++p;
  if (p + 1 < limit && p[0] == '0' &&
      (p[1] == 'x' || p[1] == 'X' || p[1] == 'o' || p[1] == 'O' ||
       p[1] == 'b' || p[1] == 'B')) {
    return NULL;
  }
  int digits = 0;
  while (p < limit && is_digit(*p)) ++p, ++digits;
  if (allow_frac && p < limit && *p == '.') {
    ++p;
    while (p < limit && is_digit(*p)) ++p, ++digits;
  }
  if (digits == 0) return NULL;
  if (allow_exp && p < limit && (*p == 'e' || *p == 'E')) {
    const char* q = p + 1;
    if (q < limit && (*q == '+' || *q == '-')) ++q;
    if (q < limit && is_digit(*q)) {
      while (q < limit && is_digit(*q)) ++q;
      p = q;
    }
  }
  *end = p;
  return start;
}

void runy_duk_round_decimal(duk_context* ctx, duk_bool_t allow_exp,
                            duk_bool_t allow_frac) {
  double parsed = duk_get_number(ctx, -1);
  duk_size_t len = 0;
  const char* s = duk_get_lstring(ctx, -2, &len);
  double exact = parsed;
  const char* end = NULL;
  const char* start =
      (s == NULL || isnan(parsed))
          ? NULL
          : find_decimal(s, len, allow_exp, allow_frac, &end);
  if (start != NULL) {
    size_t n = (size_t) (end - start);
    char small[64];
    char* text = n < sizeof small ? small : (char*) malloc(n + 1);
    if (text != NULL) {
      memcpy(text, start, n);
      text[n] = '\0';
      exact = strtod(text, NULL);
      if (text != small) free(text);
    }
  }
  /* A correction of the rounding only: one step apart, or the ends of the
   * range (Duktape's 0 for a subnormal, Infinity for DBL_MAX). Anything
   * else means the two read different text: Duktape's reading stands. */
  int fix = exact != parsed &&
            ((isfinite(parsed) && nextafter(parsed, exact) == exact) ||
             (parsed == 0 && fabs(exact) < DBL_MIN) ||
             (isinf(parsed) && fabs(exact) == DBL_MAX));
  duk_pop(ctx);
  duk_pop(ctx);
  duk_push_number(ctx, fix ? exact : parsed);
}
