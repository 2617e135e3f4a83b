/* test_return_tui.c - the rules of the return and reintegration screens
 * that need no terminal: how a step of the repatriation checklist reads
 * (its mark, the required star, the name padded by display columns, its
 * state and date), how far off a follow-up is in words, a recorded
 * follow-up in one line, dates in B.E. on a leap day, and the keys of the
 * Return tab and the plan screens on a US and a Thai keyboard layout. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n/textwidth.h"
#include "tui/casefmt.h"
#include "tui/keys.h"
#include "tui/return_fmt.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- dates --------------------------------------------------------------- */

static void test_dates_in_both_eras(void)
{
    char out[64];
    return_date_text(true, harness_day("2028-02-29"), true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "29 ก.พ. 2571");
    return_date_text(true, harness_day("2028-02-29"), false, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "29 Feb 2028");
    return_date_text(true, harness_day("2026-12-31"), true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "31 ธ.ค. 2569");
    return_date_text(false, harness_day("2028-02-29"), true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "");
}

/* ---- the step checklist ---------------------------------------------------- */

static repat_step step(repat_step_kind k, repat_step_state s, const char *requested,
                       const char *done)
{
    repat_step st;
    memset(&st, 0, sizeof st);
    st.kind = k;
    st.state = s;
    if (requested)
        st.requested_known = true, st.requested_on = harness_day(requested);
    if (done)
        st.done_known = true, st.done_on = harness_day(done);
    return st;
}

static void test_step_marks(void)
{
    CU_ASSERT_STRING_EQUAL(repat_step_mark(REPAT_STEP_NOT_STARTED), "[ ]");
    CU_ASSERT_STRING_EQUAL(repat_step_mark(REPAT_STEP_REQUESTED), "[ ]");
    CU_ASSERT_STRING_EQUAL(repat_step_mark(REPAT_STEP_DONE), "[x]");
    CU_ASSERT_STRING_EQUAL(repat_step_mark(REPAT_STEP_NOT_NEEDED), "[-]");
}

static void test_step_status_names_the_date_of_its_state(void)
{
    static const struct {
        const char *name;
        repat_step_state state;
        const char *requested, *done;
        bool thai;
        const char *want;       /* NULL: the state's label alone */
    } rows[] = {
        { "not started", REPAT_STEP_NOT_STARTED, NULL, NULL, false, NULL },
        { "requested, English", REPAT_STEP_REQUESTED, "2026-11-03", NULL, false,
          "requested 3 Nov 2026" },
        { "requested, B.E.", REPAT_STEP_REQUESTED, "2026-11-03", "2026-11-09", true,
          "requested 3 พ.ย. 2569" },
        { "done on a leap day", REPAT_STEP_DONE, "2028-02-01", "2028-02-29", true,
          "done 29 ก.พ. 2571" },
        { "not needed", REPAT_STEP_NOT_NEEDED, NULL, "2026-11-20", false,
          "not needed 20 Nov 2026" },
        { "done, date unknown", REPAT_STEP_DONE, "2026-11-03", NULL, false, NULL },
        { "requested, date unknown", REPAT_STEP_REQUESTED, NULL, "2026-11-09", false, NULL },
    };
    for (size_t r = 0; r < COUNT(rows); r++) {
        repat_step s = step(REPAT_STEP_FAMILY, rows[r].state, rows[r].requested, rows[r].done);
        char out[256];
        repat_step_status(&s, rows[r].thai, out, sizeof out);
        const char *want = rows[r].want ? rows[r].want : repat_step_state_label(rows[r].state);
        CHECK_ROW(!strcmp(out, want), rows[r].name);
    }
}

/* The status of every step starts in the same column, whatever the name. */
static void test_step_line_pads_the_name_by_columns(void)
{
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        repat_step s = step((repat_step_kind)k, REPAT_STEP_DONE, NULL, "2026-11-20");
        char out[512], want_tail[128];
        repat_step_line(&s, k < 2, 40, false, out, sizeof out);
        CU_ASSERT_EQUAL(strncmp(out, k < 2 ? "[x] * " : "[x]   ", 6), 0);
        snprintf(want_tail, sizeof want_tail, " %s", "done 20 Nov 2026");
        size_t n = strlen(out), t = strlen(want_tail);
        CU_ASSERT(n > t && !strcmp(out + n - t, want_tail));
        /* Mark, star and gaps (6), the name in 40 columns, a space. */
        CU_ASSERT_EQUAL(text_columns(out), 6 + 40 + (int)t);
    }
    /* A name longer than its room is cut, never the status. */
    repat_step s = step(REPAT_STEP_FAMILY, REPAT_STEP_NOT_STARTED, NULL, NULL);
    char out[512], status[128];
    repat_step_line(&s, true, 5, false, out, sizeof out);
    repat_step_status(&s, false, status, sizeof status);
    CU_ASSERT_EQUAL(text_columns(out), 6 + 5 + 1 + text_columns(status));
}

static void test_destination_names_a_homecoming(void)
{
    tc_repatriation *p = calloc(1, sizeof *p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    repat_init(p);
    snprintf(p->country, sizeof p->country, "%s", "MM");
    snprintf(p->hometown, sizeof p->hometown, "%s", "เมาะลำไย");
    char out[1024], want[1024];
    repat_destination_text(p, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Myanmar · เมาะลำไย");
    p->direction = REPAT_INBOUND;
    snprintf(p->country, sizeof p->country, "%s", "TH");
    p->hometown[0] = '\0';
    repat_destination_text(p, out, sizeof out);
    snprintf(want, sizeof want, "Thailand · %s", repat_direction_label(REPAT_INBOUND));
    CU_ASSERT_STRING_EQUAL(out, want);
    free(p);
}

/* ---- follow-ups ------------------------------------------------------------- */

static void test_follow_up_days_in_words(void)
{
    static const struct {
        const char *due, *today, *want;
        bool late;
    } rows[] = {
        { "2026-12-20", "2026-12-20", "today", false },
        { "2026-12-21", "2026-12-20", "tomorrow", false },
        { "2027-01-03", "2026-12-20", "in 14 days", false },
        { "2028-03-01", "2028-02-28", "in 2 days", false },        /* over 29 Feb */
        { "2027-03-01", "2027-02-28", "tomorrow", false },         /* no 29 Feb */
        { "2026-12-19", "2026-12-20", "overdue by 1 day", true },
        { "2026-12-17", "2026-12-20", "overdue by 3 days", true },
        { "2025-12-20", "2026-12-20", "overdue by 365 days", true },
    };
    for (size_t r = 0; r < COUNT(rows); r++) {
        char out[128];
        bool late = followup_when_text(harness_day(rows[r].due), harness_day(rows[r].today),
                                       out, sizeof out);
        CHECK_ROW(!strcmp(out, rows[r].want), rows[r].want);
        CHECK_ROW(late == rows[r].late, rows[r].want);
    }
}

static void test_follow_up_due_text_in_be(void)
{
    char out[128];
    bool late = followup_due_text(harness_day("2028-02-29"), harness_day("2028-02-15"), true,
                                  out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "29 ก.พ. 2571 (in 14 days)");
    CU_ASSERT_FALSE(late);
    late = followup_due_text(harness_day("2028-02-29"), harness_day("2028-03-02"), false, out,
                             sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "29 Feb 2028 (overdue by 2 days)");
    CU_ASSERT_TRUE(late);
}

static void test_first_line(void)
{
    char out[64];
    first_line("ครอบครัวรับกลับ\nบรรทัดสอง", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "ครอบครัวรับกลับ");
    first_line("", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "");
    /* Cut short: never half a Thai character (3 bytes each). */
    char small[8];
    first_line("กขค", small, sizeof small);
    CU_ASSERT_STRING_EQUAL(small, "กข");
}

static void test_follow_up_record_in_one_line(void)
{
    tc_followup f;
    memset(&f, 0, sizeof f);
    f.on = harness_day("2026-12-05");
    f.method = FOLLOWUP_VISIT;
    f.risk = RISK_HIGH;
    snprintf(f.findings, sizeof f.findings, "%s", "Recruiter called again\nDebts: 20,000 baht");
    char out[512], want[512];
    followup_record_text(&f, false, out, sizeof out);
    snprintf(want, sizeof want, "5 Dec 2026 · %s · risk: %s · Recruiter called again",
             followup_method_label(FOLLOWUP_VISIT), risk_label(RISK_HIGH));
    CU_ASSERT_STRING_EQUAL(out, want);
    f.findings[0] = '\0';
    f.on = harness_day("2028-02-29");
    followup_record_text(&f, true, out, sizeof out);
    snprintf(want, sizeof want, "29 ก.พ. 2571 · %s · risk: %s",
             followup_method_label(FOLLOWUP_VISIT), risk_label(RISK_HIGH));
    CU_ASSERT_STRING_EQUAL(out, want);
}

static void test_schedule_text(void)
{
    followup_schedule s = { { 1, 3, 6, 12 }, 4 };
    char out[128];
    followup_schedule_text(&s, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "1, 3, 6, 12 months");
    s.count = 1;
    followup_schedule_text(&s, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "1 month");
    s = (followup_schedule){ { 2, 24 }, 2 };
    followup_schedule_text(&s, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "2, 24 months");
}

/* ---- keys ------------------------------------------------------------------- */

static void test_keys_on_both_layouts(void)
{
    static const struct {
        const key_binding *table;
        wchar_t us, thai;
        key_action want;
    } rows[] = {
        { KEYS_CASE_RETURN, L'r', L'พ', ACT_REPATRIATION },
        { KEYS_CASE_RETURN, L'\r', 0, ACT_REPATRIATION },
        { KEYS_CASE_RETURN, L'i', L'ร', ACT_REINTEGRATION },
        { KEYS_CASE_RETURN, L'f', L'ด', ACT_FOLLOWUP },
        { KEYS_CASE_RETURN, L'9', L'ต', ACT_TAB_9 },
        { KEYS_CASE_RETURN, L'8', L'ค', ACT_TAB_8 },
        { KEYS_REPATRIATION, L'\r', 0, ACT_STATE },
        { KEYS_REPATRIATION, L's', L'ห', ACT_STATE },
        { KEYS_REPATRIATION, L'e', L'ำ', ACT_EDIT },
        { KEYS_REPATRIATION, L'h', L'้', ACT_HANDOVER },
        { KEYS_REPATRIATION, L'p', L'ย', ACT_SUSPEND },
        { KEYS_REPATRIATION, L'c', L'แ', ACT_CANCEL },
        { KEYS_REINTEGRATION, L'f', L'ด', ACT_FOLLOWUP },
        { KEYS_REINTEGRATION, L'e', L'ำ', ACT_EDIT },
        { KEYS_REINTEGRATION, L'x', L'ป', ACT_CLOSE_PLAN },
        { KEYS_FOLLOWUPS, L'o', L'น', ACT_FILTER_OVERDUE },
        { KEYS_FOLLOWUPS, L'\r', 0, ACT_OPEN },
        { KEYS_CASE_LIST, L'F', 0, ACT_FOLLOWUPS },
    };
    for (size_t r = 0; r < COUNT(rows); r++) {
        CU_ASSERT_EQUAL(keys_action_any_layout(rows[r].table, harness_key(rows[r].us)),
                        rows[r].want);
        if (rows[r].thai)
            CU_ASSERT_EQUAL(keys_action_any_layout(rows[r].table, harness_key(rows[r].thai)),
                            rows[r].want);
    }
    /* Every tab now answers 9 and its Thai digit. */
    for (int tab = 0; tab < TAB_COUNT; tab++)
        CU_ASSERT_EQUAL(keys_action_any_layout(case_tab_keys((case_tab)tab), harness_key(L'๙')),
                        ACT_TAB_9);
}

static void test_return_tab_is_the_ninth(void)
{
    CU_ASSERT_EQUAL(TAB_COUNT, 9);
    CU_ASSERT_STRING_EQUAL(case_tab_label(TAB_RETURN), "Return");
    CU_ASSERT_PTR_EQUAL(case_tab_keys(TAB_RETURN), KEYS_CASE_RETURN);
    CU_ASSERT_EQUAL(case_tab_after(TAB_REFERRALS, ACT_TAB_NEXT), TAB_RETURN);
    CU_ASSERT_EQUAL(case_tab_after(TAB_RETURN, ACT_TAB_NEXT), TAB_PERSON);
    CU_ASSERT_EQUAL(case_tab_after(TAB_PERSON, ACT_TAB_PREV), TAB_RETURN);
    CU_ASSERT_EQUAL(case_tab_after(TAB_NOTES, ACT_TAB_9), TAB_RETURN);
}

static void test_every_table_has_help_and_a_way_back(void)
{
    const key_binding *tables[] = { KEYS_CASE_RETURN, KEYS_REPATRIATION, KEYS_REINTEGRATION,
                                    KEYS_FOLLOWUPS };
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

static CU_TestInfo date_tests[] = {
    { "dates in B.E. and C.E., a leap day too", test_dates_in_both_eras },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo step_tests[] = {
    { "a step's mark", test_step_marks },
    { "a step's status names the date of its state", test_step_status_names_the_date_of_its_state },
    { "the checklist pads names by display columns", test_step_line_pads_the_name_by_columns },
    { "the destination names a Thai coming home", test_destination_names_a_homecoming },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo followup_tests[] = {
    { "days to a follow-up in words", test_follow_up_days_in_words },
    { "the due date in B.E. with the days", test_follow_up_due_text_in_be },
    { "the first line of findings", test_first_line },
    { "a follow-up in one line", test_follow_up_record_in_one_line },
    { "the schedule in words", test_schedule_text },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo key_tests[] = {
    { "return keys on the US and Thai layouts", test_keys_on_both_layouts },
    { "the Return tab is the ninth", test_return_tab_is_the_ninth },
    { "every table has its help and Esc", test_every_table_has_help_and_a_way_back },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "dates", NULL, NULL, NULL, NULL, date_tests },
    { "step checklist", NULL, NULL, NULL, NULL, step_tests },
    { "follow-ups", NULL, NULL, NULL, NULL, followup_tests },
    { "return screen keys", NULL, NULL, NULL, NULL, key_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_return_tui", suites);
}
