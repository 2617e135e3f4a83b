/* store.c - creating, opening, checking and closing a store.
 *
 * Order matters for safety: the key slots are unlocked before the
 * database file is even opened, so a wrong passphrase writes nothing; the
 * database is keyed before anything is read from it; and a store is only
 * used after SQLCipher has proved that it is really SQLCipher. */
#include "config.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "db/audit.h"
#include "db/migrate.h"
#include "db/builtin_instruments.h"
#include "core/caseref.h"
#include "core/msg.h"
#include "i18n/i18n.h"
#include "i18n/thaitext.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>

#define BUSY_TIMEOUT_MS 5000

const char *store_status_text(store_status s)
{
    switch (s) {
    case ST_OK:               return N_("Done.");
    case ST_WRONG_PASSPHRASE: return N_("Wrong officer name or passphrase.");
    case ST_NO_STORE:         return N_("No tipcase store was found in this folder.");
    case ST_EXISTS:           return N_("A tipcase store already exists in this folder.");
    case ST_IO:               return N_("The store could not be read or written. Check that the folder exists and that you may write to it.");
    case ST_DISK_FULL:        return N_("The disk is full. Nothing was saved; free some space and try again.");
    case ST_DAMAGED:          return N_("The store is damaged. Run 'tipcase check' and contact your administrator.");
    case ST_NOT_FOUND:        return N_("No such record was found.");
    case ST_DENIED:           return N_("Your role does not allow this. Ask an administrator.");
    case ST_INVALID:          return N_("Some details are not valid. Check them and try again.");
    case ST_DUPLICATE:        return N_("That officer name is already in use.");
    case ST_LAST_ADMIN:       return N_("The store must keep at least one administrator.");
    case ST_BUSY:             return N_("The store is in use by another tipcase. Try again in a moment.");
    case ST_TOO_NEW:          return N_("This store was made by a newer version of tipcase. Install the newer version to open it.");
    case ST_NOMEM:            return N_("Not enough memory.");
    }
    return N_("Unknown error.");
}

/* ---- small shared helpers (store_internal.h) ---- */

void store_set_error(store *s, const char *msg)
{
    if (s)
        snprintf(s->last_error, sizeof s->last_error, "%s", msg ? msg : "");
}

static store_status status_from_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW: return ST_OK;
    case SQLITE_FULL:       return ST_DISK_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:     return ST_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:     return ST_DAMAGED;
    case SQLITE_NOMEM:      return ST_NOMEM;
    case SQLITE_CONSTRAINT:
        /* Unique keys are "already there"; anything else (a case assigned
         * to an officer who does not exist, ...) is bad input. */
        return (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
               ? ST_DUPLICATE : ST_INVALID;
    case SQLITE_MISMATCH:   return ST_TOO_NEW;
    default:                return ST_IO;
    }
}

static store_status status_from_errno(int err)
{
    switch (err) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:  return ST_DISK_FULL;
    case ENOMEM: return ST_NOMEM;
    default:     return ST_IO;
    }
}

store_status store_status_from_sqlite(store *s, int rc)
{
    store_status st = status_from_rc(rc);
    /* SQLite says SQLITE_FULL only for ENOSPC; a write refused by a quota
     * (EDQUOT) or by the file size limit (EFBIG, RLIMIT_FSIZE) comes back
     * as an I/O error.  For the officer all three are a full disk. */
    if ((rc & 0xff) == SQLITE_IOERR && s && s->db)
        st = status_from_errno(sqlite3_system_errno(s->db)) == ST_DISK_FULL ? ST_DISK_FULL
                                                                              : ST_IO;
    if (st != ST_OK && s) {
        s->last_rc = rc;
        if (s->db)
            store_set_error(s, sqlite3_errmsg(s->db));
    }
    return st;
}

store_status store_status_from_keyslot(store *s, keyslot_status ks)
{
    switch (ks) {
    case KEYSLOT_OK:        return ST_OK;
    case KEYSLOT_WRONG:     return ST_WRONG_PASSPHRASE;
    case KEYSLOT_EXISTS:    return ST_DUPLICATE;
    case KEYSLOT_NO_SLOT:   return ST_NOT_FOUND;
    case KEYSLOT_LAST_SLOT: return ST_LAST_ADMIN;
    case KEYSLOT_FULL:      store_set_error(s, "the key-slot file is full"); return ST_DENIED;
    case KEYSLOT_DAMAGED:   store_set_error(s, "the key-slot file is damaged"); return ST_DAMAGED;
    case KEYSLOT_NOMEM:     return ST_NOMEM;
    case KEYSLOT_IO: {
        int err = errno;
        store_set_error(s, strerror(err));
        return status_from_errno(err);
    }
    }
    return ST_IO;
}

store_status store_exec(store *s, const char *sql)
{
    return store_status_from_sqlite(s, sqlite3_exec(s->db, sql, NULL, NULL, NULL));
}

store_status store_prepare(store *s, const char *sql, sqlite3_stmt **q)
{
    *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, q, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(*q);
        *q = NULL;
    }
    return store_status_from_sqlite(s, rc);
}

store_status store_step_done(store *s, sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    store_status st = rc == SQLITE_DONE ? ST_OK : store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    return st;
}

store_status store_step_audit(store *s, sqlite3_stmt *q, const char *action,
                              const char *table_name, const char *record_id)
{
    store_status st = store_step_done(s, q);
    if (st == ST_OK)
        st = store_audit(s, action, table_name, record_id);
    return st;
}

store_status store_step_reset(store *s, sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    store_status st = rc == SQLITE_DONE ? ST_OK : store_status_from_sqlite(s, rc);
    sqlite3_reset(q);
    return st;
}

store_status store_step_count(store *s, sqlite3_stmt *q, sqlite3_int64 *n)
{
    int rc = sqlite3_step(q);
    store_status st = ST_OK;
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(q, 0);
    else
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    return st;
}

store_status store_select_row(store *s, const char *sql, const char *key, sqlite3_stmt **q)
{
    store_status st = store_prepare(s, sql, q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(*q, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(*q);
    if (rc == SQLITE_ROW)
        return ST_OK;
    /* Map the error before finalize, which may replace its text. */
    st = rc == SQLITE_DONE ? ST_NOT_FOUND : store_status_from_sqlite(s, rc);
    sqlite3_finalize(*q);
    *q = NULL;
    return st;
}

store_status store_begin(store *s)
{
    return store_exec(s, s->batch ? "SAVEPOINT store_call" : "BEGIN IMMEDIATE");
}

/* The end of one call inside a batch: its savepoint goes, with its
 * changes kept or undone. */
static store_status finish_in_batch(store *s, store_status st)
{
    if (st == ST_OK)
        st = store_exec(s, "RELEASE store_call");
    if (st != ST_OK) {
        sqlite3_exec(s->db, "ROLLBACK TO store_call", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE store_call", NULL, NULL, NULL);
    }
    return st;
}

store_status store_batch_begin(store *s)
{
    store_status st = store_exec(s, "BEGIN IMMEDIATE");
    s->batch = st == ST_OK;
    return st;
}

store_status store_batch_end(store *s, store_status st)
{
    s->batch = false;
    return store_finish(s, st);
}

store_status store_finish(store *s, store_status st)
{
    if (s->batch)
        return finish_in_batch(s, st);
    if (st == ST_OK) {
        st = store_exec(s, "COMMIT");
        if (st == ST_OK)
            return ST_OK;
    }
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

void store_new_id(char out[TC_ID_LEN])
{
    uuid_t u;
    uuid_generate_random(u);
    uuid_unparse_lower(u, out);
}

void store_now_iso(const store *s, char out[TIMESTAMP_ISO_LEN])
{
    timestamp_format_iso(tc_now(&s->clock), out);
}

caldate store_today(const store *s)
{
    return caldate_from_timestamp(tc_now(&s->clock), s->clock.utc_offset);
}

store_status store_audit(store *s, const char *action, const char *table_name,
                         const char *record_id)
{
    char at[TIMESTAMP_ISO_LEN];
    store_now_iso(s, at);
    return store_status_from_sqlite(s, audit_append(s->db, at, s->me.id, action,
                                                    table_name, record_id));
}

void store_column_copy(sqlite3_stmt *q, int col, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s", store_column_text(q, col));
}

const char *store_column_text(sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    return t ? (const char *)t : "";
}

bool store_column_is(sqlite3_stmt *q, int col, const char *code)
{
    return strcmp(store_column_text(q, col), code) == 0;
}

int store_split_codes(const char *text, char *items, size_t itemsz, int max)
{
    int n = 0;
    const char *p = text;
    while (p && *p && n < max) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0 && len < itemsz) {
            memcpy(items + (size_t)n * itemsz, p, len);
            items[(size_t)n * itemsz + len] = '\0';
            n++;
        }
        p = end ? end + 1 : NULL;
    }
    return n;
}

sqlite3 *store_db_handle(store *s)
{
    return s->db;
}

/* ---- the connection ---- */

int store_db_open_keyed(const char *path, const unsigned char key[DATA_KEY_BYTES],
                        int flags, sqlite3 **out)
{
    *out = NULL;
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return rc;
    }
    sqlite3_extended_result_codes(db, 1);
    /* "x'<64 hex>'" is SQLCipher's raw-key form (no PBKDF2).  It goes
     * through sqlite3_key_v2 - what PRAGMA key calls - rather than SQL
     * text, so the key is never copied into SQLite's parser buffers; our
     * own copy lives in guarded memory and is wiped at once. */
    enum { HEX_KEY_LEN = 2 * DATA_KEY_BYTES + 3 };
    char *hex = sodium_malloc(HEX_KEY_LEN + 1);
    if (!hex) {
        sqlite3_close(db);
        return SQLITE_NOMEM;
    }
    hex[0] = 'x';
    hex[1] = '\'';
    sodium_bin2hex(hex + 2, 2 * DATA_KEY_BYTES + 1, key, DATA_KEY_BYTES);
    hex[HEX_KEY_LEN - 1] = '\'';
    hex[HEX_KEY_LEN] = '\0';
    rc = sqlite3_key_v2(db, "main", hex, HEX_KEY_LEN);
    sodium_free(hex);
    /* SQLCipher 3 defaults to 1 KiB pages; every store uses 4 KiB, and
     * the setting must be given before the first page is read. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA cipher_page_size = 4096", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return rc;
    }
    *out = db;
    return SQLITE_OK;
}

static int thai_collation(void *ctx, int alen, const void *a, int blen, const void *b)
{
    (void)ctx;
    return thai_collate_n(a, alen, b, blen);
}

/* The first text column of a one-row query, or "" */
static bool query_text(sqlite3 *db, const char *sql, char *out, size_t outsz)
{
    sqlite3_stmt *q = NULL;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        return false;
    bool ok = sqlite3_step(q) == SQLITE_ROW;
    if (ok) {
        const unsigned char *t = sqlite3_column_text(q, 0);
        snprintf(out, outsz, "%s", t ? (const char *)t : "");
    }
    sqlite3_finalize(q);
    return ok;
}

/* Prove the key opens the file (SQLCipher checks every page's HMAC, so a
 * wrong key or a damaged first page shows here). */
static store_status verify_readable(store *s)
{
    int rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return ST_OK;
    store_status st = store_status_from_sqlite(s, rc);
    if ((rc & 0xff) == SQLITE_NOTADB)
        store_set_error(s, "the database cannot be decrypted with this store's key: "
                           "it is damaged, or the key slots belong to another store");
    return st;
}

/* An unencrypted SQLite would happily write names in clear text. */
static store_status verify_sqlcipher(store *s)
{
    char version[64];
    if (query_text(s->db, "PRAGMA cipher_version", version, sizeof version) && version[0])
        return ST_OK;
    store_set_error(s, "the SQLite library is not SQLCipher: refusing to store data unencrypted");
    return ST_IO;
}

static store_status apply_pragmas(store *s)
{
    char mode[16];
    if (!query_text(s->db, "PRAGMA journal_mode = WAL", mode, sizeof mode))
        return store_status_from_sqlite(s, sqlite3_errcode(s->db));
    if (strcmp(mode, "wal") != 0) {
        store_set_error(s, "cannot switch the database to WAL mode");
        return ST_IO;
    }
    static const char pragmas[] =
        "PRAGMA synchronous = FULL;"
        "PRAGMA foreign_keys = ON;"
        "PRAGMA temp_store = MEMORY;"
        "PRAGMA secure_delete = ON;";
    store_status st = store_exec(s, pragmas);
    if (st != ST_OK)
        return st;
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    int rc = sqlite3_create_collation_v2(s->db, "THAI", SQLITE_UTF8, NULL, thai_collation, NULL);
    return store_status_from_sqlite(s, rc);
}

static store_status run_migrations(store *s)
{
    int rc = migrate_to_at(s->db, migrate_latest_version(), tc_now(&s->clock));
    if (rc == SQLITE_MISMATCH) {
        store_set_error(s, "the database schema is newer than this program");
        return ST_TOO_NEW;
    }
    return store_status_from_sqlite(s, rc);
}

/* Everything between "file opened and keyed" and "ready for use". */
static store_status prepare_connection(store *s, int flags)
{
    int rc = store_db_open_keyed(s->db_path, s->key, flags, &s->db);
    if (rc != SQLITE_OK) {
        store_set_error(s, sqlite3_errstr(rc));
        return status_from_rc(rc);
    }
    store_status st = verify_readable(s);
    if (st == ST_OK)
        st = verify_sqlcipher(s);
    if (st == ST_OK)
        st = apply_pragmas(s);
    if (st == ST_OK)
        st = run_migrations(s);
    return st;
}

/* ---- paths and the store object ---- */

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static store *store_alloc(const char *dir, const tc_clock *clock)
{
    if (sodium_init() < 0)
        return NULL;
    store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->db_path = join_path(dir, STORE_DB_FILE);
    s->slots_path = join_path(dir, STORE_SLOTS_FILE);
    s->key = sodium_malloc(DATA_KEY_BYTES);
    s->clock = *clock;
    if (!s->db_path || !s->slots_path || !s->key) {
        store_close(s);
        return NULL;
    }
    return s;
}

void store_close(store *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close_v2(s->db);
    if (s->key)
        sodium_free(s->key);        /* wipes before freeing */
    free(s->db_path);
    free(s->slots_path);
    sodium_memzero(s, sizeof *s);
    free(s);
}

static bool path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

bool store_exists(const char *dir)
{
    char *db = join_path(dir, STORE_DB_FILE);
    char *slots = join_path(dir, STORE_SLOTS_FILE);
    bool yes = (db && path_exists(db)) || (slots && path_exists(slots));
    free(db);
    free(slots);
    return yes;
}

const tc_officer *store_me(const store *s) { return &s->me; }
const char *store_code(const store *s) { return s->code; }
const tc_clock *store_clock(const store *s) { return &s->clock; }
const char *store_last_error(const store *s) { return s ? s->last_error : ""; }

/* ---- meta ---- */

static store_status meta_put(store *s, const char *key, const char *value)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "INSERT INTO meta(key, value) VALUES(?1, ?2)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, value, -1, SQLITE_TRANSIENT);
    return store_step_done(s, q);
}

static store_status meta_get(store *s, const char *key, char *out, size_t outsz)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT value FROM meta WHERE key = ?1", key, &q);
    if (st == ST_NOT_FOUND) {
        store_set_error(s, "the store's identity (meta table) is missing");
        return ST_DAMAGED;
    }
    if (st != ST_OK)
        return st;
    store_column_copy(q, 0, out, outsz);
    sqlite3_finalize(q);
    return ST_OK;
}

/* The database must be the one the key slots were made for. */
static store_status load_identity(store *s)
{
    char hex[2 * STORE_ID_BYTES + 1], want[2 * STORE_ID_BYTES + 1];
    store_status st = meta_get(s, "store_id", hex, sizeof hex);
    if (st == ST_OK)
        st = meta_get(s, "store_code", s->code, sizeof s->code);
    if (st != ST_OK)
        return st;
    sodium_bin2hex(want, sizeof want, s->store_id, STORE_ID_BYTES);
    if (strcmp(hex, want) != 0 || !storecode_valid(s->code)) {
        store_set_error(s, "the key slots and the database belong to different stores");
        return ST_DAMAGED;
    }
    return ST_OK;
}

/* ---- create ---- */

/* The first administrator acts from here on, so it is also the officer
 * who created its own row. */
static store_status officer_insert_first(store *s, const tc_officer *admin)
{
    s->me = *admin;
    s->me.role = ROLE_ADMIN;
    s->me.active = true;
    s->me.created_at = tc_now(&s->clock);
    store_new_id(s->me.id);
    return store_officer_insert(s, &s->me, s->me.id);
}

static store_status write_identity(store *s)
{
    char hex[2 * STORE_ID_BYTES + 1], now[TIMESTAMP_ISO_LEN];
    sodium_bin2hex(hex, sizeof hex, s->store_id, STORE_ID_BYTES);
    store_now_iso(s, now);
    store_status st = meta_put(s, "store_id", hex);
    if (st == ST_OK)
        st = meta_put(s, "store_code", s->code);
    if (st == ST_OK)
        st = meta_put(s, "created_at", now);
    return st;
}

/* The database file is made empty by us, 0600, before SQLite sees it:
 * SQLite gives the -wal and -shm files the same mode as the database. */
static store_status create_empty_file(store *s)
{
    int fd = open(s->db_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        int err = errno;
        store_set_error(s, strerror(err));
        return err == EEXIST ? ST_EXISTS : status_from_errno(err);
    }
    close(fd);
    return ST_OK;
}

static store_status create_database(store *s, const tc_officer *admin, const keyslot_file *ks)
{
    store_status st = create_empty_file(s);
    if (st != ST_OK)
        return st;
    st = prepare_connection(s, SQLITE_OPEN_READWRITE);
    if (st == ST_OK)
        st = store_begin(s);
    if (st != ST_OK)
        return st;
    st = write_identity(s);
    if (st == ST_OK)
        st = officer_insert_first(s, admin);
    if (st == ST_OK)
        st = store_audit(s, "store.create", "meta", NULL);
    /* The slots are written inside the transaction: if they cannot be
     * saved, nothing is committed, and the caller removes the files. */
    if (st == ST_OK)
        st = store_status_from_keyslot(s, keyslot_file_save(ks, s->slots_path));
    return store_finish(s, st);
}

static void remove_half_made(store *s, const char *dir, bool made_dir)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    if (s->db) {
        sqlite3_close_v2(s->db);
        s->db = NULL;
    }
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s%s", s->db_path, suffixes[i]) < sizeof path)
            unlink(path);
    }
    unlink(s->slots_path);
    if (made_dir)
        rmdir(dir);
}

/* Make the missing parents of dir (0700), as mkdir -p: the default store
 * lives in ~/.local/share/tipcase, and a fresh account may have no
 * ~/.local/share yet. */
static void make_parents(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0700);      /* EEXIST is the common, fine case */
        *p = '/';
    }
}

/* mkdir dir 0700 unless it exists; *made says whether we made it. */
static store_status ensure_dir(const char *dir, bool *made)
{
    *made = false;
    make_parents(dir);
    if (mkdir(dir, 0700) == 0) {
        *made = true;
        return ST_OK;
    }
    struct stat stt;
    if (errno == EEXIST && stat(dir, &stt) == 0 && S_ISDIR(stt.st_mode))
        return ST_OK;
    return status_from_errno(errno);
}

static store_status new_identity(store *s, keyslot_file **ks)
{
    unsigned char rnd[STORE_CODE_LEN];
    randombytes_buf(s->key, DATA_KEY_BYTES);
    randombytes_buf(s->store_id, STORE_ID_BYTES);
    randombytes_buf(rnd, sizeof rnd);
    storecode_from_random(rnd, s->code);
    return store_status_from_keyslot(s, keyslot_file_new(s->store_id, ks));
}

store_status store_create(const char *dir, const tc_officer *admin,
                          const char *pass, kdf_params p,
                          const tc_clock *clock, store **out)
{
    *out = NULL;
    if (officer_validate(admin) != OFFICER_OK || !pass)
        return ST_INVALID;
    bool made_dir = false;
    store_status st = ensure_dir(dir, &made_dir);
    if (st != ST_OK)
        return st;
    if (store_exists(dir))
        return ST_EXISTS;
    store *s = store_alloc(dir, clock);
    if (!s) {
        if (made_dir)
            rmdir(dir);
        return ST_NOMEM;
    }
    keyslot_file *ks = NULL;
    st = new_identity(s, &ks);
    if (st == ST_OK)
        st = store_status_from_keyslot(s, keyslot_add(ks, admin->login, pass, p, s->key));
    if (st == ST_OK) {
        st = create_database(s, admin, ks);
        if (st != ST_OK)
            remove_half_made(s, dir, made_dir);
    } else if (made_dir) {
        rmdir(dir);
    }
    keyslot_file_free(ks);
    if (st != ST_OK) {
        store_close(s);
        return st;
    }
    *out = s;
    return ST_OK;
}

/* ---- open ---- */

static store_status load_slots(store *s, keyslot_file **ks)
{
    keyslot_status k = keyslot_file_load(s->slots_path, ks);
    if (k == KEYSLOT_IO && errno == ENOENT) {
        bool db_there = path_exists(s->db_path);
        store_set_error(s, db_there ? "the key-slot file is missing" : "");
        return db_there ? ST_DAMAGED : ST_NO_STORE;
    }
    return store_status_from_keyslot(s, k);
}

/* ---- pacing passphrase guesses ---- */

static void real_sleep(void *ctx, unsigned seconds)
{
    (void)ctx;
    struct timespec left = { (time_t)seconds, 0 };
    while (nanosleep(&left, &left) == -1 && errno == EINTR)
        continue;
}

static store_sleep_fn sleeper = real_sleep;
static void *sleeper_ctx;

void store_set_sleep(store_sleep_fn fn, void *ctx)
{
    sleeper = fn ? fn : real_sleep;
    sleeper_ctx = fn ? ctx : NULL;
}

unsigned store_unlock_wait(const char *dir, const tc_clock *clock)
{
    char *path = join_path(dir, STORE_SLOTS_FILE);
    keyslot_file *ks = NULL;
    unsigned wait = 0;
    if (path && keyslot_file_load(path, &ks) == KEYSLOT_OK)
        wait = keyslot_wait_seconds(ks, tc_now(clock));
    keyslot_file_free(ks);
    free(path);
    return wait;
}

/* Count a failed try.  The file is read again just before, so a slot an
 * administrator saved in the meantime is kept.  A count that cannot be
 * saved (a read-only folder) changes nothing for this try: it was wrong
 * either way, and the officer hears that. */
static void record_failure(store *s)
{
    keyslot_file *ks = NULL;
    if (keyslot_file_load(s->slots_path, &ks) != KEYSLOT_OK)
        return;
    keyslot_note_failure(ks, tc_now(&s->clock));
    keyslot_file_save(ks, s->slots_path);
    keyslot_file_free(ks);
}

/* A right passphrase clears the count.  Nothing is written when there is
 * nothing to clear, so opening an undamaged store leaves its key-slot
 * file as it was. */
static void clear_failures(store *s, keyslot_file *ks)
{
    if (keyslot_failures(ks) == 0)
        return;
    keyslot_clear_failures(ks);
    keyslot_file_save(ks, s->slots_path);
}

/* ---- what is on disk before SQLite sees it ---- */

#define STORE_PAGE_BYTES 4096

/* SQLite writes the database file in whole pages, and a store always has
 * some: an empty file or one that ends mid-page was cut short (SQLite
 * would take an empty file for a new database and write a schema in it). */
static store_status check_db_file_size(store *s)
{
    struct stat st;
    if (stat(s->db_path, &st) != 0) {
        store_set_error(s, "the database file is missing");
        return ST_DAMAGED;
    }
    if (st.st_size == 0 || st.st_size % STORE_PAGE_BYTES != 0) {
        store_set_error(s, "the database file is cut short");
        return ST_DAMAGED;
    }
    return ST_OK;
}

/* True when another process has the database open (it holds SQLite's
 * shared lock, which a connection in WAL mode keeps while it is open). */
static bool db_in_use_elsewhere(const char *db_path)
{
    int fd = open(db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    /* SQLite's lock bytes: PENDING 0x40000000, RESERVED +1, SHARED +2..+511. */
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = 0x40000000 + 2, .l_len = 510 };
    bool busy = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return busy;
}

static bool wal_has_frames(const store *s)
{
    char path[4096];
    struct stat st;
    return (size_t)snprintf(path, sizeof path, "%s-wal", s->db_path) < sizeof path
        && stat(path, &st) == 0 && st.st_size > 32;     /* more than the WAL header */
}

/* A -wal left with nobody using the store came from a crash -- or was put
 * there: another store's, or an older copy of this one's.  The connection
 * that closes last copies the WAL into the database (a checkpoint), and
 * SQLCipher's page checks happen only when a page is read, so a bad WAL
 * would be written over the database before anything noticed.  It is
 * read first, every page, through a read-only connection, which never
 * checkpoints.  (A WAL of a store in use by another tipcase is that
 * program's own and is not read twice.) */
static store_status check_leftover_wal(store *s)
{
    if (!wal_has_frames(s) || db_in_use_elsewhere(s->db_path))
        return ST_OK;
    sqlite3 *db = NULL;
    int rc = store_db_open_keyed(s->db_path, s->key, SQLITE_OPEN_READONLY, &db);
    char verdict[32] = "";
    if (rc == SQLITE_OK && !query_text(db, "PRAGMA quick_check", verdict, sizeof verdict))
        rc = sqlite3_errcode(db);
    sqlite3_close(db);
    if (rc == SQLITE_OK && strcmp(verdict, "ok") == 0)
        return ST_OK;
    store_set_error(s, "the database's write-ahead log (cases.db-wal) does not belong to "
                       "this database: it is damaged, or was copied from another store or "
                       "an older copy");
    return ST_DAMAGED;
}

static store_status unlock_and_connect(store *s, const char *login, const char *pass)
{
    keyslot_file *ks = NULL;
    store_status st = load_slots(s, &ks);
    if (st != ST_OK)
        return st;
    memcpy(s->store_id, keyslot_store_id(ks), STORE_ID_BYTES);
    unsigned wait = keyslot_wait_seconds(ks, tc_now(&s->clock));
    if (wait > 0)
        sleeper(sleeper_ctx, wait);
    st = store_status_from_keyslot(s, keyslot_unlock(ks, login, pass, s->key));
    if (st == ST_WRONG_PASSPHRASE)
        record_failure(s);
    else if (st == ST_OK)
        clear_failures(s, ks);
    keyslot_file_free(ks);
    if (st != ST_OK)
        return st;
    st = check_db_file_size(s);
    if (st == ST_OK)
        st = check_leftover_wal(s);
    if (st == ST_OK)
        st = prepare_connection(s, SQLITE_OPEN_READWRITE);
    if (st == ST_OK)
        st = load_identity(s);
    return st;
}

store_status store_open(const char *dir, const char *login, const char *pass,
                        const tc_clock *clock, store **out)
{
    *out = NULL;
    if (!login || !pass)
        return ST_WRONG_PASSPHRASE;
    store *s = store_alloc(dir, clock);
    if (!s)
        return ST_NOMEM;
    store_status st = unlock_and_connect(s, login, pass);
    if (st == ST_OK) {
        /* A removed officer whose slot somehow survived still gets in no
         * further than a stranger. */
        st = store_officer_by_login(s, login, &s->me);
        if (st == ST_NOT_FOUND || (st == ST_OK && !s->me.active))
            st = ST_WRONG_PASSPHRASE;
    }
    /* A newer tipcase may ship new instrument versions.  Failing to add
     * them (a busy or full disk) must not lock officers out of their
     * cases: the versions already stored still work, and the reason is
     * in store_last_error(). */
    if (st == ST_OK)
        store_builtin_instruments_sync(s);
    /* Every statement on this path is fixed and tested: an "SQL logic
     * error" here means SQLCipher refused a page whose HMAC did not match
     * (3.4 reports it so), which is damage, not a disk problem. */
    if (st == ST_IO && (s->last_rc & 0xff) == SQLITE_ERROR)
        st = ST_DAMAGED;
    if (st != ST_OK) {
        store_close(s);
        return st;
    }
    *out = s;
    return ST_OK;
}

/* ---- check ---- */

static void check_integrity(store *s, store_check_report *r)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &q, NULL);
    int rows = 0;
    r->integrity_ok = false;
    while (q && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(q, 0);
        if (rows++ == 0) {
            snprintf(r->integrity_detail, sizeof r->integrity_detail, "%s",
                     t ? (const char *)t : "");
            r->integrity_ok = t && strcmp((const char *)t, "ok") == 0;
        } else {
            r->integrity_ok = false;
        }
    }
    if (rc != SQLITE_DONE) {
        /* SQLCipher 3.4 reports a page whose HMAC fails as a plain
         * SQLITE_ERROR ("SQL logic error"): say what it means. */
        r->integrity_ok = false;
        snprintf(r->integrity_detail, sizeof r->integrity_detail,
                 _("A part of the database cannot be read: it is damaged or was changed outside tipcase (%s)."),
                 sqlite3_errmsg(s->db));
    }
    sqlite3_finalize(q);
    if (r->integrity_ok)
        r->integrity_detail[0] = '\0';
}

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* Every page SQLCipher writes is encrypted, so never all zeros; but it
 * reads a page of zeros as a page never written, without its HMAC check,
 * and integrity_check cannot see that a page of a long text went blank.
 * Such a page was cut or overwritten. */
static void check_blank_pages(store *s, store_check_report *r)
{
    if (!r->integrity_ok)
        return;
    int fd = open(s->db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    unsigned char page[STORE_PAGE_BYTES];
    long long number = 1;
    ssize_t got;
    while ((got = read(fd, page, sizeof page)) == (ssize_t)sizeof page) {
        if (all_zero(page, sizeof page)) {
            r->integrity_ok = false;
            snprintf(r->integrity_detail, sizeof r->integrity_detail,
                     _("Page %lld of the database is blank: the file was cut or overwritten outside tipcase."),
                     number);
            break;
        }
        number++;
    }
    close(fd);
}

/* A case pointing at a person that is not there is damage too. */
static void check_foreign_keys(store *s, store_check_report *r)
{
    char table[64];
    if (!r->integrity_ok)
        return;
    if (query_text(s->db, "PRAGMA foreign_key_check", table, sizeof table)) {
        r->integrity_ok = false;
        snprintf(r->integrity_detail, sizeof r->integrity_detail,
                 "a record in table %s refers to a record that does not exist", table);
    }
}

static void check_audit(store *s, store_check_report *r)
{
    audit_verdict v;
    int rc = audit_verify(s->db, &v);
    r->audit_rows = v.rows;
    if (rc != SQLITE_OK) {
        r->audit_ok = false;
        snprintf(r->audit_detail, sizeof r->audit_detail, "%s (%s)",
                 _("The audit trail could not be read."), sqlite3_errmsg(s->db));
        return;
    }
    r->audit_ok = v.ok;
    r->first_bad_row = v.first_bad_seq;
    if (v.ok)
        return;
    if (v.bad_link)
        snprintf(r->audit_detail, sizeof r->audit_detail,
                 _("The audit trail is broken before record %lld: a record was removed or changed."),
                 (long long)v.first_bad_seq);
    else
        snprintf(r->audit_detail, sizeof r->audit_detail,
                 _("Audit record %lld was changed after it was written."),
                 (long long)v.first_bad_seq);
}

store_status store_check(store *s, store_check_report *r)
{
    memset(r, 0, sizeof *r);
    check_integrity(s, r);
    check_blank_pages(s, r);
    check_foreign_keys(s, r);
    check_audit(s, r);
    if (r->integrity_ok && r->audit_ok)
        return ST_OK;
    store_set_error(s, r->integrity_ok ? r->audit_detail : r->integrity_detail);
    return ST_DAMAGED;
}

int64_t store_column_time(sqlite3_stmt *q, int col)
{
    int64_t t = 0;
    const unsigned char *text = sqlite3_column_text(q, col);
    if (text)
        timestamp_parse_iso((const char *)text, &t);
    return t;
}

void store_bind_time(sqlite3_stmt *q, int i, int64_t t)
{
    char iso[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(t, iso);
    sqlite3_bind_text(q, i, iso, -1, SQLITE_TRANSIENT);
}

store_status store_case_exists(store *s, const char *case_id)
{
    if (!case_id || !*case_id)
        return ST_NOT_FOUND;
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT 1 FROM cases WHERE id = ?1", case_id, &q);
    sqlite3_finalize(q);
    return st;
}

store_status store_collect(store *s, sqlite3_stmt *q, size_t size,
                           void (*read)(sqlite3_stmt *q, void *elem, void *ctx), void *ctx,
                           void **out, size_t *n)
{
    unsigned char *arr = NULL;
    size_t count = 0, cap = 0;
    store_status st = ST_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (count == cap) {
            size_t ncap = cap ? 2 * cap : 8;
            unsigned char *grown = realloc(arr, ncap * size);
            if (!grown) {
                st = ST_NOMEM;
                break;
            }
            arr = grown, cap = ncap;
        }
        memset(arr + count * size, 0, size);
        read(q, arr + count * size, ctx);
        count++;
    }
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    if (st != ST_OK || count == 0) {
        free(arr);
        arr = NULL, count = 0;
    }
    *out = arr;
    *n = count;
    return st;
}
