/* store.h - the encrypted case store.
 *
 * A store is a directory: "cases.db" (SQLCipher, raw 256-bit key, 4 KiB
 * pages, WAL, synchronous=FULL, foreign_keys, temp_store=MEMORY,
 * secure_delete) and "keyslots" (db/keyslot.h).  Every function that
 * changes data runs in one transaction and appends to the audit chain.
 * Nothing above db/ sees SQL; results come back as core structs.
 *
 * Every call asks core's table of roles and operations (core/access.h)
 * about the acting officer before it reads or changes anything: a refused
 * call returns ST_DENIED and writes nothing, and a field officer's lists
 * hold only the cases he recorded or is assigned to.
 *
 * Status values are returned by every call; store_status_text() gives the
 * English msgid for the officer (translate with _()); store_status_why()
 * gives a refusal's own reason. */
#ifndef TC_STORE_H
#define TC_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../core/clock.h"
#include "../core/caserec.h"
#include "../core/officer.h"
#include "keyslot.h"

typedef enum store_status {
    ST_OK = 0,
    ST_WRONG_PASSPHRASE,    /* unknown officer or wrong passphrase */
    ST_NO_STORE,            /* no store in that directory */
    ST_EXISTS,              /* store_create on a directory that has one */
    ST_IO,                  /* cannot read or write (see errno message) */
    ST_DISK_FULL,
    ST_DAMAGED,             /* the database or key slots are damaged */
    ST_NOT_FOUND,
    ST_DENIED,              /* the acting officer's role does not allow it */
    ST_INVALID,             /* validation failed: see the problem field */
    ST_DUPLICATE,           /* login already taken, ... */
    ST_LAST_ADMIN,          /* would leave the store without an admin */
    ST_BUSY,
    ST_TOO_NEW,             /* made by a newer tipcase */
    ST_NOMEM,
} store_status;

const char *store_status_text(store_status s);     /* msgid */

typedef struct store store;

/* Why the acting officer's last call was refused for its role (an English
 * msgid from core/access.h, e.g. "Only the case's officers and supervisors
 * may open this case."), or NULL when the last check allowed it. */
const char *store_refusal(const store *s);
/* What to tell the officer about st: for ST_DENIED the refusal's own
 * reason when s remembers one, else store_status_text(st).  s may be
 * NULL.  A msgid: translate with _(). */
const char *store_status_why(const store *s, store_status st);

/* Create a new store in dir (created 0700 if missing, with any missing
 * parents; must hold no store) with its first officer, an admin (whatever
 * admin->role says).  The caller has already checked the
 * passphrase with passphrase_check().  On success *out is open as that
 * officer. */
store_status store_create(const char *dir, const tc_officer *admin,
                          const char *pass, kdf_params p,
                          const tc_clock *clock, store **out);
bool store_exists(const char *dir);
/* Unlock as login.  A wrong passphrase (or an unknown login) writes
 * nothing to the database; it counts one failed try in the key-slot file
 * (db/keyslot.h), and a right one clears that count.  Before trying, it
 * waits store_unlock_wait() seconds through the sleep hook
 * (store_set_sleep), so guessing through the program slows down after
 * three failures, across restarts.  Migrates an older database to the
 * current schema. */
store_status store_open(const char *dir, const char *login, const char *pass,
                        const tc_clock *clock, store **out);
/* Seconds store_open() at dir will wait before it tries the next
 * passphrase (0: at once; also 0 when there is no readable key-slot file,
 * which store_open() then reports).  Screens say "Wait N seconds" with it. */
unsigned store_unlock_wait(const char *dir, const tc_clock *clock);
/* How store_open() waits: fn(ctx, seconds).  NULL restores the default,
 * a real sleep.  Tests set a hook that only records the seconds (and may
 * move their clock on), so no test sleeps. */
typedef void (*store_sleep_fn)(void *ctx, unsigned seconds);
void store_set_sleep(store_sleep_fn fn, void *ctx);
/* Wipe keys and close.  NULL is fine. */
void store_close(store *s);

const tc_officer *store_me(const store *s);
const char *store_code(const store *s);     /* e.g. "K7Q4X" */
const tc_clock *store_clock(const store *s);
/* Text of the last SQLite/system error, for logs (never personal data). */
const char *store_last_error(const store *s);

/* Officers.  Adding and removing need the admin role (else ST_DENIED).
 * A login is never reused: adding one that a removed officer had is
 * ST_DUPLICATE, like adding an active one (logins match in any case). */
store_status store_officer_add(store *s, const tc_officer *o, const char *pass,
                               kdf_params p);
/* Change the acting officer's own passphrase. */
store_status store_passwd(store *s, const char *new_pass, kdf_params p);
/* Remove login's key slot and mark the officer inactive (the record and the
 * audit trail keep the name).  ST_NOT_FOUND for an unknown login;
 * ST_LAST_ADMIN when it would leave no active admin. */
store_status store_officer_remove(store *s, const char *login);
/* All officers, active first, by name.  *out is malloc'd; free() it. */
store_status store_officer_list(store *s, tc_officer **out, size_t *count);
store_status store_officer_get(store *s, const char *id, tc_officer *out);

/* Cases.  add fills c->id, person_id, reference and the timestamps.  On
 * ST_INVALID, *problem (may be NULL) says what is wrong; nothing is
 * written. */
store_status store_case_add(store *s, tc_case *c, case_check *problem);
store_status store_case_update(store *s, tc_case *c, case_check *problem);
/* By id or by reference (any case; misread letters tolerated). */
store_status store_case_get(store *s, const char *id_or_ref, tc_case *out);

typedef enum case_order {
    /* By date met (or, when that is unknown, the officers' civil date the
     * record was made), newest first, then by time created. */
    CASE_ORDER_NEWEST = 0,
    /* By the name the list shows, in Thai dictionary order (libthai). */
    CASE_ORDER_NAME,
} case_order;

typedef struct case_query {
    const char *search;     /* NULL or "": all; else a fragment of a name,
                               alias or reference, Thai or Latin */
    size_t offset, limit;
    case_order order;
} case_query;
/* In q->order.  Writes at most min(cap, limit) rows; limit 0 means cap.
 * A case added without an assigned officer is the recording officer's. */
store_status store_case_list(store *s, const case_query *q,
                             tc_case_row *rows, size_t cap, size_t *n);
store_status store_case_count(store *s, const char *search, size_t *n);

/* Settings stored in the database (inside the encryption).  get:
 * ST_NOT_FOUND when unset, ST_INVALID when out is too small (nothing
 * truncated).  set: key is non-empty UTF-8 without control characters;
 * needs ACCESS_SETTINGS (core/access.h; else ST_DENIED), except
 * "language", which every officer may switch. */
store_status store_setting_get(store *s, const char *key, char *out, size_t outsz);
store_status store_setting_set(store *s, const char *key, const char *value);

/* Consistency check: PRAGMA integrity_check (SQLCipher 3.4.1 has no
 * cipher_integrity_check; a page whose HMAC fails shows up as an unreadable
 * page here), foreign keys, and the audit hash chain.  Fills *r and returns
 * ST_OK when all hold, ST_DAMAGED otherwise. */
typedef struct store_check_report {
    bool integrity_ok;
    char integrity_detail[256];
    bool audit_ok;
    int64_t audit_rows;
    int64_t first_bad_row;      /* audit seq of the first broken row, or 0 */
    char audit_detail[256];
} store_check_report;
store_status store_check(store *s, store_check_report *r);

/* For tests and the demo generator: add many cases in one transaction. */
store_status store_case_add_many(store *s, tc_case *cases, size_t n);

#endif
