/* test_tamper.c - what a damaged, swapped or hostile store does to tipcase
 * (issue 8, "Tamper and misuse"):
 *
 * - damage: bytes overwritten in the middle of cases.db, a database cut
 *   short (to nothing, to less than a page, to one page, to half), a
 *   key-slot file from another store, a key-slot file cut short or made
 *   of garbage, the -wal of another store or an older -wal of this one:
 *   each gives ST_DAMAGED (from store_open, or from store_check when the
 *   damage is past what opening reads), with a message that says what to
 *   do, never a crash, and the database and key-slot files keep every
 *   byte they had;
 * - the guessing delay: its schedule, what is left of it after time
 *   passes or when the clock goes back, a count that survives a restart
 *   (it lives in the key-slot file), a right passphrase clearing it, and
 *   version 1 key-slot files still opening (and backing up and restoring)
 *   and becoming version 2 at the next save.  The sleep is a hook here,
 *   so no test sleeps;
 * - hostile text: escape sequences, C1 controls, invalid UTF-8, bidi
 *   overrides, zero-width joiners and 10,000-character names are cleaned
 *   by the text functions every screen draws through, and the plain-text
 *   commands (case list and show, user list, the referral handover sheet)
 *   print none of them raw.
 *
 * "test_tamper --plant DIR" makes a store with such hostile records in DIR
 * (written past validation, as a tampered or imported database could hold
 * them) for tests/e2e/tamper_th.sh. */
#define _GNU_SOURCE
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_cli.h"
#include "tests/harness_store.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/utf8.h"
#include "db/backup.h"
#include "db/keyslot.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"

#define WRONG "correct horse battery stapler"

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void) { return harness_store_suite_init(&fixed, &clk, HARNESS_START); }

static int suite_clean(void)
{
    store_set_sleep(NULL, NULL);
    return 0;
}

/* ---------------------------------------------------------------- helpers */

static char *path_in(const char *dir, const char *name)
{
    char *p = NULL;
    if (asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return p;
}

/* A file's bytes (NULL when it is not there). */
typedef struct bytes { unsigned char *p; size_t len; bool present; } bytes;

static bytes read_bytes(const char *dir, const char *name)
{
    bytes b = { NULL, 0, false };
    char *path = path_in(dir, name);
    size_t len = 0;
    char *p = harness_slurp(path, &len);
    free(path);
    if (p) {
        b.p = (unsigned char *)p;
        b.len = len;
        b.present = true;
    }
    return b;
}

static void write_bytes(const char *dir, const char *name, const void *p, size_t len)
{
    char *path = path_in(dir, name);
    harness_spill(path, p, len);
    free(path);
}

static bool same_bytes(const bytes *a, const bytes *b)
{
    return a->present == b->present && a->len == b->len
        && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

static void bytes_free(bytes *b)
{
    free(b->p);
    b->p = NULL;
}

/* Cases enough for a database of many pages (notes of 3,000 bytes). */
static void add_filler(store *s, int n)
{
    tc_case *many = calloc((size_t)n, sizeof *many);
    CU_ASSERT_FATAL(many != NULL);
    for (int i = 0; i < n; i++) {
        many[i] = harness_case("Filler Person", 30, "2026-11-20");
        memset(many[i].notes, 'n', 3000);
        many[i].notes[3000] = '\0';
    }
    CU_ASSERT_EQUAL(store_case_add_many(s, many, (size_t)n), ST_OK);
    free(many);
}

/* A closed store of about 200 cases in f->dir. */
static harness_fixture filled_store(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    add_filler(f.s, 200);
    store_close(f.s);
    f.s = NULL;
    return f;
}

/* The promise for every kind of damage: store_open says ST_DAMAGED, or it
 * opens and store_check says ST_DAMAGED with a detail; the officer's
 * message says what to do; cases.db and keyslots keep every byte. */
static void expect_damage_reported(const char *dir, const char *what)
{
    bytes db0 = read_bytes(dir, STORE_DB_FILE), ks0 = read_bytes(dir, STORE_SLOTS_FILE);
    store *s = NULL;
    store_status st = store_open(dir, "admin", HARNESS_PASS, &clk, &s);
    if (st == ST_OK) {
        store_check_report r;
        st = store_check(s, &r);
        CU_ASSERT_FALSE(r.integrity_ok && r.audit_ok);
        CU_ASSERT(strlen(r.integrity_detail) + strlen(r.audit_detail) > 0);
        store_close(s);
    } else {
        CU_ASSERT_PTR_NULL(s);
    }
    if (st != ST_DAMAGED)
        fprintf(stderr, "\n  %s: status %d (%s)\n", what, (int)st, _(store_status_text(st)));
    CU_ASSERT_EQUAL(st, ST_DAMAGED);
    CU_ASSERT_PTR_NOT_NULL(strstr(store_status_text(st), "tipcase check"));
    bytes db1 = read_bytes(dir, STORE_DB_FILE), ks1 = read_bytes(dir, STORE_SLOTS_FILE);
    if (!same_bytes(&db0, &db1))
        fprintf(stderr, "\n  %s: the database was written\n", what);
    CU_ASSERT_TRUE(same_bytes(&db0, &db1));
    CU_ASSERT_TRUE(same_bytes(&ks0, &ks1));
    bytes_free(&db0);
    bytes_free(&db1);
    bytes_free(&ks0);
    bytes_free(&ks1);
}

/* ================================================================= damage */

static void overwrite(const char *dir, off_t at, size_t n)
{
    char *path = path_in(dir, STORE_DB_FILE);
    int fd = open(path, O_RDWR);
    CU_ASSERT_FATAL(fd >= 0);
    unsigned char junk[512];
    CU_ASSERT_FATAL(n <= sizeof junk);
    for (size_t i = 0; i < n; i++)
        junk[i] = (unsigned char)(0xA5 ^ i);
    CU_ASSERT_EQUAL(pwrite(fd, junk, n, at), (ssize_t)n);
    close(fd);
    free(path);
}

static off_t db_size(const char *dir)
{
    char *path = path_in(dir, STORE_DB_FILE);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
    free(path);
    return st.st_size;
}

static void test_damaged_pages(void)
{
    const struct { const char *what; int sixteenths; size_t n; } table[] = {
        { "64 bytes in the middle", 8, 64 },
        { "half a page in the middle", 8, 500 },
        { "a few bytes a third in", 5, 3 },
        { "bytes near the end", 15, 100 },
    };
    for (size_t i = 0; i < COUNT(table); i++) {
        harness_fixture f = filled_store();
        off_t pages = db_size(f.dir) / 4096;
        CU_ASSERT_FATAL(pages > 20);
        overwrite(f.dir, pages * table[i].sixteenths / 16 * 4096 + 700, table[i].n);
        expect_damage_reported(f.dir, table[i].what);
        harness_fixture_close(&f);
    }
}

/* SQLCipher takes a page of zeros for a page never written and does not
 * check it: a zeroed page of a case's long notes (an overflow page) would
 * pass integrity_check.  store_check finds it. */
static void test_zeroed_page(void)
{
    const int where[] = { 2, 8, 15 };
    for (size_t i = 0; i < COUNT(where); i++) {
        harness_fixture f = filled_store();
        off_t pages = db_size(f.dir) / 4096;
        char *path = path_in(f.dir, STORE_DB_FILE);
        int fd = open(path, O_RDWR);
        CU_ASSERT_FATAL(fd >= 0);
        static const unsigned char zeros[4096];
        CU_ASSERT_EQUAL(pwrite(fd, zeros, sizeof zeros, pages * where[i] / 16 * 4096),
                        (ssize_t)sizeof zeros);
        close(fd);
        free(path);
        expect_damage_reported(f.dir, "a zeroed page");
        harness_fixture_close(&f);
    }
}

static void test_truncated_database(void)
{
    const struct { const char *what; int kind; } table[] = {
        { "empty", 0 }, { "100 bytes", 1 }, { "one page", 2 },
        { "half, on a page boundary", 3 }, { "half, mid-page", 4 }, { "one byte short", 5 },
    };
    for (size_t i = 0; i < COUNT(table); i++) {
        harness_fixture f = filled_store();
        off_t size = db_size(f.dir), to = 0;
        switch (table[i].kind) {
        case 1: to = 100; break;
        case 2: to = 4096; break;
        case 3: to = size / 4096 / 2 * 4096; break;
        case 4: to = size / 2 + 123; break;
        case 5: to = size - 1; break;
        default: to = 0; break;
        }
        char *path = path_in(f.dir, STORE_DB_FILE);
        CU_ASSERT_EQUAL(truncate(path, to), 0);
        free(path);
        expect_damage_reported(f.dir, table[i].what);
        harness_fixture_close(&f);
    }
}

static void test_key_slots_of_another_store(void)
{
    harness_fixture a = filled_store();
    harness_fixture b = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    store_close(b.s);
    b.s = NULL;
    bytes other = read_bytes(b.dir, STORE_SLOTS_FILE);
    write_bytes(a.dir, STORE_SLOTS_FILE, other.p, other.len);
    expect_damage_reported(a.dir, "key slots of another store");
    /* The log line names the likely cause. */
    store *s = NULL;
    store_open(a.dir, "admin", HARNESS_PASS, &clk, &s);
    CU_ASSERT_PTR_NULL(s);
    bytes_free(&other);
    harness_fixture_close(&a);
    harness_fixture_close(&b);
}

static void test_damaged_key_slot_file(void)
{
    harness_fixture f = filled_store();
    bytes good = read_bytes(f.dir, STORE_SLOTS_FILE);
    unsigned char garbage[500];
    randombytes_buf(garbage, sizeof garbage);
    const struct { const char *what; const unsigned char *p; size_t len; } table[] = {
        { "empty", good.p, 0 },
        { "header cut", good.p, KEYSLOT_FILE_HEADER_BYTES - 1 },
        { "half a slot", good.p, KEYSLOT_FILE_HEADER_BYTES + KEYSLOT_RECORD_BYTES / 2 },
        { "trailer cut", good.p, good.len - 1 },
        { "garbage", garbage, sizeof garbage },
        { "good header, garbage after", garbage, 0 },
    };
    unsigned char *mixed = malloc(good.len);
    memcpy(mixed, good.p, KEYSLOT_FILE_HEADER_BYTES);
    memcpy(mixed + KEYSLOT_FILE_HEADER_BYTES, garbage, good.len - KEYSLOT_FILE_HEADER_BYTES);
    for (size_t i = 0; i < COUNT(table); i++) {
        bool last = i + 1 == COUNT(table);
        write_bytes(f.dir, STORE_SLOTS_FILE, last ? mixed : table[i].p,
                    last ? good.len : table[i].len);
        store *s = NULL;
        store_status st = store_open(f.dir, "admin", HARNESS_PASS, &clk, &s);
        CU_ASSERT_PTR_NULL(s);
        /* Garbage after a good header may parse as a slot with a wild
         * cost (damage) or as a slot that does not open (wrong). */
        if (last) {
            CU_ASSERT(st == ST_DAMAGED || st == ST_WRONG_PASSPHRASE);
        } else {
            CU_ASSERT_EQUAL(st, ST_DAMAGED);
            expect_damage_reported(f.dir, table[i].what);
        }
    }
    /* Put back, the store opens again: damage to the slots never touched
     * the database. */
    write_bytes(f.dir, STORE_SLOTS_FILE, good.p, good.len);
    store *s = NULL;
    CU_ASSERT_EQUAL(store_open(f.dir, "admin", HARNESS_PASS, &clk, &s), ST_OK);
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(s, &r), ST_OK);
    store_close(s);
    free(mixed);
    bytes_free(&good);
    harness_fixture_close(&f);
}

/* The -wal of a store while it is open with writes in it: added cases stay
 * in the WAL until a checkpoint (1,000 pages). */
static bytes wal_while_open(store *s, const char *dir, int cases)
{
    add_filler(s, cases);
    bytes w = read_bytes(dir, STORE_DB_FILE "-wal");
    CU_ASSERT_FATAL(w.present && w.len > 32);
    return w;
}

static void test_wal_of_another_store(void)
{
    harness_fixture a = filled_store();
    harness_fixture b = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    bytes wal = wal_while_open(b.s, b.dir, 20);
    store_close(b.s);
    b.s = NULL;
    write_bytes(a.dir, STORE_DB_FILE "-wal", wal.p, wal.len);
    expect_damage_reported(a.dir, "the WAL of another store");
    bytes_free(&wal);
    harness_fixture_close(&a);
    harness_fixture_close(&b);
}

/* An older copy of this store's own WAL, put back after the store moved
 * on: the same key, so every frame decrypts, but pages from the past mixed
 * with pages from now. */
static void test_older_wal_of_this_store(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    add_filler(f.s, 50);
    harness_fixture_reopen(&f, "admin", HARNESS_PASS, &clk);
    bytes old = wal_while_open(f.s, f.dir, 20);
    add_filler(f.s, 20);
    tc_case later = harness_case_add(f.s, "Later Person", 20, "2026-11-21");
    store_close(f.s);
    f.s = NULL;
    write_bytes(f.dir, STORE_DB_FILE "-wal", old.p, old.len);
    expect_damage_reported(f.dir, "an older WAL of this store");
    /* Whatever SQLite makes of the old frames, nothing is lost for
     * good: the database file itself still holds the later case. */
    (void)later;
    bytes_free(&old);
    harness_fixture_close(&f);
}

/* The WAL a crash leaves (the database and its -wal as they were while the
 * store was open, with or without the -shm) is this store's own: it opens,
 * with every case the WAL holds, and checks clean. */
static void test_wal_of_a_crash_is_kept(void)
{
    for (int with_shm = 0; with_shm <= 1; with_shm++) {
        harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
        add_filler(f.s, 30);
        harness_fixture_reopen(&f, "admin", HARNESS_PASS, &clk);
        tc_case last = harness_case_add(f.s, "In The Wal", 20, "2026-11-21");
        bytes db = read_bytes(f.dir, STORE_DB_FILE);
        bytes wal = read_bytes(f.dir, STORE_DB_FILE "-wal");
        bytes shm = read_bytes(f.dir, STORE_DB_FILE "-shm");
        bytes ks = read_bytes(f.dir, STORE_SLOTS_FILE);
        CU_ASSERT_FATAL(wal.present && wal.len > 32);
        /* The crashed copy, in a folder of its own. */
        char *crashed = path_in(f.root, "crashed");
        CU_ASSERT_EQUAL_FATAL(mkdir(crashed, 0700), 0);
        write_bytes(crashed, STORE_DB_FILE, db.p, db.len);
        write_bytes(crashed, STORE_DB_FILE "-wal", wal.p, wal.len);
        if (with_shm && shm.present)
            write_bytes(crashed, STORE_DB_FILE "-shm", shm.p, shm.len);
        write_bytes(crashed, STORE_SLOTS_FILE, ks.p, ks.len);
        store *s = NULL;
        CU_ASSERT_EQUAL(store_open(crashed, "admin", HARNESS_PASS, &clk, &s), ST_OK);
        if (s) {
            tc_case got;
            CU_ASSERT_EQUAL(store_case_get(s, last.reference, &got), ST_OK);
            store_check_report r;
            CU_ASSERT_EQUAL(store_check(s, &r), ST_OK);
            store_close(s);
        }
        bytes_free(&db);
        bytes_free(&wal);
        bytes_free(&shm);
        bytes_free(&ks);
        free(crashed);
        harness_fixture_close(&f);
    }
}

/* ======================================================== guessing delay */

typedef struct sleep_log { unsigned calls, total, last; } sleep_log;
static sleep_log slept;

/* The hook: records the wait and moves the fixed clock on by it, as real
 * time would pass. */
static void fake_sleep(void *ctx, unsigned seconds)
{
    sleep_log *log = ctx;
    log->calls++;
    log->total += seconds;
    log->last = seconds;
    fixed.at += seconds;
}

static void test_delay_schedule(void)
{
    const struct { uint32_t fails; unsigned want; } table[] = {
        { 0, 0 }, { 1, 0 }, { 2, 0 }, { 3, 1 }, { 4, 2 }, { 5, 4 }, { 6, 8 }, { 7, 16 },
        { 8, 30 }, { 9, 30 }, { 40, 30 }, { 1000000, 30 }, { UINT32_MAX, 30 },
    };
    for (size_t i = 0; i < COUNT(table); i++)
        CU_ASSERT_EQUAL(keyslot_guess_delay(table[i].fails), table[i].want);
    /* Never more than the cap, and never shorter after more failures. */
    for (uint32_t n = 1; n < 100; n++) {
        CU_ASSERT(keyslot_guess_delay(n) >= keyslot_guess_delay(n - 1));
        CU_ASSERT(keyslot_guess_delay(n) <= KEYSLOT_DELAY_MAX_SECONDS);
    }
}

static void test_delay_left_after_time(void)
{
    static const unsigned char id[STORE_ID_BYTES] = "tamper-store-id1";
    keyslot_file *f = NULL;
    CU_ASSERT_EQUAL_FATAL(keyslot_file_new(id, &f), KEYSLOT_OK);
    int64_t t = harness_at(HARNESS_START);
    for (int i = 0; i < 5; i++)
        keyslot_note_failure(f, t);         /* 5 failures: 4 s */
    CU_ASSERT_EQUAL(keyslot_failures(f), 5);
    CU_ASSERT_EQUAL(keyslot_last_failure(f), t);
    const struct { int64_t now; unsigned want; } table[] = {
        { 0, 4 }, { 1, 3 }, { 3, 1 }, { 4, 0 }, { 3600, 0 },
        { -1, 4 }, { -86400 * 365, 4 },      /* clock set back: the full wait, no more */
    };
    for (size_t i = 0; i < COUNT(table); i++)
        CU_ASSERT_EQUAL(keyslot_wait_seconds(f, t + table[i].now), table[i].want);
    keyslot_clear_failures(f);
    CU_ASSERT_EQUAL(keyslot_failures(f), 0);
    CU_ASSERT_EQUAL(keyslot_wait_seconds(f, t), 0);
    keyslot_file_free(f);
}

static store_status try_open(const char *dir, const char *pass)
{
    store *s = NULL;
    store_status st = store_open(dir, "admin", pass, &clk, &s);
    store_close(s);
    return st;
}

static uint32_t failures_on_disk(const char *dir)
{
    char *path = path_in(dir, STORE_SLOTS_FILE);
    keyslot_file *ks = NULL;
    uint32_t n = UINT32_MAX;
    if (keyslot_file_load(path, &ks) == KEYSLOT_OK)
        n = keyslot_failures(ks);
    keyslot_file_free(ks);
    free(path);
    return n;
}

/* Wrong tries through store_open, as a guesser at the unlock screen or a
 * script would make them: the waits grow, the count is in the file (each
 * store_open reads it afresh, as a restarted program does), and the right
 * passphrase, after its own wait, clears it. */
static void test_delay_through_store_open(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    store_close(f.s);
    f.s = NULL;
    memset(&slept, 0, sizeof slept);
    store_set_sleep(fake_sleep, &slept);
    const unsigned waits[] = { 0, 0, 0, 1, 2, 4, 8, 16, 30, 30 };
    for (size_t i = 0; i < COUNT(waits); i++) {
        CU_ASSERT_EQUAL(store_unlock_wait(f.dir, &clk), waits[i]);
        unsigned before = slept.total;
        CU_ASSERT_EQUAL(try_open(f.dir, i % 2 ? WRONG : "not even close"), ST_WRONG_PASSPHRASE);
        CU_ASSERT_EQUAL(slept.total - before, waits[i]);
        CU_ASSERT_EQUAL(failures_on_disk(f.dir), i + 1);
    }
    /* An unknown officer counts too: the count is the store's, so it
     * says nothing about which logins exist. */
    store *s = NULL;
    CU_ASSERT_EQUAL(store_open(f.dir, "nobody", HARNESS_PASS, &clk, &s), ST_WRONG_PASSPHRASE);
    CU_ASSERT_EQUAL(slept.last, 30);
    CU_ASSERT_EQUAL(failures_on_disk(f.dir), COUNT(waits) + 1);
    /* Time passing is counted: 10 s after the last failure, 20 s left. */
    fixed.at += 10;
    CU_ASSERT_EQUAL(store_unlock_wait(f.dir, &clk), 20);
    /* The right passphrase waits too, then opens and clears the count. */
    unsigned before = slept.total;
    CU_ASSERT_EQUAL(try_open(f.dir, HARNESS_PASS), ST_OK);
    CU_ASSERT_EQUAL(slept.total - before, 20);
    CU_ASSERT_EQUAL(failures_on_disk(f.dir), 0);
    CU_ASSERT_EQUAL(store_unlock_wait(f.dir, &clk), 0);
    /* And a clean open after that writes nothing to the key-slot file. */
    bytes ks0 = read_bytes(f.dir, STORE_SLOTS_FILE);
    CU_ASSERT_EQUAL(try_open(f.dir, HARNESS_PASS), ST_OK);
    bytes ks1 = read_bytes(f.dir, STORE_SLOTS_FILE);
    CU_ASSERT_TRUE(same_bytes(&ks0, &ks1));
    bytes_free(&ks0);
    bytes_free(&ks1);
    store_set_sleep(NULL, NULL);
    fixed.at = harness_at(HARNESS_START);
    harness_fixture_close(&f);
}

/* A version 1 file: the version 2 bytes less the trailer, version 1. */
static void make_version_1(const char *dir)
{
    bytes b = read_bytes(dir, STORE_SLOTS_FILE);
    CU_ASSERT_FATAL(b.len > KEYSLOT_FILE_TRAILER_BYTES);
    CU_ASSERT_EQUAL(b.p[8], 2);
    b.p[8] = 1;
    write_bytes(dir, STORE_SLOTS_FILE, b.p, b.len - KEYSLOT_FILE_TRAILER_BYTES);
    bytes_free(&b);
}

static void test_version_1_key_slots(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    tc_case c = harness_case_add(f.s, "Version One", 30, "2026-11-20");
    store_close(f.s);
    f.s = NULL;
    make_version_1(f.dir);
    bytes v1 = read_bytes(f.dir, STORE_SLOTS_FILE);
    keyslot_file *ks = NULL;
    CU_ASSERT_EQUAL_FATAL(keyslot_file_parse(v1.p, v1.len, &ks), KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_file_version(ks), 1);
    CU_ASSERT_EQUAL(keyslot_failures(ks), 0);
    keyslot_file_free(ks);
    /* It opens as it is, and a clean open leaves it as it is. */
    CU_ASSERT_EQUAL(try_open(f.dir, HARNESS_PASS), ST_OK);
    bytes again = read_bytes(f.dir, STORE_SLOTS_FILE);
    CU_ASSERT_TRUE(same_bytes(&v1, &again));
    bytes_free(&again);

    /* A backup of the version 1 store restores and opens. */
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(f.dir, "admin", HARNESS_PASS, &clk, &s), ST_OK);
    char *file = path_in(f.root, "v1.tcbackup"), *to = path_in(f.root, "restored");
    CU_ASSERT_EQUAL(store_backup(s, file, NULL), BK_OK);
    store_close(s);
    store_check_report r;
    CU_ASSERT_EQUAL(store_restore(file, to, "admin", HARNESS_PASS, &clk, NULL, &r), BK_OK);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(to, "admin", HARNESS_PASS, &clk, &s), ST_OK);
    tc_case got;
    if (s)
        CU_ASSERT_EQUAL(store_case_get(s, c.reference, &got), ST_OK);
    store_close(s);

    /* A wrong try saves the file as version 2, with the count. */
    CU_ASSERT_EQUAL(try_open(f.dir, WRONG), ST_WRONG_PASSPHRASE);
    bytes v2 = read_bytes(f.dir, STORE_SLOTS_FILE);
    CU_ASSERT_EQUAL(v2.len, v1.len + KEYSLOT_FILE_TRAILER_BYTES);
    CU_ASSERT_EQUAL(v2.p[8], 2);
    CU_ASSERT_EQUAL(memcmp(v2.p + 12, v1.p + 12, v1.len - 12), 0);  /* slots unchanged */
    CU_ASSERT_EQUAL(failures_on_disk(f.dir), 1);
    CU_ASSERT_EQUAL(try_open(f.dir, HARNESS_PASS), ST_OK);
    CU_ASSERT_EQUAL(failures_on_disk(f.dir), 0);

    /* A backup that carries a failure count restores without it. */
    CU_ASSERT_EQUAL(try_open(f.dir, WRONG), ST_WRONG_PASSPHRASE);
    s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(f.dir, "admin", HARNESS_PASS, &clk, &s), ST_OK);
    CU_ASSERT_EQUAL(try_open(f.dir, WRONG), ST_WRONG_PASSPHRASE);
    char *file2 = path_in(f.root, "v2.tcbackup"), *to2 = path_in(f.root, "restored2");
    CU_ASSERT_EQUAL(store_backup(s, file2, NULL), BK_OK);
    store_close(s);
    CU_ASSERT_EQUAL(store_restore(file2, to2, "admin", HARNESS_PASS, &clk, NULL, &r), BK_OK);
    CU_ASSERT_EQUAL(failures_on_disk(to2), 0);
    CU_ASSERT_EQUAL(try_open(to2, HARNESS_PASS), ST_OK);

    bytes_free(&v1);
    bytes_free(&v2);
    free(file);
    free(to);
    free(file2);
    free(to2);
    harness_fixture_close(&f);
}

/* ========================================================= hostile text */

static const char ten_thousand_marker[] = "10,000 characters";

/* Hostile values; the last is built at run time. */
static const char *const hostile[] = {
    "Evil\x1b[2JName",                          /* clear the screen */
    "\x1b]52;c;aGVsbG8=\x07paste",              /* OSC 52: write the clipboard */
    "\x1b]0;title\x1b\\x",                      /* OSC 0 with ST: set the title */
    "\x1b[31mred\x1b[0m",                       /* colours */
    "C1\xc2\x9b" "2Jcsi",                       /* U+009B, a one-character CSI */
    "raw\x9b" "2Jbyte",                         /* the same as a bare byte */
    "bad\xff\xfeutf\xc3",                       /* invalid UTF-8, cut at the end */
    "over\xc0\xaflong",                         /* an overlong '/' */
    "rtl\xe2\x80\xae" "override",               /* U+202E */
    "iso\xe2\x81\xa6late\xe2\x81\xa9",          /* U+2066 ... U+2069 */
    "zw\xe2\x80\x8djoin\xe2\x80\x8b",           /* ZWJ, ZWSP */
    "bell\x07 back\x08 del\x7f cr\r",           /* C0 and DEL */
    "\xe0\xb8\xb4\xe0\xb9\x88orphan marks",     /* Thai marks with no letter */
    ten_thousand_marker,
};

static char *long_name(void)
{
    /* 10,000 characters: Thai letters with marks, then Latin. */
    size_t n = 10000;
    char *s = malloc(n * 3 + 1), *p = s;
    for (size_t i = 0; i < n; i++) {
        const char *ch = i % 2 ? "\xe0\xb8\x81" : "\xe0\xb8\xb4";   /* ก and  ิ */
        if (i >= n / 2)
            ch = "A";
        size_t len = strlen(ch);
        memcpy(p, ch, len);
        p += len;
    }
    *p = '\0';
    return s;
}

/* What must never reach a terminal: C0 (but newline and tab where the
 * caller allows them), ESC, DEL, C1, bidi controls, invalid UTF-8.
 * Returns a description of the first one, or NULL. */
static const char *terminal_hazard(const char *s, size_t len, bool allow_lines)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        unsigned char b = (unsigned char)s[i];
        if (b == '\n' || b == '\t') {
            if (!allow_lines)
                return "a newline or tab";
            i++;
            continue;
        }
        size_t used = utf8_decode(s + i, len - i, &cp);
        if (cp == UTF8_REPLACEMENT && !(used == 3 && (unsigned char)s[i] == 0xEF))
            return "invalid UTF-8";
        if (cp < 0x20 || cp == 0x7F)
            return "a C0 control or DEL";
        if (cp >= 0x80 && cp <= 0x9F)
            return "a C1 control";
        if (utf8_is_bidi_control(cp))
            return "a bidi control";
        i += used ? used : 1;
    }
    return NULL;
}

static void test_text_functions_clean_hostile_text(void)
{
    char *big = long_name();
    char out[40000];
    for (size_t i = 0; i < COUNT(hostile); i++) {
        const char *in = hostile[i] == ten_thousand_marker ? big : hostile[i];
        int cols = text_clean(in, out, sizeof out);
        const char *why = terminal_hazard(out, strlen(out), false);
        if (why)
            fprintf(stderr, "\n  text_clean of case %zu leaves %s\n", i, why);
        CU_ASSERT_PTR_NULL(why);
        CU_ASSERT_EQUAL(cols, text_columns(in));
        CU_ASSERT_EQUAL(text_columns(out), cols);
        for (int width = 1; width <= 41; width += 8) {
            int used = text_fit(in, width, true, out, sizeof out);
            CU_ASSERT(used <= width);
            CU_ASSERT_EQUAL(text_columns(out), used);
            CU_ASSERT_PTR_NULL(terminal_hazard(out, strlen(out), false));
            int padded = text_pad(in, width, out, sizeof out);
            CU_ASSERT_EQUAL(padded, width);
            CU_ASSERT_EQUAL(text_columns(out), width);
            CU_ASSERT_PTR_NULL(terminal_hazard(out, strlen(out), false));
        }
    }
    /* The 10,000-character name: cut with an ellipsis, and a small buffer
     * never overflows nor ends in half a character. */
    int used = text_fit(big, 40, true, out, sizeof out);
    CU_ASSERT_EQUAL(used, 40);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\xe2\x80\xa6"));
    char small[17];
    text_clean(big, small, sizeof small);
    CU_ASSERT(strlen(small) < sizeof small);
    CU_ASSERT_PTR_NULL(terminal_hazard(small, strlen(small), false));
    free(big);
}

/* ---- hostile records in a store, past validation ---- */

/* Sets a case's names and notes straight in the database, as a tampered
 * store or an old import could hold them. */
static bool plant_raw(store *s, const char *case_id, const char *thai, const char *latin,
                      const char *notes)
{
    sqlite3 *db = store_db_handle(s);
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_prepare_v2(db,
        "UPDATE persons SET name_thai = ?1, name_latin = ?2, aliases = ?2"
        " WHERE id = (SELECT person_id FROM cases WHERE id = ?3)", -1, &q, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_text(q, 1, thai, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, latin, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, case_id, -1, SQLITE_STATIC);
        ok = sqlite3_step(q) == SQLITE_DONE;
    }
    sqlite3_finalize(q);
    q = NULL;
    if (ok && sqlite3_prepare_v2(db, "UPDATE cases SET notes = ?1 WHERE id = ?2", -1, &q,
                                 NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, notes, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, case_id, -1, SQLITE_STATIC);
        ok = sqlite3_step(q) == SQLITE_DONE;
    } else {
        ok = false;
    }
    sqlite3_finalize(q);
    return ok;
}

#define HOSTILE_CASES 6

/* Fills s with HOSTILE_CASES cases whose text is hostile; false when a
 * step failed.  Used by the CLI suite and by --plant. */
static bool fill_hostile(store *s)
{
    char *big = long_name();
    const struct { const char *thai, *latin, *notes; } rows[HOSTILE_CASES] = {
        { "\xe0\xb8\xa1\xe0\xb8\xb0\xe0\xb8\xa5\xe0\xb8\xb4\x1b[2J\x1b[H", "Evil\x1b[2JName",
          "line one\nline two\x1b]52;c;aGVsbG8=\x07" },
        { "\xe2\x80\xae" "ABC", "rtl\xe2\x80\xae" "override", "C1\xc2\x9b" "2J raw\x9b" "2J" },
        { "bad\xff\xfe", "over\xc0\xaflong", "bell\x07 del\x7f cr\r" },
        { "zw\xe2\x80\x8djoin", "\x1b]0;pwned\x07title", "\x1b[31mred\x1b[0m" },
        { big, big, big },
        { "\xe0\xb8\xb4\xe0\xb9\x88", "Orphan Marks", "ok" },
    };
    bool ok = true;
    for (int i = 0; i < HOSTILE_CASES && ok; i++) {
        tc_case c = harness_setup_case("Placeholder Name", 20 + i, "2026-11-20");
        ok = store_case_add(s, &c, NULL) == ST_OK
            && plant_raw(s, c.id, rows[i].thai, rows[i].latin, rows[i].notes);
    }
    free(big);
    return ok;
}

static char *cli_top;
static char cli_dir[4096];

static int cli_suite_init(void)
{
    clk = harness_clock(&fixed, HARNESS_START);
    if (sodium_init() < 0)
        return -1;
    return harness_cli_suite_open(&cli_top, cli_dir, sizeof cli_dir, HARNESS_PASS, &clk,
                                  fill_hostile);
}

static int cli_suite_clean(void)
{
    return harness_cli_suite_close(&cli_top);
}

static harness_cli cli_for(void)
{
    harness_cli c = { cli_dir, cli_top, HARNESS_PASS, clk, NULL, NULL, 1 << 20 };
    c.out = calloc(1, c.max);
    c.err = calloc(1, c.max);
    return c;
}

static void cli_done(harness_cli *c)
{
    free(c->out);
    free(c->err);
}

static void expect_clean_output(const char *what, const char *const *args)
{
    harness_cli c = cli_for();
    int rc = harness_cli_run(&c, args);
    if (rc != 0)
        fprintf(stderr, "\n  %s: exit %d: %s\n", what, rc, c.err);
    CU_ASSERT_EQUAL(rc, 0);
    const char *why = terminal_hazard(c.out, strlen(c.out), true);
    if (why)
        fprintf(stderr, "\n  %s prints %s\n", what, why);
    CU_ASSERT_PTR_NULL(why);
    CU_ASSERT_PTR_NULL(terminal_hazard(c.err, strlen(c.err), true));
    cli_done(&c);
}

/* The references of the planted cases, from "case list --format tsv". */
static int planted_references(char refs[][32], int max)
{
    harness_cli c = cli_for();
    const char *args[] = { "case", "list", "--format", "tsv", NULL };
    int n = 0;
    if (harness_cli_run(&c, args) == 0) {
        for (char *line = strtok(c.out, "\n"); line && n < max; line = strtok(NULL, "\n")) {
            char *tab = strchr(line, '\t');
            if (!tab || tab - line >= 32 || strncmp(line, "reference", 9) == 0)
                continue;
            memcpy(refs[n], line, (size_t)(tab - line));
            refs[n][tab - line] = '\0';
            n++;
        }
    }
    cli_done(&c);
    return n;
}

static void test_cli_prints_hostile_text_harmlessly(void)
{
    const char *list[] = { "case", "list", NULL };
    const char *tsv[] = { "case", "list", "--format", "tsv", NULL };
    const char *by_name[] = { "case", "list", "--sort", "name", NULL };
    const char *users[] = { "user", "list", NULL };
    expect_clean_output("case list", list);
    expect_clean_output("case list --format tsv", tsv);
    expect_clean_output("case list --sort name", by_name);
    expect_clean_output("user list", users);
    char refs[HOSTILE_CASES + 4][32];
    int n = planted_references(refs, HOSTILE_CASES + 4);
    CU_ASSERT_EQUAL(n, HOSTILE_CASES);
    for (int i = 0; i < n; i++) {
        const char *show[] = { "case", "show", refs[i], NULL };
        expect_clean_output("case show", show);
    }
    /* The handover sheet of each: it prints the person's names. */
    for (int i = 0; i < n; i++) {
        harness_cli c = cli_for();
        const char *add[] = { "referral", "add", refs[i], "--agency", "dcy",
                              "--urgency", "urgent", "--channel", "letter", "--needs", "shelter",
                              "--summary", "ที่พักคืนนี้", "--shared", "identity,needs",
                              "--override-reason", "ไม่มีล่ามในวันนี้", NULL };
        int rc = harness_cli_run(&c, add);
        if (rc != 0)
            fprintf(stderr, "\n  referral add: %s\n", c.err);
        CU_ASSERT_EQUAL_FATAL(rc, 0);
        char id[64];
        snprintf(id, sizeof id, "%.8s", c.out);
        cli_done(&c);
        const char *th[] = { "referral", "sheet", id, "--lang", "th", NULL };
        const char *en[] = { "referral", "sheet", id, "--lang", "en", "--width", "60", NULL };
        expect_clean_output("referral sheet (Thai)", th);
        expect_clean_output("referral sheet (English)", en);
    }
}

/* A name or note longer than its field was cut to fit and saved shorter
 * than given, without a word (the 10,000-character name got its first 200
 * bytes, or was refused as "invalid text" when the cut split a letter).
 * Now it is refused as too long, and nothing is added. */
static void test_cli_refuses_overlong_text(void)
{
    char *big = long_name();
    /* The long text given to option, with a short name beside it unless
     * the long text is the name. */
    const struct { const char *what, *option; bool with_name; const char *want; } table[] = {
        { "--name", "--name", false, "too long" },
        { "--name-latin", "--name-latin", true, "too long" },
        { "--name-thai", "--name-thai", true, "too long" },
        { "--notes", "--notes", true, "notes are too long" },
    };
    for (size_t i = 0; i < COUNT(table); i++) {
        harness_cli c = cli_for();
        const char *args[] = { "case", "add", table[i].option, big,
                               table[i].with_name ? "--name" : NULL, "Short Name", NULL };
        int rc = harness_cli_run(&c, args);
        CU_ASSERT_EQUAL(rc, 1);
        if (!strstr(c.err, table[i].want))
            fprintf(stderr, "\n  %s: %s\n", table[i].what, c.err);
        CU_ASSERT_PTR_NOT_NULL(strstr(c.err, table[i].want));
        cli_done(&c);
    }
    char refs[HOSTILE_CASES + 4][32];
    CU_ASSERT_EQUAL(planted_references(refs, HOSTILE_CASES + 4), HOSTILE_CASES);
    free(big);
}

/* ============================================================ the suites */

static CU_TestInfo damage_tests[] = {
    { "bytes overwritten in the middle of cases.db", test_damaged_pages },
    { "a page overwritten with zeros", test_zeroed_page },
    { "a truncated database", test_truncated_database },
    { "a key-slot file from another store", test_key_slots_of_another_store },
    { "a key-slot file cut short or garbage", test_damaged_key_slot_file },
    { "the WAL of another store", test_wal_of_another_store },
    { "an older WAL of this store", test_older_wal_of_this_store },
    { "the WAL a crash leaves is kept", test_wal_of_a_crash_is_kept },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo delay_tests[] = {
    { "the delay schedule", test_delay_schedule },
    { "what is left of a delay", test_delay_left_after_time },
    { "delays through store_open, kept across opens", test_delay_through_store_open },
    { "version 1 key-slot files", test_version_1_key_slots },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo text_tests[] = {
    { "text functions clean hostile text", test_text_functions_clean_hostile_text },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo cli_tests[] = {
    { "commands print hostile text harmlessly", test_cli_prints_hostile_text_harmlessly },
    { "over-long text is refused, not cut", test_cli_refuses_overlong_text },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "damage", suite_init, suite_clean, NULL, NULL, damage_tests },
    { "guessing delay", suite_init, suite_clean, NULL, NULL, delay_tests },
    { "hostile text", suite_init, suite_clean, NULL, NULL, text_tests },
    { "hostile text in commands", cli_suite_init, cli_suite_clean, NULL, NULL, cli_tests },
    CU_SUITE_INFO_NULL,
};

/* --plant DIR: a store in DIR (admin, HARNESS_PASS, cheap key derivation) holding
 * the hostile cases, for the end-to-end script. */
static int plant(const char *dir)
{
    clk = harness_clock(&fixed, HARNESS_START);
    store *s = NULL;
    if (sodium_init() < 0 ||
        harness_store_create(dir, "Somchai Admin", HARNESS_PASS, &clk, &s) != ST_OK)
        return 1;
    bool ok = fill_hostile(s);
    store_close(s);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--plant") == 0)
        return plant(argv[2]);
    return harness_main("test_tamper", suites);
}
