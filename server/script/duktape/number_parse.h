/* Decimal strings to numbers, correctly rounded (literals, Number(),
 * parseFloat, parseInt, JSON.parse): Duktape's own parser decides what is
 * a number (syntax, flags, whitespace, trailing garbage) but rounds some
 * half-way cases the wrong way (1e23, 8.41e21); glibc's strtod rounds
 * correctly. The patched duk_numconv_parse calls this with
 * [... string number] on the stack and is left with [... number]. */
#ifndef RUNY_SERVER_SCRIPT_DUKTAPE_NUMBER_PARSE_H_
#define RUNY_SERVER_SCRIPT_DUKTAPE_NUMBER_PARSE_H_

#include "duktape.h"

#if defined(__cplusplus)
extern "C" {
#endif

void runy_duk_round_decimal(duk_context* ctx, duk_bool_t allow_exp,
                            duk_bool_t allow_frac);

#if defined(__cplusplus)
}
#endif

#endif /* RUNY_SERVER_SCRIPT_DUKTAPE_NUMBER_PARSE_H_ */
