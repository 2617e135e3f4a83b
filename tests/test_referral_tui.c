/* test_referral_tui.c - the rules of the referral screens that need no
 * terminal: which tabs the case view's tab bar names in full once there
 * are eight, where a handover sheet file goes and that it is written
 * private and whole, and the keys of the referral screens on a US and a
 * Thai keyboard layout. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_keys.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "tui/casefmt.h"
#include "tui/keys.h"
#include "tui/referral_sheet.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the tab bar ------------------------------------------------------------ */

/* Columns the bar takes: a full tab its width and a gap, a number 1 + 2. */
static int bar_columns(const int *w, const bool *full, int n)
{
    int used = 0;
    for (int i = 0; i < n; i++)
        used += full[i] ? w[i] + 1 : 3;
    return used;
}

static void test_tabs_fit(void)
{
    /* "1 Person" ... "8 Referrals" in English; the Thai labels' columns. */
    static const int en[8] = { 8, 8, 9, 12, 7, 7, 10, 11 };
    static const int th[8] = { 6, 11, 11, 11, 12, 6, 13, 9 };
    static const struct {
        const char *name;
        const int *w;
        int current, cols;
        const char *want;       /* 'F' full, 'n' number only, per tab */
    } rows[] = {
        { "English fits exactly at 80", en, 0, 80, "FFFFFFFF" },
        { "English at 79: the last tab gives way", en, 0, 79, "FFFFFFFn" },
        { "English at 79 on the last tab: the one before it", en, 7, 79, "FFFFFFnF" },
        { "Thai at 80: only the last tab is a number", th, 0, 80, "FFFFFFFn" },
        { "Thai at 80 on tab 8: tab 7 gives way", th, 7, 80, "FFFFFFnF" },
        { "Thai at 80 on tab 7: tab 8 gives way", th, 6, 80, "FFFFFFFn" },
        { "Thai at 120: everything", th, 3, 120, "FFFFFFFF" },
        { "very narrow: only the current tab in full", th, 2, 20, "nnFnnnnn" },
    };
    for (size_t r = 0; r < COUNT(rows); r++) {
        bool full[8];
        case_tabs_fit(rows[r].w, 8, rows[r].current, rows[r].cols, full);
        char got[9];
        for (int i = 0; i < 8; i++)
            got[i] = full[i] ? 'F' : 'n';
        got[8] = '\0';
        if (strcmp(got, rows[r].want))
            printf("\n    %s: got %s\n", rows[r].name, got);
        CU_ASSERT_STRING_EQUAL(got, rows[r].want);
        CU_ASSERT(full[rows[r].current]);
        /* It fits whenever it can: everything but the current tab numbered
         * is the least there is. */
        if (strchr(rows[r].want, 'F') != strrchr(rows[r].want, 'F') || rows[r].cols >= 40)
            CU_ASSERT(bar_columns(rows[r].w, full, 8) <= rows[r].cols);
    }
}

/* ---- the sheet's file ------------------------------------------------------ */

static void test_sheet_path(void)
{
    static const char id[] = "1a2b3c4d-5e6f-4a0b-8c1d-2e3f4a5b6c7d";
    static const struct {
        const char *dir, *home, *ref;
        size_t outsz;
        const char *want;       /* NULL: refused */
    } rows[] = {
        { "/tmp/x", "/home/a", "K7Q4X-2569-0001", 256,
          "/tmp/x/handover-K7Q4X-2569-0001-R-1a2b3c4d.txt" },
        { "/tmp/x/", "/home/a", "K7Q4X-2569-0001", 256,
          "/tmp/x/handover-K7Q4X-2569-0001-R-1a2b3c4d.txt" },
        { "  ~/sheets  ", "/home/a", "K7Q4X-2569-0001", 256,
          "/home/a/sheets/handover-K7Q4X-2569-0001-R-1a2b3c4d.txt" },
        { "~", "/home/a", "K7Q4X-2569-0001", 256,
          "/home/a/handover-K7Q4X-2569-0001-R-1a2b3c4d.txt" },
        { "~other", "/home/a", "A", 256, "~other/handover-A-R-1a2b3c4d.txt" },
        { "/", NULL, "A", 256, "/handover-A-R-1a2b3c4d.txt" },
        { "sheets", NULL, "A", 256, "sheets/handover-A-R-1a2b3c4d.txt" },
        /* A reference never names another directory. */
        { "/tmp", NULL, "../x/ก", 256, "/tmp/handover-___x____-R-1a2b3c4d.txt" },
        { "~", NULL, "A", 256, NULL },
        { "~/x", "", "A", 256, NULL },
        { "", "/home/a", "A", 256, NULL },
        { "   ", "/home/a", "A", 256, NULL },
        { "/tmp/x", NULL, "K7Q4X-2569-0001", 40, NULL },
    };
    for (size_t r = 0; r < COUNT(rows); r++) {
        char out[256] = "junk";
        bool ok = referral_sheet_path(rows[r].dir, rows[r].home, rows[r].ref, id, out,
                                      rows[r].outsz);
        if (ok != (rows[r].want != NULL) || (ok && strcmp(out, rows[r].want)))
            printf("\n    row %zu: got %d \"%s\"\n", r, ok, out);
        CU_ASSERT_EQUAL(ok, rows[r].want != NULL);
        CU_ASSERT_STRING_EQUAL(out, rows[r].want ? rows[r].want : "");
    }
}

static size_t files_in(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static bool file_is(const char *path, const char *want)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return f && !strcmp(buf, want);
}

static void test_private_file(void)
{
    char *dir = harness_tempdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char path[1024], missing[1024];
    snprintf(path, sizeof path, "%s/sheet.txt", dir);
    snprintf(missing, sizeof missing, "%s/no/sheet.txt", dir);
    struct stat sb;
    CU_ASSERT(private_file_write(path, "แบบส่งต่อ\n"));
    CU_ASSERT(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CU_ASSERT(file_is(path, "แบบส่งต่อ\n"));
    /* Written again: the new text whole, still private, no temporary left. */
    chmod(path, 0644);
    CU_ASSERT(private_file_write(path, "second\n"));
    CU_ASSERT(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CU_ASSERT(file_is(path, "second\n"));
    CU_ASSERT_EQUAL(files_in(dir), 1);
    errno = 0;
    CU_ASSERT_FALSE(private_file_write(missing, "x"));
    CU_ASSERT_EQUAL(errno, ENOENT);
    CU_ASSERT_EQUAL(files_in(dir), 1);
    harness_rmtree(dir);
    free(dir);
}

/* ---- keys -------------------------------------------------------------------- */

static void test_keys_on_both_layouts(void)
{
    static const struct {
        const key_binding *table;
        wchar_t us, thai;
        key_action want;
    } rows[] = {
        { KEYS_REFERRAL_VIEW, L's', L'ห', ACT_STATE },
        { KEYS_REFERRAL_VIEW, L'p', L'ย', ACT_SHEET },
        { KEYS_REFERRAL_VIEW, L'\r', 0, ACT_STATE },
        { KEYS_REFERRAL_DASH, L'a', L'ฟ', ACT_FILTER_AGENCY },
        { KEYS_REFERRAL_DASH, L'o', L'น', ACT_FILTER_OFFICER },
        { KEYS_REFERRAL_DASH, L's', L'ห', ACT_FILTER_STATE },
        { KEYS_REFERRAL_DASH, L'v', L'อ', ACT_FILTER_OVERDUE },
        { KEYS_REFERRAL_DASH, L'c', L'แ', ACT_FILTER_CLEAR },
        { KEYS_REFERRAL_DASH, L'\r', 0, ACT_OPEN },
        { KEYS_CASE_REFERRALS, L'n', L'ื', ACT_NEW },
        { KEYS_CASE_REFERRALS, L'\r', 0, ACT_OPEN },
        { KEYS_CASE_REFERRALS, L'8', L'ค', ACT_TAB_8 },
        { KEYS_AGENCY_LIST, L'n', L'ื', ACT_NEW },
        { KEYS_AGENCY_LIST, L'e', L'ำ', ACT_EDIT },
        { KEYS_AGENCY_LIST, L'r', L'พ', ACT_SHOW_RETIRED },
        { KEYS_AGENCY_LIST, L'/', 0, ACT_SEARCH },
        { KEYS_AGENCY_PICK, L'\r', 0, ACT_OPEN },
        { KEYS_AGENCY_VIEW, L'e', L'ำ', ACT_EDIT },
        { KEYS_CASE_LIST, L'R', 0, ACT_REFERRALS },
        { KEYS_CASE_LIST, L'A', 0, ACT_AGENCIES },
    };
    for (size_t r = 0; r < COUNT(rows); r++) {
        CU_ASSERT_EQUAL(keys_action_any_layout(rows[r].table, harness_key(rows[r].us)),
                        rows[r].want);
        if (rows[r].thai)
            CU_ASSERT_EQUAL(keys_action_any_layout(rows[r].table, harness_key(rows[r].thai)),
                            rows[r].want);
    }
    /* Choosing an agency: the new, edit and retired keys are not there. */
    CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_AGENCY_PICK, harness_key('n')), ACT_NONE);
    CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_AGENCY_PICK, harness_key('e')), ACT_NONE);
}

/* Every key the help shows says what it does, and every table can be left. */
static void test_every_table_has_help_and_a_way_back(void)
{
    const key_binding *tables[] = { KEYS_CASE_REFERRALS, KEYS_REFERRAL_VIEW, KEYS_REFERRAL_DASH,
                                    KEYS_AGENCY_LIST, KEYS_AGENCY_PICK, KEYS_AGENCY_VIEW };
    for (size_t t = 0; t < COUNT(tables); t++) {
        bool back = false, help = false;
        for (const key_binding *b = tables[t]; b->action != ACT_NONE; b++) {
            if (b->label)
                CU_ASSERT_PTR_NOT_NULL(b->help);
            back |= b->action == ACT_BACK && b->code == 27;
            help |= b->action == ACT_HELP && b->hint != NULL;
        }
        CU_ASSERT(back);
        CU_ASSERT(help);
    }
}

static CU_TestInfo tab_tests[] = {
    { "the tab bar names tabs in full as far as they fit", test_tabs_fit },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo sheet_tests[] = {
    { "where the sheet file goes", test_sheet_path },
    { "the sheet file is private and whole", test_private_file },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo key_tests[] = {
    { "referral keys on the US and Thai layouts", test_keys_on_both_layouts },
    { "every table has its help and Esc", test_every_table_has_help_and_a_way_back },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "case view tabs", NULL, NULL, NULL, NULL, tab_tests },
    { "handover sheet file", NULL, NULL, NULL, NULL, sheet_tests },
    { "referral screen keys", NULL, NULL, NULL, NULL, key_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_referral_tui", suites);
}
