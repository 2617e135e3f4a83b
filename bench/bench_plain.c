/* bench_plain.c - the same store without encryption, for the benchmark's
 * encrypted / plain ratio only.
 *
 * WHY THIS CANNOT REACH THE PROGRAM: this file is listed in
 * bench_bench_SOURCES only (Makefile.am, "## Benchmark" part).  It is in
 * none of the libraries (libtccore, libtcdb, libtci18n, libtctui) that
 * tipcase and the tests link, and nothing under core/, db/, i18n/ or tui/
 * declares or calls it: db/store.c opens every connection through
 * store_db_open_keyed(), which always keys it, and refuses a library
 * without SQLCipher.  A plaintext database handed to tipcase is refused as
 * damaged (tests/test_plain_refused.c): the key makes SQLCipher read page
 * one as ciphertext, and its HMAC does not match.
 *
 * SQLCipher 3.4.1 without a key IS SQLite 3.15.2: the same engine, the
 * same version, the same query plans.  So the plain copy differs from the
 * encrypted copy by the cipher alone (the page codec: AES-256-CBC and an
 * HMAC-SHA1 per 4 KiB page).  Both copies are written by sqlcipher_export
 * from the same filled store, so they hold the same rows in the same page
 * order; the ratio compares the two copies, never the copy with the
 * original (which a fill leaves less tightly packed). */
#define _GNU_SOURCE
#include "config.h"
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bench/bench.h"
#include "db/store_internal.h"
#include "i18n/thaitext.h"

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fprintf(stderr, "bench: %s: %s\n", sql, err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    return rc == SQLITE_OK ? 0 : -1;
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    int failed = !in || !out;
    while (!failed && (n = fread(buf, 1, sizeof buf, in)) > 0)
        failed = fwrite(buf, 1, n, out) != n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        failed = 1;
    return failed ? -1 : 0;
}

/* The schema version (migrate's user_version) of the main database. */
static int user_version(sqlite3 *db)
{
    sqlite3_stmt *q = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA main.user_version", -1, &q, NULL) == SQLITE_OK
        && sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return v;
}

/* ATTACH to_path as "copy" (keyed with the store's own key, or with an
 * empty key: plaintext), sqlcipher_export everything into it, and give it
 * the same schema version.  Foreign keys are off during the copy: the
 * export fills the tables one after another, not in dependency order. */
static int export_to(store *s, const char *to_path, bool plain)
{
    sqlite3 *db = s->db;
    char *key = NULL;
    if (!plain) {
        char hex[2 * DATA_KEY_BYTES + 1];
        sodium_bin2hex(hex, sizeof hex, s->key, DATA_KEY_BYTES);
        key = sqlite3_mprintf("x'%s'", hex);
        sodium_memzero(hex, sizeof hex);
    }
    char *attach = sqlite3_mprintf("ATTACH DATABASE %Q AS copy KEY %Q", to_path,
                                   plain ? "" : key);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA copy.user_version = %d", user_version(db));
    int failed = !attach || (!plain && !key) || exec(db, "PRAGMA foreign_keys = OFF") != 0
              || exec(db, attach) != 0;
    if (!failed) {
        failed = exec(db, plain ? "PRAGMA copy.page_size = 4096"
                                : "PRAGMA copy.cipher_page_size = 4096") != 0
              || exec(db, "SELECT sqlcipher_export('copy')") != 0
              || exec(db, pragma) != 0;
        failed |= exec(db, "DETACH DATABASE copy") != 0;
    }
    failed |= exec(db, "PRAGMA foreign_keys = ON") != 0;
    if (key) {
        sodium_memzero(key, strlen(key));
        sqlite3_free(key);
    }
    if (attach) {
        sodium_memzero(attach, strlen(attach));
        sqlite3_free(attach);
    }
    return failed ? -1 : 0;
}

int bench_copy_store(store *s, const char *to_dir, bool plain)
{
    if (mkdir(to_dir, 0700) != 0)
        return -1;
    char *db = join(to_dir, STORE_DB_FILE), *slots = join(to_dir, STORE_SLOTS_FILE);
    /* The key slots go along either way: the encrypted copy opens through
     * store_open, and the plain one must be refused by it. */
    /* The store's connection opens files without SQLITE_OPEN_CREATE, and
     * ATTACH inherits that: the file is made empty first. */
    int fd = db ? open(db, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600) : -1;
    if (fd >= 0)
        close(fd);
    int failed = fd < 0 || !slots || export_to(s, db, plain) != 0
              || copy_file(s->slots_path, slots) != 0;
    free(db);
    free(slots);
    return failed ? -1 : 0;
}

static int thai_collation(void *ctx, int alen, const void *a, int blen, const void *b)
{
    (void)ctx;
    return thai_collate_n(a, alen, b, blen);
}

/* db/store.c's connection set-up (apply_pragmas), repeated here because
 * the store keeps it private.  bench_same_pragmas() checks that both
 * copies ended up with the same settings, so a change to store.c that is
 * not copied here stops the benchmark instead of skewing the ratio. */
static int plain_pragmas(sqlite3 *db)
{
    sqlite3_extended_result_codes(db, 1);
    if (exec(db, "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA temp_store = MEMORY;"
                 "PRAGMA secure_delete = ON;") != 0)
        return -1;
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_create_collation_v2(db, "THAI", SQLITE_UTF8, NULL, thai_collation, NULL)
        != SQLITE_OK)
        return -1;
    return store_register_functions(db) == SQLITE_OK ? 0 : -1;
}

static int meta_text(sqlite3 *db, const char *key, char *out, size_t outsz)
{
    sqlite3_stmt *q = NULL;
    int failed = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &q, NULL)
                 != SQLITE_OK;
    if (!failed) {
        sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
        failed = sqlite3_step(q) != SQLITE_ROW;
    }
    if (!failed)
        snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return failed ? -1 : 0;
}

store_status bench_plain_open(const char *dir, const char *login, const tc_clock *clock,
                              store **out)
{
    *out = NULL;
    store *s = calloc(1, sizeof *s);
    if (!s)
        return ST_NOMEM;
    s->clock = *clock;
    s->db_path = join(dir, STORE_DB_FILE);
    char hex[2 * STORE_ID_BYTES + 1];
    size_t got = 0;
    int failed = !s->db_path
              || sqlite3_open_v2(s->db_path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
              || plain_pragmas(s->db) != 0
              || meta_text(s->db, "store_id", hex, sizeof hex) != 0
              || sodium_hex2bin(s->store_id, STORE_ID_BYTES, hex, strlen(hex), NULL, &got, NULL)
                 != 0
              || meta_text(s->db, "store_code", s->code, sizeof s->code) != 0
              || store_officer_by_login(s, login, &s->me) != ST_OK;
    if (failed) {
        store_close(s);
        return ST_IO;
    }
    *out = s;
    return ST_OK;
}

int bench_same_pragmas(store *a, store *b)
{
    static const char *const names[] = {
        "journal_mode", "synchronous", "foreign_keys", "temp_store", "secure_delete",
        "cache_size", "page_size", "user_version", "mmap_size", "locking_mode",
    };
    int differ = 0;
    for (size_t i = 0; i < BENCH_COUNT(names); i++) {
        char sql[64], va[64] = "", vb[64] = "";
        snprintf(sql, sizeof sql, "PRAGMA %s", names[i]);
        store *both[2] = { a, b };
        char *vals[2] = { va, vb };
        for (int k = 0; k < 2; k++) {
            sqlite3_stmt *q = NULL;
            if (sqlite3_prepare_v2(both[k]->db, sql, -1, &q, NULL) == SQLITE_OK
                && sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
                snprintf(vals[k], 64, "%s", (const char *)sqlite3_column_text(q, 0));
            sqlite3_finalize(q);
        }
        if (strcmp(va, vb) != 0) {
            fprintf(stderr, "bench: PRAGMA %s differs: encrypted %s, plain %s\n", names[i],
                    va, vb);
            differ = 1;
        }
    }
    return differ ? -1 : 0;
}
