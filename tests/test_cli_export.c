/* test_cli_export.c - `tipcase export --htcds` run in-process on a real
 * store (cheap key derivation) at a fixed clock.
 *
 * The store holds eleven women of 25 from Myanmar met in March 2026 (one
 * with an intake, an identification decision, needs under way and a
 * screening answer), and one man of 40 from Laos whose Thai name and
 * combination of sex, age band, nationality and year nobody shares.  The
 * file is read back: HTCDS headers, the codes of the first woman's
 * record, the man's quasi-identifiers suppressed and counted, no name,
 * reference or id of any case anywhere in the file, no Thai label, mode
 * 0600, no temporary FILE.* left; a bad period writes nothing; the export is
 * audited; the summary reads in Thai. */
#define _GNU_SOURCE
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"
#include "core/htcds.h"
#include "db/record.h"
#include "db/screenings.h"
#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_cli.h"
#include "tests/harness_store.h"

#define PASS "correct horse battery staple"
#define NOW "2026-04-10T03:00:00Z"
#define OUT_MAX (256 * 1024)
#define WOMEN 11
#define MAN_THAI_NAME "สมชาย ใจดี"

static tc_fixed_clock fixed;
static tc_clock clk;
static char *top;
static char store_dir[512], csv_path[600];
static tc_case cases[WOMEN + 1];
static char out[OUT_MAX], err[OUT_MAX];
static bool have_catalogue;

static int run(const char *const *args)
{
    harness_cli c = { store_dir, top, PASS, clk, out, err, OUT_MAX };
    return harness_cli_run(&c, args);
}

/* ---- the store ----------------------------------------------------------- */

static bool add_intake_and_decision(store *s, const char *case_id)
{
    tc_intake *in = calloc(1, sizeof *in);
    if (!in)
        return false;
    intake_init(in);
    snprintf(in->case_id, sizeof in->case_id, "%s", case_id);
    snprintf(in->sector, sizeof in->sector, "fishing");
    snprintf(in->exploitation[in->n_exploitation++], TC_CODE_MAX + 1, "forced_labour");
    snprintf(in->exploitation[in->n_exploitation++], TC_CODE_MAX + 1, "debt_bondage");
    snprintf(in->recruitment, sizeof in->recruitment, "facebook");
    snprintf(in->documents[0].kind, TC_CODE_MAX + 1, "passport");
    snprintf(in->documents[0].holder, TC_CODE_MAX + 1, "employer");
    in->n_documents = 1;
    snprintf(in->establishment, sizeof in->establishment, "Sea Star Fishing Co");
    intake_check ic;
    bool ok = store_intake_save(s, in, &ic) == ST_OK;
    free(in);

    tc_identification d;
    identification_init(&d);
    snprintf(d.case_id, sizeof d.case_id, "%s", case_id);
    d.outcome = IDENT_VICTIM_FORCED_LABOUR;
    d.body = IDENT_BODY_GOVERNMENT;
    d.decided_known = true;
    d.decided_on = harness_setup_day("2026-03-20");
    snprintf(d.reasons, sizeof d.reasons, "Passport held, debt, no pay for months");
    ident_check dc;
    ok = ok && store_identification_add(s, &d, &dc) == ST_OK;

    tc_need nd;
    need_init(&nd);
    snprintf(nd.case_id, sizeof nd.case_id, "%s", case_id);
    nd.kind = NEED_SHELTER;
    need_check nc;
    need_problem np;
    ok = ok && store_need_add(s, &nd, &nc) == ST_OK;
    ok = ok && store_need_change_state(s, nd.id, NEED_IN_PROGRESS, NULL, &np) == ST_OK;
    return ok;
}

/* Thai for the summary lines, and the header that makes i18n_is_thai()
 * true (the same text as po/pending/htcds.po). */
static void make_catalogue(void)
{
    static const char thai[] =
        "msgid \"HTCDS export written to %s\\n\"\n"
        "msgstr \"ส่งออกข้อมูลตามมาตรฐาน HTCDS ไปยัง %s แล้ว\\n\"\n"
        "msgid \"Rows: %zu\\n\"\nmsgstr \"จำนวนแถว: %zu\\n\"\n"
        "msgid \"Rows with values suppressed: %zu\\n\"\n"
        "msgstr \"จำนวนแถวที่มีการปกปิดค่า: %zu\\n\"\n"
        "msgid \"Values suppressed: %zu (sex, age band, nationality and year shared by fewer "
        "than %d people)\\n\"\n"
        "msgstr \"จำนวนค่าที่ปกปิด: %zu (เพศ ช่วงอายุ สัญชาติ และปี ที่ตรงกันน้อยกว่า %d คน)\\n\"\n";
    have_catalogue = harness_cli_catalogue(top, thai);
}

/* Eleven women and the man; the first woman's intake and decision. */
static bool fill(store *s)
{
    bool ok = true;
    for (int i = 0; i < WOMEN && ok; i++) {
        char name[64], met[16];
        snprintf(name, sizeof name, "Ma Thandar Win %c", 'A' + i);
        snprintf(met, sizeof met, "2026-03-%02d", i + 1);
        cases[i] = harness_setup_case(name, 25, met);
        ok = store_case_add(s, &cases[i], NULL) == ST_OK;
    }
    tc_case *man = &cases[WOMEN];
    *man = harness_setup_case("Somchai Jaidee", 40, "2026-03-15");
    snprintf(man->name_thai, sizeof man->name_thai, "%s", MAN_THAI_NAME);
    man->sex = SEX_MALE;
    snprintf(man->nationalities[0], 3, "LA");
    ok = ok && store_case_add(s, man, NULL) == ST_OK;
    return ok && add_intake_and_decision(s, cases[0].id);
}

static int suite_init(void)
{
    clk = harness_clock(&fixed, NOW);
    if (harness_cli_suite_open(&top, store_dir, sizeof store_dir, PASS, &clk, fill) != 0)
        return -1;
    snprintf(csv_path, sizeof csv_path, "%s/htcds.csv", top);
    make_catalogue();
    return 0;
}

static int suite_clean(void)
{
    return harness_cli_suite_close(&top);
}

/* ---- reading the CSV back ---------------------------------------------------- */

#define MAX_LINES 64

typedef struct csv_table {
    char *text;                                 /* owns the cells */
    char *cells[MAX_LINES][HTCDS_COLUMN_COUNT];
    int rows, width[MAX_LINES];
} csv_table;

/* Splits the file (after its BOM) at CRLF and ','; the codes hold no
 * quotes or commas, so a quote anywhere fails the test instead. */
static bool parse_csv(char *text, csv_table *t)
{
    memset(t, 0, sizeof *t);
    t->text = text;
    if (strncmp(text, CSV_UTF8_BOM, 3))
        return false;
    char *p = text + 3;
    while (*p && t->rows < MAX_LINES) {
        char *eol = strstr(p, CSV_EOL);
        const char *quote = strchr(p, '"');
        if (!eol || (quote && quote < eol))
            return false;
        *eol = '\0';
        int w = 0;
        for (char *cell = p; cell && w < HTCDS_COLUMN_COUNT;) {
            char *comma = strchr(cell, ',');
            if (comma)
                *comma = '\0';
            t->cells[t->rows][w++] = cell;
            cell = comma ? comma + 1 : NULL;
        }
        t->width[t->rows++] = w;
        p = eol + 2;
    }
    return *p == '\0';
}

static const char *cell(const csv_table *t, int row, htcds_column c)
{
    return row < t->rows && (int)c < t->width[row] ? t->cells[row][c] : "";
}

/* The first data row whose column c reads value, or -1. */
static int find_row(const csv_table *t, htcds_column c, const char *value)
{
    for (int r = 1; r < t->rows; r++)
        if (!strcmp(cell(t, r, c), value))
            return r;
    return -1;
}

/* Row `row` reads want in each column listed. */
typedef struct field_want {
    htcds_column column;
    const char *want;
} field_want;

static void check_fields(const csv_table *t, int row, const field_want *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        CHECK_ROW(!strcmp(cell(t, row, fields[i].column), fields[i].want),
                  htcds_column_name(fields[i].column));
}

/* ---- the tests ------------------------------------------------------------------ */

static void test_export_file(void)
{
    const char *args[] = { "export", "--htcds", "--output", csv_path, NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), 0);
    CU_ASSERT(harness_has(out, "Rows: 12"));
    CU_ASSERT(harness_has(out, "Rows with values suppressed: 1\n"));
    CU_ASSERT(harness_has(out, "Values suppressed: 4 ("));

    CU_ASSERT_TRUE(harness_private_file(csv_path));

    char *text = harness_slurp(csv_path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    csv_table t;
    CU_ASSERT_TRUE_FATAL(parse_csv(text, &t));
    CU_ASSERT_EQUAL(t.rows, 1 + WOMEN + 1);
    for (int r = 0; r < t.rows; r++)
        CU_ASSERT_EQUAL(t.width[r], HTCDS_COLUMN_COUNT);
    for (int c = 0; c < HTCDS_COLUMN_COUNT; c++)
        CHECK_ROW(!strcmp(cell(&t, 0, (htcds_column)c), htcds_column_name((htcds_column)c)),
                  htcds_column_name((htcds_column)c));

    /* The first woman's record, in HTCDS codes. */
    static const field_want woman[] = {
        { HTCDS_COL_GENDER, "Feminine" },
        { HTCDS_COL_AGE, "24--26" },
        { HTCDS_COL_MAJORITY, "Adult" },
        { HTCDS_COL_CITIZENSHIP, "MM" },
        { HTCDS_COL_YEAR, "2026" },
        { HTCDS_COL_DECIDED_BY, "NonPoliceGovernmentalOrganization" },
        { HTCDS_COL_EXPLOITATION, "ForcedLabour" },
        { HTCDS_COL_INDUSTRY, "A_AgricultureForestryAndFishing" },
        { HTCDS_COL_CONTROL, "DebtBondage;WithholdsDocuments" },
        { HTCDS_COL_RECRUITMENT, "ThroughOnlineSocialNetworks" },
        { HTCDS_COL_SUPPORT, "SocialCare" },
        { HTCDS_COL_CASE_STATUS, "Active" },
        { HTCDS_COL_REPATRIATED, "FALSE" },
    };
    int r = find_row(&t, HTCDS_COL_STATUS, "ActualVictimOfTrafficking");
    CU_ASSERT_FATAL(r > 0);
    check_fields(&t, r, woman, sizeof woman / sizeof woman[0]);

    /* The man alone in his group: his four quasi-identifiers suppressed. */
    static const field_want suppressed[] = {
        { HTCDS_COL_AGE, "" },
        { HTCDS_COL_MAJORITY, "" },
        { HTCDS_COL_CITIZENSHIP, "" },
        { HTCDS_COL_YEAR, "" },
    };
    int m = find_row(&t, HTCDS_COL_GENDER, "NonSpecifiedUnknown");
    CU_ASSERT_FATAL(m > 0);
    check_fields(&t, m, suppressed, sizeof suppressed / sizeof suppressed[0]);
    CU_ASSERT_EQUAL(find_row(&t, HTCDS_COL_CITIZENSHIP, "LA"), -1);
    CU_ASSERT_EQUAL(find_row(&t, HTCDS_COL_GENDER, "Masculine"), -1);
    free(t.text);
}

/* No name, reference, case or person id, or date of any case anywhere in
 * the file; no Thai at all (HTCDS values are codes). */
static void test_nothing_identifying(void)
{
    const char *args[] = { "export", "--htcds", "--output", csv_path, NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), 0);
    size_t len = 0;
    char *text = harness_slurp(csv_path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (int i = 0; i <= WOMEN; i++) {
        const tc_case *c = &cases[i];
        const char *needles[] = { c->name_latin, c->reference, c->id, c->person_id };
        for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++)
            if (needles[k][0])
                CHECK_ROW(!strstr(text, needles[k]), needles[k]);
        char short_id[9];
        snprintf(short_id, sizeof short_id, "%s", c->id);  /* not even a prefix */
        CHECK_ROW(!strstr(text, short_id), short_id);
    }
    CU_ASSERT_PTR_NULL(strstr(text, "Somchai"));
    CU_ASSERT_PTR_NULL(strstr(text, "Sea Star"));
    CU_ASSERT_PTR_NULL(strstr(text, "2026-03"));
    CU_ASSERT_PTR_NULL(strstr(text, "Passport held"));
    for (size_t i = 3; i < len; i++)        /* after the BOM: ASCII only */
        if ((unsigned char)text[i] >= 0x80) {
            CU_FAIL("a byte outside ASCII: Thai text in the export");
            break;
        }
    free(text);
}

static void test_two_exports_differ(void)
{
    const char *args[] = { "export", "--htcds", "--output", csv_path, NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), 0);
    char *first = harness_slurp(csv_path, NULL);
    CU_ASSERT_EQUAL_FATAL(run(args), 0);
    char *second = harness_slurp(csv_path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(first);
    CU_ASSERT_PTR_NOT_NULL_FATAL(second);
    /* Random row ids: the first row id of one export is nowhere in the next. */
    char id[HTCDS_ROW_ID_LEN];
    const char *line2 = strstr(first, CSV_EOL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(line2);
    snprintf(id, sizeof id, "%s", line2 + 2);
    CU_ASSERT_PTR_NULL(strstr(second, id));
    free(first);
    free(second);
}

static void test_period(void)
{
    char path[640];
    snprintf(path, sizeof path, "%s/empty.csv", top);
    const char *y2025[] = { "export", "--htcds", "--period", "2025", "--output", path, NULL };
    CU_ASSERT_EQUAL(run(y2025), 0);
    CU_ASSERT(harness_has(out, "Rows: 0"));
    size_t len = 0;
    char *text = harness_slurp(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    csv_table t;
    CU_ASSERT_TRUE(parse_csv(text, &t));
    CU_ASSERT_EQUAL(t.rows, 1);             /* the header alone */
    free(text);

    const char *fy[] = { "export", "--htcds", "--period", "fy2569", "--output", path, NULL };
    CU_ASSERT_EQUAL(run(fy), 0);
    CU_ASSERT(harness_has(out, "Rows: 12"));
}

static void test_bad_period_writes_nothing(void)
{
    char path[640];
    snprintf(path, sizeof path, "%s/bad.csv", top);
    static const char *const bad[] = { "fy25x", "2026-13", "2026-03-31..2026-01-01" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *args[] = { "export", "--htcds", "--period", bad[i], "--output", path, NULL };
        CHECK_ROW(run(args) == 1, bad[i]);
        CHECK_ROW(strstr(err, "period") != NULL, bad[i]);
        CHECK_ROW(harness_nothing_written(path), bad[i]);
    }
}

static void test_usage(void)
{
    char path[640];
    snprintf(path, sizeof path, "%s/usage.csv", top);
    const char *no_htcds[] = { "export", "--output", path, NULL };
    const char *no_output[] = { "export", "--htcds", NULL };
    const char *extra[] = { "export", "--htcds", "--output", path, "more", NULL };
    CU_ASSERT_EQUAL(run(no_htcds), 2);
    CU_ASSERT(harness_has(err, "export --htcds"));
    CU_ASSERT_EQUAL(run(no_output), 2);
    CU_ASSERT_EQUAL(run(extra), 2);
    CU_ASSERT_TRUE(harness_nothing_written(path));
}

static void test_unwritable_place(void)
{
    char path[640];
    snprintf(path, sizeof path, "%s/no/such/dir/x.csv", top);
    const char *args[] = { "export", "--htcds", "--output", path, NULL };
    CU_ASSERT_EQUAL(run(args), 1);
    CU_ASSERT(harness_has(err, "Could not write the export"));
    CU_ASSERT_TRUE(harness_nothing_written(path));
}

static void test_audited(void)
{
    const char *args[] = { "export", "--htcds", "--period", "2026", "--output", csv_path,
                           NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), 0);
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(store_dir, "admin", PASS, &clk, &s), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(s, "htcds.export", "all;suppressed"));
    CU_ASSERT_TRUE(harness_audit_has(s, "htcds.export", "2026;suppressed"));
    harness_check_chain(s);
    store_close(s);
}

static void test_summary_in_thai(void)
{
    if (!have_catalogue)
        return;
    CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
    const char *args[] = { "export", "--htcds", "--output", csv_path, NULL };
    int rc = run(args);
    i18n_set_language("en");
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT(harness_has(out, "จำนวนแถว: 12"));
    CU_ASSERT(harness_has(out, "จำนวนแถวที่มีการปกปิดค่า: 1\n"));
    CU_ASSERT(harness_has(out, "จำนวนค่าที่ปกปิด: 4 (เพศ"));
    /* The file is the same codes whatever the interface's language. */
    char *text = harness_slurp(csv_path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "prs_Gender"));
    CU_ASSERT_PTR_NULL(strstr(text, "\xE0\xB8"));     /* no Thai letter */
    free(text);
}

static CU_TestInfo export_tests[] = {
    { "the file: HTCDS headers, codes, suppression", test_export_file },
    { "nothing identifying, no Thai", test_nothing_identifying },
    { "two exports, other row ids", test_two_exports_differ },
    { "--period", test_period },
    { "a bad period writes nothing", test_bad_period_writes_nothing },
    { "usage", test_usage },
    { "an unwritable place leaves no temporary file", test_unwritable_place },
    { "the export is audited", test_audited },
    { "the summary in Thai", test_summary_in_thai },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "export --htcds", suite_init, suite_clean, NULL, NULL, export_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_cli_export", suites);
}
