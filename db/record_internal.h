/* record_internal.h - what the db/ files behind db/record.h share: the
 * versioned-record engine and small binding helpers.  Not for callers
 * outside db/ (tests may use it to reach the schema).
 *
 * A versioned table (consents, needs, notes, inspections, intakes) holds
 * one row per version of a record.  Every row has the columns
 *   id (this version's row), record_id (the record, what callers hold),
 *   version, is_current, change, change_reason, audit_seq,
 *   entry_withdrawn, created_at/by (the record's first save, carried
 *   forward), updated_at/by (this version's save)
 * followed by the table's own content columns.  Writing a version marks
 * the previous one not current and appends the new one: no row is ever
 * changed otherwise or deleted.  audit_seq is the seq of the audit row
 * written with the version, so events of one second keep their order. */
#ifndef TC_DB_RECORD_INTERNAL_H
#define TC_DB_RECORD_INTERNAL_H
#include "db/migrate.h"
#include "db/record.h"
#include "db/store_internal.h"

/* ---- binding and reading ---- */

void rec_bind_text(sqlite3_stmt *q, int i, const char *t);     /* NULL -> "" */
void rec_bind_date(sqlite3_stmt *q, int i, bool known, caldate d); /* NULL when unknown */
bool rec_column_date(sqlite3_stmt *q, int col, caldate *out);
/* Append an audit row (store_audit) and give back its seq. */
store_status rec_audit(store *s, const char *action, const char *table, const char *record_id,
                       int64_t *seq);
/* Does a row exist?  sql selects anything with ?1 = key. */
store_status rec_exists(store *s, const char *sql, const char *key, bool *yes);

/* ---- the versioned-record engine ---- */

/* The parts every record has, whatever its kind. */
typedef struct record_common {
    char id[TC_ID_LEN];             /* the record id */
    int version;                    /* 0: not saved yet */
    bool withdrawn;                 /* entry_withdrawn */
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} record_common;

/* Copy the parts every record kind names alike (id, created_at/by,
 * updated_at/by) from src to dst: a record_common into a content struct
 * or back, so each kind's put_common/get_common only adds what it names
 * its own way (version, withdrawn / entry_withdrawn).  Sizes are dst's,
 * which equal TC_ID_LEN on both sides. */
#define REC_COPY_STAMPS(dst, src)                                          \
    do {                                                                   \
        memcpy((dst)->id, (src)->id, sizeof (dst)->id);                    \
        (dst)->created_at = (src)->created_at;                             \
        (dst)->updated_at = (src)->updated_at;                             \
        memcpy((dst)->created_by, (src)->created_by, sizeof (dst)->created_by); \
        memcpy((dst)->updated_by, (src)->updated_by, sizeof (dst)->updated_by); \
    } while (0)

typedef struct record_table {
    const char *table;
    const char *columns;            /* content columns, comma separated */
    int n_columns;
    size_t size;                    /* of the content struct */
    /* Bind the content to parameters first.. of an INSERT. */
    void (*bind)(sqlite3_stmt *q, int first, const void *rec);
    /* Read the content from columns first.. of a SELECT. */
    void (*read)(sqlite3_stmt *q, int first, void *rec);
    /* Copy the common parts into / out of the content struct. */
    void (*put_common)(void *rec, const record_common *c);
    void (*get_common)(const void *rec, record_common *c);
} record_table;

extern const record_table consent_table, need_table, note_table, inspection_table,
    intake_table;
/* db/returns.c and db/followups.c (issue 6). */
extern const record_table repatriation_table, reintegration_table, followup_table;
/* Run by store_record_withdraw inside its transaction once the withdrawn
 * version c (c->version is the new one) of rec is written, for what hangs
 * off a version or is derived from the record: a plan's steps and
 * domains, the plan a follow-up counted in, the case's high-risk mark. */
store_status repatriation_after_withdraw(store *s, const record_common *c, const void *rec);
store_status reintegration_after_withdraw(store *s, const record_common *c, const void *rec);
store_status followup_after_withdraw(store *s, const record_common *c, const void *rec);
const record_table *record_table_of(record_kind k);

/* The column list a SELECT of a version starts with (7 columns), then the
 * table's content columns: "record_id, version, entry_withdrawn,
 * created_at, created_by, updated_at, updated_by, <content>". */
#define REC_COMMON_COLUMNS 7
void rec_read_common(sqlite3_stmt *q, record_common *c);

/* One version of record id (version 0: the current one) into rec (t->size
 * bytes) with its common parts. */
store_status record_read(store *s, const record_table *t, const char *id, int version,
                         void *rec, record_common *c);
/* Write rec as a new version, inside the caller's transaction.  c->version
 * 0: a new record (version 1, created now by the acting officer, with a
 * new id unless c->id is set); else the version to write (the current + 1), c->created_*
 * carried from the current one.  Fills c->updated_* and, for a new record,
 * c->id and created_*.  Audits `action` on (t->table, c->id). */
store_status record_write(store *s, const record_table *t, record_common *c, const void *rec,
                          const char *change, const char *reason, const char *action);
/* record_write() of rec as a new record (version 1, a new id, change
 * "add"), then its common parts put into rec by t->put_common: the add
 * every kind does the same way, inside the caller's transaction. */
store_status record_add(store *s, const record_table *t, void *rec, const char *action);
/* Versions selected by "WHERE ... ORDER BY ..." (the tail, binding key to
 * ?1), read into a malloc'd array of t->size elements with their common
 * parts put in. */
store_status record_select(store *s, const record_table *t, const char *tail, const char *key,
                         void **out, size_t *n);
/* store_case_access() for the case record id of t belongs to (by its
 * case_id column).  An inspection belongs to no one case (it may find
 * several): every officer may read and write inspections, ST_OK. */
store_status record_access(store *s, const record_table *t, const char *id, access_op op);
/* A correction's checks and bookkeeping: reads the current version of id
 * into cur (t->size bytes), checks record_change_check() for a correction
 * with reason, and sets *next to the common parts of the version to write.
 * ST_INVALID with *problem. */
store_status record_prepare_correction(store *s, const record_table *t, const char *id,
                                       const char *reason, void *cur, record_common *next,
                                       record_problem *problem);

/* ---- consent overrides (db/consent_store.c) ---- */

/* Write override o, already checked by consent_override_validate(), for
 * case_id inside the caller's transaction, with its "consent.override"
 * audit row: what store_consent_override() does, for a caller whose
 * action (sending a referral) must commit or fail together with it.
 * id receives the override's id. */
store_status consent_override_insert(store *s, const char *case_id, const consent_override *o,
                                     const char *action, const char *related_id,
                                     char id[TC_ID_LEN]);

/* ---- code lists (db/codelists.c) ---- */

/* The rows of one list as migration 5 loads them (core's defaults). */
tc_code_list record_list_defaults(record_list l);
/* Migrations 5 and 7 (C part): the built-in rows of every list that has
 * no rows yet, stamped with ctx->now.  An SQLite result code. */
int record_migrate_codes(sqlite3 *db, const migrate_context *ctx);

/* ---- the case (db/casestage.c) ---- */

/* Mark a case just added (inside the same transaction) as opened in quick
 * mode. */
store_status record_mark_quick(store *s, const tc_case *c);

/* From db/cases.c: store_case_add() with `then` run in the same
 * transaction after the case is written (quick mode marks it). */
store_status store_case_add_then(store *s, tc_case *c, case_check *problem,
                                 store_status (*then)(store *s, const tc_case *c));
/* From db/cases.c: the case list's row of one case, by id. */
store_status store_case_row(store *s, const char *case_id, tc_case_row *out);

#endif
