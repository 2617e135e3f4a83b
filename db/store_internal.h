/* store_internal.h - what the db/ source files share (not for callers
 * outside db/, except the tests named below).
 *
 * struct store is the open store: one SQLCipher connection, the data key
 * in sodium_malloc'd (locked, guarded) memory, and the acting officer. */
#ifndef TC_STORE_INTERNAL_H
#define TC_STORE_INTERNAL_H
#include <sqlite3.h>
#include "db/store.h"
#include "core/access.h"
#include "core/caldate.h"

#define STORE_DB_FILE "cases.db"
#define STORE_SLOTS_FILE "keyslots"

struct store {
    sqlite3 *db;
    char *db_path;
    char *slots_path;
    unsigned char *key;                     /* DATA_KEY_BYTES, sodium_malloc */
    unsigned char store_id[STORE_ID_BYTES];
    char code[STORE_CODE_LEN + 1];
    tc_officer me;
    tc_clock clock;
    char last_error[256];
    int last_rc;                            /* last SQLite error code seen */
    bool batch;                             /* inside store_batch_begin/_end */
    const char *refusal;                    /* why the last check refused (msgid) */
};

/* Open path with flags (SQLITE_OPEN_*) and key it with the raw 256-bit
 * key: sqlite3_key with "x'<64 hex>'" built in wiped sodium memory, then
 * cipher_page_size 4096.  Nothing is read yet.  Also used by the tests to
 * reach a store's database directly (to damage it on purpose or to build
 * databases at older schema versions).  On failure *out is NULL. */
int store_db_open_keyed(const char *path, const unsigned char key[DATA_KEY_BYTES],
                        int flags, sqlite3 **out);

/* Map an SQLite result code to a store status, remembering the error
 * text for store_last_error(). */
store_status store_status_from_sqlite(store *s, int rc);
/* Remember a message for store_last_error(). */
void store_set_error(store *s, const char *msg);
/* Map a key-slot result to a store status, remembering why a full or
 * damaged file or an I/O error (from errno) failed.  KEYSLOT_WRONG is
 * ST_WRONG_PASSPHRASE: callers for whom it means bad input map it first. */
store_status store_status_from_keyslot(store *s, keyslot_status k);

/* Transactions: BEGIN IMMEDIATE (take the write lock up front, so a busy
 * store fails before any work), COMMIT, ROLLBACK.  store_finish commits
 * when st is ST_OK and rolls back otherwise; it returns the final status. */
store_status store_begin(store *s);
store_status store_finish(store *s, store_status st);
/* A batch of calls in one transaction, for the demo generator
 * (db/demo.c), which makes thousands of cases through the public calls:
 * between store_batch_begin() and store_batch_end() each call's
 * store_begin/store_finish is a SAVEPOINT released (or rolled back to, so
 * a refused call still writes nothing), and the batch commits once at the
 * end (store_batch_end with ST_OK; any other status rolls it all back).
 * Nothing else batches: a screen's call is always its own transaction. */
store_status store_batch_begin(store *s);
store_status store_batch_end(store *s, store_status st);

/* Run one statement with no result rows. */
store_status store_exec(store *s, const char *sql);
/* Prepare; on failure the status is returned and *q is NULL. */
store_status store_prepare(store *s, const char *sql, sqlite3_stmt **q);
/* Step a statement that returns no rows, finalize it; ST_OK when done. */
store_status store_step_done(store *s, sqlite3_stmt *q);
/* store_step_done, then (when it worked) store_audit of the change: the
 * end of every single-row write. */
store_status store_step_audit(store *s, sqlite3_stmt *q, const char *action,
                              const char *table_name, const char *record_id);
/* Step a statement that returns no rows and reset it (keeping its
 * bindings) for the next row of a loop; ST_OK when done. */
store_status store_step_reset(store *s, sqlite3_stmt *q);
/* Step a SELECT count(*) statement, put its count in *n, finalize it. */
store_status store_step_count(store *s, sqlite3_stmt *q, sqlite3_int64 *n);
/* The one row a lookup by a text key finds: prepare sql, bind key to ?1
 * and step once.  ST_OK leaves *q on the row for the caller to read and
 * finalize; otherwise *q is NULL and the result is ST_NOT_FOUND (no row)
 * or the error, remembered for store_last_error(). */
store_status store_select_row(store *s, const char *sql, const char *key, sqlite3_stmt **q);

/* A new random UUID in lower-case text. */
void store_new_id(char out[TC_ID_LEN]);
/* The injected clock's "now" as ISO-8601 UTC text. */
void store_now_iso(const store *s, char out[TIMESTAMP_ISO_LEN]);
/* The officers' civil date today. */
caldate store_today(const store *s);

/* Append an audit row as the acting officer (inside a transaction). */
store_status store_audit(store *s, const char *action, const char *table_name,
                         const char *record_id);

/* An ISO-8601 UTC text column as seconds since the epoch; 0 when NULL. */
int64_t store_column_time(sqlite3_stmt *q, int col);
/* Bind seconds since the epoch as ISO-8601 UTC text. */
void store_bind_time(sqlite3_stmt *q, int i, int64_t t);
/* ST_OK when a case with that id exists, else ST_NOT_FOUND (or the error). */
store_status store_case_exists(store *s, const char *case_id);
/* Whether the person of case case_id (an id, never a reference: a record
 * names its case by id) is a child on the civil date `on`, by core's rule
 * (case_is_child) at the store clock's offset.  ST_NOT_FOUND for no such
 * case (db/cases.c). */
store_status store_case_child_on(store *s, const char *case_id, caldate on, bool *child);
/* The name a list shows for a person (case_display_name) from the three
 * name columns first.. (name_thai, name_original, name_latin) of q, into
 * out (db/cases.c). */
void store_column_display_name(sqlite3_stmt *q, int first, char *out, size_t outsz);

/* Step q to its end into a malloc'd array of `size`-byte elements, each
 * zeroed and then filled by read(q, element, ctx); finalize q.  ST_OK with
 * *out NULL and *n 0 when there are no rows; on an error nothing is
 * returned (the array is freed). */
store_status store_collect(store *s, sqlite3_stmt *q, size_t size,
                           void (*read)(sqlite3_stmt *q, void *elem, void *ctx), void *ctx,
                           void **out, size_t *n);

/* Copy a text column into out (truncating at outsz - 1 bytes); NULL -> "". */
void store_column_copy(sqlite3_stmt *q, int col, char *out, size_t outsz);
/* A text column as it is, valid until q steps or is finalized; NULL -> "". */
const char *store_column_text(sqlite3_stmt *q, int col);
/* Whether a text column holds exactly code (a NULL column never does). */
bool store_column_is(sqlite3_stmt *q, int col, const char *code);
/* Split a stored comma list ("a,b,c") into items, each itemsz bytes of
 * an array, at most max of them; returns how many.  Empty items and items
 * too long for their field are skipped (this program never wrote them). */
int store_split_codes(const char *text, char *items, size_t itemsz, int max);
/* A person's stored sex code (persons.sex) as a tc_sex; SEX_UNKNOWN for
 * NULL or a code core does not know (db/cases.c). */
tc_sex store_column_sex(sqlite3_stmt *q, int col);
/* A person's estimated age (persons.estimated_age); -1 for NULL
 * (db/cases.c). */
int store_column_estimated_age(sqlite3_stmt *q, int col);

/* Officers: read the officer whose login matches (any case). */
store_status store_officer_by_login(store *s, const char *login, tc_officer *out);
/* Officers: insert o's row under id, active, created now by the acting
 * officer (for the store's first administrator, itself), and audit it as
 * "officer.add".  Inside the caller's transaction. */
store_status store_officer_insert(store *s, const tc_officer *o, const char *id);

/* Settings: insert or update key's row and audit it as "setting.set"
 * (inside the caller's transaction; key and value already checked). */
store_status store_setting_write(store *s, const char *key, const char *value);

/* Case list rows: set clock_due_soon, clock_kind and clock_due of rows[0..n)
 * from each case's most urgent running clock, at the store clock's now and
 * with the stored clock settings (db/screenings.c). */
store_status store_case_rows_mark_clocks(store *s, tc_case_row *rows, size_t n);

/* ---- who may do what (db/access_store.c; core/access.h's table) ----
 * Every public call asks one of these first, before any SQL that returns
 * or changes data, and returns their refusal (ST_DENIED) as it is, having
 * written nothing.  Each remembers the reason of a refusal for
 * store_refusal(), and forgets it when the answer is yes. */

/* An operation about no one case (officers, settings, export, ...). */
store_status store_may(store *s, access_op op);
/* Op on the case with id case_id: no SQL for a role that reaches every
 * case; otherwise the case's created_by and assigned_officer decide.
 * ST_NOT_FOUND when a field officer asks about no such case. */
store_status store_case_access(store *s, const char *case_id, access_op op);
/* The same for the case a record names: case_id_sql selects that case's
 * id (column 0) from the record whose key is bound to ?1, e.g.
 * "SELECT case_id FROM needs WHERE record_id = ?1 LIMIT 1". */
store_status store_case_access_by(store *s, const char *case_id_sql, const char *key,
                                  access_op op);
/* Does the acting officer see every case?  When not, a list over many
 * cases keeps only STORE_OWN_CASE(alias, param), param bound to the
 * officer's id (s->me.id). */
bool store_sees_all(const store *s);
#define STORE_OWN_CASE(alias, param) \
    " (" alias ".created_by = " param " OR " alias ".assigned_officer = " param ")"
/* The same as one term of a query shared by every role: true for a role
 * that sees every case (param all), else the case of alias is the
 * officer's (param me).  store_bind_scope() binds both. */
#define STORE_CASE_SCOPE(alias, all, me) " (" all " OR" STORE_OWN_CASE(alias, me) ")"
void store_bind_scope(const store *s, sqlite3_stmt *q, int all, int me);

/* Test-only: the open connection (to check pragmas and schema). */
sqlite3 *store_db_handle(store *s);

/* The bytes the "by name" list sorts on: thai_sort_key() of the name the
 * list shows (case_display_name).  Writes at most NAME_KEY_MAX bytes. */
#define NAME_KEY_MAX (4 * CASE_NAME_MAX + 16)
size_t store_case_name_key(const tc_case *c, unsigned char out[NAME_KEY_MAX]);
/* Register the SQL functions migrations use (tipcase_name_key). */
int store_register_functions(sqlite3 *db);

#endif
