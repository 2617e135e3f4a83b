/* test_report_screen.c - the rules of the report screen that need no
 * terminal (tui/report_view.h): how long a bar is for a figure, how a
 * figure, a hidden cell and a share read, the columns at 80 and at other
 * widths (measured in display cells, Thai included), which lines of a
 * scrolled table show, the period a kind chosen from the list means, the
 * file a typed path names and the one offered first; and the keys of the
 * report screen on a US and a Thai keyboard layout. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n/textwidth.h"
#include "tui/keys.h"
#include "tui/report_view.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- bars ---------------------------------------------------------------------- */

static void test_bar_cells_scale_to_the_largest(void)
{
    static const struct {
        const char *name;
        int64_t n, max;
        int width, want;
    } rows[] = {
        { "nothing has no bar", 0, 10, 20, 0 },
        { "a negative figure has no bar", -3, 10, 20, 0 },
        { "no largest figure: no bar", 5, 0, 20, 0 },
        { "no room: no bar", 5, 10, 0, 0 },
        { "the largest fills the width", 10, 10, 20, 20 },
        { "above the largest still fills it", 12, 10, 20, 20 },
        { "half is half", 5, 10, 20, 10 },
        { "rounded to the nearest cell", 1, 3, 20, 7 },
        { "a small figure still shows", 1, 1000, 20, 1 },
        { "only the largest fills the width", 999, 1000, 20, 19 },
        { "one cell of room", 1, 2, 1, 1 },
        { "100,000 cases", 61234, 100000, 56, 34 },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(report_bar_cells(rows[i].n, rows[i].max, rows[i].width) == rows[i].want,
                  rows[i].name);
}

static void test_bar_text_is_blocks_one_column_each(void)
{
    char out[64];
    report_bar_text(3, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88");
    CU_ASSERT_EQUAL(text_columns(out), 3);
    report_bar_text(0, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "");
    /* Too little room: whole glyphs only, never half a character. */
    char small[8];
    report_bar_text(5, small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "\xE2\x96\x88\xE2\x96\x88");
}

/* ---- figures as text -------------------------------------------------------------- */

static void test_numbers_group_thousands(void)
{
    static const struct { int64_t n; const char *want; } rows[] = {
        { 0, "0" }, { 7, "7" }, { 950, "950" }, { 1000, "1,000" }, { 12345, "12,345" },
        { 100000, "100,000" }, { 1234567, "1,234,567" }, { -1000, "-1,000" },
        { INT64_MIN, "-9,223,372,036,854,775,808" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char out[64];
        report_number_text(rows[i].n, out, sizeof out);
        CHECK_ROW(!strcmp(out, rows[i].want), rows[i].want);
    }
}

static void test_hidden_cells_read_under_k(void)
{
    char out[32];
    report_cell hidden = { 7, true }, shown = { 7, false }, big = { 2500, false };
    report_cell_text(hidden, 11, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "<11");
    report_cell_text(hidden, 5, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "<5");
    /* A table not marked with its k still never shows the figure. */
    report_cell_text(hidden, 0, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "<11");
    report_cell_text(shown, 11, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "7");
    report_cell_text(big, 0, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "2,500");
}

static void test_shares_are_whole_percentages(void)
{
    static const struct { int64_t n, total; const char *want; } rows[] = {
        { 1, 3, "33%" }, { 2, 3, "67%" }, { 0, 5, "0%" }, { 5, 5, "100%" },
        { 1, 1000, "<1%" }, { 5, 0, "" }, { 12, 10, "120%" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char out[16];
        report_share_text(rows[i].n, rows[i].total, out, sizeof out);
        CHECK_ROW(!strcmp(out, rows[i].want), rows[i].want);
    }
}

static void test_align_right_counts_display_cells(void)
{
    char out[64];
    report_align_right("12", 5, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "   12");
    /* "จำนวน" is 5 columns in 15 bytes: two spaces make it 7. */
    report_align_right("จำนวน", 7, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "  จำนวน");
    report_align_right("12,345", 3, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "12,345");
}

/* ---- columns ------------------------------------------------------------------------ */

/* Where the columns end: from x = 1, a space before each one after the
 * label (the bar only when there is one). */
static int layout_end(const report_cols *c)
{
    int x = 1 + c->label;
    for (int i = 0; i < c->n_num; i++)
        x += 1 + c->num[i];
    return c->bar ? x + 1 + c->bar : x;
}

static void test_layout_at_80_columns(void)
{
    int nums[2] = { 6, 4 };
    report_cols c = report_layout(80, 12, nums, 2, true);
    CU_ASSERT_EQUAL(c.label, 12);
    CU_ASSERT_EQUAL(c.num[0], 6);
    CU_ASSERT_EQUAL(c.num[1], 4);
    CU_ASSERT_EQUAL(c.n_num, 2);
    CU_ASSERT_EQUAL(c.bar, 80 - 2 - 7 - 5 - 12 - 1);
    CU_ASSERT_EQUAL(layout_end(&c), 79);
}

static void test_layout_long_labels_leave_room_for_bars(void)
{
    int nums[1] = { 7 };
    /* A province or an exploitation type in Thai can be 60 columns. */
    report_cols c = report_layout(80, 60, nums, 1, true);
    int rest = 80 - 2 - 8;
    CU_ASSERT_EQUAL(c.label, rest * 3 / 5);
    CU_ASSERT(c.bar >= rest - rest * 3 / 5 - 1);
    CU_ASSERT_EQUAL(layout_end(&c), 79);
    /* Without a bar the label takes everything. */
    c = report_layout(80, 60, nums, 1, false);
    CU_ASSERT_EQUAL(c.label, rest);
    CU_ASSERT_EQUAL(c.bar, 0);
}

static void test_layout_never_negative(void)
{
    int nums[3] = { 8, 8, 8 };
    static const int widths[] = { 0, 1, 10, 20, 30, 40, 80, 200 };
    for (size_t i = 0; i < COUNT(widths); i++) {
        for (int bar = 0; bar < 2; bar++) {
            report_cols c = report_layout(widths[i], 50, nums, 3, bar);
            CHECK_ROW(c.label >= 0 && c.bar >= 0, "no negative column");
            CHECK_ROW(c.num[0] == 8 && c.num[2] == 8, "numbers are never cut");
            if (widths[i] >= 40)
                CHECK_ROW(layout_end(&c) <= widths[i] - 1, "fits the width");
        }
    }
    /* More figure columns than there are: only the ones there are. */
    int four[4] = { 3, 3, 3, 3 };
    report_cols c = report_layout(80, 5, four, 4, true);
    CU_ASSERT_EQUAL(c.n_num, REPORT_VIEW_NUMS);
}

static void test_layout_a_short_label_is_not_widened(void)
{
    int nums[1] = { 3 };
    report_cols c = report_layout(80, 4, nums, 1, true);
    CU_ASSERT_EQUAL(c.label, 4);
    CU_ASSERT_EQUAL(layout_end(&c), 79);
}

/* ---- scrolling -------------------------------------------------------------------------- */

static void test_clamp_top_keeps_a_full_page(void)
{
    static const struct { const char *name; int top, n, page, want; } rows[] = {
        { "at the start", 0, 40, 17, 0 },
        { "in the middle", 10, 40, 17, 10 },
        { "past the last page", 30, 40, 17, 23 },
        { "far past the end (End)", 1 << 30, 40, 17, 23 },
        { "above the start", -5, 40, 17, 0 },
        { "shorter than a page", 3, 5, 17, 0 },
        { "nothing at all", 2, 0, 17, 0 },
        { "no room", 2, 10, 0, 2 },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(report_clamp_top(rows[i].top, rows[i].n, rows[i].page) == rows[i].want,
                  rows[i].name);
}

/* ---- periods ---------------------------------------------------------------------------- */

static bool period_is(report_period p, report_period_kind kind, const char *from,
                      const char *to)
{
    return p.kind == kind && caldate_compare(p.from, harness_day(from)) == 0 &&
           caldate_compare(p.to, harness_day(to)) == 0;
}

static void test_kind_chosen_holds_today_when_the_period_does(void)
{
    /* Fiscal year 2570 runs 1 Oct 2026 - 30 Sep 2027; today is in it. */
    report_period fy = report_period_fiscal_year(2570);
    caldate today = harness_day("2026-11-22");
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_MONTH, fy, today), PERIOD_MONTH,
                        "2026-11-01", "2026-11-30"));
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_CALENDAR_YEAR, fy, today),
                        PERIOD_CALENDAR_YEAR, "2026-01-01", "2026-12-31"));
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_ASEAN_HALF, fy, today), PERIOD_ASEAN_HALF,
                        "2026-07-01", "2026-12-31"));
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_FISCAL_YEAR, fy, today),
                        PERIOD_FISCAL_YEAR, "2026-10-01", "2027-09-30"));
}

static void test_kind_chosen_holds_the_last_day_of_a_past_period(void)
{
    /* Fiscal year 2569 is over on 22 Nov 2026: its last day decides. */
    report_period fy = report_period_fiscal_year(2569);
    caldate today = harness_day("2026-11-22");
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_MONTH, fy, today), PERIOD_MONTH,
                        "2026-09-01", "2026-09-30"));
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_ASEAN_HALF, fy, today), PERIOD_ASEAN_HALF,
                        "2026-07-01", "2026-12-31"));
    /* And back from March 2026 to its fiscal year, 2569. */
    report_period march = report_period_month(2026, 3);
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_FISCAL_YEAR, march, today),
                        PERIOD_FISCAL_YEAR, "2025-10-01", "2026-09-30"));
    CU_ASSERT(period_is(report_period_of_kind(PERIOD_ASEAN_HALF, march, today),
                        PERIOD_ASEAN_HALF, "2026-01-01", "2026-06-30"));
    /* A range is typed, never made up. */
    report_period got = report_period_of_kind(PERIOD_RANGE, march, today);
    CU_ASSERT(period_is(got, PERIOD_MONTH, "2026-03-01", "2026-03-31"));
}

/* ---- the file ---------------------------------------------------------------------------- */

static void test_file_path_typed(void)
{
    static const struct {
        const char *name, *typed, *home, *want;     /* want NULL: refused */
    } rows[] = {
        { "in the home directory", "~/r.csv", "/home/somchai", "/home/somchai/r.csv" },
        { "a home ending in /", "~/r.csv", "/home/somchai/", "/home/somchai/r.csv" },
        { "spaces around", "  /tmp/x.csv  ", "/home/a", "/tmp/x.csv" },
        { "relative to where tipcase runs", "r.csv", "/home/a", "r.csv" },
        { "Thai in the name", "~/รายงาน.csv", "/home/a", "/home/a/รายงาน.csv" },
        { "another user's ~ is not expanded", "~nok/r.csv", "/home/a", "~nok/r.csv" },
        { "nothing typed", "   ", "/home/a", NULL },
        { "the home directory itself", "~", "/home/a", NULL },
        { "no home known", "~/r.csv", NULL, NULL },
        { "an empty home", "~/r.csv", "", NULL },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char out[256];
        bool ok = report_file_path(rows[i].typed, rows[i].home, out, sizeof out);
        if (rows[i].want)
            CHECK_ROW(ok && !strcmp(out, rows[i].want), rows[i].name);
        else
            CHECK_ROW(!ok && !out[0], rows[i].name);
    }
    char tiny[8];
    CU_ASSERT_FALSE(report_file_path("/tmp/a-long-name.csv", NULL, tiny, sizeof tiny));
}

static void test_file_offered_first(void)
{
    char out[128];
    report_file_default(report_period_fiscal_year(2569), REPORT_FORMAT_CSV, false, out,
                        sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "~/tipcase-report-fy2569.csv");
    report_file_default(report_period_fiscal_year(2569), REPORT_FORMAT_TEXT, true, out,
                        sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "~/tipcase-report-fy2569-outside.txt");
    report_file_default(report_period_month(2026, 10), REPORT_FORMAT_CSV, false, out,
                        sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "~/tipcase-report-2026-10.csv");
    char path[256];
    report_file_default(report_period_asean_half(2026, 1), REPORT_FORMAT_CSV, false, out,
                        sizeof out);
    CU_ASSERT(report_file_path(out, "/home/a", path, sizeof path));
    CU_ASSERT_STRING_EQUAL(path, "/home/a/tipcase-report-2026h1.csv");
}

/* ---- keys -------------------------------------------------------------------------------- */

static void test_case_list_opens_reports_with_T(void)
{
    CU_ASSERT_EQUAL(keys_action(KEYS_CASE_LIST, harness_key('T')), ACT_REPORT);
    /* Shift-t on the Thai layout is another character: T stays English. */
    CU_ASSERT_EQUAL(keys_action(KEYS_CASE_LIST, harness_key('t')), ACT_NONE);
}

static void test_report_keys_on_both_layouts(void)
{
    static const struct { const char *name; ui_key k; key_action want; } rows[] = {
        { "[ previous period", { false, '[', false }, ACT_PERIOD_PREV },
        { "] next period", { false, ']', false }, ACT_PERIOD_NEXT },
        { "left arrow", { true, KEY_LEFT, false }, ACT_PERIOD_PREV },
        { "right arrow", { true, KEY_RIGHT, false }, ACT_PERIOD_NEXT },
        { "p kind", { false, 'p', false }, ACT_PERIOD_KIND },
        { "ย is p", { false, 0x0e22, false }, ACT_PERIOD_KIND },
        { "d breakdown", { false, 'd', false }, ACT_BREAKDOWN },
        { "ก is d", { false, 0x0e01, false }, ACT_BREAKDOWN },
        { "b breakdown list", { false, 'b', false }, ACT_BREAKDOWN_PICK },
        { "m measure", { false, 'm', false }, ACT_MEASURE },
        { "M measure back", { false, 'M', false }, ACT_MEASURE_PREV },
        { "t tags", { false, 't', false }, ACT_TAGS },
        { "ะ is t", { false, 0x0e30, false }, ACT_TAGS },
        { "o outside", { false, 'o', false }, ACT_OUTSIDE },
        { "น is o", { false, 0x0e19, false }, ACT_OUTSIDE },
        { "w write", { false, 'w', false }, ACT_WRITE },
        { "ไ is w", { false, 0x0e44, false }, ACT_WRITE },
        { "Tab next section", { false, '\t', false }, ACT_TAB_NEXT },
        { "Shift-Tab previous section", { true, KEY_BTAB, false }, ACT_TAB_PREV },
        { "3 the third section", { false, '3', false }, ACT_TAB_3 },
        { "Thai digit 5", { false, 0x0e55, false }, ACT_TAB_5 },
        { "Enter opens", { false, '\r', false }, ACT_OPEN },
        { "Esc back", { false, 27, false }, ACT_BACK },
        { "q back", { false, 'q', false }, ACT_BACK },
        { "down scrolls", { true, KEY_DOWN, false }, ACT_DOWN },
        { "? help", { false, '?', false }, ACT_HELP },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(keys_action_any_layout(KEYS_REPORT, rows[i].k) == rows[i].want, rows[i].name);
    CU_ASSERT_EQUAL(keys_action(KEYS_REPORT, harness_fkey(KEY_F(2))), ACT_LANGUAGE);
}

/* Every key the help names says what it does; the key line has the help
 * key, so whatever does not fit at 80 columns can be found. */
static void test_report_keys_all_explained(void)
{
    bool help_hint = false;
    for (const key_binding *b = KEYS_REPORT; b->action != ACT_NONE; b++) {
        if (b->label)
            CHECK_ROW(b->help && b->help[0], b->label);
        if (b->hint)
            CHECK_ROW(b->label != NULL, b->hint);
        help_hint |= b->action == ACT_HELP && b->hint;
    }
    CU_ASSERT(help_hint);
}

static CU_TestInfo bar_tests[] = {
    { "bar cells scale to the largest figure", test_bar_cells_scale_to_the_largest },
    { "bar text is blocks, one column each", test_bar_text_is_blocks_one_column_each },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo figure_tests[] = {
    { "numbers group thousands", test_numbers_group_thousands },
    { "hidden cells read <k", test_hidden_cells_read_under_k },
    { "shares are whole percentages", test_shares_are_whole_percentages },
    { "right alignment counts display cells", test_align_right_counts_display_cells },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo layout_tests[] = {
    { "80 columns", test_layout_at_80_columns },
    { "long labels leave room for the bars", test_layout_long_labels_leave_room_for_bars },
    { "never negative, numbers never cut", test_layout_never_negative },
    { "a short label is not widened", test_layout_a_short_label_is_not_widened },
    { "scrolling keeps a full page", test_clamp_top_keeps_a_full_page },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo period_tests[] = {
    { "a kind holds today when the period does",
      test_kind_chosen_holds_today_when_the_period_does },
    { "a kind holds the last day of a past period",
      test_kind_chosen_holds_the_last_day_of_a_past_period },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo file_tests[] = {
    { "the path typed", test_file_path_typed },
    { "the file offered first", test_file_offered_first },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo key_tests[] = {
    { "T on the case list", test_case_list_opens_reports_with_T },
    { "the report's keys on both layouts", test_report_keys_on_both_layouts },
    { "every key explained", test_report_keys_all_explained },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "bars", NULL, NULL, NULL, NULL, bar_tests },
    { "figures", NULL, NULL, NULL, NULL, figure_tests },
    { "layout", NULL, NULL, NULL, NULL, layout_tests },
    { "periods", NULL, NULL, NULL, NULL, period_tests },
    { "file", NULL, NULL, NULL, NULL, file_tests },
    { "keys", NULL, NULL, NULL, NULL, key_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_report_screen", suites);
}
