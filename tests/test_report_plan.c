/* test_report_plan.c - the report's period read (migration 9) on the
 * fixture of tests/report_fixture.h: every statement it runs reads its
 * own index (EXPLAIN QUERY PLAN: a range of the period or one key, never
 * a scan of a table or a sort); the codes migration 9 writes into its SQL
 * are core's; the period read gives the same figures as reading every
 * table for periods on both sides of the fiscal-year boundary; and the
 * derived rows its triggers keep follow every kind of change (a person's
 * sex, an earlier screening, a decision deleted, a need withdrawn, a case
 * closed in error and reopened, a referral accepted, a nationality
 * replaced, rows moved to another case) so the figures still agree
 * afterwards. */
#define _GNU_SOURCE
#include "config.h"
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/identification.h"
#include "core/needs.h"
#include "core/referral.h"
#include "core/repatriation.h"
#include "core/screening.h"
#include "db/report_store.h"
#include "db/report_store_internal.h"
#include "db/store_internal.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "tests/report_fixture.h"

static tc_fixed_clock fixed;
static tc_clock clk;
static harness_fixture fx;
static report_fixture_ids ids;

static int suite_init(void)
{
    if (!report_fixture_open(&fixed, &clk, &fx, &ids))
        return -1;
    return 0;
}

static int suite_clean(void)
{
    harness_fixture_close(&fx);
    return 0;
}

/* ---- plans -------------------------------------------------------------- */

/* The plan of sql as its detail lines, one per line. */
static void plan_of(const char *sql, char *out, size_t outsz)
{
    char explain[2048];
    snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *q = NULL;
    size_t len = 0;
    out[0] = '\0';
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(store_db_handle(fx.s), explain, -1, &q, NULL),
                          SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW && len < outsz) {
        int n = snprintf(out + len, outsz - len, "%s\n", (const char *)sqlite3_column_text(q, 3));
        if (n > 0)
            len += (size_t)n;
    }
    sqlite3_finalize(q);
}

/* Every statement of store_report_facts, in order, and what its plan
 * must say: a range of its own index (the period) or one key. */
static const char *const expected_plans[] = {
    "SEARCH TABLE report_cases USING COVERING INDEX report_cases_screened"
    " (first_screened>? AND first_screened<?)",
    "SEARCH TABLE report_cases USING COVERING INDEX report_cases_grounds"
    " (first_grounds>? AND first_grounds<?)",
    "SEARCH TABLE report_cases USING COVERING INDEX report_cases_victim"
    " (first_victim>? AND first_victim<?)",
    "SEARCH TABLE referrals AS r USING COVERING INDEX referrals_sent (sent_at>? AND sent_at<?)",
    "SEARCH TABLE report_referrals USING COVERING INDEX report_referrals_accepted"
    " (accepted_at>? AND accepted_at<?)",
    "SEARCH TABLE report_need_events USING COVERING INDEX report_need_events_at"
    " (at>? AND at<?)",
    "SEARCH TABLE repatriations USING COVERING INDEX repatriations_returned"
    " (state=? AND is_current=? AND entry_withdrawn=?)",
    "SEARCH TABLE reintegrations USING COVERING INDEX reintegrations_report"
    " (is_current=? AND entry_withdrawn=?)",
    "SEARCH TABLE followups USING COVERING INDEX followups_report"
    " (is_current=? AND entry_withdrawn=?)",
    "SEARCH TABLE report_cases USING PRIMARY KEY (case_id=?)",
};

static void test_period_read_uses_its_indexes(void)
{
    size_t n = 0;
    for (const char *sql; (sql = report_period_sql(n)) != NULL; n++) {
        CU_ASSERT_FATAL(n < sizeof expected_plans / sizeof expected_plans[0]);
        char plan[2048];
        plan_of(sql, plan, sizeof plan);
        bool uses = strstr(plan, expected_plans[n]) != NULL;
        /* Nothing walks a whole table or sorts; the one other table
         * (the agency of a referral) is found by its key. */
        bool scans = strstr(plan, "SCAN TABLE") != NULL || strstr(plan, "TEMP B-TREE") != NULL;
        if (!uses || scans)
            fprintf(stderr, "\n  %s\n  plan:\n%s", sql, plan);
        CU_ASSERT_TRUE(uses);
        CU_ASSERT_FALSE(scans);
    }
    CU_ASSERT_EQUAL(n, sizeof expected_plans / sizeof expected_plans[0]);
}

/* Migration 9 writes codes into its triggers and indexes as text. */
static void test_codes_in_migration_are_cores(void)
{
    CU_ASSERT_STRING_EQUAL(suggestion_code(SUGGEST_REASONABLE_GROUNDS), "reasonable_grounds");
    CU_ASSERT_STRING_EQUAL(ident_outcome_code(IDENT_VICTIM_TRAFFICKING), "victim_trafficking");
    CU_ASSERT_STRING_EQUAL(ident_outcome_code(IDENT_VICTIM_FORCED_LABOUR),
                           "victim_forced_labour");
    CU_ASSERT_STRING_EQUAL(referral_state_code(REFERRAL_ACCEPTED), "accepted");
    CU_ASSERT_STRING_EQUAL(referral_state_code(REFERRAL_IN_SERVICE), "in_service");
    CU_ASSERT_STRING_EQUAL(referral_state_code(REFERRAL_COMPLETED), "completed");
    CU_ASSERT_STRING_EQUAL(need_state_code(NEED_PROVIDED), "provided");
    CU_ASSERT_STRING_EQUAL(need_state_code(NEED_UNAVAILABLE), "unavailable");
    CU_ASSERT_STRING_EQUAL(repat_state_code(REPAT_RETURNED), "returned");
}

/* ---- the period read against the full read ----------------------------- */

static bool same_row(const report_row *a, const report_row *b)
{
    return !strcmp(a->key, b->key) && !memcmp(a->cells, b->cells, sizeof a->cells);
}

static bool same_table(const report_table *a, const report_table *b)
{
    if (a->n_rows != b->n_rows || !same_row(&a->total, &b->total))
        return false;
    for (size_t i = 0; i < a->n_rows; i++)
        if (!same_row(&a->rows[i], &b->rows[i]))
            return false;
    return !memcmp(a->referrals, b->referrals, sizeof a->referrals)
           && !memcmp(a->needs, b->needs, sizeof a->needs)
           && !memcmp(&a->met_to_identified, &b->met_to_identified,
                      sizeof a->met_to_identified)
           && !memcmp(&a->referral_to_accepted, &b->referral_to_accepted,
                      sizeof a->referral_to_accepted);
}

/* Periods on both sides of the fiscal-year boundary and around the
 * fixture's dates, as the command line names them. */
static const char *const periods[] = {
    "fy2568", "fy2569", "fy2570", "2025-09", "2025-10", "2026-01", "2026-06", "2026-09",
    "2026-10", "2026-11", "2025", "2026", "2026h1", "2026h2", "2025-09-30..2025-10-01",
    "2020-01-01..2027-12-31",
};

/* Both reads, every breakdown: the same figures, from as many people and
 * events. */
static void check_reads_agree(const char *when)
{
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        report_period p;
        CU_ASSERT_EQUAL_FATAL(report_period_parse(periods[i], &p), PERIOD_OK);
        report_facts fast, full;
        CU_ASSERT_EQUAL_FATAL(store_report_facts(fx.s, p, &fast), ST_OK);
        CU_ASSERT_EQUAL_FATAL(report_facts_full(fx.s, p, &full), ST_OK);
        bool same = fast.n_people == full.n_people && fast.n_events == full.n_events;
        for (int d = 0; d < DIM_COUNT; d++) {
            report_table a, b;
            CU_ASSERT_TRUE_FATAL(report_build(&fast, p, (report_dim)d, &a));
            CU_ASSERT_TRUE_FATAL(report_build(&full, p, (report_dim)d, &b));
            same = same && same_table(&a, &b);
            report_table_free(&a);
            report_table_free(&b);
        }
        if (!same)
            fprintf(stderr, "\n  %s, %s: %zu/%zu people, %zu/%zu events\n", when, periods[i],
                    fast.n_people, full.n_people, fast.n_events, full.n_events);
        CU_ASSERT_TRUE(same);
        report_facts_free(&fast);
        report_facts_free(&full);
    }
}

static void test_period_read_agrees_with_full_read(void)
{
    check_reads_agree("the fixture");
    /* And the fixture's figures are really there to agree on. */
    report_period p = report_period_fiscal_year(2569);
    report_facts f;
    CU_ASSERT_EQUAL_FATAL(store_report_facts(fx.s, p, &f), ST_OK);
    CU_ASSERT(f.n_people >= 3);
    CU_ASSERT(f.n_events >= 8);
    report_facts_free(&f);
}

#define STAMP "'2026-11-21T03:00:00Z'"

static void exec(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void exec(const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    char *err = NULL;
    int rc = sqlite3_exec(store_db_handle(fx.s), sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fprintf(stderr, "\n  %s\n  %s\n", sql, err ? err : "?");
    sqlite3_free(err);
    CU_ASSERT_EQUAL_FATAL(rc, SQLITE_OK);
}

/* Each change is made as the store's writers (or an import) make it, in
 * SQL: the derived rows must follow without the writer knowing them. */
static void test_derived_rows_follow_changes(void)
{
    /* A's person becomes a man. */
    exec("UPDATE persons SET sex = 'male' WHERE id = (SELECT person_id FROM cases"
         " WHERE id = '%s')", ids.a);
    check_reads_agree("sex changed");
    /* E screened before anyone noticed: an earlier first screening. */
    exec("INSERT INTO screenings(id, case_id, instrument_id, held_at, place, interviewers,"
         " language, interpreter_used, consent_given, earlier_interviews, guardian_present,"
         " child, decided, suggestion, decided_at, created_at, updated_at) VALUES('se0', '%s',"
         " (SELECT id FROM instruments LIMIT 1), '2026-04-30T18:00:00Z', 'x', 'x', 'lo', 0, 1,"
         " 0, 'not_recorded', 0, 1, 'reasonable_grounds', '2026-04-30T19:00:00Z', " STAMP ", "
         STAMP ")", ids.e);
    check_reads_agree("earlier screening");
    /* B's victim decision is deleted (a repair); the other stands. */
    exec("DELETE FROM identifications WHERE id = 'db2'");
    check_reads_agree("decision deleted");
    /* C's medical need: a third version withdraws it. */
    exec("UPDATE needs SET is_current = 0 WHERE record_id = 'nc'");
    exec("INSERT INTO needs(id, record_id, version, is_current, change, audit_seq,"
         " entry_withdrawn, case_id, kind, state, created_at, updated_at) VALUES('nc-3', 'nc', 3,"
         " 1, 'withdraw', 0, 1, '%s', 'medical', 'provided', " STAMP ", " STAMP ")", ids.c);
    check_reads_agree("need withdrawn");
    /* E closed in error, then reopened. */
    exec("INSERT INTO case_closures(id, case_id, action, reason, audit_seq, created_at,"
         " updated_at) VALUES('ce1', '%s', 'close', 'error', 5, " STAMP ", " STAMP ")", ids.e);
    check_reads_agree("closed in error");
    exec("INSERT INTO case_closures(id, case_id, action, reason, audit_seq, created_at,"
         " updated_at) VALUES('ce2', '%s', 'reopen', '', 6, " STAMP ", " STAMP ")", ids.e);
    check_reads_agree("reopened");
    /* A's declined referral is accepted after all. */
    exec("INSERT INTO referral_events(id, referral_id, case_id, from_state, to_state, at,"
         " officer_id, audit_seq, created_at, updated_at) VALUES('ea3', 'ra', '%s', 'declined',"
         " 'accepted', 1762920000, 'x', 0, " STAMP ", " STAMP ")", ids.a);
    check_reads_agree("referral accepted");
    /* C's nationality recorded after all; B's replaced. */
    exec("INSERT INTO case_nationalities VALUES('nc1', '%s', 0, 'LA', " STAMP ", " STAMP
         ", NULL, NULL)", ids.c);
    exec("DELETE FROM case_nationalities WHERE case_id = '%s'", ids.b);
    exec("INSERT INTO case_nationalities VALUES('nb1', '%s', 0, 'MM', " STAMP ", " STAMP
         ", NULL, NULL)", ids.b);
    check_reads_agree("nationality replaced");
    /* A's intake corrected: another sector. */
    exec("UPDATE intakes SET sector = 'construction' WHERE case_id = '%s'", ids.a);
    check_reads_agree("intake corrected");
    /* A screening and a decision entered on the wrong case are moved: both
     * cases change (B loses its first screening, C gains one). */
    exec("UPDATE screenings SET case_id = '%s' WHERE id = 'sb1'", ids.c);
    exec("UPDATE identifications SET case_id = '%s' WHERE id = 'da'", ids.c);
    check_reads_agree("moved to another case");
    /* A need record moved whole to another case. */
    exec("UPDATE needs SET case_id = '%s' WHERE record_id = 'na'", ids.e);
    check_reads_agree("need moved");
}

static CU_TestInfo tests[] = {
    { "the period read uses its indexes", test_period_read_uses_its_indexes },
    { "codes in migration 9 are core's", test_codes_in_migration_are_cores },
    { "the period read agrees with the full read", test_period_read_agrees_with_full_read },
    { "derived rows follow every change", test_derived_rows_follow_changes },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "report_plan", suite_init, suite_clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_report_plan", suites);
}
