/* casestage.c - where a case stands (the facts stage_derive() reads from
 * what is recorded), closing and reopening it (case_closures: one row per
 * close or reopen, never removed), and quick mode (case_quick: one row
 * per case opened at a checkpoint, marked completed later). */
#include "config.h"
#include "db/record_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fieldtext.h"
#include "core/identification.h"

/* ---------------------------------------------------------------- facts */

static store_status fact_exists(store *s, const char *sql, const char *case_id, bool *yes)
{
    return rec_exists(s, sql, case_id, yes);
}

/* The latest identification decision (H1's identifications table). */
static store_status identification_fact(store *s, const char *case_id,
                                        stage_identification *out)
{
    *out = STAGE_ID_NONE;
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s,
        "SELECT outcome FROM identifications WHERE case_id = ?1"
        " ORDER BY created_at DESC, rowid DESC LIMIT 1", case_id, &q);
    if (st == ST_NOT_FOUND)
        return ST_OK;
    if (st != ST_OK)
        return st;
    const unsigned char *t = sqlite3_column_text(q, 0);
    ident_outcome o;
    if (t && ident_outcome_from_code((const char *)t, &o))
        *out = (stage_identification)ident_stage_value(o);
    sqlite3_finalize(q);
    return ST_OK;
}

/* The last close or reopen: closed when it was a close. */
static store_status closed_fact(store *s, const char *case_id, bool *closed)
{
    *closed = false;
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s,
        "SELECT action FROM case_closures WHERE case_id = ?1 ORDER BY audit_seq DESC LIMIT 1",
        case_id, &q);
    if (st == ST_NOT_FOUND)
        return ST_OK;
    if (st != ST_OK)
        return st;
    const unsigned char *t = sqlite3_column_text(q, 0);
    *closed = t && strcmp((const char *)t, "close") == 0;
    sqlite3_finalize(q);
    return ST_OK;
}

store_status store_case_stage_facts(store *s, const char *case_id, stage_facts *out)
{
    memset(out, 0, sizeof *out);
    store_status st = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (st == ST_OK)
        st = store_case_exists(s, case_id);
    if (st == ST_OK)
        st = fact_exists(s, "SELECT 1 FROM screenings WHERE case_id = ?1 LIMIT 1", case_id,
                         &out->has_screening);
    if (st == ST_OK)
        st = identification_fact(s, case_id, &out->identification);
    /* A need that still counts is protection and assistance under way
     * (referrals and shelter stays join here when they exist). */
    if (st == ST_OK)
        st = fact_exists(s, "SELECT 1 FROM needs WHERE case_id = ?1 AND is_current = 1"
                            " AND entry_withdrawn = 0 LIMIT 1", case_id, &out->has_protection);
    /* A plan counts until it is withdrawn; a cancelled return is no
     * return. */
    if (st == ST_OK)
        st = fact_exists(s, "SELECT 1 FROM repatriations WHERE case_id = ?1 AND is_current = 1"
                            " AND entry_withdrawn = 0 AND state <> 'cancelled' LIMIT 1", case_id,
                         &out->has_repatriation_plan);
    if (st == ST_OK)
        st = fact_exists(s, "SELECT 1 FROM reintegrations WHERE case_id = ?1"
                            " AND is_current = 1 AND entry_withdrawn = 0 LIMIT 1", case_id,
                         &out->has_reintegration_plan);
    if (st == ST_OK)
        st = closed_fact(s, case_id, &out->closed);
    return st;
}

store_status store_case_stage(store *s, const char *case_id, case_stage *out)
{
    stage_facts f;
    store_status st = store_case_stage_facts(s, case_id, &f);
    *out = st == ST_OK ? stage_derive(&f) : STAGE_INTAKE;
    return st;
}

/* ------------------------------------------------------ close and reopen */

static store_status insert_closure(store *s, const char *case_id, const char *action,
                                   const char *reason_code, const char *note)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    int64_t seq = 0;
    store_new_id(id);
    store_now_iso(s, now);
    store_status st = rec_audit(s, strcmp(action, "close") == 0 ? "case.close" : "case.reopen",
                                "case_closures", id, &seq);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s,
            "INSERT INTO case_closures(id, case_id, action, reason, note, audit_seq, created_at,"
            " updated_at, created_by, updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?8)",
            &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    rec_bind_text(q, 2, case_id);
    rec_bind_text(q, 3, action);
    rec_bind_text(q, 4, reason_code);
    rec_bind_text(q, 5, note);
    sqlite3_bind_int64(q, 6, seq);
    rec_bind_text(q, 7, now);
    rec_bind_text(q, 8, s->me.id);
    return store_step_done(s, q);
}

static store_status close_in_tx(store *s, const char *case_id, const stage_closure *c,
                                stage_problem *problem)
{
    stage_facts f;
    store_status st = store_case_stage_facts(s, case_id, &f);
    if (st != ST_OK)
        return st;
    stage_problem p = field_terminated(c->note, sizeof c->note) ? stage_close_check(&f, c)
                                                                : STAGE_NOTE_TOO_LONG;
    if (problem)
        *problem = p;
    if (p != STAGE_OK)
        return ST_INVALID;
    return insert_closure(s, case_id, "close", closure_reason_code(c->reason), c->note);
}

store_status store_case_close(store *s, const char *case_id, const stage_closure *c,
                              stage_problem *problem)
{
    if (problem)
        *problem = STAGE_OK;
    store_status st = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (st == ST_OK)
        st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, close_in_tx(s, case_id, c, problem));
}

static store_status reopen_in_tx(store *s, const char *case_id, const char *reason,
                                 stage_problem *problem)
{
    stage_facts f;
    store_status st = store_case_stage_facts(s, case_id, &f);
    if (st != ST_OK)
        return st;
    stage_problem p = stage_reopen_check(&f, reason);
    if (problem)
        *problem = p;
    if (p != STAGE_OK)
        return ST_INVALID;
    return insert_closure(s, case_id, "reopen", "", reason);
}

store_status store_case_reopen(store *s, const char *case_id, const char *reason,
                               stage_problem *problem)
{
    if (problem)
        *problem = STAGE_OK;
    store_status st = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (st == ST_OK)
        st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, reopen_in_tx(s, case_id, reason, problem));
}

store_status store_case_closure(store *s, const char *case_id, stage_closure *out)
{
    memset(out, 0, sizeof *out);
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s,
        "SELECT action, reason, note FROM case_closures WHERE case_id = ?1"
        " ORDER BY audit_seq DESC LIMIT 1", case_id, &q);
    if (st != ST_OK)
        return st;
    const unsigned char *action = sqlite3_column_text(q, 0);
    const unsigned char *reason = sqlite3_column_text(q, 1);
    if (!action || strcmp((const char *)action, "close") != 0)
        st = ST_NOT_FOUND;
    else if (!reason || !closure_reason_from_code((const char *)reason, &out->reason))
        out->reason = CLOSE_OTHER;
    if (st == ST_OK)
        store_column_copy(q, 2, out->note, sizeof out->note);
    sqlite3_finalize(q);
    return st;
}

/* ------------------------------------------------------------ quick mode */

store_status record_mark_quick(store *s, const tc_case *c)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    int64_t seq = 0;
    store_new_id(id);
    store_now_iso(s, now);
    store_status st = rec_audit(s, "case.quick", "case_quick", id, &seq);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s,
            "INSERT INTO case_quick(id, case_id, completed, audit_seq, created_at, updated_at,"
            " created_by, updated_by) VALUES(?1, ?2, 0, ?3, ?4, ?4, ?5, ?5)", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    rec_bind_text(q, 2, c->id);
    sqlite3_bind_int64(q, 3, seq);
    rec_bind_text(q, 4, now);
    rec_bind_text(q, 5, s->me.id);
    return store_step_done(s, q);
}

store_status store_case_add_quick(store *s, tc_case *c, case_check *problem)
{
    return store_case_add_then(s, c, problem, record_mark_quick);
}

/* The case's quick row: its id and whether it is completed.  ST_NOT_FOUND
 * when the case was not opened in quick mode. */
static store_status quick_row(store *s, const char *case_id, char id[TC_ID_LEN], bool *completed)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT id, completed FROM case_quick"
                                          " WHERE case_id = ?1", case_id, &q);
    if (st != ST_OK)
        return st;
    store_column_copy(q, 0, id, TC_ID_LEN);
    *completed = sqlite3_column_int(q, 1) != 0;
    sqlite3_finalize(q);
    return ST_OK;
}

static store_status complete_in_tx(store *s, const char *case_id)
{
    store_status st = store_case_exists(s, case_id);
    if (st != ST_OK)
        return st;
    char id[TC_ID_LEN];
    bool completed = false;
    st = quick_row(s, case_id, id, &completed);
    /* Only a quick case that is still incomplete can be completed. */
    if (st == ST_NOT_FOUND || (st == ST_OK && completed))
        return ST_INVALID;
    int64_t seq = 0;
    if (st == ST_OK)
        st = rec_audit(s, "case.complete", "case_quick", id, &seq);
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s, "UPDATE case_quick SET completed = 1, completed_seq = ?2,"
                              " updated_at = ?3, updated_by = ?4 WHERE id = ?1", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    sqlite3_bind_int64(q, 2, seq);
    rec_bind_text(q, 3, now);
    rec_bind_text(q, 4, s->me.id);
    return store_step_done(s, q);
}

store_status store_case_complete(store *s, const char *case_id)
{
    store_status st = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (st == ST_OK)
        st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, complete_in_tx(s, case_id));
}

store_status store_case_incomplete(store *s, const char *case_id, bool *incomplete)
{
    *incomplete = false;
    store_status st = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (st == ST_OK)
        st = store_case_exists(s, case_id);
    if (st != ST_OK)
        return st;
    char id[TC_ID_LEN];
    bool completed = false;
    st = quick_row(s, case_id, id, &completed);
    if (st == ST_NOT_FOUND)
        return ST_OK;       /* opened the ordinary way: complete */
    *incomplete = st == ST_OK && !completed;
    return st;
}
