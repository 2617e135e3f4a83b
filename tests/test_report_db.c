/* test_report_db.c - the report's facts read from a real store
 * (db/report_store.h), on the fixture of tests/report_fixture.h: events on
 * the officers' local days (a screening at 18:00 UTC on 30 Sep belongs to
 * 1 Oct and so to the next fiscal year), first milestones only, versions
 * and withdrawals, cases closed in error left out; then the figures
 * core/report.h builds from them for fiscal years on both sides of the
 * boundary, a month and two breakdowns; the labels of dimension values in
 * English and Thai; the completeness check; and the audit of an export. */
#define _GNU_SOURCE
#include "config.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/agency.h"
#include "core/referral.h"
#include "db/report_store.h"
#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "tests/report_fixture.h"

static tc_fixed_clock fixed;
static tc_clock clk;
static harness_fixture fx;
static report_fixture_ids ids;
static char *catalogue_dir;
static bool have_catalogue;

static int suite_init(void)
{
    if (!report_fixture_open(&fixed, &clk, &fx, &ids))
        return -1;
    static const char thai[] =
        "msgid \"Female\"\nmsgstr \"หญิง\"\n"
        "msgid \"Not recorded\"\nmsgstr \"ไม่ได้บันทึก\"\n"
        "msgid \"Child 15-17\"\nmsgstr \"เด็ก 15-17 ปี\"\n"
        "msgid \"Age or date of birth\"\nmsgstr \"อายุหรือวันเกิด\"\n";
    catalogue_dir = harness_tempdir();
    have_catalogue = catalogue_dir && harness_make_catalogue(catalogue_dir, thai) == 1;
    if (have_catalogue) {
        setenv("TIPCASE_LOCALEDIR", catalogue_dir, 1);
        i18n_init(NULL);
    }
    i18n_set_language("en");
    return 0;
}

static int suite_clean(void)
{
    i18n_set_language("en");
    unsetenv("TIPCASE_LOCALEDIR");
    harness_fixture_close(&fx);
    if (catalogue_dir)
        harness_rmtree(catalogue_dir);
    free(catalogue_dir);
    return 0;
}

/* ---- the facts ---------------------------------------------------------- */

static size_t count_events(const report_facts *f, report_event_kind kind, const char *on)
{
    size_t n = 0;
    caldate d = harness_day(on);
    for (size_t i = 0; i < f->n_events; i++)
        if (f->events[i].kind == kind && !caldate_compare(f->events[i].on, d))
            n++;
    return n;
}

static const report_event *find_event(const report_facts *f, report_event_kind kind,
                                      const char *on)
{
    caldate d = harness_day(on);
    for (size_t i = 0; i < f->n_events; i++)
        if (f->events[i].kind == kind && !caldate_compare(f->events[i].on, d))
            return &f->events[i];
    return NULL;
}

/* Everything from the start of FY 2569 to today. */
static report_period fy2569_to_now(void)
{
    report_period p = { PERIOD_RANGE, harness_day("2025-10-01"), harness_day("2026-11-21") };
    return p;
}

static void test_facts_use_local_days(void)
{
    report_facts f;
    CU_ASSERT_EQUAL_FATAL(store_report_facts(fx.s, fy2569_to_now(), &f), ST_OK);
    CU_ASSERT_EQUAL(caldate_compare(f.today, harness_day("2026-11-21")), 0);
    /* 30 Sep 2025 18:00 UTC is 1 Oct in Bangkok. */
    CU_ASSERT_EQUAL(count_events(&f, EVENT_SCREENED, "2025-10-01"), 1);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_SCREENED, "2025-09-30"), 0);
    /* 30 Sep 2026 16:30 UTC is 23:30 the same day in Bangkok. */
    const report_event *r = find_event(&f, EVENT_REFERRED, "2026-09-30");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL(r->sub, AGENCY_POLICE);
    CU_ASSERT_EQUAL(r->state, REFERRAL_ACCEPTED);
    const report_event *acc = find_event(&f, EVENT_REFERRAL_ACCEPTED, "2026-10-03");
    CU_ASSERT_PTR_NOT_NULL_FATAL(acc);
    CU_ASSERT_EQUAL(acc->days, 3);
    /* The handover at 20:00 UTC on 15 Jun was on the 16th in Bangkok. */
    CU_ASSERT_EQUAL(count_events(&f, EVENT_REPATRIATED, "2026-06-16"), 1);
    report_facts_free(&f);
}

static void test_facts_take_first_milestones(void)
{
    report_facts f;
    CU_ASSERT_EQUAL_FATAL(store_report_facts(fx.s, fy2569_to_now(), &f), ST_OK);
    /* B was screened twice: only the first counts; reasonable grounds came
     * with the second. */
    CU_ASSERT_EQUAL(count_events(&f, EVENT_SCREENED, "2026-09-30"), 1);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_SCREENED, "2026-10-05"), 0);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_REASONABLE_GROUNDS, "2026-10-05"), 1);
    /* Identified: the victim decision, 2 days after meeting, not the
     * earlier "not identified". */
    const report_event *id = find_event(&f, EVENT_IDENTIFIED, "2026-10-02");
    CU_ASSERT_PTR_NOT_NULL_FATAL(id);
    CU_ASSERT_EQUAL(id->days, 2);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_IDENTIFIED, "2026-10-01"), 0);
    const report_event *a = find_event(&f, EVENT_IDENTIFIED, "2025-10-10");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_EQUAL(a->days, 12);
    report_facts_free(&f);
}

static void test_facts_leave_out_withdrawn_drafts_and_errors(void)
{
    report_facts f;
    CU_ASSERT_EQUAL_FATAL(store_report_facts(fx.s, fy2569_to_now(), &f), ST_OK);
    /* The withdrawn food need, the draft referral and D (closed in error). */
    CU_ASSERT_EQUAL(count_events(&f, EVENT_NEED_PROVIDED, "2026-02-02"), 0);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_NEED_PROVIDED, "2026-02-01"), 1);
    size_t referred = 0;
    for (size_t i = 0; i < f.n_events; i++)
        referred += f.events[i].kind == EVENT_REFERRED;
    CU_ASSERT_EQUAL(referred, 2);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_SCREENED, "2026-03-01"), 0);
    /* A need counts when it became unavailable and again when provided. */
    CU_ASSERT_EQUAL(count_events(&f, EVENT_NEED_UNAVAILABLE, "2026-03-03"), 1);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_NEED_PROVIDED, "2026-10-20"), 1);
    /* Only people some event names are handed over, each with its dims. */
    CU_ASSERT_EQUAL(f.n_people, 4);
    for (size_t i = 0; i < f.n_events; i++)
        CU_ASSERT(f.events[i].person < f.n_people);
    report_facts_free(&f);
}

static void test_facts_follow_ups_due_and_held(void)
{
    report_facts f;
    CU_ASSERT_EQUAL_FATAL(store_report_facts(fx.s, fy2569_to_now(), &f), ST_OK);
    const report_event *plan = find_event(&f, EVENT_REINTEGRATION, "2026-06-16");
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_FALSE(plan->until_known);
    /* Due on the schedule's first month (16 Jul), held on 20 Jul. */
    const report_event *late = find_event(&f, EVENT_FOLLOWUP_SCHEDULED, "2026-07-16");
    CU_ASSERT_PTR_NOT_NULL_FATAL(late);
    CU_ASSERT_TRUE(late->until_known);
    CU_ASSERT_EQUAL(caldate_compare(late->until, harness_day("2026-07-20")), 0);
    const report_event *open = find_event(&f, EVENT_FOLLOWUP_SCHEDULED, "2026-09-16");
    CU_ASSERT_PTR_NOT_NULL_FATAL(open);
    CU_ASSERT_FALSE(open->until_known);
    CU_ASSERT_EQUAL(count_events(&f, EVENT_FOLLOWUP_DONE, "2026-07-20"), 1);
    report_facts_free(&f);
}

/* ---- the figures ---------------------------------------------------------- */

typedef struct figure { report_measure m; int64_t n; } figure;

static void check_figures(const char *period, report_dim dim, const figure *want, size_t n,
                          report_table *t)
{
    report_period p;
    CU_ASSERT_EQUAL_FATAL(report_period_parse(period, &p), PERIOD_OK);
    report_facts f;
    CU_ASSERT_EQUAL_FATAL(store_report_facts(fx.s, p, &f), ST_OK);
    CU_ASSERT_TRUE_FATAL(report_build(&f, p, dim, t));
    report_facts_free(&f);
    for (size_t i = 0; i < n; i++) {
        char name[96];
        snprintf(name, sizeof name, "%s %s = %lld (got %lld)", period,
                 report_measure_code(want[i].m), (long long)want[i].n,
                 (long long)t->total.cells[want[i].m].n);
        CHECK_ROW(t->total.cells[want[i].m].n == want[i].n, name);
    }
}

static void test_fiscal_year_2569(void)
{
    static const figure want[] = {
        { MEASURE_SCREENED, 3 }, { MEASURE_REASONABLE_GROUNDS, 1 }, { MEASURE_IDENTIFIED, 1 },
        { MEASURE_REFERRED, 2 }, { MEASURE_NEEDS_PROVIDED, 1 }, { MEASURE_NEEDS_UNAVAILABLE, 1 },
        { MEASURE_REPATRIATED, 1 }, { MEASURE_REINTEGRATION, 1 }, { MEASURE_FOLLOWUPS_DONE, 1 },
        { MEASURE_FOLLOWUPS_OVERDUE, 1 },
    };
    report_table t;
    check_figures("fy2569", DIM_TOTAL, want, sizeof want / sizeof want[0], &t);
    CU_ASSERT_EQUAL(t.referrals[AGENCY_POLICE][REFERRAL_ACCEPTED].n, 1);
    CU_ASSERT_EQUAL(t.referrals[AGENCY_GOVERNMENT][REFERRAL_DECLINED].n, 1);
    CU_ASSERT_EQUAL(t.met_to_identified.n, 1);
    CU_ASSERT_EQUAL(t.met_to_identified.median, 12);
    CU_ASSERT_EQUAL(t.referral_to_accepted.n, 0);
    report_table_free(&t);
}

static void test_fiscal_year_2570(void)
{
    static const figure want[] = {
        { MEASURE_SCREENED, 0 }, { MEASURE_REASONABLE_GROUNDS, 1 }, { MEASURE_IDENTIFIED, 1 },
        { MEASURE_REFERRED, 0 }, { MEASURE_NEEDS_PROVIDED, 1 }, { MEASURE_NEEDS_UNAVAILABLE, 0 },
        { MEASURE_REPATRIATED, 0 }, { MEASURE_REINTEGRATION, 1 }, { MEASURE_FOLLOWUPS_DONE, 0 },
        { MEASURE_FOLLOWUPS_OVERDUE, 1 },
    };
    report_table t;
    check_figures("fy2570", DIM_TOTAL, want, sizeof want / sizeof want[0], &t);
    CU_ASSERT_EQUAL(t.met_to_identified.n, 1);
    CU_ASSERT_EQUAL(t.met_to_identified.median, 2);
    CU_ASSERT_EQUAL(t.referral_to_accepted.n, 1);
    CU_ASSERT_EQUAL(t.referral_to_accepted.median, 3);
    report_table_free(&t);
}

static void test_fiscal_year_2568_and_a_month(void)
{
    /* The screening at 18:00 UTC on 30 Sep 2025 is not in FY 2568. */
    static const figure none[] = { { MEASURE_SCREENED, 0 }, { MEASURE_REFERRED, 0 } };
    report_table t;
    check_figures("fy2568", DIM_TOTAL, none, 2, &t);
    report_table_free(&t);
    static const figure october[] = {
        { MEASURE_SCREENED, 1 }, { MEASURE_REASONABLE_GROUNDS, 1 }, { MEASURE_IDENTIFIED, 1 },
        { MEASURE_REFERRED, 0 },
    };
    check_figures("2568-10", DIM_TOTAL, october, sizeof october / sizeof october[0], &t);
    report_table_free(&t);
}

static const report_row *row_of(const report_table *t, const char *key)
{
    for (size_t i = 0; i < t->n_rows; i++)
        if (!strcmp(t->rows[i].key, key))
            return &t->rows[i];
    return NULL;
}

static void test_breakdowns(void)
{
    report_table t;
    check_figures("fy2569", DIM_SEX, NULL, 0, &t);
    const report_row *women = row_of(&t, "female"), *men = row_of(&t, "male");
    CU_ASSERT_PTR_NOT_NULL_FATAL(women);
    CU_ASSERT_PTR_NOT_NULL_FATAL(men);
    CU_ASSERT_EQUAL(women->cells[MEASURE_SCREENED].n, 2);
    CU_ASSERT_EQUAL(men->cells[MEASURE_SCREENED].n, 1);
    report_table_free(&t);

    check_figures("fy2569", DIM_EXPLOITATION, NULL, 0, &t);
    CU_ASSERT_TRUE(t.rows_overlap);
    const report_row *forced = row_of(&t, "forced_labour"), *debt = row_of(&t, "debt_bondage");
    CU_ASSERT_PTR_NOT_NULL_FATAL(forced);
    CU_ASSERT_PTR_NOT_NULL_FATAL(debt);
    CU_ASSERT_EQUAL(forced->cells[MEASURE_SCREENED].n, 1);
    CU_ASSERT_EQUAL(debt->cells[MEASURE_SCREENED].n, 1);
    report_table_free(&t);

    check_figures("fy2569", DIM_OFFICER, NULL, 0, &t);
    const report_row *nok = row_of(&t, ids.nok);
    CU_ASSERT_PTR_NOT_NULL_FATAL(nok);
    CU_ASSERT_EQUAL(nok->cells[MEASURE_SCREENED].n, 1);
    report_table_free(&t);
}

/* ---- labels ----------------------------------------------------------------- */

typedef struct label_case {
    report_dim dim;
    const char *key, *en, *th;      /* th NULL: needs the test catalogue */
} label_case;

static void test_labels(void)
{
    const label_case rows[] = {
        { DIM_NATIONALITY, "MM", "Myanmar", "เมียนมา" },
        { DIM_PROVINCE, "TH-63", "Tak", "ตาก" },
        { DIM_SECTOR, "fishing", "Fishing", "ประมง" },
        { DIM_SECTOR, "salt_farm", REPORT_FIXTURE_SECTOR_EN, REPORT_FIXTURE_SECTOR_TH },
        { DIM_EXPLOITATION, "debt_bondage", "Debt bondage", "หนี้สินที่ผูกพัน" },
        { DIM_OFFICER, ids.nok, REPORT_FIXTURE_NOK_NAME, REPORT_FIXTURE_NOK_NAME },
        { DIM_SEX, "female", "Female", "หญิง" },
        { DIM_AGE_BAND, "15-17", "Child 15-17", "เด็ก 15-17 ปี" },
        { DIM_SECTOR, "", "Not recorded", "ไม่ได้บันทึก" },
        { DIM_NATIONALITY, "ZZ", "ZZ", "ZZ" },
        { DIM_SECTOR, "no_such_sector", "no_such_sector", "no_such_sector" },
    };
    char out[256];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        store_report_label(fx.s, rows[i].dim, rows[i].key, out, sizeof out);
        CHECK_ROW(!strcmp(out, rows[i].en), rows[i].en);
    }
    if (!have_catalogue)
        return;
    CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        store_report_label(fx.s, rows[i].dim, rows[i].key, out, sizeof out);
        CHECK_ROW(!strcmp(out, rows[i].th), rows[i].th);
    }
    i18n_set_language("en");
}

static void test_label_is_cut_safely(void)
{
    char out[8];
    store_report_label(fx.s, DIM_NATIONALITY, "MM", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Myanmar");
    char tiny[4];
    store_report_label(fx.s, DIM_NATIONALITY, "MM", tiny, sizeof tiny);
    CU_ASSERT_EQUAL(strlen(tiny), 3);
    /* Thai is cut between characters: "นก" is six bytes. */
    char thai[6];
    store_report_label(fx.s, DIM_OFFICER, ids.nok, thai, sizeof thai);
    CU_ASSERT_STRING_EQUAL(thai, "น");
}

/* ---- the completeness check ------------------------------------------------ */

static void test_gaps(void)
{
    report_period p;
    CU_ASSERT_EQUAL_FATAL(report_period_parse("fy2569", &p), PERIOD_OK);
    report_gap *gaps = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_report_gaps(fx.s, p, &gaps, &n), ST_OK);
    /* C misses four fields, E its exploitation type; A, B complete; D
     * (closed in error) is not asked about. */
    static const char *const fields[] = { "Age or date of birth", "Nationality", "Entry point",
                                          "Province", "Exploitation type" };
    CU_ASSERT_EQUAL_FATAL(n, 5);
    for (size_t i = 0; i < n; i++) {
        CHECK_ROW(!strcmp(gaps[i].field, fields[i]), fields[i]);
        CHECK_ROW(!strcmp(gaps[i].reference, i < 4 ? ids.ref_c : ids.ref_e), gaps[i].reference);
        CHECK_ROW(!strcmp(gaps[i].case_id, i < 4 ? ids.c : ids.e), gaps[i].case_id);
    }
    free(gaps);
    /* Nothing touched FY 2567. */
    CU_ASSERT_EQUAL(report_period_parse("fy2567", &p), PERIOD_OK);
    CU_ASSERT_EQUAL(store_report_gaps(fx.s, p, &gaps, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(gaps);
}

/* ---- the audit ----------------------------------------------------------- */

static void test_export_is_audited(void)
{
    CU_ASSERT_EQUAL(store_report_audit_export(fx.s, "report", "fy2569", true), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(fx.s, "report.export", "fy2569;suppressed"));
    CU_ASSERT_EQUAL(store_report_audit_export(fx.s, "htcds", "2569-10", false), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(fx.s, "htcds.export", "2569-10;team"));
    harness_check_chain(fx.s);
    /* Reading writes nothing to the trail. */
    sqlite3_int64 before = harness_count_rows(fx.s, "SELECT count(*) FROM audit");
    report_facts f;
    CU_ASSERT_EQUAL(store_report_facts(fx.s, fy2569_to_now(), &f), ST_OK);
    report_facts_free(&f);
    CU_ASSERT_EQUAL(harness_count_rows(fx.s, "SELECT count(*) FROM audit"), before);
}

static void test_empty_store(void)
{
    tc_fixed_clock f2;
    tc_clock c2 = harness_clock(&f2, REPORT_FIXTURE_NOW);
    harness_fixture empty = harness_fixture_open("Admin", REPORT_FIXTURE_PASS, &c2);
    report_facts f;
    CU_ASSERT_EQUAL(store_report_facts(empty.s, fy2569_to_now(), &f), ST_OK);
    CU_ASSERT_EQUAL(f.n_people, 0);
    CU_ASSERT_EQUAL(f.n_events, 0);
    report_facts_free(&f);
    harness_fixture_close(&empty);
}

static CU_TestInfo facts_tests[] = {
    { "facts are on the officers' local days", test_facts_use_local_days },
    { "facts take first milestones", test_facts_take_first_milestones },
    { "withdrawn, drafts and errors are left out", test_facts_leave_out_withdrawn_drafts_and_errors },
    { "follow-ups: due and held", test_facts_follow_ups_due_and_held },
    { "an empty store", test_empty_store },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo figure_tests[] = {
    { "fiscal year 2569", test_fiscal_year_2569 },
    { "fiscal year 2570", test_fiscal_year_2570 },
    { "fiscal year 2568 and October 2025", test_fiscal_year_2568_and_a_month },
    { "by sex, exploitation and officer", test_breakdowns },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo other_tests[] = {
    { "labels in English and Thai", test_labels },
    { "a label cut to its buffer", test_label_is_cut_safely },
    { "completeness check", test_gaps },
    { "an export is audited", test_export_is_audited },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "report_facts", suite_init, suite_clean, NULL, NULL, facts_tests },
        { "report_figures", suite_init, suite_clean, NULL, NULL, figure_tests },
        { "report_labels_gaps_audit", suite_init, suite_clean, NULL, NULL, other_tests },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_report_db", suites);
}
