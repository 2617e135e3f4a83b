/* exchange_receive.c - checking, previewing and importing a bundle
 * (db/exchange.h).
 *
 * Every check runs before anything is written, and the import runs them
 * again inside its one transaction: a bundle is either imported whole or
 * not at all.  Table and column names from a bundle reach SQL only after
 * they matched a table that travels (exchange_tables.c) and a column that
 * table has here. */
#include "config.h"
#include "db/exchange_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caserec.h"

#define MAX_COLS 64
#define COL_NAME_MAX 48

/* The columns a table has in this store (PRAGMA table_info). */
typedef struct colset {
    const exch_table *t;
    char names[MAX_COLS][COL_NAME_MAX];
    size_t n;
} colset;

struct exch_incoming {
    bundle_header h;
    bundle_payload p;
    exch_peer sender;
    exch_profile profile;
    char sender_code[16];
    colset *cols;           /* one per travelling table, filled on first use */
    size_t n_cols;
};

/* ------------------------------------------------------------ columns */

static store_status load_columns(store *s, const exch_table *t, colset *c)
{
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", t->name);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    c->t = t;
    c->n = 0;
    while (sqlite3_step(q) == SQLITE_ROW && c->n < MAX_COLS)
        store_column_copy(q, 1, c->names[c->n++], COL_NAME_MAX);
    sqlite3_finalize(q);
    return ST_OK;
}

static store_status columns_of(store *s, exch_incoming *in, const exch_table *t,
                               const colset **out)
{
    for (size_t i = 0; i < in->n_cols; i++)
        if (in->cols[i].t == t) {
            *out = &in->cols[i];
            return ST_OK;
        }
    colset *grown = realloc(in->cols, (in->n_cols + 1) * sizeof *grown);
    if (!grown)
        return ST_NOMEM;
    in->cols = grown;
    store_status st = load_columns(s, t, &in->cols[in->n_cols]);
    if (st == ST_OK)
        *out = &in->cols[in->n_cols++];
    return st;
}

static bool has_column(const colset *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->names[i], name))
            return true;
    return false;
}

/* --------------------------------------------------- checking the items */

/* The value a field has here: an instrument named "@code:version" becomes
 * this store's id for it (ST_NOT_FOUND when this store lacks it). */
static store_status local_value(store *s, const exch_table *t, const char *field,
                                const char *value, char *buf, size_t bufsz, const char **out)
{
    *out = value;
    if (!value || strcmp(t->name, "screenings") || strcmp(field, "instrument_id"))
        return ST_OK;
    char code[64];
    int version = 0;
    const char *colon = strrchr(value, ':');
    if (value[0] != '@' || !colon || (size_t)(colon - value - 1) >= sizeof code
        || sscanf(colon + 1, "%d", &version) != 1)
        return ST_NOT_FOUND;
    memcpy(code, value + 1, (size_t)(colon - value - 1));
    code[colon - value - 1] = '\0';
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT id FROM instruments WHERE code = ?1"
                                       " AND version = ?2", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, version);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        store_column_copy(q, 0, buf, bufsz);
        *out = buf;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ST_OK : ST_NOT_FOUND;
}

static store_status content_unknown(exch_refusal *r, const char *a, const char *b)
{
    char detail[EXCH_DETAIL_MAX + 1];
    snprintf(detail, sizeof detail, "%s%s%s", a, b ? "." : "", b ? b : "");
    exch_refuse(r, EXCH_CONTENT_UNKNOWN, detail);
    return ST_INVALID;
}

static bool is_case_in_bundle(const exch_incoming *in, const char *case_id)
{
    for (size_t i = 0; i < in->p.n_items; i++) {
        const bundle_item *it = &in->p.items[i];
        if (!strcmp(it->table, in->profile == EXCH_PROFILE_CROSS_BORDER ? EXCH_PROFILE_TABLE
                                                                          : "cases")
            && !strcmp(it->id, case_id))
            return true;
    }
    return false;
}

/* One item: a table that travels in this profile, fields this store has
 * (none it makes itself), the match columns present, its case known. */
static store_status check_item(store *s, exch_incoming *in, const bundle_item *it,
                               exch_refusal *r)
{
    const exch_table *t = exch_table_find(it->table, in->profile);
    if (!t)
        return content_unknown(r, it->table, NULL);
    const colset *c = NULL;
    store_status st = columns_of(s, in, t, &c);
    if (st != ST_OK)
        return st;
    bool found;
    const char *case_id = exch_item_value(it, EXCH_CASE_FIELD, &found);
    if (!found || !case_id)
        return content_unknown(r, it->table, EXCH_CASE_FIELD);
    for (size_t i = 0; i < it->n_fields; i++) {
        const char *f = it->fields[i].name;
        if (!strcmp(f, EXCH_CASE_FIELD))
            continue;
        if (!has_column(c, f) || exch_column_local(f) || (strcmp(f, "case_id") && !strcmp(f, t->pk)))
            return content_unknown(r, it->table, f);
        char buf[TC_ID_LEN];
        const char *v;
        if (local_value(s, t, f, it->fields[i].value, buf, sizeof buf, &v) == ST_NOT_FOUND)
            return content_unknown(r, "instrument", it->fields[i].value);
    }
    for (int m = 0; m < 3 && t->match[m]; m++)
        if (strcmp(t->match[m], t->pk) && !exch_item_value(it, t->match[m], &found) && !found)
            return content_unknown(r, it->table, t->match[m]);
    if (in->profile == EXCH_PROFILE_FULL && !is_case_in_bundle(in, case_id)) {
        bool here = false;
        st = rec_exists(s, "SELECT 1 FROM cases WHERE id = ?1", case_id, &here);
        if (st != ST_OK)
            return st;
        if (!here)
            return content_unknown(r, "cases", case_id);
    }
    return ST_OK;
}

/* The "_bundle" item: who sent it and with which profile. */
static store_status read_meta(exch_incoming *in, exch_refusal *r)
{
    for (size_t i = 0; i < in->p.n_items; i++) {
        const bundle_item *it = &in->p.items[i];
        if (strcmp(it->table, EXCH_META_TABLE))
            continue;
        bool found;
        const char *profile = exch_item_value(it, "profile", &found);
        const char *code = exch_item_value(it, "store_code", &found);
        if (!profile || (strcmp(profile, "full") && strcmp(profile, "cross_border")))
            break;
        in->profile = strcmp(profile, "full") ? EXCH_PROFILE_CROSS_BORDER : EXCH_PROFILE_FULL;
        snprintf(in->sender_code, sizeof in->sender_code, "%s", code ? code : "");
        return ST_OK;
    }
    return content_unknown(r, EXCH_META_TABLE, NULL);
}

static store_status check_items(store *s, exch_incoming *in, exch_refusal *r)
{
    store_status st = read_meta(in, r);
    for (size_t i = 0; st == ST_OK && i < in->p.n_items; i++)
        if (strcmp(in->p.items[i].table, EXCH_META_TABLE))
            st = check_item(s, in, &in->p.items[i], r);
    return st;
}

/* --------------------------------------------------- the file's checks */

static store_status already_received(store *s, const char *bundle_id, bool *yes)
{
    return rec_exists(s, "SELECT 1 FROM exchange_bundles WHERE direction = 'received'"
                         " AND bundle_id = ?1", bundle_id, yes);
}

/* Who sent it: a known, active peer with exactly these keys. */
static store_status check_sender(store *s, exch_incoming *in, exch_refusal *r)
{
    char fp[IDENTITY_FP_TEXT];
    identity_fingerprint_text(&in->h.sender, fp);
    store_status st = exch_peer_by_fp(s, fp, &in->sender);
    if (st == ST_NOT_FOUND || (st == ST_OK && memcmp(&in->sender.pub, &in->h.sender,
                                                      sizeof in->h.sender))) {
        exch_refuse(r, EXCH_UNKNOWN_SENDER, fp);
        return ST_INVALID;
    }
    if (st == ST_OK && in->sender.retired) {
        exch_refuse(r, EXCH_SENDER_RETIRED, fp);
        return ST_INVALID;
    }
    return st;
}

static store_status refuse_bundle(exch_refusal *r, bundle_status bs)
{
    if (bs == BUNDLE_WRONG_RECIPIENT || bs == BUNDLE_CANNOT_OPEN) {
        exch_refuse(r, EXCH_WRONG_RECIPIENT, NULL);
    } else {
        exch_refuse(r, EXCH_BUNDLE_REFUSED, NULL);
        r->bundle = bs;
    }
    return bs == BUNDLE_NOMEM ? ST_NOMEM : ST_INVALID;
}

/* Everything about the file and who sent it, before the seal is opened. */
static store_status check_file(store *s, const uint8_t *data, size_t len, exch_incoming *in,
                               const identity_keys *me, exch_refusal *r)
{
    bundle_status bs = bundle_peek(data, len, &in->h);
    if (bs != BUNDLE_OK)
        return refuse_bundle(r, bs);
    if (!me || !memcmp(&me->pub, &in->h.sender, sizeof me->pub)) {
        exch_refuse(r, me ? EXCH_OWN_BUNDLE : EXCH_WRONG_RECIPIENT, NULL);
        return ST_INVALID;
    }
    uint8_t fp[IDENTITY_FP_BYTES];
    identity_fingerprint(&me->pub, fp);
    if (memcmp(fp, in->h.recipient_fp, sizeof fp)) {
        exch_refuse(r, EXCH_WRONG_RECIPIENT, NULL);
        return ST_INVALID;
    }
    store_status st = check_sender(s, in, r);
    if (st != ST_OK)
        return st;
    bool seen = false;
    st = already_received(s, in->h.id_text, &seen);
    if (st == ST_OK && seen) {
        exch_refuse(r, EXCH_REPLAYED, in->h.id_text);
        st = ST_INVALID;
    }
    return st;
}

/* ----------------------------------------------------- classification */

/* Told of each field that differs: the local row's primary key, the
 * field, both values. */
typedef store_status (*diff_fn)(void *ctx, const bundle_item *it, const char *local_pk,
                                const char *field, const char *local, const char *incoming);

static void append_sql(char *sql, size_t sz, const char *text)
{
    size_t len = strlen(sql);
    snprintf(sql + len, sz - len, "%s", text);
}

/* SELECT pk, <compared fields> FROM t WHERE <match>; the fields' order is
 * the item's. */
static void build_lookup(const exch_table *t, const bundle_item *it, char *sql, size_t sz)
{
    snprintf(sql, sz, "SELECT \"%s\"", t->pk);
    for (size_t i = 0; i < it->n_fields; i++) {
        const char *f = it->fields[i].name;
        if (strcmp(f, EXCH_CASE_FIELD) && !exch_column_uncompared(f)) {
            append_sql(sql, sz, ", \"");
            append_sql(sql, sz, f);
            append_sql(sql, sz, "\"");
        }
    }
    append_sql(sql, sz, " FROM ");
    append_sql(sql, sz, t->name);
    for (int m = 0; m < 3 && t->match[m]; m++) {
        append_sql(sql, sz, m ? " AND \"" : " WHERE \"");
        append_sql(sql, sz, t->match[m]);
        append_sql(sql, sz, "\" IS ?");
        char n[8];
        snprintf(n, sizeof n, "%d", m + 1);
        append_sql(sql, sz, n);
    }
}

static const char *match_value(const exch_table *t, const bundle_item *it, int m)
{
    bool found;
    if (!strcmp(t->match[m], t->pk))
        return it->id;
    return exch_item_value(it, t->match[m], &found);
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static store_status compare_row(store *s, const exch_table *t, const bundle_item *it,
                                sqlite3_stmt *q, size_t *n_diff, diff_fn on_diff, void *ctx)
{
    char local_pk[TC_ID_LEN];
    store_column_copy(q, 0, local_pk, sizeof local_pk);
    int col = 1;
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < it->n_fields; i++) {
        const char *f = it->fields[i].name;
        if (!strcmp(f, EXCH_CASE_FIELD) || exch_column_uncompared(f))
            continue;
        char buf[TC_ID_LEN];
        const char *incoming;
        st = local_value(s, t, f, it->fields[i].value, buf, sizeof buf, &incoming);
        const char *local = (const char *)sqlite3_column_text(q, col++);
        if (st == ST_OK && !same_text(local, incoming)) {
            (*n_diff)++;
            if (on_diff)
                st = on_diff(ctx, it, local_pk, f, local, incoming);
        }
    }
    return st;
}

/* New here, the same, or in conflict (n_diff fields differ). */
static store_status classify(store *s, const exch_table *t, const bundle_item *it,
                             exch_row_fate *fate, size_t *n_diff, diff_fn on_diff, void *ctx)
{
    char sql[2048];
    build_lookup(t, it, sql, sizeof sql);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    for (int m = 0; m < 3 && t->match[m]; m++) {
        const char *v = match_value(t, it, m);
        if (v)
            sqlite3_bind_text(q, m + 1, v, -1, SQLITE_STATIC);
    }
    *n_diff = 0;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        st = compare_row(s, t, it, q, n_diff, on_diff, ctx);
        *fate = *n_diff ? EXCH_ROW_CONFLICT : EXCH_ROW_SAME;
    } else if (rc == SQLITE_DONE) {
        *fate = EXCH_ROW_NEW;
    } else {
        st = store_status_from_sqlite(s, rc);
    }
    sqlite3_finalize(q);
    return st;
}

/* ------------------------------------------------------------- preview */

static exch_preview_case *preview_case(exch_preview *pv, const char *case_id)
{
    for (size_t i = 0; i < pv->n_cases; i++)
        if (!strcmp(pv->cases[i].case_id, case_id))
            return &pv->cases[i];
    exch_preview_case *grown = realloc(pv->cases, (pv->n_cases + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    pv->cases = grown;
    exch_preview_case *c = &pv->cases[pv->n_cases++];
    memset(c, 0, sizeof *c);
    snprintf(c->case_id, sizeof c->case_id, "%s", case_id);
    return c;
}

static void copy_field(const bundle_item *it, const char *name, char *out, size_t outsz)
{
    bool found;
    const char *v = exch_item_value(it, name, &found);
    snprintf(out, outsz, "%s", v ? v : "");
}

/* The name and reference the preview shows for a case. */
static void preview_names(const bundle_item *it, exch_preview_case *c)
{
    if (!strcmp(it->table, "cases")) {
        copy_field(it, "reference", c->reference, sizeof c->reference);
    } else if (!strcmp(it->table, "persons")) {
        tc_case *tmp = calloc(1, sizeof *tmp);
        if (!tmp)
            return;
        case_init(tmp);
        copy_field(it, "name_thai", tmp->name_thai, sizeof tmp->name_thai);
        copy_field(it, "name_original", tmp->name_original, sizeof tmp->name_original);
        copy_field(it, "name_latin", tmp->name_latin, sizeof tmp->name_latin);
        snprintf(c->display_name, sizeof c->display_name, "%s", case_display_name(tmp));
        sodium_memzero(tmp, sizeof *tmp);
        free(tmp);
    }
}

static void count_fate(exch_preview *pv, exch_preview_case *c, exch_row_fate fate, size_t n_diff)
{
    pv->n_rows++;
    switch (fate) {
    case EXCH_ROW_NEW:
        pv->n_new++;
        c->n_new++;
        break;
    case EXCH_ROW_SAME:
        pv->n_same++;
        c->n_same++;
        break;
    case EXCH_ROW_CONFLICT:
        pv->n_conflict_rows++;
        pv->n_conflict_fields += n_diff;
        c->n_conflict_rows++;
        c->n_conflict_fields += n_diff;
        break;
    }
}

static void preview_start(const exch_incoming *in, exch_preview *pv)
{
    memset(pv, 0, sizeof *pv);
    snprintf(pv->bundle_id, sizeof pv->bundle_id, "%s", in->h.id_text);
    pv->created_at = in->h.created_at;
    pv->sender = in->sender;
    pv->profile = in->profile;
    snprintf(pv->sender_store_code, sizeof pv->sender_store_code, "%s", in->sender_code);
}

/* Cases first: "is_new" is whether the case row is new here. */
static store_status make_preview(store *s, const exch_incoming *in, exch_preview *pv)
{
    preview_start(in, pv);
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < in->p.n_items; i++) {
        const bundle_item *it = &in->p.items[i];
        const exch_table *t = exch_table_find(it->table, in->profile);
        if (!t)
            continue;
        bool found;
        exch_preview_case *c = preview_case(pv, exch_item_value(it, EXCH_CASE_FIELD, &found));
        if (!c)
            return ST_NOMEM;
        exch_row_fate fate;
        size_t n_diff = 0;
        st = classify(s, t, it, &fate, &n_diff, NULL, NULL);
        if (st != ST_OK)
            break;
        count_fate(pv, c, fate, n_diff);
        preview_names(it, c);
        if ((!strcmp(it->table, "cases") || !strcmp(it->table, EXCH_PROFILE_TABLE))
            && fate == EXCH_ROW_NEW)
            c->is_new = true;
    }
    return st;
}

/* ---------------------------------------------------------------- open */

static store_status open_checked(store *s, const uint8_t *data, size_t len, exch_incoming *in,
                                 exch_refusal *r)
{
    identity_keys *me = NULL;
    store_status st = exch_identity_load(s, false, &me);
    if (st != ST_OK && st != ST_NOT_FOUND)
        return st;
    st = check_file(s, data, len, in, me, r);
    if (st == ST_OK) {
        bundle_status bs = bundle_open(data, len, me, &in->h, &in->p);
        if (bs != BUNDLE_OK)
            st = refuse_bundle(r, bs);
    }
    identity_keys_free(me);
    if (st == ST_OK)
        st = check_items(s, in, r);
    return st;
}

store_status exchange_receive_open(store *s, const uint8_t *data, size_t len,
                                   exch_incoming **out, exch_preview *pv, exch_refusal *r)
{
    exch_refusal ignored;
    if (!r)
        r = &ignored;
    exch_refuse(r, EXCH_OK, NULL);
    memset(pv, 0, sizeof *pv);
    *out = NULL;
    if (store_may(s, ACCESS_HANDOVER) != ST_OK || exch_refuse_demo(s, r) != ST_OK)
        return ST_DENIED;
    exch_incoming *in = calloc(1, sizeof *in);
    if (!in)
        return ST_NOMEM;
    store_status st = open_checked(s, data, len, in, r);
    if (st == ST_OK)
        st = make_preview(s, in, pv);
    if (st != ST_OK) {
        exchange_incoming_free(in);
        exchange_preview_free(pv);
        return st;
    }
    *out = in;
    return ST_OK;
}

void exchange_incoming_free(exch_incoming *in)
{
    if (!in)
        return;
    bundle_payload_free(&in->p);
    free(in->cols);
    sodium_memzero(in, sizeof *in);
    free(in);
}

void exchange_preview_free(exch_preview *pv)
{
    if (!pv)
        return;
    free(pv->cases);
    pv->cases = NULL;
    pv->n_cases = 0;
}

/* -------------------------------------------------------------- import */

typedef struct importing {
    store *s;
    exch_incoming *in;
    exch_preview *pv;
    char bundle_row[TC_ID_LEN];
    int64_t seq;                /* the "exchange.receive" audit row */
    int64_t next_number;        /* of the next conflict */
    char now[TIMESTAMP_ISO_LEN];
    /* Versioned records whose current version is worked out at the end. */
    struct touched { const exch_table *t; char record_id[TC_ID_LEN]; } *touched;
    size_t n_touched;
} importing;

static store_status insert_bundle_row(importing *w)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(w->s, "INSERT INTO exchange_bundles(id, bundle_id, direction,"
                                          " peer_id, peer_store_code, profile, case_ids,"
                                          " bundle_created_at, audit_seq, created_at, updated_at,"
                                          " created_by, updated_by) VALUES(?1, ?2, 'received', ?3,"
                                          " ?4, ?5, '', ?6, ?7, ?8, ?8, ?9, ?9)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, w->bundle_row, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, w->in->h.id_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, w->in->sender.id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, w->in->sender_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, w->in->profile == EXCH_PROFILE_CROSS_BORDER ? "cross_border" : "full",
                      -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 6, w->in->h.created_at);
    sqlite3_bind_int64(q, 7, w->seq);
    sqlite3_bind_text(q, 8, w->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 9, w->s->me.id, -1, SQLITE_STATIC);
    return store_step_done(w->s, q);
}

static store_status finish_bundle_row(importing *w)
{
    char *ids = calloc(w->pv->n_cases + 1, TC_ID_LEN + 1);
    if (!ids)
        return ST_NOMEM;
    for (size_t i = 0; i < w->pv->n_cases; i++) {
        if (i)
            strcat(ids, ",");
        strcat(ids, w->pv->cases[i].case_id);
    }
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(w->s, "UPDATE exchange_bundles SET case_ids = ?2, n_cases = ?3,"
                                          " n_rows = ?4, n_new = ?5, n_same = ?6, n_conflicts = ?7"
                                          " WHERE id = ?1", &q);
    if (st == ST_OK) {
        sqlite3_bind_text(q, 1, w->bundle_row, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, ids, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)w->pv->n_cases);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)w->pv->n_rows);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)w->pv->n_new);
        sqlite3_bind_int64(q, 6, (sqlite3_int64)w->pv->n_same);
        sqlite3_bind_int64(q, 7, (sqlite3_int64)w->pv->n_conflict_fields);
        st = store_step_done(w->s, q);
    }
    free(ids);
    return st;
}

/* A conflict row for one differing field, unless the same difference
 * from the same record is open already (the same bundle content sent
 * twice under two ids). */
static store_status add_conflict(void *ctx, const bundle_item *it, const char *local_pk,
                                 const char *field, const char *local, const char *incoming)
{
    importing *w = ctx;
    bool found, open_already = false;
    const char *case_id = exch_item_value(it, EXCH_CASE_FIELD, &found);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(w->s, "SELECT 1 FROM exchange_conflicts WHERE table_name = ?1"
                                          " AND row_id = ?2 AND field = ?3 AND state = 'open'"
                                          " AND incoming_value IS ?4", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, it->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, local_pk, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, field, -1, SQLITE_STATIC);
    if (incoming)
        sqlite3_bind_text(q, 4, incoming, -1, SQLITE_STATIC);
    open_already = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    if (open_already)
        return ST_OK;
    char id[TC_ID_LEN];
    store_new_id(id);
    st = store_prepare(w->s, "INSERT INTO exchange_conflicts(id, number, bundle_row_id, table_name,"
                             " row_id, case_id, field, local_value, incoming_value, state,"
                             " audit_seq, created_at, updated_at, created_by, updated_by)"
                             " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open', ?10, ?11, ?11,"
                             " ?12, ?12)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, w->next_number++);
    sqlite3_bind_text(q, 3, w->bundle_row, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, it->table, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, local_pk, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, case_id ? case_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, field, -1, SQLITE_STATIC);
    if (local)
        sqlite3_bind_text(q, 8, local, -1, SQLITE_STATIC);
    if (incoming)
        sqlite3_bind_text(q, 9, incoming, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 10, w->seq);
    sqlite3_bind_text(q, 11, w->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 12, w->s->me.id, -1, SQLITE_STATIC);
    return store_step_done(w->s, q);
}

/* A stamp column the table has but the item does not carry (a
 * cross-border profile is made when it is sent, not saved): now. */
static bool stamp_missing(const colset *c, const bundle_item *it, const char *name)
{
    bool found;
    exch_item_value(it, name, &found);
    return !found && has_column(c, name);
}

static const char *const stamps[] = { "created_at", "updated_at" };

/* The columns an insert fills that the bundle does not carry. */
static void local_columns_sql(const colset *c, const bundle_item *it, char *cols, size_t sz)
{
    for (size_t i = 0; i < 2; i++)
        if (stamp_missing(c, it, stamps[i])) {
            append_sql(cols, sz, ", ");
            append_sql(cols, sz, stamps[i]);
        }
    static const char *const made_here[] = { "created_by", "updated_by", "audit_seq",
                                             "is_current", "sort_date", "source_store" };
    for (size_t i = 0; i < sizeof made_here / sizeof made_here[0]; i++)
        if (has_column(c, made_here[i])) {
            append_sql(cols, sz, ", ");
            append_sql(cols, sz, made_here[i]);
        }
}

static void bind_local_columns(importing *w, const colset *c, const bundle_item *it,
                               sqlite3_stmt *q, int *i)
{
    for (size_t k = 0; k < 2; k++)
        if (stamp_missing(c, it, stamps[k]))
            sqlite3_bind_text(q, (*i)++, w->now, -1, SQLITE_STATIC);
    if (has_column(c, "created_by"))
        sqlite3_bind_text(q, (*i)++, w->s->me.id, -1, SQLITE_STATIC);
    if (has_column(c, "updated_by"))
        sqlite3_bind_text(q, (*i)++, w->s->me.id, -1, SQLITE_STATIC);
    if (has_column(c, "audit_seq"))
        sqlite3_bind_int64(q, (*i)++, w->seq);
    if (has_column(c, "is_current"))
        sqlite3_bind_int(q, (*i)++, 0);         /* worked out at the end */
    if (has_column(c, "sort_date"))
        sqlite3_bind_text(q, (*i)++, "", -1, SQLITE_STATIC);   /* refresh_case_keys */
    if (has_column(c, "source_store"))
        sqlite3_bind_text(q, (*i)++, w->in->sender_code, -1, SQLITE_STATIC);
}

/* INSERT INTO t(pk, fields..., local columns) VALUES(?, ...). */
static size_t insert_sql(const exch_table *t, const colset *c, const bundle_item *it,
                         char *sql, size_t sz)
{
    char cols[2048], marks[1024];
    size_t n = 1;
    snprintf(cols, sizeof cols, "\"%s\"", t->pk);
    for (size_t i = 0; i < it->n_fields; i++) {
        const char *f = it->fields[i].name;
        if (!strcmp(f, EXCH_CASE_FIELD) || !strcmp(f, t->pk))
            continue;
        append_sql(cols, sizeof cols, ", \"");
        append_sql(cols, sizeof cols, f);
        append_sql(cols, sizeof cols, "\"");
        n++;
    }
    size_t before = strlen(cols);
    local_columns_sql(c, it, cols, sizeof cols);
    for (const char *p = cols + before; *p; p++)
        n += *p == ',';
    marks[0] = '\0';
    for (size_t i = 0; i < n; i++)
        append_sql(marks, sizeof marks, i ? ", ?" : "?");
    snprintf(sql, sz, "INSERT INTO %s(%s) VALUES(%s)", t->name, cols, marks);
    return n;
}

static store_status note_provenance(importing *w, const exch_table *t, const bundle_item *it)
{
    char id[TC_ID_LEN];
    store_new_id(id);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(w->s, "INSERT INTO exchange_rows(id, bundle_row_id, table_name,"
                                          " row_id, source_store, created_at, updated_at,"
                                          " created_by, updated_by)"
                                          " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, w->bundle_row, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, t->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, it->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, w->in->sender_code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, w->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, w->s->me.id, -1, SQLITE_STATIC);
    return store_step_done(w->s, q);
}

static store_status touch(importing *w, const exch_table *t, const bundle_item *it)
{
    bool found;
    const char *rid = exch_item_value(it, "record_id", &found);
    if (!t->versioned || !rid)
        return ST_OK;
    for (size_t i = 0; i < w->n_touched; i++)
        if (w->touched[i].t == t && !strcmp(w->touched[i].record_id, rid))
            return ST_OK;
    struct touched *grown = realloc(w->touched, (w->n_touched + 1) * sizeof *grown);
    if (!grown)
        return ST_NOMEM;
    w->touched = grown;
    w->touched[w->n_touched].t = t;
    snprintf(w->touched[w->n_touched++].record_id, TC_ID_LEN, "%s", rid);
    return ST_OK;
}

static store_status insert_row(importing *w, const exch_table *t, const bundle_item *it)
{
    const colset *c = NULL;
    store_status st = columns_of(w->s, w->in, t, &c);
    if (st != ST_OK)
        return st;
    char sql[4096];
    insert_sql(t, c, it, sql, sizeof sql);
    sqlite3_stmt *q = NULL;
    st = store_prepare(w->s, sql, &q);
    if (st != ST_OK)
        return st;
    int i = 1;
    char buf[TC_ID_LEN];
    sqlite3_bind_text(q, i++, it->id, -1, SQLITE_STATIC);
    for (size_t f = 0; f < it->n_fields; f++) {
        const char *name = it->fields[f].name;
        if (!strcmp(name, EXCH_CASE_FIELD) || !strcmp(name, t->pk))
            continue;
        const char *v = NULL;
        local_value(w->s, t, name, it->fields[f].value, buf, sizeof buf, &v);
        if (v && exch_column_officer(name) && *v)
            v = w->s->me.id;    /* officers of the other store mean nothing here */
        if (v)
            sqlite3_bind_text(q, i, v, -1, SQLITE_TRANSIENT);
        i++;
    }
    bind_local_columns(w, c, it, q, &i);
    st = store_step_done(w->s, q);
    if (st == ST_OK)
        st = note_provenance(w, t, it);
    if (st == ST_OK)
        st = touch(w, t, it);
    if (st == ST_OK && !strcmp(t->name, "cases"))
        st = store_audit(w->s, "case.receive", "cases", it->id);
    return st;
}

static store_status import_item(importing *w, const exch_table *t, const bundle_item *it)
{
    bool found;
    exch_preview_case *c = preview_case(w->pv, exch_item_value(it, EXCH_CASE_FIELD, &found));
    if (!c)
        return ST_NOMEM;
    exch_row_fate fate;
    size_t n_diff = 0;
    store_status st = classify(w->s, t, it, &fate, &n_diff, add_conflict, w);
    if (st == ST_OK && fate == EXCH_ROW_NEW)
        st = insert_row(w, t, it);
    if (st == ST_OK) {
        count_fate(w->pv, c, fate, n_diff);
        preview_names(it, c);
        if ((!strcmp(t->name, "cases") || !strcmp(t->name, EXCH_PROFILE_TABLE))
            && fate == EXCH_ROW_NEW)
            c->is_new = true;
    }
    return st;
}

/* Which version of each touched record is current: the highest.  Two
 * statements, so that no moment has two current versions (the plans'
 * unique indexes). */
static store_status settle_current(importing *w)
{
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < w->n_touched; i++) {
        const char *table = w->touched[i].t->name;
        char sql[2][256];
        snprintf(sql[0], sizeof sql[0], "UPDATE %s SET is_current = 0 WHERE record_id = ?1",
                 table);
        snprintf(sql[1], sizeof sql[1], "UPDATE %s SET is_current = 1 WHERE record_id = ?1"
                 " AND version = (SELECT max(version) FROM %s WHERE record_id = ?1)", table, table);
        for (int k = 0; st == ST_OK && k < 2; k++) {
            sqlite3_stmt *q = NULL;
            st = store_prepare(w->s, sql[k], &q);
            if (st == ST_OK) {
                sqlite3_bind_text(q, 1, w->touched[i].record_id, -1, SQLITE_STATIC);
                st = store_step_done(w->s, q);
            }
        }
    }
    return st;
}

static store_status refresh_new_cases(importing *w)
{
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < w->pv->n_cases; i++)
        if (w->pv->cases[i].is_new && w->in->profile == EXCH_PROFILE_FULL)
            st = exch_refresh_case_keys(w->s, w->pv->cases[i].case_id);
    return st;
}

static store_status import_all(importing *w)
{
    store_status st = ST_OK;
    size_t n_tables = w->in->profile == EXCH_PROFILE_FULL ? exch_table_count : 1;
    for (size_t k = 0; st == ST_OK && k < n_tables; k++) {
        const exch_table *t = w->in->profile == EXCH_PROFILE_FULL
                                  ? &exch_tables[k]
                                  : exch_table_find(EXCH_PROFILE_TABLE, EXCH_PROFILE_CROSS_BORDER);
        for (size_t i = 0; st == ST_OK && i < w->in->p.n_items; i++)
            if (!strcmp(w->in->p.items[i].table, t->name))
                st = import_item(w, t, &w->in->p.items[i]);
    }
    if (st == ST_OK)
        st = settle_current(w);
    if (st == ST_OK)
        st = refresh_new_cases(w);
    return st;
}

static store_status next_conflict_number(importing *w)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(w->s, "SELECT coalesce(max(number), 0) + 1"
                                          " FROM exchange_conflicts", &q);
    if (st != ST_OK)
        return st;
    sqlite3_int64 n = 1;
    st = store_step_count(w->s, q, &n);
    w->next_number = n;
    return st;
}

/* Inside the transaction: the checks again (another process may have
 * imported the same bundle, or retired the sender, since it was opened). */
static store_status recheck(importing *w, exch_refusal *r)
{
    bool seen = false;
    store_status st = already_received(w->s, w->in->h.id_text, &seen);
    if (st == ST_OK && seen) {
        exch_refuse(r, EXCH_REPLAYED, w->in->h.id_text);
        return ST_INVALID;
    }
    if (st == ST_OK)
        st = check_sender(w->s, w->in, r);
    if (st == ST_OK)
        st = check_items(w->s, w->in, r);
    return st;
}

store_status exchange_receive_import(store *s, exch_incoming *in, exch_preview *pv,
                                     exch_refusal *r)
{
    exch_refusal ignored;
    if (!r)
        r = &ignored;
    exch_refuse(r, EXCH_OK, NULL);
    exchange_preview_free(pv);
    preview_start(in, pv);
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    importing w = { .s = s, .in = in, .pv = pv };
    store_new_id(w.bundle_row);
    store_now_iso(s, w.now);
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    st = recheck(&w, r);
    if (st == ST_OK)
        st = rec_audit(s, "exchange.receive", "exchange_bundles", w.bundle_row, &w.seq);
    if (st == ST_OK)
        st = insert_bundle_row(&w);
    if (st == ST_OK)
        st = next_conflict_number(&w);
    if (st == ST_OK)
        st = import_all(&w);
    if (st == ST_OK)
        st = finish_bundle_row(&w);
    free(w.touched);
    st = store_finish(s, st);
    if (st != ST_OK) {
        exchange_preview_free(pv);
        preview_start(in, pv);
    }
    return st;
}
