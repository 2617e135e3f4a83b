/* test_backup.c - backup and restore as an officer relies on them.
 *
 * A backup restores into a new folder with any officer's passphrase of its
 * time and holds exactly what the store held: every case read back through
 * the store, every row of every table the same.  It is taken while another
 * connection or another process writes, and then holds one moment: the
 * check passes and the writer's cases are a gap-free prefix.  Nothing in
 * the file is readable (no Thai or Latin name).  A flipped byte anywhere,
 * a cut or extended file, a stranger's file, a wrong passphrase, a folder
 * that is not empty and a full disk are each refused with their own
 * status, and the target folder is left as it was. */
#define _GNU_SOURCE
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "db/backup.h"
#include "db/store.h"
#include "db/store_internal.h"
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define ADMIN_PASS "correct horse battery staple"
#define WORKER_PASS "ช้างเผือกบินข้ามทุ่ง 2569"
#define THAI_NAME "สมหญิงทดสอบพิเศษ"
#define LATIN_NAME "Zyxwvut Qplmokn"
#define NOTES_TEXT "met at Mae Sot checkpoint, uncle holds passport"
#define NOW "2026-11-21T03:00:00Z"

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void)
{
    clk = harness_clock(&fixed, NOW);
    return sodium_init() < 0 ? -1 : 0;
}

static int suite_clean(void) { return 0; }

/* ---- helpers ---------------------------------------------------------- */

static char *path_in(const char *dir, const char *name)
{
    char *p = NULL;
    if (asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return p;
}

/* Entries in dir other than . and ..; -1 when it cannot be read. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

/* A case with a Thai and a Latin name, notes, a birth date. */
static tc_case full_case(const char *thai, const char *latin, const char *notes)
{
    tc_case c = harness_case(latin, 19, "2026-11-01");
    snprintf(c.name_thai, sizeof c.name_thai, "%s", thai);
    snprintf(c.notes, sizeof c.notes, "%s", notes);
    snprintf(c.aliases, sizeof c.aliases, "%s", "Noi");
    return c;
}

/* A store with two officers, a setting and a few cases. */
static harness_fixture rich_store(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", ADMIN_PASS, &clk);
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(f.s, "somsri", "Somsri", ROLE_SOCIAL_WORKER,
                                              WORKER_PASS), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_setting_set(f.s, "language", "th"), ST_OK);
    tc_case c = full_case(THAI_NAME, LATIN_NAME, NOTES_TEXT);
    CU_ASSERT_EQUAL_FATAL(store_case_add(f.s, &c, NULL), ST_OK);
    c = full_case("มะลิ ใจงาม", "Mali Jaingam", "second case");
    CU_ASSERT_EQUAL_FATAL(store_case_add(f.s, &c, NULL), ST_OK);
    harness_case_add(f.s, "Aung Min", 30, "2026-10-15");
    return f;
}

static bool same_case(const tc_case *a, const tc_case *b)
{
    return !strcmp(a->id, b->id) && !strcmp(a->person_id, b->person_id)
        && !strcmp(a->reference, b->reference) && !strcmp(a->name_thai, b->name_thai)
        && !strcmp(a->name_original, b->name_original)
        && !strcmp(a->name_latin, b->name_latin) && !strcmp(a->aliases, b->aliases)
        && a->sex == b->sex && a->birth_known == b->birth_known
        && a->estimated_age == b->estimated_age && a->n_nationalities == b->n_nationalities
        && !strcmp(a->nationalities[0], b->nationalities[0])
        && a->date_met_known == b->date_met_known
        && caldate_compare(a->date_met, b->date_met) == 0
        && !strcmp(a->notes, b->notes) && a->created_at == b->created_at
        && a->updated_at == b->updated_at && !strcmp(a->created_by, b->created_by);
}

/* Every case of a, read through the store, is the same in b. */
static void assert_same_cases(store *a, store *b)
{
    size_t na = 0, nb = 0;
    CU_ASSERT_EQUAL_FATAL(store_case_count(a, NULL, &na), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_case_count(b, NULL, &nb), ST_OK);
    CU_ASSERT_EQUAL(na, nb);
    tc_case_row *rows = calloc(na + 1, sizeof *rows);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
    case_query q = { NULL, 0, 0, CASE_ORDER_NEWEST };
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_case_list(a, &q, rows, na + 1, &n), ST_OK);
    CU_ASSERT_EQUAL(n, na);
    for (size_t i = 0; i < n; i++) {
        tc_case ca, cb;
        CU_ASSERT_EQUAL(store_case_get(a, rows[i].id, &ca), ST_OK);
        CU_ASSERT_EQUAL(store_case_get(b, rows[i].id, &cb), ST_OK);
        CHECK_ROW(same_case(&ca, &cb), rows[i].reference);
    }
    free(rows);
}

/* A digest of every row of every table, in rowid order. */
static void database_digest(store *s, unsigned char out[32])
{
    sqlite3 *db = store_db_handle(s);
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    sqlite3_stmt *tables = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = "
                                             "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                             -1, &tables, NULL), SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
        char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", name);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
            CU_FAIL("a table cannot be read");
        while (q && sqlite3_step(q) == SQLITE_ROW)
            for (int i = 0; i < sqlite3_column_count(q); i++) {
                const void *v = sqlite3_column_blob(q, i);
                int n = sqlite3_column_bytes(q, i);
                unsigned char kind = (unsigned char)sqlite3_column_type(q, i);
                crypto_generichash_update(&h, &kind, 1);
                if (v)
                    crypto_generichash_update(&h, v, (unsigned long long)n);
            }
        sqlite3_finalize(q);
        sqlite3_free(sql);
    }
    sqlite3_finalize(tables);
    crypto_generichash_final(&h, out, 32);
}

typedef struct scene {
    harness_fixture f;
    char *file;         /* the backup, beside the store */
    char *target;       /* root/restored: does not exist yet */
} scene;

/* A rich store and its backup. */
static scene scene_with_backup(void)
{
    scene sc;
    sc.f = rich_store();
    sc.file = path_in(sc.f.root, "cases.tcbackup");
    sc.target = path_in(sc.f.root, "restored");
    CU_ASSERT_EQUAL_FATAL(store_backup(sc.f.s, sc.file, NULL), BK_OK);
    return sc;
}

static void scene_close(scene *sc)
{
    harness_fixture_close(&sc->f);
    free(sc->file);
    free(sc->target);
}

static backup_status restore_as(const scene *sc, const char *file, const char *login,
                                 const char *pass)
{
    return store_restore(file, sc->target, login, pass, &clk, NULL, NULL);
}

/* ---- round trip -------------------------------------------------------- */

static void test_restore_holds_the_same_store(void)
{
    scene sc = scene_with_backup();
    store_check_report r;
    CU_ASSERT_EQUAL_FATAL(store_restore(sc.file, sc.target, "somsri", WORKER_PASS, &clk, NULL,
                                        &r), BK_OK);
    CU_ASSERT_TRUE(r.integrity_ok);
    CU_ASSERT_TRUE(r.audit_ok);
    CU_ASSERT_TRUE(r.audit_rows > 0);
    store *b = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(sc.target, "admin", ADMIN_PASS, &clk, &b), ST_OK);
    CU_ASSERT_STRING_EQUAL(store_code(b), store_code(sc.f.s));
    assert_same_cases(sc.f.s, b);
    unsigned char da[32], db[32];
    database_digest(sc.f.s, da);
    database_digest(b, db);
    CU_ASSERT_EQUAL(memcmp(da, db, sizeof da), 0);
    char lang[8] = "";
    CU_ASSERT_EQUAL(store_setting_get(b, "language", lang, sizeof lang), ST_OK);
    CU_ASSERT_STRING_EQUAL(lang, "th");
    /* The backup recorded itself, and the copy holds that record. */
    CU_ASSERT_EQUAL(harness_count_rows(sc.f.s, "SELECT count(*) FROM audit WHERE action = 'backup'"), 1);
    CU_ASSERT_EQUAL(harness_count_rows(b, "SELECT count(*) FROM audit WHERE action = 'backup'"), 1);
    store_close(b);
    CU_ASSERT_EQUAL(harness_file_mode(sc.target), 0700);
    char *db_path = path_in(sc.target, "cases.db"), *slots = path_in(sc.target, "keyslots");
    CU_ASSERT_EQUAL(harness_file_mode(db_path), 0600);
    CU_ASSERT_EQUAL(harness_file_mode(slots), 0600);
    free(db_path);
    free(slots);
    scene_close(&sc);
}

static void test_info_reads_without_passphrase(void)
{
    scene sc = scene_with_backup();
    backup_info info;
    CU_ASSERT_EQUAL_FATAL(backup_read_info(sc.file, &info), BK_OK);
    CU_ASSERT_STRING_EQUAL(info.store_code, store_code(sc.f.s));
    CU_ASSERT_EQUAL(info.created_at, harness_at(NOW));
    CU_ASSERT_EQUAL(info.officers, 2);
    CU_ASSERT_TRUE(info.database_bytes > 0 && info.database_bytes % 4096 == 0);
    scene_close(&sc);
}

static void test_file_is_private_and_unreadable(void)
{
    scene sc = scene_with_backup();
    CU_ASSERT_TRUE(harness_private_file(sc.file));
    static const char *const secrets[] = { THAI_NAME, LATIN_NAME, "Mali Jaingam", "มะลิ",
                                           NOTES_TEXT, "Somchai Admin", "SQLite format" };
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        CHECK_ROW(!harness_file_contains(sc.file, secrets[i], strlen(secrets[i])), secrets[i]);
    /* Only the backup is left beside the store: no temporary copy. */
    CU_ASSERT_EQUAL(entries(sc.f.root), 2);
    scene_close(&sc);
}

static void test_restores_with_passphrase_of_backup_time(void)
{
    scene sc = scene_with_backup();
    CU_ASSERT_EQUAL(store_passwd(sc.f.s, "a new passphrase for admin", kdf_params_cheap()), ST_OK);
    CU_ASSERT_EQUAL(restore_as(&sc, sc.file, "admin", "a new passphrase for admin"),
                    BK_WRONG_PASSPHRASE);
    CU_ASSERT_FALSE(harness_exists(sc.target));
    CU_ASSERT_EQUAL(restore_as(&sc, sc.file, "ADMIN", ADMIN_PASS), BK_OK);
    scene_close(&sc);
}

static void test_backup_replaces_an_older_backup(void)
{
    scene sc = scene_with_backup();
    harness_case_add(sc.f.s, "Later Case", 22, "2026-11-20");
    CU_ASSERT_EQUAL(store_backup(sc.f.s, sc.file, NULL), BK_OK);
    CU_ASSERT_EQUAL(restore_as(&sc, sc.file, "admin", ADMIN_PASS), BK_OK);
    store *b = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(sc.target, "admin", ADMIN_PASS, &clk, &b), ST_OK);
    size_t n = 0;
    CU_ASSERT_EQUAL(store_case_count(b, "Later Case", &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    store_close(b);
    scene_close(&sc);
}

static void test_backup_never_replaces_other_files(void)
{
    harness_fixture f = rich_store();
    /* The store's own database, and a document. */
    char *doc = path_in(f.root, "report.odt");
    harness_spill(doc, "PK\3\4 a document", 16);
    CU_ASSERT_EQUAL(store_backup(f.s, doc, NULL), BK_TARGET_NOT_BACKUP);
    CU_ASSERT_TRUE(harness_file_contains(doc, "a document", 10));
    char *db = path_in(f.dir, "cases.db");
    CU_ASSERT_EQUAL(store_backup(f.s, db, NULL), BK_TARGET_NOT_BACKUP);
    harness_check_chain(f.s);
    char *nowhere = path_in(f.root, "no/such/folder/x.tcbackup");
    CU_ASSERT_EQUAL(store_backup(f.s, nowhere, NULL), BK_IO);
    free(doc);
    free(db);
    free(nowhere);
    harness_fixture_close(&f);
}

typedef struct progress_log {
    int calls;
    uint64_t last_done, last_total;
    bool monotonic;
} progress_log;

static void log_progress(uint64_t done, uint64_t total, void *ctx)
{
    progress_log *p = ctx;
    if (done < p->last_done || done > total)
        p->monotonic = false;
    p->calls++;
    p->last_done = done;
    p->last_total = total;
}

static void test_progress_reaches_its_total(void)
{
    harness_fixture f = rich_store();
    char *file = path_in(f.root, "b.tcbackup"), *target = path_in(f.root, "r");
    progress_log log = { 0, 0, 0, true };
    backup_progress p = { log_progress, &log };
    CU_ASSERT_EQUAL_FATAL(store_backup(f.s, file, &p), BK_OK);
    CU_ASSERT_TRUE(log.calls >= 2);
    CU_ASSERT_TRUE(log.monotonic);
    CU_ASSERT_EQUAL(log.last_done, log.last_total);
    progress_log back = { 0, 0, 0, true };
    p.ctx = &back;
    CU_ASSERT_EQUAL_FATAL(store_restore(file, target, "admin", ADMIN_PASS, &clk, &p, NULL), BK_OK);
    struct stat sb;
    CU_ASSERT_EQUAL(stat(file, &sb), 0);
    CU_ASSERT_TRUE(back.monotonic);
    CU_ASSERT_EQUAL(back.last_done, (uint64_t)sb.st_size);
    CU_ASSERT_EQUAL(back.last_total, (uint64_t)sb.st_size);
    free(file);
    free(target);
    harness_fixture_close(&f);
}

/* ---- refusals ---------------------------------------------------------- */

/* A restore that must fail with want and leave an existing, empty target
 * folder empty (the target is made empty first). */
static void assert_refused_into_empty(const scene *sc, const char *file, backup_status want,
                                      const char *what)
{
    mkdir(sc->target, 0700);
    backup_status got = restore_as(sc, file, "admin", ADMIN_PASS);
    CHECK_ROW(got == want, what);
    if (got != want)
        printf("    got %d, wanted %d\n", (int)got, (int)want);
    CHECK_ROW(entries(sc->target) == 0, what);
    rmdir(sc->target);
}

/* The backup orig (len bytes) with the byte at `at` xor'd with flip,
 * written to bad, must be refused with want. */
static void refuse_flipped(const scene *sc, const char *bad, const char *orig, size_t len,
                           size_t at, unsigned char flip, backup_status want, const char *what)
{
    char *copy = malloc(len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    memcpy(copy, orig, len);
    copy[at] ^= (char)flip;
    harness_spill(bad, copy, len);
    free(copy);
    assert_refused_into_empty(sc, bad, want, what);
}

static void test_flipped_byte_anywhere_is_refused(void)
{
    scene sc = scene_with_backup();
    size_t len = 0;
    char *orig = harness_slurp(sc.file, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
    char *bad = path_in(sc.f.root, "bad.tcbackup");
    /* Offsets: the magic, the version, the store code, created_at, the
     * database size, inside the key slots, the header's hash, the stream
     * header, the first chunk, a middle chunk, the last byte. */
    const struct { long at; backup_status want; const char *what; } rows[] = {
        { 0, BK_NOT_BACKUP, "magic" },
        { 8, BK_TOO_NEW, "version" },
        { 13, BK_DAMAGED, "store code" },
        { 21, BK_DAMAGED, "created_at" },
        { 29, BK_DAMAGED, "database size" },
        { 100, BK_DAMAGED, "key slots" },
        { -3, BK_DAMAGED, "last chunk" },
        { -1, BK_DAMAGED, "last byte" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t at = rows[i].at >= 0 ? (size_t)rows[i].at : len - (size_t)-rows[i].at;
        refuse_flipped(&sc, bad, orig, len, at, 0x5a, rows[i].want, rows[i].what);
    }
    /* Past the header: the hash, the stream header and chunks, every
     * 997th byte (each one a separate file). */
    backup_info info;
    CU_ASSERT_EQUAL_FATAL(backup_read_info(sc.file, &info), BK_OK);
    size_t stream_at = len - (size_t)info.database_bytes - 17 * ((info.database_bytes + 65535) / 65536) - 24;
    for (size_t at = stream_at - 32; at < len; at += 997) {
        char what[64];
        snprintf(what, sizeof what, "byte %zu of %zu", at, len);
        refuse_flipped(&sc, bad, orig, len, at, 0x01, BK_DAMAGED, what);
    }
    free(orig);
    free(bad);
    scene_close(&sc);
}

static void test_cut_or_extended_file_is_refused(void)
{
    scene sc = scene_with_backup();
    size_t len = 0;
    char *orig = harness_slurp(sc.file, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
    char *bad = path_in(sc.f.root, "cut.tcbackup");
    const struct { size_t keep; backup_status want; const char *what; } rows[] = {
        { 0, BK_NOT_BACKUP, "empty file" },
        { 5, BK_NOT_BACKUP, "part of the magic" },
        { 20, BK_DAMAGED, "inside the header" },
        { 200, BK_DAMAGED, "inside the key slots" },
        { len / 2, BK_DAMAGED, "half" },
        { len - 17, BK_DAMAGED, "the last tag" },
        { len - 1, BK_DAMAGED, "one byte short" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        harness_spill(bad, orig, rows[i].keep);
        assert_refused_into_empty(&sc, bad, rows[i].want, rows[i].what);
    }
    char *longer = malloc(len + 1);
    memcpy(longer, orig, len);
    longer[len] = 0;
    harness_spill(bad, longer, len + 1);
    assert_refused_into_empty(&sc, bad, BK_DAMAGED, "one byte more");
    /* A stranger's file and a file that is not there. */
    harness_spill(bad, "SQLite format 3\0 and more bytes", 32);
    assert_refused_into_empty(&sc, bad, BK_NOT_BACKUP, "a database");
    char *missing = path_in(sc.f.root, "missing.tcbackup");
    assert_refused_into_empty(&sc, missing, BK_UNREADABLE, "no such file");
    assert_refused_into_empty(&sc, sc.f.root, BK_UNREADABLE, "a folder");
    free(missing);
    free(longer);
    free(orig);
    free(bad);
    scene_close(&sc);
}

static void test_wrong_passphrase_writes_nothing(void)
{
    scene sc = scene_with_backup();
    const struct { const char *login, *pass, *what; } rows[] = {
        { "admin", "not the passphrase", "wrong passphrase" },
        { "somsri", ADMIN_PASS, "another officer's passphrase" },
        { "nobody", ADMIN_PASS, "no such officer" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        CHECK_ROW(restore_as(&sc, sc.file, rows[i].login, rows[i].pass) == BK_WRONG_PASSPHRASE,
                  rows[i].what);
        CHECK_ROW(!harness_exists(sc.target), rows[i].what);
    }
    scene_close(&sc);
}

static void test_refuses_a_folder_that_is_not_empty(void)
{
    scene sc = scene_with_backup();
    /* The store itself. */
    unsigned char before[32], after[32];
    database_digest(sc.f.s, before);
    CU_ASSERT_EQUAL(store_restore(sc.file, sc.f.dir, "admin", ADMIN_PASS, &clk, NULL, NULL),
                    BK_TARGET_HAS_STORE);
    database_digest(sc.f.s, after);
    CU_ASSERT_EQUAL(memcmp(before, after, sizeof before), 0);
    /* A folder with somebody's file in it. */
    CU_ASSERT_EQUAL_FATAL(mkdir(sc.target, 0700), 0);
    char *note = path_in(sc.target, "notes.txt");
    harness_spill(note, "keep me", 7);
    CU_ASSERT_EQUAL(restore_as(&sc, sc.file, "admin", ADMIN_PASS), BK_TARGET_NOT_EMPTY);
    CU_ASSERT_EQUAL(entries(sc.target), 1);
    CU_ASSERT_TRUE(harness_file_contains(note, "keep me", 7));
    /* A file where the folder should be. */
    CU_ASSERT_EQUAL(store_restore(sc.file, note, "admin", ADMIN_PASS, &clk, NULL, NULL),
                    BK_TARGET_NOT_EMPTY);
    free(note);
    scene_close(&sc);
}

/* ---- while others write ------------------------------------------------ */

typedef struct writer_ctx {
    store *other;       /* a second connection to the same store */
    int added;
} writer_ctx;

/* Between two steps of the copy, another connection commits a case. */
static void write_between_steps(uint64_t done, uint64_t total, void *ctx)
{
    writer_ctx *w = ctx;
    /* Only while pages are copied, and a few times: were the copy not one
     * snapshot, it would start again and take these cases in. */
    if (done >= total / 2 || w->added >= 5)
        return;
    tc_case c = harness_case("Written During Copy", 40, "2026-11-20");
    if (store_case_add(w->other, &c, NULL) == ST_OK)
        w->added++;
}

static void test_backup_is_one_moment_despite_a_writer(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", ADMIN_PASS, &clk);
    /* Several MiB: the copy takes many steps. */
    enum { MANY = 4000 };
    tc_case *many = calloc(MANY, sizeof *many);
    for (int i = 0; i < MANY; i++) {
        char name[64];
        snprintf(name, sizeof name, "Person %05d", i);
        many[i] = full_case("ทดสอบ", name, "a note long enough to take some room in the pages "
                            "of the database so that the copy needs many steps");
    }
    CU_ASSERT_EQUAL_FATAL(store_case_add_many(f.s, many, MANY), ST_OK);
    free(many);
    writer_ctx w = { NULL, 0 };
    CU_ASSERT_EQUAL_FATAL(store_open(f.dir, "admin", ADMIN_PASS, &clk, &w.other), ST_OK);
    char *file = path_in(f.root, "b.tcbackup"), *target = path_in(f.root, "r");
    backup_progress p = { write_between_steps, &w };
    CU_ASSERT_EQUAL_FATAL(store_backup(f.s, file, &p), BK_OK);
    CU_ASSERT_TRUE(w.added >= 2);
    store_close(w.other);
    CU_ASSERT_EQUAL_FATAL(store_restore(file, target, "admin", ADMIN_PASS, &clk, NULL, NULL),
                          BK_OK);
    store *b = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(target, "admin", ADMIN_PASS, &clk, &b), ST_OK);
    size_t n = 0, during = 0;
    CU_ASSERT_EQUAL(store_case_count(b, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, MANY);
    CU_ASSERT_EQUAL(store_case_count(b, "Written During Copy", &during), ST_OK);
    CU_ASSERT_EQUAL(during, 0);
    harness_check_chain(b);
    store_close(b);
    /* The source has them all. */
    CU_ASSERT_EQUAL(store_case_count(f.s, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, MANY + (size_t)w.added);
    free(file);
    free(target);
    harness_fixture_close(&f);
}

#define WRITER_NAME "Writer %05d"

/* The child: its own connection, one case per transaction, until the
 * parent drops the stop file. */
static void writer_process(const char *dir, const char *stop)
{
    store *s = NULL;
    if (store_open(dir, "admin", ADMIN_PASS, &clk, &s) != ST_OK)
        _exit(2);
    for (int i = 0; i < 100000 && !harness_exists(stop); i++) {
        char name[32];
        snprintf(name, sizeof name, WRITER_NAME, i);
        tc_case c = full_case("ผู้เขียน", name, "written by the other process");
        if (store_case_add(s, &c, NULL) != ST_OK) {
            store_close(s);
            _exit(3);
        }
        /* Officers pause between saves; a writer that never lets go of
         * the lock would starve the backup's audit entry (BK_BUSY). */
        usleep(10000);
    }
    store_close(s);
    _exit(0);
}

static size_t writer_cases(store *s)
{
    size_t n = 0;
    store_case_count(s, "Writer", &n);
    return n;
}

static void test_backup_while_another_process_writes(void)
{
    harness_fixture f = rich_store();
    char *stop = path_in(f.root, "stop");
    char *file = path_in(f.root, "b.tcbackup"), *target = path_in(f.root, "r");
    /* No connection may cross the fork: SQLite's locks are per process. */
    store_close(f.s);
    f.s = NULL;
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0)
        writer_process(f.dir, stop);
    CU_ASSERT_EQUAL_FATAL(store_open(f.dir, "admin", ADMIN_PASS, &clk, &f.s), ST_OK);
    for (int i = 0; i < 2000 && writer_cases(f.s) < 30; i++)
        usleep(5000);
    CU_ASSERT_TRUE(writer_cases(f.s) >= 30);
    backup_status st = store_backup(f.s, file, NULL);
    size_t more = writer_cases(f.s);
    for (int i = 0; i < 2000 && writer_cases(f.s) < more + 10; i++)
        usleep(5000);
    harness_spill(stop, "", 0);
    int status = 0;
    waitpid(pid, &status, 0);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (st != BK_OK)
        printf("\n    store_backup: %d (%s)\n", (int)st, store_last_error(f.s));
    CU_ASSERT_EQUAL_FATAL(st, BK_OK);
    store_check_report r;
    CU_ASSERT_EQUAL_FATAL(store_restore(file, target, "admin", ADMIN_PASS, &clk, NULL, &r), BK_OK);
    CU_ASSERT_TRUE(r.integrity_ok && r.audit_ok);
    store *b = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(target, "admin", ADMIN_PASS, &clk, &b), ST_OK);
    size_t k = writer_cases(b), all = writer_cases(f.s);
    CU_ASSERT_TRUE(k >= 30);
    CU_ASSERT_TRUE(k < all);        /* the writer went on after the copy */
    /* A prefix: Writer 0 .. k-1, each once, none after. */
    for (size_t i = 0; i <= k; i++) {
        char name[32];
        size_t n = 0;
        snprintf(name, sizeof name, WRITER_NAME, (int)i);
        store_case_count(b, name, &n);
        CHECK_ROW(n == (i < k ? 1u : 0u), name);
    }
    store_close(b);
    free(stop);
    free(file);
    free(target);
    harness_fixture_close(&f);
}

/* ---- a full disk ------------------------------------------------------- */

/* Run fn in a child whose files may not grow past limit bytes (a full
 * disk, as far as write() can tell); returns its exit code. */
static int with_file_limit(rlim_t limit, int (*fn)(const scene *sc), const scene *sc)
{
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = { limit, limit };
        setrlimit(RLIMIT_FSIZE, &rl);
        _exit(fn(sc));
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

static int restore_in_child(const scene *sc)
{
    return (int)restore_as(sc, sc->file, "admin", ADMIN_PASS);
}

static int backup_in_child(const scene *sc)
{
    store *s = NULL;
    if (store_open(sc->f.dir, "admin", ADMIN_PASS, &clk, &s) != ST_OK)
        return 100;
    char *file = path_in(sc->f.root, "full.tcbackup");
    int st = (int)store_backup(s, file, NULL);
    store_close(s);
    free(file);
    return st;
}

static void test_full_disk_is_said_and_leaves_nothing(void)
{
    scene sc = scene_with_backup();
    store_close(sc.f.s);
    sc.f.s = NULL;
    backup_info info;
    CU_ASSERT_EQUAL_FATAL(backup_read_info(sc.file, &info), BK_OK);
    rlim_t half = (rlim_t)(info.database_bytes / 2);
    CU_ASSERT_EQUAL(with_file_limit(half, restore_in_child, &sc), BK_DISK_FULL);
    CU_ASSERT_FALSE(harness_exists(sc.target));
    CU_ASSERT_EQUAL(with_file_limit(half, backup_in_child, &sc), BK_DISK_FULL);
    /* Beside the store: its folder and the first backup, nothing else. */
    CU_ASSERT_EQUAL(entries(sc.f.root), 2);
    scene_close(&sc);
}

static CU_TestInfo round_trip[] = {
    { "restore holds the same store", test_restore_holds_the_same_store },
    { "the header reads without a passphrase", test_info_reads_without_passphrase },
    { "the file is 0600 and shows no name", test_file_is_private_and_unreadable },
    { "a passphrase of backup time restores", test_restores_with_passphrase_of_backup_time },
    { "a new backup replaces an older one", test_backup_replaces_an_older_backup },
    { "a file that is not a backup is never replaced", test_backup_never_replaces_other_files },
    { "progress reaches its total", test_progress_reaches_its_total },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo refusals[] = {
    { "a flipped byte anywhere is refused", test_flipped_byte_anywhere_is_refused },
    { "a cut or extended file is refused", test_cut_or_extended_file_is_refused },
    { "a wrong passphrase writes nothing", test_wrong_passphrase_writes_nothing },
    { "a folder that is not empty is refused", test_refuses_a_folder_that_is_not_empty },
    { "a full disk is said and leaves nothing", test_full_disk_is_said_and_leaves_nothing },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo concurrent[] = {
    { "one moment despite a writer between steps", test_backup_is_one_moment_despite_a_writer },
    { "while another process writes", test_backup_while_another_process_writes },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "backup round trip", suite_init, suite_clean, NULL, NULL, round_trip },
        { "backup refusals", suite_init, suite_clean, NULL, NULL, refusals },
        { "backup while writing", suite_init, suite_clean, NULL, NULL, concurrent },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_backup", suites);
}
