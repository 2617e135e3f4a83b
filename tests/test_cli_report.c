/* test_cli_report.c - `tipcase report` run in-process on the fixed store of
 * tests/report_fixture.h, at its fixed clock (21 Nov 2026, FY 2570).
 *
 * The aligned text (measures down, values across; the default period is
 * the current fiscal year); the CSV as LibreOffice reads it: the UTF-8
 * BOM first, CRLF line ends, one header row, Thai and English labels with
 * commas and quotes escaped (an administrator's sector, an officer's
 * name); suppression for outside the team with its note and the reminder
 * for a team file; a bad period, breakdown or format refused with nothing
 * written; a file that is private (0600) and audited; the completeness
 * check; and report_period_name() in both languages. */
#define _GNU_SOURCE
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_cli.h"
#include "tests/harness_store.h"
#include "tests/report_fixture.h"
#include "tui/cli.h"
#include "tui/report_out.h"

#define OUT_MAX (256 * 1024)

static tc_fixed_clock fixed;
static tc_clock clk;
static char *top;
static char store_dir[512];
static report_fixture_ids ids;
static char out[OUT_MAX], err[OUT_MAX];
static bool have_catalogue;

static int run(const char *const *args)
{
    harness_cli c = { store_dir, top, REPORT_FIXTURE_PASS, clk, out, err, OUT_MAX };
    return harness_cli_run(&c, args);
}

static int run_thai(const char *const *args)
{
    CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
    int rc = run(args);
    i18n_set_language("en");
    return rc;
}

static void file_path(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", top, name);
}

static sqlite3_int64 audit_rows(void)
{
    store *s = NULL;
    if (store_open(store_dir, "admin", REPORT_FIXTURE_PASS, &clk, &s) != ST_OK)
        return -1;
    sqlite3_int64 n = harness_count_rows(s, "SELECT count(*) FROM audit"
                                            " WHERE action = 'report.export'");
    store_close(s);
    return n;
}

/* ---- set-up -------------------------------------------------------------- */

static void make_catalogue(void)
{
    static const char thai[] =
        "msgid \"Fiscal year B.E. %d (%s - %s)\"\nmsgstr \"ปีงบประมาณ พ.ศ. %d (%s - %s)\"\n"
        "msgid \"Calendar year %d\"\nmsgstr \"ปี พ.ศ. %d\"\n"
        "msgid \"ASEAN period %s-%s %d\"\nmsgstr \"รอบอาเซียน %s-%s %d\"\n"
        "msgid \"Sector\"\nmsgstr \"ประเภทกิจการ\"\n"
        "msgid \"Not recorded\"\nmsgstr \"ไม่ได้บันทึก\"\n";
    have_catalogue = harness_cli_catalogue(top, thai);
}

static bool fill(store *s)
{
    return report_fixture_fill(s, &ids);
}

static int suite_init(void)
{
    clk = harness_clock(&fixed, REPORT_FIXTURE_NOW);
    if (harness_cli_suite_open(&top, store_dir, sizeof store_dir, REPORT_FIXTURE_PASS, &clk,
                               fill) != 0)
        return -1;
    make_catalogue();
    return 0;
}

static int suite_clean(void)
{
    return harness_cli_suite_close(&top);
}

/* ---- text ---------------------------------------------------------------- */

static void test_text_defaults_to_this_fiscal_year(void)
{
    const char *args[] = { "report", NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    CU_ASSERT(harness_has(out, "Fiscal year 2027 (B.E. 2570)"));
    CU_ASSERT(harness_has(out, "(fy2570)"));
    CU_ASSERT(harness_has(out, "Breakdown: Total"));
    /* FY 2570: B identified, 2 days after meeting; the acceptance 3 days. */
    CU_ASSERT(harness_has(out, "Identified as victims"));
    CU_ASSERT(harness_has(out, "From referral to acceptance"));
    CU_ASSERT_PTR_NULL(strchr(out, '\r'));
}

/* The column of a value lines up with its head, in display columns. */
static void test_text_columns_line_up(void)
{
    const char *args[] = { "report", "--period", "fy2569", "--by", "sex", NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    const char *head = strstr(out, "Female");
    const char *screened = strstr(out, "\nScreened");
    CU_ASSERT_PTR_NOT_NULL_FATAL(head);
    CU_ASSERT_PTR_NOT_NULL_FATAL(screened);
    const char *line_start = head;
    while (line_start > out && line_start[-1] != '\n')
        line_start--;
    long head_end = (long)(head - line_start) + (long)strlen("Female");
    /* Screened: Female 2 (right-aligned under the head's last column). */
    const char *row = screened + 1;
    const char *eol = strchr(row, '\n');
    CU_ASSERT_PTR_NOT_NULL_FATAL(eol);
    CU_ASSERT(head_end <= eol - row);
    CU_ASSERT_EQUAL(row[head_end - 1], '2');
    CU_ASSERT(harness_has(out, "Referrals sent, by agency type and state today"));
    CU_ASSERT(harness_has(out, "Police"));
}

static void test_text_in_thai(void)
{
    if (!have_catalogue)
        return;
    const char *args[] = { "report", "--period", "fy2569", "--by", "sector", NULL };
    CU_ASSERT_EQUAL_FATAL(run_thai(args), EXIT_OK);
    CU_ASSERT(harness_has(out, "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 - 30 ก.ย. 2569)"));
    CU_ASSERT(harness_has(out, "ประมง"));
}

/* ---- CSV ----------------------------------------------------------------- */

static void test_csv_opens_in_libreoffice(void)
{
    char path[600];
    file_path("sector.csv", path, sizeof path);
    const char *args[] = { "report", "--period", "fy2569", "--by", "sector", "--format", "csv",
                           "--output", path, NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    size_t len = 0;
    char *csv = harness_slurp(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT_EQUAL(memcmp(csv, "\xEF\xBB\xBF", 3), 0);
    /* Every line ends in CRLF: no LF without its CR. */
    for (size_t i = 0; i < len; i++)
        if (csv[i] == '\n' && (i == 0 || csv[i - 1] != '\r')) {
            CU_FAIL("a line ends without CR");
            break;
        }
    CU_ASSERT(harness_has(csv, "Fiscal year 2026 (B.E. 2569)\r\nPeriod,fy2569\r\n"));
    CU_ASSERT(harness_has(csv, "Sector,Code,Screened,Reasonable grounds,"));
    /* The administrator's label: quoted, its quotes doubled. */
    CU_ASSERT(harness_has(csv, "\"Salt farm, \"\"sea\"\"\",salt_farm,"));
    CU_ASSERT(harness_has(csv, "Fishing,fishing,1,1,1,1,"));
    /* Sections one after another with a blank line. */
    CU_ASSERT(harness_has(csv, "\r\n\r\n\"Referrals sent, by agency type and state today\"\r\n"));
    /* No observation: an empty cell, not a "-" a spreadsheet would read. */
    CU_ASSERT(harness_has(csv, "From referral to acceptance,referral_to_accepted,,,0\r\n"));
    free(csv);
    /* A team file: the reminder, and the file is the officer's alone. */
    CU_ASSERT(harness_has(err, "keep it within the team"));
    CU_ASSERT_TRUE(harness_private_file(path));
}

static void test_csv_thai_labels_are_escaped(void)
{
    if (!have_catalogue)
        return;
    char path[600];
    file_path("sector-th.csv", path, sizeof path);
    const char *args[] = { "report", "--period", "fy2569", "--by", "sector", "--format", "csv",
                           "--output", path, NULL };
    CU_ASSERT_EQUAL_FATAL(run_thai(args), EXIT_OK);
    char *csv = harness_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT(harness_has(csv, "\xEF\xBB\xBFปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 - 30 ก.ย. 2569)\r\n"));
    CU_ASSERT(harness_has(csv, "\"นาเกลือ, \"\"ทะเล\"\"\",salt_farm,"));
    CU_ASSERT(harness_has(csv, "ประมง,fishing,"));
    free(csv);
}

static void test_csv_officer_names_are_escaped(void)
{
    const char *args[] = { "report", "--period", "fy2569", "--by", "officer", "--format", "csv",
                           NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    char want[256];
    snprintf(want, sizeof want, "\"นก \"\"ยิ้ม\"\", ศรีสุข\",%s,1,", ids.nok);
    CU_ASSERT(harness_has(out, want));
}

static void test_outside_suppresses_small_cells(void)
{
    char path[600];
    file_path("outside.csv", path, sizeof path);
    const char *args[] = { "report", "--period", "fy2569", "--format", "csv", "--outside",
                           "--tags", "--output", path, NULL };
    sqlite3_int64 before = audit_rows();
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    char *csv = harness_slurp(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    /* Every count in the fixture is under 11. */
    CU_ASSERT(harness_has(csv, "Total,,<11,<11,<11,<11,<11,<11,<11,<11,<11,<11\r\n"));
    CU_ASSERT(harness_has(csv, "cells under 11 were suppressed"));
    CU_ASSERT(harness_has(csv, "Framework tags"));
    CU_ASSERT(harness_has(csv, ",screened,"));
    free(csv);
    CU_ASSERT_PTR_NULL(strstr(err, "keep it within the team"));
    CU_ASSERT_EQUAL(audit_rows(), before + 1);
}

static void test_text_outside_note(void)
{
    const char *args[] = { "report", "--period", "fy2569", "--outside", NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    CU_ASSERT(harness_has(out, "<11"));
    CU_ASSERT(harness_has(out, "cells under 11 were suppressed"));
}

/* ---- refusals -------------------------------------------------------------- */

typedef struct refusal {
    const char *option, *value, *says;
    int exit;
} refusal;

static void test_refusals_write_nothing(void)
{
    static const refusal rows[] = {
        { "--period", "fy25x9", "Write the period as", EXIT_USER },
        { "--period", "2569-13", "does not exist", EXIT_USER },
        { "--period", "2026-03-01..2026-01-01", "ends before it starts", EXIT_USER },
        { "--by", "colour", "Break the report down by", EXIT_USER },
        { "--format", "xlsx", "text or csv", EXIT_USER },
        { "--no-such-option", NULL, "Try 'tipcase --help'.", EXIT_USAGE },
    };
    char path[600];
    file_path("refused.csv", path, sizeof path);
    sqlite3_int64 before = audit_rows();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *args[] = { "report", "--format", "csv", "--output", path, rows[i].option,
                               rows[i].value, NULL };
        if (!strcmp(rows[i].option, "--format")) {
            args[1] = rows[i].option;
            args[2] = rows[i].value;
            args[5] = NULL;
        }
        int rc = run(args);
        CHECK_ROW(rc == rows[i].exit, rows[i].option);
        CHECK_ROW(strstr(err, rows[i].says) != NULL, rows[i].says);
        CHECK_ROW(harness_nothing_written(path), "nothing written");
    }
    CU_ASSERT_EQUAL(audit_rows(), before);
}

static void test_bad_period_in_thai(void)
{
    if (!have_catalogue)
        return;
    const char *args[] = { "report", "--period", "ปีงบ", NULL };
    CU_ASSERT_EQUAL(run_thai(args), EXIT_USER);
    CU_ASSERT_EQUAL(out[0], '\0');
}

static void test_gaps(void)
{
    const char *args[] = { "report", "--gaps", "--period", "fy2569", NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    char want[128];
    snprintf(want, sizeof want, "%s", ids.ref_c);
    CU_ASSERT(harness_has(out, want));
    CU_ASSERT(harness_has(out, "Nationality"));
    CU_ASSERT(harness_has(out, "Exploitation type"));
    CU_ASSERT(strstr(out, ids.ref_c) < strstr(out, ids.ref_e));
}

/* ---- period names ---------------------------------------------------------- */

typedef struct name_case {
    const char *code, *en, *th;
} name_case;

static void test_period_names(void)
{
    static const name_case rows[] = {
        { "fy2569", "Fiscal year 2026 (B.E. 2569)", "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 - 30 ก.ย. 2569)" },
        { "2569-10", "October 2026", "ตุลาคม 2569" },
        { "2026", "Calendar year 2026", "ปี พ.ศ. 2569" },
        { "2026h1", "ASEAN period Jan-Jun 2026", "รอบอาเซียน ม.ค.-มิ.ย. 2569" },
    };
    char name[256];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        report_period p;
        CU_ASSERT_EQUAL_FATAL(report_period_parse(rows[i].code, &p), PERIOD_OK);
        report_period_name(p, name, sizeof name);
        CHECK_ROW(!strcmp(name, rows[i].en), name);
        if (!have_catalogue)
            continue;
        CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
        report_period_name(p, name, sizeof name);
        i18n_set_language("en");
        CHECK_ROW(!strcmp(name, rows[i].th), name);
    }
}

static CU_TestInfo cli_tests[] = {
    { "text: this fiscal year by default", test_text_defaults_to_this_fiscal_year },
    { "text: columns line up", test_text_columns_line_up },
    { "text in Thai", test_text_in_thai },
    { "CSV: BOM, CRLF, escaping", test_csv_opens_in_libreoffice },
    { "CSV: Thai labels escaped", test_csv_thai_labels_are_escaped },
    { "CSV: officer names escaped", test_csv_officer_names_are_escaped },
    { "--outside suppresses and says so", test_outside_suppresses_small_cells },
    { "--outside in text", test_text_outside_note },
    { "refusals write nothing", test_refusals_write_nothing },
    { "a bad period in Thai", test_bad_period_in_thai },
    { "--gaps", test_gaps },
    { "period names", test_period_names },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "cli_report", suite_init, suite_clean, NULL, NULL, cli_tests },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_cli_report", suites);
}
