/* instruments.c - screening instruments in the store: one row per code and
 * version holding the source text (core/instrument.h format) and its
 * BLAKE2b hash; the built-in ones loaded by migration 4 and, when a newer
 * tipcase ships a new version, at the next open.
 *
 * A stored version is never overwritten: screenings point at it and are
 * read back with its own text.  Changing an instrument means a new
 * version. */
#include "config.h"
#include "db/screenings.h"
#include "db/builtin_instruments.h"
#include "db/audit.h"
#include "db/screenings_internal.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_BYTES crypto_generichash_BYTES     /* 32: BLAKE2b-256 */

static void source_hash(const char *text, size_t len, unsigned char out[HASH_BYTES])
{
    crypto_generichash(out, HASH_BYTES, (const unsigned char *)text, len, NULL, 0);
}

/* ---- one version: is it stored, and with which text? ---- */

typedef enum version_state {
    VERSION_ABSENT = 0,
    VERSION_SAME_TEXT,
    VERSION_OTHER_TEXT,
} version_state;

static int stored_version_state(sqlite3 *db, const char *code, int version,
                                const unsigned char hash[HASH_BYTES], version_state *out)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT hash FROM instruments WHERE code = ?1 AND version = ?2",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, version);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const void *h = sqlite3_column_blob(q, 0);
        bool same = h && sqlite3_column_bytes(q, 0) == HASH_BYTES
                    && sodium_memcmp(h, hash, HASH_BYTES) == 0;
        *out = same ? VERSION_SAME_TEXT : VERSION_OTHER_TEXT;
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        *out = VERSION_ABSENT;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc;
}

/* A new row: the parsed instrument with its exact source text. */
typedef struct instrument_row {
    const instrument *inst;
    const char *text;
    size_t len;
    unsigned char hash[HASH_BYTES];
    bool builtin;
    const char *now;            /* ISO-8601 UTC */
    const char *by;             /* officer id; NULL for a migration's rows */
} instrument_row;

static int insert_instrument(sqlite3 *db, const instrument_row *r, char id[TC_ID_LEN])
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db,
        "INSERT INTO instruments(id, code, version, title_en, title_th, n_sections,"
        " n_indicators, source, hash, builtin, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?12)", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    store_new_id(id);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, r->inst->code, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, r->inst->version);
    sqlite3_bind_text(q, 4, r->inst->title_en, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, r->inst->title_th, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 6, (sqlite3_int64)r->inst->n_sections);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)r->inst->n_indicators);
    sqlite3_bind_text(q, 8, r->text, (int)r->len, SQLITE_STATIC);
    sqlite3_bind_blob(q, 9, r->hash, HASH_BYTES, SQLITE_STATIC);
    sqlite3_bind_int(q, 10, r->builtin ? 1 : 0);
    sqlite3_bind_text(q, 11, r->now, -1, SQLITE_STATIC);
    if (r->by)
        sqlite3_bind_text(q, 12, r->by, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 12);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* ---- the built-in instruments ---- */

/* One pass over the built-ins, inside the caller's transaction. */
typedef struct builtin_pass {
    sqlite3 *db;
    const char *now;
    const char *by;             /* officer id, audited; NULL in a migration */
    char problem[200];          /* the first built-in left out, for the log */
} builtin_pass;

/* The log keeps the first built-in left out; why is in `what`. */
static void note_problem(builtin_pass *p, const char *name, int n, const char *what)
{
    if (!p->problem[0])
        snprintf(p->problem, sizeof p->problem, "built-in instrument %s (%d) %s", name, n, what);
}

static int install_one(builtin_pass *p, const builtin_instrument *b)
{
    instrument_row r = { .text = b->text, .len = b->len, .builtin = true,
                         .now = p->now, .by = p->by };
    instrument *inst = NULL;
    instrument_error err;
    if (!instrument_parse(b->text, b->len, &inst, &err)) {
        note_problem(p, b->name, err.line, "does not parse at that line; it was not loaded");
        return SQLITE_OK;
    }
    r.inst = inst;
    source_hash(b->text, b->len, r.hash);
    version_state vs = VERSION_ABSENT;
    int rc = stored_version_state(p->db, inst->code, inst->version, r.hash, &vs);
    if (rc == SQLITE_OK && vs == VERSION_OTHER_TEXT)
        note_problem(p, inst->code, inst->version,
                     "differs from the stored text of that version; the stored text is kept");
    if (rc == SQLITE_OK && vs == VERSION_ABSENT) {
        char id[TC_ID_LEN];
        rc = insert_instrument(p->db, &r, id);
        if (rc == SQLITE_OK && p->by)
            rc = audit_append(p->db, p->now, p->by, "instrument.builtin", "instruments", id);
    }
    instrument_free(inst);
    return rc;
}

static int install_all(builtin_pass *p)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; rc == SQLITE_OK && i < builtin_instrument_count; i++)
        rc = install_one(p, &builtin_instruments[i]);
    return rc;
}

int builtin_instruments_migrate(sqlite3 *db, const migrate_context *ctx)
{
    char now[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(ctx->now, now);
    builtin_pass p = { .db = db, .now = now };
    return install_all(&p);
}

/* True when the store holds every built-in text as shipped: the common
 * case at open, answered by hash without parsing anything. */
static store_status all_builtins_stored(store *s, bool *all)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT count(*) FROM instruments WHERE hash = ?1", &q);
    *all = true;
    for (size_t i = 0; st == ST_OK && *all && i < builtin_instrument_count; i++) {
        unsigned char hash[HASH_BYTES];
        source_hash(builtin_instruments[i].text, builtin_instruments[i].len, hash);
        sqlite3_bind_blob(q, 1, hash, HASH_BYTES, SQLITE_TRANSIENT);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW)
            *all = sqlite3_column_int(q, 0) > 0;
        else
            st = store_status_from_sqlite(s, rc);
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return st;
}

store_status store_builtin_instruments_sync(store *s)
{
    bool all = false;
    store_status st = all_builtins_stored(s, &all);
    if (st != ST_OK || all)
        return st;
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    builtin_pass p = { .db = s->db, .now = now, .by = s->me.id };
    st = store_begin(s);
    if (st != ST_OK)
        return st;
    int rc = install_all(&p);
    st = store_finish(s, rc == SQLITE_OK ? ST_OK : store_status_from_sqlite(s, rc));
    if (st == ST_OK && p.problem[0])
        store_set_error(s, p.problem);
    return st;
}

/* ---- list ---- */

static void read_info(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    instrument_info *r = elem;
    store_column_copy(q, 0, r->code, sizeof r->code);
    r->version = sqlite3_column_int(q, 1);
    store_column_copy(q, 2, r->title_en, sizeof r->title_en);
    store_column_copy(q, 3, r->title_th, sizeof r->title_th);
    r->n_sections = (size_t)sqlite3_column_int64(q, 4);
    r->n_indicators = (size_t)sqlite3_column_int64(q, 5);
    r->builtin = sqlite3_column_int(q, 6) != 0;
    r->latest = sqlite3_column_int(q, 7) != 0;
}

store_status store_instrument_list(store *s, instrument_info **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "SELECT i.code, i.version, i.title_en, i.title_th, i.n_sections, i.n_indicators,"
        " i.builtin, i.version = (SELECT max(l.version) FROM instruments l WHERE l.code = i.code)"
        " FROM instruments i ORDER BY i.code, i.version", &q);
    if (st != ST_OK)
        return st;
    void *items = NULL;
    st = store_collect(s, q, sizeof **out, read_info, NULL, &items, n);
    *out = items;
    return st;
}

/* ---- load ---- */

store_status store_instrument_load(store *s, const char *code, int version, instrument **out)
{
    *out = NULL;
    if (!code || version < 0)
        return ST_NOT_FOUND;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, version == 0
        ? "SELECT source FROM instruments WHERE code = ?1 ORDER BY version DESC LIMIT 1"
        : "SELECT source FROM instruments WHERE code = ?1 AND version = ?2", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    if (version > 0)
        sqlite3_bind_int(q, 2, version);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(q, 0);
        size_t len = (size_t)sqlite3_column_bytes(q, 0);
        instrument_error err;
        if (!instrument_parse(text, len, out, &err)) {
            /* What was stored parsed when it was stored. */
            st = err.problem == INSTRUMENT_NO_MEMORY ? ST_NOMEM : ST_DAMAGED;
            if (st == ST_DAMAGED)
                store_set_error(s, "a stored instrument's text no longer parses");
        }
    } else {
        st = rc == SQLITE_DONE ? ST_NOT_FOUND : store_status_from_sqlite(s, rc);
    }
    sqlite3_finalize(q);
    return st;
}

/* ---- add ---- */

/* 1-based number of the line holding the instrument header. */
static size_t header_line(const char *text)
{
    size_t line = 1;
    for (const char *p = text; *p; line++) {
        if (strncmp(p, "instrument\t", 11) == 0)
            return line;
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

static store_status refuse(instrument_problem *problem, size_t *line, instrument_problem p,
                           size_t at)
{
    if (problem)
        *problem = p;
    if (line)
        *line = at;
    return ST_INVALID;
}

static store_status add_version(store *s, const instrument_row *r)
{
    version_state vs = VERSION_ABSENT;
    int rc = stored_version_state(s->db, r->inst->code, r->inst->version, r->hash, &vs);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc);
    if (vs == VERSION_SAME_TEXT)
        return ST_OK;           /* the same text again: nothing to write */
    if (vs == VERSION_OTHER_TEXT) {
        store_set_error(s, "that instrument version is stored with other text");
        return ST_DUPLICATE;
    }
    char id[TC_ID_LEN];
    rc = insert_instrument(s->db, r, id);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc);
    return store_audit(s, "instrument.add", "instruments", id);
}

store_status store_instrument_add(store *s, const char *source,
                                  instrument_problem *problem, size_t *line)
{
    if (problem)
        *problem = INSTRUMENT_OK;
    if (line)
        *line = 0;
    if (store_may(s, ACCESS_DIRECTORY) != ST_OK)
        return ST_DENIED;
    if (!source)
        return refuse(problem, line, INSTRUMENT_EMPTY, 0);
    size_t len = strlen(source);
    instrument *inst = NULL;
    instrument_error err;
    if (!instrument_parse(source, len, &inst, &err)) {
        if (err.problem == INSTRUMENT_NO_MEMORY)
            return ST_NOMEM;
        return refuse(problem, line, err.problem, err.line > 0 ? (size_t)err.line : 0);
    }
    store_status st = ST_OK;
    /* instrument_info holds titles of INSTRUMENT_TITLE_MAX bytes: refuse a
     * longer one rather than list it cut in the middle of a letter. */
    if (strlen(inst->title_en) > INSTRUMENT_TITLE_MAX || strlen(inst->title_th) > INSTRUMENT_TITLE_MAX)
        st = refuse(problem, line, INSTRUMENT_TEXT_TOO_LONG, header_line(source));
    if (st == ST_OK) {
        char now[TIMESTAMP_ISO_LEN];
        store_now_iso(s, now);
        instrument_row r = { .inst = inst, .text = source, .len = len, .builtin = false,
                             .now = now, .by = s->me.id };
        source_hash(source, len, r.hash);
        st = store_begin(s);
        if (st == ST_OK)
            st = store_finish(s, add_version(s, &r));
    }
    instrument_free(inst);
    return st;
}
