/* keyslot.h - the key-slot file: one wrapped copy of the data key per
 * officer (LUKS-style).
 *
 * The database is encrypted with a random 256-bit data key.  Each officer's
 * slot holds that key encrypted with XChaCha20-Poly1305 under a key derived
 * from the officer's passphrase with Argon2id (libsodium crypto_pwhash).
 * Officers can be added, removed or change passphrase without re-encrypting
 * the database.  A wrong passphrase fails the AEAD check before SQLCipher is
 * touched.
 *
 * The file ("keyslots" beside the database) names no officer: a slot is
 * found by a keyed BLAKE2b hash of the login.  Each slot's ciphertext is
 * bound (as additional data) to the store id and that hash, so a slot copied
 * from another store or another officer does not open.  The file is written
 * atomically: temp file, fsync, rename, fsync of the directory. */
#ifndef TC_KEYSLOT_H
#define TC_KEYSLOT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DATA_KEY_BYTES 32
#define STORE_ID_BYTES 16
#define KEYSLOT_MAX 64

/* File format (all integers little-endian), documented here so tests and
 * recovery tools can take a file apart:
 *   header: "TCKSLOT1" magic (8) | u32 version (=2) | store id (16) | u32 count
 *   count slots, each: login hash (32) | salt (16) | u64 opslimit |
 *     u64 memlimit | nonce (24) | wrapped key (32) + tag (16)
 *   trailer (version 2 only): u32 failed passphrase tries since the last
 *     success | i64 time of the last failed try (Unix seconds, UTC)
 * The file is exactly header + count * record (+ trailer for version 2)
 * bytes; anything else is KEYSLOT_DAMAGED.  Version 1 files (no trailer,
 * written before the guessing delay) are still read, as "no failures";
 * every save writes version 2.
 *
 * The failure count paces passphrase guessing through the program: before
 * a try, store_open() waits keyslot_wait_seconds().  It is integrity-
 * relevant but not secret, and not authenticated: whoever can edit this
 * file can reset it.  It slows guessing at the keyboard and by scripts
 * running tipcase, not an offline attack on a copied file -- Argon2id's
 * cost in every slot is what slows that. */
#define KEYSLOT_FILE_HEADER_BYTES 32
#define KEYSLOT_RECORD_BYTES 136
#define KEYSLOT_FILE_TRAILER_BYTES 12
/* The largest well-formed file (KEYSLOT_MAX slots, version 2). */
#define KEYSLOT_FILE_MAX_BYTES \
    (KEYSLOT_FILE_HEADER_BYTES + KEYSLOT_MAX * KEYSLOT_RECORD_BYTES + KEYSLOT_FILE_TRAILER_BYTES)

/* The longest wait keyslot_guess_delay() asks for, in seconds. */
#define KEYSLOT_DELAY_MAX_SECONDS 30

/* Argon2id cost, stored in each slot so it can differ per slot (tests use
 * cheap slots through this API; the program always uses the default). */
typedef struct kdf_params {
    uint64_t opslimit;
    uint64_t memlimit;      /* bytes */
} kdf_params;

/* The program's cost: about 0.5-1 s on a 2-core field laptop. */
kdf_params kdf_params_default(void);
/* libsodium's minimum: for tests only, passed explicitly. */
kdf_params kdf_params_cheap(void);

typedef enum keyslot_status {
    KEYSLOT_OK = 0,
    KEYSLOT_WRONG,          /* unknown login or wrong passphrase (same delay) */
    KEYSLOT_EXISTS,         /* a slot for this login already exists */
    KEYSLOT_NO_SLOT,        /* no slot for this login (remove) */
    KEYSLOT_LAST_SLOT,      /* refusing to remove the only slot left */
    KEYSLOT_FULL,
    KEYSLOT_IO,             /* cannot read or write the file (errno kept) */
    KEYSLOT_DAMAGED,        /* not a key-slot file, or truncated */
    KEYSLOT_NOMEM,
} keyslot_status;

typedef struct keyslot_file keyslot_file;

/* A new, empty set of slots for a store. */
keyslot_status keyslot_file_new(const unsigned char store_id[STORE_ID_BYTES],
                                keyslot_file **out);
keyslot_status keyslot_file_load(const char *path, keyslot_file **out);
/* The same from len bytes already in memory (a key-slot file carried inside
 * a backup, db/backup.h): KEYSLOT_DAMAGED unless they are exactly one
 * well-formed file. */
keyslot_status keyslot_file_parse(const unsigned char *buf, size_t len, keyslot_file **out);
/* Atomic replace of path (mode 0600). */
keyslot_status keyslot_file_save(const keyslot_file *f, const char *path);
void keyslot_file_free(keyslot_file *f);

const unsigned char *keyslot_store_id(const keyslot_file *f);
size_t keyslot_count(const keyslot_file *f);
bool keyslot_has(const keyslot_file *f, const char *login);

/* Wrap data_key for login under pass with params p. */
keyslot_status keyslot_add(keyslot_file *f, const char *login, const char *pass,
                           kdf_params p, const unsigned char data_key[DATA_KEY_BYTES]);
/* Unwrap into data_key (caller's sodium_malloc'd buffer).  An unknown login
 * costs the same Argon2id work as a known one, so timing tells nothing. */
keyslot_status keyslot_unlock(const keyslot_file *f, const char *login, const char *pass,
                              unsigned char data_key[DATA_KEY_BYTES]);
/* Replace login's slot with one under new_pass (data key unchanged). */
keyslot_status keyslot_change(keyslot_file *f, const char *login, const char *new_pass,
                              kdf_params p, const unsigned char data_key[DATA_KEY_BYTES]);
keyslot_status keyslot_remove(keyslot_file *f, const char *login);

/* ---- pacing passphrase guesses (version 2 trailer) ----
 * These change only the object: the caller saves the file. */

/* The format version the file was read in (1 or 2); a new file is 2. */
unsigned keyslot_file_version(const keyslot_file *f);
/* Failed tries since the last success, and when the last one was. */
uint32_t keyslot_failures(const keyslot_file *f);
int64_t keyslot_last_failure(const keyslot_file *f);
/* One more failed try at now (the count stops at UINT32_MAX). */
void keyslot_note_failure(keyslot_file *f, int64_t now);
/* A passphrase was right: no failures. */
void keyslot_clear_failures(keyslot_file *f);
/* Seconds to wait before the next try after this many failures: 0 for the
 * first 3, then 1, 2, 4, 8, 16, and KEYSLOT_DELAY_MAX_SECONDS from the 8th
 * on. */
unsigned keyslot_guess_delay(uint32_t failures);
/* What is left of that wait at now: keyslot_guess_delay() counted from
 * the last failure, never more than the full delay (a clock set back, or a
 * "last failure" in the future, cannot lock an officer out for longer) and
 * never less than 0. */
unsigned keyslot_wait_seconds(const keyslot_file *f, int64_t now);

#endif
