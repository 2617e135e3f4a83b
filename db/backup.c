/* backup.c - one-file encrypted backups (see backup.h for the format).
 *
 * The copy is made in two steps so that a writer in another process never
 * has to wait and never tears the copy: SQLite's online backup API copies
 * the pages of one read transaction (a WAL snapshot) into an intermediate
 * database keyed with the same data key - SQLCipher 3.4 re-encrypts each
 * page for the destination, so that file is ciphertext like the store -
 * and that file is then sealed chunk by chunk with crypto_secretstream.
 * Restoring reverses the second step only: what comes out of the stream is
 * the SQLCipher file, never plaintext. */
#include "config.h"
#include "db/backup.h"
#include "db/file_io.h"
#include "db/keyslot.h"
#include "db/le_bytes.h"
#include "db/store_internal.h"
#include "core/caseref.h"
#include "core/msg.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char backup_magic[8] = { 'T', 'C', 'B', 'A', 'C', 'K', 'U', 'P' };

#define CODE_FIELD_BYTES 8
/* magic | version | store code | created_at | database bytes | slot bytes */
#define FIXED_BYTES (8 + 4 + CODE_FIELD_BYTES + 8 + 8 + 4)
#define HASH_BYTES 32
#define SS_HEADER_BYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SS_ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define SS_TAG_FINAL crypto_secretstream_xchacha20poly1305_TAG_FINAL
#define SS_TAG_MESSAGE crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
#define STREAM_KEY_BYTES crypto_secretstream_xchacha20poly1305_KEYBYTES
#define KDF_CONTEXT "tcbackup"
#define KDF_STREAM_KEY_ID 1
/* 1 MiB of 4 KiB pages between two progress reports. */
#define PAGES_PER_STEP 256
/* How long a locked source or destination may hold the copy up. */
#define BUSY_RETRIES 200
#define BUSY_SLEEP_MS 50
/* No store comes near this; a header that claims more is damage (and the
 * size arithmetic below cannot overflow). */
#define DATABASE_MAX_BYTES (UINT64_C(1) << 48)

_Static_assert(sizeof KDF_CONTEXT - 1 == crypto_kdf_CONTEXTBYTES, "kdf context size");
_Static_assert(STORE_CODE_LEN < CODE_FIELD_BYTES, "store code field");
_Static_assert(STREAM_KEY_BYTES >= crypto_kdf_BYTES_MIN && STREAM_KEY_BYTES <= crypto_kdf_BYTES_MAX,
               "stream key size");

const char *backup_status_text(backup_status s)
{
    switch (s) {
    case BK_OK:                return N_("Done.");
    case BK_UNREADABLE:        return N_("The backup file could not be read. Check its name and that you may read it.");
    case BK_NOT_BACKUP:        return N_("This file is not a tipcase backup.");
    case BK_TOO_NEW:           return N_("This backup was made by a newer version of tipcase. Install the newer version to restore it.");
    case BK_DAMAGED:           return N_("The backup is damaged or was changed after it was made. Nothing was restored; use another copy.");
    case BK_WRONG_PASSPHRASE:  return N_("Wrong officer name or passphrase for this backup. Use the passphrase the officer had when the backup was made.");
    case BK_TARGET_HAS_STORE:  return N_("That folder already holds a tipcase store. Nothing was changed; restore into a new, empty folder.");
    case BK_TARGET_NOT_EMPTY:  return N_("That folder is not empty. Restore into a new, empty folder.");
    case BK_TARGET_NOT_BACKUP: return N_("That file exists and is not a tipcase backup, so it was not replaced. Choose another file name.");
    case BK_DISK_FULL:         return N_("There is not enough space: the disk is full, or the file is too large for it. Nothing was kept; free some space or use another disk.");
    case BK_IO:                return N_("The file could not be written. Check that the folder exists and that you may write to it.");
    case BK_BUSY:              return N_("The store is in use by another tipcase. Try again in a moment.");
    case BK_STORE_DAMAGED:     return N_("The store is damaged. Run 'tipcase check' and contact your administrator.");
    case BK_CHECK_FAILED:      return N_("The restored store did not pass the check. Nothing was kept; use another copy of the backup.");
    case BK_NOMEM:             return N_("Not enough memory.");
    case BK_DENIED:            return N_("Only a supervisor or an administrator may do this.");
    }
    return N_("Unknown error.");
}

/* ---- small helpers ---- */

static backup_status status_from_errno(int err)
{
    switch (err) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:     /* a FAT32 stick and a store over 4 GiB */
        return BK_DISK_FULL;
    case ENOMEM:
        return BK_NOMEM;
    default:
        return BK_IO;
    }
}

static void report(const backup_progress *p, uint64_t done, uint64_t total)
{
    if (p && p->fn)
        p->fn(done, total, p->ctx);
}

static char *path_with(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", a, b);
    return p;
}

/* A new empty file, 0600; a stale one of that name (an interrupted run of
 * ours) is replaced. */
static int create_fresh(const char *path)
{
    unlink(path);
    return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
}

/* The stream key: a subkey of the data key, so the backup key is never the
 * key of the database it carries. */
static unsigned char *stream_key(const unsigned char data_key[DATA_KEY_BYTES])
{
    unsigned char *k = sodium_malloc(STREAM_KEY_BYTES);
    if (k && crypto_kdf_derive_from_key(k, STREAM_KEY_BYTES, KDF_STREAM_KEY_ID, KDF_CONTEXT,
                                        data_key) != 0) {
        sodium_free(k);
        k = NULL;
    }
    return k;
}

/* ---- the header ---- */

typedef struct header {
    char code[STORE_CODE_LEN + 1];
    int64_t created_at;
    uint64_t db_bytes;
    uint32_t slots_len;
    unsigned char slots[BACKUP_SLOTS_MAX_BYTES];
    unsigned char hash[HASH_BYTES];
} header;

#define HEADER_MAX_BYTES (FIXED_BYTES + BACKUP_SLOTS_MAX_BYTES + HASH_BYTES)

static size_t header_bytes(const header *h)
{
    return FIXED_BYTES + h->slots_len + HASH_BYTES;
}

static uint64_t chunk_count(uint64_t db_bytes)
{
    return db_bytes == 0 ? 1 : (db_bytes + BACKUP_CHUNK_BYTES - 1) / BACKUP_CHUNK_BYTES;
}

static uint64_t file_bytes(const header *h)
{
    return header_bytes(h) + SS_HEADER_BYTES + h->db_bytes + chunk_count(h->db_bytes) * SS_ABYTES;
}

/* Serialise h into buf (HEADER_MAX_BYTES) and set h->hash; returns the
 * length. */
static size_t header_seal(header *h, unsigned char *buf)
{
    unsigned char *p = buf;
    memcpy(p, backup_magic, sizeof backup_magic);   p += sizeof backup_magic;
    le_put_u32(p, BACKUP_FORMAT_VERSION);           p += 4;
    memset(p, 0, CODE_FIELD_BYTES);
    memcpy(p, h->code, strlen(h->code));            p += CODE_FIELD_BYTES;
    le_put_u64(p, (uint64_t)h->created_at);         p += 8;
    le_put_u64(p, h->db_bytes);                     p += 8;
    le_put_u32(p, h->slots_len);                    p += 4;
    memcpy(p, h->slots, h->slots_len);              p += h->slots_len;
    crypto_generichash(h->hash, HASH_BYTES, buf, (size_t)(p - buf), NULL, 0);
    memcpy(p, h->hash, HASH_BYTES);                 p += HASH_BYTES;
    return (size_t)(p - buf);
}

/* The fixed part: magic first, so a stranger's file is "not a backup"
 * rather than "damaged". */
static backup_status header_parse_fixed(const unsigned char *p, size_t got, header *h)
{
    if (got < sizeof backup_magic || memcmp(p, backup_magic, sizeof backup_magic) != 0)
        return BK_NOT_BACKUP;
    if (got < FIXED_BYTES)
        return BK_DAMAGED;
    uint32_t version = le_get_u32(p + 8);
    if (version > BACKUP_FORMAT_VERSION)
        return BK_TOO_NEW;
    if (version != BACKUP_FORMAT_VERSION)
        return BK_DAMAGED;
    const unsigned char *code = p + 12;
    if (code[STORE_CODE_LEN] != '\0')
        return BK_DAMAGED;
    memcpy(h->code, code, STORE_CODE_LEN);
    h->code[STORE_CODE_LEN] = '\0';
    h->created_at = (int64_t)le_get_u64(p + 12 + CODE_FIELD_BYTES);
    h->db_bytes = le_get_u64(p + 20 + CODE_FIELD_BYTES);
    h->slots_len = le_get_u32(p + 28 + CODE_FIELD_BYTES);
    if (!storecode_valid(h->code) || h->db_bytes > DATABASE_MAX_BYTES
        || h->slots_len < KEYSLOT_FILE_HEADER_BYTES || h->slots_len > BACKUP_SLOTS_MAX_BYTES)
        return BK_DAMAGED;
    return BK_OK;
}

/* Read and verify the header of an open backup: its own BLAKE2b, and the
 * file's length against what the header says it holds (a cut or extended
 * file is found here, before any passphrase). */
static backup_status header_read(int fd, header *h)
{
    unsigned char buf[HEADER_MAX_BYTES];
    size_t got = 0;
    if (!file_read_full(fd, buf, FIXED_BYTES, &got))
        return BK_UNREADABLE;
    backup_status st = header_parse_fixed(buf, got, h);
    if (st != BK_OK)
        return st;
    size_t rest = h->slots_len + HASH_BYTES;
    if (!file_read_full(fd, buf + FIXED_BYTES, rest, &got))
        return BK_UNREADABLE;
    if (got != rest)
        return BK_DAMAGED;
    unsigned char want[HASH_BYTES];
    crypto_generichash(want, HASH_BYTES, buf, FIXED_BYTES + h->slots_len, NULL, 0);
    if (sodium_memcmp(want, buf + FIXED_BYTES + h->slots_len, HASH_BYTES) != 0)
        return BK_DAMAGED;
    memcpy(h->slots, buf + FIXED_BYTES, h->slots_len);
    memcpy(h->hash, want, HASH_BYTES);
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return BK_UNREADABLE;
    return (uint64_t)sb.st_size == file_bytes(h) ? BK_OK : BK_DAMAGED;
}

/* Open file and read its verified header; on BK_OK *fd is the caller's. */
static backup_status backup_open(const char *file, int *fd, header *h)
{
    *fd = open(file, O_RDONLY | O_CLOEXEC);
    if (*fd < 0)
        return BK_UNREADABLE;
    backup_status st = header_read(*fd, h);
    if (st != BK_OK) {
        close(*fd);
        *fd = -1;
    }
    return st;
}

/* A key-slot failure: out of memory, or `otherwise` (what any other
 * failure means to the caller). */
static backup_status status_from_keyslot(keyslot_status k, backup_status otherwise)
{
    return k == KEYSLOT_OK ? BK_OK : k == KEYSLOT_NOMEM ? BK_NOMEM : otherwise;
}

/* The key-slot file the verified header carries: damaged unless it is
 * one well-formed file. */
static backup_status header_slots(const header *h, keyslot_file **ks)
{
    return status_from_keyslot(keyslot_file_parse(h->slots, h->slots_len, ks), BK_DAMAGED);
}

backup_status backup_read_info(const char *file, backup_info *out)
{
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return BK_NOMEM;
    header *h = calloc(1, sizeof *h);
    if (!h)
        return BK_NOMEM;
    int fd = -1;
    backup_status st = backup_open(file, &fd, h);
    keyslot_file *ks = NULL;
    if (st == BK_OK) {
        close(fd);
        st = header_slots(h, &ks);
    }
    if (st == BK_OK) {
        snprintf(out->store_code, sizeof out->store_code, "%s", h->code);
        out->created_at = h->created_at;
        out->database_bytes = h->db_bytes;
        out->officers = keyslot_count(ks);
    }
    keyslot_file_free(ks);
    free(h);
    return st;
}

/* ---- backup ---- */

static backup_status status_from_store(store_status st)
{
    switch (st) {
    case ST_OK:         return BK_OK;
    case ST_BUSY:       return BK_BUSY;
    case ST_DISK_FULL:  return BK_DISK_FULL;
    case ST_DAMAGED:    return BK_STORE_DAMAGED;
    case ST_NOMEM:      return BK_NOMEM;
    default:            return BK_IO;
    }
}

/* An SQLite failure of the copy: a full disk, a page of the store that
 * does not authenticate, or something else. */
static backup_status status_from_copy(store *s, sqlite3 *dst, int rc)
{
    store_set_error(s, sqlite3_errmsg(dst));
    switch (rc & 0xff) {
    case SQLITE_FULL:    return BK_DISK_FULL;
    case SQLITE_NOMEM:   return BK_NOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:  return BK_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_ERROR:   return BK_STORE_DAMAGED;    /* SQLCipher 3.4: a bad HMAC */
    case SQLITE_IOERR:   return status_from_errno(sqlite3_system_errno(dst));
    default:             return BK_IO;
    }
}

/* FILE may be replaced only when it is missing, empty or a backup. */
static backup_status check_replaceable(const char *file)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? BK_OK : status_from_errno(errno);
    unsigned char magic[sizeof backup_magic];
    size_t got = 0;
    bool ok = file_read_full(fd, magic, sizeof magic, &got)
              && (got == 0 || (got == sizeof magic && memcmp(magic, backup_magic, got) == 0));
    close(fd);
    return ok ? BK_OK : BK_TARGET_NOT_BACKUP;
}

/* The key-slot file as it is now, checked to be this store's. */
static backup_status read_slots(store *s, header *h)
{
    int fd = open(s->slots_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return status_from_errno(errno);
    size_t got = 0;
    unsigned char extra;
    bool ok = file_read_full(fd, h->slots, sizeof h->slots, &got);
    size_t more = 0;
    ok = ok && file_read_full(fd, &extra, 1, &more);
    int err = errno;
    close(fd);
    if (!ok)
        return status_from_errno(err);
    keyslot_file *ks = NULL;
    if (more != 0 || keyslot_file_parse(h->slots, got, &ks) != KEYSLOT_OK
        || sodium_memcmp(keyslot_store_id(ks), s->store_id, STORE_ID_BYTES) != 0) {
        keyslot_file_free(ks);
        store_set_error(s, "the key-slot file is damaged");
        return BK_STORE_DAMAGED;
    }
    keyslot_file_free(ks);
    h->slots_len = (uint32_t)got;
    return BK_OK;
}

static backup_status audit_backup(store *s)
{
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, store_audit(s, "backup", "meta", NULL));
    return status_from_store(st);
}

typedef struct copy_state {
    store *s;
    sqlite3 *dst;
    const backup_progress *progress;
    uint64_t page_bytes;        /* of the source */
    uint64_t copy_bytes;        /* pages in the snapshot * page size */
} copy_state;

/* Step the online backup to its end, reporting after each step.  The
 * caller holds a read transaction on the source, so every step reads the
 * same snapshot and a writer elsewhere never makes it start over. */
static backup_status copy_pages(copy_state *c, sqlite3_backup *b)
{
    int rc, busy = 0;
    do {
        rc = sqlite3_backup_step(b, PAGES_PER_STEP);
        uint64_t all = (uint64_t)sqlite3_backup_pagecount(b);
        uint64_t left = (uint64_t)sqlite3_backup_remaining(b);
        c->copy_bytes = all * c->page_bytes;
        report(c->progress, (all - left) * c->page_bytes, 2 * c->copy_bytes);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (++busy > BUSY_RETRIES)
                break;
            sqlite3_sleep(BUSY_SLEEP_MS);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    int fin = sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE)
        rc = fin;
    return rc == SQLITE_OK || rc == SQLITE_DONE ? BK_OK : status_from_copy(c->s, c->dst, rc);
}

static backup_status source_page_bytes(store *s, uint64_t *out)
{
    sqlite3_stmt *q = NULL;
    if (store_prepare(s, "PRAGMA page_size", &q) != ST_OK)
        return BK_STORE_DAMAGED;
    sqlite3_int64 n = 0;
    store_status st = store_step_count(s, q, &n);
    *out = (uint64_t)n;
    return st == ST_OK && n > 0 ? BK_OK : status_from_store(st == ST_OK ? ST_DAMAGED : st);
}

/* Copy the store's database, as of one moment, into tmpdb (SQLCipher,
 * the same data key).  No journal: a failed copy is simply deleted. */
static backup_status copy_database(store *s, const char *tmpdb, const backup_progress *progress,
                                   uint64_t *copy_bytes)
{
    copy_state c = { s, NULL, progress, 0, 0 };
    backup_status st = source_page_bytes(s, &c.page_bytes);
    if (st != BK_OK)
        return st;
    int fd = create_fresh(tmpdb);
    if (fd < 0)
        return status_from_errno(errno);
    close(fd);
    int rc = store_db_open_keyed(tmpdb, s->key, SQLITE_OPEN_READWRITE, &c.dst);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(c.dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        st = c.dst ? status_from_copy(s, c.dst, rc) : BK_NOMEM;
        sqlite3_close(c.dst);
        return st;
    }
    /* BEGIN and one read: the snapshot starts here. */
    st = status_from_store(store_exec(s, "BEGIN; SELECT count(*) FROM sqlite_master"));
    if (st == BK_OK) {
        sqlite3_backup *b = sqlite3_backup_init(c.dst, "main", s->db, "main");
        st = b ? copy_pages(&c, b) : status_from_copy(s, c.dst, sqlite3_errcode(c.dst));
    }
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    rc = sqlite3_close(c.dst);
    if (st == BK_OK && rc != SQLITE_OK)
        st = BK_IO;
    *copy_bytes = c.copy_bytes;
    return st;
}

/* One pass of the secretstream over the database, sealing (backup) or
 * opening (restore) it chunk by chunk from in to out. */
typedef struct stream_job {
    int in, out;
    const header *h;
    const backup_progress *progress;
    uint64_t done_before, total;    /* done_before: sealing only */
    crypto_secretstream_xchacha20poly1305_state *ss;    /* sodium_malloc */
    unsigned char *plain, *sealed;
} stream_job;

/* What both directions need around their own work: the stream key and
 * the buffers, then start(z, key) (write or read the stream header) and
 * chunks(z), and everything freed (the key wiped) whatever happened. */
static backup_status run_stream(stream_job *z, const unsigned char data_key[DATA_KEY_BYTES],
                                backup_status (*start)(stream_job *z, const unsigned char *key),
                                backup_status (*chunks)(stream_job *z))
{
    unsigned char *key = stream_key(data_key);
    z->ss = sodium_malloc(sizeof *z->ss);
    z->plain = malloc(BACKUP_CHUNK_BYTES);
    z->sealed = malloc(BACKUP_CHUNK_BYTES + SS_ABYTES);
    backup_status st = key && z->ss && z->plain && z->sealed ? BK_OK : BK_NOMEM;
    if (st == BK_OK)
        st = start(z, key);
    if (key)
        sodium_free(key);
    if (st == BK_OK)
        st = chunks(z);
    if (z->ss)
        sodium_free(z->ss);
    free(z->plain);
    free(z->sealed);
    return st;
}

/* fsync and close fd, a file just written; the first failure is the
 * status. */
static backup_status sync_and_close(int fd, backup_status st)
{
    if (st == BK_OK && fsync(fd) != 0)
        st = status_from_errno(errno);
    if (close(fd) != 0 && st == BK_OK)
        st = status_from_errno(errno);
    return st;
}

/* Push the database in chunks; the last carries TAG_FINAL. */
static backup_status seal_chunks(stream_job *z)
{
    uint64_t left = z->h->db_bytes;
    do {
        size_t n = left < BACKUP_CHUNK_BYTES ? (size_t)left : BACKUP_CHUNK_BYTES, got = 0;
        if (!file_read_full(z->in, z->plain, n, &got))
            return status_from_errno(errno);
        if (got != n)
            return BK_IO;       /* the intermediate copy shrank under us */
        left -= n;
        unsigned long long clen = 0;
        crypto_secretstream_xchacha20poly1305_push(z->ss, z->sealed, &clen, z->plain, n,
                                                   z->h->hash, HASH_BYTES,
                                                   left == 0 ? SS_TAG_FINAL : SS_TAG_MESSAGE);
        if (!file_write_all(z->out, z->sealed, (size_t)clen))
            return status_from_errno(errno);
        report(z->progress, z->done_before + (z->h->db_bytes - left), z->total);
    } while (left > 0);
    return BK_OK;
}

static backup_status seal_start(stream_job *z, const unsigned char *key)
{
    unsigned char ssh[SS_HEADER_BYTES];
    crypto_secretstream_xchacha20poly1305_init_push(z->ss, ssh, key);
    return file_write_all(z->out, ssh, sizeof ssh) ? BK_OK : status_from_errno(errno);
}

/* Write the backup to tmp: the header, then tmpdb sealed. */
static backup_status write_backup(store *s, header *h, const char *tmpdb, const char *tmp,
                                  const backup_progress *progress, uint64_t copy_bytes)
{
    stream_job z = { .in = open(tmpdb, O_RDONLY | O_CLOEXEC), .out = -1, .h = h,
                     .progress = progress, .done_before = copy_bytes };
    struct stat sb;
    if (z.in < 0 || fstat(z.in, &sb) != 0) {
        backup_status st = status_from_errno(errno);
        if (z.in >= 0)
            close(z.in);
        return st;
    }
    h->db_bytes = (uint64_t)sb.st_size;
    h->created_at = tc_now(store_clock(s));
    snprintf(h->code, sizeof h->code, "%s", store_code(s));
    z.total = copy_bytes + h->db_bytes;
    unsigned char buf[HEADER_MAX_BYTES];
    size_t len = header_seal(h, buf);
    backup_status st = BK_OK;
    z.out = create_fresh(tmp);
    if (z.out < 0 || !file_write_all(z.out, buf, len))
        st = status_from_errno(errno);
    if (st == BK_OK)
        st = run_stream(&z, s->key, seal_start, seal_chunks);
    if (z.out >= 0)
        st = sync_and_close(z.out, st);
    close(z.in);
    return st;
}

/* An SQLite database file and whatever SQLite may have left beside it. */
static void remove_database(const char *path)
{
    static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *p = path_with(path, suffixes[i]);
        if (p)
            unlink(p);
        free(p);
    }
}

backup_status store_backup(store *s, const char *file, const backup_progress *progress)
{
    /* A backup holds every case: the heads of the office only. */
    if (store_may(s, ACCESS_BACKUP) != ST_OK)
        return BK_DENIED;
    if (sodium_init() < 0)
        return BK_NOMEM;
    char *tmp = path_with(file, ".tmp");
    char *tmpdb = path_with(file, ".tmp.db");
    header *h = calloc(1, sizeof *h);
    backup_status st = tmp && tmpdb && h ? check_replaceable(file) : BK_NOMEM;
    if (st == BK_OK)
        st = read_slots(s, h);
    if (st == BK_OK)
        st = audit_backup(s);
    uint64_t copy_bytes = 0;
    if (st == BK_OK)
        st = copy_database(s, tmpdb, progress, &copy_bytes);
    if (st == BK_OK)
        st = write_backup(s, h, tmpdb, tmp, progress, copy_bytes);
    if (tmpdb)
        remove_database(tmpdb);
    if (st == BK_OK && !file_rename_durable(tmp, file))
        st = status_from_errno(errno);
    if (st != BK_OK && tmp)
        unlink(tmp);
    free(tmp);
    free(tmpdb);
    free(h);
    return st;
}

/* ---- restore ---- */

/* dir must be missing or empty; *missing says which. */
static backup_status check_target(const char *dir, bool *missing)
{
    struct stat sb;
    *missing = false;
    if (stat(dir, &sb) != 0) {
        *missing = errno == ENOENT;
        return *missing ? BK_OK : status_from_errno(errno);
    }
    if (!S_ISDIR(sb.st_mode))
        return BK_TARGET_NOT_EMPTY;
    if (store_exists(dir))
        return BK_TARGET_HAS_STORE;
    DIR *d = opendir(dir);
    if (!d)
        return status_from_errno(errno);
    backup_status st = BK_OK;
    struct dirent *e;
    while (st == BK_OK && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
            st = BK_TARGET_NOT_EMPTY;
    closedir(d);
    return st;
}

backup_status backup_check_target(const char *dir)
{
    bool missing = false;
    return check_target(dir, &missing);
}

/* mkdir -p dir, 0700. */
static backup_status make_dir(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return BK_IO;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0700);      /* EEXIST is the common, fine case */
        *p = '/';
    }
    return mkdir(path, 0700) == 0 ? BK_OK : status_from_errno(errno);
}

typedef struct restore_paths {
    char *db, *tmp, *slots;
} restore_paths;

static void restore_paths_free(restore_paths *p)
{
    free(p->db);
    free(p->tmp);
    free(p->slots);
}

static bool restore_paths_make(const char *dir, restore_paths *p)
{
    char *base = path_with(dir, "/");
    p->db = base ? path_with(base, STORE_DB_FILE) : NULL;
    p->tmp = base ? path_with(base, STORE_DB_FILE ".tmp") : NULL;
    p->slots = base ? path_with(base, STORE_SLOTS_FILE) : NULL;
    free(base);
    return p->db && p->tmp && p->slots;
}

/* Everything a failed restore wrote (the folder was empty before). */
static void remove_restored(const char *dir, const restore_paths *p, bool made_dir)
{
    remove_database(p->tmp);
    unlink(p->slots);
    remove_database(p->db);
    if (made_dir)
        rmdir(dir);
}

/* Pull every chunk: each must authenticate, the last (and only the last)
 * must be final, and nothing may follow it. */
static backup_status open_chunks(stream_job *z)
{
    uint64_t left = z->h->db_bytes, done = header_bytes(z->h) + SS_HEADER_BYTES;
    do {
        size_t n = left < BACKUP_CHUNK_BYTES ? (size_t)left : BACKUP_CHUNK_BYTES, got = 0;
        if (!file_read_full(z->in, z->sealed, n + SS_ABYTES, &got))
            return BK_UNREADABLE;
        unsigned long long mlen = 0;
        unsigned char tag = 0;
        if (got != n + SS_ABYTES
            || crypto_secretstream_xchacha20poly1305_pull(z->ss, z->plain, &mlen, &tag,
                                                          z->sealed, got, z->h->hash,
                                                          HASH_BYTES) != 0
            || mlen != n)
            return BK_DAMAGED;
        left -= n;
        if (tag != (left == 0 ? SS_TAG_FINAL : SS_TAG_MESSAGE))
            return BK_DAMAGED;
        if (!file_write_all(z->out, z->plain, n))
            return status_from_errno(errno);
        done += got;
        report(z->progress, done, z->total);
    } while (left > 0);
    unsigned char extra;
    size_t more = 0;
    if (!file_read_full(z->in, &extra, 1, &more))
        return BK_UNREADABLE;
    return more == 0 ? BK_OK : BK_DAMAGED;
}

static backup_status open_start(stream_job *z, const unsigned char *key)
{
    unsigned char ssh[SS_HEADER_BYTES];
    size_t got = 0;
    if (!file_read_full(z->in, ssh, sizeof ssh, &got))
        return BK_UNREADABLE;
    if (got != sizeof ssh || crypto_secretstream_xchacha20poly1305_init_pull(z->ss, ssh, key) != 0)
        return BK_DAMAGED;
    return BK_OK;
}

/* Authenticate and decrypt the stream of in (positioned after the header)
 * into path: the SQLCipher database file. */
static backup_status unseal_to(int in, const header *h, const unsigned char *data_key,
                               const char *path, const backup_progress *progress)
{
    stream_job z = { .in = in, .out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600),
                     .h = h, .progress = progress, .total = file_bytes(h) };
    if (z.out < 0)
        return status_from_errno(errno);
    return sync_and_close(z.out, run_stream(&z, data_key, open_start, open_chunks));
}

static backup_status status_from_open(store_status st)
{
    switch (st) {
    case ST_OK:               return BK_OK;
    case ST_WRONG_PASSPHRASE: return BK_WRONG_PASSPHRASE;  /* a removed officer */
    case ST_TOO_NEW:          return BK_TOO_NEW;
    case ST_DISK_FULL:        return BK_DISK_FULL;
    case ST_NOMEM:            return BK_NOMEM;
    case ST_BUSY:             return BK_BUSY;
    default:                  return BK_CHECK_FAILED;
    }
}

/* What `tipcase check` does, on the restored store. */
static backup_status open_and_check(const char *dir, const char *login, const char *pass,
                                    const tc_clock *clock, store_check_report *r)
{
    store *s = NULL;
    store_status st = store_open(dir, login, pass, clock, &s);
    if (st == ST_OK)
        st = store_check(s, r);
    store_close(s);
    return status_from_open(st);
}

typedef struct restore_job {
    const char *dir;
    int fd;
    header *h;
    keyslot_file *ks;
    unsigned char *key;     /* sodium_malloc */
    restore_paths paths;
    bool made_dir;
} restore_job;

/* Everything that can be refused before a byte is written: the backup's
 * header and slots, the target folder, the passphrase. */
static backup_status restore_prepare(restore_job *j, const char *file, const char *login,
                                     const char *pass)
{
    bool missing = false;
    backup_status st = backup_open(file, &j->fd, j->h);
    if (st == BK_OK)
        st = header_slots(j->h, &j->ks);
    if (st == BK_OK)
        st = check_target(j->dir, &missing);
    if (st == BK_OK)
        st = status_from_keyslot(keyslot_unlock(j->ks, login, pass, j->key),
                                 BK_WRONG_PASSPHRASE);
    /* The restoring officer proved the passphrase: failed tries counted in
     * the backed-up file (db/keyslot.h) do not slow the restored store. */
    if (st == BK_OK)
        keyslot_clear_failures(j->ks);
    if (st == BK_OK && missing) {
        st = make_dir(j->dir);
        j->made_dir = st == BK_OK;
    }
    return st;
}

static backup_status restore_write(restore_job *j, const backup_progress *progress)
{
    backup_status st = unseal_to(j->fd, j->h, j->key, j->paths.tmp, progress);
    if (st == BK_OK && keyslot_file_save(j->ks, j->paths.slots) != KEYSLOT_OK)
        st = status_from_errno(errno);
    if (st == BK_OK && !file_rename_durable(j->paths.tmp, j->paths.db))
        st = status_from_errno(errno);
    return st;
}

backup_status store_restore(const char *file, const char *dir, const char *login,
                            const char *pass, const tc_clock *clock,
                            const backup_progress *progress, store_check_report *report_out)
{
    store_check_report scratch;
    store_check_report *r = report_out ? report_out : &scratch;
    memset(r, 0, sizeof *r);
    if (sodium_init() < 0)
        return BK_NOMEM;
    if (!login || !pass)
        return BK_WRONG_PASSPHRASE;
    restore_job j = { .dir = dir, .fd = -1, .h = calloc(1, sizeof *j.h),
                      .key = sodium_malloc(DATA_KEY_BYTES) };
    backup_status st = j.h && j.key && restore_paths_make(dir, &j.paths) ? BK_OK : BK_NOMEM;
    if (st == BK_OK)
        st = restore_prepare(&j, file, login, pass);
    bool writing = st == BK_OK;
    if (st == BK_OK)
        st = restore_write(&j, progress);
    if (st == BK_OK)
        st = open_and_check(dir, login, pass, clock, r);
    if (st != BK_OK && writing)
        remove_restored(dir, &j.paths, j.made_dir);
    if (j.fd >= 0)
        close(j.fd);
    keyslot_file_free(j.ks);
    if (j.key)
        sodium_free(j.key);
    free(j.h);
    restore_paths_free(&j.paths);
    return st;
}
