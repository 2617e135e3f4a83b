/* migrate.h - numbered schema migrations on PRAGMA user_version.
 *
 * Migration N takes a database at version N-1 to N in one transaction.
 * A database newer than this program is refused, never guessed at. */
#ifndef TC_MIGRATE_H
#define TC_MIGRATE_H
#include <sqlite3.h>

int migrate_latest_version(void);
/* Bring db up to target (<= latest).  Returns SQLITE_OK, or an SQLite error
 * with nothing of the failing step applied; SQLITE_MISMATCH when the
 * database is newer than target. */
int migrate_to(sqlite3 *db, int target);
static inline int migrate_to_latest(sqlite3 *db) { return migrate_to(db, migrate_latest_version()); }
int migrate_current_version(sqlite3 *db);

#endif
