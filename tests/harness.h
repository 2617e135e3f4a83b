/* harness.h - the shared CUnit runner for every test program.
 *
 * A test file defines its suites as CU_SuiteInfo arrays and calls
 * harness_main().  The run prints CUnit's basic summary and then one line
 * "<program>: N passed, N failed" that .ci/run adds up. */
#ifndef TC_HARNESS_H
#define TC_HARNESS_H
#include <CUnit/CUnit.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "core/caldate.h"
#include "core/clock.h"

/* Runs the suites; returns the process exit code (0 when all passed). */
int harness_main(const char *program, CU_SuiteInfo *suites);

/* A fresh empty directory under $TMPDIR (or /tmp); removed by
 * harness_rmtree().  Returns a malloc'd path. */
char *harness_tempdir(void);
void harness_rmtree(const char *path);

/* True when the file at path contains the byte string needle. */
int harness_file_contains(const char *path, const void *needle, size_t len);

/* Builds dir/th/LC_MESSAGES/tipcase.mo with msgfmt ($MSGFMT when set), as
 * "make install" would, from a Thai catalogue of the PO entries given
 * (msgid/msgstr pairs) under a header that makes i18n_is_thai() true.
 * Returns 1 when built, 0 when msgfmt cannot build it (the caller skips
 * the Thai checks), -1 when dir/th.po cannot be written. */
int harness_make_catalogue(const char *dir, const char *entries);

/* A fixed clock at the given ISO timestamp ("2026-11-21T03:00:00Z"),
 * Thailand's UTC offset (+7 h). */
tc_clock harness_clock(tc_fixed_clock *storage, const char *iso);

/* A date or time written in a test ("2026-11-21", "2026-11-21T03:00:00Z").
 * A typo in a test's own data fails the test that uses it (an assertion),
 * rather than testing the wrong thing. */
caldate harness_day(const char *iso);
int64_t harness_at(const char *iso);
/* The same for a suite's set-up, where CUnit has no test to fail: a typo
 * in the test's own data stops the program (abort). */
caldate harness_setup_day(const char *iso);

/* ---- files a test reads and writes -------------------------------------- */

/* True when buf contains text; otherwise prints both (so the failed
 * assertion around it shows what was there instead) and returns false. */
bool harness_has(const char *buf, const char *text);

/* The whole file at path, NUL-terminated (malloc'd; *len, when len is not
 * NULL, its length without the NUL), or NULL when it cannot be read. */
char *harness_slurp(const char *path, size_t *len);
/* Writes len bytes of buf to path, replacing it (a failure is fatal). */
void harness_spill(const char *path, const void *buf, size_t len);

bool harness_exists(const char *path);
/* The permission bits of path (mode & 0777), or -1 when it is not there. */
int harness_file_mode(const char *path);
/* True when path is a finished private file, as every file tipcase writes
 * for an officer must be: there, mode 0600, and no temporary "path.*"
 * left beside it (it was renamed into place).  Prints which promise failed. */
bool harness_private_file(const char *path);
/* True when neither path nor a temporary "path.*" is there: a refused or failed
 * command wrote nothing, not even a part. */
bool harness_nothing_written(const char *path);

/* The number of elements of array a. */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One row of a table-driven test: on failure, name the row and the line. */
#define CHECK_ROW(cond, name)                                               \
    do {                                                                    \
        if (!(cond))                                                        \
            printf("\n    row failed: %s (line %d)\n", (name), __LINE__);   \
        CU_ASSERT(cond);                                                    \
    } while (0)

#endif
