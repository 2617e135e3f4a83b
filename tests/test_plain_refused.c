/* test_plain_refused.c - tipcase never opens a database that is not
 * encrypted.
 *
 * The benchmark (bench/bench_plain.c, compiled into bench/bench only)
 * makes plaintext copies of a store to measure what the cipher costs.
 * These tests make sure such a file, put where a store's database belongs,
 * is refused by store_open as damaged - never read, never written in
 * clear - and that a real store's file is not plaintext SQLite. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tests/harness.h"
#include "tests/harness_store.h"

#define PASS "correct horse battery staple"
static const char SQLITE_MAGIC[16] = "SQLite format 3";     /* with its NUL */

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void)
{
    clk = harness_clock(&fixed, "2026-11-22T03:00:00Z");
    return 0;
}

static int suite_clean(void) { return 0; }

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static bool starts_plain(const char *path)
{
    size_t len = 0;
    char *buf = harness_slurp(path, &len);
    bool plain = buf && len >= sizeof SQLITE_MAGIC
              && memcmp(buf, SQLITE_MAGIC, sizeof SQLITE_MAGIC) == 0;
    free(buf);
    return plain;
}

/* Replace the store's database with a plaintext copy of itself
 * (sqlcipher_export with an empty key: the same rows, no cipher). */
static void make_plain_in_place(harness_fixture *f)
{
    char *db = path_in(f->dir, STORE_DB_FILE);
    char *plain = path_in(f->root, "plain.db");
    char *sql = sqlite3_mprintf("ATTACH DATABASE %Q AS plain KEY ''", plain);
    sqlite3 *h = store_db_handle(f->s);
    /* The store's connection opens files without SQLITE_OPEN_CREATE, and
     * ATTACH inherits that: the file is made empty first. */
    harness_spill(plain, "", 0);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(h, "SELECT sqlcipher_export('plain')", NULL, NULL, NULL),
                    SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(h, "DETACH DATABASE plain", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(sql);
    store_close(f->s);
    f->s = NULL;
    static const char *const sidecars[] = { "-wal", "-shm" };
    for (size_t i = 0; i < 2; i++) {
        char side[4200];
        snprintf(side, sizeof side, "%s%s", db, sidecars[i]);
        unlink(side);
    }
    CU_ASSERT_EQUAL_FATAL(rename(plain, db), 0);
    CU_ASSERT_TRUE(starts_plain(db));
    free(db);
    free(plain);
}

static void test_real_store_is_not_plain(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", PASS, &clk);
    harness_case_add(f.s, "Thida Win", 24, "2026-11-20");
    store_close(f.s);
    f.s = NULL;
    char *db = path_in(f.dir, STORE_DB_FILE);
    CU_ASSERT_FALSE(starts_plain(db));
    CU_ASSERT_FALSE(harness_file_contains(db, "Thida Win", 9));
    free(db);
    harness_fixture_close(&f);
}

/* A plaintext copy of the store itself, with the store's own key slots:
 * everything right except the cipher.  Refused as damaged, and the file
 * is left as it was (nothing written into it). */
static void test_plain_copy_refused_as_damaged(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", PASS, &clk);
    harness_case_add(f.s, "Thida Win", 24, "2026-11-20");
    make_plain_in_place(&f);
    char *db = path_in(f.dir, STORE_DB_FILE);
    size_t before_len = 0, after_len = 0;
    char *before = harness_slurp(db, &before_len);
    store *s = NULL;
    CU_ASSERT_EQUAL(store_open(f.dir, "admin", PASS, &clk, &s), ST_DAMAGED);
    CU_ASSERT_PTR_NULL(s);
    char *after = harness_slurp(db, &after_len);
    CU_ASSERT_TRUE(before && after && before_len == after_len
                   && memcmp(before, after, before_len) == 0);
    free(before);
    free(after);
    free(db);
    harness_fixture_close(&f);
}

/* An empty plaintext SQLite database where the store's file belongs. */
static void test_empty_plain_database_refused(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", PASS, &clk);
    store_close(f.s);
    f.s = NULL;
    char *db = path_in(f.dir, STORE_DB_FILE);
    unlink(db);
    sqlite3 *h = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(db, &h), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(h, "CREATE TABLE meta(key TEXT, value TEXT)", NULL, NULL, NULL),
                    SQLITE_OK);
    sqlite3_close(h);
    CU_ASSERT_TRUE(starts_plain(db));
    store *s = NULL;
    CU_ASSERT_EQUAL(store_open(f.dir, "admin", PASS, &clk, &s), ST_DAMAGED);
    CU_ASSERT_PTR_NULL(s);
    free(db);
    harness_fixture_close(&f);
}

static CU_TestInfo tests[] = {
    { "a store's database file is not plaintext SQLite", test_real_store_is_not_plain },
    { "a plaintext copy of the store is refused as damaged, untouched",
      test_plain_copy_refused_as_damaged },
    { "an empty plaintext database is refused as damaged", test_empty_plain_database_refused },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "plaintext database refused", suite_init, suite_clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_plain_refused", suites);
}
