/* harness_cli.h - the command line run in-process, for the test programs
 * that check what a "tipcase ..." command prints (link with libtctui and
 * the libraries under it). */
#ifndef TC_HARNESS_CLI_H
#define TC_HARNESS_CLI_H
#include <stddef.h>
#include "core/clock.h"

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

#endif
