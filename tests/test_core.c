/* test_core.c - the pure domain layer: text, dates, officers, places, case
 * references and case records.  Tables of inputs and the answers a caller
 * relies on; time always comes from a fixed clock. */
#include "tests/harness.h"

#include <stdio.h>
#include <string.h>

#include "core/caldate.h"
#include "core/caserec.h"
#include "core/caseref.h"
#include "core/codes.h"
#include "core/geo.h"
#include "core/officer.h"
#include "core/tsv.h"
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

/* A name that hides a right-to-left override anywhere in it is caught;
 * invalid bytes are not mistaken for one. */
static void test_utf8_has_bidi_control(void)
{
    static const struct { const char *s; bool has; } rows[] = {
        { "", false },
        { "plain name", false },
        { "\xE0\xB8\x81\xE0\xB8\xB2", false },                /* Thai */
        { "\xE2\x80\x8B" "zero width space", false },         /* U+200B */
        { "\xE2\x80\xAE" "evil", true },                      /* U+202E first */
        { "name\xE2\x81\xA6", true },                         /* U+2066 last */
        { "a\xE2\x80\x8F" "b", true },                        /* RLM inside */
        { "\xE2\x80\xAE" "bad\xC0\xAF", true },               /* with bad bytes */
        { "\xE2\x80", false },                                /* cut short */
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_EQUAL(utf8_has_bidi_control(rows[i].s), rows[i].has);
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

/* ------------------------------------------------------------- officer */

static void test_role_codes(void)
{
    static const char *const codes[ROLE_COUNT] = {
        "admin", "supervisor", "inspector", "social_worker", "border_officer"
    };
    for (int r = 0; r < ROLE_COUNT; r++) {
        CU_ASSERT_STRING_EQUAL(role_code((officer_role)r), codes[r]);
        officer_role back = ROLE_COUNT;
        CU_ASSERT_TRUE(role_from_code(codes[r], &back));
        CU_ASSERT_EQUAL(back, (officer_role)r);
    }
    officer_role r = ROLE_ADMIN;
    CU_ASSERT_FALSE(role_from_code("Admin", &r));
    CU_ASSERT_FALSE(role_from_code("", &r));
    CU_ASSERT_FALSE(role_from_code(NULL, &r));
    CU_ASSERT_STRING_EQUAL(role_label(ROLE_INSPECTOR), "Labour inspector");
    CU_ASSERT_STRING_EQUAL(role_label(ROLE_BORDER_OFFICER), "Border officer");
}

static tc_officer officer_with(const char *login, const char *name, officer_role role)
{
    tc_officer o;
    memset(&o, 0, sizeof o);
    snprintf(o.login, sizeof o.login, "%s", login);
    snprintf(o.name, sizeof o.name, "%s", name);
    o.role = role;
    o.active = true;
    return o;
}

static void test_officer_validate(void)
{
    static const struct {
        const char *login, *name;
        int role;
        officer_problem expect;
    } rows[] = {
        { "somchai.k", "Somchai Kittisak", ROLE_INSPECTOR, OFFICER_OK },
        { "nok_2-b", "\xE0\xB8\x99\xE0\xB8\xB2\xE0\xB8\x87 \xE0\xB8\x99\xE0\xB8\xAD\xE0\xB8\x81",
          ROLE_SOCIAL_WORKER, OFFICER_OK },                       /* นาง นอก */
        { "", "Somchai", ROLE_ADMIN, OFFICER_LOGIN_EMPTY },
        { "som chai", "Somchai", ROLE_ADMIN, OFFICER_LOGIN_BAD_CHARS },
        { "\xE0\xB8\x81", "Somchai", ROLE_ADMIN, OFFICER_LOGIN_BAD_CHARS },
        { "a/b", "Somchai", ROLE_ADMIN, OFFICER_LOGIN_BAD_CHARS },
        { "abcdefghijabcdefghijabcdefghij12", "Somchai", ROLE_ADMIN, OFFICER_OK },
        { "som", "", ROLE_ADMIN, OFFICER_NAME_EMPTY },
        { "som", "    ", ROLE_ADMIN, OFFICER_NAME_EMPTY },
        { "som", "Som\x1B[2Jchai", ROLE_ADMIN, OFFICER_NAME_BAD_TEXT },
        { "som", "Som\xC0\xAF", ROLE_ADMIN, OFFICER_NAME_BAD_TEXT },
        { "som", "Som\xE2\x80\xAEiahc", ROLE_ADMIN, OFFICER_NAME_BAD_TEXT },  /* RLO */
        { "som", "Somchai", ROLE_COUNT, OFFICER_ROLE_INVALID },
        { "som", "Somchai", -1, OFFICER_ROLE_INVALID },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_officer o = officer_with(rows[i].login, rows[i].name, (officer_role)rows[i].role);
        CU_ASSERT_EQUAL(officer_validate(&o), rows[i].expect);
    }
    /* Buffers without a NUL (a corrupt or hostile record) are too long, and
     * are never read past their end. */
    tc_officer o = officer_with("som", "Somchai", ROLE_ADMIN);
    memset(o.login, 'a', sizeof o.login);
    CU_ASSERT_EQUAL(officer_validate(&o), OFFICER_LOGIN_TOO_LONG);
    o = officer_with("som", "Somchai", ROLE_ADMIN);
    memset(o.name, 'x', OFFICER_NAME_MAX);
    o.name[OFFICER_NAME_MAX] = '\0';
    CU_ASSERT_EQUAL(officer_validate(&o), OFFICER_OK);
    memset(o.name, 'x', sizeof o.name);
    CU_ASSERT_EQUAL(officer_validate(&o), OFFICER_NAME_TOO_LONG);
}

static void test_passphrase_check(void)
{
    /* Ten Thai letters: 30 bytes, 10 characters. */
    const char *thai10 = "\xE0\xB8\x81\xE0\xB8\x82\xE0\xB8\x84\xE0\xB8\x87\xE0\xB8\x88"
                         "\xE0\xB8\x89\xE0\xB8\x8A\xE0\xB8\x8B\xE0\xB8\x8C\xE0\xB8\x8D";
    const char *thai9 = "\xE0\xB8\x81\xE0\xB8\x82\xE0\xB8\x84\xE0\xB8\x87\xE0\xB8\x88"
                        "\xE0\xB8\x89\xE0\xB8\x8A\xE0\xB8\x8B\xE0\xB8\x8C";
    static char too_long[PASSPHRASE_MAX_BYTES + 2];
    memset(too_long, 'a', PASSPHRASE_MAX_BYTES + 1);
    static char longest[PASSPHRASE_MAX_BYTES + 1];
    memset(longest, 'a', PASSPHRASE_MAX_BYTES);
    const struct { const char *pass, *confirm; passphrase_problem expect; } rows[] = {
        { "correct horse", "correct horse", PASSPHRASE_OK },
        { "correct horse", NULL, PASSPHRASE_OK },
        { "0123456789", NULL, PASSPHRASE_OK },
        { "012345678", NULL, PASSPHRASE_TOO_SHORT },
        { "", NULL, PASSPHRASE_TOO_SHORT },
        { thai10, thai10, PASSPHRASE_OK },
        { thai9, thai9, PASSPHRASE_TOO_SHORT },
        { "correct horse", "correct hors", PASSPHRASE_MISMATCH },
        { "correct horse", "", PASSPHRASE_MISMATCH },
        { "correct\thorse", NULL, PASSPHRASE_BAD_TEXT },
        { "correct horse\n", NULL, PASSPHRASE_BAD_TEXT },
        { "correct \xC0\xAFhorse", NULL, PASSPHRASE_BAD_TEXT },
        { longest, longest, PASSPHRASE_OK },
        { too_long, too_long, PASSPHRASE_TOO_LONG },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_EQUAL(passphrase_check(rows[i].pass, rows[i].confirm), rows[i].expect);
    CU_ASSERT_STRING_EQUAL(passphrase_problem_text(PASSPHRASE_TOO_SHORT),
                           "The passphrase must be at least 10 characters long.");
    CU_ASSERT_STRING_EQUAL(passphrase_problem_text(PASSPHRASE_MISMATCH),
                           "The two passphrases do not match.");
}

/* ----------------------------------------------------------------- geo */

static void test_geo_countries_table(void)
{
    size_t n = 0;
    const geo_entry *all = geo_countries(&n);
    CU_ASSERT_EQUAL(n, 250);    /* 249 ISO 3166-1 codes + stateless */
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(strlen(all[i].code), 2);
        CU_ASSERT_TRUE(all[i].name_en[0] != '\0');
        CU_ASSERT_TRUE(all[i].name_th[0] != '\0');
        CU_ASSERT_TRUE(utf8_valid(all[i].name_th));
        /* Thai names are written in Thai script (first code point Thai). */
        uint32_t cp = 0;
        utf8_decode(all[i].name_th, strlen(all[i].name_th), &cp);
        CU_ASSERT_TRUE(cp >= 0x0E00 && cp <= 0x0E7F);
        if (i > 0)
            CU_ASSERT_TRUE(strcmp(all[i - 1].code, all[i].code) < 0);
        CU_ASSERT_PTR_EQUAL(geo_country(all[i].code), &all[i]);
        CU_ASSERT_PTR_EQUAL(geo_country_lookup(all[i].name_en), &all[i]);
        CU_ASSERT_PTR_EQUAL(geo_country_lookup(all[i].name_th), &all[i]);
    }
}

static void test_geo_provinces_table(void)
{
    size_t n = 0;
    const geo_entry *all = geo_provinces(&n);
    CU_ASSERT_EQUAL(n, 77);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(strncmp(all[i].code, "TH-", 3), 0);
        CU_ASSERT_TRUE(all[i].name_en[0] != '\0');
        CU_ASSERT_TRUE(all[i].name_th[0] != '\0');
        if (i > 0)
            CU_ASSERT_TRUE(strcmp(all[i - 1].code, all[i].code) < 0);
        CU_ASSERT_PTR_EQUAL(geo_province(all[i].code), &all[i]);
        CU_ASSERT_PTR_EQUAL(geo_province_lookup(all[i].name_en), &all[i]);
        CU_ASSERT_PTR_EQUAL(geo_province_lookup(all[i].name_th), &all[i]);
    }
}

static void test_geo_country_lookup(void)
{
    static const struct { const char *text, *code; } rows[] = {
        { "MM", "MM" }, { "mm", "MM" }, { "Myanmar", "MM" }, { "myanmar", "MM" },
        { "\xE0\xB9\x80\xE0\xB8\xA1\xE0\xB8\xB5\xE0\xB8\xA2\xE0\xB8\x99\xE0\xB8\xA1\xE0\xB8\xB2", "MM" }, /* เมียนมา */
        { "Burma", "MM" },
        { "\xE0\xB8\x9E\xE0\xB8\xA1\xE0\xB9\x88\xE0\xB8\xB2", "MM" },          /* พม่า */
        { "\xE0\xB8\x81\xE0\xB8\xB1\xE0\xB8\xA1\xE0\xB8\x9E\xE0\xB8\xB9\xE0\xB8\x8A\xE0\xB8\xB2", "KH" }, /* กัมพูชา */
        { "Cambodia", "KH" },
        { "\xE0\xB8\xA5\xE0\xB8\xB2\xE0\xB8\xA7", "LA" },                      /* ลาว */
        { "\xE0\xB8\xAA\xE0\xB8\x9B\xE0\xB8\x9B.\xE0\xB8\xA5\xE0\xB8\xB2\xE0\xB8\xA7", "LA" }, /* สปป.ลาว */
        { "Laos", "LA" }, { "Lao People's Democratic Republic", "LA" },
        { "Vietnam", "VN" }, { "Viet Nam", "VN" },
        { "\xE0\xB9\x80\xE0\xB8\xA7\xE0\xB8\xB5\xE0\xB8\xA2\xE0\xB8\x94\xE0\xB8\x99\xE0\xB8\xB2\xE0\xB8\xA1", "VN" }, /* เวียดนาม */
        { "  china  ", "CN" },
        { "\xE0\xB8\x88\xE0\xB8\xB5\xE0\xB8\x99", "CN" },                       /* จีน */
        { "\xE0\xB8\xA1\xE0\xB8\xB2\xE0\xB9\x80\xE0\xB8\xA5\xE0\xB9\x80\xE0\xB8\x8B\xE0\xB8\xB5\xE0\xB8\xA2", "MY" }, /* มาเลเซีย */
        { "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2", "TH" },                       /* ไทย */
        { "\xE0\xB8\x9B\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB9\x80\xE0\xB8\x97\xE0\xB8\xA8\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2", "TH" }, /* ประเทศไทย */
        { "Stateless", "XX" }, { "xx", "XX" },
        { "\xE0\xB9\x84\xE0\xB8\xA3\xE0\xB9\x89\xE0\xB8\xAA\xE0\xB8\xB1\xE0\xB8\x8D\xE0\xB8\x8A\xE0\xB8\xB2\xE0\xB8\x95\xE0\xB8\xB4", "XX" }, /* ไร้สัญชาติ */
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        const geo_entry *g = geo_country_lookup(rows[i].text);
        CU_ASSERT_PTR_NOT_NULL(g);
        if (g) {
            CU_ASSERT_STRING_EQUAL(g->code, rows[i].code);
        } else {
            printf("\n  no country for \"%s\"\n", rows[i].text);
        }
    }
    static const char *const unknown[] = { "", "   ", "ZZ", "M", "MMM", "Myanma", "Atlantis",
                                          "\xE0\xB8\xA5\xE0\xB8\xB2" };
    for (size_t i = 0; i < COUNT(unknown); i++)
        CU_ASSERT_PTR_NULL(geo_country_lookup(unknown[i]));
    CU_ASSERT_PTR_NULL(geo_country("ZZ"));
    CU_ASSERT_PTR_NULL(geo_country("TH-10"));
    CU_ASSERT_PTR_NULL(geo_country(""));
    CU_ASSERT_PTR_NULL(geo_country_lookup(NULL));
    CU_ASSERT_STRING_EQUAL(geo_country("mm")->name_en, "Myanmar");
    CU_ASSERT_STRING_EQUAL(geo_country(GEO_STATELESS)->name_en, "Stateless");
}

static void test_geo_province_lookup(void)
{
    static const struct { const char *text, *code; } rows[] = {
        { "TH-10", "TH-10" }, { "th-10", "TH-10" }, { "Bangkok", "TH-10" },
        { "\xE0\xB8\x81\xE0\xB8\xA3\xE0\xB8\xB8\xE0\xB8\x87\xE0\xB9\x80\xE0\xB8\x97\xE0\xB8\x9E"
          "\xE0\xB8\xA1\xE0\xB8\xAB\xE0\xB8\xB2\xE0\xB8\x99\xE0\xB8\x84\xE0\xB8\xA3", "TH-10" }, /* กรุงเทพมหานคร */
        { "TH-38", "TH-38" }, { "Bueng Kan", "TH-38" },
        { "\xE0\xB8\x9A\xE0\xB8\xB6\xE0\xB8\x87\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xAC", "TH-38" }, /* บึงกาฬ */
        { "samut sakhon", "TH-74" },
        { "\xE0\xB8\xAA\xE0\xB8\xA1\xE0\xB8\xB8\xE0\xB8\x97\xE0\xB8\xA3\xE0\xB8\xAA\xE0\xB8\xB2\xE0\xB8\x84\xE0\xB8\xA3", "TH-74" }, /* สมุทรสาคร */
        { "\xE0\xB8\x88\xE0\xB8\xB1\xE0\xB8\x87\xE0\xB8\xAB\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\x94"
          "\xE0\xB8\x95\xE0\xB8\xB2\xE0\xB8\x81", "TH-63" },   /* จังหวัดตาก */
        { "Tak", "TH-63" }, { "Ranong", "TH-85" }, { "Songkhla", "TH-90" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        const geo_entry *g = geo_province_lookup(rows[i].text);
        CU_ASSERT_PTR_NOT_NULL(g);
        if (g)
            CU_ASSERT_STRING_EQUAL(g->code, rows[i].code);
    }
    CU_ASSERT_PTR_NULL(geo_province_lookup("TH-S"));    /* Pattaya: a city */
    CU_ASSERT_PTR_NULL(geo_province_lookup("TH-99"));
    CU_ASSERT_PTR_NULL(geo_province_lookup("Myanmar"));
    CU_ASSERT_PTR_NULL(geo_province_lookup(""));
    CU_ASSERT_PTR_NULL(geo_province("MM"));
}

/* ------------------------------------------------------------- caseref */

static void test_storecode(void)
{
    unsigned char rnd[STORE_CODE_LEN] = { 0, 31, 32, 255, 100 };
    char code[STORE_CODE_LEN + 1];
    storecode_from_random(rnd, code);
    CU_ASSERT_STRING_EQUAL(code, "0Z0Z4");
    CU_ASSERT_TRUE(storecode_valid(code));
    /* Every byte value gives a character of the alphabet. */
    for (int b = 0; b < 256; b++) {
        unsigned char all[STORE_CODE_LEN];
        memset(all, b, sizeof all);
        storecode_from_random(all, code);
        CU_ASSERT_TRUE(storecode_valid(code));
    }
    static const char *const invalid[] = { "", "K7Q4", "K7Q4X1", "K7Q4I", "K7Q4L",
                                          "K7Q4O", "K7Q4U", "k7q4x", "K7-4X" };
    for (size_t i = 0; i < COUNT(invalid); i++)
        CU_ASSERT_FALSE(storecode_valid(invalid[i]));
    CU_ASSERT_FALSE(storecode_valid(NULL));
}

static void test_caseref_format(void)
{
    char ref[CASEREF_MAX];
    CU_ASSERT_TRUE(caseref_format(ref, sizeof ref, "K7Q4X", 2569, 42));
    CU_ASSERT_STRING_EQUAL(ref, "K7Q4X-2569-0042");
    CU_ASSERT_TRUE(caseref_format(ref, sizeof ref, "K7Q4X", 2569, 12345));
    CU_ASSERT_STRING_EQUAL(ref, "K7Q4X-2569-12345");
    CU_ASSERT_TRUE(caseref_format(ref, sizeof ref, "K7Q4X", 2569, 1));
    CU_ASSERT_STRING_EQUAL(ref, "K7Q4X-2569-0001");
    CU_ASSERT_FALSE(caseref_format(ref, sizeof ref, "K7Q4I", 2569, 1));
    CU_ASSERT_FALSE(caseref_format(ref, sizeof ref, "K7Q4X", 2569, 0));
    CU_ASSERT_FALSE(caseref_format(ref, sizeof ref, "K7Q4X", 2569, -3));
    CU_ASSERT_FALSE(caseref_format(ref, sizeof ref, "K7Q4X", 2026 - 1000, 1));
    CU_ASSERT_FALSE(caseref_format(ref, sizeof ref, "K7Q4X", 10000, 1));
    char small[15];
    CU_ASSERT_FALSE(caseref_format(small, sizeof small, "K7Q4X", 2569, 42));
    char exact[16];
    CU_ASSERT_TRUE(caseref_format(exact, sizeof exact, "K7Q4X", 2569, 42));
}

static void test_caseref_parse(void)
{
    static const struct { const char *text, *code; int year, number; } good[] = {
        { "K7Q4X-2569-0042", "K7Q4X", 2569, 42 },
        { "k7q4x-2569-0042", "K7Q4X", 2569, 42 },
        { "  K7Q4X-2569-0042 ", "K7Q4X", 2569, 42 },
        { "K7Q4X-2569-42", "K7Q4X", 2569, 42 },
        { "K7Q4X-2569-12345", "K7Q4X", 2569, 12345 },
        { "0ABI1-2569-0042", "0AB11", 2569, 42 },          /* I read as 1 */
        { "OABL1-2569-0042", "0AB11", 2569, 42 },          /* O as 0, L as 1 */
        { "oabl1-2569-oo42", "0AB11", 2569, 42 },
        { "K7Q4X-2S69-0042", NULL, 0, 0 },                 /* S is not a digit */
    };
    for (size_t i = 0; i < COUNT(good); i++) {
        char code[STORE_CODE_LEN + 1] = "";
        int year = 0, number = 0;
        bool ok = caseref_parse(good[i].text, code, &year, &number);
        CU_ASSERT_EQUAL(ok, good[i].code != NULL);
        if (!ok || !good[i].code)
            continue;
        CU_ASSERT_STRING_EQUAL(code, good[i].code);
        CU_ASSERT_EQUAL(year, good[i].year);
        CU_ASSERT_EQUAL(number, good[i].number);
    }
    static const char *const bad[] = {
        "", "K7Q4X", "K7Q4X-2569", "K7Q4X-2569-", "K7Q4X-256-0042", "K7Q4X-25690-0042",
        "K7Q4-2569-0042", "K7Q4XY-2569-0042", "K7Q4U-2569-0042", "K7Q4X-2569-0000",
        "K7Q4X-2569-0042-1", "K7Q4X 2569 0042", "K7Q4X-2569-1234567890", "K7Q4X-1999-0042",
    };
    for (size_t i = 0; i < COUNT(bad); i++) {
        char code[STORE_CODE_LEN + 1];
        int year, number;
        CU_ASSERT_FALSE(caseref_parse(bad[i], code, &year, &number));
    }
}

/* References from different stores never collide, and every reference
 * parses back to what made it. */
static void test_caseref_unique_and_round_trip(void)
{
    static const char *const stores[] = { "K7Q4X", "K7Q4Y", "00000", "ZZZZZ", "1ABCD" };
    static const int numbers[] = { 1, 42, 999, 9999, 10000, 123456 };
    char refs[COUNT(stores) * COUNT(numbers)][CASEREF_MAX];
    size_t n = 0;
    for (size_t s = 0; s < COUNT(stores); s++)
        for (size_t k = 0; k < COUNT(numbers); k++) {
            CU_ASSERT_TRUE(caseref_format(refs[n], CASEREF_MAX, stores[s], 2569, numbers[k]));
            char code[STORE_CODE_LEN + 1];
            int year, number;
            CU_ASSERT_TRUE(caseref_parse(refs[n], code, &year, &number));
            CU_ASSERT_STRING_EQUAL(code, stores[s]);
            CU_ASSERT_EQUAL(year, 2569);
            CU_ASSERT_EQUAL(number, numbers[k]);
            n++;
        }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            CU_ASSERT_TRUE(strcmp(refs[i], refs[j]) != 0);
}

/* ------------------------------------------------------------- caserec */

static tc_case valid_case(void)
{
    tc_case c;
    case_init(&c);
    snprintf(c.name_latin, sizeof c.name_latin, "Aung Min");
    c.sex = SEX_MALE;
    c.birth_known = true;
    c.birth = D(2000, 5, 1);
    c.n_nationalities = 1;
    snprintf(c.nationalities[0], 3, "MM");
    snprintf(c.languages, sizeof c.languages, "my,th");
    snprintf(c.entry_point, sizeof c.entry_point, "labour_inspection");
    snprintf(c.province, sizeof c.province, "TH-74");
    c.date_met_known = true;
    c.date_met = D(2026, 11, 20);
    snprintf(c.notes, sizeof c.notes, "Met at a fishing pier.\nSpeaks some Thai.");
    return c;
}

static void test_case_init(void)
{
    tc_case c;
    memset(&c, 0x5A, sizeof c);
    case_init(&c);
    CU_ASSERT_EQUAL(c.sex, SEX_UNKNOWN);
    CU_ASSERT_EQUAL(c.estimated_age, -1);
    CU_ASSERT_FALSE(c.birth_known);
    CU_ASSERT_FALSE(c.date_met_known);
    CU_ASSERT_EQUAL(c.n_nationalities, 0);
    CU_ASSERT_STRING_EQUAL(c.id, "");
    CU_ASSERT_STRING_EQUAL(c.name_thai, "");
    CU_ASSERT_STRING_EQUAL(c.notes, "");
    /* A blank case fails only for want of a name. */
    case_check chk = case_validate(&c, D(2026, 11, 21));
    CU_ASSERT_EQUAL(chk.problem, CASE_NAME_MISSING);
}

typedef void (*case_edit)(tc_case *c);

static void edit_none(tc_case *c) { (void)c; }
static void edit_no_names(tc_case *c) { c->name_latin[0] = '\0'; }
static void edit_blank_names(tc_case *c)
{
    snprintf(c->name_latin, sizeof c->name_latin, "   ");
    snprintf(c->aliases, sizeof c->aliases, "Ko Aung");
}
static void edit_thai_only(tc_case *c)
{
    c->name_latin[0] = '\0';
    snprintf(c->name_thai, sizeof c->name_thai, "\xE0\xB8\xAD\xE0\xB8\xAD\xE0\xB8\x87");
}
static void edit_name_escape(tc_case *c)
{
    snprintf(c->name_latin, sizeof c->name_latin, "Aung\x1B]0;pwned\x07 Min");
}
static void edit_name_csi(tc_case *c)
{
    snprintf(c->name_original, sizeof c->name_original, "\x1B[2J\x1B[H");
}
static void edit_name_newline(tc_case *c)
{
    snprintf(c->name_latin, sizeof c->name_latin, "Aung\nMin");
}
static void edit_name_c1(tc_case *c)
{
    snprintf(c->name_thai, sizeof c->name_thai, "x\xC2\x9B" "2J");
}
static void edit_name_invalid(tc_case *c)
{
    snprintf(c->name_latin, sizeof c->name_latin, "Aung\xFF");
}
static void edit_name_bidi(tc_case *c)
{
    snprintf(c->name_latin, sizeof c->name_latin, "Aung\xE2\x80\xAE" "niM");
}
static void edit_alias_escape(tc_case *c)
{
    snprintf(c->aliases, sizeof c->aliases, "Ko,\x1B[31m");
}
static void edit_name_too_long(tc_case *c)
{
    memset(c->name_latin, 'a', sizeof c->name_latin);   /* no room for NUL */
}
static void edit_sex_bad(tc_case *c) { c->sex = SEX_COUNT; }
static void edit_birth_feb29(tc_case *c) { c->birth = D(2001, 2, 29); }
static void edit_birth_month13(tc_case *c) { c->birth = D(2001, 13, 1); }
static void edit_birth_tomorrow(tc_case *c) { c->birth = D(2026, 11, 22); }
static void edit_birth_today(tc_case *c)
{
    c->birth = D(2026, 11, 21);
    c->date_met = D(2026, 11, 21);
}
static void edit_birth_old(tc_case *c) { c->birth = D(1900, 1, 1); }
static void edit_birth_unknown_bad(tc_case *c)
{
    c->birth_known = false;
    c->birth = D(2001, 2, 30);      /* ignored when not known */
}
static void edit_age_negative(tc_case *c) { c->birth_known = false; c->estimated_age = -2; }
static void edit_age_121(tc_case *c) { c->birth_known = false; c->estimated_age = 121; }
static void edit_age_120(tc_case *c) { c->birth_known = false; c->estimated_age = 120; }
static void edit_nat_unknown(tc_case *c) { snprintf(c->nationalities[0], 3, "ZZ"); }
static void edit_nat_lower(tc_case *c) { snprintf(c->nationalities[0], 3, "mm"); }
static void edit_nat_empty(tc_case *c) { c->nationalities[0][0] = '\0'; }
static void edit_nat_count(tc_case *c) { c->n_nationalities = CASE_MAX_NATIONALITIES + 1; }
static void edit_nat_repeated(tc_case *c)
{
    c->n_nationalities = 2;
    snprintf(c->nationalities[1], 3, "MM");
}
static void edit_nat_two(tc_case *c)
{
    c->n_nationalities = 2;
    snprintf(c->nationalities[1], 3, "TH");
}
static void edit_stateless(tc_case *c) { snprintf(c->nationalities[0], 3, GEO_STATELESS); }
static void edit_stateless_other(tc_case *c)
{
    c->n_nationalities = 2;
    snprintf(c->nationalities[1], 3, GEO_STATELESS);
}
static void edit_no_nationality(tc_case *c) { c->n_nationalities = 0; }
static void edit_langs_empty(tc_case *c) { c->languages[0] = '\0'; }
static void edit_langs_three(tc_case *c) { snprintf(c->languages, sizeof c->languages, "shn,my,th"); }
static void edit_langs_upper(tc_case *c) { snprintf(c->languages, sizeof c->languages, "MY"); }
static void edit_langs_space(tc_case *c) { snprintf(c->languages, sizeof c->languages, "my, th"); }
static void edit_langs_trailing(tc_case *c) { snprintf(c->languages, sizeof c->languages, "my,"); }
static void edit_langs_one(tc_case *c) { snprintf(c->languages, sizeof c->languages, "m"); }
static void edit_langs_four(tc_case *c) { snprintf(c->languages, sizeof c->languages, "burm"); }
static void edit_langs_name(tc_case *c) { snprintf(c->languages, sizeof c->languages, "Burmese"); }
static void edit_entry_unknown(tc_case *c) { snprintf(c->entry_point, sizeof c->entry_point, "raid"); }
static void edit_entry_empty(tc_case *c) { c->entry_point[0] = '\0'; }
static void edit_province_unknown(tc_case *c) { snprintf(c->province, sizeof c->province, "TH-99"); }
static void edit_province_name(tc_case *c) { snprintf(c->province, sizeof c->province, "Bangkok"); }
static void edit_province_empty(tc_case *c) { c->province[0] = '\0'; }
static void edit_met_invalid(tc_case *c) { c->date_met = D(2026, 2, 29); }
static void edit_met_future(tc_case *c) { c->date_met = D(2026, 11, 22); }
static void edit_met_before_birth(tc_case *c) { c->date_met = D(2000, 4, 30); }
static void edit_met_unknown(tc_case *c) { c->date_met_known = false; }
static void edit_notes_escape(tc_case *c)
{
    snprintf(c->notes, sizeof c->notes, "ok\x1B[2J");
}
static void edit_notes_invalid(tc_case *c) { snprintf(c->notes, sizeof c->notes, "\xED\xA0\x80"); }
static void edit_notes_too_long(tc_case *c) { memset(c->notes, 'n', sizeof c->notes); }

static void test_case_validate_table(void)
{
    static const struct {
        const char *what;
        case_edit edit;
        case_problem expect;
        const char *field;
    } rows[] = {
        { "valid", edit_none, CASE_OK, NULL },
        { "no names", edit_no_names, CASE_NAME_MISSING, "name" },
        { "blank name, alias only", edit_blank_names, CASE_NAME_MISSING, "name" },
        { "Thai name only", edit_thai_only, CASE_OK, NULL },
        { "OSC escape in name", edit_name_escape, CASE_NAME_BAD_TEXT, "name_latin" },
        { "CSI escape in name", edit_name_csi, CASE_NAME_BAD_TEXT, "name_original" },
        { "newline in name", edit_name_newline, CASE_NAME_BAD_TEXT, "name_latin" },
        { "C1 control in name", edit_name_c1, CASE_NAME_BAD_TEXT, "name_thai" },
        { "invalid UTF-8 in name", edit_name_invalid, CASE_NAME_BAD_TEXT, "name_latin" },
        { "bidi override in name", edit_name_bidi, CASE_NAME_BAD_TEXT, "name_latin" },
        { "escape in alias", edit_alias_escape, CASE_NAME_BAD_TEXT, "aliases" },
        { "name without NUL", edit_name_too_long, CASE_NAME_TOO_LONG, "name_latin" },
        { "sex out of range", edit_sex_bad, CASE_SEX_INVALID, "sex" },
        { "29 Feb 2001", edit_birth_feb29, CASE_BIRTH_INVALID, "birth" },
        { "month 13", edit_birth_month13, CASE_BIRTH_INVALID, "birth" },
        { "born tomorrow", edit_birth_tomorrow, CASE_BIRTH_IN_FUTURE, "birth" },
        { "born today", edit_birth_today, CASE_OK, NULL },
        { "born 1900", edit_birth_old, CASE_BIRTH_TOO_OLD, "birth" },
        { "unknown birth ignored", edit_birth_unknown_bad, CASE_OK, NULL },
        { "age -2", edit_age_negative, CASE_AGE_OUT_OF_RANGE, "age" },
        { "age 121", edit_age_121, CASE_AGE_OUT_OF_RANGE, "age" },
        { "age 120", edit_age_120, CASE_OK, NULL },
        { "unknown nationality", edit_nat_unknown, CASE_NATIONALITY_UNKNOWN, "nationality" },
        { "lower-case code", edit_nat_lower, CASE_NATIONALITY_UNKNOWN, "nationality" },
        { "empty code", edit_nat_empty, CASE_NATIONALITY_UNKNOWN, "nationality" },
        { "too many", edit_nat_count, CASE_NATIONALITY_UNKNOWN, "nationality" },
        { "repeated", edit_nat_repeated, CASE_NATIONALITY_REPEATED, "nationality" },
        { "dual nationality", edit_nat_two, CASE_OK, NULL },
        { "stateless", edit_stateless, CASE_OK, NULL },
        { "stateless and MM", edit_stateless_other, CASE_STATELESS_WITH_OTHER, "nationality" },
        { "no nationality", edit_no_nationality, CASE_OK, NULL },
        { "no languages", edit_langs_empty, CASE_OK, NULL },
        { "three languages", edit_langs_three, CASE_OK, NULL },
        { "upper-case language", edit_langs_upper, CASE_LANGUAGES_BAD, "languages" },
        { "space in languages", edit_langs_space, CASE_LANGUAGES_BAD, "languages" },
        { "trailing comma", edit_langs_trailing, CASE_LANGUAGES_BAD, "languages" },
        { "one letter", edit_langs_one, CASE_LANGUAGES_BAD, "languages" },
        { "four letters", edit_langs_four, CASE_LANGUAGES_BAD, "languages" },
        { "language name", edit_langs_name, CASE_LANGUAGES_BAD, "languages" },
        { "unknown entry point", edit_entry_unknown, CASE_ENTRY_POINT_UNKNOWN, "entry_point" },
        { "no entry point", edit_entry_empty, CASE_OK, NULL },
        { "unknown province", edit_province_unknown, CASE_PROVINCE_UNKNOWN, "province" },
        { "province name, not code", edit_province_name, CASE_PROVINCE_UNKNOWN, "province" },
        { "no province", edit_province_empty, CASE_OK, NULL },
        { "met 29 Feb 2026", edit_met_invalid, CASE_DATE_MET_INVALID, "date_met" },
        { "met tomorrow", edit_met_future, CASE_DATE_MET_IN_FUTURE, "date_met" },
        { "met before birth", edit_met_before_birth, CASE_DATE_MET_BEFORE_BIRTH, "date_met" },
        { "date met unknown", edit_met_unknown, CASE_OK, NULL },
        { "escape in notes", edit_notes_escape, CASE_NOTES_BAD_TEXT, "notes" },
        { "surrogate in notes", edit_notes_invalid, CASE_NOTES_BAD_TEXT, "notes" },
        { "notes without NUL", edit_notes_too_long, CASE_NOTES_TOO_LONG, "notes" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_case c = valid_case();
        rows[i].edit(&c);
        case_check chk = case_validate(&c, D(2026, 11, 21));
        CU_ASSERT_EQUAL(chk.problem, rows[i].expect);
        if (rows[i].field) {
            CU_ASSERT_TRUE(chk.field && strcmp(chk.field, rows[i].field) == 0);
        } else {
            CU_ASSERT_PTR_NULL(chk.field);
        }
        if (chk.problem != rows[i].expect)
            printf("\n  case row \"%s\": got %d\n", rows[i].what, (int)chk.problem);
    }
}

static void test_case_validate_form_order(void)
{
    /* Several problems: the first field in the form is reported. */
    tc_case c = valid_case();
    c.birth = D(2030, 1, 1);
    snprintf(c.languages, sizeof c.languages, "??");
    c.date_met = D(2031, 1, 1);
    CU_ASSERT_EQUAL(case_validate(&c, D(2026, 11, 21)).problem, CASE_BIRTH_IN_FUTURE);
    c.name_latin[0] = '\0';
    CU_ASSERT_EQUAL(case_validate(&c, D(2026, 11, 21)).problem, CASE_NAME_MISSING);
}

static void test_case_child_at_18th_birthday(void)
{
    tc_case c = valid_case();
    c.birth = D(2008, 11, 21);
    c.date_met = D(2026, 1, 5);
    CU_ASSERT_EQUAL(case_age_today(&c, D(2026, 11, 20), 25200), 17);
    CU_ASSERT_TRUE(case_is_child(&c, D(2026, 11, 20), 25200));
    CU_ASSERT_EQUAL(case_age_today(&c, D(2026, 11, 21), 25200), 18);
    CU_ASSERT_FALSE(case_is_child(&c, D(2026, 11, 21), 25200));

    c.birth = D(2008, 2, 29);
    c.date_met = D(2025, 1, 5);
    CU_ASSERT_TRUE(case_is_child(&c, D(2026, 2, 28), 25200));
    CU_ASSERT_FALSE(case_is_child(&c, D(2026, 3, 1), 25200));
}

static void test_case_child_from_estimated_age(void)
{
    tc_case c = valid_case();
    c.birth_known = false;
    c.estimated_age = 17;
    c.date_met = D(2025, 6, 15);
    /* The estimate was 17 on the day met: 18 a year later to the day. */
    CU_ASSERT_EQUAL(case_age_today(&c, D(2025, 6, 15), 25200), 17);
    CU_ASSERT_EQUAL(case_age_today(&c, D(2026, 6, 14), 25200), 17);
    CU_ASSERT_TRUE(case_is_child(&c, D(2026, 6, 14), 25200));
    CU_ASSERT_EQUAL(case_age_today(&c, D(2026, 6, 15), 25200), 18);
    CU_ASSERT_FALSE(case_is_child(&c, D(2026, 6, 15), 25200));

    /* No date met: counted from the day the record was created, in Thai
     * civil time (17:30 UTC on 14 June is 00:30 on 15 June in Bangkok). */
    c.date_met_known = false;
    CU_ASSERT_TRUE(timestamp_parse_iso("2025-06-14T17:30:00Z", &c.created_at));
    CU_ASSERT_TRUE(case_is_child(&c, D(2026, 6, 14), 25200));
    CU_ASSERT_FALSE(case_is_child(&c, D(2026, 6, 15), 25200));
    /* At UTC the record was made on 14 June, so the anniversary is a day
     * earlier: the offset given is the one that counts. */
    CU_ASSERT_FALSE(case_is_child(&c, D(2026, 6, 14), 0));

    /* Not saved yet: the estimate is today's age. */
    c.created_at = 0;
    CU_ASSERT_EQUAL(case_age_today(&c, D(2030, 1, 1), 25200), 17);

    /* Unknown age is not a child. */
    c.estimated_age = -1;
    CU_ASSERT_EQUAL(case_age_today(&c, D(2026, 6, 15), 25200), -1);
    CU_ASSERT_FALSE(case_is_child(&c, D(2026, 6, 15), 25200));

    /* A known birth date wins over an estimate. */
    c.estimated_age = 10;
    c.birth_known = true;
    c.birth = D(1990, 1, 1);
    CU_ASSERT_EQUAL(case_age_today(&c, D(2026, 6, 15), 25200), 36);
}

static void test_case_display_name(void)
{
    tc_case c;
    case_init(&c);
    CU_ASSERT_STRING_EQUAL(case_display_name(&c), "");
    snprintf(c.name_original, sizeof c.name_original, "\xE1\x80\x80");
    CU_ASSERT_STRING_EQUAL(case_display_name(&c), "\xE1\x80\x80");
    snprintf(c.name_latin, sizeof c.name_latin, "Aung");
    CU_ASSERT_STRING_EQUAL(case_display_name(&c), "Aung");
    snprintf(c.name_thai, sizeof c.name_thai, "\xE0\xB8\xAD\xE0\xB8\xAD\xE0\xB8\x87");
    CU_ASSERT_STRING_EQUAL(case_display_name(&c), "\xE0\xB8\xAD\xE0\xB8\xAD\xE0\xB8\x87");
}

static void test_case_search_fold(void)
{
    static const struct { const char *in, *out; } rows[] = {
        { "Aung MIN", "aung min" },
        { "aung", "aung" },
        { "\xE0\xB8\xAA\xE0\xB8\xA1\xE0\xB8\x8A\xE0\xB8\xB2\xE0\xB8\xA2",
          "\xE0\xB8\xAA\xE0\xB8\xA1\xE0\xB8\x8A\xE0\xB8\xB2\xE0\xB8\xA2" },    /* สมชาย kept */
        { "\xE0\xB9\x94\xE0\xB9\x92", "42" },                                   /* ๔๒ */
        { "No.\xE0\xB9\x90\xE0\xB9\x99", "no.09" },
        { "\xC3\x89lise", "\xC3\x89lise" },       /* only ASCII is folded */
        { "", "" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char out[64];
        case_search_fold(rows[i].in, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, rows[i].out);
    }
    /* A small buffer never ends in half a character. */
    char small[5];
    case_search_fold("\xE0\xB8\xAA\xE0\xB8\xA1", small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "\xE0\xB8\xAA");
    case_search_fold("ABCDEFG", small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "abcd");
}

static bool key_contains(const tc_case *c, const char *term)
{
    char key[1024], folded[256];
    case_search_key(c, key, sizeof key);
    case_search_fold(term, folded, sizeof folded);
    return strstr(key, folded) != NULL;
}

static void test_case_search_key(void)
{
    tc_case c;
    case_init(&c);
    snprintf(c.name_thai, sizeof c.name_thai,
             "\xE0\xB8\xAD\xE0\xB8\xAD\xE0\xB8\x87 \xE0\xB8\xA1\xE0\xB8\xB4\xE0\xB8\x99");
    snprintf(c.name_latin, sizeof c.name_latin, "Aung Min");
    snprintf(c.aliases, sizeof c.aliases, "Ko Aung, Maung\xE0\xB9\x92");
    char key[512];
    case_search_key(&c, key, sizeof key);
    CU_ASSERT_STRING_EQUAL(key, "\xE0\xB8\xAD\xE0\xB8\xAD\xE0\xB8\x87 \xE0\xB8\xA1\xE0\xB8\xB4\xE0\xB8\x99"
                                "\x1f" "aung min\x1f" "ko aung\x1f" "maung2");
    CU_ASSERT_TRUE(key_contains(&c, "aung"));
    CU_ASSERT_TRUE(key_contains(&c, "AUNG MIN"));
    CU_ASSERT_TRUE(key_contains(&c, "\xE0\xB8\xA1\xE0\xB8\xB4\xE0\xB8\x99"));   /* มิน */
    CU_ASSERT_TRUE(key_contains(&c, "maung\xE0\xB9\x92"));
    CU_ASSERT_FALSE(key_contains(&c, "minko"));     /* never across two names */
    CU_ASSERT_FALSE(key_contains(&c, "aung,"));
    CU_ASSERT_FALSE(key_contains(&c, "zaw"));
    /* Truncation keeps the key NUL-terminated and whole characters. */
    char small[8];
    case_search_key(&c, small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "\xE0\xB8\xAD\xE0\xB8\xAD");
}

/* -------------------------------------------------------------- labels */

static void test_every_label_is_a_msgid(void)
{
    for (int r = 0; r < ROLE_COUNT; r++)
        CU_ASSERT_TRUE(role_label((officer_role)r)[0] != '\0');
    for (int p = OFFICER_OK; p <= OFFICER_ROLE_INVALID; p++)
        CU_ASSERT_TRUE(officer_problem_text((officer_problem)p)[0] != '\0');
    for (int p = PASSPHRASE_OK; p <= PASSPHRASE_MISMATCH; p++)
        CU_ASSERT_TRUE(passphrase_problem_text((passphrase_problem)p)[0] != '\0');
    for (int p = CASE_OK; p < CASE_PROBLEM_COUNT; p++) {
        const char *text = case_problem_text((case_problem)p);
        CU_ASSERT_TRUE(text[0] != '\0');
        /* Each problem has its own wording. */
        for (int q = CASE_OK; q < p; q++)
            CU_ASSERT_TRUE(strcmp(text, case_problem_text((case_problem)q)) != 0);
    }
    for (int s = 0; s < SEX_COUNT; s++) {
        CU_ASSERT_TRUE(sex_label((tc_sex)s)[0] != '\0');
        tc_sex back = SEX_COUNT;
        CU_ASSERT_TRUE(sex_from_code(sex_code((tc_sex)s), &back));
        CU_ASSERT_EQUAL(back, (tc_sex)s);
    }
    tc_sex sx = SEX_UNKNOWN;
    CU_ASSERT_TRUE(sex_from_code("f", &sx) && sx == SEX_FEMALE);
    CU_ASSERT_TRUE(sex_from_code("m", &sx) && sx == SEX_MALE);
    CU_ASSERT_TRUE(sex_from_code("x", &sx) && sx == SEX_OTHER);
    CU_ASSERT_FALSE(sex_from_code("woman", &sx));

    static const char *const codes[] = { "labour_inspection", "border_checkpoint", "shelter",
                                         "hotline_1300", "police_operation", "ngo", "embassy",
                                         "self_referral", "other" };
    int n = 0;
    const entry_point *all = entry_points(&n);
    CU_ASSERT_EQUAL(n, (int)COUNT(codes));
    for (int i = 0; i < n && i < (int)COUNT(codes); i++) {
        CU_ASSERT_STRING_EQUAL(all[i].code, codes[i]);
        CU_ASSERT_TRUE(all[i].label[0] != '\0');
        CU_ASSERT_PTR_EQUAL(entry_point_find(codes[i]), &all[i]);
    }
    CU_ASSERT_PTR_NULL(entry_point_find("Shelter"));
    CU_ASSERT_STRING_EQUAL(entry_point_find("embassy")->label, "Embassy or consulate");
}

/* --------------------------------------------------------------- codes */

/* Every enum's *_code(), *_from_code() and *_label() rest on these: an
 * unknown code is not found, an out-of-range value has no code and the
 * caller's fallback label. */
static void test_codes_lookup(void)
{
    static const code_label table[] = {
        { "", "Not answered" },
        { "yes", "Yes" },
        { "no", "No" },
    };
    static const struct { const char *code; bool found; int index; } rows[] = {
        { "yes", true, 1 },
        { "no", true, 2 },
        { "", true, 0 },
        { "YES", false, -1 },
        { "ye", false, -1 },
        { "yes ", false, -1 },
        { NULL, false, -1 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        int index = -1;
        CU_ASSERT_EQUAL(codes_find(table, 3, rows[i].code, &index), rows[i].found);
        CU_ASSERT_EQUAL(index, rows[i].index);
    }
    CU_ASSERT_STRING_EQUAL(codes_code(table, 3, 2), "no");
    CU_ASSERT_STRING_EQUAL(codes_code(table, 3, 3), "");
    CU_ASSERT_STRING_EQUAL(codes_code(table, 3, -1), "");
    CU_ASSERT_STRING_EQUAL(codes_label(table, 3, 1, "Unknown"), "Yes");
    CU_ASSERT_STRING_EQUAL(codes_label(table, 3, 3, "Unknown"), "Unknown");
    CU_ASSERT_STRING_EQUAL(codes_label(table, 3, -1, ""), "");
}

static CU_TestInfo codes_tests[] = {
    { "find, code and label, with fallbacks", test_codes_lookup },
    CU_TEST_INFO_NULL
};

static CU_TestInfo utf8_tests[] = {
    { "decode: valid, overlong, surrogate, too large, truncated", test_utf8_decode_table },
    { "encode round-trips every length, refuses non-scalars", test_utf8_encode_round_trip },
    { "valid and length", test_utf8_valid_and_length },
    { "control and bidi characters", test_utf8_controls },
    { "bidi controls anywhere in a string", test_utf8_has_bidi_control },
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

static CU_TestInfo officer_tests[] = {
    { "role codes and labels", test_role_codes },
    { "officer validation table", test_officer_validate },
    { "passphrase rules count characters", test_passphrase_check },
    CU_TEST_INFO_NULL
};

static CU_TestInfo geo_tests[] = {
    { "every country: sorted, names in both languages", test_geo_countries_table },
    { "77 provinces: sorted, names in both languages", test_geo_provinces_table },
    { "country lookup by code, Thai, English, old names", test_geo_country_lookup },
    { "province lookup", test_geo_province_lookup },
    CU_TEST_INFO_NULL
};

static CU_TestInfo caseref_tests[] = {
    { "store codes use Crockford base32", test_storecode },
    { "format", test_caseref_format },
    { "parse tolerates case and misreadings", test_caseref_parse },
    { "unique across stores, round trip", test_caseref_unique_and_round_trip },
    CU_TEST_INFO_NULL
};

static CU_TestInfo caserec_tests[] = {
    { "a blank case", test_case_init },
    { "validation table", test_case_validate_table },
    { "first problem in form order", test_case_validate_form_order },
    { "child until the 18th birthday", test_case_child_at_18th_birthday },
    { "child from estimated age", test_case_child_from_estimated_age },
    { "display name", test_case_display_name },
    { "search fold", test_case_search_fold },
    { "search key", test_case_search_key },
    { "every enum value has a label", test_every_label_is_a_msgid },
    CU_TEST_INFO_NULL
};

/* ---- tsv: the shared text rules of the data files ---- */

typedef struct seen_lines {
    int n;
    char text[8][32];
    int numbers[8];
    int stop_at;            /* return false on this line number (0: never) */
} seen_lines;

static bool remember_line(void *ctx, char *line, int number)
{
    seen_lines *s = ctx;
    if (s->n < 8) {
        snprintf(s->text[s->n], sizeof s->text[0], "%s", line);
        s->numbers[s->n++] = number;
    }
    return number != s->stop_at;
}

static void test_tsv_lines_lf_and_crlf(void)
{
    char text[] = "a\tb\r\n\n# c\nlast";
    seen_lines s = { 0 };
    int nul = -1;
    CU_ASSERT_TRUE(tsv_each_line(text, strlen(text), remember_line, &s, &nul));
    CU_ASSERT_EQUAL(nul, 0);
    CU_ASSERT_EQUAL(s.n, 4);
    CU_ASSERT_STRING_EQUAL(s.text[0], "a\tb");      /* CR removed */
    CU_ASSERT_STRING_EQUAL(s.text[1], "");
    CU_ASSERT_STRING_EQUAL(s.text[3], "last");      /* no final newline */
    CU_ASSERT_EQUAL(s.numbers[3], 4);
}

static void test_tsv_stops_where_the_reader_stops(void)
{
    char text[] = "1\n2\n3\n";
    seen_lines s = { .stop_at = 2 };
    int nul = -1;
    CU_ASSERT_FALSE(tsv_each_line(text, strlen(text), remember_line, &s, &nul));
    CU_ASSERT_EQUAL(nul, 0);
    CU_ASSERT_EQUAL(s.n, 2);
}

static void test_tsv_nul_names_its_line(void)
{
    char text[] = "one\ntw\0o\nthree";
    seen_lines s = { 0 };
    int nul = 0;
    CU_ASSERT_FALSE(tsv_each_line(text, sizeof text - 1, remember_line, &s, &nul));
    CU_ASSERT_EQUAL(nul, 2);
    CU_ASSERT_EQUAL(s.n, 0);        /* nothing read from a file that lies */
}

static void test_tsv_check_line(void)
{
    CU_ASSERT_EQUAL(tsv_check_line("code\tชื่อ\tname"), TSV_OK);
    CU_ASSERT_EQUAL(tsv_check_line("bad\x01"), TSV_CONTROL_CHAR);
    CU_ASSERT_EQUAL(tsv_check_line("rlo\xe2\x80\xae"), TSV_CONTROL_CHAR);   /* U+202E */
    CU_ASSERT_EQUAL(tsv_check_line("\xff"), TSV_NOT_UTF8);
}

static void test_tsv_split_counts(void)
{
    char line[] = "a\tb\t\tc";
    char *f[4];
    CU_ASSERT_EQUAL(tsv_split(line, f, 4), 4);
    CU_ASSERT_STRING_EQUAL(f[2], "");
    CU_ASSERT_STRING_EQUAL(f[3], "c");
    char many[] = "a\tb\tc";
    CU_ASSERT_EQUAL(tsv_split(many, f, 2), 3);      /* more than max */
}

static CU_TestInfo tsv_tests[] = {
    { "LF and CRLF lines, numbered from 1", test_tsv_lines_lf_and_crlf },
    { "stops where the reader stops", test_tsv_stops_where_the_reader_stops },
    { "a NUL byte names its line and reads nothing", test_tsv_nul_names_its_line },
    { "control, bidi and bad UTF-8 refused", test_tsv_check_line },
    { "fields cut at TAB, too many counted", test_tsv_split_counts },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "utf8", NULL, NULL, NULL, NULL, utf8_tests },
    { "codes", NULL, NULL, NULL, NULL, codes_tests },
    { "caldate", NULL, NULL, NULL, NULL, caldate_tests },
    { "officer", NULL, NULL, NULL, NULL, officer_tests },
    { "geo", NULL, NULL, NULL, NULL, geo_tests },
    { "caseref", NULL, NULL, NULL, NULL, caseref_tests },
    { "caserec", NULL, NULL, NULL, NULL, caserec_tests },
    { "tsv", NULL, NULL, NULL, NULL, tsv_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_core", suites);
}
