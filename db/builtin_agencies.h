/* builtin_agencies.h - the starting agency directory shipped with tipcase
 * (internal to db/).
 *
 * data/agencies.tsv is compiled in the way the built-in instruments are:
 * make runs db/builtin_instruments.awk over it into db/builtin_agencies.c
 * in the build directory, so migration 6 loads it without reading any
 * file at run time.  After that the directory lives in the store and an
 * administrator keeps it (db/referrals.h); the file is never read again. */
#ifndef TC_BUILTIN_AGENCIES_H
#define TC_BUILTIN_AGENCIES_H
#include <sqlite3.h>
#include <stddef.h>
#include "db/migrate.h"

typedef struct builtin_file {
    const char *name;       /* the file's name without ".tsv": "agencies" */
    const char *text;       /* its bytes, NUL-terminated */
    size_t len;             /* strlen(text) */
} builtin_file;

/* data/agencies.tsv (one file). */
extern const builtin_file builtin_agency_files[];
extern const size_t builtin_agency_file_count;

/* Migration 6's C part (db/migrate.c): every agency of the shipped file
 * as version 1 of its record, active, stamped ctx->now and created by
 * nobody (a migration's own rows).  The file is checked by
 * tests/test_referral (every row valid); should it still fail to parse,
 * nothing is loaded and the administrator starts from an empty directory
 * rather than a store that cannot open.  An SQLite result code. */
int builtin_agencies_migrate(sqlite3 *db, const migrate_context *ctx);

#endif
