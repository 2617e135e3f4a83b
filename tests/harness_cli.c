/* harness_cli.c - the command line run in-process (see harness_cli.h). */
#define _GNU_SOURCE
#include "config.h"
#include "tests/harness_cli.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "tui/cli.h"

/* Points fd at a new file; returns a copy of what fd was. */
static int capture(int fd, const char *path)
{
    int saved = dup(fd);
    int to = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    CU_ASSERT_FATAL(saved >= 0 && to >= 0);
    dup2(to, fd);
    close(to);
    return saved;
}

/* Puts fd back and reads what was written to path into `into`. */
static void restore(int fd, int saved, const char *path, char *into, size_t max)
{
    dup2(saved, fd);
    close(saved);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(into, 1, max - 1, f) : 0;
    into[n] = '\0';
    if (f)
        fclose(f);
}

int harness_cli_run(const harness_cli *c, const char *const *args)
{
    char *argv[24];
    int argc = 0;
    for (; args[argc] && argc < 23; argc++)
        argv[argc] = (char *)args[argc];
    argv[argc] = NULL;
    size_t len = strlen(c->pass);
    int pass[2];
    CU_ASSERT_FATAL(pipe(pass) == 0);
    CU_ASSERT_FATAL(write(pass[1], c->pass, len) == (ssize_t)len
                    && write(pass[1], "\n", 1) == 1);
    close(pass[1]);
    app_options opt;
    memset(&opt, 0, sizeof opt);
    snprintf(opt.data_dir, sizeof opt.data_dir, "%s", c->store_dir);
    opt.user = "admin";
    opt.passphrase_fd = pass[0];
    opt.clock = c->clock;
    char out_path[1024], err_path[1024];
    snprintf(out_path, sizeof out_path, "%s/stdout", c->scratch);
    snprintf(err_path, sizeof err_path, "%s/stderr", c->scratch);
    fflush(stdout);
    fflush(stderr);
    int saved_out = capture(STDOUT_FILENO, out_path);
    int saved_err = capture(STDERR_FILENO, err_path);
    int rc = cli_run(&opt, argc, argv);
    fflush(stdout);
    fflush(stderr);
    restore(STDOUT_FILENO, saved_out, out_path, c->out, c->max);
    restore(STDERR_FILENO, saved_err, err_path, c->err, c->max);
    close(pass[0]);
    return rc;
}

int harness_cli_suite_open(char **top, char *store_dir, size_t size, const char *pass,
                           const tc_clock *clock, bool (*fill)(store *s))
{
    if (sodium_init() < 0 || !(*top = harness_tempdir()))
        return -1;
    snprintf(store_dir, size, "%s/store", *top);
    store *s = NULL;
    if (harness_store_create(store_dir, "Somchai Admin", pass, clock, &s) != ST_OK)
        return -1;
    bool ok = !fill || fill(s);
    store_close(s);
    return ok ? 0 : -1;
}

bool harness_cli_catalogue(const char *dir, const char *entries)
{
    bool built = harness_make_catalogue(dir, entries) == 1;
    if (built) {
        setenv("TIPCASE_LOCALEDIR", dir, 1);
        i18n_init(NULL);
    }
    i18n_set_language("en");
    return built;
}

int harness_cli_suite_close(char **top)
{
    i18n_set_language("en");
    unsetenv("TIPCASE_LOCALEDIR");
    if (*top)
        harness_rmtree(*top);
    free(*top);
    *top = NULL;
    return 0;
}
