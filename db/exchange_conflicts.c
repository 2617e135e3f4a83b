/* exchange_conflicts.c - the conflicts an import left, and resolving them
 * field by field (db/exchange.h). */
#include "config.h"
#include "db/exchange_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caserec.h"

/* ------------------------------------------------------- derived keys */

store_status exch_refresh_case_keys(store *s, const char *case_id)
{
    tc_case *c = malloc(sizeof *c);
    if (!c)
        return ST_NOMEM;
    store_status st = store_case_get(s, case_id, c);
    if (st == ST_OK && strcmp(c->id, case_id))
        st = ST_NOT_FOUND;
    /* As db/cases.c sizes it: every name and the aliases, with separators. */
    char key[4 * (CASE_NAME_MAX + 1) + CASE_ALIASES_MAX + 8], sort[CALDATE_ISO_LEN];
    unsigned char name_key[NAME_KEY_MAX];
    size_t name_len = 0;
    if (st == ST_OK) {
        case_search_key(c, key, sizeof key);
        /* As db/cases.c: the date met, else the civil date it was made. */
        caldate d = c->date_met_known
                        ? c->date_met
                        : caldate_from_timestamp(c->created_at, store_clock(s)->utc_offset);
        caldate_format_iso(d, sort);
        name_len = store_case_name_key(c, name_key);
    }
    free(c);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s, "UPDATE cases SET search_key = ?2, sort_date = ?3 WHERE id = ?1",
                           &q);
    if (st == ST_OK) {
        sqlite3_bind_text(q, 1, case_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, sort, -1, SQLITE_STATIC);
        st = store_step_done(s, q);
    }
    if (st == ST_OK)
        st = store_prepare(s, "INSERT OR REPLACE INTO case_name_keys(case_id, name_key)"
                              " VALUES(?1, ?2)", &q);
    if (st == ST_OK) {
        sqlite3_bind_text(q, 1, case_id, -1, SQLITE_STATIC);
        sqlite3_bind_blob(q, 2, name_key, (int)name_len, SQLITE_STATIC);
        st = store_step_done(s, q);
    }
    return st;
}

/* ------------------------------------------------------------- reading */

#define CONFLICT_COLUMNS \
    "x.id, x.number, x.bundle_row_id, coalesce(b.bundle_id, ''), coalesce(p.name, '')," \
    " x.table_name, x.row_id, x.case_id, coalesce(c.reference, ''), x.field, x.local_value," \
    " x.incoming_value, x.state, coalesce(x.resolution, ''), x.created_at, x.resolved_at," \
    " coalesce(o.name, '')"
#define CONFLICT_FROM \
    " FROM exchange_conflicts x LEFT JOIN exchange_bundles b ON b.id = x.bundle_row_id" \
    " LEFT JOIN exchange_peers p ON p.id = b.peer_id LEFT JOIN cases c ON c.id = x.case_id" \
    " LEFT JOIN officers o ON o.id = x.resolved_by"

static void conflict_read(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    exch_conflict *x = elem;
    store_column_copy(q, 0, x->id, sizeof x->id);
    x->number = sqlite3_column_int64(q, 1);
    store_column_copy(q, 2, x->bundle_row_id, sizeof x->bundle_row_id);
    store_column_copy(q, 3, x->bundle_id, sizeof x->bundle_id);
    store_column_copy(q, 4, x->peer_name, sizeof x->peer_name);
    store_column_copy(q, 5, x->table, sizeof x->table);
    store_column_copy(q, 6, x->row_id, sizeof x->row_id);
    store_column_copy(q, 7, x->case_id, sizeof x->case_id);
    store_column_copy(q, 8, x->case_reference, sizeof x->case_reference);
    store_column_copy(q, 9, x->field, sizeof x->field);
    x->local_value = exch_strdup_or_null((const char *)sqlite3_column_text(q, 10));
    x->incoming_value = exch_strdup_or_null((const char *)sqlite3_column_text(q, 11));
    x->open = store_column_is(q, 12, "open");
    x->resolution = store_column_is(q, 13, "incoming") ? EXCH_KEEP_INCOMING : EXCH_KEEP_LOCAL;
    x->at = store_column_time(q, 14);
    x->resolved_at = store_column_time(q, 15);
    store_column_copy(q, 16, x->resolved_by_name, sizeof x->resolved_by_name);
}

store_status exchange_conflict_list(store *s, bool open_only, exch_conflict **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(
        s, open_only ? "SELECT " CONFLICT_COLUMNS CONFLICT_FROM
                       " WHERE x.state = 'open' ORDER BY x.number"
                     : "SELECT " CONFLICT_COLUMNS CONFLICT_FROM
                       " ORDER BY x.state = 'resolved', CASE WHEN x.state = 'open'"
                       " THEN x.number ELSE -x.number END", &q);
    if (st != ST_OK)
        return st;
    return store_collect(s, q, sizeof **out, conflict_read, NULL, (void **)out, n);
}

static bool all_digits(const char *t)
{
    if (!t || !*t)
        return false;
    for (; *t; t++)
        if (*t < '0' || *t > '9')
            return false;
    return true;
}

store_status exchange_conflict_get(store *s, const char *id_or_number, exch_conflict *out,
                                   exch_refusal *r)
{
    exch_refuse(r, EXCH_OK, NULL);
    memset(out, 0, sizeof *out);
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, all_digits(id_or_number)
                                              ? "SELECT " CONFLICT_COLUMNS CONFLICT_FROM
                                                " WHERE x.number = ?1"
                                              : "SELECT " CONFLICT_COLUMNS CONFLICT_FROM
                                                " WHERE x.id = ?1", id_or_number ? id_or_number : "", &q);
    if (st == ST_NOT_FOUND)
        exch_refuse(r, EXCH_CONFLICT_UNKNOWN, id_or_number);
    if (st != ST_OK)
        return st;
    conflict_read(q, out, NULL);
    sqlite3_finalize(q);
    return ST_OK;
}

store_status exchange_conflict_count(store *s, size_t *n)
{
    sqlite3_stmt *q = NULL;
    *n = 0;
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    store_status st = store_prepare(s, "SELECT count(*) FROM exchange_conflicts"
                                       " WHERE state = 'open'", &q);
    if (st != ST_OK)
        return st;
    sqlite3_int64 c = 0;
    st = store_step_count(s, q, &c);
    *n = (size_t)c;
    return st;
}

void exchange_conflict_clear(exch_conflict *c)
{
    if (!c)
        return;
    free(c->local_value);
    free(c->incoming_value);
    c->local_value = c->incoming_value = NULL;
}

void exchange_conflicts_free(exch_conflict *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        exchange_conflict_clear(&c[i]);
    free(c);
}

/* ----------------------------------------------------------- resolving */

/* A field name as migrations write them (letters, digits, '_'): only such
 * a name, of a table that travels, reaches the UPDATE. */
static bool plain_name(const char *t)
{
    if (!t || !*t)
        return false;
    for (; *t; t++)
        if (!((*t >= 'a' && *t <= 'z') || (*t >= '0' && *t <= '9') || *t == '_'))
            return false;
    return true;
}

static store_status take_incoming(store *s, const exch_conflict *x)
{
    const exch_table *t = exch_table_find(x->table, EXCH_PROFILE_FULL);
    if (!t)
        t = exch_table_find(x->table, EXCH_PROFILE_CROSS_BORDER);
    if (!t || !plain_name(x->field) || exch_column_local(x->field))
        return ST_DAMAGED;
    char sql[256], now[TIMESTAMP_ISO_LEN];
    snprintf(sql, sizeof sql, "UPDATE %s SET \"%s\" = ?2, updated_at = ?3, updated_by = ?4"
             " WHERE \"%s\" = ?1", t->name, x->field, t->pk);
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, x->row_id, -1, SQLITE_STATIC);
    if (x->incoming_value)
        sqlite3_bind_text(q, 2, x->incoming_value, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, s->me.id, -1, SQLITE_STATIC);
    st = store_step_done(s, q);
    if (st == ST_OK && (!strcmp(t->name, "persons") || !strcmp(t->name, "cases"))
        && x->case_id[0])
        st = exch_refresh_case_keys(s, x->case_id);
    return st;
}

static store_status mark_resolved(store *s, const exch_conflict *x, exch_keep keep)
{
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "UPDATE exchange_conflicts SET state = 'resolved',"
                                       " resolution = ?2, resolved_at = ?3, resolved_by = ?4,"
                                       " updated_at = ?3, updated_by = ?4 WHERE id = ?1", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, x->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, keep == EXCH_KEEP_INCOMING ? "incoming" : "local", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "conflict.resolve", "exchange_conflicts", x->id);
}

/* The open conflicts of the same record from the same bundle (one field
 * when field is given). */
static store_status siblings(store *s, const exch_conflict *x, const char *field,
                             exch_conflict **out, size_t *n)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT " CONFLICT_COLUMNS CONFLICT_FROM
                                       " WHERE x.state = 'open' AND x.bundle_row_id = ?1"
                                       " AND x.table_name = ?2 AND x.row_id = ?3"
                                       " AND (?4 IS NULL OR x.field = ?4) ORDER BY x.number", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, x->bundle_row_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, x->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, x->row_id, -1, SQLITE_STATIC);
    if (field)
        sqlite3_bind_text(q, 4, field, -1, SQLITE_STATIC);
    return store_collect(s, q, sizeof **out, conflict_read, NULL, (void **)out, n);
}

store_status exchange_conflict_resolve(store *s, const char *id_or_number, exch_keep keep,
                                       const char *field, size_t *n_resolved,
                                       exch_refusal *r)
{
    exch_refusal ignored;
    if (!r)
        r = &ignored;
    if (n_resolved)
        *n_resolved = 0;
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    exch_conflict x;
    store_status st = exchange_conflict_get(s, id_or_number, &x, r);
    if (st != ST_OK)
        return st == ST_NOT_FOUND ? ST_NOT_FOUND : st;
    bool was_open = x.open;
    if (!was_open) {
        exchange_conflict_clear(&x);
        exch_refuse(r, EXCH_CONFLICT_RESOLVED, id_or_number);
        return ST_INVALID;
    }
    st = store_begin(s);
    exch_conflict *all = NULL;
    size_t n = 0;
    if (st == ST_OK) {
        st = siblings(s, &x, field, &all, &n);
        if (st == ST_OK && n == 0) {
            exch_refuse(r, EXCH_FIELD_UNKNOWN, field);
            st = ST_INVALID;
        }
        for (size_t i = 0; st == ST_OK && i < n; i++) {
            if (keep == EXCH_KEEP_INCOMING)
                st = take_incoming(s, &all[i]);
            if (st == ST_OK)
                st = mark_resolved(s, &all[i], keep);
        }
        st = store_finish(s, st);
    }
    if (st == ST_OK && n_resolved)
        *n_resolved = n;
    exchange_conflicts_free(all, n);
    exchange_conflict_clear(&x);
    return st;
}
