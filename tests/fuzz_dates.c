/* fuzz_dates.c - libFuzzer target for the dates, moments, periods and
 * numbers an officer types: ISO dates and timestamps (core/caldate.h),
 * Thai and English dates in either era with Thai digits (i18n/thdate.h),
 * a date and a time of day (tui/timeinput.h), report periods
 * (core/report.h, --period) and follow-up schedules (core/reintegration.h).
 *
 * Nothing may crash, read out of bounds, overflow or leak; whatever a
 * parser accepts is a valid value, and the form the program writes for it
 * reads back as the same value.  Built and run by `make fuzz` (see
 * Makefile.am), never by make check. */
#include "config.h"
#include "core/caldate.h"
#include "core/reintegration.h"
#include "core/report.h"
#include "core/utf8.h"
#include "i18n/thdate.h"
#include "tui/timeinput.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
    if (!ok)
        abort();
}

static bool same_date(caldate a, caldate b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* A four-digit year with no era marker is B.E. above 2400 (thdate.h,
 * report.h), so the written forms read back the same only for C.E. years
 * 1858..2400: B.E. 2401 and up in Thai, 2400 and below in English.  The
 * program's dates (births, cases, reports) all lie there. */
static bool era_unambiguous(caldate d)
{
    return d.year >= 1858 && d.year <= 2400;
}

static void fuzz_iso(const char *text)
{
    caldate d;
    if (caldate_parse_iso(text, &d)) {
        char again[CALDATE_ISO_LEN];
        check(caldate_valid(d));
        caldate_format_iso(d, again);
        check(strcmp(again, text) == 0);
        check(same_date(caldate_from_days(caldate_to_days(d)), d));
    }
    int64_t t;
    if (timestamp_parse_iso(text, &t)) {
        char again[TIMESTAMP_ISO_LEN];
        int64_t t2;
        timestamp_format_iso(t, again);
        check(timestamp_parse_iso(again, &t2) && t2 == t);
    }
}

static void fuzz_thdate(const char *text)
{
    caldate d = { -1, -1, -1 };
    thdate_error e = thdate_parse(text, &d);
    check(thdate_error_text(e) != NULL);
    if (e != THDATE_OK) {
        check(d.year == -1 && d.month == -1 && d.day == -1);    /* untouched */
        return;
    }
    check(caldate_valid(d));
    if (!era_unambiguous(d))
        return;
    for (int thai = 0; thai <= 1; thai++) {
        char form[64];
        caldate back;
        thdate_format_input(d, thai, form, sizeof form);
        check(thdate_parse(form, &back) == THDATE_OK && same_date(back, d));
        thdate_format(d, thai, form, sizeof form);
        check(utf8_valid(form));
        thdate_format_long(d, thai, form, 7);   /* cut between characters */
        check(utf8_valid(form));
    }
}

/* Digit conversions keep valid UTF-8 valid, whatever the room given. */
static void fuzz_digits(const char *text, size_t outsz)
{
    char *out = malloc(outsz);
    check(out != NULL);
    digits_to_ascii(text, out, outsz);
    check(strlen(out) < outsz && (!utf8_valid(text) || utf8_valid(out)));
    digits_to_thai(text, out, outsz);
    check(strlen(out) < outsz && (!utf8_valid(text) || utf8_valid(out)));
    free(out);
}

static void fuzz_moment(const char *text, int utc_offset)
{
    int64_t t = INT64_MIN;
    if (moment_parse(text, utc_offset, &t) != NULL) {
        check(t == INT64_MIN);      /* untouched */
        return;
    }
    char form[MOMENT_TEXT_MAX];
    int64_t back;
    if (era_unambiguous(caldate_from_timestamp(t, utc_offset))) {
        moment_format_input(t, utc_offset, form, sizeof form);
        check(moment_parse(form, utc_offset, &back) == NULL && back == t);
    }
    moment_format(t, utc_offset, form, sizeof form);
    time_left_format(t, form, sizeof form);
    time_left_words(-t, form, sizeof form);
    time_left_short(t, form, sizeof form);
}

static void fuzz_period(const char *text)
{
    report_period p;
    period_problem pp = report_period_parse(text, &p);
    check(pp < PERIOD_PROBLEM_COUNT && period_problem_text(pp) != NULL);
    if (pp != PERIOD_OK)
        return;
    check(caldate_valid(p.from) && caldate_valid(p.to) && caldate_compare(p.from, p.to) <= 0);
    if (!era_unambiguous(p.from) || !era_unambiguous(p.to))
        return;
    char code[64];
    report_period back;
    report_period_code(p, code, sizeof code);
    check(report_period_parse(code, &back) == PERIOD_OK && back.kind == p.kind &&
          same_date(back.from, p.from) && same_date(back.to, p.to));
}

static void fuzz_schedule(const char *text)
{
    followup_schedule s, back;
    if (!followup_schedule_parse(text, &s))
        return;
    char form[REINT_MONTHS_TEXT_MAX];
    check(followup_schedule_valid(&s));
    followup_schedule_format(&s, form);
    check(followup_schedule_parse(form, &back) && back.count == s.count &&
          memcmp(back.months, s.months, s.count * sizeof s.months[0]) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first byte picks an output size and a time zone; the rest is the
     * text, as a C string (what the command line and forms give). */
    unsigned char pick = size ? data[0] : 0;
    char *text = malloc(size + 1);
    check(text != NULL);
    if (size)
        memcpy(text, data + 1, size - 1);
    text[size ? size - 1 : 0] = '\0';
    fuzz_iso(text);
    fuzz_thdate(text);
    fuzz_digits(text, (size_t)(pick % 64) + 1);
    fuzz_moment(text, ((int)(pick % 27) - 12) * 3600);
    fuzz_period(text);
    fuzz_schedule(text);
    free(text);
    return 0;
}
