/* test_store.c - the encrypted store as an officer and an attacker see it:
 * key slots, opening and refusing, officers and roles, no readable names in
 * any file, damage and tampering reported, cases found and listed. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "db/keyslot.h"
#include "db/migrate.h"
#include "core/caseref.h"
#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ADMIN_PASS "correct horse battery staple"
#define OTHER_PASS "ช้างเผือกบินข้ามทุ่ง 2569"
#define NEW_PASS "a brand new passphrase"
#define THAI_NAME "สมหญิงทดสอบพิเศษ"
#define LATIN_NAME "Zyxwvut Qplmokn"

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void)
{
    clk = harness_clock(&fixed, "2026-11-21T03:00:00Z");
    return sodium_init() < 0 ? -1 : 0;
}

static int suite_clean(void) { return 0; }

/* ---- helpers ---- */

/* A new store in a new temp dir, open as "admin". */
static store *new_store(char **dir_out)
{
    char *dir = harness_tempdir();
    char *sub = NULL;
    if (!dir || asprintf(&sub, "%s/store", dir) < 0)
        abort();
    free(dir);
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(harness_store_create(sub, "Somchai Admin", ADMIN_PASS, &clk, &s), ST_OK);
    *dir_out = sub;
    return s;
}

static void drop_store(char *dir)
{
    char *parent = strdup(dir);
    char *slash = strrchr(parent, '/');
    if (slash)
        *slash = '\0';
    harness_rmtree(parent);
    free(parent);
    free(dir);
}

static tc_case sample_case(const char *thai, const char *latin)
{
    tc_case c;
    case_init(&c);
    snprintf(c.name_thai, sizeof c.name_thai, "%s", thai ? thai : "");
    snprintf(c.name_latin, sizeof c.name_latin, "%s", latin ? latin : "");
    c.sex = SEX_FEMALE;
    c.estimated_age = 16;
    snprintf(c.nationalities[0], sizeof c.nationalities[0], "MM");
    c.n_nationalities = 1;
    snprintf(c.languages, sizeof c.languages, "my,th");
    snprintf(c.entry_point, sizeof c.entry_point, "labour_inspection");
    c.date_met_known = true;
    c.date_met = (caldate){ 2026, 11, 20 };
    snprintf(c.notes, sizeof c.notes, "Met at a fishing pier.");
    return c;
}

static char *path_in(const char *dir, const char *name)
{
    char *p = NULL;
    if (asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return p;
}

static bool file_exists(const char *dir, const char *name)
{
    char *p = path_in(dir, name);
    struct stat st;
    bool yes = stat(p, &st) == 0;
    free(p);
    return yes;
}

/* The bytes and mtime of a file, to prove a refused open wrote nothing. */
typedef struct snapshot {
    bool present;
    unsigned char *bytes;
    size_t len;
    struct timespec mtime;
} snapshot;

static snapshot take_snapshot(const char *dir, const char *name)
{
    snapshot sn;
    memset(&sn, 0, sizeof sn);
    char *p = path_in(dir, name);
    struct stat st;
    if (stat(p, &st) == 0) {
        sn.present = true;
        sn.mtime = st.st_mtim;
        sn.len = (size_t)st.st_size;
        sn.bytes = malloc(sn.len + 1);
        FILE *f = fopen(p, "rb");
        if (!f || !sn.bytes || fread(sn.bytes, 1, sn.len, f) != sn.len)
            abort();
        fclose(f);
    }
    free(p);
    return sn;
}

static bool snapshots_equal(const snapshot *a, const snapshot *b)
{
    return a->present == b->present && a->len == b->len
        && a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec
        && (!a->present || memcmp(a->bytes, b->bytes, a->len) == 0);
}

static void snapshot_free(snapshot *s) { free(s->bytes); }

static void flip_byte(const char *path, off_t at)
{
    int fd = open(path, O_RDWR);
    CU_ASSERT_FATAL(fd >= 0);
    unsigned char b = 0;
    CU_ASSERT_EQUAL_FATAL(pread(fd, &b, 1, at), 1);
    b ^= 0x5a;
    CU_ASSERT_EQUAL_FATAL(pwrite(fd, &b, 1, at), 1);
    close(fd);
}

/* A raw SQLCipher connection to a closed store's database, keyed the way
 * the store keys it (the passphrase unlocks the slot, as an insider with
 * the passphrase and a SQLCipher shell could). */
static sqlite3 *raw_connection(const char *dir, const char *login, const char *pass)
{
    char *slots = path_in(dir, STORE_SLOTS_FILE);
    char *db_path = path_in(dir, STORE_DB_FILE);
    keyslot_file *ks = NULL;
    CU_ASSERT_EQUAL_FATAL(keyslot_file_load(slots, &ks), KEYSLOT_OK);
    unsigned char *key = sodium_malloc(DATA_KEY_BYTES);
    CU_ASSERT_EQUAL_FATAL(keyslot_unlock(ks, login, pass, key), KEYSLOT_OK);
    sqlite3 *db = NULL;
    CU_ASSERT_EQUAL_FATAL(store_db_open_keyed(db_path, key, SQLITE_OPEN_READWRITE, &db),
                          SQLITE_OK);
    sodium_free(key);
    keyslot_file_free(ks);
    free(slots);
    free(db_path);
    return db;
}

/* ================= key slots ================= */

static const unsigned char store_a[STORE_ID_BYTES] = "store-id-A-00001";
static const unsigned char store_b[STORE_ID_BYTES] = "store-id-B-00002";

static void test_keyslot_round_trip(void)
{
    keyslot_file *f = NULL;
    unsigned char key[DATA_KEY_BYTES], out[DATA_KEY_BYTES];
    randombytes_buf(key, sizeof key);
    CU_ASSERT_EQUAL_FATAL(keyslot_file_new(store_a, &f), KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_add(f, "Nok", "pass one two three", kdf_params_cheap(), key),
                    KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_add(f, "lek", "pass four five six", kdf_params_cheap(), key),
                    KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_count(f), 2);
    /* The login is matched without regard to case. */
    CU_ASSERT_TRUE(keyslot_has(f, "nok"));
    CU_ASSERT_EQUAL(keyslot_add(f, "NOK", "x", kdf_params_cheap(), key), KEYSLOT_EXISTS);
    CU_ASSERT_EQUAL(keyslot_unlock(f, "NOK", "pass one two three", out), KEYSLOT_OK);
    CU_ASSERT_EQUAL(memcmp(out, key, sizeof key), 0);
    CU_ASSERT_EQUAL(keyslot_unlock(f, "nok", "pass one two threE", out), KEYSLOT_WRONG);

    char *dir = harness_tempdir();
    char *path = path_in(dir, "keyslots");
    CU_ASSERT_EQUAL(keyslot_file_save(f, path), KEYSLOT_OK);
    struct stat st;
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
    CU_ASSERT_EQUAL(st.st_size, KEYSLOT_FILE_HEADER_BYTES + 2 * KEYSLOT_RECORD_BYTES
                                + KEYSLOT_FILE_TRAILER_BYTES);
    /* The file names nobody. */
    CU_ASSERT_FALSE(harness_file_contains(path, "lek", 3));
    keyslot_file *g = NULL;
    CU_ASSERT_EQUAL_FATAL(keyslot_file_load(path, &g), KEYSLOT_OK);
    CU_ASSERT_EQUAL(memcmp(keyslot_store_id(g), store_a, STORE_ID_BYTES), 0);
    memset(out, 0, sizeof out);
    CU_ASSERT_EQUAL(keyslot_unlock(g, "lek", "pass four five six", out), KEYSLOT_OK);
    CU_ASSERT_EQUAL(memcmp(out, key, sizeof key), 0);
    keyslot_file_free(g);
    keyslot_file_free(f);
    harness_rmtree(dir);
    free(path);
    free(dir);
}

static void test_keyslot_change_and_remove(void)
{
    keyslot_file *f = NULL;
    unsigned char key[DATA_KEY_BYTES], out[DATA_KEY_BYTES];
    randombytes_buf(key, sizeof key);
    CU_ASSERT_EQUAL_FATAL(keyslot_file_new(store_a, &f), KEYSLOT_OK);
    keyslot_add(f, "nok", "old passphrase", kdf_params_cheap(), key);
    keyslot_add(f, "lek", "lek passphrase", kdf_params_cheap(), key);
    CU_ASSERT_EQUAL(keyslot_change(f, "nok", "new passphrase", kdf_params_cheap(), key),
                    KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_unlock(f, "nok", "old passphrase", out), KEYSLOT_WRONG);
    CU_ASSERT_EQUAL(keyslot_unlock(f, "nok", "new passphrase", out), KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_unlock(f, "lek", "lek passphrase", out), KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_change(f, "nobody", "x", kdf_params_cheap(), key), KEYSLOT_NO_SLOT);
    CU_ASSERT_EQUAL(keyslot_remove(f, "nobody"), KEYSLOT_NO_SLOT);
    CU_ASSERT_EQUAL(keyslot_remove(f, "NOK"), KEYSLOT_OK);
    CU_ASSERT_FALSE(keyslot_has(f, "nok"));
    CU_ASSERT_EQUAL(keyslot_unlock(f, "nok", "new passphrase", out), KEYSLOT_WRONG);
    CU_ASSERT_EQUAL(keyslot_remove(f, "lek"), KEYSLOT_LAST_SLOT);
    CU_ASSERT_EQUAL(keyslot_count(f), 1);
    keyslot_file_free(f);
}

static void test_keyslot_unknown_login_is_wrong(void)
{
    keyslot_file *f = NULL;
    unsigned char key[DATA_KEY_BYTES], out[DATA_KEY_BYTES];
    randombytes_buf(key, sizeof key);
    keyslot_file_new(store_a, &f);
    keyslot_add(f, "nok", "nok passphrase", kdf_params_cheap(), key);
    CU_ASSERT_EQUAL(keyslot_unlock(f, "stranger", "nok passphrase", out), KEYSLOT_WRONG);
    CU_ASSERT_EQUAL(keyslot_unlock(f, "", "nok passphrase", out), KEYSLOT_WRONG);
    keyslot_file_free(f);
}

/* A slot moved from another store's file (same login, same passphrase)
 * must not open: its ciphertext is bound to the store id. */
static void test_keyslot_spliced_from_other_store(void)
{
    unsigned char key_a[DATA_KEY_BYTES], key_b[DATA_KEY_BYTES], out[DATA_KEY_BYTES];
    randombytes_buf(key_a, sizeof key_a);
    randombytes_buf(key_b, sizeof key_b);
    keyslot_file *a = NULL, *b = NULL;
    keyslot_file_new(store_a, &a);
    keyslot_file_new(store_b, &b);
    keyslot_add(a, "nok", "passphrase A", kdf_params_cheap(), key_a);
    keyslot_add(b, "nok", "passphrase B", kdf_params_cheap(), key_b);
    char *dir = harness_tempdir();
    char *pa = path_in(dir, "a"), *pb = path_in(dir, "b");
    keyslot_file_save(a, pa);
    keyslot_file_save(b, pb);
    /* Header of A, slot of B. */
    snapshot sa = take_snapshot(dir, "a"), sb = take_snapshot(dir, "b");
    memcpy(sa.bytes + KEYSLOT_FILE_HEADER_BYTES, sb.bytes + KEYSLOT_FILE_HEADER_BYTES,
           KEYSLOT_RECORD_BYTES);
    FILE *w = fopen(pa, "wb");
    fwrite(sa.bytes, 1, sa.len, w);
    fclose(w);
    keyslot_file *spliced = NULL;
    CU_ASSERT_EQUAL_FATAL(keyslot_file_load(pa, &spliced), KEYSLOT_OK);
    CU_ASSERT_EQUAL(keyslot_unlock(spliced, "nok", "passphrase B", out), KEYSLOT_WRONG);
    CU_ASSERT_EQUAL(keyslot_unlock(spliced, "nok", "passphrase A", out), KEYSLOT_WRONG);
    keyslot_file_free(spliced);
    snapshot_free(&sa);
    snapshot_free(&sb);
    keyslot_file_free(a);
    keyslot_file_free(b);
    harness_rmtree(dir);
    free(pa);
    free(pb);
    free(dir);
}

/* Whatever is on disk, loading answers DAMAGED and never crashes. */
static void test_keyslot_damaged_files(void)
{
    unsigned char key[DATA_KEY_BYTES];
    randombytes_buf(key, sizeof key);
    keyslot_file *f = NULL;
    keyslot_file_new(store_a, &f);
    keyslot_add(f, "nok", "passphrase", kdf_params_cheap(), key);
    keyslot_add(f, "lek", "passphrase", kdf_params_cheap(), key);
    char *dir = harness_tempdir();
    char *good = path_in(dir, "good");
    keyslot_file_save(f, good);
    keyslot_file_free(f);
    snapshot sn = take_snapshot(dir, "good");

    unsigned char garbage[400];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (unsigned char)(i * 37 + 11);
    unsigned char *huge = calloc(1, 64 * 1024);
    memcpy(huge, sn.bytes, KEYSLOT_FILE_HEADER_BYTES);
    unsigned char *bad_count = malloc(sn.len);
    memcpy(bad_count, sn.bytes, sn.len);
    bad_count[KEYSLOT_FILE_HEADER_BYTES - 4] = 3;   /* says 3 slots, holds 2 */
    unsigned char *bad_version = malloc(sn.len);
    memcpy(bad_version, sn.bytes, sn.len);
    bad_version[8] = 9;
    unsigned char *bad_cost = malloc(sn.len);
    memcpy(bad_cost, sn.bytes, sn.len);
    memset(bad_cost + KEYSLOT_FILE_HEADER_BYTES + 32 + 16 + 8, 0xff, 8);  /* memlimit */
    unsigned char *dup = malloc(sn.len);
    memcpy(dup, sn.bytes, sn.len);
    memcpy(dup + KEYSLOT_FILE_HEADER_BYTES + KEYSLOT_RECORD_BYTES,
           dup + KEYSLOT_FILE_HEADER_BYTES, KEYSLOT_RECORD_BYTES);

    const struct { const char *what; const unsigned char *bytes; size_t len; } cases[] = {
        { "empty", sn.bytes, 0 },
        { "magic only", sn.bytes, 8 },
        { "header cut", sn.bytes, KEYSLOT_FILE_HEADER_BYTES - 1 },
        { "slot cut", sn.bytes, sn.len - 1 },
        { "extra byte", huge, sn.len + 1 },
        { "garbage", garbage, sizeof garbage },
        { "count too big", bad_count, sn.len },
        { "unknown version", bad_version, sn.len },
        { "absurd cost", bad_cost, sn.len },
        { "same login twice", dup, sn.len },
        { "oversized", huge, 64 * 1024 },
    };
    char *path = path_in(dir, "bad");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *w = fopen(path, "wb");
        if (cases[i].len)
            fwrite(cases[i].bytes, 1, cases[i].len, w);
        fclose(w);
        keyslot_file *g = NULL;
        keyslot_status st = keyslot_file_load(path, &g);
        if (st != KEYSLOT_DAMAGED)
            fprintf(stderr, "\n  %s: status %d\n", cases[i].what, (int)st);
        CU_ASSERT_EQUAL(st, KEYSLOT_DAMAGED);
        CU_ASSERT_PTR_NULL(g);
    }
    keyslot_file *g = NULL;
    char *missing = path_in(dir, "missing");
    CU_ASSERT_EQUAL(keyslot_file_load(missing, &g), KEYSLOT_IO);
    free(missing);
    free(huge);
    free(bad_count);
    free(bad_version);
    free(bad_cost);
    free(dup);
    snapshot_free(&sn);
    harness_rmtree(dir);
    free(path);
    free(good);
    free(dir);
}

/* ================= opening and refusing ================= */

static void test_create_and_open(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    CU_ASSERT_TRUE(storecode_valid(store_code(s)));
    CU_ASSERT_STRING_EQUAL(store_me(s)->login, "admin");
    CU_ASSERT_EQUAL(store_me(s)->role, ROLE_ADMIN);
    char code[STORE_CODE_LEN + 1];
    snprintf(code, sizeof code, "%s", store_code(s));
    store_close(s);

    struct stat st;
    CU_ASSERT_EQUAL(stat(dir, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
    char *db = path_in(dir, STORE_DB_FILE), *slots = path_in(dir, STORE_SLOTS_FILE);
    CU_ASSERT_EQUAL(stat(db, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
    CU_ASSERT_EQUAL(stat(slots, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
    CU_ASSERT_TRUE(store_exists(dir));

    s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "ADMIN", ADMIN_PASS, &clk, &s), ST_OK);
    CU_ASSERT_STRING_EQUAL(store_code(s), code);
    CU_ASSERT_STRING_EQUAL(store_me(s)->name, "Somchai Admin");
    store_close(s);
    free(db);
    free(slots);
    drop_store(dir);
}

static void test_create_makes_missing_parents(void)
{
    char *base = harness_tempdir();
    char *dir = path_in(base, "home/.local/share/tipcase");
    tc_officer admin = harness_officer("admin", "Admin", ROLE_SUPERVISOR);
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_create(dir, &admin, ADMIN_PASS, kdf_params_cheap(), &clk, &s),
                          ST_OK);
    CU_ASSERT_EQUAL(store_me(s)->role, ROLE_ADMIN);    /* the first officer is an admin */
    store_close(s);
    struct stat st;
    CU_ASSERT_EQUAL(stat(dir, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
    harness_rmtree(base);
    free(dir);
    free(base);
}

static void test_create_refuses_existing_store(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    store_close(s);
    tc_officer admin = harness_officer("other", "Other Admin", ROLE_ADMIN);
    snapshot before = take_snapshot(dir, STORE_SLOTS_FILE);
    s = NULL;
    CU_ASSERT_EQUAL(store_create(dir, &admin, ADMIN_PASS, kdf_params_cheap(), &clk, &s),
                    ST_EXISTS);
    CU_ASSERT_PTR_NULL(s);
    snapshot after = take_snapshot(dir, STORE_SLOTS_FILE);
    CU_ASSERT_TRUE(snapshots_equal(&before, &after));
    snapshot_free(&before);
    snapshot_free(&after);
    drop_store(dir);
}

static void test_open_where_there_is_no_store(void)
{
    char *dir = harness_tempdir();
    store *s = NULL;
    CU_ASSERT_FALSE(store_exists(dir));
    CU_ASSERT_EQUAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_NO_STORE);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_FALSE(file_exists(dir, STORE_DB_FILE));
    harness_rmtree(dir);
    free(dir);
}

/* A refused open must leave the database exactly as it was: same bytes,
 * same mtime, and no -wal or -shm created.  The key-slot file keeps every
 * slot; only its failure count (the trailer, db/keyslot.h) says one more
 * failed try. */
static void check_refused_open_writes_nothing(const char *login, const char *pass)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    store_close(s);
    CU_ASSERT_FALSE(file_exists(dir, "cases.db-wal"));
    snapshot db0 = take_snapshot(dir, STORE_DB_FILE);
    snapshot ks0 = take_snapshot(dir, STORE_SLOTS_FILE);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, login, pass, &clk, &s), ST_WRONG_PASSPHRASE);
    CU_ASSERT_PTR_NULL(s);
    snapshot db1 = take_snapshot(dir, STORE_DB_FILE);
    snapshot ks1 = take_snapshot(dir, STORE_SLOTS_FILE);
    CU_ASSERT_TRUE(snapshots_equal(&db0, &db1));
    size_t slots_part = ks0.len - KEYSLOT_FILE_TRAILER_BYTES;
    CU_ASSERT_TRUE(ks0.len == ks1.len && memcmp(ks0.bytes, ks1.bytes, slots_part) == 0);
    CU_ASSERT_EQUAL(ks1.bytes[slots_part], 1);
    CU_ASSERT_FALSE(file_exists(dir, "cases.db-wal"));
    CU_ASSERT_FALSE(file_exists(dir, "cases.db-shm"));
    snapshot_free(&db0);
    snapshot_free(&db1);
    snapshot_free(&ks0);
    snapshot_free(&ks1);
    drop_store(dir);
}

static void test_wrong_passphrase_writes_nothing(void)
{
    check_refused_open_writes_nothing("admin", "correct horse battery stapler");
}

static void test_unknown_officer_refused_the_same_way(void)
{
    check_refused_open_writes_nothing("nobody", ADMIN_PASS);
}

static void test_status_texts(void)
{
    for (int a = ST_OK; a <= ST_NOMEM; a++) {
        const char *ta = store_status_text((store_status)a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ta);
        CU_ASSERT_TRUE(strlen(ta) > 3);
        for (int b = a + 1; b <= ST_NOMEM; b++)
            CU_ASSERT_STRING_NOT_EQUAL(ta, store_status_text((store_status)b));
    }
    CU_ASSERT_STRING_EQUAL(store_status_text(ST_WRONG_PASSPHRASE),
                           "Wrong officer name or passphrase.");
}

static void test_connection_settings(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    sqlite3 *db = store_db_handle(s);
    const struct { const char *sql; const char *want; } pragmas[] = {
        { "PRAGMA journal_mode", "wal" },
        { "PRAGMA synchronous", "2" },
        { "PRAGMA foreign_keys", "1" },
        { "PRAGMA temp_store", "2" },
        { "PRAGMA secure_delete", "1" },
        { "PRAGMA page_size", "4096" },
        { "PRAGMA cipher_page_size", "4096" },
    };
    for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
        sqlite3_stmt *q = NULL;
        CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, pragmas[i].sql, -1, &q, NULL), SQLITE_OK);
        CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
        const char *got = (const char *)sqlite3_column_text(q, 0);
        CU_ASSERT_PTR_NOT_NULL(got);
        if (got && strcmp(got, pragmas[i].want) != 0)
            fprintf(stderr, "\n  %s = %s\n", pragmas[i].sql, got);
        CU_ASSERT_STRING_EQUAL(got ? got : "", pragmas[i].want);
        sqlite3_finalize(q);
    }
    CU_ASSERT_EQUAL(migrate_current_version(db), migrate_latest_version());
    store_close(s);
    drop_store(dir);
}

static void test_newer_store_refused(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    store_close(s);
    sqlite3 *db = raw_connection(dir, "admin", ADMIN_PASS);
    CU_ASSERT_EQUAL(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_TOO_NEW);
    CU_ASSERT_PTR_NULL(s);
    drop_store(dir);
}

static void test_key_slots_of_another_store_refused(void)
{
    char *dir_a = NULL, *dir_b = NULL;
    store *a = new_store(&dir_a);
    store *b = new_store(&dir_b);
    tc_case c = sample_case(THAI_NAME, NULL);
    CU_ASSERT_EQUAL(store_case_add(a, &c, NULL), ST_OK);
    store_close(a);
    store_close(b);
    char *slots_a = path_in(dir_a, STORE_SLOTS_FILE), *slots_b = path_in(dir_b, STORE_SLOTS_FILE);
    CU_ASSERT_EQUAL_FATAL(rename(slots_b, slots_a), 0);
    store *s = NULL;
    /* B's admin unlocks B's data key, which does not open A's database. */
    store_status st = store_open(dir_a, "admin", ADMIN_PASS, &clk, &s);
    CU_ASSERT_NOT_EQUAL(st, ST_OK);
    CU_ASSERT_EQUAL(st, ST_DAMAGED);
    CU_ASSERT_PTR_NULL(s);
    free(slots_a);
    free(slots_b);
    drop_store(dir_a);
    drop_store(dir_b);
}

static void test_missing_slot_file_is_damage(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    store_close(s);
    char *slots = path_in(dir, STORE_SLOTS_FILE);
    CU_ASSERT_EQUAL(unlink(slots), 0);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_DAMAGED);
    FILE *w = fopen(slots, "wb");
    fputs("not a key-slot file at all", w);
    fclose(w);
    CU_ASSERT_EQUAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_DAMAGED);
    CU_ASSERT_PTR_NULL(s);
    free(slots);
    drop_store(dir);
}

/* ================= officers ================= */

static void test_second_officer_opens_same_data(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_officer nok = harness_officer("nok", "นกน้อย ใจดี", ROLE_SOCIAL_WORKER);
    CU_ASSERT_EQUAL(store_officer_add(s, &nok, OTHER_PASS, kdf_params_cheap()), ST_OK);
    tc_case c = sample_case(THAI_NAME, LATIN_NAME);
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    harness_case_assign(s, &c, "nok");      /* a social worker opens her own cases */
    store_close(s);

    s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "nok", OTHER_PASS, &clk, &s), ST_OK);
    CU_ASSERT_EQUAL(store_me(s)->role, ROLE_SOCIAL_WORKER);
    CU_ASSERT_STRING_EQUAL(store_me(s)->name, "นกน้อย ใจดี");
    tc_case got;
    CU_ASSERT_EQUAL(store_case_get(s, c.reference, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.name_thai, THAI_NAME);
    store_close(s);
    drop_store(dir);
}

static void test_duplicate_login_refused(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_officer nok = harness_officer("nok", "Nok", ROLE_INSPECTOR);
    CU_ASSERT_EQUAL(store_officer_add(s, &nok, OTHER_PASS, kdf_params_cheap()), ST_OK);
    tc_officer nok2 = harness_officer("NOK", "Another Nok", ROLE_INSPECTOR);
    CU_ASSERT_EQUAL(store_officer_add(s, &nok2, OTHER_PASS, kdf_params_cheap()), ST_DUPLICATE);
    tc_officer bad = harness_officer("bad login!", "Bad", ROLE_INSPECTOR);
    CU_ASSERT_EQUAL(store_officer_add(s, &bad, OTHER_PASS, kdf_params_cheap()), ST_INVALID);
    tc_officer *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(store_officer_list(s, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 2);
    free(list);
    store_close(s);
    drop_store(dir);
}

static void test_passphrase_change(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_officer nok = harness_officer("nok", "Nok", ROLE_INSPECTOR);
    store_officer_add(s, &nok, OTHER_PASS, kdf_params_cheap());
    tc_case c = sample_case(NULL, LATIN_NAME);
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    harness_case_assign(s, &c, "nok");      /* an inspector opens his own cases */
    store_close(s);

    s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "nok", OTHER_PASS, &clk, &s), ST_OK);
    CU_ASSERT_EQUAL(store_passwd(s, NEW_PASS, kdf_params_cheap()), ST_OK);
    store_close(s);

    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "nok", OTHER_PASS, &clk, &s), ST_WRONG_PASSPHRASE);
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "nok", NEW_PASS, &clk, &s), ST_OK);
    tc_case got;
    CU_ASSERT_EQUAL(store_case_get(s, c.id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.name_latin, LATIN_NAME);
    store_close(s);
    /* The admin's own slot is untouched. */
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_OK);
    store_close(s);
    drop_store(dir);
}

static void test_removed_officer_cannot_open(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_officer nok = harness_officer("nok", "Nok", ROLE_BORDER_OFFICER);
    store_officer_add(s, &nok, OTHER_PASS, kdf_params_cheap());
    CU_ASSERT_EQUAL(store_officer_remove(s, "nok"), ST_OK);
    CU_ASSERT_EQUAL(store_officer_remove(s, "nobody"), ST_NOT_FOUND);
    tc_officer *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_officer_list(s, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    /* Active first; the removed officer keeps the record, inactive. */
    CU_ASSERT_STRING_EQUAL(list[0].login, "admin");
    CU_ASSERT_TRUE(list[0].active);
    CU_ASSERT_STRING_EQUAL(list[1].login, "nok");
    CU_ASSERT_FALSE(list[1].active);
    tc_officer got;
    CU_ASSERT_EQUAL(store_officer_get(s, list[1].id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.name, "Nok");
    free(list);
    store_close(s);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "nok", OTHER_PASS, &clk, &s), ST_WRONG_PASSPHRASE);
    CU_ASSERT_PTR_NULL(s);
    drop_store(dir);
}

static void test_non_admin_cannot_manage_officers(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_officer sup = harness_officer("sup", "Supervisor", ROLE_SUPERVISOR);
    store_officer_add(s, &sup, OTHER_PASS, kdf_params_cheap());
    store_close(s);
    s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "sup", OTHER_PASS, &clk, &s), ST_OK);
    tc_officer x = harness_officer("x", "X", ROLE_ADMIN);
    CU_ASSERT_EQUAL(store_officer_add(s, &x, OTHER_PASS, kdf_params_cheap()), ST_DENIED);
    CU_ASSERT_EQUAL(store_officer_remove(s, "admin"), ST_DENIED);
    store_close(s);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "x", OTHER_PASS, &clk, &s), ST_WRONG_PASSPHRASE);
    drop_store(dir);
}

static void test_last_admin_cannot_be_removed(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    CU_ASSERT_EQUAL(store_officer_remove(s, "admin"), ST_LAST_ADMIN);
    tc_officer second = harness_officer("admin2", "Second Admin", ROLE_ADMIN);
    CU_ASSERT_EQUAL(store_officer_add(s, &second, OTHER_PASS, kdf_params_cheap()), ST_OK);
    CU_ASSERT_EQUAL(store_officer_remove(s, "admin"), ST_OK);
    store_close(s);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_WRONG_PASSPHRASE);
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "admin2", OTHER_PASS, &clk, &s), ST_OK);
    CU_ASSERT_EQUAL(store_officer_remove(s, "admin2"), ST_LAST_ADMIN);
    store_close(s);
    drop_store(dir);
}

/* ================= nothing readable on disk ================= */

typedef struct needle { const char *what; unsigned char bytes[128]; size_t len; } needle;

static void add_needles(const char *utf8, needle *out, size_t *n)
{
    size_t len = strlen(utf8);
    needle *u8 = &out[(*n)++];
    u8->what = "UTF-8";
    memcpy(u8->bytes, utf8, len);
    u8->len = len;
    /* UTF-16 both ways (these test strings are all in the BMP). */
    needle *le = &out[(*n)++], *be = &out[(*n)++];
    le->what = "UTF-16LE";
    be->what = "UTF-16BE";
    le->len = be->len = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        unsigned cp;
        if (*p < 0x80) {
            cp = *p++;
        } else if ((*p & 0xe0) == 0xc0) {
            cp = ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
            p += 2;
        } else {
            cp = ((unsigned)(p[0] & 0x0f) << 12) | ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
            p += 3;
        }
        le->bytes[le->len++] = (unsigned char)(cp & 0xff);
        le->bytes[le->len++] = (unsigned char)(cp >> 8);
        be->bytes[be->len++] = (unsigned char)(cp >> 8);
        be->bytes[be->len++] = (unsigned char)(cp & 0xff);
    }
}

/* How many files in dir contain any needle; prints which. */
static int files_with_plaintext(const char *dir, const needle *needles, size_t n, int *files)
{
    int hits = 0;
    *files = 0;
    DIR *d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        (*files)++;
        char *p = path_in(dir, e->d_name);
        for (size_t i = 0; i < n; i++)
            if (harness_file_contains(p, needles[i].bytes, needles[i].len)) {
                fprintf(stderr, "\n  %s holds a name as %s\n", e->d_name, needles[i].what);
                hits++;
            }
        free(p);
    }
    closedir(d);
    return hits;
}

static void test_no_plaintext_in_any_file(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    needle needles[12];
    size_t n = 0;
    add_needles(THAI_NAME, needles, &n);
    add_needles(LATIN_NAME, needles, &n);
    add_needles("zyxwvut qplmokn", needles, &n);   /* the folded search key */
    add_needles("Qplmokn", needles, &n);
    tc_case c = sample_case(THAI_NAME, LATIN_NAME);
    snprintf(c.aliases, sizeof c.aliases, "%s", "Qplmokn");
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_setting_set(s, "greeting", LATIN_NAME), ST_OK);

    /* While open: the WAL holds the new pages.  It is private too. */
    CU_ASSERT_TRUE(file_exists(dir, "cases.db-wal"));
    char *wal = path_in(dir, "cases.db-wal");
    struct stat st;
    CU_ASSERT_EQUAL(stat(wal, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
    free(wal);
    int files = 0;
    CU_ASSERT_EQUAL(files_with_plaintext(dir, needles, n, &files), 0);
    CU_ASSERT_TRUE(files >= 3);
    /* The store itself does find it, so the needle is really there. */
    size_t count = 0;
    CU_ASSERT_EQUAL(store_case_count(s, "qplmokn", &count), ST_OK);
    CU_ASSERT_EQUAL(count, 1);
    store_close(s);

    CU_ASSERT_EQUAL(files_with_plaintext(dir, needles, n, &files), 0);
    CU_ASSERT_TRUE(files >= 2);
    drop_store(dir);
}

/* ================= damage and tampering ================= */

static void add_filler_cases(store *s, int n)
{
    tc_case *many = calloc((size_t)n, sizeof *many);
    for (int i = 0; i < n; i++) {
        many[i] = sample_case("ทดสอบ", "Filler Person");
        memset(many[i].notes, 'n', 3000);
        many[i].notes[3000] = '\0';
    }
    CU_ASSERT_EQUAL(store_case_add_many(s, many, (size_t)n), ST_OK);
    free(many);
}

static void test_fresh_store_checks_clean(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    add_filler_cases(s, 5);
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(s, &r), ST_OK);
    if (!r.integrity_ok)
        fprintf(stderr, "\n  integrity: %s\n", r.integrity_detail);
    CU_ASSERT_TRUE(r.integrity_ok);
    CU_ASSERT_TRUE(r.audit_ok);
    CU_ASSERT_EQUAL(r.first_bad_row, 0);
    /* officer.add, store.create, five case.add */
    CU_ASSERT_EQUAL(r.audit_rows, 7);
    store_close(s);
    drop_store(dir);
}

/* One flipped byte anywhere in the file: open refuses with ST_DAMAGED, or
 * opens and check reports the damage.  Never a crash, never ST_OK. */
static void check_flip_reported(const char *what, int page_of_16ths)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    add_filler_cases(s, 200);
    store_close(s);
    char *db = path_in(dir, STORE_DB_FILE);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(db, &st), 0);
    off_t pages = st.st_size / 4096;
    CU_ASSERT_FATAL(pages > 20);
    off_t page = page_of_16ths < 0 ? -page_of_16ths - 1 : pages * page_of_16ths / 16;
    if (page >= pages)
        page = pages - 1;
    flip_byte(db, page * 4096 + 1000);

    s = NULL;
    store_status opened = store_open(dir, "admin", ADMIN_PASS, &clk, &s);
    if (opened == ST_OK) {
        store_check_report r;
        CU_ASSERT_EQUAL(store_check(s, &r), ST_DAMAGED);
        CU_ASSERT_FALSE(r.integrity_ok);
        CU_ASSERT_TRUE(strlen(r.integrity_detail) > 0);
        store_close(s);
    } else {
        if (opened != ST_DAMAGED)
            fprintf(stderr, "\n  %s (page %ld): open says %d\n", what, (long)page, (int)opened);
        CU_ASSERT_EQUAL(opened, ST_DAMAGED);
        CU_ASSERT_PTR_NULL(s);
    }
    free(db);
    drop_store(dir);
}

static void test_flipped_byte_is_reported(void)
{
    /* Negative: an exact page index (-1 is page 0); else sixteenths. */
    const struct { const char *what; int where; } table[] = {
        { "page 2", -2 }, { "page 3", -3 }, { "page 4", -4 }, { "page 5", -5 },
        { "page 6", -6 }, { "a quarter in", 4 }, { "the middle", 8 }, { "the last page", 16 },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        check_flip_reported(table[i].what, table[i].where);
}

static void test_flipped_first_page_is_damage(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    store_close(s);
    char *db = path_in(dir, STORE_DB_FILE);
    flip_byte(db, 200);
    s = NULL;
    CU_ASSERT_EQUAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_DAMAGED);
    CU_ASSERT_PTR_NULL(s);
    free(db);
    drop_store(dir);
}

static void check_tampered_audit(const char *sql, int64_t want_bad)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    add_filler_cases(s, 4);
    store_close(s);
    sqlite3 *db = raw_connection(dir, "admin", ADMIN_PASS);
    CU_ASSERT_EQUAL(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_changes(db), 1);
    sqlite3_close(db);

    s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_OK);
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(s, &r), ST_DAMAGED);
    CU_ASSERT_TRUE(r.integrity_ok);
    CU_ASSERT_FALSE(r.audit_ok);
    CU_ASSERT_EQUAL(r.first_bad_row, want_bad);
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", (long long)want_bad);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.audit_detail, seq));
    store_close(s);
    drop_store(dir);
}

static void test_edited_audit_row_is_named(void)
{
    check_tampered_audit("UPDATE audit SET action = 'case.update' WHERE seq = 4", 4);
}

static void test_removed_audit_row_is_named(void)
{
    check_tampered_audit("DELETE FROM audit WHERE seq = 3", 4);
}

static void test_audit_holds_no_personal_data(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_case c = sample_case(THAI_NAME, LATIN_NAME);
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(store_db_handle(s),
        "SELECT count(*) FROM audit WHERE at || officer_id || action || table_name"
        " || record_id LIKE ?1 OR at || officer_id || action || table_name || record_id"
        " LIKE ?2 OR officer_id LIKE '%admin%'", -1, &q, NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, "%" THAI_NAME "%", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, "%Zyxwvut%", -1, SQLITE_STATIC);
    CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
    CU_ASSERT_EQUAL(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    store_close(s);
    drop_store(dir);
}

/* ================= cases ================= */

static void test_invalid_case_writes_nothing(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_case c = sample_case("", "");
    case_check problem = { CASE_OK, NULL };
    CU_ASSERT_EQUAL(store_case_add(s, &c, &problem), ST_INVALID);
    CU_ASSERT_EQUAL(problem.problem, CASE_NAME_MISSING);
    CU_ASSERT_STRING_EQUAL(c.id, "");
    c = sample_case("ทดสอบ", NULL);
    c.date_met = (caldate){ 2026, 11, 22 };      /* tomorrow in Bangkok */
    CU_ASSERT_EQUAL(store_case_add(s, &c, &problem), ST_INVALID);
    CU_ASSERT_EQUAL(problem.problem, CASE_DATE_MET_IN_FUTURE);
    size_t n = 99;
    CU_ASSERT_EQUAL(store_case_count(s, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    store_check_report r;
    store_check(s, &r);
    CU_ASSERT_EQUAL(r.audit_rows, 2);
    store_close(s);
    drop_store(dir);
}

static void test_references_unique_and_sequential(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_case cases[5];
    for (int i = 0; i < 5; i++) {
        cases[i] = sample_case("ทดสอบ", NULL);
        CU_ASSERT_EQUAL_FATAL(store_case_add(s, &cases[i], NULL), ST_OK);
    }
    tc_case batch[3] = { sample_case("ก", NULL), sample_case("ข", NULL), sample_case("ค", NULL) };
    CU_ASSERT_EQUAL_FATAL(store_case_add_many(s, batch, 3), ST_OK);
    for (int i = 0; i < 8; i++) {
        const tc_case *c = i < 5 ? &cases[i] : &batch[i - 5];
        char want[CASEREF_MAX];
        /* 21 Nov 2026 C.E. is B.E. 2569 */
        caseref_format(want, sizeof want, store_code(s), 2569, i + 1);
        CU_ASSERT_STRING_EQUAL(c->reference, want);
        CU_ASSERT_EQUAL(strlen(c->id), 36);
        CU_ASSERT_EQUAL(strlen(c->person_id), 36);
        CU_ASSERT_STRING_EQUAL(c->created_by, store_me(s)->id);
        CU_ASSERT_EQUAL(c->created_at, fixed.at);
    }
    /* The counter starts again in a new Buddhist-era year. */
    int64_t saved = fixed.at;
    CU_ASSERT_TRUE(timestamp_parse_iso("2026-12-31T17:30:00Z", &fixed.at));  /* 1 Jan in Bangkok */
    tc_case ny = sample_case("ปีใหม่", NULL);
    CU_ASSERT_EQUAL(store_case_add(s, &ny, NULL), ST_OK);
    char want[CASEREF_MAX];
    caseref_format(want, sizeof want, store_code(s), 2570, 1);
    CU_ASSERT_STRING_EQUAL(ny.reference, want);
    fixed.at = saved;
    store_close(s);
    drop_store(dir);
}

static void test_get_by_id_and_reference(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_case c = sample_case(THAI_NAME, LATIN_NAME);
    c.n_nationalities = 2;
    snprintf(c.nationalities[1], sizeof c.nationalities[1], "KH");
    c.birth_known = true;
    c.birth = (caldate){ 2010, 2, 28 };
    c.estimated_age = -1;
    snprintf(c.province, sizeof c.province, "TH-10");
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);

    tc_case got;
    CU_ASSERT_EQUAL_FATAL(store_case_get(s, c.id, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.reference, c.reference);
    CU_ASSERT_STRING_EQUAL(got.name_thai, THAI_NAME);
    CU_ASSERT_STRING_EQUAL(got.name_latin, LATIN_NAME);
    CU_ASSERT_EQUAL(got.sex, SEX_FEMALE);
    CU_ASSERT_TRUE(got.birth_known);
    CU_ASSERT_EQUAL(caldate_compare(got.birth, c.birth), 0);
    CU_ASSERT_EQUAL(got.estimated_age, -1);
    CU_ASSERT_EQUAL(got.n_nationalities, 2);
    CU_ASSERT_STRING_EQUAL(got.nationalities[0], "MM");
    CU_ASSERT_STRING_EQUAL(got.nationalities[1], "KH");
    CU_ASSERT_STRING_EQUAL(got.languages, "my,th");
    CU_ASSERT_STRING_EQUAL(got.entry_point, "labour_inspection");
    CU_ASSERT_STRING_EQUAL(got.province, "TH-10");
    CU_ASSERT_TRUE(got.date_met_known);
    CU_ASSERT_STRING_EQUAL(got.notes, c.notes);
    CU_ASSERT_EQUAL(got.created_at, fixed.at);

    /* By reference, typed in lower case with an O for the zero. */
    char typed[CASEREF_MAX];
    snprintf(typed, sizeof typed, "%s", c.reference);
    for (char *p = typed; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    char *zero = strstr(typed, "-000");
    if (zero)
        zero[1] = 'O';
    memset(&got, 0, sizeof got);
    CU_ASSERT_EQUAL(store_case_get(s, typed, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.id, c.id);
    CU_ASSERT_EQUAL(store_case_get(s, "no-such-case", &got), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_case_get(s, "AAAAA-2569-0001", &got), ST_NOT_FOUND);
    store_close(s);
    drop_store(dir);
}

static void test_update_case(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_case c = sample_case(THAI_NAME, LATIN_NAME);
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    char ref[CASEREF_MAX];
    snprintf(ref, sizeof ref, "%s", c.reference);
    int64_t created = c.created_at;
    fixed.at += 3600;
    snprintf(c.name_latin, sizeof c.name_latin, "Renamed Person");
    snprintf(c.reference, sizeof c.reference, "FAKE");     /* cannot be changed */
    c.n_nationalities = 1;
    snprintf(c.nationalities[0], sizeof c.nationalities[0], "LA");
    CU_ASSERT_EQUAL(store_case_update(s, &c, NULL), ST_OK);
    CU_ASSERT_STRING_EQUAL(c.reference, ref);
    tc_case got;
    CU_ASSERT_EQUAL_FATAL(store_case_get(s, ref, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.name_latin, "Renamed Person");
    CU_ASSERT_STRING_EQUAL(got.nationalities[0], "LA");
    CU_ASSERT_EQUAL(got.n_nationalities, 1);
    CU_ASSERT_EQUAL(got.created_at, created);
    CU_ASSERT_EQUAL(got.updated_at, fixed.at);
    size_t n = 0;
    CU_ASSERT_EQUAL(store_case_count(s, "renamed", &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(store_case_count(s, "zyxwvut", &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    /* Invalid update: refused, nothing changed. */
    case_check problem;
    c.name_thai[0] = c.name_latin[0] = '\0';
    CU_ASSERT_EQUAL(store_case_update(s, &c, &problem), ST_INVALID);
    CU_ASSERT_EQUAL(problem.problem, CASE_NAME_MISSING);
    CU_ASSERT_EQUAL(store_case_get(s, ref, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.name_thai, THAI_NAME);
    tc_case ghost = sample_case("ผี", NULL);
    snprintf(ghost.id, sizeof ghost.id, "00000000-0000-4000-8000-000000000000");
    CU_ASSERT_EQUAL(store_case_update(s, &ghost, NULL), ST_NOT_FOUND);
    fixed.at -= 3600;
    store_close(s);
    drop_store(dir);
}

/* The officer's "by name" view: Thai dictionary order (libthai), where a
 * leading vowel does not count first (เก sorts between กา and ขา), Latin
 * names before Thai ones, case ignored. */
static void test_list_by_name_in_thai_order(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    const char *thai[] = { "ขา มีสุข", "เก ใจดี", "กา ทองดี", NULL, NULL };
    const char *latin[] = { NULL, NULL, NULL, "zaw min", "Aung Kyaw" };
    for (int i = 0; i < 5; i++) {
        tc_case c = sample_case(thai[i], latin[i]);
        CU_ASSERT_EQUAL(store_case_add(s, &c, NULL), ST_OK);
    }
    const char *want[] = { "Aung Kyaw", "zaw min", "กา ทองดี", "เก ใจดี", "ขา มีสุข" };
    tc_case_row rows[8];
    size_t n = 0;
    case_query q = { NULL, 0, 8, CASE_ORDER_NAME };
    CU_ASSERT_EQUAL(store_case_list(s, &q, rows, 8, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 5);
    for (int i = 0; i < 5; i++)
        CU_ASSERT_STRING_EQUAL(rows[i].name, want[i]);
    /* Paging by name neither skips nor repeats a case. */
    q.offset = 2;
    q.limit = 2;
    CU_ASSERT_EQUAL(store_case_list(s, &q, rows, 8, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(rows[0].name, "กา ทองดี");
    CU_ASSERT_STRING_EQUAL(rows[1].name, "เก ใจดี");
    store_close(s);
    drop_store(dir);
}

/* A case recorded without an assigned officer belongs to its recorder. */
static void test_new_case_assigned_to_recorder(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_case c = sample_case("มะลิ", NULL);
    CU_ASSERT_EQUAL(store_case_add(s, &c, NULL), ST_OK);
    tc_case back;
    CU_ASSERT_EQUAL_FATAL(store_case_get(s, c.id, &back), ST_OK);
    CU_ASSERT_STRING_EQUAL(back.assigned_officer, store_me(s)->id);
    store_close(s);
    drop_store(dir);
}

static void test_search(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    tc_case a = sample_case(THAI_NAME, LATIN_NAME);
    tc_case b = sample_case("มานี มีนา", "Manee Meena");
    snprintf(b.aliases, sizeof b.aliases, "Noi,100%% sure");
    tc_case c = sample_case(NULL, "Aung Kyaw");
    CU_ASSERT_EQUAL(store_case_add(s, &a, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_case_add(s, &b, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_case_add(s, &c, NULL), ST_OK);

    char ref_lower[CASEREF_MAX];
    snprintf(ref_lower, sizeof ref_lower, "%s", c.reference);
    for (char *p = ref_lower; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');

    const struct { const char *term; size_t want; const char *first_id; } table[] = {
        { "ทดสอบพิเศษ", 1, a.id },      /* Thai fragment from the middle */
        { "สมหญิง", 1, a.id },
        { "qplMOK", 1, a.id },          /* Latin, any case */
        { "ZYXWVUT", 1, a.id },
        { "มีนา", 1, b.id },
        { "noi", 1, b.id },             /* an alias */
        { "100%", 1, b.id },            /* % is a character, not a wildcard */
        { "%", 1, b.id },
        { "_", 0, NULL },
        { c.reference, 1, c.id },
        { ref_lower, 1, c.id },
        { "-0002", 1, b.id },           /* part of a reference */
        { "nobody at all", 0, NULL },
        { "", 3, NULL },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        size_t n = 99;
        CU_ASSERT_EQUAL(store_case_count(s, table[i].term, &n), ST_OK);
        if (n != table[i].want)
            fprintf(stderr, "\n  search '%s': %zu found\n", table[i].term, n);
        CU_ASSERT_EQUAL(n, table[i].want);
        tc_case_row rows[5];
        case_query q = { table[i].term, 0, 5, CASE_ORDER_NEWEST };
        CU_ASSERT_EQUAL(store_case_list(s, &q, rows, 5, &n), ST_OK);
        CU_ASSERT_EQUAL(n, table[i].want);
        if (table[i].first_id && n > 0)
            CU_ASSERT_STRING_EQUAL(rows[0].id, table[i].first_id);
    }
    store_close(s);
    drop_store(dir);
}

static void test_list_newest_first(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    const caldate met[] = { { 2026, 1, 5 }, { 2026, 11, 1 }, { 2025, 7, 7 }, { 2026, 11, 1 } };
    tc_case c[5];
    for (int i = 0; i < 4; i++) {
        c[i] = sample_case("ทดสอบ", NULL);
        c[i].date_met = met[i];
        CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c[i], NULL), ST_OK);
        fixed.at += 60;
    }
    /* No date met: listed by the day it was recorded (today). */
    c[4] = sample_case("ไม่ทราบวัน", NULL);
    c[4].date_met_known = false;
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c[4], NULL), ST_OK);
    fixed.at -= 4 * 60;

    const int order[] = { 4, 3, 1, 0, 2 };
    tc_case_row rows[10];
    size_t n = 0;
    case_query all = { NULL, 0, 0, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL(store_case_list(s, &all, rows, 10, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 5);
    for (int i = 0; i < 5; i++)
        CU_ASSERT_STRING_EQUAL(rows[i].id, c[order[i]].id);
    /* Pages. */
    case_query page = { NULL, 2, 2, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL(store_case_list(s, &page, rows, 10, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(rows[0].id, c[1].id);
    CU_ASSERT_STRING_EQUAL(rows[1].id, c[0].id);
    /* cap wins over limit. */
    case_query big = { NULL, 0, 100, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL(store_case_list(s, &big, rows, 3, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 3);
    /* Rows carry what the list shows. */
    CU_ASSERT_EQUAL(store_case_list(s, &all, rows, 10, &n), ST_OK);
    CU_ASSERT_STRING_EQUAL(rows[1].name, "ทดสอบ");
    CU_ASSERT_STRING_EQUAL(rows[1].reference, c[3].reference);
    CU_ASSERT_STRING_EQUAL(rows[1].nationality, "MM");
    CU_ASSERT_EQUAL(rows[1].sex, SEX_FEMALE);
    CU_ASSERT_TRUE(rows[1].child);
    CU_ASSERT_EQUAL(rows[1].age, 16);
    CU_ASSERT_TRUE(rows[1].date_met_known);
    CU_ASSERT_FALSE(rows[0].date_met_known);
    size_t total = 0;
    CU_ASSERT_EQUAL(store_case_count(s, NULL, &total), ST_OK);
    CU_ASSERT_EQUAL(total, 5);
    store_close(s);
    drop_store(dir);
}

/* The list uses the index instead of sorting every case. */
static void test_list_query_uses_index(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(store_db_handle(s),
        "EXPLAIN QUERY PLAN SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id"
        " WHERE c.search_key LIKE '%x%' ESCAPE '\\' OR c.reference LIKE '%x%' ESCAPE '\\'"
        " ORDER BY c.high_risk DESC, c.sort_date DESC, c.created_at DESC, c.reference DESC"
        " LIMIT 20 OFFSET 0",
        -1, &q, NULL), SQLITE_OK);
    bool sorts = false, uses_index = false;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(q, 3);
        if (detail && strstr(detail, "TEMP B-TREE"))
            sorts = true;
        if (detail && strstr(detail, "cases_list"))
            uses_index = true;
    }
    sqlite3_finalize(q);
    CU_ASSERT_FALSE(sorts);
    CU_ASSERT_TRUE(uses_index);
    store_close(s);
    drop_store(dir);
}

static void test_settings(void)
{
    char *dir = NULL;
    store *s = new_store(&dir);
    char out[64];
    CU_ASSERT_EQUAL(store_setting_get(s, "lock_minutes", out, sizeof out), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_setting_set(s, "lock_minutes", "10"), ST_OK);
    CU_ASSERT_EQUAL(store_setting_get(s, "lock_minutes", out, sizeof out), ST_OK);
    CU_ASSERT_STRING_EQUAL(out, "10");
    CU_ASSERT_EQUAL(store_setting_set(s, "lock_minutes", "15"), ST_OK);
    CU_ASSERT_EQUAL(store_setting_get(s, "lock_minutes", out, sizeof out), ST_OK);
    CU_ASSERT_STRING_EQUAL(out, "15");
    CU_ASSERT_EQUAL(store_setting_set(s, "language", "th"), ST_OK);
    char tiny[2];
    CU_ASSERT_EQUAL(store_setting_get(s, "language", tiny, sizeof tiny), ST_INVALID);
    CU_ASSERT_EQUAL(store_setting_set(s, "", "x"), ST_INVALID);
    CU_ASSERT_EQUAL(store_setting_set(s, "bad\x1bkey", "x"), ST_INVALID);
    store_close(s);
    s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "admin", ADMIN_PASS, &clk, &s), ST_OK);
    CU_ASSERT_EQUAL(store_setting_get(s, "lock_minutes", out, sizeof out), ST_OK);
    CU_ASSERT_STRING_EQUAL(out, "15");
    store_close(s);
    drop_store(dir);
}

static CU_TestInfo keyslot_tests[] = {
    { "add, unlock, save, load", test_keyslot_round_trip },
    { "change and remove", test_keyslot_change_and_remove },
    { "unknown login is just wrong", test_keyslot_unknown_login_is_wrong },
    { "slot from another store refused", test_keyslot_spliced_from_other_store },
    { "damaged files rejected", test_keyslot_damaged_files },
    CU_TEST_INFO_NULL
};

static CU_TestInfo open_tests[] = {
    { "create, then open", test_create_and_open },
    { "create makes missing parent folders", test_create_makes_missing_parents },
    { "create refuses an existing store", test_create_refuses_existing_store },
    { "open where there is no store", test_open_where_there_is_no_store },
    { "wrong passphrase writes nothing", test_wrong_passphrase_writes_nothing },
    { "unknown officer refused the same way", test_unknown_officer_refused_the_same_way },
    { "status texts", test_status_texts },
    { "connection settings", test_connection_settings },
    { "newer store refused", test_newer_store_refused },
    { "key slots of another store refused", test_key_slots_of_another_store_refused },
    { "missing or garbage slot file is damage", test_missing_slot_file_is_damage },
    CU_TEST_INFO_NULL
};

static CU_TestInfo officer_tests[] = {
    { "second officer opens the same data", test_second_officer_opens_same_data },
    { "duplicate login refused", test_duplicate_login_refused },
    { "passphrase change", test_passphrase_change },
    { "removed officer cannot open", test_removed_officer_cannot_open },
    { "non-admin cannot manage officers", test_non_admin_cannot_manage_officers },
    { "last admin cannot be removed", test_last_admin_cannot_be_removed },
    CU_TEST_INFO_NULL
};

static CU_TestInfo secrecy_tests[] = {
    { "no name in any file, open or closed", test_no_plaintext_in_any_file },
    { "fresh store checks clean", test_fresh_store_checks_clean },
    { "flipped byte mid-file reported", test_flipped_byte_is_reported },
    { "flipped byte on page 1 is damage", test_flipped_first_page_is_damage },
    { "edited audit row named", test_edited_audit_row_is_named },
    { "removed audit row named", test_removed_audit_row_is_named },
    { "audit holds no personal data", test_audit_holds_no_personal_data },
    CU_TEST_INFO_NULL
};

static CU_TestInfo case_tests[] = {
    { "invalid case writes nothing", test_invalid_case_writes_nothing },
    { "references unique and sequential", test_references_unique_and_sequential },
    { "get by id and by reference", test_get_by_id_and_reference },
    { "update", test_update_case },
    { "search Thai, Latin, reference", test_search },
    { "list by name in Thai dictionary order", test_list_by_name_in_thai_order },
    { "a new case is assigned to its recorder", test_new_case_assigned_to_recorder },
    { "list newest first, in pages", test_list_newest_first },
    { "list query uses the index", test_list_query_uses_index },
    { "settings", test_settings },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "keyslot", suite_init, suite_clean, NULL, NULL, keyslot_tests },
    { "open", suite_init, suite_clean, NULL, NULL, open_tests },
    { "officers", suite_init, suite_clean, NULL, NULL, officer_tests },
    { "secrecy and damage", suite_init, suite_clean, NULL, NULL, secrecy_tests },
    { "cases", suite_init, suite_clean, NULL, NULL, case_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_store", suites);
}
