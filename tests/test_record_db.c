/* test_record_db.c - the whole case record through the store (db/record.h):
 * each form validated by the store with nothing written when it is
 * refused, code lists an administrator extends, consent coverage and
 * overrides in the audit trail, withdrawal and correction keeping history,
 * needs moving through their states, the stage from recorded facts,
 * closing and reopening, the timeline, quick mode and inspections.  The
 * pure parts (timeline order and summary, inspection and note checks) are
 * table-tested here too.
 *
 * Time comes from a fixed clock the tests move; key slots use cheap
 * Argon2id parameters. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/record.h"
#include "db/screenings.h"
#include "db/store.h"
#include "db/store_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NOK_PASS "another long passphrase"
#define START "2026-11-21T03:00:00Z"


static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void)
{
    clk = harness_clock(&fixed, START);
    return sodium_init() < 0 ? -1 : 0;
}

static int suite_clean(void) { return 0; }

/* ------------------------------------------------------------- helpers */

typedef harness_fixture fixture;

/* A new store, open as the administrator "Somchai Admin", at START. */
static fixture open_fixture(void)
{
    return harness_fixture_at(&fixed, &clk, START);
}

/* Reopen the store as another officer. */
static void reopen_as(fixture *f, const char *login, const char *pass)
{
    harness_fixture_reopen(f, login, pass, &clk);
}

static void advance(int64_t seconds)
{
    fixed.at += seconds;
}

/* The audit rows and the rows of one table, to prove a refusal wrote
 * nothing. */
typedef struct counts { sqlite3_int64 audit, rows; } counts;

static counts counts_of(store *s, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    counts c = { harness_count_rows(s, "SELECT count(*) FROM audit"), harness_count_rows(s, sql) };
    return c;
}

/* An adult (30) or a child (15), met the day before START. */
static tc_case add_case(store *s, const char *name, int age)
{
    return harness_case_add(s, name, age, "2026-11-20");
}

static bool same_counts(counts a, counts b)
{
    return a.audit == b.audit && a.rows == b.rows;
}

/* ============================================================ code lists */

static void test_builtin_lists_loaded(void)
{
    fixture f = open_fixture();
    store_code_list l;
    CU_ASSERT_EQUAL_FATAL(store_code_list_get(f.s, LIST_SECTOR, &l), ST_OK);
    const tc_code_row *fishing = code_list_find(l.list, "fishing");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fishing);
    CU_ASSERT_STRING_EQUAL(fishing->label, "Fishing");
    CU_ASSERT_STRING_EQUAL(fishing->label_th, "ประมง");
    CU_ASSERT_TRUE(l.builtin[fishing - l.list.rows]);
    /* In the order core ships them. */
    tc_code_list def = intake_default_sectors();
    CU_ASSERT_EQUAL(l.list.count, def.count);
    CU_ASSERT_STRING_EQUAL(l.list.rows[0].code, def.rows[0].code);
    store_code_list_free(&l);
    store_intake_lists lists;
    CU_ASSERT_EQUAL_FATAL(store_intake_lists_get(f.s, &lists), ST_OK);
    const tc_code_row *fb = code_list_find(lists.lists.recruitment_channels, "facebook");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fb);
    CU_ASSERT_STRING_EQUAL(fb->group, "online");
    CU_ASSERT_EQUAL(lists.lists.immigration_statuses.count,
                    intake_default_immigration_statuses().count);
    store_intake_lists_free(&lists);
    harness_fixture_close(&f);
}

static void test_admin_adds_list_row(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Salt Worker", 30);
    tc_intake in;
    intake_init(&in);
    snprintf(in.case_id, sizeof in.case_id, "%s", c.id);
    snprintf(in.sector, sizeof in.sector, "salt_farming");
    intake_check ic;
    /* Not a sector yet. */
    CU_ASSERT_EQUAL(store_intake_save(f.s, &in, &ic), ST_INVALID);
    CU_ASSERT_EQUAL(ic.problem, INTAKE_SECTOR_UNKNOWN);

    tc_code_row row = { "salt_farming", "Salt farming", "นาเกลือ", NULL };
    code_row_problem p;
    counts before = counts_of(f.s, "code_rows");
    CU_ASSERT_EQUAL(store_code_add(f.s, LIST_SECTOR, &row, &p), ST_OK);
    CU_ASSERT_EQUAL(p, CODE_ROW_OK);
    /* The same code twice is refused, and writes nothing. */
    counts after = counts_of(f.s, "code_rows");
    CU_ASSERT_EQUAL(after.rows, before.rows + 1);
    CU_ASSERT_EQUAL(store_code_add(f.s, LIST_SECTOR, &row, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, CODE_ROW_CODE_TAKEN);
    CU_ASSERT_TRUE(same_counts(after, counts_of(f.s, "code_rows")));
    /* A row without its Thai label is refused. */
    tc_code_row no_thai = { "salt_works", "Salt works", "", NULL };
    CU_ASSERT_EQUAL(store_code_add(f.s, LIST_SECTOR, &no_thai, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, CODE_ROW_LABEL_MISSING);

    store_code_list l;
    CU_ASSERT_EQUAL_FATAL(store_code_list_get(f.s, LIST_SECTOR, &l), ST_OK);
    CU_ASSERT_STRING_EQUAL(l.list.rows[l.list.count - 1].code, "salt_farming");
    CU_ASSERT_FALSE(l.builtin[l.list.count - 1]);
    store_code_list_free(&l);
    /* Now the intake takes it. */
    CU_ASSERT_EQUAL(store_intake_save(f.s, &in, &ic), ST_OK);

    /* A social worker cannot extend the lists. */
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(f.s, "nok", "Nok Social", ROLE_SOCIAL_WORKER,
                                              NOK_PASS), ST_OK);
    reopen_as(&f, "nok", NOK_PASS);
    tc_code_row other = { "pearl_farming", "Pearl farming", "ฟาร์มไข่มุก", NULL };
    CU_ASSERT_EQUAL(store_code_add(f.s, LIST_SECTOR, &other, &p), ST_DENIED);
    harness_fixture_close(&f);
}

/* ================================================================ intake */

static tc_intake full_intake(const char *case_id)
{
    tc_intake in;
    intake_init(&in);
    snprintf(in.case_id, sizeof in.case_id, "%s", case_id);
    snprintf(in.district, sizeof in.district, "เมืองสมุทรสาคร");
    snprintf(in.establishment, sizeof in.establishment, "โรงงานแปรรูปกุ้ง");
    snprintf(in.sector, sizeof in.sector, "seafood_processing");
    snprintf(in.origin, sizeof in.origin, "MM");
    snprintf(in.transit[0], sizeof in.transit[0], "LA");
    in.n_transit = 1;
    snprintf(in.exploitation_country, sizeof in.exploitation_country, "TH");
    in.crossing = CROSSING_NATURAL_CHANNEL;
    snprintf(in.exploitation[0], sizeof in.exploitation[0], "forced_labour");
    snprintf(in.exploitation[1], sizeof in.exploitation[1], "debt_bondage");
    in.n_exploitation = 2;
    in.exploitation_from_known = true;
    in.exploitation_from = harness_day("2025-06-01");
    in.exploitation_to_known = true;
    in.exploitation_to = harness_day("2026-11-01");
    snprintf(in.recruitment, sizeof in.recruitment, "facebook");
    snprintf(in.documents[0].kind, sizeof in.documents[0].kind, "passport");
    snprintf(in.documents[0].holder, sizeof in.documents[0].holder, "employer");
    snprintf(in.documents[1].kind, sizeof in.documents[1].kind, "work_permit");
    snprintf(in.documents[1].holder, sizeof in.documents[1].holder, "broker");
    in.n_documents = 2;
    snprintf(in.immigration, sizeof in.immigration, "irregular_entry");
    return in;
}

static void test_intake_bad_dates_write_nothing(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Date Case", 30);
    static const struct {
        const char *name, *from, *to;
        intake_problem want;
        const char *field;
    } rows[] = {
        { "not a calendar day", "2026-02-30", NULL, INTAKE_DATE_INVALID, "exploitation_from" },
        { "month 13", "2026-13-01", NULL, INTAKE_DATE_INVALID, "exploitation_from" },
        { "end after today", "2026-01-01", "2026-11-22", INTAKE_DATE_IN_FUTURE, "exploitation_to" },
        { "ended before it began", "2026-05-01", "2026-04-30", INTAKE_DATES_REVERSED,
          "exploitation_to" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_intake in = full_intake(c.id);
        in.exploitation_from = (caldate){ 0, 0, 0 };
        sscanf(rows[i].from, "%d-%d-%d", &in.exploitation_from.year,
               &in.exploitation_from.month, &in.exploitation_from.day);
        in.exploitation_to_known = rows[i].to != NULL;
        if (rows[i].to)
            in.exploitation_to = harness_day(rows[i].to);
        counts before = counts_of(f.s, "intakes");
        intake_check ic;
        CHECK_ROW(store_intake_save(f.s, &in, &ic) == ST_INVALID, rows[i].name);
        CHECK_ROW(ic.problem == rows[i].want, rows[i].name);
        CHECK_ROW(ic.field && strcmp(ic.field, rows[i].field) == 0, rows[i].name);
        CHECK_ROW(same_counts(before, counts_of(f.s, "intakes")), rows[i].name);
    }
    tc_intake got;
    CU_ASSERT_EQUAL(store_intake_get(f.s, c.id, &got), ST_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(got.case_id, c.id);
    harness_fixture_close(&f);
}

static void test_intake_same_country_route(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Thai Returnee", 30);
    /* Taken abroad and brought back: origin and exploitation both TH. */
    tc_intake in = full_intake(c.id);
    snprintf(in.origin, sizeof in.origin, "TH");
    snprintf(in.transit[0], sizeof in.transit[0], "KH");
    snprintf(in.exploitation_country, sizeof in.exploitation_country, "TH");
    in.crossing = CROSSING_CHECKPOINT;
    intake_check ic;
    CU_ASSERT_EQUAL(store_intake_save(f.s, &in, &ic), ST_OK);
    CU_ASSERT_EQUAL(ic.problem, INTAKE_OK);
    /* A Thai worker exploited at home, no border crossed. */
    in.n_transit = 0;
    in.crossing = CROSSING_NOT_CROSSED;
    CU_ASSERT_EQUAL(store_intake_save(f.s, &in, &ic), ST_OK);
    tc_intake got;
    CU_ASSERT_EQUAL_FATAL(store_intake_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.origin, "TH");
    CU_ASSERT_STRING_EQUAL(got.exploitation_country, "TH");
    CU_ASSERT_EQUAL(got.crossing, CROSSING_NOT_CROSSED);
    harness_fixture_close(&f);
}

static void test_intake_round_trip_and_versions(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Shrimp Peeler", 30);
    tc_intake in = full_intake(c.id);
    CU_ASSERT_EQUAL_FATAL(store_intake_save(f.s, &in, NULL), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "intake.save", c.id));
    int64_t first_saved = in.created_at;
    tc_intake got;
    CU_ASSERT_EQUAL_FATAL(store_intake_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.establishment, "โรงงานแปรรูปกุ้ง");
    CU_ASSERT_EQUAL(got.n_transit, 1);
    CU_ASSERT_STRING_EQUAL(got.transit[0], "LA");
    CU_ASSERT_EQUAL_FATAL(got.n_exploitation, 2);
    CU_ASSERT_STRING_EQUAL(got.exploitation[1], "debt_bondage");
    CU_ASSERT_EQUAL_FATAL(got.n_documents, 2);
    CU_ASSERT_STRING_EQUAL(got.documents[1].kind, "work_permit");
    CU_ASSERT_STRING_EQUAL(got.documents[1].holder, "broker");
    CU_ASSERT_TRUE(got.exploitation_from_known);
    CU_ASSERT_EQUAL(caldate_compare(got.exploitation_from, harness_day("2025-06-01")), 0);
    CU_ASSERT_EQUAL(got.crossing, CROSSING_NATURAL_CHANNEL);
    CU_ASSERT_STRING_EQUAL(got.immigration, "irregular_entry");

    /* A later save replaces it; the first stays as version 1. */
    advance(3600);
    snprintf(in.establishment, sizeof in.establishment, "ท่าเรือประมง");
    CU_ASSERT_EQUAL_FATAL(store_intake_save(f.s, &in, NULL), ST_OK);
    CU_ASSERT_EQUAL(in.created_at, first_saved);
    CU_ASSERT_EQUAL(in.updated_at, first_saved + 3600);
    CU_ASSERT_EQUAL_FATAL(store_intake_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.establishment, "ท่าเรือประมง");
    tc_intake *versions = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_intake_versions(f.s, c.id, &versions, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(versions[0].establishment, "โรงงานแปรรูปกุ้ง");
    CU_ASSERT_STRING_EQUAL(versions[1].establishment, "ท่าเรือประมง");
    free(versions);
    /* No intake for a case that does not exist. */
    tc_intake stray = full_intake("00000000-0000-0000-0000-000000000000");
    CU_ASSERT_EQUAL(store_intake_save(f.s, &stray, NULL), ST_NOT_FOUND);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* =============================================================== consent */

static tc_consent consent_for(const char *case_id, consent_purpose p, const char *given)
{
    tc_consent c;
    consent_init(&c);
    snprintf(c.case_id, sizeof c.case_id, "%s", case_id);
    c.purpose = p;
    if (p == CONSENT_REFERRAL)
        snprintf(c.agency_kind, sizeof c.agency_kind, "shelter");
    c.agreed = true;
    c.given_on = harness_day(given);
    snprintf(c.language, sizeof c.language, "my");
    c.interpreter_used = true;
    snprintf(c.interpreter_name, sizeof c.interpreter_name, "Ma Thida");
    return c;
}

static void test_consent_child_flagged_but_saved(void)
{
    fixture f = open_fixture();
    tc_case child = add_case(f.s, "Young Worker", 15);
    tc_consent c = consent_for(child.id, CONSENT_INTERVIEW, "2026-11-20");
    consent_check chk;
    counts before = counts_of(f.s, "consents");
    CU_ASSERT_EQUAL(store_consent_add(f.s, &c, &chk), ST_OK);
    CU_ASSERT_EQUAL(chk.problem, CONSENT_CHILD_WITHOUT_GUARDIAN);
    CU_ASSERT_STRING_EQUAL(chk.field, "given_by");
    counts after = counts_of(f.s, "consents");
    CU_ASSERT_EQUAL(after.rows, before.rows + 1);
    CU_ASSERT_EQUAL(after.audit, before.audit + 1);
    /* The child's own yes does not cover the interview; a guardian's does. */
    consent_cover cover;
    CU_ASSERT_EQUAL(store_consent_covers(f.s, child.id, CONSENT_INTERVIEW, NULL,
                                         harness_day("2026-11-21"), &cover), ST_OK);
    CU_ASSERT_EQUAL(cover, CONSENT_CHILD_NEEDS_GUARDIAN);
    tc_consent g = c;
    g.given_by = CONSENT_BY_GUARDIAN;
    snprintf(g.guardian_name, sizeof g.guardian_name, "Daw Aye");
    CU_ASSERT_EQUAL(store_consent_add(f.s, &g, &chk), ST_OK);
    CU_ASSERT_EQUAL(chk.problem, CONSENT_OK);
    CU_ASSERT_EQUAL(store_consent_covers(f.s, child.id, CONSENT_INTERVIEW, NULL,
                                         harness_day("2026-11-21"), &cover), ST_OK);
    CU_ASSERT_EQUAL(cover, CONSENT_COVERED);
    harness_fixture_close(&f);
}

static void test_consent_refused_forms_write_nothing(void)
{
    fixture f = open_fixture();
    tc_case adult = add_case(f.s, "Adult Worker", 30);
    static const struct {
        const char *name;
        caldate given;
        consent_problem want;
    } rows[] = {
        { "no date", { 0, 0, 0 }, CONSENT_DATE_MISSING },
        { "31 April", { 2026, 4, 31 }, CONSENT_DATE_INVALID },
        { "tomorrow", { 2026, 11, 22 }, CONSENT_DATE_IN_FUTURE },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_consent c = consent_for(adult.id, CONSENT_INTERVIEW, "2026-11-20");
        c.given_on = rows[i].given;
        consent_check chk;
        counts before = counts_of(f.s, "consents");
        CHECK_ROW(store_consent_add(f.s, &c, &chk) == ST_INVALID, rows[i].name);
        CHECK_ROW(chk.problem == rows[i].want, rows[i].name);
        CHECK_ROW(same_counts(before, counts_of(f.s, "consents")), rows[i].name);
    }
    /* A referral consent to a kind of agency that does not exist. */
    tc_consent c = consent_for(adult.id, CONSENT_REFERRAL, "2026-11-20");
    snprintf(c.agency_kind, sizeof c.agency_kind, "spaceport");
    consent_check chk;
    CU_ASSERT_EQUAL(store_consent_add(f.s, &c, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, CONSENT_AGENCY_KIND_UNKNOWN);
    /* A case that does not exist. */
    tc_consent stray = consent_for("00000000-0000-0000-0000-000000000000", CONSENT_INTERVIEW,
                                   "2026-11-20");
    CU_ASSERT_EQUAL(store_consent_add(f.s, &stray, &chk), ST_NOT_FOUND);
    harness_fixture_close(&f);
}

static void test_consent_coverage_and_override(void)
{
    fixture f = open_fixture();
    tc_case adult = add_case(f.s, "Covered Person", 30);
    tc_consent c = consent_for(adult.id, CONSENT_REFERRAL, "2026-11-20");
    CU_ASSERT_EQUAL_FATAL(store_consent_add(f.s, &c, NULL), ST_OK);
    tc_consent no_police = consent_for(adult.id, CONSENT_REFERRAL, "2026-11-20");
    snprintf(no_police.agency_kind, sizeof no_police.agency_kind, "police");
    no_police.agreed = false;
    CU_ASSERT_EQUAL_FATAL(store_consent_add(f.s, &no_police, NULL), ST_OK);

    static const struct {
        const char *name;
        consent_purpose purpose;
        const char *kind;
        const char *on;
        consent_cover want;
    } rows[] = {
        { "referral to a shelter", CONSENT_REFERRAL, "shelter", "2026-11-21", CONSENT_COVERED },
        { "before it was given", CONSENT_REFERRAL, "shelter", "2026-11-19", CONSENT_NOT_COVERED },
        { "referral to the police", CONSENT_REFERRAL, "police", "2026-11-21", CONSENT_REFUSED },
        { "referral to an embassy", CONSENT_REFERRAL, "embassy", "2026-11-21",
          CONSENT_NOT_COVERED },
        { "repatriation", CONSENT_REPATRIATION, NULL, "2026-11-21", CONSENT_NOT_COVERED },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        consent_cover got = CONSENT_COVERED;
        CHECK_ROW(store_consent_covers(f.s, adult.id, rows[i].purpose, rows[i].kind,
                                       harness_day(rows[i].on), &got) == ST_OK, rows[i].name);
        CHECK_ROW(got == rows[i].want, rows[i].name);
    }

    /* Going ahead anyway needs a reason, which the audit trail shows. */
    consent_override o;
    memset(&o, 0, sizeof o);
    o.purpose = CONSENT_REFERRAL;
    snprintf(o.agency_kind, sizeof o.agency_kind, "police");
    consent_check chk;
    char id[TC_ID_LEN] = "";
    counts before = counts_of(f.s, "consent_overrides");
    CU_ASSERT_EQUAL(store_consent_override(f.s, adult.id, &o, "referral_send", NULL, id, &chk),
                    ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, CONSENT_OVERRIDE_REASON_MISSING);
    CU_ASSERT_TRUE(same_counts(before, counts_of(f.s, "consent_overrides")));
    snprintf(o.reason, sizeof o.reason, "The employer threatened her family today.");
    CU_ASSERT_EQUAL(store_consent_override(f.s, adult.id, &o, "referral.send", NULL, id, &chk),
                    ST_INVALID);        /* not a code */
    CU_ASSERT_EQUAL(store_consent_override(f.s, adult.id, &o, "referral_send", NULL, id, &chk),
                    ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "consent.override", id));
    consent_override_row *rows_out = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_consent_overrides(f.s, adult.id, &rows_out, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(rows_out[0].override.reason, o.reason);
    CU_ASSERT_STRING_EQUAL(rows_out[0].officer_name, "Somchai Admin");
    CU_ASSERT_STRING_EQUAL(rows_out[0].action, "referral_send");
    free(rows_out);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

static void test_consent_withdrawal_keeps_history(void)
{
    fixture f = open_fixture();
    tc_case adult = add_case(f.s, "Withdrawing Person", 30);
    tc_consent c = consent_for(adult.id, CONSENT_SHARE_EMBASSY, "2026-11-10");
    CU_ASSERT_EQUAL_FATAL(store_consent_add(f.s, &c, NULL), ST_OK);
    consent_problem p;
    /* Not before it was given, not in the future. */
    CU_ASSERT_EQUAL(store_consent_withdraw(f.s, c.id, harness_day("2026-11-09"), &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, CONSENT_WITHDRAWN_BEFORE_GIVEN);
    CU_ASSERT_EQUAL(store_consent_withdraw(f.s, c.id, harness_day("2026-11-22"), &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, CONSENT_WITHDRAWN_IN_FUTURE);
    CU_ASSERT_EQUAL(store_consent_withdraw(f.s, c.id, harness_day("2026-11-15"), &p), ST_OK);

    tc_consent now, then;
    CU_ASSERT_EQUAL_FATAL(store_consent_get(f.s, c.id, 0, &now), ST_OK);
    CU_ASSERT_TRUE(now.withdrawn);
    CU_ASSERT_EQUAL(caldate_compare(now.withdrawn_on, harness_day("2026-11-15")), 0);
    CU_ASSERT_EQUAL_FATAL(store_consent_get(f.s, c.id, 1, &then), ST_OK);
    CU_ASSERT_FALSE(then.withdrawn);
    CU_ASSERT_EQUAL(caldate_compare(then.given_on, harness_day("2026-11-10")), 0);
    /* What was covered before stays covered. */
    consent_cover cover;
    CU_ASSERT_EQUAL(store_consent_covers(f.s, adult.id, CONSENT_SHARE_EMBASSY, NULL,
                                         harness_day("2026-11-12"), &cover), ST_OK);
    CU_ASSERT_EQUAL(cover, CONSENT_COVERED);
    CU_ASSERT_EQUAL(store_consent_covers(f.s, adult.id, CONSENT_SHARE_EMBASSY, NULL,
                                         harness_day("2026-11-16"), &cover), ST_OK);
    CU_ASSERT_EQUAL(cover, CONSENT_WITHDRAWN);
    CU_ASSERT_EQUAL(store_consent_withdraw(f.s, c.id, harness_day("2026-11-16"), &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, CONSENT_ALREADY_WITHDRAWN);

    record_version *v = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_record_versions(f.s, RECORD_KIND_CONSENT, c.id, &v, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(v[0].change, "add");
    CU_ASSERT_STRING_EQUAL(v[1].change, "withdraw_consent");
    CU_ASSERT_STRING_EQUAL(v[1].officer_name, "Somchai Admin");
    free(v);
    tc_consent *list = NULL;
    CU_ASSERT_EQUAL_FATAL(store_consent_list(f.s, adult.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);          /* one record, its current version */
    free(list);
    harness_fixture_close(&f);
}

static void test_consent_correct_and_withdraw_entry(void)
{
    fixture f = open_fixture();
    tc_case adult = add_case(f.s, "Corrected Person", 30);
    tc_consent c = consent_for(adult.id, CONSENT_INTERVIEW, "2026-11-20");
    CU_ASSERT_EQUAL_FATAL(store_consent_add(f.s, &c, NULL), ST_OK);
    tc_consent fix = c;
    snprintf(fix.language, sizeof fix.language, "shn");
    record_problem rp;
    consent_check chk;
    counts before = counts_of(f.s, "consents");
    CU_ASSERT_EQUAL(store_consent_correct(f.s, &fix, "", &rp, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(rp, RECORD_REASON_MISSING);
    CU_ASSERT_TRUE(same_counts(before, counts_of(f.s, "consents")));
    CU_ASSERT_EQUAL(store_consent_correct(f.s, &fix, "Explained in Shan, not Burmese.", &rp,
                                          &chk), ST_OK);
    tc_consent v1, v2;
    CU_ASSERT_EQUAL(store_consent_get(f.s, c.id, 1, &v1), ST_OK);
    CU_ASSERT_EQUAL(store_consent_get(f.s, c.id, 0, &v2), ST_OK);
    CU_ASSERT_STRING_EQUAL(v1.language, "my");
    CU_ASSERT_STRING_EQUAL(v2.language, "shn");
    CU_ASSERT_STRING_EQUAL(v2.case_id, adult.id);

    /* Withdrawn as a wrong entry: it stays, marked, and no longer counts. */
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_CONSENT, c.id, "", &rp), ST_INVALID);
    CU_ASSERT_EQUAL(rp, RECORD_REASON_MISSING);
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_CONSENT, c.id,
                                          "Entered on the wrong case.", &rp), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "record.withdraw", c.id));
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_CONSENT, c.id, "Again.", &rp),
                    ST_INVALID);
    CU_ASSERT_EQUAL(rp, RECORD_ALREADY_WITHDRAWN);
    tc_consent *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_consent_list(f.s, adult.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_TRUE(list[0].entry_withdrawn);
    free(list);
    consent_cover cover;
    CU_ASSERT_EQUAL(store_consent_covers(f.s, adult.id, CONSENT_INTERVIEW, NULL,
                                         harness_day("2026-11-21"), &cover), ST_OK);
    CU_ASSERT_EQUAL(cover, CONSENT_NOT_COVERED);
    record_version *v = NULL;
    CU_ASSERT_EQUAL_FATAL(store_record_versions(f.s, RECORD_KIND_CONSENT, c.id, &v, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(v[1].change, "correct");
    CU_ASSERT_STRING_EQUAL(v[1].reason, "Explained in Shan, not Burmese.");
    CU_ASSERT_STRING_EQUAL(v[2].change, "withdraw");
    free(v);
    harness_fixture_close(&f);
}

/* ================================================================= needs */

static tc_need need_for(const char *case_id, need_kind k, bool urgent)
{
    tc_need nd;
    need_init(&nd);
    snprintf(nd.case_id, sizeof nd.case_id, "%s", case_id);
    nd.kind = k;
    nd.urgent = urgent;
    return nd;
}

static void test_need_states(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Needs Person", 30);
    tc_need food = need_for(c.id, NEED_FOOD, false);
    tc_need medical = need_for(c.id, NEED_MEDICAL, true);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &food, NULL), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &medical, NULL), ST_OK);
    tc_need bad = need_for(c.id, NEED_SHELTER, false);
    bad.state = NEED_UNAVAILABLE;
    need_check chk;
    CU_ASSERT_EQUAL(store_need_add(f.s, &bad, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, NEED_REASON_MISSING);

    static const struct {
        const char *name;
        need_state to;
        const char *reason;
        store_status want;
        need_problem problem;
    } steps[] = {
        { "identified -> referred", NEED_REFERRED, NULL, ST_OK, NEED_OK },
        { "referred -> referred", NEED_REFERRED, NULL, ST_INVALID, NEED_SAME_STATE },
        { "unavailable needs a reason", NEED_UNAVAILABLE, "", ST_INVALID, NEED_REASON_MISSING },
        { "referred -> unavailable", NEED_UNAVAILABLE, "No clinic takes her without papers.",
          ST_OK, NEED_OK },
        { "unavailable -> in progress", NEED_IN_PROGRESS, NULL, ST_OK, NEED_OK },
        { "in progress -> provided", NEED_PROVIDED, NULL, ST_OK, NEED_OK },
        { "provided -> referred", NEED_REFERRED, NULL, ST_INVALID, NEED_TRANSITION_REFUSED },
    };
    for (size_t i = 0; i < COUNT(steps); i++) {
        need_problem p = NEED_OK;
        counts before = counts_of(f.s, "needs");
        store_status st = store_need_change_state(f.s, medical.id, steps[i].to, steps[i].reason,
                                                  &p);
        CHECK_ROW(st == steps[i].want, steps[i].name);
        CHECK_ROW(p == steps[i].problem, steps[i].name);
        if (st != ST_OK)
            CHECK_ROW(same_counts(before, counts_of(f.s, "needs")), steps[i].name);
    }
    tc_need got;
    CU_ASSERT_EQUAL_FATAL(store_need_get(f.s, medical.id, 0, &got), ST_OK);
    CU_ASSERT_EQUAL(got.state, NEED_PROVIDED);
    CU_ASSERT_STRING_EQUAL(got.unavailable_reason, "");
    CU_ASSERT_EQUAL_FATAL(store_need_get(f.s, medical.id, 3, &got), ST_OK);
    CU_ASSERT_EQUAL(got.state, NEED_UNAVAILABLE);
    CU_ASSERT_STRING_EQUAL(got.unavailable_reason, "No clinic takes her without papers.");
    record_version *v = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_record_versions(f.s, RECORD_KIND_NEED, medical.id, &v, &n),
                          ST_OK);
    CU_ASSERT_EQUAL(n, 5);
    free(v);

    /* A correction may not move the state past the transition table. */
    tc_need fix = food;
    fix.state = NEED_PROVIDED;
    record_problem rp;
    CU_ASSERT_EQUAL(store_need_correct(f.s, &fix, "Typo.", &rp, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, NEED_TRANSITION_REFUSED);
    fix.state = NEED_IDENTIFIED;
    fix.urgent = true;
    CU_ASSERT_EQUAL(store_need_correct(f.s, &fix, "She has not eaten for two days.", &rp, &chk),
                    ST_OK);
    harness_fixture_close(&f);
}

static void test_need_list_urgent_first(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Sorted Person", 30);
    tc_need a = need_for(c.id, NEED_FOOD, false);
    tc_need b = need_for(c.id, NEED_INTERPRETER, false);
    tc_need u = need_for(c.id, NEED_SAFETY, true);
    tc_need w = need_for(c.id, NEED_EDUCATION, true);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &a, NULL), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &w, NULL), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &b, NULL), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &u, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_need_change_state(f.s, a.id, NEED_DECLINED, NULL, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_NEED, w.id, "Duplicate entry.", NULL),
                    ST_OK);
    tc_need *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_need_list(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    /* Urgent open, other open, closed, withdrawn. */
    CU_ASSERT_EQUAL(list[0].kind, NEED_SAFETY);
    CU_ASSERT_EQUAL(list[1].kind, NEED_INTERPRETER);
    CU_ASSERT_EQUAL(list[2].kind, NEED_FOOD);
    CU_ASSERT_EQUAL(list[3].kind, NEED_EDUCATION);
    CU_ASSERT_TRUE(list[3].entry_withdrawn);
    CU_ASSERT_EQUAL(needs_count_urgent_open(list, n), 1);
    free(list);
    harness_fixture_close(&f);
}

/* ================================================================= notes */

static void test_notes(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Noted Person", 30);
    tc_note nt;
    memset(&nt, 0, sizeof nt);
    snprintf(nt.case_id, sizeof nt.case_id, "%s", c.id);
    snprintf(nt.text, sizeof nt.text, "   \n\t ");
    note_problem p;
    counts before = counts_of(f.s, "notes");
    CU_ASSERT_EQUAL(store_note_add(f.s, &nt, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, CASE_NOTE_EMPTY);
    snprintf(nt.text, sizeof nt.text, "Evil\x1b[2Jtext");
    CU_ASSERT_EQUAL(store_note_add(f.s, &nt, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, CASE_NOTE_BAD_TEXT);
    CU_ASSERT_TRUE(same_counts(before, counts_of(f.s, "notes")));

    snprintf(nt.text, sizeof nt.text, "เล่าว่าถูกยึดหนังสือเดินทาง\nShe says the broker kept her passport.");
    CU_ASSERT_EQUAL_FATAL(store_note_add(f.s, &nt, &p), ST_OK);
    CU_ASSERT_EQUAL(nt.version, 1);
    advance(60);
    tc_note second = nt;
    snprintf(second.text, sizeof second.text, "Second visit: wants to go home.");
    CU_ASSERT_EQUAL_FATAL(store_note_add(f.s, &second, &p), ST_OK);
    tc_note *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_note_list(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(list[0].id, second.id);      /* newest first */
    free(list);

    tc_note fix = nt;
    snprintf(fix.text, sizeof fix.text, "She says the employer kept her passport.");
    record_problem rp;
    CU_ASSERT_EQUAL(store_note_correct(f.s, &fix, "The employer, not the broker.", &rp, &p),
                    ST_OK);
    CU_ASSERT_EQUAL(fix.version, 2);
    tc_note old;
    CU_ASSERT_EQUAL_FATAL(store_note_get(f.s, nt.id, 1, &old), ST_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(old.text, "broker"));
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_NOTE, second.id, "Wrong case.", &rp),
                    ST_OK);
    CU_ASSERT_EQUAL(store_note_correct(f.s, &second, "Undo.", &rp, &p), ST_INVALID);
    CU_ASSERT_EQUAL(rp, RECORD_ALREADY_WITHDRAWN);
    CU_ASSERT_EQUAL_FATAL(store_note_list(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 2);          /* the withdrawn note stays, marked */
    CU_ASSERT_TRUE(list[0].entry_withdrawn);
    free(list);
    harness_fixture_close(&f);
}

/* ================================================================= stage */

static void add_identification(store *s, const char *case_id, ident_outcome o)
{
    tc_identification d;
    identification_init(&d);
    snprintf(d.case_id, sizeof d.case_id, "%s", case_id);
    d.outcome = o;
    d.decided_known = true;
    d.decided_on = harness_day("2026-11-21");
    snprintf(d.reasons, sizeof d.reasons, "Debt bondage and passport kept by the employer.");
    ident_check chk;
    CU_ASSERT_EQUAL_FATAL(store_identification_add(s, &d, &chk), ST_OK);
}

static case_stage stage_of(store *s, const char *case_id)
{
    case_stage st = STAGE_COUNT;
    CU_ASSERT_EQUAL(store_case_stage(s, case_id, &st), ST_OK);
    return st;
}

static void test_stage_from_records(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Staged Person", 30);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_INTAKE);
    add_identification(f.s, c.id, IDENT_PENDING);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_IDENTIFICATION);
    tc_need nd = need_for(c.id, NEED_SHELTER, true);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &nd, NULL), ST_OK);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_PROTECTION);
    /* A withdrawn need does not count. */
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_NEED, nd.id, "Wrong case.", NULL),
                    ST_OK);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_IDENTIFICATION);
    stage_facts facts;
    CU_ASSERT_EQUAL(store_case_stage_facts(f.s, c.id, &facts), ST_OK);
    CU_ASSERT_EQUAL(facts.identification, STAGE_ID_PENDING);
    CU_ASSERT_FALSE(facts.has_protection);
    CU_ASSERT_FALSE(facts.has_screening);
    CU_ASSERT_EQUAL(store_case_stage(f.s, "no-such-case", &(case_stage){ 0 }), ST_NOT_FOUND);
    harness_fixture_close(&f);
}

static void test_close_and_reopen(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Closed Person", 30);
    add_identification(f.s, c.id, IDENT_VICTIM_TRAFFICKING);
    stage_closure cl;
    memset(&cl, 0, sizeof cl);
    stage_problem p;
    static const struct {
        const char *name;
        closure_reason reason;
        const char *note;
        stage_problem want;
    } refused[] = {
        { "other without a note", CLOSE_OTHER, "", STAGE_CLOSURE_NOTE_MISSING },
        { "not identified, for a victim", CLOSE_NOT_IDENTIFIED, "",
          STAGE_CONTRADICTS_IDENTIFICATION },
        { "reintegrated without a plan", CLOSE_REINTEGRATED, "", STAGE_REINTEGRATED_TOO_EARLY },
        { "no such reason", CLOSURE_REASON_COUNT, "", STAGE_CLOSURE_REASON_INVALID },
    };
    for (size_t i = 0; i < COUNT(refused); i++) {
        cl.reason = refused[i].reason;
        snprintf(cl.note, sizeof cl.note, "%s", refused[i].note);
        counts before = counts_of(f.s, "case_closures");
        CHECK_ROW(store_case_close(f.s, c.id, &cl, &p) == ST_INVALID, refused[i].name);
        CHECK_ROW(p == refused[i].want, refused[i].name);
        CHECK_ROW(same_counts(before, counts_of(f.s, "case_closures")), refused[i].name);
    }
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_IDENTIFICATION);
    cl.reason = CLOSE_LOST_CONTACT;
    snprintf(cl.note, sizeof cl.note, "Phone off since October.");
    CU_ASSERT_EQUAL(store_case_close(f.s, c.id, &cl, &p), ST_OK);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_CLOSED);
    stage_closure got;
    CU_ASSERT_EQUAL(store_case_closure(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.reason, CLOSE_LOST_CONTACT);
    CU_ASSERT_STRING_EQUAL(got.note, "Phone off since October.");
    CU_ASSERT_EQUAL(store_case_close(f.s, c.id, &cl, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, STAGE_ALREADY_CLOSED);

    CU_ASSERT_EQUAL(store_case_reopen(f.s, c.id, "  ", &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, STAGE_REOPEN_REASON_MISSING);
    CU_ASSERT_EQUAL(store_case_reopen(f.s, c.id, "She called the hotline again.", &p), ST_OK);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_IDENTIFICATION);
    CU_ASSERT_EQUAL(store_case_closure(f.s, c.id, &got), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_case_reopen(f.s, c.id, "Again.", &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, STAGE_NOT_CLOSED);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* ============================================================== timeline */

static const timeline_event *find_kind(const timeline_event *ev, size_t n, timeline_kind k)
{
    for (size_t i = 0; i < n; i++)
        if (ev[i].kind == k)
            return &ev[i];
    return NULL;
}

static void test_timeline_merges_newest_first(void)
{
    fixture f = open_fixture();
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(f.s, "nok", "Nok Social", ROLE_SOCIAL_WORKER,
                                              NOK_PASS), ST_OK);
    tc_case c = add_case(f.s, "Timeline Person", 30);             /* t0, admin */
    advance(600);
    tc_intake in = full_intake(c.id);
    CU_ASSERT_EQUAL_FATAL(store_intake_save(f.s, &in, NULL), ST_OK);    /* t0+600 */
    advance(600);
    harness_case_assign(f.s, &c, "nok");    /* her case, so she may add to it */
    reopen_as(&f, "nok", NOK_PASS);
    tc_consent co = consent_for(c.id, CONSENT_INTERVIEW, "2026-11-21");
    CU_ASSERT_EQUAL_FATAL(store_consent_add(f.s, &co, NULL), ST_OK);   /* t0+1200, nok */
    tc_need nd = need_for(c.id, NEED_MEDICAL, true);
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &nd, NULL), ST_OK);      /* same second */
    advance(600);
    CU_ASSERT_EQUAL_FATAL(store_need_change_state(f.s, nd.id, NEED_REFERRED, NULL, NULL), ST_OK);
    tc_note nt;
    memset(&nt, 0, sizeof nt);
    snprintf(nt.case_id, sizeof nt.case_id, "%s", c.id);
    snprintf(nt.text, sizeof nt.text, "Met at the shelter.\nShe asked about her wages.");
    CU_ASSERT_EQUAL_FATAL(store_note_add(f.s, &nt, NULL), ST_OK);
    advance(600);
    stage_closure cl = { CLOSE_TRANSFERRED, "To the shelter in Songkhla." };
    CU_ASSERT_EQUAL_FATAL(store_case_close(f.s, c.id, &cl, NULL), ST_OK);

    timeline_event *ev = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, c.id, &ev, &n), ST_OK);
    static const timeline_kind want[] = {
        TL_CASE_CLOSED, TL_NOTE_ADDED, TL_NEED_STATE_CHANGED, TL_NEED_ADDED, TL_CONSENT_GIVEN,
        TL_INTAKE_RECORDED, TL_CASE_OPENED,
    };
    CU_ASSERT_EQUAL_FATAL(n, COUNT(want));
    for (size_t i = 0; i < n; i++) {
        CHECK_ROW(ev[i].kind == want[i], timeline_kind_code(want[i]));
        if (i > 0)
            CHECK_ROW(ev[i - 1].at >= ev[i].at, "newest first");
    }
    CU_ASSERT_STRING_EQUAL(ev[0].officer_name, "Nok Social");
    CU_ASSERT_STRING_EQUAL(ev[n - 1].officer_name, "Somchai Admin");
    CU_ASSERT_STRING_EQUAL(ev[5].officer_name, "Somchai Admin");
    CU_ASSERT_EQUAL(ev[n - 1].at, c.created_at);
    CU_ASSERT_EQUAL(ev[0].at, c.created_at + 2400);

    char line[256];
    timeline_summary(&ev[0], NULL, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "Case closed: Transferred to another agency - "
                                 "To the shelter in Songkhla.");
    timeline_summary(find_kind(ev, n, TL_NEED_STATE_CHANGED), NULL, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "Need changed: Medical care - Referred");
    timeline_summary(find_kind(ev, n, TL_NOTE_ADDED), NULL, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "Note added: Met at the shelter. She asked about her wages.");
    free(ev);
    CU_ASSERT_EQUAL(store_timeline(f.s, "no-such-case", &ev, &n), ST_NOT_FOUND);
    harness_fixture_close(&f);
}

static void test_timeline_corrections_and_overrides(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "History Person", 30);
    tc_consent co = consent_for(c.id, CONSENT_SHARE_EMBASSY, "2026-11-21");
    co.agreed = false;
    CU_ASSERT_EQUAL_FATAL(store_consent_add(f.s, &co, NULL), ST_OK);
    advance(10);
    consent_override o;
    memset(&o, 0, sizeof o);
    o.purpose = CONSENT_SHARE_EMBASSY;
    snprintf(o.reason, sizeof o.reason, "Needs travel documents to leave the shelter.");
    CU_ASSERT_EQUAL_FATAL(store_consent_override(f.s, c.id, &o, "export", NULL, NULL, NULL),
                          ST_OK);
    advance(10);
    tc_consent fix = co;
    snprintf(fix.language, sizeof fix.language, "th");
    CU_ASSERT_EQUAL_FATAL(store_consent_correct(f.s, &fix, "Language was Thai.", NULL, NULL),
                          ST_OK);
    timeline_event *ev = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, c.id, &ev, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_EQUAL(ev[0].kind, TL_RECORD_CORRECTED);
    CU_ASSERT_EQUAL(ev[1].kind, TL_CONSENT_OVERRIDE);
    CU_ASSERT_EQUAL(ev[2].kind, TL_CONSENT_REFUSED);
    CU_ASSERT_EQUAL(ev[3].kind, TL_CASE_OPENED);
    char line[256];
    timeline_summary(&ev[0], NULL, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "Record corrected: Sharing with an embassy or consulate - "
                                 "Language was Thai.");
    timeline_summary(&ev[1], NULL, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "Needs travel documents"));
    free(ev);
    harness_fixture_close(&f);
}

static void test_timeline_screening_and_identification(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Screened Person", 30);
    advance(60);
    tc_screening sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.case_id, sizeof sc.case_id, "%s", c.id);
    snprintf(sc.instrument_code, sizeof sc.instrument_code, "forced_labour");
    interview_init(&sc.interview);
    sc.interview.held_at = tc_now(&clk) - 30;
    snprintf(sc.interview.place, sizeof sc.interview.place, "ท่าเรือประมง มหาชัย");
    snprintf(sc.interview.interviewers, sizeof sc.interview.interviewers, "Somchai K.");
    snprintf(sc.interview.language, sizeof sc.interview.language, "th");
    sc.interview.consent_given = true;
    CU_ASSERT_EQUAL_FATAL(store_screening_start(f.s, &sc, NULL), ST_OK);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_SCREENING);
    advance(60);
    CU_ASSERT_EQUAL_FATAL(store_screening_decide(f.s, sc.id, DECISION_NO_REFERRAL,
                                                 "Only a wage dispute.", NULL, NULL), ST_OK);
    advance(60);
    add_identification(f.s, c.id, IDENT_NOT_IDENTIFIED);
    CU_ASSERT_EQUAL(stage_of(f.s, c.id), STAGE_IDENTIFICATION);
    timeline_event *ev = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, c.id, &ev, &n), ST_OK);
    static const timeline_kind want[] = {
        TL_IDENTIFICATION, TL_SCREENING_DECIDED, TL_SCREENING_STARTED, TL_CASE_OPENED,
    };
    CU_ASSERT_EQUAL_FATAL(n, COUNT(want));
    for (size_t i = 0; i < n; i++)
        CHECK_ROW(ev[i].kind == want[i], timeline_kind_code(want[i]));
    char line[256];
    timeline_summary(&ev[1], NULL, line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "Screening decided: forced_labour v1 - "
                                 "No referral from this screening");
    CU_ASSERT_STRING_EQUAL(ev[0].subject, ident_outcome_label(IDENT_NOT_IDENTIFIED));
    CU_ASSERT_STRING_EQUAL(ev[0].officer_name, "Somchai Admin");
    free(ev);
    harness_fixture_close(&f);
}

/* ============================================================ quick mode */

static bool listed_incomplete(store *s, const char *case_id)
{
    tc_case_row rows[16];
    size_t n = 0;
    case_query q = { NULL, 0, 16, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL(store_case_list(s, &q, rows, 16, &n), ST_OK);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].id, case_id) == 0)
            return rows[i].incomplete;
    CU_FAIL("case not listed");
    return false;
}

static void test_quick_mode(void)
{
    fixture f = open_fixture();
    tc_case full = add_case(f.s, "Ordinary Case", 30);
    tc_case q;
    case_init(&q);
    snprintf(q.name_thai, sizeof q.name_thai, "หญิงเสื้อแดง");   /* a description */
    q.sex = SEX_FEMALE;
    q.estimated_age = 25;
    snprintf(q.nationalities[0], sizeof q.nationalities[0], "KH");
    q.n_nationalities = 1;
    snprintf(q.province, sizeof q.province, "TH-27");
    snprintf(q.entry_point, sizeof q.entry_point, "border_checkpoint");
    case_check chk;
    CU_ASSERT_EQUAL_FATAL(store_case_add_quick(f.s, &q, &chk), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "case.add", q.id));
    CU_ASSERT_TRUE(listed_incomplete(f.s, q.id));
    CU_ASSERT_FALSE(listed_incomplete(f.s, full.id));
    bool inc = false;
    CU_ASSERT_EQUAL(store_case_incomplete(f.s, q.id, &inc), ST_OK);
    CU_ASSERT_TRUE(inc);
    CU_ASSERT_EQUAL(store_case_incomplete(f.s, full.id, &inc), ST_OK);
    CU_ASSERT_FALSE(inc);
    /* The same validation as any case: nothing written when refused. */
    tc_case nameless;
    case_init(&nameless);
    counts before = counts_of(f.s, "case_quick");
    CU_ASSERT_EQUAL(store_case_add_quick(f.s, &nameless, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, CASE_NAME_MISSING);
    CU_ASSERT_TRUE(same_counts(before, counts_of(f.s, "case_quick")));

    advance(3600);
    CU_ASSERT_EQUAL(store_case_complete(f.s, full.id), ST_INVALID);
    CU_ASSERT_EQUAL(store_case_complete(f.s, q.id), ST_OK);
    CU_ASSERT_EQUAL(store_case_complete(f.s, q.id), ST_INVALID);
    CU_ASSERT_EQUAL(store_case_complete(f.s, "no-such-case"), ST_NOT_FOUND);
    CU_ASSERT_FALSE(listed_incomplete(f.s, q.id));
    timeline_event *ev = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, q.id, &ev, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(ev[0].kind, TL_QUICK_COMPLETED);
    CU_ASSERT_EQUAL(ev[1].kind, TL_CASE_OPENED_QUICK);
    CU_ASSERT_EQUAL(ev[0].at, ev[1].at + 3600);
    free(ev);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* =========================================================== inspections */

static tc_inspection inspection(void)
{
    tc_inspection in;
    inspection_init(&in);
    snprintf(in.establishment, sizeof in.establishment, "แพปลา ส. รุ่งเรือง");
    snprintf(in.sector, sizeof in.sector, "fishing");
    snprintf(in.province, sizeof in.province, "TH-74");
    in.date = harness_day("2026-11-19");
    snprintf(in.joint_team, sizeof in.joint_team, "กสร., ตม., พม.");
    in.workers_met = 40;
    in.workers_screened = 12;
    return in;
}

static void test_inspections(void)
{
    fixture f = open_fixture();
    static const struct {
        const char *name;
        int met, screened;
        const char *date;
        inspection_problem want;
    } rows[] = {
        { "more screened than met", 5, 6, "2026-11-19", INSPECTION_SCREENED_MORE_THAN_MET },
        { "negative count", -1, 0, "2026-11-19", INSPECTION_WORKERS_OUT_OF_RANGE },
        { "future date", 5, 5, "2026-11-22", INSPECTION_DATE_IN_FUTURE },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_inspection in = inspection();
        in.workers_met = rows[i].met;
        in.workers_screened = rows[i].screened;
        in.date = harness_day(rows[i].date);
        inspection_check chk;
        counts before = counts_of(f.s, "inspections");
        CHECK_ROW(store_inspection_add(f.s, &in, &chk) == ST_INVALID, rows[i].name);
        CHECK_ROW(chk.problem == rows[i].want, rows[i].name);
        CHECK_ROW(same_counts(before, counts_of(f.s, "inspections")), rows[i].name);
    }
    tc_inspection in = inspection();
    CU_ASSERT_EQUAL_FATAL(store_inspection_add(f.s, &in, NULL), ST_OK);
    tc_case a = add_case(f.s, "Boat Worker A", 30);
    tc_case b = add_case(f.s, "Boat Worker B", 30);
    CU_ASSERT_EQUAL(store_inspection_link_case(f.s, in.id, a.id), ST_OK);
    CU_ASSERT_EQUAL(store_inspection_link_case(f.s, in.id, b.id), ST_OK);
    CU_ASSERT_EQUAL(store_inspection_link_case(f.s, in.id, a.id), ST_DUPLICATE);
    tc_inspection got;
    CU_ASSERT_EQUAL_FATAL(store_case_inspection(f.s, a.id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.establishment, "แพปลา ส. รุ่งเรือง");
    CU_ASSERT_EQUAL(got.workers_met, 40);
    tc_case_row *rows_out = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_inspection_cases(f.s, in.id, &rows_out, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 2);
    free(rows_out);

    /* Corrected: the old count stays as version 1. */
    tc_inspection fix = in;
    fix.workers_screened = 15;
    record_problem rp;
    CU_ASSERT_EQUAL(store_inspection_correct(f.s, &fix, "Three more screened later that day.",
                                             &rp, NULL), ST_OK);
    CU_ASSERT_EQUAL(fix.version, 2);
    CU_ASSERT_EQUAL_FATAL(store_inspection_get(f.s, in.id, 1, &got), ST_OK);
    CU_ASSERT_EQUAL(got.workers_screened, 12);
    tc_inspection *list = NULL;
    CU_ASSERT_EQUAL_FATAL(store_inspection_list(f.s, 0, 0, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(list[0].workers_screened, 15);
    free(list);
    /* A withdrawn inspection takes no more cases. */
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_INSPECTION, in.id,
                                          "Entered twice.", &rp), ST_OK);
    tc_case late = add_case(f.s, "Late Worker", 30);
    CU_ASSERT_EQUAL(store_inspection_link_case(f.s, in.id, late.id), ST_INVALID);
    timeline_event *ev = NULL;
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, a.id, &ev, &n), ST_OK);
    CU_ASSERT_PTR_NOT_NULL(find_kind(ev, n, TL_INSPECTION_LINKED));
    free(ev);
    harness_fixture_close(&f);
}

/* ========================================================== pure rules */

static void test_timeline_sort_table(void)
{
    static const struct { int64_t at, seq; int tag; } given[] = {
        { 100, 5, 0 }, { 300, 9, 1 }, { 100, 7, 2 }, { 200, 0, 3 }, { 100, 7, 4 }, { 300, 8, 5 },
    };
    /* at desc, then seq desc, equal events in the order given. */
    static const int want[] = { 1, 5, 3, 2, 4, 0 };
    timeline_event ev[COUNT(given)];
    for (size_t i = 0; i < COUNT(given); i++) {
        timeline_event_init(&ev[i], TL_NOTE_ADDED);
        ev[i].at = given[i].at;
        ev[i].seq = given[i].seq;
        snprintf(ev[i].record_id, sizeof ev[i].record_id, "%d", given[i].tag);
    }
    timeline_sort(ev, COUNT(ev));
    for (size_t i = 0; i < COUNT(want); i++)
        CU_ASSERT_EQUAL(atoi(ev[i].record_id), want[i]);
    timeline_sort(ev, 0);       /* nothing to do, nothing read */
}

static const char *shout(const char *msgid)
{
    return strcmp(msgid, "Need added") == 0 ? "เพิ่มความต้องการ" : msgid;
}

static void test_timeline_summary_table(void)
{
    timeline_event e;
    timeline_event_init(&e, TL_NEED_ADDED);
    timeline_set_subject(&e, "Shelter", true);
    timeline_set_detail(&e, "Identified", true);
    char out[128];
    timeline_summary(&e, shout, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "เพิ่มความต้องการ: Shelter - Identified");
    /* No subject: the detail follows the label. */
    timeline_event_init(&e, TL_CASE_REOPENED);
    timeline_set_detail(&e, "She\tcalled\n\nagain.\x1b", false);
    timeline_summary(&e, NULL, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Case reopened: She called again.");
    /* Cut short at a cluster boundary: never a tone mark without its
     * letter. "Note added: " is 12 bytes; "ที่" is 9 bytes. */
    timeline_event_init(&e, TL_NOTE_ADDED);
    timeline_set_detail(&e, "ที่ที่", false);
    char small[12 + 9 + 5];
    timeline_summary(&e, NULL, small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "Note added: ที่");
    CU_ASSERT_STRING_EQUAL(timeline_kind_code(TL_CONSENT_OVERRIDE), "consent_override");
    CU_ASSERT_STRING_EQUAL(timeline_kind_code(TL_KIND_COUNT), "");
}

static void test_timeline_excerpt_table(void)
{
    static const struct { const char *in; size_t size; const char *want; } rows[] = {
        { "short", 32, "short" },
        { "  lead\n\nand  trail  ", 32, "lead and trail" },
        { "abcdefghijklmnop", 10, "abcdef..." },
        { "กินข้าวแล้ว", 12, "กิ..." },        /* กิ is 6 bytes: the ิ stays */
        { "กี่คน", 10, "..." },      /* กี่ is one 9-byte cluster: never cut */
        { NULL, 8, "" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char out[64];
        timeline_excerpt(rows[i].in, out, rows[i].size);
        CHECK_ROW(strcmp(out, rows[i].want) == 0, rows[i].want);
        CHECK_ROW(strlen(out) < rows[i].size, rows[i].want);
    }
}

static void test_inspection_validate_table(void)
{
    tc_code_list sectors = intake_default_sectors();
    caldate today = harness_day("2026-11-21");
    static const struct {
        const char *name, *establishment, *sector, *province;
        caldate date;
        int met, screened;
        inspection_problem want;
        const char *field;
    } rows[] = {
        { "complete", "Pier 4", "fishing", "TH-74", { 2026, 11, 21 }, 10, 10, INSPECTION_OK,
          NULL },
        { "no establishment", " ", "", "", { 2026, 11, 1 }, 0, 0,
          INSPECTION_ESTABLISHMENT_MISSING, "establishment" },
        { "unknown sector", "Pier 4", "mining_on_mars", "", { 2026, 11, 1 }, 0, 0,
          INSPECTION_SECTOR_UNKNOWN, "sector" },
        { "unknown province", "Pier 4", "", "TH-99", { 2026, 11, 1 }, 0, 0,
          INSPECTION_PROVINCE_UNKNOWN, "province" },
        { "no date", "Pier 4", "", "", { 0, 0, 0 }, 0, 0, INSPECTION_DATE_INVALID, "date" },
        { "too many workers", "Pier 4", "", "", { 2026, 11, 1 }, 100001, 0,
          INSPECTION_WORKERS_OUT_OF_RANGE, "workers_met" },
        { "screened more than met", "Pier 4", "", "", { 2026, 11, 1 }, 3, 4,
          INSPECTION_SCREENED_MORE_THAN_MET, "workers_screened" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_inspection in;
        inspection_init(&in);
        snprintf(in.establishment, sizeof in.establishment, "%s", rows[i].establishment);
        snprintf(in.sector, sizeof in.sector, "%s", rows[i].sector);
        snprintf(in.province, sizeof in.province, "%s", rows[i].province);
        in.date = rows[i].date;
        in.workers_met = rows[i].met;
        in.workers_screened = rows[i].screened;
        inspection_check chk = inspection_validate(&in, sectors, today);
        CHECK_ROW(chk.problem == rows[i].want, rows[i].name);
        CHECK_ROW((chk.field == NULL && rows[i].field == NULL)
                      || (chk.field && rows[i].field && strcmp(chk.field, rows[i].field) == 0),
                  rows[i].name);
    }
    for (int p = 0; p <= INSPECTION_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(inspection_problem_text((inspection_problem)p));
}

static void test_note_validate_table(void)
{
    static char long_note[NOTE_TEXT_MAX + 2];
    memset(long_note, 'x', NOTE_TEXT_MAX + 1);
    static const struct { const char *name, *text; note_problem want; } rows[] = {
        { "a line", "Met her at the pier.", CASE_NOTE_OK },
        { "lines and tabs", "First.\n\tSecond.", CASE_NOTE_OK },
        { "Thai", "ได้รับการช่วยเหลือแล้ว", CASE_NOTE_OK },
        { "blank", " \n\t", CASE_NOTE_EMPTY },
        { "NULL", NULL, CASE_NOTE_EMPTY },
        { "escape", "a\x1b[31mred", CASE_NOTE_BAD_TEXT },
        { "bidi override", "abc\xe2\x80\xae" "cba", CASE_NOTE_BAD_TEXT },
        { "too long", long_note, CASE_NOTE_TOO_LONG },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(note_validate(rows[i].text) == rows[i].want, rows[i].name);
}

/* ================================================================ suites */

static CU_TestInfo list_tests[] = {
    { "built-in rows loaded by the migration", test_builtin_lists_loaded },
    { "an administrator adds a row", test_admin_adds_list_row },
    CU_TEST_INFO_NULL
};

static CU_TestInfo intake_tests[] = {
    { "bad dates refused, nothing written", test_intake_bad_dates_write_nothing },
    { "same country of origin and exploitation", test_intake_same_country_route },
    { "round trip and versions", test_intake_round_trip_and_versions },
    CU_TEST_INFO_NULL
};

static CU_TestInfo consent_tests[] = {
    { "a child's own consent is flagged, saved", test_consent_child_flagged_but_saved },
    { "refused forms write nothing", test_consent_refused_forms_write_nothing },
    { "coverage and an audited override", test_consent_coverage_and_override },
    { "withdrawal keeps history", test_consent_withdrawal_keeps_history },
    { "correction and entry withdrawal", test_consent_correct_and_withdraw_entry },
    CU_TEST_INFO_NULL
};

static CU_TestInfo need_note_tests[] = {
    { "need states", test_need_states },
    { "needs listed urgent first", test_need_list_urgent_first },
    { "notes", test_notes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo stage_tests[] = {
    { "stage from recorded facts", test_stage_from_records },
    { "close needs a reason, reopen", test_close_and_reopen },
    CU_TEST_INFO_NULL
};

static CU_TestInfo timeline_tests[] = {
    { "merged, newest first, who and when", test_timeline_merges_newest_first },
    { "corrections and overrides", test_timeline_corrections_and_overrides },
    { "screenings and identification decisions", test_timeline_screening_and_identification },
    CU_TEST_INFO_NULL
};

static CU_TestInfo quick_inspection_tests[] = {
    { "quick mode is incomplete until completed", test_quick_mode },
    { "inspections and their cases", test_inspections },
    CU_TEST_INFO_NULL
};

static CU_TestInfo pure_tests[] = {
    { "timeline order", test_timeline_sort_table },
    { "timeline summary", test_timeline_summary_table },
    { "timeline excerpt", test_timeline_excerpt_table },
    { "inspection validation", test_inspection_validate_table },
    { "note validation", test_note_validate_table },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "code lists", suite_init, suite_clean, NULL, NULL, list_tests },
    { "intake", suite_init, suite_clean, NULL, NULL, intake_tests },
    { "consent", suite_init, suite_clean, NULL, NULL, consent_tests },
    { "needs and notes", suite_init, suite_clean, NULL, NULL, need_note_tests },
    { "stage", suite_init, suite_clean, NULL, NULL, stage_tests },
    { "timeline", suite_init, suite_clean, NULL, NULL, timeline_tests },
    { "quick mode and inspections", suite_init, suite_clean, NULL, NULL,
      quick_inspection_tests },
    { "pure rules", suite_init, suite_clean, NULL, NULL, pure_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_record_db", suites);
}
