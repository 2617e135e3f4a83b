/* thdate.h - dates as Thai officials read and write them.
 *
 * Display: Buddhist era (B.E. = C.E. + 543) with Thai month names when the
 * interface is Thai ("21 พ.ย. 2569"), Gregorian in English ("21 Nov 2026").
 * Input: either era and Thai digits; a four-digit year of 2400 or more is
 * B.E., anything lower is C.E. */
#ifndef TC_THDATE_H
#define TC_THDATE_H
#include <stdbool.h>
#include <stddef.h>
#include "../core/caldate.h"

#define BE_OFFSET 543
#define THDATE_MAX 48

static inline int be_from_ce(int year) { return year + BE_OFFSET; }
static inline int ce_from_be(int year) { return year - BE_OFFSET; }

typedef enum thdate_error {
    THDATE_OK = 0,
    THDATE_EMPTY,
    THDATE_FORMAT,          /* not a date we can read */
    THDATE_IMPOSSIBLE,      /* e.g. 31/2/2569 or 29/2/2567 (not leap) */
    THDATE_OUT_OF_RANGE,    /* year before 1800 C.E. or after 9999 */
} thdate_error;

/* Reads "21/11/2569", "21-11-2026", "2026-11-21", "๒๑/๑๑/๒๕๖๙" and
 * "21 พ.ย. 2569" / "21 Nov 2026" (day month-name year).  Leading and
 * trailing spaces are ignored.  On error *out is untouched.
 * Also: "21.11.2569", "Nov 21, 2026", month names full or abbreviated
 * (Thai with or without dots, English of three letters or more, any case).
 * The year must have four digits.  An era marker next to the year (before
 * or after it: พ.ศ., ค.ศ., B.E., C.E., BE, CE, AD) overrides the 2400 rule. */
thdate_error thdate_parse(const char *text, caldate *out);
/* The msgid explaining e, for _(); "" for THDATE_OK. */
const char *thdate_error_text(thdate_error e);

/* Short form for lists and forms, in the current interface language
 * (thai true: "21 พ.ย. 2569"; false: "21 Nov 2026"). */
void thdate_format(caldate d, bool thai, char *out, size_t outsz);
/* Long form for printed sheets: "21 พฤศจิกายน พ.ศ. 2569" /
 * "21 November 2026". */
void thdate_format_long(caldate d, bool thai, char *out, size_t outsz);
/* Form-field form, re-readable by thdate_parse: "21/11/2569" in Thai,
 * "21/11/2026" in English (day and month zero-padded: "05/01/2569").
 * Every format writes "" for an invalid date and, when out is too small,
 * cuts between characters, never inside one. */
void thdate_format_input(caldate d, bool thai, char *out, size_t outsz);

/* Thai digits ๐-๙ to ASCII 0-9 (other text copied as it is). */
void digits_to_ascii(const char *in, char *out, size_t outsz);
/* ASCII digits to Thai digits. */
void digits_to_thai(const char *in, char *out, size_t outsz);

#endif
