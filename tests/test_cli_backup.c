/* test_cli_backup.c - `tipcase backup` and `tipcase restore` as an officer
 * types them (in-process through cli_run(), a real store with cheap key
 * derivation, a fixed clock).
 *
 * A backup is written and said; a restore shows what the backup is, asks
 * the passphrase, prints the check and leaves a store that opens with the
 * same cases.  Each refusal exits 1 with its own message - in Thai too -
 * and leaves the target folder as it was; wrong usage exits 2.  Progress
 * is never written when stderr is not a terminal. */
#define _GNU_SOURCE
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db/backup.h"
#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_cli.h"
#include "tests/harness_store.h"
#include "tui/app.h"
#include "tui/cli.h"

#define PASS "correct horse battery staple"
#define NOW "2026-03-10T03:00:00Z"      /* 10 Mar 2026, 10:00 in Bangkok */
#define OUT_MAX (64 * 1024)

static tc_fixed_clock fixed;
static tc_clock clk;
static char *top;
static char store_dir[512], target[512], file[512];
static char out[OUT_MAX], err[OUT_MAX];
static bool have_catalogue;

/* tipcase --data-dir DIR --user admin --passphrase-fd N ARGS, with pass. */
static int run_in(const char *dir, const char *pass, const char *const *args)
{
    harness_cli c = { dir, top, pass, clk, out, err, OUT_MAX };
    return harness_cli_run(&c, args);
}

static void make_catalogue(void)
{
    static const char thai[] =
        "msgid \"This file is not a tipcase backup.\"\n"
        "msgstr \"ไฟล์นี้ไม่ใช่ไฟล์สำรองข้อมูลของ tipcase\"\n"
        "msgid \"Restored into %s.\\n\"\nmsgstr \"กู้คืนข้อมูลไปยัง %s แล้ว\\n\"\n";
    have_catalogue = harness_cli_catalogue(top, thai);
}

static int suite_init(void)
{
    clk = harness_clock(&fixed, NOW);
    if (harness_cli_suite_open(&top, store_dir, sizeof store_dir, PASS, &clk, NULL) != 0)
        return -1;
    snprintf(target, sizeof target, "%s/restored", top);
    snprintf(file, sizeof file, "%s/cases.tcbackup", top);
    make_catalogue();
    return 0;
}

static int suite_clean(void)
{
    return harness_cli_suite_close(&top);
}

/* A fresh backup in file; target removed. */
static void fresh_backup(void)
{
    harness_rmtree(target);
    const char *const args[] = { "backup", file, NULL };
    CU_ASSERT_EQUAL_FATAL(run_in(store_dir, PASS, args), EXIT_OK);
}

static void test_backup_then_restore(void)
{
    harness_rmtree(target);
    const char *const add[] = { "case", "add", "--name", "อองมิน", "--sex", "male", "--age", "30",
                                "--nationality", "MM", NULL };
    CU_ASSERT_EQUAL_FATAL(run_in(store_dir, PASS, add), EXIT_OK);
    const char *const backup[] = { "backup", file, NULL };
    CU_ASSERT_EQUAL_FATAL(run_in(store_dir, PASS, backup), EXIT_OK);
    CU_ASSERT_TRUE(harness_has(out, "written to"));
    CU_ASSERT_TRUE(harness_has(out, file));
    CU_ASSERT_STRING_EQUAL(err, "");        /* not a terminal: no progress */
    const char *const restore[] = { "restore", file, NULL };
    CU_ASSERT_EQUAL_FATAL(run_in(target, PASS, restore), EXIT_OK);
    CU_ASSERT_TRUE(harness_has(out, "Backup of store:"));
    CU_ASSERT_TRUE(harness_has(out, "Made:\t10 Mar 2026 10:00"));
    CU_ASSERT_TRUE(harness_has(out, "Officers who can restore it:\t1"));
    CU_ASSERT_TRUE(harness_has(out, "Database: ok"));
    CU_ASSERT_TRUE(harness_has(out, "Audit trail: ok ("));
    CU_ASSERT_TRUE(harness_has(out, "Restored into"));
    const char *const list[] = { "case", "list", NULL };
    CU_ASSERT_EQUAL(run_in(target, PASS, list), EXIT_OK);
    CU_ASSERT_TRUE(harness_has(out, "อองมิน"));
}

static void test_quiet_backup_says_nothing(void)
{
    const char *const args[] = { "backup", file, "--quiet", NULL };
    CU_ASSERT_EQUAL(run_in(store_dir, PASS, args), EXIT_OK);
    CU_ASSERT_STRING_EQUAL(out, "");
    CU_ASSERT_STRING_EQUAL(err, "");
}

static void test_refusals_say_why(void)
{
    fresh_backup();
    char bad[600], notes[600];
    snprintf(bad, sizeof bad, "%s/bad.tcbackup", top);
    /* A damaged copy: the last byte flipped. */
    size_t len = 0;
    char *copy = harness_slurp(file, &len);
    CU_ASSERT_FATAL(copy && len > 0);
    copy[len - 1] ^= 1;
    harness_spill(bad, copy, len);
    free(copy);
    const struct { const char *dir, *pass, *file, *says; int rc; } rows[] = {
        { target, PASS, bad, "damaged or was changed", EXIT_USER },
        { target, PASS, store_dir, "could not be read", EXIT_USER },
        { target, PASS, "/nonexistent/x.tcbackup", "could not be read", EXIT_USER },
        { target, "not the passphrase", file, "Wrong officer name or passphrase", EXIT_USER },
        { store_dir, PASS, file, "already holds a tipcase store", EXIT_USER },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *const args[] = { "restore", rows[i].file, NULL };
        CHECK_ROW(run_in(rows[i].dir, rows[i].pass, args) == rows[i].rc, rows[i].says);
        CHECK_ROW(harness_has(err, rows[i].says), rows[i].says);
        CHECK_ROW(!harness_exists(target), rows[i].says);
    }
    /* A folder with a file in it. */
    CU_ASSERT_EQUAL_FATAL(mkdir(target, 0700), 0);
    snprintf(notes, sizeof notes, "%s/notes.txt", target);
    harness_spill(notes, "keep", 4);
    const char *const args[] = { "restore", file, NULL };
    CU_ASSERT_EQUAL(run_in(target, PASS, args), EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, "not empty"));
    CU_ASSERT_TRUE(harness_exists(notes));
    /* A backup over a file that is not one. */
    const char *const over[] = { "backup", notes, NULL };
    CU_ASSERT_EQUAL(run_in(store_dir, PASS, over), EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, "not a tipcase backup, so it was not replaced"));
    harness_rmtree(target);
}

static void test_not_a_backup_in_thai(void)
{
    if (!have_catalogue)
        return;
    char stranger[600];
    snprintf(stranger, sizeof stranger, "%s/stranger.txt", top);
    static const char text[] = "just some text, not a backup";
    harness_spill(stranger, text, strlen(text));
    const char *const args[] = { "restore", stranger, NULL };
    CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
    int rc = run_in(target, PASS, args);
    i18n_set_language("en");
    CU_ASSERT_EQUAL(rc, EXIT_USER);
    CU_ASSERT_TRUE(harness_has(err, "ไฟล์นี้ไม่ใช่ไฟล์สำรองข้อมูลของ tipcase"));
}

static void test_usage(void)
{
    const char *const none[] = { "backup", NULL };
    CU_ASSERT_EQUAL(run_in(store_dir, PASS, none), EXIT_USAGE);
    const char *const two[] = { "restore", file, "extra", NULL };
    CU_ASSERT_EQUAL(run_in(target, PASS, two), EXIT_USAGE);
}

static void test_help_names_both(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    cli_usage(mem);
    fclose(mem);
    CU_ASSERT_TRUE(harness_has(buf, "backup FILE [--quiet]"));
    CU_ASSERT_TRUE(harness_has(buf, "restore FILE --data-dir DIR"));
    free(buf);
}

static CU_TestInfo tests[] = {
    { "backup, then restore into a new folder", test_backup_then_restore },
    { "--quiet says nothing", test_quiet_backup_says_nothing },
    { "each refusal says why and writes nothing", test_refusals_say_why },
    { "not a backup, in Thai", test_not_a_backup_in_thai },
    { "wrong usage exits 2", test_usage },
    { "the help names both commands", test_help_names_both },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "backup and restore commands", suite_init, suite_clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_cli_backup", suites);
}
