/* test_returns.c - repatriation plans (codes, handover points, which
 * steps are required, validation, the state table and the return's step
 * rule) and reintegration plans (the follow-up schedule and its calendar
 * arithmetic, follow-ups, escalation on a high risk, closing).
 *
 * Tables of inputs and the answers a caller relies on.  Dates are fixed
 * civil dates, never the system clock. */
#include "tests/harness.h"

#include <stdio.h>
#include <string.h>

#include "core/caldate.h"
#include "core/codelist.h"
#include "core/reintegration.h"
#include "core/repatriation.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define CASE_ID "2d9e4f60-7182-4c93-adb4-c5d6e7f8091a"
#define PLAN_ID "3eaf5071-8293-4da4-bec5-d6e7f8091a2b"

static bool same_date(caldate a, caldate b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

static bool nonempty(const char *s)
{
    return s && s[0] != '\0';
}

/* ====================================================== repatriation */

/* An outbound plan to Myanmar that passes validation, still planning,
 * with no step closed. */
static void plan_open(tc_repatriation *p)
{
    repat_init(p);
    strcpy(p->case_id, CASE_ID);
    strcpy(p->country, "MM");
    strcpy(p->hometown, "Hpa-an, Kayin State");
    p->wish = REPAT_WISH_RETURN;
}

/* Closes every step, the legal one and the escort as not needed. */
static void close_steps(tc_repatriation *p)
{
    for (int k = 0; k < REPAT_STEP_COUNT; k++)
        p->steps[k].state = REPAT_STEP_DONE;
    p->steps[REPAT_STEP_ESCORT].state = REPAT_STEP_NOT_NEEDED;
    strcpy(p->steps[REPAT_STEP_ESCORT].note, "An adult travelling with her sister");
}

/* A plan ready to be marked returned: consent, handover, steps closed. */
static void plan_ready(tc_repatriation *p)
{
    plan_open(p);
    p->consent_given = true;
    p->consent_known = true;
    p->consent_on = harness_day("2026-03-02");
    p->handed_over_known = true;
    p->handed_over_at = harness_at("2026-03-20T03:00:00Z");
    strcpy(p->handover_point, "mae_sot");
    strcpy(p->receiving_agency, "Department of Social Welfare, Myawaddy");
    strcpy(p->receiving_person, "Daw Khin May");
    close_steps(p);
}

static void test_repat_codes(void)
{
    for (int i = 0; i < REPAT_DIRECTION_COUNT; i++) {
        repat_direction d = REPAT_DIRECTION_COUNT;
        CU_ASSERT(repat_direction_from_code(repat_direction_code((repat_direction)i), &d));
        CU_ASSERT_EQUAL(d, i);
    }
    for (int i = 0; i < REPAT_WISH_COUNT; i++) {
        repat_wish w = REPAT_WISH_COUNT;
        CU_ASSERT(repat_wish_from_code(repat_wish_code((repat_wish)i), &w));
        CU_ASSERT_EQUAL(w, i);
    }
    for (int i = 0; i < REPAT_STEP_COUNT; i++) {
        repat_step_kind k = REPAT_STEP_COUNT;
        CU_ASSERT(repat_step_from_code(repat_step_code((repat_step_kind)i), &k));
        CU_ASSERT_EQUAL(k, i);
    }
    for (int i = 0; i < REPAT_STEP_STATE_COUNT; i++) {
        repat_step_state s = REPAT_STEP_STATE_COUNT;
        CU_ASSERT(repat_step_state_from_code(repat_step_state_code((repat_step_state)i), &s));
        CU_ASSERT_EQUAL(s, i);
    }
    for (int i = 0; i < REPAT_STATE_COUNT; i++) {
        repat_state s = REPAT_STATE_COUNT;
        CU_ASSERT(repat_state_from_code(repat_state_code((repat_state)i), &s));
        CU_ASSERT_EQUAL(s, i);
    }
    /* The stored codes the store and reports rely on. */
    CU_ASSERT_STRING_EQUAL(repat_direction_code(REPAT_INBOUND), "inbound");
    CU_ASSERT_STRING_EQUAL(repat_wish_code(REPAT_WISH_STAY), "stay");
    CU_ASSERT_STRING_EQUAL(repat_step_code(REPAT_STEP_ESCORT), "escort");
    CU_ASSERT_STRING_EQUAL(repat_step_state_code(REPAT_STEP_NOT_NEEDED), "not_needed");
    CU_ASSERT_STRING_EQUAL(repat_state_code(REPAT_CANCELLED), "cancelled");
    repat_state s = REPAT_PLANNING;
    CU_ASSERT_FALSE(repat_state_from_code("Returned", &s));
    CU_ASSERT_FALSE(repat_state_from_code(NULL, &s));
    CU_ASSERT_EQUAL(s, REPAT_PLANNING);
    CU_ASSERT_STRING_EQUAL(repat_state_code(REPAT_STATE_COUNT), "");
}

/* Every label and message is a msgid, so an untranslated gap shows. */
static void test_repat_texts(void)
{
    for (int i = 0; i <= REPAT_DIRECTION_COUNT; i++)
        CU_ASSERT(nonempty(repat_direction_label((repat_direction)i)));
    for (int i = 0; i <= REPAT_WISH_COUNT; i++)
        CU_ASSERT(nonempty(repat_wish_label((repat_wish)i)));
    for (int i = 0; i <= REPAT_STEP_COUNT; i++)
        CU_ASSERT(nonempty(repat_step_label((repat_step_kind)i)));
    for (int i = 0; i <= REPAT_STEP_STATE_COUNT; i++)
        CU_ASSERT(nonempty(repat_step_state_label((repat_step_state)i)));
    for (int i = 0; i <= REPAT_STATE_COUNT; i++)
        CU_ASSERT(nonempty(repat_state_label((repat_state)i)));
    for (int i = 0; i <= REPAT_PROBLEM_COUNT; i++)
        CU_ASSERT(nonempty(repat_problem_text((repat_problem)i)));
    for (int i = 0; i <= REPAT_CHANGE_PROBLEM_COUNT; i++)
        CU_ASSERT(nonempty(repat_change_problem_text((repat_change_problem)i)));
    CU_ASSERT(nonempty(repat_state_label((repat_state)-1)));
}

static void test_handover_points(void)
{
    static const char *const expected[] = {
        "mae_sot", "aranyaprathet", "nong_khai", "mukdahan",
        "sadao", "ranong", "suvarnabhumi", "don_mueang",
    };
    tc_code_list points = repat_default_handover_points();
    CU_ASSERT_EQUAL_FATAL(points.count, COUNT(expected));
    for (size_t i = 0; i < points.count; i++) {
        const tc_code_row *r = &points.rows[i];
        CHECK_ROW(strcmp(r->code, expected[i]) == 0, expected[i]);
        CHECK_ROW(code_well_formed(r->code), expected[i]);
        CHECK_ROW(nonempty(r->label) && nonempty(r->label_th), expected[i]);
        CHECK_ROW(r->group == NULL, expected[i]);
    }
    const tc_code_row *m = code_list_find(points, "mae_sot");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(m->label, "Mae Sot – Myawaddy");
    CU_ASSERT_STRING_EQUAL(m->label_th, "แม่สอด – เมียวดี");
}

static void test_repat_init(void)
{
    tc_repatriation p;
    memset(&p, 0x5a, sizeof p);
    repat_init(&p);
    CU_ASSERT_EQUAL(p.direction, REPAT_OUTBOUND);
    CU_ASSERT_EQUAL(p.wish, REPAT_WISH_UNKNOWN);
    CU_ASSERT_FALSE(p.consent_given);
    CU_ASSERT_EQUAL(p.state, REPAT_PLANNING);
    CU_ASSERT_FALSE(p.steps_overridden);
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        CU_ASSERT_EQUAL(p.steps[k].kind, k);
        CU_ASSERT_EQUAL(p.steps[k].state, REPAT_STEP_NOT_STARTED);
    }
}

static void test_step_open_states(void)
{
    CU_ASSERT(repat_step_state_is_open(REPAT_STEP_NOT_STARTED));
    CU_ASSERT(repat_step_state_is_open(REPAT_STEP_REQUESTED));
    CU_ASSERT_FALSE(repat_step_state_is_open(REPAT_STEP_DONE));
    CU_ASSERT_FALSE(repat_step_state_is_open(REPAT_STEP_NOT_NEEDED));
}

/* Five steps always; legal only with proceedings pending (a witness needed
 * or a compensation claim is one); an escort only for a child. */
static void test_step_required(void)
{
    static const struct {
        bool legal_pending, witness, compensation, child;
        bool legal, escort;
    } rows[] = {
        { false, false, false, false, false, false },
        { true, false, false, false, true, false },
        { false, true, false, false, true, false },
        { false, false, true, false, true, false },
        { false, false, false, true, false, true },
        { true, false, false, true, true, true },
    };
    tc_repatriation p;
    plan_open(&p);
    for (size_t i = 0; i < COUNT(rows); i++) {
        p.legal_pending = rows[i].legal_pending;
        p.witness_needed = rows[i].witness;
        p.compensation_claim = rows[i].compensation;
        bool child = rows[i].child;
        for (int k = REPAT_STEP_FAMILY; k <= REPAT_STEP_RISK; k++)
            CU_ASSERT(repat_step_required(&p, (repat_step_kind)k, child));
        CU_ASSERT_EQUAL(repat_step_required(&p, REPAT_STEP_LEGAL, child), rows[i].legal);
        CU_ASSERT_EQUAL(repat_step_required(&p, REPAT_STEP_ESCORT, child), rows[i].escort);
        repat_step_kind open[REPAT_STEP_COUNT];
        size_t want = 5 + (rows[i].legal ? 1 : 0) + (rows[i].escort ? 1 : 0);
        CU_ASSERT_EQUAL(repat_open_required(&p, child, open), want);
    }
}

static void test_open_required_order(void)
{
    tc_repatriation p;
    plan_open(&p);
    p.legal_pending = true;
    p.steps[REPAT_STEP_FAMILY].state = REPAT_STEP_DONE;
    p.steps[REPAT_STEP_NATIONALITY].state = REPAT_STEP_REQUESTED;
    p.steps[REPAT_STEP_DOCUMENTS].state = REPAT_STEP_NOT_NEEDED;
    p.steps[REPAT_STEP_EMBASSY].state = REPAT_STEP_DONE;
    p.steps[REPAT_STEP_RISK].state = REPAT_STEP_DONE;
    repat_step_kind open[REPAT_STEP_COUNT];
    size_t n = repat_open_required(&p, true, open);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_EQUAL(open[0], REPAT_STEP_NATIONALITY);
    CU_ASSERT_EQUAL(open[1], REPAT_STEP_LEGAL);
    CU_ASSERT_EQUAL(open[2], REPAT_STEP_ESCORT);
    /* An adult without proceedings: only the requested one is left. */
    p.legal_pending = false;
    CU_ASSERT_EQUAL(repat_open_required(&p, false, open), 1);
}

/* One change to a valid plan and the problem (and field) it gives. */
typedef struct repat_row {
    const char *name;
    void (*change)(tc_repatriation *p);
    repat_problem want;
    const char *field;
} repat_row;

static void no_change(tc_repatriation *p) { (void)p; }
static void no_case(tc_repatriation *p) { p->case_id[0] = '\0'; }
static void bad_direction(tc_repatriation *p) { p->direction = REPAT_DIRECTION_COUNT; }
static void no_country(tc_repatriation *p) { p->country[0] = '\0'; }
static void lower_country(tc_repatriation *p) { strcpy(p->country, "mm"); }
static void unknown_country(tc_repatriation *p) { strcpy(p->country, "QQ"); }
static void stateless_country(tc_repatriation *p) { strcpy(p->country, "XX"); }
static void outbound_to_th(tc_repatriation *p) { strcpy(p->country, "TH"); }
static void inbound_to_mm(tc_repatriation *p) { p->direction = REPAT_INBOUND; }
static void inbound_to_th(tc_repatriation *p)
{
    p->direction = REPAT_INBOUND;
    strcpy(p->country, "TH");
    strcpy(p->hometown, "อำเภอเมือง จังหวัดเชียงราย");
}
static void hometown_control(tc_repatriation *p) { strcpy(p->hometown, "Hpa-an\x1b[2J"); }
static void hometown_newline(tc_repatriation *p) { strcpy(p->hometown, "Hpa-an\nKayin"); }
static void hometown_long(tc_repatriation *p)
{
    memset(p->hometown, 'a', REPAT_TEXT_MAX);
    p->hometown[REPAT_TEXT_MAX] = '\0';
    p->hometown[0] = 'b';
}
static void hometown_unterminated(tc_repatriation *p)
{
    memset(p->hometown, 'a', sizeof p->hometown);
}
static void bad_wish(tc_repatriation *p) { p->wish = REPAT_WISH_COUNT; }
static void consent_no_date(tc_repatriation *p) { p->consent_given = true; }
static void consent_bad_date(tc_repatriation *p)
{
    p->consent_given = true;
    p->consent_known = true;
    p->consent_on = (caldate){ 2026, 2, 30 };
}
static void guardian_control(tc_repatriation *p) { strcpy(p->consent_by, "mother\x07"); }
static void step_kind_moved(tc_repatriation *p) { p->steps[REPAT_STEP_RISK].kind = REPAT_STEP_LEGAL; }
static void step_bad_state(tc_repatriation *p)
{
    p->steps[REPAT_STEP_EMBASSY].state = REPAT_STEP_STATE_COUNT;
}
static void not_needed_no_note(tc_repatriation *p)
{
    p->steps[REPAT_STEP_ESCORT].state = REPAT_STEP_NOT_NEEDED;
    strcpy(p->steps[REPAT_STEP_ESCORT].note, "  \n ");
}
static void not_needed_with_note(tc_repatriation *p)
{
    p->steps[REPAT_STEP_ESCORT].state = REPAT_STEP_NOT_NEEDED;
    strcpy(p->steps[REPAT_STEP_ESCORT].note, "She is 34 and travels with her sister.");
}
static void done_before_requested(tc_repatriation *p)
{
    repat_step *s = &p->steps[REPAT_STEP_FAMILY];
    s->state = REPAT_STEP_DONE;
    s->requested_known = s->done_known = true;
    s->requested_on = harness_day("2026-02-10");
    s->done_on = harness_day("2026-02-09");
}
static void done_same_day(tc_repatriation *p)
{
    repat_step *s = &p->steps[REPAT_STEP_FAMILY];
    s->state = REPAT_STEP_DONE;
    s->requested_known = s->done_known = true;
    s->requested_on = s->done_on = harness_day("2026-02-10");
}
static void requested_bad_date(tc_repatriation *p)
{
    p->steps[REPAT_STEP_DOCUMENTS].requested_known = true;
    p->steps[REPAT_STEP_DOCUMENTS].requested_on = (caldate){ 2026, 13, 1 };
}
static void counterpart_control(tc_repatriation *p)
{
    strcpy(p->steps[REPAT_STEP_NATIONALITY].counterpart, "MOI\tYangon");
}
static void note_multiline(tc_repatriation *p)
{
    strcpy(p->steps[REPAT_STEP_FAMILY].note, "Mother found.\nHouse visited.");
}
static void unknown_point(tc_repatriation *p) { strcpy(p->handover_point, "sungai_kolok"); }
static void known_point(tc_repatriation *p) { strcpy(p->handover_point, "ranong"); }
static void planned_bad(tc_repatriation *p)
{
    p->planned_known = true;
    p->planned_on = (caldate){ 2027, 2, 29 };
}
static void agency_control(tc_repatriation *p) { strcpy(p->receiving_agency, "DSW\x7f"); }
static void person_newline(tc_repatriation *p) { strcpy(p->receiving_person, "Daw\nKhin"); }
static void bidi_agency(tc_repatriation *p) { strcpy(p->receiving_agency, "DSW \xe2\x80\xae lave"); }
static void bell_record(tc_repatriation *p) { strcpy(p->handover_record, "Handed over.\a"); }
static void bad_state(tc_repatriation *p) { p->state = REPAT_STATE_COUNT; }
static void reason_bad(tc_repatriation *p) { strcpy(p->state_reason, "why\x01"); }

static const repat_row repat_rows[] = {
    { "a valid plan", no_change, REPAT_OK, NULL },
    { "no case", no_case, REPAT_CASE_MISSING, "case_id" },
    { "direction out of range", bad_direction, REPAT_DIRECTION_INVALID, "direction" },
    { "no country", no_country, REPAT_COUNTRY_INVALID, "country" },
    { "lower-case country", lower_country, REPAT_COUNTRY_INVALID, "country" },
    { "unknown country", unknown_country, REPAT_COUNTRY_INVALID, "country" },
    { "stateless is not a place", stateless_country, REPAT_COUNTRY_INVALID, "country" },
    { "outbound to Thailand", outbound_to_th, REPAT_COUNTRY_THAILAND, "country" },
    { "inbound elsewhere", inbound_to_mm, REPAT_COUNTRY_NOT_THAILAND, "country" },
    { "inbound home to Thailand", inbound_to_th, REPAT_OK, NULL },
    { "hometown with escape", hometown_control, REPAT_TEXT_BAD, "hometown" },
    { "hometown on two lines", hometown_newline, REPAT_TEXT_BAD, "hometown" },
    { "hometown at the limit", hometown_long, REPAT_OK, NULL },
    { "hometown unterminated", hometown_unterminated, REPAT_TEXT_TOO_LONG, "hometown" },
    { "wish out of range", bad_wish, REPAT_WISH_INVALID, "wish" },
    { "consent without date", consent_no_date, REPAT_CONSENT_DATE_MISSING, "consent_on" },
    { "consent on 30 Feb", consent_bad_date, REPAT_DATE_INVALID, "consent_on" },
    { "guardian with bell", guardian_control, REPAT_TEXT_BAD, "consent_by" },
    { "step out of place", step_kind_moved, REPAT_STEP_INVALID, "steps.risk.state" },
    { "step state out of range", step_bad_state, REPAT_STEP_INVALID, "steps.embassy.state" },
    { "not needed, blank note", not_needed_no_note, REPAT_STEP_REASON_MISSING,
      "steps.escort.note" },
    { "not needed with a reason", not_needed_with_note, REPAT_OK, NULL },
    { "done before requested", done_before_requested, REPAT_STEP_DATES_ORDER,
      "steps.family.done_on" },
    { "done the day requested", done_same_day, REPAT_OK, NULL },
    { "requested in month 13", requested_bad_date, REPAT_DATE_INVALID,
      "steps.documents.requested_on" },
    { "counterpart with tab", counterpart_control, REPAT_TEXT_BAD,
      "steps.nationality.counterpart" },
    { "step note on lines", note_multiline, REPAT_OK, NULL },
    { "handover point unknown", unknown_point, REPAT_HANDOVER_POINT_UNKNOWN, "handover_point" },
    { "handover point listed", known_point, REPAT_OK, NULL },
    { "planned on 29 Feb 2027", planned_bad, REPAT_DATE_INVALID, "planned_on" },
    { "agency with DEL", agency_control, REPAT_TEXT_BAD, "receiving_agency" },
    { "person on two lines", person_newline, REPAT_TEXT_BAD, "receiving_person" },
    { "agency with bidi override", bidi_agency, REPAT_TEXT_BAD, "receiving_agency" },
    { "record with a bell", bell_record, REPAT_TEXT_BAD, "handover_record" },
    { "state out of range", bad_state, REPAT_STATE_INVALID, "state" },
    { "reason with control", reason_bad, REPAT_TEXT_BAD, "state_reason" },
};

static void test_repat_validate(void)
{
    tc_code_list points = repat_default_handover_points();
    for (size_t i = 0; i < COUNT(repat_rows); i++) {
        tc_repatriation p;
        plan_open(&p);
        repat_rows[i].change(&p);
        repat_check c = repat_validate(&p, points);
        CHECK_ROW(c.problem == repat_rows[i].want, repat_rows[i].name);
        if (repat_rows[i].field)
            CHECK_ROW(c.field && strcmp(c.field, repat_rows[i].field) == 0,
                      repat_rows[i].name);
        else
            CHECK_ROW(c.field == NULL, repat_rows[i].name);
    }
}

/* An administrator's own point counts as much as a shipped one. */
static void test_repat_validate_extended_points(void)
{
    static const tc_code_row rows[] = {
        { "sungai_kolok", "Sungai Kolok", "สุไหงโก-ลก", NULL },
    };
    tc_code_list extended = { rows, COUNT(rows) };
    tc_repatriation p;
    plan_open(&p);
    strcpy(p.handover_point, "sungai_kolok");
    CU_ASSERT_EQUAL(repat_validate(&p, extended).problem, REPAT_OK);
    CU_ASSERT_EQUAL(repat_validate(&p, repat_default_handover_points()).problem,
                    REPAT_HANDOVER_POINT_UNKNOWN);
}

/* The return itself: refused with a required step open, accepted with the
 * officer's reason (and then marked as overridden). */
static void test_return_step_rule(void)
{
    tc_repatriation p;
    plan_ready(&p);
    p.steps[REPAT_STEP_RISK].state = REPAT_STEP_REQUESTED;
    tc_repatriation before;
    memcpy(&before, &p, sizeof p);
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, false),
                    REPAT_CHANGE_STEPS_OPEN);
    CU_ASSERT_EQUAL(repat_change_state(&p, REPAT_RETURNED, " \n", false),
                    REPAT_CHANGE_STEPS_OPEN);
    CU_ASSERT(memcmp(&p, &before, sizeof p) == 0);
    CU_ASSERT_EQUAL(repat_change_state(&p, REPAT_RETURNED, "bad\x1b", false),
                    REPAT_CHANGE_REASON_BAD);
    CU_ASSERT(memcmp(&p, &before, sizeof p) == 0);

    const char *why = "The risk assessment is done by the Myawaddy office on arrival.";
    CU_ASSERT_EQUAL(repat_change_state(&p, REPAT_RETURNED, why, false), REPAT_CHANGE_OK);
    CU_ASSERT_EQUAL(p.state, REPAT_RETURNED);
    CU_ASSERT(p.steps_overridden);
    CU_ASSERT_STRING_EQUAL(p.state_reason, why);
}

/* With every required step closed the reason is not an override: it is
 * not kept and nothing is marked. */
static void test_return_steps_closed(void)
{
    tc_repatriation p;
    plan_ready(&p);
    CU_ASSERT_EQUAL(repat_change_state(&p, REPAT_RETURNED, "not needed", false),
                    REPAT_CHANGE_OK);
    CU_ASSERT_FALSE(p.steps_overridden);
    CU_ASSERT_STRING_EQUAL(p.state_reason, "");
}

/* The escort is required for a child only; the legal step only with
 * proceedings pending. */
static void test_return_escort_and_legal(void)
{
    tc_repatriation p;
    plan_ready(&p);
    p.steps[REPAT_STEP_ESCORT].state = REPAT_STEP_NOT_STARTED;
    p.steps[REPAT_STEP_LEGAL].state = REPAT_STEP_REQUESTED;
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, false), REPAT_CHANGE_OK);
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, true),
                    REPAT_CHANGE_STEPS_OPEN);
    p.legal_pending = true;
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, false),
                    REPAT_CHANGE_STEPS_OPEN);
    p.steps[REPAT_STEP_LEGAL].state = REPAT_STEP_DONE;
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, false), REPAT_CHANGE_OK);
    p.steps[REPAT_STEP_ESCORT].state = REPAT_STEP_DONE;
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, true), REPAT_CHANGE_OK);
}

/* Consent and the handover record come before the steps. */
static void test_return_needs_consent_and_handover(void)
{
    tc_repatriation p;
    plan_ready(&p);
    p.consent_given = false;
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, "why", false),
                    REPAT_CHANGE_NO_CONSENT);
    plan_ready(&p);
    p.handed_over_known = false;
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, false),
                    REPAT_CHANGE_NO_HANDOVER);
    plan_ready(&p);
    strcpy(p.receiving_agency, "  ");
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, false),
                    REPAT_CHANGE_NO_HANDOVER);
    plan_ready(&p);
    p.receiving_person[0] = '\0';
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_RETURNED, NULL, false),
                    REPAT_CHANGE_NO_HANDOVER);
}

/* Every pair of states, with a plan ready to return and a reason given:
 * the table of the header. */
static void test_state_table(void)
{
    enum { OK = REPAT_CHANGE_OK, SAME = REPAT_CHANGE_SAME, FINAL = REPAT_CHANGE_FINAL,
           NO = REPAT_CHANGE_REFUSED };
    static const int want[REPAT_STATE_COUNT][REPAT_STATE_COUNT] = {
        /* to:            planning  suspended  returned  cancelled */
        [REPAT_PLANNING] = { SAME, OK, OK, OK },
        [REPAT_SUSPENDED] = { OK, SAME, NO, OK },
        [REPAT_RETURNED] = { FINAL, FINAL, SAME, FINAL },
        [REPAT_CANCELLED] = { FINAL, FINAL, FINAL, SAME },
    };
    for (int from = 0; from < REPAT_STATE_COUNT; from++) {
        for (int to = 0; to < REPAT_STATE_COUNT; to++) {
            char name[64];
            snprintf(name, sizeof name, "%s -> %s", repat_state_code((repat_state)from),
                     repat_state_code((repat_state)to));
            tc_repatriation p;
            plan_ready(&p);
            p.state = (repat_state)from;
            tc_repatriation before;
            memcpy(&before, &p, sizeof p);
            repat_change_problem got = repat_change_state(&p, (repat_state)to, "a reason", false);
            CHECK_ROW((int)got == want[from][to], name);
            if (got == REPAT_CHANGE_OK)
                CHECK_ROW(p.state == (repat_state)to, name);
            else
                CHECK_ROW(memcmp(&p, &before, sizeof p) == 0, name);
        }
    }
    tc_repatriation p;
    plan_ready(&p);
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_STATE_COUNT, "x", false),
                    REPAT_CHANGE_REFUSED);
}

/* Suspending and cancelling need a reason, resuming does not. */
static void test_state_reasons(void)
{
    tc_repatriation p;
    plan_open(&p);
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_SUSPENDED, NULL, false),
                    REPAT_CHANGE_REASON_MISSING);
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_SUSPENDED, " \t", false),
                    REPAT_CHANGE_REASON_MISSING);
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_CANCELLED, "", false),
                    REPAT_CHANGE_REASON_MISSING);
    char too_long[REPAT_REASON_MAX + 2];
    memset(too_long, 'a', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_CANCELLED, too_long, false),
                    REPAT_CHANGE_REASON_BAD);

    const char *why = "The family cannot be traced yet.\nWaiting for the counterpart.";
    CU_ASSERT_EQUAL(repat_change_state(&p, REPAT_SUSPENDED, why, false), REPAT_CHANGE_OK);
    CU_ASSERT_STRING_EQUAL(p.state_reason, why);
    CU_ASSERT_EQUAL(repat_change_state(&p, REPAT_PLANNING, NULL, false), REPAT_CHANGE_OK);
    CU_ASSERT_EQUAL(p.state, REPAT_PLANNING);
    CU_ASSERT_STRING_EQUAL(p.state_reason, "");
    CU_ASSERT_EQUAL(repat_change_state(&p, REPAT_CANCELLED, "She chose to stay.", false),
                    REPAT_CHANGE_OK);
    CU_ASSERT_EQUAL(repat_change_check(&p, REPAT_PLANNING, NULL, false), REPAT_CHANGE_FINAL);
}

static CU_TestInfo repat_tests[] = {
    { "codes round-trip", test_repat_codes },
    { "every label and message is there", test_repat_texts },
    { "the shipped handover points", test_handover_points },
    { "a blank plan", test_repat_init },
    { "open step states", test_step_open_states },
    { "which steps are required", test_step_required },
    { "open required steps in order", test_open_required_order },
    { "validation, field by field", test_repat_validate },
    { "an administrator's handover point", test_repat_validate_extended_points },
    { "return refused with a step open unless explained", test_return_step_rule },
    { "return with every step closed", test_return_steps_closed },
    { "escort for a child, legal when pending", test_return_escort_and_legal },
    { "return needs consent and the handover", test_return_needs_consent_and_handover },
    { "the state table, every pair", test_state_table },
    { "reasons to suspend and cancel", test_state_reasons },
    CU_TEST_INFO_NULL,
};

/* ===================================================== reintegration */

static void test_reint_codes(void)
{
    for (int i = 0; i < REINT_DOMAIN_COUNT; i++) {
        reint_domain d = REINT_DOMAIN_COUNT;
        CU_ASSERT(reint_domain_from_code(reint_domain_code((reint_domain)i), &d));
        CU_ASSERT_EQUAL(d, i);
    }
    for (int i = 0; i < FOLLOWUP_METHOD_COUNT; i++) {
        followup_method m = FOLLOWUP_METHOD_COUNT;
        CU_ASSERT(followup_method_from_code(followup_method_code((followup_method)i), &m));
        CU_ASSERT_EQUAL(m, i);
    }
    for (int i = 0; i < RISK_COUNT; i++) {
        retrafficking_risk r = RISK_COUNT;
        CU_ASSERT(risk_from_code(risk_code((retrafficking_risk)i), &r));
        CU_ASSERT_EQUAL(r, i);
    }
    for (int i = 0; i < REINT_OUTCOME_COUNT; i++) {
        reint_outcome o = REINT_OUTCOME_COUNT;
        CU_ASSERT(reint_outcome_from_code(reint_outcome_code((reint_outcome)i), &o));
        CU_ASSERT_EQUAL(o, i);
    }
    CU_ASSERT_STRING_EQUAL(reint_domain_code(REINT_LIVELIHOOD), "livelihood");
    CU_ASSERT_STRING_EQUAL(followup_method_code(FOLLOWUP_PARTNER_REPORT), "partner_report");
    CU_ASSERT_STRING_EQUAL(risk_code(RISK_HIGH), "high");
    CU_ASSERT_STRING_EQUAL(reint_outcome_code(REINT_OUTCOME_LOST_CONTACT), "lost_contact");
    retrafficking_risk r = RISK_MEDIUM;
    CU_ASSERT_FALSE(risk_from_code("HIGH", &r));
    CU_ASSERT_EQUAL(r, RISK_MEDIUM);
}

static void test_reint_texts(void)
{
    for (int i = 0; i <= REINT_DOMAIN_COUNT; i++)
        CU_ASSERT(nonempty(reint_domain_label((reint_domain)i)));
    for (int i = 0; i <= FOLLOWUP_METHOD_COUNT; i++)
        CU_ASSERT(nonempty(followup_method_label((followup_method)i)));
    for (int i = 0; i <= RISK_COUNT; i++)
        CU_ASSERT(nonempty(risk_label((retrafficking_risk)i)));
    for (int i = 0; i <= REINT_OUTCOME_COUNT; i++)
        CU_ASSERT(nonempty(reint_outcome_label((reint_outcome)i)));
    for (int i = 0; i <= REINT_PROBLEM_COUNT; i++)
        CU_ASSERT(nonempty(reint_problem_text((reint_problem)i)));
}

/* Calendar months: the end of a shorter month stands in for a missing
 * day, leap years included. */
static void test_schedule_dates(void)
{
    static const struct {
        const char *start;
        int months;
        const char *due;
    } rows[] = {
        { "2026-01-31", 1, "2026-02-28" },
        { "2028-01-31", 1, "2028-02-29" },
        { "2028-02-29", 12, "2029-02-28" },
        { "2026-11-30", 3, "2027-02-28" },
        { "2026-03-15", 1, "2026-04-15" },
        { "2026-08-31", 1, "2026-09-30" },
        { "2026-12-31", 6, "2027-06-30" },
        { "2026-05-20", 120, "2036-05-20" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        caldate due = reint_scheduled_date(harness_day(rows[i].start), rows[i].months);
        CHECK_ROW(same_date(due, harness_day(rows[i].due)), rows[i].due);
    }
}

/* After 0..3 follow-ups the next comes from the schedule; after the 4th
 * of the default schedule there is none. */
static void test_next_scheduled(void)
{
    static const char *const want[] = { "2026-02-28", "2026-04-30", "2026-07-31", "2027-01-31" };
    followup_schedule s = followup_schedule_default();
    caldate start = harness_day("2026-01-31");
    for (size_t done = 0; done < COUNT(want); done++) {
        caldate next = { 0, 0, 0 };
        CHECK_ROW(reint_next_scheduled(start, &s, done, &next), want[done]);
        CHECK_ROW(same_date(next, harness_day(want[done])), want[done]);
    }
    caldate untouched = harness_day("2000-01-01"), out = untouched;
    CU_ASSERT_FALSE(reint_next_scheduled(start, &s, 4, &out));
    CU_ASSERT(same_date(out, untouched));
    CU_ASSERT_FALSE(reint_next_scheduled(start, &s, 99, &out));
}

static void test_overdue(void)
{
    caldate due = harness_day("2026-02-28");
    CU_ASSERT_FALSE(followup_overdue(due, harness_day("2026-02-27")));
    CU_ASSERT_FALSE(followup_overdue(due, due));
    CU_ASSERT(followup_overdue(due, harness_day("2026-03-01")));
    CU_ASSERT_EQUAL(followup_days_left(due, harness_day("2026-02-21")), 7);
    CU_ASSERT_EQUAL(followup_days_left(due, due), 0);
    CU_ASSERT_EQUAL(followup_days_left(due, harness_day("2026-03-01")), -1);
    CU_ASSERT_EQUAL(followup_days_left(harness_day("2029-01-01"), harness_day("2028-01-01")), 366);
}

static void test_schedule_default(void)
{
    followup_schedule s = followup_schedule_default();
    CU_ASSERT_EQUAL_FATAL(s.count, 4);
    CU_ASSERT_EQUAL(s.months[0], 1);
    CU_ASSERT_EQUAL(s.months[1], 3);
    CU_ASSERT_EQUAL(s.months[2], 6);
    CU_ASSERT_EQUAL(s.months[3], 12);
    char text[REINT_MONTHS_TEXT_MAX];
    followup_schedule_format(&s, text);
    CU_ASSERT_STRING_EQUAL(text, "1,3,6,12");
}

/* What an administrator may type, and the stored form it becomes. */
static void test_schedule_parse(void)
{
    static const struct {
        const char *text;
        bool ok;
        const char *stored;
    } rows[] = {
        { "1,3,6,12", true, "1,3,6,12" },
        { " 1 , 3 ", true, "1,3" },
        { "๑,๓,๖,๑๒", true, "1,3,6,12" },
        { "2, ๔,1๒", true, "2,4,12" },
        { "6", true, "6" },
        { "120", true, "120" },
        { "1,2,3,4,5,6,7,8,9,10,11,12", true, "1,2,3,4,5,6,7,8,9,10,11,12" },
        { "", false, NULL },
        { "   ", false, NULL },
        { "3,1", false, NULL },
        { "1,1", false, NULL },
        { "0", false, NULL },
        { "1,,3", false, NULL },
        { "1,3,", false, NULL },
        { ",1", false, NULL },
        { "121", false, NULL },
        { "99999999999999999999", false, NULL },
        { "-1", false, NULL },
        { "1 3", false, NULL },
        { "1;3", false, NULL },
        { "1,3,6,12 months", false, NULL },
        { "1,2,3,4,5,6,7,8,9,10,11,12,13", false, NULL },
        { "๑๒๑", false, NULL },
        { "\xe0\xb9", false, NULL },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        followup_schedule s = { { 42 }, 1 };
        bool ok = followup_schedule_parse(rows[i].text, &s);
        CHECK_ROW(ok == rows[i].ok, rows[i].text);
        if (ok) {
            char text[REINT_MONTHS_TEXT_MAX];
            followup_schedule_format(&s, text);
            CHECK_ROW(strcmp(text, rows[i].stored) == 0, rows[i].text);
        } else {
            CHECK_ROW(s.count == 1 && s.months[0] == 42, rows[i].text);
        }
    }
    followup_schedule s = followup_schedule_default();
    CU_ASSERT_FALSE(followup_schedule_parse(NULL, &s));
    CU_ASSERT_EQUAL(s.count, 4);
}

/* A plan made on the return date, with its first follow-up due. */
static void plan_made(tc_reintegration *p, const char *start)
{
    reint_init(p, harness_day(start));
    strcpy(p->id, PLAN_ID);
    strcpy(p->case_id, CASE_ID);
    p->domains[REINT_LIVELIHOOD].included = true;
    strcpy(p->domains[REINT_LIVELIHOOD].goals, "A steady income from her own shop.");
    strcpy(p->domains[REINT_LIVELIHOOD].agency_code, "iom_myanmar");
}

static void test_reint_init(void)
{
    tc_reintegration p;
    memset(&p, 0x5a, sizeof p);
    reint_init(&p, harness_day("2026-01-31"));
    CU_ASSERT(same_date(p.start, harness_day("2026-01-31")));
    CU_ASSERT_EQUAL(p.schedule.count, 4);
    CU_ASSERT(p.next_known);
    CU_ASSERT(same_date(p.next_due, harness_day("2026-02-28")));
    CU_ASSERT_EQUAL(p.followups_done, 0);
    CU_ASSERT_FALSE(p.high_risk);
    CU_ASSERT_FALSE(p.closed);
    for (int d = 0; d < REINT_DOMAIN_COUNT; d++)
        CU_ASSERT_FALSE(p.domains[d].included);
}

/* The form opens with the next date already there: the slot after the
 * one this follow-up fills. */
static void test_followup_init(void)
{
    tc_reintegration p;
    plan_made(&p, "2026-01-31");
    tc_followup f;
    followup_init(&f, &p, harness_day("2026-03-02"));
    CU_ASSERT_STRING_EQUAL(f.plan_id, PLAN_ID);
    CU_ASSERT_STRING_EQUAL(f.case_id, CASE_ID);
    CU_ASSERT(same_date(f.on, harness_day("2026-03-02")));
    CU_ASSERT_EQUAL(f.method, FOLLOWUP_VISIT);
    CU_ASSERT_EQUAL(f.risk, RISK_LOW);
    CU_ASSERT(f.next_known);
    CU_ASSERT(same_date(f.next_on, harness_day("2026-04-30")));

    p.followups_done = 2;
    followup_init(&f, &p, harness_day("2026-08-01"));
    CU_ASSERT(f.next_known);
    CU_ASSERT(same_date(f.next_on, harness_day("2027-01-31")));
    /* The 4th (12 months) has no scheduled follow-up after it. */
    p.followups_done = 3;
    followup_init(&f, &p, harness_day("2027-02-01"));
    CU_ASSERT_FALSE(f.next_known);
}

/* A high risk raises the plan (and so the case); the next lower one
 * lowers it again; the next date follows the follow-up. */
static void test_apply_followup(void)
{
    tc_reintegration p;
    plan_made(&p, "2026-01-31");
    tc_followup f;
    followup_init(&f, &p, harness_day("2026-03-02"));
    f.risk = RISK_HIGH;
    f.next_on = harness_day("2026-03-16");
    reint_apply_followup(&p, &f);
    CU_ASSERT_EQUAL(p.followups_done, 1);
    CU_ASSERT(p.high_risk);
    CU_ASSERT(p.next_known);
    CU_ASSERT(same_date(p.next_due, harness_day("2026-03-16")));

    followup_init(&f, &p, harness_day("2026-03-16"));
    f.risk = RISK_MEDIUM;
    reint_apply_followup(&p, &f);
    CU_ASSERT_EQUAL(p.followups_done, 2);
    CU_ASSERT_FALSE(p.high_risk);
    CU_ASSERT(same_date(p.next_due, harness_day("2026-07-31")));

    followup_init(&f, &p, harness_day("2026-07-31"));
    f.next_known = false;
    reint_apply_followup(&p, &f);
    CU_ASSERT_EQUAL(p.followups_done, 3);
    CU_ASSERT_FALSE(p.next_known);
}

typedef struct reint_row {
    const char *name;
    void (*change)(tc_reintegration *p);
    reint_problem want;
    const char *field;
} reint_row;

static void keep_plan(tc_reintegration *p) { (void)p; }
static void plan_no_case(tc_reintegration *p) { p->case_id[0] = '\0'; }
static void plan_bad_start(tc_reintegration *p) { p->start = (caldate){ 2026, 2, 29 }; }
static void plan_no_schedule(tc_reintegration *p) { p->schedule.count = 0; }
static void plan_schedule_down(tc_reintegration *p) { p->schedule.months[2] = 2; }
static void plan_no_domain(tc_reintegration *p) { p->domains[REINT_LIVELIHOOD].included = false; }
static void plan_no_domain_bad_schedule(tc_reintegration *p)
{
    plan_no_domain(p);
    p->schedule.months[0] = 0;
}
static void plan_no_goals(tc_reintegration *p)
{
    p->domains[REINT_HEALTH].included = true;
}
static void plan_bad_services(tc_reintegration *p)
{
    strcpy(p->domains[REINT_LIVELIHOOD].services, "loan\x1b");
}
static void plan_bad_agency(tc_reintegration *p)
{
    strcpy(p->domains[REINT_LIVELIHOOD].agency_code, "IOM Myanmar");
}
static void plan_no_agency(tc_reintegration *p)
{
    p->domains[REINT_LIVELIHOOD].agency_code[0] = '\0';
}
static void plan_leftover_text(tc_reintegration *p)
{
    strcpy(p->domains[REINT_SAFETY].goals, "kept from an earlier version\x07");
}
static void plan_closed_ok(tc_reintegration *p)
{
    p->closed = true;
    p->outcome = REINT_OUTCOME_REINTEGRATED;
    p->closed_on = harness_day("2027-02-01");
    p->next_known = false;
}
static void plan_closed_other(tc_reintegration *p)
{
    plan_closed_ok(p);
    p->outcome = REINT_OUTCOME_OTHER;
}
static void plan_closed_early(tc_reintegration *p)
{
    plan_closed_ok(p);
    p->closed_on = harness_day("2026-01-30");
}
static void plan_closed_bad_outcome(tc_reintegration *p)
{
    plan_closed_ok(p);
    p->outcome = REINT_OUTCOME_COUNT;
}

static const reint_row reint_rows[] = {
    { "a valid plan", keep_plan, REINT_OK, NULL },
    { "no case", plan_no_case, REINT_CASE_MISSING, "case_id" },
    { "start on 29 Feb 2026", plan_bad_start, REINT_START_INVALID, "start" },
    { "empty schedule", plan_no_schedule, REINT_SCHEDULE_INVALID, "schedule" },
    { "schedule going down", plan_schedule_down, REINT_SCHEDULE_INVALID, "schedule" },
    { "no domain", plan_no_domain, REINT_NO_DOMAIN, "domains" },
    { "no domain comes last", plan_no_domain_bad_schedule, REINT_SCHEDULE_INVALID, "schedule" },
    { "included without goals", plan_no_goals, REINT_GOALS_MISSING, "domains.health.goals" },
    { "services with escape", plan_bad_services, REINT_TEXT_BAD, "domains.livelihood.services" },
    { "agency not a code", plan_bad_agency, REINT_AGENCY_INVALID, "domains.livelihood.agency" },
    { "no agency", plan_no_agency, REINT_OK, NULL },
    { "bad text in a left-out domain", plan_leftover_text, REINT_TEXT_BAD,
      "domains.safety.goals" },
    { "closed reintegrated", plan_closed_ok, REINT_OK, NULL },
    { "closed other, no note", plan_closed_other, REINT_OUTCOME_NOTE_MISSING, "outcome_note" },
    { "closed before start", plan_closed_early, REINT_CLOSED_BEFORE_START, "closed_on" },
    { "closed, outcome out of range", plan_closed_bad_outcome, REINT_OUTCOME_INVALID,
      "outcome" },
};

static void test_reint_validate(void)
{
    for (size_t i = 0; i < COUNT(reint_rows); i++) {
        tc_reintegration p;
        plan_made(&p, "2026-01-31");
        reint_rows[i].change(&p);
        reint_check c = reint_validate(&p);
        CHECK_ROW(c.problem == reint_rows[i].want, reint_rows[i].name);
        if (reint_rows[i].field)
            CHECK_ROW(c.field && strcmp(c.field, reint_rows[i].field) == 0, reint_rows[i].name);
        else
            CHECK_ROW(c.field == NULL, reint_rows[i].name);
    }
}

typedef struct followup_row {
    const char *name;
    void (*change)(tc_followup *f, tc_reintegration *p);
    reint_problem want;
    const char *field;
} followup_row;

static void fu_keep(tc_followup *f, tc_reintegration *p) { (void)f, (void)p; }
static void fu_closed(tc_followup *f, tc_reintegration *p)
{
    (void)f;
    p->closed = true;
}
static void fu_bad_on(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->on = (caldate){ 2026, 4, 31 };
}
static void fu_before_start(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->on = harness_day("2026-01-30");
}
static void fu_on_start(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->on = harness_day("2026-01-31");
}
static void fu_future(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->on = harness_day("2026-03-03");
}
static void fu_bad_method(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->method = FOLLOWUP_METHOD_COUNT;
}
static void fu_no_findings(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    strcpy(f->findings, " \n\t");
}
static void fu_bad_findings(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    strcpy(f->findings, "ok\x1b[31m");
}
static void fu_bad_risk(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->risk = RISK_COUNT;
}
static void fu_next_same_day(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->next_on = f->on;
}
static void fu_next_bad(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->next_on = (caldate){ 2026, 0, 1 };
}
static void fu_next_unset(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->next_known = false;
    f->next_on = (caldate){ 0, 0, 0 };
}
static void fu_bad_agency(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->method = FOLLOWUP_PARTNER_REPORT;
    strcpy(f->by_agency, "1st agency");
}
static void fu_partner(tc_followup *f, tc_reintegration *p)
{
    (void)p;
    f->method = FOLLOWUP_PARTNER_REPORT;
    strcpy(f->by_agency, "iom_myanmar");
}

static const followup_row followup_rows[] = {
    { "a valid follow-up", fu_keep, REINT_OK, NULL },
    { "plan closed", fu_closed, REINT_PLAN_CLOSED, "plan_id" },
    { "31 April", fu_bad_on, REINT_FOLLOWUP_DATE_INVALID, "on" },
    { "before the return", fu_before_start, REINT_FOLLOWUP_BEFORE_START, "on" },
    { "on the return day", fu_on_start, REINT_OK, NULL },
    { "tomorrow", fu_future, REINT_FOLLOWUP_IN_FUTURE, "on" },
    { "method out of range", fu_bad_method, REINT_METHOD_INVALID, "method" },
    { "blank findings", fu_no_findings, REINT_FINDINGS_MISSING, "findings" },
    { "findings with escape", fu_bad_findings, REINT_TEXT_BAD, "findings" },
    { "risk out of range", fu_bad_risk, REINT_RISK_INVALID, "risk" },
    { "next the same day", fu_next_same_day, REINT_NEXT_NOT_AFTER, "next_on" },
    { "next in month 0", fu_next_bad, REINT_FOLLOWUP_DATE_INVALID, "next_on" },
    { "no next date", fu_next_unset, REINT_OK, NULL },
    { "partner not a code", fu_bad_agency, REINT_AGENCY_INVALID, "by_agency" },
    { "partner report", fu_partner, REINT_OK, NULL },
};

static void test_followup_validate(void)
{
    caldate today = harness_day("2026-03-02");
    for (size_t i = 0; i < COUNT(followup_rows); i++) {
        tc_reintegration p;
        plan_made(&p, "2026-01-31");
        tc_followup f;
        followup_init(&f, &p, today);
        strcpy(f.findings, "Living with her mother; sells snacks at the market.");
        followup_rows[i].change(&f, &p);
        reint_check c = followup_validate(&f, &p, today);
        CHECK_ROW(c.problem == followup_rows[i].want, followup_rows[i].name);
        if (followup_rows[i].field)
            CHECK_ROW(c.field && strcmp(c.field, followup_rows[i].field) == 0,
                      followup_rows[i].name);
        else
            CHECK_ROW(c.field == NULL, followup_rows[i].name);
    }
}

static void test_reint_close(void)
{
    tc_reintegration p;
    plan_made(&p, "2026-01-31");
    p.high_risk = true;
    tc_reintegration before;
    memcpy(&before, &p, sizeof p);
    reint_check c = reint_close(&p, REINT_OUTCOME_OTHER, harness_day("2027-02-01"), "  ");
    CU_ASSERT_EQUAL(c.problem, REINT_OUTCOME_NOTE_MISSING);
    CU_ASSERT_STRING_EQUAL(c.field, "outcome_note");
    CU_ASSERT(memcmp(&p, &before, sizeof p) == 0);
    c = reint_close(&p, REINT_OUTCOME_OTHER, harness_day("2027-02-01"), NULL);
    CU_ASSERT_EQUAL(c.problem, REINT_OUTCOME_NOTE_MISSING);
    c = reint_close(&p, REINT_OUTCOME_REINTEGRATED, harness_day("2026-01-01"), NULL);
    CU_ASSERT_EQUAL(c.problem, REINT_CLOSED_BEFORE_START);
    c = reint_close(&p, REINT_OUTCOME_COUNT, harness_day("2027-02-01"), NULL);
    CU_ASSERT_EQUAL(c.problem, REINT_OUTCOME_INVALID);
    char too_long[REINT_TEXT_MAX + 2];
    memset(too_long, 'a', sizeof too_long - 1);
    too_long[sizeof too_long - 1] = '\0';
    c = reint_close(&p, REINT_OUTCOME_OTHER, harness_day("2027-02-01"), too_long);
    CU_ASSERT_EQUAL(c.problem, REINT_TEXT_TOO_LONG);
    CU_ASSERT(memcmp(&p, &before, sizeof p) == 0);

    const char *note = "Moved to her aunt in Mandalay; the partner there follows up.";
    c = reint_close(&p, REINT_OUTCOME_OTHER, harness_day("2027-02-01"), note);
    CU_ASSERT_EQUAL(c.problem, REINT_OK);
    CU_ASSERT_PTR_NULL(c.field);
    CU_ASSERT(p.closed);
    CU_ASSERT_EQUAL(p.outcome, REINT_OUTCOME_OTHER);
    CU_ASSERT(same_date(p.closed_on, harness_day("2027-02-01")));
    CU_ASSERT_STRING_EQUAL(p.outcome_note, note);
    CU_ASSERT_FALSE(p.next_known);
    CU_ASSERT_FALSE(p.high_risk);
    CU_ASSERT_EQUAL(reint_validate(&p).problem, REINT_OK);
    /* Closed once; a follow-up of a closed plan is refused. */
    CU_ASSERT_EQUAL(reint_close(&p, REINT_OUTCOME_DIED, harness_day("2027-03-01"), NULL).problem,
                    REINT_PLAN_CLOSED);
    tc_followup f;
    followup_init(&f, &p, harness_day("2027-02-01"));
    strcpy(f.findings, "x");
    CU_ASSERT_EQUAL(followup_validate(&f, &p, harness_day("2027-02-01")).problem,
                    REINT_PLAN_CLOSED);

    /* Reintegrated needs no note; it may close on the return day. */
    plan_made(&p, "2026-01-31");
    c = reint_close(&p, REINT_OUTCOME_REINTEGRATED, harness_day("2026-01-31"), NULL);
    CU_ASSERT_EQUAL(c.problem, REINT_OK);
    CU_ASSERT_STRING_EQUAL(p.outcome_note, "");
}

static CU_TestInfo reint_tests[] = {
    { "codes round-trip", test_reint_codes },
    { "every label and message is there", test_reint_texts },
    { "scheduled dates: month ends and leap years", test_schedule_dates },
    { "the next scheduled follow-up", test_next_scheduled },
    { "overdue the day after, days left", test_overdue },
    { "the default schedule", test_schedule_default },
    { "schedule typed by an administrator", test_schedule_parse },
    { "a blank plan", test_reint_init },
    { "a follow-up form pre-fills the next date", test_followup_init },
    { "a follow-up's effect: high risk, next date", test_apply_followup },
    { "plan validation", test_reint_validate },
    { "follow-up validation", test_followup_validate },
    { "closing a plan", test_reint_close },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "repatriation", NULL, NULL, NULL, NULL, repat_tests },
    { "reintegration", NULL, NULL, NULL, NULL, reint_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_returns", suites);
}
