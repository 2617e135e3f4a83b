/* test_cli_values.c - the readers of numeric option and setting values:
 * cli_parse_count() (--width, --version-number, hours and days settings),
 * app_parse_fd() (--passphrase-fd) and app_setting_valid()'s lock_minutes.
 * Each takes ASCII digits and nothing else; tests/fuzz_options.c found
 * that spaces and signs before the digits slipped through strtol(). */
#include "tests/harness.h"

#include <stdio.h>
#include "tui/app.h"
#include "tui/cli_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_count_takes_digits_only(void)
{
    static const struct {
        const char *text;
        long max;
        bool ok;
        int value;
    } rows[] = {
        { "72", 200, true, 72 },
        { "1", 1, true, 1 },
        { "007", 200, true, 7 },
        { "0", 200, false, 0 },
        { "201", 200, false, 0 },
        { "", 200, false, 0 },
        { " 72", 200, false, 0 },
        { "\t72", 200, false, 0 },
        { "\n72", 200, false, 0 },
        { "+72", 200, false, 0 },
        { "-72", 200, false, 0 },
        { "72 ", 200, false, 0 },
        { "7x", 200, false, 0 },
        { "99999999999999999999", 2147483647L, false, 0 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        int n = -1;
        bool ok = cli_parse_count(rows[i].text, rows[i].max, &n);
        CU_ASSERT_EQUAL(ok, rows[i].ok);
        CU_ASSERT_EQUAL(n, rows[i].ok ? rows[i].value : -1);
        if (ok != rows[i].ok)
            printf("\n  count \"%s\": %s\n", rows[i].text, ok ? "accepted" : "refused");
    }
}

static void test_fd_takes_digits_only(void)
{
    static const struct {
        const char *text;
        bool ok;
        int fd;
    } rows[] = {
        { "0", true, 0 }, { "3", true, 3 }, { "1024", true, 1024 },
        { "1025", false, 0 }, { "", false, 0 }, { " 3", false, 0 },
        { "+3", false, 0 }, { "-0", false, 0 }, { "3 ", false, 0 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        int fd = -1;
        bool ok = app_parse_fd(rows[i].text, &fd);
        CU_ASSERT_EQUAL(ok, rows[i].ok);
        CU_ASSERT_EQUAL(fd, rows[i].ok ? rows[i].fd : -1);
    }
}

static void test_lock_minutes_takes_digits_only(void)
{
    static const struct {
        const char *text;
        bool ok;
    } rows[] = {
        { "1", true }, { "5", true }, { "240", true }, { "0", false }, { "241", false },
        { "", false }, { " 5", false }, { "+5", false }, { "5 ", false }, { "five", false },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_EQUAL(app_setting_valid("lock_minutes", rows[i].text), rows[i].ok);
}

static CU_TestInfo value_tests[] = {
    { "counts are ASCII digits only", test_count_takes_digits_only },
    { "descriptors are ASCII digits only", test_fd_takes_digits_only },
    { "lock minutes are ASCII digits only", test_lock_minutes_takes_digits_only },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "option values", NULL, NULL, NULL, NULL, value_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_cli_values", suites);
}
