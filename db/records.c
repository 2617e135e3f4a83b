/* records.c - the versioned-record engine behind db/record.h: reading a
 * version, writing the next one, withdrawing a wrong record, and a
 * record's history.  See record_internal.h for the table shape. */
#include "config.h"
#include "db/record_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

void rec_bind_text(sqlite3_stmt *q, int i, const char *t)
{
    sqlite3_bind_text(q, i, t ? t : "", -1, SQLITE_TRANSIENT);
}

void rec_bind_date(sqlite3_stmt *q, int i, bool known, caldate d)
{
    char iso[CALDATE_ISO_LEN];
    if (!known) {
        sqlite3_bind_null(q, i);
        return;
    }
    caldate_format_iso(d, iso);
    sqlite3_bind_text(q, i, iso, -1, SQLITE_TRANSIENT);
}

bool rec_column_date(sqlite3_stmt *q, int col, caldate *out)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    return t && caldate_parse_iso((const char *)t, out);
}

store_status rec_audit(store *s, const char *action, const char *table, const char *record_id,
                       int64_t *seq)
{
    store_status st = store_audit(s, action, table, record_id);
    /* audit.seq is the INTEGER PRIMARY KEY, so the rowid just inserted. */
    if (st == ST_OK && seq)
        *seq = (int64_t)sqlite3_last_insert_rowid(s->db);
    return st;
}

store_status rec_exists(store *s, const char *sql, const char *key, bool *yes)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, sql, key, &q);
    *yes = st == ST_OK;
    sqlite3_finalize(q);
    return st == ST_NOT_FOUND ? ST_OK : st;
}

/* --------------------------------------------------------------- tables */

const record_table *record_table_of(record_kind k)
{
    switch (k) {
    case RECORD_KIND_CONSENT: return &consent_table;
    case RECORD_KIND_NEED: return &need_table;
    case RECORD_KIND_NOTE: return &note_table;
    case RECORD_KIND_INSPECTION: return &inspection_table;
    case RECORD_KIND_REPATRIATION: return &repatriation_table;
    case RECORD_KIND_REINTEGRATION: return &reintegration_table;
    case RECORD_KIND_FOLLOWUP: return &followup_table;
    case RECORD_KIND_COUNT: break;
    }
    return NULL;
}

#define SQL_MAX 1024

store_status record_access(store *s, const record_table *t, const char *id, access_op op)
{
    if (t == &inspection_table)
        return ST_OK;
    char sql[SQL_MAX];
    snprintf(sql, sizeof sql, "SELECT case_id FROM %s WHERE record_id = ?1 LIMIT 1", t->table);
    return store_case_access_by(s, sql, id, op);
}

void rec_read_common(sqlite3_stmt *q, record_common *c)
{
    memset(c, 0, sizeof *c);
    store_column_copy(q, 0, c->id, sizeof c->id);
    c->version = sqlite3_column_int(q, 1);
    c->withdrawn = sqlite3_column_int(q, 2) != 0;
    c->created_at = store_column_time(q, 3);
    store_column_copy(q, 4, c->created_by, sizeof c->created_by);
    c->updated_at = store_column_time(q, 5);
    store_column_copy(q, 6, c->updated_by, sizeof c->updated_by);
}

static void select_sql(const record_table *t, const char *tail, char out[SQL_MAX])
{
    snprintf(out, SQL_MAX,
             "SELECT record_id, version, entry_withdrawn, created_at, created_by, updated_at,"
             " updated_by, %s FROM %s %s", t->columns, t->table, tail);
}

store_status record_read(store *s, const record_table *t, const char *id, int version,
                         void *rec, record_common *c)
{
    char sql[SQL_MAX];
    select_sql(t, version > 0 ? "WHERE record_id = ?1 AND version = ?2"
                              : "WHERE record_id = ?1 AND is_current = 1", sql);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    if (version > 0)
        sqlite3_bind_int(q, 2, version);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        memset(rec, 0, t->size);
        rec_read_common(q, c);
        t->read(q, REC_COMMON_COLUMNS, rec);
        t->put_common(rec, c);
    } else {
        st = rc == SQLITE_DONE ? ST_NOT_FOUND : store_status_from_sqlite(s, rc);
    }
    sqlite3_finalize(q);
    return st;
}

static store_status retire_current(store *s, const record_table *t, const char *id)
{
    char sql[SQL_MAX];
    snprintf(sql, sizeof sql,
             "UPDATE %s SET is_current = 0 WHERE record_id = ?1 AND is_current = 1", t->table);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    return store_step_done(s, q);
}

/* "INSERT INTO t(common..., content...) VALUES(?1..?11, ?12..)". */
static void insert_sql(const record_table *t, char out[SQL_MAX])
{
    int n = snprintf(out, SQL_MAX,
                     "INSERT INTO %s(id, record_id, version, is_current, change, change_reason,"
                     " audit_seq, entry_withdrawn, created_at, created_by, updated_at, updated_by,"
                     " %s) VALUES(?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11",
                     t->table, t->columns);
    for (int i = 0; i < t->n_columns && n > 0 && n < SQL_MAX; i++)
        n += snprintf(out + n, (size_t)(SQL_MAX - n), ", ?%d", 12 + i);
    if (n > 0 && n < SQL_MAX)
        snprintf(out + n, (size_t)(SQL_MAX - n), ")");
}

static void stamp(store *s, record_common *c)
{
    c->updated_at = tc_now(&s->clock);
    snprintf(c->updated_by, sizeof c->updated_by, "%s", s->me.id);
    if (c->version == 0) {
        /* An intake's record id is its case's id: keep one given. */
        if (!c->id[0])
            store_new_id(c->id);
        c->version = 1;
        c->created_at = c->updated_at;
        snprintf(c->created_by, sizeof c->created_by, "%s", s->me.id);
    }
}

static void bind_common(sqlite3_stmt *q, const record_common *c, const char *row_id,
                        const char *change, const char *reason, int64_t seq)
{
    char created[TIMESTAMP_ISO_LEN], updated[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(c->created_at, created);
    timestamp_format_iso(c->updated_at, updated);
    rec_bind_text(q, 1, row_id);
    rec_bind_text(q, 2, c->id);
    sqlite3_bind_int(q, 3, c->version);
    rec_bind_text(q, 4, change);
    rec_bind_text(q, 5, reason);
    sqlite3_bind_int64(q, 6, seq);
    sqlite3_bind_int(q, 7, c->withdrawn ? 1 : 0);
    rec_bind_text(q, 8, created);
    rec_bind_text(q, 9, c->created_by);
    rec_bind_text(q, 10, updated);
    rec_bind_text(q, 11, c->updated_by);
}

store_status record_write(store *s, const record_table *t, record_common *c, const void *rec,
                          const char *change, const char *reason, const char *action)
{
    bool is_new = c->version == 0;
    stamp(s, c);
    store_status st = is_new ? ST_OK : retire_current(s, t, c->id);
    int64_t seq = 0;
    if (st == ST_OK)
        st = rec_audit(s, action, t->table, c->id, &seq);
    if (st != ST_OK)
        return st;
    char sql[SQL_MAX], row_id[TC_ID_LEN];
    insert_sql(t, sql);
    sqlite3_stmt *q = NULL;
    st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    store_new_id(row_id);
    bind_common(q, c, row_id, change, reason, seq);
    t->bind(q, 12, rec);
    return store_step_done(s, q);
}

store_status record_add(store *s, const record_table *t, void *rec, const char *action)
{
    record_common c;
    memset(&c, 0, sizeof c);
    store_status st = record_write(s, t, &c, rec, "add", NULL, action);
    if (st == ST_OK)
        t->put_common(rec, &c);
    return st;
}

typedef struct list_ctx {
    const record_table *t;
} list_ctx;

static void read_listed(sqlite3_stmt *q, void *elem, void *ctx)
{
    const record_table *t = ((list_ctx *)ctx)->t;
    record_common c;
    rec_read_common(q, &c);
    t->read(q, REC_COMMON_COLUMNS, elem);
    t->put_common(elem, &c);
}

store_status record_select(store *s, const record_table *t, const char *tail, const char *key,
                         void **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char sql[SQL_MAX];
    select_sql(t, tail, sql);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, key);
    list_ctx ctx = { t };
    return store_collect(s, q, t->size, read_listed, &ctx, out, n);
}

static record_problem check_change(const record_common *cur, record_action action,
                                   const char *reason)
{
    record_change ch;
    memset(&ch, 0, sizeof ch);
    ch.action = action;
    /* A reason longer than the field cannot be stored: refuse it as too
     * long rather than cut it. */
    if (reason && strlen(reason) > RECORD_REASON_MAX)
        return RECORD_REASON_TOO_LONG;
    snprintf(ch.reason, sizeof ch.reason, "%s", reason ? reason : "");
    record_state state = { cur->version, cur->withdrawn };
    return record_change_check(state, &ch);
}

store_status record_prepare_correction(store *s, const record_table *t, const char *id,
                                       const char *reason, void *cur, record_common *next,
                                       record_problem *problem)
{
    record_common c;
    store_status st = record_read(s, t, id, 0, cur, &c);
    if (st != ST_OK)
        return st;
    record_problem p = check_change(&c, RECORD_CORRECT, reason);
    if (problem)
        *problem = p;
    if (p != RECORD_OK)
        return ST_INVALID;
    *next = c;
    next->version = c.version + 1;
    return ST_OK;
}

/* ----------------------------------------------------------- withdrawal */

/* What hangs off a version or is derived from the record is kept in step
 * with its withdrawal, in the same transaction. */
static store_status after_withdraw(store *s, record_kind kind, const record_common *c,
                                   const void *rec)
{
    switch (kind) {
    case RECORD_KIND_REPATRIATION: return repatriation_after_withdraw(s, c, rec);
    case RECORD_KIND_REINTEGRATION: return reintegration_after_withdraw(s, c, rec);
    case RECORD_KIND_FOLLOWUP: return followup_after_withdraw(s, c, rec);
    case RECORD_KIND_CONSENT:
    case RECORD_KIND_NEED:
    case RECORD_KIND_NOTE:
    case RECORD_KIND_INSPECTION:
    case RECORD_KIND_COUNT: break;
    }
    return ST_OK;
}

static store_status withdraw_in_tx(store *s, record_kind kind, const char *id,
                                   const char *reason, record_problem *problem, void *rec)
{
    const record_table *t = record_table_of(kind);
    record_common c;
    store_status st = record_read(s, t, id, 0, rec, &c);
    if (st != ST_OK)
        return st;
    record_problem p = check_change(&c, RECORD_WITHDRAW, reason);
    if (problem)
        *problem = p;
    if (p != RECORD_OK)
        return ST_INVALID;
    c.version++;
    c.withdrawn = true;
    st = record_write(s, t, &c, rec, "withdraw", reason, "record.withdraw");
    if (st == ST_OK)
        st = after_withdraw(s, kind, &c, rec);
    return st;
}

store_status store_record_withdraw(store *s, record_kind kind, const char *id,
                                   const char *reason, record_problem *problem)
{
    if (problem)
        *problem = RECORD_OK;
    const record_table *t = record_table_of(kind);
    if (!t) {
        if (problem)
            *problem = RECORD_ACTION_INVALID;
        return ST_INVALID;
    }
    store_status st = record_access(s, t, id, ACCESS_CASE_WRITE);
    if (st != ST_OK)
        return st;
    void *rec = malloc(t->size);
    if (!rec)
        return ST_NOMEM;
    st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, withdraw_in_tx(s, kind, id, reason, problem, rec));
    free(rec);
    return st;
}

/* -------------------------------------------------------------- history */

static void read_version(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    record_version *v = elem;
    v->version = sqlite3_column_int(q, 0);
    store_column_copy(q, 1, v->change, sizeof v->change);
    store_column_copy(q, 2, v->reason, sizeof v->reason);
    v->at = store_column_time(q, 3);
    store_column_copy(q, 4, v->officer_id, sizeof v->officer_id);
    store_column_copy(q, 5, v->officer_name, sizeof v->officer_name);
}

store_status store_record_versions(store *s, record_kind kind, const char *id,
                                   record_version **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const record_table *t = record_table_of(kind);
    if (!t)
        return ST_INVALID;
    store_status allowed = record_access(s, t, id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    char sql[SQL_MAX];
    snprintf(sql, sizeof sql,
             "SELECT v.version, v.change, v.change_reason, v.updated_at, v.updated_by, o.name"
             " FROM %s v LEFT JOIN officers o ON o.id = v.updated_by"
             " WHERE v.record_id = ?1 ORDER BY v.version", t->table);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    void *arr = NULL;
    st = store_collect(s, q, sizeof **out, read_version, NULL, &arr, n);
    *out = arr;
    if (st == ST_OK && *n == 0)
        st = ST_NOT_FOUND;
    return st;
}
