/* test_core.c - the pure domain layer: text, dates, officers, places, case
 * references and case records.  Tables of inputs and the answers a caller
 * relies on; time always comes from a fixed clock. */
#include "tests/harness.h"

#include <stdio.h>
#include <string.h>

#include "core/caldate.h"
#include "core/utf8.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- utf8 */

static void test_utf8_decode_table(void)
{
    static const struct {
        const char *bytes;
        size_t len;
        uint32_t cp;
        size_t used;
    } rows[] = {
        { "A", 1, 'A', 1 },
        { "\xC2\xA9", 2, 0xA9, 2 },                    /* (c) */
        { "\xE0\xB8\x81", 3, 0x0E01, 3 },              /* Thai ko kai */
        { "\xF0\x9F\x98\x80", 4, 0x1F600, 4 },         /* emoji */
        { "\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4 },        /* last scalar */
        { "\xEF\xBF\xBD", 3, 0xFFFD, 3 },              /* literal U+FFFD */
        { "\xC0\xAF", 2, UTF8_REPLACEMENT, 1 },        /* overlong '/' */
        { "\xC1\xBF", 2, UTF8_REPLACEMENT, 1 },        /* overlong */
        { "\xE0\x80\xAF", 3, UTF8_REPLACEMENT, 1 },    /* overlong 3-byte */
        { "\xF0\x80\x80\xAF", 4, UTF8_REPLACEMENT, 1 },/* overlong 4-byte */
        { "\xED\xA0\x80", 3, UTF8_REPLACEMENT, 1 },    /* surrogate D800 */
        { "\xED\xBF\xBF", 3, UTF8_REPLACEMENT, 1 },    /* surrogate DFFF */
        { "\xF4\x90\x80\x80", 4, UTF8_REPLACEMENT, 1 },/* U+110000 */
        { "\xF5\x80\x80\x80", 4, UTF8_REPLACEMENT, 1 },/* lead F5 */
        { "\xFF", 1, UTF8_REPLACEMENT, 1 },
        { "\x80", 1, UTF8_REPLACEMENT, 1 },            /* lone continuation */
        { "\xE0\xB8", 2, UTF8_REPLACEMENT, 1 },        /* truncated by len */
        { "\xE0\xB8\x81", 2, UTF8_REPLACEMENT, 1 },    /* len cuts it short */
        { "\xE0\xB8" "A", 3, UTF8_REPLACEMENT, 1 },    /* missing continuation */
        { "\xF0\x9F\x98", 3, UTF8_REPLACEMENT, 1 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        uint32_t cp = 0;
        size_t used = utf8_decode(rows[i].bytes, rows[i].len, &cp);
        CU_ASSERT_EQUAL(cp, rows[i].cp);
        CU_ASSERT_EQUAL(used, rows[i].used);
        if (cp != rows[i].cp || used != rows[i].used)
            printf("\n  utf8 row %zu: cp %04X used %zu\n", i, (unsigned)cp, used);
    }
}

static void test_utf8_encode_round_trip(void)
{
    static const uint32_t cps[] = { 0, 'z', 0x7F, 0x80, 0x7FF, 0x800, 0x0E40, 0xD7FF,
                                    0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF };
    for (size_t i = 0; i < COUNT(cps); i++) {
        char buf[4];
        size_t n = utf8_encode(cps[i], buf);
        CU_ASSERT_TRUE(n >= 1 && n <= 4);
        uint32_t back = 0;
        CU_ASSERT_EQUAL(utf8_decode(buf, n, &back), n);
        CU_ASSERT_EQUAL(back, cps[i]);
    }
    char buf[4];
    CU_ASSERT_EQUAL(utf8_encode(0xD800, buf), 0);
    CU_ASSERT_EQUAL(utf8_encode(0xDFFF, buf), 0);
    CU_ASSERT_EQUAL(utf8_encode(0x110000, buf), 0);
}

static void test_utf8_valid_and_length(void)
{
    static const struct { const char *s; bool valid; size_t length; } rows[] = {
        { "", true, 0 },
        { "Aung San", true, 8 },
        { "\xE0\xB8\xAA\xE0\xB8\xA1\xE0\xB8\x8A\xE0\xB8\xB2\xE0\xB8\xA2", true, 5 }, /* สมชาย */
        { "\xE1\x80\x80\xE1\x80\xBB", true, 2 },                  /* Myanmar */
        { "ok\xEF\xBF\xBD", true, 3 },
        { "bad\xC0\xAF", false, 5 },
        { "cut\xE0\xB8", false, 5 },
        { "\xED\xA0\x80x", false, 4 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        CU_ASSERT_EQUAL(utf8_valid(rows[i].s), rows[i].valid);
        CU_ASSERT_EQUAL(utf8_length(rows[i].s), rows[i].length);
    }
}

static void test_utf8_controls(void)
{
    CU_ASSERT_TRUE(utf8_is_control(0x00));
    CU_ASSERT_TRUE(utf8_is_control(0x1B));
    CU_ASSERT_TRUE(utf8_is_control(0x7F));
    CU_ASSERT_TRUE(utf8_is_control(0x9B));   /* C1 CSI */
    CU_ASSERT_FALSE(utf8_is_control(' '));
    CU_ASSERT_FALSE(utf8_is_control(0xA0));
    CU_ASSERT_FALSE(utf8_is_control(0x0E01));

    CU_ASSERT_TRUE(utf8_is_bidi_control(0x202E));
    CU_ASSERT_TRUE(utf8_is_bidi_control(0x2066));
    CU_ASSERT_TRUE(utf8_is_bidi_control(0x200F));
    CU_ASSERT_FALSE(utf8_is_bidi_control(0x200B));
    CU_ASSERT_FALSE(utf8_is_bidi_control(0x0E31));

    static const struct { const char *s; bool allow_nl; bool has; } rows[] = {
        { "plain name", false, false },
        { "line\nbreak", false, true },
        { "line\nbreak\tand tab", true, false },
        { "\x1B[2Jwiped", true, true },
        { "c1 \xC2\x9B" "31m", true, true },
        { "cr\r", true, true },
        { "del\x7F", true, true },
        { "\xE0\xB8\x81\xE0\xB8\xB2", false, false },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_EQUAL(utf8_has_control(rows[i].s, rows[i].allow_nl), rows[i].has);
}

/* ------------------------------------------------------------- caldate */

static caldate D(int y, int m, int d)
{
    caldate c = { y, m, d };
    return c;
}

static bool same_date(caldate a, caldate b)
{
    return caldate_compare(a, b) == 0;
}

static void test_caldate_leap_years(void)
{
    static const struct { int year; bool leap; } rows[] = {
        { 1800, false }, { 1900, false }, { 2000, true }, { 2024, true },
        { 2025, false }, { 2100, false }, { 2400, true }, { 1996, true },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        CU_ASSERT_EQUAL(caldate_is_leap(rows[i].year), rows[i].leap);
        CU_ASSERT_EQUAL(caldate_days_in_month(rows[i].year, 2), rows[i].leap ? 29 : 28);
    }
    CU_ASSERT_EQUAL(caldate_days_in_month(2025, 4), 30);
    CU_ASSERT_EQUAL(caldate_days_in_month(2025, 12), 31);
    CU_ASSERT_EQUAL(caldate_days_in_month(2025, 0), 0);
    CU_ASSERT_EQUAL(caldate_days_in_month(2025, 13), 0);
}

static void test_caldate_valid(void)
{
    static const struct { caldate d; bool valid; } rows[] = {
        { { 2024, 2, 29 }, true }, { { 2025, 2, 29 }, false }, { { 1900, 2, 29 }, false },
        { { 2000, 2, 29 }, true }, { { 2025, 4, 31 }, false }, { { 2025, 13, 1 }, false },
        { { 2025, 0, 1 }, false }, { { 2025, 1, 0 }, false }, { { 1800, 1, 1 }, true },
        { { 1799, 12, 31 }, false }, { { 9999, 12, 31 }, true }, { { 10000, 1, 1 }, false },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_EQUAL(caldate_valid(rows[i].d), rows[i].valid);
}

static void test_caldate_days_known(void)
{
    static const struct { caldate d; int64_t days; } rows[] = {
        { { 1970, 1, 1 }, 0 }, { { 1970, 1, 2 }, 1 }, { { 1969, 12, 31 }, -1 },
        { { 2000, 3, 1 }, 11017 }, { { 2026, 11, 21 }, 20778 },
        { { 1800, 1, 1 }, -62091 }, { { 9999, 12, 31 }, 2932896 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        CU_ASSERT_EQUAL(caldate_to_days(rows[i].d), rows[i].days);
        CU_ASSERT_TRUE(same_date(caldate_from_days(rows[i].days), rows[i].d));
    }
}

/* Every day from 1800 to 9999 survives days -> date -> days, and each next
 * day is the calendar's next day. */
static void test_caldate_days_round_trip(void)
{
    int64_t first = caldate_to_days(D(1800, 1, 1));
    int64_t last = caldate_to_days(D(9999, 12, 31));
    caldate expect = D(1800, 1, 1);
    int failures = 0;
    for (int64_t n = first; n <= last && failures < 5; n++) {
        caldate d = caldate_from_days(n);
        if (!same_date(d, expect) || !caldate_valid(d) || caldate_to_days(d) != n)
            failures++;
        expect.day++;
        if (expect.day > caldate_days_in_month(expect.year, expect.month)) {
            expect.day = 1;
            if (++expect.month > 12) {
                expect.month = 1;
                expect.year++;
            }
        }
    }
    CU_ASSERT_EQUAL(failures, 0);
}

static void test_caldate_compare_and_add_days(void)
{
    CU_ASSERT_TRUE(caldate_compare(D(2025, 1, 1), D(2024, 12, 31)) > 0);
    CU_ASSERT_TRUE(caldate_compare(D(2024, 2, 1), D(2024, 3, 1)) < 0);
    CU_ASSERT_TRUE(caldate_compare(D(2024, 3, 2), D(2024, 3, 1)) > 0);
    CU_ASSERT_EQUAL(caldate_compare(D(2024, 3, 1), D(2024, 3, 1)), 0);
    CU_ASSERT_TRUE(same_date(caldate_add_days(D(2024, 2, 28), 1), D(2024, 2, 29)));
    CU_ASSERT_TRUE(same_date(caldate_add_days(D(2025, 2, 28), 1), D(2025, 3, 1)));
    CU_ASSERT_TRUE(same_date(caldate_add_days(D(2025, 1, 1), -1), D(2024, 12, 31)));
    CU_ASSERT_TRUE(same_date(caldate_add_days(D(2025, 1, 1), 365), D(2026, 1, 1)));
}

static void test_caldate_add_months(void)
{
    static const struct { caldate from; int months; caldate to; } rows[] = {
        { { 2025, 1, 31 }, 1, { 2025, 2, 28 } },
        { { 2024, 1, 31 }, 1, { 2024, 2, 29 } },
        { { 2024, 3, 31 }, 1, { 2024, 4, 30 } },
        { { 2024, 12, 15 }, 1, { 2025, 1, 15 } },
        { { 2024, 2, 29 }, 12, { 2025, 2, 28 } },
        { { 2024, 2, 29 }, 48, { 2028, 2, 29 } },
        { { 2025, 3, 31 }, -1, { 2025, 2, 28 } },
        { { 2025, 1, 10 }, -1, { 2024, 12, 10 } },
        { { 2025, 1, 10 }, -25, { 2022, 12, 10 } },
        { { 2025, 5, 5 }, 0, { 2025, 5, 5 } },
        { { 2025, 8, 31 }, 6, { 2026, 2, 28 } },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_TRUE(same_date(caldate_add_months(rows[i].from, rows[i].months),
                                 rows[i].to));
}

static void test_caldate_age_years(void)
{
    static const struct { caldate birth, on; int age; } rows[] = {
        { { 2008, 6, 15 }, { 2026, 6, 14 }, 17 },   /* day before 18th birthday */
        { { 2008, 6, 15 }, { 2026, 6, 15 }, 18 },   /* the 18th birthday */
        { { 2008, 6, 15 }, { 2026, 6, 16 }, 18 },
        { { 2008, 2, 29 }, { 2026, 2, 28 }, 17 },   /* 29 Feb: not yet on 28 Feb */
        { { 2008, 2, 29 }, { 2026, 3, 1 }, 18 },    /* ... but on 1 Mar */
        { { 2008, 2, 29 }, { 2028, 2, 29 }, 20 },   /* leap year: on the day */
        { { 2008, 2, 29 }, { 2028, 2, 28 }, 19 },
        { { 2000, 1, 1 }, { 2000, 1, 1 }, 0 },
        { { 1990, 12, 31 }, { 2025, 1, 1 }, 34 },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_EQUAL(caldate_age_years(rows[i].birth, rows[i].on), rows[i].age);
}

static void test_caldate_from_timestamp(void)
{
    /* 2026-11-21T16:59:59Z is 23:59:59 in Bangkok; a second later it is the
     * next day there but still the 21st in UTC. */
    int64_t t = 0;
    CU_ASSERT_TRUE(timestamp_parse_iso("2026-11-21T16:59:59Z", &t));
    CU_ASSERT_TRUE(same_date(caldate_from_timestamp(t, 7 * 3600), D(2026, 11, 21)));
    CU_ASSERT_TRUE(same_date(caldate_from_timestamp(t + 1, 7 * 3600), D(2026, 11, 22)));
    CU_ASSERT_TRUE(same_date(caldate_from_timestamp(t + 1, 0), D(2026, 11, 21)));
    CU_ASSERT_TRUE(same_date(caldate_from_timestamp(-1, 0), D(1969, 12, 31)));
    CU_ASSERT_TRUE(same_date(caldate_from_timestamp(0, -3600), D(1969, 12, 31)));
}

static void test_caldate_iso(void)
{
    static const struct { const char *s; bool ok; caldate d; } rows[] = {
        { "2024-02-29", true, { 2024, 2, 29 } },
        { "1800-01-01", true, { 1800, 1, 1 } },
        { "9999-12-31", true, { 9999, 12, 31 } },
        { "2025-02-29", false, { 0, 0, 0 } },
        { "2025-04-31", false, { 0, 0, 0 } },
        { "1799-12-31", false, { 0, 0, 0 } },
        { "2025-1-01", false, { 0, 0, 0 } },
        { "2025-01-01x", false, { 0, 0, 0 } },
        { "2025/01/01", false, { 0, 0, 0 } },
        { " 2025-01-01", false, { 0, 0, 0 } },
        { "+025-01-01", false, { 0, 0, 0 } },
        { "", false, { 0, 0, 0 } },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        caldate d = { -1, -1, -1 };
        CU_ASSERT_EQUAL(caldate_parse_iso(rows[i].s, &d), rows[i].ok);
        if (!rows[i].ok)
            continue;
        CU_ASSERT_TRUE(same_date(d, rows[i].d));
        char out[CALDATE_ISO_LEN];
        caldate_format_iso(d, out);
        CU_ASSERT_STRING_EQUAL(out, rows[i].s);
    }
    char out[CALDATE_ISO_LEN];
    caldate_format_iso(D(987, 3, 4), out);
    CU_ASSERT_STRING_EQUAL(out, "0987-03-04");
}

static void test_timestamp_iso(void)
{
    static const struct { const char *s; bool ok; int64_t t; } rows[] = {
        { "1970-01-01T00:00:00Z", true, 0 },
        { "2026-11-21T03:00:00Z", true, INT64_C(1795230000) },
        { "2000-02-29T23:59:59Z", true, INT64_C(951868799) },
        { "1969-12-31T23:59:59Z", true, -1 },
        { "1800-01-01T00:00:00Z", true, INT64_C(-5364662400) },
        { "9999-12-31T23:59:59Z", true, INT64_C(253402300799) },
        { "2026-11-21T24:00:00Z", false, 0 },
        { "2026-11-21T23:60:00Z", false, 0 },
        { "2026-11-21T23:59:60Z", false, 0 },
        { "2026-11-21 03:00:00Z", false, 0 },
        { "2026-11-21T03:00:00", false, 0 },
        { "2026-11-21T03:00:00+07:00", false, 0 },
        { "2025-02-29T00:00:00Z", false, 0 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        int64_t t = 42;
        CU_ASSERT_EQUAL(timestamp_parse_iso(rows[i].s, &t), rows[i].ok);
        if (!rows[i].ok)
            continue;
        CU_ASSERT_EQUAL(t, rows[i].t);
        char out[TIMESTAMP_ISO_LEN];
        timestamp_format_iso(t, out);
        CU_ASSERT_STRING_EQUAL(out, rows[i].s);
    }
}

static CU_TestInfo utf8_tests[] = {
    { "decode: valid, overlong, surrogate, too large, truncated", test_utf8_decode_table },
    { "encode round-trips every length, refuses non-scalars", test_utf8_encode_round_trip },
    { "valid and length", test_utf8_valid_and_length },
    { "control and bidi characters", test_utf8_controls },
    CU_TEST_INFO_NULL
};

static CU_TestInfo caldate_tests[] = {
    { "leap years and month lengths", test_caldate_leap_years },
    { "valid dates 1800..9999", test_caldate_valid },
    { "known day numbers", test_caldate_days_known },
    { "every day 1800..9999 round-trips", test_caldate_days_round_trip },
    { "compare and add days", test_caldate_compare_and_add_days },
    { "add months clamps to month end", test_caldate_add_months },
    { "age: 18th birthday and 29 Feb", test_caldate_age_years },
    { "civil date of a timestamp at UTC+7", test_caldate_from_timestamp },
    { "ISO date parse and format", test_caldate_iso },
    { "ISO timestamp parse and format", test_timestamp_iso },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "utf8", NULL, NULL, NULL, NULL, utf8_tests },
    { "caldate", NULL, NULL, NULL, NULL, caldate_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_core", suites);
}
