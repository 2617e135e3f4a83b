/* test_screenings_db.c - instruments, screenings, identification decisions
 * and the legal clocks as the store keeps them: versions that never
 * overwrite each other, answers that survive a closed laptop, decided
 * screenings that stay as decided, deadlines listed most urgent first, and
 * refused input that leaves no trace. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "db/builtin_instruments.h"
#include "db/screenings.h"
#include "db/store.h"
#include "db/store_internal.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PASS "correct horse battery staple"
#define HOUR INT64_C(3600)
#define DAY INT64_C(86400)

/* 23:30 on 30 November in Thailand: the next day, and the next month, are
 * half an hour away. */
#define NOW_ISO "2026-11-30T16:30:00Z"

static tc_fixed_clock fixed;
static tc_clock clk;

static int64_t at(const char *iso)
{
    int64_t t = 0;
    if (!timestamp_parse_iso(iso, &t))
        abort();
    return t;
}

static int suite_init(void)
{
    clk = harness_clock(&fixed, NOW_ISO);
    return sodium_init() < 0 ? -1 : 0;
}

static int suite_clean(void) { return 0; }

/* ---- helpers ---- */

typedef harness_fixture fixture;

static fixture open_fixture(void)
{
    fixed.at = at(NOW_ISO);
    return harness_fixture_open("Officer admin", PASS, &clk);
}

static void reopen_as(fixture *f, const char *login)
{
    harness_fixture_reopen(f, login, PASS, &clk);
}

/* An officer named "Officer <login>", with the one passphrase. */
static void add_officer(fixture *f, const char *login, officer_role role)
{
    char name[64];
    snprintf(name, sizeof name, "Officer %s", login);
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(f->s, login, name, role, PASS), ST_OK);
}

static void exec_sql(store *s, const char *sql)
{
    CU_ASSERT_EQUAL(sqlite3_exec(store_db_handle(s), sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Everything a refused call might have written. */
typedef struct footprint {
    long long rows[7];
} footprint;

static footprint take_footprint(store *s)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM audit", "SELECT count(*) FROM instruments",
        "SELECT count(*) FROM screenings", "SELECT count(*) FROM screening_answers",
        "SELECT count(*) FROM identifications", "SELECT count(*) FROM case_clocks",
        "SELECT count(*) FROM settings",
    };
    footprint fp;
    for (size_t i = 0; i < COUNT(sql); i++)
        fp.rows[i] = harness_count_rows(s, sql[i]);
    return fp;
}

static bool same_footprint(footprint a, footprint b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static long long audit_rows(store *s)
{
    return harness_count_rows(s, "SELECT count(*) FROM audit");
}

static tc_case add_case(store *s, const char *latin)
{
    tc_case c;
    case_init(&c);
    snprintf(c.name_latin, sizeof c.name_latin, "%s", latin);
    c.estimated_age = 30;
    c.date_met_known = true;
    c.date_met = (caldate){ 2026, 11, 30 };
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    return c;
}

static tc_interview interview_at(int64_t held_at)
{
    tc_interview iv;
    interview_init(&iv);
    iv.held_at = held_at;
    snprintf(iv.place, sizeof iv.place, "ท่าเรือประมง มหาชัย");
    snprintf(iv.interviewers, sizeof iv.interviewers, "Somchai K.");
    snprintf(iv.language, sizeof iv.language, "my");
    iv.interpreter_used = true;
    snprintf(iv.interpreter_name, sizeof iv.interpreter_name, "Ma Thida");
    snprintf(iv.interpreter_agency, sizeof iv.interpreter_agency, "มูลนิธิเพื่อสิทธิแรงงาน");
    snprintf(iv.interpreter_language, sizeof iv.interpreter_language, "my,th");
    iv.consent_given = true;
    iv.earlier_interviews = 2;
    return iv;
}

static tc_screening start_screening(store *s, const char *case_id, const char *code, int version)
{
    tc_screening sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.case_id, sizeof sc.case_id, "%s", case_id);
    snprintf(sc.instrument_code, sizeof sc.instrument_code, "%s", code);
    sc.instrument_version = version;
    sc.interview = interview_at(at(NOW_ISO) - HOUR);
    interview_check chk;
    CU_ASSERT_EQUAL_FATAL(store_screening_start(s, &sc, &chk), ST_OK);
    CU_ASSERT_EQUAL(chk.problem, INTERVIEW_OK);
    return sc;
}

static const builtin_instrument *builtin_named(const char *name)
{
    for (size_t i = 0; i < builtin_instrument_count; i++)
        if (strcmp(builtin_instruments[i].name, name) == 0)
            return &builtin_instruments[i];
    return NULL;
}

/* The built-in text with its version line and one question changed. */
static char *border_quick_v2(const char *new_question)
{
    const builtin_instrument *b = builtin_named("border_quick");
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    instrument *v1 = NULL;
    CU_ASSERT_TRUE_FATAL(instrument_parse(b->text, b->len, &v1, NULL));
    const char *old_q = v1->indicators[0].question_en;
    const char *hdr = strstr(b->text, "instrument\tborder_quick\t1\t");
    const char *q = strstr(b->text, old_q);
    CU_ASSERT_FATAL(hdr && q && hdr < q);
    size_t cap = b->len + strlen(new_question) + 16;
    char *out = malloc(cap);
    int n = snprintf(out, cap, "%.*sinstrument\tborder_quick\t2\t%.*s%s%s",
                     (int)(hdr - b->text), b->text,
                     (int)(q - (hdr + 26)), hdr + 26, new_question, q + strlen(old_q));
    CU_ASSERT_FATAL(n > 0 && (size_t)n < cap);
    instrument_free(v1);
    return out;
}

/* ================= instruments ================= */

static void test_every_builtin_loads_from_a_fresh_store(void)
{
    fixture f = open_fixture();
    instrument_info *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_instrument_list(f.s, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, builtin_instrument_count);
    CU_ASSERT_EQUAL(builtin_instrument_count, 4);
    for (size_t i = 0; i < builtin_instrument_count; i++) {
        const builtin_instrument *b = &builtin_instruments[i];
        instrument *shipped = NULL, *stored = NULL;
        CU_ASSERT_TRUE_FATAL(instrument_parse(b->text, b->len, &shipped, NULL));
        CU_ASSERT_STRING_EQUAL(shipped->code, b->name);
        CU_ASSERT_EQUAL(store_instrument_load(f.s, b->name, 0, &stored), ST_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(stored);
        CU_ASSERT_EQUAL(stored->version, shipped->version);
        CU_ASSERT_EQUAL(stored->n_indicators, shipped->n_indicators);
        CU_ASSERT_STRING_EQUAL(stored->indicators[stored->n_indicators - 1].question_th,
                               shipped->indicators[shipped->n_indicators - 1].question_th);
        bool listed = false;
        for (size_t j = 0; j < n; j++)
            if (strcmp(list[j].code, b->name) == 0) {
                listed = true;
                CU_ASSERT_TRUE(list[j].builtin);
                CU_ASSERT_TRUE(list[j].latest);
                CU_ASSERT_EQUAL(list[j].n_indicators, shipped->n_indicators);
                CU_ASSERT_EQUAL(list[j].n_sections, shipped->n_sections);
                CU_ASSERT_STRING_EQUAL(list[j].title_th, shipped->title_th);
            }
        CU_ASSERT_TRUE(listed);
        instrument_free(shipped);
        instrument_free(stored);
    }
    /* Listed by code. */
    for (size_t j = 1; j < n; j++)
        CU_ASSERT_TRUE(strcmp(list[j - 1].code, list[j].code) < 0);
    free(list);
    instrument *none = (instrument *)&n;
    CU_ASSERT_EQUAL(store_instrument_load(f.s, "no_such", 0, &none), ST_NOT_FOUND);
    CU_ASSERT_PTR_NULL(none);
    CU_ASSERT_EQUAL(store_instrument_load(f.s, "forced_labour", 9, &none), ST_NOT_FOUND);
    /* An open of a store that has them all writes nothing. */
    long long audit = audit_rows(f.s);
    reopen_as(&f, "admin");
    CU_ASSERT_EQUAL(audit_rows(f.s), audit);
    CU_ASSERT_STRING_EQUAL(store_last_error(f.s), "");
    harness_fixture_close(&f);
}

static void test_instrument_versions(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Version Case");
    tc_screening old = start_screening(f.s, c.id, "border_quick", 0);
    CU_ASSERT_EQUAL(old.instrument_version, 1);
    CU_ASSERT_EQUAL(store_screening_answer(f.s, old.id, "bq.rec.online", ANSWER_YES, false,
                                           NULL, 1, NULL), ST_OK);
    instrument *v1 = NULL;
    CU_ASSERT_EQUAL_FATAL(store_instrument_load(f.s, "border_quick", 1, &v1), ST_OK);
    char *first_question = strdup(v1->indicators[0].question_en);

    char *v2_text = border_quick_v2("Did you find this job through an app or a website?");
    instrument_problem problem = INSTRUMENT_EMPTY;
    size_t line = 99;
    CU_ASSERT_EQUAL(store_instrument_add(f.s, v2_text, &problem, &line), ST_OK);
    CU_ASSERT_EQUAL(problem, INSTRUMENT_OK);

    /* The latest is v2; the old screening still reads v1's questions. */
    instrument *latest = NULL, *again = NULL;
    CU_ASSERT_EQUAL_FATAL(store_instrument_load(f.s, "border_quick", 0, &latest), ST_OK);
    CU_ASSERT_EQUAL(latest->version, 2);
    CU_ASSERT_STRING_EQUAL(latest->indicators[0].question_en,
                           "Did you find this job through an app or a website?");
    tc_screening got;
    CU_ASSERT_EQUAL(store_screening_get(f.s, old.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.instrument_version, 1);
    CU_ASSERT_EQUAL_FATAL(store_instrument_load(f.s, got.instrument_code, got.instrument_version,
                                                &again), ST_OK);
    CU_ASSERT_STRING_EQUAL(again->indicators[0].question_en, first_question);
    screening_answers answers;
    CU_ASSERT_EQUAL(store_screening_answers(f.s, old.id, again, &answers), ST_OK);
    long online = instrument_find_indicator(again, "bq.rec.online");
    CU_ASSERT_FATAL(online >= 0);
    CU_ASSERT_EQUAL(answers.items[online].value, ANSWER_YES);
    screening_answers_free(&answers);
    /* Answers are never read against another version. */
    CU_ASSERT_EQUAL(store_screening_answers(f.s, old.id, latest, &answers), ST_INVALID);
    /* A new screening takes the latest. */
    tc_screening fresh = start_screening(f.s, c.id, "border_quick", 0);
    CU_ASSERT_EQUAL(fresh.instrument_version, 2);

    /* The same text again is fine and writes nothing; other text under the
     * same version is refused and writes nothing. */
    footprint before = take_footprint(f.s);
    CU_ASSERT_EQUAL(store_instrument_add(f.s, v2_text, NULL, NULL), ST_OK);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    char *other = border_quick_v2("Was the job offered online?");
    CU_ASSERT_EQUAL(store_instrument_add(f.s, other, &problem, &line), ST_DUPLICATE);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));

    instrument_info *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(store_instrument_list(f.s, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, builtin_instrument_count + 1);
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].code, "border_quick") == 0) {
            CU_ASSERT_EQUAL(list[i].latest, list[i].version == 2);
            CU_ASSERT_EQUAL(list[i].builtin, list[i].version == 1);
            if (list[i].version == 1)   /* by version within a code */
                CU_ASSERT_EQUAL(list[i + 1].version, 2);
        }
    free(list);
    free(other);
    free(v2_text);
    free(first_question);
    instrument_free(v1);
    instrument_free(latest);
    instrument_free(again);
    harness_fixture_close(&f);
}

static void test_instrument_add_refusals(void)
{
    fixture f = open_fixture();
    footprint before = take_footprint(f.s);
    instrument_problem problem = INSTRUMENT_OK;
    size_t line = 0;
    const char *bad = "instrument\tdemo\t1\tDemo\tตัวอย่าง\n"
                      "section\ts1\tFirst\tหมวดแรก\n"
                      "indicator\tx\tact\tvery\t-\tQ?\tคำถาม\t\t\n";
    CU_ASSERT_EQUAL(store_instrument_add(f.s, bad, &problem, &line), ST_INVALID);
    CU_ASSERT_EQUAL(problem, INSTRUMENT_UNKNOWN_STRENGTH);
    CU_ASSERT_EQUAL(line, 3);
    CU_ASSERT_EQUAL(store_instrument_add(f.s, "", &problem, &line), ST_INVALID);
    CU_ASSERT_EQUAL(problem, INSTRUMENT_EMPTY);
    CU_ASSERT_EQUAL(store_instrument_add(f.s, NULL, &problem, NULL), ST_INVALID);
    /* A title longer than the list can hold is refused at its line. */
    char *long_title = malloc(2 * INSTRUMENT_TITLE_MAX);
    memset(long_title, 'T', INSTRUMENT_TITLE_MAX + 1);
    long_title[INSTRUMENT_TITLE_MAX + 1] = '\0';
    char *text = NULL;
    CU_ASSERT_FATAL(asprintf(&text, "# c\ninstrument\tdemo\t1\t%s\tตัวอย่าง\nsection\ts\tS\tหมวด\n"
                                    "indicator\tx\tact\tweak\t-\tQ?\tคำถาม\t\t\n", long_title) > 0);
    CU_ASSERT_EQUAL(store_instrument_add(f.s, text, &problem, &line), ST_INVALID);
    CU_ASSERT_EQUAL(problem, INSTRUMENT_TEXT_TOO_LONG);
    CU_ASSERT_EQUAL(line, 2);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    /* Only an administrator adds instruments. */
    add_officer(&f, "sup", ROLE_SUPERVISOR);
    reopen_as(&f, "sup");
    before = take_footprint(f.s);
    char *v2 = border_quick_v2("Changed?");
    CU_ASSERT_EQUAL(store_instrument_add(f.s, v2, &problem, &line), ST_DENIED);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    free(v2);
    free(text);
    free(long_title);
    harness_fixture_close(&f);
}

/* A newer tipcase ships a version the store lacks: it is added at open.
 * A stored version whose text differs from the shipped one is kept. */
static void test_builtins_synced_at_open(void)
{
    fixture f = open_fixture();
    exec_sql(f.s, "DELETE FROM instruments WHERE code = 'child'");
    exec_sql(f.s, "UPDATE instruments SET source = source || '# local edit' || char(10),"
                  " hash = zeroblob(32) WHERE code = 'border_quick'");
    long long audit = audit_rows(f.s);
    reopen_as(&f, "admin");
    instrument *child = NULL;
    CU_ASSERT_EQUAL(store_instrument_load(f.s, "child", 1, &child), ST_OK);
    instrument_free(child);
    CU_ASSERT_EQUAL(audit_rows(f.s), audit + 1);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM audit"
                                            " WHERE action = 'instrument.builtin'"), 1);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM instruments WHERE code = 'child'"
                                            " AND created_by IS NOT NULL"), 1);
    /* Not overwritten, and said so. */
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM instruments"
                                            " WHERE code = 'border_quick'"
                                            " AND source LIKE '%# local edit%'"), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(store_last_error(f.s), "border_quick"));
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(f.s, &r), ST_OK);
    harness_fixture_close(&f);
}

/* ================= screenings ================= */

static void test_answers_survive_reopen(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Resume Case");
    tc_screening sc = start_screening(f.s, c.id, "forced_labour", 0);
    CU_ASSERT_NOT_EQUAL(sc.id[0], '\0');
    CU_ASSERT_EQUAL(sc.instrument_version, 1);
    CU_ASSERT_EQUAL(sc.created_at, at(NOW_ISO));
    CU_ASSERT_STRING_EQUAL(sc.created_by, store_me(f.s)->id);
    instrument *inst = NULL;
    CU_ASSERT_EQUAL_FATAL(store_instrument_load(f.s, "forced_labour", 1, &inst), ST_OK);
    const char *q0 = inst->indicators[0].code, *q1 = inst->indicators[1].code,
               *q2 = inst->indicators[2].code;
    CU_ASSERT_EQUAL(store_screening_answer(f.s, sc.id, q0, ANSWER_YES, true,
                                           "บัตรชมพูอยู่กับนายจ้าง\nseen", 1, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_screening_answer(f.s, sc.id, q1, ANSWER_DECLINED, false, "", 2, NULL),
                    ST_OK);
    CU_ASSERT_EQUAL(store_screening_answer(f.s, sc.id, q2, ANSWER_NO, false, NULL, 3, NULL), ST_OK);
    /* Answering again replaces the answer. */
    CU_ASSERT_EQUAL(store_screening_answer(f.s, sc.id, q2, ANSWER_UNKNOWN, false, "not sure", 3,
                                           NULL), ST_OK);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM audit"
                                            " WHERE action = 'screening.answer'"), 4);

    reopen_as(&f, "admin");
    tc_screening got;
    CU_ASSERT_EQUAL_FATAL(store_screening_get(f.s, sc.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.position, 3);
    CU_ASSERT_EQUAL(got.answered, 3);
    CU_ASSERT_FALSE(got.decided);
    CU_ASSERT_STRING_EQUAL(got.case_id, c.id);
    CU_ASSERT_STRING_EQUAL(got.interview.place, "ท่าเรือประมง มหาชัย");
    CU_ASSERT_STRING_EQUAL(got.interview.interpreter_agency, "มูลนิธิเพื่อสิทธิแรงงาน");
    CU_ASSERT_STRING_EQUAL(got.interview.interpreter_language, "my,th");
    CU_ASSERT_EQUAL(got.interview.held_at, at(NOW_ISO) - HOUR);
    CU_ASSERT_EQUAL(got.interview.earlier_interviews, 2);
    CU_ASSERT_TRUE(got.interview.consent_given && got.interview.interpreter_used);
    screening_answers a;
    CU_ASSERT_EQUAL_FATAL(store_screening_answers(f.s, sc.id, inst, &a), ST_OK);
    CU_ASSERT_EQUAL(a.count, inst->n_indicators);
    CU_ASSERT_EQUAL(a.items[0].value, ANSWER_YES);
    CU_ASSERT_TRUE(a.items[0].evidence_seen);
    CU_ASSERT_STRING_EQUAL(a.items[0].note, "บัตรชมพูอยู่กับนายจ้าง\nseen");
    CU_ASSERT_EQUAL(a.items[1].value, ANSWER_DECLINED);
    CU_ASSERT_PTR_NULL(a.items[1].note);
    CU_ASSERT_EQUAL(a.items[2].value, ANSWER_UNKNOWN);
    CU_ASSERT_STRING_EQUAL(a.items[2].note, "not sure");
    CU_ASSERT_EQUAL(a.items[3].value, ANSWER_NONE);
    screening_answers_free(&a);

    /* ANSWER_NONE clears value, evidence and note. */
    CU_ASSERT_EQUAL(store_screening_answer(f.s, sc.id, q0, ANSWER_NONE, true, "x", 0, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_screening_get(f.s, sc.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.answered, 2);
    CU_ASSERT_EQUAL(got.position, 0);
    CU_ASSERT_EQUAL_FATAL(store_screening_answers(f.s, sc.id, inst, &a), ST_OK);
    CU_ASSERT_EQUAL(a.items[0].value, ANSWER_NONE);
    CU_ASSERT_FALSE(a.items[0].evidence_seen);
    CU_ASSERT_PTR_NULL(a.items[0].note);
    screening_answers_free(&a);
    /* Moving the resume position only. */
    CU_ASSERT_EQUAL(store_screening_set_position(f.s, sc.id, 17), ST_OK);
    reopen_as(&f, "admin");
    CU_ASSERT_EQUAL(store_screening_get(f.s, sc.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.position, 17);
    CU_ASSERT_EQUAL(store_screening_set_position(f.s, sc.id, inst->n_indicators), ST_OK);
    instrument_free(inst);
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(f.s, &r), ST_OK);
    harness_fixture_close(&f);
}

static void test_bad_answers_change_nothing(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Refusal Case");
    tc_screening sc = start_screening(f.s, c.id, "border_quick", 0);
    char long_note[SCREENING_NOTE_MAX + 2];
    memset(long_note, 'n', sizeof long_note - 1);
    long_note[sizeof long_note - 1] = '\0';
    static const struct {
        const char *code;
        int value;
        const char *note;
        size_t position;
        store_status want;
        answer_note_problem problem;
    } cases[] = {
        { "bq.no_such_question", ANSWER_YES, NULL, 1, ST_INVALID, NOTE_UNKNOWN_CODE },
        { NULL, ANSWER_YES, NULL, 1, ST_INVALID, NOTE_UNKNOWN_CODE },
        { "bq.rec.online", ANSWER_COUNT, NULL, 1, ST_INVALID, NOTE_UNKNOWN_CODE },
        { "bq.rec.online", -1, NULL, 1, ST_INVALID, NOTE_UNKNOWN_CODE },
        { "bq.rec.online", ANSWER_YES, "a\x1b[2Jb", 1, ST_INVALID, NOTE_BAD_TEXT },
        { "bq.rec.online", ANSWER_YES, "\xff\xfe", 1, ST_INVALID, NOTE_BAD_TEXT },
        { "bq.rec.online", ANSWER_YES, NULL, 10000, ST_INVALID, NOTE_OK },
        { "bq.rec.online", ANSWER_YES, "long", 1, ST_INVALID, NOTE_TOO_LONG },
    };
    footprint before = take_footprint(f.s);
    for (size_t i = 0; i < COUNT(cases); i++) {
        answer_note_problem p = NOTE_NO_MEMORY;
        const char *note = cases[i].problem == NOTE_TOO_LONG ? long_note : cases[i].note;
        store_status st = store_screening_answer(f.s, sc.id, cases[i].code,
                                                 (answer_value)cases[i].value, false, note,
                                                 cases[i].position, &p);
        CU_ASSERT_EQUAL(st, cases[i].want);
        CU_ASSERT_EQUAL(p, cases[i].problem);
        if (st != cases[i].want || p != cases[i].problem)
            printf("\n  answer case %zu: got %d/%d\n", i, st, p);
    }
    CU_ASSERT_EQUAL(store_screening_answer(f.s, "no-such-screening", "bq.rec.online",
                                           ANSWER_YES, false, NULL, 0, NULL), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_screening_set_position(f.s, sc.id, 10000), ST_INVALID);
    CU_ASSERT_EQUAL(store_screening_set_position(f.s, "nope", 0), ST_NOT_FOUND);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    tc_screening got;
    CU_ASSERT_EQUAL(store_screening_get(f.s, sc.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.position, 0);
    CU_ASSERT_EQUAL(got.updated_at, sc.updated_at);
    harness_fixture_close(&f);
}

static void test_start_refusals(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Start Case");
    footprint before = take_footprint(f.s);
    tc_screening sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.case_id, sizeof sc.case_id, "%s", c.id);
    snprintf(sc.instrument_code, sizeof sc.instrument_code, "child");
    sc.interview = interview_at(at(NOW_ISO) - HOUR);
    interview_check chk;

    sc.interview.consent_given = false;
    CU_ASSERT_EQUAL(store_screening_start(f.s, &sc, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, INTERVIEW_NO_CONSENT);
    sc.interview.consent_given = true;
    /* A future interview, past the store clock's now (across midnight). */
    sc.interview.held_at = at("2026-11-30T17:05:00Z");
    CU_ASSERT_EQUAL(store_screening_start(f.s, &sc, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, INTERVIEW_TIME_FUTURE);
    sc.interview.held_at = at(NOW_ISO) - HOUR;
    /* A child is not interviewed alone. */
    sc.child = true;
    CU_ASSERT_EQUAL(store_screening_start(f.s, &sc, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, INTERVIEW_CHILD_ALONE);
    CU_ASSERT_STRING_EQUAL(chk.field, "guardian");
    sc.interview.guardian_present = PRESENCE_YES;
    /* Unknown case, instrument, version. */
    tc_screening bad = sc;
    snprintf(bad.case_id, sizeof bad.case_id, "not-a-case");
    CU_ASSERT_EQUAL(store_screening_start(f.s, &bad, NULL), ST_NOT_FOUND);
    bad = sc;
    snprintf(bad.instrument_code, sizeof bad.instrument_code, "no_such");
    CU_ASSERT_EQUAL(store_screening_start(f.s, &bad, NULL), ST_NOT_FOUND);
    bad = sc;
    bad.instrument_version = 7;
    CU_ASSERT_EQUAL(store_screening_start(f.s, &bad, NULL), ST_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(bad.id, "");
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    /* With the guardian present it starts, as a child's screening. */
    CU_ASSERT_EQUAL(store_screening_start(f.s, &sc, &chk), ST_OK);
    tc_screening got;
    CU_ASSERT_EQUAL(store_screening_get(f.s, sc.id, &got), ST_OK);
    CU_ASSERT_TRUE(got.child);
    CU_ASSERT_EQUAL(got.interview.guardian_present, PRESENCE_YES);
    CU_ASSERT_EQUAL(audit_rows(f.s), before.rows[0] + 1);
    harness_fixture_close(&f);
}

/* Answer every applicable question of inst "no", then the given codes. */
static void answer_all_no_except(store *s, const tc_screening *sc, const instrument *inst,
                                 const char *const *yes, size_t n_yes)
{
    for (size_t i = 0; i < inst->n_indicators; i++) {
        const char *code = inst->indicators[i].code;
        answer_value v = ANSWER_NO;
        for (size_t j = 0; j < n_yes; j++)
            if (strcmp(code, yes[j]) == 0)
                v = ANSWER_YES;
        CU_ASSERT_EQUAL(store_screening_answer(s, sc->id, code, v, false, NULL, i + 1, NULL),
                        ST_OK);
    }
}

static void test_decide(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Decision Case");
    tc_screening sc = start_screening(f.s, c.id, "forced_labour", 0);
    instrument *inst = NULL;
    CU_ASSERT_EQUAL_FATAL(store_instrument_load(f.s, "forced_labour", 0, &inst), ST_OK);
    /* Answers that suggest reasonable grounds: one strong forced-labour
     * indicator suffices (route b). */
    const char *strong = NULL;
    for (size_t i = 0; i < inst->n_indicators && !strong; i++)
        if (inst->indicators[i].element == ELEMENT_FORCED_LABOUR
            && inst->indicators[i].strength == STRENGTH_STRONG
            && !(inst->indicators[i].flags & (INDICATOR_CHILD_ONLY | INDICATOR_PROCEDURE)))
            strong = inst->indicators[i].code;
    CU_ASSERT_PTR_NOT_NULL_FATAL(strong);
    answer_all_no_except(f.s, &sc, inst, &strong, 1);

    /* "Continue later" needs a reason here, and then writes nothing. */
    footprint before = take_footprint(f.s);
    decision_problem dp = DECISION_OK;
    screening_result result;
    CU_ASSERT_EQUAL(store_screening_decide(f.s, sc.id, DECISION_CONTINUE_LATER, "", &dp, &result),
                    ST_INVALID);
    CU_ASSERT_EQUAL(dp, DECISION_REASON_REQUIRED);
    CU_ASSERT_EQUAL(result.suggestion, SUGGEST_REASONABLE_GROUNDS);
    CU_ASSERT_EQUAL(store_screening_decide(f.s, sc.id, DECISION_CONTINUE_LATER,
                                           "The person was tired.", &dp, NULL), ST_OK);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    /* A differing decision without a reason: refused, nothing written. */
    CU_ASSERT_EQUAL(store_screening_decide(f.s, sc.id, DECISION_NO_REFERRAL, "  \n ", &dp, NULL),
                    ST_INVALID);
    CU_ASSERT_EQUAL(dp, DECISION_REASON_REQUIRED);
    CU_ASSERT_EQUAL(store_screening_decide(f.s, sc.id, DECISION_NO_REFERRAL, "bad\x07", &dp, NULL),
                    ST_INVALID);
    CU_ASSERT_EQUAL(dp, DECISION_REASON_BAD_TEXT);
    CU_ASSERT_EQUAL(store_screening_decide(f.s, "no-such", DECISION_REFER_MDT, NULL, &dp, NULL),
                    ST_NOT_FOUND);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    tc_screening got;
    CU_ASSERT_EQUAL(store_screening_get(f.s, sc.id, &got), ST_OK);
    CU_ASSERT_FALSE(got.decided);

    /* With the reason it is recorded next to the suggestion. */
    fixed.at += 120;
    CU_ASSERT_EQUAL(store_screening_decide(f.s, sc.id, DECISION_REFER_LABOUR,
                                           "The team knows the employer; labour office first.",
                                           &dp, &result), ST_OK);
    CU_ASSERT_EQUAL(dp, DECISION_OK);
    CU_ASSERT_EQUAL(audit_rows(f.s), before.rows[0] + 1);
    CU_ASSERT_EQUAL(store_screening_get(f.s, sc.id, &got), ST_OK);
    CU_ASSERT_TRUE(got.decided);
    CU_ASSERT_EQUAL(got.suggestion, SUGGEST_REASONABLE_GROUNDS);
    CU_ASSERT_EQUAL(got.decision, DECISION_REFER_LABOUR);
    CU_ASSERT_STRING_EQUAL(got.decision_reason, "The team knows the employer; labour office first.");
    CU_ASSERT_EQUAL(got.decided_at, at(NOW_ISO) + 120);
    CU_ASSERT_STRING_EQUAL(got.decided_by, store_me(f.s)->id);

    /* A decided screening is a record: no more answers or decisions. */
    before = take_footprint(f.s);
    CU_ASSERT_EQUAL(store_screening_answer(f.s, sc.id, strong, ANSWER_NO, false, NULL, 0, NULL),
                    ST_DENIED);
    CU_ASSERT_EQUAL(store_screening_set_position(f.s, sc.id, 0), ST_DENIED);
    CU_ASSERT_EQUAL(store_screening_decide(f.s, sc.id, DECISION_REFER_MDT, NULL, &dp, NULL),
                    ST_DENIED);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));

    /* Following the suggestion needs no reason. */
    tc_screening second = start_screening(f.s, c.id, "forced_labour", 0);
    answer_all_no_except(f.s, &second, inst, &strong, 1);
    CU_ASSERT_EQUAL(store_screening_decide(f.s, second.id, DECISION_REFER_MDT, NULL, &dp, NULL),
                    ST_OK);
    instrument_free(inst);
    harness_fixture_close(&f);
}

static void test_screening_list(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "List Case");
    tc_case other = add_case(f.s, "Other Case");
    tc_screening older = start_screening(f.s, c.id, "child", 0);
    tc_screening newer;
    memset(&newer, 0, sizeof newer);
    snprintf(newer.case_id, sizeof newer.case_id, "%s", c.id);
    snprintf(newer.instrument_code, sizeof newer.instrument_code, "border_quick");
    newer.interview = interview_at(at(NOW_ISO) - 60);
    CU_ASSERT_EQUAL_FATAL(store_screening_start(f.s, &newer, NULL), ST_OK);
    start_screening(f.s, other.id, "child", 0);
    CU_ASSERT_EQUAL(store_screening_answer(f.s, older.id, "ch.age.document", ANSWER_YES, false,
                                           NULL, 1, NULL), ST_OK);
    screening_row *rows = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_screening_list(f.s, c.id, &rows, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(rows[0].id, newer.id);
    CU_ASSERT_STRING_EQUAL(rows[0].instrument_code, "border_quick");
    CU_ASSERT_EQUAL(rows[0].total, 22);
    CU_ASSERT_EQUAL(rows[0].answered, 0);
    CU_ASSERT_EQUAL(rows[0].held_at, at(NOW_ISO) - 60);
    CU_ASSERT_STRING_EQUAL(rows[1].id, older.id);
    CU_ASSERT_EQUAL(rows[1].total, 23);
    CU_ASSERT_EQUAL(rows[1].answered, 1);
    CU_ASSERT_FALSE(rows[1].decided);
    free(rows);
    CU_ASSERT_EQUAL(store_screening_list(f.s, "no-such-case", &rows, &n), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(n, 0);
    harness_fixture_close(&f);
}

/* ================= identification ================= */

static tc_identification decision_for(const char *case_id, ident_outcome o)
{
    tc_identification d;
    identification_init(&d);
    snprintf(d.case_id, sizeof d.case_id, "%s", case_id);
    d.outcome = o;
    d.body = IDENT_BODY_POLICE;
    snprintf(d.body_name, sizeof d.body_name, "สถานีตำรวจภูธรเมืองสมุทรสาคร");
    if (o != IDENT_PENDING) {
        d.decided_known = true;
        d.decided_on = (caldate){ 2026, 11, 30 };
        snprintf(d.reasons, sizeof d.reasons, "Documents kept; debt cannot be repaid.");
    }
    return d;
}

static void test_identification_stops_the_clock(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Ident Case");
    int64_t met = at(NOW_ISO) - 5 * HOUR;
    CU_ASSERT_EQUAL(store_case_clocks_start(f.s, c.id, met), ST_OK);
    tc_identification none;
    CU_ASSERT_EQUAL(store_identification_latest(f.s, c.id, &none), ST_NOT_FOUND);

    tc_identification pending = decision_for(c.id, IDENT_PENDING);
    ident_check chk;
    CU_ASSERT_EQUAL(store_identification_add(f.s, &pending, &chk), ST_OK);
    case_clocks clocks;
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, c.id, &clocks), ST_OK);
    CU_ASSERT_FALSE(clocks.stopped[CLOCK_IDENTIFICATION]);

    /* Refused: nothing written, the clock still runs. */
    footprint before = take_footprint(f.s);
    tc_identification bad = decision_for(c.id, IDENT_VICTIM_TRAFFICKING);
    bad.decided_on = (caldate){ 2026, 12, 1 };      /* tomorrow in Thailand */
    CU_ASSERT_EQUAL(store_identification_add(f.s, &bad, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, IDENT_DATE_FUTURE);
    bad = decision_for(c.id, IDENT_VICTIM_TRAFFICKING);
    bad.other = IDENT_OTHER_SMUGGLING;
    CU_ASSERT_EQUAL(store_identification_add(f.s, &bad, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, IDENT_OTHER_NOT_ALLOWED);
    bad = decision_for("not-a-case", IDENT_VICTIM_TRAFFICKING);
    CU_ASSERT_EQUAL(store_identification_add(f.s, &bad, &chk), ST_NOT_FOUND);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));

    fixed.at += 60;
    tc_identification victim = decision_for(c.id, IDENT_VICTIM_FORCED_LABOUR);
    CU_ASSERT_EQUAL(store_identification_add(f.s, &victim, &chk), ST_OK);
    CU_ASSERT_NOT_EQUAL(victim.id[0], '\0');
    CU_ASSERT_STRING_EQUAL(victim.created_by, store_me(f.s)->id);
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, c.id, &clocks), ST_OK);
    CU_ASSERT_TRUE(clocks.stopped[CLOCK_IDENTIFICATION]);
    CU_ASSERT_EQUAL(clocks.stopped_at[CLOCK_IDENTIFICATION], at(NOW_ISO) + 60);
    CU_ASSERT_FALSE(clocks.stopped[CLOCK_SHELTER]);
    /* One decision row, one audit row for it, one for the clock. */
    CU_ASSERT_EQUAL(audit_rows(f.s), before.rows[0] + 2);

    /* A later decision is history on top; the clock keeps its first stop. */
    fixed.at += 60;
    tc_identification later = decision_for(c.id, IDENT_NOT_IDENTIFIED);
    later.other = IDENT_OTHER_ILLEGAL_ENTRY;
    CU_ASSERT_EQUAL(store_identification_add(f.s, &later, &chk), ST_OK);
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, c.id, &clocks), ST_OK);
    CU_ASSERT_EQUAL(clocks.stopped_at[CLOCK_IDENTIFICATION], at(NOW_ISO) + 60);
    tc_identification *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_identification_list(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(list[0].id, later.id);
    CU_ASSERT_EQUAL(list[0].other, IDENT_OTHER_ILLEGAL_ENTRY);
    CU_ASSERT_STRING_EQUAL(list[1].id, victim.id);
    CU_ASSERT_EQUAL(list[1].outcome, IDENT_VICTIM_FORCED_LABOUR);
    CU_ASSERT_TRUE(list[1].decided_known);
    CU_ASSERT_EQUAL(list[1].decided_on.day, 30);
    CU_ASSERT_STRING_EQUAL(list[1].reasons, "Documents kept; debt cannot be repaid.");
    CU_ASSERT_STRING_EQUAL(list[1].body_name, "สถานีตำรวจภูธรเมืองสมุทรสาคร");
    CU_ASSERT_STRING_EQUAL(list[2].id, pending.id);
    CU_ASSERT_FALSE(list[2].decided_known);
    free(list);
    tc_identification latest;
    CU_ASSERT_EQUAL(store_identification_latest(f.s, c.id, &latest), ST_OK);
    CU_ASSERT_STRING_EQUAL(latest.id, later.id);
    /* A decision for a case whose clocks never started stops nothing. */
    tc_case quiet = add_case(f.s, "No Clock Case");
    tc_identification d = decision_for(quiet.id, IDENT_VICTIM_TRAFFICKING);
    CU_ASSERT_EQUAL(store_identification_add(f.s, &d, &chk), ST_OK);
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, quiet.id, &clocks), ST_NOT_FOUND);
    harness_fixture_close(&f);
}

/* ================= clocks ================= */

static void test_court_extension_through_the_store(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Court Case");
    case_clocks clocks;
    clock_problem p = CLOCK_OK;
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, c.id, &clocks), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_case_clocks_extend(f.s, c.id, at(NOW_ISO) + DAY, "ค.1/2569", &p),
                    ST_NOT_FOUND);
    footprint before = take_footprint(f.s);
    CU_ASSERT_EQUAL(store_case_clocks_start(f.s, c.id, at(NOW_ISO) + 2 * HOUR), ST_INVALID);
    CU_ASSERT_EQUAL(store_case_clocks_start(f.s, c.id, 0), ST_INVALID);
    CU_ASSERT_EQUAL(store_case_clocks_start(f.s, "no-case", at(NOW_ISO)), ST_NOT_FOUND);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));

    int64_t met = at("2026-11-30T02:00:00Z");
    CU_ASSERT_EQUAL(store_case_clocks_start(f.s, c.id, met), ST_OK);
    before = take_footprint(f.s);
    static const struct {
        int64_t until;
        const char *ref;
        clock_problem want;
    } refusals[] = {
        { 3 * DAY, "", CLOCK_COURT_REF_MISSING },
        { 3 * DAY, NULL, CLOCK_COURT_REF_MISSING },
        { 3 * DAY, "ref\x1b", CLOCK_COURT_REF_BAD_TEXT },
        { 24 * HOUR, "ค.1/2569", CLOCK_EXTENSION_NOT_LATER },
        { 7 * DAY + 1, "ค.1/2569", CLOCK_EXTENSION_TOO_LONG },
    };
    for (size_t i = 0; i < COUNT(refusals); i++) {
        CU_ASSERT_EQUAL(store_case_clocks_extend(f.s, c.id, met + refusals[i].until,
                                                 refusals[i].ref, &p), ST_INVALID);
        CU_ASSERT_EQUAL(p, refusals[i].want);
    }
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    CU_ASSERT_EQUAL(store_case_clocks_extend(f.s, c.id, met + 7 * DAY, "ศาลจังหวัดสมุทรสาคร ค.1/2569",
                                             &p), ST_OK);
    CU_ASSERT_EQUAL(p, CLOCK_OK);
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, c.id, &clocks), ST_OK);
    CU_ASSERT_TRUE(clocks.extended);
    CU_ASSERT_EQUAL(clocks.extended_until, met + 7 * DAY);
    CU_ASSERT_STRING_EQUAL(clocks.court_ref, "ศาลจังหวัดสมุทรสาคร ค.1/2569");
    CU_ASSERT_EQUAL(clocks.met_at, met);

    /* Correcting met_at keeps the order only while it still fits. */
    before = take_footprint(f.s);
    CU_ASSERT_EQUAL(store_case_clocks_start(f.s, c.id, met - HOUR), ST_INVALID);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    CU_ASSERT_EQUAL(store_case_clocks_start(f.s, c.id, met + HOUR), ST_OK);
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, c.id, &clocks), ST_OK);
    CU_ASSERT_EQUAL(clocks.met_at, met + HOUR);
    CU_ASSERT_TRUE(clocks.extended);

    /* Stopping: not before the person was met, not in the future; twice
     * keeps the first time. */
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, c.id, CLOCK_SHELTER, met), ST_INVALID);
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, c.id, CLOCK_SHELTER, at(NOW_ISO) + HOUR),
                    ST_INVALID);
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, c.id, (clock_kind)7, at(NOW_ISO)), ST_INVALID);
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, "no-case", CLOCK_SHELTER, at(NOW_ISO)),
                    ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, c.id, CLOCK_SHELTER, at(NOW_ISO) - HOUR), ST_OK);
    long long audit = audit_rows(f.s);
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, c.id, CLOCK_SHELTER, at(NOW_ISO)), ST_OK);
    CU_ASSERT_EQUAL(audit_rows(f.s), audit);
    CU_ASSERT_EQUAL(store_case_clocks_get(f.s, c.id, &clocks), ST_OK);
    CU_ASSERT_TRUE(clocks.stopped[CLOCK_SHELTER]);
    CU_ASSERT_EQUAL(clocks.stopped_at[CLOCK_SHELTER], at(NOW_ISO) - HOUR);
    CU_ASSERT_FALSE(clocks.stopped[CLOCK_REFLECTION]);
    harness_fixture_close(&f);
}

static void start_clocks(store *s, const char *name, const char *met_iso, tc_case *out)
{
    *out = add_case(s, name);
    CU_ASSERT_EQUAL_FATAL(store_case_clocks_start(s, out->id, at(met_iso)), ST_OK);
}

static void test_deadlines_due_order_and_window(void)
{
    fixture f = open_fixture();
    tc_case a, b, c, d, e;
    /* Identification due 17:00 Thai time on 1 December: within the day,
     * past midnight and the month's end. */
    start_clocks(f.s, "Aung A", "2026-11-30T10:00:00Z", &a);
    /* Shelter (15 days) runs out in half an hour; identification passed. */
    start_clocks(f.s, "Bo B", "2026-11-15T17:00:00Z", &b);
    /* Reflection (45 days) runs out 03:00 on 1 December in Thailand;
     * identification and shelter passed long ago. */
    start_clocks(f.s, "Chan C", "2026-10-16T20:00:00Z", &c);
    /* Identification stopped by a decision: not listed. */
    start_clocks(f.s, "Dara D", "2026-11-30T12:00:00Z", &d);
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, d.id, CLOCK_IDENTIFICATION, at(NOW_ISO)), ST_OK);
    /* Extended by a court until 3 December: not due yet, though its first
     * 24 hours have passed. */
    start_clocks(f.s, "Ei E", "2026-11-29T10:00:00Z", &e);
    clock_problem p;
    CU_ASSERT_EQUAL(store_case_clocks_extend(f.s, e.id, at("2026-12-03T00:00:00Z"), "ค.9/2569", &p),
                    ST_OK);
    add_case(f.s, "No Clocks");

    deadline_row *rows = NULL;
    size_t n = 0;
    int64_t now = at(NOW_ISO);
    CU_ASSERT_EQUAL_FATAL(store_deadlines_due(f.s, now, &rows, &n), ST_OK);
    static const struct { int who; clock_kind kind; const char *due; deadline_state st; } want[] = {
        { 2, CLOCK_IDENTIFICATION, "2026-10-17T20:00:00Z", DEADLINE_PASSED },
        { 2, CLOCK_SHELTER, "2026-10-31T20:00:00Z", DEADLINE_PASSED },
        { 1, CLOCK_IDENTIFICATION, "2026-11-16T17:00:00Z", DEADLINE_PASSED },
        { 1, CLOCK_SHELTER, "2026-11-30T17:00:00Z", DEADLINE_DUE_SOON },
        { 2, CLOCK_REFLECTION, "2026-11-30T20:00:00Z", DEADLINE_DUE_SOON },
        { 0, CLOCK_IDENTIFICATION, "2026-12-01T10:00:00Z", DEADLINE_DUE_SOON },
    };
    const tc_case *who[] = { &a, &b, &c };
    CU_ASSERT_EQUAL_FATAL(n, COUNT(want));
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_STRING_EQUAL(rows[i].case_id, who[want[i].who]->id);
        CU_ASSERT_STRING_EQUAL(rows[i].reference, who[want[i].who]->reference);
        CU_ASSERT_STRING_EQUAL(rows[i].name, who[want[i].who]->name_latin);
        CU_ASSERT_EQUAL(rows[i].kind, want[i].kind);
        CU_ASSERT_EQUAL(rows[i].due, at(want[i].due));
        CU_ASSERT_EQUAL(rows[i].state, want[i].st);
    }
    free(rows);

    /* The window's edge: a deadline exactly due_soon_hours away is in it,
     * a second later is not. */
    CU_ASSERT_EQUAL(store_deadlines_due(f.s, at("2026-11-30T10:00:00Z"), &rows, &n), ST_OK);
    size_t edge = n;
    free(rows);
    CU_ASSERT_EQUAL(store_deadlines_due(f.s, at("2026-11-30T09:59:59Z"), &rows, &n), ST_OK);
    CU_ASSERT_EQUAL(n + 1, edge);
    free(rows);
    /* Three days on: the court's order has run out too. */
    CU_ASSERT_EQUAL(store_deadlines_due(f.s, at("2026-12-03T00:00:00Z"), &rows, &n), ST_OK);
    bool extended_listed = false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].case_id, e.id) == 0 && rows[i].kind == CLOCK_IDENTIFICATION) {
            extended_listed = true;
            CU_ASSERT_EQUAL(rows[i].state, DEADLINE_PASSED);
        }
    CU_ASSERT_TRUE(extended_listed);
    free(rows);

    /* Shorter settings move every deadline. */
    clock_settings cs;
    clock_settings_defaults(&cs);
    cs.due_soon_hours = 1;
    CU_ASSERT_EQUAL(store_clock_settings_set(f.s, &cs, &p), ST_OK);
    CU_ASSERT_EQUAL(store_deadlines_due(f.s, now, &rows, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 4);      /* the three passed and the shelter in half an hour */
    free(rows);
    harness_fixture_close(&f);
}

static void test_clock_settings(void)
{
    fixture f = open_fixture();
    clock_settings got, def;
    clock_settings_defaults(&def);
    CU_ASSERT_EQUAL(store_clock_settings(f.s, &got), ST_OK);
    CU_ASSERT_EQUAL(memcmp(&got, &def, sizeof got), 0);

    clock_settings set = { 48, 240, 20, 60, 12 };
    clock_problem p = CLOCK_SETTING_OUT_OF_RANGE;
    CU_ASSERT_EQUAL(store_clock_settings_set(f.s, &set, &p), ST_OK);
    CU_ASSERT_EQUAL(p, CLOCK_OK);
    reopen_as(&f, "admin");
    CU_ASSERT_EQUAL(store_clock_settings(f.s, &got), ST_OK);
    CU_ASSERT_EQUAL(memcmp(&got, &set, sizeof got), 0);
    char value[16];
    CU_ASSERT_EQUAL(store_setting_get(f.s, "clock.reflection_days", value, sizeof value), ST_OK);
    CU_ASSERT_STRING_EQUAL(value, "60");

    /* Refused settings change nothing. */
    static const clock_settings bad[] = {
        { 0, 168, 15, 45, 24 }, { 24, 168, -1, 45, 24 }, { 24, 168, 15, 367, 24 },
        { 24, 168, 15, 45, 0 }, { 48, 24, 15, 45, 24 },
    };
    static const clock_problem why[] = {
        CLOCK_SETTING_OUT_OF_RANGE, CLOCK_SETTING_OUT_OF_RANGE, CLOCK_SETTING_OUT_OF_RANGE,
        CLOCK_SETTING_OUT_OF_RANGE, CLOCK_COURT_MAX_TOO_SHORT,
    };
    footprint before = take_footprint(f.s);
    for (size_t i = 0; i < COUNT(bad); i++) {
        CU_ASSERT_EQUAL(store_clock_settings_set(f.s, &bad[i], &p), ST_INVALID);
        CU_ASSERT_EQUAL(p, why[i]);
    }
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    CU_ASSERT_EQUAL(store_clock_settings(f.s, &got), ST_OK);
    CU_ASSERT_EQUAL(memcmp(&got, &set, sizeof got), 0);

    /* Supervisors may change them; other roles may not. */
    add_officer(&f, "sup", ROLE_SUPERVISOR);
    add_officer(&f, "insp", ROLE_INSPECTOR);
    reopen_as(&f, "insp");
    before = take_footprint(f.s);
    CU_ASSERT_EQUAL(store_clock_settings_set(f.s, &def, &p), ST_DENIED);
    CU_ASSERT_TRUE(same_footprint(before, take_footprint(f.s)));
    reopen_as(&f, "sup");
    CU_ASSERT_EQUAL(store_clock_settings_set(f.s, &def, &p), ST_OK);
    CU_ASSERT_EQUAL(store_clock_settings(f.s, &got), ST_OK);
    CU_ASSERT_EQUAL(memcmp(&got, &def, sizeof got), 0);

    /* Nonsense stored through the generic setting command is never used. */
    CU_ASSERT_EQUAL(store_setting_set(f.s, "clock.shelter_days", "fifteen"), ST_OK);
    CU_ASSERT_EQUAL(store_clock_settings(f.s, &got), ST_OK);
    CU_ASSERT_EQUAL(memcmp(&got, &def, sizeof got), 0);
    CU_ASSERT_EQUAL(store_setting_set(f.s, "clock.court_max_hours", "2"), ST_OK);
    CU_ASSERT_EQUAL(store_clock_settings(f.s, &got), ST_OK);
    CU_ASSERT_EQUAL(memcmp(&got, &def, sizeof got), 0);
    harness_fixture_close(&f);
}

/* The case list marks a row whose clock runs out within the day, using
 * the store clock's now. */
static void test_case_row_marker(void)
{
    fixture f = open_fixture();
    tc_case soon, later, never;
    start_clocks(f.s, "Soon Person", "2026-11-30T10:00:00Z", &soon);   /* id due 12-01 10:00Z */
    start_clocks(f.s, "Later Person", "2026-11-30T10:00:00Z", &later);
    CU_ASSERT_EQUAL(store_case_clocks_stop(f.s, later.id, CLOCK_IDENTIFICATION, at(NOW_ISO)),
                    ST_OK);
    never = add_case(f.s, "Never Person");
    (void)never;
    tc_case_row rows[8];
    size_t n = 0;
    case_query q = { NULL, 0, 8, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL_FATAL(store_case_list(f.s, &q, rows, 8, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].id, soon.id) == 0) {
            CU_ASSERT_TRUE(rows[i].clock_due_soon);
            CU_ASSERT_EQUAL(rows[i].clock_kind, CLOCK_IDENTIFICATION);
            CU_ASSERT_EQUAL(rows[i].clock_due, at("2026-12-01T10:00:00Z"));
        } else {
            CU_ASSERT_FALSE(rows[i].clock_due_soon);
        }
    }
    /* A day later the passed identification clock still marks its row,
     * and the first-met case's shelter clock is not yet near. */
    fixed.at = at("2026-12-01T11:00:00Z");
    CU_ASSERT_EQUAL_FATAL(store_case_list(f.s, &q, rows, 8, &n), ST_OK);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_EQUAL(rows[i].clock_due_soon, strcmp(rows[i].id, soon.id) == 0);
    /* Fifteen days on, both shelter clocks run out within the day. */
    fixed.at = at("2026-12-15T11:00:00Z");
    CU_ASSERT_EQUAL_FATAL(store_case_list(f.s, &q, rows, 8, &n), ST_OK);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].id, later.id) == 0) {
            CU_ASSERT_TRUE(rows[i].clock_due_soon);
            CU_ASSERT_EQUAL(rows[i].clock_kind, CLOCK_SHELTER);
        }
    harness_fixture_close(&f);
}

/* The due-soon query walks the running-clock indexes rather than the
 * whole table. */
static void test_due_query_uses_indexes(void)
{
    fixture f = open_fixture();
    sqlite3_stmt *q = NULL;
    const char *sql =
        "EXPLAIN QUERY PLAN SELECT met_at FROM case_clocks"
        " WHERE shelter_stopped_at IS NULL AND met_at <= ?1";
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(store_db_handle(f.s), sql, -1, &q, NULL), SQLITE_OK);
    bool uses_index = false;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(q, 3);
        if (detail && strstr(detail, "case_clocks_shelter_running"))
            uses_index = true;
    }
    sqlite3_finalize(q);
    CU_ASSERT_TRUE(uses_index);
    harness_fixture_close(&f);
}

static CU_TestInfo instrument_tests[] = {
    { "every built-in loads from a fresh store", test_every_builtin_loads_from_a_fresh_store },
    { "versions: old screenings keep their questions", test_instrument_versions },
    { "bad text, long titles, non-admins refused", test_instrument_add_refusals },
    { "built-ins added at open, never overwritten", test_builtins_synced_at_open },
    CU_TEST_INFO_NULL
};

static CU_TestInfo screening_tests[] = {
    { "answers and position survive close and reopen", test_answers_survive_reopen },
    { "bad answers change nothing", test_bad_answers_change_nothing },
    { "a screening needs a valid interview, case and instrument", test_start_refusals },
    { "decisions: reasons, then a closed record", test_decide },
    { "a case's screenings, newest interview first", test_screening_list },
    CU_TEST_INFO_NULL
};

static CU_TestInfo decision_tests[] = {
    { "a decision stops the identification clock", test_identification_stops_the_clock },
    CU_TEST_INFO_NULL
};

static CU_TestInfo clock_tests[] = {
    { "court extension rules and corrections", test_court_extension_through_the_store },
    { "due soon: order, window, midnight and month end", test_deadlines_due_order_and_window },
    { "settings round trip and refusal", test_clock_settings },
    { "the case list marks a clock due soon", test_case_row_marker },
    { "due soon reads the running-clock index", test_due_query_uses_indexes },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "instruments in the store", suite_init, suite_clean, NULL, NULL, instrument_tests },
    { "screenings in the store", suite_init, suite_clean, NULL, NULL, screening_tests },
    { "identification decisions", suite_init, suite_clean, NULL, NULL, decision_tests },
    { "case clocks", suite_init, suite_clean, NULL, NULL, clock_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_screenings_db", suites);
}
