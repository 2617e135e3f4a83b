/* builtin_instruments.h - the screening instruments shipped with tipcase
 * (internal to db/).
 *
 * The data files in data/instruments/ are compiled in: make runs
 * db/builtin_instruments.awk over them into db/builtin_instruments.c (in
 * the build directory), so a store gets them without reading any file at
 * run time, and an installed tipcase cannot lose them. */
#ifndef TC_BUILTIN_INSTRUMENTS_H
#define TC_BUILTIN_INSTRUMENTS_H
#include <sqlite3.h>
#include <stddef.h>
#include "db/migrate.h"
#include "db/store.h"

typedef struct builtin_instrument {
    const char *name;       /* the file's name without ".tsv": "forced_labour" */
    const char *text;       /* its bytes, NUL-terminated (a missing final newline added) */
    size_t len;             /* strlen(text) */
} builtin_instrument;

/* In the order of BUILTIN_INSTRUMENTS in Makefile.am. */
extern const builtin_instrument builtin_instruments[];
extern const size_t builtin_instrument_count;

/* Migration 4's C part (db/migrate.c): store every built-in instrument,
 * stamped ctx->now and created by nobody (a migration's own rows).  One
 * that does not parse is left out here; store_builtin_instruments_sync()
 * names it at the next open.  Returns an SQLite result code. */
int builtin_instruments_migrate(sqlite3 *db, const migrate_context *ctx);

/* At every open, as the officer who opens: store each built-in version the
 * store lacks (a newer tipcase ships a new version), in one transaction,
 * with an "instrument.builtin" audit row each.  A built-in whose code and
 * version is stored with other text is never overwritten (old screenings
 * were answered against the stored text): it is left out and named in
 * store_last_error(), and the open goes on, so the result is still ST_OK.
 * When every built-in is stored as shipped, this only reads. */
store_status store_builtin_instruments_sync(store *s);

#endif
