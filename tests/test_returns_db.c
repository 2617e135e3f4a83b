/* test_returns_db.c - repatriation and reintegration plans through the
 * store (db/returns.h):
 *
 * - a plan is added, read back whole (steps included), saved as a new
 *   version with the old one kept; one plan per case; a final plan is not
 *   edited; the handover point must be on the stored list;
 * - a return with a required step open is refused and writes nothing,
 *   unless the officer gives a reason (stored, audited); a child's return
 *   needs an escort;
 * - the return starts the reintegration plan on the handover's civil date
 *   in Thailand, and its follow-ups fall on calendar months (31 January:
 *   28 February, or 29 in a leap year), from the stored schedule;
 * - a follow-up is overdue the day after its date: on the follow-up list,
 *   in the overdue count and on the due-soon view with the clocks, in due
 *   order, within followup.due_soon_days;
 * - a high risk puts the case first in the newest-first case list (not in
 *   the by-name list) and a later lower risk, closing the plan or
 *   withdrawing the follow-up puts it back; a withdrawn follow-up's plan is
 *   recomputed from the follow-ups left;
 * - the case's stage, the timeline, the settings and who may change them;
 * - the follow-up queries and the case list read indexes, never sort the
 *   case list or scan the plans.
 *
 * Time comes from a fixed clock the tests move (Bangkok, UTC+7); key slots
 * use cheap Argon2id parameters. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/record.h"
#include "db/returns.h"
#include "db/returns_internal.h"
#include "db/screenings.h"
#include "db/store.h"
#include "db/store_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define OTHER_PASS "another long passphrase"
#define START "2027-01-25T03:00:00Z"    /* Monday 10:00 in Bangkok */

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

/* A new store at START, open as the administrator. */
static fixture open_fixture(void)
{
    return harness_fixture_at(&fixed, &clk, START);
}

/* Adds an officer with this role and reopens the store as them. */
static void become(fixture *f, const char *login, officer_role role)
{
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(f->s, login, "Nok Other", role, OTHER_PASS), ST_OK);
    harness_fixture_reopen(f, login, OTHER_PASS, &clk);
}

static void set_clock(const char *iso)
{
    fixed.at = harness_at(iso);
}

/* Everything a refused call must leave alone. */
typedef struct snapshot {
    sqlite3_int64 audit, plans, steps, reints, domains, followups, marked;
} snapshot;

static snapshot snap(store *s)
{
    snapshot x = {
        harness_count_rows(s, "SELECT count(*) FROM audit"),
        harness_count_rows(s, "SELECT count(*) FROM repatriations"),
        harness_count_rows(s, "SELECT count(*) FROM repatriation_steps"),
        harness_count_rows(s, "SELECT count(*) FROM reintegrations"),
        harness_count_rows(s, "SELECT count(*) FROM reintegration_domains"),
        harness_count_rows(s, "SELECT count(*) FROM followups"),
        harness_count_rows(s, "SELECT count(*) FROM cases WHERE high_risk = 1"),
    };
    return x;
}

static void check_unchanged(store *s, snapshot before)
{
    snapshot after = snap(s);
    CU_ASSERT_EQUAL(after.audit, before.audit);
    CU_ASSERT_EQUAL(after.plans, before.plans);
    CU_ASSERT_EQUAL(after.steps, before.steps);
    CU_ASSERT_EQUAL(after.reints, before.reints);
    CU_ASSERT_EQUAL(after.domains, before.domains);
    CU_ASSERT_EQUAL(after.followups, before.followups);
    CU_ASSERT_EQUAL(after.marked, before.marked);
}

static void step_done(tc_repatriation *p, repat_step_kind k, const char *asked,
                      const char *done)
{
    repat_step *st = &p->steps[k];
    st->state = REPAT_STEP_DONE;
    st->requested_known = true;
    st->requested_on = harness_day(asked);
    st->done_known = true;
    st->done_on = harness_day(done);
    snprintf(st->counterpart, sizeof st->counterpart, "Department of Social Welfare, Myanmar");
    snprintf(st->note, sizeof st->note, "%s", repat_step_code(k));
}

/* A plan home to Myawaddy with consent and every step an adult needs
 * done; the handover not recorded yet. */
static tc_repatriation plan_for(const char *case_id)
{
    tc_repatriation p;
    repat_init(&p);
    snprintf(p.case_id, sizeof p.case_id, "%s", case_id);
    p.direction = REPAT_OUTBOUND;
    snprintf(p.country, sizeof p.country, "MM");
    snprintf(p.hometown, sizeof p.hometown, "Myawaddy, Kayin State");
    p.wish = REPAT_WISH_RETURN;
    p.consent_given = true;
    p.consent_known = true;
    p.consent_on = harness_day("2027-01-15");
    static const repat_step_kind always[] = { REPAT_STEP_FAMILY, REPAT_STEP_NATIONALITY,
                                              REPAT_STEP_DOCUMENTS, REPAT_STEP_EMBASSY,
                                              REPAT_STEP_RISK };
    for (size_t i = 0; i < COUNT(always); i++)
        step_done(&p, always[i], "2027-01-12", "2027-01-20");
    snprintf(p.handover_point, sizeof p.handover_point, "mae_sot");
    p.planned_known = true;
    p.planned_on = harness_day("2027-01-31");
    return p;
}

static void hand_over(tc_repatriation *p, const char *at)
{
    p->handed_over_known = true;
    p->handed_over_at = harness_at(at);
    snprintf(p->receiving_agency, sizeof p->receiving_agency,
             "Department of Social Welfare, Myawaddy");
    snprintf(p->receiving_person, sizeof p->receiving_person, "Daw Khin Khin");
    snprintf(p->handover_record, sizeof p->handover_record,
             "Handed over at the Friendship Bridge with her passport and belongings.");
}

/* The case's plan added and marked returned at `handover` (the clock
 * moved there); the reintegration plan it started. */
static tc_reintegration return_home(store *s, const char *case_id, const char *handover)
{
    tc_repatriation p = plan_for(case_id);
    repat_check chk;
    repat_change_problem ch;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_add(s, &p, &chk), ST_OK);
    set_clock(handover);
    hand_over(&p, handover);
    CU_ASSERT_EQUAL_FATAL(store_repatriation_change_state(s, &p, REPAT_RETURNED, NULL, &chk,
                                                          &ch), ST_OK);
    tc_reintegration r;
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(s, case_id, &r), ST_OK);
    return r;
}

static tc_followup followup_on(const char *case_id, const char *on, retrafficking_risk risk,
                               const char *next)
{
    tc_followup f;
    memset(&f, 0, sizeof f);
    snprintf(f.case_id, sizeof f.case_id, "%s", case_id);
    f.on = harness_day(on);
    f.method = FOLLOWUP_VISIT;
    f.risk = risk;
    snprintf(f.findings, sizeof f.findings, "Visited at home; %s risk", risk_code(risk));
    f.next_known = next != NULL;
    if (next)
        f.next_on = harness_day(next);
    return f;
}

static void record_followup(store *s, tc_followup *f)
{
    reint_check chk;
    CU_ASSERT_EQUAL_FATAL(store_followup_add(s, f, &chk), ST_OK);
}

static bool same_day(caldate a, const char *iso)
{
    return caldate_compare(a, harness_day(iso)) == 0;
}

/* The ids of the newest-first case list, first `n`. */
static void list_newest(store *s, tc_case_row *rows, size_t cap, size_t *n)
{
    case_query q = { NULL, 0, cap, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL(store_case_list(s, &q, rows, cap, n), ST_OK);
}

/* ======================================================== repatriation */

static void test_plan_add_get_save_versions(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    tc_repatriation p = plan_for(c.id);
    p.legal_pending = true;
    p.witness_needed = true;
    repat_check chk;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_add(f.s, &p, &chk), ST_OK);
    CU_ASSERT_EQUAL(chk.problem, REPAT_OK);
    CU_ASSERT_NOT_EQUAL(p.id[0], '\0');
    CU_ASSERT_EQUAL(p.created_at, harness_at(START));
    CU_ASSERT_TRUE(harness_audit_has(f.s, "repatriation.add", p.id));
    /* Read back whole: the steps with their dates and counterparts. */
    tc_repatriation got;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.id, p.id);
    CU_ASSERT_STRING_EQUAL(got.hometown, "Myawaddy, Kayin State");
    CU_ASSERT_EQUAL(got.wish, REPAT_WISH_RETURN);
    CU_ASSERT_TRUE(got.consent_given && got.consent_known);
    CU_ASSERT_TRUE(same_day(got.consent_on, "2027-01-15"));
    CU_ASSERT_TRUE(got.legal_pending && got.witness_needed && !got.compensation_claim);
    CU_ASSERT_STRING_EQUAL(got.handover_point, "mae_sot");
    CU_ASSERT_TRUE(got.planned_known && same_day(got.planned_on, "2027-01-31"));
    CU_ASSERT_FALSE(got.handed_over_known);
    CU_ASSERT_EQUAL(got.state, REPAT_PLANNING);
    for (int k = 0; k < REPAT_STEP_COUNT; k++)
        CU_ASSERT_EQUAL(got.steps[k].kind, (repat_step_kind)k);
    CU_ASSERT_EQUAL(got.steps[REPAT_STEP_EMBASSY].state, REPAT_STEP_DONE);
    CU_ASSERT_TRUE(same_day(got.steps[REPAT_STEP_EMBASSY].done_on, "2027-01-20"));
    CU_ASSERT_STRING_EQUAL(got.steps[REPAT_STEP_EMBASSY].counterpart,
                           "Department of Social Welfare, Myanmar");
    CU_ASSERT_EQUAL(got.steps[REPAT_STEP_LEGAL].state, REPAT_STEP_NOT_STARTED);
    CU_ASSERT_FALSE(got.steps[REPAT_STEP_LEGAL].requested_known);

    /* A save is a new version; the state is not the caller's to set. */
    got.steps[REPAT_STEP_LEGAL].state = REPAT_STEP_REQUESTED;
    got.steps[REPAT_STEP_LEGAL].requested_known = true;
    got.steps[REPAT_STEP_LEGAL].requested_on = harness_day("2027-01-24");
    snprintf(got.hometown, sizeof got.hometown, "Hpa-an, Kayin State");
    got.state = REPAT_RETURNED;
    CU_ASSERT_EQUAL(store_repatriation_save(f.s, &got, &chk), ST_OK);
    CU_ASSERT_EQUAL(got.state, REPAT_PLANNING);
    tc_repatriation again;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_get(f.s, c.id, &again), ST_OK);
    CU_ASSERT_STRING_EQUAL(again.hometown, "Hpa-an, Kayin State");
    CU_ASSERT_EQUAL(again.state, REPAT_PLANNING);
    CU_ASSERT_EQUAL(again.steps[REPAT_STEP_LEGAL].state, REPAT_STEP_REQUESTED);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "repatriation.edit", p.id));
    record_version *v = NULL;
    size_t nv = 0;
    CU_ASSERT_EQUAL_FATAL(store_record_versions(f.s, RECORD_KIND_REPATRIATION, p.id, &v, &nv),
                          ST_OK);
    CU_ASSERT_EQUAL_FATAL(nv, 2);
    CU_ASSERT_STRING_EQUAL(v[0].change, "add");
    CU_ASSERT_STRING_EQUAL(v[1].change, "edit");
    CU_ASSERT_STRING_EQUAL(v[1].officer_name, "Somchai Admin");
    free(v);
    /* The first version keeps its own steps. */
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM repatriation_steps"
                                            " WHERE version = 1"
                                            " AND kind = 'legal' AND state = 'not_started'"), 1);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM repatriation_steps"
                                            " WHERE version = 2"
                                            " AND kind = 'legal' AND state = 'requested'"), 1);

    /* The handover point comes from the stored list: an administrator's
     * added point is accepted, an unknown one refused with nothing
     * written. */
    snapshot before = snap(f.s);
    snprintf(again.handover_point, sizeof again.handover_point, "three_pagodas");
    CU_ASSERT_EQUAL(store_repatriation_save(f.s, &again, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REPAT_HANDOVER_POINT_UNKNOWN);
    CU_ASSERT_STRING_EQUAL(chk.field, "handover_point");
    check_unchanged(f.s, before);
    tc_code_row row = { "three_pagodas", "Three Pagodas Pass - Payathonzu",
                        "ด่านเจดีย์สามองค์ - พญาตองซู", NULL };
    CU_ASSERT_EQUAL_FATAL(store_code_add(f.s, LIST_HANDOVER_POINT, &row, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_repatriation_save(f.s, &again, &chk), ST_OK);
    /* Unknown case; a case without a plan. */
    tc_repatriation none = plan_for("no-such-case");
    CU_ASSERT_EQUAL(store_repatriation_add(f.s, &none, &chk), ST_NOT_FOUND);
    tc_case other = harness_case_add(f.s, "Aung", 40, "2027-01-10");
    CU_ASSERT_EQUAL(store_repatriation_get(f.s, other.id, &got), ST_NOT_FOUND);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* One plan per case: a second is a duplicate, even after a cancel; the
 * old one withdrawn, a new one can be made. */
static void test_duplicate_plan_refused(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    tc_repatriation p = plan_for(c.id);
    repat_check chk;
    repat_change_problem ch;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_add(f.s, &p, &chk), ST_OK);
    snapshot before = snap(f.s);
    tc_repatriation second = plan_for(c.id);
    CU_ASSERT_EQUAL(store_repatriation_add(f.s, &second, &chk), ST_DUPLICATE);
    check_unchanged(f.s, before);
    /* A new plan starts in planning. */
    tc_case other = harness_case_add(f.s, "Aung", 40, "2027-01-10");
    tc_repatriation returned = plan_for(other.id);
    returned.state = REPAT_RETURNED;
    CU_ASSERT_EQUAL(store_repatriation_add(f.s, &returned, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REPAT_STATE_INVALID);
    /* Cancelled is final and still the case's plan. */
    CU_ASSERT_EQUAL(store_repatriation_change_state(f.s, &p, REPAT_CANCELLED, NULL, &chk, &ch),
                    ST_INVALID);
    CU_ASSERT_EQUAL(ch, REPAT_CHANGE_REASON_MISSING);
    CU_ASSERT_EQUAL(store_repatriation_change_state(f.s, &p, REPAT_CANCELLED,
                                                    "She decided to stay and work legally.",
                                                    &chk, &ch), ST_OK);
    CU_ASSERT_EQUAL(p.state, REPAT_CANCELLED);
    CU_ASSERT_EQUAL(store_repatriation_add(f.s, &second, &chk), ST_DUPLICATE);
    CU_ASSERT_EQUAL(store_repatriation_save(f.s, &p, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REPAT_STATE_INVALID);
    record_problem rp;
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_REPATRIATION, p.id,
                                          "Entered on the wrong case", &rp), ST_OK);
    /* The withdrawn version still shows its steps. */
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM repatriation_steps s JOIN"
                                            " repatriations r ON r.record_id = s.plan_id"
                                            " AND r.version = s.version"
                                            " WHERE r.entry_withdrawn = 1"), 7);
    CU_ASSERT_EQUAL(store_repatriation_get(f.s, c.id, &p), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_repatriation_add(f.s, &second, &chk), ST_OK);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* Returned with a required step open: refused with nothing written; with
 * the officer's reason, accepted and the override kept. */
static void test_return_with_open_step(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    tc_repatriation p = plan_for(c.id);
    p.steps[REPAT_STEP_EMBASSY].state = REPAT_STEP_REQUESTED;
    p.steps[REPAT_STEP_EMBASSY].done_known = false;
    repat_check chk;
    repat_change_problem ch;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_add(f.s, &p, &chk), ST_OK);
    set_clock("2027-01-31T03:00:00Z");
    hand_over(&p, "2027-01-31T02:00:00Z");
    snapshot before = snap(f.s);
    CU_ASSERT_EQUAL(store_repatriation_change_state(f.s, &p, REPAT_RETURNED, NULL, &chk, &ch),
                    ST_INVALID);
    CU_ASSERT_EQUAL(ch, REPAT_CHANGE_STEPS_OPEN);
    check_unchanged(f.s, before);
    tc_repatriation got;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.state, REPAT_PLANNING);
    CU_ASSERT_FALSE(got.handed_over_known);     /* the handover went with the refusal */
    /* Without the handover, it is refused for that. */
    tc_repatriation bare = got;
    CU_ASSERT_EQUAL(store_repatriation_change_state(f.s, &bare, REPAT_RETURNED, "urgent",
                                                    &chk, &ch), ST_INVALID);
    CU_ASSERT_EQUAL(ch, REPAT_CHANGE_NO_HANDOVER);
    check_unchanged(f.s, before);
    const char *why = "The consulate confirmed by telephone; the letter follows.";
    CU_ASSERT_EQUAL(store_repatriation_change_state(f.s, &p, REPAT_RETURNED, why, &chk, &ch),
                    ST_OK);
    CU_ASSERT_EQUAL(ch, REPAT_CHANGE_OK);
    CU_ASSERT_EQUAL_FATAL(store_repatriation_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.state, REPAT_RETURNED);
    CU_ASSERT_TRUE(got.steps_overridden);
    CU_ASSERT_STRING_EQUAL(got.state_reason, why);
    CU_ASSERT_TRUE(got.handed_over_known);
    CU_ASSERT_EQUAL(got.handed_over_at, harness_at("2027-01-31T02:00:00Z"));
    CU_ASSERT_STRING_EQUAL(got.receiving_person, "Daw Khin Khin");
    CU_ASSERT_TRUE(harness_audit_has(f.s, "repatriation.state", p.id));
    record_version *v = NULL;
    size_t nv = 0;
    CU_ASSERT_EQUAL_FATAL(store_record_versions(f.s, RECORD_KIND_REPATRIATION, p.id, &v, &nv),
                          ST_OK);
    CU_ASSERT_EQUAL_FATAL(nv, 2);
    CU_ASSERT_STRING_EQUAL(v[1].change, "state");
    CU_ASSERT_STRING_EQUAL(v[1].reason, why);
    free(v);
    /* Returned is final: no edit, no other state. */
    CU_ASSERT_EQUAL(store_repatriation_save(f.s, &got, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REPAT_STATE_INVALID);
    CU_ASSERT_EQUAL(store_repatriation_change_state(f.s, &got, REPAT_SUSPENDED, "late", &chk,
                                                    &ch), ST_INVALID);
    CU_ASSERT_EQUAL(ch, REPAT_CHANGE_FINAL);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* The escort is required for a child, on the officers' date today: the
 * same plan goes through for an adult and not for a 15-year-old. */
static void test_child_needs_escort(void)
{
    static const struct { const char *name; int age; repat_change_problem want; } rows[] = {
        { "adult", 30, REPAT_CHANGE_OK },
        { "child", 15, REPAT_CHANGE_STEPS_OPEN },
    };
    fixture f = open_fixture();
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_case c = harness_case_add(f.s, rows[i].name, rows[i].age, "2027-01-10");
        tc_repatriation p = plan_for(c.id);
        repat_check chk;
        repat_change_problem ch;
        CU_ASSERT_EQUAL_FATAL(store_repatriation_add(f.s, &p, &chk), ST_OK);
        hand_over(&p, "2027-01-25T02:00:00Z");
        store_status st = store_repatriation_change_state(f.s, &p, REPAT_RETURNED, NULL, &chk,
                                                          &ch);
        CHECK_ROW(ch == rows[i].want, rows[i].name);
        CHECK_ROW((st == ST_OK) == (rows[i].want == REPAT_CHANGE_OK), rows[i].name);
    }
    harness_fixture_close(&f);
}

/* ====================================================== reintegration */

/* The return starts the plan on the handover's date in Bangkok (01:30 on
 * 31 January is still 30 January in UTC), with the stored schedule:
 * calendar months, so the first follow-up is on the last day of
 * February. */
static void test_return_starts_reintegration(void)
{
    static const struct { const char *handover; const char *start; const char *first; } rows[] = {
        { "2027-01-30T18:30:00Z", "2027-01-31", "2027-02-28" },
        { "2028-01-30T18:30:00Z", "2028-01-31", "2028-02-29" },   /* leap year */
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        fixture f = open_fixture();
        tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
        tc_reintegration r = return_home(f.s, c.id, rows[i].handover);
        CHECK_ROW(same_day(r.start, rows[i].start), rows[i].start);
        CHECK_ROW(r.next_known && same_day(r.next_due, rows[i].first), rows[i].first);
        CU_ASSERT_EQUAL(r.schedule.count, 4);
        CU_ASSERT_EQUAL(r.followups_done, 0);
        CU_ASSERT_FALSE(r.high_risk || r.closed);
        for (int k = 0; k < REINT_DOMAIN_COUNT; k++)
            CU_ASSERT_FALSE(r.domains[k].included);     /* the social worker's to fill */
        CU_ASSERT_TRUE(harness_audit_has(f.s, "reintegration.add", r.id));
        /* A blank follow-up proposes the next slot: 3 months from the start. */
        tc_followup fu;
        followup_init(&fu, &r, r.next_due);
        caldate three = caldate_add_months(r.start, 3);
        CU_ASSERT_TRUE(fu.next_known && caldate_compare(fu.next_on, three) == 0);
        harness_fixture_close(&f);
    }
}

/* The schedule comes from the setting when the plan is made; a plan keeps
 * its own when the setting changes.  A plan made by hand needs no domain
 * at first, but a save does. */
static void test_plan_schedule_and_domains(void)
{
    fixture f = open_fixture();
    followup_settings fs;
    CU_ASSERT_EQUAL(store_followup_settings(f.s, &fs), ST_OK);
    CU_ASSERT_EQUAL(fs.schedule.count, 4);
    CU_ASSERT_EQUAL(fs.due_soon_days, 7);
    CU_ASSERT_TRUE(followup_schedule_parse("2,4", &fs.schedule));
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &fs), ST_OK);
    tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    tc_reintegration r = return_home(f.s, c.id, "2027-01-31T03:00:00Z");
    CU_ASSERT_EQUAL(r.schedule.count, 2);
    CU_ASSERT_TRUE(same_day(r.next_due, "2027-03-31"));
    CU_ASSERT_TRUE(followup_schedule_parse("1,3,6,12", &fs.schedule));
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &fs), ST_OK);
    tc_reintegration got;
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.schedule.count, 2);
    /* Saving needs a domain with goals. */
    reint_check chk;
    CU_ASSERT_EQUAL(store_reintegration_save(f.s, &got, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REINT_NO_DOMAIN);
    got.domains[REINT_LIVELIHOOD].included = true;
    snprintf(got.domains[REINT_LIVELIHOOD].goals, REINT_TEXT_MAX, "A sewing business");
    snprintf(got.domains[REINT_LIVELIHOOD].agency_code, TC_CODE_MAX, "iom_mm");
    got.domains[REINT_HEALTH].included = true;
    snprintf(got.domains[REINT_HEALTH].goals, REINT_TEXT_MAX, "Check-ups every month");
    /* A corrected start moves the first date while nothing is recorded. */
    got.start = harness_day("2027-02-01");
    CU_ASSERT_EQUAL(store_reintegration_save(f.s, &got, &chk), ST_OK);
    CU_ASSERT_TRUE(same_day(got.next_due, "2027-04-01"));
    tc_reintegration back;
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &back), ST_OK);
    CU_ASSERT_TRUE(back.domains[REINT_LIVELIHOOD].included);
    CU_ASSERT_STRING_EQUAL(back.domains[REINT_LIVELIHOOD].goals, "A sewing business");
    CU_ASSERT_STRING_EQUAL(back.domains[REINT_LIVELIHOOD].agency_code, "iom_mm");
    CU_ASSERT_TRUE(back.domains[REINT_HEALTH].included);
    CU_ASSERT_FALSE(back.domains[REINT_FAMILY].included);
    CU_ASSERT_TRUE(same_day(back.start, "2027-02-01"));
    /* One plan per case. */
    tc_reintegration dup;
    reint_init(&dup, harness_day("2027-02-01"));
    snprintf(dup.case_id, sizeof dup.case_id, "%s", c.id);
    CU_ASSERT_EQUAL(store_reintegration_add(f.s, &dup, &chk), ST_DUPLICATE);
    /* A plan made by hand for a Thai coming home, with the stored
     * schedule (count 0), no domain yet. */
    tc_case thai = harness_case_add(f.s, "Somsri", 35, "2027-01-10");
    tc_reintegration own;
    reint_init(&own, harness_day("2027-01-20"));
    own.schedule.count = 0;
    snprintf(own.case_id, sizeof own.case_id, "%s", thai.id);
    CU_ASSERT_EQUAL(store_reintegration_add(f.s, &own, &chk), ST_OK);
    CU_ASSERT_EQUAL(own.schedule.count, 4);
    CU_ASSERT_TRUE(same_day(own.next_due, "2027-02-20"));
    harness_fixture_close(&f);
}

/* A follow-up moves the plan: one more done, the next date it set. */
static void test_followup_rules(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    tc_reintegration r = return_home(f.s, c.id, "2027-01-31T03:00:00Z");
    set_clock("2027-03-01T03:00:00Z");
    reint_check chk;
    snapshot before = snap(f.s);
    tc_followup later = followup_on(c.id, "2027-03-02", RISK_LOW, "2027-04-30");
    CU_ASSERT_EQUAL(store_followup_add(f.s, &later, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REINT_FOLLOWUP_IN_FUTURE);
    tc_followup early = followup_on(c.id, "2027-01-30", RISK_LOW, "2027-04-30");
    CU_ASSERT_EQUAL(store_followup_add(f.s, &early, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REINT_FOLLOWUP_BEFORE_START);
    check_unchanged(f.s, before);
    tc_case none = harness_case_add(f.s, "Aung", 40, "2027-01-10");
    tc_followup orphan = followup_on(none.id, "2027-02-28", RISK_LOW, NULL);
    CU_ASSERT_EQUAL(store_followup_add(f.s, &orphan, &chk), ST_NOT_FOUND);

    tc_followup first = followup_on(c.id, "2027-02-28", RISK_MEDIUM, "2027-04-30");
    record_followup(f.s, &first);
    CU_ASSERT_STRING_EQUAL(first.plan_id, r.id);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "followup.add", first.id));
    tc_reintegration got;
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.followups_done, 1);
    CU_ASSERT_TRUE(got.next_known && same_day(got.next_due, "2027-04-30"));
    CU_ASSERT_FALSE(got.high_risk);
    tc_followup second = followup_on(c.id, "2027-03-01", RISK_LOW, NULL);
    record_followup(f.s, &second);
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.followups_done, 2);
    CU_ASSERT_FALSE(got.next_known);        /* no further visit planned */
    tc_followup *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_followup_list_case(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(list[0].id, second.id);      /* newest first */
    CU_ASSERT_STRING_EQUAL(list[1].id, first.id);
    CU_ASSERT_EQUAL(list[1].risk, RISK_MEDIUM);
    CU_ASSERT_STRING_EQUAL(list[1].findings, "Visited at home; medium risk");
    free(list);
    /* A plan with no next date is not on the follow-up list. */
    followup_row *rows = NULL;
    CU_ASSERT_EQUAL(store_followup_due(f.s, false, &rows, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(rows);
    CU_ASSERT_EQUAL(store_followup_list_case(f.s, none.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* Due on 28 February: due soon from 21 February (7 days), overdue from
 * the first moment of 1 March in Bangkok, on the follow-up list, in the
 * count and on the due-soon view, merged with the clocks by due time. */
static void test_followup_overdue_and_due_soon(void)
{
    fixture f = open_fixture();
    tc_case a = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    return_home(f.s, a.id, "2027-01-31T03:00:00Z");
    int64_t due = harness_at("2027-02-28T17:00:00Z");   /* 1 March 00:00 in Bangkok */
    deadline_row *d = NULL;
    size_t n = 0;
    followup_row *rows = NULL;

    /* 20 February 23:59 in Bangkok: 8 days ahead, not yet shown. */
    set_clock("2027-02-20T16:59:00Z");
    CU_ASSERT_EQUAL(store_deadlines_due(f.s, tc_now(&clk), &d, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(d);
    followup_settings fs;
    CU_ASSERT_EQUAL(store_followup_settings(f.s, &fs), ST_OK);
    fs.due_soon_days = 10;
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &fs), ST_OK);
    CU_ASSERT_EQUAL(store_deadlines_due(f.s, tc_now(&clk), &d, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    free(d);
    fs.due_soon_days = 7;
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &fs), ST_OK);

    /* 27 February noon: a case whose identification clock runs out before
     * the follow-up's day ends comes first. */
    set_clock("2027-02-27T05:00:00Z");
    tc_case b = harness_case_add(f.s, "Aung Aung", 40, "2027-02-27");
    CU_ASSERT_EQUAL_FATAL(store_case_clocks_start(f.s, b.id, harness_at("2027-02-27T00:00:00Z")),
                          ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_deadlines_due(f.s, tc_now(&clk), &d, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_FALSE(d[0].followup);
    CU_ASSERT_STRING_EQUAL(d[0].case_id, b.id);
    CU_ASSERT_EQUAL(d[0].kind, CLOCK_IDENTIFICATION);
    CU_ASSERT_TRUE(d[1].followup);
    CU_ASSERT_STRING_EQUAL(d[1].case_id, a.id);
    CU_ASSERT_STRING_EQUAL(d[1].name, "Mya Mya");
    CU_ASSERT_TRUE(same_day(d[1].followup_on, "2027-02-28"));
    CU_ASSERT_EQUAL(d[1].due, due);
    CU_ASSERT_EQUAL(d[1].state, DEADLINE_DUE_SOON);
    CU_ASSERT_TRUE(d[0].due <= d[1].due);
    free(d);

    /* The last second of 28 February: due today, not overdue. */
    set_clock("2027-02-28T16:59:59Z");
    CU_ASSERT_EQUAL(store_followup_due(f.s, true, &rows, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(rows);
    CU_ASSERT_EQUAL(store_followup_due(f.s, false, &rows, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_FALSE(rows[0].overdue);
    CU_ASSERT_EQUAL(rows[0].number, 1);
    CU_ASSERT_STRING_EQUAL(rows[0].country, "MM");
    CU_ASSERT_FALSE(rows[0].has_last);
    free(rows);
    size_t overdue = 9;
    CU_ASSERT_EQUAL(store_followup_count_overdue(f.s, &overdue), ST_OK);
    CU_ASSERT_EQUAL(overdue, 0);

    /* The day after: overdue everywhere. */
    set_clock("2027-02-28T17:00:00Z");
    CU_ASSERT_EQUAL(store_followup_due(f.s, true, &rows, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_TRUE(rows[0].overdue);
    CU_ASSERT_TRUE(same_day(rows[0].next_due, "2027-02-28"));
    free(rows);
    CU_ASSERT_EQUAL(store_followup_count_overdue(f.s, &overdue), ST_OK);
    CU_ASSERT_EQUAL(overdue, 1);
    CU_ASSERT_EQUAL(store_deadlines_due(f.s, tc_now(&clk), &d, &n), ST_OK);
    bool shown = false;
    for (size_t i = 0; i < n; i++)
        if (d[i].followup) {
            shown = true;
            CU_ASSERT_EQUAL(d[i].state, DEADLINE_PASSED);
        }
    CU_ASSERT_TRUE(shown);
    free(d);
    /* Recording it takes it off: the next is three months from the return. */
    tc_followup fu = followup_on(a.id, "2027-02-28", RISK_LOW, "2027-04-30");
    record_followup(f.s, &fu);
    CU_ASSERT_EQUAL(store_followup_count_overdue(f.s, &overdue), ST_OK);
    CU_ASSERT_EQUAL(overdue, 0);
    CU_ASSERT_EQUAL(store_followup_due(f.s, false, &rows, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(rows[0].number, 2);
    CU_ASSERT_TRUE(rows[0].has_last && same_day(rows[0].last_on, "2027-02-28"));
    CU_ASSERT_EQUAL(rows[0].last_risk, RISK_LOW);
    free(rows);
    harness_fixture_close(&f);
}

/* ============================================================ high risk */

/* The newest-first list puts the high-risk case on top; a later lower
 * risk puts it back; the by-name list stays alphabetical. */
static void test_high_risk_raises_case(void)
{
    fixture f = open_fixture();
    tc_case older = harness_case_add(f.s, "Zin Mar", 30, "2027-01-05");
    tc_case newer = harness_case_add(f.s, "Aye Aye", 25, "2027-01-10");
    return_home(f.s, older.id, "2027-01-31T03:00:00Z");
    tc_case_row rows[4];
    size_t n = 0;
    list_newest(f.s, rows, COUNT(rows), &n);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(rows[0].id, newer.id);
    CU_ASSERT_FALSE(rows[0].high_risk || rows[1].high_risk);

    set_clock("2027-03-01T03:00:00Z");
    tc_followup high = followup_on(older.id, "2027-02-28", RISK_HIGH, "2027-03-15");
    record_followup(f.s, &high);
    list_newest(f.s, rows, COUNT(rows), &n);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(rows[0].id, older.id);
    CU_ASSERT_TRUE(rows[0].high_risk);
    CU_ASSERT_FALSE(rows[1].high_risk);
    case_query by_name = { NULL, 0, 4, CASE_ORDER_NAME };
    CU_ASSERT_EQUAL(store_case_list(f.s, &by_name, rows, COUNT(rows), &n), ST_OK);
    CU_ASSERT_STRING_EQUAL(rows[0].name, "Aye Aye");
    CU_ASSERT_TRUE(rows[1].high_risk);
    /* Pages of the newest-first list agree with it. */
    case_query second_page = { NULL, 1, 1, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL(store_case_list(f.s, &second_page, rows, COUNT(rows), &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(rows[0].id, newer.id);
    /* The follow-up list: high risk first, whatever the date. */
    tc_case third = harness_case_add(f.s, "Hla Hla", 28, "2027-01-08");
    return_home(f.s, third.id, "2027-01-20T03:00:00Z");   /* first due 20 February */
    set_clock("2027-03-01T03:00:00Z");
    followup_row *due = NULL;
    CU_ASSERT_EQUAL(store_followup_due(f.s, false, &due, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(due[0].case_id, older.id);
    CU_ASSERT_TRUE(due[0].high_risk);
    CU_ASSERT_EQUAL(due[0].last_risk, RISK_HIGH);
    CU_ASSERT_STRING_EQUAL(due[1].case_id, third.id);
    CU_ASSERT_TRUE(due[1].overdue);
    free(due);

    tc_followup low = followup_on(older.id, "2027-03-01", RISK_LOW, "2027-04-30");
    record_followup(f.s, &low);
    list_newest(f.s, rows, COUNT(rows), &n);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(rows[0].id, newer.id);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_FALSE(rows[i].high_risk);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* Closing the plan lowers the mark; a closed plan takes no follow-up and
 * waits for nothing. */
static void test_close_clears_high_risk(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Zin Mar", 30, "2027-01-05");
    return_home(f.s, c.id, "2027-01-31T03:00:00Z");
    set_clock("2027-03-01T03:00:00Z");
    tc_followup high = followup_on(c.id, "2027-02-28", RISK_HIGH, "2027-03-15");
    record_followup(f.s, &high);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM cases WHERE high_risk = 1"), 1);
    reint_check chk;
    CU_ASSERT_EQUAL(store_reintegration_close(f.s, c.id, REINT_OUTCOME_OTHER,
                                              harness_day("2027-03-01"), "", &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REINT_OUTCOME_NOTE_MISSING);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM cases WHERE high_risk = 1"), 1);
    CU_ASSERT_EQUAL(store_reintegration_close(f.s, c.id, REINT_OUTCOME_TRANSFERRED,
                                              harness_day("2027-03-01"),
                                              "Moved to her aunt in Yangon; IOM follows up.",
                                              &chk), ST_OK);
    tc_reintegration r;
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &r), ST_OK);
    CU_ASSERT_TRUE(r.closed);
    CU_ASSERT_EQUAL(r.outcome, REINT_OUTCOME_TRANSFERRED);
    CU_ASSERT_TRUE(same_day(r.closed_on, "2027-03-01"));
    CU_ASSERT_FALSE(r.high_risk || r.next_known);
    CU_ASSERT_EQUAL(r.followups_done, 1);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "reintegration.close", r.id));
    tc_case_row rows[2];
    size_t n = 0;
    list_newest(f.s, rows, COUNT(rows), &n);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_FALSE(rows[0].high_risk);
    followup_row *due = NULL;
    CU_ASSERT_EQUAL(store_followup_due(f.s, false, &due, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(due);
    snapshot before = snap(f.s);
    tc_followup late = followup_on(c.id, "2027-03-01", RISK_LOW, NULL);
    CU_ASSERT_EQUAL(store_followup_add(f.s, &late, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REINT_PLAN_CLOSED);
    CU_ASSERT_EQUAL(store_reintegration_close(f.s, c.id, REINT_OUTCOME_REINTEGRATED,
                                              harness_day("2027-03-01"), NULL, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(store_reintegration_save(f.s, &r, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REINT_PLAN_CLOSED);
    check_unchanged(f.s, before);
    harness_fixture_close(&f);
}

/* Withdrawing a follow-up recomputes the plan from the ones left: count,
 * next date (the first scheduled date when none is left) and the mark. */
static void test_withdraw_followup_recomputes(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Zin Mar", 30, "2027-01-05");
    tc_reintegration r = return_home(f.s, c.id, "2027-01-31T03:00:00Z");
    set_clock("2027-03-02T03:00:00Z");
    tc_followup first = followup_on(c.id, "2027-02-28", RISK_LOW, "2027-04-30");
    tc_followup wrong = followup_on(c.id, "2027-03-01", RISK_HIGH, "2027-03-15");
    record_followup(f.s, &first);
    record_followup(f.s, &wrong);
    tc_reintegration got;
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_TRUE(got.high_risk && got.followups_done == 2);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM cases WHERE high_risk = 1"), 1);

    record_problem rp;
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_FOLLOWUP, wrong.id,
                                          "Recorded on the wrong person", &rp), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.followups_done, 1);
    CU_ASSERT_TRUE(got.next_known && same_day(got.next_due, "2027-04-30"));
    CU_ASSERT_FALSE(got.high_risk);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM cases WHERE high_risk = 1"), 0);
    /* Still listed, marked withdrawn; withdrawn once only. */
    tc_followup *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_followup_list_case(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(list[0].id, wrong.id);
    CU_ASSERT_TRUE(list[0].entry_withdrawn);
    CU_ASSERT_FALSE(list[1].entry_withdrawn);
    free(list);
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_FOLLOWUP, wrong.id, "again", &rp),
                    ST_INVALID);
    CU_ASSERT_EQUAL(rp, RECORD_ALREADY_WITHDRAWN);

    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_FOLLOWUP, first.id,
                                          "Duplicate entry", &rp), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_reintegration_get(f.s, c.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.followups_done, 0);
    CU_ASSERT_TRUE(got.next_known && same_day(got.next_due, "2027-02-28"));
    record_version *v = NULL;
    CU_ASSERT_EQUAL_FATAL(store_record_versions(f.s, RECORD_KIND_REINTEGRATION, r.id, &v, &n),
                          ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 5);
    CU_ASSERT_STRING_EQUAL(v[0].change, "add");
    CU_ASSERT_STRING_EQUAL(v[2].change, "followup");
    CU_ASSERT_STRING_EQUAL(v[4].change, "recount");
    free(v);
    /* Withdrawing the plan lowers the mark and ends its follow-ups. */
    tc_followup high = followup_on(c.id, "2027-03-02", RISK_HIGH, "2027-03-20");
    record_followup(f.s, &high);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM cases WHERE high_risk = 1"), 1);
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_REINTEGRATION, r.id,
                                          "Made for the wrong case", &rp), ST_OK);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM cases WHERE high_risk = 1"), 0);
    CU_ASSERT_EQUAL(store_reintegration_get(f.s, c.id, &got), ST_NOT_FOUND);
    size_t overdue = 9;
    set_clock("2027-04-01T03:00:00Z");
    CU_ASSERT_EQUAL(store_followup_count_overdue(f.s, &overdue), ST_OK);
    CU_ASSERT_EQUAL(overdue, 0);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* ======================================================= stage, timeline */

static void test_stage_facts(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    stage_facts facts;
    case_stage stage;
    tc_repatriation p = plan_for(c.id);
    repat_check chk;
    repat_change_problem ch;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_add(f.s, &p, &chk), ST_OK);
    CU_ASSERT_EQUAL(store_case_stage_facts(f.s, c.id, &facts), ST_OK);
    CU_ASSERT_TRUE(facts.has_repatriation_plan);
    CU_ASSERT_FALSE(facts.has_reintegration_plan);
    CU_ASSERT_EQUAL(store_case_stage(f.s, c.id, &stage), ST_OK);
    CU_ASSERT_EQUAL(stage, STAGE_RETURN);
    /* A cancelled return is no return. */
    CU_ASSERT_EQUAL(store_repatriation_change_state(f.s, &p, REPAT_CANCELLED, "She stays.",
                                                    &chk, &ch), ST_OK);
    CU_ASSERT_EQUAL(store_case_stage_facts(f.s, c.id, &facts), ST_OK);
    CU_ASSERT_FALSE(facts.has_repatriation_plan);
    CU_ASSERT_EQUAL(store_case_stage(f.s, c.id, &stage), ST_OK);
    CU_ASSERT_NOT_EQUAL(stage, STAGE_RETURN);
    /* Returned: the reintegration plan it starts is the later stage. */
    tc_case home = harness_case_add(f.s, "Aye Aye", 30, "2027-01-10");
    tc_reintegration r = return_home(f.s, home.id, "2027-01-31T03:00:00Z");
    CU_ASSERT_EQUAL(store_case_stage_facts(f.s, home.id, &facts), ST_OK);
    CU_ASSERT_TRUE(facts.has_repatriation_plan && facts.has_reintegration_plan);
    CU_ASSERT_EQUAL(store_case_stage(f.s, home.id, &stage), ST_OK);
    CU_ASSERT_EQUAL(stage, STAGE_REINTEGRATION);
    record_problem rp;
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_REINTEGRATION, r.id, "wrong case",
                                          &rp), ST_OK);
    CU_ASSERT_EQUAL(store_case_stage(f.s, home.id, &stage), ST_OK);
    CU_ASSERT_EQUAL(stage, STAGE_RETURN);
    harness_fixture_close(&f);
}

static size_t count_kind(const timeline_event *ev, size_t n, timeline_kind k)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ev[i].kind == k;
    return count;
}

static const timeline_event *find_kind(const timeline_event *ev, size_t n, timeline_kind k)
{
    for (size_t i = 0; i < n; i++)
        if (ev[i].kind == k)
            return &ev[i];
    return NULL;
}

/* The plan made, marked returned, the reintegration plan, each follow-up
 * and the closing are events; the plan's own bookkeeping versions (an
 * edit, a follow-up's effect) are not. */
static void test_timeline(void)
{
    fixture f = open_fixture();
    tc_case c = harness_case_add(f.s, "Mya Mya", 30, "2027-01-10");
    tc_repatriation p = plan_for(c.id);
    repat_check chk;
    repat_change_problem ch;
    CU_ASSERT_EQUAL_FATAL(store_repatriation_add(f.s, &p, &chk), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_repatriation_save(f.s, &p, &chk), ST_OK);
    set_clock("2027-01-31T03:00:00Z");
    hand_over(&p, "2027-01-31T02:00:00Z");
    CU_ASSERT_EQUAL_FATAL(store_repatriation_change_state(f.s, &p, REPAT_RETURNED, NULL, &chk,
                                                          &ch), ST_OK);
    set_clock("2027-03-01T03:00:00Z");
    tc_followup fu = followup_on(c.id, "2027-02-28", RISK_HIGH, "2027-03-15");
    record_followup(f.s, &fu);
    reint_check rc;
    CU_ASSERT_EQUAL_FATAL(store_reintegration_close(f.s, c.id, REINT_OUTCOME_REINTEGRATED,
                                                    harness_day("2027-03-01"), NULL, &rc),
                          ST_OK);
    timeline_event *ev = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, c.id, &ev, &n), ST_OK);
    CU_ASSERT_EQUAL(count_kind(ev, n, TL_REPATRIATION_PLANNED), 1);
    CU_ASSERT_EQUAL(count_kind(ev, n, TL_REPATRIATION_CHANGED), 1);
    CU_ASSERT_EQUAL(count_kind(ev, n, TL_REINTEGRATION_PLANNED), 1);
    CU_ASSERT_EQUAL(count_kind(ev, n, TL_FOLLOWUP_RECORDED), 1);
    CU_ASSERT_EQUAL(count_kind(ev, n, TL_REINTEGRATION_CLOSED), 1);
    CU_ASSERT_EQUAL(n, 6);      /* and the case opened: nothing else */
    /* Newest first: the closing, the follow-up, then the return. */
    CU_ASSERT_EQUAL(ev[0].kind, TL_REINTEGRATION_CLOSED);
    CU_ASSERT_EQUAL(ev[1].kind, TL_FOLLOWUP_RECORDED);
    const timeline_event *e = find_kind(ev, n, TL_REPATRIATION_CHANGED);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_STRING_EQUAL(e->subject, repat_state_label(REPAT_RETURNED));
    CU_ASSERT_TRUE(e->subject_msgid);
    e = find_kind(ev, n, TL_FOLLOWUP_RECORDED);
    CU_ASSERT_STRING_EQUAL(e->subject, "High risk of re-trafficking");
    CU_ASSERT_STRING_EQUAL(e->detail, "Visited at home; high risk");
    CU_ASSERT_FALSE(e->detail_msgid);
    e = find_kind(ev, n, TL_REINTEGRATION_CLOSED);
    CU_ASSERT_STRING_EQUAL(e->subject, reint_outcome_label(REINT_OUTCOME_REINTEGRATED));
    free(ev);
    /* A withdrawn follow-up shows as withdrawn, with the reason. */
    record_problem rp;
    CU_ASSERT_EQUAL(store_record_withdraw(f.s, RECORD_KIND_FOLLOWUP, fu.id, "wrong person",
                                          &rp), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, c.id, &ev, &n), ST_OK);
    e = find_kind(ev, n, TL_RECORD_WITHDRAWN);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_STRING_EQUAL(e->subject, "Follow-up");
    CU_ASSERT_STRING_EQUAL(e->detail, "wrong person");
    CU_ASSERT_EQUAL(n, 7);
    free(ev);
    CU_ASSERT_STRING_EQUAL(timeline_kind_code(TL_FOLLOWUP_RECORDED), "followup_recorded");
    harness_fixture_close(&f);
}

/* ============================================================ settings */

static void test_settings_roles(void)
{
    fixture f = open_fixture();
    followup_settings fs;
    CU_ASSERT_EQUAL(store_followup_settings(f.s, &fs), ST_OK);
    /* Refused values write nothing. */
    sqlite3_int64 audit = harness_count_rows(f.s, "SELECT count(*) FROM audit");
    followup_settings bad = fs;
    bad.due_soon_days = 367;
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &bad), ST_INVALID);
    bad = fs;
    bad.schedule.months[1] = 1;     /* 1,1,6,12: not increasing */
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &bad), ST_INVALID);
    bad = fs;
    bad.schedule.count = 0;
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &bad), ST_INVALID);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM audit"), audit);
    /* The administrator sets them; they are settings rows, audited. */
    CU_ASSERT_TRUE(followup_schedule_parse("1, 2, 3", &fs.schedule));
    fs.due_soon_days = 14;
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &fs), ST_OK);
    char value[32];
    CU_ASSERT_EQUAL(store_setting_get(f.s, "followup.months", value, sizeof value), ST_OK);
    CU_ASSERT_STRING_EQUAL(value, "1,2,3");
    CU_ASSERT_EQUAL(store_setting_get(f.s, "followup.due_soon_days", value, sizeof value),
                    ST_OK);
    CU_ASSERT_STRING_EQUAL(value, "14");
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM audit"
                                            " WHERE action = 'setting.set'"), 2);
    /* Garbage written by the generic call: the defaults are used. */
    CU_ASSERT_EQUAL(store_setting_set(f.s, "followup.months", "12,6"), ST_OK);
    followup_settings read;
    CU_ASSERT_EQUAL(store_followup_settings(f.s, &read), ST_OK);
    CU_ASSERT_EQUAL(read.schedule.count, 4);
    CU_ASSERT_EQUAL(read.due_soon_days, 7);
    /* A supervisor may; a social worker may not. */
    become(&f, "sup", ROLE_SUPERVISOR);
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &fs), ST_OK);
    store_close(f.s);
    f.s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(f.dir, "admin", HARNESS_PASS, &clk, &f.s), ST_OK);
    become(&f, "nok", ROLE_SOCIAL_WORKER);
    audit = harness_count_rows(f.s, "SELECT count(*) FROM audit");
    CU_ASSERT_EQUAL(store_followup_settings_set(f.s, &fs), ST_DENIED);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM audit"), audit);
    /* Reading is for everyone. */
    CU_ASSERT_EQUAL(store_followup_settings(f.s, &read), ST_OK);
    CU_ASSERT_EQUAL(read.due_soon_days, 14);
    harness_fixture_close(&f);
}

/* ========================================================= query plans */

/* The plan's detail lines of sql, joined with " | ". */
static void query_plan(store *s, const char *sql, char *out, size_t outsz)
{
    char explain[2048];
    snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *q = NULL;
    out[0] = '\0';
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(store_db_handle(s), explain, -1, &q, NULL),
                          SQLITE_OK);
    size_t len = 0;
    while (sqlite3_step(q) == SQLITE_ROW && len < outsz) {
        int n = snprintf(out + len, outsz - len, "%s%s", len ? " | " : "",
                         (const char *)sqlite3_column_text(q, 3));
        if (n > 0)
            len += (size_t)n;
    }
    sqlite3_finalize(q);
    if (getenv("TC_SHOW_PLANS"))
        printf("\n  %s\n    -> %s\n", sql, out);
}

/* The follow-up list, the overdue count and the due-soon rows read one
 * range of reintegrations_due (the count from the index alone); the
 * newest-first case list walks cases_list with no sort. */
static void test_queries_use_indexes(void)
{
    fixture f = open_fixture();
    char plan[2048];
    for (int i = 0; returns_query_sql(i); i++) {
        query_plan(f.s, returns_query_sql(i), plan, sizeof plan);
        CHECK_ROW(strstr(plan, "reintegrations AS r USING ") != NULL
                  && strstr(plan, "INDEX reintegrations_due (is_current=? AND entry_withdrawn=?"
                                  " AND closed=? AND next_due") != NULL, plan);
        CHECK_ROW(strstr(plan, "SCAN TABLE reintegrations") == NULL, plan);
    }
    query_plan(f.s, returns_query_sql(1), plan, sizeof plan);
    CU_ASSERT_PTR_NOT_NULL(strstr(plan, "COVERING INDEX reintegrations_due"));
    /* The due-soon rows come in next-date order from the index: only ties
     * on one date are sorted (by reference). */
    query_plan(f.s, returns_query_sql(2), plan, sizeof plan);
    CU_ASSERT_PTR_NULL(strstr(plan, "TEMP B-TREE FOR ORDER BY"));
    query_plan(f.s,
               "SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id"
               " ORDER BY c.high_risk DESC, c.sort_date DESC, c.created_at DESC,"
               " c.reference DESC LIMIT 20 OFFSET 0", plan, sizeof plan);
    CU_ASSERT_PTR_NOT_NULL(strstr(plan, "SCAN TABLE cases AS c USING INDEX cases_list"));
    CU_ASSERT_PTR_NULL(strstr(plan, "TEMP B-TREE"));
    harness_fixture_close(&f);
}

static CU_TestInfo repatriation_tests[] = {
    { "add, read back, save as a version", test_plan_add_get_save_versions },
    { "one plan per case", test_duplicate_plan_refused },
    { "return with a required step open", test_return_with_open_step },
    { "a child's return needs an escort", test_child_needs_escort },
    CU_TEST_INFO_NULL
};

static CU_TestInfo reintegration_tests[] = {
    { "the return starts the plan", test_return_starts_reintegration },
    { "schedule from the setting, domains", test_plan_schedule_and_domains },
    { "follow-up rules", test_followup_rules },
    { "overdue and due soon", test_followup_overdue_and_due_soon },
    { "high risk raises the case", test_high_risk_raises_case },
    { "closing clears the mark", test_close_clears_high_risk },
    { "withdrawing a follow-up recomputes", test_withdraw_followup_recomputes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo other_tests[] = {
    { "stage facts", test_stage_facts },
    { "timeline", test_timeline },
    { "settings and roles", test_settings_roles },
    { "queries use indexes", test_queries_use_indexes },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "repatriation", suite_init, suite_clean, NULL, NULL, repatriation_tests },
    { "reintegration", suite_init, suite_clean, NULL, NULL, reintegration_tests },
    { "stage, timeline, settings", suite_init, suite_clean, NULL, NULL, other_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_returns_db", suites);
}
