/* needs_notes.c - assistance needs and case notes, both versioned tables
 * (record_internal.h): a need's every state is a version, so its history
 * is its versions; a note is corrected by a new version. */
#include "config.h"
#include "db/record_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fieldtext.h"

/* ================================================================ needs */

static void bind_need(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_need *nd = rec;
    int i = first;
    rec_bind_text(q, i++, nd->case_id);
    rec_bind_text(q, i++, need_kind_code(nd->kind));
    rec_bind_text(q, i++, need_state_code(nd->state));
    sqlite3_bind_int(q, i++, nd->urgent ? 1 : 0);
    rec_bind_text(q, i++, nd->unavailable_reason);
    rec_bind_text(q, i, nd->note);
}

static void read_need(sqlite3_stmt *q, int first, void *rec)
{
    tc_need *nd = rec;
    need_init(nd);
    int i = first;
    store_column_copy(q, i++, nd->case_id, sizeof nd->case_id);
    const unsigned char *t = sqlite3_column_text(q, i++);
    if (!t || !need_kind_from_code((const char *)t, &nd->kind))
        nd->kind = NEED_KIND_COUNT;
    t = sqlite3_column_text(q, i++);
    if (!t || !need_state_from_code((const char *)t, &nd->state))
        nd->state = NEED_STATE_COUNT;
    nd->urgent = sqlite3_column_int(q, i++) != 0;
    store_column_copy(q, i++, nd->unavailable_reason, sizeof nd->unavailable_reason);
    store_column_copy(q, i, nd->note, sizeof nd->note);
}

static void put_need_common(void *rec, const record_common *c)
{
    tc_need *nd = rec;
    nd->entry_withdrawn = c->withdrawn;
    REC_COPY_STAMPS(nd, c);
}

static void get_need_common(const void *rec, record_common *c)
{
    const tc_need *nd = rec;
    memset(c, 0, sizeof *c);
    c->withdrawn = nd->entry_withdrawn;
    REC_COPY_STAMPS(c, nd);
}

const record_table need_table = {
    "needs", "case_id, kind, state, urgent, unavailable_reason, note", 6, sizeof(tc_need),
    bind_need, read_need, put_need_common, get_need_common,
};

static void clear_need_problem(need_check *problem)
{
    if (problem)
        *problem = (need_check){ NEED_OK, NULL };
}

static store_status validate_need(const tc_need *nd, need_check *problem)
{
    need_check chk = need_validate(nd);
    if (problem)
        *problem = chk;
    return chk.problem == NEED_OK ? ST_OK : ST_INVALID;
}

static store_status need_add_in_tx(store *s, tc_need *nd)
{
    store_status st = store_case_exists(s, nd->case_id);
    if (st != ST_OK)
        return st;
    return record_add(s, &need_table, nd, "need.add");
}

store_status store_need_add(store *s, tc_need *nd, need_check *problem)
{
    clear_need_problem(problem);
    if (!field_terminated(nd->case_id, sizeof nd->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, nd->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_need *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *nd;
    work->entry_withdrawn = false;
    store_status st = validate_need(work, problem);
    if (st == ST_OK)
        st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, need_add_in_tx(s, work));
    if (st == ST_OK)
        *nd = *work;
    free(work);
    return st;
}

store_status store_need_get(store *s, const char *id, int version, tc_need *out)
{
    store_status allowed = record_access(s, &need_table, id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    record_common c;
    return record_read(s, &need_table, id, version, out, &c);
}

static store_status state_in_tx(store *s, tc_need *nd, const char *id, need_state to,
                                const char *reason, need_problem *problem)
{
    record_common c;
    store_status st = record_read(s, &need_table, id, 0, nd, &c);
    if (st != ST_OK)
        return st;
    need_problem p = need_transition_check(nd, to, reason);
    if (problem)
        *problem = p;
    if (p != NEED_OK)
        return ST_INVALID;
    nd->state = to;
    /* The reason belongs to "unavailable"; another state has none. */
    snprintf(nd->unavailable_reason, sizeof nd->unavailable_reason, "%s",
             to == NEED_UNAVAILABLE && reason ? reason : "");
    c.version++;
    return record_write(s, &need_table, &c, nd, "state", nd->unavailable_reason, "need.state");
}

store_status store_need_change_state(store *s, const char *id, need_state to,
                                     const char *reason, need_problem *problem)
{
    if (problem)
        *problem = NEED_OK;
    store_status allowed = record_access(s, &need_table, id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_need *nd = malloc(sizeof *nd);
    if (!nd)
        return ST_NOMEM;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, state_in_tx(s, nd, id, to, reason, problem));
    free(nd);
    return st;
}

static store_status need_correct_in_tx(store *s, tc_need *nd, tc_need *cur, const char *reason,
                                       record_problem *change_problem, need_check *problem)
{
    record_common next;
    store_status st = record_prepare_correction(s, &need_table, nd->id, reason, cur, &next,
                                                change_problem);
    if (st != ST_OK)
        return st;
    memcpy(nd->case_id, cur->case_id, sizeof nd->case_id);
    nd->entry_withdrawn = false;
    /* A state moves only along need_transition_allowed(): not by a
     * correction that would skip the table. */
    if (nd->state != cur->state) {
        if (problem)
            *problem = (need_check){ NEED_TRANSITION_REFUSED, "state" };
        return ST_INVALID;
    }
    st = validate_need(nd, problem);
    if (st == ST_OK)
        st = record_write(s, &need_table, &next, nd, "correct", reason, "record.correct");
    if (st == ST_OK)
        put_need_common(nd, &next);
    return st;
}

store_status store_need_correct(store *s, tc_need *nd, const char *reason,
                                record_problem *change_problem, need_check *problem)
{
    clear_need_problem(problem);
    if (change_problem)
        *change_problem = RECORD_OK;
    store_status allowed = record_access(s, &need_table, nd->id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_need *work = malloc(2 * sizeof *work);
    if (!work)
        return ST_NOMEM;
    work[0] = *nd;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, need_correct_in_tx(s, &work[0], &work[1], reason, change_problem,
                                                problem));
    if (st == ST_OK)
        *nd = work[0];
    free(work);
    return st;
}

store_status store_need_list(store *s, const char *case_id, tc_need **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    void *arr = NULL;
    /* The order recorded first: needs_sort_for_view() keeps it within a
     * group. */
    store_status st = record_select(s, &need_table,
                                  "WHERE case_id = ?1 AND is_current = 1 ORDER BY"
                                  " (SELECT min(audit_seq) FROM needs f"
                                  " WHERE f.record_id = needs.record_id)",
                                  case_id, &arr, n);
    *out = arr;
    if (st == ST_OK)
        needs_sort_for_view(*out, *n);
    return st;
}

/* ================================================================ notes */

static void bind_note(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_note *nt = rec;
    rec_bind_text(q, first, nt->case_id);
    rec_bind_text(q, first + 1, nt->text);
}

static void read_note(sqlite3_stmt *q, int first, void *rec)
{
    tc_note *nt = rec;
    store_column_copy(q, first, nt->case_id, sizeof nt->case_id);
    store_column_copy(q, first + 1, nt->text, sizeof nt->text);
}

static void put_note_common(void *rec, const record_common *c)
{
    tc_note *nt = rec;
    nt->version = c->version;
    nt->entry_withdrawn = c->withdrawn;
    REC_COPY_STAMPS(nt, c);
}

static void get_note_common(const void *rec, record_common *c)
{
    const tc_note *nt = rec;
    memset(c, 0, sizeof *c);
    c->version = nt->version;
    c->withdrawn = nt->entry_withdrawn;
    REC_COPY_STAMPS(c, nt);
}

const record_table note_table = {
    "notes", "case_id, text", 2, sizeof(tc_note),
    bind_note, read_note, put_note_common, get_note_common,
};

static store_status validate_note(const tc_note *nt, note_problem *problem)
{
    note_problem p = field_terminated(nt->text, sizeof nt->text) ? note_validate(nt->text)
                                                                 : CASE_NOTE_TOO_LONG;
    if (problem)
        *problem = p;
    return p == CASE_NOTE_OK ? ST_OK : ST_INVALID;
}

static store_status note_add_in_tx(store *s, tc_note *nt)
{
    store_status st = store_case_exists(s, nt->case_id);
    if (st != ST_OK)
        return st;
    return record_add(s, &note_table, nt, "note.add");
}

store_status store_note_add(store *s, tc_note *nt, note_problem *problem)
{
    if (problem)
        *problem = CASE_NOTE_OK;
    if (!field_terminated(nt->case_id, sizeof nt->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, nt->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_note *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *nt;
    work->entry_withdrawn = false;
    store_status st = validate_note(work, problem);
    if (st == ST_OK)
        st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, note_add_in_tx(s, work));
    if (st == ST_OK)
        *nt = *work;
    free(work);
    return st;
}

store_status store_note_get(store *s, const char *id, int version, tc_note *out)
{
    store_status allowed = record_access(s, &note_table, id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    record_common c;
    return record_read(s, &note_table, id, version, out, &c);
}

static store_status note_correct_in_tx(store *s, tc_note *nt, tc_note *cur, const char *reason,
                                       record_problem *change_problem, note_problem *problem)
{
    record_common next;
    store_status st = record_prepare_correction(s, &note_table, nt->id, reason, cur, &next,
                                                change_problem);
    if (st != ST_OK)
        return st;
    memcpy(nt->case_id, cur->case_id, sizeof nt->case_id);
    nt->entry_withdrawn = false;
    st = validate_note(nt, problem);
    if (st == ST_OK)
        st = record_write(s, &note_table, &next, nt, "correct", reason, "record.correct");
    if (st == ST_OK)
        put_note_common(nt, &next);
    return st;
}

store_status store_note_correct(store *s, tc_note *nt, const char *reason,
                                record_problem *change_problem, note_problem *problem)
{
    if (problem)
        *problem = CASE_NOTE_OK;
    if (change_problem)
        *change_problem = RECORD_OK;
    store_status allowed = record_access(s, &note_table, nt->id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_note *work = malloc(2 * sizeof *work);
    if (!work)
        return ST_NOMEM;
    work[0] = *nt;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, note_correct_in_tx(s, &work[0], &work[1], reason, change_problem,
                                                problem));
    if (st == ST_OK)
        *nt = work[0];
    free(work);
    return st;
}

store_status store_note_list(store *s, const char *case_id, tc_note **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    void *arr = NULL;
    store_status st = record_select(s, &note_table,
                                  "WHERE case_id = ?1 AND is_current = 1 ORDER BY"
                                  " (SELECT min(audit_seq) FROM notes f"
                                  " WHERE f.record_id = notes.record_id) DESC",
                                  case_id, &arr, n);
    *out = arr;
    return st;
}
