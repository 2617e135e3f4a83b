/* test_timeinput.c - moments typed and shown by officers (tui/timeinput.h):
 * either era, Thai digits and the Thai "น.", the officers' UTC+7 across
 * midnight, month and year ends, and how the time left reads. */
#include "config.h"
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "core/caldate.h"
#include "tests/harness.h"
#include "tui/timeinput.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BANGKOK (7 * 3600)

static int64_t iso(const char *text)
{
    int64_t t = 0;
    CU_ASSERT_FATAL(timestamp_parse_iso(text, &t));
    return t;
}

static void test_moments_read_in_either_era(void)
{
    static const struct { const char *typed, *utc; } cases[] = {
        { "21/11/2569 14:30", "2026-11-21T07:30:00Z" },
        { "21/11/2026 14:30", "2026-11-21T07:30:00Z" },
        { "2026-11-21 14:30", "2026-11-21T07:30:00Z" },
        { "  21/11/2569   14:30  ", "2026-11-21T07:30:00Z" },
        { "21/11/2569 14.30 น.", "2026-11-21T07:30:00Z" },
        { "21/11/2569 14.30น.", "2026-11-21T07:30:00Z" },
        { "๒๑/๑๑/๒๕๖๙ ๑๔.๓๐ น.", "2026-11-21T07:30:00Z" },
        { "21 พ.ย. 2569 14.30 น.", "2026-11-21T07:30:00Z" },
        { "21 Nov 2026 14:30", "2026-11-21T07:30:00Z" },
        { "21/11/2569 7:05", "2026-11-21T00:05:00Z" },
        /* Before 07:00 in Bangkok it is still the day before in UTC. */
        { "1/1/2570 00:00", "2026-12-31T17:00:00Z" },
        { "1/3/2569 06:59", "2026-02-28T23:59:00Z" },
        { "29/2/2567 06:00", "2024-02-28T23:00:00Z" },
        { "31/12/2569 23:59", "2026-12-31T16:59:00Z" },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t t = 0;
        const char *problem = moment_parse(cases[i].typed, BANGKOK, &t);
        if (problem)
            fprintf(stderr, "\n  %s: %s\n", cases[i].typed, problem);
        CU_ASSERT_PTR_NULL(problem);
        CU_ASSERT_EQUAL(t, iso(cases[i].utc));
    }
}

static void test_bad_moments_are_refused_and_nothing_written(void)
{
    static const char *const cases[] = {
        "", "   ", "21/11/2569", "14:30", "21/11/2569 24:00", "21/11/2569 14:60",
        "21/11/2569 14:3", "21/11/2569 143:00", "21/11/2569 14:30:00", "31/2/2569 10:00",
        "29/2/2568 10:00", "21/11/69 14:30", "yesterday 14:30", "21/11/2569 -1:30",
        /* runs of digits too long for an int (fuzz_dates found the overflow) */
        "21/11/2569 5133251332026:30", "21/11/2569 14:9999999999999",
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t t = 12345;
        const char *problem = moment_parse(cases[i], BANGKOK, &t);
        CU_ASSERT_PTR_NOT_NULL(problem);
        CU_ASSERT_EQUAL(t, 12345);
        if (!problem)
            fprintf(stderr, "\n  accepted: \"%s\"\n", cases[i]);
    }
    int64_t t = 0;
    char long_text[300];
    memset(long_text, '1', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    CU_ASSERT_PTR_NOT_NULL(moment_parse(long_text, BANGKOK, &t));
    CU_ASSERT_PTR_NOT_NULL(moment_parse(NULL, BANGKOK, &t));
}

static void test_moments_show_in_civil_time_and_read_back(void)
{
    static const struct { const char *utc, *shown; } cases[] = {
        { "2026-11-21T07:30:00Z", "21 Nov 2026 14:30" },
        { "2026-12-31T17:00:00Z", "1 Jan 2027 00:00" },
        { "2026-12-31T16:59:00Z", "31 Dec 2026 23:59" },
        { "2024-02-28T23:00:00Z", "29 Feb 2024 06:00" },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t t = iso(cases[i].utc), back = 0;
        char out[MOMENT_TEXT_MAX], input[MOMENT_TEXT_MAX];
        moment_format(t, BANGKOK, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, cases[i].shown);
        moment_format_input(t, BANGKOK, input, sizeof input);
        CU_ASSERT_PTR_NULL(moment_parse(input, BANGKOK, &back));
        CU_ASSERT_EQUAL(back, t);
    }
    char input[MOMENT_TEXT_MAX];
    moment_format_input(iso("2026-01-05T02:07:00Z"), BANGKOK, input, sizeof input);
    CU_ASSERT_STRING_EQUAL(input, "05/01/2026 09:07");
}

static void test_time_left_reads_plainly(void)
{
    static const struct { int64_t seconds; const char *words, *mark; } cases[] = {
        { 3 * 3600 + 20 * 60, "3 h 20 min", "4h" },
        { 3 * 3600, "3 h", "3h" },
        { 59 * 60, "59 min", "1h" },
        { 20 * 60, "20 min", "1h" },
        { 1, "0 min", "1h" },
        { 47 * 3600, "47 h", "47h" },
        { 2 * 86400 + 4 * 3600, "2 d 4 h", "2d" },
        { 45 * 86400, "45 d", "45d" },
        { 0, "overdue by 0 min", "late" },
        { -5 * 3600, "overdue by 5 h", "late" },
        { -(3 * 86400 + 3600), "overdue by 3 d 1 h", "late" },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char words[64], mark[16], phrase[80], expected[80];
        time_left_format(cases[i].seconds, words, sizeof words);
        time_left_words(cases[i].seconds, phrase, sizeof phrase);
        if (cases[i].seconds > 0)
            snprintf(expected, sizeof expected, "%s left", cases[i].words);
        else
            snprintf(expected, sizeof expected, "%s", cases[i].words);
        CU_ASSERT_STRING_EQUAL(phrase, expected);
        time_left_short(cases[i].seconds, mark, sizeof mark);
        CU_ASSERT_STRING_EQUAL(words, cases[i].words);
        CU_ASSERT_STRING_EQUAL(mark, cases[i].mark);
        if (strcmp(words, cases[i].words) || strcmp(mark, cases[i].mark))
            fprintf(stderr, "\n  %lld s: \"%s\" \"%s\"\n", (long long)cases[i].seconds, words,
                    mark);
    }
}

static CU_TestInfo moment_tests[] = {
    { "moments read in either era, Thai digits, across midnight", test_moments_read_in_either_era },
    { "bad moments are refused", test_bad_moments_are_refused_and_nothing_written },
    { "moments show in civil time and read back", test_moments_show_in_civil_time_and_read_back },
    { "time left reads plainly", test_time_left_reads_plainly },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "timeinput", NULL, NULL, NULL, NULL, moment_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    return harness_main("test_timeinput", suites);
}
