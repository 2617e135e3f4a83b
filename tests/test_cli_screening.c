/* test_cli_screening.c - what "tipcase screening list|show" prints for a
 * screening with answers, run in-process through cli_run() on a real store
 * (cheap key derivation): the suggestion and its reasons, fired indicators
 * under their element with the question text in the interface language,
 * open answers, missing sections, the non-punishment note, the decision and
 * its reason, and an old screening read with its own version's questions.
 *
 * The command line cannot answer questions, so the answers are stored here
 * through db/screenings.h as the wizard would store them. */
#define _GNU_SOURCE
#include "config.h"
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db/builtin_instruments.h"
#include "db/screenings.h"
#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_cli.h"
#include "tests/harness_store.h"
#include "tui/caseinput.h"
#include "tui/cli.h"

#define PASS "correct horse battery staple"
#define NOTE "Passport kept by the broker"
#define REASON "She shows fear of the broker; the MDT should hear her."
#define OUT_MAX (256 * 1024)

static tc_fixed_clock fixed;
static tc_clock clk;
static char *top;                   /* temp dir: the store and the catalogue */
static char store_dir[512];
static char case_ref[CASEREF_MAX];
static char decided_id[TC_ID_LEN], open_id[TC_ID_LEN];
static instrument *inst;            /* border_quick as the screenings were answered */
static long fired_crime, fired_strong, open_unknown;
static screening_result scored;
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

/* Where text first appears in out, or -1. */
static long at(const char *text)
{
    const char *p = strstr(out, text);
    return p ? (long)(p - out) : -1;
}

/* ---- the store, the case and two screenings ------------------------------ */

static long pick_indicator(bool (*fits)(const instrument_indicator *), long not1, long not2)
{
    for (size_t i = 0; i < inst->n_indicators; i++)
        if ((long)i != not1 && (long)i != not2 && fits(&inst->indicators[i]))
            return (long)i;
    return -1;
}

static bool is_forced_crime(const instrument_indicator *ind)
{
    return ind->flags & INDICATOR_FORCED_CRIME;
}

static bool is_plain(const instrument_indicator *ind)
{
    return !(ind->flags & (INDICATOR_CHILD_ONLY | INDICATOR_PROCEDURE | INDICATOR_FORCED_CRIME |
                           INDICATOR_PRESUMES_CHILD));
}

static bool is_plain_strong(const instrument_indicator *ind)
{
    return is_plain(ind) && ind->strength == STRENGTH_STRONG && ind->element != ELEMENT_ACT &&
           ind->element != ELEMENT_VULNERABILITY;
}

static void interview(tc_interview *iv)
{
    interview_init(iv);
    if (!timestamp_parse_iso("2026-11-21T02:30:00Z", &iv->held_at))
        abort();
    snprintf(iv->place, sizeof iv->place, "%s", "Mae Sot checkpoint");
    snprintf(iv->interviewers, sizeof iv->interviewers, "%s", "Somchai Admin");
    snprintf(iv->language, sizeof iv->language, "%s", "my");
    iv->interpreter_used = true;
    snprintf(iv->interpreter_name, sizeof iv->interpreter_name, "%s", "Ko Aung");
    snprintf(iv->interpreter_agency, sizeof iv->interpreter_agency, "%s", "Friends NGO");
    snprintf(iv->interpreter_language, sizeof iv->interpreter_language, "%s", "my");
    iv->consent_given = true;
    iv->earlier_interviews = 1;
}

static store_status start_screening(store *s, const char *case_id, char *id_out)
{
    tc_screening sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.case_id, sizeof sc.case_id, "%s", case_id);
    snprintf(sc.instrument_code, sizeof sc.instrument_code, "%s", "border_quick");
    interview(&sc.interview);
    interview_check problem;
    store_status st = store_screening_start(s, &sc, &problem);
    snprintf(id_out, TC_ID_LEN, "%s", sc.id);
    return st;
}

static store_status answer(store *s, long i, answer_value v, bool evidence, const char *note)
{
    return store_screening_answer(s, decided_id, inst->indicators[i].code, v, evidence, note,
                                  (size_t)i, NULL);
}

/* A store with one case, a decided screening (forced criminality and a
 * strong indicator fired, one answer "don't know", the rest unanswered)
 * and one just started. */
static bool make_screenings(store *s)
{
    tc_case c;
    case_init(&c);
    case_put_name(&c, "Aung Min");
    c.estimated_age = 30;
    if (store_case_add(s, &c, NULL) != ST_OK)
        return false;
    snprintf(case_ref, sizeof case_ref, "%s", c.reference);
    if (store_instrument_load(s, "border_quick", 0, &inst) != ST_OK)
        return false;
    fired_crime = pick_indicator(is_forced_crime, -1, -1);
    fired_strong = pick_indicator(is_plain_strong, fired_crime, -1);
    open_unknown = pick_indicator(is_plain, fired_crime, fired_strong);
    if (fired_crime < 0 || fired_strong < 0 || open_unknown < 0)
        return false;
    if (start_screening(s, c.id, decided_id) != ST_OK ||
        answer(s, fired_crime, ANSWER_YES, false, NULL) != ST_OK ||
        answer(s, fired_strong, ANSWER_YES, true, NOTE) != ST_OK ||
        answer(s, open_unknown, ANSWER_UNKNOWN, false, NULL) != ST_OK)
        return false;
    if (store_screening_decide(s, decided_id, DECISION_REFER_MDT, REASON, NULL, &scored)
        != ST_OK)
        return false;
    return start_screening(s, c.id, open_id) == ST_OK;
}

/* Thai for one message, and the header that makes i18n_is_thai() true. */
static void make_catalogue(void)
{
    have_catalogue = harness_cli_catalogue(top, "msgid \"Suggestion:\"\n"
                                                "msgstr \"ข้อเสนอแนะ:\"\n");
}

static int suite_init(void)
{
    clk = harness_clock(&fixed, "2026-11-21T03:00:00Z");
    if (harness_cli_suite_open(&top, store_dir, sizeof store_dir, PASS, &clk,
                               make_screenings) != 0)
        return -1;
    make_catalogue();
    return 0;
}

static int suite_clean(void)
{
    instrument_free(inst);
    return harness_cli_suite_close(&top);
}

/* ---- the tests ----------------------------------------------------------- */

static void test_list_shows_both_screenings(void)
{
    const char *const args[] = { "screening", "list", case_ref, NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    CU_ASSERT_TRUE(shows(decided_id));
    CU_ASSERT_TRUE(shows(open_id));
    CU_ASSERT_TRUE(shows("border_quick"));
    CU_ASSERT_TRUE(shows("21 Nov 2026 09:30"));         /* Bangkok time */
    char answered[64];
    snprintf(answered, sizeof answered, "3/%zu", inst->n_indicators);
    CU_ASSERT_TRUE(shows(answered));
    CU_ASSERT_TRUE(shows(suggestion_label(scored.suggestion)));
    CU_ASSERT_TRUE(shows(decision_label(DECISION_REFER_MDT)));
    CU_ASSERT_TRUE(shows("in progress, not decided"));
}

static void test_list_tsv_has_codes(void)
{
    const char *const args[] = { "screening", "list", case_ref, "--format", "tsv", NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    CU_ASSERT_TRUE(shows("id\theld_at\tinstrument\tversion\tanswered\ttotal\tsuggestion\tdecision\n"));
    char line[512];
    snprintf(line, sizeof line, "%s\t2026-11-21T02:30:00Z\tborder_quick\t1\t3\t%zu\t%s\t%s\n",
             decided_id, inst->n_indicators, suggestion_code(scored.suggestion),
             decision_code(DECISION_REFER_MDT));
    CU_ASSERT_TRUE(shows(line));
    snprintf(line, sizeof line, "%s\t2026-11-21T02:30:00Z\tborder_quick\t1\t0\t%zu\t\t\n",
             open_id, inst->n_indicators);
    CU_ASSERT_TRUE(shows(line));
}

static void test_show_gives_the_result_and_its_reasons(void)
{
    const char *const args[] = { "screening", "show", decided_id, NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    char line[1024];
    snprintf(line, sizeof line, "Suggestion:\t%s", suggestion_label(scored.suggestion));
    CU_ASSERT_TRUE(shows(line));
    for (size_t i = 0; i < scored.n_reasons; i++)
        CU_ASSERT_TRUE(shows(screening_reason_label(scored.reasons[i])));
    CU_ASSERT_TRUE(shows("Interview held:\t21 Nov 2026 09:30"));
    CU_ASSERT_TRUE(shows("Interpreter:\tKo Aung, Friends NGO (my)"));
    CU_ASSERT_TRUE(shows("Earlier interviews:\t1"));
    CU_ASSERT_TRUE(shows(case_ref));
    /* Never a verdict. */
    CU_ASSERT_PTR_NULL(strstr(out, "not a victim"));
}

static void test_show_groups_fired_indicators_by_element(void)
{
    const char *const args[] = { "screening", "show", decided_id, NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    CU_ASSERT_TRUE(shows("Indicators found:"));
    long last_heading = at("Indicators found:");
    for (int e = 0; e < ELEMENT_COUNT; e++) {
        if (!scored.fired_count[e])
            continue;
        char heading[256];
        snprintf(heading, sizeof heading, "\n  %s\n", element_label((indicator_element)e));
        long h = at(heading);
        CU_ASSERT(h > last_heading);            /* elements in their fixed order */
        for (size_t k = 0; k < scored.fired_count[e]; k++) {
            const instrument_indicator *ind = &inst->indicators[scored.fired[scored.fired_first[e] + k]];
            CU_ASSERT(at(ind->question_en) > h);
            CU_ASSERT_TRUE(shows(ind->code));
        }
        last_heading = h;
    }
    CU_ASSERT_TRUE(shows(inst->indicators[fired_crime].question_en));
    CU_ASSERT_TRUE(shows(inst->indicators[fired_strong].question_en));
    CU_ASSERT_TRUE(shows("evidence seen"));
    CU_ASSERT_TRUE(shows("Note: " NOTE));
}

static void test_show_lists_open_answers_missing_sections_and_the_note(void)
{
    const char *const args[] = { "screening", "show", decided_id, NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    long open_heading = at("Answered \"don't know\" or declined");
    CU_ASSERT(open_heading >= 0);
    CU_ASSERT(at(inst->indicators[open_unknown].question_en) > open_heading);
    CU_ASSERT_TRUE(shows(answer_label(ANSWER_UNKNOWN)));
    CU_ASSERT_TRUE(scored.n_missing_sections > 0);
    long missing = at("Sections with questions still to answer:");
    CU_ASSERT(missing > open_heading);
    for (size_t k = 0; k < scored.n_missing_sections; k++)
        CU_ASSERT(at(inst->sections[scored.missing_sections[k]].title_en) > missing);
    CU_ASSERT_TRUE(scored.non_punishment_note);
    CU_ASSERT_TRUE(shows(screening_non_punishment_note()));
}

static void test_show_gives_the_decision_and_its_reason(void)
{
    const char *const args[] = { "screening", "show", decided_id, NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    char line[512];
    snprintf(line, sizeof line, "Decision:\t%s", decision_label(DECISION_REFER_MDT));
    CU_ASSERT_TRUE(shows(line));
    CU_ASSERT_TRUE(shows("Reason:\t" REASON));
    CU_ASSERT_TRUE(shows("Decided:\t21 Nov 2026 10:00"));
    CU_ASSERT_TRUE(shows("Decided by:\tSomchai Admin"));
}

static void test_show_of_an_undecided_screening(void)
{
    const char *const args[] = { "screening", "show", open_id, NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    CU_ASSERT_TRUE(shows("Suggestion so far:"));
    CU_ASSERT_TRUE(shows("Decision:\tnot decided yet"));
    CU_ASSERT_PTR_NULL(strstr(out, "Indicators found:"));
}

static void test_show_of_an_unknown_id_is_refused(void)
{
    const char *const args[] = { "screening", "show", "no-such-screening", NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_USER);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "No such record was found."));
    CU_ASSERT_EQUAL(out[0], '\0');
    const char *const list[] = { "screening", "list", "NOSUCH-2569-9999", NULL };
    CU_ASSERT_EQUAL(run(list), EXIT_USER);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "No such record was found."));
    const char *const bad[] = { "screening", "frobnicate", NULL };
    CU_ASSERT_EQUAL(run(bad), EXIT_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "Try 'tipcase --help'."));
}

/* A new version of the instrument changes a question: the old screening
 * still reads with the words it was asked with. */
static void test_an_old_screening_keeps_its_own_questions(void)
{
    store *s = NULL;
    CU_ASSERT_FATAL(store_open(store_dir, "admin", PASS, &clk, &s) == ST_OK);
    /* Version 1's text (as shipped) with the version raised and one
     * question reworded. */
    const char *old_q = inst->indicators[fired_crime].question_en;
    static char text[1 << 20], changed[1 << 20];
    text[0] = '\0';
    for (size_t i = 0; i < builtin_instrument_count; i++)
        if (!strcmp(builtin_instruments[i].name, "border_quick"))
            snprintf(text, sizeof text, "%s", builtin_instruments[i].text);
    /* "instrument\tborder_quick\t1\t" -> version 2; the question gets "(v2)". */
    char *v = strstr(text, "instrument\tborder_quick\t1\t");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    v[strlen("instrument\tborder_quick\t")] = '2';
    char *q = strstr(text, old_q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(q);
    size_t before = (size_t)(q - text) + strlen(old_q);
    snprintf(changed, sizeof changed, "%.*s (v2)%s", (int)before, text, text + before);
    instrument_problem problem = INSTRUMENT_OK;
    size_t line = 0;
    CU_ASSERT_EQUAL(store_instrument_add(s, changed, &problem, &line), ST_OK);
    store_close(s);

    const char *const args[] = { "screening", "show", decided_id, NULL };
    CU_ASSERT_EQUAL(run(args), EXIT_OK);
    char asked[4096];
    snprintf(asked, sizeof asked, "%s (%s", old_q, inst->indicators[fired_crime].code);
    CU_ASSERT_TRUE(shows(asked));
    CU_ASSERT_PTR_NULL(strstr(out, "(v2)"));
    const char *const show2[] = { "instrument", "show", "border_quick", NULL };
    CU_ASSERT_EQUAL(run(show2), EXIT_OK);
    CU_ASSERT_TRUE(shows("(v2)"));
    CU_ASSERT_TRUE(shows("version 2"));
    const char *const show1[] = { "instrument", "show", "border_quick", "--version", "1", NULL };
    CU_ASSERT_EQUAL(run(show1), EXIT_OK);
    CU_ASSERT_PTR_NULL(strstr(out, "(v2)"));
}

static void test_show_in_thai_gives_the_thai_questions(void)
{
    if (!have_catalogue)
        return;
    CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
    const char *const args[] = { "screening", "show", decided_id, NULL };
    int rc = run(args);
    i18n_set_language("en");
    CU_ASSERT_EQUAL(rc, EXIT_OK);
    CU_ASSERT_TRUE(shows("ข้อเสนอแนะ:"));
    CU_ASSERT_TRUE(shows(inst->indicators[fired_crime].question_th));
    CU_ASSERT_TRUE(shows("21 พ.ย. 2569"));
    CU_ASSERT_PTR_NULL(strstr(out, inst->indicators[fired_crime].question_en));
}

static CU_TestInfo cli_tests[] = {
    { "screening list shows both screenings", test_list_shows_both_screenings },
    { "screening list --format tsv has codes", test_list_tsv_has_codes },
    { "screening show gives the result and its reasons", test_show_gives_the_result_and_its_reasons },
    { "fired indicators are grouped by element", test_show_groups_fired_indicators_by_element },
    { "open answers, missing sections, non-punishment note",
      test_show_lists_open_answers_missing_sections_and_the_note },
    { "the decision and its reason", test_show_gives_the_decision_and_its_reason },
    { "an undecided screening", test_show_of_an_undecided_screening },
    { "unknown ids and usage are refused", test_show_of_an_unknown_id_is_refused },
    { "an old screening keeps its own questions", test_an_old_screening_keeps_its_own_questions },
    { "in Thai, the Thai questions", test_show_in_thai_gives_the_thai_questions },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "cli screening", suite_init, suite_clean, NULL, NULL, cli_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    return harness_main("test_cli_screening", suites);
}
