/* audit.h - the audit trail as a hash chain (internal to db/).
 *
 * Every change the store makes appends one row, inside the transaction
 * that makes the change: when, which officer, an action code
 * ("case.add"), which table and which record id.  Never a name, never a
 * value typed by an officer: the trail says that something happened to a
 * record, not what the record holds.
 *
 * Row n stores prev_hash (row n-1's hash; 32 zero bytes for the first row)
 * and hash = BLAKE2b-256(prev_hash || serialisation of seq, at, officer_id,
 * action, table_name, record_id), each text field length-prefixed so that
 * no two different rows serialise the same.  Editing or removing a row
 * breaks the chain at that row or the next one. */
#ifndef TC_AUDIT_H
#define TC_AUDIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#define AUDIT_HASH_BYTES 32

/* Append one event; the caller holds a write transaction.  at is an
 * ISO-8601 UTC timestamp; record_id may be NULL (stored as "").  Returns
 * an SQLite result code. */
int audit_append(sqlite3 *db, const char *at, const char *officer_id,
                 const char *action, const char *table_name, const char *record_id);

typedef struct audit_verdict {
    bool ok;
    int64_t rows;           /* rows read */
    int64_t first_bad_seq;  /* seq of the first row that does not fit, or 0 */
    bool bad_link;          /* that row's prev_hash is not the previous row's hash
                               (a row before it was removed or edited) rather than
                               its own hash being wrong (the row itself edited) */
} audit_verdict;

/* Walk the whole chain in seq order.  Returns an SQLite result code (not
 * SQLITE_OK when the table cannot be read); the verdict says whether the
 * chain holds. */
int audit_verify(sqlite3 *db, audit_verdict *v);

#endif
