/* migrate.h - numbered schema migrations on PRAGMA user_version.
 *
 * Migration N takes a database at version N-1 to N in one transaction.
 * A database newer than this program is refused, never guessed at. */
#ifndef TC_MIGRATE_H
#define TC_MIGRATE_H
#include <sqlite3.h>

#include <stdint.h>

/* What a step's C function gets besides the connection (see migrate.c). */
typedef struct migrate_context {
    int64_t now;    /* seconds since the epoch: stamps the rows a step writes */
} migrate_context;

int migrate_latest_version(void);
/* Bring db up to target (<= latest).  Returns SQLITE_OK, or an SQLite error
 * with nothing of the failing step applied; SQLITE_MISMATCH when the
 * database is newer than target.  now (the store's injected clock) stamps
 * the rows a step writes itself, such as the built-in instruments. */
int migrate_to_at(sqlite3 *db, int target, int64_t now);
/* migrate_to_at with now 0 (1970-01-01): for tests of the schema alone. */
int migrate_to(sqlite3 *db, int target);
static inline int migrate_to_latest(sqlite3 *db) { return migrate_to(db, migrate_latest_version()); }
int migrate_current_version(sqlite3 *db);

#endif
