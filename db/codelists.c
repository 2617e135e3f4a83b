/* codelists.c - the lists that are data (sectors, exploitation types,
 * recruitment channels, documents and their holders, immigration
 * statuses, handover points): one table, code_rows, keyed by list and
 * code.  Migrations 5 and 7 load core's built-in rows; an administrator
 * adds more; nothing is removed or renamed, because cases store the
 * codes. */
#include "config.h"
#include "db/record_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/msg.h"
#include "core/repatriation.h"

/* Codes are stored in code_rows.list: never rename one. */
static const code_label lists[LIST_COUNT] = {
    [LIST_SECTOR] = { "sector", N_("Sectors") },
    [LIST_EXPLOITATION] = { "exploitation", N_("Types of exploitation") },
    [LIST_RECRUITMENT] = { "recruitment", N_("Recruitment channels") },
    [LIST_DOCUMENT_KIND] = { "document_kind", N_("Kinds of document") },
    [LIST_DOCUMENT_HOLDER] = { "document_holder", N_("Who holds a document") },
    [LIST_IMMIGRATION] = { "immigration", N_("Immigration statuses") },
    [LIST_HANDOVER_POINT] = { "handover_point", N_("Handover points") },
};

const char *record_list_code(record_list l)
{
    return codes_code(lists, LIST_COUNT, (int)l);
}

const char *record_list_label(record_list l)
{
    return codes_label(lists, LIST_COUNT, (int)l, N_("Unknown"));
}

tc_code_list record_list_defaults(record_list l)
{
    switch (l) {
    case LIST_SECTOR: return intake_default_sectors();
    case LIST_EXPLOITATION: return intake_default_exploitation_types();
    case LIST_RECRUITMENT: return intake_default_recruitment_channels();
    case LIST_DOCUMENT_KIND: return intake_default_document_kinds();
    case LIST_DOCUMENT_HOLDER: return intake_default_document_holders();
    case LIST_IMMIGRATION: return intake_default_immigration_statuses();
    case LIST_HANDOVER_POINT: return repat_default_handover_points();
    case LIST_COUNT: break;
    }
    tc_code_list none = { NULL, 0 };
    return none;
}

/* ------------------------------------------------------ migration data */

static int insert_builtin(sqlite3_stmt *q, const char *list, const tc_code_row *row,
                          int position, const char *now)
{
    char id[TC_ID_LEN];
    store_new_id(id);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, list, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, row->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, row->label, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, row->label_th, -1, SQLITE_STATIC);
    if (row->group)
        sqlite3_bind_text(q, 6, row->group, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 6);
    sqlite3_bind_int(q, 7, position);
    sqlite3_bind_text(q, 8, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* *has: the list has a row already (built in or added). */
static int list_has_rows(sqlite3_stmt *probe, const char *list, bool *has)
{
    sqlite3_bind_text(probe, 1, list, -1, SQLITE_STATIC);
    int rc = sqlite3_step(probe);
    *has = rc == SQLITE_ROW;
    sqlite3_reset(probe);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A list is loaded whole or not at all, so a list added by a later
 * migration (the handover points, migration 7) gets its rows on an old
 * store, and a new store, which got every list from migration 5, ends up
 * with exactly the same rows. */
int record_migrate_codes(sqlite3 *db, const migrate_context *ctx)
{
    char at[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(ctx->now, at);
    sqlite3_stmt *q = NULL, *probe = NULL;
    int rc = sqlite3_prepare_v2(db,
        "INSERT INTO code_rows(id, list, code, label_en, label_th, grp, builtin, position,"
        " created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?8)", -1, &q, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT 1 FROM code_rows WHERE list = ?1 LIMIT 1", -1,
                                &probe, NULL);
    for (int l = 0; rc == SQLITE_OK && l < LIST_COUNT; l++) {
        const char *list = record_list_code((record_list)l);
        bool has = false;
        rc = list_has_rows(probe, list, &has);
        tc_code_list rows = record_list_defaults((record_list)l);
        for (size_t i = 0; rc == SQLITE_OK && !has && i < rows.count; i++)
            rc = insert_builtin(q, list, &rows.rows[i], (int)i, at);
    }
    sqlite3_finalize(probe);
    sqlite3_finalize(q);
    return rc;
}

/* ------------------------------------------------------------- reading */

/* What a store_code_list owns: the rows, the builtin flags and one block
 * of text the rows point into. */
typedef struct list_mem {
    tc_code_row *rows;
    bool *builtin;
    char *text;
} list_mem;

typedef struct row_offsets {
    size_t code, label, label_th, group;
    bool has_group, builtin;
} row_offsets;

typedef struct list_builder {
    row_offsets *rows;
    size_t n, cap;
    char *text;
    size_t len, text_cap;
    bool failed;
} list_builder;

static size_t builder_add_text(list_builder *b, const unsigned char *t)
{
    const char *str = t ? (const char *)t : "";
    size_t n = strlen(str) + 1;
    if (b->len + n > b->text_cap) {
        size_t cap = b->text_cap ? b->text_cap : 1024;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->text, cap);
        if (!grown) {
            b->failed = true;
            return 0;
        }
        b->text = grown, b->text_cap = cap;
    }
    memcpy(b->text + b->len, str, n);
    size_t at = b->len;
    b->len += n;
    return at;
}

static void builder_add_row(list_builder *b, sqlite3_stmt *q)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        row_offsets *grown = realloc(b->rows, cap * sizeof *grown);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->rows = grown, b->cap = cap;
    }
    row_offsets *r = &b->rows[b->n++];
    r->code = builder_add_text(b, sqlite3_column_text(q, 0));
    r->label = builder_add_text(b, sqlite3_column_text(q, 1));
    r->label_th = builder_add_text(b, sqlite3_column_text(q, 2));
    r->has_group = sqlite3_column_type(q, 3) != SQLITE_NULL;
    r->group = builder_add_text(b, sqlite3_column_text(q, 3));
    r->builtin = sqlite3_column_int(q, 4) != 0;
}

/* The rows point into the text only now that it no longer moves. */
static store_status builder_finish(list_builder *b, store_code_list *out)
{
    list_mem *m = calloc(1, sizeof *m);
    if (m) {
        m->rows = calloc(b->n ? b->n : 1, sizeof *m->rows);
        m->builtin = calloc(b->n ? b->n : 1, sizeof *m->builtin);
    }
    if (!m || !m->rows || !m->builtin) {
        if (m) {
            free(m->rows);
            free(m->builtin);
        }
        free(m);
        return ST_NOMEM;
    }
    for (size_t i = 0; i < b->n; i++) {
        const row_offsets *r = &b->rows[i];
        m->rows[i] = (tc_code_row){ b->text + r->code, b->text + r->label,
                                    b->text + r->label_th,
                                    r->has_group ? b->text + r->group : NULL };
        m->builtin[i] = r->builtin;
    }
    m->text = b->text;
    b->text = NULL;
    out->list.rows = m->rows;
    out->list.count = b->n;
    out->builtin = m->builtin;
    out->mem_ = m;
    return ST_OK;
}

store_status store_code_list_get(store *s, record_list which, store_code_list *out)
{
    memset(out, 0, sizeof *out);
    if ((int)which < 0 || which >= LIST_COUNT)
        return ST_NOT_FOUND;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT code, label_en, label_th, grp, builtin"
                                       " FROM code_rows WHERE list = ?1 ORDER BY position", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, record_list_code(which), -1, SQLITE_STATIC);
    list_builder b;
    memset(&b, 0, sizeof b);
    int rc = SQLITE_DONE;
    while (!b.failed && (rc = sqlite3_step(q)) == SQLITE_ROW)
        builder_add_row(&b, q);
    if (b.failed)
        st = ST_NOMEM;
    else if (rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    if (st == ST_OK)
        st = builder_finish(&b, out);
    free(b.rows);
    free(b.text);
    return st;
}

void store_code_list_free(store_code_list *l)
{
    if (!l || !l->mem_)
        return;
    list_mem *m = l->mem_;
    free(m->rows);
    free(m->builtin);
    free(m->text);
    free(m);
    memset(l, 0, sizeof *l);
}

store_status store_intake_lists_get(store *s, store_intake_lists *out)
{
    memset(out, 0, sizeof *out);
    store_status st = ST_OK;
    for (int i = 0; st == ST_OK && i < 6; i++)
        st = store_code_list_get(s, (record_list)(LIST_SECTOR + i), &out->parts[i]);
    if (st != ST_OK) {
        store_intake_lists_free(out);
        return st;
    }
    out->lists.sectors = out->parts[LIST_SECTOR].list;
    out->lists.exploitation_types = out->parts[LIST_EXPLOITATION].list;
    out->lists.recruitment_channels = out->parts[LIST_RECRUITMENT].list;
    out->lists.document_kinds = out->parts[LIST_DOCUMENT_KIND].list;
    out->lists.document_holders = out->parts[LIST_DOCUMENT_HOLDER].list;
    out->lists.immigration_statuses = out->parts[LIST_IMMIGRATION].list;
    return ST_OK;
}

void store_intake_lists_free(store_intake_lists *l)
{
    if (!l)
        return;
    for (int i = 0; i < 6; i++)
        store_code_list_free(&l->parts[i]);
    memset(l, 0, sizeof *l);
}

/* -------------------------------------------------------------- adding */

static store_status insert_row(store *s, record_list which, const tc_code_row *row)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    store_new_id(id);
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO code_rows(id, list, code, label_en, label_th, grp, builtin, position,"
        " created_at, updated_at, created_by, updated_by)"
        " SELECT ?1, ?2, ?3, ?4, ?5, ?6, 0, coalesce(max(position), -1) + 1, ?7, ?7, ?8, ?8"
        " FROM code_rows WHERE list = ?2", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    rec_bind_text(q, 2, record_list_code(which));
    rec_bind_text(q, 3, row->code);
    rec_bind_text(q, 4, row->label);
    rec_bind_text(q, 5, row->label_th);
    if (row->group && *row->group)
        rec_bind_text(q, 6, row->group);
    else
        sqlite3_bind_null(q, 6);
    rec_bind_text(q, 7, now);
    rec_bind_text(q, 8, s->me.id);
    return store_step_audit(s, q, "code.add", "code_rows", id);
}

static store_status add_in_tx(store *s, record_list which, const tc_code_row *row,
                              code_row_problem *problem)
{
    store_code_list existing;
    store_status st = store_code_list_get(s, which, &existing);
    if (st != ST_OK)
        return st;
    code_row_problem p = code_row_validate(row, existing.list);
    store_code_list_free(&existing);
    if (problem)
        *problem = p;
    return p == CODE_ROW_OK ? insert_row(s, which, row) : ST_INVALID;
}

store_status store_code_add(store *s, record_list which, const tc_code_row *row,
                            code_row_problem *problem)
{
    if (problem)
        *problem = CODE_ROW_OK;
    if (store_may(s, ACCESS_DIRECTORY) != ST_OK)
        return ST_DENIED;
    if ((int)which < 0 || which >= LIST_COUNT)
        return ST_NOT_FOUND;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, add_in_tx(s, which, row, problem));
}
