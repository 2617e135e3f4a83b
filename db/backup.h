/* backup.h - one-file encrypted backups of a store, and restoring them.
 *
 * store_backup() copies an open store while other tipcase processes may be
 * writing to it (WAL): the copy is one consistent moment of the database
 * (every transaction committed before that moment, none after), taken with
 * SQLite's online backup API inside one read transaction, together with the
 * key-slot file of that time.  The result is ONE file:
 *
 *   header (all integers little-endian):
 *     "TCBACKUP" magic (8) | u32 format version (=1) |
 *     store code (8, NUL-padded) | i64 created_at (seconds, UTC) |
 *     u64 database bytes | u32 key-slot bytes N (at most
 *     BACKUP_SLOTS_MAX_BYTES) | the key-slot file, N bytes (db/keyslot.h:
 *     each officer's wrapped copy of the data key) |
 *     BLAKE2b-256 of everything before it (32)
 *   crypto_secretstream_xchacha20poly1305 header (24)
 *   the database file, in chunks of BACKUP_CHUNK_BYTES (the last one may be
 *   shorter, and there is always at least one), each sealed by
 *   crypto_secretstream with the header's BLAKE2b as additional data; the
 *   last chunk carries TAG_FINAL and nothing follows it.
 *
 * The stream key is crypto_kdf_derive_from_key(id 1, context "tcbackup")
 * of the store's data key, so whoever could open the store when the backup
 * was made (any officer's passphrase valid then) can restore it, and nobody
 * else can.  The database inside the stream is itself the SQLCipher file
 * (encrypted under the data key): nothing unencrypted ever reaches a disk,
 * not even a temporary file.  Any change to the file is detected: a
 * changed or cut header fails its BLAKE2b (damage, found before any
 * passphrase is asked), a changed, reordered, cut or extended stream fails
 * authentication.  The store code, the time and the number of officers in
 * the header are readable without a passphrase (backup_read_info); no name
 * or other personal data is.
 *
 * Every function returns a backup_status; backup_status_text() gives the
 * English msgid for the officer (translate with _()). */
#ifndef TC_BACKUP_H
#define TC_BACKUP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/caseref.h"
#include "core/clock.h"
#include "db/store.h"

#define BACKUP_FORMAT_VERSION 1
#define BACKUP_CHUNK_BYTES (64 * 1024)
#define BACKUP_SLOTS_MAX_BYTES KEYSLOT_FILE_MAX_BYTES   /* either format version */

typedef enum backup_status {
    BK_OK = 0,
    BK_UNREADABLE,          /* the backup file cannot be opened or read */
    BK_NOT_BACKUP,          /* the file is not a tipcase backup at all */
    BK_TOO_NEW,             /* a backup in a format this tipcase does not know */
    BK_DAMAGED,             /* damaged, cut short or changed after it was made */
    BK_WRONG_PASSPHRASE,    /* no officer of the backup with that passphrase */
    BK_TARGET_HAS_STORE,    /* restore: the folder already holds a store */
    BK_TARGET_NOT_EMPTY,    /* restore: the folder holds other files */
    BK_TARGET_NOT_BACKUP,   /* backup: FILE exists and is not a backup */
    BK_DISK_FULL,           /* no space left (or the file is too big for the disk) */
    BK_IO,                  /* cannot write the file or folder (errno kept) */
    BK_BUSY,                /* the store stayed locked by another tipcase */
    BK_STORE_DAMAGED,       /* backup: the store itself cannot be read */
    BK_CHECK_FAILED,        /* restore: the restored store failed the check */
    BK_NOMEM,
    BK_DENIED,              /* backup: the acting officer's role may not (core/access.h) */
} backup_status;

const char *backup_status_text(backup_status s);   /* msgid */

/* Progress of a long run: fn(done, total, ctx) after each step, done
 * growing from 0 to total (bytes of work); the last call has done ==
 * total.  A NULL progress (or fn) is fine. */
typedef void (*backup_progress_fn)(uint64_t done, uint64_t total, void *ctx);
typedef struct backup_progress {
    backup_progress_fn fn;
    void *ctx;
} backup_progress;

/* Write a backup of s to file.  It is written to "FILE.tmp", synced,
 * renamed over file (so an older backup of that name stays whole until the
 * new one is complete) and its folder synced; mode 0600.  The intermediate
 * copy of the database, "FILE.tmp.db", is SQLCipher-encrypted under the
 * data key and removed before returning.  An existing file that is not a
 * tipcase backup is never replaced (BK_TARGET_NOT_BACKUP): a slip of the
 * fingers must not overwrite the store's own database or a document.
 * First appends the audit event "backup" as the acting officer, so a copy
 * never exists without a record of who made it (the backup itself holds
 * that event).  Other processes may keep writing: the copy is the moment
 * the read began.  Progress counts the copy and the encryption (total is
 * twice the database's size).  On failure file is as it was (missing, or
 * the older backup) and no FILE.tmp or FILE.tmp.db is left. */
backup_status store_backup(store *s, const char *file, const backup_progress *progress);

/* What a backup's header says, read without a passphrase. */
typedef struct backup_info {
    char store_code[STORE_CODE_LEN + 1];
    int64_t created_at;             /* seconds since the epoch, UTC */
    uint64_t database_bytes;
    size_t officers;                /* key slots: officers who can restore it */
} backup_info;
/* BK_OK and *out filled when file is a whole, well-formed backup by its
 * header and size (the stream is only authenticated by a restore). */
backup_status backup_read_info(const char *file, backup_info *out);

/* Whether dir may receive a restore: BK_OK when it is missing or an empty
 * folder, else BK_TARGET_HAS_STORE, BK_TARGET_NOT_EMPTY (also for a file)
 * or BK_IO.  Lets the command line refuse before asking a passphrase;
 * store_restore() checks again. */
backup_status backup_check_target(const char *dir);

/* Restore file into dir, which must be missing (it is made, 0700, with any
 * missing parents) or empty (else BK_TARGET_HAS_STORE / BK_TARGET_NOT_EMPTY,
 * and nothing is touched).  login's passphrase pass unwraps the data key
 * from the key slots inside the backup; a wrong one is BK_WRONG_PASSPHRASE
 * with nothing written.  The stream is authenticated and decrypted to
 * "dir/cases.db.tmp", the key slots written to "dir/keyslots", the
 * database renamed to "dir/cases.db"; then the store is opened as login
 * (with clock: migrating a backup from an older tipcase) and store_check()
 * run, its result in *report (may be NULL).  On any failure everything
 * written is removed again (and dir itself when this call made it).
 * Progress counts the bytes of the backup file read. */
backup_status store_restore(const char *file, const char *dir, const char *login,
                            const char *pass, const tc_clock *clock,
                            const backup_progress *progress, store_check_report *report);

#endif
