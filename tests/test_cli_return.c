/* test_cli_return.c - the return and reintegration commands (issue 6).
 *
 * Pure text first: how long until a follow-up ("overdue 3 days") and one
 * line of the step checklist, in English and in Thai (B.E. dates).  Then
 * the commands run in-process through cli_run() on a real store (cheap key
 * derivation) at a fixed clock: the repatriation plan as a checklist with
 * required steps marked and its handover, the same as tsv, the
 * reintegration plan with its schedule (end of month) and follow-ups, the
 * follow-up list with the high-risk case first, a refused follow-up that
 * writes nothing, and the code lists.
 *
 * The command line makes no step or handover, so the plan's content is
 * stored here through db/returns.h as the screens would store it. */
#define _GNU_SOURCE
#include "config.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db/returns.h"
#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_cli.h"
#include "tests/harness_store.h"
#include "tui/caseinput.h"
#include "tui/cli.h"
#include "tui/cli_return.h"

#define PASS "correct horse battery staple"
#define NOW "2026-03-10T03:00:00Z"      /* Tuesday 10 Mar 2026, 10:00 in Bangkok */
#define OUT_MAX (256 * 1024)

static tc_fixed_clock fixed;
static tc_clock clk;
static char *top;                   /* temp dir: the store and the catalogue */
static char store_dir[512];
static char ref_a[CASEREF_MAX], ref_b[CASEREF_MAX];
static char id_a[TC_ID_LEN], id_b[TC_ID_LEN];
static char out[OUT_MAX], err[OUT_MAX];
static bool have_catalogue;

/* ---- running the command line ------------------------------------------- */

/* cli_run(args) as "tipcase --user admin --passphrase-fd N ARGS", stdout
 * into out and stderr into err.  Returns the exit code. */
static int run(const char *const *args)
{
    harness_cli c = { store_dir, top, PASS, clk, out, err, OUT_MAX };
    return harness_cli_run(&c, args);
}

static bool shows(const char *text)
{
    return harness_has(out, text);
}

static long at(const char *text)
{
    const char *p = strstr(out, text);
    return p ? (long)(p - out) : -1;
}

/* Runs with the interface in Thai (when the test catalogue was built). */
static int run_thai(const char *const *args)
{
    CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
    int rc = run(args);
    i18n_set_language("en");
    return rc;
}

/* ---- the store: two cases with plans ------------------------------------ */

static store_status add_case(store *s, const char *name, char *ref, char *id)
{
    tc_case c;
    case_init(&c);
    case_put_name(&c, name);
    c.estimated_age = 30;
    store_status st = store_case_add(s, &c, NULL);
    snprintf(ref, CASEREF_MAX, "%s", c.reference);
    snprintf(id, TC_ID_LEN, "%s", c.id);
    return st;
}

static void set_step(tc_repatriation *p, repat_step_kind k, repat_step_state state,
                     const char *asked, const char *done, const char *counterpart,
                     const char *note)
{
    repat_step *st = &p->steps[k];
    st->state = state;
    st->requested_known = asked != NULL;
    if (asked)
        st->requested_on = harness_setup_day(asked);
    st->done_known = done != NULL;
    if (done)
        st->done_on = harness_setup_day(done);
    snprintf(st->counterpart, sizeof st->counterpart, "%s", counterpart ? counterpart : "");
    snprintf(st->note, sizeof st->note, "%s", note ? note : "");
}

/* Case A goes home to Myanmar: the plan is half done.  Its reintegration
 * plan started on 31 Jan (no follow-up yet).  Case B had a follow-up that
 * found a high risk. */
static bool make_plans(store *s)
{
    if (add_case(s, "Aung Min", ref_a, id_a) != ST_OK ||
        add_case(s, "Ma Hla", ref_b, id_b) != ST_OK)
        return false;
    tc_repatriation *p = calloc(1, sizeof *p);
    if (!p)
        return false;
    repat_init(p);
    snprintf(p->case_id, sizeof p->case_id, "%s", id_a);
    snprintf(p->country, sizeof p->country, "MM");
    snprintf(p->hometown, sizeof p->hometown, "Mawlamyine, Mon State");
    repat_check chk;
    bool ok = store_repatriation_add(s, p, &chk) == ST_OK;
    p->wish = REPAT_WISH_RETURN;
    p->consent_given = true;
    p->consent_known = true;
    p->consent_on = harness_setup_day("2026-02-02");
    set_step(p, REPAT_STEP_FAMILY, REPAT_STEP_DONE, "2026-02-01", "2026-02-05",
             "DSW Mawlamyine", "Mother and sister at home");
    set_step(p, REPAT_STEP_NATIONALITY, REPAT_STEP_REQUESTED, "2026-02-03", NULL,
             "Embassy of Myanmar", NULL);
    set_step(p, REPAT_STEP_LEGAL, REPAT_STEP_NOT_NEEDED, NULL, "2026-02-04", NULL,
             "No proceedings");
    snprintf(p->handover_point, sizeof p->handover_point, "mae_sot");
    p->planned_known = true;
    p->planned_on = harness_setup_day("2026-03-20");
    snprintf(p->receiving_agency, sizeof p->receiving_agency, "DSW Myawaddy");
    ok = ok && store_repatriation_save(s, p, &chk) == ST_OK;
    free(p);

    tc_reintegration *ra = calloc(1, sizeof *ra);
    tc_reintegration *rb = calloc(1, sizeof *rb);
    tc_followup *f = calloc(1, sizeof *f);
    reint_check rc;
    if (ok && ra && rb && f) {
        reint_init(ra, harness_setup_day("2026-01-31"));
        snprintf(ra->case_id, sizeof ra->case_id, "%s", id_a);
        ra->domains[REINT_LIVELIHOOD].included = true;
        snprintf(ra->domains[REINT_LIVELIHOOD].goals, REINT_TEXT_MAX, "A sewing job");
        snprintf(ra->domains[REINT_LIVELIHOOD].services, REINT_TEXT_MAX, "Training in Mawlamyine");
        ok = store_reintegration_add(s, ra, &rc) == ST_OK;
        reint_init(rb, harness_setup_day("2026-02-01"));
        snprintf(rb->case_id, sizeof rb->case_id, "%s", id_b);
        ok = ok && store_reintegration_add(s, rb, &rc) == ST_OK;
        ok = ok && store_reintegration_get(s, id_b, rb) == ST_OK;
        followup_init(f, rb, harness_setup_day("2026-03-01"));
        snprintf(f->case_id, sizeof f->case_id, "%s", id_b);
        f->method = FOLLOWUP_PHONE;
        f->risk = RISK_HIGH;
        snprintf(f->findings, sizeof f->findings, "The broker called her again");
        f->next_known = true;
        f->next_on = harness_setup_day("2026-03-20");
        ok = ok && store_followup_add(s, f, &rc) == ST_OK;
    }
    free(ra);
    free(rb);
    free(f);
    return ok;
}

/* Thai for the messages the Thai checks read, and the header that makes
 * i18n_is_thai() true. */
static void make_catalogue(void)
{
    static const char thai[] =
        "msgid \"required\"\nmsgstr \"จำเป็น\"\n"
        "msgid \"asked\"\nmsgstr \"ขอเมื่อ\"\n"
        "msgid \"finished\"\nmsgstr \"เสร็จเมื่อ\"\n"
        "msgid \"overdue %lld days\"\nmsgstr \"เกินกำหนด %lld วัน\"\n"
        "msgid \"%lld days left\"\nmsgstr \"เหลือ %lld วัน\"\n";
    have_catalogue = harness_cli_catalogue(top, thai);
}

static int suite_init(void)
{
    clk = harness_clock(&fixed, NOW);
    if (harness_cli_suite_open(&top, store_dir, sizeof store_dir, PASS, &clk, make_plans) != 0)
        return -1;
    make_catalogue();
    return 0;
}

/* The text tests need only the catalogue. */
static int text_init(void)
{
    if (!(top = harness_tempdir()))
        return -1;
    make_catalogue();
    return 0;
}

static int suite_clean(void)
{
    return harness_cli_suite_close(&top);
}

/* ---- pure text ---------------------------------------------------------- */

static void test_days_left_words(void)
{
    static const struct { int64_t days; const char *text; } rows[] = {
        { 0, "due today" }, { 1, "1 day left" }, { 12, "12 days left" },
        { -1, "overdue 1 day" }, { -3, "overdue 3 days" }, { -400, "overdue 400 days" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char text[CLI_DAYS_TEXT_MAX];
        cli_days_left_text(rows[i].days, text, sizeof text);
        CHECK_ROW(!strcmp(text, rows[i].text), rows[i].text);
    }
}

static void test_days_left_in_thai(void)
{
    if (!have_catalogue)
        return;
    CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
    char late[CLI_DAYS_TEXT_MAX], left[CLI_DAYS_TEXT_MAX];
    cli_days_left_text(-3, late, sizeof late);
    cli_days_left_text(5, left, sizeof left);
    i18n_set_language("en");
    CU_ASSERT_STRING_EQUAL(late, "เกินกำหนด 3 วัน");
    CU_ASSERT_STRING_EQUAL(left, "เหลือ 5 วัน");
}

static void test_step_marks(void)
{
    CU_ASSERT_EQUAL(cli_step_mark(REPAT_STEP_DONE), 'x');
    CU_ASSERT_EQUAL(cli_step_mark(REPAT_STEP_NOT_NEEDED), '-');
    CU_ASSERT_EQUAL(cli_step_mark(REPAT_STEP_NOT_STARTED), ' ');
    CU_ASSERT_EQUAL(cli_step_mark(REPAT_STEP_REQUESTED), ' ');
}

static void test_step_lines(void)
{
    tc_repatriation *p = calloc(1, sizeof *p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    repat_init(p);
    set_step(p, REPAT_STEP_DOCUMENTS, REPAT_STEP_DONE, "2026-02-01", "2026-02-05", NULL, NULL);
    set_step(p, REPAT_STEP_LEGAL, REPAT_STEP_NOT_NEEDED, NULL, "2026-02-04", NULL, "none");
    char line[512], want[512];
    cli_step_line(&p->steps[REPAT_STEP_DOCUMENTS], true, line, sizeof line);
    snprintf(want, sizeof want, "[x] %s (required) · %s · asked 1 Feb 2026 · finished 5 Feb 2026",
             repat_step_label(REPAT_STEP_DOCUMENTS), repat_step_state_label(REPAT_STEP_DONE));
    CU_ASSERT_STRING_EQUAL(line, want);
    cli_step_line(&p->steps[REPAT_STEP_LEGAL], false, line, sizeof line);
    snprintf(want, sizeof want, "[-] %s · %s · decided 4 Feb 2026",
             repat_step_label(REPAT_STEP_LEGAL), repat_step_state_label(REPAT_STEP_NOT_NEEDED));
    CU_ASSERT_STRING_EQUAL(line, want);
    cli_step_line(&p->steps[REPAT_STEP_ESCORT], false, line, sizeof line);
    snprintf(want, sizeof want, "[ ] %s · %s", repat_step_label(REPAT_STEP_ESCORT),
             repat_step_state_label(REPAT_STEP_NOT_STARTED));
    CU_ASSERT_STRING_EQUAL(line, want);
    /* A line cut short stays a string. */
    char tiny[8];
    cli_step_line(&p->steps[REPAT_STEP_DOCUMENTS], true, tiny, sizeof tiny);
    CU_ASSERT_EQUAL(strlen(tiny), 7);
    if (have_catalogue) {
        CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
        cli_step_line(&p->steps[REPAT_STEP_DOCUMENTS], true, line, sizeof line);
        i18n_set_language("en");
        CU_ASSERT_PTR_NOT_NULL(strstr(line, "(จำเป็น)"));
        CU_ASSERT_PTR_NOT_NULL(strstr(line, "ขอเมื่อ 1 ก.พ. 2569"));
        CU_ASSERT_PTR_NOT_NULL(strstr(line, "เสร็จเมื่อ 5 ก.พ. 2569"));
    }
    free(p);
}

/* ---- the commands ------------------------------------------------------- */

static void test_repatriation_show_is_a_checklist(void)
{
    const char *const args[] = { "repatriation", "show", ref_a, NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    CU_ASSERT_TRUE(shows("Destination:\tMyanmar, Mawlamyine, Mon State"));
    CU_ASSERT_TRUE(shows("Consent to return:\tgiven 2 Feb 2026"));
    char line[512];
    snprintf(line, sizeof line, "State:\t%s", repat_state_label(REPAT_PLANNING));
    CU_ASSERT_TRUE(shows(line));
    snprintf(line, sizeof line, "  [x] %s (required) · %s · asked 1 Feb 2026 · finished 5 Feb 2026\n"
             "      Counterpart: DSW Mawlamyine\n      Note: Mother and sister at home\n",
             repat_step_label(REPAT_STEP_FAMILY), repat_step_state_label(REPAT_STEP_DONE));
    CU_ASSERT_TRUE(shows(line));
    snprintf(line, sizeof line, "  [ ] %s (required) · %s · asked 3 Feb 2026\n",
             repat_step_label(REPAT_STEP_NATIONALITY),
             repat_step_state_label(REPAT_STEP_REQUESTED));
    CU_ASSERT_TRUE(shows(line));
    /* No proceedings pending, an adult: legal and escort are not required. */
    snprintf(line, sizeof line, "  [-] %s · ", repat_step_label(REPAT_STEP_LEGAL));
    CU_ASSERT_TRUE(shows(line));
    CU_ASSERT_TRUE(shows("Why not needed: No proceedings"));
    snprintf(line, sizeof line, "  [ ] %s · ", repat_step_label(REPAT_STEP_ESCORT));
    CU_ASSERT_TRUE(shows(line));
    /* Steps in their fixed order, then the handover. */
    CU_ASSERT(at(repat_step_label(REPAT_STEP_FAMILY)) < at(repat_step_label(REPAT_STEP_ESCORT)));
    CU_ASSERT_TRUE(shows("Required steps still open: 4\n"));
    const tc_code_row *mae_sot = code_list_find(repat_default_handover_points(), "mae_sot");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mae_sot);
    snprintf(line, sizeof line, "Handover point:\t%s", mae_sot->label);
    CU_ASSERT_TRUE(shows(line));
    CU_ASSERT_TRUE(shows("Planned date:\t20 Mar 2026"));
    CU_ASSERT_TRUE(shows("Handed over:\tnot yet"));
    CU_ASSERT_TRUE(shows("Receiving agency:\tDSW Myawaddy"));
    CU_ASSERT(at("Handover:") > at(repat_step_label(REPAT_STEP_ESCORT)));
}

static void test_repatriation_show_tsv(void)
{
    const char *const args[] = { "repatriation", "show", ref_a, "--format", "tsv", NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    static const char *const lines[] = {
        "field\tvalue\n", "direction\toutbound\n", "country\tMM\n", "consent_on\t2026-02-02\n",
        "steps.family.state\tdone\n", "steps.family.required\tyes\n",
        "steps.family.done_on\t2026-02-05\n", "steps.legal.state\tnot_needed\n",
        "steps.legal.required\tno\n", "steps.escort.required\tno\n",
        "handover_point\tmae_sot\n", "planned_on\t2026-03-20\n", "handed_over_at\t\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        CHECK_ROW(shows(lines[i]), lines[i]);
}

static void test_repatriation_show_in_thai_uses_be_dates(void)
{
    if (!have_catalogue)
        return;
    const char *const args[] = { "repatriation", "show", ref_a, NULL };
    CU_ASSERT_EQUAL(run_thai(args), EXIT_OK);
    CU_ASSERT_TRUE(shows("(จำเป็น)"));
    CU_ASSERT_TRUE(shows("ขอเมื่อ 1 ก.พ. 2569"));
    CU_ASSERT_TRUE(shows("20 มี.ค. 2569"));
    CU_ASSERT_PTR_NULL(strstr(out, "2026"));
}

static void test_repatriation_refusals(void)
{
    const char *const none[] = { "repatriation", "show", ref_b, NULL };
    CU_ASSERT_EQUAL(run(none), EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, "has no repatriation plan"));
    const char *const twice[] = { "repatriation", "add", ref_a, "--country", "MM", NULL };
    CU_ASSERT_EQUAL(run(twice), EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, "already has a repatriation plan"));
    const char *const home[] = { "repatriation", "add", ref_b, "--country", "TH",
                                 "--direction", "outbound", NULL };
    CU_ASSERT_EQUAL(run(home), EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, repat_problem_text(REPAT_COUNTRY_THAILAND)));
    const char *const nowhere[] = { "repatriation", "add", ref_b, "--country", "QQ", NULL };
    CU_ASSERT_EQUAL(run(nowhere), EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, repat_problem_text(REPAT_COUNTRY_INVALID)));
    CU_ASSERT_EQUAL(run(none), EXIT_USER);          /* nothing was made */
}

static void test_reintegration_show(void)
{
    const char *const args[] = { "reintegration", "show", ref_a, NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    CU_ASSERT_TRUE(shows("Start (return date):\t31 Jan 2026"));
    /* 31 January plus one month is the last day of February. */
    CU_ASSERT_TRUE(shows("  1. 1 month after return: 28 Feb 2026\n"));
    CU_ASSERT_TRUE(shows("  2. 3 months after return: 30 Apr 2026\n"));
    CU_ASSERT_TRUE(shows("  4. 12 months after return: 31 Jan 2027\n"));
    CU_ASSERT_TRUE(shows("Next follow-up due:\t28 Feb 2026 (overdue 10 days)"));
    CU_ASSERT_TRUE(shows(reint_domain_label(REINT_LIVELIHOOD)));
    CU_ASSERT_TRUE(shows("Goals: A sewing job"));
    CU_ASSERT_TRUE(shows("Services: Training in Mawlamyine"));
    const char *const b[] = { "reintegration", "show", ref_b, NULL };
    CU_ASSERT_EQUAL_FATAL(run(b), EXIT_OK);
    char line[512];
    snprintf(line, sizeof line, "  1 Mar 2026 · %s · risk: %s\n      The broker called her again\n"
             "      Next date: 20 Mar 2026\n", followup_method_label(FOLLOWUP_PHONE),
             risk_label(RISK_HIGH));
    CU_ASSERT_TRUE(shows(line));
    CU_ASSERT_TRUE(shows("Re-trafficking risk:\tHIGH"));
    CU_ASSERT_TRUE(shows("  1. 1 month after return: 1 Mar 2026 · recorded\n"));
}

static void test_followup_list_puts_high_risk_first(void)
{
    const char *const tsv[] = { "followup", "list", "--format", "tsv", NULL };
    CU_ASSERT_EQUAL_FATAL(run(tsv), EXIT_OK);
    char row_a[256], row_b[256];
    snprintf(row_a, sizeof row_a, "%s\tAung Min\tMM\t1\t2026-02-28\t-10\tyes\t\t\tno\n", ref_a);
    snprintf(row_b, sizeof row_b, "%s\tMa Hla\t\t2\t2026-03-20\t10\tno\t2026-03-01\thigh\tyes\n",
             ref_b);
    CU_ASSERT_TRUE(shows(row_a));
    CU_ASSERT_TRUE(shows(row_b));
    CU_ASSERT(at(row_b) >= 0 && at(row_b) < at(row_a));
    const char *const text[] = { "followup", "list", NULL };
    CU_ASSERT_EQUAL_FATAL(run(text), EXIT_OK);
    CU_ASSERT_TRUE(shows("Follow-ups planned: 2, overdue: 1"));
    CU_ASSERT_TRUE(shows("follow-up 1 · 28 Feb 2026 · overdue 10 days · no follow-up yet\n"));
    char line[256];
    snprintf(line, sizeof line, "follow-up 2 · 20 Mar 2026 · 10 days left · last risk: %s "
             "(1 Mar 2026) · HIGH RISK\n", risk_label(RISK_HIGH));
    CU_ASSERT_TRUE(shows(line));
    const char *const overdue[] = { "followup", "list", "--overdue", "--format", "tsv", NULL };
    CU_ASSERT_EQUAL_FATAL(run(overdue), EXIT_OK);
    CU_ASSERT_TRUE(shows(row_a));
    CU_ASSERT_PTR_NULL(strstr(out, ref_b));
}

/* How many follow-ups case A has. */
static size_t followups_of_a(void)
{
    store *s = NULL;
    CU_ASSERT_FATAL(store_open(store_dir, "admin", PASS, &clk, &s) == ST_OK);
    tc_followup *fs = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(store_followup_list_case(s, id_a, &fs, &n), ST_OK);
    free(fs);
    store_close(s);
    return n;
}

static void test_followup_add_refusals_write_nothing(void)
{
    size_t before = followups_of_a();
    static const struct { const char *at, *method, *risk, *findings; int rc; const char *msg; }
    rows[] = {
        { "31/02/2569", "visit", "low", "Fine", EXIT_USER, "31/02/2569" },
        { "01/03/2569", "letter", "low", "Fine", EXIT_USAGE, "--method" },
        { "01/03/2569", "visit", "none", "Fine", EXIT_USAGE, "--risk" },
        { "01/03/2569", "visit", "low", "bad\x1b[2Jtext", EXIT_USER, "--findings" },
        { "01/03/2569", "visit", "low", "", EXIT_USER, "--findings" },
        { "11/03/2569", "visit", "low", "Tomorrow", EXIT_USER, "--at" },
        { "01/01/2569", "visit", "low", "Before the return", EXIT_USER, "--at" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *const args[] = { "followup", "add", ref_a, "--at", rows[i].at, "--method",
                                     rows[i].method, "--risk", rows[i].risk, "--findings",
                                     rows[i].findings, NULL };
        int rc = run(args);
        CHECK_ROW(rc == rows[i].rc, rows[i].msg);
        CHECK_ROW(strstr(err, rows[i].msg) != NULL, rows[i].msg);
    }
    const char *const next[] = { "followup", "add", ref_a, "--at", "01/03/2569", "--method",
                                 "visit", "--risk", "low", "--findings", "Fine", "--next",
                                 "28/02/2569", NULL };
    CU_ASSERT_EQUAL(run(next), EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, "--next"));
    CU_ASSERT_EQUAL(followups_of_a(), before);
}

static void test_followup_add_high_risk_advises_a_screening(void)
{
    const char *const args[] = { "followup", "add", ref_a, "--at", "09/03/2569", "--method",
                                 "visit", "--risk", "high", "--findings",
                                 "Debt collectors at the house", NULL };
    CU_ASSERT_EQUAL_FATAL(run(args), EXIT_OK);
    char line[256];
    snprintf(line, sizeof line, "Follow-up 1 of case %s recorded.", ref_a);
    CU_ASSERT_TRUE(shows(line));
    /* The next slot of the schedule: 3 months after 31 Jan. */
    CU_ASSERT_TRUE(shows("Next follow-up due 30 Apr 2026."));
    CU_ASSERT_TRUE(shows("Start a new screening"));
    snprintf(line, sizeof line, "tipcase screening list %s", ref_a);
    CU_ASSERT_TRUE(shows(line));
    const char *const low[] = { "followup", "add", ref_a, "--at", "10/03/2569", "--method",
                                "partner_report", "--risk", "low", "--findings", "Settled",
                                "--next", "none", NULL };
    CU_ASSERT_EQUAL_FATAL(run(low), EXIT_OK);
    CU_ASSERT_PTR_NULL(strstr(out, "Start a new screening"));
    CU_ASSERT_TRUE(shows("No further follow-up is planned."));
    CU_ASSERT_EQUAL(followups_of_a(), 2);
}

static void test_code_lists(void)
{
    const char *const show[] = { "list", "show", "handover_point", NULL };
    CU_ASSERT_EQUAL_FATAL(run(show), EXIT_OK);
    tc_code_list points = repat_default_handover_points();
    for (size_t i = 0; i < points.count; i++)
        CHECK_ROW(shows(points.rows[i].code), points.rows[i].code);
    const char *const add[] = { "list", "add", "handover_point", "chiang_khong", "--label",
                                "Chiang Khong - Houayxay", "--label-th", "เชียงของ - ห้วยทราย",
                                NULL };
    CU_ASSERT_EQUAL_FATAL(run(add), EXIT_OK);
    const char *const tsv[] = { "list", "show", "handover_point", "--format", "tsv", NULL };
    CU_ASSERT_EQUAL_FATAL(run(tsv), EXIT_OK);
    CU_ASSERT_TRUE(shows("chiang_khong\tChiang Khong - Houayxay\tเชียงของ - ห้วยทราย\t\tno\n"));
    CU_ASSERT_TRUE(shows("mae_sot\t"));
    CU_ASSERT_EQUAL(run(add), EXIT_USER);               /* a code is never used twice */
    CU_ASSERT_TRUE(harness_has(err, code_row_problem_text(CODE_ROW_CODE_TAKEN)));
    const char *const bad[] = { "list", "add", "handover_point", "Bad Code", "--label", "X",
                                "--label-th", "ก", NULL };
    CU_ASSERT_EQUAL(run(bad), EXIT_USER);
    const char *const which[] = { "list", "show", "airports", NULL };
    CU_ASSERT_EQUAL(run(which), EXIT_USAGE);
    const char *const sectors[] = { "list", "show", "sector", NULL };
    CU_ASSERT_EQUAL(run(sectors), EXIT_OK);
}

static CU_TestInfo text_tests[] = {
    { "days left, as words", test_days_left_words },
    { "days left, in Thai", test_days_left_in_thai },
    { "checklist marks", test_step_marks },
    { "one checklist line", test_step_lines },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo cli_tests[] = {
    { "repatriation show is a checklist", test_repatriation_show_is_a_checklist },
    { "repatriation show --format tsv", test_repatriation_show_tsv },
    { "repatriation show in Thai: B.E. dates", test_repatriation_show_in_thai_uses_be_dates },
    { "repatriation refusals", test_repatriation_refusals },
    { "reintegration show: schedule, domains, follow-ups", test_reintegration_show },
    { "followup list: high risk first", test_followup_list_puts_high_risk_first },
    { "followup add: refusals write nothing", test_followup_add_refusals_write_nothing },
    { "followup add: a high risk advises a screening",
      test_followup_add_high_risk_advises_a_screening },
    { "code lists: show and add", test_code_lists },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "cli_return_text", text_init, suite_clean, NULL, NULL, text_tests },
        { "cli_return", suite_init, suite_clean, NULL, NULL, cli_tests },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_cli_return", suites);
}
