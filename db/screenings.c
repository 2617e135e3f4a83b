/* screenings.c - screenings and their answers (db/screenings.h; the
 * instruments are in db/instruments.c, identification decisions and the
 * legal clocks in db/clocks_store.c).
 *
 * Every call that changes data is one transaction that reads what it
 * checks after BEGIN IMMEDIATE (so a second tipcase cannot slip a change
 * in between) and appends one audit row per record changed.  A refused
 * call rolls back: nothing of it is written. */
#include "config.h"
#include "db/screenings.h"
#include "db/screenings_internal.h"
#include "core/fieldtext.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared with db/clocks_store.c (db/screenings_internal.h) ---- */

store_status screenings_in_transaction(store *s, store_status (*fn)(store *, void *), void *arg)
{
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, fn(s, arg));
}

/* ---- interview presence codes (stored) ---- */

static const char *const presence_codes[PRESENCE_COUNT] = {
    [PRESENCE_NOT_RECORDED] = "not_recorded",
    [PRESENCE_YES] = "yes",
    [PRESENCE_NO] = "no",
};

static interview_presence presence_from_column(sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    for (int i = 0; t && i < PRESENCE_COUNT; i++)
        if (strcmp((const char *)t, presence_codes[i]) == 0)
            return (interview_presence)i;
    return PRESENCE_NOT_RECORDED;
}

/* ================================================================ screenings */

#define SCREENING_COLUMNS \
    "SELECT s.id, s.case_id, i.code, i.version, s.held_at, s.place, s.interviewers," \
    " s.language, s.interpreter_used, s.interpreter_name, s.interpreter_agency," \
    " s.interpreter_language, s.consent_given, s.earlier_interviews, s.guardian_present," \
    " s.child, s.position," \
    " (SELECT count(*) FROM screening_answers a WHERE a.screening_id = s.id AND a.value <> '')," \
    " s.decided, s.suggestion, s.decision, s.decision_reason, s.decided_at, s.decided_by," \
    " s.created_at, s.updated_at, s.created_by, s.updated_by"
#define SCREENING_FROM \
    " FROM screenings s JOIN instruments i ON i.id = s.instrument_id WHERE s.id = ?1"
/* The instrument's source (tens of KB) is read only when it is parsed. */
static const char *const screening_sql[2] = {
    SCREENING_COLUMNS SCREENING_FROM,
    SCREENING_COLUMNS ", i.source" SCREENING_FROM,
};
enum { COL_SOURCE = 28 };

static void interview_from_row(sqlite3_stmt *q, tc_interview *iv)
{
    interview_init(iv);
    iv->held_at = store_column_time(q, 4);
    store_column_copy(q, 5, iv->place, sizeof iv->place);
    store_column_copy(q, 6, iv->interviewers, sizeof iv->interviewers);
    store_column_copy(q, 7, iv->language, sizeof iv->language);
    iv->interpreter_used = sqlite3_column_int(q, 8) != 0;
    store_column_copy(q, 9, iv->interpreter_name, sizeof iv->interpreter_name);
    store_column_copy(q, 10, iv->interpreter_agency, sizeof iv->interpreter_agency);
    store_column_copy(q, 11, iv->interpreter_language, sizeof iv->interpreter_language);
    iv->consent_given = sqlite3_column_int(q, 12) != 0;
    iv->earlier_interviews = sqlite3_column_int(q, 13);
    iv->guardian_present = presence_from_column(q, 14);
}

static void decision_from_row(sqlite3_stmt *q, tc_screening *sc)
{
    sc->decided = sqlite3_column_int(q, 18) != 0;
    const unsigned char *sug = sqlite3_column_text(q, 19);
    const unsigned char *dec = sqlite3_column_text(q, 20);
    if (!sug || !suggestion_from_code((const char *)sug, &sc->suggestion))
        sc->suggestion = SUGGEST_INCOMPLETE;
    if (!dec || !decision_from_code((const char *)dec, &sc->decision))
        sc->decision = DECISION_CONTINUE_LATER;
    store_column_copy(q, 21, sc->decision_reason, sizeof sc->decision_reason);
    sc->decided_at = store_column_time(q, 22);
    store_column_copy(q, 23, sc->decided_by, sizeof sc->decided_by);
}

static void screening_from_row(sqlite3_stmt *q, tc_screening *sc)
{
    memset(sc, 0, sizeof *sc);
    store_column_copy(q, 0, sc->id, sizeof sc->id);
    store_column_copy(q, 1, sc->case_id, sizeof sc->case_id);
    store_column_copy(q, 2, sc->instrument_code, sizeof sc->instrument_code);
    sc->instrument_version = sqlite3_column_int(q, 3);
    interview_from_row(q, &sc->interview);
    sc->child = sqlite3_column_int(q, 15) != 0;
    sc->position = (size_t)sqlite3_column_int64(q, 16);
    sc->answered = (size_t)sqlite3_column_int64(q, 17);
    decision_from_row(q, sc);
    sc->created_at = store_column_time(q, 24);
    sc->updated_at = store_column_time(q, 25);
    store_column_copy(q, 26, sc->created_by, sizeof sc->created_by);
    store_column_copy(q, 27, sc->updated_by, sizeof sc->updated_by);
}

/* One screening, and when inst is not NULL its instrument version parsed
 * from the same row (the text it was answered against). */
static store_status screening_load(store *s, const char *id, tc_screening *sc, instrument **inst)
{
    if (inst)
        *inst = NULL;
    if (!id || !*id)
        return ST_NOT_FOUND;
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, screening_sql[inst != NULL], id, &q);
    if (st != ST_OK)
        return st;
    screening_from_row(q, sc);
    if (inst) {
        instrument_error err;
        const char *text = (const char *)sqlite3_column_text(q, COL_SOURCE);
        size_t len = (size_t)sqlite3_column_bytes(q, COL_SOURCE);
        if (!instrument_parse(text, len, inst, &err)) {
            st = err.problem == INSTRUMENT_NO_MEMORY ? ST_NOMEM : ST_DAMAGED;
            store_set_error(s, "a stored instrument's text no longer parses");
        }
    }
    sqlite3_finalize(q);
    return st;
}

/* The acting officer against the case a screening is about. */
static store_status screening_access(store *s, const char *screening_id, access_op op)
{
    return store_case_access_by(s, "SELECT case_id FROM screenings WHERE id = ?1",
                                screening_id, op);
}

store_status store_screening_get(store *s, const char *id, tc_screening *out)
{
    store_status allowed = screening_access(s, id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    return screening_load(s, id, out, NULL);
}

/* ---- start ---- */

/* The instrument version a new screening uses: version 0 is the latest. */
static store_status instrument_version_id(store *s, const char *code, int version,
                                          char id[TC_ID_LEN], int *version_out)
{
    if (!field_terminated(code, INSTRUMENT_CODE_MAX + 1) || version < 0)
        return ST_NOT_FOUND;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, version == 0
        ? "SELECT id, version FROM instruments WHERE code = ?1 ORDER BY version DESC LIMIT 1"
        : "SELECT id, version FROM instruments WHERE code = ?1 AND version = ?2", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    if (version > 0)
        sqlite3_bind_int(q, 2, version);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        store_column_copy(q, 0, id, TC_ID_LEN);
        *version_out = sqlite3_column_int(q, 1);
    } else {
        st = rc == SQLITE_DONE ? ST_NOT_FOUND : store_status_from_sqlite(s, rc);
    }
    sqlite3_finalize(q);
    return st;
}

static void bind_interview(sqlite3_stmt *q, const tc_interview *iv)
{
    store_bind_time(q, 4, iv->held_at);
    sqlite3_bind_text(q, 5, iv->place, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, iv->interviewers, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, iv->language, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 8, iv->interpreter_used ? 1 : 0);
    sqlite3_bind_text(q, 9, iv->interpreter_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 10, iv->interpreter_agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 11, iv->interpreter_language, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 12, iv->consent_given ? 1 : 0);
    sqlite3_bind_int(q, 13, iv->earlier_interviews);
    sqlite3_bind_text(q, 14, presence_codes[iv->guardian_present], -1, SQLITE_STATIC);
}

static store_status start_in_tx(store *s, void *arg)
{
    tc_screening *sc = arg;
    char instrument_id[TC_ID_LEN];
    int version = 0;
    store_status st = store_case_exists(s, sc->case_id);
    if (st == ST_OK)
        st = instrument_version_id(s, sc->instrument_code, sc->instrument_version,
                                   instrument_id, &version);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s,
            "INSERT INTO screenings(id, case_id, instrument_id, held_at, place, interviewers,"
            " language, interpreter_used, interpreter_name, interpreter_agency,"
            " interpreter_language, consent_given, earlier_interviews, guardian_present, child,"
            " position, decided, created_at, updated_at, created_by, updated_by)"
            " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 0, 0,"
            " ?16, ?16, ?17, ?17)", &q);
    if (st != ST_OK)
        return st;
    store_new_id(sc->id);
    sc->instrument_version = version;
    sc->created_at = sc->updated_at = tc_now(&s->clock);
    snprintf(sc->created_by, sizeof sc->created_by, "%s", s->me.id);
    snprintf(sc->updated_by, sizeof sc->updated_by, "%s", s->me.id);
    sqlite3_bind_text(q, 1, sc->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, sc->case_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, instrument_id, -1, SQLITE_STATIC);
    bind_interview(q, &sc->interview);
    sqlite3_bind_int(q, 15, sc->child ? 1 : 0);
    store_bind_time(q, 16, sc->created_at);
    sqlite3_bind_text(q, 17, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "screening.start", "screenings", sc->id);
}

store_status store_screening_start(store *s, tc_screening *sc, interview_check *problem)
{
    interview_check chk = interview_validate(&sc->interview, sc->child, tc_now(&s->clock));
    if (problem)
        *problem = chk;
    if (chk.problem != INTERVIEW_OK)
        return ST_INVALID;
    if (!field_terminated(sc->case_id, sizeof sc->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, sc->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_screening work = *sc;
    work.position = 0;
    work.answered = 0;
    work.decided = false;
    work.decision_reason[0] = '\0';
    work.decided_at = 0;
    work.decided_by[0] = '\0';
    store_status st = screenings_in_transaction(s, start_in_tx, &work);
    if (st == ST_OK)
        *sc = work;
    return st;
}

/* ---- answers ---- */

store_status store_screening_answers(store *s, const char *screening_id,
                                     const instrument *inst, screening_answers *out)
{
    memset(out, 0, sizeof *out);
    store_status allowed = screening_access(s, screening_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    tc_screening sc;
    store_status st = screening_load(s, screening_id, &sc, NULL);
    if (st != ST_OK)
        return st;
    if (!inst || strcmp(inst->code, sc.instrument_code) != 0
        || inst->version != sc.instrument_version)
        return ST_INVALID;
    if (!screening_answers_init(out, inst))
        return ST_NOMEM;
    sqlite3_stmt *q = NULL;
    st = store_prepare(s, "SELECT indicator_code, value, evidence_seen, note"
                          " FROM screening_answers WHERE screening_id = ?1 AND value <> ''", &q);
    if (st != ST_OK) {
        screening_answers_free(out);
        return st;
    }
    sqlite3_bind_text(q, 1, screening_id, -1, SQLITE_STATIC);
    int rc;
    while (st == ST_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(q, 0);
        const char *value = (const char *)sqlite3_column_text(q, 1);
        const char *note = (const char *)sqlite3_column_text(q, 3);
        answer_value v;
        if (!code || !value || !answer_from_code(value, &v)
            || !screening_answers_set(out, inst, code, v, sqlite3_column_int(q, 2) != 0)) {
            store_set_error(s, "a stored answer names no question of its instrument version");
            st = ST_DAMAGED;
        } else if (screening_answers_note(out, inst, code, note) == NOTE_NO_MEMORY) {
            st = ST_NOMEM;
        }
    }
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    if (st != ST_OK)
        screening_answers_free(out);
    return st;
}

/* What one answer call asks for. */
typedef struct answer_change {
    const char *screening_id;
    const char *code;
    answer_value value;
    bool evidence_seen;
    const char *note;
    size_t position;
    answer_note_problem problem;
} answer_change;

/* The screening may still change, and position is within its questions
 * (n_indicators itself is the summary after the last one). */
static store_status check_open_screening(store *s, const char *id, size_t position,
                                         tc_screening *sc, instrument **inst)
{
    store_status st = screening_load(s, id, sc, inst);
    if (st != ST_OK)
        return st;
    if (sc->decided)
        return ST_DENIED;
    if (inst && position > (*inst)->n_indicators)
        return ST_INVALID;
    return ST_OK;
}

static store_status touch_screening(store *s, const char *id, size_t position, const char *now)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "UPDATE screenings SET position = ?2, updated_at = ?3,"
                                       " updated_by = ?4 WHERE id = ?1", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)position);
    sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, s->me.id, -1, SQLITE_STATIC);
    return store_step_done(s, q);
}

/* Run the answer's UPDATE, or its INSERT with a new row id. */
static store_status run_answer_sql(store *s, const char *sql, const answer_change *c,
                                   const char *now, const char *new_id)
{
    bool clear = c->value == ANSWER_NONE;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, c->screening_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, c->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, answer_code(c->value), -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, !clear && c->evidence_seen ? 1 : 0);
    sqlite3_bind_text(q, 5, clear || !c->note ? "" : c->note, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, s->me.id, -1, SQLITE_STATIC);
    if (new_id)
        sqlite3_bind_text(q, 8, new_id, -1, SQLITE_STATIC);
    return store_step_done(s, q);
}

/* Update the answer's row, or insert one when there is none (SQLite 3.15
 * has no UPSERT).  ANSWER_NONE empties the row (value, evidence and note)
 * but keeps it: nothing is deleted. */
static store_status write_answer(store *s, const answer_change *c, const char *now)
{
    store_status st = run_answer_sql(s,
        "UPDATE screening_answers SET value = ?3, evidence_seen = ?4, note = ?5,"
        " updated_at = ?6, updated_by = ?7 WHERE screening_id = ?1 AND indicator_code = ?2",
        c, now, NULL);
    if (st != ST_OK || sqlite3_changes(s->db) > 0 || c->value == ANSWER_NONE)
        return st;
    char id[TC_ID_LEN];
    store_new_id(id);
    return run_answer_sql(s,
        "INSERT INTO screening_answers(screening_id, indicator_code, value, evidence_seen,"
        " note, created_at, updated_at, created_by, updated_by, id)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7, ?8)", c, now, id);
}

static store_status answer_in_tx(store *s, void *arg)
{
    answer_change *c = arg;
    tc_screening sc;
    instrument *inst = NULL;
    store_status st = check_open_screening(s, c->screening_id, c->position, &sc, &inst);
    if (st == ST_OK && instrument_find_indicator(inst, c->code) < 0) {
        c->problem = NOTE_UNKNOWN_CODE;
        st = ST_INVALID;
    }
    instrument_free(inst);
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    if (st == ST_OK)
        st = write_answer(s, c, now);
    if (st == ST_OK)
        st = touch_screening(s, c->screening_id, c->position, now);
    if (st == ST_OK)
        st = store_audit(s, "screening.answer", "screenings", c->screening_id);
    return st;
}

/* The note is checked by the rule screening_answers_note() applies. */
static answer_note_problem note_problem(const char *note)
{
    switch (field_text_check(note, SCREENING_NOTE_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return NOTE_TOO_LONG;
    case FIELD_TEXT_BAD: return NOTE_BAD_TEXT;
    case FIELD_TEXT_OK: break;
    }
    return NOTE_OK;
}

store_status store_screening_answer(store *s, const char *screening_id,
                                    const char *indicator_code, answer_value v,
                                    bool evidence_seen, const char *note,
                                    size_t position, answer_note_problem *problem)
{
    answer_change c = { screening_id, indicator_code, v, evidence_seen, note, position, NOTE_OK };
    if (problem)
        *problem = NOTE_OK;
    store_status allowed = screening_access(s, screening_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    store_status st = ST_OK;
    /* A value outside the enum is no answer code at all. */
    if ((int)v < 0 || v >= ANSWER_COUNT || !indicator_code)
        c.problem = NOTE_UNKNOWN_CODE;
    else
        c.problem = note_problem(note);
    if (c.problem != NOTE_OK)
        st = ST_INVALID;
    else
        st = screenings_in_transaction(s, answer_in_tx, &c);
    if (problem)
        *problem = c.problem;
    return st;
}

typedef struct position_change {
    const char *screening_id;
    size_t position;
} position_change;

static store_status position_in_tx(store *s, void *arg)
{
    position_change *c = arg;
    tc_screening sc;
    instrument *inst = NULL;
    store_status st = check_open_screening(s, c->screening_id, c->position, &sc, &inst);
    instrument_free(inst);
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    if (st == ST_OK)
        st = touch_screening(s, c->screening_id, c->position, now);
    if (st == ST_OK)
        st = store_audit(s, "screening.position", "screenings", c->screening_id);
    return st;
}

store_status store_screening_set_position(store *s, const char *screening_id, size_t position)
{
    position_change c = { screening_id, position };
    store_status allowed = screening_access(s, screening_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    return screenings_in_transaction(s, position_in_tx, &c);
}

/* ---- decide ---- */

typedef struct decide_change {
    const char *screening_id;
    screening_decision decision;
    const char *reason;
    decision_problem problem;
    screening_result result;
} decide_change;

static store_status score_stored(store *s, const char *id, decide_change *c)
{
    tc_screening sc;
    instrument *inst = NULL;
    store_status st = check_open_screening(s, id, 0, &sc, &inst);
    screening_answers answers;
    memset(&answers, 0, sizeof answers);
    if (st == ST_OK)
        st = store_screening_answers(s, id, inst, &answers);
    if (st == ST_OK && !screening_score(inst, &answers, sc.child, &c->result))
        st = ST_DAMAGED;
    screening_answers_free(&answers);
    instrument_free(inst);
    return st;
}

static store_status write_decision(store *s, const decide_change *c)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "UPDATE screenings SET decided = 1, suggestion = ?2, decision = ?3,"
        " decision_reason = ?4, decided_at = ?5, decided_by = ?6, updated_at = ?5,"
        " updated_by = ?6 WHERE id = ?1", &q);
    if (st != ST_OK)
        return st;
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_bind_text(q, 1, c->screening_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, suggestion_code(c->result.suggestion), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, decision_code(c->decision), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, c->reason ? c->reason : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "screening.decide", "screenings", c->screening_id);
}

static store_status decide_in_tx(store *s, void *arg)
{
    decide_change *c = arg;
    store_status st = score_stored(s, c->screening_id, c);
    if (st != ST_OK)
        return st;
    c->problem = screening_decision_check(c->result.suggestion, c->decision, c->reason);
    if (c->problem != DECISION_OK)
        return ST_INVALID;
    /* "Continue later" is no decision: the screening stays open for more
     * answers, and nothing is written. */
    if (c->decision == DECISION_CONTINUE_LATER)
        return ST_OK;
    return write_decision(s, c);
}

store_status store_screening_decide(store *s, const char *screening_id,
                                    screening_decision decision, const char *reason,
                                    decision_problem *problem, screening_result *result)
{
    store_status allowed = screening_access(s, screening_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    decide_change *c = calloc(1, sizeof *c);    /* screening_result is large */
    if (!c)
        return ST_NOMEM;
    c->screening_id = screening_id;
    c->decision = decision;
    c->reason = reason;
    store_status st = screenings_in_transaction(s, decide_in_tx, c);
    if (problem)
        *problem = c->problem;
    if (result && (st == ST_OK || c->problem != DECISION_OK))
        *result = c->result;
    free(c);
    return st;
}

/* ---- list ---- */

static void read_screening_row(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    screening_row *r = elem;
    store_column_copy(q, 0, r->id, sizeof r->id);
    store_column_copy(q, 1, r->instrument_code, sizeof r->instrument_code);
    r->instrument_version = sqlite3_column_int(q, 2);
    r->held_at = store_column_time(q, 3);
    r->answered = (size_t)sqlite3_column_int64(q, 4);
    r->total = (size_t)sqlite3_column_int64(q, 5);
    r->decided = sqlite3_column_int(q, 6) != 0;
    const unsigned char *sug = sqlite3_column_text(q, 7);
    const unsigned char *dec = sqlite3_column_text(q, 8);
    if (!sug || !suggestion_from_code((const char *)sug, &r->suggestion))
        r->suggestion = SUGGEST_INCOMPLETE;
    if (!dec || !decision_from_code((const char *)dec, &r->decision))
        r->decision = DECISION_CONTINUE_LATER;
}

store_status store_screening_list(store *s, const char *case_id, screening_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status st = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (st == ST_OK)
        st = store_case_exists(s, case_id);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s,
            "SELECT s.id, i.code, i.version, s.held_at,"
            " (SELECT count(*) FROM screening_answers a WHERE a.screening_id = s.id"
            "  AND a.value <> ''), i.n_indicators, s.decided, s.suggestion, s.decision"
            " FROM screenings s JOIN instruments i ON i.id = s.instrument_id"
            " WHERE s.case_id = ?1 ORDER BY s.held_at DESC, s.created_at DESC, s.id", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_STATIC);
    void *rows = NULL;
    st = store_collect(s, q, sizeof **out, read_screening_row, NULL, &rows, n);
    *out = rows;
    return st;
}
