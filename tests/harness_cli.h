/* harness_cli.h - the command line run in-process, for the test programs
 * that check what a "tipcase ..." command prints (link with libtctui and
 * the libraries under it). */
#ifndef TC_HARNESS_CLI_H
#define TC_HARNESS_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include "core/clock.h"
#include "db/store.h"

/* Where a run finds its store and puts what it printed. */
typedef struct harness_cli {
    const char *store_dir;  /* --data-dir */
    const char *scratch;    /* a directory for the captured files */
    const char *pass;       /* admin's passphrase, given on a pipe */
    tc_clock clock;
    char *out, *err;        /* what it wrote to stdout and stderr, each */
    size_t max;             /* ... at most max - 1 bytes, NUL-terminated */
} harness_cli;

/* cli_run(args) as "tipcase --user admin --passphrase-fd N ARGS" (args
 * ends with NULL; at most 23 words), stdout into c->out and stderr into
 * c->err.  Returns the exit code. */
int harness_cli_run(const harness_cli *c, const char *const *args);

/* ---- a CLI test program's suite ------------------------------------------- */

/* Suite set-up: *top becomes a new temporary directory (malloc'd), and the
 * store top/store (its path written into store_dir, of size bytes) is
 * created for the administrator "admin" ("Somchai Admin") with pass at
 * clock, filled by fill(s) unless fill is NULL, and closed.  Returns 0, or
 * -1 when a step failed (a suite's set-up cannot assert). */
int harness_cli_suite_open(char **top, char *store_dir, size_t size, const char *pass,
                           const tc_clock *clock, bool (*fill)(store *s));

/* Builds the Thai test catalogue of entries (msgid/msgstr pairs) in dir
 * with harness_make_catalogue() and points tipcase's messages at it; the
 * interface is left in English.  False when msgfmt could not build it:
 * the caller skips its Thai checks. */
bool harness_cli_catalogue(const char *dir, const char *entries);

/* Suite clean-up: the interface back in English, TIPCASE_LOCALEDIR unset,
 * *top removed and freed (NULL after).  Returns 0. */
int harness_cli_suite_close(char **top);

#endif
