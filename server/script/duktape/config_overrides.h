/* runy's overrides, pasted into the copied duk_config.h at its
 * __OVERRIDE_DEFINES__ hook by CMakeLists.txt.  Plain C: duktape.c is C. */

/* Execution timeout: Duktape's executor calls the check every
 * DUK_HTHREAD_INTCTR_DEFAULT instructions, and (patched in) every native
 * call when it returns and the regexp matcher every 16,384 steps; it reads the
 * deadline that the heap udata (a runy_duk_budget, see exec_timeout.h) carries.
 */
#define DUK_USE_INTERRUPT_COUNTER
#undef DUK_USE_EXEC_TIMEOUT_CHECK
#if defined(__cplusplus)
extern "C" {
#endif
duk_bool_t runy_duk_exec_timeout_check(const void* udata);
duk_bool_t runy_duk_budget_expired(const void* udata);
#if defined(__cplusplus)
}
#endif
#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) runy_duk_exec_timeout_check((udata))

/* Decimal strings correctly rounded (number_parse.h; called by the patched
 * duk_numconv_parse), and dates in the forms node reads beyond ISO 8601
 * (date_parse.h). */
struct duk_hthread;
#if defined(__cplusplus)
extern "C" {
#endif
void runy_duk_round_decimal(struct duk_hthread* ctx, duk_bool_t allow_exp,
                            duk_bool_t allow_frac);
duk_bool_t runy_duk_parse_date(struct duk_hthread* ctx, const char* str);
#if defined(__cplusplus)
}
#endif
#define DUK_USE_DATE_PARSE_STRING(ctx, str) runy_duk_parse_date((ctx), (str))

/* Mark-and-sweep marks recursively up to this depth, then rescans the whole
 * heap for each further run of this many levels: long linked structures (a
 * chain of pending promises, say) made GC quadratic at the stock 256. A level
 * costs under 128 bytes of C stack (measured), so at most 1 MiB here; JS
 * runs on the loop thread. */
#undef DUK_USE_MARK_AND_SWEEP_RECLIMIT
#define DUK_USE_MARK_AND_SWEEP_RECLIMIT 8192

/* Errors thrown from C (runy's natives and Duktape's own) blame the
 * innermost JavaScript call site, the user's file:line, instead of a C
 * source path of runyd (Duktape blames the C file when it is given one). */
#undef DUK_FILE_MACRO
#define DUK_FILE_MACRO NULL
