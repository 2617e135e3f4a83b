/* harness.h - the shared CUnit runner for every test program.
 *
 * A test file defines its suites as CU_SuiteInfo arrays and calls
 * harness_main().  The run prints CUnit's basic summary and then one line
 * "<program>: N passed, N failed" that .ci/run adds up. */
#ifndef TC_HARNESS_H
#define TC_HARNESS_H
#include <CUnit/CUnit.h>
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

/* One row of a table-driven test: on failure, name the row and the line. */
#define CHECK_ROW(cond, name)                                               \
    do {                                                                    \
        if (!(cond))                                                        \
            printf("\n    row failed: %s (line %d)\n", (name), __LINE__);   \
        CU_ASSERT(cond);                                                    \
    } while (0)

#endif
